import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  FlowAnalysisError,
  resolveLocalModule
} from "./chunk-XUNU3GOX.js";
import {
  MAX_PYTHON_FILE_BYTES,
  UnreadableFileError,
  readBoundedFile,
  require_dist
} from "./chunk-VHMKHZJ2.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_crypto
} from "./chunk-6YASQSJ3.js";
import "./chunk-6ZI6ZE76.js";
import "./chunk-3VU2WZMP.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/core/flows/analyze.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);

// src/core/flows/interpreter.ts
var import_node_path = __toESM(require_node_path(), 1);
var import_yaml = __toESM(require_dist(), 1);

// src/core/flows/catalogue.ts
var KNOWN_MODULES = /* @__PURE__ */ new Set([
  "builtins",
  "typing",
  "typing_extensions",
  "collections",
  "collections.abc",
  "datetime",
  "enum",
  "pydantic",
  "pydantic.fields",
  "pydantic.types",
  "pydantic.networks",
  "pydantic.main",
  "pydantic.dataclasses",
  "dataclasses",
  "pathlib",
  "uuid",
  "decimal",
  "ipaddress",
  "re",
  "prefect",
  "prefect.flows",
  "prefect.types",
  "prefect.tasks",
  "yaml",
  "__future__",
  "abc",
  "functools",
  "inspect",
  "math",
  "os",
  "sys",
  "json",
  "logging",
  "asyncio",
  "time",
  "random",
  "string",
  "textwrap",
  "itertools",
  "operator",
  "copy",
  "warnings",
  "contextlib",
  "traceback",
  "pprint",
  "subprocess",
  "shutil",
  "tempfile",
  "glob",
  "io",
  "csv",
  "hashlib",
  "base64",
  "urllib",
  "urllib.parse",
  "zoneinfo",
  "numbers",
  "fractions",
  "statistics",
  "platform",
  "socket",
  "threading",
  "concurrent.futures",
  "argparse",
  "secrets",
  "calendar",
  "types",
  "weakref",
  "heapq",
  "bisect",
  "struct",
  "gzip",
  "zipfile",
  "tarfile",
  "pickle",
  "sqlite3",
  "http",
  "email",
  "html",
  "xml",
  "unittest",
  "signal",
  "queue",
  "multiprocessing",
  "getpass",
  "locale",
  "gettext",
  "codecs",
  "difflib",
  "dis",
  "ast",
  "importlib",
  "pkgutil",
  "site",
  "sysconfig",
  "errno",
  "stat",
  "fnmatch",
  "filecmp",
  "array",
  "prefect.logging",
  "prefect.runtime",
  "prefect.blocks",
  "prefect.artifacts",
  "prefect.context",
  "prefect.deployments",
  "prefect.futures",
  "prefect.states",
  "prefect.task_runners",
  "prefect.cache_policies",
  "prefect.variables",
  "prefect.client",
  "prefect.filesystems",
  "prefect.blocks.system",
  "prefect.utilities",
  "prefect.schedules",
  "os.path"
]);
var ALIASES = {
  "typing_extensions.": "typing.",
  "collections.abc.": "typing.",
  "pydantic.fields.": "pydantic.",
  "pydantic.types.": "pydantic.",
  "pydantic.networks.": "pydantic.",
  "pydantic.main.": "pydantic.",
  "prefect.flows.": "prefect.",
  "prefect.tasks.": "prefect.",
  "builtins.": ""
};
function canonicalName(module, attr) {
  const full = `${module}.${attr}`;
  for (const [from, to] of Object.entries(ALIASES)) {
    if (full.startsWith(from)) return to + full.slice(from.length);
  }
  if (full === "pydantic.dataclasses.dataclass") return "dataclasses.dataclass";
  if (full === "collections.OrderedDict" || full === "collections.defaultdict") return "dict";
  return full;
}
var BUILTIN_NAMES = /* @__PURE__ */ new Set([
  "int",
  "float",
  "str",
  "bool",
  "bytes",
  "list",
  "dict",
  "tuple",
  "set",
  "frozenset",
  "object",
  "type",
  "complex",
  "print",
  "len",
  "range",
  "sorted",
  "min",
  "max",
  "sum",
  "abs",
  "round",
  "repr",
  "isinstance",
  "getattr",
  "staticmethod",
  "classmethod",
  "property",
  "Exception",
  "ValueError",
  "TypeError",
  "KeyError",
  "ImportError",
  "ModuleNotFoundError",
  "NameError",
  "RuntimeError",
  "AttributeError",
  "NotImplementedError",
  "open",
  "enumerate",
  "zip",
  "map",
  "filter",
  "iter",
  "next",
  "id",
  "hash",
  "super",
  "vars",
  "dir",
  "format",
  "chr",
  "ord",
  "any",
  "all",
  "bytearray",
  "memoryview",
  "callable",
  "hasattr",
  "setattr",
  "issubclass",
  "globals",
  "locals",
  "input",
  "NotImplemented",
  "__import__"
]);
function specialAttribute(name2) {
  switch (name2) {
    case "typing.TYPE_CHECKING":
      return { k: "bool", v: false };
    case "datetime.timezone.utc":
    case "datetime.UTC":
      return { k: "object", type: "timezone", data: { offset: 0 } };
    case "math.pi":
      return { k: "float", v: Math.PI };
    case "math.e":
      return { k: "float", v: Math.E };
    case "math.inf":
      return { k: "float", v: Infinity };
    case "logging.DEBUG":
      return { k: "int", v: 10 };
    case "logging.INFO":
      return { k: "int", v: 20 };
    case "logging.WARNING":
      return { k: "int", v: 30 };
    case "logging.ERROR":
      return { k: "int", v: 40 };
    case "logging.CRITICAL":
      return { k: "int", v: 50 };
    default:
      return void 0;
  }
}

// src/core/flows/pyformat.ts
function pyFloatRepr(n) {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const exp = /e([+-]\d+)$/.exec(n.toExponential());
  const e = Number(exp[1]);
  if (e >= -4 && e < 16) {
    const s = String(n);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mant, ex] = n.toExponential().split("e");
  const sign = ex.startsWith("-") ? "-" : "+";
  return `${mant}e${sign}${ex.replace(/^[+-]/, "").padStart(2, "0")}`;
}
function isoDuration(totalMicros) {
  const neg = totalMicros < 0;
  let rest = Math.abs(totalMicros);
  const micros = rest % 1e6;
  rest = (rest - micros) / 1e6;
  const days = Math.floor(rest / 86400);
  let secs = rest - days * 86400;
  const hours = Math.floor(secs / 3600);
  secs -= hours * 3600;
  const minutes = Math.floor(secs / 60);
  secs -= minutes * 60;
  let out = neg ? "-P" : "P";
  const years = Math.floor(days / 365);
  const remDays = days % 365;
  if (years) out += `${years}Y`;
  if (remDays) out += `${remDays}D`;
  if (hours || minutes || secs || micros || days === 0) {
    out += "T";
    if (hours) out += `${hours}H`;
    if (minutes) out += `${minutes}M`;
    if (secs || micros || !hours && !minutes) {
      out += String(secs);
      if (micros) out += `.${String(micros).padStart(6, "0").replace(/0+$/, "")}`;
      out += "S";
    }
  }
  return out;
}
var pad = (n, w = 2) => String(n).padStart(w, "0");
function offsetText(offset) {
  if (offset === void 0) return "";
  if (offset === 0) return "Z";
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const s = a % 60;
  return `${sign}${pad(Math.floor(a / 3600))}:${pad(Math.floor(a % 3600 / 60))}${s ? `:${pad(s)}` : ""}`;
}
function fraction(micro) {
  return micro ? `.${pad(micro, 6)}` : "";
}
function isoDateTime(d) {
  return `${isoDate(d)}T${isoTime(d)}`;
}
function isoDate(d) {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}
function isoTime(d) {
  return `${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}${fraction(d.micro)}${offsetText(d.offset)}`;
}
function pyTitle(s) {
  let out = "";
  let prevCased = false;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const cased = lower !== upper;
    if (cased) out += prevCased ? lower : upper;
    else out += ch;
    prevCased = cased;
  }
  return out;
}
function fieldTitle(name2) {
  return pyTitle(name2).replace(/_/g, " ").trim();
}

// src/core/flows/values.ts
var NONE = { k: "none" };
var unknown = (why) => ({ k: "unknown", why });
var PyRaise = class extends Error {
  constructor(pyType, pyMessage, offset) {
    super(`${pyType}: ${pyMessage}`);
    this.pyType = pyType;
    this.pyMessage = pyMessage;
    this.offset = offset;
  }
  pyType;
  pyMessage;
  offset;
  /** Python's repr of the exception, as Prefect prints it in ScriptError. */
  repr() {
    return `${this.pyType}(${JSON.stringify(this.pyMessage)})`;
  }
};
function truthy(v) {
  switch (v.k) {
    case "none":
      return false;
    case "bool":
      return v.v;
    case "int":
    case "float":
      return v.v !== 0;
    case "str":
    case "bytes":
      return v.v.length > 0;
    case "list":
    case "tuple":
    case "set":
    case "frozenset":
      return v.items.length > 0;
    case "dict":
      return v.entries.length > 0;
    case "unknown":
      return void 0;
    default:
      return true;
  }
}

// src/core/flows/builtins.ts
function constrainedType(name2, args, kwargs) {
  const base = {
    "pydantic.conint": { k: "builtin", name: "int" },
    "pydantic.confloat": { k: "builtin", name: "float" },
    "pydantic.constr": { k: "builtin", name: "str" },
    "pydantic.conbytes": { k: "builtin", name: "bytes" },
    "pydantic.condecimal": { k: "builtin", name: "decimal.Decimal" },
    "pydantic.condate": { k: "builtin", name: "datetime.date" }
  };
  let type = base[name2];
  const constraints = new Map(kwargs);
  if (!type) {
    const item = args[0] ?? kwargs.get("item_type") ?? { k: "builtin", name: "typing.Any" };
    constraints.delete("item_type");
    const origin = name2 === "pydantic.conlist" ? "list" : name2 === "pydantic.conset" ? "set" : "frozenset";
    type = { k: "generic", origin, args: [item] };
  }
  return { k: "generic", origin: "typing.Annotated", args: [type, { k: "field", info: { hasFactory: false, kwargs: constraints } }] };
}
function flowNameValue(flow) {
  const n = flow.kwargs.get("name");
  if (n?.k === "str" && n.v !== "") return n;
  if (n?.k === "unknown") return n;
  return { k: "str", v: flow.fn.name.replace(/_/g, "-") };
}
function mathCall(name2, args) {
  const nums = args.map((a2) => a2.k === "int" || a2.k === "float" ? a2.v : a2.k === "bool" ? Number(a2.v) : void 0);
  if (nums.some((n) => n === void 0)) return unknown(`${name2}(...)`);
  const [a = 0, b = 0] = nums;
  switch (name2) {
    case "math.sqrt":
      return { k: "float", v: Math.sqrt(a) };
    case "math.exp":
      return { k: "float", v: Math.exp(a) };
    case "math.log":
      return { k: "float", v: args.length > 1 ? Math.log(a) / Math.log(b) : Math.log(a) };
    case "math.log10":
      return { k: "float", v: Math.log10(a) };
    case "math.log2":
      return { k: "float", v: Math.log2(a) };
    case "math.pow":
      return { k: "float", v: a ** b };
    case "math.floor":
      return { k: "int", v: Math.floor(a) };
    case "math.ceil":
      return { k: "int", v: Math.ceil(a) };
    case "math.fabs":
      return { k: "float", v: Math.abs(a) };
    default:
      return unknown(`${name2}(...)`);
  }
}
function pyJsonDumps(v) {
  switch (v.k) {
    case "none":
      return "null";
    case "bool":
      return v.v ? "true" : "false";
    case "int":
      return String(v.v);
    case "float":
      if (Number.isNaN(v.v)) return "NaN";
      if (!Number.isFinite(v.v)) return v.v > 0 ? "Infinity" : "-Infinity";
      return pyFloatRepr(v.v);
    case "str":
      return JSON.stringify(v.v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    case "list":
    case "tuple": {
      const items = v.items.map(pyJsonDumps);
      return items.some((i) => i === void 0) ? void 0 : `[${items.join(", ")}]`;
    }
    case "dict": {
      const parts = [];
      for (const [k, val] of v.entries) {
        const key = k.k === "str" ? k : k.k === "int" || k.k === "float" || k.k === "bool" || k.k === "none" ? { k: "str", v: pyJsonDumps(k) } : void 0;
        const value = pyJsonDumps(val);
        if (!key || value === void 0) return void 0;
        parts.push(`${pyJsonDumps(key)}: ${value}`);
      }
      return `{${parts.join(", ")}}`;
    }
    default:
      return void 0;
  }
}
function makeFlow(target, kwargs, offset) {
  if (!target) return unknown("flow()");
  if (target.k === "flow") return { k: "flow", flow: { fn: target.flow.fn, kwargs } };
  if (target.k === "class") {
    const init = constructorOf(target.cls);
    if (!init) return unknown(`the class ${target.cls.name}, whose constructor signature this reader cannot derive (only plain classes are read)`);
    target = init;
  }
  if (target.k !== "function") {
    if (target.k === "unknown") return target;
    throw new PyRaise("TypeError", "flow() expects a function", offset);
  }
  const name2 = kwargs.get("name");
  if (name2 && name2.k !== "none" && name2.k !== "unknown") {
    if (name2.k !== "str") throw new PyRaise("TypeError", `Expected string for flow parameter 'name'; got ${name2.k} instead.`, offset);
    const bad = /[/%&><]/.exec(name2.v);
    if (bad) {
      throw new PyRaise("InvalidNameError", `Name "${name2.v}" contains an invalid character "${bad[0]}". Invalid characters: /, %, &, >, <`, offset);
    }
  }
  for (const p of target.fn.params) {
    if (p.name === "return_state" || p.name === "wait_for") {
      throw new PyRaise("ReservedArgumentError", `'${p.name}' is a reserved argument name and cannot be used in flow functions.`, offset);
    }
    if (p.name.startsWith("_") && p.kind !== "varargs" && p.kind !== "varkw") {
      throw new PyRaise("NameError", `Fields must not use names with leading underscores; e.g., use '${p.name.replace(/^_+/, "")}' instead of '${p.name}'.`, offset);
    }
  }
  return { k: "flow", flow: target.via ? { fn: target.fn, kwargs, via: target.via } : { fn: target.fn, kwargs } };
}
function constructorOf(cls) {
  if (cls.kind !== "plain") return void 0;
  const init = lookupInit(cls, /* @__PURE__ */ new Set());
  if (init) return { k: "function", fn: { ...init, name: cls.name, doc: cls.doc, rawDoc: cls.doc, params: init.params.slice(1) } };
  if (init === void 0 || !cls.node || !cls.scope) return void 0;
  const fn = {
    name: cls.name,
    node: cls.node,
    source: cls.scope.module.source,
    isAsync: false,
    params: [],
    doc: cls.doc,
    rawDoc: cls.doc,
    scope: cls.scope,
    stringAnnotations: false
  };
  return { k: "function", fn };
}
function lookupInit(cls, seen) {
  if (seen.has(cls)) return void 0;
  seen.add(cls);
  const own = cls.attrs.get("__init__");
  if (own !== void 0) return own.k === "function" && !own.wrapper ? own.fn : void 0;
  for (const b of cls.bases) {
    if (b.k === "builtin" && b.name === "object") continue;
    if (b.k !== "class" || b.cls.kind !== "plain") return void 0;
    const found = lookupInit(b.cls, seen);
    if (found !== null) return found;
  }
  return null;
}
function functionalEnum(name2, args, kwargs) {
  const clsName = args[0]?.k === "str" ? args[0].v : void 0;
  const spec = args[1] ?? kwargs.get("names");
  if (!clsName || !spec) return unknown(`${name2}(...)`);
  const members = [];
  const strValues = name2 === "enum.StrEnum";
  const auto = (n, i) => strValues ? { k: "str", v: n.toLowerCase() } : { k: "int", v: i + 1 };
  if (spec.k === "str")
    spec.v.replace(/,/g, " ").split(/\s+/).filter(Boolean).forEach((n, i) => members.push({ name: n, value: auto(n, i) }));
  else if (spec.k === "list" || spec.k === "tuple") {
    spec.items.forEach((it, i) => {
      if (it.k === "str") members.push({ name: it.v, value: auto(it.v, i) });
      else if ((it.k === "tuple" || it.k === "list") && it.items[0]?.k === "str") members.push({ name: it.items[0].v, value: it.items[1] });
    });
  } else if (spec.k === "dict") {
    for (const [k, v] of spec.entries) if (k.k === "str") members.push({ name: k.v, value: v });
  } else return unknown(`${name2}(...)`);
  return {
    k: "class",
    cls: { name: clsName, kind: "enum", doc: null, bases: [], fields: [], attrs: /* @__PURE__ */ new Map(), members, extraForbid: false, scope: null }
  };
}
function createModel(args, kwargs) {
  const name2 = args[0]?.k === "str" ? args[0].v : "DynamicModel";
  const fields = [];
  for (const [fname, spec] of kwargs) {
    if (fname.startsWith("__")) continue;
    if (spec.k === "tuple" && spec.items.length === 2) {
      const f = { name: fname, type: spec.items[0] };
      const d = spec.items[1];
      if (d.k !== "ellipsis") f.default = d;
      fields.push(f);
    } else fields.push({ name: fname, type: { k: "builtin", name: "typing.Any" }, default: spec });
  }
  return {
    k: "class",
    cls: { name: name2, kind: "model", doc: null, bases: [], fields, attrs: /* @__PURE__ */ new Map(), members: [], extraForbid: false, scope: null }
  };
}
function classKind(bases, decorators) {
  if (decorators.some((d) => d.k === "builtin" && d.name === "dataclasses.dataclass")) return "dataclass";
  for (const b of bases) {
    if (b.k === "builtin") {
      if (/^enum\.(Enum|IntEnum|StrEnum|Flag|IntFlag)$/.test(b.name)) return "enum";
      if (b.name === "pydantic.BaseModel" || b.name === "prefect.BaseModel" || b.name === "pydantic.RootModel") return "model";
      if (b.name === "typing.TypedDict" || b.name === "typing.TypedDict#stdlib") return "typeddict";
      if (b.name === "typing.NamedTuple") return "namedtuple";
    }
    if (b.k === "generic" && b.origin === "pydantic.RootModel") return "model";
    if (b.k === "class" && b.cls.kind !== "plain") return b.cls.kind;
  }
  return "plain";
}
function fieldAlias(f) {
  if (f.default?.k === "field") {
    const a = f.default.info.kwargs.get("alias");
    if (a?.k === "str") return a.v;
  }
  return void 0;
}

// src/core/flows/stdobjects.ts
function makeStdObject(name2, args, kwargs) {
  const num = (i, key, dflt) => {
    const v = args[i] ?? kwargs.get(key);
    if (v === void 0) return dflt;
    if (v.k === "int" || v.k === "float") return v.v;
    return void 0;
  };
  switch (name2) {
    case "datetime.datetime":
    case "prefect.types.DateTime": {
      const parts = [num(0, "year"), num(1, "month"), num(2, "day"), num(3, "hour", 0), num(4, "minute", 0), num(5, "second", 0), num(6, "microsecond", 0)];
      if (parts.some((p) => p === void 0)) return unknown("datetime(...) with runtime values");
      const tz = args[7] ?? kwargs.get("tzinfo");
      const data = {
        year: parts[0],
        month: parts[1],
        day: parts[2],
        hour: parts[3],
        minute: parts[4],
        second: parts[5],
        micro: parts[6]
      };
      if (tz && tz.k !== "none") {
        if (tz.k !== "object" || tz.type !== "timezone") return unknown("datetime with a time zone known only at runtime");
        data.offset = tz.data.offset;
      }
      return { k: "object", type: "datetime", data };
    }
    case "datetime.date": {
      const parts = [num(0, "year"), num(1, "month"), num(2, "day")];
      if (parts.some((p) => p === void 0)) return unknown("date(...) with runtime values");
      return { k: "object", type: "date", data: { year: parts[0], month: parts[1], day: parts[2] } };
    }
    case "datetime.time": {
      const parts = [num(0, "hour", 0), num(1, "minute", 0), num(2, "second", 0), num(3, "microsecond", 0)];
      if (parts.some((p) => p === void 0)) return unknown("time(...) with runtime values");
      const tz = args[4] ?? kwargs.get("tzinfo");
      const data = { hour: parts[0], minute: parts[1], second: parts[2], micro: parts[3] };
      if (tz && tz.k !== "none") {
        if (tz.k !== "object" || tz.type !== "timezone") return unknown("time with a runtime time zone");
        data.offset = tz.data.offset;
      }
      return { k: "object", type: "time", data };
    }
    case "datetime.timedelta":
    case "prefect.types.Duration": {
      const keys = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
      const factors = [864e8, 1e6, 1, 1e3, 6e7, 36e8, 7 * 864e8];
      let total = 0;
      for (let i = 0; i < keys.length; i++) {
        const v = num(i, keys[i], 0);
        if (v === void 0) return unknown("timedelta(...) with runtime values");
        total += v * factors[i];
      }
      return timedeltaFrom(Math.round(total));
    }
    case "datetime.timezone": {
      const td = args[0] ?? kwargs.get("offset");
      if (td?.k !== "object" || td.type !== "timedelta") return unknown("timezone(...)");
      return { k: "object", type: "timezone", data: { offset: (td.data.days ?? 0) * 86400 + (td.data.seconds ?? 0) } };
    }
    case "uuid.UUID": {
      const s = args[0] ?? kwargs.get("hex");
      if (s?.k !== "str") return unknown("UUID(...)");
      const hex = s.v.replace(/^urn:uuid:/, "").replace(/[{}-]/g, "").toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(hex)) return void 0;
      const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      return { k: "object", type: "uuid", data: { text } };
    }
    case "pathlib.Path":
    case "pathlib.PurePath":
    case "pathlib.PosixPath":
    case "pathlib.PurePosixPath": {
      let text = "";
      for (const a of args) {
        if (a.k === "str") text = joinPath(text, a.v);
        else if (a.k === "object" && a.type === "path") text = joinPath(text, a.data.text ?? "");
        else return unknown("Path(...) with runtime values");
      }
      return { k: "object", type: "path", data: { text: normalisePath(text) } };
    }
    case "decimal.Decimal": {
      const v = args[0] ?? { k: "int", v: 0 };
      if (v.k === "str") return { k: "object", type: "decimal", data: { text: decimalText(v.v.trim()) } };
      if (v.k === "int") return { k: "object", type: "decimal", data: { text: String(v.v) } };
      return unknown("Decimal(...)");
    }
    case "ipaddress.IPv4Address":
    case "ipaddress.IPv6Address":
    case "ipaddress.ip_address":
    case "ipaddress.IPv4Network":
    case "ipaddress.IPv6Network":
    case "ipaddress.ip_network": {
      const a = args[0];
      return a?.k === "str" ? { k: "object", type: "ip", data: { text: a.v } } : unknown(`${name2}(...)`);
    }
    case "pydantic.SecretStr":
    case "pydantic.SecretBytes":
      return { k: "object", type: "secret", data: {} };
    default:
      return void 0;
  }
}
function timedeltaFrom(totalMicros) {
  const micro = (totalMicros % 1e6 + 1e6) % 1e6;
  const totalSecs = (totalMicros - micro) / 1e6;
  const days = Math.floor(totalSecs / 86400);
  return { k: "object", type: "timedelta", data: { days, seconds: totalSecs - days * 86400, micro } };
}
function normalisePath(p) {
  if (p === "") return ".";
  const abs = p.startsWith("/");
  const parts = p.split("/").filter((x) => x !== "" && x !== ".");
  const body = parts.join("/");
  if (abs) return `/${body}`;
  return body === "" ? "." : body;
}
function decimalText(s) {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(s);
  if (!m) return s.replace(/^\+/, "");
  const [, sign, intPart, frac = "", expText] = m;
  const digits = (intPart + frac).replace(/^0+(?=\d)/, "") || "0";
  const exp = Number(expText) - frac.length;
  const adjusted = exp + digits.length - 1;
  const sg = sign === "-" ? "-" : "";
  if (exp <= 0 && adjusted >= -6) {
    if (exp === 0) return sg + digits;
    const padded = digits.padStart(-exp + 1, "0");
    return `${sg}${padded.slice(0, exp)}.${padded.slice(exp)}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sg}${mant}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
}
function joinPath(a, b) {
  if (b.startsWith("/")) return b;
  if (a === "." || a === "") return b;
  return a.endsWith("/") ? a + b : `${a}/${b}`;
}

// src/core/flows/operators.ts
function iterate(v) {
  switch (v.k) {
    case "list":
    case "tuple":
    case "set":
    case "frozenset":
      return v.items;
    case "dict":
      return v.entries.map(([k]) => k);
    case "str":
      return [...v.v].map((c) => ({ k: "str", v: c }));
    case "class":
      return v.cls.kind === "enum" ? v.cls.members.map((m) => ({ k: "member", cls: v.cls, name: m.name, value: m.value })) : void 0;
    default:
      return void 0;
  }
}
function compareValues(a, b) {
  if ((a.k === "int" || a.k === "float" || a.k === "bool") && (b.k === "int" || b.k === "float" || b.k === "bool")) {
    return Number(a.v) - Number(b.v);
  }
  if (a.k === "str" && b.k === "str") return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  return void 0;
}
function sortValues(items) {
  let ok = true;
  const sorted = [...items].sort((a, b) => {
    const c = compareValues(a, b);
    if (c === void 0) ok = false;
    return c ?? 0;
  });
  return ok ? sorted : void 0;
}
function percentFormat(fmt, arg) {
  const args = arg.k === "tuple" ? arg.items : [arg];
  let i = 0;
  let ok = true;
  const out = fmt.replace(/%([sdrif%])/g, (_m, c) => {
    if (c === "%") return "%";
    const v = args[i++];
    if (!v) {
      ok = false;
      return "";
    }
    const text = c === "r" ? pyRepr(v) : c === "d" || c === "i" ? v.k === "int" || v.k === "float" ? String(Math.trunc(v.v)) : void 0 : pyStr(v);
    if (text === void 0) ok = false;
    return text ?? "";
  });
  return ok && i === args.length ? { k: "str", v: out } : unknown("%-formatting");
}
function dedent(text) {
  const lines = text.replace(/^[ \t]+$/gm, "").split("\n");
  let margin;
  for (const line of lines) {
    const m = /^([ \t]*)[^ \t]/.exec(line);
    if (!m) continue;
    const ws = m[1];
    if (margin === void 0 || ws.startsWith(margin)) margin ??= ws;
    else if (margin.startsWith(ws)) margin = ws;
    else {
      let i = 0;
      while (i < margin.length && margin[i] === ws[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  return margin ? lines.map((l) => l.startsWith(margin) ? l.slice(margin.length) : l).join("\n") : lines.join("\n");
}
function pathAttribute(p, attr, self) {
  const cut = p.lastIndexOf("/");
  const name2 = p.slice(cut + 1);
  switch (attr) {
    case "parent":
      return { k: "object", type: "path", data: { text: cut < 0 ? "." : cut === 0 ? "/" : p.slice(0, cut) } };
    case "name":
      return { k: "str", v: name2 };
    case "stem": {
      const dot2 = name2.lastIndexOf(".");
      return { k: "str", v: dot2 > 0 ? name2.slice(0, dot2) : name2 };
    }
    case "suffix": {
      const dot2 = name2.lastIndexOf(".");
      return { k: "str", v: dot2 > 0 ? name2.slice(dot2) : "" };
    }
    default:
      return { k: "method", self, name: attr };
  }
}
function fromJs(v) {
  if (v === null || v === void 0) return NONE;
  if (typeof v === "boolean") return { k: "bool", v };
  if (typeof v === "number") return Number.isInteger(v) ? { k: "int", v } : { k: "float", v };
  if (typeof v === "string") return { k: "str", v };
  if (Array.isArray(v)) return { k: "list", items: v.map(fromJs) };
  if (v instanceof Date) return unknown("a YAML timestamp");
  if (typeof v === "object") return { k: "dict", entries: Object.entries(v).map(([k, val]) => [{ k: "str", v: k }, fromJs(val)]) };
  return unknown("a YAML value");
}
function fromIsoFormat(kind, text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return unknown(`${kind}.fromisoformat(${JSON.stringify(text)})`);
  const [, y, mo, d, h, mi, sec, frac, tz] = m;
  if (kind === "date") {
    if (h !== void 0) return unknown("date.fromisoformat with a time");
    return { k: "object", type: "date", data: { year: +y, month: +mo, day: +d } };
  }
  const data = {
    year: +y,
    month: +mo,
    day: +d,
    hour: +(h ?? 0),
    minute: +(mi ?? 0),
    second: +(sec ?? 0),
    micro: frac ? +frac.padEnd(6, "0") : 0
  };
  if (tz) data.offset = tz === "Z" ? 0 : (tz.startsWith("-") ? -1 : 1) * (+tz.slice(1, 3) * 3600 + +tz.slice(4, 6) * 60);
  return { k: "object", type: "datetime", data };
}
function parseNumber(text) {
  const t2 = text.replace(/_/g, "");
  if (/[jJ]$/.test(t2)) return complexValue(0, Number(t2.slice(0, -1)));
  if (/^0[xX]/.test(t2)) return { k: "int", v: parseInt(t2.slice(2), 16) };
  if (/^0[oO]/.test(t2)) return { k: "int", v: parseInt(t2.slice(2), 8) };
  if (/^0[bB]/.test(t2)) return { k: "int", v: parseInt(t2.slice(2), 2) };
  if (/[.eE]/.test(t2)) return { k: "float", v: Number(t2) };
  return { k: "int", v: Number(t2) };
}
function complexValue(re, im) {
  return { k: "object", type: "complex", data: { re, im, text: complexText(re, im) } };
}
function complexText(re, im) {
  const part = (n) => Number.isInteger(n) ? String(n) : pyFloatRepr(n);
  return re === 0 && !Object.is(re, -0) ? `${part(im)}j` : `${part(re)}${im < 0 || Object.is(im, -0) ? "-" : "+"}${part(Math.abs(im))}j`;
}
function utf8ToLatin1(s) {
  return String.fromCharCode(...new TextEncoder().encode(s));
}
function dedupe(items) {
  const out = [];
  for (const it of items) if (!out.some((o) => pyEquals(o, it))) out.push(it);
  return out;
}
function setEntry(entries, key, value) {
  const i = entries.findIndex(([k]) => pyEquals(k, key));
  if (i >= 0) entries[i][1] = value;
  else entries.push([key, value]);
}
function pyEquals(a, b) {
  const num = (v) => v.k === "int" || v.k === "float" ? v.v : v.k === "bool" ? v.v ? 1 : 0 : void 0;
  const na = num(a);
  const nb = num(b);
  if (na !== void 0 && nb !== void 0) return na === nb;
  if (a.k === "str" && b.k === "str") return a.v === b.v;
  if (a.k === "none" && b.k === "none") return true;
  if (a.k === "tuple" && b.k === "tuple" || a.k === "list" && b.k === "list") {
    return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]));
  }
  if (a.k === "member" && b.k === "member") return a.cls === b.cls && a.name === b.name;
  return false;
}
function isTypeLike(v) {
  return ["builtin", "generic", "class", "none", "unknown"].includes(v.k);
}
function tdMicros(v) {
  return ((v.data.days ?? 0) * 86400 + (v.data.seconds ?? 0)) * 1e6 + (v.data.micro ?? 0);
}
function binaryOp(op, a, b) {
  const isNum = (v) => v.k === "int" || v.k === "float";
  if (isNum(a) && isNum(b)) {
    const bothInt = a.k === "int" && b.k === "int";
    const k = bothInt ? "int" : "float";
    switch (op) {
      case "+":
        return { k, v: a.v + b.v };
      case "-":
        return { k, v: a.v - b.v };
      case "*":
        return { k, v: a.v * b.v };
      case "/":
        return { k: "float", v: a.v / b.v };
      case "//":
        return { k, v: Math.floor(a.v / b.v) };
      case "%":
        return { k, v: (a.v % b.v + b.v) % b.v };
      case "**":
        return { k, v: a.v ** b.v };
      case "<":
        return { k: "bool", v: a.v < b.v };
      case ">":
        return { k: "bool", v: a.v > b.v };
      case "<=":
        return { k: "bool", v: a.v <= b.v };
      case ">=":
        return { k: "bool", v: a.v >= b.v };
    }
  }
  if (op === "==" || op === "!=") {
    const eq = pyEquals(a, b) || a.k === b.k && a.k !== "object" && a.k !== "instance" && a.k !== "unknown" && pyRepr(a) === pyRepr(b) && pyRepr(a) !== void 0;
    return { k: "bool", v: op === "==" ? eq : !eq };
  }
  if ((a.k === "tuple" || a.k === "list") && a.k === b.k && ["<", ">", "<=", ">="].includes(op)) {
    let c = 0;
    for (let i = 0; i < Math.min(a.items.length, b.items.length) && c === 0; i++) {
      const r = compareValues(a.items[i], b.items[i]);
      if (r === void 0) return unknown("comparison");
      c = r;
    }
    if (c === 0) c = a.items.length - b.items.length;
    const result = op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
    return { k: "bool", v: result };
  }
  if (op === "is" || op === "is not") {
    if (a.k === "none" || b.k === "none") {
      const same = a.k === b.k;
      return { k: "bool", v: op === "is" ? same : !same };
    }
    return unknown("identity comparison");
  }
  if (op === "+" && a.k === "str" && b.k === "str") return { k: "str", v: a.v + b.v };
  if (op === "+" && a.k === "bytes" && b.k === "bytes") return { k: "bytes", v: a.v + b.v };
  if (op === "+" && a.k === b.k && (a.k === "list" || a.k === "tuple") && (b.k === "list" || b.k === "tuple")) {
    return { k: a.k, items: [...a.items, ...b.items] };
  }
  if (op === "*" && a.k === "str" && b.k === "int") return { k: "str", v: a.v.repeat(Math.max(0, b.v)) };
  if (op === "%" && a.k === "str") return percentFormat(a.v, b);
  if (op === "|" && a.k === "dict" && b.k === "dict") {
    const entries = [...a.entries];
    for (const [k, v] of b.entries) setEntry(entries, k, v);
    return { k: "dict", entries };
  }
  if ((op === "in" || op === "not in") && (b.k === "list" || b.k === "tuple" || b.k === "set")) {
    const found = b.items.some((x) => pyEquals(x, a));
    return { k: "bool", v: op === "in" ? found : !found };
  }
  if (a.k === "object" && b.k === "object" && a.type === "timedelta" && b.type === "timedelta") {
    if (op === "+") return timedeltaFrom(tdMicros(a) + tdMicros(b));
    if (op === "-") return timedeltaFrom(tdMicros(a) - tdMicros(b));
  }
  const asComplex = (v) => v.k === "int" || v.k === "float" ? [v.v, 0] : v.k === "object" && v.type === "complex" ? [v.data.re ?? 0, v.data.im ?? 0] : void 0;
  const ca = asComplex(a);
  const cb = asComplex(b);
  if (ca && cb && (op === "+" || op === "-")) return complexValue(op === "+" ? ca[0] + cb[0] : ca[0] - cb[0], op === "+" ? ca[1] + cb[1] : ca[1] - cb[1]);
  if (a.k === "object" && a.type === "timedelta" && (b.k === "int" || b.k === "float") && op === "*") {
    return timedeltaFrom(Math.round(tdMicros(a) * b.v));
  }
  if (a.k === "object" && a.type === "path" && b.k === "str" && op === "/") {
    return { k: "object", type: "path", data: { text: joinPath(a.data.text ?? "", b.v) } };
  }
  return unknown(`operator ${op}`);
}
function strMethod(s, method, args) {
  switch (method) {
    case "upper":
      return { k: "str", v: s.toUpperCase() };
    case "lower":
      return { k: "str", v: s.toLowerCase() };
    case "title":
      return { k: "str", v: pyTitle(s) };
    case "capitalize":
      return { k: "str", v: s.charAt(0).toUpperCase() + s.slice(1).toLowerCase() };
    case "lstrip":
      if (args.length === 0) return { k: "str", v: s.trimStart() };
      break;
    case "rstrip":
      if (args.length === 0) return { k: "str", v: s.trimEnd() };
      break;
    case "strip":
      return { k: "str", v: s.trim() };
    case "format": {
      let i = 0;
      let ok = true;
      const out = s.replace(/\{(\d*)\}/g, (_all, idx) => {
        const v = args[idx === "" ? i++ : Number(idx)];
        const t2 = v ? pyStr(v) : void 0;
        if (t2 === void 0) ok = false;
        return t2 ?? "";
      });
      return ok ? { k: "str", v: out } : unknown("str.format");
    }
    case "join": {
      const a = args[0];
      if (a && (a.k === "list" || a.k === "tuple") && a.items.every((x) => x.k === "str")) {
        return { k: "str", v: a.items.map((x) => x.v).join(s) };
      }
      return unknown("str.join");
    }
    case "replace":
      if (args[0]?.k === "str" && args[1]?.k === "str") return { k: "str", v: s.split(args[0].v).join(args[1].v) };
      return unknown("str.replace");
    default:
      break;
  }
  return unknown(`str.${method}`);
}
function pyStr(v) {
  switch (v.k) {
    case "str":
      return v.v;
    case "member":
      return `${v.cls.name}.${v.name}`;
    case "object":
      if (v.type === "path" || v.type === "uuid" || v.type === "decimal") return v.data.text;
      return void 0;
    default:
      return pyRepr(v);
  }
}
function pyRepr(v) {
  switch (v.k) {
    case "none":
      return "None";
    case "bool":
      return v.v ? "True" : "False";
    case "int":
      return String(v.v);
    case "float":
      return pyFloatRepr(v.v);
    case "str":
      return `'${v.v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
    case "list":
    case "tuple": {
      const items = v.items.map(pyRepr);
      if (items.some((i) => i === void 0)) return void 0;
      if (v.k === "list") return `[${items.join(", ")}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    default:
      return void 0;
  }
}

// src/core/flows/docstrings.ts
function expandTabs(line) {
  let out = "";
  for (const ch of line) {
    if (ch === "	") out += " ".repeat(8 - out.length % 8);
    else out += ch;
  }
  return out;
}
var isPySpace = (ch) => /[\s\x1c-\x1f\x85]/.test(ch);
function lstripLen(line) {
  let i = 0;
  while (i < line.length && isPySpace(line[i])) i++;
  return i;
}
function cleandoc(doc) {
  const expanded = doc.split("\n").map(expandTabs);
  let margin = Infinity;
  for (const line of expanded.slice(1)) {
    const content2 = line.length - lstripLen(line);
    if (content2 > 0) margin = Math.min(margin, line.length - content2);
  }
  const out = [...expanded];
  if (out.length > 0) out[0] = out[0].slice(lstripLen(out[0]));
  if (margin !== Infinity) for (let i = 1; i < out.length; i++) out[i] = out[i].slice(margin);
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  while (out.length > 0 && out[0] === "") out.shift();
  return out.join("\n");
}
var HEADER = /^(\w[\w\s-]*):(?:\s+.*)?$/;
var PARAM_HEADERS = /* @__PURE__ */ new Set(["args", "arguments", "params", "parameters"]);
function parameterDescriptions(docstring) {
  const result = /* @__PURE__ */ new Map();
  if (docstring === null) return result;
  const lines = cleandoc(docstring.replace(/\s+$/, "")).split("\n");
  let inFence = false;
  let lastSection = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trimStart().startsWith("```")) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const m = HEADER.exec(line);
    if (!m) continue;
    const prevBlank = i === 0 || lines[i - 1].trim() === "";
    const next = lines[i + 1];
    if (!prevBlank || next === void 0 || next.trim() === "" || !next.startsWith(" ")) continue;
    const kind = m[1].trim().toLowerCase();
    const [items, end] = readItems(lines, i + 1);
    if (PARAM_HEADERS.has(kind)) lastSection = items;
    i = end - 1;
  }
  if (!lastSection) return result;
  for (const item of lastSection) {
    const first = item[0];
    const colon = first.indexOf(":");
    if (colon < 0) continue;
    const namePart = first.slice(0, colon);
    const text = [first.slice(colon + 1).replace(/^\s+/, ""), ...item.slice(1)].join("\n").replace(/\n+$/, "");
    const name2 = namePart.includes("(") && namePart.endsWith(")") ? namePart.slice(0, namePart.indexOf("(")).trim() : namePart;
    result.set(name2, text);
  }
  return result;
}
function readItems(lines, start) {
  const first = lines[start];
  const indent2 = first.length - first.trimStart().length;
  const items = [[first.slice(indent2)]];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") {
      items[items.length - 1].push("");
      continue;
    }
    const ind = line.length - line.trimStart().length;
    if (ind >= 2 * indent2) items[items.length - 1].push(line.slice(2 * indent2));
    else if (ind > indent2) items[items.length - 1].push(line.trimStart());
    else if (ind === indent2) items.push([line.slice(indent2)]);
    else break;
  }
  for (const item of items) while (item.length > 1 && item[item.length - 1] === "") item.pop();
  return [items, i];
}

// node_modules/@lezer/common/dist/index.js
var DefaultBufferLength = 1024;
var nextPropID = 0;
var Range = class {
  constructor(from, to) {
    this.from = from;
    this.to = to;
  }
};
var NodeProp = class {
  /**
  Create a new node prop type.
  */
  constructor(config = {}) {
    this.id = nextPropID++;
    this.perNode = !!config.perNode;
    this.deserialize = config.deserialize || (() => {
      throw new Error("This node type doesn't define a deserialize function");
    });
    this.combine = config.combine || null;
  }
  /**
  This is meant to be used with
  [`NodeSet.extend`](#common.NodeSet.extend) or
  [`LRParser.configure`](#lr.ParserConfig.props) to compute
  prop values for each node type in the set. Takes a [match
  object](#common.NodeType^match) or function that returns undefined
  if the node type doesn't get this prop, and the prop's value if
  it does.
  */
  add(match) {
    if (this.perNode)
      throw new RangeError("Can't add per-node props to node types");
    if (typeof match != "function")
      match = NodeType.match(match);
    return (type) => {
      let result = match(type);
      return result === void 0 ? null : [this, result];
    };
  }
};
NodeProp.closedBy = new NodeProp({ deserialize: (str) => str.split(" ") });
NodeProp.openedBy = new NodeProp({ deserialize: (str) => str.split(" ") });
NodeProp.group = new NodeProp({ deserialize: (str) => str.split(" ") });
NodeProp.isolate = new NodeProp({ deserialize: (value) => {
  if (value && value != "rtl" && value != "ltr" && value != "auto")
    throw new RangeError("Invalid value for isolate: " + value);
  return value || "auto";
} });
NodeProp.contextHash = new NodeProp({ perNode: true });
NodeProp.lookAhead = new NodeProp({ perNode: true });
NodeProp.mounted = new NodeProp({ perNode: true });
var MountedTree = class {
  constructor(tree, overlay, parser2, bracketed2 = false) {
    this.tree = tree;
    this.overlay = overlay;
    this.parser = parser2;
    this.bracketed = bracketed2;
  }
  /**
  @internal
  */
  static get(tree) {
    return tree && tree.props && tree.props[NodeProp.mounted.id];
  }
};
var noProps = /* @__PURE__ */ Object.create(null);
var NodeType = class _NodeType {
  /**
  @internal
  */
  constructor(name2, props, id2, flags = 0) {
    this.name = name2;
    this.props = props;
    this.id = id2;
    this.flags = flags;
  }
  /**
  Define a node type.
  */
  static define(spec) {
    let props = spec.props && spec.props.length ? /* @__PURE__ */ Object.create(null) : noProps;
    let flags = (spec.top ? 1 : 0) | (spec.skipped ? 2 : 0) | (spec.error ? 4 : 0) | (spec.name == null ? 8 : 0);
    let type = new _NodeType(spec.name || "", props, spec.id, flags);
    if (spec.props)
      for (let src of spec.props) {
        if (!Array.isArray(src))
          src = src(type);
        if (src) {
          if (src[0].perNode)
            throw new RangeError("Can't store a per-node prop on a node type");
          props[src[0].id] = src[1];
        }
      }
    return type;
  }
  /**
  Retrieves a node prop for this type. Will return `undefined` if
  the prop isn't present on this node.
  */
  prop(prop) {
    return this.props[prop.id];
  }
  /**
  True when this is the top node of a grammar.
  */
  get isTop() {
    return (this.flags & 1) > 0;
  }
  /**
  True when this node is produced by a skip rule.
  */
  get isSkipped() {
    return (this.flags & 2) > 0;
  }
  /**
  Indicates whether this is an error node.
  */
  get isError() {
    return (this.flags & 4) > 0;
  }
  /**
  When true, this node type doesn't correspond to a user-declared
  named node, for example because it is used to cache repetition.
  */
  get isAnonymous() {
    return (this.flags & 8) > 0;
  }
  /**
  Returns true when this node's name or one of its
  [groups](#common.NodeProp^group) matches the given string.
  */
  is(name2) {
    if (typeof name2 == "string") {
      if (this.name == name2)
        return true;
      let group = this.prop(NodeProp.group);
      return group ? group.indexOf(name2) > -1 : false;
    }
    return this.id == name2;
  }
  /**
  Create a function from node types to arbitrary values by
  specifying an object whose property names are node or
  [group](#common.NodeProp^group) names. Often useful with
  [`NodeProp.add`](#common.NodeProp.add). You can put multiple
  names, separated by spaces, in a single property name to map
  multiple node names to a single value.
  */
  static match(map) {
    let direct = /* @__PURE__ */ Object.create(null);
    for (let prop in map)
      for (let name2 of prop.split(" "))
        direct[name2] = map[prop];
    return (node) => {
      for (let groups = node.prop(NodeProp.group), i = -1; i < (groups ? groups.length : 0); i++) {
        let found = direct[i < 0 ? node.name : groups[i]];
        if (found)
          return found;
      }
    };
  }
};
NodeType.none = new NodeType(
  "",
  /* @__PURE__ */ Object.create(null),
  0,
  8
  /* NodeFlag.Anonymous */
);
var NodeSet = class _NodeSet {
  /**
  Create a set with the given types. The `id` property of each
  type should correspond to its position within the array.
  */
  constructor(types) {
    this.types = types;
    for (let i = 0; i < types.length; i++)
      if (types[i].id != i)
        throw new RangeError("Node type ids should correspond to array positions when creating a node set");
  }
  /**
  Create a copy of this set with some node properties added. The
  arguments to this method can be created with
  [`NodeProp.add`](#common.NodeProp.add).
  */
  extend(...props) {
    let newTypes = [];
    for (let type of this.types) {
      let newProps = null;
      for (let source of props) {
        let add = source(type);
        if (add) {
          if (!newProps)
            newProps = Object.assign({}, type.props);
          let value = add[1], prop = add[0];
          if (prop.combine && prop.id in newProps)
            value = prop.combine(newProps[prop.id], value);
          newProps[prop.id] = value;
        }
      }
      newTypes.push(newProps ? new NodeType(type.name, newProps, type.id, type.flags) : type);
    }
    return new _NodeSet(newTypes);
  }
};
var CachedNode = /* @__PURE__ */ new WeakMap();
var CachedInnerNode = /* @__PURE__ */ new WeakMap();
var IterMode;
(function(IterMode2) {
  IterMode2[IterMode2["ExcludeBuffers"] = 1] = "ExcludeBuffers";
  IterMode2[IterMode2["IncludeAnonymous"] = 2] = "IncludeAnonymous";
  IterMode2[IterMode2["IgnoreMounts"] = 4] = "IgnoreMounts";
  IterMode2[IterMode2["IgnoreOverlays"] = 8] = "IgnoreOverlays";
  IterMode2[IterMode2["EnterBracketed"] = 16] = "EnterBracketed";
})(IterMode || (IterMode = {}));
var Tree = class _Tree {
  /**
  Construct a new tree. See also [`Tree.build`](#common.Tree^build).
  */
  constructor(type, children2, positions, length, props) {
    this.type = type;
    this.children = children2;
    this.positions = positions;
    this.length = length;
    this.props = null;
    if (props && props.length) {
      this.props = /* @__PURE__ */ Object.create(null);
      for (let [prop, value] of props)
        this.props[typeof prop == "number" ? prop : prop.id] = value;
    }
  }
  /**
  @internal
  */
  toString() {
    let mounted = MountedTree.get(this);
    if (mounted && !mounted.overlay)
      return mounted.tree.toString();
    let children2 = "";
    for (let ch of this.children) {
      let str = ch.toString();
      if (str) {
        if (children2)
          children2 += ",";
        children2 += str;
      }
    }
    return !this.type.name ? children2 : (/\W/.test(this.type.name) && !this.type.isError ? JSON.stringify(this.type.name) : this.type.name) + (children2.length ? "(" + children2 + ")" : "");
  }
  /**
  Get a [tree cursor](#common.TreeCursor) positioned at the top of
  the tree. Mode can be used to [control](#common.IterMode) which
  nodes the cursor visits.
  */
  cursor(mode = 0) {
    return new TreeCursor(this.topNode, mode);
  }
  /**
  Get a [tree cursor](#common.TreeCursor) pointing into this tree
  at the given position and side (see
  [`moveTo`](#common.TreeCursor.moveTo).
  */
  cursorAt(pos, side = 0, mode = 0) {
    let scope = CachedNode.get(this) || this.topNode;
    let cursor = new TreeCursor(scope);
    cursor.moveTo(pos, side);
    CachedNode.set(this, cursor._tree);
    return cursor;
  }
  /**
  Get a [syntax node](#common.SyntaxNode) object for the top of the
  tree.
  */
  get topNode() {
    return new TreeNode(this, 0, 0, null);
  }
  /**
  Get the [syntax node](#common.SyntaxNode) at the given position.
  If `side` is -1, this will move into nodes that end at the
  position. If 1, it'll move into nodes that start at the
  position. With 0, it'll only enter nodes that cover the position
  from both sides.
  
  Note that this will not enter
  [overlays](#common.MountedTree.overlay), and you often want
  [`resolveInner`](#common.Tree.resolveInner) instead.
  */
  resolve(pos, side = 0) {
    let node = resolveNode(CachedNode.get(this) || this.topNode, pos, side, false);
    CachedNode.set(this, node);
    return node;
  }
  /**
  Like [`resolve`](#common.Tree.resolve), but will enter
  [overlaid](#common.MountedTree.overlay) nodes, producing a syntax node
  pointing into the innermost overlaid tree at the given position
  (with parent links going through all parent structure, including
  the host trees).
  */
  resolveInner(pos, side = 0) {
    let node = resolveNode(CachedInnerNode.get(this) || this.topNode, pos, side, true);
    CachedInnerNode.set(this, node);
    return node;
  }
  /**
  In some situations, it can be useful to iterate through all
  nodes around a position, including those in overlays that don't
  directly cover the position. This method gives you an iterator
  that will produce all nodes, from small to big, around the given
  position.
  */
  resolveStack(pos, side = 0) {
    return stackIterator(this, pos, side);
  }
  /**
  Iterate over the tree and its children, calling `enter` for any
  node that touches the `from`/`to` region (if given) before
  running over such a node's children, and `leave` (if given) when
  leaving the node. When `enter` returns `false`, that node will
  not have its children iterated over (or `leave` called).
  */
  iterate(spec) {
    let { enter, leave, from = 0, to = this.length } = spec;
    let mode = spec.mode || 0, anon = (mode & IterMode.IncludeAnonymous) > 0;
    for (let c = this.cursor(mode | IterMode.IncludeAnonymous); ; ) {
      let entered = false;
      if (c.from <= to && c.to >= from && (!anon && c.type.isAnonymous || enter(c) !== false)) {
        if (c.firstChild())
          continue;
        entered = true;
      }
      for (; ; ) {
        if (entered && leave && (anon || !c.type.isAnonymous))
          leave(c);
        if (c.nextSibling())
          break;
        if (!c.parent())
          return;
        entered = true;
      }
    }
  }
  /**
  Get the value of the given [node prop](#common.NodeProp) for this
  node. Works with both per-node and per-type props.
  */
  prop(prop) {
    return !prop.perNode ? this.type.prop(prop) : this.props ? this.props[prop.id] : void 0;
  }
  /**
  Returns the node's [per-node props](#common.NodeProp.perNode) in a
  format that can be passed to the [`Tree`](#common.Tree)
  constructor.
  */
  get propValues() {
    let result = [];
    if (this.props)
      for (let id2 in this.props)
        result.push([+id2, this.props[id2]]);
    return result;
  }
  /**
  Balance the direct children of this tree, producing a copy of
  which may have children grouped into subtrees with type
  [`NodeType.none`](#common.NodeType^none).
  */
  balance(config = {}) {
    return this.children.length <= 8 ? this : balanceRange(NodeType.none, this.children, this.positions, 0, this.children.length, 0, this.length, (children2, positions, length) => new _Tree(this.type, children2, positions, length, this.propValues), config.makeTree || ((children2, positions, length) => new _Tree(NodeType.none, children2, positions, length)));
  }
  /**
  Build a tree from a postfix-ordered buffer of node information,
  or a cursor over such a buffer.
  */
  static build(data) {
    return buildTree(data);
  }
};
Tree.empty = new Tree(NodeType.none, [], [], 0);
var FlatBufferCursor = class _FlatBufferCursor {
  constructor(buffer, index) {
    this.buffer = buffer;
    this.index = index;
  }
  get id() {
    return this.buffer[this.index - 4];
  }
  get start() {
    return this.buffer[this.index - 3];
  }
  get end() {
    return this.buffer[this.index - 2];
  }
  get size() {
    return this.buffer[this.index - 1];
  }
  get pos() {
    return this.index;
  }
  next() {
    this.index -= 4;
  }
  fork() {
    return new _FlatBufferCursor(this.buffer, this.index);
  }
};
var TreeBuffer = class _TreeBuffer {
  /**
  Create a tree buffer.
  */
  constructor(buffer, length, set) {
    this.buffer = buffer;
    this.length = length;
    this.set = set;
  }
  /**
  @internal
  */
  get type() {
    return NodeType.none;
  }
  /**
  @internal
  */
  toString() {
    let result = [];
    for (let index = 0; index < this.buffer.length; ) {
      result.push(this.childString(index));
      index = this.buffer[index + 3];
    }
    return result.join(",");
  }
  /**
  @internal
  */
  childString(index) {
    let id2 = this.buffer[index], endIndex = this.buffer[index + 3];
    let type = this.set.types[id2], result = type.name;
    if (/\W/.test(result) && !type.isError)
      result = JSON.stringify(result);
    index += 4;
    if (endIndex == index)
      return result;
    let children2 = [];
    while (index < endIndex) {
      children2.push(this.childString(index));
      index = this.buffer[index + 3];
    }
    return result + "(" + children2.join(",") + ")";
  }
  /**
  @internal
  */
  findChild(startIndex, endIndex, dir, pos, side) {
    let { buffer } = this, pick = -1;
    for (let i = startIndex; i != endIndex; i = buffer[i + 3]) {
      if (checkSide(side, pos, buffer[i + 1], buffer[i + 2])) {
        pick = i;
        if (dir > 0)
          break;
      }
    }
    return pick;
  }
  /**
  @internal
  */
  slice(startI, endI, from) {
    let b = this.buffer;
    let copy = new Uint16Array(endI - startI), len = 0;
    for (let i = startI, j = 0; i < endI; ) {
      copy[j++] = b[i++];
      copy[j++] = b[i++] - from;
      let to = copy[j++] = b[i++] - from;
      copy[j++] = b[i++] - startI;
      len = Math.max(len, to);
    }
    return new _TreeBuffer(copy, len, this.set);
  }
};
function checkSide(side, pos, from, to) {
  switch (side) {
    case -2:
      return from < pos;
    case -1:
      return to >= pos && from < pos;
    case 0:
      return from < pos && to > pos;
    case 1:
      return from <= pos && to > pos;
    case 2:
      return to > pos;
    case 4:
      return true;
  }
}
function resolveNode(node, pos, side, overlays) {
  var _a;
  while (node.from == node.to || (side < 1 ? node.from >= pos : node.from > pos) || (side > -1 ? node.to <= pos : node.to < pos)) {
    let parent = !overlays && node instanceof TreeNode && node.index < 0 ? null : node.parent;
    if (!parent)
      return node;
    node = parent;
  }
  let mode = overlays ? 0 : IterMode.IgnoreOverlays;
  if (overlays)
    for (let scan = node, parent = scan.parent; parent; scan = parent, parent = scan.parent) {
      if (scan instanceof TreeNode && scan.index < 0 && ((_a = parent.enter(pos, side, mode)) === null || _a === void 0 ? void 0 : _a.from) != scan.from)
        node = parent;
    }
  for (; ; ) {
    let inner = node.enter(pos, side, mode);
    if (!inner)
      return node;
    node = inner;
  }
}
var BaseNode = class {
  cursor(mode = 0) {
    return new TreeCursor(this, mode);
  }
  getChild(type, before = null, after = null) {
    let r = getChildren(this, type, before, after);
    return r.length ? r[0] : null;
  }
  getChildren(type, before = null, after = null) {
    return getChildren(this, type, before, after);
  }
  resolve(pos, side = 0) {
    return resolveNode(this, pos, side, false);
  }
  resolveInner(pos, side = 0) {
    return resolveNode(this, pos, side, true);
  }
  matchContext(context) {
    return matchNodeContext(this.parent, context);
  }
  enterUnfinishedNodesBefore(pos) {
    let scan = this.childBefore(pos), node = this;
    while (scan) {
      let last = scan.lastChild;
      if (!last || last.to != scan.to)
        break;
      if (last.type.isError && last.from == last.to) {
        node = scan;
        scan = last.prevSibling;
      } else {
        scan = last;
      }
    }
    return node;
  }
  get node() {
    return this;
  }
  get next() {
    return this.parent;
  }
};
var TreeNode = class _TreeNode extends BaseNode {
  constructor(_tree, from, index, _parent) {
    super();
    this._tree = _tree;
    this.from = from;
    this.index = index;
    this._parent = _parent;
  }
  get type() {
    return this._tree.type;
  }
  get name() {
    return this._tree.type.name;
  }
  get to() {
    return this.from + this._tree.length;
  }
  nextChild(i, dir, pos, side, mode = 0) {
    for (let parent = this; ; ) {
      for (let { children: children2, positions } = parent._tree, e = dir > 0 ? children2.length : -1; i != e; i += dir) {
        let next = children2[i], start = positions[i] + parent.from, mounted;
        if (!(mode & IterMode.EnterBracketed && next instanceof Tree && (mounted = MountedTree.get(next)) && !mounted.overlay && mounted.bracketed && pos >= start && pos <= start + next.length) && !checkSide(side, pos, start, start + next.length))
          continue;
        if (next instanceof TreeBuffer) {
          if (mode & IterMode.ExcludeBuffers)
            continue;
          let index = next.findChild(0, next.buffer.length, dir, pos - start, side);
          if (index > -1)
            return new BufferNode(new BufferContext(parent, next, i, start), null, index);
        } else if (mode & IterMode.IncludeAnonymous || (!next.type.isAnonymous || hasChild(next))) {
          let mounted2;
          if (!(mode & IterMode.IgnoreMounts) && (mounted2 = MountedTree.get(next)) && !mounted2.overlay)
            return new _TreeNode(mounted2.tree, start, i, parent);
          let inner = new _TreeNode(next, start, i, parent);
          return mode & IterMode.IncludeAnonymous || !inner.type.isAnonymous ? inner : inner.nextChild(dir < 0 ? next.children.length - 1 : 0, dir, pos, side, mode);
        }
      }
      if (mode & IterMode.IncludeAnonymous || !parent.type.isAnonymous)
        return null;
      if (parent.index >= 0)
        i = parent.index + dir;
      else
        i = dir < 0 ? -1 : parent._parent._tree.children.length;
      parent = parent._parent;
      if (!parent)
        return null;
    }
  }
  get firstChild() {
    return this.nextChild(
      0,
      1,
      0,
      4
      /* Side.DontCare */
    );
  }
  get lastChild() {
    return this.nextChild(
      this._tree.children.length - 1,
      -1,
      0,
      4
      /* Side.DontCare */
    );
  }
  childAfter(pos) {
    return this.nextChild(
      0,
      1,
      pos,
      2
      /* Side.After */
    );
  }
  childBefore(pos) {
    return this.nextChild(
      this._tree.children.length - 1,
      -1,
      pos,
      -2
      /* Side.Before */
    );
  }
  prop(prop) {
    return this._tree.prop(prop);
  }
  enter(pos, side, mode = 0) {
    let mounted;
    if (!(mode & IterMode.IgnoreOverlays) && (mounted = MountedTree.get(this._tree)) && mounted.overlay) {
      let rPos = pos - this.from, enterBracketed = mode & IterMode.EnterBracketed && mounted.bracketed;
      for (let { from, to } of mounted.overlay) {
        if ((side > 0 || enterBracketed ? from <= rPos : from < rPos) && (side < 0 || enterBracketed ? to >= rPos : to > rPos))
          return new _TreeNode(mounted.tree, mounted.overlay[0].from + this.from, -1, this);
      }
    }
    return this.nextChild(0, 1, pos, side, mode);
  }
  nextSignificantParent() {
    let val = this;
    while (val.type.isAnonymous && val._parent)
      val = val._parent;
    return val;
  }
  get parent() {
    return this._parent ? this._parent.nextSignificantParent() : null;
  }
  get nextSibling() {
    return this._parent && this.index >= 0 ? this._parent.nextChild(
      this.index + 1,
      1,
      0,
      4
      /* Side.DontCare */
    ) : null;
  }
  get prevSibling() {
    return this._parent && this.index >= 0 ? this._parent.nextChild(
      this.index - 1,
      -1,
      0,
      4
      /* Side.DontCare */
    ) : null;
  }
  get tree() {
    return this._tree;
  }
  toTree() {
    return this._tree;
  }
  /**
  @internal
  */
  toString() {
    return this._tree.toString();
  }
};
function getChildren(node, type, before, after) {
  let cur = node.cursor(), result = [];
  if (!cur.firstChild())
    return result;
  if (before != null)
    for (let found = false; !found; ) {
      found = cur.type.is(before);
      if (!cur.nextSibling())
        return result;
    }
  for (; ; ) {
    if (after != null && cur.type.is(after))
      return result;
    if (cur.type.is(type))
      result.push(cur.node);
    if (!cur.nextSibling())
      return after == null ? result : [];
  }
}
function matchNodeContext(node, context, i = context.length - 1) {
  for (let p = node; i >= 0; p = p.parent) {
    if (!p)
      return false;
    if (!p.type.isAnonymous) {
      if (context[i] && context[i] != p.name)
        return false;
      i--;
    }
  }
  return true;
}
var BufferContext = class {
  constructor(parent, buffer, index, start) {
    this.parent = parent;
    this.buffer = buffer;
    this.index = index;
    this.start = start;
  }
};
var BufferNode = class _BufferNode extends BaseNode {
  get name() {
    return this.type.name;
  }
  get from() {
    return this.context.start + this.context.buffer.buffer[this.index + 1];
  }
  get to() {
    return this.context.start + this.context.buffer.buffer[this.index + 2];
  }
  constructor(context, _parent, index) {
    super();
    this.context = context;
    this._parent = _parent;
    this.index = index;
    this.type = context.buffer.set.types[context.buffer.buffer[index]];
  }
  child(dir, pos, side) {
    let { buffer } = this.context;
    let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], dir, pos - this.context.start, side);
    return index < 0 ? null : new _BufferNode(this.context, this, index);
  }
  get firstChild() {
    return this.child(
      1,
      0,
      4
      /* Side.DontCare */
    );
  }
  get lastChild() {
    return this.child(
      -1,
      0,
      4
      /* Side.DontCare */
    );
  }
  childAfter(pos) {
    return this.child(
      1,
      pos,
      2
      /* Side.After */
    );
  }
  childBefore(pos) {
    return this.child(
      -1,
      pos,
      -2
      /* Side.Before */
    );
  }
  prop(prop) {
    return this.type.prop(prop);
  }
  enter(pos, side, mode = 0) {
    if (mode & IterMode.ExcludeBuffers)
      return null;
    let { buffer } = this.context;
    let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], side > 0 ? 1 : -1, pos - this.context.start, side);
    return index < 0 ? null : new _BufferNode(this.context, this, index);
  }
  get parent() {
    return this._parent || this.context.parent.nextSignificantParent();
  }
  externalSibling(dir) {
    return this._parent ? null : this.context.parent.nextChild(
      this.context.index + dir,
      dir,
      0,
      4
      /* Side.DontCare */
    );
  }
  get nextSibling() {
    let { buffer } = this.context;
    let after = buffer.buffer[this.index + 3];
    if (after < (this._parent ? buffer.buffer[this._parent.index + 3] : buffer.buffer.length))
      return new _BufferNode(this.context, this._parent, after);
    return this.externalSibling(1);
  }
  get prevSibling() {
    let { buffer } = this.context;
    let parentStart = this._parent ? this._parent.index + 4 : 0;
    if (this.index == parentStart)
      return this.externalSibling(-1);
    return new _BufferNode(this.context, this._parent, buffer.findChild(
      parentStart,
      this.index,
      -1,
      0,
      4
      /* Side.DontCare */
    ));
  }
  get tree() {
    return null;
  }
  toTree() {
    let children2 = [], positions = [];
    let { buffer } = this.context;
    let startI = this.index + 4, endI = buffer.buffer[this.index + 3];
    if (endI > startI) {
      let from = buffer.buffer[this.index + 1];
      children2.push(buffer.slice(startI, endI, from));
      positions.push(0);
    }
    return new Tree(this.type, children2, positions, this.to - this.from);
  }
  /**
  @internal
  */
  toString() {
    return this.context.buffer.childString(this.index);
  }
};
function iterStack(heads) {
  if (!heads.length)
    return null;
  let pick = 0, picked = heads[0];
  for (let i = 1; i < heads.length; i++) {
    let node = heads[i];
    if (node.from > picked.from || node.to < picked.to) {
      picked = node;
      pick = i;
    }
  }
  let next = picked instanceof TreeNode && picked.index < 0 ? null : picked.parent;
  let newHeads = heads.slice();
  if (next)
    newHeads[pick] = next;
  else
    newHeads.splice(pick, 1);
  return new StackIterator(newHeads, picked);
}
var StackIterator = class {
  constructor(heads, node) {
    this.heads = heads;
    this.node = node;
  }
  get next() {
    return iterStack(this.heads);
  }
};
function stackIterator(tree, pos, side) {
  let inner = tree.resolveInner(pos, side), layers = null;
  for (let scan = inner instanceof TreeNode ? inner : inner.context.parent; scan; scan = scan.parent) {
    if (scan.index < 0) {
      let parent = scan.parent;
      (layers || (layers = [inner])).push(parent.resolve(pos, side));
      scan = parent;
    } else {
      let mount = MountedTree.get(scan.tree);
      if (mount && mount.overlay && mount.overlay[0].from <= pos && mount.overlay[mount.overlay.length - 1].to >= pos) {
        let root = new TreeNode(mount.tree, mount.overlay[0].from + scan.from, -1, scan);
        (layers || (layers = [inner])).push(resolveNode(root, pos, side, false));
      }
    }
  }
  return layers ? iterStack(layers) : inner;
}
var TreeCursor = class {
  /**
  Shorthand for `.type.name`.
  */
  get name() {
    return this.type.name;
  }
  /**
  @internal
  */
  constructor(node, mode = 0) {
    this.buffer = null;
    this.stack = [];
    this.index = 0;
    this.bufferNode = null;
    this.mode = mode & ~IterMode.EnterBracketed;
    if (node instanceof TreeNode) {
      this.yieldNode(node);
    } else {
      this._tree = node.context.parent;
      this.buffer = node.context;
      for (let n = node._parent; n; n = n._parent)
        this.stack.unshift(n.index);
      this.bufferNode = node;
      this.yieldBuf(node.index);
    }
  }
  yieldNode(node) {
    if (!node)
      return false;
    this._tree = node;
    this.type = node.type;
    this.from = node.from;
    this.to = node.to;
    return true;
  }
  yieldBuf(index, type) {
    this.index = index;
    let { start, buffer } = this.buffer;
    this.type = type || buffer.set.types[buffer.buffer[index]];
    this.from = start + buffer.buffer[index + 1];
    this.to = start + buffer.buffer[index + 2];
    return true;
  }
  /**
  @internal
  */
  yield(node) {
    if (!node)
      return false;
    if (node instanceof TreeNode) {
      this.buffer = null;
      return this.yieldNode(node);
    }
    this.buffer = node.context;
    return this.yieldBuf(node.index, node.type);
  }
  /**
  @internal
  */
  toString() {
    return this.buffer ? this.buffer.buffer.childString(this.index) : this._tree.toString();
  }
  /**
  @internal
  */
  enterChild(dir, pos, side) {
    if (!this.buffer)
      return this.yield(this._tree.nextChild(dir < 0 ? this._tree._tree.children.length - 1 : 0, dir, pos, side, this.mode));
    let { buffer } = this.buffer;
    let index = buffer.findChild(this.index + 4, buffer.buffer[this.index + 3], dir, pos - this.buffer.start, side);
    if (index < 0)
      return false;
    this.stack.push(this.index);
    return this.yieldBuf(index);
  }
  /**
  Move the cursor to this node's first child. When this returns
  false, the node has no child, and the cursor has not been moved.
  */
  firstChild() {
    return this.enterChild(
      1,
      0,
      4
      /* Side.DontCare */
    );
  }
  /**
  Move the cursor to this node's last child.
  */
  lastChild() {
    return this.enterChild(
      -1,
      0,
      4
      /* Side.DontCare */
    );
  }
  /**
  Move the cursor to the first child that ends after `pos`.
  */
  childAfter(pos) {
    return this.enterChild(
      1,
      pos,
      2
      /* Side.After */
    );
  }
  /**
  Move to the last child that starts before `pos`.
  */
  childBefore(pos) {
    return this.enterChild(
      -1,
      pos,
      -2
      /* Side.Before */
    );
  }
  /**
  Move the cursor to the child around `pos`. If side is -1 the
  child may end at that position, when 1 it may start there. This
  will also enter [overlaid](#common.MountedTree.overlay)
  [mounted](#common.NodeProp^mounted) trees unless `overlays` is
  set to false.
  */
  enter(pos, side, mode = this.mode) {
    if (!this.buffer)
      return this.yield(this._tree.enter(pos, side, mode));
    return mode & IterMode.ExcludeBuffers ? false : this.enterChild(1, pos, side);
  }
  /**
  Move to the node's parent node, if this isn't the top node.
  */
  parent() {
    if (!this.buffer)
      return this.yieldNode(this.mode & IterMode.IncludeAnonymous ? this._tree._parent : this._tree.parent);
    if (this.stack.length)
      return this.yieldBuf(this.stack.pop());
    let parent = this.mode & IterMode.IncludeAnonymous ? this.buffer.parent : this.buffer.parent.nextSignificantParent();
    this.buffer = null;
    return this.yieldNode(parent);
  }
  /**
  @internal
  */
  sibling(dir) {
    if (!this.buffer)
      return !this._tree._parent ? false : this.yield(this._tree.index < 0 ? null : this._tree._parent.nextChild(this._tree.index + dir, dir, 0, 4, this.mode));
    let { buffer } = this.buffer, d = this.stack.length - 1;
    if (dir < 0) {
      let parentStart = d < 0 ? 0 : this.stack[d] + 4;
      if (this.index != parentStart)
        return this.yieldBuf(buffer.findChild(
          parentStart,
          this.index,
          -1,
          0,
          4
          /* Side.DontCare */
        ));
    } else {
      let after = buffer.buffer[this.index + 3];
      if (after < (d < 0 ? buffer.buffer.length : buffer.buffer[this.stack[d] + 3]))
        return this.yieldBuf(after);
    }
    return d < 0 ? this.yield(this.buffer.parent.nextChild(this.buffer.index + dir, dir, 0, 4, this.mode)) : false;
  }
  /**
  Move to this node's next sibling, if any.
  */
  nextSibling() {
    return this.sibling(1);
  }
  /**
  Move to this node's previous sibling, if any.
  */
  prevSibling() {
    return this.sibling(-1);
  }
  atLastNode(dir) {
    let index, parent, { buffer } = this;
    if (buffer) {
      if (dir > 0) {
        if (this.index < buffer.buffer.buffer.length)
          return false;
      } else {
        for (let i = 0; i < this.index; i++)
          if (buffer.buffer.buffer[i + 3] < this.index)
            return false;
      }
      ({ index, parent } = buffer);
    } else {
      ({ index, _parent: parent } = this._tree);
    }
    for (; parent; { index, _parent: parent } = parent) {
      if (index > -1)
        for (let i = index + dir, e = dir < 0 ? -1 : parent._tree.children.length; i != e; i += dir) {
          let child = parent._tree.children[i];
          if (this.mode & IterMode.IncludeAnonymous || child instanceof TreeBuffer || !child.type.isAnonymous || hasChild(child))
            return false;
        }
    }
    return true;
  }
  move(dir, enter) {
    if (enter && this.enterChild(
      dir,
      0,
      4
      /* Side.DontCare */
    ))
      return true;
    for (; ; ) {
      if (this.sibling(dir))
        return true;
      if (this.atLastNode(dir) || !this.parent())
        return false;
    }
  }
  /**
  Move to the next node in a
  [pre-order](https://en.wikipedia.org/wiki/Tree_traversal#Pre-order,_NLR)
  traversal, going from a node to its first child or, if the
  current node is empty or `enter` is false, its next sibling or
  the next sibling of the first parent node that has one.
  */
  next(enter = true) {
    return this.move(1, enter);
  }
  /**
  Move to the next node in a last-to-first pre-order traversal. A
  node is followed by its last child or, if it has none, its
  previous sibling or the previous sibling of the first parent
  node that has one.
  */
  prev(enter = true) {
    return this.move(-1, enter);
  }
  /**
  Move the cursor to the innermost node that covers `pos`. If
  `side` is -1, it will enter nodes that end at `pos`. If it is 1,
  it will enter nodes that start at `pos`.
  */
  moveTo(pos, side = 0) {
    while (this.from == this.to || (side < 1 ? this.from >= pos : this.from > pos) || (side > -1 ? this.to <= pos : this.to < pos))
      if (!this.parent())
        break;
    while (this.enterChild(1, pos, side)) {
    }
    return this;
  }
  /**
  Get a [syntax node](#common.SyntaxNode) at the cursor's current
  position.
  */
  get node() {
    if (!this.buffer)
      return this._tree;
    let cache = this.bufferNode, result = null, depth = 0;
    if (cache && cache.context == this.buffer) {
      scan: for (let index = this.index, d = this.stack.length; d >= 0; ) {
        for (let c = cache; c; c = c._parent)
          if (c.index == index) {
            if (index == this.index)
              return c;
            result = c;
            depth = d + 1;
            break scan;
          }
        index = this.stack[--d];
      }
    }
    for (let i = depth; i < this.stack.length; i++)
      result = new BufferNode(this.buffer, result, this.stack[i]);
    return this.bufferNode = new BufferNode(this.buffer, result, this.index);
  }
  /**
  Get the [tree](#common.Tree) that represents the current node, if
  any. Will return null when the node is in a [tree
  buffer](#common.TreeBuffer).
  */
  get tree() {
    return this.buffer ? null : this._tree._tree;
  }
  /**
  Iterate over the current node and all its descendants, calling
  `enter` when entering a node and `leave`, if given, when leaving
  one. When `enter` returns `false`, any children of that node are
  skipped, and `leave` isn't called for it.
  */
  iterate(enter, leave) {
    for (let depth = 0; ; ) {
      let mustLeave = false;
      if (this.type.isAnonymous || enter(this) !== false) {
        if (this.firstChild()) {
          depth++;
          continue;
        }
        if (!this.type.isAnonymous)
          mustLeave = true;
      }
      for (; ; ) {
        if (mustLeave && leave)
          leave(this);
        mustLeave = this.type.isAnonymous;
        if (!depth)
          return;
        if (this.nextSibling())
          break;
        this.parent();
        depth--;
        mustLeave = true;
      }
    }
  }
  /**
  Test whether the current node matches a given context—a sequence
  of direct parent node names. Empty strings in the context array
  are treated as wildcards.
  */
  matchContext(context) {
    if (!this.buffer)
      return matchNodeContext(this.node.parent, context);
    let { buffer } = this.buffer, { types } = buffer.set;
    for (let i = context.length - 1, d = this.stack.length - 1; i >= 0; d--) {
      if (d < 0)
        return matchNodeContext(this._tree, context, i);
      let type = types[buffer.buffer[this.stack[d]]];
      if (!type.isAnonymous) {
        if (context[i] && context[i] != type.name)
          return false;
        i--;
      }
    }
    return true;
  }
};
function hasChild(tree) {
  return tree.children.some((ch) => ch instanceof TreeBuffer || !ch.type.isAnonymous || hasChild(ch));
}
function buildTree(data) {
  var _a;
  let { buffer, nodeSet, maxBufferLength = DefaultBufferLength, reused = [], minRepeatType = nodeSet.types.length } = data;
  let cursor = Array.isArray(buffer) ? new FlatBufferCursor(buffer, buffer.length) : buffer;
  let types = nodeSet.types;
  let contextHash = 0, lookAhead = 0;
  function takeNode(parentStart, minPos, children3, positions2, inRepeat, depth) {
    let { id: id2, start, end, size } = cursor;
    let lookAheadAtStart = lookAhead, contextAtStart = contextHash;
    if (size < 0) {
      cursor.next();
      if (size == -1) {
        let node2 = reused[id2];
        children3.push(node2);
        positions2.push(start - parentStart);
        return;
      } else if (size == -3) {
        contextHash = id2;
        return;
      } else if (size == -4) {
        lookAhead = id2;
        return;
      } else {
        throw new RangeError(`Unrecognized record size: ${size}`);
      }
    }
    let type = types[id2], node, buffer2;
    let startPos = start - parentStart;
    if (end - start <= maxBufferLength && (buffer2 = findBufferSize(cursor.pos - minPos, inRepeat))) {
      let data2 = new Uint16Array(buffer2.size - buffer2.skip);
      let endPos = cursor.pos - buffer2.size, index = data2.length;
      while (cursor.pos > endPos)
        index = copyToBuffer(buffer2.start, data2, index);
      node = new TreeBuffer(data2, end - buffer2.start, nodeSet);
      startPos = buffer2.start - parentStart;
    } else {
      let endPos = cursor.pos - size;
      cursor.next();
      let localChildren = [], localPositions = [];
      let localInRepeat = id2 >= minRepeatType ? id2 : -1;
      let lastGroup = 0, lastEnd = end, groupLookAhead = lookAheadAtStart;
      while (cursor.pos > endPos) {
        if (localInRepeat >= 0 && cursor.id == localInRepeat && cursor.size >= 0) {
          if (cursor.end <= lastEnd - maxBufferLength) {
            makeRepeatLeaf(localChildren, localPositions, start, lastGroup, cursor.end, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
            lastGroup = localChildren.length;
            lastEnd = cursor.end;
            groupLookAhead = lookAhead;
          }
          cursor.next();
        } else if (depth > 2500) {
          takeFlatNode(start, endPos, localChildren, localPositions);
        } else {
          if (localInRepeat >= 0 && cursor.size == -1 && reused[cursor.id].type == nodeSet.types[localInRepeat]) {
            if (lastGroup < localChildren.length)
              makeRepeatLeaf(localChildren, localPositions, start, lastGroup, cursor.end, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
            lastGroup = localChildren.length + 1;
            lastEnd = cursor.start;
            groupLookAhead = lookAhead;
          }
          takeNode(start, endPos, localChildren, localPositions, localInRepeat, depth + 1);
        }
      }
      if (localInRepeat >= 0 && lastGroup > 0 && lastGroup < localChildren.length)
        makeRepeatLeaf(localChildren, localPositions, start, lastGroup, start, lastEnd, localInRepeat, groupLookAhead, contextAtStart);
      localChildren.reverse();
      localPositions.reverse();
      if (localInRepeat > -1 && lastGroup > 0) {
        let make = makeBalanced(type, contextAtStart);
        node = balanceRange(type, localChildren, localPositions, 0, localChildren.length, 0, end - start, make, make);
      } else {
        node = makeTree(type, localChildren, localPositions, end - start, lookAheadAtStart - end, contextAtStart);
      }
    }
    children3.push(node);
    positions2.push(startPos);
  }
  function takeFlatNode(parentStart, minPos, children3, positions2) {
    let nodes = [];
    let nodeCount = 0, stopAt = -1;
    while (cursor.pos > minPos) {
      let { id: id2, start, end, size } = cursor;
      if (size > 4) {
        cursor.next();
      } else if (stopAt > -1 && start < stopAt) {
        break;
      } else {
        if (stopAt < 0)
          stopAt = end - maxBufferLength;
        nodes.push(id2, start, end);
        nodeCount++;
        cursor.next();
      }
    }
    if (nodeCount) {
      let buffer2 = new Uint16Array(nodeCount * 4);
      let start = nodes[nodes.length - 2];
      for (let i = nodes.length - 3, j = 0; i >= 0; i -= 3) {
        buffer2[j++] = nodes[i];
        buffer2[j++] = nodes[i + 1] - start;
        buffer2[j++] = nodes[i + 2] - start;
        buffer2[j++] = j;
      }
      children3.push(new TreeBuffer(buffer2, nodes[2] - start, nodeSet));
      positions2.push(start - parentStart);
    }
  }
  function makeBalanced(type, contextHash2) {
    return (children3, positions2, length2) => {
      let lookAhead2 = 0, lastI = children3.length - 1, last, lookAheadProp;
      if (lastI >= 0 && (last = children3[lastI]) instanceof Tree) {
        if (!lastI && last.type == type && last.length == length2)
          return last;
        if (lookAheadProp = last.prop(NodeProp.lookAhead))
          lookAhead2 = positions2[lastI] + last.length + lookAheadProp - length2;
      }
      return makeTree(type, children3, positions2, length2, lookAhead2, contextHash2);
    };
  }
  function makeRepeatLeaf(children3, positions2, base, i, from, to, type, lookAhead2, contextHash2) {
    let localChildren = [], localPositions = [];
    while (children3.length > i) {
      localChildren.push(children3.pop());
      localPositions.push(positions2.pop() + base - from);
    }
    children3.push(makeTree(nodeSet.types[type], localChildren, localPositions, to - from, lookAhead2 - to, contextHash2));
    positions2.push(from - base);
  }
  function makeTree(type, children3, positions2, length2, lookAhead2, contextHash2, props) {
    if (contextHash2) {
      let pair2 = [NodeProp.contextHash, contextHash2];
      props = props ? [pair2].concat(props) : [pair2];
    }
    if (lookAhead2 > 25) {
      let pair2 = [NodeProp.lookAhead, lookAhead2];
      props = props ? [pair2].concat(props) : [pair2];
    }
    return new Tree(type, children3, positions2, length2, props);
  }
  function findBufferSize(maxSize, inRepeat) {
    let fork = cursor.fork();
    let size = 0, start = 0, skip = 0, minStart = fork.end - maxBufferLength;
    let result = { size: 0, start: 0, skip: 0 };
    scan: for (let minPos = fork.pos - maxSize; fork.pos > minPos; ) {
      let nodeSize2 = fork.size;
      if (fork.id == inRepeat && nodeSize2 >= 0) {
        result.size = size;
        result.start = start;
        result.skip = skip;
        skip += 4;
        size += 4;
        fork.next();
        continue;
      }
      let startPos = fork.pos - nodeSize2;
      if (nodeSize2 < 0 || startPos < minPos || fork.start < minStart)
        break;
      let localSkipped = fork.id >= minRepeatType ? 4 : 0;
      let nodeStart = fork.start;
      fork.next();
      while (fork.pos > startPos) {
        if (fork.size < 0) {
          if (fork.size == -3 || fork.size == -4)
            localSkipped += 4;
          else
            break scan;
        } else if (fork.id >= minRepeatType) {
          localSkipped += 4;
        }
        fork.next();
      }
      start = nodeStart;
      size += nodeSize2;
      skip += localSkipped;
    }
    if (inRepeat < 0 || size == maxSize) {
      result.size = size;
      result.start = start;
      result.skip = skip;
    }
    return result.size > 4 ? result : void 0;
  }
  function copyToBuffer(bufferStart, buffer2, index) {
    let { id: id2, start, end, size } = cursor;
    cursor.next();
    if (size >= 0 && id2 < minRepeatType) {
      let startIndex = index;
      if (size > 4) {
        let endPos = cursor.pos - (size - 4);
        while (cursor.pos > endPos)
          index = copyToBuffer(bufferStart, buffer2, index);
      }
      buffer2[--index] = startIndex;
      buffer2[--index] = end - bufferStart;
      buffer2[--index] = start - bufferStart;
      buffer2[--index] = id2;
    } else if (size == -3) {
      contextHash = id2;
    } else if (size == -4) {
      lookAhead = id2;
    }
    return index;
  }
  let children2 = [], positions = [];
  while (cursor.pos > 0)
    takeNode(data.start || 0, data.bufferStart || 0, children2, positions, -1, 0);
  let length = (_a = data.length) !== null && _a !== void 0 ? _a : children2.length ? positions[0] + children2[0].length : 0;
  return new Tree(types[data.topID], children2.reverse(), positions.reverse(), length);
}
var nodeSizeCache = /* @__PURE__ */ new WeakMap();
function nodeSize(balanceType, node) {
  if (!balanceType.isAnonymous || node instanceof TreeBuffer || node.type != balanceType)
    return 1;
  let size = nodeSizeCache.get(node);
  if (size == null) {
    size = 1;
    for (let child of node.children) {
      if (child.type != balanceType || !(child instanceof Tree)) {
        size = 1;
        break;
      }
      size += nodeSize(balanceType, child);
    }
    nodeSizeCache.set(node, size);
  }
  return size;
}
function balanceRange(balanceType, children2, positions, from, to, start, length, mkTop, mkTree) {
  let total = 0;
  for (let i = from; i < to; i++)
    total += nodeSize(balanceType, children2[i]);
  let maxChild = Math.ceil(
    total * 1.5 / 8
    /* Balance.BranchFactor */
  );
  let localChildren = [], localPositions = [];
  function divide(children3, positions2, from2, to2, offset) {
    for (let i = from2; i < to2; ) {
      let groupFrom = i, groupStart = positions2[i], groupSize = nodeSize(balanceType, children3[i]);
      i++;
      for (; i < to2; i++) {
        let nextSize = nodeSize(balanceType, children3[i]);
        if (groupSize + nextSize >= maxChild)
          break;
        groupSize += nextSize;
      }
      if (i == groupFrom + 1) {
        if (groupSize > maxChild) {
          let only = children3[groupFrom];
          divide(only.children, only.positions, 0, only.children.length, positions2[groupFrom] + offset);
          continue;
        }
        localChildren.push(children3[groupFrom]);
      } else {
        let length2 = positions2[i - 1] + children3[i - 1].length - groupStart;
        localChildren.push(balanceRange(balanceType, children3, positions2, groupFrom, i, groupStart, length2, null, mkTree));
      }
      localPositions.push(groupStart + offset - start);
    }
  }
  divide(children2, positions, from, to, 0);
  return (mkTop || mkTree)(localChildren, localPositions, length);
}
var Parser = class {
  /**
  Start a parse, returning a [partial parse](#common.PartialParse)
  object. [`fragments`](#common.TreeFragment) can be passed in to
  make the parse incremental.
  
  By default, the entire input is parsed. You can pass `ranges`,
  which should be a sorted array of non-empty, non-overlapping
  ranges, to parse only those ranges. The tree returned in that
  case will start at `ranges[0].from`.
  */
  startParse(input, fragments, ranges) {
    if (typeof input == "string")
      input = new StringInput(input);
    ranges = !ranges ? [new Range(0, input.length)] : ranges.length ? ranges.map((r) => new Range(r.from, r.to)) : [new Range(0, 0)];
    return this.createParse(input, fragments || [], ranges);
  }
  /**
  Run a full parse, returning the resulting tree.
  */
  parse(input, fragments, ranges) {
    let parse = this.startParse(input, fragments, ranges);
    for (; ; ) {
      let done = parse.advance();
      if (done)
        return done;
    }
  }
};
var StringInput = class {
  constructor(string2) {
    this.string = string2;
  }
  get length() {
    return this.string.length;
  }
  chunk(from) {
    return this.string.slice(from);
  }
  get lineChunks() {
    return false;
  }
  read(from, to) {
    return this.string.slice(from, to);
  }
};
var stoppedInner = new NodeProp({ perNode: true });

// node_modules/@lezer/lr/dist/index.js
var Stack = class _Stack {
  /**
  @internal
  */
  constructor(p, stack, state, reducePos, pos, score, buffer, bufferBase, curContext, lookAhead = 0, parent) {
    this.p = p;
    this.stack = stack;
    this.state = state;
    this.reducePos = reducePos;
    this.pos = pos;
    this.score = score;
    this.buffer = buffer;
    this.bufferBase = bufferBase;
    this.curContext = curContext;
    this.lookAhead = lookAhead;
    this.parent = parent;
  }
  /**
  @internal
  */
  toString() {
    return `[${this.stack.filter((_, i) => i % 3 == 0).concat(this.state)}]@${this.pos}${this.score ? "!" + this.score : ""}`;
  }
  // Start an empty stack
  /**
  @internal
  */
  static start(p, state, pos = 0) {
    let cx = p.parser.context;
    return new _Stack(p, [], state, pos, pos, 0, [], 0, cx ? new StackContext(cx, cx.start) : null, 0, null);
  }
  /**
  The stack's current [context](#lr.ContextTracker) value, if
  any. Its type will depend on the context tracker's type
  parameter, or it will be `null` if there is no context
  tracker.
  */
  get context() {
    return this.curContext ? this.curContext.context : null;
  }
  // Push a state onto the stack, tracking its start position as well
  // as the buffer base at that point.
  /**
  @internal
  */
  pushState(state, start) {
    this.stack.push(this.state, start, this.bufferBase + this.buffer.length);
    this.state = state;
  }
  // Apply a reduce action
  /**
  @internal
  */
  reduce(action) {
    var _a;
    let depth = action >> 19, type = action & 65535;
    let { parser: parser2 } = this.p;
    let lookaheadRecord = this.reducePos < this.pos - 25 && this.setLookAhead(this.pos);
    let dPrec = parser2.dynamicPrecedence(type);
    if (dPrec)
      this.score += dPrec;
    if (depth == 0) {
      if (type < parser2.minRepeatTerm && this.reducePos < this.pos)
        this.reducePos = this.pos;
      this.pushState(parser2.getGoto(this.state, type, true), this.reducePos);
      if (type < parser2.minRepeatTerm)
        this.storeNode(type, this.reducePos, this.reducePos, lookaheadRecord ? 8 : 4, true);
      this.reduceContext(type, this.reducePos);
      return;
    }
    let base = this.stack.length - (depth - 1) * 3 - (action & 262144 ? 6 : 0);
    let start = base ? this.stack[base - 2] : this.p.ranges[0].from;
    if (type < parser2.minRepeatTerm && start == this.reducePos && this.reducePos < this.pos)
      this.reducePos = this.pos;
    let size = this.reducePos - start;
    if (size >= 2e3 && !((_a = this.p.parser.nodeSet.types[type]) === null || _a === void 0 ? void 0 : _a.isAnonymous)) {
      if (start == this.p.lastBigReductionStart) {
        this.p.bigReductionCount++;
        this.p.lastBigReductionSize = size;
      } else if (this.p.lastBigReductionSize < size) {
        this.p.bigReductionCount = 1;
        this.p.lastBigReductionStart = start;
        this.p.lastBigReductionSize = size;
      }
    }
    let bufferBase = base ? this.stack[base - 1] : 0, count = this.bufferBase + this.buffer.length - bufferBase;
    if (type < parser2.minRepeatTerm || action & 131072) {
      let pos = parser2.stateFlag(
        this.state,
        1
        /* StateFlag.Skipped */
      ) ? this.pos : this.reducePos;
      this.storeNode(type, start, pos, count + 4, true);
    }
    if (action & 262144) {
      this.state = this.stack[base];
    } else {
      let baseStateID = this.stack[base - 3];
      this.state = parser2.getGoto(baseStateID, type, true);
    }
    while (this.stack.length > base)
      this.stack.pop();
    this.reduceContext(type, start);
  }
  // Shift a value into the buffer
  /**
  @internal
  */
  storeNode(term, start, end, size = 4, mustSink = false) {
    if (term == 0 && (!this.stack.length || this.stack[this.stack.length - 1] < this.buffer.length + this.bufferBase)) {
      let top = this.buffer.length;
      if (top > 0 && this.buffer[top - 4] == 0 && this.buffer[top - 1] > -1) {
        if (start == end)
          return;
        if (this.buffer[top - 2] >= start) {
          this.buffer[top - 2] = end;
          return;
        }
      }
    }
    if (!mustSink || this.pos == end) {
      this.buffer.push(term, start, end, size);
    } else {
      let index = this.buffer.length;
      if (index > 0 && (this.buffer[index - 4] != 0 || this.buffer[index - 1] < 0)) {
        let mustMove = false;
        for (let scan = index; scan > 0 && this.buffer[scan - 2] > end; scan -= 4) {
          if (this.buffer[scan - 1] >= 0) {
            mustMove = true;
            break;
          }
        }
        if (mustMove)
          while (index > 0 && this.buffer[index - 2] > end) {
            this.buffer[index] = this.buffer[index - 4];
            this.buffer[index + 1] = this.buffer[index - 3];
            this.buffer[index + 2] = this.buffer[index - 2];
            this.buffer[index + 3] = this.buffer[index - 1];
            index -= 4;
            if (size > 4)
              size -= 4;
          }
      }
      this.buffer[index] = term;
      this.buffer[index + 1] = start;
      this.buffer[index + 2] = end;
      this.buffer[index + 3] = size;
    }
  }
  // Apply a shift action
  /**
  @internal
  */
  shift(action, type, start, end) {
    if (action & 131072) {
      this.pushState(action & 65535, this.pos);
    } else if ((action & 262144) == 0) {
      let nextState = action, { parser: parser2 } = this.p;
      this.pos = end;
      let skipped = parser2.stateFlag(
        nextState,
        1
        /* StateFlag.Skipped */
      );
      if (!skipped && (end > start || type <= parser2.maxNode))
        this.reducePos = end;
      this.pushState(nextState, skipped ? start : Math.min(start, this.reducePos));
      this.shiftContext(type, start);
      if (type <= parser2.maxNode)
        this.buffer.push(type, start, end, 4);
    } else {
      this.pos = end;
      this.shiftContext(type, start);
      if (type <= this.p.parser.maxNode)
        this.buffer.push(type, start, end, 4);
    }
  }
  // Apply an action
  /**
  @internal
  */
  apply(action, next, nextStart, nextEnd) {
    if (action & 65536)
      this.reduce(action);
    else
      this.shift(action, next, nextStart, nextEnd);
  }
  // Add a prebuilt (reused) node into the buffer.
  /**
  @internal
  */
  useNode(value, next, start) {
    let index = this.p.reused.length - 1;
    if (index < 0 || this.p.reused[index] != value) {
      this.p.reused.push(value);
      index++;
    }
    let end = this.reducePos = this.pos = start + value.length;
    this.pushState(next, start);
    this.buffer.push(
      index,
      start,
      end,
      -1
      /* size == -1 means this is a reused value */
    );
    if (this.curContext)
      this.updateContext(this.curContext.tracker.reuse(this.curContext.context, value, this, this.p.stream.reset(this.pos - value.length)));
  }
  // Split the stack. Due to the buffer sharing and the fact
  // that `this.stack` tends to stay quite shallow, this isn't very
  // expensive.
  /**
  @internal
  */
  split() {
    let parent = this;
    let off = parent.buffer.length;
    if (off && parent.buffer[off - 4] == 0)
      off -= 4;
    while (off > 0 && parent.buffer[off - 2] > parent.reducePos)
      off -= 4;
    let buffer = parent.buffer.slice(off), base = parent.bufferBase + off;
    while (parent && base == parent.bufferBase)
      parent = parent.parent;
    return new _Stack(this.p, this.stack.slice(), this.state, this.reducePos, this.pos, this.score, buffer, base, this.curContext, this.lookAhead, parent);
  }
  // Try to recover from an error by 'deleting' (ignoring) one token.
  /**
  @internal
  */
  recoverByDelete(next, nextEnd) {
    let isNode = next <= this.p.parser.maxNode;
    if (isNode)
      this.storeNode(next, this.pos, nextEnd, 4);
    this.storeNode(0, this.pos, nextEnd, isNode ? 8 : 4);
    this.pos = this.reducePos = nextEnd;
    this.score -= 190;
  }
  /**
  Check if the given term would be able to be shifted (optionally
  after some reductions) on this stack. This can be useful for
  external tokenizers that want to make sure they only provide a
  given token when it applies.
  */
  canShift(term) {
    for (let sim = new SimulatedStack(this); ; ) {
      let action = this.p.parser.stateSlot(
        sim.state,
        4
        /* ParseState.DefaultReduce */
      ) || this.p.parser.hasAction(sim.state, term);
      if (action == 0)
        return false;
      if ((action & 65536) == 0)
        return true;
      sim.reduce(action);
    }
  }
  // Apply up to Recover.MaxNext recovery actions that conceptually
  // inserts some missing token or rule.
  /**
  @internal
  */
  recoverByInsert(next) {
    if (this.stack.length >= 300)
      return [];
    let nextStates = this.p.parser.nextStates(this.state);
    if (nextStates.length > 4 << 1 || this.stack.length >= 120) {
      let best = [];
      for (let i = 0, s; i < nextStates.length; i += 2) {
        if ((s = nextStates[i + 1]) != this.state && this.p.parser.hasAction(s, next))
          best.push(nextStates[i], s);
      }
      if (this.stack.length < 120)
        for (let i = 0; best.length < 4 << 1 && i < nextStates.length; i += 2) {
          let s = nextStates[i + 1];
          if (!best.some((v, i2) => i2 & 1 && v == s))
            best.push(nextStates[i], s);
        }
      nextStates = best;
    }
    let result = [];
    for (let i = 0; i < nextStates.length && result.length < 4; i += 2) {
      let s = nextStates[i + 1];
      if (s == this.state)
        continue;
      let stack = this.split();
      stack.pushState(s, this.pos);
      stack.storeNode(0, stack.pos, stack.pos, 4, true);
      stack.shiftContext(nextStates[i], this.pos);
      stack.reducePos = this.pos;
      stack.score -= 200;
      result.push(stack);
    }
    return result;
  }
  // Force a reduce, if possible. Return false if that can't
  // be done.
  /**
  @internal
  */
  forceReduce() {
    let { parser: parser2 } = this.p;
    let reduce = parser2.stateSlot(
      this.state,
      5
      /* ParseState.ForcedReduce */
    );
    if ((reduce & 65536) == 0)
      return false;
    if (!parser2.validAction(this.state, reduce)) {
      let depth = reduce >> 19, term = reduce & 65535;
      let target = this.stack.length - depth * 3;
      if (target < 0 || parser2.getGoto(this.stack[target], term, false) < 0) {
        let backup = this.findForcedReduction();
        if (backup == null)
          return false;
        reduce = backup;
      }
      this.storeNode(0, this.pos, this.pos, 4, true);
      this.score -= 100;
    }
    this.reducePos = this.pos;
    this.reduce(reduce);
    return true;
  }
  /**
  Try to scan through the automaton to find some kind of reduction
  that can be applied. Used when the regular ForcedReduce field
  isn't a valid action. @internal
  */
  findForcedReduction() {
    let { parser: parser2 } = this.p, seen = [];
    let explore = (state, depth) => {
      if (seen.includes(state))
        return;
      seen.push(state);
      return parser2.allActions(state, (action) => {
        if (action & (262144 | 131072)) ;
        else if (action & 65536) {
          let rDepth = (action >> 19) - depth;
          if (rDepth > 1) {
            let term = action & 65535, target = this.stack.length - rDepth * 3;
            if (target >= 0 && parser2.getGoto(this.stack[target], term, false) >= 0)
              return rDepth << 19 | 65536 | term;
          }
        } else {
          let found = explore(action, depth + 1);
          if (found != null)
            return found;
        }
      });
    };
    return explore(this.state, 0);
  }
  /**
  @internal
  */
  forceAll() {
    while (!this.p.parser.stateFlag(
      this.state,
      2
      /* StateFlag.Accepting */
    )) {
      if (!this.forceReduce()) {
        this.storeNode(0, this.pos, this.pos, 4, true);
        break;
      }
    }
    return this;
  }
  /**
  Check whether this state has no further actions (assumed to be a direct descendant of the
  top state, since any other states must be able to continue
  somehow). @internal
  */
  get deadEnd() {
    if (this.stack.length != 3)
      return false;
    let { parser: parser2 } = this.p;
    return parser2.data[parser2.stateSlot(
      this.state,
      1
      /* ParseState.Actions */
    )] == 65535 && !parser2.stateSlot(
      this.state,
      4
      /* ParseState.DefaultReduce */
    );
  }
  /**
  Restart the stack (put it back in its start state). Only safe
  when this.stack.length == 3 (state is directly below the top
  state). @internal
  */
  restart() {
    this.storeNode(0, this.pos, this.pos, 4, true);
    this.state = this.stack[0];
    this.stack.length = 0;
  }
  /**
  @internal
  */
  sameState(other) {
    if (this.state != other.state || this.stack.length != other.stack.length)
      return false;
    for (let i = 0; i < this.stack.length; i += 3)
      if (this.stack[i] != other.stack[i])
        return false;
    return true;
  }
  /**
  Get the parser used by this stack.
  */
  get parser() {
    return this.p.parser;
  }
  /**
  Test whether a given dialect (by numeric ID, as exported from
  the terms file) is enabled.
  */
  dialectEnabled(dialectID) {
    return this.p.parser.dialect.flags[dialectID];
  }
  shiftContext(term, start) {
    if (this.curContext)
      this.updateContext(this.curContext.tracker.shift(this.curContext.context, term, this, this.p.stream.reset(start)));
  }
  reduceContext(term, start) {
    if (this.curContext)
      this.updateContext(this.curContext.tracker.reduce(this.curContext.context, term, this, this.p.stream.reset(start)));
  }
  /**
  @internal
  */
  emitContext() {
    let last = this.buffer.length - 1;
    if (last < 0 || this.buffer[last] != -3)
      this.storeNode(this.curContext.hash, this.reducePos, this.reducePos, -3, true);
  }
  /**
  @internal
  */
  emitLookAhead() {
    let last = this.buffer.length - 1;
    if (last < 0 || this.buffer[last] != -4)
      this.buffer.push(this.lookAhead, this.pos, this.pos, -4);
  }
  updateContext(context) {
    if (context != this.curContext.context) {
      let newCx = new StackContext(this.curContext.tracker, context);
      if (newCx.hash != this.curContext.hash)
        this.emitContext();
      this.curContext = newCx;
    }
  }
  /**
  @internal
  */
  setLookAhead(lookAhead) {
    if (lookAhead <= this.lookAhead)
      return false;
    this.emitLookAhead();
    this.lookAhead = lookAhead;
    return true;
  }
  /**
  @internal
  */
  close() {
    if (this.curContext && this.curContext.tracker.strict)
      this.emitContext();
    if (this.lookAhead > 0)
      this.emitLookAhead();
  }
};
var StackContext = class {
  constructor(tracker, context) {
    this.tracker = tracker;
    this.context = context;
    this.hash = tracker.strict ? tracker.hash(context) : 0;
  }
};
var SimulatedStack = class {
  constructor(start) {
    this.start = start;
    this.state = start.state;
    this.stack = start.stack;
    this.base = this.stack.length;
  }
  reduce(action) {
    let term = action & 65535, depth = action >> 19;
    if (depth == 0) {
      if (this.stack == this.start.stack)
        this.stack = this.stack.slice();
      this.stack.push(this.state, 0, 0);
      this.base += 3;
    } else {
      this.base -= (depth - 1) * 3;
    }
    let goto = this.start.p.parser.getGoto(this.stack[this.base - 3], term, true);
    this.state = goto;
  }
};
var StackBufferCursor = class _StackBufferCursor {
  constructor(stack, pos, index) {
    this.stack = stack;
    this.pos = pos;
    this.index = index;
    this.buffer = stack.buffer;
    if (this.index == 0)
      this.maybeNext();
  }
  static create(stack, pos = stack.bufferBase + stack.buffer.length) {
    return new _StackBufferCursor(stack, pos, pos - stack.bufferBase);
  }
  maybeNext() {
    let next = this.stack.parent;
    if (next != null) {
      this.index = this.stack.bufferBase - next.bufferBase;
      this.stack = next;
      this.buffer = next.buffer;
    }
  }
  get id() {
    return this.buffer[this.index - 4];
  }
  get start() {
    return this.buffer[this.index - 3];
  }
  get end() {
    return this.buffer[this.index - 2];
  }
  get size() {
    return this.buffer[this.index - 1];
  }
  next() {
    this.index -= 4;
    this.pos -= 4;
    if (this.index == 0)
      this.maybeNext();
  }
  fork() {
    return new _StackBufferCursor(this.stack, this.pos, this.index);
  }
};
function decodeArray(input, Type = Uint16Array) {
  if (typeof input != "string")
    return input;
  let array = null;
  for (let pos = 0, out = 0; pos < input.length; ) {
    let value = 0;
    for (; ; ) {
      let next = input.charCodeAt(pos++), stop = false;
      if (next == 126) {
        value = 65535;
        break;
      }
      if (next >= 92)
        next--;
      if (next >= 34)
        next--;
      let digit = next - 32;
      if (digit >= 46) {
        digit -= 46;
        stop = true;
      }
      value += digit;
      if (stop)
        break;
      value *= 46;
    }
    if (array)
      array[out++] = value;
    else
      array = new Type(value);
  }
  return array;
}
var CachedToken = class {
  constructor() {
    this.start = -1;
    this.value = -1;
    this.end = -1;
    this.extended = -1;
    this.lookAhead = 0;
    this.mask = 0;
    this.context = 0;
  }
};
var nullToken = new CachedToken();
var InputStream = class {
  /**
  @internal
  */
  constructor(input, ranges) {
    this.input = input;
    this.ranges = ranges;
    this.chunk = "";
    this.chunkOff = 0;
    this.chunk2 = "";
    this.chunk2Pos = 0;
    this.next = -1;
    this.token = nullToken;
    this.rangeIndex = 0;
    this.pos = this.chunkPos = ranges[0].from;
    this.range = ranges[0];
    this.end = ranges[ranges.length - 1].to;
    this.readNext();
  }
  /**
  @internal
  */
  resolveOffset(offset, assoc) {
    let range = this.range, index = this.rangeIndex;
    let pos = this.pos + offset;
    while (pos < range.from) {
      if (!index)
        return null;
      let next = this.ranges[--index];
      pos -= range.from - next.to;
      range = next;
    }
    while (assoc < 0 ? pos > range.to : pos >= range.to) {
      if (index == this.ranges.length - 1)
        return null;
      let next = this.ranges[++index];
      pos += next.from - range.to;
      range = next;
    }
    return pos;
  }
  /**
  @internal
  */
  clipPos(pos) {
    if (pos >= this.range.from && pos < this.range.to)
      return pos;
    for (let range of this.ranges)
      if (range.to > pos)
        return Math.max(pos, range.from);
    return this.end;
  }
  /**
  Look at a code unit near the stream position. `.peek(0)` equals
  `.next`, `.peek(-1)` gives you the previous character, and so
  on.
  
  Note that looking around during tokenizing creates dependencies
  on potentially far-away content, which may reduce the
  effectiveness incremental parsing—when looking forward—or even
  cause invalid reparses when looking backward more than 25 code
  units, since the library does not track lookbehind.
  */
  peek(offset) {
    let idx = this.chunkOff + offset, pos, result;
    if (idx >= 0 && idx < this.chunk.length) {
      pos = this.pos + offset;
      result = this.chunk.charCodeAt(idx);
    } else {
      let resolved = this.resolveOffset(offset, 1);
      if (resolved == null)
        return -1;
      pos = resolved;
      if (pos >= this.chunk2Pos && pos < this.chunk2Pos + this.chunk2.length) {
        result = this.chunk2.charCodeAt(pos - this.chunk2Pos);
      } else {
        let i = this.rangeIndex, range = this.range;
        while (range.to <= pos)
          range = this.ranges[++i];
        this.chunk2 = this.input.chunk(this.chunk2Pos = pos);
        if (pos + this.chunk2.length > range.to)
          this.chunk2 = this.chunk2.slice(0, range.to - pos);
        result = this.chunk2.charCodeAt(0);
      }
    }
    if (pos >= this.token.lookAhead)
      this.token.lookAhead = pos + 1;
    return result;
  }
  /**
  Accept a token. By default, the end of the token is set to the
  current stream position, but you can pass an offset (relative to
  the stream position) to change that.
  */
  acceptToken(token, endOffset = 0) {
    let end = endOffset ? this.resolveOffset(endOffset, -1) : this.pos;
    if (end == null || end < this.token.start)
      throw new RangeError("Token end out of bounds");
    this.token.value = token;
    this.token.end = end;
  }
  /**
  Accept a token ending at a specific given position.
  */
  acceptTokenTo(token, endPos) {
    this.token.value = token;
    this.token.end = endPos;
  }
  getChunk() {
    if (this.pos >= this.chunk2Pos && this.pos < this.chunk2Pos + this.chunk2.length) {
      let { chunk, chunkPos } = this;
      this.chunk = this.chunk2;
      this.chunkPos = this.chunk2Pos;
      this.chunk2 = chunk;
      this.chunk2Pos = chunkPos;
      this.chunkOff = this.pos - this.chunkPos;
    } else {
      this.chunk2 = this.chunk;
      this.chunk2Pos = this.chunkPos;
      let nextChunk = this.input.chunk(this.pos);
      let end = this.pos + nextChunk.length;
      this.chunk = end > this.range.to ? nextChunk.slice(0, this.range.to - this.pos) : nextChunk;
      this.chunkPos = this.pos;
      this.chunkOff = 0;
    }
  }
  readNext() {
    if (this.chunkOff >= this.chunk.length) {
      this.getChunk();
      if (this.chunkOff == this.chunk.length)
        return this.next = -1;
    }
    return this.next = this.chunk.charCodeAt(this.chunkOff);
  }
  /**
  Move the stream forward N (defaults to 1) code units. Returns
  the new value of [`next`](#lr.InputStream.next).
  */
  advance(n = 1) {
    this.chunkOff += n;
    while (this.pos + n >= this.range.to) {
      if (this.rangeIndex == this.ranges.length - 1)
        return this.setDone();
      n -= this.range.to - this.pos;
      this.range = this.ranges[++this.rangeIndex];
      this.pos = this.range.from;
    }
    this.pos += n;
    if (this.pos >= this.token.lookAhead)
      this.token.lookAhead = this.pos + 1;
    return this.readNext();
  }
  setDone() {
    this.pos = this.chunkPos = this.end;
    this.range = this.ranges[this.rangeIndex = this.ranges.length - 1];
    this.chunk = "";
    return this.next = -1;
  }
  /**
  @internal
  */
  reset(pos, token) {
    if (token) {
      this.token = token;
      token.start = pos;
      token.lookAhead = pos + 1;
      token.value = token.extended = -1;
    } else {
      this.token = nullToken;
    }
    if (this.pos != pos) {
      this.pos = pos;
      if (pos == this.end) {
        this.setDone();
        return this;
      }
      while (pos < this.range.from)
        this.range = this.ranges[--this.rangeIndex];
      while (pos >= this.range.to)
        this.range = this.ranges[++this.rangeIndex];
      if (pos >= this.chunkPos && pos < this.chunkPos + this.chunk.length) {
        this.chunkOff = pos - this.chunkPos;
      } else {
        this.chunk = "";
        this.chunkOff = 0;
      }
      this.readNext();
    }
    return this;
  }
  /**
  @internal
  */
  read(from, to) {
    if (from >= this.chunkPos && to <= this.chunkPos + this.chunk.length)
      return this.chunk.slice(from - this.chunkPos, to - this.chunkPos);
    if (from >= this.chunk2Pos && to <= this.chunk2Pos + this.chunk2.length)
      return this.chunk2.slice(from - this.chunk2Pos, to - this.chunk2Pos);
    if (from >= this.range.from && to <= this.range.to)
      return this.input.read(from, to);
    let result = "";
    for (let r of this.ranges) {
      if (r.from >= to)
        break;
      if (r.to > from)
        result += this.input.read(Math.max(r.from, from), Math.min(r.to, to));
    }
    return result;
  }
};
var TokenGroup = class {
  constructor(data, id2) {
    this.data = data;
    this.id = id2;
  }
  token(input, stack) {
    let { parser: parser2 } = stack.p;
    readToken(this.data, input, stack, this.id, parser2.data, parser2.tokenPrecTable);
  }
};
TokenGroup.prototype.contextual = TokenGroup.prototype.fallback = TokenGroup.prototype.extend = false;
var LocalTokenGroup = class {
  constructor(data, precTable, elseToken) {
    this.precTable = precTable;
    this.elseToken = elseToken;
    this.data = typeof data == "string" ? decodeArray(data) : data;
  }
  token(input, stack) {
    let start = input.pos, skipped = 0;
    for (; ; ) {
      let atEof = input.next < 0, nextPos = input.resolveOffset(1, 1);
      readToken(this.data, input, stack, 0, this.data, this.precTable);
      if (input.token.value > -1)
        break;
      if (this.elseToken == null)
        return;
      if (!atEof)
        skipped++;
      if (nextPos == null)
        break;
      input.reset(nextPos, input.token);
    }
    if (skipped) {
      input.reset(start, input.token);
      input.acceptToken(this.elseToken, skipped);
    }
  }
};
LocalTokenGroup.prototype.contextual = TokenGroup.prototype.fallback = TokenGroup.prototype.extend = false;
var ExternalTokenizer = class {
  /**
  Create a tokenizer. The first argument is the function that,
  given an input stream, scans for the types of tokens it
  recognizes at the stream's position, and calls
  [`acceptToken`](#lr.InputStream.acceptToken) when it finds
  one.
  */
  constructor(token, options = {}) {
    this.token = token;
    this.contextual = !!options.contextual;
    this.fallback = !!options.fallback;
    this.extend = !!options.extend;
  }
};
function readToken(data, input, stack, group, precTable, precOffset) {
  let state = 0, groupMask = 1 << group, { dialect } = stack.p.parser;
  scan: for (; ; ) {
    if ((groupMask & data[state]) == 0)
      break;
    let accEnd = data[state + 1];
    for (let i = state + 3; i < accEnd; i += 2)
      if ((data[i + 1] & groupMask) > 0) {
        let term = data[i];
        if (dialect.allows(term) && (input.token.value == -1 || input.token.value == term || overrides(term, input.token.value, precTable, precOffset))) {
          input.acceptToken(term);
          break;
        }
      }
    let next = input.next, low = 0, high = data[state + 2];
    if (input.next < 0 && high > low && data[accEnd + high * 3 - 3] == 65535) {
      state = data[accEnd + high * 3 - 1];
      continue scan;
    }
    for (; low < high; ) {
      let mid = low + high >> 1;
      let index = accEnd + mid + (mid << 1);
      let from = data[index], to = data[index + 1] || 65536;
      if (next < from)
        high = mid;
      else if (next >= to)
        low = mid + 1;
      else {
        state = data[index + 2];
        input.advance();
        continue scan;
      }
    }
    break;
  }
}
function findOffset(data, start, term) {
  for (let i = start, next; (next = data[i]) != 65535; i++)
    if (next == term)
      return i - start;
  return -1;
}
function overrides(token, prev, tableData, tableOffset) {
  let iPrev = findOffset(tableData, tableOffset, prev);
  return iPrev < 0 || findOffset(tableData, tableOffset, token) < iPrev;
}
var verbose = typeof process != "undefined" && process.env && /\bparse\b/.test(process.env.LOG);
var stackIDs = null;
function cutAt(tree, pos, side) {
  let cursor = tree.cursor(IterMode.IncludeAnonymous);
  cursor.moveTo(pos);
  for (; ; ) {
    if (!(side < 0 ? cursor.childBefore(pos) : cursor.childAfter(pos)))
      for (; ; ) {
        if ((side < 0 ? cursor.to < pos : cursor.from > pos) && !cursor.type.isError)
          return side < 0 ? Math.max(0, Math.min(
            cursor.to - 1,
            pos - 25
            /* Lookahead.Margin */
          )) : Math.min(tree.length, Math.max(
            cursor.from + 1,
            pos + 25
            /* Lookahead.Margin */
          ));
        if (side < 0 ? cursor.prevSibling() : cursor.nextSibling())
          break;
        if (!cursor.parent())
          return side < 0 ? 0 : tree.length;
      }
  }
}
var FragmentCursor = class {
  constructor(fragments, minRepeat) {
    this.fragments = fragments;
    this.minRepeat = minRepeat;
    this.i = 0;
    this.fragment = null;
    this.safeFrom = -1;
    this.safeTo = -1;
    this.trees = [];
    this.start = [];
    this.index = [];
    this.lastRepeat = null;
    this.lastRepeatPos = -1;
    this.nextFragment();
  }
  nextFragment() {
    let fr = this.fragment = this.i == this.fragments.length ? null : this.fragments[this.i++];
    if (fr) {
      this.safeFrom = fr.openStart ? cutAt(fr.tree, fr.from + fr.offset, 1) - fr.offset : fr.from;
      this.safeTo = fr.openEnd ? cutAt(fr.tree, fr.to + fr.offset, -1) - fr.offset : fr.to;
      while (this.trees.length) {
        this.trees.pop();
        this.start.pop();
        this.index.pop();
      }
      this.trees.push(fr.tree);
      this.start.push(-fr.offset);
      this.index.push(0);
      this.nextStart = this.safeFrom;
    } else {
      this.nextStart = 1e9;
    }
  }
  // `pos` must be >= any previously given `pos` for this cursor
  nodeAt(pos) {
    if (pos < this.nextStart)
      return null;
    while (this.fragment && this.safeTo <= pos)
      this.nextFragment();
    if (!this.fragment)
      return null;
    for (; ; ) {
      let last = this.trees.length - 1;
      if (last < 0) {
        this.nextFragment();
        return null;
      }
      if (pos < this.safeFrom)
        return null;
      let top = this.trees[last], index = this.index[last];
      if (index == top.children.length) {
        this.trees.pop();
        this.start.pop();
        this.index.pop();
        continue;
      }
      let next = top.children[index];
      let start = this.start[last] + top.positions[index];
      if (start > pos) {
        this.nextStart = start;
        return null;
      }
      if (next instanceof Tree) {
        let storeRepeat = start > this.lastRepeatPos && next.type.id >= this.minRepeat;
        if (start == pos || storeRepeat) {
          let end = start + next.length, lookahead;
          if (start >= this.safeFrom && end <= this.safeTo && (!(lookahead = next.prop(NodeProp.lookAhead)) || end + lookahead < this.fragment.to)) {
            if (storeRepeat) {
              this.lastRepeat = next;
              this.lastRepeatPos = start;
            }
            if (start == pos)
              return next;
          }
        }
        this.index[last]++;
        if (start + next.length >= Math.max(this.safeFrom, pos)) {
          this.trees.push(next);
          this.start.push(start);
          this.index.push(0);
        }
      } else {
        this.index[last]++;
        this.nextStart = start + next.length;
      }
    }
  }
};
var TokenCache = class {
  constructor(parser2, stream) {
    this.stream = stream;
    this.tokens = [];
    this.mainToken = null;
    this.actions = [];
    this.tokens = parser2.tokenizers.map((_) => new CachedToken());
  }
  getActions(stack) {
    let actionIndex = 0;
    let main = null;
    let { parser: parser2 } = stack.p, { tokenizers } = parser2;
    let mask = parser2.stateSlot(
      stack.state,
      3
      /* ParseState.TokenizerMask */
    );
    let context = stack.curContext ? stack.curContext.hash : 0;
    let lookAhead = 0;
    for (let i = 0; i < tokenizers.length; i++) {
      if ((1 << i & mask) == 0)
        continue;
      let tokenizer = tokenizers[i], token = this.tokens[i];
      if (main && !tokenizer.fallback)
        continue;
      if (tokenizer.contextual || token.start != stack.pos || token.mask != mask || token.context != context) {
        this.updateCachedToken(token, tokenizer, stack);
        token.mask = mask;
        token.context = context;
      }
      if (token.lookAhead > token.end + 25)
        lookAhead = Math.max(token.lookAhead, lookAhead);
      if (token.value != 0) {
        let startIndex = actionIndex;
        if (token.extended > -1)
          actionIndex = this.addActions(stack, token.extended, token.end, actionIndex);
        actionIndex = this.addActions(stack, token.value, token.end, actionIndex);
        if (!tokenizer.extend) {
          main = token;
          if (actionIndex > startIndex)
            break;
        }
      }
    }
    while (this.actions.length > actionIndex)
      this.actions.pop();
    if (lookAhead)
      stack.setLookAhead(lookAhead);
    if (!main && stack.pos == this.stream.end) {
      main = new CachedToken();
      main.value = stack.p.parser.eofTerm;
      main.start = main.end = stack.pos;
      actionIndex = this.addActions(stack, main.value, main.end, actionIndex);
    }
    this.mainToken = main;
    return this.actions;
  }
  getMainToken(stack) {
    if (this.mainToken)
      return this.mainToken;
    let main = new CachedToken(), { pos, p } = stack;
    main.start = pos;
    main.end = Math.min(pos + 1, p.stream.end);
    main.value = pos == p.stream.end ? p.parser.eofTerm : 0;
    return main;
  }
  updateCachedToken(token, tokenizer, stack) {
    let start = this.stream.clipPos(stack.pos);
    tokenizer.token(this.stream.reset(start, token), stack);
    if (token.value > -1) {
      let { parser: parser2 } = stack.p;
      for (let i = 0; i < parser2.specialized.length; i++)
        if (parser2.specialized[i] == token.value) {
          let result = parser2.specializers[i](this.stream.read(token.start, token.end), stack);
          if (result >= 0 && stack.p.parser.dialect.allows(result >> 1)) {
            if ((result & 1) == 0)
              token.value = result >> 1;
            else
              token.extended = result >> 1;
            break;
          }
        }
    } else {
      token.value = 0;
      token.end = this.stream.clipPos(start + 1);
    }
  }
  putAction(action, token, end, index) {
    for (let i = 0; i < index; i += 3)
      if (this.actions[i] == action)
        return index;
    this.actions[index++] = action;
    this.actions[index++] = token;
    this.actions[index++] = end;
    return index;
  }
  addActions(stack, token, end, index) {
    let { state } = stack, { parser: parser2 } = stack.p, { data } = parser2;
    for (let set = 0; set < 2; set++) {
      for (let i = parser2.stateSlot(
        state,
        set ? 2 : 1
        /* ParseState.Actions */
      ); ; i += 3) {
        if (data[i] == 65535) {
          if (data[i + 1] == 1) {
            i = pair(data, i + 2);
          } else {
            if (index == 0 && data[i + 1] == 2)
              index = this.putAction(pair(data, i + 2), token, end, index);
            break;
          }
        }
        if (data[i] == token)
          index = this.putAction(pair(data, i + 1), token, end, index);
      }
    }
    return index;
  }
};
var Parse = class {
  constructor(parser2, input, fragments, ranges) {
    this.parser = parser2;
    this.input = input;
    this.ranges = ranges;
    this.recovering = 0;
    this.nextStackID = 9812;
    this.minStackPos = 0;
    this.reused = [];
    this.stoppedAt = null;
    this.lastBigReductionStart = -1;
    this.lastBigReductionSize = 0;
    this.bigReductionCount = 0;
    this.stream = new InputStream(input, ranges);
    this.tokens = new TokenCache(parser2, this.stream);
    this.topTerm = parser2.top[1];
    let { from } = ranges[0];
    this.stacks = [Stack.start(this, parser2.top[0], from)];
    this.fragments = fragments.length && this.stream.end - from > parser2.bufferLength * 4 ? new FragmentCursor(fragments, parser2.minRepeatTerm) : null;
  }
  get parsedPos() {
    return this.minStackPos;
  }
  // Move the parser forward. This will process all parse stacks at
  // `this.pos` and try to advance them to a further position. If no
  // stack for such a position is found, it'll start error-recovery.
  //
  // When the parse is finished, this will return a syntax tree. When
  // not, it returns `null`.
  advance() {
    let stacks = this.stacks, pos = this.minStackPos;
    let newStacks = this.stacks = [];
    let stopped, stoppedTokens;
    if (this.bigReductionCount > 300 && stacks.length == 1) {
      let [s] = stacks;
      while (s.forceReduce() && s.stack.length && s.stack[s.stack.length - 2] >= this.lastBigReductionStart) {
      }
      this.bigReductionCount = this.lastBigReductionSize = 0;
    }
    for (let i = 0; i < stacks.length; i++) {
      let stack = stacks[i];
      for (; ; ) {
        this.tokens.mainToken = null;
        if (stack.pos > pos) {
          newStacks.push(stack);
        } else if (this.advanceStack(stack, newStacks, stacks)) {
          continue;
        } else {
          if (!stopped) {
            stopped = [];
            stoppedTokens = [];
          }
          stopped.push(stack);
          let tok = this.tokens.getMainToken(stack);
          stoppedTokens.push(tok.value, tok.end);
        }
        break;
      }
    }
    if (!newStacks.length) {
      let finished = stopped && findFinished(stopped);
      if (finished) {
        if (verbose)
          console.log("Finish with " + this.stackID(finished));
        return this.stackToTree(finished);
      }
      if (this.parser.strict) {
        if (verbose && stopped)
          console.log("Stuck with token " + (this.tokens.mainToken ? this.parser.getName(this.tokens.mainToken.value) : "none"));
        throw new SyntaxError("No parse at " + pos);
      }
      if (!this.recovering)
        this.recovering = 5;
    }
    if (this.recovering && stopped) {
      let finished = this.stoppedAt != null && stopped[0].pos > this.stoppedAt ? stopped[0] : this.runRecovery(stopped, stoppedTokens, newStacks);
      if (finished) {
        if (verbose)
          console.log("Force-finish " + this.stackID(finished));
        return this.stackToTree(finished.forceAll());
      }
    }
    if (this.recovering) {
      let maxRemaining = this.recovering == 1 ? 1 : this.recovering * 3;
      if (newStacks.length > maxRemaining) {
        newStacks.sort((a, b) => b.score - a.score);
        while (newStacks.length > maxRemaining)
          newStacks.pop();
      }
      if (newStacks.some((s) => s.reducePos > pos))
        this.recovering--;
    } else if (newStacks.length > 1) {
      outer: for (let i = 0; i < newStacks.length - 1; i++) {
        let stack = newStacks[i];
        for (let j = i + 1; j < newStacks.length; j++) {
          let other = newStacks[j];
          if (stack.sameState(other) || stack.buffer.length > 500 && other.buffer.length > 500) {
            if ((stack.score - other.score || stack.buffer.length - other.buffer.length) > 0) {
              newStacks.splice(j--, 1);
            } else {
              newStacks.splice(i--, 1);
              continue outer;
            }
          }
        }
      }
      if (newStacks.length > 12) {
        newStacks.sort((a, b) => b.score - a.score);
        newStacks.splice(
          12,
          newStacks.length - 12
          /* Rec.MaxStackCount */
        );
      }
    }
    this.minStackPos = newStacks[0].pos;
    for (let i = 1; i < newStacks.length; i++)
      if (newStacks[i].pos < this.minStackPos)
        this.minStackPos = newStacks[i].pos;
    return null;
  }
  stopAt(pos) {
    if (this.stoppedAt != null && this.stoppedAt < pos)
      throw new RangeError("Can't move stoppedAt forward");
    this.stoppedAt = pos;
  }
  // See if a given tree, or a descendant right at its start, can be
  // reused in the given stack.
  tryReuse(stack, start, tree, repeatOnly) {
    if (!tree)
      return null;
    let strictCx = stack.curContext && stack.curContext.tracker.strict, cxHash = strictCx ? stack.curContext.hash : 0;
    for (; tree; ) {
      let match = this.parser.nodeSet.types[tree.type.id] != tree.type ? -1 : this.parser.getGoto(stack.state, tree.type.id);
      if (match > -1 && tree.length && (!strictCx || (tree.prop(NodeProp.contextHash) || 0) == cxHash)) {
        stack.useNode(tree, match, start);
        return tree;
      }
      if (tree.children.length == 0 || tree.positions[0] > 0)
        break;
      let inner = tree.children[0];
      if (inner instanceof Tree && (!repeatOnly || inner.type.id >= this.parser.minRepeatTerm))
        tree = inner;
      else
        break;
    }
    return null;
  }
  // Returns an updated version of the given stack, or null if the
  // stack can't advance normally. When `split` and `stacks` are
  // given, stacks split off by ambiguous operations will be pushed to
  // `split`, or added to `stacks` if they move `pos` forward.
  advanceStack(stack, stacks, split) {
    let start = stack.pos, { parser: parser2 } = this;
    let base = verbose ? this.stackID(stack) + " -> " : "";
    if (this.stoppedAt != null && start > this.stoppedAt)
      return stack.forceReduce() ? stack : null;
    if (this.fragments) {
      let reused = stack.reducePos < start && stack.buffer.length && stack.buffer[stack.buffer.length - 2] <= stack.reducePos && this.fragments.lastRepeatPos == stack.reducePos && this.tryReuse(stack, stack.reducePos, this.fragments.lastRepeat, true) || this.tryReuse(stack, start, this.fragments.nodeAt(start), false);
      if (reused) {
        if (verbose)
          console.log(base + this.stackID(stack) + ` (via reuse of ${parser2.getName(reused.type.id)})`);
        return true;
      }
    }
    let defaultReduce = parser2.stateSlot(
      stack.state,
      4
      /* ParseState.DefaultReduce */
    );
    if (defaultReduce > 0) {
      stack.reduce(defaultReduce);
      if (verbose)
        console.log(base + this.stackID(stack) + ` (via always-reduce ${parser2.getName(
          defaultReduce & 65535
          /* Action.ValueMask */
        )})`);
      return true;
    }
    if (stack.stack.length >= 8400) {
      while (stack.stack.length > 6e3 && stack.forceReduce()) {
      }
    }
    let actions = this.tokens.getActions(stack);
    for (let i = 0; i < actions.length; ) {
      let action = actions[i++], term = actions[i++], end = actions[i++];
      let last = i == actions.length || !split;
      let localStack = last ? stack : stack.split();
      let main = this.tokens.mainToken;
      localStack.apply(action, term, main ? main.start : localStack.pos, end);
      if (verbose)
        console.log(base + this.stackID(localStack) + ` (via ${(action & 65536) == 0 ? "shift" : `reduce of ${parser2.getName(
          action & 65535
          /* Action.ValueMask */
        )}`} for ${parser2.getName(term)} @ ${start}${localStack == stack ? "" : ", split"})`);
      if (last)
        return true;
      else if (localStack.pos > start)
        stacks.push(localStack);
      else
        split.push(localStack);
    }
    return false;
  }
  // Advance a given stack forward as far as it will go. Returns the
  // (possibly updated) stack if it got stuck, or null if it moved
  // forward and was given to `pushStackDedup`.
  advanceFully(stack, newStacks) {
    let pos = stack.pos;
    for (; ; ) {
      if (!this.advanceStack(stack, null, null))
        return false;
      if (stack.pos > pos) {
        pushStackDedup(stack, newStacks);
        return true;
      }
    }
  }
  runRecovery(stacks, tokens, newStacks) {
    let finished = null, restarted = false;
    for (let i = 0; i < stacks.length; i++) {
      let stack = stacks[i], token = tokens[i << 1], tokenEnd = tokens[(i << 1) + 1];
      let base = verbose ? this.stackID(stack) + " -> " : "";
      if (stack.deadEnd) {
        if (restarted)
          continue;
        restarted = true;
        stack.restart();
        if (verbose)
          console.log(base + this.stackID(stack) + " (restarted)");
        let done = this.advanceFully(stack, newStacks);
        if (done)
          continue;
      }
      let force = stack.split(), forceBase = base;
      for (let j = 0; j < 10 && force.forceReduce(); j++) {
        if (verbose)
          console.log(forceBase + this.stackID(force) + " (via force-reduce)");
        let done = this.advanceFully(force, newStacks);
        if (done)
          break;
        if (verbose)
          forceBase = this.stackID(force) + " -> ";
      }
      for (let insert of stack.recoverByInsert(token)) {
        if (verbose)
          console.log(base + this.stackID(insert) + " (via recover-insert)");
        this.advanceFully(insert, newStacks);
      }
      if (this.stream.end > stack.pos) {
        if (tokenEnd == stack.pos) {
          tokenEnd++;
          token = 0;
        }
        stack.recoverByDelete(token, tokenEnd);
        if (verbose)
          console.log(base + this.stackID(stack) + ` (via recover-delete ${this.parser.getName(token)})`);
        pushStackDedup(stack, newStacks);
      } else if (!finished || finished.score < force.score) {
        finished = force;
      }
    }
    return finished;
  }
  // Convert the stack's buffer to a syntax tree.
  stackToTree(stack) {
    stack.close();
    return Tree.build({
      buffer: StackBufferCursor.create(stack),
      nodeSet: this.parser.nodeSet,
      topID: this.topTerm,
      maxBufferLength: this.parser.bufferLength,
      reused: this.reused,
      start: this.ranges[0].from,
      length: stack.pos - this.ranges[0].from,
      minRepeatType: this.parser.minRepeatTerm
    });
  }
  stackID(stack) {
    let id2 = (stackIDs || (stackIDs = /* @__PURE__ */ new WeakMap())).get(stack);
    if (!id2)
      stackIDs.set(stack, id2 = String.fromCodePoint(this.nextStackID++));
    return id2 + stack;
  }
};
function pushStackDedup(stack, newStacks) {
  for (let i = 0; i < newStacks.length; i++) {
    let other = newStacks[i];
    if (other.pos == stack.pos && other.sameState(stack)) {
      if (newStacks[i].score < stack.score)
        newStacks[i] = stack;
      return;
    }
  }
  newStacks.push(stack);
}
var Dialect = class {
  constructor(source, flags, disabled) {
    this.source = source;
    this.flags = flags;
    this.disabled = disabled;
  }
  allows(term) {
    return !this.disabled || this.disabled[term] == 0;
  }
};
var id = (x) => x;
var ContextTracker = class {
  /**
  Define a context tracker.
  */
  constructor(spec) {
    this.start = spec.start;
    this.shift = spec.shift || id;
    this.reduce = spec.reduce || id;
    this.reuse = spec.reuse || id;
    this.hash = spec.hash || (() => 0);
    this.strict = spec.strict !== false;
  }
};
var LRParser = class _LRParser extends Parser {
  /**
  @internal
  */
  constructor(spec) {
    super();
    this.wrappers = [];
    if (spec.version != 14)
      throw new RangeError(`Parser version (${spec.version}) doesn't match runtime version (${14})`);
    let nodeNames = spec.nodeNames.split(" ");
    this.minRepeatTerm = nodeNames.length;
    for (let i = 0; i < spec.repeatNodeCount; i++)
      nodeNames.push("");
    let topTerms = Object.keys(spec.topRules).map((r) => spec.topRules[r][1]);
    let nodeProps = [];
    for (let i = 0; i < nodeNames.length; i++)
      nodeProps.push([]);
    function setProp(nodeID, prop, value) {
      nodeProps[nodeID].push([prop, prop.deserialize(String(value))]);
    }
    if (spec.nodeProps)
      for (let propSpec of spec.nodeProps) {
        let prop = propSpec[0];
        if (typeof prop == "string")
          prop = NodeProp[prop];
        for (let i = 1; i < propSpec.length; ) {
          let next = propSpec[i++];
          if (next >= 0) {
            setProp(next, prop, propSpec[i++]);
          } else {
            let value = propSpec[i + -next];
            for (let j = -next; j > 0; j--)
              setProp(propSpec[i++], prop, value);
            i++;
          }
        }
      }
    this.nodeSet = new NodeSet(nodeNames.map((name2, i) => NodeType.define({
      name: i >= this.minRepeatTerm ? void 0 : name2,
      id: i,
      props: nodeProps[i],
      top: topTerms.indexOf(i) > -1,
      error: i == 0,
      skipped: spec.skippedNodes && spec.skippedNodes.indexOf(i) > -1
    })));
    if (spec.propSources)
      this.nodeSet = this.nodeSet.extend(...spec.propSources);
    this.strict = false;
    this.bufferLength = DefaultBufferLength;
    let tokenArray = decodeArray(spec.tokenData);
    this.context = spec.context;
    this.specializerSpecs = spec.specialized || [];
    this.specialized = new Uint16Array(this.specializerSpecs.length);
    for (let i = 0; i < this.specializerSpecs.length; i++)
      this.specialized[i] = this.specializerSpecs[i].term;
    this.specializers = this.specializerSpecs.map(getSpecializer);
    this.states = decodeArray(spec.states, Uint32Array);
    this.data = decodeArray(spec.stateData);
    this.goto = decodeArray(spec.goto);
    this.maxTerm = spec.maxTerm;
    this.tokenizers = spec.tokenizers.map((value) => typeof value == "number" ? new TokenGroup(tokenArray, value) : value);
    this.topRules = spec.topRules;
    this.dialects = spec.dialects || {};
    this.dynamicPrecedences = spec.dynamicPrecedences || null;
    this.tokenPrecTable = spec.tokenPrec;
    this.termNames = spec.termNames || null;
    this.maxNode = this.nodeSet.types.length - 1;
    this.dialect = this.parseDialect();
    this.top = this.topRules[Object.keys(this.topRules)[0]];
  }
  createParse(input, fragments, ranges) {
    let parse = new Parse(this, input, fragments, ranges);
    for (let w of this.wrappers)
      parse = w(parse, input, fragments, ranges);
    return parse;
  }
  /**
  Get a goto table entry @internal
  */
  getGoto(state, term, loose = false) {
    let table = this.goto;
    if (term >= table[0])
      return -1;
    for (let pos = table[term + 1]; ; ) {
      let groupTag = table[pos++], last = groupTag & 1;
      let target = table[pos++];
      if (last && loose)
        return target;
      for (let end = pos + (groupTag >> 1); pos < end; pos++)
        if (table[pos] == state)
          return target;
      if (last)
        return -1;
    }
  }
  /**
  Check if this state has an action for a given terminal @internal
  */
  hasAction(state, terminal) {
    let data = this.data;
    for (let set = 0; set < 2; set++) {
      for (let i = this.stateSlot(
        state,
        set ? 2 : 1
        /* ParseState.Actions */
      ), next; ; i += 3) {
        if ((next = data[i]) == 65535) {
          if (data[i + 1] == 1)
            next = data[i = pair(data, i + 2)];
          else if (data[i + 1] == 2)
            return pair(data, i + 2);
          else
            break;
        }
        if (next == terminal || next == 0)
          return pair(data, i + 1);
      }
    }
    return 0;
  }
  /**
  @internal
  */
  stateSlot(state, slot) {
    return this.states[state * 6 + slot];
  }
  /**
  @internal
  */
  stateFlag(state, flag) {
    return (this.stateSlot(
      state,
      0
      /* ParseState.Flags */
    ) & flag) > 0;
  }
  /**
  @internal
  */
  validAction(state, action) {
    return !!this.allActions(state, (a) => a == action ? true : null);
  }
  /**
  @internal
  */
  allActions(state, action) {
    let deflt = this.stateSlot(
      state,
      4
      /* ParseState.DefaultReduce */
    );
    let result = deflt ? action(deflt) : void 0;
    for (let i = this.stateSlot(
      state,
      1
      /* ParseState.Actions */
    ); result == null; i += 3) {
      if (this.data[i] == 65535) {
        if (this.data[i + 1] == 1)
          i = pair(this.data, i + 2);
        else
          break;
      }
      result = action(pair(this.data, i + 1));
    }
    return result;
  }
  /**
  Get the states that can follow this one through shift actions or
  goto jumps. @internal
  */
  nextStates(state) {
    let result = [];
    for (let i = this.stateSlot(
      state,
      1
      /* ParseState.Actions */
    ); ; i += 3) {
      if (this.data[i] == 65535) {
        if (this.data[i + 1] == 1)
          i = pair(this.data, i + 2);
        else
          break;
      }
      if ((this.data[i + 2] & 65536 >> 16) == 0) {
        let value = this.data[i + 1];
        if (!result.some((v, i2) => i2 & 1 && v == value))
          result.push(this.data[i], value);
      }
    }
    return result;
  }
  /**
  Configure the parser. Returns a new parser instance that has the
  given settings modified. Settings not provided in `config` are
  kept from the original parser.
  */
  configure(config) {
    let copy = Object.assign(Object.create(_LRParser.prototype), this);
    if (config.props)
      copy.nodeSet = this.nodeSet.extend(...config.props);
    if (config.top) {
      let info = this.topRules[config.top];
      if (!info)
        throw new RangeError(`Invalid top rule name ${config.top}`);
      copy.top = info;
    }
    if (config.tokenizers)
      copy.tokenizers = this.tokenizers.map((t2) => {
        let found = config.tokenizers.find((r) => r.from == t2);
        return found ? found.to : t2;
      });
    if (config.specializers) {
      copy.specializers = this.specializers.slice();
      copy.specializerSpecs = this.specializerSpecs.map((s, i) => {
        let found = config.specializers.find((r) => r.from == s.external);
        if (!found)
          return s;
        let spec = Object.assign(Object.assign({}, s), { external: found.to });
        copy.specializers[i] = getSpecializer(spec);
        return spec;
      });
    }
    if (config.contextTracker)
      copy.context = config.contextTracker;
    if (config.dialect)
      copy.dialect = this.parseDialect(config.dialect);
    if (config.strict != null)
      copy.strict = config.strict;
    if (config.wrap)
      copy.wrappers = copy.wrappers.concat(config.wrap);
    if (config.bufferLength != null)
      copy.bufferLength = config.bufferLength;
    return copy;
  }
  /**
  Tells you whether any [parse wrappers](#lr.ParserConfig.wrap)
  are registered for this parser.
  */
  hasWrappers() {
    return this.wrappers.length > 0;
  }
  /**
  Returns the name associated with a given term. This will only
  work for all terms when the parser was generated with the
  `--names` option. By default, only the names of tagged terms are
  stored.
  */
  getName(term) {
    return this.termNames ? this.termNames[term] : String(term <= this.maxNode && this.nodeSet.types[term].name || term);
  }
  /**
  The eof term id is always allocated directly after the node
  types. @internal
  */
  get eofTerm() {
    return this.maxNode + 1;
  }
  /**
  The type of top node produced by the parser.
  */
  get topNode() {
    return this.nodeSet.types[this.top[1]];
  }
  /**
  @internal
  */
  dynamicPrecedence(term) {
    let prec = this.dynamicPrecedences;
    return prec == null ? 0 : prec[term] || 0;
  }
  /**
  @internal
  */
  parseDialect(dialect) {
    let values = Object.keys(this.dialects), flags = values.map(() => false);
    if (dialect)
      for (let part of dialect.split(" ")) {
        let id2 = values.indexOf(part);
        if (id2 >= 0)
          flags[id2] = true;
      }
    let disabled = null;
    for (let i = 0; i < values.length; i++)
      if (!flags[i]) {
        for (let j = this.dialects[values[i]], id2; (id2 = this.data[j++]) != 65535; )
          (disabled || (disabled = new Uint8Array(this.maxTerm + 1)))[id2] = 1;
      }
    return new Dialect(dialect, flags, disabled);
  }
  /**
  Used by the output of the parser generator. Not available to
  user code. @hide
  */
  static deserialize(spec) {
    return new _LRParser(spec);
  }
};
function pair(data, off) {
  return data[off] | data[off + 1] << 16;
}
function findFinished(stacks) {
  let best = null;
  for (let stack of stacks) {
    let stopped = stack.p.stoppedAt;
    if ((stack.pos == stack.p.stream.end || stopped != null && stack.pos > stopped) && stack.p.parser.stateFlag(
      stack.state,
      2
      /* StateFlag.Accepting */
    ) && (!best || best.score < stack.score))
      best = stack;
  }
  return best;
}
function getSpecializer(spec) {
  if (spec.external) {
    let mask = spec.extend ? 1 : 0;
    return (value, stack) => spec.external(value, stack) << 1 | mask;
  }
  return spec.get;
}

// node_modules/@lezer/highlight/dist/index.js
var nextTagID = 0;
var Tag = class _Tag {
  /**
  @internal
  */
  constructor(name2, set, base, modified) {
    this.name = name2;
    this.set = set;
    this.base = base;
    this.modified = modified;
    this.id = nextTagID++;
  }
  toString() {
    let { name: name2 } = this;
    for (let mod of this.modified)
      if (mod.name)
        name2 = `${mod.name}(${name2})`;
    return name2;
  }
  static define(nameOrParent, parent) {
    let name2 = typeof nameOrParent == "string" ? nameOrParent : "?";
    if (nameOrParent instanceof _Tag)
      parent = nameOrParent;
    if (parent === null || parent === void 0 ? void 0 : parent.base)
      throw new Error("Can not derive from a modified tag");
    let tag = new _Tag(name2, [], null, []);
    tag.set.push(tag);
    if (parent)
      for (let t2 of parent.set)
        tag.set.push(t2);
    return tag;
  }
  /**
  Define a tag _modifier_, which is a function that, given a tag,
  will return a tag that is a subtag of the original. Applying the
  same modifier to a twice tag will return the same value (`m1(t1)
  == m1(t1)`) and applying multiple modifiers will, regardless or
  order, produce the same tag (`m1(m2(t1)) == m2(m1(t1))`).
  
  When multiple modifiers are applied to a given base tag, each
  smaller set of modifiers is registered as a parent, so that for
  example `m1(m2(m3(t1)))` is a subtype of `m1(m2(t1))`,
  `m1(m3(t1)`, and so on.
  */
  static defineModifier(name2) {
    let mod = new Modifier(name2);
    return (tag) => {
      if (tag.modified.indexOf(mod) > -1)
        return tag;
      return Modifier.get(tag.base || tag, tag.modified.concat(mod).sort((a, b) => a.id - b.id));
    };
  }
};
var nextModifierID = 0;
var Modifier = class _Modifier {
  constructor(name2) {
    this.name = name2;
    this.instances = [];
    this.id = nextModifierID++;
  }
  static get(base, mods) {
    if (!mods.length)
      return base;
    let exists = mods[0].instances.find((t2) => t2.base == base && sameArray(mods, t2.modified));
    if (exists)
      return exists;
    let set = [], tag = new Tag(base.name, set, base, mods);
    for (let m of mods)
      m.instances.push(tag);
    let configs = powerSet(mods);
    for (let parent of base.set)
      if (!parent.modified.length)
        for (let config of configs)
          set.push(_Modifier.get(parent, config));
    return tag;
  }
};
function sameArray(a, b) {
  return a.length == b.length && a.every((x, i) => x == b[i]);
}
function powerSet(array) {
  let sets = [[]];
  for (let i = 0; i < array.length; i++) {
    for (let j = 0, e = sets.length; j < e; j++) {
      sets.push(sets[j].concat(array[i]));
    }
  }
  return sets.sort((a, b) => b.length - a.length);
}
function styleTags(spec) {
  let byName = /* @__PURE__ */ Object.create(null);
  for (let prop in spec) {
    let tags2 = spec[prop];
    if (!Array.isArray(tags2))
      tags2 = [tags2];
    for (let part of prop.split(" "))
      if (part) {
        let pieces = [], mode = 2, rest = part;
        for (let pos = 0; ; ) {
          if (rest == "..." && pos > 0 && pos + 3 == part.length) {
            mode = 1;
            break;
          }
          let m = /^"(?:[^"\\]|\\.)*?"|[^\/!]+/.exec(rest);
          if (!m)
            throw new RangeError("Invalid path: " + part);
          pieces.push(m[0] == "*" ? "" : m[0][0] == '"' ? JSON.parse(m[0]) : m[0]);
          pos += m[0].length;
          if (pos == part.length)
            break;
          let next = part[pos++];
          if (pos == part.length && next == "!") {
            mode = 0;
            break;
          }
          if (next != "/")
            throw new RangeError("Invalid path: " + part);
          rest = part.slice(pos);
        }
        let last = pieces.length - 1, inner = pieces[last];
        if (!inner)
          throw new RangeError("Invalid path: " + part);
        let rule = new Rule(tags2, mode, last > 0 ? pieces.slice(0, last) : null);
        byName[inner] = rule.sort(byName[inner]);
      }
  }
  return ruleNodeProp.add(byName);
}
var ruleNodeProp = new NodeProp({
  combine(a, b) {
    let cur, root, take;
    while (a || b) {
      if (!a || b && a.depth <= b.depth) {
        take = b;
        b = b.next;
      } else {
        take = a;
        a = a.next;
      }
      if (cur && cur.mode == take.mode && !take.context && !cur.context)
        continue;
      let copy = new Rule(take.tags, take.mode, take.context);
      if (cur)
        cur.next = copy;
      else
        root = copy;
      cur = copy;
    }
    return root;
  }
});
var Rule = class {
  constructor(tags2, mode, context, next) {
    this.tags = tags2;
    this.mode = mode;
    this.context = context;
    this.next = next;
  }
  get opaque() {
    return this.mode == 0;
  }
  get inherit() {
    return this.mode == 1;
  }
  sort(other) {
    if (!other || other.depth < this.depth) {
      this.next = other;
      return this;
    }
    other.next = this.sort(other.next);
    return other;
  }
  get depth() {
    return this.context ? this.context.length : 0;
  }
};
Rule.empty = new Rule([], 2, null);
function tagHighlighter(tags2, options) {
  let map = /* @__PURE__ */ Object.create(null);
  for (let style of tags2) {
    if (!Array.isArray(style.tag))
      map[style.tag.id] = style.class;
    else
      for (let tag of style.tag)
        map[tag.id] = style.class;
  }
  let { scope, all = null } = options || {};
  return {
    style: (tags3) => {
      let cls = all;
      for (let tag of tags3) {
        for (let sub of tag.set) {
          let tagClass = map[sub.id];
          if (tagClass) {
            cls = cls ? cls + " " + tagClass : tagClass;
            break;
          }
        }
      }
      return cls;
    },
    scope
  };
}
var t = Tag.define;
var comment = t();
var name = t();
var typeName = t(name);
var propertyName = t(name);
var literal = t();
var string = t(literal);
var number = t(literal);
var content = t();
var heading = t(content);
var keyword = t();
var operator = t();
var punctuation = t();
var bracket = t(punctuation);
var meta = t();
var tags = {
  /**
  A comment.
  */
  comment,
  /**
  A line [comment](#highlight.tags.comment).
  */
  lineComment: t(comment),
  /**
  A block [comment](#highlight.tags.comment).
  */
  blockComment: t(comment),
  /**
  A documentation [comment](#highlight.tags.comment).
  */
  docComment: t(comment),
  /**
  Any kind of identifier.
  */
  name,
  /**
  The [name](#highlight.tags.name) of a variable.
  */
  variableName: t(name),
  /**
  A type [name](#highlight.tags.name).
  */
  typeName,
  /**
  A tag name (subtag of [`typeName`](#highlight.tags.typeName)).
  */
  tagName: t(typeName),
  /**
  A property or field [name](#highlight.tags.name).
  */
  propertyName,
  /**
  An attribute name (subtag of [`propertyName`](#highlight.tags.propertyName)).
  */
  attributeName: t(propertyName),
  /**
  The [name](#highlight.tags.name) of a class.
  */
  className: t(name),
  /**
  A label [name](#highlight.tags.name).
  */
  labelName: t(name),
  /**
  A namespace [name](#highlight.tags.name).
  */
  namespace: t(name),
  /**
  The [name](#highlight.tags.name) of a macro.
  */
  macroName: t(name),
  /**
  A literal value.
  */
  literal,
  /**
  A string [literal](#highlight.tags.literal).
  */
  string,
  /**
  A documentation [string](#highlight.tags.string).
  */
  docString: t(string),
  /**
  A character literal (subtag of [string](#highlight.tags.string)).
  */
  character: t(string),
  /**
  An attribute value (subtag of [string](#highlight.tags.string)).
  */
  attributeValue: t(string),
  /**
  A number [literal](#highlight.tags.literal).
  */
  number,
  /**
  An integer [number](#highlight.tags.number) literal.
  */
  integer: t(number),
  /**
  A floating-point [number](#highlight.tags.number) literal.
  */
  float: t(number),
  /**
  A boolean [literal](#highlight.tags.literal).
  */
  bool: t(literal),
  /**
  Regular expression [literal](#highlight.tags.literal).
  */
  regexp: t(literal),
  /**
  An escape [literal](#highlight.tags.literal), for example a
  backslash escape in a string.
  */
  escape: t(literal),
  /**
  A color [literal](#highlight.tags.literal).
  */
  color: t(literal),
  /**
  A URL [literal](#highlight.tags.literal).
  */
  url: t(literal),
  /**
  A language keyword.
  */
  keyword,
  /**
  The [keyword](#highlight.tags.keyword) for the self or this
  object.
  */
  self: t(keyword),
  /**
  The [keyword](#highlight.tags.keyword) for null.
  */
  null: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) denoting some atomic value.
  */
  atom: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) that represents a unit.
  */
  unit: t(keyword),
  /**
  A modifier [keyword](#highlight.tags.keyword).
  */
  modifier: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) that acts as an operator.
  */
  operatorKeyword: t(keyword),
  /**
  A control-flow related [keyword](#highlight.tags.keyword).
  */
  controlKeyword: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) that defines something.
  */
  definitionKeyword: t(keyword),
  /**
  A [keyword](#highlight.tags.keyword) related to defining or
  interfacing with modules.
  */
  moduleKeyword: t(keyword),
  /**
  An operator.
  */
  operator,
  /**
  An [operator](#highlight.tags.operator) that dereferences something.
  */
  derefOperator: t(operator),
  /**
  Arithmetic-related [operator](#highlight.tags.operator).
  */
  arithmeticOperator: t(operator),
  /**
  Logical [operator](#highlight.tags.operator).
  */
  logicOperator: t(operator),
  /**
  Bit [operator](#highlight.tags.operator).
  */
  bitwiseOperator: t(operator),
  /**
  Comparison [operator](#highlight.tags.operator).
  */
  compareOperator: t(operator),
  /**
  [Operator](#highlight.tags.operator) that updates its operand.
  */
  updateOperator: t(operator),
  /**
  [Operator](#highlight.tags.operator) that defines something.
  */
  definitionOperator: t(operator),
  /**
  Type-related [operator](#highlight.tags.operator).
  */
  typeOperator: t(operator),
  /**
  Control-flow [operator](#highlight.tags.operator).
  */
  controlOperator: t(operator),
  /**
  Program or markup punctuation.
  */
  punctuation,
  /**
  [Punctuation](#highlight.tags.punctuation) that separates
  things.
  */
  separator: t(punctuation),
  /**
  Bracket-style [punctuation](#highlight.tags.punctuation).
  */
  bracket,
  /**
  Angle [brackets](#highlight.tags.bracket) (usually `<` and `>`
  tokens).
  */
  angleBracket: t(bracket),
  /**
  Square [brackets](#highlight.tags.bracket) (usually `[` and `]`
  tokens).
  */
  squareBracket: t(bracket),
  /**
  Parentheses (usually `(` and `)` tokens). Subtag of
  [bracket](#highlight.tags.bracket).
  */
  paren: t(bracket),
  /**
  Braces (usually `{` and `}` tokens). Subtag of
  [bracket](#highlight.tags.bracket).
  */
  brace: t(bracket),
  /**
  Content, for example plain text in XML or markup documents.
  */
  content,
  /**
  [Content](#highlight.tags.content) that represents a heading.
  */
  heading,
  /**
  A level 1 [heading](#highlight.tags.heading).
  */
  heading1: t(heading),
  /**
  A level 2 [heading](#highlight.tags.heading).
  */
  heading2: t(heading),
  /**
  A level 3 [heading](#highlight.tags.heading).
  */
  heading3: t(heading),
  /**
  A level 4 [heading](#highlight.tags.heading).
  */
  heading4: t(heading),
  /**
  A level 5 [heading](#highlight.tags.heading).
  */
  heading5: t(heading),
  /**
  A level 6 [heading](#highlight.tags.heading).
  */
  heading6: t(heading),
  /**
  A prose [content](#highlight.tags.content) separator (such as a horizontal rule).
  */
  contentSeparator: t(content),
  /**
  [Content](#highlight.tags.content) that represents a list.
  */
  list: t(content),
  /**
  [Content](#highlight.tags.content) that represents a quote.
  */
  quote: t(content),
  /**
  [Content](#highlight.tags.content) that is emphasized.
  */
  emphasis: t(content),
  /**
  [Content](#highlight.tags.content) that is styled strong.
  */
  strong: t(content),
  /**
  [Content](#highlight.tags.content) that is part of a link.
  */
  link: t(content),
  /**
  [Content](#highlight.tags.content) that is styled as code or
  monospace.
  */
  monospace: t(content),
  /**
  [Content](#highlight.tags.content) that has a strike-through
  style.
  */
  strikethrough: t(content),
  /**
  Inserted text in a change-tracking format.
  */
  inserted: t(),
  /**
  Deleted text.
  */
  deleted: t(),
  /**
  Changed text.
  */
  changed: t(),
  /**
  An invalid or unsyntactic element.
  */
  invalid: t(),
  /**
  Metadata or meta-instruction.
  */
  meta,
  /**
  [Metadata](#highlight.tags.meta) that applies to the entire
  document.
  */
  documentMeta: t(meta),
  /**
  [Metadata](#highlight.tags.meta) that annotates or adds
  attributes to a given syntactic element.
  */
  annotation: t(meta),
  /**
  Processing instruction or preprocessor directive. Subtag of
  [meta](#highlight.tags.meta).
  */
  processingInstruction: t(meta),
  /**
  [Modifier](#highlight.Tag^defineModifier) that indicates that a
  given element is being defined. Expected to be used with the
  various [name](#highlight.tags.name) tags.
  */
  definition: Tag.defineModifier("definition"),
  /**
  [Modifier](#highlight.Tag^defineModifier) that indicates that
  something is constant. Mostly expected to be used with
  [variable names](#highlight.tags.variableName).
  */
  constant: Tag.defineModifier("constant"),
  /**
  [Modifier](#highlight.Tag^defineModifier) used to indicate that
  a [variable](#highlight.tags.variableName) or [property
  name](#highlight.tags.propertyName) is being called or defined
  as a function.
  */
  function: Tag.defineModifier("function"),
  /**
  [Modifier](#highlight.Tag^defineModifier) that can be applied to
  [names](#highlight.tags.name) to indicate that they belong to
  the language's standard environment.
  */
  standard: Tag.defineModifier("standard"),
  /**
  [Modifier](#highlight.Tag^defineModifier) that indicates a given
  [names](#highlight.tags.name) is local to some scope.
  */
  local: Tag.defineModifier("local"),
  /**
  A generic variant [modifier](#highlight.Tag^defineModifier) that
  can be used to tag language-specific alternative variants of
  some common tag. It is recommended for themes to define special
  forms of at least the [string](#highlight.tags.string) and
  [variable name](#highlight.tags.variableName) tags, since those
  come up a lot.
  */
  special: Tag.defineModifier("special")
};
for (let name2 in tags) {
  let val = tags[name2];
  if (val instanceof Tag)
    val.name = name2;
}
var classHighlighter = tagHighlighter([
  { tag: tags.link, class: "tok-link" },
  { tag: tags.heading, class: "tok-heading" },
  { tag: tags.emphasis, class: "tok-emphasis" },
  { tag: tags.strong, class: "tok-strong" },
  { tag: tags.keyword, class: "tok-keyword" },
  { tag: tags.atom, class: "tok-atom" },
  { tag: tags.bool, class: "tok-bool" },
  { tag: tags.url, class: "tok-url" },
  { tag: tags.labelName, class: "tok-labelName" },
  { tag: tags.inserted, class: "tok-inserted" },
  { tag: tags.deleted, class: "tok-deleted" },
  { tag: tags.literal, class: "tok-literal" },
  { tag: tags.string, class: "tok-string" },
  { tag: tags.number, class: "tok-number" },
  { tag: [tags.regexp, tags.escape, tags.special(tags.string)], class: "tok-string2" },
  { tag: tags.variableName, class: "tok-variableName" },
  { tag: tags.local(tags.variableName), class: "tok-variableName tok-local" },
  { tag: tags.definition(tags.variableName), class: "tok-variableName tok-definition" },
  { tag: tags.special(tags.variableName), class: "tok-variableName2" },
  { tag: tags.definition(tags.propertyName), class: "tok-propertyName tok-definition" },
  { tag: tags.typeName, class: "tok-typeName" },
  { tag: tags.namespace, class: "tok-namespace" },
  { tag: tags.className, class: "tok-className" },
  { tag: tags.macroName, class: "tok-macroName" },
  { tag: tags.propertyName, class: "tok-propertyName" },
  { tag: tags.operator, class: "tok-operator" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: tags.meta, class: "tok-meta" },
  { tag: tags.invalid, class: "tok-invalid" },
  { tag: tags.punctuation, class: "tok-punctuation" }
]);

// node_modules/@lezer/python/dist/index.js
var printKeyword = 1;
var indent = 194;
var dedent2 = 195;
var newline$1 = 196;
var blankLineStart = 197;
var newlineBracketed = 198;
var eof = 199;
var stringContent = 200;
var Escape = 2;
var replacementStart = 3;
var stringEnd = 201;
var ParenL = 24;
var ParenthesizedExpression = 25;
var TupleExpression = 49;
var ComprehensionExpression = 50;
var BracketL = 55;
var ArrayExpression = 56;
var ArrayComprehensionExpression = 57;
var BraceL = 59;
var DictionaryExpression = 60;
var DictionaryComprehensionExpression = 61;
var SetExpression = 62;
var SetComprehensionExpression = 63;
var ArgList = 65;
var subscript = 238;
var String$1 = 71;
var stringStart = 241;
var stringStartD = 242;
var stringStartL = 243;
var stringStartLD = 244;
var stringStartR = 245;
var stringStartRD = 246;
var stringStartRL = 247;
var stringStartRLD = 248;
var FormatString = 72;
var stringStartF = 249;
var stringStartFD = 250;
var stringStartFL = 251;
var stringStartFLD = 252;
var stringStartFR = 253;
var stringStartFRD = 254;
var stringStartFRL = 255;
var stringStartFRLD = 256;
var FormatReplacement = 73;
var nestedFormatReplacement = 77;
var importList = 263;
var TypeParamList = 112;
var ParamList = 130;
var SequencePattern = 151;
var MappingPattern = 152;
var PatternArgList = 155;
var newline = 10;
var carriageReturn = 13;
var space = 32;
var tab = 9;
var hash = 35;
var parenOpen = 40;
var dot = 46;
var braceOpen = 123;
var braceClose = 125;
var singleQuote = 39;
var doubleQuote = 34;
var backslash = 92;
var letter_o = 111;
var letter_x = 120;
var letter_N = 78;
var letter_u = 117;
var letter_U = 85;
var bracketed = /* @__PURE__ */ new Set([
  ParenthesizedExpression,
  TupleExpression,
  ComprehensionExpression,
  importList,
  ArgList,
  ParamList,
  ArrayExpression,
  ArrayComprehensionExpression,
  subscript,
  SetExpression,
  SetComprehensionExpression,
  FormatString,
  FormatReplacement,
  nestedFormatReplacement,
  DictionaryExpression,
  DictionaryComprehensionExpression,
  SequencePattern,
  MappingPattern,
  PatternArgList,
  TypeParamList
]);
function isLineBreak(ch) {
  return ch == newline || ch == carriageReturn;
}
function isHex(ch) {
  return ch >= 48 && ch <= 57 || ch >= 65 && ch <= 70 || ch >= 97 && ch <= 102;
}
var newlines = new ExternalTokenizer((input, stack) => {
  let prev;
  if (input.next < 0) {
    input.acceptToken(eof);
  } else if (stack.context.flags & cx_Bracketed) {
    if (isLineBreak(input.next)) input.acceptToken(newlineBracketed, 1);
  } else if (((prev = input.peek(-1)) < 0 || isLineBreak(prev)) && stack.canShift(blankLineStart)) {
    let spaces = 0;
    while (input.next == space || input.next == tab) {
      input.advance();
      spaces++;
    }
    if (input.next == newline || input.next == carriageReturn || input.next == hash)
      input.acceptToken(blankLineStart, -spaces);
  } else if (isLineBreak(input.next)) {
    input.acceptToken(newline$1, 1);
  }
}, { contextual: true });
var indentation = new ExternalTokenizer((input, stack) => {
  let context = stack.context;
  if (context.flags) return;
  let prev = input.peek(-1);
  if (prev == newline || prev == carriageReturn) {
    let depth = 0, chars = 0;
    for (; ; ) {
      if (input.next == space) depth++;
      else if (input.next == tab) depth += 8 - depth % 8;
      else break;
      input.advance();
      chars++;
    }
    if (depth != context.indent && input.next != newline && input.next != carriageReturn && input.next != hash) {
      if (depth < context.indent) input.acceptToken(dedent2, -chars);
      else input.acceptToken(indent);
    }
  }
});
var cx_Bracketed = 1;
var cx_String = 2;
var cx_DoubleQuote = 4;
var cx_Long = 8;
var cx_Raw = 16;
var cx_Format = 32;
function Context(parent, indent2, flags) {
  this.parent = parent;
  this.indent = indent2;
  this.flags = flags;
  this.hash = (parent ? parent.hash + parent.hash << 8 : 0) + indent2 + (indent2 << 4) + flags + (flags << 6);
}
var topIndent = new Context(null, 0, 0);
function countIndent(space2) {
  let depth = 0;
  for (let i = 0; i < space2.length; i++)
    depth += space2.charCodeAt(i) == tab ? 8 - depth % 8 : 1;
  return depth;
}
var stringFlags = new Map([
  [stringStart, 0],
  [stringStartD, cx_DoubleQuote],
  [stringStartL, cx_Long],
  [stringStartLD, cx_Long | cx_DoubleQuote],
  [stringStartR, cx_Raw],
  [stringStartRD, cx_Raw | cx_DoubleQuote],
  [stringStartRL, cx_Raw | cx_Long],
  [stringStartRLD, cx_Raw | cx_Long | cx_DoubleQuote],
  [stringStartF, cx_Format],
  [stringStartFD, cx_Format | cx_DoubleQuote],
  [stringStartFL, cx_Format | cx_Long],
  [stringStartFLD, cx_Format | cx_Long | cx_DoubleQuote],
  [stringStartFR, cx_Format | cx_Raw],
  [stringStartFRD, cx_Format | cx_Raw | cx_DoubleQuote],
  [stringStartFRL, cx_Format | cx_Raw | cx_Long],
  [stringStartFRLD, cx_Format | cx_Raw | cx_Long | cx_DoubleQuote]
].map(([term, flags]) => [term, flags | cx_String]));
var trackIndent = new ContextTracker({
  start: topIndent,
  reduce(context, term, _, input) {
    if (context.flags & cx_Bracketed && bracketed.has(term) || (term == String$1 || term == FormatString) && context.flags & cx_String)
      return context.parent;
    return context;
  },
  shift(context, term, stack, input) {
    if (term == indent)
      return new Context(context, countIndent(input.read(input.pos, stack.pos)), 0);
    if (term == dedent2)
      return context.parent;
    if (term == ParenL || term == BracketL || term == BraceL || term == replacementStart)
      return new Context(context, 0, cx_Bracketed);
    if (stringFlags.has(term))
      return new Context(context, 0, stringFlags.get(term) | context.flags & cx_Bracketed);
    return context;
  },
  hash(context) {
    return context.hash;
  }
});
var legacyPrint = new ExternalTokenizer((input) => {
  for (let i = 0; i < 5; i++) {
    if (input.next != "print".charCodeAt(i)) return;
    input.advance();
  }
  if (/\w/.test(String.fromCharCode(input.next))) return;
  for (let off = 0; ; off++) {
    let next = input.peek(off);
    if (next == space || next == tab) continue;
    if (next != parenOpen && next != dot && next != newline && next != carriageReturn && next != hash)
      input.acceptToken(printKeyword);
    return;
  }
});
var strings = new ExternalTokenizer((input, stack) => {
  let { flags } = stack.context;
  let quote = flags & cx_DoubleQuote ? doubleQuote : singleQuote;
  let long = (flags & cx_Long) > 0;
  let escapes = !(flags & cx_Raw);
  let format = (flags & cx_Format) > 0;
  let start = input.pos;
  for (; ; ) {
    if (input.next < 0) {
      break;
    } else if (format && input.next == braceOpen) {
      if (input.peek(1) == braceOpen) {
        input.advance(2);
      } else {
        if (input.pos == start) {
          input.acceptToken(replacementStart, 1);
          return;
        }
        break;
      }
    } else if (escapes && input.next == backslash) {
      if (input.pos == start) {
        input.advance();
        let escaped = input.next;
        if (escaped >= 0) {
          input.advance();
          skipEscape(input, escaped);
        }
        input.acceptToken(Escape);
        return;
      }
      break;
    } else if (input.next == backslash && !escapes && input.peek(1) > -1) {
      input.advance(2);
    } else if (input.next == quote && (!long || input.peek(1) == quote && input.peek(2) == quote)) {
      if (input.pos == start) {
        input.acceptToken(stringEnd, long ? 3 : 1);
        return;
      }
      break;
    } else if (input.next == newline) {
      if (long) {
        input.advance();
      } else if (input.pos == start) {
        input.acceptToken(stringEnd);
        return;
      }
      break;
    } else {
      input.advance();
    }
  }
  if (input.pos > start) input.acceptToken(stringContent);
});
function skipEscape(input, ch) {
  if (ch == letter_o) {
    for (let i = 0; i < 2 && input.next >= 48 && input.next <= 55; i++) input.advance();
  } else if (ch == letter_x) {
    for (let i = 0; i < 2 && isHex(input.next); i++) input.advance();
  } else if (ch == letter_u) {
    for (let i = 0; i < 4 && isHex(input.next); i++) input.advance();
  } else if (ch == letter_U) {
    for (let i = 0; i < 8 && isHex(input.next); i++) input.advance();
  } else if (ch == letter_N) {
    if (input.next == braceOpen) {
      input.advance();
      while (input.next >= 0 && input.next != braceClose && input.next != singleQuote && input.next != doubleQuote && input.next != newline) input.advance();
      if (input.next == braceClose) input.advance();
    }
  }
}
var pythonHighlighting = styleTags({
  'async "*" "**" FormatConversion FormatSpec': tags.modifier,
  "for while if elif else try except finally return raise break continue with pass assert await yield match case": tags.controlKeyword,
  "in not and or is del": tags.operatorKeyword,
  "from def class global nonlocal lambda": tags.definitionKeyword,
  import: tags.moduleKeyword,
  "with as print": tags.keyword,
  Boolean: tags.bool,
  None: tags.null,
  VariableName: tags.variableName,
  "CallExpression/VariableName": tags.function(tags.variableName),
  "FunctionDefinition/VariableName": tags.function(tags.definition(tags.variableName)),
  "ClassDefinition/VariableName": tags.definition(tags.className),
  PropertyName: tags.propertyName,
  "CallExpression/MemberExpression/PropertyName": tags.function(tags.propertyName),
  Comment: tags.lineComment,
  Number: tags.number,
  String: tags.string,
  FormatString: tags.special(tags.string),
  Escape: tags.escape,
  UpdateOp: tags.updateOperator,
  "ArithOp!": tags.arithmeticOperator,
  BitOp: tags.bitwiseOperator,
  CompareOp: tags.compareOperator,
  AssignOp: tags.definitionOperator,
  Ellipsis: tags.punctuation,
  At: tags.meta,
  "( )": tags.paren,
  "[ ]": tags.squareBracket,
  "{ }": tags.brace,
  ".": tags.derefOperator,
  ", ;": tags.separator
});
var spec_identifier = { __proto__: null, await: 44, or: 54, and: 56, in: 60, not: 62, is: 64, if: 70, else: 72, lambda: 76, yield: 94, from: 96, async: 102, for: 104, None: 162, True: 164, False: 164, del: 178, pass: 182, break: 186, continue: 190, return: 194, raise: 202, import: 206, as: 208, global: 212, nonlocal: 214, assert: 218, type: 223, elif: 236, while: 240, try: 246, except: 248, finally: 250, with: 254, def: 258, class: 268, match: 279, case: 285 };
var parser = LRParser.deserialize({
  version: 14,
  states: "##jQ`QeOOP$}OSOOO&WQtO'#HUOOQS'#Co'#CoOOQS'#Cp'#CpO'vQdO'#CnO*UQtO'#HTOOQS'#HU'#HUOOQS'#DU'#DUOOQS'#HT'#HTO*rQdO'#D_O+VQdO'#DfO+gQdO'#DjO+zOWO'#DuO,VOWO'#DvO.[QtO'#GuOOQS'#Gu'#GuO'vQdO'#GtO0ZQtO'#GtOOQS'#Eb'#EbO0rQdO'#EcOOQS'#Gs'#GsO0|QdO'#GrOOQV'#Gr'#GrO1XQdO'#FYOOQS'#G^'#G^O1^QdO'#FXOOQV'#IS'#ISOOQV'#Gq'#GqOOQV'#Fq'#FqQ`QeOOO'vQdO'#CqO1lQdO'#C}O1sQdO'#DRO2RQdO'#HYO2cQtO'#EVO'vQdO'#EWOOQS'#EY'#EYOOQS'#E['#E[OOQS'#E^'#E^O2wQdO'#E`O3_QdO'#EdO3rQdO'#EfO3zQtO'#EfO1XQdO'#EiO0rQdO'#ElO1XQdO'#EnO0rQdO'#EtO0rQdO'#EwO4VQdO'#EyO4^QdO'#FOO4iQdO'#EzO0rQdO'#FOO1XQdO'#FQO1XQdO'#FVO4nQdO'#F[P4uOdO'#GpPOOO)CBd)CBdOOQS'#Ce'#CeOOQS'#Cf'#CfOOQS'#Cg'#CgOOQS'#Ch'#ChOOQS'#Ci'#CiOOQS'#Cj'#CjOOQS'#Cl'#ClO'vQdO,59OO'vQdO,59OO'vQdO,59OO'vQdO,59OO'vQdO,59OO'vQdO,59OO5TQdO'#DoOOQS,5:Y,5:YO5hQdO'#HdOOQS,5:],5:]O5uQ!fO,5:]O5zQtO,59YO1lQdO,59bO1lQdO,59bO1lQdO,59bO8jQdO,59bO8oQdO,59bO8vQdO,59jO8}QdO'#HTO:TQdO'#HSOOQS'#HS'#HSOOQS'#D['#D[O:lQdO,59aO'vQdO,59aO:zQdO,59aOOQS,59y,59yO;PQdO,5:RO'vQdO,5:ROOQS,5:Q,5:QO;_QdO,5:QO;dQdO,5:XO'vQdO,5:XO'vQdO,5:VOOQS,5:U,5:UO;uQdO,5:UO;zQdO,5:WOOOW'#Fy'#FyO<POWO,5:aOOQS,5:a,5:aO<[QdO'#HwOOOW'#Dw'#DwOOOW'#Fz'#FzO<lOWO,5:bOOQS,5:b,5:bOOQS'#F}'#F}O<zQtO,5:iO?lQtO,5=`O@VQ#xO,5=`O@vQtO,5=`OOQS,5:},5:}OA_QeO'#GWOBqQdO,5;^OOQV,5=^,5=^OB|QtO'#IPOCkQdO,5;tOOQS-E:[-E:[OOQV,5;s,5;sO4dQdO'#FQOOQV-E9o-E9oOCsQtO,59]OEzQtO,59iOFeQdO'#HVOFpQdO'#HVO1XQdO'#HVOF{QdO'#DTOGTQdO,59mOGYQdO'#HZO'vQdO'#HZO0rQdO,5=tOOQS,5=t,5=tO0rQdO'#EROOQS'#ES'#ESOGwQdO'#GPOHXQdO,58|OHXQdO,58|O*xQdO,5:oOHgQtO'#H]OOQS,5:r,5:rOOQS,5:z,5:zOHzQdO,5;OOI]QdO'#IOO1XQdO'#H}OOQS,5;Q,5;QOOQS'#GT'#GTOIqQtO,5;QOJPQdO,5;QOJUQdO'#IQOOQS,5;T,5;TOJdQdO'#H|OOQS,5;W,5;WOJuQdO,5;YO4iQdO,5;`O4iQdO,5;cOJ}QtO'#ITO'vQdO'#ITOKXQdO,5;eO4VQdO,5;eO0rQdO,5;jO1XQdO,5;lOK^QeO'#EuOLjQgO,5;fO!!kQdO'#IUO4iQdO,5;jO!!vQdO,5;lO!#OQdO,5;qO!#ZQtO,5;vO'vQdO,5;vPOOO,5=[,5=[P!#bOSO,5=[P!#jOdO,5=[O!&bQtO1G.jO!&iQtO1G.jO!)YQtO1G.jO!)dQtO1G.jO!+}QtO1G.jO!,bQtO1G.jO!,uQdO'#HcO!-TQtO'#GuO0rQdO'#HcO!-_QdO'#HbOOQS,5:Z,5:ZO!-gQdO,5:ZO!-lQdO'#HeO!-wQdO'#HeO!.[QdO,5>OOOQS'#Ds'#DsOOQS1G/w1G/wOOQS1G.|1G.|O!/[QtO1G.|O!/cQtO1G.|O1lQdO1G.|O!0OQdO1G/UOOQS'#DZ'#DZO0rQdO,59tOOQS1G.{1G.{O!0VQdO1G/eO!0gQdO1G/eO!0oQdO1G/fO'vQdO'#H[O!0tQdO'#H[O!0yQtO1G.{O!1ZQdO,59iO!2aQdO,5=zO!2qQdO,5=zO!2yQdO1G/mO!3OQtO1G/mOOQS1G/l1G/lO!3`QdO,5=uO!4VQdO,5=uO0rQdO1G/qO!4tQdO1G/sO!4yQtO1G/sO!5ZQtO1G/qOOQS1G/p1G/pOOQS1G/r1G/rOOOW-E9w-E9wOOQS1G/{1G/{O!5kQdO'#HxO0rQdO'#HxO!5|QdO,5>cOOOW-E9x-E9xOOQS1G/|1G/|OOQS-E9{-E9{O!6[Q#xO1G2zO!6{QtO1G2zO'vQdO,5<jOOQS,5<j,5<jOOQS-E9|-E9|OOQS,5<r,5<rOOQS-E:U-E:UOOQV1G0x1G0xO1XQdO'#GRO!7dQtO,5>kOOQS1G1`1G1`O!8RQdO1G1`OOQS'#DV'#DVO0rQdO,5=qOOQS,5=q,5=qO!8WQdO'#FrO!8cQdO,59oO!8kQdO1G/XO!8uQtO,5=uOOQS1G3`1G3`OOQS,5:m,5:mO!9fQdO'#GtOOQS,5<k,5<kOOQS-E9}-E9}O!9wQdO1G.hOOQS1G0Z1G0ZO!:VQdO,5=wO!:gQdO,5=wO0rQdO1G0jO0rQdO1G0jO!:xQdO,5>jO!;ZQdO,5>jO1XQdO,5>jO!;lQdO,5>iOOQS-E:R-E:RO!;qQdO1G0lO!;|QdO1G0lO!<RQdO,5>lO!<aQdO,5>lO!<oQdO,5>hO!=VQdO,5>hO!=hQdO'#EpO0rQdO1G0tO!=sQdO1G0tO!=xQgO1G0zO!AvQgO1G0}O!EqQdO,5>oO!E{QdO,5>oO!FTQtO,5>oO0rQdO1G1PO!F_QdO1G1PO4iQdO1G1UO!!vQdO1G1WOOQV,5;a,5;aO!FdQfO,5;aO!FiQgO1G1QO!JjQdO'#GZO4iQdO1G1QO4iQdO1G1QO!JzQdO,5>pO!KXQdO,5>pO1XQdO,5>pOOQV1G1U1G1UO!KaQdO'#FSO!KrQ!fO1G1WO!KzQdO1G1WOOQV1G1]1G1]O4iQdO1G1]O!LPQdO1G1]O!LXQdO'#F^OOQV1G1b1G1bO!#ZQtO1G1bPOOO1G2v1G2vP!L^OSO1G2vOOQS,5=},5=}OOQS'#Dp'#DpO0rQdO,5=}O!LfQdO,5=|O!LyQdO,5=|OOQS1G/u1G/uO!MRQdO,5>PO!McQdO,5>PO!MkQdO,5>PO!NOQdO,5>PO!N`QdO,5>POOQS1G3j1G3jOOQS7+$h7+$hO!8kQdO7+$pO#!RQdO1G.|O#!YQdO1G.|OOQS1G/`1G/`OOQS,5<`,5<`O'vQdO,5<`OOQS7+%P7+%PO#!aQdO7+%POOQS-E9r-E9rOOQS7+%Q7+%QO#!qQdO,5=vO'vQdO,5=vOOQS7+$g7+$gO#!vQdO7+%PO##OQdO7+%QO##TQdO1G3fOOQS7+%X7+%XO##eQdO1G3fO##mQdO7+%XOOQS,5<_,5<_O'vQdO,5<_O##rQdO1G3aOOQS-E9q-E9qO#$iQdO7+%]OOQS7+%_7+%_O#$wQdO1G3aO#%fQdO7+%_O#%kQdO1G3gO#%{QdO1G3gO#&TQdO7+%]O#&YQdO,5>dO#&sQdO,5>dO#&sQdO,5>dOOQS'#Dx'#DxO#'UO&jO'#DzO#'aO`O'#HyOOOW1G3}1G3}O#'fQdO1G3}O#'nQdO1G3}O#'yQ#xO7+(fO#(jQtO1G2UP#)TQdO'#GOOOQS,5<m,5<mOOQS-E:P-E:POOQS7+&z7+&zOOQS1G3]1G3]OOQS,5<^,5<^OOQS-E9p-E9pOOQS7+$s7+$sO#)bQdO,5=`O#){QdO,5=`O#*^QtO,5<aO#*qQdO1G3cOOQS-E9s-E9sOOQS7+&U7+&UO#+RQdO7+&UO#+aQdO,5<nO#+uQdO1G4UOOQS-E:Q-E:QO#,WQdO1G4UOOQS1G4T1G4TOOQS7+&W7+&WO#,iQdO7+&WOOQS,5<p,5<pO#,tQdO1G4WOOQS-E:S-E:SOOQS,5<l,5<lO#-SQdO1G4SOOQS-E:O-E:OO1XQdO'#EqO#-jQdO'#EqO#-uQdO'#IRO#-}QdO,5;[OOQS7+&`7+&`O0rQdO7+&`O#.SQgO7+&fO!JmQdO'#GXO4iQdO7+&fO4iQdO7+&iO#2QQtO,5<tO'vQdO,5<tO#2[QdO1G4ZOOQS-E:W-E:WO#2fQdO1G4ZO4iQdO7+&kO0rQdO7+&kOOQV7+&p7+&pO!KrQ!fO7+&rO!KzQdO7+&rO`QeO1G0{OOQV-E:X-E:XO4iQdO7+&lO4iQdO7+&lOOQV,5<u,5<uO#2nQdO,5<uO!JmQdO,5<uOOQV7+&l7+&lO#2yQgO7+&lO#6tQdO,5<vO#7PQdO1G4[OOQS-E:Y-E:YO#7^QdO1G4[O#7fQdO'#IWO#7tQdO'#IWO1XQdO'#IWOOQS'#IW'#IWO#8PQdO'#IVOOQS,5;n,5;nO#8XQdO,5;nO0rQdO'#FUOOQV7+&r7+&rO4iQdO7+&rOOQV7+&w7+&wO4iQdO7+&wO#8^QfO,5;xOOQV7+&|7+&|POOO7+(b7+(bO#8cQdO1G3iOOQS,5<c,5<cO#8qQdO1G3hOOQS-E9u-E9uO#9UQdO,5<dO#9aQdO,5<dO#9tQdO1G3kOOQS-E9v-E9vO#:UQdO1G3kO#:^QdO1G3kO#:nQdO1G3kO#:UQdO1G3kOOQS<<H[<<H[O#:yQtO1G1zOOQS<<Hk<<HkP#;WQdO'#FtO8vQdO1G3bO#;eQdO1G3bO#;jQdO<<HkOOQS<<Hl<<HlO#;zQdO7+)QOOQS<<Hs<<HsO#<[QtO1G1yP#<{QdO'#FsO#=YQdO7+)RO#=jQdO7+)RO#=rQdO<<HwO#=wQdO7+({OOQS<<Hy<<HyO#>nQdO,5<bO'vQdO,5<bOOQS-E9t-E9tOOQS<<Hw<<HwOOQS,5<g,5<gO0rQdO,5<gO#>sQdO1G4OOOQS-E9y-E9yO#?^QdO1G4OO<[QdO'#H{OOOO'#D{'#D{OOOO'#F|'#F|O#?oO&jO,5:fOOOW,5>e,5>eOOOW7+)i7+)iO#?zQdO7+)iO#@SQdO1G2zO#@mQdO1G2zP'vQdO'#FuO0rQdO<<IpO1XQdO1G2YP1XQdO'#GSO#AOQdO7+)pO#AaQdO7+)pOOQS<<Ir<<IrP1XQdO'#GUP0rQdO'#GQOOQS,5;],5;]O#ArQdO,5>mO#BQQdO,5>mOOQS1G0v1G0vOOQS<<Iz<<IzOOQV-E:V-E:VO4iQdO<<JQOOQV,5<s,5<sO4iQdO,5<sOOQV<<JQ<<JQOOQV<<JT<<JTO#BYQtO1G2`P#BdQdO'#GYO#BkQdO7+)uO#BuQgO<<JVO4iQdO<<JVOOQV<<J^<<J^O4iQdO<<J^O!KrQ!fO<<J^O#FpQgO7+&gOOQV<<JW<<JWO#FzQgO<<JWOOQV1G2a1G2aO1XQdO1G2aO#JuQdO1G2aO4iQdO<<JWO1XQdO1G2bP0rQdO'#G[O#KQQdO7+)vO#K_QdO7+)vOOQS'#FT'#FTO0rQdO,5>rO#KgQdO,5>rO#KrQdO,5>rO#K}QdO,5>qO#L`QdO,5>qOOQS1G1Y1G1YOOQS,5;p,5;pOOQV<<Jc<<JcO#LhQdO1G1dOOQS7+)T7+)TP#LmQdO'#FwO#L}QdO1G2OO#MbQdO1G2OO#MrQdO1G2OP#M}QdO'#FxO#N[QdO7+)VO#NlQdO7+)VO#NlQdO7+)VO#NtQdO7+)VO$ UQdO7+(|O8vQdO7+(|OOQSAN>VAN>VO$ oQdO<<LmOOQSAN>cAN>cO0rQdO1G1|O$!PQtO1G1|P$!ZQdO'#FvOOQS1G2R1G2RP$!hQdO'#F{O$!uQdO7+)jO$#`QdO,5>gOOOO-E9z-E9zOOOW<<MT<<MTO$#nQdO7+(fOOQSAN?[AN?[OOQS7+'t7+'tO$$XQdO<<M[OOQS,5<q,5<qO$$jQdO1G4XOOQS-E:T-E:TOOQVAN?lAN?lOOQV1G2_1G2_O4iQdOAN?qO$$xQgOAN?qOOQVAN?xAN?xO4iQdOAN?xOOQV<<JR<<JRO4iQdOAN?rO4iQdO7+'{OOQV7+'{7+'{O1XQdO7+'{OOQVAN?rAN?rOOQS7+'|7+'|O$(sQdO<<MbOOQS1G4^1G4^O0rQdO1G4^OOQS,5<w,5<wO$)QQdO1G4]OOQS-E:Z-E:ZOOQU'#G_'#G_O$)cQfO7+'OO$)nQdO'#F_O$*uQdO7+'jO$+VQdO7+'jOOQS7+'j7+'jO$+bQdO<<LqO$+rQdO<<LqO$+rQdO<<LqO$+zQdO'#H^OOQS<<Lh<<LhO$,UQdO<<LhOOQS7+'h7+'hOOQS'#D|'#D|OOOO1G4R1G4RO$,oQdO1G4RO$,wQdO1G4RP!=hQdO'#GVOOQVG25]G25]O4iQdOG25]OOQVG25dG25dOOQVG25^G25^OOQV<<Kg<<KgO4iQdO<<KgOOQS7+)x7+)xP$-SQdO'#G]OOQU-E:]-E:]OOQV<<Jj<<JjO$-vQtO'#FaOOQS'#Fc'#FcO$.WQdO'#FbO$.xQdO'#FbOOQS'#Fb'#FbO$.}QdO'#IYO$)nQdO'#FiO$)nQdO'#FiO$/fQdO'#FjO$)nQdO'#FkO$/mQdO'#IZOOQS'#IZ'#IZO$0[QdO,5;yOOQS<<KU<<KUO$0dQdO<<KUO$0tQdOANB]O$1UQdOANB]O$1^QdO'#H_OOQS'#H_'#H_O1sQdO'#DcO$1wQdO,5=xOOQSANBSANBSOOOO7+)m7+)mO$2`QdO7+)mOOQVLD*wLD*wOOQVANARANARO5uQ!fO'#GaO$2hQtO,5<SO$)nQdO'#FmOOQS,5<W,5<WOOQS'#Fd'#FdO$3YQdO,5;|O$3_QdO,5;|OOQS'#Fg'#FgO$)nQdO'#G`O$4PQdO,5<QO$4kQdO,5>tO$4{QdO,5>tO1XQdO,5<PO$5^QdO,5<TO$5cQdO,5<TO$)nQdO'#I[O$5hQdO'#I[O$5mQdO,5<UOOQS,5<V,5<VO0rQdO'#FpOOQU1G1e1G1eO4iQdO1G1eOOQSAN@pAN@pO$5rQdOG27wO$6SQdO,59}OOQS1G3d1G3dOOOO<<MX<<MXOOQS,5<{,5<{OOQS-E:_-E:_O$6XQtO'#FaO$6`QdO'#I]O$6nQdO'#I]O$6vQdO,5<XOOQS1G1h1G1hO$6{QdO1G1hO$7QQdO,5<zOOQS-E:^-E:^O$7lQdO,5=OO$8TQdO1G4`OOQS-E:b-E:bOOQS1G1k1G1kOOQS1G1o1G1oO$8eQdO,5>vO$)nQdO,5>vOOQS1G1p1G1pOOQS,5<[,5<[OOQU7+'P7+'PO$+zQdO1G/iO$)nQdO,5<YO$8sQdO,5>wO$8zQdO,5>wOOQS1G1s1G1sOOQS7+'S7+'SP$)nQdO'#GdO$9SQdO1G4bO$9^QdO1G4bO$9fQdO1G4bOOQS7+%T7+%TO$9tQdO1G1tO$:SQtO'#FaO$:ZQdO,5<}OOQS,5<},5<}O$:iQdO1G4cOOQS-E:a-E:aO$)nQdO,5<|O$:pQdO,5<|O$:uQdO7+)|OOQS-E:`-E:`O$;PQdO7+)|O$)nQdO,5<ZP$)nQdO'#GcO$;XQdO1G2hO$)nQdO1G2hP$;gQdO'#GbO$;nQdO<<MhO$;xQdO1G1uO$<WQdO7+(SO8vQdO'#C}O8vQdO,59bO8vQdO,59bO8vQdO,59bO$<fQtO,5=`O8vQdO1G.|O0rQdO1G/XO0rQdO7+$pP$<yQdO'#GOO'vQdO'#GtO$=WQdO,59bO$=]QdO,59bO$=dQdO,59mO$=iQdO1G/UO1sQdO'#DRO8vQdO,59j",
  stateData: "$>S~O%cOS%^OSSOS%]PQ~OPdOVaOfoOhYOopOs!POvqO!PrO!Q{O!T!SO!U!RO!XZO!][O!h`O!r`O!s`O!t`O!{tO!}uO#PvO#RwO#TxO#XyO#ZzO#^|O#_|O#a}O#c!OO#l!QO#o!TO#s!UO#u!VO#z!WO#}hO$P!XO%oRO%pRO%tSO%uWO&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O&c^O&d^O&e^O&f^O&g^O&h^O&i^O&j^O~O%]!YO~OV!aO_!aOa!bOh!iO!X!kO!f!mO%j![O%k!]O%l!^O%m!_O%n!_O%o!`O%p!`O%q!aO%r!aO%s!aO~Ok%xXl%xXm%xXn%xXo%xXp%xXs%xXz%xX{%xX!x%xX#g%xX%[%xX%_%xX%z%xXg%xX!T%xX!U%xX%{%xX!W%xX![%xX!Q%xX#[%xXt%xX!m%xX~P%SOfoOhYO!XZO!][O!h`O!r`O!s`O!t`O%oRO%pRO%tSO%uWO&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O&c^O&d^O&e^O&f^O&g^O&h^O&i^O&j^O~Oz%wX{%wX#g%wX%[%wX%_%wX%z%wX~Ok!pOl!qOm!oOn!oOo!rOp!sOs!tO!x%wX~P)pOV!zOg!|Oo0cOv0qO!PrO~P'vOV#OOo0cOv0qO!W#PO~P'vOV#SOa#TOo0cOv0qO![#UO~P'vOQ#XO%`#XO%a#ZO~OQ#^OR#[O%`#^O%a#`O~OV%iX_%iXa%iXh%iXk%iXl%iXm%iXn%iXo%iXp%iXs%iXz%iX!X%iX!f%iX%j%iX%k%iX%l%iX%m%iX%n%iX%o%iX%p%iX%q%iX%r%iX%s%iXg%iX!T%iX!U%iX~O&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O&c^O&d^O&e^O&f^O&g^O&h^O&i^O&j^O{%iX!x%iX#g%iX%[%iX%_%iX%z%iX%{%iX!W%iX![%iX!Q%iX#[%iXt%iX!m%iX~P,eOz#dO{%hX!x%hX#g%hX%[%hX%_%hX%z%hX~Oo0cOv0qO~P'vO#g#gO%[#iO%_#iO~O%uWO~O!T#nO#u!VO#z!WO#}hO~OopO~P'vOV#sOa#tO%uWO{wP~OV#xOo0cOv0qO!Q#yO~P'vO{#{O!x$QO%z#|O#g!yX%[!yX%_!yX~OV#xOo0cOv0qO#g#SX%[#SX%_#SX~P'vOo0cOv0qO#g#WX%[#WX%_#WX~P'vOh$WO%uWO~O!f$YO!r$YO%uWO~OV$eO~P'vO!U$gO#s$hO#u$iO~O{$jO~OV$qO~P'vOS$sO%[$rO%_$rO%c$tO~OV$}Oa$}Og%POo0cOv0qO~P'vOo0cOv0qO{%SO~P'vO&Y%UO~Oa!bOh!iO!X!kO!f!mOVba_bakbalbambanbaobapbasbazba{ba!xba#gba%[ba%_ba%jba%kba%lba%mba%nba%oba%pba%qba%rba%sba%zbagba!Tba!Uba%{ba!Wba![ba!Qba#[batba!mba~On%ZO~Oo%ZO~P'vOo0cO~P'vOk0eOl0fOm0dOn0dOo0mOp0nOs0rOg%wX!T%wX!U%wX%{%wX!W%wX![%wX!Q%wX#[%wX!m%wX~P)pO%{%]Og%vXz%vX!T%vX!U%vX!W%vX{%vX~Og%_Oz%`O!T%dO!U%cO~Og%_O~Oz%gO!T%dO!U%cO!W&SX~O!W%kO~Oz%lO{%nO!T%dO!U%cO![%}X~O![%rO~O![%sO~OQ#XO%`#XO%a%uO~OV%wOo0cOv0qO!PrO~P'vOQ#^OR#[O%`#^O%a%zO~OV!qa_!qaa!qah!qak!qal!qam!qan!qao!qap!qas!qaz!qa{!qa!X!qa!f!qa!x!qa#g!qa%[!qa%_!qa%j!qa%k!qa%l!qa%m!qa%n!qa%o!qa%p!qa%q!qa%r!qa%s!qa%z!qag!qa!T!qa!U!qa%{!qa!W!qa![!qa!Q!qa#[!qat!qa!m!qa~P#yOz%|O{%ha!x%ha#g%ha%[%ha%_%ha%z%ha~P%SOV&OOopOvqO{%ha!x%ha#g%ha%[%ha%_%ha%z%ha~P'vOz%|O{%ha!x%ha#g%ha%[%ha%_%ha%z%ha~OPdOVaOopOvqO!PrO!Q{O!{tO!}uO#PvO#RwO#TxO#XyO#ZzO#^|O#_|O#a}O#c!OO#g$zX%[$zX%_$zX~P'vO#g#gO%[&TO%_&TO~O!f&UOh&sX%[&sXz&sX#[&sX#g&sX%_&sX#Z&sXg&sX~Oh!iO%[&WO~Okealeameaneaoeapeaseazea{ea!xea#gea%[ea%_ea%zeagea!Tea!Uea%{ea!Wea![ea!Qea#[eatea!mea~P%SOsqazqa{qa#gqa%[qa%_qa%zqa~Ok!pOl!qOm!oOn!oOo!rOp!sO!xqa~PEcO%z&YOz%yX{%yX~O%uWOz%yX{%yX~Oz&]O{wX~O{&_O~Oz%lO#g%}X%[%}X%_%}Xg%}X{%}X![%}X!m%}X%z%}X~OV0lOo0cOv0qO!PrO~P'vO%z#|O#gUa%[Ua%_Ua~Oz&hO#g&PX%[&PX%_&PXn&PX~P%SOz&kO!Q&jO#g#Wa%[#Wa%_#Wa~Oz&lO#[&nO#g&rX%[&rX%_&rXg&rX~O!f$YO!r$YO#Z&qO%uWO~O#Z&qO~Oz&sO#g&tX%[&tX%_&tX~Oz&uO#g&pX%[&pX%_&pX{&pX~O!X&wO%z&xO~Oz&|On&wX~P%SOn'PO~OPdOVaOopOvqO!PrO!Q{O!{tO!}uO#PvO#RwO#TxO#XyO#ZzO#^|O#_|O#a}O#c!OO%['UO~P'vOt'YO#p'WO#q'XOP#naV#naf#nah#nao#nas#nav#na!P#na!Q#na!T#na!U#na!X#na!]#na!h#na!r#na!s#na!t#na!{#na!}#na#P#na#R#na#T#na#X#na#Z#na#^#na#_#na#a#na#c#na#l#na#o#na#s#na#u#na#z#na#}#na$P#na%X#na%o#na%p#na%t#na%u#na&Z#na&[#na&]#na&^#na&_#na&`#na&a#na&b#na&c#na&d#na&e#na&f#na&g#na&h#na&i#na&j#na%Z#na%_#na~Oz'ZO#[']O{&xX~Oh'_O!X&wO~Oh!iO{$jO!X&wO~O{'eO~P%SO%['hO%_'hO~OS'iO%['hO%_'hO~OV!aO_!aOa!bOh!iO!X!kO!f!mO%l!^O%m!_O%n!_O%o!`O%p!`O%q!aO%r!aO%s!aOkWilWimWinWioWipWisWizWi{Wi!xWi#gWi%[Wi%_Wi%jWi%zWigWi!TWi!UWi%{Wi!WWi![Wi!QWi#[WitWi!mWi~O%k!]O~P!#uO%kWi~P!#uOV!aO_!aOa!bOh!iO!X!kO!f!mO%o!`O%p!`O%q!aO%r!aO%s!aOkWilWimWinWioWipWisWizWi{Wi!xWi#gWi%[Wi%_Wi%jWi%kWi%lWi%zWigWi!TWi!UWi%{Wi!WWi![Wi!QWi#[WitWi!mWi~O%m!_O%n!_O~P!&pO%mWi%nWi~P!&pOa!bOh!iO!X!kO!f!mOkWilWimWinWioWipWisWizWi{Wi!xWi#gWi%[Wi%_Wi%jWi%kWi%lWi%mWi%nWi%oWi%pWi%zWigWi!TWi!UWi%{Wi!WWi![Wi!QWi#[WitWi!mWi~OV!aO_!aO%q!aO%r!aO%s!aO~P!)nOVWi_Wi%qWi%rWi%sWi~P!)nO!T%dO!U%cOg&VXz&VX~O%z'kO%{'kO~P,eOz'mOg&UX~Og'oO~Oz'pO{'rO!W&XX~Oo0cOv0qOz'pO{'sO!W&XX~P'vO!W'uO~Om!oOn!oOo!rOp!sOkjisjizji{ji!xji#gji%[ji%_ji%zji~Ol!qO~P!.aOlji~P!.aOk0eOl0fOm0dOn0dOo0mOp0nO~Ot'wO~P!/jOV'|Og'}Oo0cOv0qO~P'vOg'}Oz(OO~Og(QO~O!U(SO~Og(TOz(OO!T%dO!U%cO~P%SOk0eOl0fOm0dOn0dOo0mOp0nOgqa!Tqa!Uqa%{qa!Wqa![qa!Qqa#[qatqa!mqa~PEcOV'|Oo0cOv0qO!W&Sa~P'vOz(WO!W&Sa~O!W(XO~Oz(WO!T%dO!U%cO!W&Sa~P%SOV(]Oo0cOv0qO![%}a#g%}a%[%}a%_%}ag%}a{%}a!m%}a%z%}a~P'vOz(^O![%}a#g%}a%[%}a%_%}ag%}a{%}a!m%}a%z%}a~O![(aO~Oz(^O!T%dO!U%cO![%}a~P%SOz(dO!T%dO!U%cO![&Ta~P%SOz(gO{&lX![&lX!m&lX%z&lX~O{(kO![(mO!m(nO%z(jO~OV&OOopOvqO{%hi!x%hi#g%hi%[%hi%_%hi%z%hi~P'vOz(pO{%hi!x%hi#g%hi%[%hi%_%hi%z%hi~O!f&UOh&sa%[&saz&sa#[&sa#g&sa%_&sa#Z&sag&sa~O%[(uO~OV#sOa#tO%uWO~Oz&]O{wa~OopOvqO~P'vOz(^O#g%}a%[%}a%_%}ag%}a{%}a![%}a!m%}a%z%}a~P%SOz(zO#g%hX%[%hX%_%hX%z%hX~O%z#|O#gUi%[Ui%_Ui~O#g&Pa%[&Pa%_&Pan&Pa~P'vOz(}O#g&Pa%[&Pa%_&Pan&Pa~O%uWO#g&ra%[&ra%_&rag&ra~Oz)SO#g&ra%[&ra%_&rag&ra~Og)VO~OV)WOh$WO%uWO~O#Z)XO~O%uWO#g&ta%[&ta%_&ta~Oz)ZO#g&ta%[&ta%_&ta~Oo0cOv0qO#g&pa%[&pa%_&pa{&pa~P'vOz)^O#g&pa%[&pa%_&pa{&pa~OV)`Oa)`O%uWO~O%z)eO~Ot)hO#j)gOP#hiV#hif#hih#hio#his#hiv#hi!P#hi!Q#hi!T#hi!U#hi!X#hi!]#hi!h#hi!r#hi!s#hi!t#hi!{#hi!}#hi#P#hi#R#hi#T#hi#X#hi#Z#hi#^#hi#_#hi#a#hi#c#hi#l#hi#o#hi#s#hi#u#hi#z#hi#}#hi$P#hi%X#hi%o#hi%p#hi%t#hi%u#hi&Z#hi&[#hi&]#hi&^#hi&_#hi&`#hi&a#hi&b#hi&c#hi&d#hi&e#hi&f#hi&g#hi&h#hi&i#hi&j#hi%Z#hi%_#hi~Ot)iOP#kiV#kif#kih#kio#kis#kiv#ki!P#ki!Q#ki!T#ki!U#ki!X#ki!]#ki!h#ki!r#ki!s#ki!t#ki!{#ki!}#ki#P#ki#R#ki#T#ki#X#ki#Z#ki#^#ki#_#ki#a#ki#c#ki#l#ki#o#ki#s#ki#u#ki#z#ki#}#ki$P#ki%X#ki%o#ki%p#ki%t#ki%u#ki&Z#ki&[#ki&]#ki&^#ki&_#ki&`#ki&a#ki&b#ki&c#ki&d#ki&e#ki&f#ki&g#ki&h#ki&i#ki&j#ki%Z#ki%_#ki~OV)kOn&wa~P'vOz)lOn&wa~Oz)lOn&wa~P%SOn)pO~O%Y)tO~Ot)wO#p'WO#q)vOP#niV#nif#nih#nio#nis#niv#ni!P#ni!Q#ni!T#ni!U#ni!X#ni!]#ni!h#ni!r#ni!s#ni!t#ni!{#ni!}#ni#P#ni#R#ni#T#ni#X#ni#Z#ni#^#ni#_#ni#a#ni#c#ni#l#ni#o#ni#s#ni#u#ni#z#ni#}#ni$P#ni%X#ni%o#ni%p#ni%t#ni%u#ni&Z#ni&[#ni&]#ni&^#ni&_#ni&`#ni&a#ni&b#ni&c#ni&d#ni&e#ni&f#ni&g#ni&h#ni&i#ni&j#ni%Z#ni%_#ni~OV)zOo0cOv0qO{$jO~P'vOo0cOv0qO{&xa~P'vOz*OO{&xa~OV*SOa*TOg*WO%q*UO%uWO~O{$jO&{*YO~Oh'_O~Oh!iO{$jO~O%[*_O~O%[*aO%_*aO~OV$}Oa$}Oo0cOv0qOg&Ua~P'vOz*dOg&Ua~Oo0cOv0qO{*gO!W&Xa~P'vOz*hO!W&Xa~Oo0cOv0qOz*hO{*kO!W&Xa~P'vOo0cOv0qOz*hO!W&Xa~P'vOz*hO{*kO!W&Xa~Om0dOn0dOo0mOp0nOgjikjisjizji!Tji!Uji%{ji!Wji{ji![ji#gji%[ji%_ji!Qji#[jitji!mji%zji~Ol0fO~P!NkOlji~P!NkOV'|Og*pOo0cOv0qO~P'vOn*rO~Og*pOz*tO~Og*uO~OV'|Oo0cOv0qO!W&Si~P'vOz*vO!W&Si~O!W*wO~OV(]Oo0cOv0qO![%}i#g%}i%[%}i%_%}ig%}i{%}i!m%}i%z%}i~P'vOz*zO!T%dO!U%cO![&Ti~Oz*}O![%}i#g%}i%[%}i%_%}ig%}i{%}i!m%}i%z%}i~O![+OO~Oa+QOo0cOv0qO![&Ti~P'vOz*zO![&Ti~O![+SO~OV+UOo0cOv0qO{&la![&la!m&la%z&la~P'vOz+VO{&la![&la!m&la%z&la~O!]+YO&n+[O![!nX~O![+^O~O{(kO![+_O~O{(kO![+_O!m+`O~OV&OOopOvqO{%hq!x%hq#g%hq%[%hq%_%hq%z%hq~P'vOz$ri{$ri!x$ri#g$ri%[$ri%_$ri%z$ri~P%SOV&OOopOvqO~P'vOV&OOo0cOv0qO#g%ha%[%ha%_%ha%z%ha~P'vOz+aO#g%ha%[%ha%_%ha%z%ha~Oz$ia#g$ia%[$ia%_$ian$ia~P%SO#g&Pi%[&Pi%_&Pin&Pi~P'vOz+dO#g#Wq%[#Wq%_#Wq~O#[+eOz$va#g$va%[$va%_$vag$va~O%uWO#g&ri%[&ri%_&rig&ri~Oz+gO#g&ri%[&ri%_&rig&ri~OV+iOh$WO%uWO~O%uWO#g&ti%[&ti%_&ti~Oo0cOv0qO#g&pi%[&pi%_&pi{&pi~P'vO{#{Oz#eX!W#eX~Oz+mO!W&uX~O!W+oO~Ot+rO#j)gOP#hqV#hqf#hqh#hqo#hqs#hqv#hq!P#hq!Q#hq!T#hq!U#hq!X#hq!]#hq!h#hq!r#hq!s#hq!t#hq!{#hq!}#hq#P#hq#R#hq#T#hq#X#hq#Z#hq#^#hq#_#hq#a#hq#c#hq#l#hq#o#hq#s#hq#u#hq#z#hq#}#hq$P#hq%X#hq%o#hq%p#hq%t#hq%u#hq&Z#hq&[#hq&]#hq&^#hq&_#hq&`#hq&a#hq&b#hq&c#hq&d#hq&e#hq&f#hq&g#hq&h#hq&i#hq&j#hq%Z#hq%_#hq~On$|az$|a~P%SOV)kOn&wi~P'vOz+yOn&wi~Oz,TO{$jO#[,TO~O#q,VOP#nqV#nqf#nqh#nqo#nqs#nqv#nq!P#nq!Q#nq!T#nq!U#nq!X#nq!]#nq!h#nq!r#nq!s#nq!t#nq!{#nq!}#nq#P#nq#R#nq#T#nq#X#nq#Z#nq#^#nq#_#nq#a#nq#c#nq#l#nq#o#nq#s#nq#u#nq#z#nq#}#nq$P#nq%X#nq%o#nq%p#nq%t#nq%u#nq&Z#nq&[#nq&]#nq&^#nq&_#nq&`#nq&a#nq&b#nq&c#nq&d#nq&e#nq&f#nq&g#nq&h#nq&i#nq&j#nq%Z#nq%_#nq~O#[,WOz%Oa{%Oa~Oo0cOv0qO{&xi~P'vOz,YO{&xi~O{#{O%z,[Og&zXz&zX~O%uWOg&zXz&zX~Oz,`Og&yX~Og,bO~O%Y,eO~O!T%dO!U%cOg&Viz&Vi~OV$}Oa$}Oo0cOv0qOg&Ui~P'vO{,hOz$la!W$la~Oo0cOv0qO{,iOz$la!W$la~P'vOo0cOv0qO{*gO!W&Xi~P'vOz,lO!W&Xi~Oo0cOv0qOz,lO!W&Xi~P'vOz,lO{,oO!W&Xi~Og$hiz$hi!W$hi~P%SOV'|Oo0cOv0qO~P'vOn,qO~OV'|Og,rOo0cOv0qO~P'vOV'|Oo0cOv0qO!W&Sq~P'vOz$gi![$gi#g$gi%[$gi%_$gig$gi{$gi!m$gi%z$gi~P%SOV(]Oo0cOv0qO~P'vOa+QOo0cOv0qO![&Tq~P'vOz,sO![&Tq~O![,tO~OV(]Oo0cOv0qO![%}q#g%}q%[%}q%_%}qg%}q{%}q!m%}q%z%}q~P'vO{,uO~OV+UOo0cOv0qO{&li![&li!m&li%z&li~P'vOz,zO{&li![&li!m&li%z&li~O!]+YO&n+[O![!na~O{(kO![,}O~OV&OOo0cOv0qO#g%hi%[%hi%_%hi%z%hi~P'vOz-OO#g%hi%[%hi%_%hi%z%hi~O%uWO#g&rq%[&rq%_&rqg&rq~Oz-RO#g&rq%[&rq%_&rqg&rq~OV)`Oa)`O%uWO!W&ua~Oz-TO!W&ua~On$|iz$|i~P%SOV)kO~P'vOV)kOn&wq~P'vOt-XOP#myV#myf#myh#myo#mys#myv#my!P#my!Q#my!T#my!U#my!X#my!]#my!h#my!r#my!s#my!t#my!{#my!}#my#P#my#R#my#T#my#X#my#Z#my#^#my#_#my#a#my#c#my#l#my#o#my#s#my#u#my#z#my#}#my$P#my%X#my%o#my%p#my%t#my%u#my&Z#my&[#my&]#my&^#my&_#my&`#my&a#my&b#my&c#my&d#my&e#my&f#my&g#my&h#my&i#my&j#my%Z#my%_#my~O%Z-]O%_-]O~P`O#q-^OP#nyV#nyf#nyh#nyo#nys#nyv#ny!P#ny!Q#ny!T#ny!U#ny!X#ny!]#ny!h#ny!r#ny!s#ny!t#ny!{#ny!}#ny#P#ny#R#ny#T#ny#X#ny#Z#ny#^#ny#_#ny#a#ny#c#ny#l#ny#o#ny#s#ny#u#ny#z#ny#}#ny$P#ny%X#ny%o#ny%p#ny%t#ny%u#ny&Z#ny&[#ny&]#ny&^#ny&_#ny&`#ny&a#ny&b#ny&c#ny&d#ny&e#ny&f#ny&g#ny&h#ny&i#ny&j#ny%Z#ny%_#ny~Oz-aO{$jO#[-aO~Oo0cOv0qO{&xq~P'vOz-dO{&xq~O%z,[Og&zaz&za~O{#{Og&zaz&za~OV*SOa*TO%q*UO%uWOg&ya~Oz-hOg&ya~O$S-lO~OV$}Oa$}Oo0cOv0qO~P'vOo0cOv0qO{-mOz$li!W$li~P'vOo0cOv0qOz$li!W$li~P'vO{-mOz$li!W$li~Oo0cOv0qO{*gO~P'vOo0cOv0qO{*gO!W&Xq~P'vOz-pO!W&Xq~Oo0cOv0qOz-pO!W&Xq~P'vOs-sO!T%dO!U%cOg&Oq!W&Oq![&Oqz&Oq~P!/jOa+QOo0cOv0qO![&Ty~P'vOz$ji![$ji~P%SOa+QOo0cOv0qO~P'vOV+UOo0cOv0qO~P'vOV+UOo0cOv0qO{&lq![&lq!m&lq%z&lq~P'vO{(kO![-xO!m-yO%z-wO~OV&OOo0cOv0qO#g%hq%[%hq%_%hq%z%hq~P'vO%uWO#g&ry%[&ry%_&ryg&ry~OV)`Oa)`O%uWO!W&ui~Ot-}OP#m!RV#m!Rf#m!Rh#m!Ro#m!Rs#m!Rv#m!R!P#m!R!Q#m!R!T#m!R!U#m!R!X#m!R!]#m!R!h#m!R!r#m!R!s#m!R!t#m!R!{#m!R!}#m!R#P#m!R#R#m!R#T#m!R#X#m!R#Z#m!R#^#m!R#_#m!R#a#m!R#c#m!R#l#m!R#o#m!R#s#m!R#u#m!R#z#m!R#}#m!R$P#m!R%X#m!R%o#m!R%p#m!R%t#m!R%u#m!R&Z#m!R&[#m!R&]#m!R&^#m!R&_#m!R&`#m!R&a#m!R&b#m!R&c#m!R&d#m!R&e#m!R&f#m!R&g#m!R&h#m!R&i#m!R&j#m!R%Z#m!R%_#m!R~Oo0cOv0qO{&xy~P'vOV*SOa*TO%q*UO%uWOg&yi~O$S-lO%Z.VO%_.VO~OV.aOh._O!X.^O!].`O!h.YO!s.[O!t.[O%p.XO%uWO&Z]O&[]O&]]O&^]O&_]O&`]O&a]O&b]O~Oo0cOv0qOz$lq!W$lq~P'vO{.fOz$lq!W$lq~Oo0cOv0qO{*gO!W&Xy~P'vOz.gO!W&Xy~Oo0cOv.kO~P'vOs-sO!T%dO!U%cOg&Oy!W&Oy![&Oyz&Oy~P!/jO{(kO![.nO~O{(kO![.nO!m.oO~OV*SOa*TO%q*UO%uWO~Oh.tO!f.rOz$TX#[$TX%j$TXg$TX~Os$TX{$TX!W$TX![$TX~P$-bO%o.vO%p.vOs$UXz$UX{$UX#[$UX%j$UX!W$UXg$UX![$UX~O!h.xO~Oz.|O#[/OO%j.yOs&|X{&|X!W&|Xg&|X~Oa/RO~P$)zOh.tOs&}Xz&}X{&}X#[&}X%j&}X!W&}Xg&}X![&}X~Os/VO{$jO~Oo0cOv0qOz$ly!W$ly~P'vOo0cOv0qO{*gO!W&X!R~P'vOz/ZO!W&X!R~Og&RXs&RX!T&RX!U&RX!W&RX![&RXz&RX~P!/jOs-sO!T%dO!U%cOg&Qa!W&Qa![&Qaz&Qa~O{(kO![/^O~O!f.rOh$[as$[az$[a{$[a#[$[a%j$[a!W$[ag$[a![$[a~O!h/eO~O%o.vO%p.vOs$Uaz$Ua{$Ua#[$Ua%j$Ua!W$Uag$Ua![$Ua~O%j.yOs$Yaz$Ya{$Ya#[$Ya!W$Yag$Ya![$Ya~Os&|a{&|a!W&|ag&|a~P$)nOz/jOs&|a{&|a!W&|ag&|a~O!W/mO~Og/mO~O{/oO~O![/pO~Oo0cOv0qO{*gO!W&X!Z~P'vO{/sO~O%z/tO~P$-bOz/uO#[/OO%j.yOg'PX~Oz/uOg'PX~Og/wO~O!h/xO~O#[/OOs%Saz%Sa{%Sa%j%Sa!W%Sag%Sa![%Sa~O#[/OO%j.yOs%Waz%Wa{%Wa!W%Wag%Wa~Os&|i{&|i!W&|ig&|i~P$)nOz/zO#[/OO%j.yO!['Oa~Og'Pa~P$)nOz0SOg'Pa~Oa0UO!['Oi~P$)zOz0WO!['Oi~Oz0WO#[/OO%j.yO!['Oi~O#[/OO%j.yOg$biz$bi~O%z0ZO~P$-bO#[/OO%j.yOg%Vaz%Va~Og'Pi~P$)nO{0^O~Oa0UO!['Oq~P$)zOz0`O!['Oq~O#[/OO%j.yOz%Ui![%Ui~Oa0UO~P$)zOa0UO!['Oy~P$)zO#[/OO%j.yOg$ciz$ci~O#[/OO%j.yOz%Uq![%Uq~Oz+aO#g%ha%[%ha%_%ha%z%ha~P%SOV&OOo0cOv0qO~P'vOn0hO~Oo0hO~P'vO{0iO~Ot0jO~P!/jO&]&Z&j&h&i&g&f&d&e&c&b&`&a&_&^&[%u~",
  goto: "!=j'QPPPPPP'RP'Z*s+[+t,_,y-fP.SP'Z.r.r'ZPPP'Z2[PPPPPP2[5PPP5PP7b7k=sPP=v>h>kPP'Z'ZPP>zPP'Z'ZPP'Z'Z'Z'Z'Z?O?w'ZP?zP@QDXGuGyPG|HWH['ZPPPH_Hk'RP'R'RP'RP'RP'RP'RP'R'R'RP'RPP'RPP'RP'RPHqH}IVPI^IdPI^PI^I^PPPI^PKrPK{LVL]KrPI^LfPI^PLmLsPLwM]MzNeLwLwNkNxLwLwLwLw! ^! d! g! l! o! y!!P!!]!!o!!u!#P!#V!#s!#y!$P!$Z!$a!$g!$y!%T!%Z!%a!%k!%q!%w!%}!&T!&Z!&e!&k!&u!&{!'U!'[!'k!'s!'}!(UPPPPPPPPPPP!([!(_!(e!(n!(x!)TPPPPPPPPPPPP!-u!/Z!3^!6oPP!6w!7W!7a!8Y!8P!8c!8i!8l!8o!8r!8z!9jPPPPPPPPPPPPPPPPP!9m!9q!9wP!:]!:a!:m!:v!;S!;j!;m!;p!;v!;|!<S!<VP!<_!<h!=d!=g]eOn#g$j)t,P'}`OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0r{!cQ#c#p$R$d$p%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g}!dQ#c#p$R$d$p$u%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!P!eQ#c#p$R$d$p$u$v%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!R!fQ#c#p$R$d$p$u$v$w%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!T!gQ#c#p$R$d$p$u$v$w$x%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!V!hQ#c#p$R$d$p$u$v$w$x$y%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g!Z!hQ!n#c#p$R$d$p$u$v$w$x$y$z%e%j%p%q&`'O'g(q(|)j*o*x+w,v0g'}TOTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0r&eVOYZ[dnprxy}!P!Q!U!i!k!o!p!q!s!t#[#d#g#y#{#}$Q$h$j$}%S%Z%^%`%g%l%n%w%|&Z&_&j&k&u&x'P'W'Z'l'm'p'r's'w(O(W(^(d(g(p(r(z)^)e)g)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+U+V+Y+a+d+k,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0n0r%oXOYZ[dnrxy}!P!Q!U!i!k#[#d#g#y#{#}$Q$h$j$}%S%^%`%g%l%n%w%|&Z&_&j&k&u&x'P'W'Z'l'm'p'r's'w(O(W(^(d(g(p(r(z)^)e)g)p)t)z*O*Y*d*g*h*k*q*t*v*y*z*}+U+V+Y+a+d+k,P,X,Y,],g,h,i,k,l,o,s,u,w,y,z-O-d-f-m-p.f.g/V/Z0i0j0kQ#vqQ/[.kR0o0q't`OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0rh#jhz{$W$Z&l&q)S)X+f+g-RW#rq&].k0qQ$]|Q$a!OQ$n!VQ$o!WW$|!i'm*d,gS&[#s#tQ'S$iQ(s&UQ)U&nU)Y&s)Z+jW)a&w+m-T-{Q*Q']W*R'_,`-h.TQ+l)`S,_*S*TQ-Q+eQ-_,TQ-c,WQ.R-al.W-l.^._.a.z.|/R/j/o/t/y0U0Z0^Q/S.`Q/a.tQ/l/OU0P/u0S0[X0V/z0W0_0`R&Z#r!_!wYZ!P!Q!k%S%`%g'p'r's(O(W)g*g*h*k*q*t*v,h,i,k,l,o-m-p.f.g/ZR%^!vQ!{YQ%x#[Q&d#}Q&g$QR,{+YT.j-s/s!Y!jQ!n#c#p$R$d$p$u$v$w$x$y$z%e%j%p%q&`'O'g(q(|)j*o*x+w,v0gQ&X#kQ'c$oR*^'dR'l$|Q%V!mR/_.r'|_OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0rS#a_#b!P.[-l.^._.`.a.t.z.|/R/j/o/t/u/y/z0S0U0W0Z0[0^0_0`'|_OTYZ[adnoprtxy}!P!Q!R!U!X!c!d!e!f!g!h!i!k!o!p!q!s!t!z#O#S#T#[#d#g#x#y#{#}$Q$e$g$h$j$q$}%S%Z%^%`%c%g%l%n%w%|&O&Z&_&h&j&k&u&x&|'P'W'Z'l'm'p'r's'w'|(O(S(W(](^(d(g(p(r(z(})^)e)g)k)l)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+Q+U+V+Y+a+c+d+k+x+y,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0l0n0rT#a_#bT#^^#_R(o%xa(l%x(n(o+`,{-y-z.oT+[(k+]R-z,{Q$PsQ+l)aQ,^*RR-e,_X#}s$O$P&fQ&y$aQ'a$nQ'd$oR)s'SQ)b&wV-S+m-T-{ZgOn$j)t,PXkOn)t,PQ$k!TQ&z$bQ&{$cQ'^$mQ'b$oQ)q'RQ)x'WQ){'XQ)|'YQ*Z'`S*]'c'dQ+s)gQ+u)hQ+v)iQ+z)oS+|)r*[Q,Q)vQ,R)wS,S)y)zQ,d*^Q-V+rQ-W+tQ-Y+{S-Z+},OQ-`,UQ-b,VQ-|-XQ.O-[Q.P-^Q.Q-_Q.p-}Q.q.RQ/W.dR/r/XWkOn)t,PR#mjQ'`$nS)r'S'aR,O)sQ,]*RR-f,^Q*['`Q+})rR-[,OZiOjn)t,PQ'f$pR*`'gT-j,e-ku.c-l.^._.a.t.z.|/R/j/o/t/u/y0S0U0Z0[0^t.c-l.^._.a.t.z.|/R/j/o/t/u/y0S0U0Z0[0^Q/S.`X0V/z0W0_0`!P.Z-l.^._.`.a.t.z.|/R/j/o/t/u/y/z0S0U0W0Z0[0^0_0`Q.w.YR/f.xg.z.].{/b/i/n/|0O0Q0]0a0bu.b-l.^._.a.t.z.|/R/j/o/t/u/y0S0U0Z0[0^X.u.W.b/a0PR/c.tV0R/u0S0[R/X.dQnOS#on,PR,P)tQ&^#uR(x&^S%m#R#wS(_%m(bT(b%p&`Q%a!yQ%h!}W(P%a%h(U(YQ(U%eR(Y%jQ&i$RR)O&iQ(e%qQ*{(`T+R(e*{Q'n%OR*e'nS'q%R%SY*i'q*j,m-q.hU*j'r's'tU,m*k*l*mS-q,n,oR.h-rQ#Y]R%t#YQ#_^R%y#_Q(h%vS+W(h+XR+X(iQ+](kR,|+]Q#b_R%{#bQ#ebQ%}#cW&Q#e%}({+bQ({&cR+b0gQ$OsS&e$O&fR&f$PQ&v$_R)_&vQ&V#jR(t&VQ&m$VS)T&m+hR+h)UQ$Z{R&p$ZQ&t$]R)[&tQ+n)bR-U+nQ#hfR&S#hQ)f&zR+q)fQ&}$dS)m&})nR)n'OQ'V$kR)u'VQ'[$lS*P'[,ZR,Z*QQ,a*VR-i,aWjOn)t,PR#ljQ-k,eR.U-kd.{.]/b/i/n/|0O0Q0]0a0bR/h.{U.s.W/a0PR/`.sQ/{/nS0X/{0YR0Y/|S/v/b/cR0T/vQ.}.]R/k.}R!ZPXmOn)t,PWlOn)t,PR'T$jYfOn$j)t,PR&R#g[sOn#g$j)t,PR&d#}&dQOYZ[dnprxy}!P!Q!U!i!k!o!p!q!s!t#[#d#g#y#{#}$Q$h$j$}%S%Z%^%`%g%l%n%w%|&Z&_&j&k&u&x'P'W'Z'l'm'p'r's'w(O(W(^(d(g(p(r(z)^)e)g)p)t)z*O*Y*d*g*h*k*q*r*t*v*y*z*}+U+V+Y+a+d+k,P,X,Y,],g,h,i,k,l,o,q,s,u,w,y,z-O-d-f-m-p-s.f.g/V/Z/s0c0d0e0f0h0i0j0k0n0rQ!nTQ#caQ#poU$Rt%c(SS$d!R$gQ$p!XQ$u!cQ$v!dQ$w!eQ$x!fQ$y!gQ$z!hQ%e!zQ%j#OQ%p#SQ%q#TQ&`#xQ'O$eQ'g$qQ(q&OU(|&h(}+cW)j&|)l+x+yQ*o'|Q*x(]Q+w)kQ,v+QR0g0lQ!yYQ!}ZQ$b!PQ$c!QQ%R!kQ't%S^'{%`%g(O(W*q*t*v^*f'p*h,k,l-p.g/ZQ*l'rQ*m'sQ+t)gQ,j*gQ,n*kQ-n,hQ-o,iQ-r,oQ.e-mR/Y.f[bOn#g$j)t,P!^!vYZ!P!Q!k%S%`%g'p'r's(O(W)g*g*h*k*q*t*v,h,i,k,l,o-m-p.f.g/ZQ#R[Q#fdS#wrxQ$UyW$_}$Q'P)pS$l!U$hW${!i'm*d,gS%v#[+Y`&P#d%|(p(r(z+a-O0kQ&a#yQ&b#{Q&c#}Q'j$}Q'z%^W([%l(^*y*}Q(`%nQ(i%wQ(v&ZS(y&_0iQ)P&jQ)Q&kU)]&u)^+kQ)d&xQ)y'WY)}'Z*O,X,Y-dQ*b'lS*n'w0jW+P(d*z,s,wW+T(g+V,y,zQ+p)eQ,U)zQ,c*YQ,x+UQ-P+dQ-e,]Q-v,uQ.S-fR/q/VhUOn#d#g$j%|&_'w(p(r)t,P%U!uYZ[drxy}!P!Q!U!i!k#[#y#{#}$Q$h$}%S%^%`%g%l%n%w&Z&j&k&u&x'P'W'Z'l'm'p'r's(O(W(^(d(g(z)^)e)g)p)z*O*Y*d*g*h*k*q*t*v*y*z*}+U+V+Y+a+d+k,X,Y,],g,h,i,k,l,o,s,u,w,y,z-O-d-f-m-p.f.g/V/Z0i0j0kQ#qpW%W!o!s0d0nQ%X!pQ%Y!qQ%[!tQ%f0cS'v%Z0hQ'x0eQ'y0fQ,p*rQ-u,qS.i-s/sR0p0rU#uq.k0qR(w&][cOn#g$j)t,PZ!xY#[#}$Q+YQ#W[Q#zrR$TxQ%b!yQ%i!}Q%o#RQ'j${Q(V%eQ(Z%jQ(c%pQ(f%qQ*|(`Q,f*bQ-t,pQ.m-uR/].lQ$StQ(R%cR*s(SQ.l-sR/}/sR#QZR#V[R%Q!iQ%O!iV*c'm*d,g!Z!lQ!n#c#p$R$d$p$u$v$w$x$y$z%e%j%p%q&`'O'g(q(|)j*o*x+w,v0gR%T!kT#]^#_Q%x#[R,{+YQ(m%xS+_(n(oQ,}+`Q-x,{S.n-y-zR/^.oT+Z(k+]Q$`}Q&g$QQ)o'PR+{)pQ$XzQ)W&qR+i)XQ$XzQ&o$WQ)W&qR+i)XQ#khW$Vz$W&q)XQ$[{Q&r$ZZ)R&l)S+f+g-RR$^|R)c&wXlOn)t,PQ$f!RR'Q$gQ$m!UR'R$hR*X'_Q*V'_V-g,`-h.TQ.d-lQ/P.^R/Q._U.]-l.^._Q/U.aQ/b.tQ/g.zU/i.|/j/yQ/n/RQ/|/oQ0O/tU0Q/u0S0[Q0]0UQ0a0ZR0b0^R/T.`R/d.t",
  nodeNames: "\u26A0 print Escape { Comment Script AssignStatement * BinaryExpression BitOp BitOp BitOp BitOp ArithOp ArithOp @ ArithOp ** UnaryExpression ArithOp BitOp AwaitExpression await ) ( ParenthesizedExpression BinaryExpression or and CompareOp in not is UnaryExpression ConditionalExpression if else LambdaExpression lambda ParamList VariableName AssignOp , : NamedExpression AssignOp YieldExpression yield from TupleExpression ComprehensionExpression async for LambdaExpression ] [ ArrayExpression ArrayComprehensionExpression } { DictionaryExpression DictionaryComprehensionExpression SetExpression SetComprehensionExpression CallExpression ArgList AssignOp MemberExpression . PropertyName Number String FormatString FormatReplacement FormatSelfDoc FormatConversion FormatSpec FormatReplacement FormatSelfDoc ContinuedString Ellipsis None Boolean TypeDef AssignOp UpdateStatement UpdateOp ExpressionStatement DeleteStatement del PassStatement pass BreakStatement break ContinueStatement continue ReturnStatement return YieldStatement PrintStatement RaiseStatement raise ImportStatement import as ScopeStatement global nonlocal AssertStatement assert TypeDefinition type TypeParamList TypeParam StatementGroup ; IfStatement Body elif WhileStatement while ForStatement TryStatement try except finally WithStatement with FunctionDefinition def ParamList AssignOp TypeDef ClassDefinition class DecoratedStatement Decorator At MatchStatement match MatchBody MatchClause case CapturePattern LiteralPattern ArithOp ArithOp AsPattern OrPattern LogicOp AttributePattern SequencePattern MappingPattern StarPattern ClassPattern PatternArgList KeywordPattern KeywordPattern Guard",
  maxTerm: 277,
  context: trackIndent,
  nodeProps: [
    ["isolate", -5, 4, 71, 72, 73, 77, ""],
    ["group", -15, 6, 85, 87, 88, 90, 92, 94, 96, 98, 99, 100, 102, 105, 108, 110, "Statement Statement", -22, 8, 18, 21, 25, 40, 49, 50, 56, 57, 60, 61, 62, 63, 64, 67, 70, 71, 72, 79, 80, 81, 82, "Expression", -10, 114, 116, 119, 121, 122, 126, 128, 133, 135, 138, "Statement", -9, 143, 144, 147, 148, 150, 151, 152, 153, 154, "Pattern"],
    ["openedBy", 23, "(", 54, "[", 58, "{"],
    ["closedBy", 24, ")", 55, "]", 59, "}"]
  ],
  propSources: [pythonHighlighting],
  skippedNodes: [0, 4],
  repeatNodeCount: 34,
  tokenData: "!2|~R!`OX%TXY%oY[%T[]%o]p%Tpq%oqr'ars)Yst*xtu%Tuv,dvw-hwx.Uxy/tyz0[z{0r{|2S|}2p}!O3W!O!P4_!P!Q:Z!Q!R;k!R![>_![!]Do!]!^Es!^!_FZ!_!`Gk!`!aHX!a!b%T!b!cIf!c!dJU!d!eK^!e!hJU!h!i!#f!i!tJU!t!u!,|!u!wJU!w!x!.t!x!}JU!}#O!0S#O#P&o#P#Q!0j#Q#R!1Q#R#SJU#S#T%T#T#UJU#U#VK^#V#YJU#Y#Z!#f#Z#fJU#f#g!,|#g#iJU#i#j!.t#j#oJU#o#p!1n#p#q!1s#q#r!2a#r#s!2f#s$g%T$g;'SJU;'S;=`KW<%lOJU`%YT&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T`%lP;=`<%l%To%v]&n`%c_OX%TXY%oY[%T[]%o]p%Tpq%oq#O%T#O#P&o#P#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To&tX&n`OY%TYZ%oZ]%T]^%o^#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc'f[&n`O!_%T!_!`([!`#T%T#T#U(r#U#f%T#f#g(r#g#h(r#h#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc(cTmR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc(yT!mR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk)aV&n`&[ZOr%Trs)vs#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk){V&n`Or%Trs*bs#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk*iT&n`&^ZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To+PZS_&n`OY*xYZ%TZ]*x]^%T^#o*x#o#p+r#p#q*x#q#r+r#r;'S*x;'S;=`,^<%lO*x_+wTS_OY+rZ]+r^;'S+r;'S;=`,W<%lO+r_,ZP;=`<%l+ro,aP;=`<%l*xj,kV%rQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj-XT!xY&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj-oV%lQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk.]V&n`&ZZOw%Twx.rx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk.wV&n`Ow%Twx/^x#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk/eT&n`&]ZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk/{ThZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc0cTgR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk0yXVZ&n`Oz%Tz{1f{!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk1mVaR&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk2ZV%oZ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc2wTzR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To3_W%pZ&n`O!_%T!_!`-Q!`!a3w!a#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Td4OT&{S&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk4fX!fQ&n`O!O%T!O!P5R!P!Q%T!Q![6T![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk5WV&n`O!O%T!O!P5m!P#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk5tT!rZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti6[a!hX&n`O!Q%T!Q![6T![!g%T!g!h7a!h!l%T!l!m9s!m#R%T#R#S6T#S#X%T#X#Y7a#Y#^%T#^#_9s#_#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti7fZ&n`O{%T{|8X|}%T}!O8X!O!Q%T!Q![8s![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti8^V&n`O!Q%T!Q![8s![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti8z]!hX&n`O!Q%T!Q![8s![!l%T!l!m9s!m#R%T#R#S8s#S#^%T#^#_9s#_#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti9zT!hX&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk:bX%qR&n`O!P%T!P!Q:}!Q!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj;UV%sQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti;ro!hX&n`O!O%T!O!P=s!P!Q%T!Q![>_![!d%T!d!e?q!e!g%T!g!h7a!h!l%T!l!m9s!m!q%T!q!rA]!r!z%T!z!{Bq!{#R%T#R#S>_#S#U%T#U#V?q#V#X%T#X#Y7a#Y#^%T#^#_9s#_#c%T#c#dA]#d#l%T#l#mBq#m#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti=xV&n`O!Q%T!Q![6T![#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti>fc!hX&n`O!O%T!O!P=s!P!Q%T!Q![>_![!g%T!g!h7a!h!l%T!l!m9s!m#R%T#R#S>_#S#X%T#X#Y7a#Y#^%T#^#_9s#_#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti?vY&n`O!Q%T!Q!R@f!R!S@f!S#R%T#R#S@f#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Ti@mY!hX&n`O!Q%T!Q!R@f!R!S@f!S#R%T#R#S@f#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiAbX&n`O!Q%T!Q!YA}!Y#R%T#R#SA}#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiBUX!hX&n`O!Q%T!Q!YA}!Y#R%T#R#SA}#S#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiBv]&n`O!Q%T!Q![Co![!c%T!c!iCo!i#R%T#R#SCo#S#T%T#T#ZCo#Z#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TiCv]!hX&n`O!Q%T!Q![Co![!c%T!c!iCo!i#R%T#R#SCo#S#T%T#T#ZCo#Z#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%ToDvV{_&n`O!_%T!_!`E]!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TcEdT%{R&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkEzT#gZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkFbXmR&n`O!^%T!^!_F}!_!`([!`!a([!a#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TjGUV%mQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkGrV%zZ&n`O!_%T!_!`([!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkH`WmR&n`O!_%T!_!`([!`!aHx!a#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TjIPV%nQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkIoV_Q#}P&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%ToJ_]&n`&YS%uZO!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUoKZP;=`<%lJUoKge&n`&YS%uZOr%Trs)Ysw%Twx.Ux!Q%T!Q![JU![!c%T!c!tJU!t!uLx!u!}JU!}#R%T#R#SJU#S#T%T#T#fJU#f#gLx#g#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUoMRa&n`&YS%uZOr%TrsNWsw%Twx! vx!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUkN_V&n`&`ZOr%TrsNts#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%TkNyV&n`Or%Trs! `s#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk! gT&n`&bZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk! }V&n`&_ZOw%Twx!!dx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!!iV&n`Ow%Twx!#Ox#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!#VT&n`&aZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To!#oe&n`&YS%uZOr%Trs!%Qsw%Twx!&px!Q%T!Q![JU![!c%T!c!tJU!t!u!(`!u!}JU!}#R%T#R#SJU#S#T%T#T#fJU#f#g!(`#g#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUk!%XV&n`&dZOr%Trs!%ns#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!%sV&n`Or%Trs!&Ys#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!&aT&n`&fZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!&wV&n`&cZOw%Twx!'^x#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!'cV&n`Ow%Twx!'xx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!(PT&n`&eZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To!(ia&n`&YS%uZOr%Trs!)nsw%Twx!+^x!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUk!)uV&n`&hZOr%Trs!*[s#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!*aV&n`Or%Trs!*vs#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!*}T&n`&jZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!+eV&n`&gZOw%Twx!+zx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!,PV&n`Ow%Twx!,fx#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tk!,mT&n`&iZO#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%To!-Vi&n`&YS%uZOr%TrsNWsw%Twx! vx!Q%T!Q![JU![!c%T!c!dJU!d!eLx!e!hJU!h!i!(`!i!}JU!}#R%T#R#SJU#S#T%T#T#UJU#U#VLx#V#YJU#Y#Z!(`#Z#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUo!.}a&n`&YS%uZOr%Trs)Ysw%Twx.Ux!Q%T!Q![JU![!c%T!c!}JU!}#R%T#R#SJU#S#T%T#T#oJU#p#q%T#r$g%T$g;'SJU;'S;=`KW<%lOJUk!0ZT!XZ&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tc!0qT!WR&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%Tj!1XV%kQ&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T~!1sO!]~k!1zV%jR&n`O!_%T!_!`-Q!`#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T~!2fO![~i!2mT%tX&n`O#o%T#p#q%T#r;'S%T;'S;=`%i<%lO%T",
  tokenizers: [legacyPrint, indentation, newlines, strings, 0, 1, 2, 3, 4],
  topRules: { "Script": [0, 5] },
  specialized: [{ term: 221, get: (value) => spec_identifier[value] || -1 }],
  tokenPrec: 7668
});

// src/core/flows/pysource.ts
var PySource = class {
  text;
  tree;
  lineStarts;
  constructor(text) {
    this.text = text.replace(/\r\n?/g, "\n");
    this.tree = parser.parse(this.text);
    this.lineStarts = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  get top() {
    return this.tree.topNode;
  }
  slice(node) {
    return this.text.slice(node.from, node.to);
  }
  /** 1-based line and column of an offset. */
  position(offset) {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }
  /**
   * The first parse error that matters, if any. Lezer's grammar lacks a few valid forms (bare
   * `yield`, parenthesised `with` targets, class patterns in `match`) and recovers from them with
   * a partial tree, so errors inside function bodies (judged by indentation, since the recovered
   * tree may have lost the nesting) are only reported as `ignored`: a body is never needed to
   * read a flow's signature.
   */
  parseErrors() {
    let fatal = null;
    const ignored = /* @__PURE__ */ new Set();
    this.tree.iterate({
      enter: (n) => {
        if (fatal) return false;
        if (n.type.isError && n.node.parent?.name === "Decorator" && decoratorExpression(this, n.node.parent)) return false;
        if (n.name === "Body" && n.node.parent?.name === "FunctionDefinition") {
          n.node.cursor().iterate((c) => {
            if (c.type.isError) ignored.add(this.position(c.from).line);
          });
          return false;
        }
        if (!n.type.isError) return void 0;
        const { line } = this.position(n.from);
        if (this.insideFunctionBody(line)) ignored.add(line);
        else fatal = { offset: n.from, text: this.text.slice(n.from, Math.min(n.to, n.from + 20)) };
        return false;
      }
    });
    return { fatal, ignoredLines: [...ignored].sort((a, b) => a - b) };
  }
  /** Whether a line sits in the indented block of a `def`, found by walking out through indentation. */
  insideFunctionBody(line) {
    const lines = this.text.split("\n");
    const indentOf = (l) => l.length - l.trimStart().length;
    let i = line - 1;
    while (i < lines.length && lines[i].trim() === "") i++;
    if (i >= lines.length) return false;
    let indent2 = indentOf(lines[i]);
    for (let j = i - 1; j >= 0 && indent2 > 0; j--) {
      const l = lines[j];
      if (l.trim() === "" || /^\s*[#)\]}]/.test(l)) continue;
      const ind = indentOf(l);
      if (ind >= indent2) continue;
      indent2 = ind;
      const head = l.trimStart();
      if (head.startsWith("def ") || head.startsWith("async def ")) return true;
    }
    return false;
  }
};
function children(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}
var PUNCT = /* @__PURE__ */ new Set(["(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "AssignOp", "At"]);
function significant(node) {
  return children(node).filter((c) => !PUNCT.has(c.name));
}
function statements(node) {
  return children(node).filter((c) => c.name !== ":" && c.name !== "Comment");
}
function parseExpression(text) {
  const source = new PySource(`(${text.trim()}
)`);
  if (source.parseErrors().fatal) return null;
  const stmts = statements(source.top);
  if (stmts.length !== 1 || stmts[0].name !== "ExpressionStatement") return null;
  const expr = stmts[0].firstChild;
  if (!expr || expr.name !== "ParenthesizedExpression") return null;
  const inner = significant(expr);
  if (inner.length !== 1) return null;
  return { source, node: inner[0] };
}
function decodeStringToken(token) {
  const m = /^([A-Za-z]*)('''|"""|'|")/.exec(token);
  if (!m) return { bytes: false, value: token };
  const prefix = m[1].toLowerCase();
  const quote = m[2];
  const body = token.slice(m[0].length, token.length - quote.length);
  const raw = prefix.includes("r");
  const bytes = prefix.includes("b");
  return { bytes, value: raw ? body : unescape(body, bytes) };
}
var SIMPLE_ESCAPES = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v"
};
function unescape(body, bytes) {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === void 0) {
      out += ch;
      continue;
    }
    if (next === "\n") {
      i += 1;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
      continue;
    }
    if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))[0];
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length;
      continue;
    }
    const hexLen = next === "x" ? 2 : !bytes && next === "u" ? 4 : !bytes && next === "U" ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLen) {
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + hexLen;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
function decoratorExpression(source, decorator) {
  const text = source.slice(decorator).replace(/^@/, "");
  return parseExpression(text);
}

// src/core/flows/scan.ts
function isAutoCall(node, src) {
  return node.name === "CallExpression" && /^(enum\.)?auto$/.test(src.slice(node.firstChild));
}
function isClassVar(node, src) {
  return /^(typing\.)?ClassVar\b/.test(src.slice(node));
}
function docstringOf(body, src) {
  const raw = rawDocstringOf(body, src);
  return raw === null ? null : cleandoc(raw);
}
function rawDocstringOf(body, src) {
  const first = statements(body)[0];
  if (!first || first.name !== "ExpressionStatement") return null;
  const expr = first.firstChild;
  if (!expr) return null;
  if (expr.name === "String") {
    const lit = decodeStringToken(src.slice(expr));
    return lit.bytes ? null : lit.value;
  }
  if (expr.name === "ContinuedString") {
    const parts = children(expr);
    if (parts.some((p) => p.name !== "String")) return null;
    const lits = parts.map((p) => decodeStringToken(src.slice(p)));
    if (lits.some((l) => l.bytes)) return null;
    return lits.map((l) => l.value).join("");
  }
  return null;
}
function collectBoundNames(src, node, out) {
  for (const stmt of statements(node)) {
    switch (stmt.name) {
      case "AssignStatement":
      case "ForStatement":
      case "WithStatement":
        for (const c of children(stmt)) {
          if (c.name === "AssignOp" || c.name === "Body" || c.name === "TypeDef") break;
          if (c.name === "VariableName") out.add(src.slice(c));
        }
        for (const c of children(stmt)) {
          if (c.name === "VariableName" && stmt.name === "WithStatement") out.add(src.slice(c));
          if (c.name === "Body") collectBoundNames(src, c, out);
        }
        break;
      case "ImportStatement":
        for (const c of children(stmt)) if (c.name === "VariableName") out.add(src.slice(c));
        break;
      case "FunctionDefinition":
      case "ClassDefinition": {
        const n = stmt.getChild("VariableName");
        if (n) out.add(src.slice(n));
        break;
      }
      case "DecoratedStatement": {
        const def = children(stmt).find((c) => c.name === "FunctionDefinition" || c.name === "ClassDefinition");
        const n = def?.getChild("VariableName");
        if (n) out.add(src.slice(n));
        break;
      }
      case "IfStatement": {
        const cond = children(stmt)[1];
        const text = cond ? src.slice(cond).replace(/\s+/g, "") : "";
        if (/^(typing\.)?TYPE_CHECKING$/.test(text) || /^__name__==["']__main__["']$/.test(text)) break;
        for (const c of children(stmt)) if (c.name === "Body") collectBoundNames(src, c, out);
        break;
      }
      default:
        collectNestedBodies(src, stmt, out);
    }
  }
}
function collectNestedBodies(src, node, out) {
  for (const c of children(node)) {
    if (c.name === "Body") collectBoundNames(src, c, out);
    else if (/Body$|Clause$/.test(c.name)) collectNestedBodies(src, c, out);
  }
}

// src/core/flows/interpreter.ts
var Interpreter = class _Interpreter {
  constructor(options, mode, moduleCache = /* @__PURE__ */ new Map()) {
    this.options = options;
    this.mode = mode;
    this.moduleCache = moduleCache;
  }
  options;
  mode;
  moduleCache;
  depth = 0;
  newModule(name2, file, source, packageDepth = 0) {
    const info = {
      name: name2,
      file,
      source,
      futureAnnotations: false,
      boundSomewhere: /* @__PURE__ */ new Set(),
      starImport: false,
      packageDepth
    };
    collectBoundNames(source, source.top, info.boundSomewhere);
    const vars = /* @__PURE__ */ new Map();
    vars.set("__name__", { k: "str", v: name2 });
    const doc = rawDocstringOf(source.top, source);
    vars.set("__doc__", doc === null ? NONE : { k: "str", v: doc });
    vars.set("__file__", { k: "str", v: import_node_path.default.resolve(this.options.cwd, file) });
    return { vars, parent: null, module: info };
  }
  /** Things worth telling the user that the static reading assumed (e.g. environment variables). */
  notes = [];
  readEnv(name2, fallback, offset) {
    const value = this.options.env[name2];
    if (value !== void 0) {
      this.notes.push(`read environment variable ${name2} while reading the flow file`);
      return { k: "str", v: value };
    }
    if (fallback === void 0) throw new PyRaise("KeyError", `'${name2}'`, offset);
    this.notes.push(`environment variable ${name2} is not set here; used its default`);
    return fallback;
  }
  /** Runs every top-level statement like a Python import would; the first exception propagates. */
  execModule(scope) {
    this.execBlock(statements(scope.module.source.top), scope);
  }
  execBlock(stmts, scope) {
    for (const stmt of stmts) {
      const r = this.execStatement(stmt, scope);
      if (r !== void 0) return r;
    }
    return void 0;
  }
  /** Returns a value only for `return` inside function bodies. */
  execStatement(stmt, scope) {
    switch (stmt.name) {
      case "ImportStatement":
        this.execImport(stmt, scope);
        return void 0;
      case "FunctionDefinition":
      case "ClassDefinition":
      case "DecoratedStatement":
        this.execDefinition(stmt, scope);
        return void 0;
      case "AssignStatement":
        this.execAssign(stmt, scope);
        return void 0;
      case "RaiseStatement": {
        if (scope.parent !== null) return unknown("raise in a function body");
        const exc = significant(stmt).find((c) => c.name !== "raise");
        let type = "RuntimeError";
        let message = "";
        if (exc?.name === "CallExpression") {
          const callee = this.evalSafe(exc.firstChild, scope);
          if (callee.k === "builtin") type = callee.name.split(".").at(-1);
          else if (callee.k === "class") type = callee.cls.name;
          const arg = exc.getChild("ArgList")?.firstChild?.nextSibling;
          const v = arg ? this.evalSafe(arg, scope) : void 0;
          if (v?.k === "str") message = v.v;
        } else if (exc) type = scope.module.source.slice(exc);
        throw new PyRaise(type, message, stmt.from);
      }
      case "UpdateStatement": {
        const [target, op, valueNode] = children(stmt);
        if (target?.name !== "VariableName" || !op || !valueNode) return void 0;
        const name2 = scope.module.source.slice(target);
        const current = this.lookup(name2, scope, target.from);
        const operand = this.eval(valueNode, scope);
        const opText = scope.module.source.slice(op).slice(0, -1);
        const next = current.k === "unknown" || operand.k === "unknown" ? unknown(`${name2} ${opText}= ...`) : binaryOp(opText, current, operand);
        scope.vars.set(name2, next);
        return void 0;
      }
      case "ReturnStatement": {
        const e = significant(stmt).filter((c) => c.name !== "return");
        if (e.length === 0) return NONE;
        return e.length === 1 ? this.eval(e[0], scope) : { k: "tuple", items: e.map((x) => this.eval(x, scope)) };
      }
      case "IfStatement":
        return this.execIf(stmt, scope);
      case "TryStatement":
        return this.execTry(stmt, scope);
      default:
        if (scope.parent === null || ["PassStatement", "ExpressionStatement", "Comment"].includes(stmt.name)) return void 0;
        return unknown(`a ${stmt.name} in a function body`);
    }
  }
  execIf(stmt, scope) {
    const parts = children(stmt);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === "if" || p.name === "elif") {
        const cond = parts[i + 1];
        const body = parts[i + 2];
        const t2 = truthy(this.evalSafe(cond, scope));
        if (t2 === void 0) return scope.parent ? unknown("if with a condition known only at runtime") : void 0;
        if (t2) return this.execBlock(statements(body), scope);
        i += 2;
      } else if (p.name === "else") {
        return this.execBlock(statements(parts[i + 1]), scope);
      }
    }
    return void 0;
  }
  execTry(stmt, scope) {
    const parts = children(stmt);
    const body = parts.find((p) => p.name === "Body");
    if (!body) return void 0;
    try {
      return this.execBlock(statements(body), scope);
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      const idx = parts.findIndex((p) => p.name === "except");
      const handler = parts.slice(idx + 1).find((p) => p.name === "Body");
      if (idx < 0 || !handler) throw e;
      return this.execBlock(statements(handler), scope);
    }
  }
  evalSafe(node, scope) {
    try {
      return this.eval(node, scope);
    } catch (e) {
      if (e instanceof PyRaise) return unknown(e.message);
      throw e;
    }
  }
  // ---------------------------------------------------------------- imports
  execImport(stmt, scope) {
    const parts = children(stmt);
    const source = scope.module.source;
    if (parts[0]?.name === "from") {
      let level = 0;
      let i2 = 1;
      const modParts = [];
      for (; i2 < parts.length && parts[i2].name !== "import"; i2++) {
        const p = parts[i2];
        if (p.name === "." && modParts.length === 0) level += 1;
        else if (p.name === "Ellipsis") level += 3;
        else if (p.name === "VariableName") modParts.push(source.slice(p));
      }
      const modName = modParts.join(".");
      if (modName === "__future__") {
        const names2 = parts.slice(i2 + 1).filter((p) => p.name === "VariableName").map((p) => source.slice(p));
        if (names2.includes("annotations") && this.mode === "import") scope.module.futureAnnotations = true;
        return;
      }
      const names = [];
      const rest = parts.slice(i2 + 1);
      let star = false;
      for (let j = 0; j < rest.length; j++) {
        const p = rest[j];
        if (p.name === "*") star = true;
        if (p.name !== "VariableName") continue;
        const name2 = source.slice(p);
        if (rest[j + 1]?.name === "as") {
          names.push([name2, source.slice(rest[j + 2])]);
          j += 2;
        } else names.push([name2, name2]);
      }
      const mod = this.importModule(modName, scope.module, level, stmt.from);
      if (star) {
        if (mod.k === "module" && mod.ns) {
          const all = mod.ns.get("__all__");
          const listed = all && (all.k === "list" || all.k === "tuple") && all.items.every((n) => n.k === "str") ? all.items.map((n) => n.v) : null;
          if (listed) {
            for (const name2 of listed) {
              const v = mod.ns.get(name2);
              if (v === void 0) throw new PyRaise("AttributeError", `module '${modName}' has no attribute '${name2}'`, stmt.from);
              scope.vars.set(name2, v);
            }
          } else for (const [k, v] of mod.ns) if (!k.startsWith("_")) scope.vars.set(k, v);
        } else scope.module.starImport = true;
        return;
      }
      const bound = [];
      for (const [name2, as] of names) {
        let v = this.getAttr(mod, name2, stmt.from);
        if (mod.k === "module" && mod.ns && !mod.ns.has(name2)) {
          const sub = this.tryImportSubmodule(`${modName}`, name2, scope.module, level);
          if (sub) v = sub;
          else if (this.mode === "fallback" || mod.ns) {
            throw new PyRaise("ImportError", `cannot import name '${name2}' from '${modName}'`, stmt.from);
          }
        }
        bound.push([as, v]);
      }
      for (const [as, v] of bound) scope.vars.set(as, v);
      return;
    }
    let i = 1;
    while (i < parts.length) {
      const dotted = [];
      while (i < parts.length && parts[i].name !== "," && parts[i].name !== "as") {
        if (parts[i].name === "VariableName") dotted.push(source.slice(parts[i]));
        i++;
      }
      let alias;
      if (parts[i]?.name === "as") {
        alias = source.slice(parts[i + 1]);
        i += 2;
      }
      i++;
      const full = dotted.join(".");
      const mod = this.importModule(full, scope.module, 0, stmt.from);
      if (alias !== void 0) scope.vars.set(alias, mod);
      else {
        const top = dotted[0];
        scope.vars.set(top, dotted.length === 1 ? mod : this.importModule(top, scope.module, 0, stmt.from));
      }
    }
  }
  tryImportSubmodule(pkg, name2, from, level) {
    const full = pkg ? `${pkg}.${name2}` : name2;
    const file = this.options.resolveLocalModule(full, from.file, level);
    return file ? this.importModule(full, from, level, 0) : null;
  }
  importModule(name2, from, level, offset) {
    if (level === 0 && this.options.isUnavailable(name2)) {
      throw new PyRaise("ModuleNotFoundError", `No module named '${name2.split(".")[0]}'`, offset);
    }
    if (level > from.packageDepth) {
      throw new PyRaise(
        "ImportError",
        from.packageDepth === 0 ? "attempted relative import with no known parent package" : "attempted relative import beyond top-level package",
        offset
      );
    }
    const localFile = this.options.resolveLocalModule(name2, from.file, level);
    if (localFile) {
      const cached = this.moduleCache.get(localFile);
      if (cached) return cached;
      const placeholder = { k: "module", name: name2, ns: /* @__PURE__ */ new Map() };
      this.moduleCache.set(localFile, placeholder);
      const src = new PySource(this.options.readLocal(localFile));
      const parts = name2 ? name2.split(".").length : 0;
      const isPackage = localFile.endsWith("__init__.py") ? 1 : 0;
      const depth = level === 0 ? parts - 1 + isPackage : from.packageDepth - (level - 1) + parts - 1 + isPackage;
      const importer = this.mode === "import" ? this : new _Interpreter(this.options, "import", this.moduleCache);
      const modScope = importer.newModule(name2, localFile, src, Math.max(0, depth));
      try {
        if (src.parseErrors().fatal) throw new PyRaise("SyntaxError", `invalid syntax in ${localFile}`, offset);
        importer.execModule(modScope);
      } catch (e) {
        this.moduleCache.delete(localFile);
        throw e instanceof PyRaise ? new PyRaise(e.pyType, e.pyMessage, offset) : e;
      }
      placeholder.ns = modScope.vars;
      return placeholder;
    }
    if (level > 0) {
      if (this.mode === "fallback") throw new PyRaise("ImportError", "attempted relative import with no known parent package", offset);
      return { k: "module", name: `.${name2}` };
    }
    return { k: "module", name: name2 };
  }
  // ---------------------------------------------------------------- definitions
  execDefinition(stmt, scope) {
    let decorators = [];
    let def = stmt;
    if (stmt.name === "DecoratedStatement") {
      decorators = children(stmt).filter((c) => c.name === "Decorator");
      def = children(stmt).find((c) => c.name === "FunctionDefinition" || c.name === "ClassDefinition");
      if (!def) return;
    }
    const decoValues = decorators.map((d) => this.evalDecorator(d, scope));
    let value = def.name === "ClassDefinition" ? this.makeClass(def, scope, decoValues) : this.makeFunction(def, scope);
    for (let i = decoValues.length - 1; i >= 0; i--) value = this.applyDecorator(decoValues[i], value, decorators[i]);
    const nameNode = def.getChild("VariableName");
    if (nameNode) scope.vars.set(scope.module.source.slice(nameNode), value);
  }
  evalDecorator(deco, scope) {
    const parts = children(deco).filter((c) => c.name !== "At");
    const src = scope.module.source;
    if (parts.some((p) => p.type.isError)) {
      const parsed = decoratorExpression(src, deco);
      if (!parsed) return unknown("a decorator this reader cannot parse");
      return this.eval(parsed.node, { vars: /* @__PURE__ */ new Map(), parent: scope, module: { ...scope.module, source: parsed.source } });
    }
    let v;
    for (const p of parts) {
      if (p.name === "VariableName" || p.name === "PropertyName") {
        v = v === void 0 ? this.lookup(src.slice(p), scope, p.from) : this.getAttr(v, src.slice(p), p.from);
      } else if (p.name === "ArgList") {
        v = this.call(v, p, scope);
      } else if (p.name !== ".") {
        v = this.eval(p, scope);
      }
    }
    return v ?? unknown("empty decorator");
  }
  applyDecorator(deco, target, at) {
    return this.callValue(deco, [target], /* @__PURE__ */ new Map(), at.from);
  }
  makeFunction(def, scope, opts = {}) {
    const src = scope.module.source;
    const isAsync = def.firstChild?.name === "async";
    const name2 = src.slice(def.getChild("VariableName"));
    const params = this.readParams(def.getChild("ParamList"), scope, opts.sanitize === true);
    const body = def.getChild("Body");
    const fn = {
      name: name2,
      node: def,
      source: src,
      isAsync,
      params,
      doc: body ? docstringOf(body, src) : null,
      rawDoc: body ? rawDocstringOf(body, src) : null,
      scope,
      stringAnnotations: scope.module.futureAnnotations || opts.sanitize === true
    };
    if (opts.sanitize) fn.sanitized = true;
    return { k: "function", fn };
  }
  readParams(list, scope, sanitize) {
    const src = scope.module.source;
    const out = [];
    let kind = "positional";
    let pendingStar = null;
    const parts = children(list);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === "*" || p.name === "**") {
        pendingStar = p.name;
        if (p.name === "*" && parts[i + 1]?.name !== "VariableName") {
          kind = "kwonly";
          pendingStar = null;
        }
        continue;
      }
      if (p.name !== "VariableName") continue;
      const param = {
        name: src.slice(p),
        kind: pendingStar === "*" ? "varargs" : pendingStar === "**" ? "varkw" : kind
      };
      if (pendingStar === "*") kind = "kwonly";
      pendingStar = null;
      if (parts[i + 1]?.name === "TypeDef") {
        const typeNode = significant(parts[i + 1])[0];
        if (typeNode) param.annotation = { node: typeNode, source: src };
        i += 1;
      }
      if (parts[i + 1]?.name === "AssignOp") {
        param.defaultNode = parts[i + 2];
        i += 2;
      }
      out.push(param);
    }
    for (const param of out) {
      if (sanitize) {
        this.sanitizeParam(param, scope);
        continue;
      }
      if (param.defaultNode) param.default = this.eval(param.defaultNode, scope);
      if (param.annotation && !scope.module.futureAnnotations && param.annotation.node.name !== "String") {
        param.annotationValue = this.eval(param.annotation.node, scope);
      }
    }
    return out;
  }
  /** §10.4 steps 1–3: failing annotations are dropped, failing defaults become None. */
  sanitizeParam(param, scope) {
    if (param.annotation) {
      try {
        param.annotationValue = this.eval(param.annotation.node, scope);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        delete param.annotation;
        delete param.annotationValue;
      }
    }
    if (param.defaultNode) {
      try {
        param.default = this.eval(param.defaultNode, scope);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        param.default = NONE;
      }
    } else if (param.kind === "kwonly") {
      param.default = NONE;
    }
  }
  makeClass(def, scope, decorators) {
    const src = scope.module.source;
    const name2 = src.slice(def.getChild("VariableName"));
    const bases = [];
    const argList = def.getChild("ArgList");
    let totalKw;
    if (argList) {
      const parts = children(argList);
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if (p.name === "VariableName" && parts[i + 1]?.name === "AssignOp") {
          const kwValue = this.eval(parts[i + 2], scope);
          if (src.slice(p) === "total" && kwValue.k === "bool") totalKw = kwValue.v;
          i += 2;
          continue;
        }
        if (["(", ")", ","].includes(p.name)) continue;
        bases.push(this.eval(p, scope));
      }
    }
    const kind = classKind(bases, decorators);
    const cls = {
      name: name2,
      kind,
      doc: null,
      bases,
      fields: [],
      attrs: /* @__PURE__ */ new Map(),
      members: [],
      extraForbid: false,
      scope,
      node: def
    };
    if (totalKw !== void 0) cls.total = totalKw;
    if (bases.some((b) => b.k === "builtin" && b.name === "typing.TypedDict#stdlib" || b.k === "class" && b.cls.stdlibTypedDict)) {
      cls.stdlibTypedDict = true;
    }
    const strEnum = bases.some((b) => b.k === "builtin" && b.name === "enum.StrEnum");
    for (const b of bases) {
      if (b.k === "class") {
        if (b.cls.kind !== "enum") cls.fields.push(...b.cls.fields);
        if (b.cls.extraForbid) cls.extraForbid = true;
        if (b.cls.schemaExtra) cls.schemaExtra = b.cls.schemaExtra;
        if (b.cls.isRoot) cls.isRoot = true;
      }
      if (b.k === "builtin" && b.name === "pydantic.RootModel" || b.k === "generic" && b.origin === "pydantic.RootModel") {
        cls.isRoot = true;
        if (b.k === "generic" && b.args[0]) cls.fields.push({ name: "root", type: b.args[0] });
      }
    }
    const body = def.getChild("Body");
    if (body) {
      cls.doc = docstringOf(body, src);
      const classScope = { vars: /* @__PURE__ */ new Map(), parent: scope, module: scope.module, isClass: true };
      let autoValue = 0;
      for (const stmt of statements(body)) {
        if (stmt.name === "AssignStatement") {
          const parts = children(stmt);
          const target = parts[0];
          const typeDef = parts[1]?.name === "TypeDef" ? parts[1] : void 0;
          const valueNode = parts.find((c, idx) => idx > 0 && parts[idx - 1].name === "AssignOp" && c.name !== "AssignOp");
          if (target.name !== "VariableName") continue;
          const fname = src.slice(target);
          let value;
          if (valueNode) {
            if (kind === "enum" && isAutoCall(valueNode, src)) {
              autoValue += 1;
              value = strEnum ? { k: "str", v: fname.toLowerCase() } : { k: "int", v: autoValue };
            } else value = this.evalSafe(valueNode, classScope);
            classScope.vars.set(fname, value);
          }
          if (typeDef) {
            const annNode = significant(typeDef)[0];
            if (isClassVar(annNode, src)) {
              if (value) cls.attrs.set(fname, value);
              continue;
            }
            const field = { name: fname, annotation: { node: annNode, source: src } };
            if (!scope.module.futureAnnotations && annNode.name !== "String") {
              const t2 = this.eval(annNode, scope);
              if (t2.k !== "str") field.type = t2;
            }
            if (value !== void 0) field.default = value;
            const existing = cls.fields.findIndex((f) => f.name === fname);
            if (existing >= 0) cls.fields[existing] = field;
            else cls.fields.push(field);
          } else if (value !== void 0) {
            if (kind === "enum" && !fname.startsWith("_")) {
              if (value.k === "int") autoValue = value.v;
              cls.members.push({ name: fname, value });
            } else cls.attrs.set(fname, value);
            if (fname === "model_config" && value.k === "dict") {
              for (const [key, v] of value.entries) {
                if (key.k === "str" && key.v === "extra" && v.k === "str") cls.extraForbid = v.v === "forbid";
                if (key.k === "str" && key.v === "title" && v.k === "str") cls.title = v.v;
                if (key.k === "str" && key.v === "json_schema_extra" && v.k === "dict") cls.schemaExtra = v;
              }
            }
          }
        } else if (["FunctionDefinition", "DecoratedStatement", "ClassDefinition"].includes(stmt.name)) {
          this.execDefinition(stmt, classScope);
          for (const [k, v] of classScope.vars) if (!cls.attrs.has(k) && v.k !== "int") cls.attrs.set(k, v);
        }
      }
      for (const [k, v] of classScope.vars) if (!cls.attrs.has(k)) cls.attrs.set(k, v);
    }
    return { k: "class", cls };
  }
  // ---------------------------------------------------------------- assignments
  execAssign(stmt, scope) {
    const parts = children(stmt);
    const groups = [[]];
    for (const p of parts) {
      if (p.name === "AssignOp") groups.push([]);
      else if (p.name !== "," && p.name !== "TypeDef") groups[groups.length - 1].push(p);
    }
    if (groups.length < 2) return;
    const valueNodes = groups[groups.length - 1];
    const value = valueNodes.length === 1 ? this.eval(valueNodes[0], scope) : { k: "tuple", items: valueNodes.map((n) => this.eval(n, scope)) };
    for (const targets of groups.slice(0, -1)) this.assignTargets(targets, value, scope);
  }
  assignTargets(targets, value, scope) {
    const src = scope.module.source;
    if (targets.length === 1) {
      const t2 = targets[0];
      if (t2.name === "VariableName") scope.vars.set(src.slice(t2), value);
      else if (t2.name === "TupleExpression" || t2.name === "ArrayExpression" || t2.name === "ParenthesizedExpression") {
        this.assignTargets(significant(t2), value, scope);
      }
      return;
    }
    const items = value.k === "tuple" || value.k === "list" ? value.items : null;
    targets.forEach((t2, i) => {
      const v = items && items.length === targets.length ? items[i] : unknown("unpacked value");
      this.assignTargets([t2], v, scope);
    });
  }
  // ---------------------------------------------------------------- expressions
  lookup(name2, scope, offset) {
    for (let s = scope; s; s = s.parent) {
      const v = s.vars.get(name2);
      if (v !== void 0) return v;
    }
    if (BUILTIN_NAMES.has(name2)) {
      if (name2 === "__name__") return { k: "str", v: scope.module.name };
      return { k: "builtin", name: name2 };
    }
    if (this.mode === "import" && (scope.module.boundSomewhere.has(name2) || scope.module.starImport)) {
      return unknown(`${name2} is bound by a statement evaluated only at runtime`);
    }
    throw new PyRaise("NameError", `name '${name2}' is not defined`, offset);
  }
  eval(node, scope) {
    if (!node || node.type.isError) return unknown("an expression this reader cannot parse");
    if (++this.depth > 200) {
      this.depth--;
      return unknown("expression too deep");
    }
    try {
      return this.evalInner(node, scope);
    } finally {
      this.depth--;
    }
  }
  evalInner(node, scope) {
    const src = scope.module.source;
    switch (node.name) {
      case "VariableName":
        return this.lookup(src.slice(node), scope, node.from);
      case "Number":
        return parseNumber(src.slice(node));
      case "String": {
        const lit = decodeStringToken(src.slice(node));
        return lit.bytes ? { k: "bytes", v: lit.value } : { k: "str", v: lit.value };
      }
      case "ContinuedString": {
        const parts = children(node).map((c) => this.eval(c, scope));
        if (parts.some((p) => p.k === "unknown")) return unknown("f-string");
        const isBytes = parts[0]?.k === "bytes";
        const text = parts.map((p) => p.k === "str" || p.k === "bytes" ? p.v : "").join("");
        return isBytes ? { k: "bytes", v: text } : { k: "str", v: text };
      }
      case "FormatString":
        return this.evalFString(node, scope);
      case "Boolean":
        return { k: "bool", v: src.slice(node) === "True" };
      case "None":
        return NONE;
      case "Ellipsis":
        return { k: "ellipsis" };
      case "ParenthesizedExpression": {
        const inner = significant(node);
        return inner.length === 1 ? this.eval(inner[0], scope) : unknown("generator expression");
      }
      case "TupleExpression":
      case "ArrayExpression":
      case "SetExpression": {
        const kind = node.name === "TupleExpression" ? "tuple" : node.name === "ArrayExpression" ? "list" : "set";
        const items = [];
        const parts = significant(node);
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i];
          if (p.name === "*") {
            const spread = this.eval(parts[++i], scope);
            if (spread.k === "list" || spread.k === "tuple" || spread.k === "set") items.push(...spread.items);
            else return unknown("spread of a non-literal");
          } else items.push(this.eval(p, scope));
        }
        return { k: kind, items: kind === "set" ? dedupe(items) : items };
      }
      case "DictionaryExpression": {
        const entries = [];
        const parts = children(node).filter((c) => !["{", "}", ","].includes(c.name));
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i];
          if (p.name === "**") {
            const spread = this.eval(parts[++i], scope);
            if (spread.k !== "dict") return unknown("dict spread of a non-literal");
            for (const e of spread.entries) setEntry(entries, e[0], e[1]);
            continue;
          }
          const key = this.eval(p, scope);
          const val = this.eval(parts[i + 2], scope);
          i += 2;
          setEntry(entries, key, val);
        }
        return { k: "dict", entries };
      }
      case "UnaryExpression": {
        const [opNode, operand] = children(node);
        const op = src.slice(opNode);
        const v = this.eval(operand, scope);
        if (op === "not") {
          const t2 = truthy(v);
          return t2 === void 0 ? unknown("not of unknown") : { k: "bool", v: !t2 };
        }
        if (v.k === "int" || v.k === "float") {
          if (op === "-") return { k: v.k, v: v.k === "int" ? 0 - v.v : -v.v };
          if (op === "+") return v;
          if (op === "~" && v.k === "int") return { k: "int", v: ~v.v };
        }
        if (v.k === "bool" && op === "-") return { k: "int", v: v.v ? -1 : 0 };
        if (v.k === "object" && v.type === "timedelta" && op === "-") return timedeltaFrom(-tdMicros(v));
        return unknown(`unary ${op}`);
      }
      case "BinaryExpression":
        return this.evalBinary(node, scope);
      case "ConditionalExpression": {
        const parts = significant(node).filter((c) => c.name !== "if" && c.name !== "else");
        const t2 = truthy(this.eval(parts[1], scope));
        if (t2 === void 0) return unknown("conditional expression");
        return this.eval(t2 ? parts[0] : parts[2], scope);
      }
      case "MemberExpression":
        return this.evalMember(node, scope);
      case "CallExpression": {
        const callee = this.eval(node.firstChild, scope);
        return this.call(callee, node.getChild("ArgList"), scope);
      }
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "DictionaryComprehensionExpression":
        return this.evalComprehension(node, scope);
      case "LambdaExpression": {
        const params = this.readParams(node.getChild("ParamList"), scope, false);
        const body = significant(node).filter((c) => c.name !== "lambda" && c.name !== "ParamList").at(-1);
        if (!body) return { k: "builtin", name: "<lambda>" };
        const fn = {
          name: "<lambda>",
          node,
          source: src,
          isAsync: false,
          params,
          doc: null,
          scope,
          stringAnnotations: false,
          lambdaBody: body
        };
        return { k: "function", fn };
      }
      default:
        return unknown(`${node.name} expression`);
    }
  }
  /** List/set/dict comprehensions over values known statically. */
  evalComprehension(node, scope) {
    const parts = children(node).slice(1, -1);
    const forIdx = parts.findIndex((p) => p.name === "for");
    if (forIdx < 0) return unknown("comprehension");
    const head = parts.slice(0, forIdx).filter((p) => p.name !== ":");
    const clauses = [];
    for (let i = forIdx; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === "for") {
        const inIdx = parts.findIndex((q, j) => j > i && q.name === "in");
        if (inIdx < 0) return unknown("comprehension");
        clauses.push({ kind: "for", targets: parts.slice(i + 1, inIdx).filter((q) => q.name !== ","), iter: parts[inIdx + 1] });
        i = inIdx + 1;
      } else if (p.name === "if") {
        clauses.push({ kind: "if", cond: parts[i + 1] });
        i += 1;
      } else if (p.name === "async") return unknown("async comprehension");
    }
    const results = [];
    const run = (ci, local) => {
      if (ci === clauses.length) {
        results.push(head.map((h) => this.eval(h, local)));
        return true;
      }
      const c = clauses[ci];
      if (c.kind === "if") {
        const t2 = truthy(this.eval(c.cond, local));
        if (t2 === void 0) return false;
        return t2 ? run(ci + 1, local) : true;
      }
      const iter = this.eval(c.iter, local);
      const items2 = iterate(iter);
      if (!items2) return false;
      for (const item of items2) {
        const inner = { vars: new Map(local.vars), parent: local.parent, module: local.module };
        this.assignTargets(c.targets, item, inner);
        if (!run(ci + 1, inner)) return false;
      }
      return true;
    };
    if (!run(0, { vars: /* @__PURE__ */ new Map(), parent: scope, module: scope.module })) return unknown("comprehension over runtime values");
    if (node.name === "DictionaryComprehensionExpression") {
      const entries = [];
      for (const [k, v] of results) setEntry(entries, k, v);
      return { k: "dict", entries };
    }
    const items = results.map((r) => r[0]);
    return node.name === "SetComprehensionExpression" ? { k: "set", items: dedupe(items) } : { k: "list", items };
  }
  evalFString(node, scope) {
    const src = scope.module.source;
    const token = src.slice(node);
    const m = /^([A-Za-z]*)('''|"""|'|")/.exec(token);
    const raw = m[1].toLowerCase().includes("r");
    let out = "";
    let pos = node.from + m[0].length;
    const end = node.to - m[2].length;
    const literal2 = (a, b) => {
      const text = src.text.slice(a, b).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
      return raw ? text : decodeStringToken(`"${text.replace(/"/g, '\\"')}"`).value;
    };
    for (const rep of children(node).filter((c) => c.name === "FormatReplacement")) {
      out += literal2(pos, rep.from);
      const exprs = children(rep).filter((c) => !["{", "}", "FormatConversion", "FormatSpec", "="].includes(c.name));
      const spec = rep.getChild("FormatSpec");
      const conv = rep.getChild("FormatConversion");
      if (exprs.length !== 1 || spec && src.slice(spec) !== ":") return unknown("formatted f-string field");
      const v = this.eval(exprs[0], scope);
      const s = conv && src.slice(conv) === "!r" ? pyRepr(v) : pyStr(v);
      if (s === void 0) return unknown("f-string over a runtime value");
      out += s;
      pos = rep.to;
    }
    out += literal2(pos, end);
    return { k: "str", v: out };
  }
  evalBinary(node, scope) {
    const src = scope.module.source;
    const parts = children(node);
    const left = parts[0];
    const right = parts[parts.length - 1];
    const op = parts.slice(1, -1).map((p) => src.slice(p)).join(" ");
    const a = this.eval(left, scope);
    if (op === "and" || op === "or") {
      const t2 = truthy(a);
      if (t2 === void 0) return unknown(op);
      if (op === "and") return t2 ? this.eval(right, scope) : a;
      return t2 ? a : this.eval(right, scope);
    }
    const b = this.eval(right, scope);
    if (op === "|" && isTypeLike(a) && isTypeLike(b)) return { k: "generic", origin: "typing.Union", args: [a, b] };
    if (a.k === "unknown" || b.k === "unknown") return unknown(`${op} over a runtime value`);
    return binaryOp(op, a, b);
  }
  evalMember(node, scope) {
    const src = scope.module.source;
    const parts = children(node);
    const obj = this.eval(parts[0], scope);
    if (parts[1]?.name === ".") return this.getAttr(obj, src.slice(parts[2]), parts[2].from);
    const inner = parts.slice(2, -1);
    if (inner.some((p) => p.name === ":")) return unknown("slice");
    const argNodes = inner.filter((p) => p.name !== ",");
    const args = argNodes.map((a) => this.eval(a, scope));
    return this.subscript(
      obj,
      args,
      inner.some((p) => p.name === ","),
      node.from
    );
  }
  subscript(obj, args, multi, offset = 0) {
    if (obj.k === "unknown") return obj;
    if (obj.k === "builtin" && obj.name === "os.environ") {
      return args[0]?.k === "str" ? this.readEnv(args[0].v, void 0, offset) : unknown("os.environ[...]");
    }
    if (obj.k === "builtin" || obj.k === "class" && ["typeddict", "model", "plain"].includes(obj.cls.kind)) {
      const origin = obj.k === "builtin" ? obj.name : obj.cls.name;
      if (obj.k === "class") return obj;
      const flat = !multi && args.length === 1 && args[0].k === "tuple" && origin !== "typing.Literal" ? args[0].items : args;
      if (origin === "typing.Optional") return { k: "generic", origin: "typing.Union", args: [flat[0], NONE] };
      return { k: "generic", origin, args: flat };
    }
    if (obj.k === "generic") return obj;
    const key = multi ? { k: "tuple", items: args } : args[0];
    if ((obj.k === "list" || obj.k === "tuple") && key.k === "int") {
      const idx = key.v < 0 ? obj.items.length + key.v : key.v;
      const v = obj.items[idx];
      if (v === void 0) throw new PyRaise("IndexError", "index out of range");
      return v;
    }
    if (obj.k === "dict") {
      const e = obj.entries.find(([k]) => pyEquals(k, key));
      if (!e) throw new PyRaise("KeyError", pyRepr(key) ?? "?");
      return e[1];
    }
    if (obj.k === "class" && obj.cls.kind === "enum" && key.k === "str") {
      const m = obj.cls.members.find((x) => x.name === key.v);
      if (m) return { k: "member", cls: obj.cls, name: m.name, value: m.value };
    }
    return unknown("subscript");
  }
  getAttr(obj, attr, offset) {
    switch (obj.k) {
      case "unknown":
        return obj;
      case "module": {
        if (attr === "__name__") return { k: "str", v: obj.name };
        if (obj.name === "sys" && attr === "version_info") {
          return {
            k: "tuple",
            items: [
              { k: "int", v: 3 },
              { k: "int", v: this.options.pythonMinor },
              { k: "int", v: 0 }
            ]
          };
        }
        if (obj.ns) return obj.ns.get(attr) ?? unknown(`${obj.name}.${attr}`);
        const full = `${obj.name}.${attr}`;
        const special = specialAttribute(full);
        if (special) return special;
        if (full === "typing.TypedDict") return { k: "builtin", name: "typing.TypedDict#stdlib" };
        if (isKnownModule(obj.name)) {
          if (KNOWN_MODULES.has(full)) return { k: "module", name: full };
          if (this.options.isUnavailable(full)) throw new PyRaise("ModuleNotFoundError", `No module named '${full}'`, offset);
          return { k: "builtin", name: canonicalName(obj.name, attr) };
        }
        return { k: "unknown", why: `${full} (from a module this reader does not know)`, foreign: full };
      }
      case "builtin": {
        const special = specialAttribute(`${obj.name}.${attr}`);
        if (special) return special;
        return { k: "builtin", name: `${obj.name}.${attr}` };
      }
      case "class": {
        if (obj.cls.kind === "enum") {
          const m = obj.cls.members.find((x) => x.name === attr);
          if (m) return { k: "member", cls: obj.cls, name: m.name, value: m.value };
        }
        const v = obj.cls.attrs.get(attr);
        if (v !== void 0) return v;
        for (const b of obj.cls.bases) {
          if (b.k === "class") {
            const r = this.getAttr(b, attr, offset);
            if (r.k !== "unknown") return r;
          }
        }
        return unknown(`${obj.cls.name}.${attr}`);
      }
      case "member":
        if (attr === "value") return obj.value;
        if (attr === "name") return { k: "str", v: obj.name };
        return unknown(`enum member attribute ${attr}`);
      case "instance": {
        const f = obj.fields.get(attr);
        return f ?? unknown(`${obj.cls.name}().${attr}`);
      }
      case "object":
        if (obj.type === "path") return pathAttribute(obj.data.text ?? ".", attr, obj);
        return unknown(`attribute ${attr} of a ${obj.type}`);
      case "function":
        if (attr === "__name__" || attr === "__qualname__") return { k: "str", v: obj.fn.name };
        if (attr === "__doc__") return obj.fn.doc === null ? NONE : { k: "str", v: obj.fn.rawDoc ?? obj.fn.doc };
        return unknown(`${obj.fn.name}.${attr}`);
      case "flow":
        if (attr === "name") return flowNameValue(obj.flow);
        if (attr === "with_options") return { k: "method", self: obj, name: attr };
        if (attr === "fn" || attr === "__wrapped__") return { k: "function", fn: obj.flow.fn };
        return unknown(`flow attribute ${attr}`);
      case "str":
        return { k: "method", self: obj, name: attr };
      case "dict":
        return { k: "method", self: obj, name: attr };
      default:
        return unknown(`attribute ${attr}`);
    }
  }
  // ---------------------------------------------------------------- calls
  call(callee, argList, scope) {
    const args = [];
    const kwargs = /* @__PURE__ */ new Map();
    const src = scope.module.source;
    const parts = children(argList).filter((c) => !["(", ")", ","].includes(c.name));
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === "for" || p.name === "async") return unknown("generator argument");
      if (p.name === "*" || p.name === "**") {
        const v = this.eval(parts[++i], scope);
        if (p.name === "*" && (v.k === "list" || v.k === "tuple")) args.push(...v.items);
        else if (p.name === "**" && v.k === "dict") {
          for (const [k, val] of v.entries) if (k.k === "str") kwargs.set(k.v, val);
        } else return unknown("call with spread arguments");
        continue;
      }
      if (p.name === "VariableName" && parts[i + 1]?.name === "AssignOp") {
        kwargs.set(src.slice(p), this.eval(parts[i + 2], scope));
        i += 2;
        continue;
      }
      if (parts[i + 1]?.name === "for") return unknown("generator argument");
      args.push(this.eval(p, scope));
    }
    if (callee.k === "builtin" && callee.name === "__import__") {
      const name2 = args[0]?.k === "str" ? args[0].v : void 0;
      return name2 ? this.importModule(name2.split(".")[0], scope.module, 0, argList.from) : unknown("__import__(...)");
    }
    return this.callValue(callee, args, kwargs, argList.from);
  }
  callValue(callee, args, kwargs, offset) {
    switch (callee.k) {
      case "unknown":
        if (args.length === 1 && kwargs.size === 0 && (args[0].k === "function" || args[0].k === "flow")) {
          const target = args[0];
          const decorator = callee.foreign ?? callee.why;
          if (target.k === "function") return { ...target, via: [...target.via ?? [], decorator] };
          return { k: "flow", flow: { ...target.flow, via: [...target.flow.via ?? [], decorator] } };
        }
        return unknown(`result of calling ${callee.why}`);
      case "builtin":
        return this.callBuiltin(callee.name, args, kwargs, offset);
      case "flowFactory":
        this.checkPydanticAccepts(args[0], offset);
        return makeFlow(args[0], callee.kwargs, offset);
      case "method":
        return this.callMethod(callee.self, callee.name, args, kwargs, offset);
      case "wraps":
        return callee.target;
      case "partial": {
        const merged = new Map(callee.kwargs);
        for (const [k, v] of kwargs) merged.set(k, v);
        return this.callValue(callee.fn, [...callee.args, ...args], merged, offset);
      }
      case "function":
        return this.callFunction(callee.fn, args, kwargs);
      case "class":
        return this.instantiate(callee.cls, args, kwargs, offset);
      default:
        return unknown("call of a non-callable value");
    }
  }
  callMethod(self, name2, args, kwargs, offset) {
    if (self.k === "flow" && name2 === "with_options") {
      const merged = new Map(self.flow.kwargs);
      for (const [k, v] of kwargs) if (v.k !== "none") merged.set(k, v);
      return makeFlow({ k: "function", fn: self.flow.fn }, merged, offset);
    }
    if (self.k === "object" && self.type === "path" && (name2 === "read_text" || name2 === "read_bytes")) {
      const text = this.readProjectFile(self.data.text ?? "", offset);
      return name2 === "read_text" ? { k: "str", v: text } : { k: "bytes", v: utf8ToLatin1(text) };
    }
    if (self.k === "object" && self.type === "path" && (name2 === "resolve" || name2 === "absolute")) {
      return { k: "object", type: "path", data: { text: import_node_path.default.resolve(this.options.cwd, self.data.text ?? ".") } };
    }
    if (self.k === "str") return strMethod(self.v, name2, args);
    if (self.k === "dict") {
      switch (name2) {
        case "get": {
          const e = self.entries.find(([k]) => args[0] !== void 0 && pyEquals(k, args[0]));
          return e ? e[1] : args[1] ?? NONE;
        }
        case "keys":
          return { k: "list", items: self.entries.map(([k]) => k) };
        case "values":
          return { k: "list", items: self.entries.map(([, v]) => v) };
        case "items":
          return { k: "list", items: self.entries.map(([k, v]) => ({ k: "tuple", items: [k, v] })) };
        case "copy":
          return { k: "dict", entries: [...self.entries] };
      }
    }
    return unknown(`${name2}(...)`);
  }
  /** Files of the project read at import time (config next to the flow), which `prefect deploy` reads too. */
  readProjectFile(file, offset) {
    const abs = import_node_path.default.resolve(this.options.cwd, file);
    try {
      const text = this.options.readLocal(abs);
      this.notes.push(`read ${import_node_path.default.relative(this.options.cwd, abs)} while reading the flow file`);
      return text;
    } catch {
      throw new PyRaise("FileNotFoundError", `[Errno 2] No such file or directory: '${file}'`, offset);
    }
  }
  /**
   * Flow decoration builds a pydantic validation model; errors pydantic raises there (not the ones
   * Prefect downgrades to Any) make the decoration, and so the module import, fail.
   */
  checkPydanticAccepts(target, offset) {
    if (target?.k !== "function" || this.options.pythonMinor >= 12) return;
    const seen = /* @__PURE__ */ new Set();
    const refused = (v) => {
      if (!v || seen.has(v)) return false;
      seen.add(v);
      if (v.k === "class") return v.cls.stdlibTypedDict === true;
      if (v.k === "generic") return v.args.some(refused);
      return false;
    };
    if (target.fn.params.some((p) => refused(p.annotationValue))) {
      throw new PyRaise("PydanticUserError", "Please use `typing_extensions.TypedDict` instead of `typing.TypedDict` on Python < 3.12.", offset);
    }
  }
  callFunction(fn, args, kwargs) {
    if (fn.isAsync || this.depth > 50) return unknown(`result of ${fn.name}()`);
    const parent = fn.scope.isClass ? moduleScopeOf(fn.scope) : fn.scope;
    const local = { vars: /* @__PURE__ */ new Map(), parent, module: fn.scope.module };
    if (fn.lambdaBody) {
      bindArguments(fn, args, kwargs, local);
      return this.eval(fn.lambdaBody, local);
    }
    if (!bindArguments(fn, args, kwargs, local)) return unknown(`call of ${fn.name}() with missing arguments`);
    const body = fn.node.getChild("Body");
    if (!body) return unknown("function without body");
    this.depth += 10;
    try {
      const r = this.execBlock(statements(body), local);
      return r ?? NONE;
    } catch (e) {
      if (e instanceof PyRaise) return unknown(`${fn.name}() raised ${e.message}`);
      throw e;
    } finally {
      this.depth -= 10;
    }
  }
  instantiate(cls, args, kwargs, offset) {
    if (cls.kind === "enum") {
      const m = cls.members.find((x) => args[0] && pyEquals(x.value, args[0]));
      if (m) return { k: "member", cls, name: m.name, value: m.value };
      return unknown(`${cls.name}(...)`);
    }
    if (cls.kind === "plain") return { k: "object", type: "opaque", data: { text: cls.name } };
    const fields = /* @__PURE__ */ new Map();
    if (cls.isRoot) {
      const root = args[0] ?? kwargs.get("root");
      if (root) fields.set("root", root);
      return { k: "instance", cls, fields };
    }
    const positional = cls.kind === "dataclass" || cls.kind === "namedtuple";
    cls.fields.forEach((f, i) => {
      const alias = fieldAlias(f);
      let v = positional && i < args.length ? args[i] : kwargs.get(f.name) ?? (alias !== void 0 ? kwargs.get(alias) : void 0);
      if (v === void 0 && f.default) {
        if (f.default.k === "field") {
          const factory = f.default.info.kwargs.get("default_factory");
          v = f.default.info.default ?? (factory ? this.callValue(factory, [], /* @__PURE__ */ new Map(), offset) : void 0);
        } else v = f.default;
      }
      if (v === void 0 && cls.kind !== "typeddict") throw new PyRaise("ValidationError", `${cls.name}.${f.name} is required`, offset);
      if (v !== void 0) fields.set(f.name, v);
    });
    return { k: "instance", cls, fields };
  }
  callBuiltin(name2, args, kwargs, offset) {
    const std = makeStdObject(name2, args, kwargs);
    if (std) return std;
    switch (name2) {
      case "prefect.flow":
        if (args.length === 0) return { k: "flowFactory", kwargs };
        this.checkPydanticAccepts(args[0], offset);
        return makeFlow(args[0], kwargs, offset);
      case "staticmethod":
      case "classmethod":
        if (args[0]?.k === "function") return { ...args[0], wrapper: name2 };
        return args[0] ?? unknown(name2);
      case "pydantic.Field":
      case "dataclasses.field": {
        const info = { hasFactory: kwargs.has("default_factory"), kwargs };
        const d = args[0] ?? kwargs.get("default");
        if (d !== void 0 && d.k !== "ellipsis") info.default = d;
        return { k: "field", info };
      }
      case "pydantic.ConfigDict":
      case "dict": {
        const entries = [];
        const a = args[0];
        if (a?.k === "dict") entries.push(...a.entries);
        else if (a && (a.k === "list" || a.k === "tuple")) {
          for (const pair2 of a.items) {
            if (pair2.k !== "tuple" && pair2.k !== "list" || pair2.items.length !== 2) return unknown("dict(...)");
            setEntry(entries, pair2.items[0], pair2.items[1]);
          }
        } else if (a) return unknown("dict(...)");
        for (const [k, v] of kwargs) setEntry(entries, { k: "str", v: k }, v);
        return { k: "dict", entries };
      }
      case "pydantic.create_model":
        return createModel(args, kwargs);
      case "range": {
        const n = args.map((a) => a.k === "int" ? a.v : void 0);
        if (n.length === 0 || n.some((x) => x === void 0)) return unknown("range(...)");
        const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
        if (step === 0 || Math.abs((stop - start) / step) > 1e4) return unknown("range(...)");
        const items = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) items.push({ k: "int", v: i });
        return { k: "list", items };
      }
      case "enumerate":
      case "reversed": {
        const items = args[0] ? iterate(args[0]) : void 0;
        if (!items) return unknown(`${name2}(...)`);
        if (name2 === "reversed") return { k: "list", items: [...items].reverse() };
        const start = args[1]?.k === "int" ? args[1].v : 0;
        return { k: "list", items: items.map((v, i) => ({ k: "tuple", items: [{ k: "int", v: start + i }, v] })) };
      }
      case "zip": {
        const lists = args.map(iterate);
        if (lists.some((l) => !l)) return unknown("zip(...)");
        const len = Math.min(...lists.map((l) => l.length));
        return { k: "list", items: Array.from({ length: len }, (_, i) => ({ k: "tuple", items: lists.map((l) => l[i]) })) };
      }
      case "sorted": {
        const items = args[0] ? iterate(args[0]) : void 0;
        const sorted = items && kwargs.size === 0 ? sortValues(items) : void 0;
        return sorted ? { k: "list", items: sorted } : unknown("sorted(...)");
      }
      case "min":
      case "max": {
        const items = args.length === 1 ? iterate(args[0]) : args;
        const sorted = items && items.length && kwargs.size === 0 ? sortValues(items) : void 0;
        if (!sorted) return unknown(`${name2}(...)`);
        return name2 === "min" ? sorted[0] : sorted[sorted.length - 1];
      }
      case "len": {
        const items = args[0] ? iterate(args[0]) : void 0;
        return items ? { k: "int", v: items.length } : unknown("len(...)");
      }
      case "abs":
        return args[0]?.k === "int" || args[0]?.k === "float" ? { k: args[0].k, v: Math.abs(args[0].v) } : unknown("abs(...)");
      case "enum.Enum":
      case "enum.IntEnum":
      case "enum.StrEnum":
        return functionalEnum(name2, args, kwargs);
      case "datetime.date.fromisoformat":
      case "datetime.datetime.fromisoformat":
        return args[0]?.k === "str" ? fromIsoFormat(name2 === "datetime.date.fromisoformat" ? "date" : "datetime", args[0].v) : unknown(name2);
      case "functools.wraps":
        return args[0] ? { k: "wraps", target: args[0] } : unknown("functools.wraps()");
      case "functools.partial":
        return args[0] ? { k: "partial", fn: args[0], args: args.slice(1), kwargs } : unknown("functools.partial()");
      case "pydantic.conint":
      case "pydantic.confloat":
      case "pydantic.constr":
      case "pydantic.conbytes":
      case "pydantic.condecimal":
      case "pydantic.conlist":
      case "pydantic.conset":
      case "pydantic.confrozenset":
      case "pydantic.condate":
        return constrainedType(name2, args, kwargs);
      case "collections.deque":
        return this.callBuiltin("list", args.slice(0, 1), /* @__PURE__ */ new Map(), offset);
      case "os.getenv":
      case "os.environ.get":
      case "os.environ.__getitem__": {
        const key = args[0];
        if (key?.k !== "str") return unknown("environment lookup");
        return this.readEnv(key.v, args[1] ?? kwargs.get("default") ?? NONE, offset);
      }
      case "yaml.safe_load":
      case "yaml.load":
      case "json.loads": {
        const text = args[0]?.k === "str" ? args[0].v : args[0]?.k === "bytes" ? args[0].v : void 0;
        if (text === void 0) return unknown(`${name2}(...)`);
        try {
          const data = name2 === "json.loads" ? JSON.parse(text) : (0, import_yaml.parse)(text, { version: "1.1" });
          return fromJs(data);
        } catch {
          throw new PyRaise(name2 === "json.loads" ? "JSONDecodeError" : "YAMLError", `cannot parse document`, offset);
        }
      }
      case "textwrap.dedent":
        return args[0]?.k === "str" ? { k: "str", v: dedent(args[0].v) } : unknown("textwrap.dedent(...)");
      case "json.dumps": {
        const text = args[0] ? pyJsonDumps(args[0]) : void 0;
        return text === void 0 ? unknown("json.dumps(...)") : { k: "str", v: text };
      }
      case "os.path.basename":
      case "os.path.dirname":
      case "os.path.join": {
        if (!args.every((a) => a.k === "str")) return unknown(`${name2}(...)`);
        const parts = args.map((a) => a.v);
        if (name2 === "os.path.join")
          return { k: "str", v: parts.reduce((acc, p) => p.startsWith("/") ? p : acc === "" ? p : acc.endsWith("/") ? acc + p : `${acc}/${p}`, "") };
        const p0 = parts[0] ?? "";
        const cut = p0.lastIndexOf("/");
        if (name2 === "os.path.basename") return { k: "str", v: p0.slice(cut + 1) };
        const head = cut < 0 ? "" : p0.slice(0, cut + 1);
        return { k: "str", v: /^\/+$/.test(head) ? head : head.replace(/\/+$/, "") };
      }
      case "dataclasses.dataclass":
        if (args[0]?.k === "class") return { k: "class", cls: { ...args[0].cls, kind: "dataclass" } };
        return { k: "builtin", name: "dataclasses.dataclass" };
      case "list":
      case "tuple":
      case "set":
      case "frozenset": {
        const a = args[0];
        if (!a) return { k: name2, items: [] };
        if (a.k === "list" || a.k === "tuple" || a.k === "set" || a.k === "frozenset") return { k: name2, items: a.items };
        return unknown(`${name2}(...)`);
      }
      case "str":
        if (args.length === 0) return { k: "str", v: "" };
        return pyStr(args[0]) !== void 0 ? { k: "str", v: pyStr(args[0]) } : unknown("str(...)");
      case "int":
        if (args.length === 0) return { k: "int", v: 0 };
        if (args[0].k === "str" && /^\s*[-+]?\d+\s*$/.test(args[0].v)) return { k: "int", v: parseInt(args[0].v, 10) };
        if (args[0].k === "float" || args[0].k === "int") return { k: "int", v: Math.trunc(args[0].v) };
        return unknown("int(...)");
      case "float":
        if (args.length === 0) return { k: "float", v: 0 };
        if (args[0].k === "str") {
          const t2 = args[0].v.trim().toLowerCase();
          if (/^[-+]?(inf|infinity)$/.test(t2)) return { k: "float", v: t2.startsWith("-") ? -Infinity : Infinity };
          if (/^[-+]?nan$/.test(t2)) return { k: "float", v: NaN };
          const n = Number(t2);
          if (!Number.isNaN(n)) return { k: "float", v: n };
        }
        if (args[0].k === "int" || args[0].k === "float") return { k: "float", v: args[0].v };
        return unknown("float(...)");
      case "bool": {
        const t2 = args[0] ? truthy(args[0]) : false;
        return t2 === void 0 ? unknown("bool(...)") : { k: "bool", v: t2 };
      }
      case "complex": {
        const re = args[0]?.k === "int" || args[0]?.k === "float" ? args[0].v : 0;
        const im = args[1]?.k === "int" || args[1]?.k === "float" ? args[1].v : 0;
        return complexValue(re, im);
      }
      default:
        if (name2.startsWith("math.")) return mathCall(name2, args);
        return unknown(`${name2}(...)`);
    }
  }
};
function bindArguments(fn, args, kwargs, local) {
  let ai = 0;
  for (const p of fn.params) {
    if (p.kind === "varargs") {
      local.vars.set(p.name, { k: "tuple", items: args.slice(ai) });
      ai = args.length;
    } else if (p.kind === "varkw") {
      local.vars.set(p.name, { k: "dict", entries: [...kwargs].map(([k, v]) => [{ k: "str", v: k }, v]) });
    } else if (p.kind === "positional" && ai < args.length) local.vars.set(p.name, args[ai++]);
    else if (kwargs.has(p.name)) local.vars.set(p.name, kwargs.get(p.name));
    else if (p.default) local.vars.set(p.name, p.default);
    else return false;
  }
  return true;
}
function moduleScopeOf(scope) {
  let s = scope;
  while (s.parent) s = s.parent;
  return s;
}
function isKnownModule(name2) {
  return KNOWN_MODULES.has(name2) || name2 === "prefect" || name2.startsWith("prefect.");
}

// src/core/flows/fallback.ts
function fallbackLoad(ep, source, interpOptions, moduleName, failure) {
  const interp = new Interpreter(interpOptions, "fallback");
  const scope = interp.newModule(moduleName, ep.file, source, 1);
  const top = statements(source.top);
  const attempt = (stmt) => {
    try {
      interp.execStatement(stmt, scope);
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
    }
  };
  for (const stmt of top) if (stmt.name === "ImportStatement") attempt(stmt);
  for (const stmt of top) if (preloadable(stmt)) attempt(stmt);
  const scriptError = () => new FlowAnalysisError(`Script at '${ep.pathAsWritten}' encountered an exception: ${failure.repr()}`, {
    file: ep.file,
    ...failure.offset !== void 0 ? source.position(failure.offset) : {}
  });
  const first = ep.objectPath[0];
  const def = findDefinition(source, first);
  if (!def) {
    throw new FlowAnalysisError(`Could not find object '${first}' in '${ep.pathAsWritten}'`, { file: ep.file });
  }
  if (scope.vars.has(first)) {
    const obj = lookupObject(scope, ep.objectPath);
    if (obj === void 0) throw scriptError();
    return { obj, interp };
  }
  let target = def;
  if (ep.objectPath.length > 1) {
    const cls = definitionOf(def);
    target = void 0;
    if (cls?.name === "ClassDefinition") {
      const body = cls.getChild("Body");
      target = body ? statements(body).find((s) => nameOf(source, s) === ep.objectPath[1]) : void 0;
    }
    if (!target) throw scriptError();
  }
  let value;
  try {
    value = compileSanitized(target, scope, interp);
  } catch (e) {
    if (e instanceof PyRaise) throw scriptError();
    throw e;
  }
  return { obj: value, interp };
}
function compileSanitized(stmt, scope, interp) {
  const decorators = stmt.name === "DecoratedStatement" ? children(stmt).filter((c) => c.name === "Decorator") : [];
  const def = definitionOf(stmt);
  if (def.name !== "FunctionDefinition") return { k: "unknown", why: "a class" };
  const decoValues = decorators.map((d) => interp.evalDecorator(d, scope));
  let value = interp.makeFunction(def, scope, { sanitize: true });
  for (let i = decoValues.length - 1; i >= 0; i--) value = interp.applyDecorator(decoValues[i], value, decorators[i]);
  return value;
}
function preloadable(stmt) {
  if (stmt.name === "ClassDefinition") return true;
  if (stmt.name === "FunctionDefinition") return stmt.firstChild?.name !== "async";
  if (stmt.name === "DecoratedStatement") {
    const def = definitionOf(stmt);
    return def !== void 0 && def.firstChild?.name !== "async";
  }
  if (stmt.name === "AssignStatement") {
    return !children(stmt).some((c) => c.name === "TypeDef");
  }
  return false;
}
function definitionOf(stmt) {
  if (stmt.name === "FunctionDefinition" || stmt.name === "ClassDefinition") return stmt;
  if (stmt.name === "DecoratedStatement") {
    return children(stmt).find((c) => c.name === "FunctionDefinition" || c.name === "ClassDefinition");
  }
  return void 0;
}
function nameOf(source, stmt) {
  const def = definitionOf(stmt);
  const n = def?.getChild("VariableName");
  return n ? source.slice(n) : void 0;
}
function findDefinition(source, name2) {
  const queue = [source.top];
  while (queue.length) {
    const node = queue.shift();
    for (const c of children(node)) {
      if ((c.name === "FunctionDefinition" || c.name === "ClassDefinition") && nameOf(source, c) === name2) {
        return c.parent?.name === "DecoratedStatement" ? c.parent : c;
      }
    }
    for (const c of children(node)) queue.push(c);
  }
  return void 0;
}
function lookupObject(scope, objectPath) {
  let v = scope.vars.get(objectPath[0]);
  for (const attr of objectPath.slice(1)) {
    if (v === void 0) return void 0;
    if (v.k === "class") v = v.cls.attrs.get(attr);
    else if (v.k === "unknown") return v;
    else return void 0;
  }
  return v;
}

// src/core/flows/encode.ts
var NotEncodable = class {
  constructor(reason, runtime) {
    this.reason = reason;
    this.runtime = runtime;
  }
  reason;
  runtime;
};
function encodeDefault(v) {
  switch (v.k) {
    case "none":
      return null;
    case "bool":
      return v.v;
    case "int":
    case "float":
      return v.v;
    case "str":
      return v.v;
    case "bytes": {
      const bytes = Uint8Array.from(v.v, (c) => c.charCodeAt(0));
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        return new NotEncodable("bytes that are not UTF-8", false);
      }
    }
    case "list":
    case "tuple":
      return encodeItems(v.items);
    case "set":
    case "frozenset": {
      const items = encodeItems(v.items);
      if (items instanceof NotEncodable) return items;
      return sortIfComparable(items);
    }
    case "dict": {
      const out = {};
      for (const [k, val] of v.entries) {
        const key = dictKey(k);
        if (key === void 0) return new NotEncodable("a dict key that is not a plain value", false);
        const e = encodeDefault(val);
        if (e instanceof NotEncodable) return e;
        out[key] = e;
      }
      return out;
    }
    case "member":
      return encodeDefault(v.value);
    case "instance":
      return encodeInstance(v.cls, v.fields);
    case "object":
      switch (v.type) {
        case "datetime":
          return isoDateTime(v.data);
        case "date":
          return isoDate(v.data);
        case "time":
          return isoTime(v.data);
        case "timedelta":
          return isoDuration(((v.data.days ?? 0) * 86400 + (v.data.seconds ?? 0)) * 1e6 + (v.data.micro ?? 0));
        case "uuid":
        case "path":
        case "decimal":
        case "complex":
        case "ip":
          return v.data.text ?? "";
        case "secret":
          return "**********";
        default:
          return new NotEncodable(`an instance of ${v.data.text ?? "a class"}`, false);
      }
    case "unknown":
      return new NotEncodable(v.why, true);
    case "ellipsis":
      return new NotEncodable("Ellipsis", false);
    case "builtin":
      return new NotEncodable(v.name, /\.[A-Z][A-Z0-9_]*$/.test(v.name));
    default:
      return new NotEncodable(`a ${v.k}`, false);
  }
}
function encodeItems(items) {
  const out = [];
  for (const it of items) {
    const e = encodeDefault(it);
    if (e instanceof NotEncodable) return e;
    out.push(e);
  }
  return out;
}
function sortIfComparable(items) {
  if (items.every((i) => typeof i === "number")) return [...items].sort((a, b) => a - b);
  if (items.every((i) => typeof i === "string")) return [...items].sort((a, b) => a < b ? -1 : a === b ? 0 : 1);
  return items;
}
function dictKey(k) {
  switch (k.k) {
    case "str":
      return k.v;
    case "int":
      return String(k.v);
    case "float": {
      const e = encodeDefault(k);
      return typeof e === "number" ? String(e) : void 0;
    }
    case "bool":
      return k.v ? "true" : "false";
    case "none":
      return "None";
    case "member":
      return dictKey(k.value);
    default:
      return void 0;
  }
}
function encodeInstance(cls, fields) {
  if (cls.kind === "namedtuple") return encodeItems([...fields.values()]);
  if (cls.isRoot) {
    const root = fields.get("root");
    return root ? encodeDefault(root) : new NotEncodable(`${cls.name}() without a root value`, false);
  }
  const out = {};
  for (const f of cls.fields) {
    const v = fields.get(f.name);
    if (v === void 0) continue;
    const e = encodeDefault(v);
    if (e instanceof NotEncodable) return e;
    let key = f.name;
    const exclude = f.default?.k === "field" ? f.default.info.kwargs.get("exclude") : void 0;
    if (exclude?.k === "bool" && exclude.v) continue;
    if (cls.kind === "model" && f.default?.k === "field") {
      const alias = f.default.info.kwargs.get("alias") ?? f.default.info.kwargs.get("serialization_alias");
      if (alias?.k === "str") key = alias.v;
    }
    out[key] = e;
  }
  return out;
}

// src/core/flows/schema.ts
var truthyValue = (v) => truthy(v) === true;
var Downgrade = class extends Error {
};
var SCALARS = {
  str: { type: "string" },
  "typing.Text": { type: "string" },
  int: { type: "integer" },
  float: { type: "number" },
  bool: { type: "boolean" },
  bytes: { type: "string", format: "binary" },
  bytearray: { type: "string", format: "binary" },
  complex: { type: "string" },
  "datetime.datetime": { type: "string", format: "date-time" },
  "prefect.types.DateTime": { type: "string", format: "date-time" },
  "pydantic.AwareDatetime": { type: "string", format: "date-time" },
  "pydantic.NaiveDatetime": { type: "string", format: "date-time" },
  "pydantic.PastDatetime": { type: "string", format: "date-time" },
  "pydantic.FutureDatetime": { type: "string", format: "date-time" },
  "datetime.date": { type: "string", format: "date" },
  "prefect.types.Date": { type: "string", format: "date" },
  "pydantic.PastDate": { type: "string", format: "date" },
  "pydantic.FutureDate": { type: "string", format: "date" },
  "datetime.time": { type: "string", format: "time" },
  "datetime.timedelta": { type: "string", format: "duration" },
  "prefect.types.Duration": { type: "string", format: "duration" },
  "uuid.UUID": { type: "string", format: "uuid" },
  "pydantic.UUID1": { type: "string", format: "uuid1" },
  "pydantic.UUID3": { type: "string", format: "uuid3" },
  "pydantic.UUID4": { type: "string", format: "uuid4" },
  "pydantic.UUID5": { type: "string", format: "uuid5" },
  "pathlib.Path": { type: "string", format: "path" },
  "pathlib.PurePath": { type: "string", format: "path" },
  "pathlib.PosixPath": { type: "string", format: "path" },
  "pathlib.PurePosixPath": { type: "string", format: "path" },
  "pathlib.PureWindowsPath": { type: "string", format: "path" },
  "pathlib.WindowsPath": { type: "string", format: "path" },
  "prefect.types.PositiveInteger": { type: "integer", exclusiveMinimum: 0 },
  "prefect.types.NonNegativeInteger": { type: "integer", minimum: 0 },
  "prefect.types.NonNegativeFloat": { type: "number", minimum: 0 },
  "prefect.types.PositiveFloat": { type: "number", exclusiveMinimum: 0 },
  "pydantic.FilePath": { type: "string", format: "file-path" },
  "pydantic.DirectoryPath": { type: "string", format: "directory-path" },
  "pydantic.NewPath": { type: "string", format: "path" },
  "decimal.Decimal": {
    anyOf: [{ type: "number" }, { type: "string", pattern: "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$" }]
  },
  "re.Pattern": { type: "string", format: "regex" },
  "typing.Pattern": { type: "string", format: "regex" },
  "ipaddress.IPv4Address": { type: "string", format: "ipv4" },
  "ipaddress.IPv6Address": { type: "string", format: "ipv6" },
  "ipaddress.IPv4Network": { type: "string", format: "ipv4network" },
  "ipaddress.IPv6Network": { type: "string", format: "ipv6network" },
  "ipaddress.IPv4Interface": { type: "string", format: "ipv4interface" },
  "ipaddress.IPv6Interface": { type: "string", format: "ipv6interface" },
  "pydantic.SecretStr": { type: "string", format: "password", writeOnly: true },
  "pydantic.SecretBytes": { type: "string", format: "password", writeOnly: true },
  "pydantic.HttpUrl": { type: "string", format: "uri", minLength: 1, maxLength: 2083 },
  "pydantic.AnyHttpUrl": { type: "string", format: "uri", minLength: 1 },
  "pydantic.AnyUrl": { type: "string", format: "uri", minLength: 1 },
  "pydantic.PositiveInt": { type: "integer", exclusiveMinimum: 0 },
  "pydantic.NegativeInt": { type: "integer", exclusiveMaximum: 0 },
  "pydantic.NonNegativeInt": { type: "integer", minimum: 0 },
  "pydantic.NonPositiveInt": { type: "integer", maximum: 0 },
  "pydantic.PositiveFloat": { type: "number", exclusiveMinimum: 0 },
  "pydantic.NegativeFloat": { type: "number", exclusiveMaximum: 0 },
  "pydantic.NonNegativeFloat": { type: "number", minimum: 0 },
  "pydantic.NonPositiveFloat": { type: "number", maximum: 0 },
  "pydantic.StrictStr": { type: "string" },
  "pydantic.StrictInt": { type: "integer" },
  "pydantic.StrictFloat": { type: "number" },
  "pydantic.StrictBool": { type: "boolean" },
  "pydantic.StrictBytes": { type: "string", format: "binary" },
  "pydantic.Json": { type: "string", contentMediaType: "application/json", contentSchema: {} }
};
var KNOWN_DEFINITIONS = {
  "prefect.blocks.system.Secret": {
    ref: "Secret",
    definitions: {
      JsonValue: {},
      Secret: {
        additionalProperties: true,
        block_schema_references: {},
        block_type_slug: "secret",
        description: "A block that represents a secret value. The value stored in this block will be obfuscated when this block is viewed or edited in the UI.",
        properties: {
          value: {
            anyOf: [
              { format: "password", type: "string", writeOnly: true },
              { title: "string", type: "string" },
              { $ref: "#/definitions/JsonValue", title: "JSON" }
            ],
            description: "A value that should be kept secret.",
            examples: ["sk-1234567890", { password: "s3cr3t", username: "johndoe" }],
            format: "password",
            title: "Value",
            writeOnly: true
          }
        },
        required: ["value"],
        secret_fields: ["value", "value"],
        title: "Secret",
        type: "object"
      }
    }
  }
};
var ANY = /* @__PURE__ */ new Set(["typing.Any", "object", "typing_extensions.Any"]);
var LISTS = /* @__PURE__ */ new Set(["list", "typing.List", "typing.Sequence", "typing.MutableSequence", "typing.Iterable", "typing.Collection", "collections.deque", "typing.Deque"]);
var SETS = /* @__PURE__ */ new Set(["set", "frozenset", "typing.Set", "typing.FrozenSet", "typing.AbstractSet", "typing.MutableSet"]);
var DICTS = /* @__PURE__ */ new Set(["dict", "typing.Dict", "typing.Mapping", "typing.MutableMapping", "typing.OrderedDict", "typing.DefaultDict", "typing.Counter"]);
var TUPLES = /* @__PURE__ */ new Set(["tuple", "typing.Tuple"]);
var UNRESOLVABLE = "<unresolvable forward reference>";
var REFUSED = /* @__PURE__ */ new Set([UNRESOLVABLE, "typing.Callable", "type", "typing.Type", "typing.Awaitable", "typing.Coroutine", "<lambda>"]);
var NULL = { type: "null" };
function typeSchema(t2, ctx) {
  const plain = (schema) => ({ schema, refLike: false });
  switch (t2.k) {
    case "unknown":
      if (t2.foreign) ctx.onForeignType?.(t2.foreign);
      return plain({});
    case "none":
      return plain({ ...NULL });
    case "str":
      return typeSchema(ctx.resolveString(t2.v), ctx);
    case "builtin": {
      if (ANY.has(t2.name)) return plain({});
      const known = KNOWN_DEFINITIONS[t2.name];
      if (known) {
        for (const [name2, def] of Object.entries(known.definitions)) {
          if (!ctx.definitions.has(name2)) ctx.definitions.set(name2, structuredClone(def));
        }
        return { schema: { $ref: `#/definitions/${known.ref}` }, refLike: true };
      }
      if (t2.name === "decimal.Decimal" && !ctx.decimalPattern) return plain({ anyOf: [{ type: "number" }, { type: "string" }] });
      const s = SCALARS[t2.name];
      if (s) return plain(structuredClone(s));
      if (LISTS.has(t2.name) || TUPLES.has(t2.name)) return plain({ type: "array", items: {} });
      if (SETS.has(t2.name)) return plain({ type: "array", items: {}, uniqueItems: true });
      if (DICTS.has(t2.name)) return plain({ type: "object", additionalProperties: true });
      if (REFUSED.has(t2.name)) throw new Downgrade(t2.name);
      return plain({});
    }
    case "class":
      return classSchema(t2.cls, ctx);
    case "generic":
      return genericSchema(t2.origin, t2.args, ctx);
    case "field":
      return plain({});
    default:
      throw new Downgrade(`a ${t2.k} is not a type`);
  }
}
function genericSchema(origin, args, ctx) {
  const plain = (schema) => ({ schema, refLike: false });
  if (origin === "typing.Union") return unionSchema(args, ctx);
  if (origin === "typing.Literal") return plain(literalSchema(args));
  if (origin === "typing.Annotated") {
    for (const meta2 of args.slice(1)) {
      const d = meta2.k === "field" ? meta2.info.kwargs.get("discriminator") : void 0;
      if (d?.k === "str" && args[0]) {
        const tagged = discriminatedUnion(args[0], d.v, ctx);
        if (tagged) return plain(tagged);
      }
    }
    const inner = typeSchema(args[0] ?? { k: "builtin", name: "typing.Any" }, ctx);
    for (const meta2 of args.slice(1)) if (meta2.k === "field") applyFieldConstraints(inner.schema, meta2.info, true);
    return inner;
  }
  if (origin === "typing.Optional") return unionSchema([args[0], { k: "none" }], ctx);
  const item = (i) => {
    const a = args[i];
    return a === void 0 ? {} : typeSchema(a, ctx).schema;
  };
  if (LISTS.has(origin)) return plain({ type: "array", items: item(0) });
  if (SETS.has(origin)) return plain({ type: "array", items: item(0), uniqueItems: true });
  if (DICTS.has(origin)) {
    const value = args[1] === void 0 ? {} : item(1);
    const values = Object.keys(value).length === 0 ? true : value;
    const keys = args[0] === void 0 ? {} : { ...item(0) };
    const out = { type: "object" };
    const pattern = "$ref" in keys ? void 0 : keys.pattern;
    if (!("$ref" in keys)) {
      delete keys.pattern;
      delete keys.title;
    }
    if (typeof pattern === "string") out.patternProperties = { [pattern]: values };
    else out.additionalProperties = values;
    if (keys.type === "string" && Object.keys(keys).length > 1 || "$ref" in keys) {
      delete keys.type;
      out.propertyNames = keys;
    }
    return plain(out);
  }
  if (TUPLES.has(origin)) {
    if (args.length === 2 && args[1].k === "ellipsis") return plain({ type: "array", items: item(0) });
    if (args.length === 0 || args.length === 1 && args[0].k === "tuple" && args[0].items.length === 0) {
      return plain({ type: "array", maxItems: 0 });
    }
    const prefixItems = args.map((_, i) => item(i));
    return plain({ type: "array", prefixItems, minItems: args.length, maxItems: args.length });
  }
  if (origin === "typing.ClassVar" || origin === "typing.Final" || origin === "typing.Required" || origin === "typing.NotRequired") {
    return typeSchema(args[0], ctx);
  }
  if (origin === "pydantic.Json") return plain({ type: "string", contentMediaType: "application/json", contentSchema: item(0) });
  if (REFUSED.has(origin)) throw new Downgrade(origin);
  return plain({});
}
function discriminatedUnion(t2, property, ctx) {
  if (t2.k !== "generic" || t2.origin !== "typing.Union") return void 0;
  const members = t2.args;
  if (!members.every((m) => m.k === "class" && m.cls.kind === "model")) return void 0;
  const oneOf = [];
  const mapping = {};
  for (const m of members) {
    const cls = m.cls;
    const ref = typeSchema(m, ctx).schema;
    oneOf.push(ref);
    const field = cls.fields.find((f) => f.name === property);
    if (!field) return void 0;
    let ft;
    try {
      ft = field.type ?? ctx.resolveField(cls, field);
    } catch {
      return void 0;
    }
    if (ft.k !== "generic" || ft.origin !== "typing.Literal") return void 0;
    for (const v of ft.args) {
      const e = encodeDefault(v.k === "member" ? v.value : v);
      if (typeof e === "string") mapping[e] = ref.$ref;
    }
  }
  return { oneOf, discriminator: { propertyName: property, mapping } };
}
function unionSchema(members, ctx) {
  const flat = [];
  const flatten = (v) => {
    if (v.k === "generic" && (v.origin === "typing.Union" || v.origin === "typing.Optional")) {
      if (v.origin === "typing.Optional") {
        flatten(v.args[0]);
        flatten({ k: "none" });
      } else v.args.forEach(flatten);
    } else if (!flat.some((f) => sameType(f, v))) flat.push(v);
  };
  members.forEach(flatten);
  const nullable = flat.some((m) => m.k === "none");
  const rest = flat.filter((m) => m.k !== "none");
  if (rest.length === 0) return { schema: { ...NULL }, refLike: false };
  const parts = rest.map((m) => typeSchema(m, ctx));
  let inner;
  if (parts.length === 1) inner = parts[0];
  else inner = { schema: { anyOf: flattenAnyOf(parts.map((p) => p.schema)) }, refLike: false };
  if (!nullable) return inner;
  return { schema: { anyOf: flattenAnyOf([inner.schema, { ...NULL }]) }, refLike: inner.refLike };
}
function flattenAnyOf(schemas) {
  const out = [];
  for (const s of schemas) {
    const keys = Object.keys(s);
    if (keys.length === 1 && keys[0] === "anyOf" && Array.isArray(s.anyOf)) out.push(...s.anyOf);
    else out.push(s);
  }
  return out;
}
function sameType(a, b) {
  if (a.k === "builtin" && b.k === "builtin") return a.name === b.name;
  if (a.k === "class" && b.k === "class") return a.cls === b.cls;
  if (a.k === "none" && b.k === "none") return true;
  return false;
}
function literalSchema(args) {
  const values = [];
  const types = /* @__PURE__ */ new Set();
  const add = (v) => {
    if (v.k === "generic" && v.origin === "typing.Literal") {
      v.args.forEach(add);
      return;
    }
    const raw = v.k === "member" ? v.value : v;
    const e = encodeDefault(raw);
    if (e instanceof NotEncodable) return;
    types.add(raw.k === "int" || raw.k === "float" || raw.k === "str" || raw.k === "bool" || raw.k === "none" ? raw.k : "other");
    values.push(e);
  };
  args.forEach(add);
  const out = values.length === 1 ? { const: values[0] } : { enum: values };
  if (types.size === 1) {
    const only = [...types][0];
    const map = { str: "string", int: "integer", float: "number", bool: "boolean", none: "null" };
    if (map[only]) out.type = map[only];
  }
  return out;
}
function applyFieldConstraints(schema, info, withExamples) {
  const target = constraintTarget(schema);
  const type = target.type;
  for (const [key, v] of info.kwargs) {
    const e = encodeDefault(v);
    if (e instanceof NotEncodable) continue;
    switch (key) {
      case "ge":
        target.minimum = e;
        break;
      case "gt":
        target.exclusiveMinimum = e;
        break;
      case "le":
        target.maximum = e;
        break;
      case "lt":
        target.exclusiveMaximum = e;
        break;
      case "multiple_of":
        target.multipleOf = e;
        break;
      case "pattern":
        target.pattern = e;
        break;
      case "min_length":
        target[type === "array" ? "minItems" : type === "object" ? "minProperties" : "minLength"] = e;
        break;
      case "max_length":
        target[type === "array" ? "maxItems" : type === "object" ? "maxProperties" : "maxLength"] = e;
        break;
      case "examples":
        if (withExamples) schema.examples = e;
        break;
      default:
        break;
    }
  }
}
function constraintTarget(schema) {
  const any = schema.anyOf;
  if (Array.isArray(any) && any.length === 2) {
    const nonNull = any.filter((s) => !(typeof s === "object" && s !== null && !Array.isArray(s) && s.type === "null"));
    if (nonNull.length === 1) return nonNull[0];
  }
  return schema;
}
function jsonSchemaExtra(info) {
  const extra = info.kwargs.get("json_schema_extra");
  if (extra?.k !== "dict") return void 0;
  const e = encodeDefault(extra);
  return e instanceof NotEncodable || e === null || typeof e !== "object" || Array.isArray(e) ? void 0 : e;
}
function classSchema(cls, ctx) {
  if (cls.kind === "plain") return { schema: {}, refLike: false };
  const ref = { schema: { $ref: `#/definitions/${cls.name}` }, refLike: true };
  if (ctx.definitions.has(cls.name)) return ref;
  ctx.definitions.set(cls.name, {});
  ctx.definitions.set(cls.name, cls.kind === "enum" ? enumDefinition(cls) : modelDefinition(cls, ctx));
  return ref;
}
function enumDefinition(cls) {
  const values = [];
  const types = /* @__PURE__ */ new Set();
  for (const m of cls.members) {
    const e = encodeDefault(m.value);
    if (e instanceof NotEncodable) continue;
    values.push(e);
    types.add(m.value.k === "bool" ? "boolean" : m.value.k === "int" ? "integer" : m.value.k === "float" ? "number" : m.value.k === "str" ? "string" : "other");
  }
  const def = {};
  if (cls.doc) def.description = cls.doc;
  def.enum = values;
  def.title = cls.name;
  if (types.size === 1 && !types.has("other")) def.type = [...types][0];
  return def;
}
function modelDefinition(cls, ctx) {
  if (cls.kind === "namedtuple") {
    const items = cls.fields.map((f) => fieldSchema(cls, f, ctx).schema);
    const required2 = cls.fields.filter((f) => f.default === void 0).length;
    return { maxItems: items.length, minItems: required2, prefixItems: items, type: "array" };
  }
  if (cls.isRoot) {
    const rootField = cls.fields.find((f) => f.name === "root");
    let root = { k: "builtin", name: "typing.Any" };
    try {
      if (rootField) root = ctx.resolveField(cls, rootField);
    } catch {
    }
    const def2 = { ...typeSchema(root, ctx).schema };
    if (cls.doc) def2.description = cls.doc;
    def2.title = cls.title ?? cls.name;
    return withSchemaExtra(def2, cls);
  }
  const properties = {};
  const required = [];
  for (const f of cls.fields) {
    if (f.name.startsWith("_")) continue;
    const { key, schema, isRequired } = fieldSchema(cls, f, ctx);
    properties[key] = schema;
    if (isRequired) required.push(key);
  }
  const def = {};
  if (cls.extraForbid) def.additionalProperties = false;
  if (cls.doc) def.description = cls.doc;
  def.properties = properties;
  if (required.length) def.required = required;
  def.title = cls.title ?? cls.name;
  def.type = "object";
  return withSchemaExtra(def, cls);
}
function withSchemaExtra(def, cls) {
  if (!cls.schemaExtra) return def;
  const extra = encodeDefault(cls.schemaExtra);
  if (extra !== null && typeof extra === "object" && !Array.isArray(extra)) Object.assign(def, extra);
  return def;
}
function fieldSchema(cls, f, ctx) {
  let t2;
  try {
    t2 = ctx.resolveField(cls, f);
  } catch {
    t2 = { k: "unknown", why: "unresolvable field annotation" };
  }
  const info = f.default?.k === "field" ? f.default.info : void 0;
  let tdRequired = cls.total !== false;
  if (t2.k === "generic" && (t2.origin === "typing.NotRequired" || t2.origin === "typing.Required")) {
    tdRequired = t2.origin === "typing.Required";
    t2 = t2.args[0];
  }
  let annotatedDefault;
  const metas = [];
  while (t2.k === "generic" && t2.origin === "typing.Annotated") {
    for (const m of t2.args.slice(1)) {
      if (m.k === "field") {
        metas.push(m.info);
        if (m.info.default !== void 0) annotatedDefault = m.info.default;
      }
    }
    t2 = t2.args[0];
  }
  let frag;
  try {
    frag = typeSchema(t2, ctx);
  } catch {
    frag = { schema: {}, refLike: false };
  }
  const schema = { ...frag.schema };
  for (const m of metas) applyFieldConstraints(schema, m, true);
  if (info) applyFieldConstraints(schema, info, true);
  const kw = (name2) => info?.kwargs.get(name2) ?? metas.find((m) => m.kwargs.has(name2))?.kwargs.get(name2);
  const alias = kw("alias") ?? kw("validation_alias");
  const key = alias?.k === "str" ? alias.v : f.name;
  const title = kw("title");
  if (title?.k === "str") schema.title = title.v;
  else if (!frag.refLike) schema.title = fieldTitle(key);
  const description = kw("description");
  if (description?.k === "str") schema.description = description.v;
  const deprecated = kw("deprecated");
  if (deprecated && deprecated.k !== "none" && truthyValue(deprecated)) schema.deprecated = true;
  let dflt;
  let hasFactory = false;
  if (info) {
    dflt = info.default;
    hasFactory = info.hasFactory;
  } else if (f.default !== void 0) dflt = f.default;
  if (dflt === void 0 && annotatedDefault !== void 0) dflt = annotatedDefault;
  if (metas.some((m) => m.hasFactory)) hasFactory = true;
  if (dflt !== void 0) {
    const e = encodeDefault(dflt);
    if (!(e instanceof NotEncodable)) schema.default = e;
  }
  const extra = info ? jsonSchemaExtra(info) : void 0;
  if (extra) Object.assign(schema, extra);
  const isRequired = cls.kind === "typeddict" ? tdRequired : dflt === void 0 && !hasFactory;
  return { key, schema, isRequired };
}

// src/core/flows/parameters.ts
var PLAIN_FOREIGN_CLASSES = /* @__PURE__ */ new Set(["pandas.DataFrame", "pandas.Series", "numpy.ndarray"]);
function parameterSchema(fn, interp, profile) {
  const warnings = [];
  const types = resolveParameterTypes(fn, interp);
  const docs = parameterDescriptions(fn.doc);
  const definitions = /* @__PURE__ */ new Map();
  const properties = {};
  const required = [];
  const where = `${fn.scope.module.file}:${fn.source.position(fn.node.from).line}`;
  fn.params.forEach((p, position) => {
    if (p.name === "self" || p.name === "cls") return;
    const variadic = p.kind === "varargs" || p.kind === "varkw";
    let type = types.get(p) ?? { k: "builtin", name: "typing.Any" };
    let dflt = variadic ? void 0 : p.default;
    if (variadic && profile.variadics === "collections") {
      const item = types.get(p) ?? { k: "builtin", name: "typing.Any" };
      type = p.kind === "varargs" ? { k: "generic", origin: "list", args: [item] } : { k: "generic", origin: "dict", args: [{ k: "builtin", name: "str" }, item] };
      dflt = p.kind === "varargs" ? { k: "list", items: [] } : { k: "dict", entries: [] };
    }
    let fieldInfo;
    if (dflt?.k === "field") {
      fieldInfo = dflt.info;
      dflt = fieldInfo.default;
    }
    if (dflt?.k === "ellipsis") dflt = void 0;
    if (dflt === void 0 && !variadic && !fieldInfo && type.k === "generic" && type.origin === "typing.Annotated") {
      for (const m of type.args.slice(1)) if (m.k === "field" && m.info.default !== void 0) dflt = m.info.default;
    }
    let fragment;
    const scratch = {
      definitions: new Map(definitions),
      decimalPattern: profile.decimalPattern,
      resolveField: (cls, f) => resolveClassField(cls, f, interp),
      resolveString: (text) => resolveInPydanticNamespace(text, fn.scope, interp),
      onForeignType: (name2) => {
        if (!PLAIN_FOREIGN_CLASSES.has(name2)) foreign.add(name2);
      }
    };
    const foreign = /* @__PURE__ */ new Set();
    try {
      fragment = typeSchema(type, scratch).schema;
      for (const [k, v] of scratch.definitions) definitions.set(k, v);
    } catch (e) {
      if (!(e instanceof Downgrade)) throw e;
      fragment = {};
    }
    if (foreign.size > 0) {
      warnings.push(
        `${where}: parameter '${p.name}': its type uses ${[...foreign].join(", ")}, from a package this reader cannot read; it is sent as any value ({}), as pydantic describes a plain class, but if that is a pydantic model or a Prefect block Prefect sends its fields instead, and if it is not a class at all Prefect leaves the parameter untyped`
      );
    }
    const prop = { ...fragment };
    if (dflt !== void 0) {
      const e = encodeDefault(dflt);
      if (e instanceof NotEncodable) {
        if (e.runtime) {
          warnings.push(`${where}: parameter '${p.name}': its default (${e.reason}) cannot be evaluated without running Python; it is left out of the schema`);
        }
      } else prop.default = e;
    }
    prop.title = p.name;
    const fieldDescription = fieldInfo?.kwargs.get("description");
    if (fieldDescription?.k === "str" && fieldDescription.v !== "") prop.description = fieldDescription.v;
    else if (docs.has(p.name)) prop.description = docs.get(p.name);
    const extra = fieldInfo ? jsonSchemaExtra(fieldInfo) : void 0;
    if (extra) Object.assign(prop, extra);
    if (!extra || !("position" in extra)) prop.position = position;
    properties[p.name] = prop;
    if (dflt === void 0) required.push(p.name);
  });
  const top = { title: "Parameters", type: "object", properties };
  if (required.length) top.required = required;
  if (definitions.size) top.definitions = Object.fromEntries(definitions);
  const sorted = sortSchema(top, null);
  const out = { title: sorted.title, type: sorted.type, properties: sorted.properties };
  if (sorted.required) out.required = sorted.required;
  if (sorted.definitions) out.definitions = sorted.definitions;
  return { schema: out, warnings };
}
function sortSchema(value, parentKey) {
  if (Array.isArray(value)) return value.map((v) => sortSchema(v, parentKey));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  if (parentKey !== "properties" && parentKey !== "default") keys.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  const out = {};
  for (const k of keys) out[k] = sortSchema(value[k], k);
  return out;
}
function resolveParameterTypes(fn, interp) {
  const out = /* @__PURE__ */ new Map();
  const stringy = [];
  for (const p of fn.params) {
    if (!p.annotation) continue;
    const node = p.annotation.node;
    if (fn.sanitized) {
      const v = p.annotationValue;
      out.set(p, v.k === "str" ? resolveInPydanticNamespace(v.v, fn.scope, interp) : v);
      continue;
    }
    if (fn.scope.module.futureAnnotations) {
      stringy.push({ p, text: p.annotation.source.slice(node) });
    } else if (node.name === "String" || node.name === "ContinuedString") {
      const v = interp.eval(node, fn.scope);
      stringy.push({ p, text: v.k === "str" ? v.v : "" });
    } else {
      out.set(p, p.annotationValue ?? { k: "unknown", why: "annotation" });
    }
  }
  let poisoned = false;
  const evaluated = /* @__PURE__ */ new Map();
  for (const { p, text } of stringy) {
    try {
      evaluated.set(p, evalText(text, fn.scope, interp));
    } catch (e) {
      if (!(e instanceof PyRaise) && !(e instanceof Downgrade)) throw e;
      poisoned = true;
    }
  }
  for (const { p, text } of stringy) {
    if (poisoned) out.set(p, resolveInPydanticNamespace(text, fn.scope, interp));
    else {
      const v = evaluated.get(p);
      out.set(p, v.k === "str" ? resolveInPydanticNamespace(v.v, fn.scope, interp) : v);
    }
  }
  return out;
}
function evalText(text, scope, interp) {
  const parsed = parseExpression(text);
  if (!parsed) throw new PyRaise("SyntaxError", `invalid annotation ${JSON.stringify(text)}`);
  const child = { vars: /* @__PURE__ */ new Map(), parent: scope, module: { ...scope.module, source: parsed.source } };
  return interp.eval(parsed.node, child);
}
var pydanticNamespaces = /* @__PURE__ */ new WeakMap();
function resolveInPydanticNamespace(text, userScope, interp) {
  let ns = pydanticNamespaces.get(interp);
  if (!ns) {
    const src = new PySource("");
    ns = interp.newModule("prefect._internal.pydantic.v2_schema", userScope.module.file, src);
    ns.vars.set("typing", { k: "module", name: "typing" });
    ns.vars.set("t", { k: "module", name: "typing" });
    ns.vars.set("pydantic", { k: "module", name: "pydantic" });
    ns.vars.set("inspect", { k: "module", name: "inspect" });
    ns.module.boundSomewhere.clear();
    pydanticNamespaces.set(interp, ns);
  }
  const unresolvable = { k: "builtin", name: UNRESOLVABLE };
  const parsed = parseExpression(text);
  if (!parsed) return unresolvable;
  const child = { vars: /* @__PURE__ */ new Map(), parent: ns, module: { ...ns.module, source: parsed.source } };
  try {
    const v = interp.eval(parsed.node, child);
    return v.k === "unknown" ? unresolvable : v;
  } catch (e) {
    if (e instanceof PyRaise) return unresolvable;
    throw e;
  }
}
function resolveClassField(cls, f, interp) {
  if (!cls.scope) return f.type ?? { k: "builtin", name: "typing.Any" };
  const scope = cls.scope;
  if (f.type) return resolveNestedStrings(f.type, scope, interp);
  if (!f.annotation) return { k: "builtin", name: "typing.Any" };
  const node = f.annotation.node;
  if (node.name === "String" && !scope.module.futureAnnotations) {
    const v2 = interp.eval(node, scope);
    return v2.k === "str" ? evalText(v2.v, scope, interp) : v2;
  }
  const v = f.type ?? interp.eval(node, scope);
  return resolveNestedStrings(v.k === "str" ? evalText(v.v, scope, interp) : v, scope, interp);
}
function resolveNestedStrings(v, scope, interp) {
  if (v.k === "generic" && v.origin !== "typing.Literal") {
    return { ...v, args: v.args.map((a) => a.k === "str" ? evalText(a.v, scope, interp) : resolveNestedStrings(a, scope, interp)) };
  }
  return v;
}

// src/core/flows/analyze.ts
function analyze(ep, options, read, observations) {
  const abs = import_node_path2.default.resolve(options.cwd, ep.file);
  if (!read && !(0, import_node_fs.existsSync)(abs)) {
    throw new FlowAnalysisError(
      ep.kind === "script" ? `entrypoint file not found: ${ep.file} (paths are relative to ${options.cwd})` : `module '${ep.pathAsWritten}' not found (looked for ${ep.file} relative to ${options.cwd})`,
      { file: ep.file }
    );
  }
  let bytes;
  try {
    bytes = read ?? readBoundedFile(abs, MAX_PYTHON_FILE_BYTES);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new FlowAnalysisError(`entrypoint file ${ep.file} ${error.message}`, { file: ep.file });
    throw error;
  }
  const source = new PySource(bytes.toString("utf8"));
  const { fatal, ignoredLines } = source.parseErrors();
  if (fatal) {
    const pos = source.position(fatal.offset);
    throw new FlowAnalysisError(`invalid Python syntax near ${JSON.stringify(fatal.text.split("\n")[0])}`, { file: ep.file, ...pos });
  }
  const parseWarnings = ignoredLines.map(
    (line) => `${ep.file}:${line}: could not parse this line of a function body (a form this reader's grammar lacks, or a syntax error); the flow's signature does not depend on it`
  );
  const md5 = (0, import_node_crypto.createHash)("md5").update(bytes).digest("hex");
  const isUnavailable = unavailability(options);
  const interpOptions = {
    isUnavailable,
    resolveLocalModule: (name2, fromFile, level) => resolveLocalModule(options.cwd, name2, fromFile, level),
    readLocal: (file) => readBoundedFile(import_node_path2.default.resolve(options.cwd, file), MAX_PYTHON_FILE_BYTES).toString("utf8"),
    env: options.env ?? process.env,
    cwd: options.cwd,
    pythonMinor: pythonMinor(options.pythonVersion)
  };
  if (observations) recordInto(interpOptions, observations);
  const profile = profileOf(options.referenceProfile);
  const moduleName = ep.kind === "script" ? import_node_path2.default.basename(ep.file, ".py") : ep.pathAsWritten;
  const interp = new Interpreter(interpOptions, "import");
  const depth = ep.kind === "script" ? 1 : ep.pathAsWritten.split(".").length - 1 + (ep.file.endsWith("__init__.py") ? 1 : 0);
  const scope = interp.newModule(moduleName, ep.file, source, depth);
  let failure = null;
  try {
    interp.execModule(scope);
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    failure = e;
  }
  if (!failure) {
    const obj = lookupObject(scope, ep.objectPath);
    if (obj === void 0) {
      throw new FlowAnalysisError(`Flow function with name '${ep.objectPath.join(".")}' not found in '${ep.pathAsWritten}'.`, { file: ep.file });
    }
    return withWarnings(finish(obj, ep, interp, "import", md5, source, profile, options.cwd), parseWarnings);
  }
  const where = { file: ep.file, ...failure.offset !== void 0 ? source.position(failure.offset) : {} };
  if (ep.kind === "module") {
    throw new FlowAnalysisError(`importing module '${ep.pathAsWritten}' failed: ${failure.message}`, where);
  }
  const loaded = fallbackLoad(ep, source, interpOptions, moduleName, failure);
  return withWarnings(finish(loaded.obj, ep, loaded.interp, "fallback", md5, source, profile, options.cwd), parseWarnings);
}
function recordInto(options, observations) {
  const { resolveLocalModule: resolve, readLocal, env } = options;
  options.resolveLocalModule = (module, from, level) => {
    const result = resolve(module, from, level);
    observations.push({ kind: "resolve", module, from, level, result });
    return result;
  };
  options.readLocal = (file) => {
    let text;
    try {
      text = readLocal(file);
    } catch (e) {
      observations.push({ kind: "read", file, md5: null });
      throw e;
    }
    observations.push({ kind: "read", file, md5: (0, import_node_crypto.createHash)("md5").update(text, "utf8").digest("hex") });
    return text;
  };
  options.env = new Proxy(env, {
    get(target, name2) {
      const value = target[name2];
      if (typeof name2 === "string") observations.push({ kind: "env", name: name2, value: value ?? null });
      return value;
    }
  });
}
function withWarnings(flow, warnings) {
  flow.warnings.unshift(...warnings);
  return flow;
}
function pythonMinor(version) {
  if (version === void 0) return 11;
  const m = /^3\.(\d+)/.exec(version.trim());
  if (!m) throw new FlowAnalysisError(`invalid Python version "${version}" (expected 3.N, e.g. 3.12)`);
  return Number(m[1]);
}
function profileOf(p) {
  return p === "spec-main" ? { variadics: "as-annotated", decimalPattern: true } : { variadics: "collections", decimalPattern: false };
}
function unavailability(options) {
  const names = options.unavailableModules ?? [];
  return (module) => {
    if (options.isModuleUnavailable?.(module)) return true;
    return names.some((n) => module === n || module.startsWith(`${n}.`));
  };
}
function finish(obj, ep, interp, loader, md5, source, profile, cwd) {
  const objName = ep.objectPath.join(".");
  if (obj.k === "unknown") {
    throw new FlowAnalysisError(`cannot tell statically whether '${objName}' is a flow: it is ${obj.why}; decorate a function with @flow in this file`, {
      file: ep.file
    });
  }
  if (obj.k !== "flow") {
    const def = obj.k === "function" ? obj.fn.node : obj.k === "class" ? obj.cls.node : void 0;
    const via = obj.k === "function" && obj.via ? obj.via : [];
    const unread = via.length ? ` It goes through ${via.join(", ")}, which this reader cannot read: if that applies @flow, deploy it with @flow in the project's own code (or this reader cannot know the flow's name and parameters).` : "";
    throw new FlowAnalysisError(`Function with name '${objName}' is not a flow. Make sure that it is decorated with '@flow'.${unread}`, {
      file: ep.file,
      ...def ? source.position(def.from) : {}
    });
  }
  const flow = obj.flow;
  const warnings = [];
  if (flow.via) {
    const where = `${flow.fn.scope.module.file}:${flow.fn.source.position(flow.fn.node.from).line}`;
    warnings.push(
      `${where}: the flow '${objName}' goes through ${flow.via.join(", ")}, which this reader cannot read; assumed to keep the flow and its signature as they are (as a functools.wraps decorator does)`
    );
  }
  const name2 = flowName(flow, ep, source);
  const description = flowDescription(flow, warnings);
  const versionArg = flow.kwargs.get("version");
  const definedIn = flow.fn.scope.module.file;
  let version = definedIn === ep.file ? md5 : (0, import_node_crypto.createHash)("md5").update(readBoundedFile(import_node_path2.default.resolve(cwd, definedIn), MAX_PYTHON_FILE_BYTES)).digest("hex");
  let fromDecorator = false;
  if (versionArg && truthy(versionArg)) {
    fromDecorator = versionArg.k === "str" || versionArg.k === "int" || versionArg.k === "float";
    if (versionArg.k === "str") version = versionArg.v;
    else if (versionArg.k === "int" || versionArg.k === "float") version = String(versionArg.v);
    else warnings.push(`the flow's version= cannot be evaluated statically; using the file's MD5 instead`);
  }
  const result = parameterSchema(flow.fn, interp, profile);
  warnings.push(...result.warnings, ...new Set(interp.notes));
  const pos = flow.fn.source === source ? source.position(flow.fn.node.from) : { line: 0 };
  return {
    name: name2,
    functionName: flow.fn.name,
    description,
    version,
    referenceVersion: loader === "fallback" && !fromDecorator ? null : version,
    parameterSchema: result.schema,
    acceptsAnyKeyword: flow.fn.params.some((p) => p.kind === "varkw"),
    file: ep.file,
    line: pos.line,
    loader,
    warnings
  };
}
function flowName(flow, ep, source) {
  const arg = flow.kwargs.get("name");
  if (arg?.k === "unknown") {
    throw new FlowAnalysisError(
      `the flow name of '${ep.objectPath.join(".")}' is computed at runtime (${arg.why}); use a string literal or a module-level constant for @flow(name=...)`,
      { file: ep.file, ...source.position((flow.fn.node.parent?.name === "DecoratedStatement" ? flow.fn.node.parent : flow.fn.node).from) }
    );
  }
  if (arg?.k === "str" && arg.v !== "") return arg.v;
  return flow.fn.name.replace(/_/g, "-");
}
function flowDescription(flow, warnings) {
  const arg = flow.kwargs.get("description");
  if (arg?.k === "unknown") {
    warnings.push(`the flow's description= is computed at runtime (${arg.why}); using the docstring instead`);
  } else if (arg?.k === "str" && arg.v !== "") return arg.v;
  return flow.fn.doc;
}
export {
  analyze
};

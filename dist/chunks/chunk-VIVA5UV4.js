import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/core/values/python-value.ts
var PythonFloat = class {
  constructor(value) {
    this.value = value;
  }
  value;
  /**
   * Written as Python's `json.dumps` writes the float (`1.0`, `1e+16`), so the server stores a float
   * where the reference's request has one; non-finite values become null as in pydantic's JSON mode.
   */
  toJSON() {
    return Number.isFinite(this.value) ? rawJSON(this.toString()) : null;
  }
  /** Python's `repr()` of an integral or non-finite float. */
  toString() {
    const x = this.value;
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    if (!Number.isInteger(x)) return String(x);
    if (Math.abs(x) >= 1e16) return x.toExponential();
    return `${Object.is(x, -0) ? "-" : ""}${BigInt(x).toString()}.0`;
  }
  valueOf() {
    return this.value;
  }
};
var rawJSON = JSON.rawJSON;
function isMapping(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || value === globalThis.process?.env;
}
function isTruthy(value) {
  if (value === null || value === void 0 || value === false) return false;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "bigint") return value !== 0n;
  if (typeof value === "string") return value.length > 0;
  if (value instanceof PythonFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return true;
}
function deepCopy(value) {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item));
  if (value instanceof Date) return new Date(value.getTime());
  if (isMapping(value)) {
    const copy = {};
    for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
    return copy;
  }
  return value;
}
function pythonTypeName(value) {
  if (value === null || value === void 0) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (value instanceof PythonFloat) return "float";
  if (Array.isArray(value)) return "list";
  if (value instanceof Date) return "datetime";
  if (isMapping(value)) return "dict";
  if (typeof value === "object" && value !== null && "isDateOnly" in value) return value.isDateOnly ? "date" : "datetime";
  if (typeof value === "object" && value !== null) return value.constructor?.name ?? "object";
  return typeof value;
}

// src/core/values/python-str.ts
function pythonStr(value) {
  if (typeof value === "string") return value;
  if (value instanceof Date) return pythonDateStr(value);
  return pythonRepr(value);
}
function pythonRepr(value) {
  if (value === null || value === void 0) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pythonStringRepr(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    return Number.isInteger(value) ? BigInt(value).toString() : pythonFloatRepr(value);
  }
  if (value instanceof PythonFloat) return pythonFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (value instanceof Date) return pythonDateRepr(value);
  if (isMapping(value)) {
    const items = Object.entries(value).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`);
    return `{${items.join(", ")}}`;
  }
  return String(value);
}
function pythonFloatRepr(x) {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
  if (!match) return String(x);
  const digits = (match[1] ?? "") + (match[2] ?? "");
  const exponent = Number(match[3]);
  const decimalPoint = exponent + 1;
  if (decimalPoint > -4 && decimalPoint <= 16) {
    if (decimalPoint <= 0) return `${sign}0.${"0".repeat(-decimalPoint)}${digits}`;
    if (decimalPoint >= digits.length) return `${sign}${digits}${"0".repeat(decimalPoint - digits.length)}.0`;
    return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? "-" : "+";
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}
var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
function pythonStringRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "	") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 32 || cp === 127) out += `\\x${hex(cp, 2)}`;
    else if (cp < 127) out += ch;
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) {
      if (cp <= 255) out += `\\x${hex(cp, 2)}`;
      else if (cp <= 65535) out += `\\u${hex(cp, 4)}`;
      else out += `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return out + quote;
}
function hex(n, width) {
  return n.toString(16).padStart(width, "0");
}
function isMidnightUtc(d) {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}
function pythonDateStr(d) {
  const iso = d.toISOString();
  if (isMidnightUtc(d)) return iso.slice(0, 10);
  const micro = d.getUTCMilliseconds() ? `.${String(d.getUTCMilliseconds() * 1e3).padStart(6, "0")}` : "";
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micro}+00:00`;
}
function pythonDateRepr(d) {
  const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (isMidnightUtc(d)) return `datetime.date(${parts.join(", ")})`;
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds() * 1e3];
  while (time.length > 2 && time[time.length - 1] === 0) time.pop();
  return `datetime.datetime(${[...parts, ...time].join(", ")}, tzinfo=datetime.timezone.utc)`;
}

export {
  PythonFloat,
  isMapping,
  isTruthy,
  deepCopy,
  pythonTypeName,
  pythonStr,
  pythonRepr,
  pythonFloatRepr,
  pythonStringRepr
};

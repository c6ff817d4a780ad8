import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_child_process
} from "./chunk-4AHN6RY2.js";
import {
  isTruthy,
  pythonTypeName
} from "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_os
} from "./chunk-M3NCQJAU.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/steps/python/interpreter.ts
var import_node_os2 = __toESM(require_node_os(), 1);
var import_node_path3 = __toESM(require_node_path(), 1);

// src/steps/process.ts
var import_node_child_process = __toESM(require_node_child_process(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var ProcessStartError = class extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
    this.name = "ProcessStartError";
  }
  code;
};
var STRERROR = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  ENOTDIR: [20, "Not a directory"],
  ENOEXEC: [8, "Exec format error"],
  EPERM: [1, "Operation not permitted"]
};
function osError(code, filename, fallback) {
  const known = code === void 0 ? void 0 : STRERROR[code];
  const text = known ? `[Errno ${known[0]}] ${known[1]}: '${filename}'` : fallback;
  return new ProcessStartError(text, code);
}
function processEnv(env, overrides = {}) {
  const out = {};
  for (const [key, value] of Object.entries(env)) if (value !== void 0) out[key] = value;
  return Object.assign(out, overrides);
}
var LineSplitter = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  tail = "";
  push(text) {
    const parts = (this.tail + text).split(/\r?\n/u);
    this.tail = parts.pop() ?? "";
    for (const line of parts) this.emit(line);
  }
  end() {
    if (this.tail !== "") this.emit(this.tail);
    this.tail = "";
  }
};
function runProcess(command, options) {
  const [file, ...args] = command;
  if (file === void 0) return Promise.reject(new Error("empty command"));
  const cwdError = checkDirectory(options.cwd, options.displayCwd ?? options.cwd);
  if (cwdError) return Promise.reject(cwdError);
  if (options.signal?.aborted) return Promise.reject(abortError(options.signal));
  return new Promise((resolve, reject) => {
    const child = options.shell ? (0, import_node_child_process.spawn)(file, { cwd: options.cwd, env: options.env, shell: true, stdio: ["pipe", "pipe", "pipe"] }) : (0, import_node_child_process.spawn)(file, args, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.on("error", () => void 0);
    child.stdin.end(options.input);
    const captured = { stdout: "", stderr: "" };
    const decoders = { stdout: new TextDecoder("utf-8"), stderr: new TextDecoder("utf-8") };
    const splitters = {
      stdout: new LineSplitter((line) => options.onLine?.(line, "stdout")),
      stderr: new LineSplitter((line) => options.onLine?.(line, "stderr"))
    };
    for (const stream of ["stdout", "stderr"]) {
      child[stream].on("data", (chunk) => {
        const text = decoders[stream].decode(chunk, { stream: true });
        captured[stream] += text;
        if (options.onLine) splitters[stream].push(text);
      });
    }
    const onAbort = () => {
      child.kill("SIGKILL");
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    let failed = false;
    child.on("error", (error) => {
      failed = true;
      options.signal?.removeEventListener("abort", onAbort);
      reject(osError(error.code, file, error.message));
    });
    child.on("close", (code, signal) => {
      options.signal?.removeEventListener("abort", onAbort);
      if (failed) return;
      if (options.signal?.aborted) {
        reject(abortError(options.signal));
        return;
      }
      for (const stream of ["stdout", "stderr"]) {
        const rest = decoders[stream].decode();
        captured[stream] += rest;
        if (options.onLine) {
          splitters[stream].push(rest);
          splitters[stream].end();
        }
      }
      const exitCode = code ?? (signal ? -(import_node_os.constants.signals[signal] ?? 1) : -1);
      resolve({ code: exitCode, stdout: captured.stdout, stderr: captured.stderr });
    });
  });
}
function checkDirectory(cwd, display) {
  try {
    if (!(0, import_node_fs.statSync)(cwd).isDirectory()) return osError("ENOTDIR", display, `not a directory: ${display}`);
  } catch (error) {
    const code = error.code;
    return osError(code, display, `cannot use directory ${display}: ${error.message}`);
  }
  return void 0;
}
function abortError(signal) {
  const reason = signal.reason;
  return reason instanceof Error ? reason : new Error("the step was cancelled");
}
function findExecutable(names, env) {
  const dirs = (env["PATH"] ?? env["Path"] ?? "").split(import_node_path.default.delimiter).filter(Boolean);
  const exts = process.platform === "win32" ? (env["PATHEXT"] ?? ".EXE;.CMD;.BAT;.COM").split(";") : [""];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = import_node_path.default.join(dir, name + ext);
        try {
          if ((0, import_node_fs.statSync)(candidate).isFile()) {
            (0, import_node_fs.accessSync)(candidate, import_node_fs.constants.X_OK);
            return candidate;
          }
        } catch {
        }
      }
    }
  }
  return void 0;
}

// src/steps/utility.ts
var import_node_path2 = __toESM(require_node_path(), 1);

// src/steps/shlex.ts
var ShlexError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ShlexError";
  }
};
var WHITESPACE = " 	\r\n";
var QUOTES = `'"`;
var ESCAPE = "\\";
var ESCAPED_QUOTES = '"';
function shlexSplit(line) {
  const words = [];
  let pos = 0;
  const next = () => pos < line.length ? line[pos++] : "";
  const readToken = () => {
    let state = " ";
    let escapedState = " ";
    let token = "";
    let quoted = false;
    for (; ; ) {
      const c = next();
      if (state === " ") {
        if (c === "") break;
        if (WHITESPACE.includes(c)) {
          if (token || quoted) break;
          continue;
        }
        if (c === ESCAPE) {
          escapedState = "a";
          state = c;
        } else if (QUOTES.includes(c)) {
          state = c;
        } else {
          token = c;
          state = "a";
        }
      } else if (QUOTES.includes(state)) {
        quoted = true;
        if (c === "") throw new ShlexError("No closing quotation");
        if (c === state) state = "a";
        else if (c === ESCAPE && ESCAPED_QUOTES.includes(state)) {
          escapedState = state;
          state = c;
        } else token += c;
      } else if (state === ESCAPE) {
        if (c === "") throw new ShlexError("No escaped character");
        if (QUOTES.includes(escapedState) && c !== state && c !== escapedState) token += state;
        token += c;
        state = escapedState;
      } else {
        if (c === "") break;
        if (WHITESPACE.includes(c)) {
          state = " ";
          if (token || quoted) break;
          continue;
        }
        if (QUOTES.includes(c)) state = c;
        else if (c === ESCAPE) {
          escapedState = "a";
          state = c;
        } else token += c;
      }
    }
    return !quoted && token === "" ? null : token;
  };
  for (let word = readToken(); word !== null; word = readToken()) words.push(word);
  return words;
}
function splitLines(text) {
  if (text === "") return [];
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/u);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
var TEMPLATE = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|)/gu;
function expandEnvVars(text, env) {
  return text.replace(TEMPLATE, (match, escaped, named, braced) => {
    const name = named ?? braced;
    if (name !== void 0) {
      const value = Object.hasOwn(env, name) ? env[name] : void 0;
      return value === void 0 ? match : value;
    }
    return escaped !== void 0 ? "$" : match;
  });
}

// src/steps/utility.ts
var StepFailure = class extends Error {
  constructor(message) {
    super(message);
    this.name = "StepFailure";
  }
};
var PY_WHITESPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
var PY_STRIP = new RegExp(`^${PY_WHITESPACE}+|${PY_WHITESPACE}+$`, "gu");
function pyStrip(text) {
  return text.replace(PY_STRIP, "");
}
function optionalString(inputs, key, step) {
  const value = inputs[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") {
    throw new TypeError(`${step}: ${key} must be a string, got ${pythonTypeName(value)} ${JSON.stringify(value)}`);
  }
  return value;
}
function stepEnv(inputs) {
  const env = inputs["env"];
  if (env === void 0 || env === null) return {};
  if (typeof env !== "object" || Array.isArray(env)) {
    throw new TypeError(`run_shell_script: env must be a mapping of names to strings, got ${pythonTypeName(env)}`);
  }
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (typeof value !== "string") {
      throw new TypeError(
        `run_shell_script: env.${key} must be a string, got ${pythonTypeName(value)} ${JSON.stringify(value) ?? String(value)} (quote it in prefect.yaml)`
      );
    }
    out[key] = value;
  }
  return out;
}
async function runShellScript(inputs, call) {
  const script = inputs["script"];
  if (typeof script !== "string") {
    throw new TypeError(`run_shell_script: script must be a string, got ${pythonTypeName(script)}`);
  }
  const directory = optionalString(inputs, "directory", "run_shell_script");
  const currentEnv = processEnv(call.env, stepEnv(inputs));
  const streamOutput = inputs["stream_output"] === void 0 ? true : isTruthy(inputs["stream_output"]);
  const expand = isTruthy(inputs["expand_env_vars"]);
  const useShell = isTruthy(inputs["shell"]) || process.platform === "win32";
  const cwd = directory === void 0 ? call.cwd : import_node_path2.default.resolve(call.cwd, directory);
  let stdout = "";
  let stderr = "";
  for (const line of splitLines(script)) {
    const command = expand ? expandEnvVars(line, currentEnv) : line;
    let argv;
    if (useShell) {
      const stripped = pyStrip(command);
      if (!stripped) continue;
      argv = [stripped];
    } else {
      argv = shlexSplit(command);
      if (argv.length === 0) continue;
    }
    const result = await runProcess(argv, {
      cwd,
      displayCwd: directory ?? cwd,
      env: currentEnv,
      shell: useShell,
      signal: call.signal,
      onLine: streamOutput ? (text) => call.log(text) : void 0
    });
    stdout += result.stdout;
    stderr += result.stderr;
    if (result.code !== 0) {
      throw new StepFailure(`\`run_shell_script\` failed with error code ${result.code}: ${stderr}`);
    }
  }
  return { stdout: pyStrip(stdout), stderr: pyStrip(stderr) };
}
var PIP_INSTALL_NEED = "pip_install_requirements runs pip in the runner's Python";
async function pipInstallRequirements(inputs, call) {
  const directory = optionalString(inputs, "directory", "pip_install_requirements");
  const requirementsFile = optionalString(inputs, "requirements_file", "pip_install_requirements") ?? "requirements.txt";
  const streamOutput = inputs["stream_output"] === void 0 ? true : isTruthy(inputs["stream_output"]);
  const { findPython: findPython2 } = await import("./interpreter-IAY4QKX6.js");
  const python = (await findPython2(PIP_INSTALL_NEED, call.env)).executable;
  const cwd = directory === void 0 ? call.cwd : import_node_path2.default.resolve(call.cwd, directory);
  const result = await runProcess([python, "-m", "pip", "install", "-r", requirementsFile], {
    cwd,
    displayCwd: directory ?? cwd,
    env: processEnv(call.env),
    signal: call.signal,
    onLine: streamOutput ? (text) => call.log(text) : void 0
  });
  if (result.code !== 0) {
    throw new StepFailure(`pip_install_requirements failed with error code ${result.code}: ${result.stderr}`);
  }
  return { stdout: pyStrip(result.stdout), stderr: pyStrip(result.stderr) };
}

// src/steps/python/scripts.ts
var NONFINITE_FLOAT_PREFIX = "\0deploy-action:float:";
var INFO_SCRIPT = String.raw`
import sys
if sys.path and sys.path[0] == "":
    sys.path.pop(0)
import json, os
print(json.dumps({
    "version": list(sys.version_info[:3]),
    "executable": sys.executable,
    "site": [p for p in sys.path if p and os.path.isdir(p) and os.path.basename(p) in ("site-packages", "dist-packages")],
}))
`;
var BRIDGE_SCRIPT = String.raw`
import sys
# python -c puts "" (the cwd) first; a project file named like a stdlib module must not shadow it here.
if sys.path and sys.path[0] == "":
    sys.path.pop(0)
import asyncio, importlib, importlib.util, inspect, json, math, os, re, traceback, warnings

REPORT = os.fdopen(os.dup(1), "w", encoding="utf-8")
sys.stdout.flush()
os.dup2(2, 1)
NONFINITE = "\u0000deploy-action:float:"


def report(message):
    REPORT.write(json.dumps(message, ensure_ascii=False, allow_nan=False))
    REPORT.flush()


def describe(exc):
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def load_script(path):
    parent = os.path.dirname(os.path.abspath(path))
    name = os.path.splitext(os.path.basename(path))[0]
    if name in sys.modules:
        name = "__deploy_action_script_" + re.sub(r"\W", "_", os.path.abspath(path)) + "__"
    spec = importlib.util.spec_from_file_location(name, path, submodule_search_locations=[parent, os.getcwd()])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, parent)
    spec.loader.exec_module(module)
    return module


def import_object(path):
    # prefect.utilities.importtools.import_object: "file.py:obj", "module:obj.attr", "module.obj".
    if ".py:" in path:
        script, object_path = path.rsplit(":", 1)
        module = load_script(script)
    else:
        if ":" in path:
            module_name, object_path = path.rsplit(":", 1)
        elif "." in path:
            module_name, object_path = path.rsplit(".", 1)
        else:
            raise ValueError("Invalid format for object import. Received %r." % (path,))
        module = importlib.import_module(module_name)
    obj = module
    for part in object_path.split("."):
        obj = getattr(obj, part)
    return obj


def to_json(value, path, coerced):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else NONFINITE + repr(float(value))
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(key, str):
                text = key
            elif key is None or isinstance(key, (bool, int, float)):
                text = json.dumps(key)
            else:
                text = as_text(key)
                coerced.append("%skey %s (%s)" % (path + " " if path else "", text, type(key).__name__))
            out[text] = to_json(item, path + "." + text if path else text, coerced)
        return out
    if isinstance(value, (list, tuple)):
        return [to_json(item, "%s[%d]" % (path, i), coerced) for i, item in enumerate(value)]
    coerced.append("%s (%s)" % (path, type(value).__name__))
    return as_text(value)


def as_text(value):
    try:
        return str(value)
    except Exception:
        return object.__repr__(value)


async def wait_for(awaitable):
    return await awaitable


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    # prefect's load_module puts the working directory first so the project's own modules import.
    sys.path.insert(0, os.getcwd())
    name = request["name"]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeprecationWarning)
            try:
                if request["probe"]:
                    for spec in request["requires"]:
                        importlib.import_module(re.split(r"[<>=!~]", spec)[0].strip().replace("-", "_"))
                function = import_object(name)
            except ImportError as exc:
                if request["probe"]:
                    report({"status": "missing", "error": describe(exc)})
                    return
                raise
            result = function(**request["inputs"])
            if inspect.isawaitable(result):
                result = asyncio.run(wait_for(result))
    except BaseException as exc:
        report({
            "status": "error",
            "error": describe(exc),
            "module_not_found": isinstance(exc, ModuleNotFoundError),
            "traceback": traceback.format_exc(),
        })
        return
    messages = []
    for warning in caught:
        text = str(warning.message)
        if text not in messages:
            messages.append(text)
    if not isinstance(result, dict):
        report({"status": "ok", "mapping": False, "type": type(result).__name__, "warnings": messages})
        return
    coerced = []
    outputs = to_json(result, "", coerced)
    report({"status": "ok", "mapping": True, "outputs": outputs, "coerced": coerced, "warnings": messages})


main()
sys.stdout.flush()
sys.stderr.flush()
`;

// src/steps/python/interpreter.ts
var PYTHON_ENV_VAR = "PREFECT_DEPLOY_PYTHON";
var MINIMUM = [3, 9];
var probes = /* @__PURE__ */ new Map();
function probe(candidate, env) {
  let known = probes.get(candidate);
  if (!known) {
    known = runProcess([candidate, "-c", INFO_SCRIPT], { cwd: (0, import_node_os2.tmpdir)(), env: processEnv(env) }).then(
      (result) => {
        if (result.code !== 0) return `${candidate} exited with code ${result.code}${lastLine(result.stderr)}`;
        try {
          const info = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "");
          return { executable: info.executable || candidate, version: info.version, sitePackages: info.site };
        } catch {
          return `${candidate} did not run as Python${lastLine(result.stderr || result.stdout)}`;
        }
      },
      (error) => `${candidate} could not be started: ${error instanceof Error ? error.message : String(error)}`
    );
    probes.set(candidate, known);
  }
  return known;
}
function lastLine(text) {
  const line = text.trim().split("\n").at(-1)?.trim();
  return line ? ` (${line})` : "";
}
var versionText = (v) => v.join(".");
var recentEnough = (v) => v[0] > MINIMUM[0] || v[0] === MINIMUM[0] && v[1] >= MINIMUM[1];
function customStepNeed(step) {
  return `${step} is a custom step (a Python function)`;
}
async function findPython(need, env) {
  const fix = `install Python ${versionText(MINIMUM)}+ on the runner or set ${PYTHON_ENV_VAR}`;
  const configured = env[PYTHON_ENV_VAR];
  if (configured) {
    const candidate = configured.includes(import_node_path3.default.sep) || configured.includes("/") ? configured : findExecutable([configured], env);
    const found = candidate === void 0 ? `${configured} is not on PATH` : await probe(candidate, env);
    if (typeof found === "string") throw new StepFailure(`${need}; ${PYTHON_ENV_VAR}=${configured} is not a usable Python: ${found}`);
    if (!recentEnough(found.version)) {
      throw new StepFailure(`${need} and needs Python ${versionText(MINIMUM)}+; ${PYTHON_ENV_VAR}=${configured} is Python ${versionText(found.version)}`);
    }
    return found;
  }
  const names = process.platform === "win32" ? ["python", "python3"] : ["python3", "python"];
  const rejected = [];
  for (const name of names) {
    const candidate = findExecutable([name], env);
    if (candidate === void 0) continue;
    const found = await probe(candidate, env);
    if (typeof found === "string") rejected.push(found);
    else if (!recentEnough(found.version)) rejected.push(`${candidate} is Python ${versionText(found.version)}`);
    else return found;
  }
  throw new StepFailure(rejected.length === 0 ? `${need}; ${fix}` : `${need}; ${fix} (${rejected.join("; ")})`);
}

export {
  ProcessStartError,
  processEnv,
  runProcess,
  findExecutable,
  NONFINITE_FLOAT_PREFIX,
  BRIDGE_SCRIPT,
  PYTHON_ENV_VAR,
  customStepNeed,
  findPython,
  StepFailure,
  pyStrip,
  runShellScript,
  PIP_INSTALL_NEED,
  pipInstallRequirements
};

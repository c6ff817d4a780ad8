import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  StepFailure,
  findExecutable,
  processEnv,
  runProcess
} from "./chunk-SHELWIPA.js";

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
import { tmpdir } from "node:os";
import path from "node:path";
var PYTHON_ENV_VAR = "PREFECT_DEPLOY_PYTHON";
var MINIMUM = [3, 9];
var probes = /* @__PURE__ */ new Map();
function probe(candidate, env) {
  let known = probes.get(candidate);
  if (!known) {
    known = runProcess([candidate, "-c", INFO_SCRIPT], { cwd: tmpdir(), env: processEnv(env) }).then(
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
async function findPython(step, env) {
  const need = `${step} is a custom step (a Python function)`;
  const fix = `install Python ${versionText(MINIMUM)}+ on the runner or set ${PYTHON_ENV_VAR}`;
  const configured = env[PYTHON_ENV_VAR];
  if (configured) {
    const candidate = configured.includes(path.sep) || configured.includes("/") ? configured : findExecutable([configured], env);
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
  NONFINITE_FLOAT_PREFIX,
  BRIDGE_SCRIPT,
  findPython
};

/**
 * The Python side of custom steps, shipped as strings so the bundle in dist/ carries them (no
 * files to copy next to it). Both run with `python -u -c <script>`; they must stay valid for every
 * Python the runner may have on PATH, so the version probe parses even under Python 2.
 */

/** Marks non-finite floats in the result: JSON has no NaN/Infinity, Python floats do. */
export const NONFINITE_FLOAT_PREFIX = '\u0000deploy-action:float:';

/**
 * Prints the interpreter's version, `sys.executable` (not resolved: a venv's python must stay the
 * venv's) and its site directories, which an isolated `requires:` environment keeps visible.
 */
export const INFO_SCRIPT = String.raw`
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

/**
 * The bridge: reads {"name", "inputs", "requires", "probe"} as JSON on stdin, imports the step
 * function as prefect's `import_object` does, calls it with the inputs as keywords (awaiting a
 * coroutine), and writes one JSON report on the original stdout. Everything the function prints,
 * including its subprocesses, goes to stderr, which the caller streams into the log.
 */
export const BRIDGE_SCRIPT = String.raw`
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

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  cacheRoot
} from "./chunk-NYGW7KUL.js";
import {
  BRIDGE_SCRIPT,
  NONFINITE_FLOAT_PREFIX,
  ProcessStartError,
  StepFailure,
  customStepNeed,
  findPython,
  processEnv,
  runProcess
} from "./chunk-46W2O75K.js";
import "./chunk-4AHN6RY2.js";
import {
  PythonFloat,
  isMapping
} from "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_crypto
} from "./chunk-6YASQSJ3.js";
import {
  require_node_os
} from "./chunk-M3NCQJAU.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/steps/python/bridge.ts
var import_node_path2 = __toESM(require_node_path(), 1);

// src/steps/python/venv.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var ENVIRONMENT_MARKER = "deploy-action-env.json";
var LAYOUT = 1;
var STALE_BUILD_MS = 24 * 60 * 60 * 1e3;
var PIP_WITH_PYTHON_OPTION = [22, 3];
function environmentsRoot(env) {
  return import_node_path.default.join(cacheRoot(env), "steps-venvs");
}
function environmentKey(python, requirements) {
  const sorted = [...new Set(requirements)].sort();
  const hash = (0, import_node_crypto.createHash)("sha256").update(JSON.stringify({ layout: LAYOUT, python: python.executable, version: python.version, requirements: sorted })).digest("hex");
  return `py${python.version[0]}.${python.version[1]}-${hash.slice(0, 16)}`;
}
function environmentPython(directory) {
  return process.platform === "win32" ? import_node_path.default.join(directory, "Scripts", "python.exe") : import_node_path.default.join(directory, "bin", "python");
}
function sitePackages(directory, python) {
  return process.platform === "win32" ? import_node_path.default.join(directory, "Lib", "site-packages") : import_node_path.default.join(directory, "lib", `python${python.version[0]}.${python.version[1]}`, "site-packages");
}
var building = /* @__PURE__ */ new Map();
function requirementsEnvironment(python, requirements, call) {
  const root = environmentsRoot(call.env);
  const directory = import_node_path.default.join(root, environmentKey(python, requirements));
  const list = requirements.join(", ");
  if ((0, import_node_fs.existsSync)(import_node_path.default.join(directory, ENVIRONMENT_MARKER))) {
    call.log(`   requires ${list}: reusing ${directory}`);
    return Promise.resolve(directory);
  }
  let build = building.get(directory);
  if (!build) {
    build = buildEnvironment(python, requirements, root, directory, call).finally(() => building.delete(directory));
    building.set(directory, build);
  }
  return build;
}
async function buildEnvironment(python, requirements, root, directory, call) {
  const list = requirements.join(", ");
  const failed = (reason) => new StepFailure(`could not install requires (${list}) for ${call.name}: ${reason}`);
  try {
    (0, import_node_fs.mkdirSync)(root, { recursive: true });
  } catch (error) {
    throw failed(`cannot create ${root}: ${error.message}`);
  }
  removeStaleBuilds(root);
  call.log(`   requires ${list}: installing into ${directory}`);
  const staging = (0, import_node_fs.mkdtempSync)(import_node_path.default.join(root, `.tmp-${import_node_path.default.basename(directory)}-`));
  try {
    const env = processEnv(call.env);
    const run = (command, what) => runProcess(command, { cwd: (0, import_node_os.tmpdir)(), env, signal: call.signal, onLine: (line) => call.log(line) }).then((result) => {
      if (result.code !== 0) throw failed(`${what} exited with code ${result.code}${lastLines(result.stderr || result.stdout)}`);
      return result;
    });
    const stagingPython = environmentPython(staging);
    if (pipWithPythonOption(await pipVersion(python, env))) {
      await run([python.executable, "-m", "venv", "--without-pip", staging], "python -m venv");
      await run([python.executable, "-m", "pip", "--python", stagingPython, "install", "--no-input", ...requirements], "pip install");
    } else {
      await run([python.executable, "-m", "venv", staging], "python -m venv");
      await run([stagingPython, "-m", "pip", "install", "--no-input", ...requirements], "pip install");
    }
    retarget(staging, directory);
    const site = sitePackages(staging, python);
    (0, import_node_fs.mkdirSync)(site, { recursive: true });
    (0, import_node_fs.writeFileSync)(import_node_path.default.join(site, "_deploy_action_runner_site.pth"), `import site; list(map(site.addsitedir, ${JSON.stringify(python.sitePackages)}))
`);
    (0, import_node_fs.writeFileSync)(
      import_node_path.default.join(staging, ENVIRONMENT_MARKER),
      `${JSON.stringify({ requirements, python: python.executable, version: python.version.join("."), created: (/* @__PURE__ */ new Date()).toISOString() }, null, 2)}
`
    );
    publish(staging, directory);
    return directory;
  } catch (error) {
    (0, import_node_fs.rmSync)(staging, { recursive: true, force: true });
    if (error instanceof StepFailure) throw error;
    throw failed(error instanceof Error ? error.message : String(error));
  }
}
function publish(staging, directory) {
  if ((0, import_node_fs.existsSync)(directory) && !(0, import_node_fs.existsSync)(import_node_path.default.join(directory, ENVIRONMENT_MARKER))) {
    (0, import_node_fs.rmSync)(directory, { recursive: true, force: true });
  }
  try {
    (0, import_node_fs.renameSync)(staging, directory);
  } catch (error) {
    const code = error.code;
    if ((code === "EEXIST" || code === "ENOTEMPTY" || code === "EPERM") && (0, import_node_fs.existsSync)(import_node_path.default.join(directory, ENVIRONMENT_MARKER))) {
      (0, import_node_fs.rmSync)(staging, { recursive: true, force: true });
      return;
    }
    throw error;
  }
}
function retarget(staging, directory) {
  const bin = import_node_path.default.dirname(environmentPython(staging));
  const files = [import_node_path.default.join(staging, "pyvenv.cfg"), ...(0, import_node_fs.readdirSync)(bin).map((name) => import_node_path.default.join(bin, name))];
  for (const file of files) {
    const stat = (0, import_node_fs.lstatSync)(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > 1024 * 1024) continue;
    const bytes = (0, import_node_fs.readFileSync)(file);
    if (bytes.subarray(0, 8192).includes(0)) continue;
    const text = bytes.toString("utf8");
    if (text.includes(staging)) (0, import_node_fs.writeFileSync)(file, text.split(staging).join(directory), { mode: stat.mode });
  }
}
function removeStaleBuilds(root) {
  const now = Date.now();
  for (const name of (0, import_node_fs.readdirSync)(root)) {
    if (!name.startsWith(".tmp-")) continue;
    const entry = import_node_path.default.join(root, name);
    try {
      if (now - (0, import_node_fs.statSync)(entry).mtimeMs > STALE_BUILD_MS) (0, import_node_fs.rmSync)(entry, { recursive: true, force: true });
    } catch {
    }
  }
}
async function pipVersion(python, env) {
  const result = await runProcess([python.executable, "-c", "import pip; print(pip.__version__)"], { cwd: (0, import_node_os.tmpdir)(), env });
  if (result.code !== 0) return void 0;
  return result.stdout.trim().split(".").map((part) => Number.parseInt(part, 10));
}
function pipWithPythonOption(version) {
  if (!version) return false;
  const [major = 0, minor = 0] = version;
  return major > PIP_WITH_PYTHON_OPTION[0] || major === PIP_WITH_PYTHON_OPTION[0] && minor >= PIP_WITH_PYTHON_OPTION[1];
}
function lastLines(text) {
  const lines = text.split(/\r?\n/u).map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => l.startsWith("ERROR:"));
  const kept = (errors.length > 0 ? errors : lines).slice(-3);
  return kept.length > 0 ? `: ${kept.join(" | ")}` : "";
}

// src/steps/python/bridge.ts
function requirementSpecs(requires) {
  if (requires === null || requires === void 0 || requires === "" || requires === false) return [];
  const list = Array.isArray(requires) ? requires : [requires];
  const specs = list.filter((spec) => spec !== null && spec !== void 0 && spec !== "");
  for (const spec of specs) {
    if (typeof spec !== "string") throw new StepFailure(`"requires" must be a package spec or a list of package specs, got ${JSON.stringify(spec)}`);
  }
  return specs.map((spec) => spec.trim());
}
function debugEnabled(env) {
  const prefect = (env["PREFECT_DEBUG_MODE"] ?? "").toLowerCase();
  return env["RUNNER_DEBUG"] === "1" || prefect === "1" || prefect === "true";
}
async function runCustomStep(name, requires, inputs, call) {
  const specs = requirementSpecs(requires);
  const python = await findPython(customStepNeed(name), call.env);
  const request = { name, inputs, requires: specs, probe: specs.length > 0 };
  let report = await runBridge(python.executable, request, call, processEnv(call.env));
  let interpreter = python.executable;
  if (report.status === "missing") {
    call.log(`   ${name} cannot be imported by ${python.executable} (${report.error}): using an environment with ${specs.join(", ")}`);
    const directory = await requirementsEnvironment(python, specs, call);
    interpreter = environmentPython(directory);
    const binDirectory = import_node_path2.default.dirname(interpreter);
    const env = processEnv(call.env, { VIRTUAL_ENV: directory, PATH: [binDirectory, call.env["PATH"]].filter(Boolean).join(import_node_path2.default.delimiter) });
    report = await runBridge(interpreter, { ...request, probe: false }, call, env);
  }
  return outcome(name, report, call, { python, interpreter, requires: specs });
}
function outcome(name, report, call, where) {
  if (report.status === "missing") throw new StepFailure(report.error);
  if (report.status === "error") {
    if (debugEnabled(call.env)) for (const line of report.traceback.trimEnd().split("\n")) call.log(line);
    const hint = report.module_not_found && where.requires.length === 0 ? ` (${where.interpreter} cannot import it from ${call.cwd}: install the package for that Python, or list it under requires: in prefect.yaml)` : "";
    throw new StepFailure(`${report.error}${hint}`);
  }
  for (const message of report.warnings) call.log(message);
  if (!report.mapping) return void 0;
  if (report.coerced.length > 0) {
    call.log(`   warning: ${name} returned values JSON cannot carry; they are passed on as their str(): ${report.coerced.join(", ")}`);
  }
  return report.outputs;
}
async function runBridge(python, request, call, env) {
  let lastOutput = "";
  let result;
  try {
    result = await runProcess([python, "-u", "-c", BRIDGE_SCRIPT], {
      cwd: call.cwd,
      env,
      signal: call.signal,
      input: pythonJson(request),
      onLine: (line, stream) => {
        if (stream !== "stderr") return;
        if (line.trim()) lastOutput = line.trim();
        call.log(line);
      }
    });
  } catch (error) {
    if (error instanceof ProcessStartError && !error.message.includes(call.cwd)) throw new StepFailure(`${python} could not be started: ${error.message}`);
    throw error;
  }
  try {
    return parseReport(result.stdout);
  } catch {
    const how = result.code < 0 ? `was killed by signal ${-result.code}` : `exited with code ${result.code}`;
    throw new StepFailure(`the Python process running ${request.name} ${how} without returning a result${lastOutput ? ` (last output: ${lastOutput})` : ""}`);
  }
}
function parseReport(text) {
  return JSON.parse(text, (_key, value, context) => {
    if (typeof value === "number" && context?.source !== void 0) {
      if (/[.eE]/u.test(context.source)) return Number.isInteger(value) ? new PythonFloat(value) : value;
      if (!Number.isSafeInteger(value)) return BigInt(context.source);
      return value;
    }
    if (typeof value === "string" && value.startsWith(NONFINITE_FLOAT_PREFIX)) {
      const repr = value.slice(NONFINITE_FLOAT_PREFIX.length);
      return new PythonFloat(repr === "nan" ? Number.NaN : repr.startsWith("-") ? -Infinity : Infinity);
    }
    return value;
  });
}
function pythonJson(value) {
  if (value === null || value === void 0) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (value instanceof PythonFloat) {
    if (!Number.isFinite(value.value)) return pythonJson(value.value);
    const text = String(value.value);
    return /^-?\d+$/u.test(text) ? `${text}.0` : text;
  }
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(",")}]`;
  if (isMapping(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== void 0);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${pythonJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(String(value));
}
export {
  parseReport,
  pythonJson,
  requirementSpecs,
  runCustomStep
};

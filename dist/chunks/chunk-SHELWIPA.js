import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/core/templating/values.ts
var PythonFloat = class {
  constructor(value) {
    this.value = value;
  }
  value;
};
var TemplateError = class extends Error {
  placeholder;
  constructor(message, placeholder) {
    super(message);
    this.name = "TemplateError";
    this.placeholder = placeholder;
  }
};
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

// src/steps/process.ts
import { spawn } from "node:child_process";
import { accessSync, constants as fsConstants, statSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
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
    const child = options.shell ? spawn(file, { cwd: options.cwd, env: options.env, shell: true, stdio: ["pipe", "pipe", "pipe"] }) : spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
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
      const exitCode = code ?? (signal ? -(constants.signals[signal] ?? 1) : -1);
      resolve({ code: exitCode, stdout: captured.stdout, stderr: captured.stderr });
    });
  });
}
function checkDirectory(cwd, display) {
  try {
    if (!statSync(cwd).isDirectory()) return osError("ENOTDIR", display, `not a directory: ${display}`);
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
  const dirs = (env["PATH"] ?? env["Path"] ?? "").split(path.delimiter).filter(Boolean);
  const exts = process.platform === "win32" ? (env["PATHEXT"] ?? ".EXE;.CMD;.BAT;.COM").split(";") : [""];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = path.join(dir, name + ext);
        try {
          if (statSync(candidate).isFile()) {
            accessSync(candidate, fsConstants.X_OK);
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
import path2 from "node:path";

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
  const cwd = directory === void 0 ? call.cwd : path2.resolve(call.cwd, directory);
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
async function pipInstallRequirements(inputs, call) {
  const directory = optionalString(inputs, "directory", "pip_install_requirements");
  const requirementsFile = optionalString(inputs, "requirements_file", "pip_install_requirements") ?? "requirements.txt";
  const streamOutput = inputs["stream_output"] === void 0 ? true : isTruthy(inputs["stream_output"]);
  const python = findExecutable(process.platform === "win32" ? ["python", "py"] : ["python3", "python"], call.env);
  if (python === void 0) {
    throw new StepFailure(
      "pip_install_requirements needs Python, and no python3 or python is on PATH (set up Python on the runner, e.g. with actions/setup-python, before deploying)"
    );
  }
  const cwd = directory === void 0 ? call.cwd : path2.resolve(call.cwd, directory);
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

export {
  PythonFloat,
  TemplateError,
  isMapping,
  isTruthy,
  deepCopy,
  pythonTypeName,
  ProcessStartError,
  processEnv,
  runProcess,
  findExecutable,
  StepFailure,
  pyStrip,
  runShellScript,
  pipInstallRequirements
};

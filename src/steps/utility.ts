/**
 * `prefect.deployments.steps.utility`: `run_shell_script` and `pip_install_requirements`, as the
 * reference (prefect 3.9.1 `utility.py`) runs them.
 */
import path from 'node:path';
import { isTruthy, pythonTypeName } from '../core/values/index.js';
import { processEnv, runProcess } from './process.js';
import { expandEnvVars, shlexSplit, splitLines } from './shlex.js';
import type { StepCall } from './types.js';

/** The outputs of both steps: everything each stream printed, trimmed. */
export interface ShellStepResult {
  stdout: string;
  stderr: string;
}

/** A step's own failure, worded as the reference's RuntimeError. */
export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}

// Python's `str.isspace()` characters (JS `\s` lacks \x1c-\x1f and \x85, and adds U+FEFF).
const PY_WHITESPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_WHITESPACE}+|${PY_WHITESPACE}+$`, 'gu');

/** Python's `str.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(PY_STRIP, '');
}

function optionalString(inputs: Record<string, unknown>, key: string, step: string): string | undefined {
  const value = inputs[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new TypeError(`${step}: ${key} must be a string, got ${pythonTypeName(value)} ${JSON.stringify(value)}`);
  }
  return value;
}

function stepEnv(inputs: Record<string, unknown>): Record<string, string> {
  const env = inputs['env'];
  if (env === undefined || env === null) return {};
  if (typeof env !== 'object' || Array.isArray(env)) {
    throw new TypeError(`run_shell_script: env must be a mapping of names to strings, got ${pythonTypeName(env)}`);
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env as Record<string, unknown>)) {
    // Python's subprocess refuses non-string values; say which one and how to fix it.
    if (typeof value !== 'string') {
      throw new TypeError(
        `run_shell_script: env.${key} must be a string, got ${pythonTypeName(value)} ${JSON.stringify(value) ?? String(value)} (quote it in prefect.yaml)`,
      );
    }
    out[key] = value;
  }
  return out;
}

/** `run_shell_script(script, directory=None, env=None, stream_output=True, expand_env_vars=False, shell=False)`. */
export async function runShellScript(inputs: Record<string, unknown>, call: StepCall): Promise<ShellStepResult> {
  const script = inputs['script'];
  if (typeof script !== 'string') {
    throw new TypeError(`run_shell_script: script must be a string, got ${pythonTypeName(script)}`);
  }
  const directory = optionalString(inputs, 'directory', 'run_shell_script');
  const currentEnv = processEnv(call.env, stepEnv(inputs));
  const streamOutput = inputs['stream_output'] === undefined ? true : isTruthy(inputs['stream_output']);
  const expand = isTruthy(inputs['expand_env_vars']);
  // The reference always goes through the shell on Windows so cmd.exe built-ins work.
  const useShell = isTruthy(inputs['shell']) || process.platform === 'win32';
  const cwd = directory === undefined ? call.cwd : path.resolve(call.cwd, directory);

  let stdout = '';
  let stderr = '';
  for (const line of splitLines(script)) {
    const command = expand ? expandEnvVars(line, currentEnv) : line;
    let argv: string[];
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
      onLine: streamOutput ? (text) => call.log(text) : undefined,
    });
    stdout += result.stdout;
    stderr += result.stderr;
    if (result.code !== 0) {
      throw new StepFailure(`\`run_shell_script\` failed with error code ${result.code}: ${stderr}`);
    }
  }
  return { stdout: pyStrip(stdout), stderr: pyStrip(stderr) };
}

/** Who needs Python, as the start of the error when the runner has none that is usable. */
export const PIP_INSTALL_NEED = "pip_install_requirements runs pip in the runner's Python";

/** `pip_install_requirements(directory=None, requirements_file="requirements.txt", stream_output=True)`. */
export async function pipInstallRequirements(inputs: Record<string, unknown>, call: StepCall): Promise<ShellStepResult> {
  const directory = optionalString(inputs, 'directory', 'pip_install_requirements');
  const requirementsFile = optionalString(inputs, 'requirements_file', 'pip_install_requirements') ?? 'requirements.txt';
  const streamOutput = inputs['stream_output'] === undefined ? true : isTruthy(inputs['stream_output']);
  // The reference runs pip with the Python running `prefect deploy`; here that is the Python that
  // runs custom steps, so what this step installs is what they import.
  const { findPython } = await import('./python/interpreter.js');
  const python = (await findPython(PIP_INSTALL_NEED, call.env)).executable;
  const cwd = directory === undefined ? call.cwd : path.resolve(call.cwd, directory);
  const result = await runProcess([python, '-m', 'pip', 'install', '-r', requirementsFile], {
    cwd,
    displayCwd: directory ?? cwd,
    env: processEnv(call.env),
    signal: call.signal,
    onLine: streamOutput ? (text) => call.log(text) : undefined,
  });
  if (result.code !== 0) {
    throw new StepFailure(`pip_install_requirements failed with error code ${result.code}: ${result.stderr}`);
  }
  return { stdout: pyStrip(result.stdout), stderr: pyStrip(result.stderr) };
}

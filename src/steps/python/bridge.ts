/**
 * Custom steps: any importable Python function, run as the reference runs it (imported like
 * `import_object`, called with the templated inputs as keywords, awaited when it returns a
 * coroutine) in a child Python. Inputs go in as JSON on stdin; the result comes back as one JSON
 * report on stdout, while whatever the function prints goes to stderr and is streamed to the log.
 */
import path from 'node:path';
import type { Environment } from '../../core/templating/index.js';
import { isMapping, PythonFloat } from '../../core/values/index.js';
import { processEnv, ProcessStartError, runProcess, type ProcessResult } from '../process.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import { customStepNeed, findPython, type PythonInterpreter } from './interpreter.js';
import { BRIDGE_SCRIPT, NONFINITE_FLOAT_PREFIX } from './scripts.js';
import { environmentPython, requirementsEnvironment } from './venv.js';

interface BridgeRequest {
  name: string;
  inputs: Record<string, unknown>;
  requires: readonly string[];
  /** Import the `requires` names and the function first; report "missing" instead of failing. */
  probe: boolean;
}

type BridgeReport =
  | { status: 'missing'; error: string }
  | { status: 'error'; error: string; module_not_found: boolean; traceback: string }
  | { status: 'ok'; mapping: false; type: string; warnings: string[] }
  | { status: 'ok'; mapping: true; outputs: Record<string, unknown>; coerced: string[]; warnings: string[] };

/** `requires:` as the reference reads it: one spec or a list of them; empty entries skipped. */
export function requirementSpecs(requires: unknown): string[] {
  if (requires === null || requires === undefined || requires === '' || requires === false) return [];
  const list: unknown[] = Array.isArray(requires) ? requires : [requires];
  const specs = list.filter((spec) => spec !== null && spec !== undefined && spec !== '');
  for (const spec of specs) {
    if (typeof spec !== 'string') throw new StepFailure(`"requires" must be a package spec or a list of package specs, got ${JSON.stringify(spec)}`);
  }
  return (specs as string[]).map((spec) => spec.trim());
}

/** Tracebacks are logged when the runner asks for debug output (GitHub's or Prefect's switch). */
function debugEnabled(env: Environment): boolean {
  const prefect = (env['PREFECT_DEBUG_MODE'] ?? '').toLowerCase();
  return env['RUNNER_DEBUG'] === '1' || prefect === '1' || prefect === 'true';
}

/** Runs the custom step `name`; resolves to its result (a mapping), or undefined when it returned something else. */
export async function runCustomStep(name: string, requires: unknown, inputs: Record<string, unknown>, call: StepCall): Promise<unknown> {
  const specs = requirementSpecs(requires);
  const python = await findPython(customStepNeed(name), call.env);
  const request: BridgeRequest = { name, inputs, requires: specs, probe: specs.length > 0 };
  let report = await runBridge(python.executable, request, call, processEnv(call.env));
  let interpreter = python.executable;
  if (report.status === 'missing') {
    call.log(`   ${name} cannot be imported by ${python.executable} (${report.error}): using an environment with ${specs.join(', ')}`);
    const directory = await requirementsEnvironment(python, specs, call);
    interpreter = environmentPython(directory);
    const binDirectory = path.dirname(interpreter);
    const env = processEnv(call.env, { VIRTUAL_ENV: directory, PATH: [binDirectory, call.env['PATH']].filter(Boolean).join(path.delimiter) });
    report = await runBridge(interpreter, { ...request, probe: false }, call, env);
  }
  return outcome(name, report, call, { python, interpreter, requires: specs });
}

function outcome(name: string, report: BridgeReport, call: StepCall, where: { python: PythonInterpreter; interpreter: string; requires: string[] }): unknown {
  if (report.status === 'missing') throw new StepFailure(report.error);
  if (report.status === 'error') {
    if (debugEnabled(call.env)) for (const line of report.traceback.trimEnd().split('\n')) call.log(line);
    const hint =
      report.module_not_found && where.requires.length === 0
        ? ` (${where.interpreter} cannot import it from ${call.cwd}: install the package for that Python, or list it under requires: in prefect.yaml)`
        : '';
    throw new StepFailure(`${report.error}${hint}`);
  }
  for (const message of report.warnings) call.log(message);
  if (!report.mapping) return undefined;
  if (report.coerced.length > 0) {
    call.log(`   warning: ${name} returned values JSON cannot carry; they are passed on as their str(): ${report.coerced.join(', ')}`);
  }
  return report.outputs;
}

async function runBridge(python: string, request: BridgeRequest, call: StepCall, env: Record<string, string>): Promise<BridgeReport> {
  let lastOutput = '';
  let result: ProcessResult;
  try {
    // The report comes on stdout; stderr (everything the function prints) is streamed to the log.
    result = await runProcess([python, '-u', '-c', BRIDGE_SCRIPT], {
      cwd: call.cwd,
      env,
      signal: call.signal,
      input: pythonJson(request),
      onLine: (line, stream) => {
        if (stream !== 'stderr') return;
        if (line.trim()) lastOutput = line.trim();
        call.log(line);
      },
    });
  } catch (error) {
    // The working directory's own message stands; an interpreter that cannot start says which.
    if (error instanceof ProcessStartError && !error.message.includes(call.cwd)) throw new StepFailure(`${python} could not be started: ${error.message}`);
    throw error;
  }
  try {
    return parseReport(result.stdout);
  } catch {
    const how = result.code < 0 ? `was killed by signal ${-result.code}` : `exited with code ${result.code}`;
    throw new StepFailure(`the Python process running ${request.name} ${how} without returning a result${lastOutput ? ` (last output: ${lastOutput})` : ''}`);
  }
}

/**
 * The report, with Python's number types kept: `1.0` is a float (PythonFloat, as the YAML loader
 * keeps it), integers beyond 2^53 stay exact (bigint).
 */
export function parseReport(text: string): BridgeReport {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) => {
    if (typeof value === 'number' && context?.source !== undefined) {
      if (/[.eE]/u.test(context.source)) return Number.isInteger(value) ? new PythonFloat(value) : value;
      if (!Number.isSafeInteger(value)) return BigInt(context.source);
      return value;
    }
    if (typeof value === 'string' && value.startsWith(NONFINITE_FLOAT_PREFIX)) {
      const repr = value.slice(NONFINITE_FLOAT_PREFIX.length);
      return new PythonFloat(repr === 'nan' ? Number.NaN : repr.startsWith('-') ? -Infinity : Infinity);
    }
    return value;
  }) as BridgeReport;
}

/** JSON that Python's `json.loads` reads back as the same values: floats stay floats, big ints exact. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (value instanceof PythonFloat) {
    if (!Number.isFinite(value.value)) return pythonJson(value.value);
    const text = String(value.value);
    return /^-?\d+$/u.test(text) ? `${text}.0` : text;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`;
  if (isMapping(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${pythonJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(String(value));
}

/**
 * Which Python runs custom steps: `PREFECT_DEPLOY_PYTHON`, else `python3`, then `python` on PATH;
 * the first that is 3.9 or newer (the oldest Python prefect 3 supports).
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Environment } from '../../core/templating/index.js';
import { findExecutable, processEnv, runProcess } from '../process.js';
import { StepFailure } from '../utility.js';
import { INFO_SCRIPT } from './scripts.js';

export const PYTHON_ENV_VAR = 'PREFECT_DEPLOY_PYTHON';
const MINIMUM: readonly [number, number] = [3, 9];

export interface PythonInterpreter {
  /** `sys.executable`: the path to spawn (a pyenv shim resolves to the real binary here). */
  executable: string;
  version: readonly [number, number, number];
  /** Its site-packages/dist-packages directories, kept visible inside `requires:` environments. */
  sitePackages: readonly string[];
}

/** One probe per interpreter path and process: every custom step of a run asks again. */
const probes = new Map<string, Promise<PythonInterpreter | string>>();

function probe(candidate: string, env: Environment): Promise<PythonInterpreter | string> {
  let known = probes.get(candidate);
  if (!known) {
    known = runProcess([candidate, '-c', INFO_SCRIPT], { cwd: tmpdir(), env: processEnv(env) }).then(
      (result) => {
        if (result.code !== 0) return `${candidate} exited with code ${result.code}${lastLine(result.stderr)}`;
        try {
          const info = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as { version: [number, number, number]; executable: string; site: string[] };
          return { executable: info.executable || candidate, version: info.version, sitePackages: info.site };
        } catch {
          return `${candidate} did not run as Python${lastLine(result.stderr || result.stdout)}`;
        }
      },
      (error: unknown) => `${candidate} could not be started: ${error instanceof Error ? error.message : String(error)}`,
    );
    probes.set(candidate, known);
  }
  return known;
}

function lastLine(text: string): string {
  const line = text.trim().split('\n').at(-1)?.trim();
  return line ? ` (${line})` : '';
}

const versionText = (v: readonly number[]): string => v.join('.');
const recentEnough = (v: readonly number[]): boolean => v[0]! > MINIMUM[0] || (v[0] === MINIMUM[0] && v[1]! >= MINIMUM[1]);

/** What a custom step needs, as the start of the one-line error when no usable Python is found. */
export function customStepNeed(step: string): string {
  return `${step} is a custom step (a Python function)`;
}

/**
 * The Python that runs custom steps (and `pip_install_requirements`), or a StepFailure starting
 * with `need` (who needs it, e.g. `customStepNeed(step)`) and saying what the runner lacks.
 */
export async function findPython(need: string, env: Environment): Promise<PythonInterpreter> {
  const fix = `install Python ${versionText(MINIMUM)}+ on the runner or set ${PYTHON_ENV_VAR}`;
  const configured = env[PYTHON_ENV_VAR];
  if (configured) {
    const candidate = configured.includes(path.sep) || configured.includes('/') ? configured : findExecutable([configured], env);
    const found = candidate === undefined ? `${configured} is not on PATH` : await probe(candidate, env);
    if (typeof found === 'string') throw new StepFailure(`${need}; ${PYTHON_ENV_VAR}=${configured} is not a usable Python: ${found}`);
    if (!recentEnough(found.version)) {
      throw new StepFailure(`${need} and needs Python ${versionText(MINIMUM)}+; ${PYTHON_ENV_VAR}=${configured} is Python ${versionText(found.version)}`);
    }
    return found;
  }
  const names = process.platform === 'win32' ? ['python', 'python3'] : ['python3', 'python'];
  const rejected: string[] = [];
  for (const name of names) {
    const candidate = findExecutable([name], env);
    if (candidate === undefined) continue;
    const found = await probe(candidate, env);
    if (typeof found === 'string') rejected.push(found);
    else if (!recentEnough(found.version)) rejected.push(`${candidate} is Python ${versionText(found.version)}`);
    else return found;
  }
  throw new StepFailure(rejected.length === 0 ? `${need}; ${fix}` : `${need}; ${fix} (${rejected.join('; ')})`);
}

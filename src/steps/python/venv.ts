/**
 * Environments for `requires:`. The reference pip-installs missing packages into its own
 * interpreter; here they go into a virtual environment per (interpreter, sorted requirements),
 * cached between runs, so a deploy never changes the runner's Python. The runner's site-packages
 * stay visible behind the environment's own (a `.pth` file), so the step still sees what the
 * runner has installed (prefect itself, a `pip_install_requirements` step's packages).
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Environment } from '../../core/templating/index.js';
import { cacheRoot } from '../../core/util/cache-dir.js';
import { processEnv, runProcess, type ProcessResult } from '../process.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import type { PythonInterpreter } from './interpreter.js';

/** Written last, before the rename: an environment without it is not one of ours. */
export const ENVIRONMENT_MARKER = 'deploy-action-env.json';
/** Bumped when the layout of an environment changes, so old ones are not reused. */
const LAYOUT = 1;
/** Build directories older than this are left over from a crash. */
const STALE_BUILD_MS = 24 * 60 * 60 * 1000;
/** pip learnt `--python` (install into another interpreter) in 22.3. */
const PIP_WITH_PYTHON_OPTION: readonly [number, number] = [22, 3];

/** `steps-venvs` under the tool's cache directory (`cacheRoot`: `$DEPLOY_ACTION_CACHE_DIR`, the tool cache, XDG, `~/.cache`). */
export function environmentsRoot(env: Environment): string {
  return path.join(cacheRoot(env), 'steps-venvs');
}

export function environmentKey(python: PythonInterpreter, requirements: readonly string[]): string {
  const sorted = [...new Set(requirements)].sort();
  const hash = createHash('sha256')
    .update(JSON.stringify({ layout: LAYOUT, python: python.executable, version: python.version, requirements: sorted }))
    .digest('hex');
  return `py${python.version[0]}.${python.version[1]}-${hash.slice(0, 16)}`;
}

export function environmentPython(directory: string): string {
  return process.platform === 'win32' ? path.join(directory, 'Scripts', 'python.exe') : path.join(directory, 'bin', 'python');
}

function sitePackages(directory: string, python: PythonInterpreter): string {
  return process.platform === 'win32'
    ? path.join(directory, 'Lib', 'site-packages')
    : path.join(directory, 'lib', `python${python.version[0]}.${python.version[1]}`, 'site-packages');
}

/** Concurrent steps of one run needing the same environment wait for one build. */
const building = new Map<string, Promise<string>>();

/**
 * The directory of the environment holding `requirements` for `python`: reused when a finished
 * one exists, otherwise built in a temporary directory and renamed into place, so an interrupted
 * build never leaves a half-built environment under the final name.
 */
export function requirementsEnvironment(python: PythonInterpreter, requirements: readonly string[], call: StepCall): Promise<string> {
  const root = environmentsRoot(call.env);
  const directory = path.join(root, environmentKey(python, requirements));
  const list = requirements.join(', ');
  if (existsSync(path.join(directory, ENVIRONMENT_MARKER))) {
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

async function buildEnvironment(python: PythonInterpreter, requirements: readonly string[], root: string, directory: string, call: StepCall): Promise<string> {
  const list = requirements.join(', ');
  const failed = (reason: string): StepFailure => new StepFailure(`could not install requires (${list}) for ${call.name}: ${reason}`);
  try {
    mkdirSync(root, { recursive: true });
  } catch (error) {
    throw failed(`cannot create ${root}: ${(error as Error).message}`);
  }
  removeStaleBuilds(root);
  call.log(`   requires ${list}: installing into ${directory}`);
  const staging = mkdtempSync(path.join(root, `.tmp-${path.basename(directory)}-`));
  try {
    const env = processEnv(call.env);
    const run = (command: string[], what: string): Promise<ProcessResult> =>
      runProcess(command, { cwd: tmpdir(), env, signal: call.signal, onLine: (line) => call.log(line) }).then((result) => {
        if (result.code !== 0) throw failed(`${what} exited with code ${result.code}${lastLines(result.stderr || result.stdout)}`);
        return result;
      });
    const stagingPython = environmentPython(staging);
    // An environment without pip takes a fraction of a second; ensurepip takes seconds.
    if (pipWithPythonOption(await pipVersion(python, env))) {
      await run([python.executable, '-m', 'venv', '--without-pip', staging], 'python -m venv');
      await run([python.executable, '-m', 'pip', '--python', stagingPython, 'install', '--no-input', ...requirements], 'pip install');
    } else {
      await run([python.executable, '-m', 'venv', staging], 'python -m venv');
      await run([stagingPython, '-m', 'pip', 'install', '--no-input', ...requirements], 'pip install');
    }
    retarget(staging, directory);
    // After the install: pip must not count the runner's packages as already installed.
    const site = sitePackages(staging, python);
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, '_deploy_action_runner_site.pth'), `import site; list(map(site.addsitedir, ${JSON.stringify(python.sitePackages)}))\n`);
    writeFileSync(
      path.join(staging, ENVIRONMENT_MARKER),
      `${JSON.stringify({ requirements, python: python.executable, version: python.version.join('.'), created: new Date().toISOString() }, null, 2)}\n`,
    );
    publish(staging, directory);
    return directory;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof StepFailure) throw error;
    throw failed(error instanceof Error ? error.message : String(error));
  }
}

/** Moves the finished build into place; another process may have finished the same one first. */
function publish(staging: string, directory: string): void {
  if (existsSync(directory) && !existsSync(path.join(directory, ENVIRONMENT_MARKER))) {
    // Not built by us (only complete builds are ever renamed into place): replace it.
    rmSync(directory, { recursive: true, force: true });
  }
  try {
    renameSync(staging, directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EPERM') && existsSync(path.join(directory, ENVIRONMENT_MARKER))) {
      rmSync(staging, { recursive: true, force: true });
      return;
    }
    throw error;
  }
}

/**
 * Scripts in bin/ (console scripts' shebangs, activate) name the directory they were built in;
 * point them at the final one before the rename.
 */
function retarget(staging: string, directory: string): void {
  const bin = path.dirname(environmentPython(staging));
  const files = [path.join(staging, 'pyvenv.cfg'), ...readdirSync(bin).map((name) => path.join(bin, name))];
  for (const file of files) {
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > 1024 * 1024) continue;
    const bytes = readFileSync(file);
    if (bytes.subarray(0, 8192).includes(0)) continue;
    const text = bytes.toString('utf8');
    if (text.includes(staging)) writeFileSync(file, text.split(staging).join(directory), { mode: stat.mode });
  }
}

function removeStaleBuilds(root: string): void {
  const now = Date.now();
  for (const name of readdirSync(root)) {
    if (!name.startsWith('.tmp-')) continue;
    const entry = path.join(root, name);
    try {
      if (now - statSync(entry).mtimeMs > STALE_BUILD_MS) rmSync(entry, { recursive: true, force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
}

async function pipVersion(python: PythonInterpreter, env: Record<string, string>): Promise<number[] | undefined> {
  const result = await runProcess([python.executable, '-c', 'import pip; print(pip.__version__)'], { cwd: tmpdir(), env });
  if (result.code !== 0) return undefined;
  return result.stdout
    .trim()
    .split('.')
    .map((part) => Number.parseInt(part, 10));
}

function pipWithPythonOption(version: number[] | undefined): boolean {
  if (!version) return false;
  const [major = 0, minor = 0] = version;
  return major > PIP_WITH_PYTHON_OPTION[0] || (major === PIP_WITH_PYTHON_OPTION[0] && minor >= PIP_WITH_PYTHON_OPTION[1]);
}

function lastLines(text: string): string {
  const lines = text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => l.startsWith('ERROR:'));
  const kept = (errors.length > 0 ? errors : lines).slice(-3);
  return kept.length > 0 ? `: ${kept.join(' | ')}` : '';
}

/**
 * Runs this repository's workflow files with a real workflow runner: act (nektos/act, installed by
 * scripts/peers-install.sh) with `-P ubuntu-latest=-self-hosted`, so jobs run as processes on this
 * machine — no Docker, no network.
 *
 * What is real and what is stood in:
 * - the workflow files, their expressions, jobs, `needs`, matrices, reusable-workflow calls and
 *   outputs are act's;
 * - the action is this repository's: action.yml plus a fresh build of src/ (scripts/build.mjs into
 *   the temporary copy, never into the repository's dist/), reached as `uses: ./` or, for a caller
 *   repository, as `acme/deploy-action@v1` through act's `--local-repository`;
 * - actions/checkout is act's own built-in handling of a checkout of the same repository (it copies
 *   the working copy into the job's workspace);
 * - actions/upload-artifact@v4 and actions/download-artifact@v4 cannot be fetched from github.com:
 *   stand-ins (__tests__/e2e/stand-ins/) speak the same artifact protocol to act's artifact server;
 * - actions/setup-node, setup-python and setup-go: one stand-in (stand-ins/setup-tool) that uses the
 *   tools already on PATH.
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const actBinary = path.join(repoRoot, '.tools/go/bin/act');
const standIns = path.join(repoRoot, '__tests__/e2e/stand-ins');

/** The owner/name and ref a caller repository uses for this action (as in the README). */
export const ACTION_REPO = 'acme/deploy-action';
export const ACTION_REF = 'v1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const GIT_ENV = { GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' };

/** Makes `dir` a git repository on `main` with one commit and a GitHub origin (act reads both). */
export function commitAll(dir: string, remote: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', `https://github.com/${remote}.git`);
  git('add', '-A');
  git('commit', '-q', '-m', 'e2e');
}

/**
 * A temporary git repository holding this action as users get it: action.yml, package.json, the
 * workflows, the examples, and dist/ freshly built from src/.
 */
export function prepareActionRepo(parent: string): string {
  const dir = path.join(parent, 'deploy-action');
  mkdirSync(dir, { recursive: true });
  for (const entry of ['action.yml', 'package.json', '.github', 'examples']) {
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, env: { ...process.env, DEPLOY_ACTION_OUTDIR: path.join(dir, 'dist') }, stdio: 'pipe' });
  commitAll(dir, ACTION_REPO);
  return dir;
}

/** Each stand-in action in a directory of its own (act copies an action's directory alone). */
export function prepareStandIns(parent: string): Record<string, string> {
  const repos: Record<string, string> = {};
  for (const [uses, dirName] of [
    ['actions/upload-artifact@v4', 'upload-artifact'],
    ['actions/download-artifact@v4', 'download-artifact'],
  ] as const) {
    const dir = path.join(parent, 'stand-ins', dirName);
    cpSync(path.join(standIns, dirName), dir, { recursive: true });
    cpSync(path.join(standIns, 'artifact.mjs'), path.join(dir, 'artifact.mjs'));
    repos[uses] = dir;
  }
  return repos;
}

/** The setup actions the workflows use, each `owner/name@ref` → the setup-tool stand-in. */
export function prepareSetupStandIns(parent: string, uses: readonly string[]): Record<string, string> {
  const repos: Record<string, string> = {};
  for (const action of uses) {
    const dir = path.join(parent, 'stand-ins', action.replace(/[/@]/g, '-'));
    cpSync(path.join(standIns, 'setup-tool'), dir, { recursive: true });
    repos[action] = dir;
  }
  return repos;
}

export interface ActOptions {
  /** The repository act runs in (a git working copy). */
  cwd: string;
  /** Workflow file, relative to cwd. */
  workflow: string;
  event: 'push' | 'pull_request' | 'workflow_dispatch';
  /** The event payload (github.event). */
  payload: Record<string, unknown>;
  /** Secrets, written to a file so they are neither on the command line nor in act's environment. */
  secrets?: Record<string, string>;
  /** Extra variables for every job (`--env`). */
  env?: Record<string, string>;
  /** `owner/repo@ref` → local directory. */
  localRepositories?: Record<string, string>;
  /** Scratch directory for act's caches, artifacts and files. */
  scratch: string;
  timeoutMs?: number;
}

export interface ActResult {
  code: number | null;
  /** act's log, stdout and stderr interleaved. */
  log: string;
}

/**
 * The host environment for act. In host mode act hands its own environment to every step, so
 * anything that would let a step bypass the workflow's plumbing is removed: Prefect settings (they
 * must arrive as secrets) and, when the tests themselves run inside GitHub Actions, the outer
 * runner's GITHUB_*, ACTIONS_*, RUNNER_* and INPUT_* variables (act would use the outer artifact
 * service, outputs file and token).
 */
function hostEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(PREFECT_|GITHUB_|ACTIONS_|RUNNER_|INPUT_|STATE_)/.test(k)) continue;
    env[k] = v;
  }
  // `node24` actions run with the node on PATH: the one running the tests (Node 24).
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`;
  return env;
}

export async function runAct(options: ActOptions): Promise<ActResult> {
  mkdirSync(options.scratch, { recursive: true });
  const files = mkdtempSync(path.join(options.scratch, 'act-'));
  const eventFile = path.join(files, 'event.json');
  writeFileSync(eventFile, JSON.stringify(options.payload));
  const secretFile = path.join(files, 'secrets.env');
  // act reads this file with godotenv: one KEY="value" per line, double-quoted JSON-style escapes.
  writeFileSync(
    secretFile,
    Object.entries(options.secrets ?? {})
      .map(([k, v]) => `${k}=${JSON.stringify(v)}\n`)
      .join(''),
  );
  const emptyFile = path.join(files, 'empty.env');
  writeFileSync(emptyFile, '');
  const artifactPort = await freePort();
  const args = [
    options.event,
    '-W',
    options.workflow,
    '-e',
    eventFile,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--container-daemon-socket',
    '-',
    '--action-offline-mode',
    '--action-cache-path',
    path.join(files, 'cache'),
    '--artifact-server-path',
    path.join(files, 'artifacts'),
    '--artifact-server-addr',
    '127.0.0.1',
    '--artifact-server-port',
    String(artifactPort),
    '--no-cache-server',
    '--secret-file',
    secretFile,
    '--env-file',
    emptyFile,
    '--var-file',
    emptyFile,
    '--input-file',
    emptyFile,
    '--defaultbranch',
    'main',
  ];
  for (const [k, v] of Object.entries(options.env ?? {})) args.push('--env', `${k}=${v}`);
  for (const [uses, dir] of Object.entries(options.localRepositories ?? {})) args.push('--local-repository', `${uses}=${dir}`);

  const child = spawn(actBinary, args, { cwd: options.cwd, env: hostEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
  const timeoutMs = options.timeoutMs ?? 90_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // act and the step processes it started share its process group.
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`act could not be started (${actBinary}): ${e.message}; run scripts/peers-install.sh`)));
    child.on('close', (c) => resolve(c));
  });
  clearTimeout(timer);
  rmSync(path.join(files, 'cache'), { recursive: true, force: true });
  if (timedOut) log += `\n(act killed after ${timeoutMs / 1000} s)`;
  // For debugging a run: E2E_ACT_LOG_DIR=/some/dir keeps every act log there.
  const logDir = process.env.E2E_ACT_LOG_DIR;
  if (logDir) {
    mkdirSync(logDir, { recursive: true });
    writeFileSync(path.join(logDir, `${path.basename(options.workflow, '.yml')}-${options.event}-${Date.now()}.log`), log);
  }
  return { code, log };
}

/** The last lines of an act log, for assertion messages. */
export function logTail(log: string, lines = 80): string {
  return log.trimEnd().split('\n').slice(-lines).join('\n');
}

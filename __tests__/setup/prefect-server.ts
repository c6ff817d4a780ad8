/**
 * A throw-away Prefect server for integration tests: `prefect server start` from the reference venv
 * on a free loopback port, with its own PREFECT_HOME (SQLite) that is removed on stop. Startup is
 * bounded; a server that does not come up is an error carrying the tail of its log, never a skip.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOST = '127.0.0.1';

export interface PrefectServer {
  /** e.g. `http://127.0.0.1:41234/api` */
  apiUrl: string;
  /** The reference venv's python (the same venv the server runs from). */
  python: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Bound on the whole startup, health check included. */
  timeoutMs?: number;
  /** Extra settings for the server, e.g. `PREFECT_API_DATABASE_CONNECTION_URL` (the bench's PostgreSQL). */
  env?: Record<string, string>;
  /** A venv's python to run the server from (the compatibility suite's older releases); the reference venv's by default. */
  python?: string;
}

/** The reference venv's python, creating the venv when missing (idempotent, fast when present). */
export async function referencePython(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [path.join(repoRoot, 'scripts/reference-venv.sh')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 900_000,
  });
  const python = stdout.trim().split('\n').at(-1)?.trim();
  if (!python) throw new Error('scripts/reference-venv.sh printed no python path');
  return python;
}

/** The parent environment without any PREFECT_* setting, so nothing leaks into the server or the CLI. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('PREFECT_')) env[k] = v;
  }
  return { ...env, ...extra };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Signals the whole process group (the CLI spawns uvicorn and service children). */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function healthy(apiUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function startPrefectServer(options: StartOptions = {}): Promise<PrefectServer> {
  const python = options.python ?? (await referencePython());
  try {
    return await startOnce(python, options.timeoutMs ?? 90_000, options.env);
  } catch (e) {
    // The free port can be taken between probing and binding; one more port, then give up.
    if (!(e instanceof PortTaken)) throw e;
    return startOnce(python, options.timeoutMs ?? 90_000, options.env);
  }
}

class PortTaken extends Error {}

async function startOnce(python: string, timeoutMs: number, extraEnv: Record<string, string> = {}): Promise<PrefectServer> {
  const prefectBin = path.join(path.dirname(python), 'prefect');
  const home = mkdtempSync(path.join(tmpdir(), 'prefect-server-'));
  const logFile = path.join(home, 'server.log');
  const port = await freePort();
  const apiUrl = `http://${HOST}:${port}/api`;

  const log = openSync(logFile, 'a');
  const child = spawn(prefectBin, ['server', 'start', '--host', HOST, '--port', String(port), '--no-ui', '--analytics-off', '--no-services'], {
    cwd: home,
    env: cleanEnv({ PREFECT_HOME: home, PREFECT_SERVER_LOGGING_LEVEL: 'WARNING', PYTHONUNBUFFERED: '1', ...extraEnv }),
    stdio: ['ignore', log, log],
    // its own process group, so stop() reaches every child it spawns
    detached: true,
  });
  closeSync(log);
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));

  let stopped = false;
  // Safety net when the test process ends without running teardown (crash, Ctrl-C).
  const onExit = (): void => {
    signalGroup(child, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    signalGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 10_000))) {
      signalGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    // children that outlived the leader still belong to the group
    signalGroup(child, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await healthy(apiUrl)) return { apiUrl, python, stop };
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (spawnError || exited || Date.now() > deadline) {
      const why = spawnError
        ? `could not be spawned (${spawnError.message})`
        : exited
          ? `exited with ${child.exitCode ?? child.signalCode}`
          : `did not answer ${apiUrl}/health within ${timeoutMs / 1000} s`;
      const logTail = tail(logFile);
      await stop();
      const message = `prefect server ${why}; last lines of its log:\n${logTail}`;
      throw exited && /address already in use/i.test(logTail) ? new PortTaken(message) : new Error(message);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

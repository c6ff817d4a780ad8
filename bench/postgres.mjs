/**
 * A throw-away PostgreSQL for the bench's `--db postgres`: Debian's `postgresql` package (installed
 * with apt-get when missing and this is root), `initdb` into a temporary directory, the server on
 * a free loopback port, trust authentication, stopped and removed at the end. As root, the cluster
 * belongs to the `postgres` user the package creates (PostgreSQL refuses to run as root).
 *
 * Server settings are PostgreSQL's defaults (fsync and synchronous commit on), but for
 * `max_connections`, raised so that a Prefect server's connection pool is never the limit.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../__tests__/setup/prefect-server.ts';

const HOST = '127.0.0.1';

/** The directory holding initdb and postgres, installing the package if needed. */
function postgresBin() {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    return versions.length ? path.join(root, versions[0], 'bin') : undefined;
  };
  let bin = find();
  if (bin) return bin;
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed (apt-get install postgresql, or run the bench as root to have it installed)');
  console.error('installing postgresql (apt-get)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  bin = find();
  if (!bin) throw new Error('apt-get install postgresql left no initdb under /usr/lib/postgresql/*/bin');
  return bin;
}

/**
 * Starts a PostgreSQL cluster and creates the database `prefect`. Resolves to
 * `{ url, version, pgid, stop() }`: `url` in the form Prefect's `PREFECT_API_DATABASE_CONNECTION_URL`
 * takes, `pgid` the process group of the server and its backends (for measuring their CPU time).
 */
export async function startPostgres({ timeoutMs = 60_000 } = {}) {
  const bin = postgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-pg-'));
  const data = path.join(dir, 'data');
  // The postgres user must be able to reach its directory.
  chmodSync(dir, 0o777);
  const run = (file, args, options = {}) =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, file), ...args], options] : [path.join(bin, file), args, options];
  const sync = (file, args) => {
    const [cmd, argv] = run(file, args);
    return execFileSync(cmd, argv, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  sync('initdb', ['-D', data, '-U', 'prefect', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const [cmd, argv] = run('postgres', ['-D', data, '-p', String(port), '-k', dir, '-c', `listen_addresses=${HOST}`, '-c', 'max_connections=200']);
  const child = spawn(cmd, argv, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGINT: "fast" shutdown; the process group also reaches runuser's child
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {
        // gone
      }
      await new Promise((resolve) => {
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // gone
          }
          resolve();
        }, 10_000);
        child.once('exit', () => (clearTimeout(t), resolve()));
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      sync('pg_isready', ['-h', HOST, '-p', String(port), '-U', 'prefect', '-q']);
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`PostgreSQL did not start on ${HOST}:${port}:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  sync('createdb', ['-h', HOST, '-p', String(port), '-U', 'prefect', 'prefect']);
  const version = sync('postgres', ['--version']).trim();
  return { url: `postgresql+asyncpg://prefect@${HOST}:${port}/prefect`, version, pgid: child.pid, stop };
}

#!/usr/bin/env node
/**
 * `npm run bench`: wall time of `prefect deploy` (the reference, from the venv) against ours
 * (`dist/cli.js`) on synthetic projects of N deployments, against a throw-away Prefect server on
 * loopback. Prints medians, min/max and the ratio reference/ours, and writes
 * bench/results/latest.json. Not part of `npm test`: speed is measured here, never asserted.
 *
 *   npm run bench [-- --sizes 1,10,50 --reps 5 --reps-large 3 --cold-reps 10]
 *   npm run bench -- --sizes 50,200,500 --reps-large 3 --reps-huge 2 --skip-serial   # the issue's figures
 *
 * Sizes up to --reference-max (200) run the reference and the raw-API floor (bench/floor.mjs) too;
 * larger ones run ours only, for its peak memory. Our peak RSS is sampled on every run, and the
 * server's CPU time (its process group, and PostgreSQL's with --db postgres) around every timed run.
 *
 *   --cli DIR_OR_FILE     the built CLI to time (default dist/cli.js; its chunks/ come along)
 *   --db postgres         a Prefect server on a throw-away PostgreSQL (bench/postgres.mjs)
 *   --ours-concurrency N  pass --concurrency N to ours (writes N at once; the default on a
 *                         self-hosted server is 1), and compare with the floor at N
 *
 * Node 24 strips the types of the shared server helper (a .ts file with only erasable syntax).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanEnv, startPrefectServer } from '../__tests__/setup/prefect-server.ts';
import { FAULT_MIXES, faultScenario } from './faults.mjs';
import { monorepoScenario } from './monorepo.mjs';
import { startPostgres } from './postgres.mjs';
import { POOL, generateProject as writeProject } from './project.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const referenceLoad = path.join(repoRoot, 'bench/reference-load.py');
const COMMAND_TIMEOUT_MS = 600_000;

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10,50' },
    reps: { type: 'string', default: '5' },
    'reps-large': { type: 'string', default: '3' },
    'cold-reps': { type: 'string', default: '10' },
    'reps-huge': { type: 'string', default: '2' },
    'reference-max': { type: 'string', default: '200' },
    'floor-concurrency': { type: 'string', default: '1,8' },
    'skip-serial': { type: 'boolean', default: false },
    profile: { type: 'string' },
    cli: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
    'ours-concurrency': { type: 'string' },
    'fault-reps': { type: 'string', default: '3' },
    'fault-size': { type: 'string', default: '50' },
    'fault-rate': { type: 'string', default: '0.35' },
    'fault-mixes': { type: 'string', default: 'all,no500' },
    'fault-seed': { type: 'string', default: '20261206' },
    'fault-max-runs': { type: 'string', default: '5' },
    'fault-cap': { type: 'string', default: '900' },
    'faults-only': { type: 'boolean', default: false },
    'monorepo-reps': { type: 'string', default: '0' },
    'monorepo-only': { type: 'boolean', default: false },
    'monorepo-projects': { type: 'string', default: '20' },
    'monorepo-per-project': { type: 'string', default: '50' },
    'monorepo-changed': { type: 'string', default: '200' },
    'monorepo-first-reps': { type: 'string', default: '1' },
    'monorepo-profile': { type: 'boolean', default: false },
  },
});
const builtCli = path.resolve(
  opts.cli ? (statSync(opts.cli, { throwIfNoEntry: false })?.isDirectory() ? path.join(opts.cli, 'cli.js') : opts.cli) : path.join(repoRoot, 'dist/cli.js'),
);
const oursConcurrency = opts['ours-concurrency'] === undefined ? undefined : Number(opts['ours-concurrency']);
const oursFlags = oursConcurrency ? ['--concurrency', String(oursConcurrency)] : [];
const sizes = opts.sizes.split(',').map(Number);
const referenceMax = Number(opts['reference-max']);
const repsFor = (n) => (n > referenceMax ? Number(opts['reps-huge']) : n > 10 ? Number(opts['reps-large']) : Number(opts.reps));
const floorConcurrencies = opts['floor-concurrency'].split(',').filter(Boolean).map(Number);
// The floor ours is compared with: the same number of writes at once.
const ratioConcurrency = oursConcurrency ?? 1;
if (!floorConcurrencies.includes(ratioConcurrency)) floorConcurrencies.unshift(ratioConcurrency);
// --profile N: after the timed runs at size N, one untimed first run and re-run of ours with --cpu-prof.
const profileN = opts.profile === undefined ? undefined : Number(opts.profile);
const floorScript = path.join(repoRoot, 'bench/floor.mjs');
const coldReps = Number(opts['cold-reps']);
const fault = {
  reps: Number(opts['fault-reps']),
  n: Number(opts['fault-size']),
  rate: Number(opts['fault-rate']),
  seed: Number(opts['fault-seed']),
  maxRuns: Number(opts['fault-max-runs']),
  capMs: Number(opts['fault-cap']) * 1000,
  mixes: opts['fault-mixes'].split(',').filter(Boolean),
};
if (
  !Number.isInteger(fault.reps) ||
  fault.reps < 0 ||
  !(fault.n >= 1) ||
  !(fault.rate >= 0 && fault.rate <= 1) ||
  !Number.isInteger(fault.seed) ||
  !(fault.maxRuns >= 1) ||
  fault.mixes.length === 0 ||
  fault.mixes.some((m) => !(m in FAULT_MIXES)) ||
  !(fault.capMs > 0) ||
  (opts['faults-only'] && fault.reps === 0)
) {
  console.error(
    'usage: npm run bench [-- --fault-reps 3 --fault-size 50 --fault-rate 0.35 --fault-mixes all,no500 --fault-seed N --fault-max-runs 5 --fault-cap SECONDS --faults-only]',
  );
  process.exit(2);
}
const monorepo = {
  reps: Number(opts['monorepo-reps']) || (opts['monorepo-only'] ? 3 : 0),
  projects: Number(opts['monorepo-projects']),
  perProject: Number(opts['monorepo-per-project']),
  changedN: Number(opts['monorepo-changed']),
  firstReps: Number(opts['monorepo-first-reps']),
};
if (!(monorepo.reps >= 0) || !(monorepo.projects >= 1) || !(monorepo.perProject >= 1) || !(monorepo.changedN >= 2) || !(monorepo.firstReps >= 1)) {
  console.error(
    'usage: npm run bench [-- --monorepo-reps 3 --monorepo-projects 20 --monorepo-per-project 50 --monorepo-changed 200 --monorepo-first-reps 1 --monorepo-profile --monorepo-only]',
  );
  process.exit(2);
}
// Only one scenario family: the faults or the monorepo rows.
const onlyExtra = opts['faults-only'] || opts['monorepo-only'];
if (
  sizes.some((n) => !Number.isInteger(n) || n < 1) ||
  !(repsFor(1) >= 1) ||
  !(repsFor(50) >= 1) ||
  !(coldReps >= 1) ||
  !['sqlite', 'postgres'].includes(opts.db) ||
  (oursConcurrency !== undefined && !(oursConcurrency >= 1))
) {
  console.error('usage: npm run bench [-- --sizes 1,10,50 --reps 5 --reps-large 3 --cold-reps 10 --db sqlite|postgres --cli DIR --ours-concurrency N]');
  process.exit(2);
}
if (!existsSync(builtCli)) {
  console.error(`${path.relative(repoRoot, builtCli)} is missing: run npm run build first (or pass --cli)`);
  process.exit(2);
}
// A snapshot, so that a rebuild during the run (it takes minutes) cannot mix two versions. The CLI
// imports its shared code from chunks/ next to it, which comes along.
const cliDir = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-cli-'));
const cli = path.join(cliDir, 'cli.js');
copyFileSync(builtCli, cli);
const chunksDir = path.join(path.dirname(builtCli), 'chunks');
if (existsSync(chunksDir)) cpSync(chunksDir, path.join(cliDir, 'chunks'), { recursive: true });
const cliHash = createHash('sha256').update(readFileSync(cli));
for (const f of existsSync(chunksDir) ? readdirSync(chunksDir).sort() : []) cliHash.update(f).update(readFileSync(path.join(chunksDir, f)));
const cliSha256 = cliHash.digest('hex');

const running = new Set();
const scratch = [cliDir];

const CLK_TCK = 100;
/** Process groups whose CPU time counts as the server's (the Prefect server, PostgreSQL). */
const serverGroups = [];

/** CPU time (user + system, reaped children included) of every process in these process groups, in ms. */
function groupsCpuMs(groups) {
  if (groups.length === 0) return 0;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // after "pid (comm) ": state ppid pgrp … utime(14) stime cutime cstime
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (!groups.includes(Number(f[2]))) continue;
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return (ticks * 1000) / CLK_TCK;
}

/** The process group of the `prefect server start` listening on this port. */
function prefectServerGroup(port) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!cmd.includes('server') || !cmd.includes('start') || cmd[cmd.indexOf('--port') + 1] !== String(port)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    } catch {
      // gone
    }
  }
  return undefined;
}

/**
 * Runs a command to completion, timing spawn → exit. A non-zero exit or a timeout is an error.
 * With `memory`, samples the child's /proc/<pid>/status every 20 ms and keeps the largest VmHWM
 * (its peak resident set so far) as `peakRssKiB`; growth in its last < 20 ms can be missed.
 */
function timed(command, args, { cwd, env, memory = false }) {
  return new Promise((resolve, reject) => {
    const load1 = os.loadavg()[0];
    const cpu0 = groupsCpuMs(serverGroups);
    const start = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: COMMAND_TIMEOUT_MS, killSignal: 'SIGKILL' });
    running.add(child);
    let peakRssKiB = 0;
    const sample = () => {
      try {
        const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
        if (m) peakRssKiB = Math.max(peakRssKiB, Number(m[1]));
      } catch {
        // gone already
      }
    };
    const sampler = memory ? setInterval(sample, 20) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', () => clearInterval(sampler));
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      running.delete(child);
      if (code === 0) return resolve({ ms, stdout, stderr, peakRssKiB: memory ? peakRssKiB : undefined, serverCpuMs: groupsCpuMs(serverGroups) - cpu0, load1 });
      // A failure's reason can be printed long before the end among a thousand progress lines.
      const progress = /: (created|updated|unchanged) in [\d.]+m?s\b|deploy lock|^validated \d+ deployments/;
      const tail = `${stdout}\n${stderr}`
        .trim()
        .split('\n')
        .filter((line) => !progress.test(line))
        .slice(-40)
        .join('\n');
      reject(new Error(`${path.basename(command)} ${args.join(' ')} (in ${cwd}) ended with ${code ?? signal}:\n${tail}`));
    });
  });
}

function makeApi(apiUrl) {
  return async function api(method, route, body) {
    // SQLite answers 503 (database locked) under contention and may drop a kept-alive socket.
    for (let attempt = 1; ; attempt++) {
      let res;
      try {
        res = await fetch(`${apiUrl}${route}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (e) {
        if (attempt >= 5) throw e;
      }
      if (res?.ok) return res.status === 204 ? null : res.json();
      if (res && (res.status !== 503 || attempt >= 5)) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  };
}

/** Deletes every flow (which deletes its deployments) and any deployment left, so the next deploy really creates. */
async function resetServer(api) {
  for (const kind of ['flows', 'deployments']) {
    for (;;) {
      const items = await api('POST', `/${kind}/filter`, { limit: 200 });
      if (items.length === 0) break;
      // one at a time: parallel deletes make SQLite answer 503 (database locked)
      for (const item of items) await api('DELETE', `/${kind}/${item.id}`);
    }
  }
}

const deploymentCount = (api) => api('POST', '/deployments/count', {});

function generateProject(n) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `deploy-bench-${n}-`));
  scratch.push(dir);
  writeProject(dir, n);
  return dir;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs.map((x) => Math.round(x)) } : null);

function expectSummary(stdout, want, what) {
  // the summary may end with the run's duration ("… 0 failed in 2.1s")
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (line !== want && !line.startsWith(`${want} in `)) throw new Error(`${what}: expected "${want}", got "${line}"`);
}

/** The values of one field of some runs, without the runs that lack it. */
const field = (runs, key) => runs.map((r) => r[key]).filter((v) => typeof v === 'number');

async function main() {
  const started = new Date();
  const startLoad = os.loadavg();
  let pg;
  if (opts.db === 'postgres') {
    console.error('starting PostgreSQL (throw-away cluster, loopback)…');
    pg = await startPostgres();
    serverGroups.push(pg.pgid);
  }
  console.error(`starting a Prefect server (reference venv, loopback, ${pg ? 'PostgreSQL' : 'SQLite'})…`);
  let server;
  try {
    server = await startPrefectServer({ timeoutMs: 180_000, ...(pg ? { env: { PREFECT_API_DATABASE_CONNECTION_URL: pg.url } } : {}) });
  } catch (e) {
    await pg?.stop();
    throw e;
  }
  const serverGroup = prefectServerGroup(new URL(server.apiUrl).port);
  if (serverGroup !== undefined) serverGroups.push(serverGroup);
  const stopAll = async () => {
    for (const child of running) child.kill('SIGKILL');
    await server.stop();
    await pg?.stop();
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the server`);
      stopAll().finally(() => process.exit(130));
    });
  }

  try {
    const api = makeApi(server.apiUrl);
    const prefectBin = path.join(path.dirname(server.python), 'prefect');
    const prefectHome = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-home-'));
    scratch.push(prefectHome);
    // One environment for both sides: no PREFECT_* but the API URL and the reference's home.
    const env = cleanEnv({ PREFECT_API_URL: server.apiUrl, PREFECT_HOME: prefectHome });
    const reference = (args, cwd) => timed(prefectBin, args, { cwd, env });
    const ours = (args, cwd, nodeFlags = [], extraEnv = {}) => timed(process.execPath, [...nodeFlags, cli, ...args], { cwd, env: { ...env, ...extraEnv }, memory: true });
    // Ours keeps flow analyses and Node's compiled code between runs (docs/steps.md "Caches"). A first run
    // starts from an empty cache directory, as on a new runner; its re-run keeps what the first run
    // left, as on a self-hosted runner or with actions/cache; "without caches" turns them off.
    const freshCache = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-cache-'));
      scratch.push(dir);
      return { DEPLOY_ACTION_CACHE_DIR: dir };
    };
    const noCache = { DEPLOY_ACTION_CACHE: 'off' };
    const floor = async (bodies, mode, concurrency, cwd) => {
      const run = await timed(process.execPath, [floorScript, '--api-url', server.apiUrl, '--bodies', bodies, '--mode', mode, '--concurrency', String(concurrency)], {
        cwd,
        env,
      });
      return { ...run, report: JSON.parse(run.stdout.trim().split('\n').at(-1)) };
    };

    await api('POST', '/work_pools/', { name: POOL, type: 'process' });
    const prefectVersion = (await reference(['version'], repoRoot)).stdout.match(/Version:\s*(\S+)/)?.[1] ?? 'unknown';

    const results = [];
    /** One row: each side's runs ({ ms, serverCpuMs, load1, peakRssKiB }), floors by concurrency. */
    const record = (scenario, n, refRuns, ourRuns, note, floorRuns, versus) => {
      const r = { scenario, n, reference: stats(field(refRuns, 'ms')), ours: stats(field(ourRuns, 'ms')) };
      r.ratio = r.reference && r.ours ? r.reference.median / r.ours.median : null;
      if (floorRuns) {
        r.floor = Object.fromEntries(Object.entries(floorRuns).map(([c, runs]) => [c, stats(field(runs, 'ms'))]));
        const base = r.floor[ratioConcurrency];
        r.floorConcurrency = ratioConcurrency;
        r.oursOverFloor = base ? r.ours.median / base.median : null;
        // The server's CPU for the same reads comes in two levels (~0.65 s and ~1 s for a thousand
        // deployments, switching every run or two); a median of five can land on either level for
        // either side. Each side's fastest run is the one least slowed by it.
        r.oursOverFloorFastest = base ? r.ours.min / base.min : null;
        r.floorReports = Object.values(floorRuns)
          .flat()
          .map((x) => ({ ...x.report, wallMs: Math.round(x.ms), serverCpuMs: Math.round(x.serverCpuMs) }));
        r.floorServerCpuMs = Object.fromEntries(Object.entries(floorRuns).map(([c, runs]) => [c, stats(field(runs, 'serverCpuMs'))]));
      }
      if (versus) {
        // ours against another run of ours (the monorepo's changed-since against -n one deployment)
        r.versus = { label: versus.vsLabel, ...stats(field(versus.vs, 'ms')) };
        r.oursOverVersus = r.ours.median / r.versus.median;
      }
      const rss = field(ourRuns, 'peakRssKiB');
      if (rss.length) r.oursPeakRssMiB = stats(rss.map((k) => k / 1024));
      r.serverCpuMs = { reference: stats(field(refRuns, 'serverCpuMs')), ours: stats(field(ourRuns, 'serverCpuMs')) };
      r.load1 = stats([...field(refRuns, 'load1'), ...field(ourRuns, 'load1')]);
      if (note) r.note = note;
      results.push(r);
      console.error(
        `  ${scenario} N=${n}: reference ${r.reference ? fmt(r.reference.median) : '—'}, ours ${r.ours ? fmt(r.ours.median) : '—'}` +
          `${
            r.floor
              ? `, floor ${Object.entries(r.floor)
                  .map(([c, s]) => `c=${c} ${fmt(s.median)}`)
                  .join(' ')}`
              : ''
          }` +
          `${r.oursPeakRssMiB ? `, peak RSS ${r.oursPeakRssMiB.max.toFixed(0)} MiB` : ''}, load ${r.load1 ? r.load1.median.toFixed(1) : '—'}`,
      );
    };

    // Warm-up, untimed: file caches, .pyc files, the reference's PREFECT_HOME, the server's first writes.
    console.error('warming up…');
    const warm = generateProject(1);
    await reference(['--help'], warm);
    await ours(['--help'], warm);
    await reference(['--no-prompt', 'deploy', '--all'], warm);
    await ours(['deploy', '--all', ...oursFlags], warm);
    await resetServer(api);

    if (!onlyExtra) {
      console.error(`cold start (${coldReps} reps)…`);
      const cold = { ref: [], ours: [] };
      for (let r = 0; r < coldReps; r++) {
        cold.ref.push(await reference(['--help'], warm));
        cold.ours.push(await ours(['--help'], warm, [], freshCache()));
      }
      record('cold start: --help', 0, cold.ref, cold.ours);
    }

    for (const n of onlyExtra ? [] : sizes) {
      const reps = repsFor(n);
      const withReference = n <= referenceMax;
      const dir = generateProject(n);
      console.error(`N=${n} (${reps} reps${withReference ? '' : ', ours only'})…`);

      // The floor's bodies: our offline plan, computed once, untimed.
      const bodies = path.join(dir, 'floor-bodies.json');
      if (withReference) writeFileSync(bodies, (await ours(['plan', '--all', '--offline', '--json'], dir)).stdout);

      const offline = { ref: [], ours: [] };
      for (let r = 0; r < reps; r++) {
        if (withReference) offline.ref.push(await timed(server.python, [referenceLoad], { cwd: dir, env }));
        const plan = await ours(['plan', '--all', '--offline'], dir, [], freshCache());
        if (!plan.stdout.includes(`${n} deployment`)) throw new Error(`plan --offline N=${n}: unexpected output:\n${plan.stdout.slice(0, 500)}`);
        offline.ours.push(plan);
      }
      record('plan --all --offline', n, offline.ref, offline.ours, 'reference: CLI import + load_flow_from_entrypoint + parameter_schema (bench/reference-load.py)');

      // Interleaved so that drift (thermal, server database growth, other load) hits both sides alike.
      const t = { refFirst: [], refRerun: [], oursFirst: [], oursFirstSerial: [], oursRerun: [], oursRerunNoCache: [] };
      const fl = { create: Object.fromEntries(floorConcurrencies.map((c) => [c, []])), read: Object.fromEntries(floorConcurrencies.map((c) => [c, []])) };
      for (let r = 0; r < reps; r++) {
        if (withReference) {
          await resetServer(api);
          t.refFirst.push(await reference(['--no-prompt', 'deploy', '--all'], dir));
          if ((await deploymentCount(api)) !== n) throw new Error(`reference deploy N=${n}: server holds ${await deploymentCount(api)} deployments`);
          t.refRerun.push(await reference(['--no-prompt', 'deploy', '--all'], dir));
        }

        await resetServer(api);
        const cache = freshCache();
        const first = await ours(['deploy', '--all', ...oursFlags], dir, [], cache);
        expectSummary(first.stdout, `${n} created, 0 updated, 0 unchanged, 0 failed`, `our first deploy N=${n}`);
        t.oursFirst.push(first);
        const rerun = await ours(['deploy', '--all', ...oursFlags], dir, [], cache);
        expectSummary(rerun.stdout, `0 created, 0 updated, ${n} unchanged, 0 failed`, `our re-deploy N=${n}`);
        t.oursRerun.push(rerun);
        const rerunNoCache = await ours(['deploy', '--all', ...oursFlags], dir, [], noCache);
        expectSummary(rerunNoCache.stdout, `0 created, 0 updated, ${n} unchanged, 0 failed`, `our re-deploy without caches N=${n}`);
        t.oursRerunNoCache.push(rerunNoCache);

        if (withReference) {
          // The floor of a re-run: the bulk reads (the deployments exist: ours just wrote them).
          for (const c of floorConcurrencies) fl.read[c].push(await floor(bodies, 'read', c, dir));
          // The floor of a first run: create each flow and deployment, nothing else.
          for (const c of floorConcurrencies) {
            await resetServer(api);
            fl.create[c].push(await floor(bodies, 'create', c, dir));
            if ((await deploymentCount(api)) !== n) throw new Error(`floor create N=${n}: server holds ${await deploymentCount(api)} deployments`);
          }
        }

        if (!opts['skip-serial']) {
          // The same first run one deployment at a time: SQLite serialises writes, and parallel
          // writers that hit "database is locked" are answered 503 and retried with backoff.
          await resetServer(api);
          const serial = await ours(['deploy', '--all', '--concurrency', '1'], dir);
          expectSummary(serial.stdout, `${n} created, 0 updated, 0 unchanged, 0 failed`, `our serial first deploy N=${n}`);
          t.oursFirstSerial.push(serial);
        }
      }
      record(
        'deploy --all, first run (creates)',
        n,
        t.refFirst,
        t.oursFirst,
        oursFlags.length ? `ours with ${oursFlags.join(' ')}` : undefined,
        withReference ? fl.create : undefined,
      );
      if (!opts['skip-serial']) {
        record(
          'deploy --all --concurrency 1, first run',
          n,
          t.refFirst,
          t.oursFirstSerial,
          'ours one at a time; reference: the same first-run samples as above (it always deploys one at a time)',
        );
      }
      record(
        'deploy --all, re-run',
        n,
        t.refRerun,
        t.oursRerun,
        'reference updates every deployment; ours finds them unchanged and writes nothing, with the caches its first run left; floor: the bulk reads a re-run needs',
        withReference ? fl.read : undefined,
      );
      record(
        'deploy --all, re-run without caches',
        n,
        t.refRerun,
        t.oursRerunNoCache,
        'ours with DEPLOY_ACTION_CACHE=off (a new runner without actions/cache)',
        withReference ? fl.read : undefined,
      );

      if (n === profileN) {
        // Untimed: where our time goes (node --cpu-prof; summarise with bench/profile-summary.mjs).
        const profDir = path.join(repoRoot, 'bench/results', `profile-${n}`);
        rmSync(profDir, { recursive: true, force: true });
        mkdirSync(profDir, { recursive: true });
        await resetServer(api);
        await ours(['deploy', '--all', ...oursFlags], dir, ['--cpu-prof', '--cpu-prof-dir', path.join(profDir, 'first'), '--cpu-prof-interval', '200']);
        await ours(['deploy', '--all', ...oursFlags], dir, ['--cpu-prof', '--cpu-prof-dir', path.join(profDir, 'rerun'), '--cpu-prof-interval', '200']);
        await ours(['plan', '--all', '--offline'], dir, ['--cpu-prof', '--cpu-prof-dir', path.join(profDir, 'offline'), '--cpu-prof-interval', '200']);
        console.error(`  profiles: ${path.relative(repoRoot, profDir)}`);
      }
    }

    if (monorepo.reps > 0 && !opts['faults-only']) {
      // Several projects in one run and --changed-since (bench/monorepo.mjs).
      let profileDir;
      if (opts['monorepo-profile']) {
        profileDir = path.join(repoRoot, 'bench/results', 'profile-monorepo');
        rmSync(profileDir, { recursive: true, force: true });
        mkdirSync(profileDir, { recursive: true });
      }
      await monorepoScenario({
        ours,
        floor,
        freshCache,
        resetServer: () => resetServer(api),
        deploymentCount: () => deploymentCount(api),
        scratch,
        record,
        log: (line) => console.error(line),
        profileDir,
        ...monorepo,
      });
      if (profileDir) console.error(`  profiles: ${path.relative(repoRoot, profileDir)}`);
    }

    for (const mix of fault.reps > 0 && !opts['monorepo-only'] ? fault.mixes : []) {
      // Converging through faults (bench/faults.mjs): each side re-run until it exits 0.
      console.error(
        `faults (${mix}): N=${fault.n} with triggers, ${fault.reps} reps, rate ${fault.rate}, up to ${fault.maxRuns} runs / ${fault.capMs / 1000} s per side and rep…`,
      );
      const samples = await faultScenario({
        api,
        apiUrl: server.apiUrl,
        scratch,
        ...fault,
        kinds: FAULT_MIXES[mix],
        log: (line) => console.error(line),
        sides: {
          reference: (proxyUrl) => ({ command: prefectBin, args: ['--no-prompt', 'deploy', '--all'], env: { ...env, PREFECT_API_URL: proxyUrl } }),
          ours: (proxyUrl) => ({ command: process.execPath, args: [cli, 'deploy', '--all', ...oursFlags], env: { ...env, ...freshCache(), PREFECT_API_URL: proxyUrl } }),
        },
      });
      const converged = (xs) => xs.filter((x) => x.converged);
      record(
        `deploy --all until exit 0, ${Math.round(fault.rate * 100)} % faults (${mix === 'all' ? 'every kind' : 'no 500'})`,
        fault.n,
        converged(samples.reference),
        converged(samples.ours),
        'sum of the runs until the first exit 0 (converged repetitions only); see faults',
      );
      const summary = (xs) => ({
        converged: `${converged(xs).length}/${xs.length}`,
        runs: stats(xs.map((x) => x.runs)),
        faultShare: stats(xs.map((x) => x.faultShare)),
        errorFaultShare: stats(xs.map((x) => x.errorFaultShare)),
        duplicateAutomations: xs.map((x) => x.state.duplicateAutomations),
        missingAutomations: xs.map((x) => x.state.missingAutomations),
        exact: xs.map((x) => x.state.exact),
      });
      results.at(-1).faults = {
        mix,
        rate: fault.rate,
        seeds: samples.ours.map((x) => x.seed),
        maxRuns: fault.maxRuns,
        capSeconds: fault.capMs / 1000,
        reference: summary(samples.reference),
        ours: summary(samples.ours),
        samples,
      };
    }

    printTable(results);
    printFaults(results);
    const out = {
      started: started.toISOString(),
      finished: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}` },
      loadavg: { start: startLoad, end: os.loadavg() },
      node: process.version,
      cli: { file: path.relative(repoRoot, builtCli), sha256: cliSha256, oursFlags },
      prefect: prefectVersion,
      server: `prefect server start --no-services, loopback, ${pg ? pg.version : 'SQLite'}`,
      db: opts.db,
      serverCpu: 'CPU time (user + system) of the Prefect server process group (and PostgreSQL with --db postgres) during each timed run, ms',
      reps: { small: Number(opts.reps), large: Number(opts['reps-large']), huge: Number(opts['reps-huge']), cold: coldReps },
      monorepo: monorepo.reps > 0 ? monorepo : undefined,
      referenceMax,
      floor: {
        script: 'bench/floor.mjs',
        concurrency: floorConcurrencies,
        ratioConcurrency,
        note: 'wall time spawn to exit, like the others; bodies from plan --all --offline --json',
      },
      memory: 'ours: max VmHWM of /proc/<pid>/status sampled every 20 ms (MiB)',
      unit: 'ms (wall time, spawn to exit)',
      results,
    };
    const outDir = path.join(repoRoot, 'bench/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.error(`\nwritten: ${path.relative(repoRoot, path.join(outDir, 'latest.json'))}`);
  } finally {
    await stopAll();
  }
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const range = (s) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '—');

function printTable(results) {
  const cs = floorConcurrencies;
  const cpu = (s) => (s ? fmt(s.median) : '—');
  const rows = [
    [
      'scenario',
      'N',
      'reference median (min–max)',
      'ours median (min–max)',
      ...cs.map((c) => `floor c=${c}`),
      'ref/ours',
      `ours/floor c=${ratioConcurrency}`,
      'ours peak RSS',
      'server CPU ref / ours',
      'load',
    ],
  ];
  for (const r of results) {
    rows.push([
      r.scenario,
      r.n ? String(r.n) : '–',
      range(r.reference),
      range(r.ours),
      ...cs.map((c) => (r.floor?.[c] ? fmt(r.floor[c].median) : '—')),
      r.ratio === null ? '—' : `${r.ratio.toFixed(1)}×`,
      r.oursOverFloor != null
        ? `${r.oursOverFloor.toFixed(2)}× (fastest ${r.oursOverFloorFastest.toFixed(2)}×)`
        : r.oursOverVersus != null
          ? `${r.oursOverVersus.toFixed(2)}× vs ${fmt(r.versus.median)} (-n)`
          : '—',
      r.oursPeakRssMiB ? `${r.oursPeakRssMiB.max.toFixed(0)} MiB` : '—',
      `${cpu(r.serverCpuMs?.reference)} / ${cpu(r.serverCpuMs?.ours)}`,
      r.load1 ? r.load1.median.toFixed(1) : '—',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row) => `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log();
  console.log(line(rows[0]));
  console.log(`|${widths.map((w, c) => (c === 0 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

function printFaults(results) {
  for (const r of results.filter((x) => x.faults)) printFaultRow(r);
}

function printFaultRow(r) {
  const side = (name, s, times) => [
    name,
    times ? range(times) : 'did not converge',
    s.converged,
    s.runs ? `${s.runs.median} (${s.runs.min}–${s.runs.max})` : '—',
    s.faultShare ? `${(s.faultShare.median * 100).toFixed(0)} % (${(s.errorFaultShare.median * 100).toFixed(0)} % errors)` : '—',
    s.duplicateAutomations.join(', '),
    s.missingAutomations.join(', '),
    s.exact.map((e) => (e ? 'yes' : 'NO')).join(', '),
  ];
  const rows = [
    ['side', 'time to converge median (min–max)', 'converged', 'runs median (min–max)', 'requests faulted', 'duplicate automations', 'missing', 'exact state'],
    side('reference', r.faults.reference, r.reference),
    side('ours', r.faults.ours, r.ours),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  console.log(
    `\nConverging through faults (${r.faults.mix}): N=${r.n} deployments with triggers, rate ${r.faults.rate}, seeds ${r.faults.seeds.join(', ')}; ratio reference/ours ${r.ratio === null ? '—' : `${r.ratio.toFixed(1)}×`}`,
  );
  for (const row of rows) console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
}

main()
  .catch((e) => {
    console.error(`bench failed: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(cliDir, { recursive: true, force: true }));

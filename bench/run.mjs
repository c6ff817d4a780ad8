#!/usr/bin/env node
/**
 * `npm run bench`: wall time of `prefect deploy` (the reference, from the venv) against ours
 * (`dist/cli.js`) on synthetic projects of N deployments, against a throw-away Prefect server on
 * loopback. Prints medians, min/max and the ratio reference/ours, and writes
 * bench/results/latest.json. Not part of `npm test`: speed is measured here, never asserted.
 *
 *   npm run bench [-- --sizes 1,10,50 --reps 5 --reps-large 3 --cold-reps 10]
 *
 * Node 24 strips the types of the shared server helper (a .ts file with only erasable syntax).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanEnv, startPrefectServer } from '../__tests__/setup/prefect-server.ts';
import { POOL, generateProject as writeProject } from './project.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtCli = path.join(repoRoot, 'dist/cli.js');
const referenceLoad = path.join(repoRoot, 'bench/reference-load.py');
const COMMAND_TIMEOUT_MS = 600_000;

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10,50' },
    reps: { type: 'string', default: '5' },
    'reps-large': { type: 'string', default: '3' },
    'cold-reps': { type: 'string', default: '10' },
  },
});
const sizes = opts.sizes.split(',').map(Number);
const repsFor = (n) => (n > 10 ? Number(opts['reps-large']) : Number(opts.reps));
const coldReps = Number(opts['cold-reps']);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(repsFor(1) >= 1) || !(repsFor(50) >= 1) || !(coldReps >= 1)) {
  console.error('usage: npm run bench [-- --sizes 1,10,50 --reps 5 --reps-large 3 --cold-reps 10]');
  process.exit(2);
}
if (!existsSync(builtCli)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}
// A snapshot, so that a rebuild during the run (it takes minutes) cannot mix two versions.
const cliDir = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-cli-'));
const cli = path.join(cliDir, 'cli.js');
copyFileSync(builtCli, cli);
const cliSha256 = createHash('sha256').update(readFileSync(cli)).digest('hex');

const running = new Set();
const scratch = [cliDir];

/** Runs a command to completion, timing spawn → exit. A non-zero exit or a timeout is an error. */
function timed(command, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: COMMAND_TIMEOUT_MS, killSignal: 'SIGKILL' });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      running.delete(child);
      if (code === 0) return resolve({ ms, stdout, stderr });
      const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
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

/** Deletes every deployment and flow, so the next deploy really creates. */
async function resetServer(api) {
  for (const kind of ['deployments', 'flows']) {
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
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (line !== want) throw new Error(`${what}: expected "${want}", got "${line}"`);
}

async function main() {
  const started = new Date();
  const startLoad = os.loadavg();
  console.error('starting a Prefect server (reference venv, loopback, SQLite)…');
  const server = await startPrefectServer({ timeoutMs: 120_000 });
  const stopAll = async () => {
    for (const child of running) child.kill('SIGKILL');
    await server.stop();
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
    const ours = (args, cwd) => timed(process.execPath, [cli, ...args], { cwd, env });

    await api('POST', '/work_pools/', { name: POOL, type: 'process' });
    const prefectVersion = (await reference(['version'], repoRoot)).stdout.match(/Version:\s*(\S+)/)?.[1] ?? 'unknown';

    const results = [];
    const record = (scenario, n, ref, our, note) => {
      const r = { scenario, n, reference: stats(ref), ours: stats(our) };
      r.ratio = r.reference && r.ours ? r.reference.median / r.ours.median : null;
      if (note) r.note = note;
      results.push(r);
      console.error(`  ${scenario} N=${n}: reference ${r.reference ? fmt(r.reference.median) : '—'}, ours ${fmt(r.ours.median)}`);
    };

    // Warm-up, untimed: file caches, .pyc files, the reference's PREFECT_HOME, the server's first writes.
    console.error('warming up…');
    const warm = generateProject(1);
    await reference(['--help'], warm);
    await ours(['--help'], warm);
    await reference(['--no-prompt', 'deploy', '--all'], warm);
    await ours(['deploy', '--all'], warm);
    await resetServer(api);

    console.error(`cold start (${coldReps} reps)…`);
    const cold = { ref: [], ours: [] };
    for (let r = 0; r < coldReps; r++) {
      cold.ref.push((await reference(['--help'], warm)).ms);
      cold.ours.push((await ours(['--help'], warm)).ms);
    }
    record('cold start: --help', 0, cold.ref, cold.ours);

    for (const n of sizes) {
      const reps = repsFor(n);
      const dir = generateProject(n);
      console.error(`N=${n} (${reps} reps)…`);

      const offline = { ref: [], ours: [] };
      for (let r = 0; r < reps; r++) {
        offline.ref.push((await timed(server.python, [referenceLoad], { cwd: dir, env })).ms);
        const plan = await ours(['plan', '--all', '--offline'], dir);
        if (!plan.stdout.includes(`${n} deployment`)) throw new Error(`plan --offline N=${n}: unexpected output:\n${plan.stdout.slice(0, 500)}`);
        offline.ours.push(plan.ms);
      }
      record('plan --all --offline', n, offline.ref, offline.ours, 'reference: CLI import + load_flow_from_entrypoint + parameter_schema (bench/reference-load.py)');

      // Interleaved so that drift (thermal, server database growth) hits both sides alike.
      const t = { refFirst: [], refRerun: [], oursFirst: [], oursFirstSerial: [], oursRerun: [] };
      for (let r = 0; r < reps; r++) {
        await resetServer(api);
        t.refFirst.push((await reference(['--no-prompt', 'deploy', '--all'], dir)).ms);
        if ((await deploymentCount(api)) !== n) throw new Error(`reference deploy N=${n}: server holds ${await deploymentCount(api)} deployments`);
        t.refRerun.push((await reference(['--no-prompt', 'deploy', '--all'], dir)).ms);

        await resetServer(api);
        const first = await ours(['deploy', '--all'], dir);
        expectSummary(first.stdout, `${n} created, 0 updated, 0 unchanged, 0 failed`, `our first deploy N=${n}`);
        t.oursFirst.push(first.ms);
        const rerun = await ours(['deploy', '--all'], dir);
        expectSummary(rerun.stdout, `0 created, 0 updated, ${n} unchanged, 0 failed`, `our re-deploy N=${n}`);
        t.oursRerun.push(rerun.ms);

        // The same first run one deployment at a time: SQLite serialises writes, and parallel
        // writers that hit "database is locked" are answered 503 and retried with backoff.
        await resetServer(api);
        const serial = await ours(['deploy', '--all', '--concurrency', '1'], dir);
        expectSummary(serial.stdout, `${n} created, 0 updated, 0 unchanged, 0 failed`, `our serial first deploy N=${n}`);
        t.oursFirstSerial.push(serial.ms);
      }
      record('deploy --all, first run (creates)', n, t.refFirst, t.oursFirst);
      record('deploy --all --concurrency 1, first run', n, t.refFirst, t.oursFirstSerial, 'ours one at a time; reference: the same first-run samples as above (it always deploys one at a time)');
      record('deploy --all, re-run', n, t.refRerun, t.oursRerun, 'reference updates every deployment; ours finds them unchanged and writes nothing');
    }

    printTable(results);
    const out = {
      started: started.toISOString(),
      finished: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}` },
      loadavg: { start: startLoad, end: os.loadavg() },
      node: process.version,
      cli: { file: 'dist/cli.js', sha256: cliSha256 },
      prefect: prefectVersion,
      server: 'prefect server start --no-services, loopback, SQLite',
      reps: { small: repsFor(1), large: repsFor(50), cold: coldReps },
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
  const rows = [['scenario', 'N', 'reference median (min–max)', 'ours median (min–max)', 'ref/ours']];
  for (const r of results) rows.push([r.scenario, r.n ? String(r.n) : '–', range(r.reference), range(r.ours), r.ratio === null ? '—' : `${r.ratio.toFixed(1)}×`]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row) => `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log();
  console.log(line(rows[0]));
  console.log(`|${widths.map((w, c) => (c === 0 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

main()
  .catch((e) => {
    console.error(`bench failed: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(cliDir, { recursive: true, force: true }));

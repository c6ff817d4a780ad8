#!/usr/bin/env node
/**
 * `npm run bench:steps`: the bucket push step, ours against prefect-aws 0.7.12's `push_to_s3` from
 * the reference venv, on a moto S3 server on loopback (started here, stopped at the end).
 *
 *   npm run bench:steps [-- --files 2000 --mb 100 --reps 3 --deploy-files 200 --deploy-mb 10 --cli dist/cli.js]
 *
 * Scenarios (reference and ours alternate within each repetition):
 *   push, first       an empty folder; every file is uploaded
 *   push, unchanged   the same tree again (the reference uploads everything again; ours lists,
 *                     hashes and skips)
 *   deploy --all      a prefect.yaml of 10 deployments sharing one top-level push_to_s3 (and a pull
 *                     step templated from its outputs): `prefect deploy --all` from the venv against
 *                     `node <cli> deploy --all`, both against a throw-away Prefect server; objects
 *                     written are counted as object versions (the bucket is versioned)
 *
 * With --latency-ms N (N > 0), the first push is timed once more through a loopback proxy that
 * holds every chunk N/2 ms in each direction: each request pays one round trip of N ms, as from a
 * CI runner to a cloud bucket. moto's own CPU time is recorded for each step scenario: it answers
 * on one core (one Python process), which bounds how fast any client can go against it.
 *
 * The step scenarios time the step call inside its process (after Python has imported prefect_aws,
 * after Node has loaded the bundle), and also spawn → exit. Ours is `src/steps/storage/s3.ts`
 * bundled with esbuild into a temporary file (what dist/ ships); the deploy scenario runs the CLI
 * given by --cli (default dist/cli.js; build it first). Speed is measured, never asserted.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, DeleteObjectsCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { startPeer } from '../__tests__/setup/peer-process.ts';
import { cleanEnv, startPrefectServer } from '../__tests__/setup/prefect-server.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    mb: { type: 'string', default: '100' },
    reps: { type: 'string', default: '3' },
    'deploy-files': { type: 'string', default: '200' },
    'deploy-mb': { type: 'string', default: '10' },
    'deploy-reps': { type: 'string', default: '3' },
    cli: { type: 'string', default: path.join(repoRoot, 'dist/cli.js') },
    'skip-deploy': { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '0' },
  },
});
const FILES = Number(opts.files);
const BYTES = Number(opts.mb) * 1e6;
const REPS = Number(opts.reps);
const DEPLOY_REPS = Number(opts['deploy-reps']);
const DEPLOYMENTS = 10;
const referencePython = path.join(repoRoot, '.venv-ref/bin/python');
const referencePrefect = path.join(repoRoot, '.venv-ref/bin/prefect');
if (!opts['skip-deploy'] && !existsSync(opts.cli)) {
  console.error(`${opts.cli} is missing: run npm run build first (or pass --cli, or --skip-deploy)`);
  process.exit(2);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-steps-'));
const running = new Set();

/** Runs to completion, timing spawn → exit; a non-zero exit is an error carrying the output's tail. */
function timed(command, args, { cwd, env, input }) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.stdin.end(input ?? '');
    child.on('close', (code, signal) => {
      running.delete(child);
      const ms = performance.now() - start;
      if (code === 0) return resolve({ ms, stdout, stderr });
      const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
      reject(new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} ended with ${code ?? signal}:\n${tail}`));
    });
  });
}

/**
 * `files` files of `bytes` in total, random (incompressible) content: most of them small source-like
 * files of 1–45 kB spread over nested directories, plus a tenth of the bytes in a few files above
 * boto3's 8 MiB multipart threshold and a few of 2–5 MB.
 */
function writeTree(root, files, bytes) {
  const large = bytes >= 50e6 ? [9e6, 9e6] : [];
  const medium = bytes >= 20e6 ? Array.from({ length: 8 }, () => 4e6) : [];
  const rest = bytes - [...large, ...medium].reduce((a, b) => a + b, 0);
  // The small ones spread from 0.1× to 1.9× their average, deterministically.
  const weights = Array.from({ length: files - large.length - medium.length - 1 }, (_, i) => 0.1 + (1.8 * ((i * 7919) % 100)) / 100);
  const unit = rest / weights.reduce((a, b) => a + b, 0);
  const sizes = [...large, ...medium, ...weights.map((w) => Math.max(1, Math.round(w * unit)))];
  sizes.forEach((size, i) => {
    const dir = path.join(root, 'pkg', `mod_${i % 20}`, `sub_${i % 7}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `file_${i}.${size > 1e6 ? 'bin' : 'py'}`), randomBytes(size));
  });
  writeFileSync(path.join(root, '.prefectignore'), '__pycache__/\n*.pyc\n.git/\n.venv\n.env\n');
  return sizes.reduce((a, b) => a + b, 0);
}

/** The pid of the process whose command line holds `needle` (Linux /proc), for CPU accounting. */
function findPid(needle) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').includes(needle)) return Number(entry);
    } catch {
      // gone
    }
  }
  return null;
}

/** CPU time (user + system) a process has used so far, in ms; clock ticks are 10 ms on Linux. */
function cpuMs(pid) {
  if (pid === null) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A TCP proxy to `port` that delays every chunk by `oneWayMs` in each direction (order kept). */
function latencyProxy(port, oneWayMs) {
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    const relay = (from, to) => {
      from.on('data', (chunk) => setTimeout(() => to.write(chunk), oneWayMs));
      from.on('end', () => setTimeout(() => to.end(), oneWayMs));
      from.on('error', () => to.destroy());
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, close: () => server.close() })));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs.map((x) => Math.round(x)) });
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function main() {
  const startLoad = os.loadavg();
  const moto = await startPeer({
    name: 'moto',
    executable: path.join(repoRoot, '.venv-peers/bin/moto_server'),
    args: (port) => ['-H', '127.0.0.1', '-p', String(port)],
    ready: async (port) => (await fetch(`http://127.0.0.1:${port}/moto-api/data.json`)).ok,
  });
  moto.endpoint = `http://127.0.0.1:${moto.port}`;
  const motoPid = findPid(`-p ${moto.port}`);
  let server;
  const stopAll = async () => {
    for (const child of running) child.kill('SIGKILL');
    await server?.stop();
    await moto.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  try {
    const credentials = { aws_access_key_id: 'bench', aws_secret_access_key: 'bench' };
    const client_parameters = { endpoint_url: moto.endpoint };
    const s3 = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
    /** Deletes every object version; returns how many there were (= objects written, in a versioned bucket). */
    const emptyBucket = async (bucket) => {
      let versions = 0;
      for (;;) {
        const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
        const all = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key, VersionId: v.VersionId }));
        versions += page.Versions?.length ?? 0;
        if (all.length === 0) return versions;
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: all } }));
      }
    };
    for (const bucket of ['bench-ref', 'bench-ours', 'bench-deploy']) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'bench-deploy', VersioningConfiguration: { Status: 'Enabled' } }));

    // Ours: the step module bundled as dist/ bundles it, driven by a few lines that time the call.
    const bundle = path.join(scratch, 's3-step.mjs');
    await build({
      entryPoints: [path.join(repoRoot, 'src/steps/storage/s3.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const driver = path.join(scratch, 'driver.mjs');
    writeFileSync(
      driver,
      `import { pushToS3 } from ${JSON.stringify(bundle)};
const { cwd, inputs } = JSON.parse(await new Promise((r) => { let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => r(s)); }));
const lines = [];
const start = performance.now();
await pushToS3(inputs, { name: 'prefect_aws.deployments.steps.push_to_s3', cwd, env: process.env, signal: undefined, log: (l) => lines.push(l), chdir() {} });
console.log(JSON.stringify({ ms: performance.now() - start, lines }));
`,
    );
    const referenceDriver = `
import json, os, sys, time
from prefect_aws.deployments.steps import push_to_s3
job = json.load(sys.stdin)
os.chdir(job["cwd"])
start = time.perf_counter()
push_to_s3(**job["inputs"])
print(json.dumps({"ms": (time.perf_counter() - start) * 1000}))
`;
    const env = cleanEnv({ PREFECT_HOME: path.join(scratch, 'prefect-home'), AWS_EC2_METADATA_DISABLED: 'true' });
    const runStep = async (side, cwd, bucket, folder, endpoint = moto.endpoint) => {
      const input = JSON.stringify({ cwd, inputs: { bucket, folder, credentials, client_parameters: { ...client_parameters, endpoint_url: endpoint } } });
      const cpuBefore = cpuMs(motoPid);
      const run =
        side === 'ref' ? await timed(referencePython, ['-c', referenceDriver], { cwd, env, input }) : await timed(process.execPath, [driver], { cwd, env, input });
      const out = JSON.parse(run.stdout.trim().split('\n').at(-1));
      return { wall: run.ms, step: out.ms, lines: out.lines, motoCpu: cpuMs(motoPid) - cpuBefore };
    };

    const tree = path.join(scratch, 'tree');
    const total = writeTree(tree, FILES, BYTES);
    console.error(`tree: ${FILES} files, ${(total / 1e6).toFixed(1)} MB; moto at ${moto.endpoint}`);

    // Warm-up, untimed: page cache, .pyc files, moto's first requests.
    await runStep('ref', tree, 'bench-ref', 'warm');
    await runStep('ours', tree, 'bench-ours', 'warm');
    await emptyBucket('bench-ref');
    await emptyBucket('bench-ours');

    const t = {
      refFirst: [],
      refAgain: [],
      oursFirst: [],
      oursAgain: [],
      wall: { refFirst: [], refAgain: [], oursFirst: [], oursAgain: [] },
      moto: { refFirst: [], refAgain: [], oursFirst: [], oursAgain: [] },
    };
    for (let r = 0; r < REPS; r++) {
      console.error(`push rep ${r + 1}/${REPS}…`);
      for (const side of r % 2 ? ['ours', 'ref'] : ['ref', 'ours']) {
        const bucket = side === 'ref' ? 'bench-ref' : 'bench-ours';
        await emptyBucket(bucket);
        const first = await runStep(side, tree, bucket, 'project');
        const again = await runStep(side, tree, bucket, 'project');
        t[`${side}First`].push(first.step);
        t[`${side}Again`].push(again.step);
        t.wall[`${side}First`].push(first.wall);
        t.wall[`${side}Again`].push(again.wall);
        t.moto[`${side}First`].push(first.motoCpu);
        t.moto[`${side}Again`].push(again.motoCpu);
        if (side === 'ours') t.oursSummary = again.lines.at(-1);
        console.error(
          `  ${side}: first ${fmt(first.step)} (moto CPU ${fmt(first.motoCpu)}), unchanged ${fmt(again.step)}${side === 'ours' ? ` (${again.lines.at(-1).trim()})` : ''}`,
        );
      }
    }
    await emptyBucket('bench-ref');
    await emptyBucket('bench-ours');

    const results = [
      row('push_to_s3, first push (step call)', t.refFirst, t.oursFirst, undefined, undefined, { reference: stats(t.moto.refFirst), ours: stats(t.moto.oursFirst) }),
      row('push_to_s3, first push (spawn → exit)', t.wall.refFirst, t.wall.oursFirst),
      row('push_to_s3, unchanged tree (step call)', t.refAgain, t.oursAgain, undefined, undefined, { reference: stats(t.moto.refAgain), ours: stats(t.moto.oursAgain) }),
      row('push_to_s3, unchanged tree (spawn → exit)', t.wall.refAgain, t.wall.oursAgain),
    ];

    const latency = Number(opts['latency-ms']);
    if (latency > 0) {
      const proxy = await latencyProxy(moto.port, latency / 2);
      const through = `http://127.0.0.1:${proxy.port}`;
      const l = { ref: [], ours: [] };
      for (let r = 0; r < REPS; r++) {
        console.error(`push through ${latency} ms RTT, rep ${r + 1}/${REPS}…`);
        for (const side of r % 2 ? ['ours', 'ref'] : ['ref', 'ours']) {
          const bucket = side === 'ref' ? 'bench-ref' : 'bench-ours';
          await emptyBucket(bucket);
          const run = await runStep(side, tree, bucket, 'project', through);
          l[side].push(run.step);
          console.error(`  ${side}: ${fmt(run.step)}`);
        }
      }
      proxy.close();
      await emptyBucket('bench-ref');
      await emptyBucket('bench-ours');
      results.push(row(`push_to_s3, first push through ${latency} ms RTT (step call)`, l.ref, l.ours));
    }

    if (!opts['skip-deploy']) {
      console.error('deploy --all: starting a Prefect server…');
      server = await startPrefectServer({ timeoutMs: 120_000 });
      const project = path.join(scratch, 'deploy-project');
      writeDeployProject(project, Number(opts['deploy-files']), Number(opts['deploy-mb']) * 1e6);
      const api = (method, route, body) =>
        fetch(`${server.apiUrl}${route}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) }).then(async (res) => {
          if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
          return res.status === 204 ? null : res.json();
        });
      await api('POST', '/work_pools/', { name: 'bench-pool', type: 'process' });
      const reset = async () => {
        for (const flow of await api('POST', '/flows/filter', { limit: 200 })) await api('DELETE', `/flows/${flow.id}`);
        await emptyBucket('bench-deploy');
      };
      const files = Number(opts['deploy-files']);
      const deployEnv = { ...env, PREFECT_API_URL: server.apiUrl, S3_ENDPOINT: moto.endpoint };
      const deploy = async (side) => {
        await reset();
        const run =
          side === 'ref'
            ? await timed(referencePrefect, ['--no-prompt', 'deploy', '--all'], { cwd: project, env: deployEnv })
            : await timed(process.execPath, [opts.cli, 'deploy', '--all'], { cwd: project, env: deployEnv });
        const count = (await api('POST', '/deployments/count', {})) ?? 0;
        if (count !== DEPLOYMENTS) throw new Error(`${side} deploy left ${count} deployments, expected ${DEPLOYMENTS}`);
        // Each object written is a version; the project's own files (the tree, flows/etl.py, prefect.yaml) once.
        const versions = await emptyBucket('bench-deploy');
        return { ms: run.ms, objects: versions, pushes: versions / (files + 2) };
      };
      await deploy('ref');
      await deploy('ours');
      const d = { ref: [], ours: [], objects: {} };
      for (let r = 0; r < DEPLOY_REPS; r++) {
        console.error(`deploy rep ${r + 1}/${DEPLOY_REPS}…`);
        for (const side of r % 2 ? ['ours', 'ref'] : ['ref', 'ours']) {
          const run = await deploy(side);
          d[side].push(run.ms);
          d.objects[side] = run.objects;
          console.error(`  ${side}: ${fmt(run.ms)}, ${run.objects} objects written (${run.pushes.toFixed(1)} × the tree)`);
        }
      }
      results.push(row(`deploy --all, ${DEPLOYMENTS} deployments sharing one push (spawn → exit)`, d.ref, d.ours, d.objects.ref, d.objects.ours));
    }

    printTable(results);
    const out = {
      finished: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}` },
      loadavg: { start: startLoad, end: os.loadavg() },
      node: process.version,
      tree: { files: FILES, bytes: total },
      deployTree: opts['skip-deploy'] ? null : { files: Number(opts['deploy-files']), bytes: Number(opts['deploy-mb']) * 1e6 },
      reps: REPS,
      peer: 'moto_server on loopback (.venv-peers), one process',
      oursLastUnchangedSummary: t.oursSummary,
      unit: 'ms',
      results,
    };
    const outDir = path.join(repoRoot, 'bench/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'steps-latest.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.error(`\nwritten: bench/results/steps-latest.json`);
  } finally {
    await stopAll();
  }
}

function row(scenario, ref, ours, refObjects, oursObjects, motoCpu) {
  const r = { scenario, reference: stats(ref), ours: stats(ours) };
  r.ratio = r.reference.median / r.ours.median;
  if (refObjects !== undefined) r.objectsWritten = { reference: refObjects, ours: oursObjects };
  if (motoCpu) r.motoCpuMs = motoCpu;
  return r;
}

/** 10 deployments of one flow file, one top-level push_to_s3 and a pull step templated from it. */
function writeDeployProject(dir, files, bytes) {
  writeTree(dir, files, bytes);
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  writeFileSync(path.join(dir, 'flows', 'etl.py'), 'from prefect import flow\n\n\n@flow\ndef etl(region: str = "eu"):\n    print(region)\n');
  const deployments = Array.from({ length: DEPLOYMENTS }, (_, i) =>
    [`  - name: etl-${i}`, '    entrypoint: flows/etl.py:etl', `    parameters: {region: r${i}}`, '    work_pool: {name: bench-pool}'].join('\n'),
  ).join('\n');
  writeFileSync(
    path.join(dir, 'prefect.yaml'),
    `name: bench-steps
prefect-version: 3.9.1
push:
  - prefect_aws.deployments.steps.push_to_s3:
      id: push_code
      bucket: bench-deploy
      folder: project
      credentials: {aws_access_key_id: bench, aws_secret_access_key: bench}
      client_parameters: {endpoint_url: "{{ $S3_ENDPOINT }}"}
pull:
  - prefect_aws.deployments.steps.pull_from_s3:
      bucket: "{{ push_code.bucket }}"
      folder: "{{ push_code.folder }}"
deployments:
${deployments}
`,
  );
}

function printTable(results) {
  const rows = [['scenario', 'reference median (min–max)', 'ours median (min–max)', 'ref/ours', 'moto CPU ref / ours', 'objects written ref / ours']];
  for (const r of results) {
    rows.push([
      r.scenario,
      `${fmt(r.reference.median)} (${fmt(r.reference.min)}–${fmt(r.reference.max)})`,
      `${fmt(r.ours.median)} (${fmt(r.ours.min)}–${fmt(r.ours.max)})`,
      `${r.ratio.toFixed(1)}×`,
      r.motoCpuMs ? `${fmt(r.motoCpuMs.reference.median)} / ${fmt(r.motoCpuMs.ours.median)}` : '',
      r.objectsWritten ? `${r.objectsWritten.reference} / ${r.objectsWritten.ours}` : '',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((x) => x[c].length)));
  const line = (x) => `| ${x.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log();
  console.log(line(rows[0]));
  console.log(`|${widths.map((w, c) => (c === 0 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`);
  for (const x of rows.slice(1)) console.log(line(x));
}

main().catch((e) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
});

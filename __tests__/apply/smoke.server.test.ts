/**
 * Smoke runs against a real Prefect server with a real process worker (the reference venv's
 * `prefect worker start --type process`): `deploy --smoke` runs the deployed flow code and passes
 * only when the run reaches Completed; a flow that raises, one that outlives `--smoke-timeout`, and
 * a smoke name that is not deployed fail the deploy.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { run as runAction } from '../../src/github/main.js';
import { parseOutputs } from '../github/run-action.js';
import { PrefectClient } from '../../src/prefect/index.js';
import { removeTempProjects, tempDir, tempProject } from '../support/temp-project.js';

const apiUrl = inject('prefectApiUrl');
const prefectBin = path.join(path.dirname(inject('referencePython')), 'prefect');
const tag = `smoke${Date.now().toString(36)}`;
const pool = `${tag}-pool`;
const client = new PrefectClient({ env: { PREFECT_API_URL: apiUrl } });
let worker: ChildProcess | undefined;
let workerLog = '';
let dir: string;

/** The reference's settings for the CLI and worker: this server, a PREFECT_HOME of their own, a worker that polls every second. */
function prefectEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PREFECT_')) env[k] = v;
  return { ...env, PREFECT_API_URL: apiUrl, PREFECT_HOME: home, PREFECT_WORKER_QUERY_SECONDS: '1', PREFECT_WORKER_PREFETCH_SECONDS: '1', PYTHONUNBUFFERED: '1' };
}

const FLOWS = `import time

from prefect import flow


@flow(name="${tag}-ok", log_prints=True)
def ok(who: str = "world"):
    print(f"hello {who}")


@flow(name="${tag}-boom")
def boom():
    raise ValueError("boom from the flow")


@flow(name="${tag}-slow")
def slow():
    time.sleep(120)
`;

function prefectYaml(projectDir: string): string {
  const deployment = (name: string, fn: string) => `  - name: ${name}\n    entrypoint: flows/smoke.py:${fn}\n    work_pool:\n      name: ${pool}\n`;
  return `pull:
  - prefect.deployments.steps.set_working_directory:
      directory: ${JSON.stringify(projectDir)}
deployments:
${deployment('ok', 'ok')}${deployment('boom', 'boom')}${deployment('slow', 'slow')}`;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['deploy', '--all', ...args], {
    stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    cwd: dir,
    env: { PREFECT_API_URL: apiUrl, NO_COLOR: '1' },
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

/** The action door in-process (as __tests__/github/door.test.ts drives it): INPUT_* in, the log and the outputs out. */
async function action(inputs: Record<string, string>): Promise<{ exitCode: number; stdout: string; outputs: Record<string, string> }> {
  const outputFile = path.join(tempDir('smoke-action-'), 'github-output.txt');
  writeFileSync(outputFile, '');
  const saved = { ...process.env };
  const savedCwd = process.cwd();
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_') || k.startsWith('PREFECT_')) delete process.env[k];
  Object.assign(process.env, { GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: dir });
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  process.chdir(dir);
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  };
  process.exitCode = undefined;
  try {
    await runAction({ git: () => Promise.reject(new Error('not a git repository')) });
  } finally {
    process.stdout.write = write;
    process.chdir(savedCwd);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { exitCode, stdout, outputs: parseOutputs(readFileSync(outputFile, 'utf8')) };
}

beforeAll(async () => {
  const home = tempDir('smoke-home-');
  await promisify(execFile)(prefectBin, ['work-pool', 'create', '--type', 'process', pool], { env: prefectEnv(home) });
  worker = spawn(prefectBin, ['worker', 'start', '--pool', pool, '--type', 'process'], { env: prefectEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  worker.stdout!.on('data', (b: Buffer) => (workerLog += b.toString()));
  worker.stderr!.on('data', (b: Buffer) => (workerLog += b.toString()));
  // Smoke timeouts count from the run's creation: the worker must be polling before the first one.
  const deadline = Date.now() + 60_000;
  while ((await client.readWorkersForPool(pool, true)).length === 0) {
    if (Date.now() > deadline || worker.exitCode !== null) throw new Error(`the process worker did not come online:\n${workerLog}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  dir = tempProject({ 'flows/smoke.py': FLOWS }, 'smoke-');
  writeFileSync(path.join(dir, 'prefect.yaml'), prefectYaml(dir));
}, 120_000);

afterAll(() => {
  worker?.kill('SIGTERM');
  client.close();
  removeTempProjects();
});

describe('deploy --smoke with a real process worker', () => {
  it('passes when the run completes, and the NAME=JSON parameters reach the flow', async () => {
    const r = await cli(['--json', '--smoke', `ok={"who": "smoke-tester"}`]);
    expect(r.code, `${r.stderr}\n${workerLog}`).toBe(0);
    const json = JSON.parse(r.stdout) as { smoke: Array<{ deployment: string; run_id: string; status: string; state: string; logs: string[] }>; failure_reason: null };
    expect(json.failure_reason).toBeNull();
    expect(json.smoke).toHaveLength(1);
    expect(json.smoke[0]).toMatchObject({ deployment: `${tag}-ok/ok`, status: 'completed', state: 'Completed' });
    const run = await client.readFlowRun(json.smoke[0]!.run_id);
    expect(run.parameters).toEqual({ who: 'smoke-tester' });
    expect(run.state?.type).toBe('COMPLETED');
    expect(json.smoke[0]!.logs.join('\n')).toContain('hello smoke-tester');
    expect(r.stderr).toMatch(new RegExp(`^smoke: ${tag}-ok/ok run [\\w-]+: Completed after \\d+\\.\\ds$`, 'm'));
  }, 120_000);

  it('fails (exit 1, smoke-failed) on a flow that raises, with its state message in one line', async () => {
    const r = await cli(['--smoke', `${tag}-boom/boom`, '--smoke', 'ok']);
    expect(r.code, `${r.stdout}\n${r.stderr}\n${workerLog}`).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^smoke: ${tag}-boom/boom run [\\w-]+: Failed after \\d+\\.\\ds: .*ValueError: boom from the flow$`, 'm'));
    // The other run went on beside it and passed.
    expect(r.stdout + r.stderr).toMatch(new RegExp(`^smoke: ${tag}-ok/ok run [\\w-]+: Completed after`, 'm'));
    expect(r.stdout).toContain('smoke: 1 completed, 1 failed');
  }, 120_000);

  it('fails a run that outlives --smoke-timeout, and cancels it', async () => {
    const started = Date.now();
    const r = await cli(['--json', '--smoke', 'slow', '--smoke-timeout', '5']);
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toMatch(new RegExp(`^smoke: ${tag}-slow/slow run [\\w-]+: not Completed within 5s \\(still \\w+; cancelled it\\)$`, 'm'));
    const json = JSON.parse(r.stdout) as { smoke: Array<{ run_id: string; status: string }>; failure_reason: string };
    expect(json.failure_reason).toBe('smoke-failed');
    expect(json.smoke[0]!.status).toBe('timed-out');
    const run = await client.readFlowRun(json.smoke[0]!.run_id);
    expect(['CANCELLING', 'CANCELLED']).toContain(run.state?.type);
  }, 120_000);

  it('refuses a smoke name that is not deployed before anything is written', async () => {
    const other = tempProject({ 'flows/smoke.py': FLOWS.replaceAll(`${tag}-`, `${tag}-unwritten-`) }, 'smoke-refused-');
    writeFileSync(path.join(other, 'prefect.yaml'), prefectYaml(other));
    let stderr = '';
    let stdout = '';
    const code = await main(['deploy', '--all', '--json', '--smoke', 'nightly'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += `${t}\n`),
      cwd: other,
      env: { PREFECT_API_URL: apiUrl, NO_COLOR: '1' },
      now: () => new Date(),
    });
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { failure_reason: string; errors: Array<{ message: string }> };
    expect(json.failure_reason).toBe('invalid-input');
    expect(json.errors.map((e) => e.message)).toEqual([expect.stringContaining('smoke "nightly" is not among the deployments this deploy registers')]);
    expect(await client.readDeploymentByName(`${tag}-unwritten-ok`, 'ok')).toBeUndefined();
  }, 60_000);

  it('the action: smoke input, a group per run with its last log lines, failure-reason smoke-failed', async () => {
    const r = await action({ mode: 'deploy', all: 'true', 'api-url': apiUrl, smoke: `${tag}-boom/boom\nok={"who": "the-action"}`, 'smoke-timeout': '90' });
    expect(r.exitCode, r.stdout).toBe(1);
    expect(r.outputs['failure-reason']).toBe('smoke-failed');
    expect(r.stdout).toMatch(new RegExp(`^::group::smoke: ${tag}-ok/ok run [\\w-]+: Completed after \\d+\\.\\ds$`, 'm'));
    expect(r.stdout).toContain('hello the-action');
    // The job summary (and plan-markdown) gets a row per run.
    expect(r.outputs['plan-markdown']).toContain('#### ❌ Smoke runs: 1 of 2 did not complete');
    expect(r.outputs['plan-markdown']).toMatch(new RegExp(`\\| \`${tag}-ok/ok\` \\| \`[\\w-]+\` \\| ✅ Completed \\|`));
    expect(r.stdout).toMatch(new RegExp(`^::error::smoke: ${tag}-boom/boom run [\\w-]+: Failed after \\d+\\.\\ds: .*boom from the flow$`, 'm'));
  }, 120_000);
});

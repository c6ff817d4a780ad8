/**
 * `plan --detailed-exitcode` as a drift check, run as a CI job runs the CLI, against a real Prefect
 * server: deployed by our own deploy, then changed through the API the way the Prefect UI changes it
 * (the same requests its deployment page sends), and the exit code tells: 0 in sync, 2 the server
 * differs from prefect.yaml, 1 an error.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { baseEnv, spawnCli } from './spawn-cli.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `drift-${RUN}`;

const api = serverApi(apiUrl, { alsoOk: [409] });

const FLOWS = `from prefect import flow


@flow(name="drift-load-${RUN}")
def load(day: str = "today"):
    """Loads a day."""


@flow(name="drift-report-${RUN}")
def report(limit: int = 10):
    """Reports."""
`;

// nightly says paused: false, so a pause in the UI is a difference; weekly says nothing about it.
const YAML = `pull:
  - prefect.deployments.steps.set_working_directory:
      directory: /opt/flows
deployments:
  - name: nightly
    entrypoint: flows/f.py:load
    parameters: {day: yesterday}
    paused: false
    schedules:
      - cron: "0 2 * * *"
        slug: nightly-run
    work_pool: {name: ${POOL}}
  - name: weekly
    entrypoint: flows/f.py:report
    schedules:
      - cron: "0 3 * * 1"
    work_pool: {name: ${POOL}}
`;

let dir: string;
let env: Record<string, string>;
const cli = (...args: string[]) => spawnCli(args, { cwd: dir, env });
const deployment = async (name: string) =>
  (await api('GET', `/deployments/name/drift-${name === 'nightly' ? 'load' : 'report'}-${RUN}/${name}`)) as { id: string; schedules: { id: string }[] };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cli-drift-'));
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), FLOWS);
  writeFileSync(path.join(dir, 'prefect.yaml'), YAML);
  env = { ...baseEnv(dir), PREFECT_API_URL: apiUrl, NO_COLOR: '1' };
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plan --detailed-exitcode', () => {
  beforeEach(async () => {
    // Each case starts from the server as prefect.yaml says: our deploy puts back what the UI changed.
    const deployed = await cli('deploy', '--all', '--no-lock');
    expect(deployed.code, deployed.stderr).toBe(0);
    const inSync = await cli('plan', '--all', '--detailed-exitcode');
    expect(inSync.code, inSync.stdout + inSync.stderr).toBe(0);
  }, 120_000);

  it('exits 0 when the server is as prefect.yaml says, with the dotenv report saying no changes', async () => {
    const result = await cli('plan', '--all', '--detailed-exitcode', '--dotenv', 'plan.env');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('unchanged');
    expect(readFileSync(path.join(dir, 'plan.env'), 'utf8')).toContain('PREFECT_PLAN_HAS_CHANGES=false');
    expect((await cli('plan', '--all', '--detailed-exitcode', '--project', '.')).code).toBe(0);
  });

  it('exits 2 when parameters were edited in the UI (PATCH /deployments/{id})', async () => {
    const { id } = await deployment('nightly');
    await api('PATCH', `/deployments/${id}`, { parameters: { day: 'last-week' } });
    const result = await cli('plan', '--all', '--detailed-exitcode', '--json');
    expect(result.code, result.stderr).toBe(2);
    const json = JSON.parse(result.stdout) as { deployments: { name: string; action: string; changes: { field: string }[] }[] };
    expect(json.deployments.map((d) => [d.name, d.action, d.changes.map((c) => c.field)])).toEqual([
      ['nightly', 'updated', ['parameters']],
      ['weekly', 'unchanged', []],
    ]);
    // The same over projects (--project): the check is per project, the exit code for the run.
    expect((await cli('plan', '--all', '--detailed-exitcode', '--project', '.')).code).toBe(2);
  });

  it('exits 2 when a schedule was turned off in the UI (PATCH /deployments/{id}/schedules/{schedule_id})', async () => {
    const { id, schedules } = await deployment('weekly');
    await api('PATCH', `/deployments/${id}/schedules/${schedules[0]!.id}`, { active: false });
    const result = await cli('plan', '--all', '--detailed-exitcode');
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toContain('a schedule turned off on the server is turned back on');
  });

  it('exits 2 when a deployment prefect.yaml sets paused: false on was paused in the UI (POST /deployments/{id}/pause_deployment)', async () => {
    const { id } = await deployment('nightly');
    await api('POST', `/deployments/${id}/pause_deployment`);
    const result = await cli('plan', '--all', '--detailed-exitcode', '--json');
    expect(result.code, result.stderr).toBe(2);
    const json = JSON.parse(result.stdout) as { deployments: { name: string; changes: { field: string }[] }[] };
    expect(json.deployments[0]!.changes.map((c) => c.field)).toEqual(['paused']);
  });

  it('exits 0 for a pause in the UI prefect.yaml does not manage (no paused key: a deploy keeps it), and says so', async () => {
    const { id } = await deployment('weekly');
    await api('POST', `/deployments/${id}/pause_deployment`);
    const result = await cli('plan', '--all', '--detailed-exitcode');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('paused on the server: stays paused');
    await api('POST', `/deployments/${id}/resume_deployment`);
  });

  it('exits 2 when a deployment was deleted on the server', async () => {
    const { id } = await deployment('weekly');
    await api('DELETE', `/deployments/${id}`);
    const result = await cli('plan', '--all', '--detailed-exitcode', '--dotenv', 'plan.env');
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toMatch(/weekly[\s\S]*create/);
    // Drift is what a detailed plan was asked for, not a failed job: later jobs read success and the changes.
    const dotenv = readFileSync(path.join(dir, 'plan.env'), 'utf8');
    expect(dotenv).toContain('PREFECT_DEPLOY_STATUS=success');
    expect(dotenv).toContain('PREFECT_PLAN_HAS_CHANGES=true');
    expect(dotenv).toMatch(/DEPLOYMENTS_TO_CREATE=.*weekly/);
  });
});

describe('plan --detailed-exitcode errors exit 1, never 2', () => {
  it('an invalid prefect.yaml', async () => {
    writeFileSync(path.join(dir, 'broken.yaml'), 'deployments:\n  - name: x\n    entrypoint: flows/missing.py:nope\n');
    const result = await cli('plan', '--all', '--detailed-exitcode', '--prefect-file', 'broken.yaml');
    expect(result.code, result.stderr).toBe(1);
  });

  it('no server to compare with (no PREFECT_API_URL, or --offline)', async () => {
    const offline = await cli('plan', '--all', '--detailed-exitcode', '--offline');
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('error: --detailed-exitcode compares with the server: set PREFECT_API_URL and drop --offline');
    const none = await spawnCli(['plan', '--all', '--detailed-exitcode'], { cwd: dir, env: baseEnv(dir) });
    expect(none.code).toBe(1);
  });

  it('drift whose result file cannot be written (the error wins over the drift)', async () => {
    const { id } = await deployment('nightly');
    await api('PATCH', `/deployments/${id}`, { parameters: { day: 'drifted' } });
    const result = await cli('plan', '--all', '--detailed-exitcode', '--output-file', 'prefect.yaml/plan.json');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('error: cannot write the result');
  });

  it('a usage error (2 without the flag)', async () => {
    expect((await cli('plan', '--all', '--no-such-flag')).code).toBe(2);
    expect((await cli('plan', '--all', '--detailed-exitcode', '--no-such-flag')).code).toBe(1);
  });

  it('a server that cannot be reached', async () => {
    const result = await spawnCli(['plan', '--all', '--detailed-exitcode'], { cwd: dir, env: { ...env, PREFECT_API_URL: 'http://127.0.0.1:9/api' }, timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(1);
  }, 130_000);
});

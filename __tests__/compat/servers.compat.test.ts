/**
 * The server releases a deploy supports: the differential corpus deployed from scratch to a Prefect
 * server of each release (3.4 to 3.9, each from its locked venv, one server at a time), then
 * deployed again, which must write nothing; a field the release cannot store is refused before any
 * write; the update path (a changed schedule) on each.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PrefectClient } from '../../src/prefect/index.js';
import { serverHas } from '../../src/prefect/server-version.js';
import { startPrefectServer, type PrefectServer } from '../setup/prefect-server.js';
import { api, clearServer, ours, prepare, PROJECTS, type ProjectCase } from '../support/server-corpus.js';

const venvs = inject('compatVenvs');
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Projects setting a field older releases lack: the release it needs, and the message's start. */
const NEEDS: Record<string, { since: string; field: string }> = {
  options: { since: '3.6.6', field: 'concurrency_limit.grace_period_seconds' },
  concurrency: { since: '3.6.6', field: 'concurrency_limit.grace_period_seconds' },
};

async function deploymentNames(apiUrl: string): Promise<string[]> {
  const all = (await api(apiUrl, 'POST', '/deployments/filter', { limit: 200 })) as { name: string }[];
  return all.map((d) => d.name).sort();
}

interface DeployJson {
  deployments: { name: string; flow: string; action: string; changes: string[] }[];
  errors?: { file: string; line?: number; column?: number; deployment?: string; message: string }[];
}

/** `prefect-deploy deploy --all --json` in `dir`: its exit code, the actions taken and the errors. */
async function deployCli(
  dir: string,
  apiUrl: string,
  extra: readonly string[] = [],
): Promise<{ code: number; actions: Record<string, [string, string[]]>; errors: DeployJson['errors'] }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['deploy', '--all', '--json', ...extra], {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, PREFECT_API_URL: apiUrl },
    now: () => new Date(),
  });
  let json: DeployJson;
  try {
    json = JSON.parse(stdout) as DeployJson;
  } catch {
    throw new Error(`prefect-deploy deploy --all --json exited ${code} without JSON:\n${stdout}\n${stderr}`);
  }
  return { code, errors: json.errors, actions: Object.fromEntries(json.deployments.map((d) => [`${d.flow}/${d.name}`, [d.action, d.changes]])) };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compat-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const FLOW = `from prefect import flow


@flow(name="compat-job")
def job(n: int = 1):
    """A job."""
`;

const yaml = (schedule: string, extra = '') => `deployments:
  - name: unscheduled
    entrypoint: flows/job.py:job
    work_pool: {name: compat-pool}
  - name: scheduled
    entrypoint: flows/job.py:job
    work_pool: {name: compat-pool}
    schedules:
      - ${schedule}
        slug: main${extra}
`;

describe.each(venvs.map((v) => [v.version, v] as const))('prefect server %s', (version, { python }) => {
  let server: PrefectServer | undefined;
  let apiUrl = '';
  beforeAll(async () => {
    server = await startPrefectServer({ python, timeoutMs: 240_000 });
    apiUrl = server.apiUrl;
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('reports its release', async () => {
    const client = new PrefectClient({ apiUrl, env: {} });
    try {
      expect(await client.serverVersion()).toBe(version);
    } finally {
      client.close();
    }
  });

  it.each(PROJECTS.map((p) => [p.title, p] as const))(
    '%s: deploys from scratch, and a second deploy writes nothing',
    async (_title, p: ProjectCase) => {
      await clearServer(apiUrl);
      const ws = await prepare(apiUrl, p);
      cleanups.push(ws.cleanup);
      const needs = NEEDS[p.title];
      if (needs && !serverHas(version, needs.since)) {
        await expect(ours(apiUrl, p, ws)).rejects.toThrow(`${needs.field} needs Prefect server ${needs.since} or newer, and this server runs ${version}`);
        expect(await deploymentNames(apiUrl), 'nothing is written').toEqual([]);
        return;
      }
      const first = await ours(apiUrl, p, ws);
      expect([...first.actions.values()].map(([action]) => action)).toEqual([...first.actions.values()].map(() => 'created'));
      const second = await ours(apiUrl, p, ws);
      expect(Object.fromEntries(second.actions)).toEqual(Object.fromEntries([...second.actions.keys()].map((key) => [key, ['unchanged', []]])));
    },
    180_000,
  );

  it('marks what it writes with its owner label, and --prune deletes the marked deployment prefect.yaml no longer has', async () => {
    await clearServer(apiUrl);
    await api(apiUrl, 'POST', '/work_pools/', { name: 'compat-pool', type: 'process' }, [409]);
    const dir = project({ 'flows/job.py': FLOW, 'prefect.yaml': yaml('cron: "0 6 * * *"') });
    expect((await deployCli(dir, apiUrl, ['--owner', 'compat'])).actions).toEqual({ 'compat-job/unscheduled': ['created', []], 'compat-job/scheduled': ['created', []] });
    const stored = (await api(apiUrl, 'POST', '/deployments/filter', {})) as { name: string; labels?: Record<string, unknown> }[];
    expect(stored.map((d) => [d.name, d.labels?.['deploy-action.owner']]).sort()).toEqual([
      ['scheduled', 'compat'],
      ['unscheduled', 'compat'],
    ]);
    writeFileSync(path.join(dir, 'prefect.yaml'), yaml('cron: "0 6 * * *"').replace(/ {2}- name: unscheduled\n.*\n.*\n/, ''));
    expect((await deployCli(dir, apiUrl, ['--owner', 'compat', '--prune'])).actions).toEqual({
      'compat-job/scheduled': ['unchanged', []],
      'compat-job/unscheduled': ['deleted', []],
    });
    expect(await deploymentNames(apiUrl)).toEqual(['scheduled']);
  }, 120_000);

  it('updates a changed schedule in place, and writes nothing when deployed again', async () => {
    await clearServer(apiUrl);
    await api(apiUrl, 'POST', '/work_pools/', { name: 'compat-pool', type: 'process' }, [409]);
    const dir = project({ 'flows/job.py': FLOW, 'prefect.yaml': yaml('cron: "0 6 * * *"') });
    expect((await deployCli(dir, apiUrl)).actions).toEqual({ 'compat-job/unscheduled': ['created', []], 'compat-job/scheduled': ['created', []] });
    writeFileSync(path.join(dir, 'prefect.yaml'), yaml('interval: 900'));
    expect((await deployCli(dir, apiUrl)).actions).toEqual({ 'compat-job/unscheduled': ['unchanged', []], 'compat-job/scheduled': ['updated', ['schedules']] });
    expect((await deployCli(dir, apiUrl)).actions).toEqual({ 'compat-job/unscheduled': ['unchanged', []], 'compat-job/scheduled': ['unchanged', []] });
    const [scheduled] = (await api(apiUrl, 'POST', '/deployments/filter', { deployments: { name: { any_: ['scheduled'] } } })) as { id: string }[];
    const schedules = (await api(apiUrl, 'GET', `/deployments/${scheduled!.id}/schedules`)) as { slug: string; schedule: { interval?: number } }[];
    expect(schedules.map((s) => [s.slug, Number(s.schedule.interval)])).toEqual([['main', 900]]);
  }, 120_000);

  it("refuses, before any write, a schedule's replaces the release cannot store, or stores it", async () => {
    await clearServer(apiUrl);
    await api(apiUrl, 'POST', '/work_pools/', { name: 'compat-pool', type: 'process' }, [409]);
    const dir = project({ 'flows/job.py': FLOW, 'prefect.yaml': yaml('cron: "0 6 * * *"', '\n        replaces: old-main') });
    const result = await deployCli(dir, apiUrl);
    if (serverHas(version, '3.6.17')) {
      expect(result.actions).toEqual({ 'compat-job/unscheduled': ['created', []], 'compat-job/scheduled': ['created', []] });
      return;
    }
    expect(result.code).not.toBe(0);
    expect(result.errors).toEqual([
      {
        file: 'prefect.yaml',
        line: 11,
        column: 19,
        deployment: 'scheduled',
        message: `schedules[0].replaces needs Prefect server 3.6.17 or newer, and this server runs ${version} (it would refuse the deployment); upgrade the server or remove schedules[0].replaces`,
      },
    ]);
    expect(await deploymentNames(apiUrl), 'nothing is written, the deployment without schedules neither').toEqual([]);
    // The plan against the server says the same.
    let planned = '';
    const planCode = await main(['plan', '--all'], {
      stdout: (t) => (planned += `${t}\n`),
      stderr: (t) => (planned += `${t}\n`),
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, PREFECT_API_URL: apiUrl },
      now: () => new Date(),
    });
    expect(planCode).not.toBe(0);
    expect(planned).toContain(`schedules[0].replaces needs Prefect server 3.6.17 or newer, and this server runs ${version}`);
  }, 60_000);
});

/**
 * `prefect-deploy deploy` against a real Prefect server: created / updated / unchanged, no writes
 * for an unchanged deployment, all-or-nothing validation, and agreement with the reference: after
 * `prefect deploy` has registered a project, our deploy of the same project finds nothing to change.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { deploy } from '../../src/core/apply/index.js';
import { newPlanCache } from '../../src/core/plan/index.js';
import { PrefectClient } from '../../src/prefect/index.js';
import { prefectTemplateSources } from '../../src/core/templating/index.js';
import { stepRunner } from '../../src/steps/index.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';
import { serverApi } from '../support/server-api.js';

const run = promisify(execFile);
const apiUrl = inject('prefectApiUrl');
const python = inject('referencePython');
const prefectBin = path.join(path.dirname(python), 'prefect');

const FLOWS = `from datetime import timedelta
from prefect import flow


@flow(name="deploy-e2e")
def e2e(day: str = "today", retries: int = 1):
    """End-to-end flow.

    Args:
        day: Which day to load.
    """


@flow
def other(window: timedelta = timedelta(minutes=5)):
    """Another flow."""
`;

const yaml = (pool: string, param = 'yesterday') => `
deployments:
  - name: nightly
    entrypoint: flows/f.py:e2e
    parameters: {day: ${param}}
    tags: [e2e, nightly]
    schedules:
      - cron: "0 2 * * *"
        timezone: Europe/Paris
        slug: nightly
    concurrency_limit: {limit: 1, collision_strategy: CANCEL_NEW}
    triggers:
      - expect: [prefect.flow-run.Failed]
        match_related: {prefect.resource.id: "prefect.flow.*"}
        parameters: {day: "{{ event.occurred }}"}
    work_pool: {name: ${pool}}
  - name: hourly
    entrypoint: flows/f.py:other
    schedules:
      - interval: 3600
    work_pool: {name: ${pool}, job_variables: {env: {A: "1"}}}
`;

const api = serverApi(apiUrl, { alsoOk: [409] });

async function ours(dir: string, args: string[], url = apiUrl) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: dir,
    env: { PREFECT_API_URL: url },
    now: () => new Date(),
  });
  return { code, stdout, stderr, json: args.includes('--json') ? JSON.parse(stdout) : undefined };
}

const dirs: string[] = [];
let proxy: RecordingProxy;
beforeAll(async () => {
  proxy = await startRecordingProxy(apiUrl);
});
afterAll(async () => {
  await proxy.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(pool: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-e2e-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), FLOWS);
  writeFileSync(path.join(dir, 'prefect.yaml'), yaml(pool));
  return dir;
}

describe('prefect-deploy deploy', () => {
  it('creates, then leaves unchanged deployments untouched (no write request), then updates only what changed', async () => {
    const pool = 'e2e-pool-ours';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);

    const first = await ours(dir, ['deploy', '--all', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json.deployments.map((d: { action: string }) => d.action)).toEqual(['created', 'created']);
    const id = first.json.deployments[0].id as string;
    const stored = (await api('GET', `/deployments/${id}`)) as Record<string, unknown>;
    expect(stored).toMatchObject({ name: 'nightly', parameters: { day: 'yesterday' }, tags: ['e2e', 'nightly'], work_pool_name: pool });
    const automations = (await api('GET', `/automations/related-to/prefect.deployment.${id}`)) as { name: string }[];
    expect(automations.map((a) => a.name)).toEqual(['nightly__automation_1']);

    proxy.requests.length = 0;
    const second = await ours(dir, ['deploy', '--all', '--json'], proxy.apiUrl);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json.deployments.map((d: { action: string }) => d.action)).toEqual(['unchanged', 'unchanged']);
    expect(proxy.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/filter') && !r.path.endsWith('/count'))).toEqual([]);

    writeFileSync(path.join(dir, 'prefect.yaml'), yaml(pool, 'today'));
    const third = await ours(dir, ['deploy', '-n', 'nightly', '--json']);
    expect(third.json.deployments).toEqual([expect.objectContaining({ name: 'nightly', action: 'updated', changes: ['parameters'], id })]);
    const after = (await api('GET', `/automations/related-to/prefect.deployment.${id}`)) as { id: string }[];
    expect(after.map((a) => a.id)).toEqual((automations as unknown as { id: string }[]).map((a) => a.id));
  });

  it('shows the live plan: update with the field-level change, and unchanged', async () => {
    const pool = 'e2e-pool-plan';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);
    expect((await ours(dir, ['deploy', '--all'])).code).toBe(0);
    writeFileSync(path.join(dir, 'prefect.yaml'), yaml(pool, 'tomorrow'));
    const plan = await ours(dir, ['plan', '--all']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('0 to create, 1 to update, 1 unchanged');
    expect(plan.stdout).toContain('~ deploy-e2e/nightly (update: parameters)');
    // The field's YAML as a diff, as the PR comment shows it.
    expect(plan.stdout).toContain(['     parameters:', '    -  day: yesterday', '    +  day: tomorrow'].join('\n'));
    expect(plan.stdout).toContain('= other/hourly (unchanged)');
  });

  it('keeps a deployment paused on the server paused unless prefect.yaml says paused: false', async () => {
    const pool = 'e2e-pool-paused';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);
    const first = await ours(dir, ['deploy', '--all', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const id = first.json.deployments[0].id as string;
    await api('PATCH', `/deployments/${id}`, { paused: true });

    const plan = await ours(dir, ['plan', '--all']);
    expect(plan.stdout).toContain('paused on the server: stays paused');
    const again = await ours(dir, ['deploy', '--all', '--json']);
    expect(again.json.deployments.map((d: { action: string }) => d.action)).toEqual(['unchanged', 'unchanged']);
    expect(((await api('GET', `/deployments/${id}`)) as { paused: boolean }).paused).toBe(true);

    // a change elsewhere updates the deployment and still leaves it paused
    writeFileSync(path.join(dir, 'prefect.yaml'), yaml(pool, 'today'));
    const changed = await ours(dir, ['deploy', '-n', 'nightly', '--json']);
    expect(changed.json.deployments).toEqual([expect.objectContaining({ action: 'updated', changes: ['parameters'] })]);
    expect(((await api('GET', `/deployments/${id}`)) as { paused: boolean }).paused).toBe(true);

    writeFileSync(path.join(dir, 'prefect.yaml'), yaml(pool, 'today').replace('    tags: [e2e, nightly]', '    paused: false\n    tags: [e2e, nightly]'));
    expect((await ours(dir, ['plan', '-n', 'nightly'])).stdout).toContain('deploying un-pauses it, as prefect.yaml says paused: false');
    const unpaused = await ours(dir, ['deploy', '-n', 'nightly', '--json']);
    expect(unpaused.json.deployments).toEqual([expect.objectContaining({ action: 'updated', changes: ['paused'] })]);
    expect(((await api('GET', `/deployments/${id}`)) as { paused: boolean }).paused).toBe(false);
  });

  it('finds nothing to change after prefect deploy registered the same project but its ownership mark, then nothing at all', async () => {
    const pool = 'e2e-pool-ref';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);
    await run(prefectBin, ['--no-prompt', 'deploy', '--all'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', PREFECT_API_URL: apiUrl, PREFECT_HOME: path.join(dir, '.prefect-home') },
      timeout: 180_000,
    });
    const after = await ours(dir, ['deploy', '--all', '--json']);
    expect(after.code, after.stderr).toBe(0);
    // The one deliberate difference: the deployments get this project's `deploy-action.owner` label (docs/prune.md).
    expect(after.json.deployments.map((d: { action: string; changes: string[] }) => [d.action, d.changes])).toEqual([
      ['updated', ['owner']],
      ['updated', ['owner']],
    ]);
    const again = await ours(dir, ['deploy', '--all', '--json']);
    expect(again.json.deployments.map((d: { action: string; changes: string[] }) => [d.action, d.changes])).toEqual([
      ['unchanged', []],
      ['unchanged', []],
    ]);
  });

  it('applies SLAs only on Prefect Cloud: a self-hosted server gets a notice, not a failure', async () => {
    const pool = 'e2e-pool-sla';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);
    const result = await ours(dir, ['deploy', '-n', 'hourly', '--sla', '{"name": "late", "within": 600}']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/deployment "hourly": SLAs are a Prefect Cloud feature/);
  });

  it('resolves blocks and variables against the server, and names a missing block and its deployment', async () => {
    const pool = 'e2e-pool-blocks';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);
    writeFileSync(
      path.join(dir, 'prefect.yaml'),
      `deployments:\n  - name: blocky\n    entrypoint: flows/f.py:e2e\n    parameters: {day: "{{ prefect.variables.e2e_day }}", who: "{{ prefect.variables.e2e_missing }}"}\n    tags: ["{{ prefect.blocks.secret.e2e-nope }}"]\n    work_pool: {name: ${pool}}\n`,
    );
    await api('POST', '/variables/', { name: 'e2e_day', value: 'monday' });
    const missing = await ours(dir, ['plan', '--all']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^prefect\.yaml:2:5: deployment "blocky": .*e2e-nope/m);
    writeFileSync(
      path.join(dir, 'prefect.yaml'),
      (await import('node:fs')).readFileSync(path.join(dir, 'prefect.yaml'), 'utf8').replace('tags: ["{{ prefect.blocks.secret.e2e-nope }}"]', 'tags: [x]'),
    );
    const ok = await ours(dir, ['plan', '--all', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    // A missing variable becomes "" (the key stays), as in the reference.
    expect(ok.json.deployments[0].payload.parameters).toEqual({ day: 'monday', who: '' });
    expect(ok.json.deployments[0].action).toBe('created');
  });

  it('runs build steps once for all deployments, templates their outputs in, and registers nothing when a step fails', async () => {
    const pool = 'e2e-pool-steps';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);
    const build = (script: string) => `build:\n  - prefect.deployments.steps.run_shell_script:\n      id: v\n      script: ${script}\n`;
    const deployments = `deployments:\n  - name: stepped-a\n    entrypoint: flows/f.py:e2e\n    version: "{{ v.stdout }}"\n    tags: ["{{ v.stdout }}"]\n    work_pool: {name: ${pool}}\n  - name: stepped-b\n    entrypoint: flows/f.py:other\n    version: "{{ v.stdout }}"\n    work_pool: {name: ${pool}}\n`;
    writeFileSync(path.join(dir, 'count.sh'), 'echo run >> runs.txt\necho 4.5.6\n');
    writeFileSync(path.join(dir, 'prefect.yaml'), build('sh count.sh') + deployments);
    const ok = await ours(dir, ['deploy', '--all', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json.deployments.map((d: { action: string; step_outputs: { v: { stdout: string } } }) => [d.action, d.step_outputs.v.stdout])).toEqual([
      ['created', '4.5.6'],
      ['created', '4.5.6'],
    ]);
    expect((await import('node:fs')).readFileSync(path.join(dir, 'runs.txt'), 'utf8')).toBe('run\n');
    const stored = (await api('GET', `/deployments/${ok.json.deployments[0].id}`)) as { version: string; tags: string[] };
    expect(stored).toMatchObject({ version: '4.5.6', tags: ['4.5.6'] });

    writeFileSync(path.join(dir, 'prefect.yaml'), build('sh -c "echo broken >&2; exit 3"') + deployments.replaceAll('stepped-', 'failing-'));
    const failed = await ours(dir, ['deploy', '--all']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /deployment "failing-a": Encountered error while running prefect\.deployments\.steps\.run_shell_script \(build step 1\).*error code 3: broken/,
    );
    expect(await fetch(`${apiUrl}/deployments/name/deploy-e2e/failing-a`).then((r) => r.status)).toBe(404);
  });

  it('plans again after the build steps without reading prefect.yaml or analysing a flow a second time', async () => {
    const pool = 'e2e-pool-once';
    await api('POST', '/work_pools/', { name: pool, type: 'process' });
    const dir = project(pool);
    writeFileSync(
      path.join(dir, 'prefect.yaml'),
      `build:\n  - prefect.deployments.steps.run_shell_script:\n      id: v\n      script: echo 7.8.9\n` +
        `deployments:\n  - name: once-a\n    entrypoint: flows/f.py:e2e\n    version: "{{ v.stdout }}"\n    work_pool: {name: ${pool}}\n` +
        `  - name: once-b\n    entrypoint: flows/f.py:e2e\n    work_pool: {name: ${pool}}\n  - name: once-c\n    entrypoint: flows/f.py:other\n    work_pool: {name: ${pool}}\n`,
    );
    const cache = newPlanCache();
    let analyses = 0;
    const set = cache.flows.set.bind(cache.flows);
    cache.flows.set = (key, value) => (analyses++, set(key, value));
    let reads = 0;
    const setFile = cache.files.set.bind(cache.files);
    cache.files.set = (key, value) => (reads++, setFile(key, value));
    const client = new PrefectClient({ env: { PREFECT_API_URL: apiUrl } });
    try {
      const result = await deploy({
        prefectFile: 'prefect.yaml',
        selection: { all: true, names: [] },
        cwd: dir,
        env: { PATH: process.env.PATH ?? '' },
        client,
        sources: prefectTemplateSources(client),
        stepRunner,
        cache,
      });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result.outcomes.map((o) => [o.name, o.action])).toEqual([
        ['once-a', 'created'],
        ['once-b', 'created'],
        ['once-c', 'created'],
      ]);
      expect(result.plan.deployments[0]!.payload.version).toBe('7.8.9');
    } finally {
      client.close();
    }
    // two entrypoints, three deployments, two plans: two analyses, one read of the file
    expect(analyses).toBe(2);
    expect(reads).toBe(1);
  });

  it('validates everything first: a missing work pool stops the run before any write', async () => {
    const dir = project('no-such-pool');
    proxy.requests.length = 0;
    const result = await ours(dir, ['deploy', '--all'], proxy.apiUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^prefect\.yaml:\d+:\d+: deployment "nightly": work pool "no-such-pool" does not exist/m);
    expect(result.stderr).toMatch(/deployment "hourly": work pool "no-such-pool" does not exist/);
    expect(proxy.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/filter') && !r.path.endsWith('/count'))).toEqual([]);
  });
});

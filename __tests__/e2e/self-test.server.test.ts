/**
 * .github/workflows/self-test.yml run by act: `uses: ./` (this action, freshly built) in plan mode on
 * examples/local-etl; the workflow's own shell steps assert the outputs. The prune job deploys, plans
 * and prunes against the suite's server; before it runs, the reference `prefect deploy` registers a
 * deployment of the same flow (no ownership mark) and the API one marked by another project, which
 * the prune must leave alone.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { promisify } from 'node:util';
import { actBinary, logTail, prepareActionRepo, repoRoot, runAct } from '../setup/act.js';

const apiUrl = inject('prefectApiUrl');
const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-self-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The workflow's prune job's flow (`self-test-prune`), work pool, and the two deployments it must not delete. */
async function registerOthers(): Promise<void> {
  const post = (route: string, body: unknown) =>
    fetch(`${apiUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/work_pools/', { name: 'self-test-prune', type: 'process' })).status).toBe(201);
  const project = path.join(scratch, 'by-prefect-deploy');
  mkdirSync(path.join(project, 'flows'), { recursive: true });
  writeFileSync(path.join(project, 'flows', 'job.py'), 'from prefect import flow\n\n\n@flow(name="self-test-prune")\ndef job():\n    pass\n');
  writeFileSync(
    path.join(project, 'prefect.yaml'),
    'deployments:\n  - name: by-prefect-deploy\n    entrypoint: flows/job.py:job\n    work_pool: {name: self-test-prune}\n',
  );
  const env = { PATH: process.env.PATH ?? '', HOME: scratch, PREFECT_HOME: path.join(scratch, 'prefect-home'), PREFECT_API_URL: apiUrl };
  await promisify(execFile)(path.join(repoRoot, '.venv-ref/bin/prefect'), ['--no-prompt', 'deploy', '--all'], { cwd: project, env });
  const flow = (await (await post('/flows/', { name: 'self-test-prune' })).json()) as { id: string };
  const other = await post('/deployments/', { name: 'other-owner', flow_id: flow.id, labels: { 'deploy-action.owner': 'github.com/acme/another-repo:prefect.yaml' } });
  expect(other.status).toBe(201);
}

describe('workflow files', () => {
  it("every workflow of the repository passes act's strict workflow schema", async () => {
    const dir = path.join(repoRoot, '.github/workflows');
    const { stdout } = await promisify(execFile)(actBinary, ['--list', '--strict', '--container-daemon-socket', '-', '-W', dir], { cwd: repoRoot });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) expect(stdout).toContain(file);
  });
});

describe('self-test workflow', () => {
  it('runs the action from the checkout and its output checks pass', async () => {
    const repo = prepareActionRepo(scratch);
    await registerOthers();
    const { code, log } = await runAct({
      cwd: repo,
      workflow: '.github/workflows/self-test.yml',
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/deploy-action', default_branch: 'main' } },
      scratch,
      secrets: { PREFECT_API_URL: apiUrl },
      timeoutMs: 150_000,
    });
    expect(code, logTail(log)).toBe(0);
    // The checks ran (a skipped step would also leave act successful).
    expect(log).toMatch(/self-test: \d+ checks passed/);
    expect(log).toContain('Success - Main Check the outputs');
    expect(log).toMatch(/self-test monorepo: \d+ checks passed/);
    expect(log).toContain('Success - Main Check the monorepo outputs');
    expect(log).toMatch(/self-test prune: 8 checks passed/);
    const stored = async (name: string) => (await fetch(`${apiUrl}/deployments/name/self-test-prune/${name}`)).status;
    expect([await stored('kept'), await stored('removed'), await stored('by-prefect-deploy'), await stored('other-owner')]).toEqual([200, 404, 200, 200]);
  }, 180_000);
});

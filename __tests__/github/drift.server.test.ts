/**
 * The action's `mode: drift` against a real Prefect server, run as the runner runs the bundle: the
 * deployments registered by the action's own deploy, then edited the way the Prefect UI edits them,
 * and a scheduled check's outputs, job summary and failure. A GitHub-compatible server stands by to
 * show that a drift check posts nothing (no PR comment, even with a token on a pull request event).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { builtCli } from '../cli/spawn-cli.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runAction, type RunOptions } from './run-action.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const ui = apiUrl.replace(/\/api$/, '');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `action-drift-${RUN}`;
const FLOW = `drift-orders-${RUN}`;
const REPO = 'acme/shop';

const api = serverApi(apiUrl, { alsoOk: [409] });

const YAML = `deployments:
  - name: orders-eu
    entrypoint: flows/orders.py:sync_orders
    parameters: {region: eu}
    schedules:
      - cron: "*/15 6-22 * * *"
        slug: business-hours
    work_pool: {name: ${POOL}}
  - name: orders-us
    entrypoint: flows/orders.py:sync_orders
    parameters: {region: us}
    work_pool: {name: ${POOL}}
`;

let gh: FakeGitHub;
let work: string;
let bundle: string;
const env = (sha: string) => ({
  GITHUB_API_URL: gh.url,
  GITHUB_REPOSITORY: REPO,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '99',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: sha,
  GITHUB_WORKSPACE: work,
});
// Its own owner: the other files deploying a `shop` project of acme/shop to the shared server are not this project's to prune.
const inputs = () => ({ 'working-directory': 'shop', all: 'true', 'api-url': apiUrl, 'github-token': 'ghs_actions', owner: 'tests:drift' });
// What a scheduled workflow runs on: the default branch's head, a commit no deploy ran for.
const schedule = (): RunOptions => ({ bundle, event: { name: 'schedule', payload: { schedule: '0 6 * * *' } }, env: env('5c4ed01e5c4ed01e5c4ed01e5c4ed01e5c4ed01e') });

beforeAll(async () => {
  gh = await startFakeGitHub({ ghs_actions: { login: 'github-actions[bot]', installation: true } });
  bundle = path.join(path.dirname(await builtCli()), 'index.js');
  work = mkdtempSync(path.join(tmpdir(), 'action-drift-'));
  mkdirSync(path.join(work, 'shop', 'flows'), { recursive: true });
  writeFileSync(
    path.join(work, 'shop', 'flows', 'orders.py'),
    `from prefect import flow\n\n\n@flow(name="${FLOW}")\ndef sync_orders(region: str = "eu"):\n    """Syncs orders."""\n`,
  );
  writeFileSync(path.join(work, 'shop', 'prefect.yaml'), YAML);
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
  // A checkout: the version stamp is the commit, and its message comes from git.
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@acme.test', ...args], { cwd: work });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'the deployed commit');
  const deployed = await runAction({ ...inputs(), mode: 'deploy' }, work, {
    bundle,
    event: { name: 'push', payload: { after: 'a'.repeat(40) } },
    env: env('a'.repeat(40)),
  });
  expect(deployed.code, deployed.stdout).toBe(0);
  // The default branch moves on with a commit no deploy runs for.
  writeFileSync(path.join(work, 'README.md'), 'docs\n');
  git('add', '-A');
  git('commit', '-qm', 'a docs commit');
  gh.requests.length = 0;
}, 120_000);
afterAll(async () => {
  await gh.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => expect(gh.violations).toEqual([]));

describe('the action in drift mode', () => {
  it('passes with drift false when the server matches prefect.yaml, though the commit (the version stamp) differs', async () => {
    const result = await runAction({ ...inputs(), mode: 'drift' }, work, schedule());
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs.drift).toBe('false');
    expect(result.outputs['failure-reason']).toBeUndefined();
    expect(result.summary).toContain('### ✅ No drift: the Prefect server matches `shop/prefect.yaml` (2 deployments)');
    // A deploy would write the new commit stamp: a change (changes true), but not drift.
    expect(result.outputs.changes).toBe('true');
    expect(JSON.parse(result.outputs.deployments!).map((d: { action: string; changes: string[] }) => [d.action, d.changes])).toEqual([
      ['updated', ['version']],
      ['updated', ['version']],
    ]);
    expect(gh.requests).toEqual([]);
  });

  it('fails with failure-reason drift when parameters were edited in the UI, naming the deployment and field; posts no comment', async () => {
    const { id } = (await api('GET', `/deployments/name/${FLOW}/orders-eu`)) as { id: string };
    await api('PATCH', `/deployments/${id}`, { parameters: { region: 'apac' } });
    // Even on a pull request event with a token: a drift check comments nowhere.
    const pr: RunOptions = {
      ...schedule(),
      event: {
        name: 'pull_request',
        payload: { number: 7, pull_request: { number: 7, head: { sha: 'b'.repeat(40), repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } } },
      },
    };
    const result = await runAction({ ...inputs(), mode: 'drift' }, work, pr);
    expect(result.code).toBe(1);
    expect(result.outputs['failure-reason']).toBe('drift');
    expect(result.outputs.drift).toBe('true');
    expect(result.outputs.changes).toBe('true');
    expect(result.stdout).toContain(`::error::the Prefect server differs from prefect.yaml in 1 of 2 deployment(s): ${FLOW}/orders-eu: parameters`);
    const headline = [
      '### ⚠️ Drift: the Prefect server differs from `shop/prefect.yaml` in 1 of 2 deployments',
      '',
      `- [\`${FLOW}/orders-eu\`](${ui}/deployments/deployment/${id}): \`parameters\` differ`,
    ].join('\n');
    expect(result.summary).toContain(headline);
    // plan-markdown is what the scheduled workflow puts in its issue: the headline and the plan below it.
    expect(result.outputs['plan-markdown']).toContain(headline);
    expect(result.outputs['plan-markdown']).toContain('Prefect deployment plan: 1 to update');
    expect(JSON.parse(result.outputs.deployments!).map((d: { name: string; action: string }) => [d.name, d.action])).toEqual([
      ['orders-eu', 'updated'],
      ['orders-us', 'updated'],
    ]);
    expect(gh.requests).toEqual([]);

    // A deploy puts the server back; the next check passes.
    const back = await runAction({ ...inputs(), mode: 'deploy' }, work, schedule());
    expect(back.code, back.stdout).toBe(0);
    const again = await runAction({ ...inputs(), mode: 'drift' }, work, schedule());
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs.drift).toBe('false');
  });

  it('a schedule turned off in the UI is drift, with the note that a deploy turns it back on', async () => {
    const { id, schedules } = (await api('GET', `/deployments/name/${FLOW}/orders-eu`)) as { id: string; schedules: { id: string }[] };
    await api('PATCH', `/deployments/${id}/schedules/${schedules[0]!.id}`, { active: false });
    const result = await runAction({ ...inputs(), mode: 'drift' }, work, schedule());
    expect(result.code).toBe(1);
    expect(result.outputs['failure-reason']).toBe('drift');
    expect(result.summary).toContain('`schedules` differ — a schedule turned off on the server is turned back on');
    await api('PATCH', `/deployments/${id}/schedules/${schedules[0]!.id}`, { active: true });
  });

  it('fails with failure-reason no-api-url without a server, and sets no drift output', async () => {
    const result = await runAction({ 'working-directory': 'shop', all: 'true', mode: 'drift', owner: 'tests:drift' }, work, schedule());
    expect(result.code).toBe(1);
    expect(result.outputs['failure-reason']).toBe('no-api-url');
    expect(result.outputs.drift).toBeUndefined();
    expect(result.stdout).toContain('::error::mode drift compares with the Prefect API: set the api-url input');
  });
});

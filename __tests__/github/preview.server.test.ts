/**
 * `mode: preview` through the action (a build of src/index.ts run as the runner runs it) against a
 * real Prefect server and the fake GitHub API: a pull request opened registers its `pr-<number>`
 * copies and posts a sticky preview comment, apart from the plan comment, linking each copy in the
 * Prefect UI; a synchronize updates that comment in place and writes nothing; closing the pull
 * request deletes exactly its copies and says so in the same comment.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { builtCli } from '../cli/spawn-cli.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runAction, type RunOptions } from './run-action.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `action-preview-${RUN}`;
const REPO = `acme/action-preview-${RUN}`;
const BOT = 'github-actions[bot]';
const FLOW = `job-${RUN}`;

let gh: FakeGitHub;
let work: string;
let bundle: string;

type Json = Record<string, any>;

beforeAll(async () => {
  bundle = path.join(path.dirname(await builtCli()), 'index.js');
  gh = await startFakeGitHub({ ghs_actions: { login: BOT, installation: true } });
  work = mkdtempSync(path.join(tmpdir(), 'action-preview-'));
  mkdirSync(path.join(work, 'project', 'flows'), { recursive: true });
  writeFileSync(path.join(work, 'project', 'flows', 'f.py'), `from prefect import flow\n\n\n@flow(name="${FLOW}")\ndef job():\n    pass\n`);
  writeFileSync(
    path.join(work, 'project', 'prefect.yaml'),
    ['nightly', 'weekly']
      .map((n) => `  - name: ${n}\n    entrypoint: flows/f.py:job\n    work_pool: {name: ${POOL}}\n    schedules: [{cron: "0 3 * * *"}]\n`)
      .join('')
      .replace(/^/, 'deployments:\n'),
  );
  await fetch(`${apiUrl}/work_pools/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: POOL, type: 'process' }) });
}, 240_000);
afterAll(async () => {
  await gh.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => expect(gh.violations).toEqual([]));

const inputs = { 'working-directory': 'project', all: 'true', 'api-url': apiUrl, 'github-token': 'ghs_actions' };
const env = (sha: string) => ({
  GITHUB_API_URL: gh.url,
  GITHUB_REPOSITORY: REPO,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '9',
  GITHUB_SHA: sha,
  GITHUB_WORKSPACE: work,
});
const NUMBER = 7;
function pullRequest(action: string, number = NUMBER): RunOptions {
  const payload = {
    action,
    number,
    pull_request: { number, head: { sha: 'c0ffee1234567890c0ffee1234567890c0ffee12', repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } },
  };
  return { event: { name: 'pull_request', payload }, env: env('feedface00000000000000000000000000000007'), bundle };
}
const ourComments = () => gh.comments.filter((c) => c.repo === REPO && c.issue === NUMBER && c.author === BOT);
const previewComments = () => ourComments().filter((c) => c.body.startsWith('<!-- deploy-action:preview '));

async function stored(): Promise<string[]> {
  const flows = (await (
    await fetch(`${apiUrl}/flows/filter`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flows: { name: { any_: [FLOW] } } }),
    })
  ).json()) as Json[];
  const body = JSON.stringify({ flows: { id: { any_: flows.map((f) => f.id) } } });
  const deployments = (await (await fetch(`${apiUrl}/deployments/filter`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as Json[];
  return deployments.map((d) => d.name).sort();
}

describe('the action in mode preview', () => {
  it('opened: registers pr-<number> copies and posts its own comment linking them; synchronize updates it; closed deletes exactly the copies', async () => {
    const real = await runAction({ ...inputs, mode: 'deploy' }, work, {
      event: { name: 'push', payload: {} },
      env: env('0000000000000000000000000000000000000001'),
      bundle,
    });
    expect(real.code, real.stdout).toBe(0);
    const plan = await runAction({ ...inputs, mode: 'plan' }, work, pullRequest('opened'));
    expect(plan.code, plan.stdout).toBe(0);
    expect(ourComments()).toHaveLength(1);

    const opened = await runAction({ ...inputs, mode: 'preview' }, work, pullRequest('opened'));
    expect(opened.code, opened.stdout + opened.stderr).toBe(0);
    const deployments = JSON.parse(opened.outputs.deployments!) as Json[];
    expect(deployments.map((d) => [d.name, d.action])).toEqual([
      ['nightly-pr-7', 'created'],
      ['weekly-pr-7', 'created'],
    ]);
    // The plan comment stays as it was; the preview has a comment of its own.
    expect(ourComments()).toHaveLength(2);
    const [comment] = previewComments();
    const ui = apiUrl.replace(/\/api$/, '');
    for (const d of deployments) {
      expect(d.url).toBe(`${ui}/deployments/deployment/${d.id}`);
      expect(comment!.body).toContain(`| \`${FLOW}/${d.name}\` | created | [open](${d.url}) |`);
    }
    expect(comment!.body).toContain('### 🔍 Preview deployments `pr-7`: 2 registered');
    expect(comment!.body).toContain('schedules inactive, no triggers, tagged `preview:pr-7`');
    expect(opened.outputs['comment-url']).toBe(`https://github.com/${REPO}/pull/${NUMBER}#issuecomment-${comment!.id}`);
    expect(opened.summary.trimEnd()).toBe(comment!.body.split('\n').slice(1).join('\n').trimEnd());
    expect(await stored()).toEqual(['nightly', 'nightly-pr-7', 'weekly', 'weekly-pr-7']);

    const synchronized = await runAction({ ...inputs, mode: 'preview' }, work, pullRequest('synchronize'));
    expect(synchronized.code, synchronized.stdout).toBe(0);
    expect(JSON.parse(synchronized.outputs.deployments!).map((d: Json) => d.action)).toEqual(['unchanged', 'unchanged']);
    expect(synchronized.outputs.changes).toBe('false');
    expect(previewComments()).toHaveLength(1);
    expect(previewComments()[0]!.id).toBe(comment!.id);

    const closed = await runAction({ ...inputs, mode: 'preview' }, work, pullRequest('closed'));
    expect(closed.code, closed.stdout).toBe(0);
    expect(JSON.parse(closed.outputs.deployments!).map((d: Json) => [d.name, d.action, d.url])).toEqual([
      ['nightly-pr-7', 'deleted', null],
      ['weekly-pr-7', 'deleted', null],
    ]);
    expect(await stored()).toEqual(['nightly', 'weekly']);
    expect(previewComments()).toHaveLength(1);
    expect(previewComments()[0]!.body).toContain('### 🗑️ Preview deployments `pr-7`: 2 deleted');
    expect(previewComments()[0]!.body).toContain(`- 🔴 \`${FLOW}/nightly-pr-7\``);
    expect(ourComments()).toHaveLength(2);
  }, 300_000);

  it('closing a pull request that never had a preview deletes nothing and posts no comment', async () => {
    const r = await runAction({ ...inputs, mode: 'preview' }, work, pullRequest('closed', 8));
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.deployments!)).toEqual([]);
    expect(r.summary).toContain('### 🗑️ Preview deployments `pr-8`: none left to delete');
    expect(gh.comments.filter((c) => c.issue === 8)).toEqual([]);
    expect(await stored()).toEqual(['nightly', 'weekly']);
  }, 60_000);

  it('outside a pull request without preview-id, fails with invalid-input', async () => {
    const r = await runAction({ ...inputs, mode: 'preview' }, work, {
      event: { name: 'push', payload: {} },
      env: env('0000000000000000000000000000000000000002'),
      bundle,
    });
    expect(r.code).not.toBe(0);
    expect(r.outputs['failure-reason']).toBe('invalid-input');
    expect(r.stdout).toContain('mode preview needs a pull request event');
  }, 60_000);
});

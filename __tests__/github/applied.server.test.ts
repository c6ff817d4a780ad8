/**
 * The comment follows the deploy: the plan is posted on a pull request by the action's plan mode,
 * the pull request is merged (the fake GitHub's commits/{sha}/pulls answers with it), and the
 * action's deploy on that push marks the same comment applied — outcome per deployment with links,
 * or the error — keeping the plan folded below. What keeps it from doing so is a notice.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseMarker } from '../../src/github/comment.js';
import { builtCli } from '../cli/spawn-cli.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runAction, workflowCommands, type RunOptions } from './run-action.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const REPO = 'acme/shop';
const BOT = 'github-actions[bot]';
const NOW = '2026-03-02T08:00:00Z';

const api = serverApi(apiUrl, { alsoOk: [409] });

let gh: FakeGitHub;
let bundle: string;
const dirs: string[] = [];

beforeAll(async () => {
  gh = await startFakeGitHub({ ghs_actions: { login: BOT, installation: true } });
  bundle = path.join(path.dirname(await builtCli()), 'index.js');
}, 120_000);
afterAll(async () => {
  await gh.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(() => expect(gh.violations).toEqual([]));

/** A project of its own (flow names, work pool) per test: the server is shared with other files. */
async function project(tag: string): Promise<{ work: string; pool: string; flow: string }> {
  const work = mkdtempSync(path.join(tmpdir(), 'action-applied-'));
  dirs.push(work);
  const pool = `pool-${tag}-${RUN}`;
  const flow = `applied-${tag}-${RUN}`;
  mkdirSync(path.join(work, 'shop', 'flows'), { recursive: true });
  writeFileSync(
    path.join(work, 'shop', 'flows', 'orders.py'),
    `from prefect import flow\n\n\n@flow(name="${flow}")\ndef sync_orders(region: str = "eu"):\n    """Syncs orders."""\n`,
  );
  writeFileSync(
    path.join(work, 'shop', 'prefect.yaml'),
    `pull:
  - prefect.deployments.steps.set_working_directory:
      directory: /opt/shop
deployments:
  - name: orders-eu
    entrypoint: flows/orders.py:sync_orders
    parameters: {region: eu}
    work_pool: {name: ${pool}}
  - name: orders-us
    entrypoint: flows/orders.py:sync_orders
    parameters: {region: us}
    work_pool: {name: ${pool}}
`,
  );
  await api('POST', '/work_pools/', { name: pool, type: 'process' });
  return { work, pool, flow };
}

// Its own owner: the other files deploying a `shop` project of acme/shop to the shared server are not this project's to prune.
const inputs = { 'working-directory': 'shop', all: 'true', 'api-url': apiUrl, 'github-token': 'ghs_actions', owner: 'tests:applied' };
const env = (work: string, sha: string) => ({
  GITHUB_API_URL: gh.url,
  GITHUB_REPOSITORY: REPO,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '4242',
  GITHUB_SHA: sha,
  GITHUB_WORKSPACE: work,
});
let prNumber = 300;
const sha = (n: number, digit: string) => `${digit.repeat(8)}${String(n).padStart(32, '0')}`;

/** Plans on a pull request (posting the sticky comment) and merges it: the merge commit's pulls answer with it. */
async function planAndMerge(work: string): Promise<{ number: number; merge: string }> {
  const number = ++prNumber;
  const head = sha(number, 'c');
  const planRun: RunOptions = {
    now: NOW,
    bundle,
    event: { name: 'pull_request', payload: { number, pull_request: { number, head: { sha: head, repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } } } },
    env: env(work, sha(number, 'f')),
  };
  const planned = await runAction(inputs, work, planRun);
  expect(planned.code, planned.stdout).toBe(0);
  expect(ours(number)).toHaveLength(1);
  const merge = sha(number, 'a');
  gh.pullsByCommit.set(merge, [{ number, merged_at: '2026-03-02T09:00:00Z', merge_commit_sha: merge }]);
  return { number, merge };
}
const push = (work: string, commit: string): RunOptions => ({ now: NOW, bundle, event: { name: 'push', payload: { after: commit } }, env: env(work, commit) });
const ours = (issue: number) => gh.comments.filter((c) => c.repo === REPO && c.issue === issue && c.author === BOT);
const notices = (stdout: string) => workflowCommands(stdout).filter((c) => c.startsWith('::notice'));
const stable = (text: string, flow: string, pool: string) =>
  text
    .replaceAll(apiUrl.replace(/\/api$/, ''), 'http://prefect.test')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<deployment-id>')
    .replaceAll(flow, 'orders-flow')
    .replaceAll(pool, 'orders-pool')
    .replace(/key=\w+ scope=\w+ hash=\w+ data=[\w-]*/, 'key=… scope=… hash=… data=…')
    // The flow's source (its name holds the run's tag) is hashed into its version.
    .replace(/version: [0-9a-f]{32}/g, 'version: <flow-hash>');

describe('the comment follows the deploy', () => {
  it('marks the merged pull request’s plan comment applied, with each outcome and its link, the plan folded below; a re-run replaces the status', async () => {
    const { work, flow, pool } = await project('ok');
    const pr = await planAndMerge(work);
    const before = ours(pr.number)[0]!.body;
    const deployed = await runAction({ ...inputs, mode: 'deploy' }, work, push(work, pr.merge));
    expect(deployed.code, deployed.stdout).toBe(0);
    expect(notices(deployed.stdout)).toEqual([]);
    const [comment] = ours(pr.number);
    expect(deployed.outputs['comment-url']).toBe(`https://github.com/${REPO}/pull/${pr.number}#issuecomment-${comment!.id}`);
    // The marker stays: require-plan-match and the next plan still find this comment.
    expect(comment!.body.split('\n')[0]).toBe(before.split('\n')[0]);
    expect(parseMarker(comment!.body)).toEqual(parseMarker(before));
    expect(comment!.body).toContain(before.split('\n').slice(1).join('\n').trim());
    // The plan itself is the plan comment's (golden elsewhere): here, what heads and folds it.
    const plan = before.split('\n').slice(1).join('\n').trim();
    await expect(stable(comment!.body.replace(plan, '<the plan as the pull request showed it>'), flow, pool)).toMatchFileSnapshot(
      path.join(import.meta.dirname, 'golden', 'applied-comment.md'),
    );

    const again = await runAction({ ...inputs, mode: 'deploy' }, work, push(work, pr.merge));
    expect(again.code, again.stdout).toBe(0);
    const body = ours(pr.number)[0]!.body;
    expect(body.match(/Applied at/g)).toHaveLength(1);
    expect(body).toContain(`### ✅ Applied at \`${pr.merge.slice(0, 7)}\`: 2 unchanged`);
    expect(body.match(/The plan it was applied from/g)).toHaveLength(1);
    expect(body).toContain(before.split('\n').slice(1).join('\n').trim());
  });

  it('a deploy that fails shows the error in the comment, and the step still fails for the deploy’s reason', async () => {
    const { work, pool, flow } = await project('fail');
    const pr = await planAndMerge(work);
    const plan = ours(pr.number)[0]!.body.split('\n').slice(1).join('\n').trim();
    // The work pool goes away between the plan and the merge's deploy: the deploy stops before writing.
    await api('DELETE', `/work_pools/${pool}`);
    const deployed = await runAction({ ...inputs, mode: 'deploy' }, work, push(work, pr.merge));
    expect(deployed.code).toBe(1);
    expect(deployed.outputs['failure-reason']).toBe('invalid-config');
    const body = ours(pr.number)[0]!.body;
    expect(body).toContain(`### ❌ Apply failed at \`${pr.merge.slice(0, 7)}\`: nothing was registered`);
    expect(body).toMatch(new RegExp('```text\\n[^`]*work pool "' + pool + '"[^`]*\\n```'));
    await expect(stable(body.replace(plan, '<the plan as the pull request showed it>'), flow, pool).replace(work, '<work>')).toMatchFileSnapshot(
      path.join(import.meta.dirname, 'golden', 'applied-comment-failed.md'),
    );
  });

  it('a push no pull request merged is a notice, and the deploy succeeds', async () => {
    const { work } = await project('nopr');
    const deployed = await runAction({ ...inputs, mode: 'deploy' }, work, push(work, sha(1, 'd')));
    expect(deployed.code, deployed.stdout).toBe(0);
    expect(notices(deployed.stdout)).toEqual([`::notice::the plan comment was not marked applied: commit ${sha(1, 'd').slice(0, 7)} was not merged from a pull request`]);
  });

  it('no github-token is a notice', async () => {
    const { work } = await project('notoken');
    const pr = await planAndMerge(work);
    const deployed = await runAction({ ...inputs, mode: 'deploy', 'github-token': '' }, work, push(work, pr.merge));
    expect(deployed.code, deployed.stdout).toBe(0);
    expect(notices(deployed.stdout)).toEqual(['::notice::the plan comment was not marked applied: no github-token to find the merged pull request with']);
    expect(ours(pr.number)[0]!.body).not.toContain('Applied at');
  });

  it('a token GitHub refuses (403) is a notice naming the permission, and the deploy succeeds', async () => {
    const { work } = await project('forbidden');
    const pr = await planAndMerge(work);
    gh.refuse('GET', 'repos/list-pull-requests-associated-with-commit', 403, 'Resource not accessible by integration');
    const deployed = await runAction({ ...inputs, mode: 'deploy' }, work, push(work, pr.merge));
    expect(deployed.code, deployed.stdout).toBe(0);
    const [notice] = notices(deployed.stdout);
    expect(notice).toContain('the plan comment was not marked applied: GitHub answered 403: Resource not accessible by integration');
    expect(notice).toContain('"pull-requests: write"');
    expect(ours(pr.number)[0]!.body).not.toContain('Applied at');
    // Refused on the update itself: the same notice.
    gh.refuse('PATCH', 'issues/update-comment', 403, 'Resource not accessible by integration');
    const second = await runAction({ ...inputs, mode: 'deploy' }, work, push(work, pr.merge));
    expect(second.code, second.stdout).toBe(0);
    expect(notices(second.stdout)[0]).toContain('GitHub answered 403');
  });
});

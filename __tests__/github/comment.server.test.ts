/**
 * The plan comment for a diff against a real Prefect server, and the plan/apply check: the action
 * bundle runs as the runner runs it, against the suite's Prefect server and a GitHub-compatible
 * server that validates every request against GitHub's OpenAPI description.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runAction, workflowCommands, type RunOptions } from './run-action.js';

const apiUrl = inject('prefectApiUrl');
const REPO = 'acme/shop';
const BOT = 'github-actions[bot]';
const NOW = '2026-03-02T08:00:00Z';
const MERGED = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

let gh: FakeGitHub;
let work: string;
const yamlPath = () => path.join(work, 'shop', 'prefect.yaml');
let original: string;

beforeAll(async () => {
  gh = await startFakeGitHub({ ghs_actions: { login: BOT, installation: true } });
  work = mkdtempSync(path.join(tmpdir(), 'action-comment-server-'));
  cpSync(path.join(import.meta.dirname, 'fixtures', 'shop'), path.join(work, 'shop'), { recursive: true });
  original = readFileSync(yamlPath(), 'utf8');
  const res = await fetch(`${apiUrl}/work_pools/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'shop-pool', type: 'process' }),
  });
  expect([201, 409]).toContain(res.status);
  // What is on the server before the pull request: the file as it is on the default branch.
  const deployed = await runAction({ ...inputs, mode: 'deploy' }, work, push('0000000000000000000000000000000000000001'));
  expect(deployed.code, deployed.stdout).toBe(0);
});
afterAll(async () => {
  await gh.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => {
  expect(gh.violations).toEqual([]);
  writeFileSync(yamlPath(), original);
});

// IMAGE_TAG is no secret: the plan may show it, and so compare it with the server.
const inputs = { 'working-directory': 'shop', all: 'true', 'api-url': apiUrl, 'github-token': 'ghs_actions', 'plan-env': 'IMAGE_TAG' };
const baseEnv = (sha: string) => ({
  GITHUB_API_URL: gh.url,
  GITHUB_REPOSITORY: REPO,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '777',
  GITHUB_SHA: sha,
  GITHUB_WORKSPACE: work,
  IMAGE_TAG: 'v1',
});
const push = (sha: string): RunOptions => ({ now: NOW, event: { name: 'push', payload: { after: sha } }, env: baseEnv(sha) });
let prNumber = 40;
function pullRequest(): { number: number; run: RunOptions } {
  const number = ++prNumber;
  return {
    number,
    run: {
      now: NOW,
      event: {
        name: 'pull_request',
        payload: {
          number,
          pull_request: { number, head: { sha: 'c0ffee1234567890c0ffee1234567890c0ffee12', repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } },
        },
      },
      env: baseEnv(`feedface${String(number).padStart(32, '0')}`),
    },
  };
}
const edit = (from: string, to: string) => {
  const text = readFileSync(yamlPath(), 'utf8');
  expect(text).toContain(from);
  writeFileSync(yamlPath(), text.replace(from, to));
};
const ourComments = (issue: number) => gh.comments.filter((c) => c.repo === REPO && c.issue === issue && c.author === BOT);
/** The parts that differ between runs of the suite: the server's port and the deployments' ids. */
const stable = (text: string) =>
  text.replaceAll(apiUrl.replace(/\/api$/, ''), 'http://prefect.test').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<deployment-id>');

describe('the plan comment against a live server', () => {
  it('for a pull request that changes one schedule: one update with the schedule diff and next runs, the rest unchanged', async () => {
    const pr = pullRequest();
    edit('cron: "0 7 * * 1-5"', 'cron: "30 6 * * 1-5"');
    const result = await runAction(inputs, work, pr.run);
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs.changes).toBe('true');
    expect(JSON.parse(result.outputs.deployments!).map((d: { name: string; action: string; changes: string[] }) => [d.name, d.action, d.changes])).toEqual([
      ['orders-eu', 'unchanged', []],
      ['orders-us', 'unchanged', []],
      ['daily-report', 'updated', ['schedules']],
    ]);
    const [comment] = ourComments(pr.number);
    await expect(stable(comment!.body)).toMatchFileSnapshot(path.join(import.meta.dirname, 'golden', 'schedule-change-comment.md'));
    expect(stable(result.summary).trimEnd()).toBe(stable(comment!.body).split('\n').slice(1).join('\n').trimEnd());
  });

  it('changes-only posts nothing for a plan without changes, and updates its comment once the changes are gone', async () => {
    const pr = pullRequest();
    const quiet = await runAction({ ...inputs, 'comment-mode': 'changes-only' }, work, pr.run);
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(quiet.outputs.changes).toBe('false');
    expect(ourComments(pr.number)).toEqual([]);
    expect(quiet.stdout).toContain('no plan comment: no changes to comment on (comment-mode changes-only)');

    edit('tags: [orders]', 'tags: [orders, eu]');
    await runAction({ ...inputs, 'comment-mode': 'changes-only' }, work, pr.run);
    expect(ourComments(pr.number)).toHaveLength(1);
    expect(ourComments(pr.number)[0]!.body).toContain('### Prefect deployment plan: 1 to update, 2 unchanged');

    writeFileSync(yamlPath(), original);
    await runAction({ ...inputs, 'comment-mode': 'changes-only' }, work, pr.run);
    expect(ourComments(pr.number)).toHaveLength(1);
    expect(ourComments(pr.number)[0]!.body).toContain('### Prefect deployment plan: 3 unchanged');
  });
});

describe('require-plan-match', () => {
  it('deploys what the merged pull request planned, and refuses, naming the deployment and fields, once it differs', async () => {
    const pr = pullRequest();
    edit('parameters: {region: us}', 'parameters: {region: us, full: true}');
    const plan = await runAction(inputs, work, pr.run);
    expect(plan.code, plan.stdout).toBe(0);
    gh.pullsByCommit.set(MERGED, [{ number: pr.number, merged_at: '2026-03-02T09:00:00Z', merge_commit_sha: MERGED }]);

    // A matrix leg deploying one of the planned deployments compares that one.
    const leg = await runAction({ ...inputs, all: '', deployments: 'orders-us', mode: 'deploy', 'require-plan-match': 'true' }, work, push(MERGED));
    expect(leg.code, leg.stdout).toBe(0);
    expect(leg.stdout).toContain(`require-plan-match: matches the plan on pull request #${pr.number}`);
    expect(JSON.parse(leg.outputs.deployments!)[0]).toMatchObject({ name: 'orders-us', action: 'updated', changes: ['parameters'] });

    // Changed after the plan: nothing is written.
    edit('tags: [orders]', 'tags: [orders, late-change]');
    const refused = await runAction({ ...inputs, mode: 'deploy', 'require-plan-match': 'true' }, work, push(MERGED));
    expect(refused.code).toBe(1);
    expect(refused.outputs['failure-reason']).toBe('plan-changed');
    const error = workflowCommands(refused.stdout).find((c) => c.startsWith('::error::'));
    expect(error).toContain(`require-plan-match: what would be registered differs from the plan posted on pull request #${pr.number}`);
    expect(error).toContain('orders-sync/orders-eu changed (tags)');
    expect(refused.summary).toContain('### ❌ Not deployed: the plan changed');
    const res = await fetch(`${apiUrl}/deployments/name/orders-sync/orders-eu`);
    expect(((await res.json()) as { tags: string[] }).tags).toEqual(['orders']);
  });

  it('refuses when the commit did not come from a pull request with a plan', async () => {
    const result = await runAction({ ...inputs, mode: 'deploy', 'require-plan-match': 'true' }, work, push('0123456789abcdef0123456789abcdef01234567'));
    expect(result.code).toBe(1);
    expect(result.outputs['failure-reason']).toBe('plan-changed');
    expect(result.stdout).toContain('was not merged from a pull request, so there is no plan to compare with');
  });
});

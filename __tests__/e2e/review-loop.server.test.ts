/**
 * The review loop run by act, one pull request from open to deploy (fixtures/review-repo, whose
 * workflow plans and previews pull requests and deploys pushes to main), against the suite's
 * Prefect server and the GitHub-API stand-in:
 *   - opened: the plan comment, and `mode: preview` registers the copies `<name>-pr-<N>` (schedules
 *     inactive) with their own sticky comment linking each copy in the Prefect UI;
 *   - closed (merged): the copies are deleted and the preview comment says so, in place;
 *   - the push of the merge commit: `mode: deploy` registers the real deployments, finds the pull
 *     request through the merge commit (`GET /repos/{o}/{r}/commits/{sha}/pulls`) and heads its plan
 *     comment, in place, with "Applied at <sha>" and each deployment's outcome.
 * One act run per event, one scratch repository. act, the workflow and the action (a fresh build of
 * src/, see ../setup/act.ts) are real; GitHub's API is ../github/fake-github.ts, which checks every
 * request against GitHub's OpenAPI description.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ACTION_REF, ACTION_REPO, commitAll, logTail, prepareActionRepo, runAct, type ActOptions } from '../setup/act.js';
import { startFakeGitHub, type FakeGitHub, type StoredComment } from '../github/fake-github.js';

const apiUrl = inject('prefectApiUrl');
const uiUrl = apiUrl.replace(/\/api$/, '');
const TOKEN = 'ghs_e2eReviewLoopToken0123456789';
const API_KEY = 'pnu_e2eReviewLoopKey0123456789';
const suffix = Math.random().toString(36).slice(2, 8);
const FLOW = 'e2e-shop-sync';
const names = [`stock-eu-${suffix}`, `stock-us-${suffix}`];
const PR = 21;
const PREVIEW = `pr-${PR}`;

const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-review-loop-'));
const repo = path.join(scratch, 'shop-repo');
// Not acme/shop: other files deploy that repository's `shop` project to the shared server, and a plan of
// `all` would list their deployments under "to delete" as this project's.
const repository = { full_name: 'acme/review-shop', name: 'review-shop', owner: { login: 'acme' }, default_branch: 'main' };
let github: FakeGitHub;
let act: Omit<ActOptions, 'event' | 'payload'>;
/** The pull request's head, its base (a commit before the project existed) and, once merged, its merge commit. */
let headSha: string;
let baseSha: string;
let mergeSha: string;

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' },
  }).trim();

function pullRequestEvent(action: 'opened' | 'closed') {
  const side = (ref: string, sha: string) => ({ ref, sha, repo: { full_name: repository.full_name } });
  const merged = action === 'closed' ? { merged: true, merge_commit_sha: mergeSha } : { merged: false };
  return {
    action,
    number: PR,
    pull_request: { number: PR, state: action === 'closed' ? 'closed' : 'open', ...merged, head: side('restock', headSha), base: side('main', baseSha) },
    repository,
  };
}

async function runEvent(event: 'push' | 'pull_request', payload: Record<string, unknown>): Promise<string> {
  const { code, log } = await runAct({ ...act, event, payload });
  expect(code, logTail(log)).toBe(0);
  expect(github.violations).toEqual([]);
  return log;
}

async function readDeployment(name: string): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`${apiUrl}/deployments/name/${FLOW}/${name}`);
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** The pull request's comments of one kind, by their hidden marker. */
const commentsOf = (kind: 'plan' | 'preview') =>
  github.comments.filter((c) => c.repo === repository.full_name && c.issue === PR && c.body.startsWith(`<!-- deploy-action:${kind} `));

function onlyComment(kind: 'plan' | 'preview'): StoredComment {
  const found = commentsOf(kind);
  expect(found, `${kind} comments on #${PR}: ${JSON.stringify(github.comments.map((c) => c.body.slice(0, 40)))}`).toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  const actionRepo = prepareActionRepo(scratch);
  cpSync(path.join(import.meta.dirname, 'fixtures/review-repo'), repo, { recursive: true });
  const yamlPath = path.join(repo, 'prefect.yaml');
  writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replaceAll('__SUFFIX__', suffix));
  commitAll(repo, repository.full_name);
  headSha = git('rev-parse', 'HEAD');
  baseSha = git('commit-tree', git('hash-object', '-w', '-t', 'tree', '/dev/null'), '-m', 'base');
  const pool = await fetch(`${apiUrl}/work_pools/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `e2e-shop-${suffix}`, type: 'process' }),
  });
  expect(pool.status).toBe(201);
  github = await startFakeGitHub({ [TOKEN]: { login: 'github-actions[bot]', installation: true } });
  act = {
    cwd: repo,
    workflow: '.github/workflows/review.yml',
    scratch,
    secrets: { PREFECT_API_URL: apiUrl, PREFECT_API_KEY: API_KEY, GITHUB_TOKEN: TOKEN },
    env: { GITHUB_API_URL: github.url },
    localRepositories: { [`${ACTION_REPO}@${ACTION_REF}`]: actionRepo },
    timeoutMs: 120_000,
  };
});

afterAll(async () => {
  await github?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the review loop of one pull request', () => {
  it('opened: plans in the plan comment, registers preview copies and lists them in the preview comment', async () => {
    await runEvent('pull_request', pullRequestEvent('opened'));

    const copies = [];
    for (const name of names) {
      const copy = await readDeployment(`${name}-${PREVIEW}`);
      expect(copy, `${FLOW}/${name}-${PREVIEW} on the server`).toBeDefined();
      const schedules = copy!.schedules as Array<{ active: boolean }>;
      expect(schedules).toHaveLength(1);
      expect(schedules.every((s) => !s.active)).toBe(true);
      expect(copy!.tags).toContain(`preview:${PREVIEW}`);
      copies.push(copy!);
      // Neither the plan nor the preview registers the real deployment.
      expect(await readDeployment(name)).toBeUndefined();
    }

    const preview = onlyComment('preview');
    expect(preview.body).toContain(`### 🔍 Preview deployments \`${PREVIEW}\`: 2 registered`);
    for (const copy of copies) {
      expect(preview.body).toContain(`| \`${FLOW}/${copy.name as string}\` | created | [open](${uiUrl}/deployments/deployment/${copy.id as string}) |`);
    }
    expect(preview.body).toContain('schedules inactive');

    const plan = onlyComment('plan');
    for (const name of names) expect(plan.body).toContain(name);
    for (const c of [preview, plan]) {
      expect(c.body).not.toContain(API_KEY);
      expect(c.body).not.toContain(TOKEN);
    }
  }, 150_000);

  it('closed (merged): deletes the copies and says so in the same preview comment', async () => {
    const before = onlyComment('preview');
    const planBefore = onlyComment('plan').body;
    // The merge: main moves from the base to a merge commit of the pull request's head.
    mergeSha = git('commit-tree', `${headSha}^{tree}`, '-p', baseSha, '-p', headSha, '-m', `Merge pull request #${PR} from acme/restock`);
    git('reset', '-q', '--hard', mergeSha);

    await runEvent('pull_request', pullRequestEvent('closed'));

    for (const name of names) expect(await readDeployment(`${name}-${PREVIEW}`), `${name}-${PREVIEW} after the close`).toBeUndefined();
    const after = onlyComment('preview');
    expect(after.id).toBe(before.id);
    expect(after.body).toContain(`### 🗑️ Preview deployments \`${PREVIEW}\`: 2 deleted`);
    for (const name of names) expect(after.body).toContain(`🔴 \`${FLOW}/${name}-${PREVIEW}\``);
    // A close plans nothing: the plan comment waits for the deploy.
    expect(onlyComment('plan').body).toBe(planBefore);
  }, 150_000);

  it("the push of the merge commit: deploys, and heads the pull request's plan comment with the applied status", async () => {
    const before = onlyComment('plan');
    const planBody = before.body.split('\n').slice(1).join('\n').trim();
    github.pullsByCommit.set(mergeSha, [{ number: PR, merged_at: '2026-03-02T09:00:00Z', merge_commit_sha: mergeSha }]);

    await runEvent('push', { ref: 'refs/heads/main', before: baseSha, after: mergeSha, repository, head_commit: { id: mergeSha, message: `Merge pull request #${PR}` } });

    expect(github.requests.map((r) => r.operation)).toContain('repos/list-pull-requests-associated-with-commit');
    const after = onlyComment('plan');
    expect(after.id).toBe(before.id);
    const [marker, appliedMarker, heading, ...rest] = after.body.split('\n');
    expect(marker).toBe(before.body.split('\n')[0]);
    expect(appliedMarker).toBe('<!-- deploy-action:applied -->');
    expect(heading).toBe(`### ✅ Applied at \`${mergeSha.slice(0, 7)}\`: 2 created`);
    for (const name of names) {
      const stored = await readDeployment(name);
      expect(stored, `${FLOW}/${name} on the server`).toBeDefined();
      expect(rest).toContain(`| 🟢 | [\`${FLOW}/${name}\`](${uiUrl}/deployments/deployment/${stored!.id as string}) | **created** |`);
    }
    // The plan the pull request showed stays below, folded.
    expect(after.body).toContain('<details><summary>The plan it was applied from</summary>');
    expect(after.body).toContain(planBody);
    expect(after.body).not.toContain(API_KEY);
    // The preview comment is left as the close wrote it.
    expect(onlyComment('preview').body).toContain('2 deleted');
  }, 150_000);
});

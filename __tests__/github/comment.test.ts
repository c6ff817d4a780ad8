/**
 * The PR plan comment, end to end through the toolkit's contract: the action bundle runs with
 * INPUT_* variables and a pull_request event file, and talks to a GitHub-compatible server that
 * checks every request against GitHub's OpenAPI description. These plans are offline (no Prefect
 * server); the comment for a diff against a live server is in comment.server.test.ts.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runAction, workflowCommands, type RunOptions } from './run-action.js';
import { parseMarker } from '../../src/github/comment.js';

const golden = (name: string) => path.join(import.meta.dirname, 'golden', name);
const REPO = 'acme/etl';
const BOT = 'github-actions[bot]';
const NOW = '2026-03-02T08:00:00Z';

let gh: FakeGitHub;
let work: string;
beforeAll(async () => {
  gh = await startFakeGitHub({ ghs_actions: { login: BOT, installation: true }, ghp_octocat: { login: 'octocat' } });
  work = mkdtempSync(path.join(tmpdir(), 'action-comment-'));
  cpSync(path.join(import.meta.dirname, 'fixtures', 'shop'), path.join(work, 'project'), { recursive: true });
});
afterAll(async () => {
  await gh.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => {
  expect(gh.violations).toEqual([]);
});

let prNumber = 0;
/** A fresh pull request number per test, so tests do not see each other's comments. */
function pullRequest(options: { fork?: boolean; target?: boolean } = {}): { number: number; run: RunOptions } {
  const number = ++prNumber;
  const head = options.fork ? 'someone/etl' : REPO;
  return {
    number,
    run: {
      now: NOW,
      event: {
        name: options.target ? 'pull_request_target' : 'pull_request',
        payload: {
          number,
          pull_request: { number, head: { sha: 'c0ffee1234567890c0ffee1234567890c0ffee12', repo: { full_name: head } }, base: { repo: { full_name: REPO } } },
        },
      },
      env: {
        GITHUB_API_URL: gh.url,
        GITHUB_REPOSITORY: REPO,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '4242',
        GITHUB_SHA: 'feedface00000000000000000000000000000000',
        GITHUB_WORKSPACE: work,
        IMAGE_TAG: 'pr-7',
      },
    },
  };
}

const planInputs = { 'working-directory': 'project', all: 'true', 'github-token': 'ghs_actions' };
const commentsOn = (issue: number) => gh.comments.filter((c) => c.repo === REPO && c.issue === issue);

describe('the plan comment on a pull request', () => {
  it('is posted once and updated in place on the next run, found among every page of comments by its marker and author', async () => {
    const pr = pullRequest();
    // 120 comments before ours (two pages at 100 a page), one of them another user's copy of a marker.
    for (let i = 0; i < 119; i++) gh.addComment(REPO, pr.number, 'reviewer', `looks good ${i}`);
    const first = await runAction(planInputs, work, pr.run);
    expect(first.code, first.stdout).toBe(0);
    const ours = commentsOn(pr.number).filter((c) => c.author === BOT);
    expect(ours).toHaveLength(1);
    const posted = ours[0]!;
    gh.addComment(REPO, pr.number, 'mallory', posted.body);
    expect(first.outputs['comment-url']).toBe(`https://github.com/${REPO}/pull/${pr.number}#issuecomment-${posted.id}`);
    expect(posted.body).toBe(`${posted.body.split('\n')[0]}\n${first.outputs['plan-markdown']}`);
    expect(first.summary.trimEnd()).toBe(first.outputs['plan-markdown']!.trimEnd());

    const before = gh.requests.length;
    const second = await runAction(planInputs, work, pr.run);
    expect(second.code, second.stdout).toBe(0);
    expect(commentsOn(pr.number).filter((c) => c.author === BOT)).toHaveLength(1);
    const listed = gh.requests
      .slice(before)
      .filter((r) => r.operation === 'issues/list-comments')
      .map((r) => r.path);
    expect(listed).toEqual([`/repos/${REPO}/issues/${pr.number}/comments?per_page=100`, `/repos/${REPO}/issues/${pr.number}/comments?per_page=100&page=2`]);
    expect(gh.requests.slice(before).map((r) => r.operation)).not.toContain('issues/create-comment');
    expect(commentsOn(pr.number).find((c) => c.author === 'mallory')!.body).toBe(posted.body);
  });

  it('carries a marker keyed by repository, prefect file and selection, with the plan fingerprint', async () => {
    const pr = pullRequest();
    await runAction(planInputs, work, pr.run);
    await runAction({ ...planInputs, all: '', deployments: 'daily-report' }, work, pr.run);
    const markers = commentsOn(pr.number).map((c) => parseMarker(c.body)!);
    expect(markers).toHaveLength(2);
    expect(markers[0]!.scope).toBe(markers[1]!.scope);
    expect(markers[0]!.key).not.toBe(markers[1]!.key);
    expect(Object.keys(markers[0]!.fingerprint.deployments)).toEqual(['orders-sync/orders-eu', 'orders-sync/orders-us', 'daily-report/daily-report']);
    expect(Object.keys(markers[1]!.fingerprint.deployments)).toEqual(['daily-report/daily-report']);
    expect(markers[1]!.fingerprint.deployments['daily-report/daily-report']).toEqual(markers[0]!.fingerprint.deployments['daily-report/daily-report']);
    expect(markers[0]!.fingerprint.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('with a personal access token, finds its own comments by the token user', async () => {
    const pr = pullRequest();
    await runAction({ ...planInputs, 'github-token': 'ghp_octocat' }, work, pr.run);
    await runAction({ ...planInputs, 'github-token': 'ghp_octocat' }, work, pr.run);
    expect(commentsOn(pr.number).map((c) => c.author)).toEqual(['octocat']);
  });

  it('always-new hides the previous comment as outdated and posts a new one', async () => {
    const pr = pullRequest();
    await runAction({ ...planInputs, 'comment-mode': 'always-new' }, work, pr.run);
    const second = await runAction({ ...planInputs, 'comment-mode': 'always-new' }, work, pr.run);
    expect(second.code, second.stdout).toBe(0);
    const comments = commentsOn(pr.number);
    expect(comments.map((c) => c.minimized ?? 'shown')).toEqual(['OUTDATED', 'shown']);
    expect(gh.requests.filter((r) => r.operation === 'graphql' && JSON.stringify(r.body).includes('minimizeComment'))).toHaveLength(1);
  });

  it('comment-mode off posts nothing; the job summary still has the plan', async () => {
    const pr = pullRequest();
    const result = await runAction({ ...planInputs, 'comment-mode': 'off' }, work, pr.run);
    expect(result.code).toBe(0);
    expect(commentsOn(pr.number)).toEqual([]);
    expect(result.summary).toContain('### Prefect deployment plan: 3 deployments');
  });

  it('on a pull request from a fork gives a notice and the job summary, without calling GitHub', async () => {
    const pr = pullRequest({ fork: true });
    const before = gh.requests.length;
    const result = await runAction(planInputs, work, pr.run);
    expect(result.code, result.stdout).toBe(0);
    expect(gh.requests.length).toBe(before);
    expect(workflowCommands(result.stdout)).toContain(
      `::notice::pull request #${pr.number} comes from a fork, whose workflow token cannot comment: the plan is in the job summary`,
    );
    expect(result.summary).toContain('### Prefect deployment plan');
  });

  it('when GitHub answers 403 gives a notice and the job summary, and the step succeeds', async () => {
    const pr = pullRequest({ target: true, fork: true });
    gh.refuse('post', 'issues/create-comment', 403, 'Resource not accessible by integration');
    const result = await runAction(planInputs, work, pr.run);
    expect(result.code, result.stdout).toBe(0);
    expect(commentsOn(pr.number)).toEqual([]);
    const notice = workflowCommands(result.stdout).find((c) => c.startsWith('::notice::'));
    expect(notice).toContain(`the plan could not be posted on pull request #${pr.number} (GitHub answered 403: Resource not accessible by integration`);
    expect(result.summary).toContain('### Prefect deployment plan');
  });

  it('redacts the API key and credential-named values before anything is sent', async () => {
    const pr = pullRequest();
    const dir = path.join(work, 'secretive');
    cpSync(path.join(work, 'project'), dir, { recursive: true });
    const yamlPath = path.join(dir, 'prefect.yaml');
    writeFileSync(
      yamlPath,
      readFileSync(yamlPath, 'utf8').replace(
        'image: "ghcr.io/acme/shop:{{ $IMAGE_TAG }}"',
        'image: "ghcr.io/acme/shop:{{ $IMAGE_TAG }}"\n      env: {DB_PASSWORD: "{{ $DB_PASSWORD }}", LOG_LEVEL: "{{ $API_KEY_COPY }}"}',
      ),
    );
    const run = { ...pr.run, env: { ...pr.run.env!, DB_PASSWORD: 'hunter2-very-secret', API_KEY_COPY: 'pnu_not_a_real_key_42' } };
    const result = await runAction({ ...planInputs, 'working-directory': 'secretive', 'api-key': 'pnu_not_a_real_key_42' }, work, run);
    expect(result.code, result.stdout).toBe(0);
    const body = commentsOn(pr.number)[0]!.body;
    for (const text of [body, result.summary, result.outputs.plan!, result.outputs['plan-markdown']!]) {
      expect(text).not.toContain('hunter2-very-secret');
      expect(text).not.toContain('pnu_not_a_real_key_42');
    }
    expect(body).toContain('DB_PASSWORD: "***"');
    // A pull request's prefect.yaml is untrusted: an environment value plan-env does not allow is not shown.
    expect(body).toContain('LOG_LEVEL: (from $API_KEY_COPY)');
    expect(result.stdout).toContain('::add-mask::pnu_not_a_real_key_42');
  });
});

describe('a plan too long for one comment', () => {
  const project = () => {
    const dir = path.join(work, 'big');
    if (existsSync(dir)) return dir;
    cpSync(path.join(work, 'project'), dir, { recursive: true });
    const deployments = Array.from(
      { length: 120 },
      (_, i) => `
  - name: region-${String(i).padStart(3, '0')}
    entrypoint: flows/shop.py:sync_orders
    description: "Loads region ${i}. \`\`\`not a fence\`\`\` ${'and a long sentence that makes the comment grow '.repeat(3)}"
    parameters: {region: r${i}, full: ${i % 2 === 0}}
    tags: [etl, region-${i}]
    schedules:
      - cron: "${i % 60} ${i % 24} * * *"
        timezone: Europe/Paris
    work_pool: {name: shop-pool, job_variables: {image: "ghcr.io/acme/shop:r${i}"}}`,
    ).join('\n');
    writeFileSync(
      path.join(dir, 'prefect.yaml'),
      `pull:\n  - prefect.deployments.steps.set_working_directory:\n      directory: /opt/etl\n\ndeployments:${deployments}\n`,
    );
    return dir;
  };

  it('is cut on a line to 60,000 characters: headline kept, fence and details closed, a pointer to the job summary', async () => {
    project();
    const pr = pullRequest();
    const result = await runAction({ ...planInputs, 'working-directory': 'big' }, work, pr.run);
    expect(result.code, result.stdout).toBe(0);
    const body = commentsOn(pr.number)[0]!.body;
    expect(result.outputs['plan-markdown']!.length).toBeGreaterThan(60_000);
    expect(body.length).toBeLessThanOrEqual(60_000);
    const lines = body.split('\n');
    expect(lines[1]).toBe('### Prefect deployment plan: 120 deployments (not compared with a server)');
    expect(
      body.endsWith('> This plan is too long for a comment and was cut here: the whole plan is in the [job summary](https://github.com/acme/etl/actions/runs/4242).\n'),
    ).toBe(true);
    // What is kept is the plan's own beginning, up to the closers and the note.
    const kept = lines.slice(1, lines.indexOf('> [!NOTE]'));
    while (/^(`{3,}|<\/details>|)$/.test(kept.at(-1)!)) kept.pop();
    expect(result.outputs['plan-markdown']!.startsWith(kept.join('\n'))).toBe(true);
    // Balanced: every fence closed, as many </details> as <details>.
    expect(lines.filter((l) => /^```/.test(l)).length % 2).toBe(0);
    expect(lines.filter((l) => l.startsWith('<details>')).length).toBe(lines.filter((l) => l === '</details>').length);
    await expect(body).toMatchFileSnapshot(golden('truncated-comment.md'));
  });
});

/**
 * The action's `changed-since`: by default a pull request's base commit; the matrix holds only the
 * changed deployments, the plan output, the log and the job summary list the skipped ones; `none`
 * and a push that creates a branch work on the whole selection.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli } from '../cli/spawn-cli.js';
import { runAction, type RunOptions } from './run-action.js';

const root = path.resolve(import.meta.dirname, '../..');
let work: string;
let project: string;
let base: string;
let bundle: string;

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
  }).trim();
}

beforeAll(async () => {
  bundle = path.join(path.dirname(await builtCli()), 'index.js');
  work = realpathSync(mkdtempSync(path.join(tmpdir(), 'action-changed-since-')));
  project = path.join(work, 'project');
  cpSync(path.join(root, 'examples', 'local-etl'), project, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'init');
  base = git('rev-parse', 'HEAD');
  const yamlPath = path.join(project, 'prefect.yaml');
  writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('names: [revenue, churn]', 'names: [revenue, churn, growth]'));
  git('commit', '-qam', 'dashboards: one more');
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pullRequest = (baseSha: string): RunOptions => ({
  bundle,
  event: {
    name: 'pull_request',
    payload: { number: 7, pull_request: { number: 7, head: { sha: 'h', repo: { full_name: 'a/b' } }, base: { sha: baseSha, repo: { full_name: 'a/b' } } } },
  },
});

describe('changed-since in the action', () => {
  it("pull_request: only what changed since the PR's base is planned; the others are listed as skipped", async () => {
    const { code, outputs, stdout, summary } = await runAction({ 'working-directory': 'project', all: 'true' }, work, pullRequest(base));
    expect(code, stdout).toBe(0);
    expect(JSON.parse(outputs.matrix!).include.map((e: { deployment: string }) => e.deployment)).toEqual(['refresh-dashboards/dashboards']);
    const plan = JSON.parse(outputs.plan!);
    expect(plan.deployments.map((d: { name: string }) => d.name)).toEqual(['dashboards']);
    // Why: its prefect.yaml section changed; the log's plan says so under its name.
    expect(plan.deployments[0].changed_because).toBe(`changed since ${base}: prefect.yaml section changed`);
    expect(stdout).toContain(`  changed since ${base}: prefect.yaml section changed`);
    expect(plan.skipped).toEqual([
      { deployment: 'sales-nightly', reason: `unchanged since ${base}` },
      { deployment: 'sales-hourly-us', reason: `unchanged since ${base}` },
    ]);
    expect(stdout).toContain(`2 deployment(s) skipped: unchanged since ${base}`);
    expect(summary).toContain(`<details><summary>2 deployment(s) skipped: unchanged since <code>${base}</code></summary>`);
    expect(summary).toContain('| `sales-nightly` | skipped: unchanged since');
  });

  it('changed-since: none plans the whole selection', async () => {
    const { code, outputs } = await runAction({ 'working-directory': 'project', all: 'true', 'changed-since': 'none' }, work, pullRequest(base));
    expect(code).toBe(0);
    expect(JSON.parse(outputs.matrix!).include).toHaveLength(3);
    expect(JSON.parse(outputs.plan!).skipped).toBeUndefined();
  });

  it('a push that creates a branch (before all zeros): everything', async () => {
    const { code, outputs } = await runAction({ 'working-directory': 'project', all: 'true' }, work, {
      bundle,
      event: { name: 'push', payload: { before: '0'.repeat(40), after: 'x' } },
    });
    expect(code).toBe(0);
    expect(JSON.parse(outputs.matrix!).include).toHaveLength(3);
  });

  it('the event default in a checkout without git: everything, with a warning', async () => {
    cpSync(path.join(root, 'examples', 'local-etl'), path.join(work, 'plain'), { recursive: true });
    const { code, outputs, stdout } = await runAction({ 'working-directory': 'plain', all: 'true' }, work, pullRequest(base));
    expect(code, stdout).toBe(0);
    expect(JSON.parse(outputs.matrix!).include).toHaveLength(3);
    expect(stdout).toMatch(/::warning::--changed-since [0-9a-f]+: .*plain is not in a git repository: working on every selected deployment/);
  });

  it('an explicit changed-since in a checkout without git fails the step', async () => {
    const { code, outputs } = await runAction({ 'working-directory': 'plain', all: 'true', 'changed-since': 'HEAD~1' }, work, pullRequest(base));
    expect(code).not.toBe(0);
    expect(outputs['failure-reason']).toBe('invalid-input');
  });

  it('a base commit git cannot find fails the step with invalid-input', async () => {
    const { code, outputs, stdout } = await runAction({ 'working-directory': 'project', all: 'true' }, work, pullRequest('0123456789abcdef0123456789abcdef01234567'));
    expect(code).not.toBe(0);
    expect(outputs['failure-reason']).toBe('invalid-input');
    expect(stdout).toContain('git cannot resolve 0123456789abcdef0123456789abcdef01234567 to a commit');
  });
});

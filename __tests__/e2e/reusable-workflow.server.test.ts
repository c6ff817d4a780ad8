/**
 * .github/workflows/prefect-deploy.yml (the reusable workflow) run by act from a user's repository
 * (fixtures/etl-repo, whose workflow calls `acme/deploy-action/.github/workflows/prefect-deploy.yml@v1`
 * as the README shows), against the suite's Prefect server and a GitHub-API stand-in:
 *   - a pull request plans and posts one sticky comment; nothing is written to Prefect;
 *   - a push to main runs build → one deploy leg per deployment → collect, registers every
 *     deployment with the build step's output, and runs the build step once;
 *   - the same push again reports every deployment unchanged;
 *   - a pull request that changes one schedule updates the same comment.
 * act, the workflow files and the action (a fresh build of src/) are real; see ../setup/act.ts for
 * what is stood in (upload/download-artifact) and why. GitHub's API is ../github/fake-github.ts,
 * which checks every request against GitHub's OpenAPI description.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_REF, ACTION_REPO, commitAll, logTail, prepareActionRepo, prepareStandIns, runAct, type ActOptions } from '../setup/act.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';

const apiUrl = inject('prefectApiUrl');
const TOKEN = 'ghs_e2eStandInToken0123456789';
const API_KEY = 'pnu_e2eNotARealKey0123456789';
const suffix = Math.random().toString(36).slice(2, 8);
const names = { hourly: `orders-hourly-${suffix}`, us: `orders-us-${suffix}`, report: `report-${suffix}` };
const keys = [`e2e-load-orders/${names.hourly}`, `e2e-load-orders/${names.us}`, `e2e-orders-report/${names.report}`].sort();

const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-reusable-'));
const out = path.join(scratch, 'out');
const repo = path.join(scratch, 'etl-repo');
let github: FakeGitHub;
let act: Omit<ActOptions, 'event' | 'payload'>;
let sha: string;
/** The pull request's base: a commit before the project existed, so every deployment is new (changed-since). */
let baseSha: string;

const repository = { full_name: 'acme/etl-flows', name: 'etl-flows', owner: { login: 'acme' }, default_branch: 'main' };
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' },
  }).trim();

function pullRequestEvent(number: number) {
  const side = (ref: string, commit: string) => ({ ref, sha: commit, repo: { full_name: repository.full_name } });
  return { action: 'synchronize', number, pull_request: { number, head: side('change-schedules', sha), base: side('main', baseSha) }, repository };
}

const pushEvent = () => ({ ref: 'refs/heads/main', after: sha, repository, head_commit: { id: sha, message: 'e2e' } });

/** The first ```yaml block after `heading` in the README. */
function readmeYaml(heading: string): string {
  const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
  const at = readme.indexOf(`\n${heading}\n`);
  expect(at, `README has no "${heading}" section`).toBeGreaterThan(-1);
  const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(block, `README's "${heading}" section has no yaml block`).not.toBeNull();
  return block![1]!;
}

/** What the caller's `record` job wrote: the reusable workflow's result and outputs. */
function recorded() {
  const read = (f: string) => readFileSync(path.join(out, f), 'utf8');
  const json = (f: string) => (read(f) === '' ? undefined : JSON.parse(read(f)));
  return { result: read('result'), plan: json('plan.json'), planMarkdown: read('plan.md'), deployments: json('deployments.json'), changes: read('changes') };
}

/** Runs the caller workflow for an event; it must succeed. Returns act's log and what `record` wrote. */
async function runCaller(event: 'push' | 'pull_request', payload: Record<string, unknown>) {
  for (const f of ['result', 'plan.json', 'plan.md', 'deployments.json', 'changes']) rmSync(path.join(out, f), { force: true });
  const { code, log } = await runAct({ ...act, event, payload });
  expect(code, logTail(log)).toBe(0);
  const r = recorded();
  expect(r.result, 'the reusable workflow job').toBe('success');
  return { log, ...r };
}

async function readDeployment(flow: string, name: string): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`${apiUrl}/deployments/name/${flow}/${name}`);
  if (res.status === 404) return undefined;
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

type Registered = { flow: string; name: string; action: string; id: string; url: string };
/** `flow/name:action` of each deployment in a `deployments` output, sorted. */
const actionsOf = (deployments: Registered[]) => deployments.map((d) => `${d.flow}/${d.name}:${d.action}`).sort();

/** How often the build step ran (it appends a line to E2E_OUT/build-step-runs). */
const buildStepRuns = () => (existsSync(path.join(out, 'build-step-runs')) ? readFileSync(path.join(out, 'build-step-runs'), 'utf8').trim().split('\n').length : 0);

beforeAll(async () => {
  mkdirSync(out);
  const actionRepo = prepareActionRepo(scratch);
  const standIns = prepareStandIns(scratch);
  cpSync(path.join(import.meta.dirname, 'fixtures/etl-repo'), repo, { recursive: true });
  const yamlPath = path.join(repo, 'prefect.yaml');
  writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replaceAll('__SUFFIX__', suffix));
  commitAll(repo, 'acme/etl-flows');
  sha = git('rev-parse', 'HEAD');
  baseSha = git('commit-tree', git('hash-object', '-w', '-t', 'tree', '/dev/null'), '-m', 'base');
  const pool = await fetch(`${apiUrl}/work_pools/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `e2e-pool-${suffix}`, type: 'process' }),
  });
  expect(pool.status).toBe(201);
  github = await startFakeGitHub({ [TOKEN]: { login: 'github-actions[bot]', installation: true } });
  act = {
    cwd: repo,
    workflow: '.github/workflows/prefect.yml',
    scratch,
    secrets: { PREFECT_API_URL: apiUrl, PREFECT_API_KEY: API_KEY, GITHUB_TOKEN: TOKEN },
    env: { E2E_OUT: out, GITHUB_API_URL: github.url },
    localRepositories: { [`${ACTION_REPO}@${ACTION_REF}`]: actionRepo, ...standIns },
  };
});

afterAll(async () => {
  await github?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('reusable workflow', () => {
  it("is called as the README's example shows", () => {
    const readme = parse(readmeYaml('## Reusable workflow'));
    const fixture = parse(readFileSync(path.join(import.meta.dirname, 'fixtures/etl-repo/.github/workflows/prefect.yml'), 'utf8'));
    expect(fixture.on).toEqual(readme.on);
    expect(fixture.jobs.prefect).toEqual(readme.jobs.prefect);
  });

  it('passes projects, changed-since and owner to every action step, and prune to the prune job alone', () => {
    const workflow = parse(readFileSync(path.join(import.meta.dirname, '../../.github/workflows/prefect-deploy.yml'), 'utf8'));
    const inputs = workflow.on.workflow_call.inputs;
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['projects', 'changed-since', 'owner', 'prune']));
    const steps = Object.entries(workflow.jobs as Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>).flatMap(([job, j]) =>
      j.steps.filter((step) => step.uses === `${ACTION_REPO}@${ACTION_REF}`).map((step) => ({ job, with: step.with ?? {} })),
    );
    expect(steps.map((s) => s.job)).toEqual(['plan', 'build', 'deploy', 'prune']);
    for (const step of steps) {
      for (const input of ['projects', 'changed-since']) expect(step.with[input], `${step.job}: ${input}`).toBe(`\${{ inputs.${input} }}`);
      // The build only runs steps and writes nothing: no owner needed.
      if (step.job !== 'build') expect(step.with.owner, `${step.job}: owner`).toBe('${{ inputs.owner }}');
    }
    expect(steps.filter((s) => s.with.prune !== undefined).map((s) => [s.job, s.with.prune, s.with.all])).toEqual([['prune', true, "${{ inputs.deployments == '' }}"]]);
    expect(workflow.jobs.prune.if).toBe("inputs.prune && needs.build.result == 'success' && needs.deploy.result == 'success'");
  });

  it('plans a pull request with one comment and writes nothing to Prefect', async () => {
    const r = await runCaller('pull_request', pullRequestEvent(7));
    expect(r.plan.errors).toEqual([]);
    expect(r.plan.deployments.map((d: { flow_name: string; name: string; action: string }) => `${d.flow_name}/${d.name}:${d.action}`).sort()).toEqual(
      keys.map((k) => `${k}:created`),
    );
    expect(r.planMarkdown).toContain(names.hourly);
    expect(r.changes).toBe('true');

    expect(github.violations).toEqual([]);
    expect(github.comments).toHaveLength(1);
    const [comment] = github.comments;
    expect(`${comment!.repo}#${comment!.issue}`).toBe('acme/etl-flows#7');
    expect(comment!.body).toMatch(/^<!-- deploy-action:plan key=[0-9a-f]+ scope=[0-9a-f]+ hash=[0-9a-f]+ data=[\w-]* -->\n/);
    for (const name of Object.values(names)) expect(comment!.body).toContain(name);
    expect(comment!.body).not.toContain(API_KEY);
    expect(comment!.body).not.toContain(TOKEN);
    // The comment carries the same markdown as the plan-markdown output.
    expect(comment!.body).toContain(r.planMarkdown.trim().split('\n')[0]);

    expect(await readDeployment('e2e-load-orders', names.hourly)).toBeUndefined();
    expect(buildStepRuns()).toBe(0);
  }, 120_000);

  it('deploys a push to main: build once, one leg per deployment, results collected', async () => {
    const r = await runCaller('push', pushEvent());
    // One leg each (act names matrix jobs after the job's name, `deploy <matrix.deployment>`).
    for (const name of Object.values(names)) expect(r.log).toMatch(new RegExp(`\\[prefect/prefect-deploy/deploy \\S+/${name}-\\d+ *\\] 🏁  Job succeeded`));
    const deployments = r.deployments as Registered[];
    expect(actionsOf(deployments)).toEqual(keys.map((k) => `${k}:created`));
    expect(r.changes).toBe('true');
    // The collect job's summary: one table of every leg's deployments.
    expect(r.log).toContain('Summary - ### Prefect deploy: 3 created');
    for (const d of deployments) expect(r.log).toContain(`| \`${d.flow}/${d.name}\` | created | — | [open](${d.url}) |`);

    // The build step ran once, in the build job; the legs registered its output.
    expect(buildStepRuns()).toBe(1);
    const image = `ghcr.io/acme/orders:${sha.slice(0, 12)}`;
    for (const [flow, name] of [
      ['e2e-load-orders', names.hourly],
      ['e2e-load-orders', names.us],
      ['e2e-orders-report', names.report],
    ] as const) {
      const stored = await readDeployment(flow, name);
      expect(stored, `${flow}/${name} on the server`).toBeDefined();
      expect(stored!.job_variables).toEqual({ image });
      expect(stored!.work_pool_name).toBe(`e2e-pool-${suffix}`);
      expect(deployments.find((d) => d.name === name)!.id).toBe(stored!.id);
    }
    expect(github.comments).toHaveLength(1);
  }, 120_000);

  it('reports every deployment unchanged when the same commit is pushed again', async () => {
    const r = await runCaller('push', pushEvent());
    expect(actionsOf(r.deployments)).toEqual(keys.map((k) => `${k}:unchanged`));
    expect(r.changes).toBe('false');
    expect(r.log).toContain('Summary - ### Prefect deploy: 3 unchanged');
    expect(buildStepRuns()).toBe(2);
  }, 120_000);

  it('updates the same comment when a pull request changes one schedule', async () => {
    const yamlPath = path.join(repo, 'prefect.yaml');
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('cron: "0 * * * *"', 'cron: "30 * * * *"'));
    git('commit', '-q', '-am', 'hourly at half past');
    sha = git('rev-parse', 'HEAD');
    const before = github.comments[0]!;
    const firstBody = before.body;
    const r = await runCaller('pull_request', pullRequestEvent(7));
    const changed = Object.fromEntries(r.plan.deployments.map((d: { name: string; changes: Array<{ field: string }> }) => [d.name, d.changes.map((c) => c.field)]));
    // Every deployment gets the new commit as its version (and shows the build step's output as a
    // placeholder, the plan not running steps); only the hourly one changes its schedules.
    expect(changed[names.hourly]).toContain('schedules');
    expect(changed[names.us]).not.toContain('schedules');
    expect(changed[names.report]).not.toContain('schedules');

    expect(github.violations).toEqual([]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.id).toBe(before.id);
    expect(github.comments[0]!.body).not.toBe(firstBody);
    expect(github.comments[0]!.body).toContain('30 * * * *');
    expect(github.requests.filter((r) => r.operation === 'issues/update-comment')).toHaveLength(1);
  }, 120_000);

  it("README's single-job workflow plans a pull request and deploys a push", async () => {
    writeFileSync(path.join(repo, '.github/workflows/readme-action.yml'), readmeYaml('## GitHub Actions'));
    git('add', '-A');
    git('commit', '-q', '-m', 'the README workflow');
    sha = git('rev-parse', 'HEAD');
    const runs = buildStepRuns();
    const options = { ...act, workflow: '.github/workflows/readme-action.yml' };
    const plan = await runAct({ ...options, event: 'pull_request', payload: pullRequestEvent(8) });
    expect(plan.code, logTail(plan.log)).toBe(0);
    expect(github.violations).toEqual([]);
    const comment = github.comments.find((c) => c.repo === 'acme/etl-flows' && c.issue === 8);
    expect(comment?.body).toContain(names.hourly);
    expect(buildStepRuns()).toBe(runs);

    const deploy = await runAct({ ...options, event: 'push', payload: pushEvent() });
    expect(deploy.code, logTail(deploy.log)).toBe(0);
    // One job ran the build step once and registered the schedule the previous test changed.
    expect(buildStepRuns()).toBe(runs + 1);
    const stored = await readDeployment('e2e-load-orders', names.hourly);
    expect((stored!.schedules as Array<{ schedule: { cron?: string } }>).map((s) => s.schedule.cron)).toEqual(['30 * * * *']);
    expect(stored!.job_variables).toEqual({ image: `ghcr.io/acme/orders:${sha.slice(0, 12)}` });
  }, 120_000);
});

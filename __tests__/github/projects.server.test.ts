/**
 * Several projects in one run against a real Prefect server: the CLI deploys two projects named one
 * by one, the action deploys them by a glob, plans a change to one of them as one PR comment (a
 * section per project), and a matrix leg selects one project's deployment by its selector.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { deployProjects, plan, resolveProjects, runProjects } from '../../src/commands/index.js';
import { Secrets } from '../../src/core/secrets.js';
import { startRecordingProxy } from '../support/recording-proxy.js';
import { RecordingReporter } from '../support/recording-reporter.js';
import { builtCli } from '../cli/spawn-cli.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runAction, type RunOptions } from './run-action.js';

const apiUrl = inject('prefectApiUrl');
const REPO = 'acme/monorepo';
const BOT = 'github-actions[bot]';
const NOW = '2026-03-02T08:00:00Z';
const POOL = 'monorepo-pool';

let gh: FakeGitHub;
let work: string;
let bundle: string;

const flow = (name: string) => `from prefect import flow


@flow(name="mono-${name}")
def mono_${name}(day: str = "today"):
    """${name} a day."""
`;

function project(dir: string, name: string, deployments: string[]): void {
  const at = path.join(work, dir);
  mkdirSync(path.join(at, 'flows'), { recursive: true });
  writeFileSync(path.join(at, 'flows', `${name}.py`), flow(name));
  const list = deployments
    .map(
      (d) =>
        `  - name: ${d}\n    entrypoint: flows/${name}.py:mono_${name}\n    tags: [${name}]\n    schedules:\n      - cron: "0 6 * * *"\n        timezone: UTC\n    work_pool: {name: ${POOL}}\n`,
    )
    .join('');
  // Pull steps: a worker's checkout, not this machine's temporary one (which would be in the comment).
  writeFileSync(
    path.join(at, 'prefect.yaml'),
    `pull:\n  - prefect.deployments.steps.set_working_directory:\n      directory: /opt/monorepo/${dir}\ndeployments:\n${list}`,
  );
}

async function deploymentsOf(flowName: string): Promise<Array<{ name: string; tags: string[] }>> {
  const res = await fetch(`${apiUrl}/deployments/filter`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ flows: { name: { any_: [flowName] } } }),
  });
  return ((await res.json()) as Array<{ name: string; tags: string[] }>).sort((a, b) => a.name.localeCompare(b.name));
}

beforeAll(async () => {
  gh = await startFakeGitHub({ ghs_actions: { login: BOT, installation: true } });
  work = mkdtempSync(path.join(tmpdir(), 'projects-server-'));
  project('flows/etl', 'etl', ['mono-nightly', 'mono-hourly']);
  project('flows/report', 'report', ['mono-weekly']);
  const res = await fetch(`${apiUrl}/work_pools/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: POOL, type: 'process' }),
  });
  expect([201, 409]).toContain(res.status);
  bundle = path.join(path.dirname(await builtCli()), 'index.js');
});
afterAll(async () => {
  await gh.close();
  rmSync(work, { recursive: true, force: true });
});

const baseEnv = (sha: string) => ({
  GITHUB_API_URL: gh.url,
  GITHUB_REPOSITORY: REPO,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '778',
  GITHUB_SHA: sha,
  GITHUB_WORKSPACE: work,
});
const push = (sha: string): RunOptions => ({ now: NOW, bundle, event: { name: 'push', payload: { after: sha } }, env: baseEnv(sha) });
const stable = (text: string) =>
  text.replaceAll(apiUrl.replace(/\/api$/, ''), 'http://prefect.test').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<deployment-id>');

describe('several projects in one run', () => {
  it('the CLI deploys two projects named with --project, each from its own directory', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(['deploy', '--all', '--json', '--project', 'flows/etl', '--project', 'flows/report'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += `${t}\n`),
      cwd: work,
      // The repository the action runs in below: the same owner identity, so its deploy finds these unchanged.
      env: { PREFECT_API_URL: apiUrl, GITHUB_REPOSITORY: REPO, GITHUB_SERVER_URL: 'https://github.com' },
      now: () => new Date(NOW),
    });
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout);
    expect(
      out.projects.map((p: { project: string; deployments: Array<{ name: string; action: string }> }) => [p.project, p.deployments.map((d) => `${d.name}:${d.action}`)]),
    ).toEqual([
      ['flows/etl', ['mono-nightly:created', 'mono-hourly:created']],
      ['flows/report', ['mono-weekly:created']],
    ]);
    expect((await deploymentsOf('mono-etl')).map((d) => d.name)).toEqual(['mono-hourly', 'mono-nightly']);
    expect((await deploymentsOf('mono-report')).map((d) => d.name)).toEqual(['mono-weekly']);
  });

  it('the action deploys by a glob, validating every project before any write', async () => {
    const again = await runAction({ projects: 'flows/*', all: 'true', mode: 'deploy', 'api-url': apiUrl }, work, push('0000000000000000000000000000000000000002'));
    expect(again.code, again.stdout).toBe(0);
    expect(JSON.parse(again.outputs.deployments!).map((d: { project: string; name: string; action: string }) => `${d.project}:${d.name}:${d.action}`)).toEqual([
      'flows/etl:mono-nightly:unchanged',
      'flows/etl:mono-hourly:unchanged',
      'flows/report:mono-weekly:unchanged',
    ]);
    expect(again.summary.split('\n')[0]).toBe('## Prefect deploy: 2 projects, 3 unchanged');
    expect(again.summary).toContain('### 📁 `flows/report`: 1 unchanged');
    // One project broken: nothing is written to the other, whose change would otherwise be deployed.
    const etl = path.join(work, 'flows', 'etl', 'prefect.yaml');
    const report = path.join(work, 'flows', 'report', 'prefect.yaml');
    const [etlText, reportText] = [readFileSync(etl, 'utf8'), readFileSync(report, 'utf8')];
    try {
      writeFileSync(etl, etlText.replaceAll('tags: [etl]', 'tags: [etl, changed]'));
      writeFileSync(report, reportText.replace('work_pool: {name: monorepo-pool}', 'work_pool: {name: no-such-pool}'));
      const refused = await runAction({ projects: 'flows/*', all: 'true', mode: 'deploy', 'api-url': apiUrl }, work, push('0000000000000000000000000000000000000003'));
      expect(refused.code).not.toBe(0);
      expect(refused.outputs['failure-reason']).toBe('invalid-config');
      expect(refused.stdout).toContain('flows/report/prefect.yaml');
      expect(refused.summary.split('\n')[0]).toBe('## ❌ Prefect deploy: 2 projects');
      expect((await deploymentsOf('mono-etl')).map((d) => d.tags)).toEqual([['etl'], ['etl']]);
    } finally {
      writeFileSync(etl, etlText);
      writeFileSync(report, reportText);
    }
  });

  it('plans a change to one project of the monorepo as one PR comment, a section per project', async () => {
    const report = path.join(work, 'flows', 'report', 'prefect.yaml');
    const original = readFileSync(report, 'utf8');
    writeFileSync(report, original.replace('cron: "0 6 * * *"', 'cron: "30 7 * * 1-5"'));
    try {
      const number = 51;
      const pr: RunOptions = {
        now: NOW,
        bundle,
        event: {
          name: 'pull_request',
          payload: {
            number,
            pull_request: { number, head: { sha: 'c0ffee1234567890c0ffee1234567890c0ffee12', repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } },
          },
        },
        env: baseEnv(`feedface${String(number).padStart(32, '0')}`),
      };
      const planned = await runAction({ projects: 'flows/etl\nflows/report', all: 'true', 'api-url': apiUrl, 'github-token': 'ghs_actions' }, work, pr);
      expect(planned.code, planned.stdout).toBe(0);
      expect(planned.outputs.changes).toBe('true');
      const comments = gh.comments.filter((c) => c.repo === REPO && c.issue === number && c.author === BOT);
      expect(comments).toHaveLength(1);
      await expect(stable(comments[0]!.body)).toMatchFileSnapshot(path.join(import.meta.dirname, 'golden', 'monorepo-plan-comment.md'));
      expect(stable(planned.summary).trimEnd()).toBe(stable(comments[0]!.body).split('\n').slice(1).join('\n').trimEnd());
      expect(gh.violations).toEqual([]);

      // The matrix across projects, each entry naming its project; a leg deploys just its entry.
      const matrix = JSON.parse(planned.outputs.matrix!) as { include: Array<{ project: string; deployment: string }> };
      expect(matrix.include.map((e) => [e.project, e.deployment])).toEqual([
        ['flows/etl', 'flows/etl:mono-etl/mono-nightly'],
        ['flows/etl', 'flows/etl:mono-etl/mono-hourly'],
        ['flows/report', 'flows/report:mono-report/mono-weekly'],
      ]);
      const leg = matrix.include[2]!;
      const deployed = await runAction(
        { projects: 'flows/*', deployments: leg.deployment, mode: 'deploy', 'api-url': apiUrl },
        work,
        push('0000000000000000000000000000000000000004'),
      );
      expect(deployed.code, deployed.stdout).toBe(0);
      expect(JSON.parse(deployed.outputs.deployments!).map((d: { project: string; name: string; action: string }) => `${d.project}:${d.name}:${d.action}`)).toEqual([
        'flows/report:mono-weekly:updated',
      ]);
    } finally {
      writeFileSync(report, original);
    }
  });

  it('in-process: deploy validates both projects, then deploys them, the shared build step running once for the run', async () => {
    const shared =
      'build:\n  - prefect.deployments.steps.set_working_directory:\n      directory: ../..\n  - prefect.deployments.steps.run_shell_script:\n      script: sh -c "echo ran >> built.log; echo built"\n      id: shared\n';
    for (const [dir, name] of [
      ['steps/a', 'stepa'],
      ['steps/b', 'stepb'],
    ] as const) {
      project(dir, name, [`mono-${name}`]);
      const file = path.join(work, dir, 'prefect.yaml');
      writeFileSync(file, shared + readFileSync(file, 'utf8'));
    }
    const reporter = new RecordingReporter();
    const result = await deployProjects(
      {
        prefectFile: 'prefect.yaml',
        selection: { all: true, names: [] },
        cwd: work,
        env: { PREFECT_API_URL: apiUrl },
        now: new Date(NOW),
        apiUrl,
        secrets: new Secrets(),
        lock: false,
        skipSteps: false,
      },
      resolveProjects(['steps/*'], work, 'prefect.yaml'),
      reporter,
    );
    expect(result.failureReason, JSON.stringify(result.diagnostics)).toBeUndefined();
    expect(result.projects.map((p) => [p.project, p.result.outcomes!.map((o) => `${o.name}:${o.action}`)])).toEqual([
      ['steps/a', ['mono-stepa:created']],
      ['steps/b', ['mono-stepb:created']],
    ]);
    expect(readFileSync(path.join(work, 'built.log'), 'utf8')).toBe('ran\n');
    expect(reporter.of('deploying')).toHaveLength(1);
    // Each deployment as `<project>:<flow>/<name>`, as the matrix selects it.
    // Projects deploy at once: their results arrive in either order; the run's result keeps the projects' order.
    expect(
      reporter
        .of('result')
        .map((c) => [c[1].flowName.split(':')[0], c[1].name])
        .sort(),
    ).toEqual([
      ['steps/a', 'mono-stepa'],
      ['steps/b', 'mono-stepb'],
    ]);

    // The action's build over the same projects: each step output per project, and unprefixed as the projects agree.
    const built = await runAction({ projects: 'steps/*', all: 'true', mode: 'build' }, work, push('0000000000000000000000000000000000000004'));
    expect(built.code, built.stdout).toBe(0);
    expect([built.outputs['steps-a-shared-stdout'], built.outputs['steps-b-shared-stdout'], built.outputs['shared-stdout']]).toEqual(['built', 'built', 'built']);
  });

  it("in-process: projects deploying at once share the run's write slots (a self-hosted server gets one upsert at a time) and one read of what the server holds", async () => {
    for (const name of ['wa', 'wb', 'wc']) project(`writes/${name}`, name, [`mono-${name}-1`, `mono-${name}-2`, `mono-${name}-3`]);
    const proxy = await startRecordingProxy(apiUrl);
    try {
      const request = () => ({
        prefectFile: 'prefect.yaml',
        selection: { all: true, names: [] },
        cwd: work,
        env: { PREFECT_API_URL: proxy.apiUrl },
        now: new Date(NOW),
        apiUrl: proxy.apiUrl,
        secrets: new Secrets(),
        lock: false as const,
        skipSteps: false,
      });
      const result = await deployProjects(request(), resolveProjects(['writes/*'], work, 'prefect.yaml'), new RecordingReporter());
      expect(result.failureReason, JSON.stringify(result.diagnostics)).toBeUndefined();
      expect(result.projects.flatMap((p) => p.result.outcomes!.map((o) => o.action))).toEqual(Array(9).fill('created'));
      const upserts = proxy.requests.filter((r) => r.method === 'POST' && r.path === '/deployments/');
      expect(upserts).toHaveLength(9);
      expect(Math.max(...upserts.map((r) => r.inFlight))).toBe(1);

      // Again, nothing changed: what the server holds is read once for the run, not once a project.
      proxy.requests.length = 0;
      const again = await deployProjects(request(), resolveProjects(['writes/*'], work, 'prefect.yaml'), new RecordingReporter());
      expect(again.projects.flatMap((p) => p.result.outcomes!.map((o) => o.action))).toEqual(Array(9).fill('unchanged'));
      const reads = (route: string) => proxy.requests.filter((r) => r.method === 'POST' && r.path === route).length;
      expect([reads('/flows/filter'), reads('/deployments/filter')]).toEqual([1, 1]);
      // The run asks the server's version and each work pool once, not once a project (nor again to deploy).
      const gets = (prefix: string) => proxy.requests.filter((r) => r.method === 'GET' && r.path.startsWith(prefix)).length;
      expect([gets('/admin/version'), gets('/work_pools/')]).toEqual([1, 1]);
      // and nothing is written (the automations are counted when the workspace has more than a page)
      expect(proxy.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/filter') && r.path !== '/automations/count')).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('in-process: a plan of all over several projects reads the workspace once for every project, not each project its own', async () => {
    for (const name of ['wa', 'wb', 'wc']) project(`writes/${name}`, name, [`mono-${name}-1`, `mono-${name}-2`, `mono-${name}-3`]);
    const deployed = {
      prefectFile: 'prefect.yaml',
      selection: { all: true, names: [] },
      cwd: work,
      env: { PREFECT_API_URL: apiUrl },
      now: new Date(NOW),
      apiUrl,
      secrets: new Secrets(),
      lock: false as const,
      skipSteps: false,
    };
    expect((await deployProjects(deployed, resolveProjects(['writes/*'], work, 'prefect.yaml'), new RecordingReporter())).failureReason).toBeUndefined();
    const proxy = await startRecordingProxy(apiUrl);
    try {
      const request = {
        prefectFile: 'prefect.yaml',
        selection: { all: true, names: [] },
        cwd: work,
        env: { PREFECT_API_URL: proxy.apiUrl },
        now: new Date(NOW),
        apiUrl: proxy.apiUrl,
        secrets: new Secrets(),
        planEnv: [],
      };
      const projects = resolveProjects(['writes/*'], work, 'prefect.yaml');
      const result = await runProjects(request, projects, plan, new RecordingReporter());
      expect(result.failureReason, JSON.stringify(result.diagnostics)).toBeUndefined();
      expect(result.projects.flatMap((p) => p.result.live!.map((c) => c.action))).toEqual(Array(9).fill('unchanged'));
      const count = (method: string, route: string) => proxy.requests.filter((r) => r.method === method && r.path.startsWith(route)).length;
      expect([count('GET', '/admin/version'), count('GET', '/work_pools/'), count('POST', '/automations/filter')]).toEqual([1, 1, 1]);
      // Every deployments read is a page of the whole workspace (what "to delete" needs), none by name.
      const reads = proxy.requests.filter((r) => r.method === 'POST' && r.path === '/deployments/filter');
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.filter((r) => JSON.stringify(r.body).includes('"name"'))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('require-plan-match: the deploy compares every project with the monorepo plan of the merged pull request before any project writes', async () => {
    const etl = path.join(work, 'flows', 'etl', 'prefect.yaml');
    const report = path.join(work, 'flows', 'report', 'prefect.yaml');
    const [etlText, reportText] = [readFileSync(etl, 'utf8'), readFileSync(report, 'utf8')];
    const cronOf = async (name: string) =>
      ((await (await fetch(`${apiUrl}/deployments/name/${name}`)).json()) as { schedules: Array<{ schedule: { cron: string } }> }).schedules[0]!.schedule.cron;
    const inputs = { projects: 'flows/*', all: 'true', 'api-url': apiUrl, 'github-token': 'ghs_actions' };
    const merged = 'abcdef0123456789abcdef0123456789abcdef01';
    try {
      const tagsOf = async (name: string) => ((await (await fetch(`${apiUrl}/deployments/name/${name}`)).json()) as { tags: string[] }).tags;
      writeFileSync(etl, etlText.replaceAll('tags: [etl]', 'tags: [etl, planned]'));
      writeFileSync(report, reportText.replace('cron: "0 6 * * *"', 'cron: "15 5 * * *"'));
      const number = 52;
      const planned = await runAction(inputs, work, {
        now: NOW,
        bundle,
        event: {
          name: 'pull_request',
          payload: {
            number,
            pull_request: { number, head: { sha: 'c0ffee1234567890c0ffee1234567890c0ffee12', repo: { full_name: REPO } }, base: { repo: { full_name: REPO } } },
          },
        },
        env: baseEnv(`feedface${String(number).padStart(32, '0')}`),
      });
      expect(planned.code, planned.stdout).toBe(0);
      gh.pullsByCommit.set(merged, [{ number, merged_at: '2026-03-02T09:00:00Z', merge_commit_sha: merged }]);
      const deploy = { ...inputs, mode: 'deploy', 'require-plan-match': 'true' };

      // A change after the plan in the second project: the first, which matches its plan, is not written either.
      writeFileSync(report, reportText.replace('cron: "0 6 * * *"', 'cron: "45 5 * * *"'));
      const refused = await runAction(deploy, work, push(merged));
      expect(refused.code).toBe(1);
      expect(refused.outputs['failure-reason']).toBe('plan-changed');
      expect(refused.stdout).toContain('flows/report:mono-report/mono-weekly changed (schedules)');
      expect(await tagsOf('mono-etl/mono-nightly')).toEqual(['etl']);

      writeFileSync(report, reportText.replace('cron: "0 6 * * *"', 'cron: "15 5 * * *"'));
      const deployed = await runAction(deploy, work, push(merged));
      expect(deployed.code, deployed.stdout).toBe(0);
      expect(deployed.stdout).toContain(`require-plan-match: matches the plan on pull request #${number}`);
      expect(await cronOf('mono-report/mono-weekly')).toBe('15 5 * * *');
      expect(await tagsOf('mono-etl/mono-nightly')).toEqual(['etl', 'planned']);
      // The comment follows the deploy: the monorepo plan comment is marked applied, each deployment named with its project.
      const applied = gh.comments.find((c) => c.issue === number)!.body;
      expect(applied).toContain(`### ✅ Applied at \`${merged.slice(0, 7)}\`: `);
      expect(applied).toMatch(/\| 🟡 \| \[`flows\/report:mono-report\/mono-weekly`\]\([^)]+\) \| \*\*updated\*\*: `schedules` \|/);

      // A matrix leg compares its own deployment.
      const leg = await runAction({ ...deploy, all: '', deployments: 'flows/etl:mono-etl/mono-hourly' }, work, push(merged));
      expect(leg.code, leg.stdout).toBe(0);
      expect(JSON.parse(leg.outputs.deployments!).map((d: { project: string; name: string }) => `${d.project}:${d.name}`)).toEqual(['flows/etl:mono-hourly']);

      // A prune the reviewed plan did not show (a deployment removed after it) is refused, and nothing is deleted.
      const withoutHourly = readFileSync(etl, 'utf8').replace(/ {2}- name: mono-hourly\n(?: {4}.*\n| {6}.*\n| {8}.*\n)*/u, '');
      expect(withoutHourly).not.toContain('mono-hourly');
      writeFileSync(etl, withoutHourly);
      const pruning = await runAction({ ...deploy, prune: 'true' }, work, push(merged));
      expect(pruning.code, pruning.stdout).toBe(1);
      expect(pruning.outputs['failure-reason']).toBe('plan-changed');
      expect(pruning.stdout).toContain('deleting flows/etl:mono-etl/mono-hourly was not in that plan');
      expect((await fetch(`${apiUrl}/deployments/name/mono-etl/mono-hourly`)).status).toBe(200);
    } finally {
      writeFileSync(etl, etlText);
      writeFileSync(report, reportText);
    }
  });

  it('mode drift checks every project: the server as the last deploy left it differs from the files as they are now', async () => {
    // The test above deployed its pull request's files (tags, a schedule), then put the files back.
    // Named rather than all: outside a git checkout both projects' files are "prefect.yaml" to the
    // owner mark, so a plan of all would list each project's deployments as the other's to delete.
    const deployments = 'flows/etl:mono-etl/mono-nightly\nflows/etl:mono-etl/mono-hourly\nflows/report:mono-report/mono-weekly';
    const inputs = { projects: 'flows/*', deployments, 'api-url': apiUrl, mode: 'drift' };
    const comments = gh.requests.filter((q) => q.operation === 'issues/create-comment' || q.operation === 'issues/update-comment').length;
    const drifted = await runAction(inputs, work, push('0000000000000000000000000000000000000006'));
    expect(drifted.code).toBe(1);
    expect(drifted.outputs['failure-reason']).toBe('drift');
    expect(drifted.outputs.drift).toBe('true');
    expect(drifted.summary).toContain('### ⚠️ Drift: the Prefect server differs from `flows/*/prefect.yaml` in 3 of 3 deployments');
    expect(drifted.summary).toMatch(/- \[`flows\/report:mono-report\/mono-weekly`\]\([^)]+\): `schedules` differ/);
    expect(drifted.summary).toMatch(/- \[`flows\/etl:mono-etl\/mono-nightly`\]\([^)]+\): `tags` differ/);
    expect(drifted.stdout).toContain('::error::flows/etl: the Prefect server differs from prefect.yaml in 2 of 2 deployment(s)');
    expect(gh.requests.filter((q) => q.operation === 'issues/create-comment' || q.operation === 'issues/update-comment')).toHaveLength(comments);

    const fixed = await runAction({ ...inputs, mode: 'deploy' }, work, push('0000000000000000000000000000000000000007'));
    expect(fixed.code, fixed.stdout).toBe(0);
    const clean = await runAction(inputs, work, push('0000000000000000000000000000000000000008'));
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.outputs.drift).toBe('false');
    expect(clean.summary).toContain('### ✅ No drift: the Prefect server matches `flows/*/prefect.yaml` (3 deployments)');
  });

  it('projects and working-directory together are an input error', async () => {
    const run = await runAction({ projects: 'flows/*', 'working-directory': 'flows', all: 'true' }, work, push('0000000000000000000000000000000000000005'));
    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('invalid-input');
    expect(run.stdout).toContain('inputs "projects" and "working-directory" cannot be used together');
  });
});

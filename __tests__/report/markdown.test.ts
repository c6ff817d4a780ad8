/**
 * Plan and deploy markdown (what the PR comment, the job summary and the `plan-markdown` output
 * carry), compared with golden files. The plans are real (the action tests' shop project); the
 * server's side of each diff is written out here.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, type Plan } from '../../src/core/plan/index.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';
import { code, deployToMarkdown, fence, fieldDiff, planToMarkdown } from '../../src/core/report/markdown.js';
import type { DeployResult, LiveChange } from '../../src/core/apply/index.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const golden = (name: string) => path.join(import.meta.dirname, 'golden', 'markdown', `${name}.md`);
const options = { now: NOW, uiUrl: 'https://prefect.test', footer: '<sub>footer</sub>' };

/** Not a git checkout, as the temporary copy is: the plan runs no git process. */
const noGit: GitRunner = async () => {
  throw new Error('not a git repository');
};

let dir: string;
let plan: Plan;
beforeAll(async () => {
  dir = tempProject(path.join(import.meta.dirname, '..', 'github', 'fixtures', 'shop'), 'markdown-');
  plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env: { IMAGE_TAG: 'v2' }, now: NOW, git: noGit });
  expect(plan.diagnostics).toEqual([]);
});
afterAll(removeTempProjects);

const [eu, us, report] = [0, 1, 2];
const deployment = (i: number) => plan.deployments[i]!;

function live(): LiveChange[] {
  return [
    {
      deployment: deployment(eu),
      action: 'updated',
      id: '11111111-1111-4111-8111-111111111111',
      changes: [
        { field: 'tags', from: [], to: ['orders'] },
        { field: 'work_pool_name', from: 'old-pool', to: 'shop-pool' },
        { field: 'job_variables', from: { image: 'ghcr.io/acme/shop:v1' }, to: { image: 'ghcr.io/acme/shop:v2' } },
      ],
      notes: ['paused on the server: deploying un-pauses it (set paused: true to keep it paused)'],
    },
    { deployment: deployment(us), action: 'unchanged', id: '22222222-2222-4222-8222-222222222222', changes: [], notes: [] },
    { deployment: deployment(report), action: 'created', changes: [], notes: [] },
  ];
}

describe('plan markdown', () => {
  it('offline: every deployment with the settings that would be sent', async () => {
    await expect(planToMarkdown(plan, undefined, options)).toMatchFileSnapshot(golden('offline'));
  });

  it('against a server: create, update with old values struck through and a diff, unchanged, drift warning', async () => {
    await expect(planToMarkdown(plan, live(), options)).toMatchFileSnapshot(golden('live'));
  });

  it('lists changes first, one line each, and puts more than ten unchanged deployments in a collapsed list of their own', () => {
    const quiet: LiveChange[] = Array.from({ length: 11 }, (_, i) => ({
      deployment: { ...deployment(us), name: `quiet-${i}` },
      action: 'unchanged',
      changes: [],
      notes: [],
    }));
    const changed = live()[0]!;
    const lines = planToMarkdown({ ...plan, deployments: [...quiet.map((q) => q.deployment), changed.deployment] }, [...quiet, changed], options).split('\n');
    expect(lines[0]).toBe('### Prefect deployment plan: 1 to update, 11 unchanged');
    expect(lines[2]).toMatch(/^- 🟡 \[`orders-sync\/orders-eu`\]\(.*\) \*\*update\*\*: `tags`, `work_pool_name` `old-pool` → `shop-pool`, `job_variables`$/);
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe('<details><summary>11 unchanged</summary>');
    expect(lines.filter((l) => /^- ⚪ `orders-sync\/quiet-\d+` unchanged$/.test(l))).toHaveLength(11);
  });

  it('counts in the headline the deployments changed-since left out', () => {
    const headline = (md: string) => md.split('\n')[0];
    expect(headline(planToMarkdown(plan, live(), { ...options, skipped: 4 }))).toBe('### Prefect deployment plan: 1 to create, 1 to update, 1 unchanged, 4 skipped');
    expect(headline(planToMarkdown(plan, undefined, { ...options, skipped: 4 }))).toBe(
      '### Prefect deployment plan: 3 deployments, 4 skipped (not compared with a server)',
    );
    expect(headline(planToMarkdown(plan, live(), { ...options, skipped: 0 }))).toBe('### Prefect deployment plan: 1 to create, 1 to update, 1 unchanged');
  });

  it('with errors: the errors first, with file and line', async () => {
    const broken: Plan = {
      prefectFile: 'prefect.yaml',
      deployments: [],
      diagnostics: [
        { severity: 'error', file: 'prefect.yaml', line: 14, column: 7, deployment: 'etl', message: 'work pool "prod" does not exist; create it or fix work_pool.name' },
        { severity: 'warning', file: 'prefect.yaml', line: 3, message: 'unknown key "schedule_s" (did you mean "schedules"?)' },
      ],
    };
    await expect(planToMarkdown(broken, undefined, options)).toMatchFileSnapshot(golden('errors'));
  });
});

describe('deploy markdown', () => {
  const result = (): DeployResult => ({
    plan,
    outcomes: [
      {
        name: 'orders-eu',
        flowName: 'orders-sync',
        action: 'updated',
        id: '11111111-1111-4111-8111-111111111111',
        changes: [{ field: 'tags', from: [], to: ['orders'] }],
        notices: [],
        stepOutputs: {},
        durationMs: 12,
      },
      {
        name: 'orders-us',
        flowName: 'orders-sync',
        action: 'unchanged',
        id: '22222222-2222-4222-8222-222222222222',
        changes: [],
        notices: [],
        stepOutputs: {},
        durationMs: 3,
      },
      {
        name: 'daily-report',
        flowName: 'daily-report',
        action: 'failed',
        changes: [],
        error: 'HTTP 422: schedules: invalid cron',
        notices: [],
        stepOutputs: {},
        durationMs: 5,
      },
    ],
    diagnostics: [{ severity: 'error', file: 'prefect.yaml', deployment: 'daily-report', message: 'registration failed: HTTP 422: schedules: invalid cron' }],
  });

  it('lists what was created, updated, left unchanged and what failed, linked to the Prefect UI', async () => {
    await expect(deployToMarkdown(result(), options)).toMatchFileSnapshot(golden('deploy'));
  });

  it('counts the skipped deployments in the headline of a deploy too', () => {
    expect(deployToMarkdown(result(), { ...options, skipped: 2 }).split('\n')[0]).toBe('### ❌ Prefect deploy: 1 updated, 1 unchanged, 1 failed, 2 skipped');
  });

  it('says where a deploy stopped when nothing was registered', () => {
    const stopped = deployToMarkdown(
      {
        plan,
        outcomes: [],
        stoppedAt: 'steps',
        diagnostics: [
          {
            severity: 'error',
            file: 'prefect.yaml',
            line: 9,
            deployment: 'orders-eu',
            message: 'Encountered error while running prefect.deployments.steps.run_shell_script (build step 1): exit 1',
          },
        ],
      },
      options,
    );
    expect(stopped.split('\n').slice(0, 4)).toEqual([
      '### ❌ Prefect deploy stopped before registering anything: a build or push step failed',
      '',
      '> [!CAUTION]',
      '> 1 error: nothing was registered.',
    ]);
  });
});

describe('markdown pieces', () => {
  it.each([
    ['plain', 'k8s-prod', '`k8s-prod`'],
    ['backticks inside', 'a `b` c', '`` a `b` c ``'],
    ['table pipe', 'a|b', '`a\\|b`'],
    ['newline', 'a\nb', '`a b`'],
  ])('code span: %s', (_, text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it('fences a block with a fence longer than any backtick run inside', () => {
    expect(fence('yaml', 'a: "```x```"')).toEqual(['````yaml', 'a: "```x```"', '````']);
  });

  it('diffs a changed field line by line and cuts long unchanged stretches to three lines of context', () => {
    const from = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${String(i).padStart(2, '0')}`, i]));
    const diff = fieldDiff([{ field: 'parameters', from, to: { ...from, p10: 'ten' } }]);
    expect(diff.split('\n')).toEqual([
      ' parameters:',
      '@@ … @@',
      '   p07: 7',
      '   p08: 8',
      '   p09: 9',
      '-  p10: 10',
      '+  p10: ten',
      '   p11: 11',
      '   p12: 12',
      '   p13: 13',
      '@@ … @@',
    ]);
  });

  it('does not show a key the server leaves out and the deploy sends as null as a change', () => {
    const diff = fieldDiff([
      {
        field: 'schedules',
        from: [{ schedule: { cron: '0 7 * * *' }, slug: 'a' }],
        to: [{ schedule: { cron: '0 8 * * *' }, slug: 'a', replaces: null, max_scheduled_runs: null }],
      },
    ]);
    expect(diff).not.toContain('replaces');
    expect(diff).not.toContain('max_scheduled_runs');
    expect(diff).toContain('-      cron: 0 7 * * *\n+      cron: 0 8 * * *');
  });
});

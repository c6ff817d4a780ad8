/**
 * The pull request of the end-to-end run that changes one schedule (__tests__/e2e/fixtures/etl-repo),
 * planned without a workflow runner: three deployments whose image a build step fills, a new commit
 * (so a new version on all three) and one changed cron. The server's side is what the main branch's
 * deploy registered: the same file planned at the previous commit with the build step's output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, type Plan } from '../../src/core/plan/index.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';
import { planToMarkdown } from '../../src/core/report/markdown.js';
import { liveChangesToText, planToJson } from '../../src/core/report/text.js';
import { diffDeployment, updateBody, type CurrentDeployment } from '../../src/core/plan/diff.js';
import type { LiveChange } from '../../src/core/apply/index.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const MAIN_SHA = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const PR_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
const BUILT_IMAGE = `ghcr.io/acme/orders:${MAIN_SHA.slice(0, 12)}`;
const golden = path.join(import.meta.dirname, 'golden', 'markdown', 'one-schedule-change.md');
const options = { now: NOW, uiUrl: 'https://prefect.test', footer: '<sub>footer</sub>' };

let dir: string;
beforeAll(() => {
  dir = tempProject(path.join(import.meta.dirname, '..', 'e2e', 'fixtures', 'etl-repo'), 'markdown-e2e-');
  const file = path.join(dir, 'prefect.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('__SUFFIX__', 'pr7'));
});
afterAll(removeTempProjects);

/** git as it answers in a checkout of `sha`. */
const gitAt =
  (sha: string): GitRunner =>
  async (args) => {
    const answers: Record<string, string> = {
      'rev-parse HEAD': sha,
      'rev-parse --abbrev-ref HEAD': 'main',
      'config --get remote.origin.url': 'https://github.com/acme/etl-flows.git',
      'log -1 --pretty=%B': 'hourly at half past',
    };
    const answer = answers[args.join(' ')];
    if (answer === undefined) throw new Error(`unexpected git ${args.join(' ')}`);
    return answer;
  };

async function planAt(sha: string, stepOutputs?: Record<string, unknown>): Promise<Plan> {
  const plan = await createPlan({
    prefectFile: 'prefect.yaml',
    selection: { all: true, names: [] },
    cwd: dir,
    env: {},
    now: NOW,
    git: gitAt(sha),
    ...(stepOutputs ? { stepOutputs } : {}),
  });
  expect(plan.diagnostics).toEqual([]);
  return plan;
}

/** What the server holds after the main branch's deploy registered `plan`. */
function registered(plan: Plan): Map<string, CurrentDeployment> {
  return new Map(
    plan.deployments.map((d, i) => [
      `${d.flowName}/${d.name}`,
      { ...updateBody(d), id: `0000000${i}-0000-4000-8000-000000000000`, schedules: d.schedules.map((s) => ({ ...s.create })) },
    ]),
  );
}

function compare(plan: Plan, server: Map<string, CurrentDeployment>): LiveChange[] {
  return plan.deployments.map((d) => {
    const current = server.get(`${d.flowName}/${d.name}`)!;
    const changes = diffDeployment(d, current);
    return { deployment: d, action: changes.length ? 'updated' : 'unchanged', id: current.id, changes, notes: [] };
  });
}

async function scenario(): Promise<{ plan: Plan; live: LiveChange[] }> {
  const main = await planAt(MAIN_SHA, { image: { stdout: BUILT_IMAGE }, stdout: BUILT_IMAGE });
  const file = path.join(dir, 'prefect.yaml');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original.replace('cron: "0 * * * *"', 'cron: "30 * * * *"'));
  try {
    const plan = await planAt(PR_SHA);
    return { plan, live: compare(plan, registered(main)) };
  } finally {
    writeFileSync(file, original);
  }
}

describe('the plan comment of a pull request that changes one schedule', () => {
  it('headlines the one update, then the version-only deployments; the image is known after build', async () => {
    const { plan, live } = await scenario();
    // What the server comparison finds is unchanged: all three differ in version and image.
    expect(live.map((c) => c.changes.map((x) => x.field))).toEqual([
      ['version', 'schedules', 'job_variables'],
      ['version', 'job_variables'],
      ['version', 'job_variables'],
    ]);
    const markdown = planToMarkdown(plan, live, options);
    await expect(markdown).toMatchFileSnapshot(golden);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('### Prefect deployment plan: 1 to update, 2 version only');
    expect(lines[2]).toMatch(
      /^- 🟡 \[`e2e-load-orders\/orders-hourly-pr7`\]\(.*\) \*\*update\*\*: `schedules` cron `0 \* \* \* \*` UTC → cron `30 \* \* \* \*` UTC, `version` `0a1b2c3d` → `9f8e7d6c`$/,
    );
    expect(lines.slice(3, 5).every((l) => l.startsWith('- 🏷️ ') && l.endsWith(' version only: `0a1b2c3d` → `9f8e7d6c`'))).toBe(true);
    // The headline lines show no placeholder, and the image (known after build) is no change.
    expect(lines.slice(0, 5).filter((l) => l.includes('{{') || l.includes('job_variables'))).toEqual([]);
    // The first thing after the lines is the schedule diff, open.
    const first = lines.findIndex((l) => l.startsWith('<details'));
    expect(lines[first]).toBe('<details open><summary><code>e2e-load-orders/orders-hourly-pr7</code>: update <code>schedules</code>, <code>version</code></summary>');
    expect(lines.slice(first + 2, first + 4)).toEqual(['```diff', ' schedules:']);
    expect(markdown).not.toMatch(/^[-+] +image:/m);
  });

  it('says the same in the text plan, and the JSON plan adds a category and the values known after build', async () => {
    const { plan, live } = await scenario();
    const text = liveChangesToText(plan, live, { now: NOW });
    expect(text.split('\n')[0]).toBe('prefect.yaml: 0 to create, 1 to update, 0 unchanged, 2 version only');
    expect(text).toContain('~ e2e-load-orders/orders-us-pr7 (update: version only)');
    expect(text).toContain(`  job_variables.image: ${'(known after build)'} from "{{ image.stdout }}", now "${BUILT_IMAGE}"`);
    expect(text).not.toMatch(/^ {2}job_variables:$/m);
    const json = planToJson(plan, live);
    expect(json.deployments.map((d) => [d.action, d.category])).toEqual([
      ['updated', 'update'],
      ['updated', 'version-only'],
      ['updated', 'version-only'],
    ]);
    // The existing fields keep the server comparison as it is.
    expect(json.deployments[1]!.changes!.map((c) => c.field)).toEqual(['version', 'job_variables']);
    expect(json.deployments[1]!.known_after_build).toEqual([{ path: 'job_variables.image', written: '{{ image.stdout }}', current: BUILT_IMAGE, could_match: true }]);
  });

  it('at the same commit, nothing is reported as a change: unchanged unless the build output differs', async () => {
    const main = await planAt(MAIN_SHA, { image: { stdout: BUILT_IMAGE }, stdout: BUILT_IMAGE });
    const again = await planAt(MAIN_SHA);
    const markdown = planToMarkdown(again, compare(again, registered(main)), options);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('### Prefect deployment plan: 3 unchanged unless the build output differs');
    expect(lines.filter((l) => /^- ❔ \[`.*`\]\(.*\) unchanged unless the build output differs$/.test(l))).toHaveLength(3);
    expect(markdown).not.toContain('```diff');
    expect(markdown).toContain('<details><summary>Known after build: <code>job_variables.image</code> (3 deployments)</summary>');
  });
});

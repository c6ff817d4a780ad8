/**
 * The terminal plan (`prefect-deploy plan` against a server), compared with golden files: plain, as
 * NO_COLOR and every pipe get it, and coloured as the CLI paints it on a terminal or with
 * FORCE_COLOR. The plan is real (the action tests' shop project, plus an rrule schedule); the
 * server's side of each change is written out here.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, type Plan } from '../../src/core/plan/index.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';
import type { LiveChange } from '../../src/core/apply/index.js';
import type { Deletion } from '../../src/core/plan/ownership.js';
import { fieldDiff, liveChangesToText, planToMarkdown, planToText } from '../../src/core/report/index.js';
import { style, useColor } from '../../src/cli/output.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const golden = (name: string) => path.join(import.meta.dirname, 'golden', 'text', name);

const noGit: GitRunner = async () => {
  throw new Error('not a git repository');
};

/** A weekly rrule without DTSTART: Prefect sends it with a synthesised one, the plan shows it as written. */
const DIGEST = `
  - name: weekly-digest
    entrypoint: flows/shop.py:daily_report
    schedules:
      - rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=30"
        timezone: Europe/Paris
    work_pool:
      name: shop-pool
`;

let plan: Plan;
beforeAll(async () => {
  const dir = tempProject(path.join(import.meta.dirname, '..', 'github', 'fixtures', 'shop'), 'text-');
  appendFileSync(path.join(dir, 'prefect.yaml'), DIGEST);
  plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env: { IMAGE_TAG: 'v2' }, now: NOW, git: noGit });
  expect(plan.diagnostics).toEqual([]);
});
afterAll(removeTempProjects);

const byName = (name: string) => plan.deployments.find((d) => d.name === name)!;

function live(): LiveChange[] {
  const us = byName('orders-us');
  const wanted = us.schedules.map((s) => s.create);
  // The server's schedule: every 2h where the file now says every hour, with the server's defaults
  // (active, no parameters, no slug, day_or and max_scheduled_runs) that must not read as changes.
  const before = wanted.map((s) => ({ ...s, schedule: { ...s.schedule, interval: 7200 }, max_scheduled_runs: undefined, replaces: undefined }));
  return [
    {
      deployment: byName('orders-eu'),
      action: 'updated',
      id: '11111111-1111-4111-8111-111111111111',
      changes: [
        { field: 'tags', from: [], to: ['orders'] },
        { field: 'work_pool_name', from: 'old-pool', to: 'shop-pool' },
        { field: 'job_variables', from: { image: 'ghcr.io/acme/shop:v1', env: null }, to: { image: 'ghcr.io/acme/shop:v2' } },
      ],
      notes: ['paused on the server: deploying un-pauses it (set paused: true to keep it paused)'],
    },
    { deployment: us, action: 'updated', id: '22222222-2222-4222-8222-222222222222', changes: [{ field: 'schedules', from: before, to: wanted }], notes: [] },
    { deployment: byName('daily-report'), action: 'unchanged', id: '33333333-3333-4333-8333-333333333333', changes: [], notes: [] },
    { deployment: byName('weekly-digest'), action: 'created', changes: [], notes: [] },
  ];
}

const deletions: Deletion[] = [{ flowName: 'orders-sync', name: 'orders-apac', id: '44444444-4444-4444-8444-444444444444' } as Deletion];

/** The CLI's colours as its door decides them: FORCE_COLOR wins, NO_COLOR turns them off. */
const paintWith = (env: Record<string, string>) => style(useColor({ noColorFlag: false, env, isTTY: false })).paint;

describe('terminal plan', () => {
  it('without colour (NO_COLOR): field-level YAML diffs, the settings of a new deployment, next runs of new and changed schedules', async () => {
    const text = liveChangesToText(plan, live(), { now: NOW, deletions, paint: paintWith({ NO_COLOR: '1' }) });
    expect(text).not.toMatch(/\x1b\[/);
    await expect(`${text}\n`).toMatchFileSnapshot(golden('live.txt'));
  });

  it('with colour forced (FORCE_COLOR): the same words, + green, - red, ~ yellow', async () => {
    const painted = liveChangesToText(plan, live(), { now: NOW, deletions, paint: paintWith({ FORCE_COLOR: '1', NO_COLOR: '1' }) });
    await expect(`${painted}\n`).toMatchFileSnapshot(golden('live-color.txt'));
    const lines = painted.split('\n');
    expect(lines).toContain('\x1b[33m~ orders-sync/orders-eu (update: tags, work_pool_name, job_variables)\x1b[39m');
    expect(lines).toContain('\x1b[32m+ daily-report/weekly-digest (create)\x1b[39m');
    expect(lines).toContain('\x1b[31m- orders-sync/orders-apac (delete)\x1b[39m');
    expect(lines).toContain('\x1b[31m    -work_pool_name: old-pool\x1b[39m');
    expect(lines).toContain('\x1b[32m    +work_pool_name: shop-pool\x1b[39m');
    // Colour changes nothing but the escape codes.
    expect(painted.replace(/\x1b\[\d+m/g, '')).toBe(liveChangesToText(plan, live(), { now: NOW, deletions }));
  });

  it('shows the same diff as the PR comment, server defaults and all', () => {
    const text = liveChangesToText(plan, live(), { now: NOW });
    const markdown = planToMarkdown(plan, live(), { now: NOW });
    for (const change of live().filter((c) => c.changes.length > 0)) {
      const diff = fieldDiff(change.changes);
      expect(text).toContain(diff.replace(/^/gm, '    '));
      expect(markdown).toContain(diff);
    }
    // A schedule whose server copy carries defaults the file leaves out changes only its interval.
    expect(text.split('\n').filter((l) => /^ {4}[-+]/.test(l) && l.includes('interval'))).toEqual(['    -      interval: 7200', '    +      interval: 3600']);
    expect(text).not.toMatch(/^ {4}[-+].*(max_scheduled_runs|replaces|env)/m);
  });

  it('next runs of a changed schedule, three in its timezone', () => {
    const text = liveChangesToText(plan, live(), { now: NOW });
    const at = text.indexOf('    next runs of every 1h from 2026-01-01T00:05:00Z (America/New_York):');
    expect(at).toBeGreaterThan(text.indexOf('~ orders-sync/orders-us'));
    expect(text.slice(at).split('\n').slice(1, 4)).toEqual(['      2026-03-02T03:05:00-05:00', '      2026-03-02T04:05:00-05:00', '      2026-03-02T05:05:00-05:00']);
    // An unchanged deployment shows no runs: nothing about its schedule changes.
    expect(text).not.toContain('next runs of cron "0 7 * * 1-5"');
  });

  it('an rrule as written, not with the DTSTART Prefect adds for the server', () => {
    const digest = byName('weekly-digest');
    expect(digest.schedules[0]!.create.schedule).toMatchObject({ rrule: 'DTSTART:20200101T000000\nFREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=30' });
    const text = liveChangesToText(plan, live(), { now: NOW });
    const markdown = planToMarkdown(plan, live(), { now: NOW });
    const offline = planToText(plan, { now: NOW });
    for (const shown of [text, markdown, offline]) {
      expect(shown).not.toContain('DTSTART');
      expect(shown).toContain('FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=30');
    }
    expect(markdown).toContain('- 🟢 `daily-report/weekly-digest` **create**: work pool `shop-pool`, rrule `FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=30` Europe/Paris');
  });
});

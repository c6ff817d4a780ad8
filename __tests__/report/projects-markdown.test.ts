/**
 * The plan of several projects (a monorepo) as markdown and text: a headline with the run's totals
 * and a table of the projects, then each project's section exactly as its own plan renders it.
 * Real plans of the shop fixture, split in two projects; the server's side is written out here.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveChange } from '../../src/core/apply/index.js';
import { createPlan, type Plan } from '../../src/core/plan/index.js';
import {
  planToMarkdown,
  projectsDeployToMarkdown,
  projectsMatrix,
  projectsPlanToJson,
  projectsPlanToMarkdown,
  projectsPlanToText,
  type ProjectPlan,
} from '../../src/core/report/index.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const options = { now: NOW, uiUrl: 'https://prefect.test', footer: '<sub>footer</sub>' };
let dir: string;
let shop: Plan;
let broken: Plan;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'projects-markdown-'));
  cpSync(path.join(import.meta.dirname, '..', 'github', 'fixtures', 'shop'), path.join(dir, 'shop'), { recursive: true });
  cpSync(path.join(import.meta.dirname, '..', 'github', 'fixtures', 'shop'), path.join(dir, 'broken'), { recursive: true });
  writeFileSync(path.join(dir, 'broken', 'prefect.yaml'), 'deployments:\n  - name: lost\n    entrypoint: flows/missing.py:nope\n    work_pool: {name: shop-pool}\n');
  /** Not a git checkout, as the temporary copy is: the plan runs no git process. */
  const noGit = (): Promise<string> => Promise.reject(new Error('not a git repository'));
  const plan = (cwd: string) =>
    createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: path.join(dir, cwd), env: { IMAGE_TAG: 'v2' }, now: NOW, git: noGit });
  shop = await plan('shop');
  broken = await plan('broken');
  expect(shop.diagnostics).toEqual([]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function live(plan: Plan): LiveChange[] {
  return plan.deployments.map((deployment, i) =>
    i === 0
      ? { deployment, action: 'updated', id: '11111111-1111-4111-8111-111111111111', changes: [{ field: 'tags', from: [], to: ['orders'] }], notes: [] }
      : { deployment, action: 'unchanged', id: `2222222${i}-2222-4222-8222-222222222222`, changes: [], notes: [] },
  );
}

describe('a monorepo plan', () => {
  it('one comment: the totals, a table of the projects, then a section per project', async () => {
    const projects: ProjectPlan[] = [
      { project: 'flows/shop', plan: shop, live: live(shop) },
      {
        project: 'flows/report',
        plan: { ...shop, deployments: shop.deployments.slice(2) },
        live: live({ ...shop, deployments: shop.deployments.slice(2) }).map((c) => ({ ...c, action: 'created' as const, changes: [] })),
      },
    ];
    const markdown = projectsPlanToMarkdown(projects, options);
    await expect(markdown).toMatchFileSnapshot(path.join(import.meta.dirname, 'golden', 'markdown', 'monorepo.md'));
    // Each section is the single project's plan, its headline under the project's name.
    const single = planToMarkdown(shop, live(shop), { ...options, footer: '' })
      .trimEnd()
      .split('\n')
      .slice(1)
      .join('\n');
    expect(markdown).toContain(`### 📁 \`flows/shop\`: 1 to update, 2 unchanged\n${single}`);
    expect(markdown.match(/<sub>footer<\/sub>/g)).toHaveLength(1);
  });

  it('a monorepo change with a deletion and deployments skipped as unchanged: the PR comment', async () => {
    // Refresh after a deliberate change to the plan markdown: `npx vitest run --project fast -u <this file>`.
    const report = { ...shop, deployments: shop.deployments.slice(2) };
    const projects: ProjectPlan[] = [
      {
        project: 'flows/shop',
        plan: shop,
        live: live(shop),
        deletions: [{ id: '33333333-3333-4333-8333-333333333333', flowName: 'orders-sync', name: 'orders-apac', owner: 'github.com/acme/mono:flows/shop/prefect.yaml' }],
      },
      {
        project: 'flows/report',
        plan: report,
        live: live(report).map((c) => ({ ...c, action: 'created' as const, changes: [] })),
        changedSince: { ref: 'origin/main', skipped: [{ deployment: 'weekly-report/weekly-report', reason: 'unchanged since origin/main' }] },
      },
      {
        project: 'flows/billing',
        plan: { ...shop, deployments: [] },
        live: [],
        changedSince: {
          ref: 'origin/main',
          skipped: [
            { deployment: 'invoices/invoices-nightly', reason: 'unchanged since origin/main' },
            { deployment: 'invoices/invoices-preview', reason: 'unchanged since origin/main' },
          ],
        },
      },
    ];
    const markdown = projectsPlanToMarkdown(projects, options);
    await expect(markdown).toMatchFileSnapshot(path.join(import.meta.dirname, 'golden', 'markdown', 'monorepo-prune-changed.md'));
    // What the golden must keep whatever the layout: the run's totals, the deletion first in its project, the skipped per project.
    expect(markdown.split('\n')[0]).toBe('## Prefect deployment plan: 3 projects, 1 to create, 1 to update, 2 unchanged, 1 to delete, 3 skipped (unchanged)');
    const shopSection = markdown.slice(markdown.indexOf('### 📁 `flows/shop`'), markdown.indexOf('### 📁 `flows/report`'));
    expect(shopSection.indexOf('orders-sync/orders-apac')).toBeGreaterThan(-1);
    expect(shopSection.indexOf('orders-sync/orders-apac')).toBeLessThan(shopSection.indexOf('orders-sync/orders-eu'));
    const billing = markdown.slice(markdown.indexOf('### 📁 `flows/billing`'));
    expect(billing).toContain('2 deployment(s) skipped: unchanged since <code>origin/main</code>');
    expect(billing).toContain('invoices/invoices-preview');
    const text = projectsPlanToText(projects, { now: NOW });
    expect(text).toContain('== flows/shop ==');
    expect(text).toContain('- orders-sync/orders-apac (delete)');
    expect(text).toContain('1 deployment(s) skipped: unchanged since origin/main\n  weekly-report/weekly-report  skipped: unchanged since origin/main');
    const json = projectsPlanToJson(projects);
    expect(json.projects.map((p) => [p.project, p.deletions?.map((d) => d.name), p.skipped?.length])).toEqual([
      ['flows/shop', ['orders-apac'], undefined],
      ['flows/report', undefined, 1],
      ['flows/billing', undefined, 2],
    ]);
  });

  it('a project with errors is counted in the headline, the others still shown', () => {
    const markdown = projectsPlanToMarkdown(
      [
        { project: 'broken', plan: broken },
        { project: 'shop', plan: shop },
      ],
      options,
    );
    expect(markdown.split('\n')[0]).toBe('## ❌ Prefect deployment plan: 2 projects, 1 error, 3 to deploy');
    expect(markdown).toContain('### 📁 `broken`: ❌ 1 error in `prefect.yaml`');
    expect(markdown).toContain('### 📁 `shop`: 3 deployments (not compared with a server)');
  });

  it('text and JSON: the same sections, the errors with files from the run', () => {
    const projects = [
      { project: 'broken', plan: broken },
      { project: 'shop', plan: shop },
    ];
    const text = projectsPlanToText(projects, { now: NOW });
    expect(text.split('\n')[0]).toBe('2 projects: 1 error, 3 to deploy');
    expect(text).toContain('== shop ==\nprefect.yaml: 3 deployments to register');
    const json = projectsPlanToJson(projects);
    expect(json.projects.map((p) => [p.project, p.deployments.length, p.errors.length])).toEqual([
      ['broken', 0, 1],
      ['shop', 3, 0],
    ]);
    expect(json.errors.map((e) => e.file)).toEqual(['broken/prefect.yaml']);
    expect(projectsMatrix(projects).include.map((e) => e.deployment)).toEqual(
      shop.deployments.map((d) => `shop:${d.entrypoint.split(':')[1]!.replaceAll('_', '-')}/${d.name}`),
    );
  });

  it("a deploy's job summary counts each project's skipped deployments and lists them under it", () => {
    const outcomes = shop.deployments
      .slice(0, 1)
      .map((d) => ({ name: d.name, flowName: d.flowName, action: 'unchanged' as const, changes: [], notices: [], stepOutputs: {}, durationMs: 5 }));
    const skipped = shop.deployments.slice(1).map((d) => ({ deployment: `${d.flowName}/${d.name}`, reason: 'unchanged since origin/main' }));
    const markdown = projectsDeployToMarkdown(
      [
        { project: 'shop', result: { plan: shop, outcomes, diagnostics: [] }, changedSince: { ref: 'origin/main', skipped } },
        { project: 'other', result: { plan: { ...shop, deployments: [] }, outcomes: [], diagnostics: [] }, changedSince: { ref: 'origin/main', skipped: [] } },
      ],
      options,
    );
    expect(markdown.split('\n')[0]).toBe(`## Prefect deploy: 2 projects, 1 unchanged, ${skipped.length} skipped (unchanged)`);
    expect(markdown).toContain(`<details><summary>${skipped.length} deployment(s) skipped: unchanged since <code>origin/main</code></summary>`);
    for (const s of skipped) expect(markdown).toContain(`| \`${s.deployment}\` | skipped: unchanged since origin/main |`);
  });

  it('with changed-since, each deployment shown says under its line why it counts as changed', () => {
    const because = new Map([[shop.deployments[0]!.index, 'changed since origin/main: flows/orders_sync.py (entry), and 2 more']]);
    const markdown = projectsPlanToMarkdown([{ project: 'shop', plan: shop, live: live(shop), changedSince: { ref: 'origin/main', skipped: [], because } }], options);
    const first = `\`${shop.deployments[0]!.flowName}/${shop.deployments[0]!.name}\``;
    const line = markdown.split('\n').find((l) => l.startsWith('- ') && l.includes(first));
    expect(line).toMatch(/<br><sub>changed since origin\/main: flows\/orders\\_sync\.py \(entry\), and 2 more<\/sub>$/);
    // the others say nothing of it
    expect(markdown.match(/<br><sub>changed since/g)).toHaveLength(1);
  });
});

/**
 * How a plan reads the server comparison: values a build step fills are "known after build", not
 * changes, and a new version alone is told apart from the changes someone made.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, type DesiredDeployment, type Plan } from '../../src/core/plan/index.js';
import { classifyChange, KNOWN_AFTER_BUILD, type ChangeCategory } from '../../src/core/report/changes.js';
import { planToMarkdown } from '../../src/core/report/markdown.js';
import type { FieldChange, LiveChange } from '../../src/core/apply/index.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';

const NOW = new Date('2026-03-02T08:00:00Z');
let dir: string;
let plan: Plan;
beforeAll(async () => {
  dir = tempProject(path.join(import.meta.dirname, '..', 'e2e', 'fixtures', 'etl-repo'), 'markdown-changes-');
  const file = path.join(dir, 'prefect.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('__SUFFIX__', 'x'));
  const git = async () => 'unused';
  plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env: {}, now: NOW, git });
  expect(plan.diagnostics).toEqual([]);
});
afterAll(removeTempProjects);

/** A deployment of the fixture whose build step fills `{{ image.stdout }}` (and, here, `{{ tag.stdout }}`). */
const deployment = (): DesiredDeployment => ({ ...plan.deployments[0]!, deferred: ['{{ image.stdout }}', '{{ tag.stdout }}'] });
const jv = (from: unknown, to: unknown): FieldChange => ({ field: 'job_variables', from, to });
const version: FieldChange = { field: 'version', from: '0a1b2c3d', to: '9f8e7d6c' };

describe('classifying what the server comparison found', () => {
  it.each<[string, FieldChange[], ChangeCategory, FieldChange[], boolean[]]>([
    [
      'a whole placeholder the build may fill with the server value',
      [jv({ image: 'ghcr.io/a:1' }, { image: '{{ image.stdout }}' })],
      'unchanged-unless-build-differs',
      [],
      [true],
    ],
    ['a whole placeholder matches a value of any type', [jv({ replicas: 3 }, { replicas: '{{ tag.stdout }}' })], 'unchanged-unless-build-differs', [], [true]],
    [
      'a templated string whose fixed parts match',
      [jv({ image: 'ghcr.io/acme/orders:abc' }, { image: 'ghcr.io/acme/orders:{{ tag.stdout }}' })],
      'unchanged-unless-build-differs',
      [],
      [true],
    ],
    [
      'a templated string whose fixed parts differ is a change',
      [jv({ image: 'docker.io/other:1' }, { image: 'ghcr.io/acme/orders:{{ tag.stdout }}' })],
      'update',
      [jv({ image: 'docker.io/other:1' }, { image: KNOWN_AFTER_BUILD })],
      [false],
    ],
    ['a value the server does not have is a change', [jv({}, { image: '{{ image.stdout }}' })], 'update', [jv({}, { image: KNOWN_AFTER_BUILD })], [false]],
    [
      'another change in the same field shows without the deferred one',
      [jv({ image: 'ghcr.io/a:1', cpu: 1 }, { image: '{{ image.stdout }}', cpu: 2 })],
      'update',
      [jv({ image: 'ghcr.io/a:1', cpu: 1 }, { image: 'ghcr.io/a:1', cpu: 2 })],
      [true],
    ],
    ['a new version and a deferred image: version only', [version, jv({ image: 'ghcr.io/a:1' }, { image: '{{ image.stdout }}' })], 'version-only', [version], [true]],
    ['a version a build step fills', [{ field: 'version', from: 'v7', to: '{{ tag.stdout }}' }], 'unchanged-unless-build-differs', [], [true]],
    [
      'a real change comes before the version',
      [version, { field: 'tags', from: [], to: ['orders'] }],
      'update',
      [{ field: 'tags', from: [], to: ['orders'] }, version],
      [],
    ],
    [
      'pull steps filled by a push step, list by list',
      [{ field: 'pull_steps', from: [{ s: { bucket: 'b1' } }], to: [{ s: { bucket: '{{ tag.stdout }}' } }] }],
      'unchanged-unless-build-differs',
      [],
      [true],
    ],
  ])('%s', (_, changes, category, shown, couldMatch) => {
    const c = classifyChange(deployment(), 'updated', changes);
    expect(c.category).toBe(category);
    expect(c.changes).toEqual(shown);
    expect(c.knownAfterBuild.map((k) => k.couldMatch)).toEqual(couldMatch);
  });

  it('records where each value is, as written and as the server has it', () => {
    const c = classifyChange(deployment(), 'updated', [{ field: 'pull_steps', from: [{ s: { bucket: 'b1' } }], to: [{ s: { bucket: '{{ tag.stdout }}' } }] }]);
    expect(c.knownAfterBuild).toEqual([{ path: 'pull_steps[0].s.bucket', written: '{{ tag.stdout }}', current: 'b1', couldMatch: true }]);
  });

  it('without deferred placeholders, a change is a change even if it looks like one', () => {
    const d = { ...deployment(), deferred: [] };
    expect(classifyChange(d, 'updated', [jv({ image: 'a' }, { image: '{{ image.stdout }}' })]).category).toBe('update');
  });

  it('a new deployment lists its values known after build; an unchanged one has none', () => {
    const created = classifyChange(plan.deployments[0]!, 'created', []);
    expect(created.category).toBe('create');
    expect(created.knownAfterBuild).toEqual([{ path: 'job_variables.image', written: '{{ image.stdout }}', couldMatch: false }]);
    expect(classifyChange(plan.deployments[0]!, 'unchanged', [])).toEqual({ category: 'unchanged', changes: [], knownAfterBuild: [] });
  });
});

describe('the plan markdown of these', () => {
  it('strikes through a server image the build cannot reproduce, and collapses more than ten version-only deployments', () => {
    const d = deployment();
    const quiet: LiveChange[] = Array.from({ length: 11 }, (_, i) => ({ deployment: { ...d, name: `v-${i}` }, action: 'updated', changes: [version], notes: [] }));
    const replaced: LiveChange = {
      deployment: { ...d, name: 'moved', payload: { ...d.payload, job_variables: { image: 'ghcr.io/acme/orders:{{ tag.stdout }}' } } },
      action: 'updated',
      changes: [jv({ image: 'docker.io/other:1' }, { image: 'ghcr.io/acme/orders:{{ tag.stdout }}' })],
      notes: [],
    };
    const live = [...quiet, replaced];
    const lines = planToMarkdown({ ...plan, deployments: live.map((c) => c.deployment) }, live, { now: NOW }).split('\n');
    expect(lines[0]).toBe('### Prefect deployment plan: 1 to update, 11 version only');
    expect(lines[2]).toBe('- 🟡 `e2e-load-orders/moved` **update**: `job_variables`');
    expect(lines[4]).toBe('<details><summary>11 version only</summary>');
    expect(lines.filter((l) => l.startsWith('- 🏷️ `e2e-load-orders/v-'))).toHaveLength(11);
    expect(lines).toContain('+  image: (known after build)');
    expect(lines).toContain('| `job_variables.image` | `ghcr.io/acme/orders:{{ tag.stdout }}` | `docker.io/other:1` (replaced) | `e2e-load-orders/moved` |');
  });
});

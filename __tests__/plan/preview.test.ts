/**
 * The preview transform on a plan made offline: names, tag, schedules, triggers and SLAs of the
 * copies, the options that keep schedules and triggers, the id rules, the mark, and the markdown.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createPlan } from '../../src/core/plan/index.js';
import { previewIdProblem, previewOwner, type PreviewOptions } from '../../src/core/plan/preview.js';
import { previewToMarkdown } from '../../src/core/report/preview.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';

afterAll(removeTempProjects);

const noGit = (): Promise<string> => Promise.reject(new Error('not a git repository'));

const project = {
  'flows/f.py': 'from prefect import flow\n\n\n@flow(name="etl")\ndef load():\n    pass\n',
  'prefect.yaml': `deployments:
  - name: nightly
    entrypoint: flows/f.py:load
    work_pool: {name: pool}
    tags: [etl, "preview:pr-1"]
    schedules:
      - cron: "0 3 * * *"
      - interval: 60
        active: false
    triggers:
      - match: {prefect.resource.id: "prefect.flow-run.*"}
        expect: ["prefect.flow-run.Completed"]
    sla:
      - name: late
        duration: 60
  - name: weekly
    entrypoint: flows/f.py:load
    work_pool: {name: pool}
`,
};

async function planned(preview?: PreviewOptions) {
  const cwd = tempProject(project, 'preview-plan-');
  const plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd, env: {}, git: noGit, ...(preview ? { preview } : {}) });
  expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return plan;
}

describe('preview copies', () => {
  it('are named <name>-<id>, tagged once, every schedule inactive, without triggers or SLAs', async () => {
    const plain = await planned();
    expect(plain.deployments[0]!.triggers).toHaveLength(1);
    expect(plain.deployments[0]!.slas).toHaveLength(1);
    const plan = await planned({ id: 'pr-1' });
    const [nightly, weekly] = plan.deployments;
    expect([nightly!.name, nightly!.payload.name, weekly!.name]).toEqual(['nightly-pr-1', 'nightly-pr-1', 'weekly-pr-1']);
    expect(nightly!.flowName).toBe('etl');
    expect(nightly!.payload.tags).toEqual(['etl', 'preview:pr-1']);
    expect(weekly!.payload.tags).toEqual(['preview:pr-1']);
    expect(nightly!.schedules.map((s) => [s.create.active, s.update.active])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect((nightly!.payload.schedules as { active: boolean }[]).map((s) => s.active)).toEqual([false, false]);
    expect(nightly!.triggers).toEqual([]);
    expect(nightly!.slas).toBeUndefined();
  });

  it('keep the schedules as configured with withSchedules, and the triggers with withTriggers', async () => {
    const plan = await planned({ id: 'pr-1', withSchedules: true, withTriggers: true });
    const [nightly] = plan.deployments;
    expect(nightly!.schedules.map((s) => s.create.active)).toEqual([true, false]);
    expect(nightly!.triggers).toHaveLength(1);
  });
});

describe('preview ids and marks', () => {
  it.each([
    ['pr-42', true],
    ['feature_x.2', true],
    ['pr/42', false],
    ['-pr', false],
    ['', false],
    ['a'.repeat(64), false],
  ])('%j is a valid id: %s', (id, valid) => {
    expect(previewIdProblem(id) === undefined).toBe(valid);
  });

  it('a preview mark is the identity with #preview:<id>, never equal to the identity', () => {
    const identity = 'github.com/acme/etl:prefect.yaml';
    expect(previewOwner(identity, 'pr-1')).toBe('github.com/acme/etl:prefect.yaml#preview:pr-1');
  });
});

describe('the preview markdown', () => {
  const outcome = (name: string, action: 'created' | 'deleted' | 'failed', id = 'd1') => ({
    name,
    flowName: 'etl',
    action,
    id,
    changes: [],
    notices: [],
    stepOutputs: {},
    durationMs: 1,
  });
  it('up: a row per copy with its link in the UI', () => {
    const md = previewToMarkdown({ action: 'up', id: 'pr-1', outcomes: [outcome('nightly-pr-1', 'created')], diagnostics: [], uiUrl: 'http://ui' });
    expect(md.split('\n')).toEqual([
      '### 🔍 Preview deployments `pr-1`: 1 registered',
      '',
      '| Deployment | | Prefect UI |',
      '|---|---|---|',
      '| `etl/nightly-pr-1` | created | [open](http://ui/deployments/deployment/d1) |',
      '',
      'Copies of the selected deployments (same flows): schedules inactive, no triggers, tagged `preview:pr-1`. Deleted when the pull request closes.',
      '',
    ]);
  });
  it('down: what was deleted, or that none was left', () => {
    expect(previewToMarkdown({ action: 'down', id: 'pr-1', outcomes: [outcome('nightly-pr-1', 'deleted')], diagnostics: [] })).toContain('- 🔴 `etl/nightly-pr-1`');
    expect(previewToMarkdown({ action: 'down', id: 'pr-1', outcomes: [], diagnostics: [] })).toContain('none left to delete');
  });
});

/** What a prune deletes, in the plan's markdown and text: right under the headline, before any deployment. */
import { describe, expect, it } from 'vitest';
import { deployToMarkdown, liveChangesToText, planToJson, planToMarkdown } from '../../src/core/report/index.js';

const deletions = [
  { id: 'd1', flowName: 'etl', name: 'hourly', owner: 'me' },
  { id: 'd2', flowName: 'report', name: 'weekly', owner: 'me' },
];
const plan = { prefectFile: 'prefect.yaml', deployments: [], diagnostics: [] };
const now = new Date('2026-03-01T00:00:00Z');

describe('deletions', () => {
  it('markdown: counted in the headline and listed first, linked to the UI', () => {
    const md = planToMarkdown(plan, [], { now, uiUrl: 'http://ui', deletions });
    const lines = md.split('\n');
    expect(lines[0]).toMatch(/, 2 deployments to delete$/);
    expect(lines[2]).toMatch(/^🗑️ \*\*To delete\*\*/);
    expect(lines.slice(4, 6)).toEqual(['- 🔴 [`etl/hourly`](http://ui/deployments/deployment/d1)', '- 🔴 [`report/weekly`](http://ui/deployments/deployment/d2)']);
  });

  it('markdown of a deploy: what was deleted, not linked (gone)', () => {
    const outcome = (name: string, flowName: string, id: string) => ({
      name,
      flowName,
      id,
      action: 'deleted' as const,
      changes: [],
      notices: [],
      stepOutputs: {},
      durationMs: 1,
    });
    const md = deployToMarkdown({ plan, outcomes: [outcome('hourly', 'etl', 'd1')], diagnostics: [] }, { now, uiUrl: 'http://ui' });
    expect(md.split('\n')[0]).toMatch(/, 1 deployment deleted$/);
    expect(md).toContain('- 🔴 `etl/hourly`');
  });

  it('text and JSON', () => {
    const text = liveChangesToText(plan, [], { now, deletions }).split('\n');
    expect(text[0]).toBe('prefect.yaml: 0 to create, 0 to update, 0 unchanged, 2 to delete');
    expect(text.slice(3)).toEqual(['- etl/hourly (delete)', '- report/weekly (delete)']);
    expect(planToJson(plan, [], deletions).deletions).toEqual([
      { name: 'hourly', flow_name: 'etl', id: 'd1', action: 'delete' },
      { name: 'weekly', flow_name: 'report', id: 'd2', action: 'delete' },
    ]);
    expect(planToJson(plan, []).deletions).toBeUndefined();
  });
});

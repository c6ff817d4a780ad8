/** The applied status a plan comment gets after the merge's deploy, and the folding of the plan under it. */
import { describe, expect, it } from 'vitest';
import type { DeploymentOutcome } from '../../src/core/apply/index.js';
import { appliedToMarkdown, foldPlan, planOf } from '../../src/core/report/applied.js';

const outcome = (name: string, action: DeploymentOutcome['action'], extra: Partial<DeploymentOutcome> = {}): DeploymentOutcome => ({
  name,
  flowName: 'etl',
  action,
  changes: [],
  notices: [],
  stepOutputs: {},
  durationMs: 1,
  ...extra,
});
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('appliedToMarkdown', () => {
  it('tallies every outcome, links what still exists, names changed fields and the failure in its row', () => {
    const md = appliedToMarkdown({
      sha: SHA,
      uiUrl: 'https://ui.test',
      errors: [],
      outcomes: [
        outcome('a', 'created', { id: 'id-a' }),
        outcome('b', 'updated', { id: 'id-b', changes: [{ field: 'parameters', from: {}, to: { x: 1 } }] }),
        outcome('c', 'unchanged', { id: 'id-c' }),
        outcome('d', 'failed', { error: 'HTTP 422: bad | value <script>' }),
        outcome('old', 'deleted', { id: 'id-old' }),
      ],
    });
    expect(md.split('\n')).toEqual([
      '### ❌ Apply failed at `0123456`: 1 created, 1 updated, 1 unchanged, 1 deleted, 1 failed',
      '',
      '| | Deployment | Result |',
      '|---|---|---|',
      '| 🟢 | [`etl/a`](https://ui.test/deployments/deployment/id-a) | **created** |',
      '| 🟡 | [`etl/b`](https://ui.test/deployments/deployment/id-b) | **updated**: `parameters` |',
      '| ⚪ | [`etl/c`](https://ui.test/deployments/deployment/id-c) | unchanged |',
      '| 🔴 | `etl/d` | **failed**: HTTP 422: bad \\| value \\<script\\> |',
      '| 🗑️ | `etl/old` | **deleted** |',
      '',
    ]);
  });

  it('a deploy that wrote nothing shows its errors in a fence that no backtick inside can close', () => {
    const md = appliedToMarkdown({ sha: SHA, errors: ['prefect.yaml:3:5: bad ``` value'], outcomes: [] });
    expect(md).toBe('### ❌ Apply failed at `0123456`: nothing was registered\n\n````text\nprefect.yaml:3:5: bad ``` value\n````\n');
  });
});

describe('foldPlan', () => {
  const plan = '### Prefect deployment plan: 1 to create\n\n| row |';

  it('puts the status on top and the plan folded below; a second status replaces the first', () => {
    const once = foldPlan(plan, '### ✅ Applied at `0123456`: 1 created\n');
    expect(once).toContain('<details><summary>The plan it was applied from</summary>');
    expect(planOf(once)).toBe(plan);
    const twice = foldPlan(once, '### ✅ Applied at `0123456`: 1 unchanged\n');
    expect(twice).not.toContain('1 created');
    expect(twice.match(/Applied at/g)).toHaveLength(1);
    expect(planOf(twice)).toBe(plan);
  });

  it('cuts a plan that does not fit, saying so', () => {
    const folded = foldPlan('x'.repeat(1000), 'status', 200);
    expect(planOf(folded).length).toBeLessThanOrEqual(200);
    expect(folded).toContain('Cut to fit the comment.');
  });
});

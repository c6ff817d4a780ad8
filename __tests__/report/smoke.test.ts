/** The smoke runs' section of the job summary. */
import { describe, expect, it } from 'vitest';
import type { SmokeOutcome } from '../../src/core/apply/smoke.js';
import { smokeToMarkdown } from '../../src/core/report/index.js';

const outcome = (o: Partial<SmokeOutcome>): SmokeOutcome => ({
  deployment: 'etl/nightly',
  runId: 'r1',
  runName: 'brave-fox',
  status: 'completed',
  state: 'Completed',
  parameters: {},
  durationMs: 12_340,
  logs: [],
  line: '',
  ...o,
});

describe('smokeToMarkdown', () => {
  it('is empty when no smoke run was asked for', () => {
    expect(smokeToMarkdown(undefined)).toBe('');
    expect(smokeToMarkdown([])).toBe('');
  });

  it("a row per run, failures counted in the title, messages escaped, each run's log lines folded in a fence they cannot close", () => {
    const md = smokeToMarkdown([
      outcome({}),
      outcome({
        deployment: 'report/daily',
        runName: 'calm-owl',
        status: 'failed',
        state: 'Failed',
        message: 'ValueError: a|b <x>',
        durationMs: 3_200,
        logs: ['INFO start', 'ERROR ``` not a fence'],
      }),
      outcome({ deployment: 'etl/slow', runName: 'slow-cat', status: 'timed-out', state: 'Running', durationMs: 5_000 }),
    ]);
    expect(md).toBe(
      [
        '#### ❌ Smoke runs: 2 of 3 did not complete',
        '',
        '| Deployment | Run | State | After | Message |',
        '| --- | --- | --- | --- | --- |',
        '| `etl/nightly` | `brave-fox` | ✅ Completed | 12.3s |  |',
        '| `report/daily` | `calm-owl` | ❌ Failed | 3.2s | ValueError: a\\|b \\<x\\> |',
        '| `etl/slow` | `slow-cat` | ❌ not Completed in time (still Running) | 5.0s |  |',
        '',
        '<details><summary>report/daily run calm-owl: last log lines</summary>',
        '',
        '````text',
        'INFO start',
        'ERROR ``` not a fence',
        '````',
        '',
        '</details>',
      ].join('\n'),
    );
  });

  it('a title without a cross when every run completed', () => {
    expect(smokeToMarkdown([outcome({})]).split('\n')[0]).toBe('#### Smoke runs: 1 completed');
  });
});

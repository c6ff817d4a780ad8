import { describe, expect, it } from 'vitest';
import { nextRunTimes, type Schedule } from '../../src/core/schedules/index.js';
import { checkRRule } from '../../src/core/schedules/rrule.js';

const AFTER = new Date('2026-12-06T00:00:00Z');

/** Next runs with the time they took: a schedule from a pull request must not hold the plan job. */
function timed(schedule: Record<string, unknown>): { runs: string[]; ms: number } {
  const start = performance.now();
  const runs = nextRunTimes(schedule as unknown as Schedule, 3, AFTER);
  return { runs, ms: performance.now() - start };
}

// Each of these spun for minutes (or forever) before; the reference needs as long or overflows.
// Bounds are loose for a loaded CI machine: they were measured in tens of milliseconds.
describe('next runs of hostile schedules are computed in bounded time', () => {
  it.each([
    [
      'interval 60 anchored in year 1',
      { interval: 60, anchor_date: '0001-01-01T00:00:00', timezone: 'UTC' },
      ['2026-12-06T00:00:00+00:00', '2026-12-06T00:01:00+00:00', '2026-12-06T00:02:00+00:00'],
    ],
    [
      'interval of a millisecond anchored in year 1',
      { interval: 0.001, anchor_date: '0001-01-01T00:00:00', timezone: 'UTC' },
      ['2026-12-06T00:00:00+00:00', '2026-12-06T00:00:00.001000+00:00', '2026-12-06T00:00:00.002000+00:00'],
    ],
    [
      'P1D anchored in 1800 in London (local days)',
      { interval: 86400, anchor_date: '1800-01-02T00:00:00', timezone: 'Europe/London' },
      ['2026-12-06T23:58:45+00:00', '2026-12-07T23:58:45+00:00', '2026-12-08T23:58:45+00:00'],
    ],
    ['runs past the year 9999', { interval: 86400 * 365 * 9000, anchor_date: '0001-01-01T00:00:00', timezone: 'UTC' }, []],
    [
      'FREQ=SECONDLY;COUNT=999999999 from 2020',
      { rrule: 'FREQ=SECONDLY;COUNT=999999999', timezone: 'UTC' },
      ['2026-12-06T00:00:00+00:00', '2026-12-06T00:00:01+00:00', '2026-12-06T00:00:02+00:00'],
    ],
    ['a sub-daily rule whose days never come', { rrule: 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30', timezone: 'UTC' }, []],
    ['a counted rule with BY-parts walks a bounded number of occurrences', { rrule: 'FREQ=SECONDLY;BYHOUR=1;COUNT=999999999', timezone: 'UTC' }, []],
    ['an interval that never reaches BYHOUR', { rrule: 'FREQ=HOURLY;INTERVAL=24;BYHOUR=1', timezone: 'UTC' }, []],
  ])('%s', (_name, schedule, expected) => {
    const { runs, ms } = timed(schedule);
    expect(runs).toEqual(expected);
    expect(ms).toBeLessThan(3000);
  });

  it('refuses a rule no period can reach, as dateutil does', () => {
    expect(checkRRule('FREQ=HOURLY;INTERVAL=24;BYHOUR=1')).toBe('Invalid RRule string "FREQ=HOURLY;INTERVAL=24;BYHOUR=1": Invalid rrule byxxx generates an empty set.');
    expect(checkRRule('FREQ=HOURLY;INTERVAL=24;BYHOUR=0')).toBeUndefined();
  });
});

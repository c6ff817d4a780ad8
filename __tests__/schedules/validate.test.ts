import { describe, expect, it } from 'vitest';
import { parseDuration, validateRawScheduleItem } from '../../src/core/schedules/index.js';

const EXTRA = 'extra key not permitted (remove it; allowed: cron, interval, rrule, timezone, anchor_date, day_or, active, parameters, slug, replaces)';

describe('validateRawScheduleItem', () => {
  const accepted: [string, unknown][] = [
    ['cron only', { cron: '0 0 * * *' }],
    ['cron with every extra', { cron: '0 0 * * *', timezone: 'UTC', active: 'false', day_or: 'no', parameters: { a: 1 }, slug: 's', replaces: 'r' }],
    ['interval seconds', { interval: 60 }],
    ['interval ISO', { interval: 'PT10M', anchor_date: '2026-01-01T00:00:00Z' }],
    ['interval clock text', { interval: '1:30:00.250000' }],
    ['rrule text', { rrule: 'FREQ=DAILY' }],
    ['rrule JSON text', { rrule: '{"rrule": "FREQ=DAILY", "timezone": "UTC"}' }],
    ['templated strings load', { cron: '{{ cron }}', active: '{{ on }}', timezone: '{{ tz }}' }],
    ['active as 0/1', { cron: '* * * * *', active: 1, day_or: 0 }],
    ['null selector beside a given one', { cron: null, interval: 60 }],
    ['empty mapping (fails later)', {}],
    ['full schedule object (fails later)', { schedule: { cron: '* * * * *' }, active: true }],
    ['bare interval schedule with a datetime anchor', { interval: 60, anchor_date: new Date('2026-01-01T00:00:00Z') }],
  ];
  it.each(accepted)('accepts %s', (_name, item) => {
    expect(validateRawScheduleItem(item)).toEqual({ errors: [], value: item });
  });

  const rejected: [string, unknown, { path: (string | number)[]; message: string; atKey?: boolean }[]][] = [
    ['not a mapping', 'cron: x', [{ path: [], message: 'Input should be a valid dictionary' }]],
    ['unknown key', { cron: '* * * * *', every: 'day' }, [{ path: ['every'], message: EXTRA, atKey: true }]],
    ['max_scheduled_runs', { cron: '* * * * *', max_scheduled_runs: 3 }, [{ path: ['max_scheduled_runs'], message: EXTRA, atKey: true }]],
    ['two selectors', { cron: '* * * * *', rrule: 'FREQ=DAILY' }, [{ path: [], message: "Exactly one of 'cron', 'interval', or 'rrule' must be provided" }]],
    ['no selector', { timezone: 'UTC' }, [{ path: [], message: "Exactly one of 'cron', 'interval', or 'rrule' must be provided" }]],
    ['cron not a string', { cron: 5 }, [{ path: ['cron'], message: 'Input should be a valid string' }]],
    ['rrule as a mapping', { rrule: { rrule: 'FREQ=DAILY' } }, [{ path: ['rrule'], message: 'Input should be a valid string' }]],
    ['interval placeholder', { interval: '{{ every }}' }, [{ path: ['interval'], message: 'Input should be a valid timedelta, invalid duration "{{ every }}"' }]],
    ['interval numeric string', { interval: '10' }, [{ path: ['interval'], message: 'Input should be a valid timedelta, invalid duration "10"' }]],
    ['active 2', { cron: '* * * * *', active: 2 }, [{ path: ['active'], message: 'Input should be a valid boolean or string' }]],
    ['parameters a list', { cron: '* * * * *', parameters: [] }, [{ path: ['parameters'], message: 'Input should be a valid dictionary' }]],
    ['anchor_date a datetime beside slug', { interval: 60, anchor_date: new Date(0), slug: 'x' }, [{ path: ['anchor_date'], message: 'Input should be a valid string' }]],
  ];
  it.each(rejected)('rejects %s', (_name, item, errors) => {
    expect(validateRawScheduleItem(item)).toEqual({ errors, value: undefined });
  });

  it('extends the given path', () => {
    expect(validateRawScheduleItem({ cron: 1 }, ['schedules', 2]).errors).toEqual([{ path: ['schedules', 2, 'cron'], message: 'Input should be a valid string' }]);
  });
});

describe('parseDuration', () => {
  const cases: [unknown, number | 'error'][] = [
    [600, 600],
    [1.5, 1.5],
    [true, 1],
    ['PT10M', 600],
    ['P1D', 86400],
    ['P1W', 604800],
    ['P1M', 2592000],
    ['P1Y', 31536000],
    ['P1DT2H', 93600],
    ['PT1.5H', 5400],
    ['-PT5M', -300],
    ['1:30:00', 5400],
    ['01:30', 5400],
    ['25:00:00', 90000],
    ['1 day, 1:00:00', 90000],
    ['1d,01:00:00', 90000],
    ['1:30:00.123456789', 5400.123456],
    ['00:00:90', 'error'],
    ['00:90', 'error'],
    ['10', 'error'],
    [' PT5M', 'error'],
    ['p1d', 'error'],
    ['P', 'error'],
    [null, 'error'],
  ];
  it.each(cases)('%j -> %s', (input, expected) => {
    const result = parseDuration(input);
    if (expected === 'error') expect(result).toHaveProperty('error');
    else expect(result).toEqual({ seconds: expected });
  });
});

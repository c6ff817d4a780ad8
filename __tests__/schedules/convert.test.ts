import { describe, expect, it } from 'vitest';
import { convertScheduleItem, nextRunTimes, type ConversionResult } from '../../src/core/schedules/index.js';

const now = new Date('2026-03-07T10:17:33Z');
const convert = (item: Record<string, unknown>): ConversionResult => convertScheduleItem(item, ['schedules', 0], { now });

describe('convertScheduleItem: payloads', () => {
  const cases: [string, Record<string, unknown>, unknown, unknown, string?][] = [
    [
      'cron with slug',
      { cron: '0 2 * * *', timezone: 'Europe/Paris', slug: 'nightly' },
      {
        schedule: { cron: '0 2 * * *', timezone: 'Europe/Paris', day_or: true },
        active: true,
        max_scheduled_runs: null,
        parameters: {},
        slug: 'nightly',
        replaces: null,
      },
      { schedule: { cron: '0 2 * * *', timezone: 'Europe/Paris' }, slug: 'nightly' },
    ],
    [
      'cron with bool-like strings',
      { cron: '0 9 13 * 5', day_or: 'off', active: 'no' },
      { schedule: { cron: '0 9 13 * 5', timezone: null, day_or: false }, active: false, max_scheduled_runs: null, parameters: {}, slug: null, replaces: null },
      { schedule: { cron: '0 9 13 * 5', day_or: false }, active: false },
    ],
    [
      'interval without anchor: anchored at now, update leaves it out',
      { interval: 600 },
      {
        schedule: { interval: 600, anchor_date: '2026-03-07T10:17:33Z', timezone: 'UTC' },
        active: true,
        max_scheduled_runs: null,
        parameters: {},
        slug: null,
        replaces: null,
      },
      { schedule: { interval: 600, timezone: 'UTC' } },
    ],
    [
      'interval with offset anchor keeps the offset, timezone UTC',
      { interval: 'PT1H', anchor_date: '2026-01-01T08:00:00.5+02:00', parameters: { x: 1 }, replaces: 'old' },
      {
        schedule: { interval: 3600, anchor_date: '2026-01-01T08:00:00.500000+02:00', timezone: 'UTC' },
        active: true,
        max_scheduled_runs: null,
        parameters: { x: 1 },
        slug: null,
        replaces: 'old',
      },
      { schedule: { interval: 3600, anchor_date: '2026-01-01T08:00:00.500000+02:00', timezone: 'UTC' }, parameters: { x: 1 }, replaces: 'old' },
    ],
    [
      'rrule without DTSTART gets the 2020 anchor',
      { rrule: 'FREQ=DAILY;BYHOUR=9' },
      {
        schedule: { rrule: 'DTSTART:20200101T000000\nFREQ=DAILY;BYHOUR=9', timezone: 'UTC' },
        active: true,
        max_scheduled_runs: null,
        parameters: {},
        slug: null,
        replaces: null,
      },
      { schedule: { rrule: 'DTSTART:20200101T000000\nFREQ=DAILY;BYHOUR=9', timezone: 'UTC' } },
      'FREQ=DAILY;BYHOUR=9',
    ],
    [
      'minutely rrule gets the latest period start before now, in its zone',
      { rrule: 'FREQ=MINUTELY;INTERVAL=7', timezone: 'Asia/Kolkata' },
      {
        schedule: { rrule: 'DTSTART:20260307T154400\nFREQ=MINUTELY;INTERVAL=7', timezone: 'Asia/Kolkata' },
        active: true,
        max_scheduled_runs: null,
        parameters: {},
        slug: null,
        replaces: null,
      },
      { schedule: { rrule: 'DTSTART:20260307T154400\nFREQ=MINUTELY;INTERVAL=7', timezone: 'Asia/Kolkata' } },
      'FREQ=MINUTELY;INTERVAL=7',
    ],
    [
      'rrule JSON text with DTSTART: update carries only what the JSON gave',
      { rrule: '{"rrule": "DTSTART:20260101T000000\\nRRULE:FREQ=WEEKLY"}' },
      {
        schedule: { rrule: 'DTSTART:20260101T000000\nRRULE:FREQ=WEEKLY', timezone: 'UTC' },
        active: true,
        max_scheduled_runs: null,
        parameters: {},
        slug: null,
        replaces: null,
      },
      { schedule: { rrule: 'DTSTART:20260101T000000\nRRULE:FREQ=WEEKLY' } },
    ],
  ];
  // A synthesised DTSTART is for the server: the rule as written is kept for plans to show.
  it.each(cases)('%s', (_name, item, create, update, rruleAsWritten) => {
    expect(convert(item)).toEqual({ ok: true, value: { create, update, ...(rruleAsWritten ? { rruleAsWritten } : {}) } });
  });
});

describe('convertScheduleItem: errors', () => {
  const cases: [string, Record<string, unknown>, (string | number)[], string][] = [
    ['invalid cron', { cron: 'every day' }, ['cron'], 'Invalid cron string: "every day"'],
    ['random cron', { cron: 'R 0 * * *' }, ['cron'], 'Random and Hashed expressions are unsupported, received: "R 0 * * *"'],
    [
      'cron timezone',
      { cron: '* * * * *', timezone: 'Mars/Base' },
      ['timezone'],
      'Invalid timezone: "Mars/Base" (specify in IANA tzdata format, for example, America/New_York)',
    ],
    ['rrule timezone', { rrule: 'FREQ=DAILY', timezone: 'Mars/Base' }, ['timezone'], 'Invalid timezone: "Mars/Base"'],
    ['rrule text', { rrule: 'FREQ=DAILY;COUNT=x' }, ['rrule'], `Invalid RRule string "FREQ=DAILY;COUNT=x": invalid 'COUNT': X`],
    [
      'rrule too long',
      { rrule: `FREQ=DAILY;BYHOUR=${'1,'.repeat(3300)}1` },
      ['rrule'],
      `Invalid RRule string "FREQ=DAILY;BYHOUR=1,1,1,1,1,1,1,1,1,1,1,..."\nMax length is 6500, got 6619`,
    ],
    ['active', { cron: '* * * * *', active: 'maybe' }, ['active'], "active must be able to be parsed as a boolean, got 'maybe' of type <class 'str'>"],
    ['day_or', { cron: '* * * * *', day_or: 'sometimes' }, ['day_or'], 'Input should be a valid boolean, unable to interpret input'],
    ['interval not positive', { interval: -5 }, ['interval'], 'Input should be greater than 0 seconds'],
    ['interval zero', { interval: 0 }, [], "Unknown schedule type. Please provide a valid schedule. schedule={'interval': 0}"],
    ['anchor', { interval: 60, anchor_date: 'soon' }, ['anchor_date'], 'Unable to parse string [soon]'],
    ['empty', {}, [], 'Unknown schedule type. Please provide a valid schedule. schedule={}'],
    [
      'full object',
      { schedule: { cron: '* * * * *' }, active: true },
      [],
      "Unknown schedule type. Please provide a valid schedule. schedule={'schedule': {'cron': '* * * * *'}, 'active': True}",
    ],
  ];
  it.each(cases)('%s', (_name, item, path, message) => {
    expect(convert(item)).toEqual({ ok: false, error: { path: ['schedules', 0, ...path], message } });
  });
});

describe('nextRunTimes', () => {
  const after = new Date('2026-03-28T00:00:00Z');
  it.each([
    [
      'cron keeps local time across DST',
      { cron: '0 2 * * *', timezone: 'Europe/Paris', day_or: true },
      ['2026-03-28T02:00:00+01:00', '2026-03-29T03:00:00+02:00', '2026-03-30T02:00:00+02:00'],
    ],
    [
      'cron AND of day fields',
      { cron: '0 9 13 * 5', timezone: null, day_or: false },
      ['2026-11-13T09:00:00+00:00', '2027-08-13T09:00:00+00:00', '2028-10-13T09:00:00+00:00'],
    ],
    [
      'interval from its anchor',
      { interval: 5400, anchor_date: '2026-03-27T23:00:00Z', timezone: 'UTC' },
      ['2026-03-28T00:30:00+00:00', '2026-03-28T02:00:00+00:00', '2026-03-28T03:30:00+00:00'],
    ],
    [
      'rrule relabelled in its zone',
      { rrule: 'DTSTART:20260101T090000\nRRULE:FREQ=DAILY', timezone: 'America/Chicago' },
      ['2026-03-28T09:00:00-05:00', '2026-03-29T09:00:00-05:00', '2026-03-30T09:00:00-05:00'],
    ],
  ] as const)('%s', (_name, schedule, expected) => {
    expect(nextRunTimes(schedule, 3, after)).toEqual(expected);
  });

  it('is empty for a cron that never fires', () => {
    expect(nextRunTimes({ cron: '0 0 30 2 *', timezone: null, day_or: true }, 3, after)).toEqual([]);
  });
});

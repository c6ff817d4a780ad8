import rrulePkg from 'rrule';
import { DateTime } from './luxon.js';
import { placeWallTime, wallMillis } from './timezone.js';

// rrule ships CommonJS; its named exports are not visible to Node's ESM loader.
const { rrulestr, RRule, RRuleSet } = rrulePkg;

/** Prefect's `MAX_RRULE_LENGTH` (about a year of RDATEs). */
export const MAX_RRULE_LENGTH = 6500;
const DEFAULT_ANCHOR = Date.UTC(2020, 0, 1);

const INTEGER_PARTS = new Set(['COUNT', 'INTERVAL', 'BYSETPOS', 'BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYHOUR', 'BYMINUTE', 'BYSECOND']);

/** Prefect's `validate_rrule_string` (dateutil's `rrulestr`); undefined when valid. */
export function checkRRule(text: string): string | undefined {
  const reason = parseError(text);
  if (reason !== undefined) return `Invalid RRule string "${text}": ${reason}`;
  if (text.length > MAX_RRULE_LENGTH) {
    return `Invalid RRule string "${text.slice(0, 40)}..."\nMax length is ${MAX_RRULE_LENGTH}, got ${text.length}`;
  }
  return undefined;
}

function parseError(text: string): string | undefined {
  if (text.trim() === '') return 'empty string';
  // rrule.js lets non-numeric numbers through (`COUNT=x`); dateutil does not.
  for (const line of text.split(/\r?\n/)) {
    const body = /^(?:RRULE|EXRULE):(.*)$/i.exec(line.trim())?.[1] ?? (line.includes(':') ? undefined : line.trim());
    if (body === undefined) continue;
    for (const part of body.split(';')) {
      const [name, value] = part.split('=');
      if (name !== undefined && value !== undefined && INTEGER_PARTS.has(name.toUpperCase()) && !/^[-+]?\d+(,[-+]?\d+)*$/.test(value)) {
        return `invalid '${name.toUpperCase()}': ${value.toUpperCase()}`;
      }
    }
  }
  let rule: InstanceType<typeof RRule> | InstanceType<typeof RRuleSet>;
  try {
    rule = parse(text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return emptyByset(rule) ? 'Invalid rrule byxxx generates an empty set.' : undefined;
}

/**
 * dateutil's `__construct_byset`: with `FREQ=HOURLY;INTERVAL=24;BYHOUR=1` from midnight no
 * period ever lands on hour 1. dateutil refuses the rule; rrule.js would walk to year 9999.
 */
function emptyByset(rule: InstanceType<typeof RRule> | InstanceType<typeof RRuleSet>): boolean {
  if (rule instanceof RRuleSet) return false;
  const { freq, interval, dtstart } = rule.options;
  const field = freq === RRule.HOURLY ? 'byhour' : freq === RRule.MINUTELY ? 'byminute' : freq === RRule.SECONDLY ? 'bysecond' : undefined;
  const values = field === undefined ? undefined : rule.origOptions[field];
  if (field === undefined || values === null || values === undefined) return false;
  const base = field === 'byhour' ? 24 : 60;
  const start = field === 'byhour' ? dtstart.getUTCHours() : field === 'byminute' ? dtstart.getUTCMinutes() : dtstart.getUTCSeconds();
  const divisor = gcd(interval || 1, base);
  return !(Array.isArray(values) ? values : [values]).some((num) => divisor === 1 || (((num - start) % divisor) + divisor) % divisor === 0);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** dateutil's `rrulestr(text, dtstart=2020-01-01)`: the default only applies without a DTSTART. */
function parse(text: string): InstanceType<typeof RRule> | InstanceType<typeof RRuleSet> {
  const source = floating(text);
  return /DTSTART/i.test(source) ? rrulestr(source) : rrulestr(source, { dtstart: new Date(DEFAULT_ANCHOR) });
}

/**
 * Prefect relabels every date of the rule with the schedule's timezone, keeping wall-clock digits
 * (`RRuleSchedule.to_rrule`). rrule.js represents floating times as UTC, so zone markers go.
 */
function floating(text: string): string {
  return text.replace(/;TZID=[^:;]+(?=[:;])/gi, '').replace(/(\d{8}T\d{6})Z/gi, '$1');
}

/**
 * Prefect's `normalize_rrule_string`: a rule without DTSTART gets a floating one — for
 * SECONDLY/MINUTELY rules without COUNT the latest multiple of the period since 2020-01-01 (in the
 * schedule's zone) not after `now`, else 2020-01-01T00:00:00.
 */
export function normalizeRRule(text: string, timezone: string, now: Date): string {
  if (text.toUpperCase().includes('DTSTART')) return text;
  let parsed: InstanceType<typeof RRule> | InstanceType<typeof RRuleSet>;
  try {
    parsed = parse(text);
  } catch {
    return text;
  }
  let anchor = DEFAULT_ANCHOR;
  if (!(parsed instanceof RRuleSet)) {
    const { freq, interval, count } = parsed.options;
    if ((count === null || count === undefined) && (freq === RRule.SECONDLY || freq === RRule.MINUTELY)) {
      const period = (freq === RRule.SECONDLY ? 1 : 60) * (interval || 1) * 1000;
      const wall = DateTime.fromJSDate(now, { zone: timezone });
      const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
      if (wallMs > DEFAULT_ANCHOR) anchor = DEFAULT_ANCHOR + Math.floor((wallMs - DEFAULT_ANCHOR) / period) * period;
    }
  }
  const stamp = new Date(anchor).toISOString().slice(0, 19).replace(/[-:]/g, '');
  return `DTSTART:${stamp}\n${text}`;
}

const MAX_ITERATIONS = 1000;
/**
 * Occurrences before `after` that a rule with BY-parts may make us walk through (dateutil walks
 * them all: `FREQ=SECONDLY;BYHOUR=1` from 2020 is tens of millions). Past this the plan shows
 * no next runs rather than hold the job (a fraction of a second of walking).
 */
const MAX_SKIPPED = 5_000;
const SUB_DAILY_HORIZON_MS = 8 * 366 * 86_400_000;

const PERIOD_MS: Partial<Record<number, number>> = {
  [RRule.SECONDLY]: 1000,
  [RRule.MINUTELY]: 60_000,
  [RRule.HOURLY]: 3_600_000,
  [RRule.DAILY]: 86_400_000,
  [RRule.WEEKLY]: 604_800_000,
};
const BY_PARTS = ['bysetpos', 'bymonth', 'bymonthday', 'byyearday', 'byweekno', 'byweekday', 'byhour', 'byminute', 'bysecond', 'byeaster'] as const;

/**
 * A rule's periods are a fixed length apart (floating wall times make a day exactly 24 h), and
 * BY-parts filter within a period, so the rule started a whole number of periods later yields the
 * same occurrences from there on: start it at the last period before `from`, with the occurrences
 * it skips taken off COUNT. `FREQ=SECONDLY;COUNT=999999999` from 2020 then costs nothing.
 */
function skipAhead(rule: InstanceType<typeof RRule> | InstanceType<typeof RRuleSet>, from: number): InstanceType<typeof RRule> | InstanceType<typeof RRuleSet> {
  if (rule instanceof RRuleSet) return rule;
  const { freq, interval, dtstart, count, until } = rule.options;
  // A sub-daily rule whose BY-parts match nothing (`FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30`) is
  // walked to year 9999, a minute here; eight years hold any date a real rule names (29 February).
  const horizon = from + SUB_DAILY_HORIZON_MS;
  if (freq >= RRule.HOURLY && (until === null || until.getTime() > horizon)) {
    rule = new RRule({ ...rule.origOptions, until: new Date(horizon) });
  }
  const period = PERIOD_MS[freq];
  const counted = count !== null && count !== undefined;
  if (period === undefined || rule.origOptions.bysetpos != null) return rule;
  // With BY-parts the k-th period no longer holds the k-th occurrence, so COUNT cannot be adjusted.
  if (counted && BY_PARTS.some((part) => rule.origOptions[part] != null)) return rule;
  const step = period * (interval || 1);
  let skip = Math.floor((from - dtstart.getTime()) / step) - 1;
  if (counted) skip = Math.min(skip, count - 1);
  if (skip <= 0) return rule;
  return new RRule({
    ...rule.origOptions,
    until: rule.options.until,
    dtstart: new Date(dtstart.getTime() + skip * step),
    ...(counted ? { count: count - skip } : {}),
  });
}

const DAY_PARTS = ['bymonth', 'bymonthday', 'byyearday', 'byweekno', 'byweekday'] as const;

/**
 * Whether a sub-daily rule's day BY-parts match any day. rrule.js (like dateutil) walks day after
 * day to year 9999 when they cannot (`BYMONTH=2;BYMONTHDAY=30`), a minute of CPU. The calendar,
 * weekdays included, repeats every 400 years: a yearly probe over the last cycle before 9999 asks
 * the same question in milliseconds.
 */
function daysCanMatch(rule: InstanceType<typeof RRule> | InstanceType<typeof RRuleSet>): boolean {
  if (rule instanceof RRuleSet || rule.options.freq < RRule.HOURLY) return true;
  const parts = Object.fromEntries(DAY_PARTS.filter((part) => rule.origOptions[part] != null).map((part) => [part, rule.origOptions[part]]));
  if (Object.keys(parts).length === 0) return true;
  const probe = new RRule({ freq: RRule.YEARLY, dtstart: new Date(Date.UTC(9599, 0, 1)), wkst: rule.origOptions.wkst ?? null, ...parts });
  let found = false;
  probe.all(() => ((found = true), false));
  return found;
}

/** Prefect's server `RRuleSchedule.get_dates`: occurrences at or after `after`, in the zone. */
export function rruleNextRuns(text: string, zone: string, count: number, after: Date): DateTime[] {
  const start = DateTime.fromJSDate(after, { zone });
  const wallStart = Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second, start.millisecond);
  // dateutil compares against `start` as instants; near a transition a margin covers wall times
  // a DST gap moves back (placing each is costly: only there).
  const steady = DateTime.fromMillis(after.getTime() - 4 * 3600_000, { zone }).offset === DateTime.fromMillis(after.getTime() + 4 * 3600_000, { zone }).offset;
  const from = steady ? wallStart : wallStart - 3 * 3600_000;
  const parsed = parse(text);
  if (emptyByset(parsed) || !daysCanMatch(parsed)) return [];
  const rule = skipAhead(parsed, from);
  const results: DateTime[] = [];
  const seen = new Set<number>();
  let counter = 0;
  let skipped = 0;
  rule.all((wall) => {
    if (wall.getTime() < from) return ++skipped < MAX_SKIPPED;
    const local = placeWallTime(DateTime.fromJSDate(wall, { zone: 'utc' }), zone, 'backward');
    if (local.toMillis() < after.getTime()) return true;
    // Python compares datetimes of one zone by wall clock, so that is what deduplicates.
    if (!seen.has(wallMillis(local))) {
      seen.add(wallMillis(local));
      results.push(local);
    }
    counter++;
    return results.length < count && counter <= MAX_ITERATIONS;
  });
  return results;
}

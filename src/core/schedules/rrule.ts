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
  try {
    parse(text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
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

/** Prefect's server `RRuleSchedule.get_dates`: occurrences at or after `after`, in the zone. */
export function rruleNextRuns(text: string, zone: string, count: number, after: Date): DateTime[] {
  const rule = parse(text);
  const start = DateTime.fromJSDate(after, { zone });
  const wallStart = Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second, start.millisecond);
  const results: DateTime[] = [];
  const seen = new Set<number>();
  let counter = 0;
  // dateutil compares against `start` as instants; a margin covers wall times a DST gap moves back.
  const from = wallStart - 3 * 3600_000;
  rule.all((wall) => {
    if (wall.getTime() < from) return true;
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

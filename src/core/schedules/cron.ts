import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { DateTime, type Zone } from './luxon.js';
import { placeWallTime, wallMillis } from './timezone.js';

/**
 * Cron text as croniter (vendored by Prefect) reads it, translated for cron-parser. croniter and
 * cron-parser disagree on a handful of forms; each rule below was checked against the reference.
 */
interface CronTranslation {
  /** 5- or 6-field (seconds first) expression for cron-parser. */
  expression: string;
  /** Allowed years from croniter's optional 7th field; undefined = any. */
  years?: Set<number>;
  /** croniter accepts it but no date ever matches (e.g. `0 0 30 2 *`). */
  never?: boolean;
}

export type CronCheck = { ok: true; translation: CronTranslation } | { ok: false; message: string };

const ALIASES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

// min/max per field in cron-parser order (second, minute, hour, day of month, month, day of week).
const BOUNDS: [number, number][] = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

/** Prefect's `validate_cron_string`: croniter validity first, then the random/hashed check. */
export function checkCron(cron: string): CronCheck {
  const invalid: CronCheck = { ok: false, message: `Invalid cron string: "${cron}"` };
  const translation = translate(cron);
  if (translation === undefined) return invalid;
  if (cron.split(/\s+/).some((f) => f.toLowerCase() === 'r')) {
    return { ok: false, message: `Random and Hashed expressions are unsupported, received: "${cron}"` };
  }
  return { ok: true, translation };
}

/** Translations by cron text: projects repeat a few schedules across many deployments. */
const translations = new Map<string, CronTranslation | undefined>();

function translate(cron: string): CronTranslation | undefined {
  if (!translations.has(cron)) translations.set(cron, translateOnce(cron));
  return translations.get(cron);
}

function translateOnce(cron: string): CronTranslation | undefined {
  let fields = cron
    .trim()
    .split(/\s+/)
    .filter((f) => f !== '');
  if (fields.length === 1 && fields[0]!.startsWith('@')) {
    const alias = ALIASES[fields[0]!.toLowerCase()];
    if (alias === undefined) return undefined;
    fields = alias.split(' ');
  }
  let years: Set<number> | undefined;
  if (fields.length === 7) {
    years = expandYears(fields[6]!);
    if (years === undefined) return undefined;
    fields = fields.slice(0, 6);
  }
  // croniter's optional 6th field is seconds, written last; cron-parser wants it first.
  if (fields.length === 6) fields = [fields[5]!, ...fields.slice(0, 5)];
  else if (fields.length === 5) fields = ['0', ...fields];
  else return undefined;
  // `R` (random) is valid to croniter; let the rest decide validity and report it afterwards.
  fields = fields.map((f) => (f.toLowerCase() === 'r' ? '*' : f));
  // croniter has no hashed fields without a hash id, no `L` in day-of-week, no `W` at all.
  if (fields.some((f) => /(^|[,\-/])h($|[,\-/(0-9])/i.test(f))) return undefined;
  if (/l/i.test(fields[5]!)) return undefined;
  if (/w/i.test(fields[3]!)) return undefined;
  const nth = /#(\d+)/.exec(fields[5]!);
  if (nth && (Number(nth[1]) < 1 || Number(nth[1]) > 5)) return undefined;
  if (fields.some((f) => f === '' || f.endsWith(',') || f.startsWith(','))) return undefined;
  fields = fields.map((f, i) => unwrapReversedRanges(f, BOUNDS[i]!));
  const expression = fields.join(' ');
  try {
    // A fixed start date: without one cron-parser asks luxon for "now" in the system zone, which
    // builds an Intl.DateTimeFormat on every call (slow, and its ICU memory lingers).
    CronExpressionParser.parse(expression, { tz: 'UTC', strict: false, currentDate: 0 });
  } catch (error) {
    if (error instanceof Error && /day of month/i.test(error.message)) return { expression, years, never: true };
    return undefined;
  }
  return { expression, years };
}

/** croniter reads `22-2` as a range wrapping past the field's maximum; cron-parser rejects it. */
function unwrapReversedRanges(field: string, [min, max]: [number, number]): string {
  return field
    .split(',')
    .map((part) => {
      const m = /^(\d+)-(\d+)$/.exec(part);
      if (!m || Number(m[1]) <= Number(m[2])) return part;
      return `${m[1]}-${max},${min}-${m[2]}`;
    })
    .join(',');
}

function expandYears(field: string): Set<number> | undefined {
  const years = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] === '*' ? 1970 : Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? 2099 : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (from < 1970 || to > 2099 || from > to || step < 1) return undefined;
    for (let y = from; y <= to; y += step) years.add(y);
  }
  return years;
}

const MAX_ITERATIONS = 1000;

/**
 * Prefect's server `CronSchedule.get_dates`: croniter walks wall-clock times in the schedule's zone
 * from just before `start`; each is placed in the zone (a repeated hour takes its first occurrence,
 * a skipped one moves forward) and kept when not before `start`.
 */
export function cronNextRuns(translation: CronTranslation, dayOr: boolean, zone: string | Zone, count: number, after: Date): DateTime[] {
  if (translation.never) return [];
  const start = DateTime.fromJSDate(after, { zone });
  const wallStart = DateTime.fromObject(
    { year: start.year, month: start.month, day: start.day, hour: start.hour, minute: start.minute, second: start.second },
    { zone: 'utc' },
  ).minus({ seconds: start.millisecond > 0 ? 0 : 1 });
  const fields = translation.expression.split(' ');
  const andDays = !dayOr && fields[3] !== '*' && fields[3] !== '?' && fields[5] !== '*' && fields[5] !== '?' && !fields[5]!.includes('#');
  let expression: CronExpression;
  let weekdays: Set<number> | undefined;
  if (andDays) {
    const full = CronExpressionParser.parse(translation.expression, { tz: 'UTC' });
    weekdays = new Set(full.fields.dayOfWeek.values.map((d) => Number(d) % 7));
    expression = CronExpressionParser.parse([...fields.slice(0, 5), '*'].join(' '), { tz: 'UTC', currentDate: wallStart.toJSDate() });
  } else {
    expression = CronExpressionParser.parse(translation.expression, { tz: 'UTC', currentDate: wallStart.toJSDate() });
  }
  const lookback = gapLookback(translation, zone, after, wallStart);
  const results: DateTime[] = [];
  const seen = new Set<number>();
  const accept = (local: DateTime): void => {
    const ms = local.toMillis();
    if (ms >= after.getTime() && !seen.has(ms) && results.length < count) {
      seen.add(ms);
      results.push(local);
    }
  };
  let candidates = 0;
  let scanned = 0;
  // Prefect checks MAX_ITERATIONS + 2 candidates; wall times filtered out here (year field, AND of
  // day fields) are not candidates to croniter, so they get their own, larger, bound.
  while (results.length < count && candidates < MAX_ITERATIONS + 2 && scanned < 400_000) {
    scanned++;
    let wall: DateTime;
    try {
      wall = DateTime.fromJSDate(expression.next().toDate(), { zone: 'utc' });
    } catch {
      break;
    }
    if (translation.years && !translation.years.has(wall.year)) {
      if (wall.year > 2099) break;
      continue;
    }
    if (weekdays && !weekdays.has(wall.weekday % 7)) continue;
    candidates++;
    const local = placeWallTime(wall, zone);
    while (lookback.length > 0 && lookback[0]!.toMillis() <= local.toMillis()) accept(lookback.shift()!);
    accept(local);
  }
  for (const local of lookback) accept(local);
  return results;
}

/**
 * When `after` falls within a spring-forward gap's length after the transition, Prefect also
 * replays the wall times that were skipped (they land just after the transition), so a run set
 * for 02:30 on the change day still happens at 03:30.
 */
function gapLookback(translation: CronTranslation, zone: string | Zone, after: Date, wallStart: DateTime): DateTime[] {
  const probe = after.getTime() + 1000;
  const offsetAt = (ms: number): number => DateTime.fromMillis(ms, { zone }).offset;
  const window = 3 * 3600_000;
  if (offsetAt(probe) <= offsetAt(probe - window)) return [];
  // Transitions fall on whole seconds: bisect for the first instant with the new offset.
  let lo = probe - window;
  let hi = probe;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid) === offsetAt(probe)) hi = mid;
    else lo = mid;
  }
  const gapMs = (offsetAt(hi) - offsetAt(lo)) * 60_000;
  const sinceTransition = after.getTime() - hi;
  if (sinceTransition < 0 || sinceTransition >= gapMs) return [];
  const gapEnd = wallMillis(DateTime.fromMillis(hi, { zone }));
  const expression = CronExpressionParser.parse(translation.expression, { tz: 'UTC', currentDate: wallStart.minus({ milliseconds: gapMs }).toJSDate() });
  const out: DateTime[] = [];
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const wall = DateTime.fromJSDate(expression.next().toDate(), { zone: 'utc' });
    if (wall.toMillis() >= gapEnd) break;
    out.push(placeWallTime(wall, zone));
  }
  return out;
}

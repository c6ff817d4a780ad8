import { DateTime } from './luxon.js';
import { wallMillis } from './timezone.js';

/**
 * Prefect's anchor parsing (`parse_datetime`, lenient ISO): a value without offset is UTC.
 * Returns the datetime in the offset it was written with, or undefined when unparseable.
 */
export function parseAnchorDate(text: string): DateTime | undefined {
  const opts = { zone: 'utc', setZone: true } as const;
  for (const parse of [DateTime.fromISO, DateTime.fromSQL]) {
    const dt = parse(text.trim(), opts);
    if (dt.isValid) return dt;
  }
  return undefined;
}

/** Python's `isoformat()` as pydantic sends a datetime: `Z` for UTC, microseconds only when set. */
export function formatAnchorDate(dt: DateTime): string {
  const base = dt.toFormat("yyyy-MM-dd'T'HH:mm:ss") + fraction(dt);
  return dt.offset === 0 ? `${base}Z` : base + dt.toFormat('ZZ');
}

/** `datetime.isoformat()` of a run time: always with the offset. */
export function formatRunTime(dt: DateTime): string {
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ss") + fraction(dt) + dt.toFormat('ZZ');
}

function fraction(dt: DateTime): string {
  return dt.millisecond === 0 ? '' : `.${String(dt.millisecond * 1000).padStart(6, '0')}`;
}

const MAX_ITERATIONS = 1000;

/**
 * Prefect's server `IntervalSchedule.get_dates` (the pendulum path the reference runs): sub-day
 * intervals step in exact elapsed time; whole-day intervals keep the local clock time across DST,
 * walking forward day by day in a non-UTC zone so a skipped hour shifts the series as it does there.
 * Python compares datetimes of one zone by their wall clock (fold ignored), so two runs an hour
 * apart in a repeated hour count as one, and "before start" is judged on the wall clock too.
 */
export function intervalNextRuns(seconds: number, anchorDate: string, timezone: string, count: number, after: Date): DateTime[] {
  const zone = timezone || 'UTC';
  const parsed = parseAnchorDate(anchorDate);
  if (parsed === undefined || seconds <= 0) return [];
  const anchor = parsed.setZone(zone);
  // Python's datetime starts at year 1: the scheduler overflows on an anchor before it in the zone.
  if (anchor.year < 1) return [];
  const start = DateTime.fromJSDate(after, { zone });
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const jump = (k: number): DateTime => (days === 0 || rest === 0 ? add(anchor, days * k, rest * k) : add(anchor, 0, seconds * k));
  const before = (a: DateTime, b: DateTime): boolean => wallMillis(a) < wallMillis(b);

  let offset = 0;
  let next: DateTime;
  if (start.toMillis() >= anchor.toMillis() && days !== 0 && rest === 0 && zone !== 'UTC') {
    next = seekRecentSteps(anchor, start, days);
    while (next.toMillis() < start.toMillis()) next = add(next, days, 0);
  } else {
    offset = Math.trunc((wallMillis(start) - wallMillis(anchor)) / 1000 / seconds);
    next = jump(offset);
    while (before(start, next)) next = jump(--offset);
  }
  const beforeAnchorDays = before(start, anchor) && days !== 0 && rest === 0;
  const step = (dt: DateTime): DateTime => {
    if (beforeAnchorDays && offset < 0) return jump(++offset);
    return add(dt, days, rest);
  };
  while (before(next, start)) next = step(next);

  const results: DateTime[] = [];
  const seen = new Set<number>();
  for (let counter = 0; ; counter++) {
    if (!seen.has(wallMillis(next))) {
      seen.add(wallMillis(next));
      results.push(next);
    }
    if (results.length >= count || counter > MAX_ITERATIONS) break;
    next = step(next);
  }
  return results;
}

/** Whole-day steps walked one by one, at most (two springs of a daily schedule). */
const MAX_WALKED_DAYS = 800;

/**
 * Prefect walks local-day runs from the anchor so a skipped hour shifts the rest of the series
 * (`_seek_calendar_interval`); walking from an anchor in year 1 takes minutes here. Older anchors
 * jump on the wall clock to the last 800 steps (two years and more): the shift a gap causes is the same at every
 * transition, so the result only differs for a series whose time fell in a gap that its zone no
 * longer has (a deliberate difference, bounded time over that edge).
 */
function seekRecentSteps(anchor: DateTime, start: DateTime, days: number): DateTime {
  const steps = Math.floor((wallMillis(start) - wallMillis(anchor)) / (days * 86_400_000)) - MAX_WALKED_DAYS;
  return steps > 0 ? add(anchor, days * steps, 0) : anchor;
}

/** pendulum's `add(days=, seconds=)`: exact time without days, wall-clock arithmetic with them. */
function add(dt: DateTime, days: number, seconds: number): DateTime {
  const ms = Math.round(seconds * 1000);
  if (days === 0) return dt.plus({ milliseconds: ms });
  const wall = DateTime.fromMillis(wallMillis(dt), { zone: 'utc' }).plus({ days, milliseconds: ms });
  return DateTime.fromObject(
    { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second, millisecond: wall.millisecond },
    { zone: dt.zone },
  );
}

import { DateTime, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from './luxon.js';

const validZones = new Map<string, boolean>();

/** Known IANA zone (aliases such as `US/Pacific` and `EST` included, as Prefect's lists do). */
export function isValidTimezone(name: string): boolean {
  // Memoized: luxon answers by building an Intl.DateTimeFormat each time, whose ICU memory stays
  // in the C heap until a full GC (~27 KiB a call; 13 MiB over a 500-deployment plan).
  let valid = validZones.get(name);
  if (valid === undefined) validZones.set(name, (valid = IANAZone.isValidZone(name)));
  return valid;
}

/**
 * An IANA zone that remembers the offsets it has computed, by instant: luxon asks ICU for each
 * (`formatToParts`, the costliest part of placing a run), and the schedules of a plan ask about
 * the same instants again and again (every deployment's "now", runs at the same hours). Exactly
 * luxon's answers; a zone's memory is dropped past `MAX_REMEMBERED` instants.
 */
class RememberingZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly inner: IANAZone) {
    super();
  }

  override get type(): string {
    return this.inner.type;
  }
  override get name(): string {
    return this.inner.name;
  }
  override get isUniversal(): boolean {
    return this.inner.isUniversal;
  }
  override get isValid(): boolean {
    return this.inner.isValid;
  }
  override offsetName(ts: number, opts: ZoneOffsetOptions): string | null {
    return this.inner.offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.inner.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    let offset = this.offsets.get(ts);
    if (offset === undefined) {
      if (this.offsets.size >= MAX_REMEMBERED) this.offsets.clear();
      this.offsets.set(ts, (offset = this.inner.offset(ts)));
    }
    return offset;
  }
  override equals(other: Zone): boolean {
    return other instanceof RememberingZone ? other.name === this.name : this.inner.equals(other);
  }
}

const MAX_REMEMBERED = 100_000;
const rememberingZones = new Map<string, RememberingZone>();

/** `name` (a valid IANA zone) as a zone that remembers its offsets, one per name for the process. */
export function rememberingZone(name: string): Zone {
  let zone = rememberingZones.get(name);
  if (!zone) rememberingZones.set(name, (zone = new RememberingZone(IANAZone.create(name))));
  return zone;
}

/**
 * The wall-clock digits of `wall` (read in UTC) placed in `zone`: a repeated time is its first
 * occurrence (Python's `fold=0`); a skipped time moves forward by the gap (zoneinfo), or with
 * `gap: 'backward'` is read with the offset after the transition (dateutil's tz, used by rrules).
 */
export function placeWallTime(wall: DateTime, zone: string | Zone, gap: 'forward' | 'backward' = 'forward'): DateTime {
  const local = DateTime.fromObject(
    { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second, millisecond: wall.millisecond },
    { zone },
  );
  const candidates = local.getPossibleOffsets();
  if (candidates.length > 1) return candidates.reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a));
  if (gap === 'backward' && wallMillis(local) !== wallMillis(wall)) {
    return local.minus({ milliseconds: wallMillis(local) - wallMillis(wall) });
  }
  return local;
}

/** The wall-clock digits as a number, for comparing times the way Python compares same-zone datetimes. */
export function wallMillis(dt: DateTime): number {
  const ms = Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond);
  // Date.UTC reads years 0-99 as 1900-1999; an anchor in year 1 is valid to Prefect.
  return dt.year >= 0 && dt.year < 100 ? new Date(ms).setUTCFullYear(dt.year) : ms;
}

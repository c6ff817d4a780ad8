/**
 * Durations as pydantic's `timedelta` accepts them (what `RawScheduleConfig.interval` is typed as):
 * a number of seconds, an ISO 8601 duration, or `[D day[s],]HH:MM[:SS[.ffffff]]` clock text.
 * Returns seconds, or an error message in pydantic's words.
 */
export type DurationResult = { seconds: number } | { error: string };

const ISO =
  /^([-+])?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const CLOCK = /^([-+])?(?:(\d+)\s*(?:d|days?),?\s*)?(\d+):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

export function parseDuration(value: unknown): DurationResult {
  if (typeof value === 'boolean') return { seconds: value ? 1 : 0 };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { seconds: value } : { error: 'Input should be a valid timedelta' };
  }
  if (typeof value !== 'string') return { error: 'Input should be a valid timedelta' };
  const iso = ISO.exec(value);
  if (iso && value !== 'P' && !value.endsWith('T')) {
    const n = (i: number): number => (iso[i] === undefined ? 0 : Number(iso[i]));
    const seconds = n(2) * 365 * 86400 + n(3) * 30 * 86400 + n(4) * 7 * 86400 + n(5) * 86400 + n(6) * 3600 + n(7) * 60 + n(8);
    return { seconds: roundMicros(iso[1] === '-' ? -seconds : seconds) };
  }
  const clock = CLOCK.exec(value);
  if (clock) {
    const minutes = Number(clock[4]);
    const secs = clock[5] === undefined ? 0 : Number(clock[5]);
    if (minutes > 59) return { error: 'Input should be a valid timedelta, minute value is outside expected range of 0-59' };
    if (secs > 59) return { error: 'Input should be a valid timedelta, second value is outside expected range of 0-59' };
    const micros = clock[6] === undefined ? 0 : Number(clock[6].slice(0, 6).padEnd(6, '0'));
    const seconds = Number(clock[2] ?? 0) * 86400 + Number(clock[3]) * 3600 + minutes * 60 + secs + micros / 1e6;
    return { seconds: roundMicros(clock[1] === '-' ? -seconds : seconds) };
  }
  return { error: `Input should be a valid timedelta, invalid duration ${JSON.stringify(value)}` };
}

/** timedelta keeps microseconds only. */
function roundMicros(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/**
 * `timedelta` fields as pydantic 2.14 (speedate) reads them in lax mode. Trigger and SLA durations
 * are plain `timedelta`s, unlike schedule intervals: numeric strings ("300") are rejected, while
 * speedate's day forms ("1d", "2 days, 01:00:00") and `PT1,5S` are accepted.
 */
export type TimedeltaResult = { seconds: number } | { error: string };

const INVALID = 'Input should be a valid timedelta';
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const ISO = new RegExp(String.raw`^([-+])?P(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`);
const ISO_UNITS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1] as const;
const TIME = String.raw`(?:(\d{2,}):(\d{2})|(\d+):(\d{2}):(\d{2})(?:[.,](\d+))?)`;
const DAYS_TIME = new RegExp(String.raw`^([-+])?(?:(\d+)\s*(?:days?|d)\s*,?\s*)?(?:${TIME})?\s*$`, 'i');

export function parseTimedelta(value: unknown): TimedeltaResult {
  if (typeof value === 'boolean') return { seconds: value ? 1 : 0 };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { error: `${INVALID}, NaN values not permitted` };
    return Number.isFinite(value) ? { seconds: roundMicros(value) } : { error: INVALID };
  }
  if (typeof value !== 'string') return { error: INVALID };
  if (/^[-+]?P/.test(value)) return parseIso(value);
  const m = DAYS_TIME.exec(value);
  if (m && (m[2] !== undefined || m[3] !== undefined || m[5] !== undefined)) {
    const days = Number(m[2] ?? 0);
    const hours = Number(m[3] ?? m[5] ?? 0);
    const minutes = Number(m[4] ?? m[6] ?? 0);
    const secs = Number(m[7] ?? 0);
    if (minutes > 59) return { error: `${INVALID}, minute value is outside expected range of 0-59` };
    if (secs > 59) return { error: `${INVALID}, second value is outside expected range of 0-59` };
    const micros = m[8] === undefined ? 0 : Number(m[8].slice(0, 6).padEnd(6, '0'));
    const seconds = days * 86400 + hours * 3600 + minutes * 60 + secs + micros / 1e6;
    return { seconds: roundMicros(m[1] === '-' ? -seconds : seconds) };
  }
  return { error: `${INVALID}, invalid duration ${JSON.stringify(value)}` };
}

function parseIso(value: string): TimedeltaResult {
  const m = ISO.exec(value);
  const parts = m ? m.slice(2, 9) : [];
  const given = parts.filter((p) => p !== undefined);
  if (!m || given.length === 0) return { error: `${INVALID}, invalid ISO 8601 duration ${JSON.stringify(value)}` };
  // speedate allows a fraction only on the last component given.
  if (given.slice(0, -1).some((p) => /[.,]/.test(p))) return { error: `${INVALID}, quantity fraction invalid in duration` };
  let seconds = 0;
  parts.forEach((p, i) => {
    if (p !== undefined) seconds += Number(p.replace(',', '.')) * ISO_UNITS[i]!;
  });
  return { seconds: roundMicros(m[1] === '-' ? -seconds : seconds) };
}

/** `parseTimedelta` with an error that says which forms are accepted. */
export function duration(value: unknown): TimedeltaResult {
  const parsed = parseTimedelta(value);
  if ('seconds' in parsed) return parsed;
  return {
    error: `should be a duration: seconds, ISO 8601 ("PT5M") or "[D days, ]HH:MM:SS", got ${JSON.stringify(value) ?? String(value)} (${parsed.error.replace(/^Input should be a valid timedelta,? ?/, '') || 'not a duration'})`,
  };
}

/** timedelta keeps microseconds only. */
function roundMicros(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

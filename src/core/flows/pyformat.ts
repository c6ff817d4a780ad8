/**
 * Python's text forms that leak into what Prefect sends: float repr, ISO 8601 durations and
 * datetimes as pydantic serialises them, and `str.title()` (pydantic's default field titles).
 */

/** `repr(float)`: shortest round-trip digits; exponent form outside 1e-4 <= |x| < 1e16. */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const exp = /e([+-]\d+)$/.exec(n.toExponential())!;
  const e = Number(exp[1]);
  if (e >= -4 && e < 16) {
    // String() is fixed-point in this range (JS switches to exponents only below 1e-6).
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant, ex] = n.toExponential().split('e') as [string, string];
  const sign = ex.startsWith('-') ? '-' : '+';
  return `${mant}e${sign}${ex.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/**
 * pydantic (speedate) duration text: `P1D`, `PT1H30M`, `PT1H1.5S`, `PT0S`, negatives as `-PT5S`.
 * Input is the total duration in microseconds.
 */
export function isoDuration(totalMicros: number): string {
  const neg = totalMicros < 0;
  let rest = Math.abs(totalMicros);
  const micros = rest % 1e6;
  rest = (rest - micros) / 1e6;
  const days = Math.floor(rest / 86400);
  let secs = rest - days * 86400;
  const hours = Math.floor(secs / 3600);
  secs -= hours * 3600;
  const minutes = Math.floor(secs / 60);
  secs -= minutes * 60;
  let out = neg ? '-P' : 'P';
  const years = Math.floor(days / 365);
  const remDays = days % 365;
  if (years) out += `${years}Y`;
  if (remDays) out += `${remDays}D`;
  if (hours || minutes || secs || micros || days === 0) {
    out += 'T';
    if (hours) out += `${hours}H`;
    if (minutes) out += `${minutes}M`;
    if (secs || micros || (!hours && !minutes)) {
      out += String(secs);
      if (micros) out += `.${String(micros).padStart(6, '0').replace(/0+$/, '')}`;
      out += 'S';
    }
  }
  return out;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function offsetText(offset: number | undefined): string {
  if (offset === undefined) return '';
  if (offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const s = a % 60;
  return `${sign}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}${s ? `:${pad(s)}` : ''}`;
}

function fraction(micro: number | undefined): string {
  return micro ? `.${pad(micro, 6)}` : '';
}

/** pydantic's JSON form of datetime/date/time values. */
export function isoDateTime(d: { year: number; month: number; day: number; hour: number; minute: number; second: number; micro?: number; offset?: number }): string {
  return `${isoDate(d)}T${isoTime(d)}`;
}

export function isoDate(d: { year: number; month: number; day: number }): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function isoTime(d: { hour: number; minute: number; second: number; micro?: number; offset?: number }): string {
  return `${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}${fraction(d.micro)}${offsetText(d.offset)}`;
}

/**
 * `str.title()`: the first cased character after an uncased one is upper-cased, other cased
 * characters lower-cased. Digits and `_` are uncased, so `x2y` -> `X2Y`.
 */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const cased = lower !== upper;
    if (cased) out += prevCased ? lower : upper;
    else out += ch;
    prevCased = cased;
  }
  return out;
}

/** pydantic's default title for a field or model: `user_id` -> `User Id`. */
export function fieldTitle(name: string): string {
  return pyTitle(name).replace(/_/g, ' ').trim();
}

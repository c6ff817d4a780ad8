/**
 * Python's `str()`/`repr()` of the value model. Inlined placeholder values are rendered the way the
 * reference renders them (`True`, `None`, `1.0`, `{'k': 'v'}`), so names, tags and image references
 * built from step outputs, blocks or variables come out byte-identical.
 */
import { isMapping, PythonFloat } from './python-value.js';

/** `str(value)`: strings as they are, everything else as its repr. */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return pythonDateStr(value);
  return pythonRepr(value);
}

/** `repr(value)`, as used for items of containers. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pythonStringRepr(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    // JS numbers do not remember `1.0` vs `1`; an integral number is taken to be a Python int.
    return Number.isInteger(value) ? BigInt(value).toString() : pythonFloatRepr(value);
  }
  if (value instanceof PythonFloat) return pythonFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (value instanceof Date) return pythonDateRepr(value);
  if (isMapping(value)) {
    const items = Object.entries(value).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

/** `repr(float)`: shortest round-trip digits, scientific outside 1e-4 <= |x| < 1e16. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  // toExponential() without an argument yields the shortest digits that round-trip, as Python's repr.
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
  if (!match) return String(x);
  const digits = (match[1] ?? '') + (match[2] ?? '');
  const exponent = Number(match[3]);
  const decimalPoint = exponent + 1;
  if (decimalPoint > -4 && decimalPoint <= 16) {
    if (decimalPoint <= 0) return `${sign}0.${'0'.repeat(-decimalPoint)}${digits}`;
    if (decimalPoint >= digits.length) return `${sign}${digits}${'0'.repeat(decimalPoint - digits.length)}.0`;
    return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

// Python's str.isprintable() is false for these categories (space excepted).
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** `repr(str)`: single quotes unless the text has `'` and no `"`; Python's escapes. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
      else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
      else out += `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function isMidnightUtc(d: Date): boolean {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}

// A YAML timestamp: a bare date at UTC midnight reads as `datetime.date`, anything else as an aware datetime.
function pythonDateStr(d: Date): string {
  const iso = d.toISOString();
  if (isMidnightUtc(d)) return iso.slice(0, 10);
  const micro = d.getUTCMilliseconds() ? `.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}` : '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micro}+00:00`;
}

function pythonDateRepr(d: Date): string {
  const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (isMidnightUtc(d)) return `datetime.date(${parts.join(', ')})`;
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds() * 1000];
  while (time.length > 2 && time[time.length - 1] === 0) time.pop();
  return `datetime.datetime(${[...parts, ...time].join(', ')}, tzinfo=datetime.timezone.utc)`;
}

import { unknown, type PyValue, type StdData } from './values.js';

/** Builds instances of the standard types that appear as flow parameter defaults. */
export function makeStdObject(name: string, args: PyValue[], kwargs: Map<string, PyValue>): PyValue | undefined {
  const num = (i: number, key: string, dflt?: number): number | undefined => {
    const v = args[i] ?? kwargs.get(key);
    if (v === undefined) return dflt;
    if (v.k === 'int' || v.k === 'float') return v.v;
    return undefined;
  };
  switch (name) {
    case 'datetime.datetime':
    case 'prefect.types.DateTime': {
      const parts = [num(0, 'year'), num(1, 'month'), num(2, 'day'), num(3, 'hour', 0), num(4, 'minute', 0), num(5, 'second', 0), num(6, 'microsecond', 0)];
      if (parts.some((p) => p === undefined)) return unknown('datetime(...) with runtime values');
      const tz = args[7] ?? kwargs.get('tzinfo');
      const data: StdData = {
        year: parts[0]!,
        month: parts[1]!,
        day: parts[2]!,
        hour: parts[3]!,
        minute: parts[4]!,
        second: parts[5]!,
        micro: parts[6]!,
      };
      if (tz && tz.k !== 'none') {
        if (tz.k !== 'object' || tz.type !== 'timezone') return unknown('datetime with a time zone known only at runtime');
        data.offset = tz.data.offset!;
      }
      return { k: 'object', type: 'datetime', data };
    }
    case 'datetime.date': {
      const parts = [num(0, 'year'), num(1, 'month'), num(2, 'day')];
      if (parts.some((p) => p === undefined)) return unknown('date(...) with runtime values');
      return { k: 'object', type: 'date', data: { year: parts[0]!, month: parts[1]!, day: parts[2]! } };
    }
    case 'datetime.time': {
      const parts = [num(0, 'hour', 0), num(1, 'minute', 0), num(2, 'second', 0), num(3, 'microsecond', 0)];
      if (parts.some((p) => p === undefined)) return unknown('time(...) with runtime values');
      const tz = args[4] ?? kwargs.get('tzinfo');
      const data: StdData = { hour: parts[0]!, minute: parts[1]!, second: parts[2]!, micro: parts[3]! };
      if (tz && tz.k !== 'none') {
        if (tz.k !== 'object' || tz.type !== 'timezone') return unknown('time with a runtime time zone');
        data.offset = tz.data.offset!;
      }
      return { k: 'object', type: 'time', data };
    }
    case 'datetime.timedelta':
    case 'prefect.types.Duration': {
      const keys = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
      const factors = [86400e6, 1e6, 1, 1e3, 60e6, 3600e6, 7 * 86400e6];
      let total = 0;
      for (let i = 0; i < keys.length; i++) {
        const v = num(i, keys[i]!, 0);
        if (v === undefined) return unknown('timedelta(...) with runtime values');
        total += v * factors[i]!;
      }
      return timedeltaFrom(Math.round(total));
    }
    case 'datetime.timezone': {
      const td = args[0] ?? kwargs.get('offset');
      if (td?.k !== 'object' || td.type !== 'timedelta') return unknown('timezone(...)');
      return { k: 'object', type: 'timezone', data: { offset: (td.data.days ?? 0) * 86400 + (td.data.seconds ?? 0) } };
    }
    case 'uuid.UUID': {
      const s = args[0] ?? kwargs.get('hex');
      if (s?.k !== 'str') return unknown('UUID(...)');
      const hex = s.v
        .replace(/^urn:uuid:/, '')
        .replace(/[{}-]/g, '')
        .toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
      const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      return { k: 'object', type: 'uuid', data: { text } };
    }
    case 'pathlib.Path':
    case 'pathlib.PurePath':
    case 'pathlib.PosixPath':
    case 'pathlib.PurePosixPath': {
      let text = '';
      for (const a of args) {
        if (a.k === 'str') text = joinPath(text, a.v);
        else if (a.k === 'object' && a.type === 'path') text = joinPath(text, a.data.text ?? '');
        else return unknown('Path(...) with runtime values');
      }
      return { k: 'object', type: 'path', data: { text: normalisePath(text) } };
    }
    case 'decimal.Decimal': {
      const v = args[0] ?? { k: 'int', v: 0 };
      if (v.k === 'str') return { k: 'object', type: 'decimal', data: { text: decimalText(v.v.trim()) } };
      if (v.k === 'int') return { k: 'object', type: 'decimal', data: { text: String(v.v) } };
      return unknown('Decimal(...)');
    }
    case 'ipaddress.IPv4Address':
    case 'ipaddress.IPv6Address':
    case 'ipaddress.ip_address':
    case 'ipaddress.IPv4Network':
    case 'ipaddress.IPv6Network':
    case 'ipaddress.ip_network': {
      const a = args[0];
      return a?.k === 'str' ? { k: 'object', type: 'ip', data: { text: a.v } } : unknown(`${name}(...)`);
    }
    case 'pydantic.SecretStr':
    case 'pydantic.SecretBytes':
      return { k: 'object', type: 'secret', data: {} };
    default:
      return undefined;
  }
}

export function timedeltaFrom(totalMicros: number): PyValue {
  const micro = ((totalMicros % 1e6) + 1e6) % 1e6;
  const totalSecs = (totalMicros - micro) / 1e6;
  const days = Math.floor(totalSecs / 86400);
  return { k: 'object', type: 'timedelta', data: { days, seconds: totalSecs - days * 86400, micro } };
}

/** pathlib collapses `//`, drops `.` components and trailing slashes. */
function normalisePath(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const parts = p.split('/').filter((x) => x !== '' && x !== '.');
  const body = parts.join('/');
  if (abs) return `/${body}`;
  return body === '' ? '.' : body;
}

/** Decimal's str(): keeps the digits as written; exponent forms are normalised like Python. */
function decimalText(s: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(s);
  if (!m) return s.replace(/^\+/, '');
  const [, sign, intPart, frac = '', expText] = m as unknown as [string, string, string, string | undefined, string];
  const digits = (intPart + frac).replace(/^0+(?=\d)/, '') || '0';
  const exp = Number(expText) - frac.length;
  const adjusted = exp + digits.length - 1;
  const sg = sign === '-' ? '-' : '';
  if (exp <= 0 && adjusted >= -6) {
    if (exp === 0) return sg + digits;
    const padded = digits.padStart(-exp + 1, '0');
    return `${sg}${padded.slice(0, exp)}.${padded.slice(exp)}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sg}${mant}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

export function joinPath(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  if (a === '.' || a === '') return b;
  return a.endsWith('/') ? a + b : `${a}/${b}`;
}

/** Python operations on statically known values: arithmetic, comparison, str methods, repr. */
import { pyFloatRepr, pyTitle } from './pyformat.js';
import { joinPath, timedeltaFrom } from './stdobjects.js';
import { NONE, unknown, type PyValue } from './values.js';

/** The items a `for` loop would see, when known. */
export function iterate(v: PyValue): PyValue[] | undefined {
  switch (v.k) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      return v.items;
    case 'dict':
      return v.entries.map(([k]) => k);
    case 'str':
      return [...v.v].map((c) => ({ k: 'str', v: c }));
    case 'class':
      return v.cls.kind === 'enum' ? v.cls.members.map((m) => ({ k: 'member', cls: v.cls, name: m.name, value: m.value })) : undefined;
    default:
      return undefined;
  }
}

export function compareValues(a: PyValue, b: PyValue): number | undefined {
  if ((a.k === 'int' || a.k === 'float' || a.k === 'bool') && (b.k === 'int' || b.k === 'float' || b.k === 'bool')) {
    return Number(a.v) - Number(b.v);
  }
  if (a.k === 'str' && b.k === 'str') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  return undefined;
}

export function sortValues(items: PyValue[]): PyValue[] | undefined {
  let ok = true;
  const sorted = [...items].sort((a, b) => {
    const c = compareValues(a, b);
    if (c === undefined) ok = false;
    return c ?? 0;
  });
  return ok ? sorted : undefined;
}

/** `"%s/%d" % args` for the simple conversions. */
export function percentFormat(fmt: string, arg: PyValue): PyValue {
  const args = arg.k === 'tuple' ? arg.items : [arg];
  let i = 0;
  let ok = true;
  const out = fmt.replace(/%([sdrif%])/g, (_m, c: string) => {
    if (c === '%') return '%';
    const v = args[i++];
    if (!v) {
      ok = false;
      return '';
    }
    const text = c === 'r' ? pyRepr(v) : c === 'd' || c === 'i' ? (v.k === 'int' || v.k === 'float' ? String(Math.trunc(v.v)) : undefined) : pyStr(v);
    if (text === undefined) ok = false;
    return text ?? '';
  });
  return ok && i === args.length ? { k: 'str', v: out } : unknown('%-formatting');
}

/** `textwrap.dedent`: whitespace-only lines become empty, then the common margin goes. */
export function dedent(text: string): string {
  const lines = text.replace(/^[ \t]+$/gm, '').split('\n');
  let margin: string | undefined;
  for (const line of lines) {
    const m = /^([ \t]*)[^ \t]/.exec(line);
    if (!m) continue;
    const ws = m[1]!;
    if (margin === undefined || ws.startsWith(margin)) margin ??= ws;
    else if (margin.startsWith(ws)) margin = ws;
    else {
      let i = 0;
      while (i < margin.length && margin[i] === ws[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  return margin ? lines.map((l) => (l.startsWith(margin) ? l.slice(margin.length) : l)).join('\n') : lines.join('\n');
}

export function pathAttribute(p: string, attr: string, self: PyValue): PyValue {
  const cut = p.lastIndexOf('/');
  const name = p.slice(cut + 1);
  switch (attr) {
    case 'parent':
      return { k: 'object', type: 'path', data: { text: cut < 0 ? '.' : cut === 0 ? '/' : p.slice(0, cut) } };
    case 'name':
      return { k: 'str', v: name };
    case 'stem': {
      const dot = name.lastIndexOf('.');
      return { k: 'str', v: dot > 0 ? name.slice(0, dot) : name };
    }
    case 'suffix': {
      const dot = name.lastIndexOf('.');
      return { k: 'str', v: dot > 0 ? name.slice(dot) : '' };
    }
    default:
      return { k: 'method', self, name: attr };
  }
}

/** YAML/JSON data as Python values (dicts keep key order, like Python's loaders). */
export function fromJs(v: unknown): PyValue {
  if (v === null || v === undefined) return NONE;
  if (typeof v === 'boolean') return { k: 'bool', v };
  if (typeof v === 'number') return Number.isInteger(v) ? { k: 'int', v } : { k: 'float', v };
  if (typeof v === 'string') return { k: 'str', v };
  if (Array.isArray(v)) return { k: 'list', items: v.map(fromJs) };
  if (v instanceof Date) return unknown('a YAML timestamp');
  if (typeof v === 'object') return { k: 'dict', entries: Object.entries(v).map(([k, val]) => [{ k: 'str', v: k }, fromJs(val)]) };
  return unknown('a YAML value');
}

export function fromIsoFormat(kind: 'date' | 'datetime', text: string): PyValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return unknown(`${kind}.fromisoformat(${JSON.stringify(text)})`);
  const [, y, mo, d, h, mi, sec, frac, tz] = m;
  if (kind === 'date') {
    if (h !== undefined) return unknown('date.fromisoformat with a time');
    return { k: 'object', type: 'date', data: { year: +y!, month: +mo!, day: +d! } };
  }
  const data: Record<string, number> = {
    year: +y!,
    month: +mo!,
    day: +d!,
    hour: +(h ?? 0),
    minute: +(mi ?? 0),
    second: +(sec ?? 0),
    micro: frac ? +frac.padEnd(6, '0') : 0,
  };
  if (tz) data.offset = tz === 'Z' ? 0 : (tz.startsWith('-') ? -1 : 1) * (+tz.slice(1, 3) * 3600 + +tz.slice(4, 6) * 60);
  return { k: 'object', type: 'datetime', data };
}

export function parseNumber(text: string): PyValue {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return complexValue(0, Number(t.slice(0, -1)));
  if (/^0[xX]/.test(t)) return { k: 'int', v: parseInt(t.slice(2), 16) };
  if (/^0[oO]/.test(t)) return { k: 'int', v: parseInt(t.slice(2), 8) };
  if (/^0[bB]/.test(t)) return { k: 'int', v: parseInt(t.slice(2), 2) };
  if (/[.eE]/.test(t)) return { k: 'float', v: Number(t) };
  return { k: 'int', v: Number(t) };
}

/** Complex numbers keep their parts; the text is pydantic's JSON form (`1+2j`, `2j`). */
export function complexValue(re: number, im: number): PyValue {
  return { k: 'object', type: 'complex', data: { re, im, text: complexText(re, im) } };
}

export function complexText(re: number, im: number): string {
  const part = (n: number): string => (Number.isInteger(n) ? String(n) : pyFloatRepr(n));
  return re === 0 && !Object.is(re, -0) ? `${part(im)}j` : `${part(re)}${im < 0 || Object.is(im, -0) ? '-' : '+'}${part(Math.abs(im))}j`;
}

export function utf8ToLatin1(s: string): string {
  return String.fromCharCode(...new TextEncoder().encode(s));
}

export function dedupe(items: PyValue[]): PyValue[] {
  const out: PyValue[] = [];
  for (const it of items) if (!out.some((o) => pyEquals(o, it))) out.push(it);
  return out;
}

export function setEntry(entries: Array<[PyValue, PyValue]>, key: PyValue, value: PyValue): void {
  const i = entries.findIndex(([k]) => pyEquals(k, key));
  if (i >= 0) entries[i]![1] = value;
  else entries.push([key, value]);
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  const num = (v: PyValue): number | undefined => (v.k === 'int' || v.k === 'float' ? v.v : v.k === 'bool' ? (v.v ? 1 : 0) : undefined);
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (a.k === 'str' && b.k === 'str') return a.v === b.v;
  if (a.k === 'none' && b.k === 'none') return true;
  if ((a.k === 'tuple' && b.k === 'tuple') || (a.k === 'list' && b.k === 'list')) {
    return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]!));
  }
  if (a.k === 'member' && b.k === 'member') return a.cls === b.cls && a.name === b.name;
  return false;
}

export function isTypeLike(v: PyValue): boolean {
  return ['builtin', 'generic', 'class', 'none', 'unknown'].includes(v.k);
}

export function tdMicros(v: PyValue & { k: 'object' }): number {
  return ((v.data.days ?? 0) * 86400 + (v.data.seconds ?? 0)) * 1e6 + (v.data.micro ?? 0);
}

export function binaryOp(op: string, a: PyValue, b: PyValue): PyValue {
  const isNum = (v: PyValue): v is { k: 'int' | 'float'; v: number } => v.k === 'int' || v.k === 'float';
  if (isNum(a) && isNum(b)) {
    const bothInt = a.k === 'int' && b.k === 'int';
    const k = bothInt ? 'int' : 'float';
    switch (op) {
      case '+':
        return { k, v: a.v + b.v };
      case '-':
        return { k, v: a.v - b.v };
      case '*':
        return { k, v: a.v * b.v };
      case '/':
        return { k: 'float', v: a.v / b.v };
      case '//':
        return { k, v: Math.floor(a.v / b.v) };
      case '%':
        return { k, v: ((a.v % b.v) + b.v) % b.v };
      case '**':
        return { k, v: a.v ** b.v };
      case '<':
        return { k: 'bool', v: a.v < b.v };
      case '>':
        return { k: 'bool', v: a.v > b.v };
      case '<=':
        return { k: 'bool', v: a.v <= b.v };
      case '>=':
        return { k: 'bool', v: a.v >= b.v };
    }
  }
  if (op === '==' || op === '!=') {
    const eq = pyEquals(a, b) || (a.k === b.k && a.k !== 'object' && a.k !== 'instance' && a.k !== 'unknown' && pyRepr(a) === pyRepr(b) && pyRepr(a) !== undefined);
    return { k: 'bool', v: op === '==' ? eq : !eq };
  }
  if ((a.k === 'tuple' || a.k === 'list') && a.k === b.k && ['<', '>', '<=', '>='].includes(op)) {
    let c = 0;
    for (let i = 0; i < Math.min(a.items.length, b.items.length) && c === 0; i++) {
      const r = compareValues(a.items[i]!, b.items[i]!);
      if (r === undefined) return unknown('comparison');
      c = r;
    }
    if (c === 0) c = a.items.length - b.items.length;
    const result = op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    return { k: 'bool', v: result };
  }
  if (op === 'is' || op === 'is not') {
    if (a.k === 'none' || b.k === 'none') {
      const same = a.k === b.k;
      return { k: 'bool', v: op === 'is' ? same : !same };
    }
    return unknown('identity comparison');
  }
  if (op === '+' && a.k === 'str' && b.k === 'str') return { k: 'str', v: a.v + b.v };
  if (op === '+' && a.k === 'bytes' && b.k === 'bytes') return { k: 'bytes', v: a.v + b.v };
  if (op === '+' && a.k === b.k && (a.k === 'list' || a.k === 'tuple') && (b.k === 'list' || b.k === 'tuple')) {
    return { k: a.k, items: [...a.items, ...b.items] };
  }
  if (op === '*' && a.k === 'str' && b.k === 'int') return { k: 'str', v: a.v.repeat(Math.max(0, b.v)) };
  if (op === '%' && a.k === 'str') return percentFormat(a.v, b);
  if (op === '|' && a.k === 'dict' && b.k === 'dict') {
    const entries = [...a.entries];
    for (const [k, v] of b.entries) setEntry(entries, k, v);
    return { k: 'dict', entries };
  }
  if ((op === 'in' || op === 'not in') && (b.k === 'list' || b.k === 'tuple' || b.k === 'set')) {
    const found = b.items.some((x) => pyEquals(x, a));
    return { k: 'bool', v: op === 'in' ? found : !found };
  }
  if (a.k === 'object' && b.k === 'object' && a.type === 'timedelta' && b.type === 'timedelta') {
    if (op === '+') return timedeltaFrom(tdMicros(a) + tdMicros(b));
    if (op === '-') return timedeltaFrom(tdMicros(a) - tdMicros(b));
  }
  const asComplex = (v: PyValue): [number, number] | undefined =>
    v.k === 'int' || v.k === 'float' ? [v.v, 0] : v.k === 'object' && v.type === 'complex' ? [v.data.re ?? 0, v.data.im ?? 0] : undefined;
  const ca = asComplex(a);
  const cb = asComplex(b);
  if (ca && cb && (op === '+' || op === '-')) return complexValue(op === '+' ? ca[0] + cb[0] : ca[0] - cb[0], op === '+' ? ca[1] + cb[1] : ca[1] - cb[1]);
  if (a.k === 'object' && a.type === 'timedelta' && (b.k === 'int' || b.k === 'float') && op === '*') {
    return timedeltaFrom(Math.round(tdMicros(a) * b.v));
  }
  if (a.k === 'object' && a.type === 'path' && b.k === 'str' && op === '/') {
    return { k: 'object', type: 'path', data: { text: joinPath(a.data.text ?? '', b.v) } };
  }
  return unknown(`operator ${op}`);
}

export function strMethod(s: string, method: string, args: PyValue[]): PyValue {
  switch (method) {
    case 'upper':
      return { k: 'str', v: s.toUpperCase() };
    case 'lower':
      return { k: 'str', v: s.toLowerCase() };
    case 'title':
      return { k: 'str', v: pyTitle(s) };
    case 'capitalize':
      return { k: 'str', v: s.charAt(0).toUpperCase() + s.slice(1).toLowerCase() };
    case 'lstrip':
      if (args.length === 0) return { k: 'str', v: s.trimStart() };
      break;
    case 'rstrip':
      if (args.length === 0) return { k: 'str', v: s.trimEnd() };
      break;
    case 'strip':
      return { k: 'str', v: s.trim() };
    case 'format': {
      let i = 0;
      let ok = true;
      const out = s.replace(/\{(\d*)\}/g, (_all, idx: string) => {
        const v = args[idx === '' ? i++ : Number(idx)];
        const t = v ? pyStr(v) : undefined;
        if (t === undefined) ok = false;
        return t ?? '';
      });
      return ok ? { k: 'str', v: out } : unknown('str.format');
    }
    case 'join': {
      const a = args[0];
      if (a && (a.k === 'list' || a.k === 'tuple') && a.items.every((x) => x.k === 'str')) {
        return { k: 'str', v: a.items.map((x) => (x as { v: string }).v).join(s) };
      }
      return unknown('str.join');
    }
    case 'replace':
      if (args[0]?.k === 'str' && args[1]?.k === 'str') return { k: 'str', v: s.split(args[0].v).join(args[1].v) };
      return unknown('str.replace');
    default:
      break;
  }
  return unknown(`str.${method}`);
}

/** Python's str() for values that have an obvious text form; undefined otherwise. */
export function pyStr(v: PyValue): string | undefined {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'member':
      return `${v.cls.name}.${v.name}`;
    case 'object':
      if (v.type === 'path' || v.type === 'uuid' || v.type === 'decimal') return v.data.text;
      return undefined;
    default:
      return pyRepr(v);
  }
}

export function pyRepr(v: PyValue): string | undefined {
  switch (v.k) {
    case 'none':
      return 'None';
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'int':
      return String(v.v);
    case 'float':
      return pyFloatRepr(v.v);
    case 'str':
      return `'${v.v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'list':
    case 'tuple': {
      const items = v.items.map(pyRepr);
      if (items.some((i) => i === undefined)) return undefined;
      if (v.k === 'list') return `[${items.join(', ')}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    default:
      return undefined;
  }
}

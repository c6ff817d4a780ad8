import { isoDate, isoDateTime, isoDuration, isoTime } from './pyformat.js';
import type { PyClass, PyValue } from './values.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Why a default was left out, for the warning. */
export class NotEncodable {
  constructor(
    readonly reason: string,
    readonly runtime: boolean,
  ) {}
}

/**
 * pydantic's `to_jsonable_python` of a default: encoded by the value's own type, never validated
 * against the annotation (§7). Returns NotEncodable when pydantic would drop the default.
 */
export function encodeDefault(v: PyValue): Json | NotEncodable {
  switch (v.k) {
    case 'none':
      return null;
    case 'bool':
      return v.v;
    case 'int':
    case 'float':
      return v.v;
    case 'str':
      return v.v;
    case 'bytes': {
      const bytes = Uint8Array.from(v.v, (c) => c.charCodeAt(0));
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return new NotEncodable('bytes that are not UTF-8', false);
      }
    }
    case 'list':
    case 'tuple':
      return encodeItems(v.items);
    case 'set':
    case 'frozenset': {
      const items = encodeItems(v.items);
      if (items instanceof NotEncodable) return items;
      return sortIfComparable(items);
    }
    case 'dict': {
      const out: { [key: string]: Json } = {};
      for (const [k, val] of v.entries) {
        const key = dictKey(k);
        if (key === undefined) return new NotEncodable('a dict key that is not a plain value', false);
        const e = encodeDefault(val);
        if (e instanceof NotEncodable) return e;
        out[key] = e;
      }
      return out;
    }
    case 'member':
      return encodeDefault(v.value);
    case 'instance':
      return encodeInstance(v.cls, v.fields);
    case 'object':
      switch (v.type) {
        case 'datetime':
          return isoDateTime(v.data as Required<typeof v.data>);
        case 'date':
          return isoDate(v.data as Required<typeof v.data>);
        case 'time':
          return isoTime(v.data as Required<typeof v.data>);
        case 'timedelta':
          return isoDuration(((v.data.days ?? 0) * 86400 + (v.data.seconds ?? 0)) * 1e6 + (v.data.micro ?? 0));
        case 'uuid':
        case 'path':
        case 'decimal':
        case 'complex':
        case 'ip':
          return v.data.text ?? '';
        case 'secret':
          return '**********';
        default:
          return new NotEncodable(`an instance of ${v.data.text ?? 'a class'}`, false);
      }
    case 'unknown':
      return new NotEncodable(v.why, true);
    case 'ellipsis':
      return new NotEncodable('Ellipsis', false);
    case 'builtin':
      // Classes and functions are not JSON (pydantic drops them); a library constant has a value we lack.
      return new NotEncodable(v.name, /\.[A-Z][A-Z0-9_]*$/.test(v.name));
    default:
      return new NotEncodable(`a ${v.k}`, false);
  }
}

function encodeItems(items: PyValue[]): Json[] | NotEncodable {
  const out: Json[] = [];
  for (const it of items) {
    const e = encodeDefault(it);
    if (e instanceof NotEncodable) return e;
    out.push(e);
  }
  return out;
}

function sortIfComparable(items: Json[]): Json[] {
  if (items.every((i) => typeof i === 'number')) return [...items].sort((a, b) => a - b);
  if (items.every((i) => typeof i === 'string')) return [...items].sort((a, b) => (a < b ? -1 : a === b ? 0 : 1));
  return items;
}

function dictKey(k: PyValue): string | undefined {
  switch (k.k) {
    case 'str':
      return k.v;
    case 'int':
      return String(k.v);
    case 'float': {
      const e = encodeDefault(k);
      return typeof e === 'number' ? String(e) : undefined;
    }
    case 'bool':
      return k.v ? 'true' : 'false';
    case 'none':
      return 'None';
    case 'member':
      return dictKey(k.value);
    default:
      return undefined;
  }
}

function encodeInstance(cls: PyClass, fields: Map<string, PyValue>): Json | NotEncodable {
  if (cls.kind === 'namedtuple') return encodeItems([...fields.values()]);
  if (cls.isRoot) {
    const root = fields.get('root');
    return root ? encodeDefault(root) : new NotEncodable(`${cls.name}() without a root value`, false);
  }
  const out: { [key: string]: Json } = {};
  for (const f of cls.fields) {
    const v = fields.get(f.name);
    if (v === undefined) continue;
    const e = encodeDefault(v);
    if (e instanceof NotEncodable) return e;
    let key = f.name;
    // pydantic leaves `Field(exclude=True)` out of dumps.
    const exclude = f.default?.k === 'field' ? f.default.info.kwargs.get('exclude') : undefined;
    if (exclude?.k === 'bool' && exclude.v) continue;
    if (cls.kind === 'model' && f.default?.k === 'field') {
      const alias = f.default.info.kwargs.get('alias') ?? f.default.info.kwargs.get('serialization_alias');
      if (alias?.k === 'str') key = alias.v;
    }
    out[key] = e;
  }
  return out;
}

/**
 * prefect.yaml values kept between runs, by content. Composing a YAML document with every node's
 * position is most of the time a re-run spends before it can ask the server anything (~0.1 s for
 * a 200-deployment file); the loaded value of the same bytes is always the same, so a run reads it
 * back instead, and parses the text only if a diagnostic asks for a position.
 *
 * The value is kept with V8's serializer, which keeps what JSON would lose: a mapping an alias
 * shares stays one object, NaN and infinities stay numbers. YAML timestamps are the one class
 * and integral floats (`PythonFloat`) are the class instances a value holds; each is kept as a
 * stand-in object listed beside the value and put back on reading. A value holding anything else
 * is not kept.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { cacheDirectory } from '../util/cache-dir.js';
import { DiskStore } from '../util/disk-store.js';
import { PythonFloat } from '../values/index.js';
import { parseYaml, YamlTimestamp, type ParsedYaml } from './yaml.js';

/** Bumped when what an entry holds changes shape. */
const FORMAT = 2;

interface Entry {
  format: typeof FORMAT;
  /** SHA-256 of the text and the V8 version that wrote the entry. */
  digest: string;
  value: unknown;
  /** Each timestamp's stand-in in `value`, with what the timestamp holds. */
  timestamps: [object, string, boolean][];
  /** Each integral float's stand-in, with its value. */
  floats: [object, number][];
}

export class YamlDiskCache {
  private readonly store: DiskStore;

  constructor(readonly directory: string) {
    this.store = new DiskStore(directory, '.v8');
  }

  get(text: string): { value: unknown } | undefined {
    const digest = digestOf(text);
    const data = this.store.read(digest);
    if (data === undefined) return undefined;
    try {
      const entry = deserialize(data) as Entry;
      if (entry?.format !== FORMAT || entry.digest !== digest || !Array.isArray(entry.timestamps) || !Array.isArray(entry.floats)) return undefined;
      return { value: restore(entry) };
    } catch {
      return undefined;
    }
  }

  set(text: string, value: unknown): void {
    const kept = keepable(value);
    if (kept === undefined) return;
    const digest = digestOf(text);
    this.store.write(digest, serialize({ format: FORMAT, digest, ...kept } satisfies Entry));
  }
}

function digestOf(text: string): string {
  return createHash('sha256').update(process.versions.v8).update('\0').update(text).digest('hex');
}

class NotKept extends Error {}

/** A copy of the value with each timestamp replaced by a stand-in; undefined when it holds something else. */
function keepable(value: unknown): Pick<Entry, 'value' | 'timestamps' | 'floats'> | undefined {
  const copies = new Map<object, unknown>();
  const timestamps: Entry['timestamps'] = [];
  const floats: Entry['floats'] = [];
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v !== 'object') throw new NotKept();
    const known = copies.get(v);
    if (known !== undefined) return known;
    if (v instanceof YamlTimestamp) {
      const standIn = {};
      copies.set(v, standIn);
      timestamps.push([standIn, v.text, v.isDateOnly]);
      return standIn;
    }
    if (v instanceof PythonFloat) {
      const standIn = {};
      copies.set(v, standIn);
      floats.push([standIn, v.value]);
      return standIn;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      copies.set(v, out);
      for (let i = 0; i < v.length; i++) out.push(copy(v[i]));
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(v).length > 0) throw new NotKept();
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__') throw new NotKept();
      out[k] = copy(x);
    }
    return out;
  };
  try {
    return { value: copy(value), timestamps, floats };
  } catch (e) {
    if (e instanceof NotKept) return undefined;
    throw e;
  }
}

/** Puts the timestamps and floats back in place of their stand-ins (in place: shared objects stay shared). */
function restore(entry: Entry): unknown {
  if (entry.timestamps.length === 0 && entry.floats.length === 0) return entry.value;
  const byStandIn = new Map<unknown, YamlTimestamp | PythonFloat>([
    ...entry.timestamps.map(([standIn, text, dateOnly]): [object, YamlTimestamp] => [standIn, new YamlTimestamp(text, dateOnly)]),
    ...entry.floats.map(([standIn, v]): [object, PythonFloat] => [standIn, new PythonFloat(v)]),
  ]);
  const seen = new Set<object>();
  const fix = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const timestamp = byStandIn.get(v);
    if (timestamp) return timestamp;
    if (seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = fix(v[i]);
    else for (const [k, x] of Object.entries(v)) (v as Record<string, unknown>)[k] = fix(x);
    return v;
  };
  return fix(entry.value);
}

/**
 * Identifies this YAML reader in a build (a hash of its sources and the locked dependencies, set by
 * scripts/build.mjs), so values kept by another build are not reused. Unset when running from
 * source, where nothing is kept unless a test asks for it.
 */
declare const __YAML_READER__: string | undefined;
const READER = typeof __YAML_READER__ === 'string' ? __YAML_READER__ : undefined;

let diskCache: YamlDiskCache | null | undefined;

function disk(): YamlDiskCache | null {
  if (diskCache === undefined) {
    const dir = READER ? yamlCacheDirectory(process.env, READER) : undefined;
    diskCache = dir ? new YamlDiskCache(dir) : null;
  }
  return diskCache;
}

/** Replaces the cache between runs for this process (tests; null turns it off). */
export function setYamlDiskCache(cache: YamlDiskCache | null): void {
  diskCache = cache;
}

/** `<cache root>/yaml/<reader>`, or undefined when `DEPLOY_ACTION_CACHE` turns the caches off. */
export function yamlCacheDirectory(env: Record<string, string | undefined>, reader: string): string | undefined {
  return cacheDirectory(env, 'yaml', reader);
}

/**
 * `parseYaml`, answered from the cache when these bytes were read before. Positions then come from
 * a parse made on the first question, so a run without diagnostics never composes the document.
 * Text that does not load is never kept: its errors come from a parse every time.
 */
export function readYaml(text: string): ParsedYaml {
  const cache = disk();
  const kept = cache?.get(text);
  if (kept === undefined) {
    const parsed = parseYaml(text);
    if (cache && parsed.errors.length === 0) cache.set(text, parsed.value);
    return parsed;
  }
  let full: ParsedYaml | undefined;
  const composed = () => (full ??= parseYaml(text));
  return {
    value: kept.value,
    errors: [],
    positionOf: (p) => composed().positionOf(p),
    keyPositionOf: (p) => composed().keyPositionOf(p),
  };
}

/**
 * Reads prefect.yaml the way the reference does (PyYAML `safe_load`: YAML 1.1 booleans, octals,
 * base-60 numbers, timestamps, merge keys, duplicate keys where the last one wins) while keeping
 * every node's position so that problems can be reported as `file:line:col`.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type Document,
  type Node,
  type ScalarTag,
} from 'yaml';

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

/** A YAML 1.1 timestamp, kept apart from strings so that each consumer can decide what it means. */
export class YamlTimestamp {
  constructor(
    /** The scalar as written, e.g. `2024-01-01` or `2024-01-01 10:00:00+02:00`. */
    readonly text: string,
    readonly isDateOnly: boolean,
  ) {}

  /**
   * What pydantic's JSON mode makes of the `date`/`datetime` PyYAML produces: the reference
   * dumps deployment configs that way before using them.
   */
  toJSON(): string {
    const m = TIMESTAMP_PARTS.exec(this.text);
    if (!m) return this.text;
    const [, y, mo, d, h, mi, s, frac, tz] = m;
    const date = `${y}-${pad(mo!)}-${pad(d!)}`;
    if (h === undefined) return date;
    let out = `${date}T${pad(h)}:${mi}:${s}`;
    if (frac) out += `.${frac.slice(0, 6).padEnd(6, '0')}`;
    if (tz) {
      if (tz === 'Z' || tz === 'z' || /^[+-]0?0(:?00)?$/.test(tz)) out += 'Z';
      else {
        const t = /^([+-])(\d\d?)(?::?(\d\d))?$/.exec(tz);
        out += t ? `${t[1]}${pad(t[2]!)}:${t[3] ?? '00'}` : tz;
      }
    }
    return out;
  }
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

// The YAML 1.1 timestamp grammar (yaml.org/type/timestamp.html), as PyYAML's resolver applies it.
const TIMESTAMP_PARTS =
  /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d*))?(?:[ \t]*(Z|[-+]\d\d?(?::\d\d)?))?)?$/;

const timestampTag: ScalarTag = {
  identify: (value) => value instanceof YamlTimestamp,
  default: true,
  tag: 'tag:yaml.org,2002:timestamp',
  test: /^(?:\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?)$/,
  resolve: (str) => new YamlTimestamp(str, /^\d{4}-\d\d?-\d\d?$/.test(str)),
  stringify: (item) => String((item as Scalar).value instanceof YamlTimestamp ? ((item as Scalar).value as YamlTimestamp).text : item.value),
};

/**
 * PyYAML's float resolver wants a dot and a signed exponent (`1.5e+3`); `1.5e3` and `1e+3` stay
 * strings there, so they must here too.
 */
const exponentFloatTag: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:float',
  format: 'EXP',
  test: /^[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+$/,
  resolve: (str) => Number.parseFloat(str.replace(/_/g, '')),
};

export interface YamlProblem {
  message: string;
  position?: Position;
}

export interface ParsedYaml {
  /** The plain value (aliases and merge keys expanded); undefined when the text did not parse. */
  value: unknown;
  /** Position of the node at a path of `value` (falls back to the nearest ancestor found). */
  positionOf(path: readonly PathSegment[]): Position | undefined;
  /** Position of a mapping key itself (for unknown-key warnings). */
  keyPositionOf(path: readonly PathSegment[]): Position | undefined;
  errors: YamlProblem[];
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    lineCounter,
    customTags: (tags) => [
      ...tags.filter((t) => (typeof t === 'string' ? t !== 'timestamp' && t !== 'floatExp' : t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'EXP')),
      timestampTag,
      exponentFloatTag,
    ],
  });
  const toPosition = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const errors: YamlProblem[] = doc.errors.map((e) => ({
    message: e.message.split('\n')[0]!,
    position: e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : undefined,
  }));
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 10_000 });
    } catch (e) {
      errors.push({ message: (e as Error).message });
    }
  }
  const locate = (path: readonly PathSegment[], wantKey: boolean): Position | undefined => {
    const found = findNode(doc, path);
    const node = wantKey ? (found.key ?? found.node) : found.node;
    const range = node?.range;
    return range ? toPosition(range[0]) : undefined;
  };
  return {
    value,
    errors,
    positionOf: (path) => locate(path, false),
    keyPositionOf: (path) => locate(path, true),
  };
}

interface FoundNode {
  node: Node | undefined;
  key: Node | undefined;
}

/** Walks the document like the loaded value is walked: through aliases and merged mappings. */
function findNode(doc: Document, path: readonly PathSegment[]): FoundNode {
  let node = deref(doc, doc.contents as Node | null);
  let key: Node | undefined;
  for (const segment of path) {
    if (!node) break;
    const next = childOf(doc, node, segment);
    if (!next) break;
    node = next.node;
    key = next.key;
  }
  return { node: node ?? undefined, key };
}

function deref(doc: Document, node: Node | null | undefined): Node | undefined {
  let current = node ?? undefined;
  for (let i = 0; current && isAlias(current) && i < 100; i++) {
    current = current.resolve(doc) as Node | undefined;
  }
  return current;
}

function childOf(doc: Document, node: Node, segment: PathSegment): { node: Node | undefined; key: Node | undefined } | undefined {
  if (isSeq(node)) {
    if (typeof segment !== 'number') return undefined;
    const item = node.items[segment] as Node | undefined;
    return item ? { node: deref(doc, item) ?? item, key: undefined } : undefined;
  }
  if (!isMap(node)) return undefined;
  // Later duplicates win, as in PyYAML, so search from the end; explicit keys win over merged ones.
  for (let i = node.items.length - 1; i >= 0; i--) {
    const pair = node.items[i];
    if (!isPair(pair)) continue;
    const k = pair.key as Node | null;
    if (isScalar(k) && !isMergeKey(k) && String(k.value) === String(segment)) {
      const v = pair.value as Node | null;
      return { node: deref(doc, v) ?? k, key: k };
    }
  }
  for (let i = node.items.length - 1; i >= 0; i--) {
    const pair = node.items[i];
    if (!isPair(pair) || !isMergeKey(pair.key as Node | null)) continue;
    const source = deref(doc, pair.value as Node | null);
    const sources = source && isSeq(source) ? (source.items as Node[]).map((n) => deref(doc, n)) : [source];
    for (const s of sources) {
      if (!s) continue;
      const hit = childOf(doc, s, segment);
      if (hit) return hit;
    }
  }
  return undefined;
}

function isMergeKey(node: Node | null): boolean {
  if (!isScalar(node)) return false;
  const v = node.value;
  return typeof v === 'symbol' && v.description === '<<';
}

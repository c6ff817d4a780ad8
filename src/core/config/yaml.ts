/**
 * Reads prefect.yaml exactly as the reference does (PyYAML 6.0.4 `safe_load`), while keeping every
 * node's position so that problems can be reported as `file:line:col`.
 *
 * The `yaml` package does the syntax (it parses with its failsafe schema, so every scalar stays the
 * text it was written as); everything after that is our own port of PyYAML, because matching
 * Python exactly needs it: the Reader's character check, the Composer's anchors, the Resolver's
 * implicit-tag table and SafeConstructor (YAML 1.1 numbers, booleans and timestamps, merge keys in
 * 6.0.4's order, Python's dict semantics for keys). Values come out as pydantic's JSON mode makes
 * them (what the reference sends): keys are the strings it writes, `!!binary` is its UTF-8 text,
 * `!!set` a list, `!!omap`/`!!pairs` lists of pairs. An integral float stays a float
 * (`PythonFloat`, written `1.0` in a request); timestamps stay `YamlTimestamp`.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseAllDocuments, Scalar, visit, type Document, type Node } from 'yaml';
import { PythonFloat, pythonFloatRepr } from '../values/index.js';

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
    const m = TIMESTAMP_PARTS.exec(this.text.replace(/\n$/, ''));
    if (!m) return this.text;
    const [, y, mo, d, h, mi, s, frac, tz, tzSign, tzHour, tzMinute] = m;
    const date = `${y}-${pad(mo!)}-${pad(d!)}`;
    if (h === undefined) return date;
    let out = `${date}T${pad(h)}:${mi}:${s}`;
    const micro = (frac ?? '').slice(0, 6).padEnd(6, '0');
    if (Number(micro) !== 0) out += `.${micro}`;
    if (tzSign) {
      const minutes = Number(tzHour) * 60 + Number(tzMinute ?? 0);
      out += minutes === 0 ? 'Z' : `${tzSign}${pad(tzHour!)}:${tzMinute ?? '00'}`;
    } else if (tz) out += 'Z';
    return out;
  }

  /** Python's `==` between two of them: a date never equals a datetime, aware datetimes compare as instants. */
  identity(): string {
    const m = TIMESTAMP_PARTS.exec(this.text.replace(/\n$/, ''))!;
    const [, y, mo, d, h, mi, s, frac, tz, tzSign, tzHour, tzMinute] = m;
    if (h === undefined) return `date:${Number(y)}-${Number(mo)}-${Number(d)}`;
    const micro = Number((frac ?? '').slice(0, 6).padEnd(6, '0'));
    const at = new Date(0);
    at.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
    at.setUTCHours(Number(h), Number(mi), Number(s));
    const fields = at.getTime();
    if (!tz) return `naive:${fields}.${micro}`;
    const offset = tzSign ? (tzSign === '-' ? -1 : 1) * (Number(tzHour) * 60 + Number(tzMinute ?? 0)) : 0;
    return `aware:${fields - offset * 60_000}.${micro}`;
  }
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

// SafeConstructor.timestamp_regexp: what `!!timestamp` accepts (wider than the implicit resolver).
const TIMESTAMP_PARTS =
  /^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9]{2}))?))?)?$/;

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

/**
 * The bytes of a prefect.yaml as text, or where they stop being UTF-8: the reference opens the
 * file as UTF-8 text, so such a file never loads there either.
 */
export function decodeYaml(bytes: Uint8Array): { text: string } | { problem: YamlProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // The longest prefix that decodes (an unfinished sequence at its end allowed) ends where the bad byte starts.
    const decodes = (n: number) => {
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (decodes(mid)) lo = mid;
      else hi = mid - 1;
    }
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, lo));
    return {
      problem: {
        message: 'the file is not UTF-8 text here (save it as UTF-8)',
        position: positionIn(before, before.length),
      },
    };
  }
}

function positionIn(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

// Reader.NON_PRINTABLE: PyYAML refuses these anywhere in the stream, comments included.
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Where PyYAML's Scanner meets a tab it cannot use: it separates tokens with spaces only, so a tab
 * is text only inside a quoted scalar, a block scalar's content (past its indentation) or a comment.
 */
function misplacedTab(text: string, quoted: (offset: number) => boolean): number | undefined {
  let offset = 0;
  let afterScalarFlag = false;
  let blockHeader = false;
  let inBlock = false;
  for (const token of new Lexer().lex(text)) {
    // The lexer's DOCUMENT, FLOW_END and SCALAR flags are not in the text.
    if (token === '\x02' || token === '\x18' || token === '\x1f') {
      if (token === '\x1f') {
        afterScalarFlag = true;
        inBlock = blockHeader;
      }
      continue;
    }
    const tab = token.indexOf('\t');
    if (tab !== -1) {
      if (inBlock && afterScalarFlag) {
        const bad = tabInBlockIndentation(token);
        if (bad !== undefined) return offset + bad;
      } else if (token[0] !== '#') {
        // The lexer splits a quoted scalar that spans lines; the composed node's range does not.
        for (let at = tab; at !== -1; at = token.indexOf('\t', at + 1)) if (!quoted(offset + at)) return offset + at;
      }
    }
    if (token[0] === '|' || token[0] === '>') blockHeader = true;
    else if (afterScalarFlag) blockHeader = false;
    afterScalarFlag = false;
    inBlock = false;
    offset += token.length;
  }
  return undefined;
}

function quotedRanges(docs: Document[]): (offset: number) => boolean {
  const ranges: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && node.range) ranges.push([node.range[0], node.range[1]]);
      },
    });
  }
  return (offset) => ranges.some(([start, end]) => offset >= start && offset < end);
}

/** A tab within the indentation a block scalar's first non-empty line sets (or on a line before it). */
function tabInBlockIndentation(content: string): number | undefined {
  const lines = content.split('\n');
  const first = lines.find((l) => /[^ ]/.test(l));
  const indent = first ? /^ */.exec(first)![0].length : 0;
  let at = 0;
  for (const line of lines) {
    const lead = /^ */.exec(line)![0].length;
    if (line[lead] === '\t' && lead < Math.max(indent, 1)) return at + lead;
    if (first === undefined && line.includes('\t')) return at + line.indexOf('\t');
    at += line.length + 1;
  }
  return undefined;
}

/** More values than this once aliases are expanded is refused (a "billion laughs" document). */
export const MAX_EXPANDED_VALUES = 1_000_000;

class LoadError extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const bad = NON_PRINTABLE.exec(text);
  const docs = bad ? [] : parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, lineCounter });
  const parsedDocs = Array.isArray(docs) ? docs : [];
  const tab = bad || !text.includes('\t') ? undefined : misplacedTab(text, quotedRanges(parsedDocs));
  const list = tab === undefined ? parsedDocs : [];
  const doc = list[0];
  const toPosition = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const errors: YamlProblem[] = [];
  if (bad) {
    const cp = bad[0].codePointAt(0)!;
    errors.push({
      message: `unacceptable character #x${cp.toString(16).padStart(4, '0')}: special characters are not allowed (remove it or write it as an escape in a double-quoted string)`,
      position: positionIn(text, bad.index),
    });
  }
  if (tab !== undefined) {
    errors.push({ message: "found character '\\t' that cannot start any token (indent and separate with spaces)", position: positionIn(text, tab) });
  }
  for (const d of list) {
    for (const e of d.errors) {
      errors.push({
        message: e.message.split('\n')[0]!,
        position: e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : undefined,
      });
    }
  }
  if (errors.length === 0 && list.length > 1) {
    errors.push({
      message: 'expected a single document in the stream, but found another document (keep one document per file)',
      position: toPosition(list[1]!.range[0]),
    });
  }
  let value: unknown = null;
  if (errors.length === 0 && doc) {
    try {
      value = load(doc);
    } catch (e) {
      if (!(e instanceof LoadError)) throw e;
      errors.push({ message: e.message, ...(e.offset !== undefined ? { position: toPosition(e.offset) } : {}) });
    }
  }
  if (errors.length > 0) value = undefined;
  const locate = (path: readonly PathSegment[], wantKey: boolean): Position | undefined => {
    if (!doc) return undefined;
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

// ---------------------------------------------------------------------------------------------
// Composer: PyYAML's node graph (aliases are the same node object; anchors may not repeat).

const TAG = 'tag:yaml.org,2002:';

interface ScalarNode {
  kind: 'scalar';
  tag: string;
  value: string;
  offset: number;
}
interface SequenceNode {
  kind: 'sequence';
  tag: string;
  items: PyNode[];
  offset: number;
}
interface MappingNode {
  kind: 'mapping';
  tag: string;
  pairs: [PyNode, PyNode][];
  offset: number;
}
type PyNode = ScalarNode | SequenceNode | MappingNode;

function compose(root: Node | null): PyNode {
  const anchors = new Map<string, PyNode>();
  const visit = (node: Node | null | undefined, at: number): PyNode => {
    if (node === null || node === undefined) return { kind: 'scalar', tag: `${TAG}null`, value: '', offset: at };
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) throw new LoadError(`found undefined alias "${node.source}" (define &${node.source} before using it)`, node.range?.[0]);
      return target;
    }
    const offset = node.range?.[0] ?? at;
    const explicit = node.tag;
    let out: PyNode;
    const register = (n: PyNode) => {
      const anchor = node.anchor;
      if (!anchor) return;
      if (anchors.has(anchor)) throw new LoadError(`found duplicate anchor "${anchor}" (give each anchor its own name)`, offset);
      anchors.set(anchor, n);
    };
    if (isScalar(node)) {
      const text = String(node.source ?? '');
      const plain = node.type === Scalar.PLAIN || node.type === undefined;
      const tag = explicit === undefined || explicit === '!' ? resolveScalar(text, (plain && explicit === undefined) || explicit === '!') : explicit;
      out = { kind: 'scalar', tag, value: text, offset };
      register(out);
    } else if (isSeq(node)) {
      const seq: SequenceNode = { kind: 'sequence', tag: explicit === undefined || explicit === '!' ? `${TAG}seq` : explicit, items: [], offset };
      out = seq;
      register(out);
      for (const item of node.items as (Node | null)[]) seq.items.push(visit(item, offset));
    } else if (isMap(node)) {
      const map: MappingNode = { kind: 'mapping', tag: explicit === undefined || explicit === '!' ? `${TAG}map` : explicit, pairs: [], offset };
      out = map;
      register(out);
      for (const pair of node.items) {
        const key = visit(pair.key as Node | null, offset);
        const keyEnd = (pair.key as Node | null)?.range?.[1] ?? offset;
        map.pairs.push([key, visit(pair.value as Node | null, keyEnd)]);
      }
    } else {
      throw new LoadError('unexpected node', offset);
    }
    return out;
  };
  return visit(root, 0);
}

// ---------------------------------------------------------------------------------------------
// Resolver: PyYAML's implicit resolvers, in the order they are registered (the first match wins).

const IMPLICIT: [string, RegExp][] = [
  ['bool', /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  [
    'float',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  ['int', /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
  ['merge', /^(?:<<)$/],
  ['null', /^(?:~|null|Null|NULL|)$/],
  [
    'timestamp',
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ['value', /^(?:=)$/],
  // Registered "for documentation" in PyYAML, yet reached by `! '!'`, whose constructor then fails.
  ['yaml', /^(?:!|&|\*)$/],
];

/** Python's `re.match(r'...$', s)`: `$` also matches before a final newline. */
function pyMatch(re: RegExp, s: string): RegExpExecArray | null {
  return re.exec(s) ?? (s.endsWith('\n') ? re.exec(s.slice(0, -1)) : null);
}

function resolveScalar(value: string, implicit: boolean): string {
  if (implicit) {
    for (const [tag, re] of IMPLICIT) if (pyMatch(re, value)) return TAG + tag;
  }
  return `${TAG}str`;
}

// ---------------------------------------------------------------------------------------------
// SafeConstructor, with the values as pydantic's JSON mode makes them.

function load(doc: Document): unknown {
  const root = compose(doc.contents);
  checkExpansion(root);
  return new Constructor().construct(root);
}

/** Counts the values the document holds once aliases are expanded, refusing hostile documents early. */
function checkExpansion(root: PyNode): void {
  const sizes = new Map<PyNode, number>();
  const active = new Set<PyNode>();
  const size = (node: PyNode): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (active.has(node)) throw new LoadError('an alias refers to a node that contains it (the value would be infinite; copy the values instead)', node.offset);
    active.add(node);
    let total = 1;
    if (node.kind === 'sequence') for (const item of node.items) total += size(item);
    if (node.kind === 'mapping') for (const [k, v] of node.pairs) total += size(k) + size(v);
    active.delete(node);
    if (total > MAX_EXPANDED_VALUES) {
      throw new LoadError(
        `the document expands to more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values through its aliases (use fewer nested aliases)`,
        node.offset,
      );
    }
    sizes.set(node, total);
    return total;
  };
  size(root);
}

/** A constructed mapping key: how Python's dict tells keys apart, and the string pydantic writes. */
interface Key {
  identity: string;
  json: string;
}

const BOOL_VALUES: Record<string, boolean> = { yes: true, no: false, true: true, false: false, on: true, off: false };

// Python's str.strip() whitespace that the Reader lets through.
const PY_SPACE =
  /^[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

// `.nan` is one object in SafeConstructor (`nan_value`), so such keys are one dict key; other NaNs are not.
const NAN_SINGLETON = 'nan:shared';

class Constructor {
  private readonly done = new Map<PyNode, unknown>();
  private nanCount = 0;

  construct(node: PyNode): unknown {
    if (this.done.has(node)) return this.done.get(node);
    const value = this.build(node);
    this.done.set(node, value);
    return value;
  }

  private build(node: PyNode): unknown {
    const tag = node.tag.startsWith(TAG) ? node.tag.slice(TAG.length) : undefined;
    switch (tag) {
      case 'null':
        this.scalar(node);
        return null;
      case 'bool': {
        const v = BOOL_VALUES[this.scalar(node).toLowerCase()];
        if (v === undefined) throw this.fail(node, `"${this.scalar(node)}" is not a YAML boolean (use true or false)`);
        return v;
      }
      case 'int':
        return this.int(node).value;
      case 'float':
        return this.float(node).value;
      case 'str':
        return this.scalar(node);
      case 'binary':
        return this.binary(node);
      case 'timestamp':
        return this.timestamp(node);
      case 'seq':
        return this.sequence(node).map((item) => this.construct(item));
      case 'map':
        return this.mapping(node);
      case 'set':
        return this.set(node);
      case 'omap':
      case 'pairs':
        return this.pairs(node);
      default:
        throw this.fail(node, `could not determine a constructor for the tag "${node.tag}" (remove the tag, or quote the value)`);
    }
  }

  private fail(node: PyNode, message: string): LoadError {
    return new LoadError(message, node.offset);
  }

  private scalar(node: PyNode): string {
    if (node.kind !== 'scalar') throw this.fail(node, `expected a scalar node, but found ${node.kind}`);
    return node.value;
  }

  private sequence(node: PyNode): PyNode[] {
    if (node.kind !== 'sequence') throw this.fail(node, `expected a sequence node, but found ${node.kind}`);
    return node.items;
  }

  /** construct_yaml_int; the value is a JS number (exact up to 2^53). */
  private int(node: PyNode): { value: number; exact: bigint } {
    const written = this.scalar(node);
    let text = written.replace(/_/g, '');
    const invalid = () => this.fail(node, `invalid literal for int(): "${written}"`);
    if (text === '') throw invalid();
    const sign = text[0] === '-' ? -1n : 1n;
    if (text[0] === '-' || text[0] === '+') text = text.slice(1);
    let exact: bigint | undefined;
    if (text === '0') exact = 0n;
    else if (text.startsWith('0b')) exact = pyInt(text.slice(2), 2);
    else if (text.startsWith('0x')) exact = pyInt(text.slice(2), 16);
    else if (text.startsWith('0')) exact = pyInt(text, 8);
    else if (text.includes(':')) {
      let total = 0n;
      let base = 1n;
      for (const part of text.split(':').reverse()) {
        const digit = pyInt(part, 10);
        if (digit === undefined) throw invalid();
        total += digit * base;
        base *= 60n;
      }
      exact = total;
    } else exact = pyInt(text, 10);
    if (exact === undefined) throw invalid();
    exact *= sign;
    return { value: Number(exact), exact };
  }

  /** construct_yaml_float: an integral result is a PythonFloat, so that it is written `1.0`. */
  private float(node: PyNode): { value: number | PythonFloat; raw: number; shared: boolean } {
    const written = this.scalar(node);
    let text = written.replace(/_/g, '').toLowerCase();
    if (text === '') throw this.fail(node, `could not convert string to float: "${written}"`);
    const sign = text[0] === '-' ? -1 : 1;
    if (text[0] === '-' || text[0] === '+') text = text.slice(1);
    let raw: number;
    let shared = false;
    if (text === '.inf') raw = sign * Infinity;
    else if (text === '.nan') {
      raw = Number.NaN;
      shared = true;
    } else if (text.includes(':')) {
      const digits = text.split(':').map((part) => pyFloat(part));
      if (digits.some((d) => d === undefined)) throw this.fail(node, `could not convert string to float: "${written}"`);
      raw = 0;
      let base = 1;
      for (const d of (digits as number[]).reverse()) {
        raw += d * base;
        base *= 60;
      }
      raw *= sign;
    } else {
      const v = pyFloat(text);
      if (v === undefined) throw this.fail(node, `could not convert string to float: "${written}"`);
      raw = sign * v;
    }
    return { value: Number.isFinite(raw) && Number.isInteger(raw) ? new PythonFloat(raw) : raw, raw, shared };
  }

  /** construct_yaml_binary, then pydantic's JSON mode (bytes are written as their UTF-8 text). */
  private binary(node: PyNode): string {
    const text = this.scalar(node);
    if (/[^\x00-\x7f]/.test(text)) throw this.fail(node, 'failed to convert base64 data into ascii characters');
    const bytes = pyBase64(text);
    if (bytes === undefined) throw this.fail(node, 'failed to decode base64 data (check the padding)');
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw this.fail(node, 'the !!binary value is not UTF-8 text, which the reference cannot send (encode it as a string instead)');
    }
  }

  private timestamp(node: PyNode): YamlTimestamp {
    const text = this.scalar(node);
    const m = pyMatch(TIMESTAMP_PARTS, text);
    if (!m) throw this.fail(node, `"${text}" is not a timestamp (write YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)`);
    const [, y, mo, d, h, mi, s, , , tzSign, tzHour, tzMinute] = m;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const days = new Date(Date.UTC(2000, month, 0)).getUTCDate();
    const leap = month === 2 && !((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
    let problem: string | undefined;
    if (year < 1) problem = `year ${year} is out of range`;
    else if (month < 1 || month > 12) problem = 'month must be in 1..12';
    else if (day < 1 || day > days - (leap ? 1 : 0)) problem = 'day is out of range for month';
    else if (h !== undefined && Number(h) > 23) problem = 'hour must be in 0..23';
    else if (h !== undefined && Number(mi) > 59) problem = 'minute must be in 0..59';
    else if (h !== undefined && Number(s) > 59) problem = 'second must be in 0..59';
    else if (tzSign && Number(tzHour) * 60 + Number(tzMinute ?? 0) >= 24 * 60) problem = 'the UTC offset must be less than 24 hours';
    if (problem) throw this.fail(node, `"${text}" is not a valid date: ${problem} (quote it to keep it as text)`);
    return new YamlTimestamp(text, h === undefined);
  }

  /** construct_mapping after flatten_mapping; keys follow Python's dict, then pydantic's JSON mode. */
  private mapping(node: PyNode): Record<string, unknown> {
    if (node.kind !== 'mapping') throw this.fail(node, `expected a mapping node, but found ${node.kind}`);
    flattenMapping(node);
    const entries = new Map<string, { json: string; value: unknown }>();
    for (const [keyNode, valueNode] of node.pairs) {
      const key = this.key(keyNode);
      const value = this.construct(valueNode);
      const known = entries.get(key.identity);
      if (known) known.value = value;
      else entries.set(key.identity, { json: key.json, value });
    }
    const out: Record<string, unknown> = {};
    for (const { json, value } of entries.values()) {
      if (json === '__proto__') Object.defineProperty(out, json, { value, enumerable: true, writable: true, configurable: true });
      else out[json] = value;
    }
    return out;
  }

  private set(node: PyNode): unknown[] {
    if (node.kind !== 'mapping') throw this.fail(node, `expected a mapping node, but found ${node.kind}`);
    flattenMapping(node);
    const members = new Map<string, unknown>();
    for (const [keyNode, valueNode] of node.pairs) {
      const key = this.key(keyNode);
      this.construct(valueNode);
      if (!members.has(key.identity)) members.set(key.identity, this.construct(keyNode));
    }
    return [...members.values()];
  }

  private pairs(node: PyNode): unknown[] {
    if (node.kind !== 'sequence') throw this.fail(node, `expected a sequence, but found ${node.kind}`);
    return node.items.map((item) => {
      if (item.kind !== 'mapping') throw this.fail(item, `expected a mapping of length 1, but found ${item.kind}`);
      if (item.pairs.length !== 1) throw this.fail(item, `expected a single mapping item, but found ${item.pairs.length} items`);
      const [k, v] = item.pairs[0]!;
      return [this.construct(k), this.construct(v)];
    });
  }

  /** The key as Python's dict holds it (1, 1.0 and True are one key) and as pydantic writes it. */
  private key(node: PyNode): Key {
    const tag = node.tag.startsWith(TAG) ? node.tag.slice(TAG.length) : undefined;
    const value = this.construct(node);
    const numeric = (n: number | bigint): Key => ({ identity: `num:${typeof n === 'bigint' ? n.toString() : Object.is(n, -0) ? '0' : String(n)}`, json: '' });
    switch (tag) {
      case 'str':
        return { identity: `str:${value as string}`, json: value as string };
      case 'null':
        return { identity: 'None', json: 'None' };
      case 'bool':
        return { ...numeric(value ? 1 : 0), json: value ? 'true' : 'false' };
      case 'int': {
        const { exact } = this.int(node);
        return { ...numeric(exact), json: exact.toString() };
      }
      case 'float': {
        const { raw, shared } = this.float(node);
        const json = pythonFloatRepr(raw);
        if (Number.isNaN(raw)) return { identity: shared ? NAN_SINGLETON : `nan:${this.nanCount++}`, json };
        const exact = Number.isInteger(raw) ? numeric(BigInt(raw)) : numeric(raw);
        return { identity: exact.identity, json };
      }
      case 'binary':
        return { identity: `bytes:${value as string}`, json: value as string };
      case 'timestamp': {
        const t = value as YamlTimestamp;
        return { identity: t.identity(), json: t.toJSON() };
      }
      default:
        throw this.fail(node, 'found unhashable key (a list or mapping cannot be a key)');
    }
  }
}

/**
 * flatten_mapping as in PyYAML 6.0.4: merged pairs go first (so explicit keys win), and a merged
 * key is skipped when the same key *object* was merged before. In CPython that object is the
 * scalar's text, which is one shared object only for the empty string, a one-character string
 * below U+0100 and a key node reached twice through an alias; so for most keys the last merged
 * mapping wins, but for those the first one does.
 */
function flattenMapping(node: MappingNode): void {
  const merge: [PyNode, PyNode][] = [];
  const seen = new Set<unknown>();
  const take = (pair: [PyNode, PyNode]) => {
    const k = pair[0];
    const id = k.kind === 'scalar' && (k.value.length === 0 || (k.value.length === 1 && k.value.charCodeAt(0) < 0x100)) ? `text:${k.value}` : k;
    if (seen.has(id)) return;
    seen.add(id);
    merge.push(pair);
  };
  let index = 0;
  while (index < node.pairs.length) {
    const [keyNode, valueNode] = node.pairs[index]!;
    if (keyNode.tag === `${TAG}merge`) {
      node.pairs.splice(index, 1);
      if (valueNode.kind === 'mapping') {
        flattenMapping(valueNode);
        for (const pair of valueNode.pairs) take(pair);
      } else if (valueNode.kind === 'sequence') {
        for (const sub of valueNode.items) {
          if (sub.kind !== 'mapping') throw new LoadError(`expected a mapping for merging, but found ${sub.kind}`, sub.offset);
          flattenMapping(sub);
          for (const pair of sub.pairs) take(pair);
        }
      } else {
        throw new LoadError(`expected a mapping or list of mappings for merging, but found ${valueNode.kind}`, valueNode.offset);
      }
    } else {
      if (keyNode.tag === `${TAG}value`) keyNode.tag = `${TAG}str`;
      index++;
    }
  }
  if (merge.length > 0) node.pairs = [...merge, ...node.pairs];
}

/** Python's `int(text, base)` for the digits PyYAML hands it (whitespace, a sign, a base prefix allowed). */
function pyInt(text: string, base: 2 | 8 | 10 | 16): bigint | undefined {
  let t = text.replace(PY_SPACE, '');
  let negative = false;
  if (t[0] === '-' || t[0] === '+') {
    negative = t[0] === '-';
    t = t.slice(1);
  }
  const prefix = { 2: /^0[bB]/, 8: /^0[oO]/, 10: null, 16: /^0[xX]/ }[base];
  if (prefix?.test(t)) t = t.slice(2);
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (!digits.test(t)) return undefined;
  const v = BigInt(base === 10 ? t : `${{ 2: '0b', 8: '0o', 16: '0x' }[base]}${t}`);
  return negative ? -v : v;
}

/** Python's `float(text)` on the lower-cased, underscore-free text PyYAML hands it. */
function pyFloat(text: string): number | undefined {
  const t = text.replace(PY_SPACE, '');
  const m = /^([-+]?)(?:(inf|infinity)|(nan)|((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?))$/.exec(t);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2]) return sign * Infinity;
  if (m[3]) return Number.NaN;
  return sign * Number(m[4]);
}

/** `base64.decodebytes`: characters outside the alphabet are skipped; the padding must be right. */
function pyBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, '');
  const body = clean.replace(/=.*$/s, '');
  const padding = clean.length - body.length;
  if (body.length % 4 === 1) return undefined;
  if (body.length % 4 !== 0 && padding < 4 - (body.length % 4)) return undefined;
  return Buffer.from(body, 'base64');
}

// ---------------------------------------------------------------------------------------------
// Positions: the yaml package's nodes, walked the way the loaded value is.

interface FoundNode {
  node: Node | undefined;
  key: Node | undefined;
}

/** Walks the document like the loaded value is walked: through aliases and merged mappings. */
function findNode(doc: Document, path: readonly PathSegment[]): FoundNode {
  let node = deref(doc, doc.contents);
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
    current = current.resolve(doc);
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
    if (isScalar(k) && !isMergeKey(k) && String(k.source ?? k.value) === String(segment)) {
      const v = pair.value as Node | null;
      return { node: deref(doc, v) ?? k, key: k };
    }
  }
  for (let i = node.items.length - 1; i >= 0; i--) {
    const pair = node.items[i];
    if (!isPair(pair) || !isMergeKey(pair.key as Node | null)) continue;
    const source = deref(doc, pair.value as Node | null);
    const sources = source && isSeq(source) ? (source.items as Node[]).map((n) => deref(doc, n)).reverse() : [source];
    for (const s of sources) {
      if (!s) continue;
      const hit = childOf(doc, s, segment);
      if (hit) return hit;
    }
  }
  return undefined;
}

function isMergeKey(node: Node | null): boolean {
  return isScalar(node) && node.type === Scalar.PLAIN && node.tag === undefined && node.source === '<<';
}

/**
 * Differential test of the YAML reader: seeded generated documents (scalars in every style and
 * tag, keys, flow collections, collection tags, anchors and merge keys) and a list of documents
 * PyYAML refuses are loaded by PyYAML 6.0.4 `safe_load` in the reference venv (one process for the
 * whole batch, see reference_yaml.py) and by `parseYaml`. Values must be equal as the reference
 * would send them, with ints and floats told apart; where PyYAML fails we must fail, on the line
 * PyYAML names.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeYaml, MAX_EXPANDED_VALUES, parseYaml, YamlTimestamp } from '../../src/core/config/yaml.js';
import { PythonFloat, pythonFloatRepr } from '../../src/core/values/index.js';
import { referencePython } from '../setup/prefect-server.js';
import { seededRandom } from '../support/random.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Only PyYAML and pydantic-core are needed here: the venv's python as it is, when there is one
 * (checking its step plugins as `referencePython()` does takes longer than the test).
 */
async function pyyamlPython(): Promise<string> {
  const venv = path.resolve(here, '../../.venv-ref/bin/python');
  return existsSync(venv) ? venv : referencePython();
}

interface Case {
  id: number;
  text?: string;
  /** Raw bytes, for text that is not UTF-8. */
  bytes?: Uint8Array;
}

interface Answer {
  id: number;
  value?: unknown;
  error?: { type: string; message: string; line?: number; column?: number };
}

// ---------------------------------------------------------------------------------------------
// The generator.

class Gen {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(min: number, max: number, alphabet = '0123456789'): string {
    let s = '';
    const n = min + this.int(max - min + 1);
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  /** Underscores sprinkled in, as YAML 1.1 numbers allow. */
  underscores(s: string): string {
    if (!this.chance(0.2) || s.length < 2) return s;
    const at = 1 + this.int(s.length - 1);
    return `${s.slice(0, at)}_${s.slice(at)}`;
  }
  randomCase(s: string): string {
    return [...s].map((c) => (this.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
  }
  sign(): string {
    return this.pick(['', '', '', '-', '+']);
  }

  /** Text that lands on each implicit resolver, near misses included. */
  scalarText(): string {
    switch (this.int(9)) {
      case 0: {
        const word = this.pick(['yes', 'no', 'true', 'false', 'on', 'off', 'y', 'n', 'Y', 'N', 't', 'f']);
        return this.pick([word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1), this.randomCase(word)]);
      }
      case 1:
        return this.pick(['~', 'null', 'Null', 'NULL', 'nULL', 'nuLL', 'None', '', 'none', '-', '.', '+.', '=', '<<', '<', '!', '&']);
      case 2: {
        const body = this.pick([
          () => this.underscores(this.digits(1, 6)),
          () => `0${this.digits(1, 4, '01234567')}`,
          () => `0${this.digits(1, 3)}`,
          () => `0o${this.digits(1, 3, '01234567')}`,
          () => `0x${this.digits(1, 4, '0123456789abcdefABCDEF')}`,
          () => `0b${this.digits(1, 6, '01')}`,
          () => `${this.digits(1, 2)}:${this.digits(1, 2)}`,
          () =>
            `${this.pick(['1', '2', '9', '12', '0', '08', '09', '0'])}:${this.pick(['00', '05', '30', '59', '60', '7'])}${this.chance(0.4) ? `:${this.pick(['00', '5', '45', '61'])}` : ''}`,
          () => `${this.digits(1, 15)}`,
          () => '9007199254740991',
        ])();
        return this.sign() + body;
      }
      case 3: {
        const body = this.pick([
          () => `${this.underscores(this.digits(1, 4))}.${this.digits(0, 4)}`,
          () => `${this.digits(1, 3)}.${this.digits(0, 3)}${this.pick(['e', 'E'])}${this.pick(['+', '-', ''])}${this.digits(1, 3)}`,
          () => `${this.digits(1, 3)}${this.pick(['e', 'E'])}${this.pick(['+', '-', ''])}${this.digits(1, 2)}`,
          () => `.${this.digits(1, 4)}`,
          () => `${this.digits(1, 2)}.`,
          () => this.pick(['.inf', '.Inf', '.INF', '.iNf', 'inf', '.nan', '.NaN', '.NAN', '.nAn', 'nan', 'Infinity']),
          () => `${this.digits(1, 2)}:${this.digits(1, 2)}.${this.digits(0, 2)}`,
          () => `${this.digits(1, 3)}.0`,
          () => this.pick(['1e3', '1.0e+3', '1.0e3', '1.e-2', '0.5e-3', '1e+300', '1.0e+400', '123456789012345678.0', '1.5e16', '-0.0']),
        ])();
        return this.sign() + body;
      }
      case 4: {
        const y = this.pick(['2026', '2024', '1999', '0001', '0000', '9999', '202']);
        const m = this.pick(['01', '1', '12', '02', '13', '00']);
        const d = this.pick(['01', '1', '29', '30', '31', '00', '9']);
        let s = `${y}-${m}-${d}`;
        if (this.chance(0.5)) {
          s += this.pick(['T', 't', ' ', '  ', '\t']);
          s += `${this.pick(['10', '0', '9', '23', '24'])}:${this.pick(['00', '30', '59', '60'])}:${this.pick(['00', '59', '60'])}`;
          if (this.chance(0.4)) s += `.${this.digits(0, 8)}`;
          if (this.chance(0.6)) s += this.pick(['', ' ']) + this.pick(['Z', '+02:00', '-05:30', '+5', '-00:00', '+00', '+23:59', '+24:00', 'z', '+1:00']);
        }
        return s;
      }
      case 5:
        return this.pick([
          'hello',
          'a',
          'ab',
          'é',
          '中',
          'name',
          'y2',
          'yes please',
          'on-off',
          'x:y',
          'a b',
          '0.0.1',
          '1.2.3',
          'v1',
          '1_',
          '_1',
          '0x',
          '0b',
          '0o',
          '1__0',
          '12e',
          'e3',
          '--1',
          '+-1',
        ]);
      case 6:
        return this.pick([
          '0',
          '-0',
          '+0',
          '00',
          '0.',
          '-.5',
          '+.5',
          '.5.',
          '1:2:3',
          '190:20:30',
          '190:20:30.15',
          '1:2.5',
          '0:30',
          '+1',
          '1_000',
          '1__000',
          '0_1',
          '0b_1',
          '0x_1F',
        ]);
      case 7:
        return `${this.scalarTextSimple()}${this.pick(['', ' ', '  x'])}`;
      default:
        return this.pick(['true', '1', '1.0', 'yes', 'null', '~', '2026-01-01', '0', 'False', 'a', '']);
    }
  }

  private scalarTextSimple(): string {
    return this.pick(['yes', 'no', '1', '1.5', 'null', '2026-01-01', 'abc']);
  }

  /** The text as a scalar node: plain, quoted, a block scalar, and maybe tagged. */
  scalar(text: string, flow: boolean): string {
    const tag = this.chance(0.25)
      ? this.pick(['!', '!!str', '!!int', '!!float', '!!bool', '!!null', '!!timestamp', '!!binary', '!foo', '!!python/str', '!<tag:yaml.org,2002:int>'])
      : '';
    const style = this.int(10);
    let node: string;
    if (style < 6 && plainSafe(text, flow)) node = text;
    else if (style < 8) node = `'${text.replace(/'/g, "''")}'`;
    else node = JSON.stringify(text);
    return tag ? `${tag} ${node}` : node;
  }

  /** A flow collection (or a scalar), nested up to `depth`. */
  flow(depth: number): string {
    const kind = depth <= 0 ? 0 : this.int(3);
    if (kind === 0) return this.scalar(this.scalarText(), true);
    const n = this.int(4);
    if (kind === 1) {
      const items = Array.from({ length: n }, () => this.flow(depth - 1));
      return `${this.chance(0.1) ? this.pick(['!!seq ', '!!set ', '!!omap ', '!!pairs ', '!!map ']) : ''}[${items.join(', ')}]`;
    }
    const pairs = Array.from({ length: n }, () => `${this.scalar(this.scalarText(), true)}: ${this.flow(depth - 1)}`);
    return `${this.chance(0.1) ? this.pick(['!!map ', '!!set ', '!!seq ', '!!omap ']) : ''}{${pairs.join(', ')}}`;
  }

  /** Anchored mappings merged into others: lists of them, nested merges, explicit keys. */
  merges(): string {
    const keys = ['x', 'y', 'ab', 'xy', 'é', '中', '""', "''", '1', 'true', 'name', 'cpu'];
    const lines: string[] = [];
    const anchors: string[] = [];
    const count = 1 + this.int(3);
    for (let i = 0; i < count; i++) {
      const name = `m${i}`;
      const pairs = Array.from({ length: 1 + this.int(3) }, () => `${this.pick(keys)}: ${i}${this.int(10)}`);
      if (i > 0 && this.chance(0.3)) pairs.push(`<<: *${this.pick(anchors)}`);
      lines.push(`${name}: &${name} {${pairs.join(', ')}}`);
      anchors.push(name);
    }
    for (let j = 0; j < 2; j++) {
      const from = Array.from({ length: 1 + this.int(3) }, () => `*${this.pick(anchors)}`);
      const merge = from.length === 1 && this.chance(0.5) ? from[0]! : `[${from.join(', ')}]`;
      const own = Array.from({ length: this.int(3) }, () => `${this.pick(keys)}: own${this.int(10)}`);
      const parts = [`<<: ${merge}`, ...own];
      if (this.chance(0.3)) parts.reverse();
      lines.push(this.chance(0.5) ? `r${j}: {${parts.join(', ')}}` : `r${j}:\n${parts.map((p) => `  ${p}`).join('\n')}`);
    }
    return `${lines.join('\n')}\n`;
  }

  document(): string {
    switch (this.int(7)) {
      case 0:
        return `v: ${this.scalar(this.scalarText(), false)}\n`;
      case 1:
        return `- ${this.scalar(this.scalarText(), false)}\n- ${this.scalar(this.scalarText(), false)}\n`;
      case 2: {
        const n = 1 + this.int(4);
        return `${Array.from({ length: n }, () => `${this.scalar(this.scalarText(), false)}: ${this.int(100)}`).join('\n')}\n`;
      }
      case 3:
        return `${this.flow(3)}\n`;
      case 4:
        return `v: ${this.flow(2)}\n`;
      case 5:
        return this.merges();
      default: {
        const block = this.pick(['|', '>', '|-', '>+', '! |', '!!int |', '!!float >-']);
        return `v: ${block}\n  ${this.scalarText() || 'x'}\n`;
      }
    }
  }
}

/** Whether the text survives as one plain scalar (no indicator that would change the syntax). */
function plainSafe(text: string, flow: boolean): boolean {
  if (text === '' || /^\s|\s$/.test(text)) return false;
  if (/^[,[\]{}#&*!|>'"%@`]/.test(text) || /^[-?:](\s|$)/.test(text)) return false;
  if (/: |:$| #|\t/.test(text)) return false;
  return !(flow && /[,[\]{}]/.test(text));
}

const GENERATED = 6000;

/** Written by hand: syntax the generator does not produce. */
const CURATED: string[] = [
  '\ufeffa: 1\n',
  'a: "x\ty"\nb: \'\tz\'\nc: 1  # tab\tin comment\n',
  'a: |\n  x\ty\n  \tz\nb: >\n  x\n  \ty\n',
  'a: "x\n  \ty"\n',
  'a: 1   # comment\n# last\n',
  'a: |+\n  keep\n\nb: >-\n  folded\n  text\n',
  'a: plain\n  continued\n  on lines\n',
  '? complex\n: value\n? [not, hashable]\n',
  '%YAML 1.1\n---\na: 1\n...\n',
  '%TAG !e! tag:yaml.org,2002:\n---\na: !e!int "7"\n',
  'a: !!str\nb: !\nc: !!null\n',
  'k: &k key\n*k : 1\n',
  'a: &m {x: 1}\nb: {!!merge <<: *m}\nc: {"<<": *m}\n',
  'base: &b {a: 1, b: 2}\nmid: &m {<<: *b, b: 3}\ntop: {<<: *m, c: 4}\n',
  'l: &l [1, 2]\nm: {<<: [{a: 1}, {a: 2, b: 1}], b: 2}\n',
  'x: {= : 1, a: 2}\n',
  'a: 0b1_0\nb: 0x_f\nc: 0_7\nd: -0b11\ne: +0x1F\n',
  'a: !!float 1_0\nb: !!float " 2 "\nc: !!int " 3 "\nd: !!float -.nan\ne: !!float nan\n',
  '{.nan: 1, .NaN: 2, !!float nan: 3}\n',
  '{1: a, 1.0: b, true: c, "1": d, !!str 1: e}\n',
  '{0: a, false: b, -0.0: c, 0.0: d}\n',
  '{2026-01-01 10:00:00Z: a, 2026-01-01 12:00:00+02:00: b, 2026-01-01 10:00:00: c}\n',
  'a: !!timestamp 2026-1-1 1:2:3.1234567 -1\n',
  'a: !!binary |\n  aGVs\n  bG8=\n',
  'a: !!set {1, 2, 1}\n',
  'a: !!omap []\nb: !!pairs [{a: 1}, {a: 1}]\n',
  '---\n',
  '',
  '# only a comment\n',
  'null\n',
  '- - a\n  - b\n- c: d\n  e: f\n',
  '"a\\x00b": "\\u00e9\\t\\N"\n',
  "'it''s': 'a\n\n  b'\n",
];

// ---------------------------------------------------------------------------------------------
// Documents PyYAML refuses (or that must not load for another reason); the line must match.

const ERROR_CASES: { text?: string; bytes?: number[] }[] = [
  { text: 'a: 1\nb: "x\u0000y"\n' },
  { text: 'name: a\u0000b\n' },
  { text: '# comment \u0001\na: 1\n' },
  { text: 'a: 1\nb: \u007f\n' },
  { text: 'a: \u0085ok\nb: \u0086\n' },
  { text: 'a: \ufffe\n' },
  { text: 'a: \u001b[0m\n' },
  { bytes: [...Buffer.from('a: 1\nb: '), 0xff, 0x0a] },
  { bytes: [...Buffer.from('a: 1\n\nb: caf'), 0xc3, 0x28, 0x0a] },
  { text: 'a: 1\n---\nb: 2\n' },
  { text: '--- a\n--- b\n' },
  { text: 'a: 1\n---\n' },
  { text: 'x: &a 1\ny: &a 2\n' },
  { text: 'x: 1\ny: *nope\n' },
  { text: 'a: !foo bar\n' },
  { text: 'a:\n  b: !!python/tuple [1, 2]\n' },
  { text: 'a: !!int abc\n' },
  { text: 'a: !!int\n' },
  { text: 'a: !!int 1.5\n' },
  { text: 'a: !!int 09\n' },
  { text: 'a: !!bool y\n' },
  { text: 'a: !!bool 1\n' },
  { text: 'a: !!float abc\n' },
  { text: 'a: !!float\n' },
  { text: 'a: !!timestamp tomorrow\n' },
  { text: 'a: 2026-02-30\n' },
  { text: 'a: 2026-13-01\n' },
  { text: 'a: 2026-01-01 24:00:00\n' },
  { text: 'a: 0000-01-01\n' },
  { text: 'a: 2026-01-01 10:00:00+24:00\n' },
  { text: 'a: =\n' },
  { text: 'a:\n  - <<\n' },
  { text: 'a: {<<: 1}\n' },
  { text: 'a: {<<: [{x: 1}, 2]}\n' },
  { text: 'a: {<<: [[x]]}\n' },
  { text: '{[1]: 2}\n' },
  { text: 'a:\n  ? {b: 1}\n  : 2\n' },
  { text: 'a: {? !!set {x}: 1}\n' },
  { text: 'a: !!omap {x: 1}\n' },
  { text: 'a: !!omap [x]\n' },
  { text: 'a: !!omap [{x: 1, y: 2}]\n' },
  { text: 'a: !!pairs [{<<: {x: 1}}]\n' },
  { text: 'a: !!binary "aGVsbG8"\n' },
  { text: 'a: !!binary "é"\n' },
  { text: 'a: !!binary /w==\n' },
  { text: 'a: !!str [1]\n' },
  { text: 'a: !!map [1]\n' },
  { text: 'a: !!seq {b: 1}\n' },
  { text: 'a: !!set [1]\n' },
  { text: 'a: !!null [1]\n' },
  { text: 'a: [1, 2\n' },
  { text: 'a: "unclosed\n' },
  { text: 'a: b: c\n' },
  { text: '  a: 1\n b: 2\n' },
  { text: 'a:\n\t- 1\n' },
  { text: 'a:\tb\n' },
  { text: 'a: 1\nc: \t1\n' },
  { text: 'a: b\tc\n' },
  { text: 'a: 1 \t# c\n' },
  { text: '- \ta\n' },
  { text: 'a: [1,\t2]\n' },
  { text: 'a: b\n  \tc\n' },
  { text: 'a: 1\n\t\nb: 2\n' },
  { text: 'a: |\n  x\n\ty\n' },
  { text: 'a: |\n\tx\n' },
  { text: 'a: @x\n' },
];

/** Our answer in the reference's shape. */
function tagged(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? { $int: BigInt(v).toString() } : { $float: pythonFloatRepr(v) };
  if (v instanceof PythonFloat) return { $float: pythonFloatRepr(v.value) };
  if (v instanceof YamlTimestamp) return v.toJSON();
  if (Array.isArray(v)) return v.map(tagged);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tagged(x)]));
  return { $unexpected: String(v) };
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Ours next to theirs: a `!!set` (a list for us, in file order) is compared as the set it is. */
function align(ours: unknown, theirs: unknown): unknown {
  if (theirs !== null && typeof theirs === 'object' && !Array.isArray(theirs)) {
    const t = theirs as Record<string, unknown>;
    if (Array.isArray(t['$set']) && Array.isArray(ours)) return { $set: ours.map((x) => canonical(x)).sort() };
    if (ours !== null && typeof ours === 'object' && !Array.isArray(ours)) {
      const o = ours as Record<string, unknown>;
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, align(x, t[k])]));
    }
  }
  if (Array.isArray(theirs) && Array.isArray(ours)) return ours.map((x, i) => align(x, theirs[i]));
  return ours;
}

function load(c: Case): { value?: unknown; error?: { message: string; line?: number } } {
  let text = c.text;
  if (c.bytes) {
    const decoded = decodeYaml(c.bytes);
    if ('problem' in decoded) return { error: { message: decoded.problem.message, line: decoded.problem.position?.line } };
    text = decoded.text;
  }
  const parsed = parseYaml(text!);
  if (parsed.errors.length > 0) return { error: { message: parsed.errors[0]!.message, line: parsed.errors[0]!.position?.line } };
  return { value: tagged(parsed.value) };
}

function reference(python: string, cases: Case[]): Map<number, Answer> {
  const input = cases.map((c) => JSON.stringify(c.bytes ? { id: c.id, bytes: Buffer.from(c.bytes).toString('base64') } : { id: c.id, text: c.text })).join('\n');
  const out = execFileSync(python, [path.join(here, 'reference_yaml.py')], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const [header, ...lines] = out.split('\n');
  expect(header).toBe('PyYAML 6.0.4');
  const answers = new Map<number, Answer>();
  for (const line of lines) {
    if (!line) continue;
    const a = JSON.parse(line) as Answer;
    answers.set(a.id, a);
  }
  return answers;
}

interface Mismatch {
  text: string;
  ours: unknown;
  theirs: unknown;
}

function compare(cases: Case[], answers: Map<number, Answer>): { equal: number; mismatches: Mismatch[] } {
  const mismatches: Mismatch[] = [];
  let equal = 0;
  for (const c of cases) {
    const theirs = answers.get(c.id)!;
    const ours = load(c);
    const text = c.text ?? `bytes ${Buffer.from(c.bytes!).toString('hex')}`;
    let same: boolean;
    if (theirs.error) same = ours.error !== undefined && (theirs.error.line === undefined || theirs.error.line === ours.error.line);
    else same = ours.error === undefined && JSON.stringify(align(ours.value, theirs.value)) === JSON.stringify(theirs.value);
    if (same) equal++;
    else mismatches.push({ text, ours: ours.error ?? ours.value, theirs: theirs.error ?? theirs.value });
  }
  return { equal, mismatches };
}

describe('prefect.yaml is read as PyYAML 6.0.4 safe_load reads it', () => {
  let python: string;
  beforeAll(async () => {
    python = await pyyamlPython();
  }, 900_000);

  it(`${GENERATED} generated and ${CURATED.length} hand-written documents load to what the reference sends`, () => {
    const g = new Gen(seededRandom(20261206));
    const cases: Case[] = [...Array.from({ length: GENERATED }, () => g.document()), ...CURATED].map((text, id) => ({ id, text }));
    const answers = reference(python, cases);
    const { equal, mismatches } = compare(cases, answers);
    const refused = [...answers.values()].filter((a) => a.error).length;
    console.log(`yaml differential: ${equal}/${cases.length} equal (${((100 * equal) / cases.length).toFixed(2)} %), ${refused} refused by both`);
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(equal).toBe(cases.length);
  });

  it('fails where PyYAML fails, on the line PyYAML names', () => {
    const cases: Case[] = ERROR_CASES.map((c, id) => ({ id, ...(c.bytes ? { bytes: Uint8Array.from(c.bytes) } : { text: c.text! }) }));
    const answers = reference(python, cases);
    for (const c of cases) expect(answers.get(c.id)!.error, c.text).toBeDefined();
    const { mismatches } = compare(cases, answers);
    expect(mismatches).toEqual([]);
  });

  it('refuses a document whose aliases expand beyond the bound, quickly and at a position', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const started = performance.now();
    const parsed = parseYaml(`${lines.join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.errors).toEqual([
      {
        message: expect.stringContaining(`more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values`),
        position: expect.objectContaining({ line: expect.any(Number) }),
      },
    ]);
    expect(parseYaml('a: &a [*a]\n').errors[0]!.message).toMatch(/refers to a node that contains it/);
  });
});

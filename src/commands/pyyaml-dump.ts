/**
 * `yaml.dump(value, sort_keys=False)` as PyYAML writes it, for the JSON-like values `prefect init`
 * writes (mappings, lists, strings, numbers, booleans, null): block style, indentless sequences,
 * the same quoting decisions and the same folding of long scalars at 80 columns. `init` must write
 * byte-for-byte what the reference writes, so this ports PyYAML's emitter rules rather than using
 * a general YAML library whose choices differ.
 */

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
const BREAKS = '\n\x85\u2028\u2029';
const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

/** PyYAML's implicit resolvers (YAML 1.1), keyed by the first character they apply to. */
const RESOLVERS: Array<[string, RegExp]> = [
  ['yYnNtTfFoO', /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  [
    '-+0123456789.',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  ['-+0123456789', /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
  ['<', /^(?:<<)$/],
  ['~nN', /^(?:~|null|Null|NULL|)$/],
  [
    '0123456789',
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ['=', /^(?:=)$/],
  ['!&*', /^(?:!|&|\*)$/],
];

/** Whether a plain scalar with this text would load back as a string. */
function resolvesToString(value: string): boolean {
  if (value === '') return false;
  // Python's `$` also matches before a final newline.
  const candidates = value.endsWith('\n') ? [value, value.slice(0, -1)] : [value];
  for (const [first, re] of RESOLVERS) {
    if (!first.includes(value[0]!)) continue;
    if (candidates.some((c) => re.test(c))) return false;
  }
  return true;
}

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

function analyzeScalar(scalar: string): Analysis {
  const chars = Array.from(scalar);
  if (chars.length === 0) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (scalar.startsWith('---') || scalar.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1]!);
  let previousSpace = false;
  let previousBreak = false;
  for (let index = 0; index < chars.length; index++) {
    const ch = chars[index]!;
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ('?:'.includes(ch) && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const cp = ch.codePointAt(0)!;
    if (!(ch === '\n' || (cp >= 0x20 && cp <= 0x7e))) {
      // Non-ASCII text is escaped too: yaml.dump runs with allow_unicode=False.
      special = true;
    }
    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (index === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (index === 0) leadingBreak = true;
      if (index === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = SPACE_OR_BREAK.includes(ch);
    followedByWhitespace = index + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[index + 2]!);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\x09': 't',
  '\x0A': 'n',
  '\x0B': 'v',
  '\x0C': 'f',
  '\x0D': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

class Emitter {
  out = '';
  column = 0;
  indent = 0;
  whitespace = true;
  indention = true;

  write(data: string): void {
    this.out += data;
    this.column += Array.from(data).length;
  }

  indicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? indicator : ` ${indicator}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  writeIndent(): void {
    if (!this.indention || this.column > this.indent || (this.column === this.indent && !this.whitespace)) this.lineBreak();
    if (this.column < this.indent) {
      this.whitespace = true;
      this.write(' '.repeat(this.indent - this.column));
    }
  }

  lineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }

  scalar(value: string, simpleKey: boolean): void {
    const a = analyzeScalar(value);
    const split = !simpleKey;
    if (resolvesToString(value) && !(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) this.plain(value, split);
    else if (a.allowSingleQuoted && !(simpleKey && a.multiline)) this.singleQuoted(value, split);
    else this.doubleQuoted(value, split);
  }

  plain(text: string, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    const t = Array.from(text);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(t.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (t[start] === '\n') this.lineBreak();
          for (const br of t.slice(start, end)) this.lineBreak(br);
          this.writeIndent();
          this.whitespace = false;
          this.indention = false;
          start = end;
        }
      } else if (ch === undefined || ` ${BREAKS}`.includes(ch)) {
        this.write(t.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
  }

  singleQuoted(text: string, split: boolean): void {
    this.indicator("'", true);
    const t = Array.from(text);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : undefined;
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== t.length) this.writeIndent();
          else this.write(t.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (t[start] === '\n') this.lineBreak();
          for (const br of t.slice(start, end)) this.lineBreak(br);
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ` ${BREAKS}`.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(t.slice(start, end).join(''));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  doubleQuoted(text: string, split: boolean): void {
    this.indicator('"', true);
    const t = Array.from(text);
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : undefined;
      const cp = ch?.codePointAt(0) ?? 0;
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(cp >= 0x20 && cp <= 0x7e)) {
        if (start < end) {
          this.write(t.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          const hex = (n: number, w: number) => cp.toString(16).toUpperCase().padStart(w, '0').slice(-Math.max(w, n));
          this.write(`\\${ESCAPES[ch] ?? (cp <= 0xff ? `x${hex(0, 2)}` : cp <= 0xffff ? `u${hex(0, 4)}` : `U${hex(0, 8)}`)}`);
          start = end + 1;
        }
      }
      if (end > 0 && end < t.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        const data = `${t.slice(start, end).join('')}\\`;
        if (start < end) start = end;
        this.write(data);
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (t[start] === ' ') this.write('\\');
      }
    }
    this.indicator('"', false);
  }

  node(value: unknown, indent: number, context: 'root' | 'mapping' | 'sequence'): void {
    if (Array.isArray(value) && value.length > 0) {
      // Sequences inside a mapping are indentless: "- " lines up with the key.
      this.sequence(value, context === 'mapping' ? indent : indent + (context === 'root' ? 0 : BEST_INDENT));
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      this.mapping(value, context === 'root' ? 0 : indent + BEST_INDENT);
    } else {
      const saved = this.indent;
      this.indent = context === 'root' ? 0 : indent + BEST_INDENT;
      if (Array.isArray(value)) {
        this.indicator('[', true, true);
        this.indicator(']', false);
      } else if (isPlainObject(value)) {
        this.indicator('{', true, true);
        this.indicator('}', false);
      } else this.scalarValue(value);
      this.indent = saved;
    }
  }

  scalarValue(value: unknown): void {
    if (value === null || value === undefined) this.plain('null', false);
    else if (typeof value === 'boolean') this.plain(value ? 'true' : 'false', false);
    else if (typeof value === 'number') this.plain(Number.isInteger(value) ? String(value) : String(value), false);
    else this.scalar(String(value), false);
  }

  mapping(value: Record<string, unknown>, indent: number): void {
    for (const [key, item] of Object.entries(value)) {
      this.indent = indent;
      this.writeIndent();
      this.scalar(key, true);
      this.indicator(':', false);
      this.node(item, indent, 'mapping');
    }
  }

  sequence(value: unknown[], indent: number): void {
    for (const item of value) {
      this.indent = indent;
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(item, indent, 'sequence');
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text `yaml.dump(value, sort_keys=False)` returns. */
export function pyyamlDump(value: unknown): string {
  const e = new Emitter();
  e.node(value, 0, 'root');
  // A document whose root is a plain scalar ends with "\n...\n"; init only dumps mappings.
  return `${e.out}\n`;
}

import { parser } from '@lezer/python';
import type { SyntaxNode, Tree } from '@lezer/common';

/** A parsed Python file: text plus the lezer tree, with helpers that map offsets to positions. */
export class PySource {
  readonly text: string;
  readonly tree: Tree;
  private readonly lineStarts: number[];

  constructor(text: string) {
    // Python reads source with universal newlines.
    this.text = text.replace(/\r\n?/g, '\n');
    this.tree = parser.parse(this.text);
    this.lineStarts = [0];
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  get top(): SyntaxNode {
    return this.tree.topNode;
  }

  slice(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  /**
   * The first parse error that matters, if any. Lezer's grammar lacks a few valid forms (bare
   * `yield`, parenthesised `with` targets, class patterns in `match`) and recovers from them with
   * a partial tree, so errors inside function bodies (judged by indentation, since the recovered
   * tree may have lost the nesting) are only reported as `ignored`: a body is never needed to
   * read a flow's signature.
   */
  parseErrors(): { fatal: { offset: number; text: string } | null; ignoredLines: number[] } {
    let fatal: { offset: number; text: string } | null = null;
    const ignored = new Set<number>();
    this.tree.iterate({
      enter: (n) => {
        if (fatal) return false;
        // PEP 614 decorators (`@buttons[0].connect`) are valid Python lezer does not know; the
        // evaluator re-parses such a decorator as an expression.
        if (n.type.isError && n.node.parent?.name === 'Decorator' && decoratorExpression(this, n.node.parent)) return false;
        if (n.name === 'Body' && n.node.parent?.name === 'FunctionDefinition') {
          n.node.cursor().iterate((c) => {
            if (c.type.isError) ignored.add(this.position(c.from).line);
          });
          return false;
        }
        if (!n.type.isError) return undefined;
        const { line } = this.position(n.from);
        if (this.insideFunctionBody(line)) ignored.add(line);
        else fatal = { offset: n.from, text: this.text.slice(n.from, Math.min(n.to, n.from + 20)) };
        return false;
      },
    });
    return { fatal, ignoredLines: [...ignored].sort((a, b) => a - b) };
  }

  /** Whether a line sits in the indented block of a `def`, found by walking out through indentation. */
  private insideFunctionBody(line: number): boolean {
    const lines = this.text.split('\n');
    const indentOf = (l: string): number => l.length - l.trimStart().length;
    let i = line - 1;
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) return false;
    let indent = indentOf(lines[i]!);
    for (let j = i - 1; j >= 0 && indent > 0; j--) {
      const l = lines[j]!;
      // Blank lines, comments and the closing line of a multi-line signature do not open blocks.
      if (l.trim() === '' || /^\s*[#)\]}]/.test(l)) continue;
      const ind = indentOf(l);
      if (ind >= indent) continue;
      indent = ind;
      const head = l.trimStart();
      if (head.startsWith('def ') || head.startsWith('async def ')) return true;
    }
    return false;
  }
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', '=', 'AssignOp', 'At']);

/** Children that carry meaning (no brackets, commas, colons). */
export function significant(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => !PUNCT.has(c.name));
}

/** Statements in a Script or Body node. */
export function statements(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => c.name !== ':' && c.name !== 'Comment');
}

/** Parses one Python expression (e.g. the text of a string annotation); null when it is not one. */
export function parseExpression(text: string): { source: PySource; node: SyntaxNode } | null {
  const source = new PySource(`(${text.trim()}\n)`);
  if (source.parseErrors().fatal) return null;
  const stmts = statements(source.top);
  if (stmts.length !== 1 || stmts[0]!.name !== 'ExpressionStatement') return null;
  const expr = stmts[0]!.firstChild;
  if (!expr || expr.name !== 'ParenthesizedExpression') return null;
  const inner = significant(expr);
  if (inner.length !== 1) return null;
  return { source, node: inner[0]! };
}

export interface StringLiteral {
  bytes: boolean;
  value: string;
}

/** Decodes one Python string token (prefixes, triple quotes, escapes). f-strings are handled by the evaluator. */
export function decodeStringToken(token: string): StringLiteral {
  const m = /^([A-Za-z]*)('''|"""|'|")/.exec(token);
  if (!m) return { bytes: false, value: token };
  const prefix = m[1]!.toLowerCase();
  const quote = m[2]!;
  const body = token.slice(m[0].length, token.length - quote.length);
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  return { bytes, value: raw ? body : unescape(body, bytes) };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function unescape(body: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += ch;
      continue;
    }
    if (next === '\n') {
      i += 1;
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
      continue;
    }
    if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length;
      continue;
    }
    const hexLen = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLen) {
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + hexLen;
        continue;
      }
    }
    // Unknown escapes (and \N{...}, rare in flow files) stay as written, like Python does for unknown ones.
    out += ch;
  }
  return out;
}

/** The expression after `@` of a decorator, parsed on its own; null when it is not one. */
export function decoratorExpression(source: PySource, decorator: SyntaxNode): { source: PySource; node: SyntaxNode } | null {
  const text = source.slice(decorator).replace(/^@/, '');
  return parseExpression(text);
}

/** Facts read straight from the syntax tree: docstrings, names a module binds, special forms. */
import type { SyntaxNode } from '@lezer/common';
import { cleandoc } from './docstrings.js';
import { children, decodeStringToken, statements, type PySource } from './pysource.js';

export function isAutoCall(node: SyntaxNode, src: PySource): boolean {
  return node.name === 'CallExpression' && /^(enum\.)?auto$/.test(src.slice(node.firstChild!));
}

export function isClassVar(node: SyntaxNode, src: PySource): boolean {
  return /^(typing\.)?ClassVar\b/.test(src.slice(node));
}

export function docstringOf(body: SyntaxNode, src: PySource): string | null {
  const raw = rawDocstringOf(body, src);
  return raw === null ? null : cleandoc(raw);
}

/** `__doc__`: the first statement when it is a plain (non-f, non-bytes) string literal. */
export function rawDocstringOf(body: SyntaxNode, src: PySource): string | null {
  const first = statements(body)[0];
  if (!first || first.name !== 'ExpressionStatement') return null;
  const expr = first.firstChild;
  if (!expr) return null;
  if (expr.name === 'String') {
    const lit = decodeStringToken(src.slice(expr));
    return lit.bytes ? null : lit.value;
  }
  if (expr.name === 'ContinuedString') {
    const parts = children(expr);
    if (parts.some((p) => p.name !== 'String')) return null;
    const lits = parts.map((p) => decodeStringToken(src.slice(p)));
    if (lits.some((l) => l.bytes)) return null;
    return lits.map((l) => l.value).join('');
  }
  return null;
}

export function collectBoundNames(src: PySource, node: SyntaxNode, out: Set<string>): void {
  for (const stmt of statements(node)) {
    switch (stmt.name) {
      case 'AssignStatement':
      case 'ForStatement':
      case 'WithStatement':
        for (const c of children(stmt)) {
          if (c.name === 'AssignOp' || c.name === 'Body' || c.name === 'TypeDef') break;
          if (c.name === 'VariableName') out.add(src.slice(c));
        }
        for (const c of children(stmt)) {
          if (c.name === 'VariableName' && stmt.name === 'WithStatement') out.add(src.slice(c));
          if (c.name === 'Body') collectBoundNames(src, c, out);
        }
        break;
      case 'ImportStatement':
        for (const c of children(stmt)) if (c.name === 'VariableName') out.add(src.slice(c));
        break;
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const n = stmt.getChild('VariableName');
        if (n) out.add(src.slice(n));
        break;
      }
      case 'DecoratedStatement': {
        const def = children(stmt).find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
        const n = def?.getChild('VariableName');
        if (n) out.add(src.slice(n));
        break;
      }
      case 'IfStatement': {
        // Names bound only under `if TYPE_CHECKING:` (or the __main__ guard) never exist at runtime.
        const cond = children(stmt)[1];
        const text = cond ? src.slice(cond).replace(/\s+/g, '') : '';
        if (/^(typing\.)?TYPE_CHECKING$/.test(text) || /^__name__==["']__main__["']$/.test(text)) break;
        for (const c of children(stmt)) if (c.name === 'Body') collectBoundNames(src, c, out);
        break;
      }
      default:
        collectNestedBodies(src, stmt, out);
    }
  }
}

/** match/case, try/except and friends nest their bodies in clause nodes. */
export function collectNestedBodies(src: PySource, node: SyntaxNode, out: Set<string>): void {
  for (const c of children(node)) {
    if (c.name === 'Body') collectBoundNames(src, c, out);
    else if (/Body$|Clause$/.test(c.name)) collectNestedBodies(src, c, out);
  }
}

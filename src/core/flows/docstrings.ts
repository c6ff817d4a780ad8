/**
 * Docstrings as Prefect sees them: `inspect.cleandoc` for the flow description, and griffe's Google
 * parser (2.1.0 rules, spec §8) for per-parameter descriptions.
 */

function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

/** Python's whitespace for str.lstrip()/isspace() on the characters docstrings use. */
const isPySpace = (ch: string): boolean => /[\s\x1c-\x1f\x85]/.test(ch);

function lstripLen(line: string): number {
  let i = 0;
  while (i < line.length && isPySpace(line[i]!)) i++;
  return i;
}

/** `inspect.cleandoc` (CPython 3.11). */
export function cleandoc(doc: string): string {
  // Tab stops restart after each newline, so expanding per line equals Python's expandtabs().
  const expanded = doc.split('\n').map(expandTabs);
  let margin = Infinity;
  for (const line of expanded.slice(1)) {
    const content = line.length - lstripLen(line);
    if (content > 0) margin = Math.min(margin, line.length - content);
  }
  const out = [...expanded];
  if (out.length > 0) out[0] = out[0]!.slice(lstripLen(out[0]!));
  if (margin !== Infinity) for (let i = 1; i < out.length; i++) out[i] = out[i]!.slice(margin);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  while (out.length > 0 && out[0] === '') out.shift();
  return out.join('\n');
}

const HEADER = /^(\w[\w\s-]*):(?:\s+.*)?$/;
const PARAM_HEADERS = new Set(['args', 'arguments', 'params', 'parameters']);

/**
 * Parameter descriptions from the last Google `Args:`/`Parameters:` section, keyed exactly as griffe
 * keys them (`*args` never matches `args`).
 */
export function parameterDescriptions(docstring: string | null): Map<string, string> {
  const result = new Map<string, string>();
  if (docstring === null) return result;
  // griffe cleans what inspect.getdoc already cleaned: rstrip, then cleandoc again.
  const lines = cleandoc(docstring.replace(/\s+$/, '')).split('\n');
  let inFence = false;
  let lastSection: string[][] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimStart().startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const m = HEADER.exec(line);
    if (!m) continue;
    const prevBlank = i === 0 || lines[i - 1]!.trim() === '';
    const next = lines[i + 1];
    if (!prevBlank || next === undefined || next.trim() === '' || !next.startsWith(' ')) continue;
    const kind = m[1]!.trim().toLowerCase();
    const [items, end] = readItems(lines, i + 1);
    if (PARAM_HEADERS.has(kind)) lastSection = items;
    i = end - 1;
  }
  if (!lastSection) return result;
  for (const item of lastSection) {
    const first = item[0]!;
    const colon = first.indexOf(':');
    if (colon < 0) continue;
    const namePart = first.slice(0, colon);
    const text = [first.slice(colon + 1).replace(/^\s+/, ''), ...item.slice(1)].join('\n').replace(/\n+$/, '');
    const name = namePart.includes('(') && namePart.endsWith(')') ? namePart.slice(0, namePart.indexOf('(')).trim() : namePart;
    result.set(name, text);
  }
  return result;
}

/** griffe's `_read_block_items`: returns the items (lines) and the index after the block. */
function readItems(lines: string[], start: number): [string[][], number] {
  const first = lines[start]!;
  const indent = first.length - first.trimStart().length;
  const items: string[][] = [[first.slice(indent)]];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      items[items.length - 1]!.push('');
      continue;
    }
    const ind = line.length - line.trimStart().length;
    if (ind >= 2 * indent) items[items.length - 1]!.push(line.slice(2 * indent));
    else if (ind > indent) items[items.length - 1]!.push(line.trimStart());
    else if (ind === indent) items.push([line.slice(indent)]);
    else break;
  }
  // Trailing blank lines belong to no item.
  for (const item of items) while (item.length > 1 && item[item.length - 1] === '') item.pop();
  return [items, i];
}

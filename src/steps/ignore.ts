/**
 * `.prefectignore` matching, ported from what the reference runs: `pathspec.GitIgnoreSpec` (pathspec
 * 1.1, the version prefect 3.9.1 installs) through `prefect.utilities.filesystem.filter_files`.
 *
 * Why a port and not the npm `ignore` package: GitIgnoreSpec is not plain gitignore. It matches every
 * path on its own (no pruning below an excluded directory, so `build/` then `!build/keep.txt`
 * re-includes the file), ranks a pattern that matches a path itself above one that only matches a
 * directory containing it, requires `*` alone to match a non-empty segment, drops patterns with an
 * unclosed `[`, and fails the whole step on a trailing `\`. `ignore` differs on each of these; the
 * translation below follows pathspec's `patterns/gitignore/spec.py` and `base.py` line by line.
 */

/** Python's `str.isspace()` characters (JS `\s` lacks \x1c-\x1f and \x85, and adds U+FEFF). */
const PY_WHITESPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_RSTRIP = new RegExp(`${PY_WHITESPACE}+$`, 'u');
const PY_STRIP = new RegExp(`^${PY_WHITESPACE}+|${PY_WHITESPACE}+$`, 'gu');

/** A `.prefectignore` the reference refuses: it raises while compiling the patterns, failing the step. */
export class IgnorePatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IgnorePatternError';
  }
}

/** One compiled line. `exclude` is pathspec's `include`: true drops matching paths, false (`!`) keeps them. */
export interface IgnorePattern {
  /** The line as given to the matcher. */
  readonly source: string;
  /** 1-based line number in the ignore file. */
  readonly line: number;
  readonly exclude: boolean;
  readonly regex: RegExp;
}

/**
 * How the push step hands the file to the matcher: `push_to_s3` strips every line
 * (`[line.strip() for line in f]`), `push_to_gcs` / `push_to_azure_blob_storage` pass
 * `f.readlines()` as they are (newline included; pathspec's own `rstrip` removes it).
 */
export type IgnoreLineMode = 'strip' | 'raw';

/** Python's text-mode line iteration: universal newlines, each `\r\n`, `\r` or `\n` read as `\n` and kept. */
export function pythonReadLines(text: string): string[] {
  const lines: string[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(`${text.slice(start, m.index)}\n`);
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/**
 * Decodes an ignore file as Python's `open(path, "r")` does on a UTF-8 runner: strict UTF-8, and a
 * byte-order mark is kept (it becomes part of the first pattern, as in the reference).
 */
export function decodeIgnoreFile(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new IgnorePatternError(`${name}: not valid UTF-8 (save it as UTF-8)`);
  }
}

/** The lines a push step passes to `filter_files`, from the ignore file's text. */
export function ignoreLines(text: string, mode: IgnoreLineMode): string[] {
  const lines = pythonReadLines(text);
  return mode === 'strip' ? lines.map((line) => line.replace(PY_STRIP, '')) : lines;
}

// Characters that must be escaped to be literal in a `u`-mode RegExp.
const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const literal = (ch: string): string => (SYNTAX.has(ch) ? `\\${ch}` : ch);

// Python's `.` is any character but `\n`; JS's also stops at `\r`, U+2028 and U+2029.
const ANY = '[^\\n]';
// Python's `$` (no MULTILINE) also matches just before a final `\n`.
const END = '(?=\\n?$)';
const DIR_MARK = '(?<ps_d>/)';
const DIR_MARK_OPT = `(?:${DIR_MARK}|${END})`;

/** Thrown inside the translation for `[` without `]`: pathspec then drops the pattern silently. */
class RangeError_ extends Error {}

/** pathspec's `_translate_segment_glob(pattern, 'raise')`, emitting a JS `u` regex. */
function translateSegmentGlob(segment: string, original: string): string {
  const chars = Array.from(segment);
  const end = chars.length;
  let escape = false;
  let regex = '';
  let i = 0;
  while (i < end) {
    const ch = chars[i]!;
    i += 1;
    if (escape) {
      escape = false;
      regex += literal(ch);
    } else if (ch === '\\') {
      escape = true;
    } else if (ch === '*') {
      regex += '[^/]*';
    } else if (ch === '?') {
      regex += '[^/]';
    } else if (ch === '[') {
      let j = i;
      if (j < end && (chars[j] === '!' || chars[j] === '^')) j += 1;
      if (j < end && chars[j] === ']') j += 1;
      while (j < end && chars[j] !== ']') j += 1;
      if (j >= end) throw new RangeError_();
      j += 1;
      let expr = '[';
      if (chars[i] === '!' || chars[i] === '^') {
        expr += '^';
        i += 1;
      }
      // Python's class body is every character up to the closing `]`, all literal (pathspec doubles
      // backslashes) except `-` ranges; a `]` first in the body is literal in Python but would close
      // the class in JS, so the body's specials are escaped one by one.
      for (const c of chars.slice(i, j - 1)) expr += c === '\\' || c === ']' || c === '[' || c === '^' ? `\\${c}` : c;
      regex += `${expr}]`;
      i = j;
    } else {
      regex += literal(ch);
    }
  }
  if (escape) throw new IgnorePatternError(`Escape character found with no next character to escape: ${pyRepr(original)}`);
  return regex;
}

/** pathspec's `__normalize_segments`: segments to translate, or a whole-pattern regex. */
function normalizeSegments(isDirPattern: boolean, segs: string[], original: string): string[] | string {
  if (!segs[0]) {
    // A leading slash anchors the pattern to the root.
    segs.shift();
  } else if (segs.length === 1 || (segs.length === 2 && !segs[1])) {
    // A single name (optionally with a trailing slash) matches at any depth.
    if (segs[0] !== '**') segs.unshift('**');
  }
  if (segs.length === 0) throw new IgnorePatternError(`Invalid git pattern: ${pyRepr(original)}`);
  if (!segs[segs.length - 1]) segs[segs.length - 1] = '**';
  for (let i = segs.length - 1; i > 0; i -= 1) {
    if (segs[i - 1] === '**' && segs[i] === '**') segs.splice(i, 1);
  }
  if (segs.length === 1 && segs[0] === '**') return isDirPattern ? DIR_MARK : ANY;
  if (segs.length === 2 && segs[0] === '**' && segs[1] === '*') return ANY;
  if (segs.length === 3 && segs[0] === '**' && segs[1] === '*' && segs[2] === '**') return isDirPattern ? DIR_MARK : '/';
  return segs;
}

/** pathspec's `__translate_segments`. */
function translateSegments(isDirPattern: boolean, segs: string[], original: string): string {
  let out = '';
  let needSlash = false;
  const end = segs.length - 1;
  segs.forEach((seg, i) => {
    if (seg === '**') {
      if (i === 0) out += `^(?:${ANY}+/)?`;
      else if (i < end) {
        out += `(?:/${ANY}+)?`;
        needSlash = true;
      } else out += isDirPattern ? DIR_MARK : '/';
    } else {
      if (i === 0) out += '^';
      if (needSlash) out += '/';
      out += seg === '*' ? '[^/]+' : translateSegmentGlob(seg, original);
      if (i === end) out += DIR_MARK_OPT;
      needSlash = true;
    }
  });
  return out;
}

/**
 * One line to a pattern (`GitIgnoreSpecPattern.pattern_to_regex`): null for blank lines, comments,
 * `/`, and patterns with an unclosed `[` (which pathspec, like git, drops without a word).
 */
export function compileIgnorePattern(source: string, line = 0): IgnorePattern | null {
  let pattern = source.endsWith('\\ ') ? source : source.replace(PY_RSTRIP, '');
  if (!pattern || pattern.startsWith('#') || pattern === '/') return null;
  let exclude = true;
  if (pattern.startsWith('!')) {
    exclude = false;
    pattern = pattern.slice(1);
  }
  const segs = pattern.split('/');
  const isDirPattern = !segs[segs.length - 1];
  const normalized = normalizeSegments(isDirPattern, segs, source);
  let body: string;
  if (typeof normalized === 'string') body = normalized;
  else {
    try {
      body = translateSegments(isDirPattern, normalized, source);
    } catch (error) {
      if (error instanceof RangeError_) return null;
      throw error;
    }
  }
  try {
    return { source, line, exclude, regex: new RegExp(body, 'u') };
  } catch (error) {
    // Python's `re` rejects the same things here (a reversed range such as `[z-a]`).
    throw new IgnorePatternError(`Invalid git pattern: ${pyRepr(source)} (${(error as Error).message})`);
  }
}

/** The compiled ignore file: `GitIgnoreSpec.from_lines(lines)`. */
export class IgnoreSpec {
  readonly patterns: readonly IgnorePattern[];

  private constructor(patterns: IgnorePattern[]) {
    this.patterns = patterns;
  }

  /** Compiles the lines; throws IgnorePatternError (with the line number) where the reference raises. */
  static fromLines(lines: readonly string[], fileName = '.prefectignore'): IgnoreSpec {
    const patterns: IgnorePattern[] = [];
    lines.forEach((text, index) => {
      if (!text) return;
      try {
        const pattern = compileIgnorePattern(text, index + 1);
        if (pattern) patterns.push(pattern);
      } catch (error) {
        if (error instanceof IgnorePatternError) {
          throw new IgnorePatternError(`${fileName}:${index + 1}: ${error.message} (the reference fails the step on it; fix or remove the line)`);
        }
        throw error;
      }
    });
    return new IgnoreSpec(patterns);
  }

  /** Parses an ignore file's text the way the given push step reads it. */
  static parse(text: string, mode: IgnoreLineMode, fileName = '.prefectignore'): IgnoreSpec {
    return IgnoreSpec.fromLines(ignoreLines(text, mode), fileName);
  }

  /** The deciding pattern for a path relative to the root (`/` separators), or null when none matches. */
  match(path: string): IgnorePattern | null {
    const file = normalizeFile(path);
    // pathspec's SimpleGiBackend (patterns walked last to first): a pattern matching the path itself
    // (priority 2) beats one matching only through a parent directory (priority 1, the `ps_d` group),
    // whatever their order; among equals the last one wins.
    let best: IgnorePattern | null = null;
    let bestPriority = 0;
    for (let i = this.patterns.length - 1; i >= 0; i -= 1) {
      const pattern = this.patterns[i]!;
      const m = pattern.regex.exec(file);
      if (!m) continue;
      const priority = m.groups?.ps_d ? 1 : 2;
      if (priority > bestPriority) {
        best = pattern;
        bestPriority = priority;
      }
      if (priority === 2) break;
    }
    return best;
  }

  /** Whether `.prefectignore` excludes the path (relative to the root, `/` separators). */
  ignores(path: string): boolean {
    return this.match(path)?.exclude ?? false;
  }
}

/** pathspec's `normalize_file` for an already-`/` path: drops one leading `/` or `./`. */
function normalizeFile(path: string): string {
  if (path.startsWith('/')) return path.slice(1);
  if (path.startsWith('./')) return path.slice(2);
  return path;
}

/** Python's `repr()` of a string, for messages that quote a pattern as the reference does. */
function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

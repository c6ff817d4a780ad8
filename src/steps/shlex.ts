/**
 * Python's `shlex.split` (POSIX mode, no comments) and `str.splitlines`, which `run_shell_script`
 * uses to turn a script into commands. Ported rather than taken from npm: `shell-quote` expands
 * `$VAR`, parses operators and comments, and the `shlex` port adds bash's `$'…'`/`$"…"` quoting —
 * each gives a different argv than the reference for some lines.
 */

/** Python's `ValueError` texts from `shlex`, so messages match the reference. */
export class ShlexError extends Error {
  constructor(message: 'No closing quotation' | 'No escaped character') {
    super(message);
    this.name = 'ShlexError';
  }
}

const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;
const ESCAPE = '\\';
const ESCAPED_QUOTES = '"';

/** `shlex.split(line)`: words with quotes removed and escapes applied; throws {@link ShlexError}. */
export function shlexSplit(line: string): string[] {
  const words: string[] = [];
  let pos = 0;
  const next = (): string => (pos < line.length ? line[pos++]! : '');

  // One call of CPython's `shlex.read_token` with posix=True, whitespace_split=True, commenters=''.
  const readToken = (): string | null => {
    let state: string = ' ';
    let escapedState = ' ';
    let token = '';
    let quoted = false;
    for (;;) {
      const c = next();
      if (state === ' ') {
        if (c === '') break;
        if (WHITESPACE.includes(c)) {
          if (token || quoted) break;
          continue;
        }
        if (c === ESCAPE) {
          escapedState = 'a';
          state = c;
        } else if (QUOTES.includes(c)) {
          state = c;
        } else {
          token = c;
          state = 'a';
        }
      } else if (QUOTES.includes(state)) {
        quoted = true;
        if (c === '') throw new ShlexError('No closing quotation');
        if (c === state) state = 'a';
        else if (c === ESCAPE && ESCAPED_QUOTES.includes(state)) {
          escapedState = state;
          state = c;
        } else token += c;
      } else if (state === ESCAPE) {
        if (c === '') throw new ShlexError('No escaped character');
        // Inside double quotes a backslash escapes only `"` and `\`; elsewhere it is kept.
        if (QUOTES.includes(escapedState) && c !== state && c !== escapedState) token += state;
        token += c;
        state = escapedState;
      } else {
        if (c === '') break;
        if (WHITESPACE.includes(c)) {
          state = ' ';
          if (token || quoted) break;
          continue;
        }
        if (QUOTES.includes(c)) state = c;
        else if (c === ESCAPE) {
          escapedState = 'a';
          state = c;
        } else token += c;
      }
    }
    return !quoted && token === '' ? null : token;
  };

  for (let word = readToken(); word !== null; word = readToken()) words.push(word);
  return words;
}

/** Python's `str.splitlines()`: every Unicode line boundary, no trailing empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/u);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const TEMPLATE = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|)/gu;

/**
 * `string.Template(text).safe_substitute(env)`, what `expand_env_vars` does: `$NAME` and `${NAME}`
 * from `env`, unknown names and lone `$` left as written, `$$` → `$`.
 */
export function expandEnvVars(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(TEMPLATE, (match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    const name = named ?? braced;
    if (name !== undefined) {
      const value = Object.hasOwn(env, name) ? env[name] : undefined;
      return value === undefined ? match : value;
    }
    return escaped !== undefined ? '$' : match;
  });
}

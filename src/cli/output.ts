/**
 * What the CLI leaves behind for the rest of a pipeline — the JSON result (`--output-file`) and a
 * GitLab dotenv report (`--dotenv`) — and whether its terminal output is coloured.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { styleText } from 'node:util';
import { plainText, type Paint, type Tone } from '../core/report/index.js';
import type { Env } from './ci.js';

/**
 * Writes through a temporary file in the same directory and a rename, so a reader (a later job,
 * a tool tailing the file) sees the old content or the whole new one, never half of it.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * GitLab's dotenv report rules (`Ci::ParseDotenvArtifactService`): one `KEY=value` per line, split
 * at the first `=`, both sides stripped of spaces, quotes kept as written (nothing is unquoted or
 * unescaped), no empty lines or comments, keys of ASCII letters, digits and `_`, at most 20
 * variables and under 5 KiB in all.
 */
export const DOTENV_MAX_BYTES = 5 * 1024;
export const DOTENV_MAX_VARIABLES = 20;

export type DotenvVariables = Array<[name: string, value: string]>;

/** A value GitLab reads back unchanged: one line (line breaks become a literal `\n`), no outer spaces. */
export function dotenvValue(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '\\n').trim();
}

export function dotenvText(variables: DotenvVariables): string {
  if (variables.length > DOTENV_MAX_VARIABLES) throw new Error(`a dotenv report holds at most ${DOTENV_MAX_VARIABLES} variables (got ${variables.length})`);
  const lines = variables.map(([name, value]) => {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`"${name}" is not a dotenv variable name (letters, digits and _ only)`);
    return `${name}=${dotenvValue(value)}`;
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * A comma-separated list that leaves `room` bytes: the items that fit, then `+N more`. GitLab
 * refuses a whole report over its size limit, so a long list is cut rather than the report lost.
 */
export function dotenvList(items: readonly string[], room: number): string {
  const full = items.join(',');
  if (Buffer.byteLength(full) <= room) return full;
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const more = `+${items.length - i - 1} more`;
    const item = Buffer.byteLength(items[i]!) + 1;
    if (used + item + Buffer.byteLength(more) > room) break;
    kept.push(items[i]!);
    used += item;
  }
  return [...kept, `+${items.length - kept.length} more`].join(',');
}

/**
 * Scalars first, then lists sharing what is left of the size limit equally (one line's
 * `NAME=` and newline counted), so the report always stays under GitLab's limit.
 */
export function fitDotenv(scalars: DotenvVariables, lists: Array<[name: string, items: readonly string[]]>): { variables: DotenvVariables; truncated: boolean } {
  const fixed = scalars.reduce((n, [k, v]) => n + Buffer.byteLength(`${k}=${dotenvValue(v)}\n`), 0);
  const overhead = lists.reduce((n, [k]) => n + k.length + 2, 0);
  // One byte under the limit: GitLab requires the file to be smaller than 5 KiB.
  let budget = DOTENV_MAX_BYTES - 1 - fixed - overhead;
  let truncated = false;
  const sized = [...lists].sort((a, b) => Buffer.byteLength(a[1].join(',')) - Buffer.byteLength(b[1].join(',')));
  const values = new Map<string, string>();
  sized.forEach(([name, items], i) => {
    const share = Math.floor(budget / (sized.length - i));
    const clean = items.map(dotenvValue);
    const value = dotenvList(clean, Math.max(0, share));
    if (value !== clean.join(',')) truncated = true;
    values.set(name, value);
    budget -= Buffer.byteLength(value);
  });
  return { variables: [...scalars, ...lists.map(([name]): [string, string] => [name, values.get(name)!])], truncated };
}

export interface ColorChoice {
  /** `--no-color` given. */
  noColorFlag: boolean;
  env: Env;
  /** Whether the output goes to a terminal. */
  isTTY: boolean;
}

/**
 * `--no-color` wins; then a non-empty `FORCE_COLOR` other than `0`/`false` turns colour on (CI logs
 * render ANSI colours although they are no terminal); then a non-empty `NO_COLOR` turns it off
 * (no-color.org); otherwise colour on a terminal that is not `TERM=dumb`.
 */
export function useColor({ noColorFlag, env, isTTY }: ColorChoice): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !/^(0|false)$/i.test(force);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

export interface Style {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  /** The plan's lines by tone: `+` green, `-` red, `~` yellow. */
  paint: Paint;
}

type Format = Parameters<typeof styleText>[0];
/**
 * Node's own ANSI styling. `validateStream: false` because {@link useColor} has decided already:
 * it reads the run's environment (which tests set) and `--no-color`, which styleText's own check
 * of process.stdout and process.env cannot know.
 */
const styled = (format: Format) => (s: string) => styleText(format, s, { validateStream: false });
const plain = (s: string) => s;

const TONES: Record<Tone, Format> = { add: 'green', remove: 'red', change: 'yellow', muted: 'dim', heading: 'bold' };

export function style(color: boolean): Style {
  if (!color) return { red: plain, green: plain, yellow: plain, dim: plain, bold: plain, paint: plainText };
  return {
    red: styled('red'),
    green: styled('green'),
    yellow: styled('yellow'),
    dim: styled('dim'),
    bold: styled('bold'),
    paint: (tone, text) => styled(TONES[tone])(text),
  };
}

/** What a shell reports for a program a closed pipe stopped (128 + SIGPIPE). */
export const EXIT_CLOSED_PIPE = 141;

/**
 * Ends the process quietly when whoever reads stdout or stderr has gone (`prefect-deploy plan
 * --help | head -1`), as SIGPIPE ends a C program; Node ignores SIGPIPE, so the write fails with
 * EPIPE instead, and an unhandled stream error prints a stack trace to the terminal. Nothing is
 * left to say to a reader that is gone, so nothing more is written.
 */
export function exitWhenReaderCloses(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_CLOSED_PIPE);
      throw error;
    });
  }
}

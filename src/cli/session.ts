/**
 * One run of the CLI: its I/O (every line redacted), the secrets, the CI it runs in, and what the
 * command leaves for the pipeline: the JSON result, the dotenv report, the exit code.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { Secrets } from '../core/secrets.js';
import type { FailureReason } from '../commands/index.js';
import { detectCi, type CiEnvironment } from './ci.js';
import { dotenvText, fitDotenv, style, useColor, writeFileAtomic, type DotenvVariables, type Style } from './output.js';
import type { Terminal } from './progress.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** `plan --detailed-exitcode`: a deploy would change something (usage errors are then 1, so 2 means this alone). */
export const EXIT_CHANGES = 2;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Whether a person is at a terminal to answer questions (init's recipe and missing fields). */
  isTTY?: boolean;
  prompt?: (question: string) => Promise<string>;
  /** stdout when it is a terminal: colour, and the live progress block of deploy. */
  terminal?: Terminal;
}

/** Options every command takes (declared once, on the program; accepted before or after the command). */
export interface GlobalFlags {
  prefectFile: string;
  json?: boolean;
  outputFile?: string;
  debug?: boolean;
  /** commander's `--no-color` sets this to false. */
  color: boolean;
}

/** What a command leaves for the pipeline: the JSON `--json` prints (also `--output-file`'s content) and the dotenv report. */
export interface CliOutput {
  json: unknown;
  dotenv?: { scalars: DotenvVariables; lists: Array<[string, readonly string[]]> };
}

export class Session {
  readonly io: Io;
  readonly ci: CiEnvironment;
  exitCode = EXIT_OK;
  output: CliOutput | undefined;
  globals: GlobalFlags | undefined;
  dotenvFile: string | undefined;
  /** `plan --detailed-exitcode`: exit 2 means changes, so any error (a result that cannot be written) is 1. */
  detailedExitcode = false;

  // Templating puts the values of Secret blocks (and other blocks' secret fields) in clear into
  // payloads, step inputs and step outputs; everything printed or written goes through `secrets`,
  // which learns each value as the client reads its block document.
  constructor(
    rawIo: Io,
    readonly secrets: Secrets = new Secrets(),
  ) {
    secrets.addEnvironment(rawIo.env);
    this.io = redactingIo(rawIo, secrets);
    this.ci = detectCi(this.io.env);
  }

  /** Global flags with the command's own, and the colours that follow from them. */
  context<F extends GlobalFlags>(cmd: Command): { flags: F; s: Style } {
    const flags = cmd.optsWithGlobals<F>();
    this.globals = flags;
    const s = style(useColor({ noColorFlag: flags.color === false, env: this.io.env, isTTY: this.io.terminal !== undefined }));
    return { flags, s };
  }

  /** Leaves the command's output and exit code. */
  done(output: CliOutput, exitCode: number): void {
    this.output = output;
    this.exitCode = exitCode;
  }

  paint(s: Style, d: Diagnostic): string {
    return d.severity === 'error' ? s.red(formatDiagnostic(d)) : s.yellow(formatDiagnostic(d));
  }

  /** Each problem as a line (a CI annotation where the CI reads them), then how many errors stopped the command. */
  printProblems(s: Style, diagnostics: readonly Diagnostic[], verb: string): boolean {
    for (const d of diagnostics) this.io.stderr(this.ci.annotation ? this.ci.annotation(d, this.io.cwd) : this.paint(s, d));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) this.io.stderr(s.red(`${errors} problem${errors === 1 ? '' : 's'} found; nothing ${verb}.`));
    return errors > 0;
  }

  /** With --json only the CI annotations go to stderr: stdout holds the JSON. */
  annotateOnly(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) if (this.ci.annotation) this.io.stderr(this.ci.annotation(d, this.io.cwd));
  }

  /** The files a pipeline reads after us; a file that cannot be written fails the command. */
  writeResult(): number {
    const { io, globals, dotenvFile, output, exitCode } = this;
    if (!output) return exitCode;
    const redact = (text: string) => this.secrets.redactText(text);
    try {
      if (globals?.outputFile) writeFileAtomic(path.resolve(io.cwd, globals.outputFile), redact(`${JSON.stringify(output.json, null, 2)}\n`));
      if (dotenvFile && output.dotenv) {
        const { variables, truncated } = fitDotenv(output.dotenv.scalars, output.dotenv.lists);
        if (truncated)
          io.stderr(
            `warning: ${dotenvFile}: lists cut to stay under GitLab's 5 KiB dotenv limit${globals?.outputFile ? `; ${globals.outputFile} has them whole` : ' (--output-file keeps them whole)'}`,
          );
        writeFileAtomic(path.resolve(io.cwd, dotenvFile), redact(dotenvText(variables)));
      }
    } catch (e) {
      io.stderr(`error: cannot write the result: ${(e as Error).message}`);
      return exitCode === EXIT_OK || this.detailedExitcode ? EXIT_FAILED : exitCode;
    }
    return exitCode;
  }
}

/** `PREFECT_DEPLOY_STATUS` and `PREFECT_DEPLOY_FAILURE_REASON`, the first two lines of every dotenv report. */
export function status(reason: FailureReason | undefined): DotenvVariables {
  return [
    ['PREFECT_DEPLOY_STATUS', reason ? 'failed' : 'success'],
    ['PREFECT_DEPLOY_FAILURE_REASON', reason ?? ''],
  ];
}

/** What a command without a Prefect API says (`no-api-url`). */
export const NO_API_MESSAGE = 'no Prefect API: set PREFECT_API_URL (and PREFECT_API_KEY for Prefect Cloud) or pass --api-url';

/**
 * A command refused before it did anything (no API, an input it cannot take): one error line, the
 * JSON and dotenv reports saying so, exit 2. `list` names the JSON's (empty) list of results.
 */
export function refused(session: Session, s: Style, refusal: { message: string; reason: FailureReason; file: string | null; list?: 'deployments' | 'projects' }): void {
  const { message, reason, file } = refusal;
  session.io.stderr(s.red(`error: ${message}`));
  session.done(
    {
      json: { [refusal.list ?? 'deployments']: [], errors: [{ file, line: null, column: null, deployment: null, message }], warnings: [], failure_reason: reason },
      dotenv: { scalars: status(reason), lists: [] },
    },
    EXIT_USAGE,
  );
}

/**
 * `io` with every secret known so far removed from what reaches stdout, stderr and the terminal:
 * progress lines, step logs, problems and error messages (a server's error body can echo a value).
 * The JSON results are redacted as values before this, which also blanks credential-named keys.
 */
function redactingIo(io: Io, secrets: Secrets): Io {
  const { terminal } = io;
  return {
    ...io,
    stdout: (text) => io.stdout(secrets.redactText(text)),
    stderr: (text) => io.stderr(secrets.redactText(text)),
    ...(terminal
      ? { terminal: { write: (raw: string) => terminal.write(secrets.redactText(raw)), columns: () => terminal.columns(), rows: () => terminal.rows() } }
      : {}),
  };
}

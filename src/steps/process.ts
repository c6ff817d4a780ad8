/**
 * Subprocesses for steps: argv or shell, captured and optionally streamed line by line, with the
 * reference's (Python's) texts for the failures users meet most (missing program or directory).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import type { Environment } from '../core/templating/index.js';

export interface ProcessOptions {
  cwd: string;
  env: Record<string, string>;
  /** Run `command[0]` through the system shell (`/bin/sh -c` on POSIX) instead of exec'ing argv. */
  shell?: boolean;
  signal?: AbortSignal;
  /** Receives complete lines of stdout/stderr as they arrive (when streaming). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How the directory was written, for the "No such file or directory" message. */
  displayCwd?: string;
  /** Written to the process's stdin, which is then closed (secrets that must not be in argv). */
  input?: string;
}

export interface ProcessResult {
  /** Exit code; like Python's `returncode`, `-N` when killed by signal N. */
  code: number;
  stdout: string;
  stderr: string;
}

/** A failure to start a process, worded as Python's `OSError` (`[Errno 2] No such file or directory: 'x'`). */
export class ProcessStartError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ProcessStartError';
  }
}

const STRERROR: Record<string, [number, string]> = {
  ENOENT: [2, 'No such file or directory'],
  EACCES: [13, 'Permission denied'],
  ENOTDIR: [20, 'Not a directory'],
  ENOEXEC: [8, 'Exec format error'],
  EPERM: [1, 'Operation not permitted'],
};

function osError(code: string | undefined, filename: string, fallback: string): ProcessStartError {
  const known = code === undefined ? undefined : STRERROR[code];
  const text = known ? `[Errno ${known[0]}] ${known[1]}: '${filename}'` : fallback;
  return new ProcessStartError(text, code);
}

/** The process environment: the context's variables without unset ones. */
export function processEnv(env: Environment, overrides: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return Object.assign(out, overrides);
}

/** Splits a decoded stream into lines for `onLine`, keeping the unfinished tail. */
class LineSplitter {
  private tail = '';
  constructor(private readonly emit: (line: string) => void) {}
  push(text: string): void {
    const parts = (this.tail + text).split(/\r?\n/u);
    this.tail = parts.pop() ?? '';
    for (const line of parts) this.emit(line);
  }
  end(): void {
    if (this.tail !== '') this.emit(this.tail);
    this.tail = '';
  }
}

/** Runs one process to completion; rejects only when it cannot start or the signal aborts it. */
export function runProcess(command: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  const [file, ...args] = command;
  if (file === undefined) return Promise.reject(new Error('empty command'));
  const cwdError = checkDirectory(options.cwd, options.displayCwd ?? options.cwd);
  if (cwdError) return Promise.reject(cwdError);
  if (options.signal?.aborted) return Promise.reject(abortError(options.signal));

  return new Promise<ProcessResult>((resolve, reject) => {
    // stdin is a pipe closed at once (EOF, as /dev/null would give) after `input`, if any.
    const child = options.shell
      ? spawn(file, { cwd: options.cwd, env: options.env, shell: true, stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    // A process that exits without reading its stdin must not turn into an EPIPE crash.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
    const captured = { stdout: '', stderr: '' };
    const decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };
    const splitters = {
      stdout: new LineSplitter((line) => options.onLine?.(line, 'stdout')),
      stderr: new LineSplitter((line) => options.onLine?.(line, 'stderr')),
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => {
        const text = decoders[stream].decode(chunk, { stream: true });
        captured[stream] += text;
        if (options.onLine) splitters[stream].push(text);
      });
    }
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let failed = false;
    child.on('error', (error: NodeJS.ErrnoException) => {
      failed = true;
      options.signal?.removeEventListener('abort', onAbort);
      reject(osError(error.code, file, error.message));
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (failed) return;
      if (options.signal?.aborted) {
        reject(abortError(options.signal));
        return;
      }
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = decoders[stream].decode();
        captured[stream] += rest;
        if (options.onLine) {
          splitters[stream].push(rest);
          splitters[stream].end();
        }
      }
      const exitCode = code ?? (signal ? -(constants.signals[signal] ?? 1) : -1);
      resolve({ code: exitCode, stdout: captured.stdout, stderr: captured.stderr });
    });
  });
}

function checkDirectory(cwd: string, display: string): ProcessStartError | undefined {
  try {
    if (!statSync(cwd).isDirectory()) return osError('ENOTDIR', display, `not a directory: ${display}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return osError(code, display, `cannot use directory ${display}: ${(error as Error).message}`);
  }
  return undefined;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('the step was cancelled');
}

/** The first of `names` found on the environment's PATH (with PATHEXT on Windows), or undefined. */
export function findExecutable(names: readonly string[], env: Environment): string | undefined {
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT;.COM').split(';') : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = path.join(dir, name + ext);
        try {
          if (statSync(candidate).isFile()) {
            accessSync(candidate, fsConstants.X_OK);
            return candidate;
          }
        } catch {
          // not here
        }
      }
    }
  }
  return undefined;
}

/**
 * Problems found in user input. Every problem the engine reports is a Diagnostic so that both front
 * doors (action, CLI) can print it as one line and annotate the file.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** The prefect.yaml (or flow file) as the user named it, relative to the working directory. */
  file: string;
  /** 1-based; absent when the problem has no position (e.g. a missing file). */
  line?: number;
  /** 1-based. */
  column?: number;
  /** The deployment's name as written in the file (or `#<index>` when it has none). */
  deployment?: string;
  message: string;
}

/** A problem located by a path inside a value (`['schedules', 0, 'cron']`), before it has a position. */
export interface FieldError {
  path: (string | number)[];
  message: string;
  /** Point at the key rather than its value (a key that should not be there). */
  atKey?: boolean;
}

/** A path as the user reads it in prefect.yaml: `schedules[0].foo`. */
export function keyPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc === '' ? p : `${acc}.${p}`), '');
}

/** Thrown by the engine when it stops on user input; carries every problem found, not just the first. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}

/** `prefect.yaml:14:7: deployment "etl": work pool "prod" does not exist (…)` */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) {
    where += `:${d.line}`;
    if (d.column !== undefined) where += `:${d.column}`;
  }
  const who = d.deployment !== undefined ? `deployment "${d.deployment}": ` : '';
  return `${where}: ${d.severity === 'warning' ? 'warning: ' : ''}${who}${d.message}`;
}

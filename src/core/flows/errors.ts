/**
 * A flow the engine cannot analyse. `file` is relative to the working directory, positions are
 * 1-based, so front doors can print `flows/etl.py:12:5: message` and annotate the file.
 */
export class FlowAnalysisError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The message without the position prefix. */
  readonly detail: string;

  constructor(detail: string, where: { file?: string; line?: number; column?: number } = {}) {
    super(formatWhere(where) + detail);
    this.name = 'FlowAnalysisError';
    this.detail = detail;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

function formatWhere(where: { file?: string; line?: number; column?: number }): string {
  if (where.file === undefined) return '';
  let s = where.file;
  if (where.line !== undefined) {
    s += `:${where.line}`;
    if (where.column !== undefined) s += `:${where.column}`;
  }
  return `${s}: `;
}

/**
 * Deploy progress for people. In a CI log (or any output that is not a terminal): plain lines
 * with timings — validation, each deployment's steps and registration, a summary. On a terminal:
 * the same finished lines, under a status block redrawn in place (ANSI cursor movement) with a
 * spinner per deployment in progress.
 */
import type { DeploymentOutcome, DeployProgress } from '../core/apply/index.js';
import { qualifiedName } from '../core/plan/index.js';
import { deploymentUrl } from '../prefect/ui.js';
import type { Style } from './output.js';

/** stdout when it is a terminal. */
export interface Terminal {
  write(raw: string): void;
  columns(): number;
  rows(): number;
}

export interface DeployReporter {
  progress(event: DeployProgress): void;
  stepLog(deployment: string, line: string): void;
  result(outcome: DeploymentOutcome): void;
  /** Any other line (warnings, debug), kept clear of a live block. */
  note(line: string, isError?: boolean): void;
  /** Ends the display with the summary line. */
  finish(summary: string): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function outcomeLine(o: DeploymentOutcome, ui: string | undefined, s: Style): string {
  const painted = { created: s.green, updated: s.yellow, unchanged: s.dim, failed: s.red, deleted: s.yellow }[o.action];
  const what = o.action === 'failed' ? `failed: ${o.error}` : o.action;
  const fields = o.action === 'updated' && o.changes.length ? ` (${o.changes.map((c) => c.field).join(', ')})` : '';
  const url = o.action === 'deleted' ? undefined : deploymentUrl(ui, o.id);
  const link = url ? `  ${s.dim(url)}` : '';
  return `${qualifiedName(o)}: ${painted(what)}${fields} in ${seconds(o.durationMs)}${link}`;
}

interface Lines {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Plain lines, each written once: what a CI log (or a pipe) gets. */
export class PlainReporter implements DeployReporter {
  private readonly startedAt: number;
  private readonly stepsSince = new Map<string, number>();

  constructor(
    private readonly lines: Lines,
    private readonly s: Style,
    private readonly ui: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  progress(event: DeployProgress): void {
    if (event.phase === 'validated') {
      const n = event.deployments.length;
      this.lines.out(`validated ${n} deployment${n === 1 ? '' : 's'} in ${seconds(this.now() - this.startedAt)}`);
    } else if (event.phase === 'steps') {
      this.stepsSince.set(qualifiedName(event), this.now());
      this.lines.out(`${qualifiedName(event)}: running build and push steps`);
    } else if (event.phase === 'built') {
      const key = qualifiedName(event);
      this.lines.out(`${key}: steps done in ${seconds(this.now() - (this.stepsSince.get(key) ?? this.now()))}`);
    }
  }

  stepLog(deployment: string, line: string): void {
    this.lines.out(this.s.dim(`[${deployment}] ${line}`));
  }

  result(o: DeploymentOutcome): void {
    (o.action === 'failed' ? this.lines.err : this.lines.out)(outcomeLine(o, this.ui, this.s));
  }

  note(line: string, isError = false): void {
    (isError ? this.lines.err : this.lines.out)(line);
  }

  finish(summary: string): void {
    this.lines.out(`${summary} in ${seconds(this.now() - this.startedAt)}`);
  }
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const PHASE_TEXT = { waiting: 'waiting', steps: 'build/push steps', built: 'steps done', registering: 'registering' } as const;

interface Running {
  label: string;
  phase: keyof typeof PHASE_TEXT;
  since: number;
}

/**
 * Finished lines scroll up as usual; below them a block of (at most a screenful of) lines is
 * erased and redrawn on every event and every tick: the overall state, then one line per
 * deployment in progress. The block never wraps (lines are cut to the width) so that moving the
 * cursor up by its line count always lands on its first line.
 */
export class LiveReporter implements DeployReporter {
  private readonly startedAt: number;
  private drawn = 0;
  private total: number | undefined;
  private done = 0;
  private failed = 0;
  private readonly running = new Map<string, Running>();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly term: Terminal,
    private readonly s: Style,
    private readonly ui: string | undefined,
    private readonly now: () => number = Date.now,
    tickMs = 100,
  ) {
    this.startedAt = now();
    if (tickMs > 0) {
      this.timer = setInterval(() => this.redraw([]), tickMs);
      // The ticker must not keep the process alive if the deploy ends without finish().
      this.timer.unref();
    }
    this.redraw([]);
  }

  progress(event: DeployProgress): void {
    if (event.phase === 'validated') {
      this.total = event.deployments.length;
      for (const d of event.deployments) this.running.set(qualifiedName(d), { label: qualifiedName(d), phase: 'waiting', since: this.now() });
    } else {
      const key = qualifiedName(event);
      this.running.set(key, { label: key, phase: event.phase, since: this.now() });
    }
    this.redraw([]);
  }

  stepLog(deployment: string, line: string): void {
    this.redraw([this.s.dim(`[${deployment}] ${line}`)]);
  }

  result(o: DeploymentOutcome): void {
    this.running.delete(qualifiedName(o));
    this.done++;
    if (o.action === 'failed') this.failed++;
    this.redraw([outcomeLine(o, this.ui, this.s)]);
  }

  note(line: string): void {
    this.redraw([line]);
  }

  finish(summary: string): void {
    if (this.timer) clearInterval(this.timer);
    this.term.write(this.erase() + `${summary} in ${seconds(this.now() - this.startedAt)}\n`);
    this.drawn = 0;
  }

  private erase(): string {
    // To the first column of the block's first line, then clear to the end of the screen.
    return this.drawn > 0 ? `\x1b[${this.drawn}F\x1b[J` : '';
  }

  private redraw(permanent: readonly string[]): void {
    const block = this.block();
    this.term.write(this.erase() + permanent.map((l) => `${l}\n`).join('') + block.map((l) => `${l}\n`).join(''));
    this.drawn = block.length;
  }

  private block(): string[] {
    const now = this.now();
    const width = Math.max(20, this.term.columns() - 1);
    const frame = (since: number) => SPINNER[Math.floor((now - since) / 80) % SPINNER.length]!;
    const cut = (line: string) => {
      // Colour codes take no room on screen; a line too wide loses its colours and its end.
      const visible = line.replace(/\x1b\[\d*m/g, '');
      return visible.length > width ? `${visible.slice(0, width - 1)}…` : line;
    };
    const elapsed = seconds(now - this.startedAt);
    if (this.total === undefined) return [cut(`${frame(this.startedAt)} validating · ${elapsed}`)];
    const active = [...this.running.values()].filter((r) => r.phase !== 'waiting');
    const waiting = this.running.size - active.length;
    const head = [
      `${this.done}/${this.total} done`,
      this.failed ? this.s.red(`${this.failed} failed`) : undefined,
      `${active.length} in progress`,
      waiting ? `${waiting} waiting` : undefined,
      elapsed,
    ]
      .filter(Boolean)
      .join(' · ');
    const lines = [cut(`${frame(this.startedAt)} ${head}`)];
    const room = Math.max(1, this.term.rows() - 2);
    const labelWidth = Math.min(48, Math.max(0, ...active.map((r) => r.label.length)));
    for (const r of active.slice(0, room)) {
      lines.push(cut(`  ${frame(r.since)} ${r.label.padEnd(labelWidth)}  ${PHASE_TEXT[r.phase]} ${seconds(now - r.since)}`));
    }
    if (active.length > room) lines.push(`  … ${active.length - room} more in progress`);
    return lines;
  }
}

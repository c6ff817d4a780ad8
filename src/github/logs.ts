/**
 * The job log: a group per deployment and per step, annotations on prefect.yaml lines, and text
 * that came from users (prefect.yaml, step output) behind `::stop-commands::` so a line that looks
 * like a workflow command (`::add-mask::`, `::error::`, `::set-output`) is printed, not obeyed.
 */
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import type { Diagnostic } from '../core/diagnostics.js';

type Write = (line: string) => void;

const stdout: Write = (line) => process.stdout.write(line + EOL);

/** Lines of a group with workflow commands turned off inside it. */
export function groupLines(title: string, lines: readonly string[]): string[] {
  const token = randomUUID().replace(/-/g, '');
  return [`::group::${commandValue(title)}`, `::stop-commands::${token}`, ...lines, `::${token}::`, '::endgroup::'];
}

/** Prints one group; `lines` are shown as text even when they look like commands. */
export function printGroup(title: string, lines: readonly string[], write: Write = stdout): void {
  for (const line of groupLines(title, lines)) write(line);
}

/** `%`, CR and LF escaped the way the runner unescapes command values. */
function commandValue(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The stop-commands region open in the log right now, if any (a step streaming live). */
let stopped: { token: string; write: Write } | undefined;

/**
 * Issues a workflow command even while a step's output is streaming behind `::stop-commands::`:
 * inside that region the runner ignores every command, so a secret first read while a step runs
 * (a block placeholder in its inputs) would not be masked. The region is resumed for the command and
 * stopped again with the same token.
 */
export function issueCommand(command: () => void): void {
  const region = stopped;
  if (region) region.write(`::${region.token}::`);
  try {
    command();
  } finally {
    if (region) region.write(`::stop-commands::${region.token}`);
  }
}

interface OpenStep {
  deployment: string;
  title: string;
  token: string;
  lines: string[];
  done: boolean;
}

/**
 * Build and push steps run for several deployments at once, but the log can show one group at a
 * time. The first step to start streams live; steps that start meanwhile are kept and printed
 * whole, each as its own group, when the live one ends (a still-running one then goes live).
 */
export class StepLogs {
  private live: OpenStep | undefined;
  private readonly waiting: OpenStep[] = [];
  private readonly current = new Map<string, OpenStep>();

  constructor(private readonly write: Write = stdout) {}

  start(deployment: string, title: string): void {
    const step: OpenStep = { deployment, title, token: randomUUID().replace(/-/g, ''), lines: [], done: false };
    this.current.set(deployment, step);
    if (this.live) this.waiting.push(step);
    else this.goLive(step);
  }

  line(deployment: string, text: string): void {
    const step = this.current.get(deployment);
    if (!step) {
      printGroup(deployment, [text], this.write);
      return;
    }
    if (step === this.live) this.write(text);
    else step.lines.push(text);
  }

  end(deployment: string, error?: Error): void {
    const step = this.current.get(deployment);
    if (!step) return;
    this.current.delete(deployment);
    if (error) step.lines.push(`✖ ${error.message}`);
    step.done = true;
    if (step !== this.live) return;
    this.close(step);
    this.live = undefined;
    while (this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.goLive(next);
      if (!next.done) return;
      this.close(next);
      this.live = undefined;
    }
  }

  private goLive(step: OpenStep): void {
    this.live = step;
    this.write(`::group::${commandValue(step.title)}`);
    this.write(`::stop-commands::${step.token}`);
    stopped = { token: step.token, write: this.write };
    for (const l of step.lines) this.write(l);
    step.lines = [];
  }

  private close(step: OpenStep): void {
    for (const l of step.lines) this.write(l);
    if (stopped?.token === step.token) stopped = undefined;
    this.write(`::${step.token}::`);
    this.write('::endgroup::');
  }
}

/**
 * prefect.yaml problems as annotations on their file and line, so they show in the PR's diff. The
 * runner wants paths relative to the repository root (the workspace).
 */
export function annotate(diagnostics: readonly Diagnostic[], cwd: string, workspace: string): void {
  for (const d of diagnostics) {
    const file = path.relative(workspace, path.resolve(cwd, d.file)).split(path.sep).join('/');
    const props: core.AnnotationProperties = {
      title: d.deployment ? `deployment ${d.deployment}` : path.basename(d.file),
      file,
      ...(d.line !== undefined ? { startLine: d.line } : {}),
      ...(d.column !== undefined ? { startColumn: d.column } : {}),
    };
    if (d.severity === 'error') core.error(d.message, props);
    else core.warning(d.message, props);
  }
}

/**
 * The commands' Reporter for the action: lines through @actions/core, prefect.yaml problems as
 * annotations, a log group per build/push step and per deployment registered.
 */
import * as core from '@actions/core';
import type { Diagnostic } from '../core/diagnostics.js';
import { lockEventText, type DeploymentOutcome, type DeployProgress, type LockEvent, type SmokeEvent } from '../core/apply/index.js';
import { qualifiedName, type DesiredDeployment } from '../core/plan/index.js';
import { deploymentUrl, flowRunUrl } from '../prefect/index.js';
import type { StepEvent } from '../steps/index.js';
import type { Reporter } from '../commands/index.js';
import { annotate, printGroup, StepLogs } from './logs.js';
import { deploymentKey } from './outputs.js';

export class ActionReporter implements Reporter {
  private readonly logs = new StepLogs();
  private ui: string | undefined;

  /** `cwd`: where prefect.yaml's paths start; `workspace`: what annotations are relative to. */
  constructor(
    private readonly cwd: string,
    private readonly workspace: string,
  ) {}

  info(line: string): void {
    core.info(line);
  }

  warning(line: string): void {
    core.warning(line);
  }

  notice(line: string): void {
    core.notice(line);
  }

  diagnostics(list: readonly Diagnostic[]): void {
    annotate(list, this.cwd, this.workspace);
  }

  deploying(uiUrl: string | undefined): void {
    this.ui = uiUrl;
  }

  step(d: DesiredDeployment, e: StepEvent): void {
    // Keyed `flow/name`, as the step's lines arrive (see DeployRequest.onStepLog).
    const key = deploymentKey(d);
    if (e.phase === 'start') this.logs.start(key, `${key} · ${e.section ?? 'build'} step ${e.index + 1}: ${e.name.split('.').at(-1)}`);
    else this.logs.end(key, e.error);
  }

  stepLog(deployment: string, line: string): void {
    this.logs.line(deployment, line);
  }

  progress(_event: DeployProgress): void {
    // The log groups of steps and results say where a deploy is.
  }

  result(o: DeploymentOutcome): void {
    printGroup(`${qualifiedName(o)}: ${o.action}`, outcomeLines(o, this.ui));
  }

  smoke(e: SmokeEvent): void {
    if (e.phase === 'started') {
      const url = flowRunUrl(this.ui, e.runId);
      core.info(`smoke: ${e.deployment} run ${e.runName} started${url ? `  ${url}` : ''}`);
    } else if (e.phase === 'state') {
      core.info(`smoke: ${e.deployment} run ${e.runName}: ${e.state}`);
    } else {
      // The outcome line heads a group holding the run's last log lines (redacted by the command).
      printGroup(e.outcome.line, e.outcome.logs.length > 0 ? e.outcome.logs : ['(the run logged nothing)']);
    }
  }

  lock(e: LockEvent): void {
    const { text, warning } = lockEventText(e);
    if (warning) core.warning(text);
    else core.info(text);
  }
}

function outcomeLines(o: DeploymentOutcome, ui: string | undefined): string[] {
  const lines: string[] = [];
  if (o.id) lines.push(`id: ${o.id}${ui ? `  ${deploymentUrl(ui, o.id)}` : ''}`);
  for (const c of o.changes) lines.push(`${c.field}: ${short(c.from)} -> ${short(c.to)}`);
  for (const n of o.notices) lines.push(`note: ${n}`);
  if (o.error) lines.push(`error: ${o.error}`);
  lines.push(`(${o.durationMs} ms)`);
  return lines;
}

function short(v: unknown): string {
  const text = v === undefined ? '(not set)' : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * The commands' Reporter for the terminal: a deploy's progress as the live block (a person at a
 * terminal) or plain lines (CI, pipes, --json), step logs, lock events and the client's own lines.
 * Problems are printed with the result, where --json and the CI decide how.
 */
import { lockEventText, type DeploymentOutcome, type DeployProgress, type LockEvent, type SmokeEvent } from '../core/apply/index.js';
import { flowRunUrl } from '../prefect/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { DesiredDeployment } from '../core/plan/index.js';
import type { StepEvent } from '../steps/index.js';
import type { Reporter } from '../commands/index.js';
import { ciSummary } from './ci.js';
import type { Style } from './output.js';
import { LiveReporter, PlainReporter, type DeployReporter } from './progress.js';
import type { Session } from './session.js';

export class TerminalReporter implements Reporter {
  private display: DeployReporter | undefined;
  private ui: string | undefined;

  /** `json`: stdout holds only the JSON result, so progress goes to stderr. */
  constructor(
    private readonly session: Session,
    private readonly s: Style,
    private readonly json: boolean,
  ) {}

  info(line: string): void {
    this.line(line, false);
  }

  warning(line: string): void {
    this.line(this.s.yellow(`warning: ${line}`), true);
  }

  notice(line: string): void {
    this.line(line, false);
  }

  diagnostics(_list: readonly Diagnostic[]): void {
    // Printed with the result (see Session.printProblems).
  }

  deploying(uiUrl: string | undefined): void {
    const { io, ci } = this.session;
    this.ui = uiUrl;
    const lines = { out: this.json ? io.stderr : io.stdout, err: io.stderr };
    const live = io.terminal && !ci.isCi && !this.json && io.env.TERM !== 'dumb';
    this.display = live ? new LiveReporter(io.terminal!, this.s, uiUrl) : new PlainReporter(lines, this.s, uiUrl);
    const header = ciSummary(ci);
    if (header && !live) lines.out(this.s.dim(`prefect-deploy on ${header}`));
  }

  step(_deployment: DesiredDeployment, _event: StepEvent): void {
    // Each step's lines carry their deployment's name instead of a group.
  }

  stepLog(deployment: string, line: string): void {
    if (this.display) this.display.stepLog(deployment, line);
    else this.session.io.stderr(this.s.dim(`[${deployment}] ${line}`));
  }

  progress(event: DeployProgress): void {
    this.display?.progress(event);
  }

  result(outcome: DeploymentOutcome): void {
    this.display?.result(this.session.secrets.redactValue(outcome));
  }

  lock(event: LockEvent): void {
    const { text, warning } = lockEventText(event);
    this.line(warning ? this.s.yellow(`warning: ${text}`) : this.s.dim(text), warning);
  }

  smoke(event: SmokeEvent): void {
    const { s } = this;
    if (event.phase === 'started') {
      const url = flowRunUrl(this.ui, event.runId);
      this.line(s.dim(`smoke: ${event.deployment} run ${event.runName} started${url ? `  ${url}` : ''}`), false);
    } else if (event.phase === 'state') {
      this.line(s.dim(`smoke: ${event.deployment} run ${event.runName}: ${event.state}`), false);
    } else {
      const o = event.outcome;
      const ok = o.status === 'completed';
      this.line(ok ? s.green(o.line) : s.red(o.line), !ok);
      // The command redacted them; they are the run's own lines, so they never reach stdout's JSON.
      for (const l of o.logs) this.line(s.dim(`  | ${l}`), !ok || this.json);
    }
  }

  clientLog(line: string): void {
    this.line(line, true);
  }

  /** Ends a deploy's display with its summary line. */
  finish(summary: string): void {
    this.display?.finish(summary);
    this.display = undefined;
  }

  private line(text: string, isError: boolean): void {
    if (this.display) this.display.note(text, isError);
    else if (isError || this.json) this.session.io.stderr(text);
    else this.session.io.stdout(text);
  }
}

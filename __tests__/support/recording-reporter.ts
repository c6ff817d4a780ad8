/** A Reporter that keeps every call, for driving a command in-process. */
import type { Reporter } from '../../src/commands/index.js';

export type Call = { [K in keyof Reporter]-?: [K, ...Parameters<NonNullable<Reporter[K]>>] }[keyof Reporter];

export class RecordingReporter implements Reporter {
  readonly calls: Call[] = [];

  of<K extends Call[0]>(kind: K): Array<Extract<Call, [K, ...unknown[]]>> {
    return this.calls.filter((c): c is Extract<Call, [K, ...unknown[]]> => c[0] === kind);
  }

  info(line: string): void {
    this.calls.push(['info', line]);
  }
  warning(line: string): void {
    this.calls.push(['warning', line]);
  }
  notice(line: string): void {
    this.calls.push(['notice', line]);
  }
  diagnostics(...args: Parameters<Reporter['diagnostics']>): void {
    this.calls.push(['diagnostics', ...args]);
  }
  deploying(...args: Parameters<Reporter['deploying']>): void {
    this.calls.push(['deploying', ...args]);
  }
  step(...args: Parameters<Reporter['step']>): void {
    this.calls.push(['step', ...args]);
  }
  stepLog(...args: Parameters<Reporter['stepLog']>): void {
    this.calls.push(['stepLog', ...args]);
  }
  progress(...args: Parameters<Reporter['progress']>): void {
    this.calls.push(['progress', ...args]);
  }
  result(...args: Parameters<Reporter['result']>): void {
    this.calls.push(['result', ...args]);
  }
  lock(...args: Parameters<Reporter['lock']>): void {
    this.calls.push(['lock', ...args]);
  }
  smoke(...args: Parameters<Reporter['smoke']>): void {
    this.calls.push(['smoke', ...args]);
  }
  clientLog(line: string): void {
    this.calls.push(['clientLog', line]);
  }
}

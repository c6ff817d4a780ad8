/**
 * Smoke runs in a job summary: one row per run (deployment, run, how it ended, in how long, the
 * state message), and each run's last log lines folded under it.
 */
import type { SmokeOutcome } from '../apply/smoke.js';
import { code } from './markdown.js';

/** The smoke runs' section; empty when none ran. Messages and logs come redacted from the command. */
export function smokeToMarkdown(outcomes: readonly SmokeOutcome[] | undefined): string {
  if (!outcomes || outcomes.length === 0) return '';
  const failed = outcomes.filter((o) => o.status !== 'completed').length;
  const title = failed ? `❌ Smoke runs: ${failed} of ${outcomes.length} did not complete` : `Smoke runs: ${outcomes.length} completed`;
  const rows = outcomes.map((o) => {
    const ended = o.status === 'timed-out' ? `not Completed in time (still ${o.state ?? 'unknown'})` : o.status === 'error' ? 'error' : (o.state ?? o.status);
    return `| ${code(o.deployment)} | ${o.runName ? code(o.runName) : '—'} | ${o.status === 'completed' ? '✅' : '❌'} ${plain(ended)} | ${(o.durationMs / 1000).toFixed(1)}s | ${o.message ? plain(o.message) : ''} |`;
  });
  const logs = outcomes
    .filter((o) => o.logs.length > 0)
    .map((o) => {
      // A fence longer than any run of backticks in the lines: a log line cannot close it.
      const fence = '`'.repeat(Math.max(3, ...o.logs.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length + 1))));
      const summary = `<details><summary>${html(o.deployment)} run ${html(o.runName ?? '')}: last log lines</summary>`;
      return [summary, '', `${fence}text`, ...o.logs, fence, '', '</details>'].join('\n');
    });
  return [`#### ${title}`, '', '| Deployment | Run | State | After | Message |', '| --- | --- | --- | --- | --- |', ...rows, '', ...logs].join('\n').trimEnd();
}

function plain(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The preview deployments as markdown: the PR's preview comment and the job summary of
 * `mode: preview` — each copy with its link in the Prefect UI after an up, what was deleted after a down.
 */
import type { DeploymentOutcome } from '../apply/index.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';
import { qualifiedName } from '../plan/desired.js';
import { previewTag } from '../plan/preview.js';
import { deploymentUrl } from '../../prefect/ui.js';

export interface PreviewReport {
  action: 'up' | 'down';
  id: string;
  outcomes: readonly DeploymentOutcome[];
  diagnostics: readonly Diagnostic[];
  uiUrl?: string | undefined;
  /** Whether the copies keep their schedules active / have their triggers. */
  withSchedules?: boolean;
  withTriggers?: boolean;
  /** Last line (who made it, from which commit). */
  footer?: string;
}

const code = (text: string) => `\`${text.replaceAll('`', "'")}\``;

export function previewToMarkdown(report: PreviewReport): string {
  const { id, outcomes } = report;
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  const failed = outcomes.filter((o) => o.action === 'failed').length;
  const lines: string[] = [];
  if (report.action === 'up') {
    const registered = outcomes.filter((o) => o.action !== 'failed').length;
    const title =
      outcomes.length === 0 && errors.length > 0
        ? `❌ Preview deployments ${code(id)}: nothing registered`
        : `${failed ? '❌ ' : '🔍 '}Preview deployments ${code(id)}: ${registered} registered${failed ? `, ${failed} failed` : ''}`;
    lines.push(`### ${title}`, '');
    if (outcomes.length > 0) {
      lines.push('| Deployment | | Prefect UI |', '|---|---|---|');
      for (const o of outcomes) {
        const url = deploymentUrl(report.uiUrl, o.id);
        lines.push(`| ${code(qualifiedName(o))} | ${o.action} | ${url ? `[open](${url})` : '—'} |`);
      }
      lines.push('');
      const schedules = report.withSchedules ? 'schedules active' : 'schedules inactive';
      const triggers = report.withTriggers ? 'triggers registered' : 'no triggers';
      lines.push(`Copies of the selected deployments (same flows): ${schedules}, ${triggers}, tagged ${code(previewTag(id))}. Deleted when the pull request closes.`, '');
    }
  } else {
    const deleted = outcomes.filter((o) => o.action === 'deleted');
    const title =
      failed || errors.length
        ? `❌ Preview deployments ${code(id)}: ${deleted.length} deleted, ${failed} failed`
        : `🗑️ Preview deployments ${code(id)}: ${deleted.length === 0 ? 'none left to delete' : `${deleted.length} deleted`}`;
    lines.push(`### ${title}`, '');
    for (const o of outcomes) lines.push(`- ${o.action === 'deleted' ? '🔴' : '❌'} ${code(qualifiedName(o))}${o.error ? `: ${o.error}` : ''}`);
    if (outcomes.length > 0) lines.push('');
  }
  for (const d of report.diagnostics) lines.push(`> ${d.severity === 'error' ? '❌' : '⚠️'} ${formatDiagnostic(d).replaceAll('\n', ' ')}`);
  if (report.diagnostics.length > 0) lines.push('');
  if (report.footer) lines.push(report.footer, '');
  return lines.join('\n');
}

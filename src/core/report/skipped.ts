/**
 * Deployments `--changed-since` left out: shown in every report, so a reviewer sees what was not
 * planned or deployed and why.
 */
import { code } from './markdown.js';

export interface SkippedDeployments {
  /** The revision compared with. */
  ref: string;
  skipped: ReadonlyArray<{ deployment: string; reason: string }>;
  /** Why each deployment worked on counts as changed, by its index in the file (the text and JSON plans show it). */
  because?: ReadonlyMap<number, string> | undefined;
}

/** `skipped: unchanged since REF` lines for the terminal; empty when nothing was skipped. */
export function skippedToText(s: SkippedDeployments | undefined): string {
  if (!s || s.skipped.length === 0) return '';
  return [`${s.skipped.length} deployment(s) skipped: unchanged since ${s.ref}`, ...s.skipped.map((d) => `  ${d.deployment}  skipped: ${d.reason}`)].join('\n');
}

/** The same for a PR comment or job summary; empty when nothing was skipped. */
export function skippedToMarkdown(s: SkippedDeployments | undefined): string {
  if (!s || s.skipped.length === 0) return '';
  const rows = s.skipped.map((d) => `| ${code(d.deployment)} | skipped: ${plain(d.reason)} |`);
  return [
    `<details><summary>${s.skipped.length} deployment(s) skipped: unchanged since <code>${html(s.ref)}</code></summary>`,
    '',
    '| Deployment | |',
    '| --- | --- |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

/** `skipped: [{deployment, reason}]` for `--json` and the action's outputs. */
export function skippedToJson(s: SkippedDeployments | undefined): Array<{ deployment: string; reason: string }> {
  return s ? s.skipped.map((d) => ({ deployment: d.deployment, reason: d.reason })) : [];
}

function plain(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One run of the action: its inputs, the workflow run, the secrets, and what every mode publishes
 * the same way (the footer, the job summary, the failure).
 */
import type { GitRunner } from '../core/plan/version-info.js';
import type { Deletion } from '../core/plan/ownership.js';
import * as core from '@actions/core';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { fingerprintDeployments, type PlanFingerprint } from '../core/plan/hash.js';
import type { DesiredDeployment } from '../core/plan/index.js';
import type { FailureReason } from '../commands/index.js';
import type { ActionInputs } from './inputs.js';
import type { WorkflowRun } from './context.js';
import type { Secrets } from './secrets.js';
import { truncateMarkdown } from './truncate.js';
import { OUTPUT } from './outputs.js';

/** GitHub refuses comments over 65,536 characters; stay well under. */
export const COMMENT_LIMIT = 60_000;
/** The job summary takes 1 MiB per step; this many characters stay under it even at 2 bytes each. */
export const SUMMARY_LIMIT = 500_000;

export type Env = Record<string, string | undefined>;

export interface Run {
  inputs: ActionInputs;
  env: Env;
  github: WorkflowRun;
  secrets: Secrets;
  now: Date;
  cwd: string;
  /** prefect.yaml relative to the repository root, as the comment names it. */
  prefectFile: string;
  /** How git is asked (tests drive the door in-process with a stand-in). */
  git?: GitRunner;
}

export function fail(r: Run, reason: FailureReason, diagnostics: readonly Diagnostic[], message?: string): void {
  r.secrets.setOutput(OUTPUT.failureReason, reason);
  const first = diagnostics.find((d) => d.severity === 'error');
  core.setFailed(message ?? (first ? formatDiagnostic(first) : reason));
}

/** Which deployments were asked for, as people read it and as the comment key holds it. */
export function selection(inputs: ActionInputs): { text: string; key: string } {
  if (inputs.all) return { text: 'all deployments', key: '*all*' };
  if (inputs.deployments.length === 0) return { text: 'the only deployment', key: '' };
  return { text: inputs.deployments.map((n) => `\`${n}\``).join(', '), key: JSON.stringify([...new Set(inputs.deployments)].sort()) };
}

export function footer(r: Run, verb: string): string {
  const parts = [`\`${r.prefectFile}\``, selection(r.inputs).text];
  const sha = r.github.pullRequest?.headSha ?? r.github.sha;
  if (sha) parts.push(`commit \`${sha.slice(0, 7)}\``);
  if (r.github.runUrl) parts.push(`[workflow run](${r.github.runUrl})`);
  return `<sub>${verb} by deploy-action · ${parts.join(' · ')}</sub>`;
}

export function fingerprint(r: Run, deployments: readonly DesiredDeployment[], deletions?: readonly Deletion[]): PlanFingerprint {
  return fingerprintDeployments(deployments, {
    ...(r.github.sha ? { commit: r.github.sha } : {}),
    transform: (v) => r.secrets.redactValue(v),
    ...(deletions ? { deletions } : {}),
  });
}

export async function writeSummary(r: Run, markdown: string): Promise<string> {
  const note = '> [!NOTE]\n> Truncated to fit the job summary: the whole plan is in the `plan` output.';
  const fitted = truncateMarkdown(r.secrets.redactText(markdown), SUMMARY_LIMIT, note);
  r.secrets.setOutput(OUTPUT.planMarkdown, fitted);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(fitted, true).write();
  return fitted;
}

/**
 * `mode: preview`: on a pull request opened, synchronized or reopened, the selected deployments
 * registered as its preview copies (`pr-<number>`); once it is closed, those copies deleted. The
 * result goes to the `deployments` output, the job summary and the preview's own sticky comment.
 */
import * as core from '@actions/core';
import { outcomeJson } from '../core/apply/index.js';
import { formatDiagnostic } from '../core/diagnostics.js';
import { previewToMarkdown } from '../core/report/index.js';
import type { CommandResult, DeployCommandRequest, PreviewCommandRequest } from '../commands/index.js';
import type { PreviewAction } from './inputs.js';
import { OUTPUT } from './outputs.js';
import { postPreviewComment } from './pull-request.js';
import { fail, footer, writeSummary, type Run } from './run.js';

/** What a preview run does: its id and action from the inputs, else from the pull request event. */
export function previewTarget(r: Run): { id: string; action: PreviewAction } | { error: string } {
  const { inputs, github } = r;
  const pr = github.pullRequest;
  const id = inputs.previewId ?? (pr ? `pr-${pr.number}` : undefined);
  if (!id) return { error: 'mode preview needs a pull request event (pull_request, pull_request_target) or the preview-id input' };
  const closed = github.payload.action === 'closed';
  return { id, action: inputs.previewAction ?? (closed ? 'down' : 'up') };
}

/** The preview command's request: the deploy's, with the preview's id, action and options. */
export function previewRequest(r: Run, deployRequest: DeployCommandRequest, target: { id: string; action: PreviewAction }): PreviewCommandRequest {
  const { inputs } = r;
  // The event's base commit is changed-since's default for a deploy; a preview takes the whole
  // selection unless changed-since is given.
  const { changedSince, changedSinceFromEvent, ...rest } = deployRequest;
  return {
    ...rest,
    ...(changedSince && !changedSinceFromEvent ? { changedSince } : {}),
    action: target.action,
    preview: {
      id: target.id,
      ...(inputs.previewWithSchedules ? { withSchedules: true } : {}),
      ...(inputs.previewWithTriggers ? { withTriggers: true } : {}),
    },
  };
}

export async function publishPreview(r: Run, target: { id: string; action: PreviewAction }, result: CommandResult): Promise<void> {
  const reason = result.failureReason;
  if (reason === 'no-api-url') return fail(r, reason, [], 'mode preview needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL');
  if (reason === 'invalid-input') {
    for (const p of result.diagnostics) core.error(formatDiagnostic(p));
    return fail(r, reason, result.diagnostics, result.message);
  }
  const outcomes = result.outcomes ?? [];
  const ui = result.uiUrl;
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(outcomes.map((o) => outcomeJson(o, ui))));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  const markdown = previewToMarkdown(
    r.secrets.redactValue({
      action: target.action,
      id: target.id,
      outcomes,
      diagnostics: result.diagnostics,
      ...(ui ? { uiUrl: ui } : {}),
      ...(r.inputs.previewWithSchedules ? { withSchedules: true } : {}),
      ...(r.inputs.previewWithTriggers ? { withTriggers: true } : {}),
      footer: footer(r, target.action === 'up' ? 'Deployed' : 'Deleted'),
    }),
  );
  core.info(markdown.split('\n')[0]!.replace(/^### /, ''));
  await writeSummary(r, markdown);
  await postPreviewComment(r, markdown, { onlyToUpdate: target.action === 'down' && outcomes.length === 0 && !reason });
  if (reason) fail(r, reason, result.diagnostics);
}

/**
 * The comment follows the deploy: after `mode: deploy` on the push that merged a pull request, the
 * sticky plan comment of that pull request (same repository, prefect file and selection) is headed
 * with "Applied at <commit>" and each deployment's outcome, or the error, and the plan is folded
 * below. Finding nothing to update, or GitHub refusing, is a notice: the deploy's result stands.
 */
import * as core from '@actions/core';
import { formatDiagnostic } from '../core/diagnostics.js';
import { appliedToMarkdown, foldPlan } from '../core/report/index.js';
import type { CommandResult } from '../commands/index.js';
import { commentKeys, createOctokit, currentLogin, httpStatus, ownPlanComments } from './comment.js';
import { OUTPUT } from './outputs.js';
import { COMMENT_LIMIT, selection, type Run } from './run.js';

/** Why the deploy stopped or was refused, one line each, for the status (empty when it ran). */
export function appliedErrors(result: CommandResult, refusal?: string): string[] {
  if (refusal) return [refusal];
  if (result.outcomes && result.outcomes.length > 0) return [];
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  if (errors.length > 0) return errors;
  return result.failureReason ? [result.message ?? `the deploy failed (${result.failureReason})`] : [];
}

export async function followDeploy(r: Run, result: CommandResult, refusal?: string): Promise<void> {
  const { inputs, github } = r;
  if (github.eventName !== 'push' || inputs.commentMode === 'off') return;
  const sha = github.sha;
  const repo = github.repository;
  if (!sha || !repo) return;
  const notice = (why: string) => core.notice(`the plan comment was not marked applied: ${r.secrets.redactText(why)}`);
  if (!inputs.githubToken) return notice('no github-token to find the merged pull request with');
  try {
    const octokit = await createOctokit(inputs.githubToken);
    const pulls = (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 })).data;
    // The pull request this commit merged: the one whose merge commit it is, else a merged one containing it.
    const merged = pulls.filter((p) => p.merged_at);
    const candidates = [...merged.filter((p) => p.merge_commit_sha === sha), ...merged.filter((p) => p.merge_commit_sha !== sha)];
    if (candidates.length === 0) return notice(`commit ${sha.slice(0, 7)} was not merged from a pull request`);
    const keys = commentKeys(`${repo.owner}/${repo.repo}`, r.prefectFile, selection(inputs).key);
    const login = await currentLogin(octokit);
    for (const pr of candidates) {
      const comment = (await ownPlanComments(octokit, repo, pr.number, login)).filter((c) => c.marker.key === keys.key).at(-1);
      if (!comment) continue;
      const [markerLine, ...rest] = comment.body.split('\n');
      const status = r.secrets.redactText(
        appliedToMarkdown({
          sha,
          outcomes: result.outcomes,
          errors: appliedErrors(result, refusal),
          uiUrl: result.uiUrl,
          footer: `<sub>Deployed by deploy-action${github.runUrl ? ` · [workflow run](${github.runUrl})` : ''}</sub>`,
        }),
      );
      const room = COMMENT_LIMIT - markerLine!.length - status.length - 400;
      const body = `${markerLine}\n${foldPlan(rest.join('\n'), status, room)}`;
      const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body });
      core.info(`plan comment on pull request #${pr.number} marked applied: ${updated.data.html_url}`);
      r.secrets.setOutput(OUTPUT.commentUrl, updated.data.html_url);
      return;
    }
    return notice(`no plan comment for this prefect file and selection on pull request ${candidates.map((p) => `#${p.number}`).join(', ')}`);
  } catch (e) {
    const status = httpStatus(e);
    const message = (e as Error).message;
    if (status === 403 || status === 404) {
      return notice(`GitHub answered ${status}: ${message}. Give the job "pull-requests: write" (and "contents: read") permission to mark the plan applied.`);
    }
    core.warning(`the plan comment was not marked applied: ${r.secrets.redactText(message)}`);
  }
}

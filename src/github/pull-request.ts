/**
 * The action and the pull request: the sticky plan comment, and require-plan-match's look at the
 * plan posted on the merged pull request. Neither fails a plan: problems are notices or warnings.
 */
import type { Deletion } from '../core/plan/ownership.js';
import * as core from '@actions/core';
import type { PlanFingerprint } from '../core/plan/hash.js';
import type { Plan } from '../core/plan/index.js';
import { commentKeys, createOctokit, formatMarker, formatPreviewMarker, httpStatus, upsertPlanComment, type CommentKeys, type CommentKind } from './comment.js';
import type { CommentMode } from './inputs.js';
import { printGroup } from './logs.js';
import { OUTPUT } from './outputs.js';
import { checkPlanMatch } from './plan-match.js';
import { COMMENT_LIMIT, fingerprint, footer, selection, writeSummary, type Run } from './run.js';
import { truncateMarkdown } from './truncate.js';

/** The sticky PR comment; any problem with it is a notice or a warning, never a failed step. */
export async function postPlanComment(r: Run, markdown: string, print: PlanFingerprint, hasChanges: boolean): Promise<void> {
  const repo = r.github.repository;
  if (!repo) return;
  const keys: CommentKeys = commentKeys(`${repo.owner}/${repo.repo}`, r.prefectFile, selection(r.inputs).key);
  await postStickyComment(r, { kind: 'plan', keys, marker: formatMarker(keys, print), markdown, hasChanges, mode: r.inputs.commentMode });
}

/**
 * The preview deployments' own sticky comment (mode preview), one per prefect file, beside the plan
 * comment; `comment-mode: off` turns it off, every other mode updates it in place.
 */
export async function postPreviewComment(r: Run, markdown: string, options: { onlyToUpdate: boolean }): Promise<void> {
  const repo = r.github.repository;
  if (!repo) return;
  const keys: CommentKeys = commentKeys(`${repo.owner}/${repo.repo}`, r.prefectFile, '*preview*');
  // `onlyToUpdate` (a down that deleted nothing): a pull request that never had a preview gets no comment.
  const mode = r.inputs.commentMode === 'off' ? 'off' : options.onlyToUpdate ? 'changes-only' : 'update';
  await postStickyComment(r, { kind: 'preview', keys, marker: formatPreviewMarker(keys), markdown, hasChanges: !options.onlyToUpdate, mode });
}

interface StickyComment {
  kind: CommentKind;
  keys: CommentKeys;
  marker: string;
  markdown: string;
  hasChanges: boolean;
  mode: CommentMode;
}

async function postStickyComment(r: Run, c: StickyComment): Promise<void> {
  const { inputs, github } = r;
  const pr = github.pullRequest;
  const what = c.kind === 'plan' ? 'plan' : 'preview';
  if (!pr || !github.repository || c.mode === 'off') return;
  if (!inputs.githubToken) {
    core.info(`no github-token: the ${what} is in the job summary only`);
    return;
  }
  if (pr.fork && github.eventName === 'pull_request') {
    core.notice(`pull request #${pr.number} comes from a fork, whose workflow token cannot comment: the ${what} is in the job summary`);
    return;
  }
  const repo = github.repository;
  const where = github.runUrl ? `the [job summary](${github.runUrl})` : 'the job summary';
  const note = `> [!NOTE]\n> This ${what} is too long for a comment and was cut here: the whole ${what} is in ${where}.`;
  const body = `${c.marker}\n${truncateMarkdown(r.secrets.redactText(c.markdown), COMMENT_LIMIT - c.marker.length - 1, note)}`;
  try {
    const octokit = await createOctokit(inputs.githubToken);
    const result = await upsertPlanComment(octokit, { kind: c.kind, repo, pullRequest: pr.number, mode: c.mode, keys: c.keys, body, hasChanges: c.hasChanges });
    if (result.action === 'skipped') {
      core.info(`no ${what} comment: ${result.reason}`);
      return;
    }
    core.info(`${what} comment ${result.action}: ${result.url}`);
    r.secrets.setOutput(OUTPUT.commentUrl, result.url);
    if (result.minimized?.error) core.warning(`the previous ${what} comment (${result.minimized.url}) could not be hidden: ${result.minimized.error}`);
  } catch (e) {
    const status = httpStatus(e);
    const message = r.secrets.redactText((e as Error).message);
    if (status === 403 || status === 404) {
      core.notice(
        `the ${what} could not be posted on pull request #${pr.number} (GitHub answered ${status}: ${message}); it is in the job summary. Give the job "pull-requests: write" permission to get the comment.`,
      );
    } else {
      core.warning(`the ${what} could not be posted on pull request #${pr.number}: ${message}; it is in the job summary`);
    }
  }
}

/**
 * require-plan-match as the deploy command's `checkPlan`: undefined when what is about to be
 * registered is what the plan on the merged pull request showed, else why the deploy is refused.
 */
export async function planMatches(r: Run, plan: Plan, deletions?: readonly Deletion[]): Promise<string | undefined> {
  const { inputs, github } = r;
  if (!inputs.githubToken || !github.repository || !github.sha) return 'needs github-token, GITHUB_REPOSITORY and GITHUB_SHA to find the plan on the merged pull request';
  const keys = commentKeys(`${github.repository.owner}/${github.repository.repo}`, r.prefectFile, selection(inputs).key);
  const octokit = await createOctokit(inputs.githubToken);
  let match;
  try {
    match = await checkPlanMatch(octokit, github.repository, github.sha, keys, fingerprint(r, plan.deployments, deletions));
  } catch (e) {
    return `the plan on the merged pull request could not be read: ${r.secrets.redactText((e as Error).message)}`;
  }
  if (match.ok) {
    core.info(`require-plan-match: matches the plan on pull request #${match.pullRequest} (${match.comment.url})`);
    return undefined;
  }
  if (match.differences.length > 0) {
    printGroup(
      'require-plan-match: what differs from the plan on the pull request',
      match.differences.map((d) =>
        d.kind === 'missing' ? `${d.deployment}: not in that plan` : `${d.deployment}: ${d.fields.length ? d.fields.join(', ') : 'changed'}`,
      ),
    );
  }
  await writeSummary(r, `### ❌ Not deployed: the plan changed\n\n${match.message}\n\n${footer(r, 'Checked')}\n`);
  return `${match.message}. Plan again on a pull request, or set require-plan-match: false`;
}

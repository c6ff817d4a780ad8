/**
 * `require-plan-match`: before a deploy writes anything, find the plan that was posted on the pull
 * request merged into this commit and check that what is about to be registered is what that plan
 * showed. A deploy of a subset (one matrix leg) compares its deployments only.
 */
import { compareFingerprints, DELETION_PREFIX, type FingerprintDifference, type PlanFingerprint } from '../core/plan/hash.js';
import { currentLogin, ownPlanComments, type CommentKeys, type Octokit, type PlanComment, type Repository } from './comment.js';

export type PlanMatch = { ok: true; pullRequest: number; comment: PlanComment } | { ok: false; message: string; differences: FingerprintDifference[] };

export async function checkPlanMatch(octokit: Octokit, repo: Repository, sha: string, keys: CommentKeys, fingerprint: PlanFingerprint): Promise<PlanMatch> {
  const pulls = (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 })).data;
  // The pull request this commit merged: the one whose merge commit it is, else any merged one that contains it.
  const merged = pulls.filter((p) => p.merged_at);
  const candidates = [...merged.filter((p) => p.merge_commit_sha === sha), ...merged.filter((p) => p.merge_commit_sha !== sha)];
  if (candidates.length === 0) {
    return { ok: false, message: `commit ${sha.slice(0, 7)} was not merged from a pull request, so there is no plan to compare with`, differences: [] };
  }
  const login = await currentLogin(octokit);
  const wanted = Object.keys(fingerprint.deployments);
  for (const pr of candidates) {
    const comments = await ownPlanComments(octokit, repo, pr.number, login);
    const sameSelection = comments.filter((c) => c.marker.key === keys.key).at(-1);
    const covering = comments.filter((c) => c.marker.scope === keys.scope && wanted.every((w) => w in c.marker.fingerprint.deployments)).at(-1);
    const comment = sameSelection ?? covering;
    if (!comment) continue;
    if (comment.marker.fingerprint.hash === fingerprint.hash) return { ok: true, pullRequest: pr.number, comment };
    const differences = compareFingerprints(comment.marker.fingerprint, fingerprint);
    if (differences.length === 0) return { ok: true, pullRequest: pr.number, comment };
    return {
      ok: false,
      message: `what would be registered differs from the plan posted on pull request #${pr.number} (${comment.url}): ${describeDifferences(differences)}`,
      differences,
    };
  }
  const numbers = candidates.map((p) => `#${p.number}`).join(', ');
  return {
    ok: false,
    message: `no plan comment for these deployments on pull request ${numbers} (was the plan run with comment-mode off, or changes-only without changes?)`,
    differences: [],
  };
}

export function describeDifferences(differences: readonly FingerprintDifference[]): string {
  return differences
    .map((d) =>
      d.kind === 'missing' && d.deployment.startsWith(DELETION_PREFIX)
        ? `deleting ${d.deployment.slice(DELETION_PREFIX.length)} was not in that plan`
        : d.kind === 'missing'
          ? `${d.deployment} was not in that plan`
          : `${d.deployment} changed${d.fields.length ? ` (${d.fields.join(', ')})` : ''}`,
    )
    .join('; ');
}

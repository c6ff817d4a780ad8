/**
 * `drift`: a live plan read as a check. The server has drifted from prefect.yaml when a deploy of
 * it would change anything — a field edited in the UI (parameters, a schedule turned off, a pause
 * where prefect.yaml sets `paused`), a deployment deleted, an owned one prefect.yaml no longer has.
 * Both doors fail on it: the CLI's `plan --detailed-exitcode` (exit 2) and the action's `mode: drift`.
 */
import type { LiveChange } from '../core/apply/index.js';
import { plan } from './plan.js';
import type { CommandResult, PlanCommandRequest, Reporter } from './types.js';

export async function drift(request: PlanCommandRequest, reporter: Reporter): Promise<CommandResult> {
  if (!request.apiUrl) {
    // An offline plan cannot tell: it would report every deployment as a change.
    return {
      diagnostics: [],
      hasChanges: true,
      failureReason: 'no-api-url',
      message: 'a drift check needs the Prefect API to compare with: set PREFECT_API_URL (and PREFECT_API_KEY for Prefect Cloud)',
    };
  }
  // What a pull request or a push changed in git says nothing of the server: the event's base is not
  // a reason to leave deployments out (a revision given on purpose still is).
  const { changedSince, changedSinceFromEvent, ...whole } = request;
  const result = await plan(changedSince && !changedSinceFromEvent ? { ...whole, changedSince } : whole, reporter);
  if (result.failureReason || !result.hasChanges) return result;
  const { differ, total } = driftCount(result.live ?? [], result.deletions?.length ?? 0);
  return { ...result, failureReason: 'drift', message: `the Prefect server differs from prefect.yaml: ${differ} of ${total} deployment(s)` };
}

/** How many deployments differ (changed, missing on the server, or owned but gone from prefect.yaml), of how many compared. */
export function driftCount(live: readonly LiveChange[], deletions: number): { differ: number; total: number } {
  return { differ: live.filter((c) => c.action !== 'unchanged').length + deletions, total: live.length + deletions };
}

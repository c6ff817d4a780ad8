/**
 * `drift`: a live plan read as a check. The server has drifted from prefect.yaml when a deploy of
 * it would change the deployment's configuration: a field edited in the UI (parameters, a schedule
 * turned off, a pause where prefect.yaml sets `paused`), a deployment deleted, an owned one
 * prefect.yaml no longer has. Both doors fail on it: the CLI's `plan --detailed-exitcode` (exit 2)
 * and the action's `mode: drift`.
 *
 * Two differences are not drift: the commit stamp (`version`, `version_info`), which every commit
 * changes, so a check run on a commit no deploy ran for would always fire; and values only a build
 * step fills (an image tag), which a plan cannot know without running the build.
 */
import { driftedDeployments, driftedFields } from '../core/report/drift.js';
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
  if (result.failureReason) return result;
  const drifted = driftedDeployments(result.live ?? []);
  const deletions = result.deletions?.length ?? 0;
  if (drifted.length + deletions === 0) return result;
  const total = (result.live?.length ?? 0) + deletions;
  const what = [
    ...drifted.map((c) => `${c.deployment.flowName}/${c.deployment.name}: ${c.action === 'created' ? 'missing on the server' : driftedFields(c).join(', ')}`),
    ...(result.deletions ?? []).map((d) => `${d.flowName}/${d.name}: no longer in prefect.yaml`),
  ];
  const shown = what.length > 5 ? [...what.slice(0, 5), `and ${what.length - 5} more`] : what;
  return {
    ...result,
    failureReason: 'drift',
    message: `the Prefect server differs from prefect.yaml in ${drifted.length + deletions} of ${total} deployment(s): ${shown.join('; ')}`,
  };
}

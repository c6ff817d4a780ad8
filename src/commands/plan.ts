/** `plan`: what would be registered; with a server, what a deploy would create, update or leave unchanged. */
import { planAgainstServer, validateDeployments, type LiveChange } from '../core/apply/index.js';
import { hasErrors, newPlanCache, type Plan, type SnapshotPrefetch } from '../core/plan/index.js';
import { untrustedEnvironment } from '../core/secrets.js';
import { uiUrl } from '../prefect/index.js';
import { prefectTemplateSources } from '../core/templating/index.js';
import { narrowToChanged } from './changed.js';
import type { Deletion, OwnershipClient } from '../core/plan/ownership.js';
import type { Mapping } from '../core/config/index.js';
import type { PrefectClient } from '../prefect/index.js';
import { engineRequest, openClient } from './client.js';
import type { CommandResult, PlanCommandRequest, Reporter } from './types.js';

/**
 * A plan may run on a pull request's prefect.yaml with the repository's secrets in the environment
 * (pull_request_target): what its placeholders read from the environment is shown as `(from $NAME)`
 * unless `planEnv` allows the name, and the hidden values are redacted wherever else they appear.
 */
export function untrustedPlanRequest(request: PlanCommandRequest) {
  return { ...engineRequest(request), templateEnv: untrustedEnvironment(request.env, new Set(request.planEnv), (v) => request.secrets.add(v)) };
}

export async function plan(request: PlanCommandRequest, reporter: Reporter): Promise<CommandResult> {
  const cache = newPlanCache();
  const changed = await narrowToChanged(request, cache, reporter, true);
  if (changed.refused) return changed.refused;
  const req = { ...untrustedPlanRequest(request), cache, ...changed.only };
  let planned: Plan;
  let live: LiveChange[] | undefined;
  let deletions: Deletion[] | undefined;
  const { apiUrl } = request;
  if (apiUrl) {
    const { shared } = request;
    const client = shared?.client ?? openClient({ ...request, apiUrl }, reporter);
    // Over several projects: the run's work pools, and for a plan of all the workspace's deployments
    // read once, which hold every deployment any project's plan compares with (and their flows).
    const whole = request.selection.all ? shared?.workspacePrefetch?.() : undefined;
    const run = shared
      ? {
          workPools: shared.workPools,
          ...(whole && shared.workspaceDeployments ? { prefetch: whole, ownership: ownershipFrom(client, shared.workspaceDeployments, whole) } : {}),
        }
      : {};
    try {
      ({ plan: planned, live, deletions } = await planAgainstServer({ ...req, client, sources: prefectTemplateSources(client), ...run }));
    } finally {
      if (!shared) client.close();
    }
  } else {
    planned = await validateDeployments(req);
  }
  reporter.diagnostics(planned.diagnostics);
  const errors = hasErrors(planned.diagnostics);
  const ui = apiUrl ? uiUrl(apiUrl, request.env) : undefined;
  return {
    plan: planned,
    ...(live ? { live } : {}),
    ...(deletions ? { deletions } : {}),
    diagnostics: planned.diagnostics,
    hasChanges: errors || !live || live.some((c) => c.action !== 'unchanged') || (deletions?.length ?? 0) > 0,
    ...(errors ? { failureReason: 'invalid-config' as const } : {}),
    ...(ui ? { uiUrl: ui } : {}),
    ...changed.result,
  };
}

/** The owned deployments read from the run's read of the workspace, their flows from its flows (read by id otherwise). */
function ownershipFrom(client: PrefectClient, deployments: () => Promise<Mapping[]>, whole: SnapshotPrefetch): OwnershipClient {
  return {
    readAllDeployments: deployments,
    readFlowsById: async (ids) => {
      const flows = await whole.flows;
      const wanted = new Set(ids);
      const found = flows?.filter((f) => wanted.has(String(f.id)));
      return found && found.length === wanted.size ? found : client.readFlowsById(ids);
    },
  };
}

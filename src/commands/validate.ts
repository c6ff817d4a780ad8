/** `validate`: everything deploy checks before its first write, writing nothing. */
import { validateDeployments, validateForDeploy } from '../core/apply/index.js';
import { hasErrors, newPlanCache, type Plan } from '../core/plan/index.js';
import { prefectTemplateSources } from '../core/templating/index.js';
import { narrowToChanged } from './changed.js';
import { openClient } from './client.js';
import { untrustedPlanRequest } from './plan.js';
import type { CommandResult, PlanCommandRequest, Reporter } from './types.js';

export async function validate(request: PlanCommandRequest, reporter: Reporter): Promise<CommandResult> {
  const cache = newPlanCache();
  const changed = await narrowToChanged(request, cache, reporter, true);
  if (changed.refused) return changed.refused;
  const req = { ...untrustedPlanRequest(request), cache, ...changed.only };
  let planned: Plan;
  const { apiUrl } = request;
  if (apiUrl) {
    const client = openClient({ ...request, apiUrl }, reporter);
    try {
      planned = await validateForDeploy({ ...req, client, sources: prefectTemplateSources(client) });
    } finally {
      client.close();
    }
  } else {
    planned = await validateDeployments(req);
  }
  reporter.diagnostics(planned.diagnostics);
  const errors = hasErrors(planned.diagnostics);
  return { plan: planned, diagnostics: planned.diagnostics, hasChanges: true, ...(errors ? { failureReason: 'invalid-config' as const } : {}), ...changed.result };
}

/** `list`: the selected deployments of prefect.yaml, read without a server (every one when none is named). */
import { createPlan, hasErrors, newPlanCache } from '../core/plan/index.js';
import { narrowToChanged } from './changed.js';
import { engineRequest } from './client.js';
import type { CommandRequest, CommandResult, Reporter } from './types.js';

export async function list(request: CommandRequest, reporter: Reporter): Promise<CommandResult> {
  const { names } = request.selection;
  const selection = { all: request.selection.all || names.length === 0, names: [...names] };
  const cache = newPlanCache();
  const changed = await narrowToChanged({ ...request, selection }, cache, reporter, false);
  if (changed.refused) return changed.refused;
  const planned = await createPlan({ ...engineRequest(request), selection, cache, ...changed.only });
  reporter.diagnostics(planned.diagnostics);
  const errors = hasErrors(planned.diagnostics);
  return { plan: planned, diagnostics: planned.diagnostics, hasChanges: false, ...(errors ? { failureReason: 'invalid-config' as const } : {}), ...changed.result };
}

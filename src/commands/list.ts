/** `list`: the selected deployments of prefect.yaml, read without a server (every one when none is named). */
import { createPlan, hasErrors } from '../core/plan/index.js';
import { engineRequest } from './client.js';
import type { CommandRequest, CommandResult, Reporter } from './types.js';

export async function list(request: CommandRequest, reporter: Reporter): Promise<CommandResult> {
  const { names } = request.selection;
  const planned = await createPlan({ ...engineRequest(request), selection: { all: request.selection.all || names.length === 0, names: [...names] } });
  reporter.diagnostics(planned.diagnostics);
  const errors = hasErrors(planned.diagnostics);
  return { plan: planned, diagnostics: planned.diagnostics, hasChanges: false, ...(errors ? { failureReason: 'invalid-config' as const } : {}) };
}

/**
 * `preview up` / `preview down`: the selected deployments registered as preview copies of one id
 * (`<name>-<ID>`, schedules off, no triggers unless asked, tagged and marked as that preview's; see
 * core/plan/preview.ts), and deleted again by that mark alone.
 *
 * `up` is a deploy of the copies: validation, the build/push steps (which see the id as
 * `PREFECT_DEPLOY_PREVIEW_ID`, so an image or upload can be named for the preview), the deploy lock
 * and the writes are the deploy's. `down` deletes exactly the deployments carrying the preview's
 * mark, with the automations they own, as a prune deletes.
 */
import { deleteDeployments, markOf } from '../core/apply/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { PREVIEW_ID_ENV, previewIdProblem, qualifiedName, type PreviewOptions } from '../core/plan/index.js';
import { readOwnedDeployments } from '../core/plan/ownership.js';
import { uiUrl } from '../prefect/index.js';
import { deployFailure, engineRequest, openClient } from './client.js';
import { deploy } from './deploy.js';
import type { CommandResult, DeployCommandRequest, Reporter } from './types.js';

export interface PreviewCommandRequest extends DeployCommandRequest {
  /** up: register (or update) the copies; down: delete every deployment of this preview. */
  action: 'up' | 'down';
  preview: PreviewOptions;
}

export async function preview(request: PreviewCommandRequest, reporter: Reporter): Promise<CommandResult> {
  const problem = previewIdProblem(request.preview.id);
  if (problem) return { diagnostics: [], hasChanges: false, failureReason: 'invalid-input', message: problem };
  if (!request.apiUrl) return { diagnostics: [], hasChanges: false, failureReason: 'no-api-url' };
  // The steps and the templating of prefect.yaml see the id.
  const env = { ...request.env, [PREVIEW_ID_ENV]: request.preview.id };
  const owner = await markOf({ ...engineRequest(request), preview: request.preview });
  const mark = { preview: { id: request.preview.id, owner } };
  if (request.action === 'up') {
    // A preview replaces no real deployment and deletes nothing: no prune, no plan to match.
    const { prune: _prune, checkPlan: _check, ...rest } = request;
    return { ...(await deploy({ ...rest, env }, reporter)), ...mark };
  }
  return { ...(await down({ ...request, env, apiUrl: request.apiUrl }, owner, reporter)), ...mark };
}

async function down(request: PreviewCommandRequest & { apiUrl: string }, owner: string, reporter: Reporter): Promise<CommandResult> {
  const ui = uiUrl(request.apiUrl, request.env);
  reporter.deploying(ui);
  const client = openClient(request, reporter);
  const uiField = ui ? { uiUrl: ui } : {};
  try {
    let owned;
    try {
      owned = await readOwnedDeployments(client, owner);
    } catch (e) {
      const diagnostics: Diagnostic[] = [
        {
          severity: 'error',
          file: request.prefectFile,
          message: `nothing was deleted: reading the deployments of preview ${request.preview.id} failed: ${(e as Error).message}`,
        },
      ];
      reporter.diagnostics(diagnostics);
      return { outcomes: [], diagnostics, hasChanges: false, failureReason: 'deploy-failed', ...uiField };
    }
    owned.sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
    const outcomes = await deleteDeployments(client, owned, (o) => reporter.result(o));
    const diagnostics: Diagnostic[] = outcomes
      .filter((o) => o.action === 'failed')
      .map((o) => ({ severity: 'error', file: request.prefectFile, deployment: o.name, message: `deleting it failed: ${o.error}` }));
    reporter.diagnostics(diagnostics);
    const reason = deployFailure({ outcomes, diagnostics });
    return { outcomes, diagnostics, hasChanges: outcomes.some((o) => o.action === 'deleted'), ...(reason ? { failureReason: reason } : {}), ...uiField };
  } finally {
    client.close();
  }
}

/** `build`: run the build and push steps once and register nothing; a matrix of deploys then takes their outputs. */
import { runDeploymentSteps, validateDeployments, validateForDeploy } from '../core/apply/index.js';
import { hasErrors, newPlanCache, type Plan } from '../core/plan/index.js';
import { offlineSources, type TemplateSources } from '../core/templating/index.js';
import { type PrefectClient } from '../prefect/index.js';
import { prefectTemplateSources } from '../core/templating/index.js';
import { narrowToChanged } from './changed.js';
import { engineRequest, openClient, stepConcurrency } from './client.js';
import type { CommandRequest, CommandResult, Reporter } from './types.js';

export async function build(request: CommandRequest, reporter: Reporter): Promise<CommandResult> {
  const cache = newPlanCache();
  const changed = await narrowToChanged(request, cache, reporter, false);
  if (changed.refused) return changed.refused;
  const req = { ...engineRequest(request), cache, ...changed.only };
  let client: PrefectClient | undefined;
  let sources: TemplateSources = offlineSources();
  try {
    let plan: Plan;
    const { apiUrl } = request;
    if (apiUrl) {
      client = openClient({ ...request, apiUrl }, reporter);
      sources = prefectTemplateSources(client);
      plan = await validateForDeploy({ ...req, client, sources });
    } else {
      plan = await validateDeployments(req);
    }
    reporter.diagnostics(plan.diagnostics);
    if (hasErrors(plan.diagnostics)) return { plan, diagnostics: plan.diagnostics, hasChanges: false, failureReason: 'invalid-config', ...changed.result };
    const withSteps = plan.deployments.filter((d) => d.steps.build.length + d.steps.push.length > 0);
    const ran = await runDeploymentSteps(plan, withSteps, {
      ...req,
      sources,
      concurrency: stepConcurrency(request),
      onStepEvent: (d, e) => reporter.step(d, e),
      onStepLog: (deployment, line) => reporter.stepLog(deployment, line),
      onProgress: (e) => reporter.progress(e),
    });
    reporter.diagnostics(ran.diagnostics);
    if (ran.diagnostics.length > 0)
      return { plan, diagnostics: [...ran.diagnostics, ...plan.diagnostics], hasChanges: false, failureReason: 'step-failed', ...changed.result };
    return { plan, stepOutputs: ran.outputs, built: withSteps.length, diagnostics: plan.diagnostics, hasChanges: false, ...changed.result };
  } finally {
    client?.close();
  }
}

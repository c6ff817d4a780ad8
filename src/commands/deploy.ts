/**
 * `deploy`: validate every selected deployment against the server, run their build/push steps once
 * (or take their outputs as given), then register them; with `smoke`, run the named ones once.
 */
import { deploy as deployDeployments, matchSmokeTargets, pruneDeletions, runSmoke, type DeploymentOutcome, type SmokeOutcome } from '../core/apply/index.js';
import { projectIdentity } from '../core/plan/ownership.js';
import { createPlan, hasErrors, newPlanCache, qualifiedName, type DesiredDeployment, type Plan } from '../core/plan/index.js';
import { untrustedEnvironment } from '../core/secrets.js';
import type { StepOutputs } from '../core/templating/index.js';
import { uiUrl } from '../prefect/index.js';
import { prefectTemplateSources } from '../core/templating/index.js';
import { narrowToChanged } from './changed.js';
import { deployFailure, engineRequest, openClient, stepConcurrency, writeConcurrency } from './client.js';
import { isKeyedByDeployment, missingStepOutputs, outputsByIndex, type GivenStepOutputs } from './step-outputs.js';
import type { PrefectClient } from '../prefect/index.js';
import type { CommandResult, DeployCommandRequest, Reporter } from './types.js';

export async function deploy(request: DeployCommandRequest, reporter: Reporter): Promise<CommandResult> {
  const { apiUrl } = request;
  if (!apiUrl) return { diagnostics: [], hasChanges: false, failureReason: 'no-api-url' };
  if (request.prune && !request.selection.all) {
    return {
      diagnostics: [],
      hasChanges: false,
      failureReason: 'invalid-input',
      message: 'prune needs every deployment selected (--all / all: true): a partial selection must not delete the rest',
    };
  }
  const ui = uiUrl(apiUrl, request.env);
  // The check plan below and the engine's own plans share the file, git's answers and the flow analyses.
  const cache = request.planCache ?? newPlanCache();
  const changed = request.narrowed ?? (await narrowToChanged(request, cache, reporter, false));
  if (changed.refused) return changed.refused;
  reporter.deploying(ui);
  const client = request.shared?.client ?? openClient({ ...request, apiUrl }, reporter);
  const req = { ...engineRequest(request), cache, ...changed.only };
  const sources = prefectTemplateSources(client);
  const uiField = { ...(ui ? { uiUrl: ui } : {}), ...changed.result };
  try {
    const given = request.stepOutputs;
    const keyed = given && isKeyedByDeployment(given) ? given : undefined;
    const skipSteps = request.skipSteps || given !== undefined;
    let pruneOnly: Set<string> | undefined;
    let smokeRefused = false;
    const checkValidated = request.smoke
      ? (validated: Plan) => {
          const { errors } = matchSmokeTargets(validated.deployments, request.smoke!.targets);
          smokeRefused = errors.length > 0;
          return errors;
        }
      : undefined;
    const choice: GivenStepOutputs = skipSteps ? { stepOutputs: keyed ? {} : (given ?? {}) } : {};
    if (skipSteps || request.checkPlan) {
      // The deployments as a plan sees them, before any step output: what a PR plan fingerprinted.
      // Seen as that plan saw the environment, so the fingerprints compare; nothing is redacted for
      // it, since a deploy publishes no plan of an untrusted file.
      const templateEnv = untrustedEnvironment(request.env, new Set(request.planEnv ?? []), () => undefined);
      const before = await createPlan({ ...req, templateEnv, sources });
      if (!hasErrors(before.diagnostics)) {
        if (keyed) choice.stepOutputsByIndex = outputsByIndex(before, keyed);
        const problems = skipSteps ? missingStepOutputs(before, choice) : [];
        if (problems.length > 0) return { plan: before, diagnostics: problems, hasChanges: false, failureReason: 'invalid-input', ...uiField };
        // What a prune would delete, as the reviewed plan must have shown it.
        const deletions = request.prune && request.checkPlan ? await pruneDeletions(client, await projectIdentity(req), before) : undefined;
        if (deletions) pruneOnly = new Set(deletions.map(qualifiedName));
        const refused = await request.checkPlan?.(before, deletions);
        if (refused !== undefined) return { plan: before, diagnostics: [], hasChanges: false, failureReason: 'plan-changed', message: refused, ...uiField };
      }
    }
    const result = await deployDeployments({
      ...req,
      ...choice,
      client,
      sources,
      concurrency: stepConcurrency(request),
      registrationConcurrency: writeConcurrency(request, client),
      ...(request.writeGate ? { writeGate: request.writeGate } : {}),
      ...(request.snapshot ? { snapshot: request.snapshot } : {}),
      ...(request.shared ? { workPools: request.shared.workPools } : {}),
      // Valid only for the same request: the steps to run, and the same deployments left out as unchanged.
      ...(request.validated && !skipSteps && (!changed.only.only || changed === request.narrowed) ? { validated: request.validated } : {}),
      onStepEvent: (d, e) => reporter.step(d, e),
      onStepLog: (deployment, line) => reporter.stepLog(deployment, line),
      onProgress: (e) => reporter.progress(e),
      onResult: (o) => reporter.result(o),
      lock: request.lock,
      onLock: (e) => reporter.lock(e),
      ...(request.prune ? { prune: pruneOnly ? { only: pruneOnly } : {} } : {}),
      ...(checkValidated ? { checkValidated } : {}),
    });
    reporter.diagnostics(result.diagnostics);
    const outputsOf = (d: DesiredDeployment, i: number): StepOutputs =>
      choice.stepOutputsByIndex?.get(d.index) ?? (skipSteps ? choice.stepOutputs : result.outcomes[i]?.stepOutputs) ?? {};
    const reason = smokeRefused ? 'invalid-input' : deployFailure(result);
    // Smoke runs test what was deployed: never after a failed deploy.
    const smoke = request.smoke && !reason ? await smokeRuns(client, request, result.plan, result.outcomes, reporter) : undefined;
    const smokeFailed = smoke?.filter((o) => o.status !== 'completed') ?? [];
    return {
      plan: result.plan,
      outcomes: result.outcomes,
      ...(result.stoppedAt ? { stoppedAt: result.stoppedAt } : {}),
      stepOutputs: new Map(result.plan.deployments.map((d, i) => [d.index, outputsOf(d, i)])),
      diagnostics: result.diagnostics,
      hasChanges: result.outcomes.some((o) => o.action === 'created' || o.action === 'updated' || o.action === 'deleted'),
      ...(reason ? { failureReason: reason } : {}),
      ...(smoke ? { smoke } : {}),
      ...(smokeFailed.length > 0 ? { failureReason: 'smoke-failed' as const, message: smokeFailed.map((o) => o.line).join('\n') } : {}),
      ...uiField,
    };
  } finally {
    if (!request.shared) client.close();
  }
}

/** One run of each smoke deployment, all at once, reported as they go (log lines and messages redacted). */
function smokeRuns(
  client: PrefectClient,
  request: DeployCommandRequest,
  plan: Plan,
  outcomes: readonly DeploymentOutcome[],
  reporter: Reporter,
): Promise<SmokeOutcome[]> {
  const { targets, timeoutSeconds } = request.smoke!;
  const { matched } = matchSmokeTargets(plan.deployments, targets);
  const idOf = new Map(outcomes.map((o) => [qualifiedName(o), o.id]));
  const runs = matched.map(({ target, deployment }) => ({
    deployment: qualifiedName(deployment),
    deploymentId: idOf.get(qualifiedName(deployment)) ?? '',
    parameters: target.parameters,
  }));
  return runSmoke(client, runs, { timeoutMs: timeoutSeconds * 1000, redact: (t) => request.secrets.redactText(t), onEvent: (e) => reporter.smoke(e) });
}

/**
 * Step outputs given instead of running the steps (`skip-steps`, `step-outputs`): their two forms,
 * and the check that they fill every placeholder the steps would have.
 */
import { isMapping } from '../core/config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { qualifiedName, type DesiredDeployment, type Plan } from '../core/plan/index.js';
import { keyPath, placeholdersInString, type StepOutputs } from '../core/templating/index.js';

export const deploymentKey = qualifiedName;

/**
 * Step outputs as given: the step outputs of an earlier build are keyed by `flow/name` (every key
 * holds a `/`, which no step output key does), anything else is one set for every deployment.
 */
export function isKeyedByDeployment(value: Record<string, unknown>): value is Record<string, StepOutputs> {
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => k.includes('/') && isMapping(v));
}

/** Step outputs per deployment index, from the keyed form (deployments it does not name get none). */
export function outputsByIndex(plan: Plan, keyed: Record<string, StepOutputs>): Map<number, StepOutputs> {
  return new Map(plan.deployments.map((d) => [d.index, keyed[deploymentKey(d)] ?? {}]));
}

/**
 * Placeholders a deployment takes from its build/push steps that `provided` does not fill: with the
 * steps not run, these would be registered as written.
 */
export function unfilledStepPlaceholders(d: DesiredDeployment, provided: StepOutputs): string[] {
  return d.deferred.filter((p) => {
    const [placeholder] = placeholdersInString(p);
    const root = placeholder ? keyPath(placeholder.name)[0] : undefined;
    return root === undefined || !(String(root) in provided);
  });
}

/** What the engine takes instead of running the steps: one set for all, or one per deployment index. */
export interface GivenStepOutputs {
  stepOutputs?: StepOutputs;
  stepOutputsByIndex?: Map<number, StepOutputs>;
}

/** With the steps not run, every placeholder they would fill must be given: one error per deployment that misses some. */
export function missingStepOutputs(plan: Plan, given: GivenStepOutputs): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const d of plan.deployments) {
    const provided = given.stepOutputsByIndex?.get(d.index) ?? given.stepOutputs ?? {};
    const missing = unfilledStepPlaceholders(d, provided);
    if (missing.length === 0) continue;
    problems.push({
      severity: 'error',
      file: plan.prefectFile,
      deployment: d.name,
      message: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} filled by a build or push step, which this run does not run (skip-steps or step-outputs); pass ${missing.length === 1 ? 'its value' : 'their values'} in step-outputs`,
    });
  }
  return problems;
}

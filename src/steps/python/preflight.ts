/**
 * Before any build/push step of a run starts: when one of them needs Python (a custom step, or
 * `pip_install_requirements`) and the runner has no usable one, the run stops with the message
 * that step would have failed with, before other steps (of any deployment) had side effects.
 */
import type { Environment } from '../../core/templating/index.js';
import { PREFECT_PYTHON_STEPS } from '../implementations.js';
import { isBuiltInNamespace, looksLikePythonCallable, parseStep, type Step } from '../../core/config/step-catalogue.js';
import { StepExecutionError, type DeploymentSteps } from '../../core/apply/step-runner.js';
import { PIP_INSTALL_NEED, StepFailure } from '../utility.js';
import { customStepNeed, findPython } from './interpreter.js';

const PIP_INSTALL_REQUIREMENTS = 'prefect.deployments.steps.pip_install_requirements';

/** Who needs Python for the step `name` (the start of its error), or undefined when it runs without. */
function pythonNeed({ name, definition }: Step): string | undefined {
  if (definition && PREFECT_PYTHON_STEPS.has(definition.name)) return `${name} runs Prefect's own function in Python (with prefect installed)`;
  if (definition) return definition.name === PIP_INSTALL_REQUIREMENTS ? PIP_INSTALL_NEED : undefined;
  return !isBuiltInNamespace(name) && looksLikePythonCallable(name) ? customStepNeed(name) : undefined;
}

/**
 * The first step among `deployments` that needs Python, when no usable Python is found for it:
 * which deployment (its position in the list) and the error that step would raise. One probe
 * per interpreter and process, shared with the steps that run afterwards.
 */
export async function missingPythonBeforeSteps(
  deployments: readonly DeploymentSteps[],
  env: Environment,
): Promise<{ deployment: number; error: StepExecutionError } | undefined> {
  for (const [deployment, steps] of deployments.entries()) {
    for (const section of ['build', 'push'] as const) {
      for (const [index, step] of steps[section].entries()) {
        const parsed = parseStep(step);
        const need = parsed === undefined ? undefined : pythonNeed(parsed);
        if (need === undefined) continue;
        try {
          await findPython(need, env);
          return undefined;
        } catch (error) {
          if (!(error instanceof StepFailure)) throw error;
          return { deployment, error: new StepExecutionError(parsed!.name, index, section, error) };
        }
      }
    }
  }
  return undefined;
}

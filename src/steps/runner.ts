/** The StepRunner `apply` is given: runSteps, the run-once cache and the Python preflight of this folder. */
import type { StepRunner } from '../core/apply/step-runner.js';
import { StepCache } from './cache.js';
import { missingPythonBeforeSteps } from './python/preflight.js';
import { runSteps } from './run.js';

export const stepRunner: StepRunner = {
  newCache: () => new StepCache(),
  runSteps,
  missingPythonBeforeSteps,
};

/**
 * The verbs both doors offer, each written once: a typed request and a `Reporter` in, one
 * `CommandResult` out (init, whose recipes only the CLI offers, is imported from ./init.js). Imports
 * core, prefect and steps; never github/ or cli/.
 */
export { plan, untrustedPlanRequest } from './plan.js';
export { drift } from './drift.js';
export { validate } from './validate.js';
export { deploy } from './deploy.js';
export { build } from './build.js';
export { list } from './list.js';
export { preview, type PreviewCommandRequest } from './preview.js';
export { apiUrlOf, deployFailure, engineRequest, openClient, stepConcurrency, writeConcurrency } from './client.js';
export { deploymentKey, isKeyedByDeployment, missingStepOutputs, outputsByIndex, unfilledStepPlaceholders, type GivenStepOutputs } from './step-outputs.js';
export { changedSelection, narrowToChanged, type ChangedSelection } from './changed.js';
export type { SkippedDeployment } from './types.js';
export type { CommandRequest, CommandResult, DeployCommandRequest, FailureReason, PlanCommandRequest, Reporter } from './types.js';
export {
  deployProjects,
  mergeProjects,
  deletionsInProject,
  planInProject,
  projectSelection,
  projectSelections,
  projectStepOutputs,
  projectSelector,
  resolveProjects,
  runProjects,
  PROJECT_SEPARATOR,
  ProjectsInputError,
  type ProjectRun,
  type ProjectsResult,
} from './projects.js';

/**
 * templating/: the placeholders of prefect.yaml (step outputs, `$ENV`, blocks, variables) as the
 * reference resolves them: pure functions over the value model, and the sources they read
 * (offline, or the Prefect API in prefect-sources.ts). May import core/values, core/diagnostics,
 * core/secrets and src/prefect; nothing of config, plan or apply.
 */
export { applyValues, missingPlaceholderMessage, NOTSET } from './apply-values.js';
export type { ApplyValuesOptions, Environment, NotSet, OnMissing } from './apply-values.js';
export { parseBlockPlaceholderName, resolveBlockDocumentReferences } from './block-documents.js';
export type { BlockPlaceholderName, KeepSecretReferences } from './block-documents.js';
export { getFromDict, keyPath } from './get-from-dict.js';
export {
  mergeStepOutputs,
  resolveBeforeSteps,
  templateDeploymentWithStepOutputs,
  templatePullSteps,
  templateSchedules,
  templateStepInputs,
  templateTriggers,
} from './passes.js';
export type { ResolveContext, Resolved, StepKeywords, StepOutputs, StepOutputsContext, TemplatedStepInputs } from './passes.js';
export {
  BLOCK_DOCUMENT_PLACEHOLDER_PREFIX,
  ENV_VAR_PLACEHOLDER_PREFIX,
  findPlaceholders,
  isWholeStringPlaceholder,
  placeholderKind,
  placeholdersInString,
  VARIABLE_PLACEHOLDER_PREFIX,
} from './placeholders.js';
export type { Placeholder, PlaceholderKind } from './placeholders.js';
export { pythonFloatRepr, pythonRepr, pythonStr, pythonStringRepr } from '../values/index.js';
export { offlineSources, UnresolvedReferences } from './sources.js';
export { prefectTemplateSources } from './prefect-sources.js';
export type {
  BlockDocumentLookup,
  BlockDocumentSource,
  LookupResult,
  OnUnresolved,
  TemplateSources,
  UnresolvedReference,
  VariableSource,
  WorkPoolSource,
} from './sources.js';
export { resolveVariables, variableName } from './variables.js';
export { isMapping, PythonFloat } from '../values/index.js';
export { TemplateError } from './errors.js';

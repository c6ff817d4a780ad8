/**
 * src/steps: implements the StepRunner port of core/apply (`stepRunner`): Prefect's fully-qualified
 * step names (the catalogue in core/config/step-catalogue.ts) mapped to TypeScript
 * implementations, run in order with templating, a run-once cache, Python for custom steps.
 * May import src/core and src/prefect; never the doors (src/github, src/cli, src/commands).
 */
export { StepCache, stepCacheKey } from './cache.js';
export type { StepRun } from './cache.js';
export { checkInputs, resolveStep } from './implementations.js';
export { allStepNames, findStep, isBuiltInNamespace, looksLikePythonCallable, parseStep, RESERVED_STEP_INPUTS } from '../core/config/step-catalogue.js';
export type { Step, StepDefinition } from '../core/config/step-catalogue.js';
export { runSteps } from './run.js';
export { StepExecutionError } from '../core/apply/step-runner.js';
export { stepRunner } from './runner.js';
export { expandEnvVars, ShlexError, shlexSplit, splitLines } from './shlex.js';
export type { StepCall, StepContext, StepEvent, StepImplementation } from './types.js';
export { StepFailure } from './utility.js';
export type { ShellStepResult } from './utility.js';
export { compileIgnorePattern, decodeIgnoreFile, IgnorePatternError, IgnoreSpec, ignoreLines, pythonReadLines } from './ignore.js';
export type { IgnoreLineMode, IgnorePattern } from './ignore.js';
export { objectKey, PUSH_STEPS, riskyUploadWarnings, uploadSet } from './upload-set.js';
export type { StorageProvider, UploadFile, UploadSet, UploadSetOptions } from './upload-set.js';

/**
 * The templating passes of `prefect deploy` in the reference's order (spec §2.8). The orchestrator
 * calls these at the matching points; each one is a single reference call site.
 */
import { applyValues, type Environment, type OnMissing } from './apply-values.js';
import { resolveBlockDocumentReferences, type KeepSecretReferences } from './block-documents.js';
import { UnresolvedReferences, type TemplateSources, type UnresolvedReference } from './sources.js';
import { resolveVariables } from './variables.js';
import { isMapping, isTruthy } from '../values/index.js';

/** Accumulated step results: `outputs[stepId]` plus every result key merged flat. */
export type StepOutputs = Record<string, unknown>;

export interface ResolveContext extends TemplateSources {
  env: Environment;
}

export interface Resolved<T> {
  value: T;
  /** Block/variable references left as written because no server could answer (offline). */
  unresolved: UnresolvedReference[];
}

/** Options for the post-build passes. */
export interface StepOutputsContext {
  env: Environment;
  onMissing?: OnMissing;
}

/**
 * A.2–A.4: blocks and `$ref`s, then variables, then the early env pass (`values` = the environment,
 * `remove_notset=False`). Why: work pool names, deployment names etc. must be concrete before the
 * flow is loaded and the pool checked; unresolved step-output placeholders are kept for A.10.
 * `keepSecrets` says where block placeholders resolving to secrets stay as written (job variables).
 */
export async function resolveBeforeSteps<T>(config: T, ctx: ResolveContext, keepSecrets?: KeepSecretReferences): Promise<Resolved<T>> {
  const unresolved = new UnresolvedReferences();
  let value = await resolveBlockDocumentReferences(config, ctx.blocks, unresolved.add, keepSecrets);
  value = await resolveVariables(value, ctx.variables, unresolved.add);
  value = applyValues(value, ctx.env, { removeNotset: false, env: ctx.env });
  return { value: value as T, unresolved: unresolved.list() };
}

/**
 * A.9: `apply_values(schedules, step_outputs)`. Why: schedules are templated on their own (missing
 * items and keys removed) because they are converted and validated right after.
 */
export function templateSchedules(schedules: unknown, stepOutputs: StepOutputs, ctx: StepOutputsContext): unknown {
  if (schedules === null || schedules === undefined) return schedules;
  return applyValues(schedules, stepOutputs, { env: ctx.env });
}

// Set aside during A.10: the schema is generated, schedules went through A.9, triggers go through A.11.
const SET_ASIDE_IN_A10 = ['parameter_openapi_schema', 'schedules', 'triggers'] as const;

/**
 * A.10: the deployment config (minus `parameter_openapi_schema`, `schedules`, `triggers`, which are
 * put back untouched) with step outputs applied; missing whole-string placeholders remove their key
 * (reported through `onMissing`), `{{ ctx.… }}` is kept. Why: `ctx.` placeholders are worker-time
 * templates that must survive to the server.
 */
export function templateDeploymentWithStepOutputs(config: Record<string, unknown>, stepOutputs: StepOutputs, ctx: StepOutputsContext): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...config };
  const setAside: Record<string, unknown> = {};
  for (const key of SET_ASIDE_IN_A10) {
    if (Object.hasOwn(rest, key)) {
      setAside[key] = rest[key];
      delete rest[key];
    }
  }
  const templated = applyValues(rest, stepOutputs, {
    removeNotset: true,
    warnOnNotset: true,
    onMissing: ctx.onMissing,
    skipPrefixes: ['ctx.'],
    env: ctx.env,
  }) as Record<string, unknown>;
  return { ...templated, ...setAside };
}

/**
 * A.11: each trigger spec with step outputs applied to every field but `parameters`. Why: trigger
 * parameters hold automation templates (`{{ event.resource.id }}`) evaluated when the event fires.
 */
export function templateTriggers(triggerSpecs: readonly unknown[], stepOutputs: StepOutputs, ctx: StepOutputsContext): unknown[] {
  return triggerSpecs.map((spec) => {
    if (!isMapping(spec)) return applyValues(spec, stepOutputs, { env: ctx.env });
    const { parameters, ...rest } = spec;
    const templated = applyValues(rest, stepOutputs, { env: ctx.env }) as Record<string, unknown>;
    // The reference pops `parameters` and puts it back only when it is not None.
    if (parameters !== null && parameters !== undefined) templated['parameters'] = parameters;
    return templated;
  });
}

/**
 * A.12: `apply_values(pull_steps, step_outputs, remove_notset=False)`. Why: pull steps run later on
 * the worker, so unknown placeholders (earlier pull-step outputs, blocks, variables) must be kept;
 * `{{ $VAR }}` set on the deploying machine is still rendered now.
 */
export function templatePullSteps(pullSteps: unknown, stepOutputs: StepOutputs, ctx: StepOutputsContext): unknown {
  return applyValues(pullSteps, stepOutputs, { removeNotset: false, env: ctx.env });
}

/** The reserved step keywords, removed from the inputs before templating (B.1). */
export interface StepKeywords {
  id?: unknown;
  requires?: unknown;
}

export interface TemplatedStepInputs extends Resolved<Record<string, unknown>> {
  keywords: StepKeywords;
}

/**
 * B.1–B.5, at the moment a step runs: reserved keywords out, upstream outputs applied (missing →
 * input omitted), blocks, variables, then the environment as values. Why: a step only sees what
 * earlier steps produced, and secrets are fetched at the last moment.
 */
export async function templateStepInputs(inputs: Record<string, unknown>, upstreamOutputs: StepOutputs, ctx: ResolveContext): Promise<TemplatedStepInputs> {
  const keywords: StepKeywords = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (key === 'id' || key === 'requires') keywords[key] = value;
    else rest[key] = value;
  }
  const unresolved = new UnresolvedReferences();
  let value = applyValues(rest, upstreamOutputs, { env: ctx.env });
  value = await resolveBlockDocumentReferences(value, ctx.blocks, unresolved.add);
  value = await resolveVariables(value, ctx.variables, unresolved.add);
  value = applyValues(value, ctx.env, { env: ctx.env });
  return { value: value as Record<string, unknown>, keywords, unresolved: unresolved.list() };
}

/**
 * §2.9: record a step's result. Only mappings count; with a truthy id the result is stored under
 * it, then every key is merged flat (last writer wins). Why: both `{{ img.image }}` and
 * `{{ image }}` must work, exactly as in the reference. Returns a new map.
 */
export function mergeStepOutputs(outputs: StepOutputs, stepId: unknown, result: unknown): StepOutputs {
  if (!isMapping(result)) return outputs;
  const merged: StepOutputs = { ...outputs };
  if (isTruthy(stepId)) merged[String(stepId)] = result;
  Object.assign(merged, result);
  return merged;
}

/**
 * The desired state of one deployment: the reference's pipeline for a config (spec §5.1) up to the
 * request body of `POST /deployments/`, with every templating pass in the reference's order. Build
 * and push steps are not run here; their outputs come in from the caller (none in an offline plan,
 * where placeholders they would fill are kept as written).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { analyzeEntrypoint, FlowAnalysisError, type AnalyzedFlow } from '../flows/index.js';
import { isMapping, type Actions, type Mapping } from '../config/index.js';
import {
  resolveBeforeSteps,
  templateDeploymentWithStepOutputs,
  templatePullSteps,
  templateSchedules,
  templateTriggers,
  pythonStr,
  getFromDict,
  TemplateError,
  type Environment,
  type StepOutputs,
  type TemplateSources,
  type UnresolvedReference,
} from '../templating/index.js';
import { keyPath } from '../diagnostics.js';
import { convertScheduleItem, type ConvertedSchedule } from '../schedules/index.js';
import { DeferredPlaceholders, possibleStepOutputs } from './deferred.js';
import { validateSlas, validateTriggers, type DeploymentTrigger, type Sla } from '../triggers/index.js';
import { resolveVersion, type GitRunner, type VersionInfo } from './version-info.js';
import { applyDeployOptions, DeployOptionError, gatherSpecs, type DeployOptions } from './deploy-options.js';
import { keepSecretsInJobVariables, settleSecretJobVariables } from './secret-job-variables.js';
import { didYouMean } from '../util/suggest.js';
import { deepCopy } from '../values/index.js';

/** `prefect.types.names.BANNED_CHARACTERS`. */
const BANNED_NAME_CHARACTERS = '/%&><';
const BUILD_DOCKER_IMAGE = 'prefect_docker.deployments.steps.build_docker_image';
const SET_WORKING_DIRECTORY = 'prefect.deployments.steps.set_working_directory';

export interface PipelineContext {
  cwd: string;
  env: Environment;
  /** What placeholders see of the environment when not `env` (which version info still reads). */
  templateEnv?: Environment;
  sources: TemplateSources;
  now: Date;
  /** Step outputs of a real run; undefined in an offline plan (placeholders they fill are kept). */
  stepOutputs?: StepOutputs;
  git?: GitRunner;
  /** Modules to treat as not installed when analysing flows (the reference's fallback loader). */
  unavailableModules?: readonly string[];
  /** `prefect deploy` flags; given only when exactly one config is selected (the reference ignores them otherwise). */
  options?: DeployOptions;
  /** Awaited between the stages of the pipeline: gives the event loop a turn now and then (see plan/index.ts). */
  pause?: () => Promise<void>;
}

/** A problem in one deployment, located by a path in prefect.yaml where one is known. */
export interface DeploymentProblem {
  message: string;
  path?: (string | number)[];
  /** Set when the problem is in the flow file rather than prefect.yaml. */
  flowFile?: { file: string; line?: number; column?: number };
}

/**
 * A deployment's qualified name, `flow/name`: how Prefect's API (`/deployments/name/{flow}/{name}`)
 * and `prefect deploy` name it, and the key of a deployment across a run.
 */
export function qualifiedName(d: { readonly flowName: string; readonly name: string }): string {
  return `${d.flowName}/${d.name}`;
}

export interface DesiredDeployment {
  index: number;
  name: string;
  flowName: string;
  entrypoint: string;
  flow: AnalyzedFlow;
  /** The final description (null when neither prefect.yaml nor the flow's docstring gives one). */
  description: string | null;
  /** The body of `POST /deployments/` without `flow_id`, keys in the reference's order. */
  payload: Mapping;
  schedules: ConvertedSchedule[];
  /** Whether schedules were configured at all (the update body omits them otherwise). */
  schedulesConfigured: boolean;
  /** Whether `enforce_parameter_schema` was configured (the update body omits it otherwise). */
  enforceParameterSchemaConfigured: boolean;
  /**
   * Whether `paused` was configured. When it was not, an update leaves the server's value alone
   * (the reference sends `paused: false`, un-pausing a deployment paused in the UI).
   */
  pausedConfigured: boolean;
  /** Whether the pull steps came from the custom-Dockerfile rule (update sends null then). */
  pullStepsNull: boolean;
  /** Validated triggers; each becomes an automation owned by the deployment. */
  triggers: DeploymentTrigger[];
  /** Validated SLAs when configured (an empty list removes them); undefined when not configured. */
  slas: Sla[] | undefined;
  steps: { build: Mapping[]; push: Mapping[]; pull: Mapping[] };
  /** Block and variable references no server could resolve (offline). */
  unresolved: UnresolvedReference[];
  /** Step-output placeholders kept as written because the steps did not run. */
  deferred: readonly string[];
  warnings: DeploymentProblem[];
}

export type PipelineResult = { ok: true; deployment: DesiredDeployment } | { ok: false; problems: DeploymentProblem[]; warnings: DeploymentProblem[] };

const DEFAULTS: Mapping = {
  name: null,
  version: null,
  tags: [],
  concurrency_limit: null,
  description: null,
  flow_name: null,
  entrypoint: null,
  parameters: {},
  work_pool: { name: null, work_queue_name: null, job_variables: {} },
};

/**
 * `_merge_with_default_deploy_config`: fill absent keys only; present nulls stay. Copied with
 * `deepCopy`, not structuredClone, which would turn an integral float (PythonFloat) into `{value}`.
 */
export function mergeWithDefaults(config: Mapping): Mapping {
  const out: Mapping = deepCopy(config);
  for (const [key, value] of Object.entries(DEFAULTS)) {
    if (!(key in out)) out[key] = deepCopy(value);
    if (isMapping(value) && isMapping(out[key])) {
      const target = out[key];
      for (const [k, v] of Object.entries(value)) if (!(k in target)) target[k] = deepCopy(v);
    }
  }
  return out;
}

const truthy = (v: unknown): boolean =>
  !(v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (isMapping(v) && Object.keys(v).length === 0));

/** Runs the reference pipeline for one selected config; every problem found is returned, not just the first. */
export async function buildDesiredDeployment(index: number, rawConfig: Mapping, actions: Actions, ctx: PipelineContext): Promise<PipelineResult> {
  const problems: DeploymentProblem[] = [];
  const warnings: DeploymentProblem[] = [];
  const at = (...p: (string | number)[]): (string | number)[] => ['deployments', index, ...p];
  await ctx.pause?.();

  let config = mergeWithDefaults(rawConfig);
  // Legacy `schedule:` (both keys set was already rejected when the file was validated).
  if (isMapping(config.schedule) && Object.keys(config.schedule).length > 0 && !('schedules' in config)) {
    config.schedules = [config.schedule];
  }
  let variableOverrides: Mapping = {};
  if (ctx.options) {
    try {
      const applied = applyDeployOptions(config, ctx.options);
      config = applied.config;
      variableOverrides = applied.variableOverrides;
      for (const notice of applied.notices) warnings.push({ message: notice });
    } catch (e) {
      if (e instanceof DeployOptionError) return { ok: false, problems: [{ message: e.message }], warnings };
      throw e;
    }
  }

  // §1.6: a deployment's own list wins when the key is present; an empty push falls back anyway.
  const own = (key: 'build' | 'push' | 'pull') => (key in config ? config[key] : actions[key]) as Mapping[] | null;
  const rawBuild = truthy(own('build')) ? own('build')! : [];
  const rawPush = truthy(own('push')) ? own('push')! : actions.push;
  const rawPull = own('pull');
  const explicitNoPull = Array.isArray(rawPull) && rawPull.length === 0;

  const keptSecrets = new Map<string, unknown>();
  let resolved;
  try {
    // Unlike the reference, secrets in job variables stay block references (the worker resolves them).
    resolved = await resolveBeforeSteps(config, { ...ctx.sources, env: ctx.templateEnv ?? ctx.env }, keepSecretsInJobVariables(keptSecrets));
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, problems: [{ message: e.message }], warnings };
    throw e;
  }
  config = resolved.value;
  const unresolved = [...resolved.unresolved];

  const entrypoint = config.entrypoint;
  let flow: AnalyzedFlow | undefined;
  if (!truthy(entrypoint) || typeof entrypoint !== 'string') {
    problems.push({ message: 'no entrypoint; set entrypoint: path/to/file.py:flow_function', path: at('entrypoint') });
  } else {
    try {
      flow = await analyzeEntrypoint(entrypoint, { cwd: ctx.cwd, unavailableModules: ctx.unavailableModules });
      await ctx.pause?.();
      for (const w of flow.warnings) warnings.push({ message: w, flowFile: { file: flow.file, line: flow.line } });
    } catch (err) {
      if (!(err instanceof FlowAnalysisError)) throw err;
      const e = err;
      problems.push({
        message: `entrypoint "${entrypoint}": ${e.detail}`,
        path: at('entrypoint'),
        ...(e.file ? { flowFile: { file: e.file, line: e.line, column: e.column } } : {}),
      });
    }
  }
  if (!truthy(config.name)) {
    problems.push({ message: 'no deployment name; set name: in the deployment', path: at('name') });
  }
  const pool = isMapping(config.work_pool) ? config.work_pool : {};
  if (!truthy(pool.name)) {
    problems.push({ message: 'no work pool; set work_pool.name or pass --pool', path: at('work_pool') });
  }
  if (problems.length > 0 || !flow) return { ok: false, problems, warnings };
  config.flow_name = flow.name;

  // Pull steps (§1.6, §5.4); the raw lists are what get stored, block references and all.
  let pullSteps: Mapping[];
  let pullStepsNull = false;
  if (explicitNoPull) {
    pullSteps = [];
  } else if (truthy(rawPull)) {
    pullSteps = rawPull!;
  } else if (truthy(actions.pull)) {
    pullSteps = actions.pull as Mapping[];
  } else {
    const generated = defaultPullSteps(config, actions, ctx.cwd, warnings);
    pullStepsNull = generated === null;
    pullSteps = generated ?? [];
  }

  // `--job-variable` overrides join the step outputs and win over outputs of the same name.
  const outputs: StepOutputs = { ...(ctx.stepOutputs ?? {}), ...variableOverrides };
  const possible = ctx.stepOutputs ? new Set<string>() : possibleStepOutputs([...rawBuild, ...rawPush]);
  const deferred = new DeferredPlaceholders(possible === 'any' ? possible : new Set([...possible].filter((k) => !(k in variableOverrides))));

  if (!truthy(config.description)) config.description = flow.description;

  // A.9: schedules, templated with step outputs and converted.
  const schedules: ConvertedSchedule[] = [];
  const schedulesConfigured = 'schedules' in config && config.schedules !== null;
  if (schedulesConfigured) {
    const slugs = new Map<string, number>();
    const templated = deferred.restore(templateSchedules(deferred.protect(config.schedules), outputs, { env: ctx.templateEnv ?? ctx.env })) as unknown[];
    templated.forEach((item, i) => {
      if (!isMapping(item)) return;
      if (containsPlaceholderToken(item, deferred)) {
        warnings.push({ message: `schedule ${i + 1} depends on step outputs and is checked when the steps run`, path: at('schedules', i) });
        return;
      }
      const converted = convertScheduleItem(item, at('schedules', i), { now: ctx.now });
      if (converted.ok) schedules.push(converted.value);
      else problems.push({ message: `${keyPath(converted.error.path.slice(at().length))}: ${converted.error.message}`, path: converted.error.path });
      // Slugs are unique per deployment in the server's database: a repeat fails the write with a 409.
      const slug = converted.ok ? converted.value.create.slug : null;
      if (slug !== null) {
        const first = slugs.get(slug);
        if (first === undefined) slugs.set(slug, i);
        else
          problems.push({
            message: `${keyPath(['schedules', i, 'slug'])}: slug "${slug}" is also the slug of schedules[${first}]; give each schedule its own slug`,
            path: at('schedules', i, 'slug'),
          });
      }
    });
  }

  // A.10: the rest of the config with step outputs; missing ones are reported and removed.
  const missing: string[] = [];
  const { schedules: _s, triggers: rawTriggers, parameter_openapi_schema: _p, ...rest } = config;
  const templatedConfig = deferred.restore(
    templateDeploymentWithStepOutputs(deferred.protect(rest), outputs, {
      env: ctx.templateEnv ?? ctx.env,
      onMissing: (placeholder) => missing.push(placeholder),
    }),
  );
  for (const m of new Set(missing)) {
    const env = /^\{\{\s*\$+([^\s}]+)\s*\}\}$/.exec(m);
    warnings.push({
      message: env
        ? `environment variable ${env[1]} is not set, so ${m} renders as "" (as prefect deploy does)`
        : `no value for ${m}: no step output or environment variable has that name, so it is left out (as prefect deploy does)`,
    });
  }

  // --trigger / --sla replace the YAML lists; their specs skip the block, variable and env passes.
  let cliTriggers: unknown[] | undefined;
  let cliSlas: unknown[] | undefined;
  try {
    if (ctx.options?.triggers?.length) cliTriggers = gatherSpecs(ctx.options.triggers, 'triggers', ctx.cwd);
    if (ctx.options?.sla !== undefined) cliSlas = gatherSpecs(ctx.options.sla, 'sla', ctx.cwd);
  } catch (e) {
    if (!(e instanceof DeployOptionError)) throw e;
    problems.push({ message: e.message });
  }
  const triggerSpecs = cliTriggers ?? rawTriggers;

  // A.11: triggers (their parameters are automation templates and stay untouched).
  const triggers = Array.isArray(triggerSpecs)
    ? (deferred.restore(templateTriggers(deferred.protect(triggerSpecs), outputs, { env: ctx.templateEnv ?? ctx.env })) as Mapping[])
    : [];

  const validatedTriggers = validateTriggers(triggers, String(config.name));
  for (const e of validatedTriggers.errors) problems.push({ message: `${keyPath(['triggers', ...e.path])}: ${e.message}`, path: at('triggers', ...e.path) });
  let slas: Sla[] | undefined;
  const slaSpecs = cliSlas ?? config.sla;
  if (Array.isArray(slaSpecs)) {
    const validated = validateSlas(slaSpecs);
    for (const e of validated.errors) problems.push({ message: `${keyPath(['sla', ...e.path])}: ${e.message}`, path: at('sla', ...e.path) });
    slas = validated.slas;
  }

  // A.12: pull steps keep what they cannot resolve.
  const templatedPull = deferred.restore(templatePullSteps(deferred.protect(pullSteps), outputs, { env: ctx.templateEnv ?? ctx.env })) as Mapping[];

  if (problems.length > 0) return { ok: false, problems, warnings };

  let concurrencyLimit = templatedConfig.concurrency_limit ?? null;
  let concurrencyOptions: Mapping | null = null;
  if (isMapping(concurrencyLimit)) {
    concurrencyOptions = { collision_strategy: getFromDict(concurrencyLimit, 'collision_strategy', null) };
    const grace = getFromDict(concurrencyLimit, 'grace_period_seconds', null);
    if (grace !== null && grace !== undefined) concurrencyOptions.grace_period_seconds = grace;
    concurrencyLimit = getFromDict(concurrencyLimit, 'limit', null) ?? null;
  }

  // The server's PositiveInteger and queue `Name` refuse these only when the deployment is written.
  if (typeof concurrencyLimit === 'number' && concurrencyLimit <= 0) {
    const where = isMapping(templatedConfig.concurrency_limit) ? at('concurrency_limit', 'limit') : at('concurrency_limit');
    problems.push({ message: `concurrency_limit ${concurrencyLimit} must be greater than 0 (leave it out for no limit)`, path: where });
  }
  const queue = isMapping(templatedConfig.work_pool) ? templatedConfig.work_pool.work_queue_name : undefined;
  const banned = typeof queue === 'string' ? [...BANNED_NAME_CHARACTERS].filter((c) => queue.includes(c)) : [];
  if (banned.length > 0) {
    problems.push({
      message: `work queue name "${String(queue)}" contains ${banned.map((c) => `"${c}"`).join(', ')}, which Prefect does not allow in names (/ % & > <)`,
      path: at('work_pool', 'work_queue_name'),
    });
  }
  if (problems.length > 0) return { ok: false, problems, warnings };

  let name = String(templatedConfig.name);
  if (name.endsWith('.py')) name = path.parse(name).name;
  const tags = normalizeTags(templatedConfig.tags);
  const finalPool = isMapping(templatedConfig.work_pool) ? templatedConfig.work_pool : {};
  let description = (templatedConfig.description as string | null | undefined) ?? null;
  if (!truthy(description)) description = flow.description;

  // The YAML wins over --version-type here, unlike every other flag.
  const versionType = (typeof templatedConfig.version_type === 'string' && templatedConfig.version_type) || ctx.options?.versionType || undefined;
  let version: string | null;
  let versionInfo: VersionInfo;
  // What the reference reads as `flow.version`: null for a file its fallback loader read (no
  // decorator version), not the file's MD5.
  try {
    ({ version, versionInfo } = await resolveVersion(templatedConfig.version as string | null | undefined, flow.referenceVersion, versionType, {
      env: ctx.env,
      cwd: ctx.cwd,
      git: ctx.git,
    }));
  } catch (e) {
    return { ok: false, problems: [{ message: (e as Error).message, path: at('version_type') }], warnings };
  }

  const enforceConfigured = templatedConfig.enforce_parameter_schema !== undefined && templatedConfig.enforce_parameter_schema !== null;
  const payload: Mapping = {
    name,
    paused: templatedConfig.paused ?? false,
    schedules: schedules.map((s) => s.create),
    concurrency_limit: concurrencyLimit,
    concurrency_options: concurrencyOptions,
    enforce_parameter_schema: enforceConfigured ? templatedConfig.enforce_parameter_schema : true,
    parameter_openapi_schema: flow.parameterSchema,
    parameters: templatedConfig.parameters ?? {},
    tags,
    labels: {},
    pull_steps: templatedPull,
    work_queue_name: finalPool.work_queue_name ?? null,
    work_pool_name: finalPool.name ?? null,
    storage_document_id: null,
    infrastructure_document_id: null,
    // Deliberately unlike the reference, whose DeploymentCreate runs `description` through `str()`
    // and so creates a deployment without one with the text "None", which its next deploy (the
    // update body is not converted) sets to null: a write on every second deploy. Null from the start.
    description,
    path: null,
    entrypoint: templatedConfig.entrypoint,
    job_variables: finalPool.job_variables ?? {},
    version,
    version_info: versionInfo,
  };
  if (concurrencyOptions === null) payload.concurrency_options = null;
  const judged = await parameterVerdicts(payload, schedules, flow, ctx.options, at);
  if (truthy(payload.enforce_parameter_schema)) problems.push(...judged.problems);
  else
    warnings.push(
      ...judged.problems.map((p) => ({
        ...p,
        message: `${p.message} (not enforced: enforce_parameter_schema is false, so the server stores it and flow runs fail on it)`,
      })),
    );
  warnings.push(...judged.warnings);
  if (problems.length > 0) return { ok: false, problems, warnings };
  if (keptSecrets.size > 0) {
    const settled = await settleSecretJobVariables(payload.job_variables, keptSecrets, payload.work_pool_name, ctx.sources.workPools);
    payload.job_variables = settled.jobVariables;
    for (const message of settled.warnings) warnings.push({ message, path: at('work_pool', 'job_variables') });
  }

  return {
    ok: true,
    deployment: {
      index,
      name,
      flowName: flow.name,
      entrypoint: String(templatedConfig.entrypoint),
      flow,
      description,
      payload,
      schedules,
      schedulesConfigured: schedules.length > 0,
      enforceParameterSchemaConfigured: enforceConfigured,
      pausedConfigured: templatedConfig.paused !== undefined && templatedConfig.paused !== null,
      pullStepsNull,
      triggers: validatedTriggers.triggers,
      slas,
      steps: { build: rawBuild, push: rawPush, pull: templatedPull },
      unresolved,
      deferred: deferred.deferred,
      warnings,
    },
  };
}

/** `triggers[0].metric.range` */
/** `ListOfNonEmptyStrings`: items rendered with Python `str()`, blank ones dropped; a string is iterated per character. */
export function normalizeTags(tags: unknown): string[] {
  const items: unknown[] = typeof tags === 'string' ? [...tags] : Array.isArray(tags) ? tags : [];
  return items.map((t) => pythonStr(t)).filter((t) => t.trim() !== '');
}

/** §5.4 (non-interactive): the default pull step, or null for the custom-Dockerfile case. */
function defaultPullSteps(config: Mapping, actions: Actions, cwd: string, warnings: DeploymentProblem[]): Mapping[] | null {
  const build = truthy(config.build) ? (config.build as Mapping[]) : actions.build;
  const docker = build.map((step) => step[BUILD_DOCKER_IMAGE]).find((inputs) => truthy(inputs));
  if (docker !== undefined) {
    if (isMapping(docker) && docker.dockerfile === 'auto') {
      return [{ [SET_WORKING_DIRECTORY]: { directory: `/opt/prefect/${path.basename(cwd)}` } }];
    }
    warnings.push({ message: 'the Docker build step uses a custom Dockerfile, so no pull step is stored: the Dockerfile must copy the flow code into the image' });
    return null;
  }
  const pool = isMapping(config.work_pool) ? config.work_pool : {};
  const jobVariables = isMapping(pool.job_variables) ? pool.job_variables : {};
  if (truthy(jobVariables.image)) {
    warnings.push({
      message: "using the default working directory '/opt/prefect' for the image; add a set_working_directory pull step if the flow code lives elsewhere",
    });
    return [{ [SET_WORKING_DIRECTORY]: { directory: '/opt/prefect' } }];
  }
  let directory: string;
  try {
    directory = realpathSync(cwd);
  } catch {
    directory = path.resolve(cwd);
  }
  warnings.push({ message: `no pull steps configured: workers will load the flow from ${directory} (this machine's checkout)` });
  return [{ [SET_WORKING_DIRECTORY]: { directory } }];
}

function containsPlaceholderToken(value: unknown, deferred: DeferredPlaceholders): boolean {
  if (deferred.deferred.length === 0) return false;
  const text = JSON.stringify(value);
  return deferred.deferred.some((p) => text.includes(p));
}

/**
 * The deployment's parameters, and each schedule's, judged against the flow's schema as the server
 * judges them on create (parameters-judge.ts): `problems` the server would refuse (errors when the
 * schema is enforced), `warnings` for names the flow does not take, which the server accepts and
 * every flow run then fails on.
 *
 * A value still holding a placeholder is not judged: `{{ build-image.image }}` before the steps run,
 * `{{ prefect.blocks… }}` / `{{ prefect.variables… }}` in an offline plan. Its text is not what will
 * be sent; a deploy judges it in the plan it makes after the steps, once resolved and before any
 * write. `__prefect_kind` values are also left to the server: it hydrates them on update only, so
 * their verdict depends on whether the deployment exists.
 *
 * Schedule parameters go beyond the server, which stores them unchecked: merged over the
 * deployment's, they are what the schedule's runs receive, and the flow refuses them then.
 */
async function parameterVerdicts(
  payload: Mapping,
  schedules: readonly ConvertedSchedule[],
  flow: AnalyzedFlow,
  options: DeployOptions | undefined,
  at: (...p: (string | number)[]) => (string | number)[],
): Promise<{ problems: DeploymentProblem[]; warnings: DeploymentProblem[] }> {
  const problems: DeploymentProblem[] = [];
  const warnings: DeploymentProblem[] = [];
  const fromCli = cliParameterNames(options);
  const schema = flow.parameterSchema;
  const known = isMapping(schema.properties) ? Object.keys(schema.properties) : [];
  const check = async (given: unknown, where: (string | number)[], cli: ReadonlySet<string>) => {
    if (!isMapping(given)) return;
    const judged: Mapping = {};
    for (const [name, value] of Object.entries(given)) {
      if (!holdsPlaceholder(value)) judged[name] = value;
      if (!flow.acceptsAnyKeyword && !known.includes(name)) {
        warnings.push({
          message: `parameter "${name}" is not a parameter of flow "${flow.name}"${didYouMean(name, known)}; the server accepts it and every flow run fails on it`,
          path: cli.has(name) ? at() : [...where, name],
        });
      }
    }
    if (Object.keys(judged).length === 0) return;
    // ajv is loaded only for deployments with parameters to judge.
    const { judgeParameters } = await import('./parameters-judge.js');
    for (const p of judgeParameters(judged, schema)) {
      const name = p.path[0];
      const viaCli = typeof name === 'string' && cli.has(name);
      problems.push({ message: viaCli ? `${p.message} (from --param/--params)` : p.message, path: viaCli ? at() : [...where, ...p.path] });
    }
  };
  await check(payload.parameters, at('parameters'), fromCli);
  for (const [i, s] of schedules.entries()) await check(s.create.parameters, at('schedules', i, 'parameters'), new Set());
  return { problems, warnings };
}

function cliParameterNames(options: DeployOptions | undefined): Set<string> {
  const names = new Set<string>();
  for (const p of options?.param ?? []) if (p.includes('=')) names.add(p.slice(0, p.indexOf('=')));
  if (options?.params !== undefined) {
    try {
      const parsed: unknown = JSON.parse(options.params);
      if (isMapping(parsed)) for (const k of Object.keys(parsed)) names.add(k);
    } catch {
      // applyDeployOptions reported it already
    }
  }
  return names;
}

function holdsPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return /\{\{.*?\}\}/s.test(value);
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  if (isMapping(value)) return Object.hasOwn(value, '__prefect_kind') || Object.values(value).some(holdsPlaceholder);
  return false;
}

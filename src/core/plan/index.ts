/**
 * plan/: every selected deployment taken through the reference pipeline into its desired state,
 * with all problems of all deployments collected before anything would be written; the live
 * state read from the server (snapshot.ts), the diff against it (diff.ts, live.ts), the plan hash.
 *
 * May import config, templating, flows, schedules, triggers, values, util and src/prefect; never
 * apply/ or report/ (they come after the plan).
 */
import type { Diagnostic } from '../diagnostics.js';
import { loadPrefectFile, selectDeployments, type Mapping, type PrefectFile, type Selection } from '../config/index.js';
import { offlineSources, type Environment, type TemplateSources, type StepOutputs } from '../templating/index.js';
import { buildDesiredDeployment, qualifiedName, type DeploymentProblem, type DesiredDeployment } from './desired.js';
import { runGit, sharingGit, type GitRunner } from './version-info.js';
import { hasDeployOptions, type DeployOptions } from './deploy-options.js';
import { withFlowAnalysisCache, type FlowAnalysisCache } from '../flows/index.js';
import { mapBounded } from '../util/map-bounded.js';
import { previewName, previewPlan, type PreviewOptions } from './preview.js';

/** Deployments planned at once: enough to overlap their reads (blocks, variables, pools, git), few enough to pause between. */
const PLAN_CONCURRENCY = 16;

export { buildDesiredDeployment, mergeWithDefaults, normalizeTags, qualifiedName, type DesiredDeployment } from './desired.js';
export { applyDeployOptions, hasDeployOptions, parseJobVariable, DeployOptionError, type DeployOptions } from './deploy-options.js';
export {
  attributeChange,
  changedBecause,
  sectionOf,
  stepInputs,
  runSteps,
  rel,
  type ChangedInput,
  type ChangeVerdict,
  type ChangedFiles,
  type DeploymentAtRef,
  type StepInputs,
  type Tree,
} from './changed.js';
export { readChangesSince, ChangedSinceError, type ChangesSinceRef } from './changed-git.js';
export { inferVersionInfo, resolveVersion, repositoryFromRemote, sharingGit, type VersionInfo } from './version-info.js';
export { diffDeployment, jsonEqual, schedulesEqual, updateBody, type CurrentDeployment, type FieldChange } from './diff.js';
export { automationsFor, compareWithServer, type LiveChange, type RegistrationAction } from './live.js';
export { previewOwner, previewName, previewTag, previewIdProblem, PREVIEW_ID_ENV, type PreviewOptions } from './preview.js';
export { prefetchSnapshot, readServerSnapshot, runsDeployment, workspacePrefetch, type ServerSnapshot, type SnapshotClient, type SnapshotPrefetch } from './snapshot.js';

export interface PlanRequest {
  prefectFile: string;
  selection: Selection;
  cwd: string;
  env: Environment;
  /** What placeholders see of the environment when not `env` (a plan of untrusted prefect.yaml: `untrustedEnvironment`). */
  templateEnv?: Environment;
  now?: Date;
  sources?: TemplateSources;
  stepOutputs?: StepOutputs;
  /** Step outputs per deployment (by index in the file), from a run of their build/push steps. */
  stepOutputsByIndex?: ReadonlyMap<number, StepOutputs>;
  git?: GitRunner;
  unavailableModules?: readonly string[];
  /** `prefect deploy` flags (applied when exactly one deployment is selected, as in the reference). */
  options?: DeployOptions;
  /**
   * What plans of one run share (a deploy plans again after its build steps): the prefect file as
   * read, git's answers and the flow analyses, so none is done twice. Default: one per plan.
   */
  cache?: PlanCache;
  /**
   * Called once the deployments are selected, before they are planned, with their configs as written
   * (names may still hold templates): lets a deploy start reading the server while the plan is made.
   */
  onSelected?: (configs: readonly Record<string, unknown>[]) => void;
  /**
   * Of the selected deployments, plan only these (indexes in the file): `--changed-since` leaves out
   * the unchanged ones. Deploy options still apply as the selection decides.
   */
  only?: ReadonlySet<number>;
  /**
   * The selected deployments `only` leaves out, by their names in prefect.yaml: still in the
   * selection, so a prune never deletes a deployment of that name (see `Plan.unplanned`).
   */
  unplanned?: readonly string[];
  /** Plan the deployments as their preview copies (preview.ts): renamed, schedules off, no triggers unless asked. */
  preview?: PreviewOptions;
}

export interface PlanCache {
  files: Map<string, ReturnType<typeof loadPrefectFile>>;
  git: Map<string, Promise<string>>;
  flows: FlowAnalysisCache;
}

export function newPlanCache(): PlanCache {
  return { files: new Map(), git: new Map(), flows: new Map() };
}

export interface Plan {
  prefectFile: string;
  /** Position of a value in the prefect file, for problems found after planning. */
  positionOf?: PrefectFile['positionOf'];
  deployments: DesiredDeployment[];
  /** Errors and warnings, errors first; the plan is usable only when there is no error. */
  diagnostics: Diagnostic[];
  /** Selected but not planned (`--changed-since` skipped them), by name: a deployment of that name is never pruned. */
  unplanned?: readonly string[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export async function createPlan(request: PlanRequest): Promise<Plan> {
  const cache = request.cache ?? newPlanCache();
  const { preview } = request;
  if (!preview) return withFlowAnalysisCache(cache.flows, () => plan(request, cache));
  // The early server reads (onSelected) look for the names the copies will have.
  const onSelected = request.onSelected;
  const renamed: PlanRequest = onSelected
    ? { ...request, onSelected: (configs) => onSelected(configs.map((c) => (typeof c.name === 'string' ? { ...c, name: previewName(c.name, preview.id) } : c))) }
    : request;
  return previewPlan(await withFlowAnalysisCache(cache.flows, () => plan(renamed, cache)), preview);
}

/** prefect.yaml as read once per cache (the reference reads it once per run, before any step runs). */
export function loadOnce(request: Pick<PlanRequest, 'cwd' | 'prefectFile'>, cache: PlanCache): ReturnType<typeof loadPrefectFile> {
  const fileKey = JSON.stringify([request.cwd, request.prefectFile]);
  if (!cache.files.has(fileKey)) cache.files.set(fileKey, loadPrefectFile(request.prefectFile, request.cwd));
  return cache.files.get(fileKey)!;
}

/**
 * The deployments the selection picks as prefect.yaml has them (untemplated), read through the cache
 * without planning (the plan then reuses the file): what reads of the server can ask for before the
 * flows are analysed. Empty when the file or the selection has a problem, which the plan reports.
 */
export async function selectedConfigs(request: Pick<PlanRequest, 'cwd' | 'prefectFile' | 'selection' | 'only'>, cache: PlanCache): Promise<Mapping[]> {
  const file = (await loadOnce(request, cache)).prefectFile;
  if (!file) return [];
  const { selected, errors } = selectDeployments(file.deployments, request.selection);
  const only = request.only;
  return errors.length > 0 ? [] : selected.filter((s) => !only || only.has(s.index)).map((s) => s.config);
}

async function plan(request: PlanRequest, cache: PlanCache): Promise<Plan> {
  const loaded = await loadOnce(request, cache);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const file = loaded.prefectFile;
  if (!file || hasErrors(diagnostics)) return finish(request.prefectFile, [], diagnostics);

  const selection = selectDeployments(file.deployments, request.selection);
  for (const message of selection.errors) diagnostics.push({ severity: 'error', file: file.file, message });
  for (const message of selection.warnings) diagnostics.push({ severity: 'warning', file: file.file, message });
  if (selection.errors.length > 0) return finish(file.file, [], diagnostics);
  const single = selection.selected.length === 1;
  const only = request.only;
  if (only) selection.selected = selection.selected.filter((s) => only.has(s.index));
  request.onSelected?.(selection.selected.map((s) => s.config));

  const now = request.now ?? new Date();
  // Every deployment asks git the same four questions about the same checkout: ask once per run.
  const git = sharingGit(request.git ?? runGit, cache.git);
  const options: DeployOptions = { ...request.options };
  // PREFECT_DEFAULT_WORK_POOL_NAME acts as --pool: it overrides the YAML pool of a single config and
  // only fills empty pools when several are deployed.
  const defaultPool = request.env.PREFECT_DEFAULT_WORK_POOL_NAME || request.env.PREFECT_DEPLOYMENTS_DEFAULT_WORK_POOL_NAME || undefined;
  const poolFromCli = options.workPoolName !== undefined;
  if (!poolFromCli && defaultPool) options.workPoolName = defaultPool;
  if (!single && request.options && hasDeployOptions(request.options)) {
    diagnostics.push({
      severity: 'warning',
      file: file.file,
      message: 'deploy options are ignored when several deployments are selected (as in prefect deploy); select one deployment to use them',
    });
  }
  const fillPool = (config: Record<string, unknown>) => {
    if (single || poolFromCli || !defaultPool) return config;
    const pool = (config.work_pool ?? {}) as Record<string, unknown>;
    return pool.name === undefined || pool.name === null ? { ...config, work_pool: { ...pool, name: defaultPool } } : config;
  };

  const sources = request.sources ?? offlineSources();
  // Planning a deployment whose flow analysis is kept between runs never waits on I/O: without a
  // turn of the event loop every few ms, the reads started above (and the CSRF request before them)
  // would only be sent once the whole plan is made. A few deployments at a time, so that the turns
  // come between deployments (all at once, each stage would run for every deployment in one go).
  let turn = performance.now();
  const pause = async () => {
    if (performance.now() - turn < 4) return;
    await new Promise((resolve) => setImmediate(resolve));
    turn = performance.now();
  };
  const results = await mapBounded(selection.selected, PLAN_CONCURRENCY, (s) =>
    buildDesiredDeployment(s.index, fillPool(s.config), file.actions, {
      pause,
      cwd: request.cwd,
      env: request.env,
      ...(request.templateEnv ? { templateEnv: request.templateEnv } : {}),
      sources,
      now,
      stepOutputs: request.stepOutputsByIndex?.get(s.index) ?? request.stepOutputs,
      git,
      unavailableModules: request.unavailableModules,
      ...(single ? { options } : {}),
    }),
  );
  const deployments: DesiredDeployment[] = [];
  results.forEach((result, i) => {
    const index = selection.selected[i]!.index;
    const label = file.labelOf(index);
    const toDiagnostic = (severity: 'error' | 'warning') => (p: DeploymentProblem) => problemToDiagnostic(file, index, label, severity, p);
    if (result.ok) {
      deployments.push(result.deployment);
      diagnostics.push(...result.deployment.warnings.map(toDiagnostic('warning')));
    } else {
      diagnostics.push(...result.problems.map(toDiagnostic('error')), ...result.warnings.map(toDiagnostic('warning')));
    }
  });
  const seen = new Map<string, number>();
  for (const d of deployments) {
    const key = qualifiedName(d);
    const previous = seen.get(key);
    if (previous !== undefined) {
      diagnostics.push(
        problemToDiagnostic(file, d.index, file.labelOf(d.index), 'error', {
          message: `deployment "${key}" is also defined by deployment ${file.labelOf(previous)}; names must be unique per flow`,
          path: ['deployments', d.index, 'name'],
        }),
      );
    } else seen.set(key, d.index);
  }
  return { ...finish(file.file, deployments, diagnostics), positionOf: file.positionOf, ...(request.unplanned?.length ? { unplanned: request.unplanned } : {}) };
}

function problemToDiagnostic(file: PrefectFile, index: number, label: string, severity: 'error' | 'warning', p: DeploymentProblem): Diagnostic {
  if (p.flowFile && p.flowFile.line !== undefined) {
    return {
      severity,
      file: p.flowFile.file,
      line: p.flowFile.line,
      ...(p.flowFile.column !== undefined ? { column: p.flowFile.column } : {}),
      deployment: label,
      message: p.message,
    };
  }
  const pos = file.positionOf(p.path ?? ['deployments', index]);
  return {
    severity,
    file: file.file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
    deployment: label,
    message: p.message,
  };
}

function finish(prefectFile: string, deployments: DesiredDeployment[], diagnostics: Diagnostic[]): Plan {
  const order = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return { prefectFile, deployments, diagnostics: [...diagnostics].sort((a, b) => order(a) - order(b)) };
}

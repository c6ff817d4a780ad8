/**
 * apply/: the orchestration of a deploy. `deploy`: validate every selected deployment against the
 * live server first (config, flows, schedules, triggers, blocks, variables, work pools) and stop
 * with every problem before any write; run the build and push steps once, through the StepRunner
 * port (step-runner.ts); then register the deployments in parallel, each failure reported for its
 * deployment, under the deploy lock.
 *
 * May import the rest of core (plan, config, templating, triggers, util) and src/prefect; never
 * src/steps or a door: the steps' code comes in as a StepRunner.
 */
import type { Diagnostic } from '../diagnostics.js';
import { deploymentUrl } from '../../prefect/ui.js';
import type { Mapping } from '../config/index.js';
import { createPlan, hasErrors, newPlanCache, qualifiedName, type DesiredDeployment, type Plan, type PlanRequest } from '../plan/index.js';
import type { FieldChange } from '../plan/diff.js';
import { automationsFor, compareWithServer, type LiveChange, type RegistrationAction } from '../plan/live.js';
import { prefetchSnapshot, readServerSnapshot, type ServerSnapshot, type SnapshotClient, type SnapshotPrefetch } from '../plan/snapshot.js';
import type { StepOutputs, TemplateSources } from '../templating/index.js';
import { slaBodies } from '../triggers/index.js';
import { mapBounded, type Gate } from '../util/map-bounded.js';
import { acquireDeployLock, lockTarget, DeployLockError, type HeldLock, type LockClient, type LockEvent, type LockOptions } from './lock.js';
import { registerDeployment, type FlowUpserts, type RegistrationClient } from './register.js';
import { serverCompatibility } from './server-compat.js';
import { prune, pruneDeletions, type PruneClient, type PruneOptions } from './prune.js';
import { projectIdentity, type Deletion, type OwnershipClient } from '../plan/ownership.js';
import { previewOwner } from '../plan/preview.js';
import { StepExecutionError, type StepEvent, type StepRunContext, type StepRunner } from './step-runner.js';

// Live state and the diff are the plan's (src/core/plan); re-exported for the callers of `apply`.
export { diffDeployment, updateBody, jsonEqual, schedulesEqual, type FieldChange } from '../plan/diff.js';
export { registerDeployment, type RegistrationAction, type RegistrationClient, type RegistrationResult } from './register.js';
export { readServerSnapshot, runsDeployment, type ServerSnapshot, type SnapshotClient } from '../plan/snapshot.js';
export { automationsFor, compareWithServer, type LiveChange } from '../plan/live.js';
export { serverCompatibility } from './server-compat.js';
export { deleteDeployments, pruneDeletions, type DeletionClient, type PruneClient, type PruneOptions } from './prune.js';
export { lockEventText, lockName, lockTarget, DEFAULT_LOCK_TIMEOUT_SECONDS, type LockEvent, type LockOptions } from './lock.js';
export {
  DEFAULT_SMOKE_TIMEOUT_SECONDS,
  followFlowRun,
  matchSmokeTargets,
  parseSmokeTarget,
  runSmoke,
  SmokeSpecError,
  type SmokeClient,
  type SmokeClock,
  type SmokeEvent,
  type SmokeOutcome,
  type SmokeStatus,
  type SmokeTarget,
} from './smoke.js';
export { StepExecutionError, type DeploymentSteps, type StepEvent, type StepRun, type StepRunCache, type StepRunContext, type StepRunner } from './step-runner.js';

/** What a deploy needs from the API: the bulk reads of the snapshot, the writes, the work pools. */
export interface DeployClient extends RegistrationClient, SnapshotClient, Partial<LockClient>, Partial<Omit<PruneClient, 'deleteOwnedAutomations' | 'readFlowsById'>> {
  readWorkPool(name: string): Promise<Mapping | undefined>;
  /** The server's release, read once; undefined when it is current or does not say (Prefect Cloud). */
  serverVersion?(): Promise<string | undefined>;
}

export interface DeployRequest extends Omit<PlanRequest, 'sources'> {
  client: DeployClient;
  sources: TemplateSources;
  /** Runs the build and push steps (src/steps: `stepRunner`). */
  stepRunner: StepRunner;
  /** How many deployments run their steps at once (default 8). */
  concurrency?: number;
  /** How many deployments are written at once (default: `concurrency`). */
  registrationConcurrency?: number;
  /**
   * The run's write slots, when several deploys run at once (a run over several projects): each
   * registration takes one, so the run writes no faster than `registrationConcurrency` allows one deploy.
   */
  writeGate?: Gate;
  /**
   * What the server holds, read once for the whole run by the caller (several projects: a few bulk
   * reads instead of each project's own): stands in for this deploy's reads before the lock when no
   * build or push step runs first. A deploy that would write reads again under its lock.
   */
  snapshot?: Promise<ServerSnapshot>;
  /** The work pools read so far in the run (see `ValidationRequest.workPools`). */
  workPools?: Map<string, Promise<Mapping | undefined>>;
  /** Where a plan reads the owned deployments for "to delete" (a run over several projects: the workspace once); default: `client`. */
  ownership?: OwnershipClient;
  /** What the run has read of the server already (a plan of all over several projects: the workspace), instead of a read of its own. */
  prefetch?: SnapshotPrefetch;
  /**
   * This very request's validation, made earlier in the run (several projects are all validated
   * before any deploys): used as it is instead of validating again.
   */
  validated?: Plan;
  /** Called as each deployment finishes, for progress output. */
  onResult?: (result: DeploymentOutcome) => void;
  /**
   * Build/push step progress and streamed output, one line per call; `deployment` is `flow/name`
   * (two flows may each have a deployment of the same name, running their steps at once).
   */
  onStepLog?: (deployment: string, line: string) => void;
  /** Each build/push step starting and ending, e.g. to give every step a log group. */
  onStepEvent?: (deployment: DesiredDeployment, event: StepEvent) => void;
  /** Where the deploy is, for live progress displays: validation done, then per deployment its steps starting and done and its registration starting. */
  onProgress?: (event: DeployProgress) => void;
  /**
   * The deploy lock on the server around the writes (see `lock.ts`); `false` writes without it.
   * Taken only when the client can (it implements `LockClient`).
   */
  lock?: LockOptions | false;
  /** Waiting for, holding and releasing the deploy lock. */
  onLock?: (event: LockEvent) => void;
  /** The project identity deployments are marked with (`--owner`); default: the repository and the prefect.yaml's path in it. */
  owner?: string;
  /** Where the identity's prefect.yaml path starts outside a git repository (see `IdentityRequest.ownerRoot`). */
  ownerRoot?: string;
  /** Delete the owned deployments prefect.yaml no longer has, once every create and update succeeded (`--prune`). */
  prune?: PruneOptions;
  /**
   * Asked once the deployments are validated, before any step runs or anything is written: each
   * message returned is an error that stops the deploy there (e.g. a smoke name that matches none).
   */
  checkValidated?: (plan: Plan) => string[];
}

export type DeployProgress =
  { phase: 'validated'; deployments: ReadonlyArray<{ name: string; flowName: string }> } | { phase: 'steps' | 'built' | 'registering'; name: string; flowName: string };

export interface DeploymentOutcome {
  name: string;
  flowName: string;
  /** `failed` when the API refused or the connection broke; `error` says why. `deleted`: pruned. */
  action: RegistrationAction | 'failed' | 'deleted';
  id?: string;
  changes: FieldChange[];
  error?: string;
  notices: string[];
  /** What the deployment's build and push steps produced (empty when it has none). */
  stepOutputs: StepOutputs;
  durationMs: number;
}

export interface DeployResult {
  plan: Plan;
  /** Empty when validation or a step failed (nothing was written). */
  outcomes: DeploymentOutcome[];
  diagnostics: Diagnostic[];
  /** Where a deploy that wrote nothing stopped. */
  stoppedAt?: 'validation' | 'steps' | 'lock';
}

/** One deployment's result as both front doors print it (`--json`, the action's `deployments` output). */
export function outcomeJson(o: DeploymentOutcome, ui: string | undefined) {
  return {
    name: o.name,
    flow: o.flowName,
    id: o.id ?? null,
    action: o.action,
    changes: o.changes.map((c) => c.field),
    // A deleted deployment has no page any more.
    url: o.action === 'deleted' ? null : deploymentUrl(ui, o.id),
  };
}

/** What the validation needs: the plan's request, and the server when there is one. */
export interface ValidationRequest extends PlanRequest {
  /** Absent offline: the work pools and the server release are then not checked (blocks and variables stay placeholders). */
  client?: Pick<DeployClient, 'readWorkPool' | 'serverVersion'>;
  /** The work pools read so far in the run, by name: several validations of one run read each pool once. */
  workPools?: Map<string, Promise<Mapping | undefined>>;
  /** Checks, before the steps run, that the steps needing Python will find one. */
  stepRunner: Pick<StepRunner, 'missingPythonBeforeSteps'>;
}

/**
 * The one validation of `validate`, `plan` and `deploy`, so that what the first two pass the third
 * does not refuse before its first write: the plan (prefect.yaml, flows, schedules, triggers,
 * parameters, and with a server its blocks and variables), a Python for the build/push steps that
 * need one, and with a server the work pools (§5.3).
 */
export async function validateDeployments(
  request: ValidationRequest,
  /** Called with the plan before the work pools are read, when it has no errors (reads that can start now). */
  onPlanned?: (plan: Plan) => void,
): Promise<Plan> {
  // Read while the flows are analysed; it decides what the server can store.
  const version = request.client?.serverVersion?.();
  version?.catch(() => {}); // reported below, unless the plan stops first
  const plan = await createPlan(request);
  if (hasErrors(plan.diagnostics)) return plan;
  onPlanned?.(plan);
  const diagnostics = [...plan.diagnostics];
  // The steps run only when their outputs are not given.
  const withSteps = request.stepOutputs ? [] : plan.deployments.filter((d) => d.steps.build.length + d.steps.push.length > 0);
  const noPython = await request.stepRunner.missingPythonBeforeSteps(
    withSteps.map((d) => d.steps),
    request.env,
  );
  if (noPython) {
    const d = withSteps[noPython.deployment]!;
    const e = noPython.error;
    diagnostics.push({ severity: 'error', file: plan.prefectFile, deployment: d.name, message: e.message, ...position(plan, d, e.section ?? 'build', e.index) });
  }
  if (version) {
    try {
      diagnostics.push(...serverCompatibility(plan, await version));
    } catch (e) {
      diagnostics.push({ severity: 'error', file: plan.prefectFile, message: `reading the Prefect server's version failed: ${(e as Error).message}` });
    }
  }
  const client = request.client;
  if (client) {
    const pools = request.workPools ?? new Map<string, Promise<Mapping | undefined>>();
    // This validation's reads, taken now: a failed one leaves the run's reads before it is awaited here.
    const reads = new Map<string, Promise<Mapping | undefined>>();
    for (const d of plan.deployments) {
      const name = String(d.payload.work_pool_name);
      readWorkPoolOnce(client, pools, name);
      reads.set(name, pools.get(name)!);
    }
    for (const d of plan.deployments) {
      const name = String(d.payload.work_pool_name);
      const pool = await reads.get(name)!;
      const problem = !pool
        ? `work pool "${name}" does not exist; create it (prefect work-pool create "${name}" --type <type>) or fix work_pool.name`
        : pool.type === 'prefect-agent'
          ? `work pool "${name}" is of type prefect-agent, which cannot run deployments from prefect.yaml; choose another pool`
          : undefined;
      if (problem) diagnostics.push({ severity: 'error', file: plan.prefectFile, deployment: d.name, message: problem, ...position(plan, d, 'work_pool', 'name') });
    }
  }
  return { ...plan, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Asks for the work pool `name` unless `pools` (the run's reads) holds it; a failed read is not kept,
 * so the next validation asks again.
 */
export function readWorkPoolOnce(client: Pick<DeployClient, 'readWorkPool'>, pools: Map<string, Promise<Mapping | undefined>>, name: string): void {
  if (pools.has(name)) return;
  const read = client.readWorkPool(name);
  pools.set(name, read);
  read.catch(() => pools.get(name) === read && pools.delete(name));
}

/** The validation against the live server (see `validateDeployments`). */
export function validateForDeploy(request: Omit<DeployRequest, 'onResult' | 'concurrency'>, onPlanned?: (plan: Plan) => void): Promise<Plan> {
  return validateDeployments(request, onPlanned);
}

function position(plan: Plan, d: DesiredDeployment, ...path: (string | number)[]): { line?: number; column?: number } {
  const pos = plan.positionOf?.(['deployments', d.index, ...path]);
  return pos ? { line: pos.line, column: pos.column } : {};
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const order = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort((a, b) => order(a) - order(b));
}

export async function deploy(given: DeployRequest): Promise<DeployResult> {
  // The plan after the steps reuses the file, git's answers and the flow analyses of the first.
  const request = { ...given, cache: given.cache ?? newPlanCache() };
  // Asked while the flows are analysed; git's answers are few and fast.
  const owner = markOf(request);
  owner.catch(() => {});
  // The server's state for the selected names is read while the flows are analysed; used only when
  // no step runs in between (a build can take minutes) and it covers every deployment planned.
  const runSnapshot = request.snapshot;
  const early = runSnapshot ? undefined : prefetching(request.client);
  // Without build or push steps, what exists is read while the work pools are checked.
  let current: Promise<ServerSnapshot> | undefined;
  const onPlanned = (planned: Plan) => {
    if (!request.stepOutputs && planned.deployments.some((d) => d.steps.build.length + d.steps.push.length > 0)) return;
    current = runSnapshot ?? readServerSnapshot(request.client, planned.deployments, early?.prefetch);
    current.catch(() => {}); // reported below, unless validation stops the deploy first
  };
  const { validated } = request;
  if (validated && !hasErrors(validated.diagnostics)) onPlanned(validated);
  let plan = validated ?? (await validateForDeploy({ ...request, ...(early ? { onSelected: early.onSelected } : {}) }, onPlanned));
  if (hasErrors(plan.diagnostics)) return { plan, outcomes: [], diagnostics: plan.diagnostics, stoppedAt: 'validation' };
  const declined = (request.checkValidated?.(plan) ?? []).map((message): Diagnostic => ({ severity: 'error', file: plan.prefectFile, message }));
  if (declined.length > 0) return { plan, outcomes: [], diagnostics: [...declined, ...plan.diagnostics], stoppedAt: 'validation' };
  request.onProgress?.({ phase: 'validated', deployments: plan.deployments.map((d) => ({ name: d.name, flowName: d.flowName })) });
  let outputsByIndex: ReadonlyMap<number, StepOutputs> = new Map();
  const withSteps = request.stepOutputs ? [] : plan.deployments.filter((d) => d.steps.build.length + d.steps.push.length > 0);
  if (withSteps.length > 0) {
    const ran = await runDeploymentSteps(plan, withSteps, request);
    if (ran.diagnostics.length > 0) return { plan, outcomes: [], diagnostics: [...ran.diagnostics, ...plan.diagnostics], stoppedAt: 'steps' };
    outputsByIndex = ran.outputs;
    // The deployments again, now with what their steps produced (§2.8 A.9–A.12). Work pools were
    // checked before the steps, as the reference does, so they are not read again.
    plan = await createPlan({ ...request, stepOutputsByIndex: outputsByIndex });
    // Step outputs can fill a field the server cannot store; the version was read by the validation.
    const refused = serverCompatibility(plan, await request.client.serverVersion?.()).filter((d) => d.severity === 'error');
    if (refused.length > 0) plan = { ...plan, diagnostics: [...refused, ...plan.diagnostics] };
    if (hasErrors(plan.diagnostics)) return { plan, outcomes: [], diagnostics: plan.diagnostics, stoppedAt: 'validation' };
  }
  const read = { current: withSteps.length === 0 ? current : undefined, prefetch: withSteps.length === 0 ? early?.prefetch : undefined };
  const identity = await owner;
  if (!canLock(request)) return write(request, plan, read, outputsByIndex, identity);
  // A deploy that changes nothing writes nothing, so it needs no lock (nor its requests).
  const before = (read.current ?? readServerSnapshot(request.client, plan.deployments, read.prefetch)).then(remembered);
  before.catch(() => {}); // a failed read is reported by the read under the lock
  const nothingToDelete = request.prune
    ? pruneDeletions(request.client, identity, plan).then(
        (d) => d.length === 0,
        () => false,
      )
    : Promise.resolve(true);
  const untouched = await compareWithServer(request.client, plan, undefined, before, identity).then(
    (live) => live.every((c) => c.action === 'unchanged') && plan.deployments.every((d) => !d.slas),
    () => false,
  );
  if (untouched && (await nothingToDelete)) return write(request, plan, { current: before }, outputsByIndex, identity);
  let held: HeldLock;
  try {
    held = await lockFor(request, plan);
  } catch (e) {
    if (!(e instanceof DeployLockError)) throw e;
    return { plan, outcomes: [], diagnostics: [{ severity: 'error', file: plan.prefectFile, message: e.message }, ...plan.diagnostics], stoppedAt: 'lock' };
  }
  try {
    // Read again under the lock: the deploy that held it may have written since.
    return await write(request, plan, undefined, outputsByIndex, identity);
  } finally {
    await held.release();
  }
}

/** The mark the deployments written get: the project's identity, or for preview copies their preview's mark. */
export async function markOf(request: Pick<PlanRequest, 'prefectFile' | 'cwd' | 'env' | 'git' | 'preview'> & { owner?: string }): Promise<string> {
  const identity = await projectIdentity(request);
  return request.preview ? previewOwner(identity, request.preview.id) : identity;
}

/** The snapshot with each deployment's automations read once: the comparison and then the writes ask. */
function remembered(snapshot: ServerSnapshot): ServerSnapshot {
  const automations = new Map<string, Promise<Mapping[]>>();
  return {
    ...snapshot,
    automationsOf: (id) => {
      if (!automations.has(id)) automations.set(id, snapshot.automationsOf(id));
      return automations.get(id)!;
    },
  };
}

/** The deploy lock of this deploy's target. */
function lockFor(request: DeployRequest, plan: Plan): Promise<HeldLock> {
  return acquireDeployLock(
    request.client as LockClient,
    lockTarget(plan.prefectFile, request.cwd, plan.deployments.map(qualifiedName)),
    request.lock || {},
    request.onLock ?? (() => {}),
  );
}

const LOCK_METHODS: ReadonlyArray<keyof LockClient> = [
  'createConcurrencyLimit',
  'acquireConcurrencyLease',
  'renewConcurrencyLease',
  'releaseConcurrencyLease',
  'resetConcurrencyLimit',
  'readVariableByName',
  'writeVariable',
  'deleteVariable',
];

function canLock(request: DeployRequest): boolean {
  const c = request.client;
  return request.lock !== false && LOCK_METHODS.every((m) => typeof c[m] === 'function');
}

/** Reads what exists (unless read already) and writes each deployment. */
async function write(
  request: DeployRequest,
  plan: Plan,
  early: { current?: Promise<ServerSnapshot>; prefetch?: SnapshotPrefetch } | undefined,
  outputsByIndex: ReadonlyMap<number, StepOutputs>,
  owner: string,
): Promise<DeployResult> {
  // What exists, read once for every deployment (not one read per deployment).
  let snapshot: ServerSnapshot;
  try {
    snapshot = await (early?.current ?? readServerSnapshot(request.client, plan.deployments, early?.prefetch));
  } catch (e) {
    const message = `reading the current deployments from the server failed: ${(e as Error).message}`;
    return { plan, outcomes: [], diagnostics: [{ severity: 'error', file: plan.prefectFile, message }, ...plan.diagnostics], stoppedAt: 'validation' };
  }
  // Deployments of one flow share its record: upsert each flow once, not once per deployment racing.
  const flows: FlowUpserts = new Map();
  const outcomes = await mapBounded(plan.deployments, request.registrationConcurrency ?? request.concurrency ?? 8, async (d) => {
    const started = Date.now();
    request.onProgress?.({ phase: 'registering', name: d.name, flowName: d.flowName });
    let outcome: DeploymentOutcome;
    try {
      const slas = d.slas ? (id: string) => slaBodies(d.slas!, id) : undefined;
      const register = () => registerDeployment(request.client, snapshot, d, automationsFor(d), slas, flows, owner);
      const r = await (request.writeGate ? request.writeGate(register) : register());
      outcome = {
        name: d.name,
        flowName: d.flowName,
        action: r.action,
        id: r.id,
        changes: r.changes,
        notices: r.notices,
        stepOutputs: outputsByIndex.get(d.index) ?? request.stepOutputs ?? {},
        durationMs: Date.now() - started,
      };
    } catch (e) {
      outcome = {
        name: d.name,
        flowName: d.flowName,
        action: 'failed',
        changes: [],
        error: (e as Error).message,
        notices: [],
        stepOutputs: outputsByIndex.get(d.index) ?? {},
        durationMs: Date.now() - started,
      };
    }
    request.onResult?.(outcome);
    return outcome;
  });
  const diagnostics = [...plan.diagnostics];
  for (const o of outcomes) {
    for (const notice of o.notices) diagnostics.push({ severity: 'warning', file: plan.prefectFile, deployment: o.name, message: notice });
    if (o.action === 'failed') diagnostics.unshift({ severity: 'error', file: plan.prefectFile, deployment: o.name, message: `registration failed: ${o.error}` });
  }
  if (request.prune) {
    const pruned = await prune(request.client, owner, plan, outcomes, request.prune, request.onResult);
    outcomes.push(...pruned.outcomes);
    for (const o of pruned.outcomes)
      if (o.action === 'failed') diagnostics.unshift({ severity: 'error', file: plan.prefectFile, deployment: o.name, message: `deleting it failed: ${o.error}` });
    diagnostics.push(...pruned.warnings.map((message): Diagnostic => ({ severity: 'warning', file: plan.prefectFile, message })));
    diagnostics.unshift(...(pruned.errors ?? []).map((message): Diagnostic => ({ severity: 'error', file: plan.prefectFile, message })));
  }
  return { plan, outcomes, diagnostics };
}

/**
 * Runs each deployment's build then push steps (push seeded with the build outputs, §2.9), all
 * deployments at once; identical step invocations run once. Any failure stops the deploy before
 * anything is registered.
 */
export async function runDeploymentSteps(
  plan: Plan,
  deployments: readonly DesiredDeployment[],
  request: Pick<DeployRequest, 'cwd' | 'env' | 'sources' | 'stepRunner' | 'concurrency' | 'onStepLog' | 'onStepEvent' | 'onProgress'>,
): Promise<{ outputs: Map<number, StepOutputs>; diagnostics: Diagnostic[] }> {
  const runner = request.stepRunner;
  const cache = runner.newCache();
  const outputs = new Map<number, StepOutputs>();
  const diagnostics: Diagnostic[] = [];
  // A step needing Python on a runner without one would fail only after other steps had run.
  const noPython = await runner.missingPythonBeforeSteps(
    deployments.map((d) => d.steps),
    request.env,
  );
  if (noPython) {
    const d = deployments[noPython.deployment]!;
    const e = noPython.error;
    diagnostics.push({ severity: 'error', file: plan.prefectFile, deployment: d.name, message: e.message, ...position(plan, d, e.section ?? 'build', e.index) });
    return { outputs, diagnostics };
  }
  await mapBounded(deployments, request.concurrency ?? 8, async (d) => {
    const ctx: StepRunContext = {
      cwd: request.cwd,
      env: request.env,
      sources: request.sources,
      cache,
      section: 'build',
      ...(request.onStepLog ? { log: (line: string) => request.onStepLog!(qualifiedName(d), line) } : {}),
      ...(request.onStepEvent ? { onStep: (event: StepEvent) => request.onStepEvent!(d, event) } : {}),
    };
    try {
      request.onProgress?.({ phase: 'steps', name: d.name, flowName: d.flowName });
      let out = await runner.runSteps(d.steps.build, {}, ctx);
      ctx.section = 'push';
      out = await runner.runSteps(d.steps.push, out, ctx);
      outputs.set(d.index, out);
      request.onProgress?.({ phase: 'built', name: d.name, flowName: d.flowName });
    } catch (e) {
      if (!(e instanceof StepExecutionError)) throw e;
      const section = e.section ?? 'build';
      diagnostics.push({ severity: 'error', file: plan.prefectFile, deployment: d.name, message: e.message, ...position(plan, d, section, e.index) });
    }
  });
  return { outputs, diagnostics };
}

/** Starts reading the server as soon as the plan knows the selected names (see `PlanRequest.onSelected`). */
function prefetching(client: SnapshotClient): { onSelected: NonNullable<PlanRequest['onSelected']>; readonly prefetch: SnapshotPrefetch | undefined } {
  let prefetch: SnapshotPrefetch | undefined;
  return {
    onSelected: (configs) => {
      prefetch = prefetchSnapshot(
        client,
        configs.flatMap((c) => (typeof c.name === 'string' ? [c.name] : [])),
      );
    },
    get prefetch() {
      return prefetch;
    },
  };
}

/** The live plan: validated against the server, then compared with what it holds (read while planning). */
export async function planAgainstServer(request: Omit<DeployRequest, 'onResult' | 'concurrency'>): Promise<{ plan: Plan; live?: LiveChange[]; deletions?: Deletion[] }> {
  const given = request.prefetch;
  const early = given ? { onSelected: () => {}, prefetch: given } : prefetching(request.client);
  const owner = markOf(request);
  owner.catch(() => {});
  let current: Promise<ServerSnapshot> | undefined;
  const plan = await validateForDeploy({ ...request, onSelected: early.onSelected }, (planned) => {
    current = readServerSnapshot(request.client, planned.deployments, early.prefetch);
    current.catch(() => {}); // reported by the comparison, unless validation stops the plan first
  });
  if (hasErrors(plan.diagnostics)) return { plan };
  const identity = await owner;
  // Deletions are shown for a plan of every deployment only: `--prune` requires `--all`.
  const deletions = request.selection.all ? pruneDeletions(request.ownership ?? request.client, identity, plan) : Promise.resolve(undefined);
  deletions.catch(() => {});
  const live = await compareWithServer(request.client, plan, early.prefetch, current, identity);
  const toDelete = await deletions;
  return { plan, live, ...(toDelete ? { deletions: toDelete } : {}) };
}

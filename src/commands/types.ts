/**
 * What every command takes and gives: a typed request and a `Reporter` in, one `CommandResult` out.
 * src/commands imports core, prefect and steps, never github/ or cli/: the two doors adapt it.
 */
import type { Mapping } from '../core/config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type {
  DeploymentOutcome,
  DeployProgress,
  LiveChange,
  LockEvent,
  LockOptions,
  ServerSnapshot,
  SmokeEvent,
  SmokeOutcome,
  SmokeTarget,
  StepRunCache,
} from '../core/apply/index.js';
import type { DeployOptions, DesiredDeployment, Plan, PreviewOptions, SnapshotPrefetch } from '../core/plan/index.js';
import type { GitRunner } from '../core/plan/version-info.js';
import type { PlanCache } from '../core/plan/index.js';
import type { Gate } from '../core/util/map-bounded.js';
import type { Deletion } from '../core/plan/ownership.js';
import type { Secrets } from '../core/secrets.js';
import type { Environment, StepOutputs } from '../core/templating/index.js';
import type { StepEvent } from '../steps/index.js';
import type { PrefectClient } from '../prefect/index.js';
import type { ChangedNarrowing } from './changed.js';

/** Why a command failed, in the words both doors publish (the action's `failure-reason`, the CLI's JSON and dotenv). */
export type FailureReason =
  'invalid-input' | 'invalid-config' | 'step-failed' | 'deploy-failed' | 'no-api-url' | 'lock-timeout' | 'plan-changed' | 'smoke-failed' | 'drift';

/**
 * Where a command tells what happens while it runs. The action turns it into log groups,
 * annotations and notices; the CLI into the terminal's live block or plain CI lines.
 */
export interface Reporter {
  info(line: string): void;
  warning(line: string): void;
  notice(line: string): void;
  /** Problems as they are found (the action annotates them); every one is in the result as well. */
  diagnostics(list: readonly Diagnostic[]): void;
  /** A deploy has its API and starts: `uiUrl` links the deployments it registers. */
  deploying(uiUrl: string | undefined): void;
  /** A build or push step of a deployment starting or ending (the action gives each a log group). */
  step(deployment: DesiredDeployment, event: StepEvent): void;
  /** A line a build or push step printed. */
  stepLog(deployment: string, line: string): void;
  /** Where a deploy is: validated, each deployment's steps and registration. */
  progress(event: DeployProgress): void;
  /** One deployment registered, left unchanged or failed. */
  result(outcome: DeploymentOutcome): void;
  /** Waiting for, holding and releasing the deploy lock. */
  lock(event: LockEvent): void;
  /** A smoke run started, changed state, or ended (with its one-line outcome and its last log lines, redacted). */
  smoke(event: SmokeEvent): void;
  /**
   * The Prefect client's own lines (`warning: …`, and with `debug` `debug: …` for retries and every
   * request); a reporter without it keeps the client silent.
   */
  clientLog?(line: string): void;
}

/** What every command reads: the project, the selection, and the server (none: offline). */
/**
 * What the projects of one run share with the server (`runProjects`, `deployProjects`): one client
 * (one server version read, one CSRF token, one set of connections), the work pools it has read,
 * and for plans the workspace's deployments, read once for every project's "to delete" (a deploy
 * reads them again after its writes). The run closes the client.
 */
export interface SharedRun {
  readonly client: PrefectClient;
  workPools: Map<string, Promise<Mapping | undefined>>;
  workspaceDeployments?: () => Promise<Mapping[]>;
  /** Those deployments, their flows and the first page of automations, as the reads a plan of all makes before comparing. */
  workspacePrefetch?: () => SnapshotPrefetch;
}

export interface CommandRequest {
  /** The run's shared client and reads, when it works on several projects; default: the command's own. */
  shared?: SharedRun;
  prefectFile: string;
  selection: { all: boolean; names: readonly string[] };
  cwd: string;
  env: Environment;
  now: Date;
  /** `prefect deploy`'s flags (applied when one deployment is selected). */
  options?: DeployOptions;
  /** The Prefect API; undefined works offline (see `apiUrlOf`). */
  apiUrl?: string;
  /** Deployments processed (and API requests in flight) at once. */
  concurrency?: number;
  /** Every API request to `Reporter.clientLog`. */
  debug?: boolean;
  /** How git is asked for version info and changes (default: the git command). */
  git?: GitRunner;
  /**
   * Learns the secrets the command comes across: block documents and variables the client reads,
   * environment values a plan hides. Everything the doors print or publish goes through it.
   */
  secrets: Secrets;
  /** The project identity deployments are marked with (`--owner`, the action's `owner`); default: repository + prefect.yaml path. */
  owner?: string;
  /** Where the default owner's prefect.yaml path starts outside a git repository (set per project by `runProjects`). */
  ownerRoot?: string;
  /**
   * Identical build/push step invocations run once per run: several projects of one run share this
   * cache (see `runProjects`); none → each command gets a fresh one.
   */
  stepCache?: StepRunCache;
  /**
   * A git revision: work only on the selected deployments whose inputs changed between it and the
   * working tree (`--changed-since`); the others are `skipped`.
   */
  changedSince?: string;
  /**
   * `changedSince` came from the CI event (a pull request's base), not from the user: a checkout
   * that is no git repository then works on the whole selection, with a warning, instead of failing.
   */
  changedSinceFromEvent?: boolean;
  /**
   * The file, git's answers and the flow analyses the command's plans share. A run over several
   * projects validates each project before any deploys and hands the deploy the same one.
   */
  planCache?: PlanCache;
  /** Work on the selected deployments' preview copies (`preview up`; see core/plan/preview.ts). */
  preview?: PreviewOptions;
}

/** A selected deployment left out by `--changed-since`. */
export interface SkippedDeployment {
  /** Its name in prefect.yaml (its flow is not analysed to skip it, so `flow/name` is not known). */
  deployment: string;
  reason: string;
}

export interface PlanCommandRequest extends CommandRequest {
  /**
   * Environment variables whose values the plan may show: prefect.yaml may come from a pull
   * request, so every other one reads as `(from $NAME)` and its value is redacted.
   */
  planEnv: readonly string[];
}

export interface DeployCommandRequest extends CommandRequest {
  /** Write slots shared with the other deploys of the run (several projects deploying at once). */
  writeGate?: Gate;
  /** What the server holds, read once for the run's projects (see `deployProjects`). */
  snapshot?: Promise<ServerSnapshot>;

  /**
   * The deploy's own validation, made by the run before any project deployed (`deployProjects`),
   * when it validated exactly what the deploy would: the build and push steps to run, every
   * selected deployment. Not validated again.
   */
  validated?: Plan;
  /**
   * `--changed-since`, already worked out by the run (`deployProjects`, which validated only the
   * changed deployments): not worked out again, and `validated` was made with it.
   */
  narrowed?: ChangedNarrowing;
  /** The deploy lock on the server; `false` writes without it. */
  lock: LockOptions | false;
  /** Do not run build/push steps; what they would fill must come from `stepOutputs`. */
  skipSteps: boolean;
  /**
   * Outputs of build/push steps run earlier (the steps are then not run): one set for every
   * deployment, or the step outputs of a `build`, keyed by `flow/name`.
   */
  stepOutputs?: Record<string, unknown>;
  /** As a plan of the same file saw the environment: for `checkPlan`'s fingerprints. */
  planEnv?: readonly string[];
  /**
   * Asked before anything runs, with the deployments as a plan sees them before any step output:
   * a message refuses the deploy (`plan-changed`), undefined lets it go on.
   */
  checkPlan?: (plan: Plan, deletions?: readonly Deletion[]) => Promise<string | undefined>;
  /** Delete the owned deployments prefect.yaml no longer has, after every create and update succeeded; needs `selection.all`. */
  prune?: boolean;
  /**
   * After a successful deploy, run each of these deployments once and fail (`smoke-failed`) unless
   * every run reaches Completed within `timeoutSeconds`. A name that is not deployed refuses the
   * deploy before anything is written.
   */
  smoke?: { targets: readonly SmokeTarget[]; timeoutSeconds: number };
}

/** Everything a command found and did, for the doors to publish. */
export interface CommandResult {
  /** The selected deployments as planned (a deploy's: after its step outputs). Absent when no plan was made. */
  plan?: Plan;
  /** Against a server: what a deploy would do to each deployment, in plan order. */
  live?: LiveChange[];
  /** Against a server, a plan of every deployment: the owned deployments prefect.yaml no longer has (a prune deletes them). */
  deletions?: Deletion[];
  /** A deploy that ran: each deployment's registration, in plan order, then (`prune`) the deletions. Absent when it stopped before deploying. */
  outcomes?: DeploymentOutcome[];
  /** A deploy that wrote nothing: where it stopped. */
  stoppedAt?: 'validation' | 'steps' | 'lock';
  /** build, deploy: what the build and push steps produced (or were given), per deployment index. */
  stepOutputs?: ReadonlyMap<number, StepOutputs>;
  /** build: how many deployments ran steps. */
  built?: number;
  /** Errors first, then warnings. */
  diagnostics: Diagnostic[];
  /** Whether a deploy would change (or changed) anything; a plan that cannot tell says true. */
  hasChanges: boolean;
  failureReason?: FailureReason;
  /** A failure that is no diagnostic (`plan-changed`, `smoke-failed`: one line per failed run): what to tell. */
  message?: string;
  /** deploy with `smoke`: each smoke run's outcome, in the order asked (absent when the deploy failed). */
  smoke?: SmokeOutcome[];
  /** The Prefect UI, for links to deployments. */
  uiUrl?: string;
  /** `--changed-since`: the revision, and the selected deployments left out as unchanged since it. */
  changedSince?: { ref: string; skipped: SkippedDeployment[]; because?: ReadonlyMap<number, string> };
  /** preview up / down: the preview's id and the mark its deployments carry. */
  preview?: { id: string; owner: string };
}

/**
 * Every action input, read and checked in one place.
 */
import * as core from '@actions/core';
import { DEFAULT_LOCK_TIMEOUT_SECONDS } from '../core/apply/lock.js';
import { DEFAULT_SMOKE_TIMEOUT_SECONDS, parseSmokeTarget, SmokeSpecError, type SmokeTarget } from '../core/apply/smoke.js';

export const INPUT = {
  prefectFile: 'prefect-file',
  deployments: 'deployments',
  all: 'all',
  workingDirectory: 'working-directory',
  mode: 'mode',
  apiUrl: 'api-url',
  apiKey: 'api-key',
  concurrency: 'concurrency',
  stepOutputs: 'step-outputs',
  skipSteps: 'skip-steps',
  commentMode: 'comment-mode',
  githubToken: 'github-token',
  requirePlanMatch: 'require-plan-match',
  planEnv: 'plan-env',
  lockTimeout: 'lock-timeout',
  changedSince: 'changed-since',
  projects: 'projects',
  owner: 'owner',
  prune: 'prune',
  previewId: 'preview-id',
  previewAction: 'preview-action',
  previewWithSchedules: 'preview-with-schedules',
  previewWithTriggers: 'preview-with-triggers',
  smoke: 'smoke',
  smokeTimeout: 'smoke-timeout',
} as const;

export const MODES = ['plan', 'deploy', 'build', 'preview', 'drift'] as const;

export const PREVIEW_ACTIONS = ['up', 'down'] as const;
export type PreviewAction = (typeof PREVIEW_ACTIONS)[number];
export type Mode = (typeof MODES)[number];

export const COMMENT_MODES = ['update', 'always-new', 'changes-only', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface ActionInputs {
  prefectFile: string;
  /** Names, flow/name pairs or * patterns. */
  deployments: string[];
  all: boolean;
  workingDirectory: string;
  mode: Mode;
  apiUrl: string | undefined;
  apiKey: string | undefined;
  concurrency: number | undefined;
  /**
   * Outputs of build/push steps run by an earlier job: the steps are not run again. Either one
   * object for every deployment, or the `step-outputs` output of a `build` run (keyed by flow/name).
   */
  stepOutputs: Record<string, unknown> | undefined;
  /** Do not run build/push steps; their placeholders must be filled by `stepOutputs`. */
  skipSteps: boolean;
  commentMode: CommentMode;
  /** Empty when none was given (no comment, no plan lookup). */
  githubToken: string | undefined;
  /** deploy: refuse unless what is registered matches the plan posted on the merged pull request. */
  requirePlanMatch: boolean;
  /** plan: environment variables whose values a plan may show; every other one shows as `(from $NAME)`. */
  planEnv: string[];
  /** mode deploy: seconds to wait for another deploy of the same prefect.yaml to the same server (0: fail at once). */
  lockTimeout: number;
  /**
   * `changed-since`: a git revision, `none` (off), or empty for the event's default (the pull
   * request's base, the pushed range's base); see `changedSinceRef`.
   */
  changedSince: string;
  /** Several projects in one run: directories or globs, one a line (empty: the one project of `working-directory`). */
  projects: string[];
  /** The project identity deployments are marked with; undefined: repository + prefect.yaml path. */
  owner?: string | undefined;
  /** mode deploy: delete the owned deployments prefect.yaml no longer has (needs `all`). */
  prune?: boolean;
  /** mode preview: the preview's id (default: `pr-<number>` of the pull request). */
  previewId?: string | undefined;
  /** mode preview: up or down (default: down when the pull request was closed, else up). */
  previewAction?: PreviewAction | undefined;
  /** mode preview: keep the copies' schedules active. */
  previewWithSchedules?: boolean;
  /** mode preview: register the deployments' triggers for the copies. */
  previewWithTriggers?: boolean;
  /** mode deploy: deployments to run once after a successful deploy (`NAME` or `NAME={json}`, one a line); empty: none. */
  smoke: SmokeTarget[];
  /** Seconds each smoke run may take to reach Completed. */
  smokeTimeout: number;
}

export class InputValueError extends Error {}

/** Names separated by newlines or commas, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseBoolean(name: string, text: string): boolean {
  const v = text.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new InputValueError(`input "${name}" must be true or false, got "${text}"`);
}

function parseChoice<T extends string>(name: string, text: string, allowed: readonly T[], fallback: T): T {
  const v = text.trim();
  if (v === '') return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new InputValueError(`input "${name}" must be one of ${allowed.join(', ')}, got "${text}"`);
}

function parsePositiveInt(name: string, text: string): number | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InputValueError(`input "${name}" must be a positive integer, got "${text}"`);
  return Number(v);
}

function parseSeconds(name: string, text: string, fallback: number): number {
  const v = text.trim();
  if (v === '') return fallback;
  if (!/^\d+$/.test(v)) throw new InputValueError(`input "${name}" must be a whole number of seconds, got "${text}"`);
  return Number(v);
}

function parseJsonObject(name: string, text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputValueError(`input "${name}" must be a JSON object: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InputValueError(`input "${name}" must be a JSON object`);
  return parsed as Record<string, unknown>;
}

export function readInputs(getInput: (name: string) => string = (n) => core.getInput(n)): ActionInputs {
  const inputs: ActionInputs = {
    prefectFile: getInput(INPUT.prefectFile) || 'prefect.yaml',
    deployments: splitList(getInput(INPUT.deployments)),
    all: parseBoolean(INPUT.all, getInput(INPUT.all)),
    workingDirectory: getInput(INPUT.workingDirectory) || '.',
    mode: parseChoice(INPUT.mode, getInput(INPUT.mode), MODES, 'plan'),
    apiUrl: getInput(INPUT.apiUrl).trim() || undefined,
    apiKey: getInput(INPUT.apiKey).trim() || undefined,
    concurrency: parsePositiveInt(INPUT.concurrency, getInput(INPUT.concurrency)),
    stepOutputs: parseJsonObject(INPUT.stepOutputs, getInput(INPUT.stepOutputs)),
    skipSteps: parseBoolean(INPUT.skipSteps, getInput(INPUT.skipSteps)),
    commentMode: parseChoice(INPUT.commentMode, getInput(INPUT.commentMode), COMMENT_MODES, 'update'),
    githubToken: getInput(INPUT.githubToken).trim() || undefined,
    requirePlanMatch: parseBoolean(INPUT.requirePlanMatch, getInput(INPUT.requirePlanMatch)),
    planEnv: splitList(getInput(INPUT.planEnv)),
    lockTimeout: parseSeconds(INPUT.lockTimeout, getInput(INPUT.lockTimeout), DEFAULT_LOCK_TIMEOUT_SECONDS),
    changedSince: getInput(INPUT.changedSince).trim(),
    projects: splitLines(getInput(INPUT.projects)),
    smoke: parseSmoke(getInput(INPUT.smoke)),
    smokeTimeout: parseSeconds(INPUT.smokeTimeout, getInput(INPUT.smokeTimeout), DEFAULT_SMOKE_TIMEOUT_SECONDS),
  };
  checkSmoke(inputs);
  checkProjects(inputs, getInput(INPUT.workingDirectory));
  const owner = getInput(INPUT.owner).trim();
  if (owner) inputs.owner = owner;
  if (parseBoolean(INPUT.prune, getInput(INPUT.prune))) inputs.prune = true;
  if (inputs.prune && !inputs.all)
    throw new InputValueError(`input "${INPUT.prune}" needs "${INPUT.all}: true" (a partial selection must not delete the deployments it does not select)`);
  const previewId = getInput(INPUT.previewId).trim();
  if (previewId) inputs.previewId = previewId;
  const previewAction = getInput(INPUT.previewAction).trim();
  if (previewAction) inputs.previewAction = parseChoice(INPUT.previewAction, previewAction, PREVIEW_ACTIONS, 'up');
  if (parseBoolean(INPUT.previewWithSchedules, getInput(INPUT.previewWithSchedules))) inputs.previewWithSchedules = true;
  if (parseBoolean(INPUT.previewWithTriggers, getInput(INPUT.previewWithTriggers))) inputs.previewWithTriggers = true;
  if (inputs.mode === 'preview' && inputs.projects.length > 0) throw new InputValueError(`mode preview works on one project: "${INPUT.projects}" cannot be used with it`);
  if (inputs.mode === 'preview' && inputs.prune) throw new InputValueError(`mode preview deletes only its own previews: "${INPUT.prune}" cannot be used with it`);
  if (inputs.all && inputs.deployments.length > 0) {
    throw new InputValueError(`inputs "${INPUT.all}" and "${INPUT.deployments}" cannot be used together`);
  }
  return inputs;
}

/** One entry a line (a glob may hold commas: `flows/{etl,report}`), blanks dropped. */
function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One smoke deployment a line (its JSON parameters may hold commas). */
function parseSmoke(text: string): SmokeTarget[] {
  try {
    return splitLines(text).map(parseSmokeTarget);
  } catch (e) {
    if (e instanceof SmokeSpecError) throw new InputValueError(`input "${INPUT.smoke}": ${e.message}`);
    throw e;
  }
}

function checkSmoke(inputs: ActionInputs): void {
  if (inputs.smokeTimeout < 1) throw new InputValueError(`input "${INPUT.smokeTimeout}" must be a positive number of seconds, got "${inputs.smokeTimeout}"`);
  if (inputs.smoke.length === 0) return;
  if (inputs.mode !== 'deploy') throw new InputValueError(`input "${INPUT.smoke}" needs "${INPUT.mode}: deploy" (smoke runs test what a deploy registered)`);
  if (inputs.projects.length > 0)
    throw new InputValueError(`inputs "${INPUT.smoke}" and "${INPUT.projects}" cannot be used together yet; smoke each project in its own step`);
}

/** `projects` replaces `working-directory`: each project directory is its own. */
function checkProjects(inputs: ActionInputs, workingDirectory: string): void {
  if (inputs.projects.length === 0) return;
  if (!['', '.'].includes(workingDirectory.trim())) {
    throw new InputValueError(`inputs "${INPUT.projects}" and "${INPUT.workingDirectory}" cannot be used together: each project directory is its own working directory`);
  }
}

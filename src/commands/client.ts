/**
 * The decisions every command shares: offline or live, the Prefect client with its hooks, how many
 * writes at once, what the engine is asked, and what a deploy's result means.
 */
import { hasErrors } from '../core/plan/index.js';
import type { DeployResult, StepRunCache, StepRunner } from '../core/apply/index.js';
import type { Environment } from '../core/templating/index.js';
import { PrefectClient, type ClientHooks } from '../prefect/index.js';
import { stepRunner } from '../steps/index.js';
import type { CommandRequest, FailureReason, Reporter } from './types.js';

/** The API a command works against: the one given, else `PREFECT_API_URL`; none offline. */
export function apiUrlOf(env: Environment, given: { apiUrl?: string | undefined; offline?: boolean | undefined }): string | undefined {
  return given.offline ? undefined : given.apiUrl || env.PREFECT_API_URL || undefined;
}

/** The client for `apiUrl`, reporting the secrets it reads and, for a reporter that takes them, its own lines. */
export function openClient(request: CommandRequest & { apiUrl: string }, reporter: Reporter): PrefectClient {
  const log = reporter.clientLog?.bind(reporter);
  const hooks: ClientHooks = { ...request.secrets.clientHooks() };
  if (log && request.debug) {
    hooks.onResponse = (r, outcome, ms) =>
      log(typeof outcome === 'number' ? `debug: ${r.method} ${r.path} → ${outcome} in ${ms} ms` : `debug: ${r.method} ${r.path} → ${outcome.message} after ${ms} ms`);
  }
  return new PrefectClient({
    env: request.env,
    apiUrl: request.apiUrl,
    ...(request.concurrency ? { concurrency: request.concurrency } : {}),
    ...(log ? { logger: { debug: (m: string) => void (request.debug && log(`debug: ${m}`)), warning: (m: string) => log(`warning: ${m}`) } } : {}),
    hooks,
  });
}

/** Deployments whose steps run at once. */
export function stepConcurrency(request: Pick<CommandRequest, 'concurrency'>): number {
  return request.concurrency ?? 8;
}

/**
 * Deployments written at once: a self-hosted server's SQLite database takes one write at a time and
 * answers parallel writes with 503s (and retry back-offs); Prefect Cloud takes them in parallel.
 */
export function writeConcurrency(request: Pick<CommandRequest, 'concurrency'>, client: Pick<PrefectClient, 'isCloud'>): number {
  return request.concurrency ?? (client.isCloud ? 8 : 1);
}

/** What every engine call is asked about the project: built here only, so a field the engine gains is added once. */
export function engineRequest(request: CommandRequest) {
  return {
    prefectFile: request.prefectFile,
    selection: { all: request.selection.all, names: [...request.selection.names] },
    cwd: request.cwd,
    env: request.env,
    now: request.now,
    ...(request.options ? { options: request.options } : {}),
    ...(request.git ? { git: request.git } : {}),
    ...(request.owner ? { owner: request.owner } : {}),
    ...(request.ownerRoot ? { ownerRoot: request.ownerRoot } : {}),
    ...(request.preview ? { preview: request.preview } : {}),
    stepRunner: sharing(request.stepCache),
  };
}

/** The step runner, handing out `cache` (shared by the projects of one run) instead of a fresh one. */
function sharing(cache: StepRunCache | undefined): StepRunner {
  return cache ? { ...stepRunner, newCache: () => cache } : stepRunner;
}

/** Why a deploy failed, if it did. */
export function deployFailure(result: Pick<DeployResult, 'outcomes' | 'diagnostics' | 'stoppedAt'>): FailureReason | undefined {
  if (result.outcomes.length === 0) {
    if (result.stoppedAt === 'steps') return 'step-failed';
    if (result.stoppedAt === 'lock') return 'lock-timeout';
    return hasErrors(result.diagnostics) ? 'invalid-config' : undefined;
  }
  // An error beside successful outcomes: a prune that could not read what to delete.
  return result.outcomes.some((o) => o.action === 'failed') || hasErrors(result.diagnostics) ? 'deploy-failed' : undefined;
}

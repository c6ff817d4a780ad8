/**
 * Smoke runs: after a successful deploy, one flow run of each named deployment, followed until it
 * ends (or a deadline passes), with the tail of its logs. A deploy can then fail on flow code that
 * registers fine but does not run (a missing dependency, a wrong pull step, a bad parameter).
 *
 * The names are matched against the deployments the deploy registers before anything is written,
 * so a typo refuses the deploy instead of surfacing after it.
 */
import { qualifiedName } from '../plan/desired.js';

/** One `--smoke NAME[=JSON]`: a deployment (name or `flow/name`) and the parameters of its run. */
export interface SmokeTarget {
  /** As given, for messages. */
  name: string;
  parameters: Record<string, unknown>;
}

export class SmokeSpecError extends Error {}

/** Seconds a smoke run may take to reach Completed unless told otherwise. */
export const DEFAULT_SMOKE_TIMEOUT_SECONDS = 600;

/**
 * `NAME` or `NAME={"param": value}`: the text before the first `=` is the deployment, the rest a
 * JSON object of parameters (merged by the server over the deployment's own).
 */
export function parseSmokeTarget(text: string): SmokeTarget {
  const spec = text.trim();
  const eq = spec.indexOf('=');
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  if (name === '') throw new SmokeSpecError(`smoke "${text}" names no deployment; write NAME, flow/NAME or NAME={"param": value}`);
  if (eq < 0) return { name, parameters: {} };
  const json = spec.slice(eq + 1).trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new SmokeSpecError(`smoke "${name}": the parameters after "=" must be a JSON object such as {"day": "2026-01-01"}: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SmokeSpecError(`smoke "${name}": the parameters after "=" must be a JSON object such as {"day": "2026-01-01"}, got ${json}`);
  }
  return { name, parameters: parsed as Record<string, unknown> };
}

/** What a smoke name is matched against: a deployment the deploy registers. */
export interface SmokeCandidate {
  name: string;
  flowName: string;
  entrypoint: string;
}

/**
 * Each target's deployment, or why there is none. As `--name` does, a `flow/` part may be the flow's
 * name or its entrypoint function (`-` for `_`); a bare name must be unique among the deployments.
 */
export function matchSmokeTargets<D extends SmokeCandidate>(
  deployments: readonly D[],
  targets: readonly SmokeTarget[],
): { matched: Array<{ target: SmokeTarget; deployment: D }>; errors: string[] } {
  const matched: Array<{ target: SmokeTarget; deployment: D }> = [];
  const errors: string[] = [];
  const known = () => deployments.map(qualifiedName).join(', ') || 'none';
  for (const target of targets) {
    const slash = target.name.indexOf('/');
    const found =
      slash < 0
        ? deployments.filter((d) => d.name === target.name)
        : deployments.filter((d) => {
            const flow = target.name.slice(0, slash);
            const fn = d.entrypoint.split(':').pop();
            return d.name === target.name.slice(slash + 1) && (d.flowName === flow || fn === flow.replaceAll('-', '_'));
          });
    if (found.length === 1) matched.push({ target, deployment: found[0]! });
    else if (found.length === 0) errors.push(`smoke "${target.name}" is not among the deployments this deploy registers (${known()}); fix the name or select it`);
    else errors.push(`smoke "${target.name}" matches ${found.map(qualifiedName).join(' and ')}; write flow/name`);
  }
  return { matched, errors };
}

/** The API calls of a smoke run (src/prefect's client has them). */
export interface SmokeClient {
  createFlowRunFromDeployment(deploymentId: string, body: { parameters: Record<string, unknown> }): Promise<FlowRunView>;
  readFlowRun(id: string): Promise<FlowRunView>;
  readFlowRunLogs(flowRunId: string, limit: number): Promise<ReadonlyArray<{ message: string; level: number; timestamp?: string | null }>>;
  cancelFlowRun?(id: string): Promise<void>;
}

interface FlowRunView {
  id: string;
  name?: string;
  state?: { type: string; name?: string | null; message?: string | null } | null;
}

/** A state's name (`Completed`, `AwaitingRetry`), else its type as a name (`COMPLETED` → `Completed`). */
function stateName(run: FlowRunView): string {
  const s = run.state;
  if (!s) return 'Unknown';
  return s.name || s.type.charAt(0) + s.type.slice(1).toLowerCase();
}

/** A smoke run's end: `completed` passes, everything else fails the deploy. */
export type SmokeStatus = 'completed' | 'failed' | 'crashed' | 'cancelled' | 'timed-out' | 'error';

export interface SmokeOutcome {
  /** `flow/name`. */
  deployment: string;
  runId?: string;
  runName?: string;
  status: SmokeStatus;
  /** The run's last state name (`Completed`, `Failed`, `Running`, …); absent when no run started. */
  state?: string;
  /** The state's message, or why the run could not be started or followed. */
  message?: string;
  parameters: Record<string, unknown>;
  durationMs: number;
  /** The last lines the run logged, oldest first. */
  logs: string[];
  /** The outcome in one line: `smoke: flow/name run <run-name>: Failed after 3.2s: <message>`. */
  line: string;
}

export type SmokeEvent =
  | { phase: 'started'; deployment: string; runId: string; runName: string }
  | { phase: 'state'; deployment: string; runName: string; state: string }
  | { phase: 'done'; outcome: SmokeOutcome };

/** Time, replaceable so the following loop can be tested without waiting. */
export interface SmokeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: SmokeClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface SmokeOptions {
  /** How long a run may take, from its creation, to reach Completed. */
  timeoutMs: number;
  onEvent?: (event: SmokeEvent) => void;
  /** Applied to every log line and state message before it is reported (secrets). */
  redact?: (text: string) => string;
  /** How many of the run's last log lines are kept (default 10). */
  logLines?: number;
  clock?: SmokeClock;
  /** First and longest pause between two reads of a run's state (default 500 ms and 5 s). */
  pollMs?: { first: number; max: number };
}

const TERMINAL: Record<string, SmokeStatus> = { COMPLETED: 'completed', FAILED: 'failed', CRASHED: 'crashed', CANCELLED: 'cancelled' };

/**
 * Reads a flow run until its state is final or `deadline` passes, pausing longer each time (from
 * `first` up to `max`) so that a run of minutes costs a few dozen requests, not hundreds.
 */
export async function followFlowRun(
  client: Pick<SmokeClient, 'readFlowRun'>,
  runId: string,
  deadline: number,
  {
    clock = realClock,
    pollMs = { first: 500, max: 5000 },
    onState,
  }: { clock?: SmokeClock; pollMs?: { first: number; max: number }; onState?: (state: string) => void } = {},
): Promise<{ run: FlowRunView; timedOut: boolean }> {
  let pause = pollMs.first;
  let last: string | undefined;
  for (;;) {
    const run = await client.readFlowRun(runId);
    const state = stateName(run);
    if (state !== last) onState?.(state);
    last = state;
    if (run.state && TERMINAL[run.state.type]) return { run, timedOut: false };
    const left = deadline - clock.now();
    if (left <= 0) return { run, timedOut: true };
    await clock.sleep(Math.min(pause, left));
    pause = Math.min(pause * 1.5, pollMs.max);
  }
}

/** One smoke run per entry, all at once; never throws: an API failure is that run's `error`. */
export function runSmoke(
  client: SmokeClient,
  runs: ReadonlyArray<{ deployment: string; deploymentId: string; parameters: Record<string, unknown> }>,
  options: SmokeOptions,
): Promise<SmokeOutcome[]> {
  return Promise.all(runs.map((r) => smokeOne(client, r, options)));
}

async function smokeOne(
  client: SmokeClient,
  r: { deployment: string; deploymentId: string; parameters: Record<string, unknown> },
  options: SmokeOptions,
): Promise<SmokeOutcome> {
  const clock = options.clock ?? realClock;
  const redact = options.redact ?? ((t: string) => t);
  const started = clock.now();
  const base = { deployment: r.deployment, parameters: r.parameters };
  const done = (outcome: SmokeOutcome) => {
    options.onEvent?.({ phase: 'done', outcome });
    return outcome;
  };
  let created: FlowRunView;
  try {
    created = await client.createFlowRunFromDeployment(r.deploymentId, { parameters: r.parameters });
  } catch (e) {
    const message = oneLine(redact((e as Error).message));
    return done({ ...base, status: 'error', message, durationMs: clock.now() - started, logs: [], line: `smoke: ${r.deployment}: starting a run failed: ${message}` });
  }
  const runName = created.name ?? created.id;
  const named = `smoke: ${r.deployment} run ${runName}`;
  const ids = { runId: created.id, runName };
  options.onEvent?.({ phase: 'started', deployment: r.deployment, ...ids });
  let followed: { run: FlowRunView; timedOut: boolean };
  try {
    followed = await followFlowRun(client, created.id, started + options.timeoutMs, {
      clock,
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      onState: (state) => options.onEvent?.({ phase: 'state', deployment: r.deployment, runName, state }),
    });
  } catch (e) {
    const message = oneLine(redact((e as Error).message));
    return done({ ...base, ...ids, status: 'error', message, durationMs: clock.now() - started, logs: [], line: `${named}: following its state failed: ${message}` });
  }
  const durationMs = clock.now() - started;
  const { run, timedOut } = followed;
  const state = stateName(run);
  if (timedOut) {
    // Left running, a smoke run would hold a worker slot (and maybe keep writing) after the deploy failed.
    const cancelled = await client.cancelFlowRun?.(run.id).then(
      () => true,
      () => false,
    );
    const logs = await tail(client, run.id, options, redact, clock, false);
    const seconds = Math.round(options.timeoutMs / 1000);
    const line = `${named}: not Completed within ${seconds}s (still ${state}${cancelled ? '; cancelled it' : ''})`;
    return done({ ...base, ...ids, status: 'timed-out', state, durationMs, logs, line });
  }
  const status = TERMINAL[run.state!.type]!;
  const message = run.state?.message ? oneLine(redact(run.state.message)) : undefined;
  const logs = await tail(client, run.id, options, redact, clock, status === 'completed' || status === 'failed');
  const line = `${named}: ${state} after ${(durationMs / 1000).toFixed(1)}s${status === 'completed' || !message ? '' : `: ${message}`}`;
  return done({ ...base, ...ids, status, state, ...(message ? { message } : {}), durationMs, logs, line });
}

/**
 * The run's last log lines. A run's final logs reach the API in a batch shortly after its final
 * state: a run that ended by itself (Completed, Failed) is read again, a second apart, until its
 * engine's closing line (`Finished in state …`) is there, at most three times.
 */
async function tail(
  client: SmokeClient,
  runId: string,
  options: SmokeOptions,
  redact: (t: string) => string,
  clock: SmokeClock,
  awaitClosing: boolean,
): Promise<string[]> {
  const limit = options.logLines ?? 10;
  try {
    let logs = await client.readFlowRunLogs(runId, limit);
    for (let retry = 0; awaitClosing && retry < 3 && !logs.some((l) => l.message.startsWith('Finished in state')); retry++) {
      await clock.sleep(1000);
      logs = await client.readFlowRunLogs(runId, limit);
    }
    const lines = logs.flatMap((l) =>
      redact(l.message)
        .split(/\r?\n/)
        .map((text) => `${(l.timestamp ?? '').slice(11, 19)} ${levelName(l.level)} ${text}`.trim()),
    );
    return lines.slice(-limit);
  } catch {
    // The logs are a courtesy: the run's state decides.
    return [];
  }
}

function levelName(level: number): string {
  if (level >= 50) return 'CRITICAL';
  if (level >= 40) return 'ERROR';
  if (level >= 30) return 'WARNING';
  if (level >= 20) return 'INFO';
  return 'DEBUG';
}

/** A state message or error on one line, at most 300 characters. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

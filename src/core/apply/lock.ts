/**
 * The deploy lock: one writer per target at a time. Two deploys of the same prefect.yaml against one
 * server (two merges in a row) would each read the server's state and then each write it, leaving
 * both runs' automations behind. The lock lives on the server itself, as a global concurrency limit
 * of one slot held through a lease: it works across runners and machines, and a holder that dies
 * stops renewing its lease, which the server then expires, so no lock outlives its deploy for long.
 *
 * Beside the lease, the holder keeps a variable of the same name up to date (who holds the lock,
 * for the log of those waiting, and a heartbeat): a server that lost its leases (the default lease
 * storage is in memory, gone on a restart) or runs without the service that expires them would
 * otherwise keep a dead holder's slot forever, so a waiter that sees no heartbeat for a whole lease
 * and a margin frees the slot itself. The margin lets a server that does expire leases (every 15 s
 * by default) free it first: a slot freed twice would let a third deploy in beside the second.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The API calls the lock needs (`src/prefect` implements them on `/v2/concurrency_limits/`). */
export interface LockClient {
  createConcurrencyLimit(name: string, limit?: number): Promise<boolean>;
  acquireConcurrencyLease(name: string, leaseSeconds: number): Promise<{ leaseId: string } | 'held' | 'missing'>;
  renewConcurrencyLease(leaseId: string, leaseSeconds: number): Promise<boolean>;
  releaseConcurrencyLease(leaseId: string): Promise<void>;
  resetConcurrencyLimit(name: string): Promise<void>;
  readVariableByName(name: string): Promise<{ value?: unknown; updated?: string | null } | undefined>;
  writeVariable(name: string, value: unknown): Promise<void>;
  deleteVariable(name: string): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another deploy of the same target before giving up (default 600 s; 0: do not wait). */
  timeoutSeconds?: number;
  /** The lease the server grants at a time, renewed every third of it (default 60 s, the server's minimum). */
  leaseSeconds?: number;
  /** How often a waiting deploy asks again (default 2 s). */
  pollSeconds?: number;
  /** Who this deploy is, for the log of a deploy waiting for it (e.g. a CI run's URL, or user@host). */
  holder?: string;
}

export type LockEvent =
  | { kind: 'waiting'; lock: string; target: string; holder?: string; waitedMs: number; timeoutSeconds: number }
  | { kind: 'stale'; lock: string; holder?: string; silentMs: number }
  | { kind: 'acquired'; lock: string; target: string; waitedMs: number; leaseSeconds: number }
  | { kind: 'released'; lock: string; heldMs: number }
  | { kind: 'lost'; lock: string }
  | { kind: 'unsupported'; lock: string; reason: string };

export const DEFAULT_LOCK_TIMEOUT_SECONDS = 600;
export const DEFAULT_LEASE_SECONDS = 60;
/** Prefect's global concurrency limit names may not hold these. */
const BANNED = /[/%&<>]/g;
/** How long past a silent holder's lease a waiter lets the server free the slot before freeing it itself. */
const STALE_MARGIN_SECONDS = 30;
/** How often a waiting deploy says it still waits. */
const WAIT_REPORT_MS = 30_000;

/** The lock could not be taken (timed out, or the server failed): nothing was written. */
export class DeployLockError extends Error {
  override name = 'DeployLockError';
}

/**
 * What "the same target" is: the same selection of deployments (flow/name) of one prefect.yaml of
 * one repository (the lock lives on the server, so the server is part of it already). The file is
 * named by its path inside the repository, with the repository's directory name, so that every
 * clone and runner agrees; outside a repository, by its path from the working directory. With the
 * selection in it, the legs of a matrix (one deployment each) do not wait for one another, while
 * two runs of the same selection (two merges in a row) do.
 */
export function lockTarget(prefectFile: string, cwd: string, deployments: readonly string[]): string {
  const selected = [...new Set(deployments)].sort();
  const which = selected.length === 1 ? selected[0]! : `${selected.length} deployments ${targetHash(selected.join('\n')).slice(0, 8)}`;
  return `${fileTarget(prefectFile, cwd)} (${which})`;
}

function fileTarget(prefectFile: string, cwd: string): string {
  const file = path.resolve(cwd, prefectFile);
  let dir = path.dirname(file);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return `${path.basename(dir)}/${path.relative(dir, file).split(path.sep).join('/')}`;
    const up = path.dirname(dir);
    if (up === dir) return path.relative(cwd, file).split(path.sep).join('/');
    dir = up;
  }
}

function targetHash(target: string): string {
  return createHash('sha256').update(target).digest('hex').slice(0, 12);
}

/** The concurrency limit's name: readable in the UI, and unique per target. */
export function lockName(target: string): string {
  const readable = target.replace(BANNED, ':').slice(-80);
  return `prefect-deploy ${readable} ${targetHash(target)}`;
}

/** The heartbeat variable's name (variable names take letters, digits, dashes and underscores only). */
export function heartbeatName(target: string): string {
  return `prefect-deploy-lock-${targetHash(target)}`;
}

interface Heartbeat {
  holder?: string;
  target?: string;
  beat?: number;
}

export interface HeldLock {
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isMissingEndpoint(error: unknown): string | undefined {
  const status = (error as { status?: unknown }).status;
  if (status === 404 || status === 405) return `the server has no concurrency leases (HTTP ${status})`;
  if (status === 401 || status === 403) return `the API key may not use global concurrency limits (HTTP ${status})`;
  return undefined;
}

/**
 * Takes the target's lock, waiting while another deploy holds it; keeps the lease renewed until
 * `release`. A server without leases (or a key not allowed to use them) is reported and the deploy
 * goes on unlocked; a wait longer than the timeout, or a server failing otherwise, throws `DeployLockError`.
 */
export async function acquireDeployLock(client: LockClient, target: string, options: LockOptions, onEvent: (event: LockEvent) => void): Promise<HeldLock> {
  const lock = lockName(target);
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS;
  const leaseSeconds = Math.max(DEFAULT_LEASE_SECONDS, options.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
  const pollMs = (options.pollSeconds ?? 2) * 1000;
  const heartbeat = heartbeatName(target);
  const started = Date.now();
  let reported = -Infinity;
  // The heartbeat as last seen while waiting, and since when it has not changed.
  let seen: { stamp: string; holder?: string; since: number } | undefined;
  let leaseId: string;
  for (let created = false; ;) {
    let answer: Awaited<ReturnType<LockClient['acquireConcurrencyLease']>>;
    try {
      answer = await client.acquireConcurrencyLease(lock, leaseSeconds);
      if (answer === 'missing' && !created) {
        await client.createConcurrencyLimit(lock, 1);
        created = true;
        continue;
      }
    } catch (error) {
      const reason = isMissingEndpoint(error);
      if (!reason) throw new DeployLockError(`taking the deploy lock "${lock}" failed: ${(error as Error).message}`);
      onEvent({ kind: 'unsupported', lock, reason });
      return { release: async () => {} };
    }
    if (answer === 'missing') throw new DeployLockError(`taking the deploy lock "${lock}" failed: the server did not keep its concurrency limit`);
    if (answer !== 'held') {
      leaseId = answer.leaseId;
      break;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutSeconds * 1000) {
      throw new DeployLockError(
        `another deploy of ${target} still holds the deploy lock "${lock}" after ${Math.round(waited / 1000)}s; nothing was written (raise the lock timeout; the lock of a deploy that died is freed once it has been silent for ${leaseSeconds + STALE_MARGIN_SECONDS}s)`,
      );
    }
    const beat = await client.readVariableByName(heartbeat).catch(() => null);
    if (beat !== null) {
      const stamp = beat ? `${beat.updated ?? ''} ${JSON.stringify(beat.value)}` : 'none';
      const value = (beat?.value ?? {}) as Heartbeat;
      if (seen?.stamp !== stamp) seen = { stamp, since: Date.now(), ...(typeof value.holder === 'string' ? { holder: value.holder } : {}) };
      else if (Date.now() - seen.since >= (leaseSeconds + STALE_MARGIN_SECONDS) * 1000) {
        onEvent({ kind: 'stale', lock, silentMs: Date.now() - seen.since, ...(seen.holder ? { holder: seen.holder } : {}) });
        await client.resetConcurrencyLimit(lock).catch(() => {});
        seen = undefined;
        continue;
      }
    }
    if (waited - reported >= WAIT_REPORT_MS) {
      onEvent({ kind: 'waiting', lock, target, waitedMs: waited, timeoutSeconds, ...(seen?.holder ? { holder: seen.holder } : {}) });
      reported = waited;
    }
    await sleep(Math.min(pollMs, Math.max(0, timeoutSeconds * 1000 - waited)));
  }
  const acquiredAt = Date.now();
  onEvent({ kind: 'acquired', lock, target, waitedMs: acquiredAt - started, leaseSeconds });
  let lost = false;
  let beats = 0;
  // Best effort: without the variable, waiters still get the lock when the server expires the lease.
  const beat = () => client.writeVariable(heartbeat, { holder: options.holder ?? 'unknown', target, beat: beats++ } satisfies Heartbeat).catch(() => {});
  let renewing: Promise<unknown> = beat();
  const timer = setInterval(
    () => {
      renewing = Promise.all([
        client.renewConcurrencyLease(leaseId, leaseSeconds).then(
          (renewed) => {
            if (!renewed && !lost) {
              lost = true;
              onEvent({ kind: 'lost', lock });
            }
          },
          () => {}, // a renewal that fails is tried again; the lease outlives two misses
        ),
        beat(),
      ]);
    },
    (leaseSeconds * 1000) / 3,
  );
  // A renewal must not keep a finished process alive.
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      await renewing;
      await client.deleteVariable(heartbeat).catch(() => {});
      // On failure the lease expires on its own.
      await client.releaseConcurrencyLease(leaseId).catch(() => {});
      onEvent({ kind: 'released', lock, heldMs: Date.now() - acquiredAt });
    },
  };
}

/** A lock event as one log line, and whether it is a warning. */
export function lockEventText(event: LockEvent): { text: string; warning: boolean } {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  switch (event.kind) {
    case 'waiting':
      return {
        text: `another deploy of ${event.target}${event.holder ? ` (${event.holder})` : ''} holds the deploy lock "${event.lock}" on the server; waiting (${s(event.waitedMs)} so far, up to ${event.timeoutSeconds}s)`,
        warning: false,
      };
    case 'stale':
      return {
        text: `the deploy lock "${event.lock}" was held by ${event.holder ?? 'a deploy'} that has given no sign of life for ${s(event.silentMs)}; freeing it`,
        warning: true,
      };
    case 'acquired':
      return {
        text: `holding the deploy lock "${event.lock}"${event.waitedMs >= 1000 ? ` after waiting ${s(event.waitedMs)}` : ''} (lease ${event.leaseSeconds}s, renewed while writing)`,
        warning: false,
      };
    case 'released':
      return { text: `released the deploy lock "${event.lock}" (held ${s(event.heldMs)})`, warning: false };
    case 'lost':
      return {
        text: `the deploy lock "${event.lock}" expired while writing (the server did not renew its lease); another deploy of this project may be writing at the same time`,
        warning: true,
      };
    case 'unsupported':
      return {
        text: `deploying without the deploy lock: ${event.reason}; concurrent deploys of this project are not serialized (use a concurrency group in the workflow)`,
        warning: true,
      };
  }
}

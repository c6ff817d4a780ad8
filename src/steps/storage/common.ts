/**
 * What the bucket steps (S3, GCS, Azure) share: which files to push (`uploadSet`, the reference's
 * walk and `.prefectignore`), the risky-upload warning, hashing, skipping unchanged objects, a
 * bounded worker pool, throttled progress lines and the summary line. A provider module supplies
 * only the SDK calls.
 *
 * API (kept small on purpose; providers depend on it):
 *
 *   pushDirectory(provider, call, folder, target, options?) → TransferSummary
 *     Walks `call.cwd` exactly as the reference push step does, logs the upload-set warnings (one
 *     line each: no ignore file + `.git/`/virtualenv/`.env`, broken symlinks), hashes every file
 *     (MD5), asks `target.list(prefix)` once (prefix = the folder's key, `objectKey(provider,
 *     folder, '')`, asked while the tree is walked) for what is stored, skips files whose size and MD5
 *     match, uploads the rest through `target.upload` with at most `concurrency` in flight, logs a
 *     progress line every few seconds while it runs and one summary line at the end.
 *
 *   pullObjects(call, location, objects, download, options?) → TransferSummary
 *     Creates each object's parent directory and runs `download` for all of them, bounded, with
 *     the same progress and summary lines. The provider lists and maps keys to local paths (each
 *     reference pull step relativizes differently).
 *
 *   PushTarget      list(prefix, signal) → Map<key, RemoteObject> | null (null: listing not allowed,
 *                   upload everything); storedMd5?(key, signal), asked only for a same-size object
 *                   whose listed MD5 is missing or differs (S3 multipart/SSE-KMS ETags → the MD5 our
 *                   upload recorded under CONTENT_MD5_METADATA); upload(object, signal).
 *   LocalObject     an UploadFile plus size, MD5 (hex) and, for files up to IN_MEMORY_LIMIT, the
 *                   bytes already read (`data`; null → stream from `localPath`).
 *   CONTENT_MD5_METADATA  the metadata key under which uploads may record the MD5 (hex) when the
 *                   service's own checksum is not a plain MD5 (multipart / block uploads).
 *   mapBounded(items, limit, fn, signal?)  the pool, for providers' own batches.
 *   md5File(path), formatBytes(n), networkErrorReason(error) small helpers.
 *   interopDefault(module, probe) a lazily imported CommonJS SDK's exports, bundled or not.
 *
 * Everything a step throws here is one line; the provider maps SDK errors to its own one-liners.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import { mapBounded } from '../../core/util/map-bounded.js';
import { objectKey, PUSH_STEPS, uploadSet, type StorageProvider, type UploadFile } from '../upload-set.js';

export { mapBounded };

/** Metadata key (without any `x-amz-meta-` style prefix) recording the content MD5 as hex. */
export const CONTENT_MD5_METADATA = 'prefect-deploy-md5';

/** Files up to this size are read into memory once (hash + upload body); larger ones are streamed. */
export const IN_MEMORY_LIMIT = 8 * 1024 * 1024;

/** Transfers in flight at once. Object stores scale per request; 16 keeps a runner's link busy without flooding it. */
export const DEFAULT_CONCURRENCY = 16;

/** How often a long transfer reports progress. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 5_000;

/** A file about to be pushed. */
export interface LocalObject extends UploadFile {
  size: number;
  /** MD5 of the content, lower-case hex. */
  md5: string;
  /** The content when the file is at most IN_MEMORY_LIMIT bytes; null means stream `localPath`. */
  data: Buffer | null;
}

/** What the store already holds under a key. */
export interface RemoteObject {
  size: number;
  /** MD5 of the content (lower-case hex) when the listing tells; null when it does not. */
  md5: string | null;
}

export interface PushTarget {
  /** Where the files go, for log lines: `s3://bucket/folder`. */
  readonly location: string;
  /**
   * Objects whose key starts with `prefix`. Returns null when the credentials may not list (the
   * push then uploads everything); throws a one-line error for what makes the push fail anyway
   * (no such bucket, bad credentials, unreachable endpoint).
   */
  list(prefix: string, signal: AbortSignal): Promise<Map<string, RemoteObject> | null>;
  /** The MD5 recorded for a same-size object whose listed MD5 is missing or differs (null: unknown → upload). */
  storedMd5?(key: string, signal: AbortSignal): Promise<string | null>;
  /** Stores the file under `object.key`. */
  upload(object: LocalObject, signal: AbortSignal): Promise<void>;
}

export interface TransferOptions {
  /** Default DEFAULT_CONCURRENCY. */
  concurrency?: number;
  /** Default DEFAULT_PROGRESS_INTERVAL_MS. */
  progressIntervalMs?: number;
}

export interface PushOptions extends TransferOptions {
  /** The step's `ignore_file` input as given (undefined → `.prefectignore`; empty/null → none). */
  ignoreFile?: string | null;
  /** Default true; false uploads every file (no listing). */
  skipUnchanged?: boolean;
}

export interface TransferSummary {
  /** Files uploaded or downloaded. */
  transferred: number;
  transferredBytes: number;
  /** Files skipped because the stored object has the same content (push only). */
  unchanged: number;
  unchangedBytes: number;
  seconds: number;
}

/** Pushes the step's working directory as the reference push step would, skipping unchanged objects. */
export async function pushDirectory(provider: StorageProvider, call: StepCall, folder: string, target: PushTarget, options: PushOptions = {}): Promise<TransferSummary> {
  const started = performance.now();
  const step = PUSH_STEPS[provider].split('.').at(-1)!;
  const { signal, abort, dispose } = linkedAbort(call.signal);
  try {
    const skip = options.skipUnchanged ?? true;
    // Listed while the tree is walked: every key starts with the folder's own key.
    const stored: Promise<Map<string, RemoteObject> | null> = skip ? target.list(objectKey(provider, folder, ''), signal) : Promise.resolve(null);
    // A failed listing must not surface as an unhandled rejection while the tree is walked, nor
    // fail a push with nothing to upload (the reference then makes no request at all).
    stored.catch(() => undefined);
    const set = await uploadSet(provider, call.cwd, folder, { ignoreFile: options.ignoreFile });
    for (const warning of set.warnings) call.log(`   warning: ${warning}`);
    let listingNoted = false;

    // Synchronous: a stat from the page cache costs microseconds, a thread-pool round trip more.
    const sizes = set.files.map((file) => {
      try {
        return statSync(file.localPath).size;
      } catch (error) {
        return unreadable(file)(error as NodeJS.ErrnoException);
      }
    });
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    const progress = new Progress(call, step, 'uploaded', set.files.length, totalBytes, options.progressIntervalMs);
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    let listed: { value: Map<string, RemoteObject> | null } | null = null;
    stored.then(
      (value) => (listed = { value }),
      () => undefined,
    );

    /** Skips the object when the store has the same content, else uploads it (`load` gives the bytes). */
    const push = async (object: Omit<LocalObject, 'data'>, remote: Map<string, RemoteObject> | null, load: () => Promise<LocalObject>): Promise<void> => {
      if (remote === null && skip && !listingNoted) {
        listingNoted = true;
        call.log(`   ${step}: cannot list ${target.location} with these credentials, so every file is uploaded`);
      }
      const existing = remote?.get(object.key);
      if (existing && existing.size === object.size) {
        // The listing's checksum first; only when it is missing or differs (S3 multipart and
        // SSE-KMS ETags are not MD5s) ask for the recorded one, one request per such object.
        let same = existing.md5 === object.md5;
        if (!same && target.storedMd5) same = (await target.storedMd5(object.key, signal)) === object.md5;
        if (same) {
          progress.add(false, object.size);
          return;
        }
      }
      await target.upload(await load(), signal);
      progress.add(true, object.size);
    };

    try {
      // Files hashed before the listing has arrived keep only their hash (memory stays bounded)
      // and are settled once it is here; hashing never waits for the listing.
      const early: Omit<LocalObject, 'data'>[] = [];
      await mapBounded(
        set.files,
        concurrency,
        async (file, index) => {
          const object = await readLocal(file, sizes[index]!);
          if (listed === null) {
            const { data: _dropped, ...hashed } = object;
            early.push(hashed);
            return;
          }
          await push(object, listed.value, async () => object);
        },
        signal,
      );
      const remote = await stored;
      await mapBounded(early, concurrency, (hashed) => push(hashed, remote, async () => ({ ...hashed, data: await readData(hashed) })), signal);
    } finally {
      progress.stop();
    }
    const summary = progress.summary(started);
    call.log(`   ${step}: ${describeSummary(summary, 'uploaded', true)} to ${target.location}`);
    return summary;
  } catch (error) {
    abort(error);
    throw error;
  } finally {
    dispose();
  }
}

/** One object to download: the provider has already mapped its key to a local path. */
export interface PullObject {
  key: string;
  localPath: string;
  size: number;
}

/** Downloads `objects` with bounded parallelism, creating parent directories first. */
export async function pullObjects(
  call: StepCall,
  location: string,
  objects: readonly PullObject[],
  download: (object: PullObject, signal: AbortSignal) => Promise<void>,
  options: TransferOptions = {},
): Promise<TransferSummary> {
  const started = performance.now();
  const step = call.name.split('.').at(-1)!;
  const { signal, abort, dispose } = linkedAbort(call.signal);
  const totalBytes = objects.reduce((a, o) => a + o.size, 0);
  const progress = new Progress(call, step, 'downloaded', objects.length, totalBytes, options.progressIntervalMs);
  try {
    const dirs = [...new Set(objects.map((o) => dirname(o.localPath)))];
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    await mapBounded(
      objects,
      options.concurrency ?? DEFAULT_CONCURRENCY,
      async (object) => {
        await download(object, signal);
        progress.add(true, object.size);
      },
      signal,
    );
  } catch (error) {
    abort(error);
    throw error;
  } finally {
    progress.stop();
    dispose();
  }
  const summary = progress.summary(started);
  call.log(`   ${step}: ${describeSummary(summary, 'downloaded', false)} from ${location}`);
  return summary;
}

/** MD5 of a file, lower-case hex, streamed. */
export async function md5File(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `1.5 MB`-style sizes (decimal units, as transfer tools print). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not verifiable',
};

/** Why a request never got an answer (connection refused, DNS, TLS…), or null when it did get one. */
export function networkErrorReason(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES[code]) return NETWORK_CODES[code];
    if (e instanceof AggregateError && e.errors.length > 0) e = e.errors[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * A lazily imported SDK module with its named exports usable: CommonJS packages (the AWS SDK,
 * google-auth-library) show them by name when Node or vitest imports them, but from esbuild's split
 * chunks (dist/) only under `default`. `probe` is an export the module must have.
 */
export function interopDefault<T extends object>(mod: T, probe: keyof T): T {
  return mod[probe] !== undefined ? mod : (mod as unknown as { default: T }).default;
}

/** Below this size a file is read synchronously: one blocking read is cheaper than four thread-pool round trips. */
const SYNC_READ_LIMIT = 1024 * 1024;

async function readLocal(file: UploadFile, size: number): Promise<LocalObject> {
  if (size <= IN_MEMORY_LIMIT) {
    let data: Buffer;
    if (size <= SYNC_READ_LIMIT) {
      try {
        data = readFileSync(file.localPath);
      } catch (error) {
        return unreadable(file)(error as NodeJS.ErrnoException);
      }
    } else data = await readFile(file.localPath).catch(unreadable(file));
    return { ...file, size: data.length, md5: createHash('md5').update(data).digest('hex'), data };
  }
  return { ...file, size, md5: await md5File(file.localPath).catch(unreadable(file)), data: null };
}

/** The bytes again for a file hashed early, when it must be uploaded after all (null: streamed). */
async function readData(object: Omit<LocalObject, 'data'>): Promise<Buffer | null> {
  return object.size <= IN_MEMORY_LIMIT ? readFile(object.localPath).catch(unreadable(object)) : null;
}

/** A file of the upload set that cannot be read (a broken symlink, no permission): the reference fails on it too. */
function unreadable(file: UploadFile): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    throw new StepFailure(`cannot read ${file.relativePath}: ${error.code ?? error.message} (fix it or add it to .prefectignore)`);
  };
}

function linkedAbort(parent: AbortSignal | undefined): { signal: AbortSignal; abort: (reason: unknown) => void; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => {
      if (!controller.signal.aborted) controller.abort(reason);
    },
    dispose: () => parent?.removeEventListener('abort', onAbort),
  };
}

function describeSummary(s: TransferSummary, verb: string, withUnchanged: boolean): string {
  const parts = [`${verb} ${s.transferred} file${s.transferred === 1 ? '' : 's'} (${formatBytes(s.transferredBytes)})`];
  if (withUnchanged) parts.push(`${s.unchanged} unchanged (${formatBytes(s.unchangedBytes)})`);
  return `${parts.join(', ')} in ${s.seconds.toFixed(1)}s`;
}

/** Counts, and a line every interval while the transfer runs (never per file). */
class Progress {
  private transferred = 0;
  private transferredBytes = 0;
  private unchanged = 0;
  private unchangedBytes = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();

  constructor(
    call: StepCall,
    step: string,
    verb: string,
    private readonly totalFiles: number,
    private readonly totalBytes: number,
    intervalMs = DEFAULT_PROGRESS_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => {
      const done = this.transferred + this.unchanged;
      const seconds = ((performance.now() - this.startedAt) / 1000).toFixed(0);
      const unchanged = this.unchanged > 0 ? `, ${this.unchanged} unchanged` : '';
      call.log(
        `   ${step}: ${done}/${this.totalFiles} files (${formatBytes(this.transferredBytes + this.unchangedBytes)} of ${formatBytes(this.totalBytes)}), ${this.transferred} ${verb}${unchanged}, ${seconds}s`,
      );
    }, intervalMs);
    this.timer.unref();
  }

  add(transferred: boolean, bytes: number): void {
    if (transferred) {
      this.transferred += 1;
      this.transferredBytes += bytes;
    } else {
      this.unchanged += 1;
      this.unchangedBytes += bytes;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  summary(started: number): TransferSummary {
    return {
      transferred: this.transferred,
      transferredBytes: this.transferredBytes,
      unchanged: this.unchanged,
      unchangedBytes: this.unchangedBytes,
      seconds: (performance.now() - started) / 1000,
    };
  }
}

/**
 * Reading a file a pull request names (prefect.yaml, an entrypoint, a module it imports) without
 * letting the file hold the job: a FIFO or device given as a path blocks `readFile` forever, and a
 * huge file costs memory many times its size once parsed.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

const MiB = 1024 * 1024;

/**
 * prefect.yaml: real ones are kilobytes (500 deployments written out in full are about 1 MiB);
 * read, a long string costs about 50x its size in memory, so 4 MiB keeps a run under 300 MB.
 */
export const MAX_PREFECT_FILE_BYTES = 4 * MiB;

/**
 * Python files the flow analysis reads: hand-written flows are tens of kilobytes; generated
 * modules a flow imports (protobuf `_pb2.py`) reach a few MiB. 10 MiB is past both.
 */
export const MAX_PYTHON_FILE_BYTES = 10 * MiB;

/** A file that cannot be read as a regular file of bounded size; `message` says why in a clause. */
export class UnreadableFileError extends Error {
  readonly code: 'ESPECIAL' | 'ETOOBIG';
  constructor(code: 'ESPECIAL' | 'ETOOBIG', message: string) {
    super(message);
    this.name = 'UnreadableFileError';
    this.code = code;
  }
}

function kind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function check(stats: Stats, limit: number): void {
  if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!stats.isFile()) throw new UnreadableFileError('ESPECIAL', `is ${kind(stats)}, which could block forever (point it at a regular file)`);
  checkSize(stats.size, limit);
}

function checkSize(size: number, limit: number): void {
  if (size > limit) {
    throw new UnreadableFileError('ETOOBIG', `is ${(size / MiB).toFixed(1)} MiB, over the ${limit / MiB} MiB limit (no real project needs one this large)`);
  }
}

/**
 * The bytes of a regular file no larger than `limit`. Checked before opening, then again on the
 * open descriptor (opened non-blocking, so a file swapped for a FIFO in between cannot block),
 * and never read past what stat saw. Other errors (ENOENT, EISDIR) are thrown as `fs` throws them.
 * `listedAsRegular`: a directory listing just gave it as a regular file (not a device): the check
 * before opening is skipped, the one on the descriptor still made.
 */
export function readBoundedFile(file: string, limit: number, listedAsRegular = false): Buffer {
  // A file a directory listing just gave as a regular file is not stat-ed twice.
  if (!listedAsRegular) check(statSync(file), limit);
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    check(stats, limit);
    // One byte more than stat saw: a file growing while read is caught, never read unbounded.
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > stats.size) throw new UnreadableFileError('ETOOBIG', 'grew while it was read (run again once it is written)');
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A directory of entries kept between runs, one file per key (named by the key's hash). Entries
 * are written under a temporary name and renamed, so concurrent runs never see half an entry; a
 * directory that cannot be read or written only costs speed. Callers check what they read: a
 * broken or foreign entry must be treated as absent.
 */
export class DiskStore {
  private pruned = false;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    readonly directory: string,
    private readonly extension: string,
    /** Above this many entries, the older half is removed (checked once per process, on the first write). */
    private readonly maxEntries = 5000,
    /**
     * Write entries in the background (Node's thread pool, the other core), not on the run's
     * thread: a plan of a thousand new flows spent 0.45 s of its 3.4 s in `writeFileSync`. The
     * process lives until they are written; `settled()` waits for them.
     */
    private readonly background = false,
  ) {}

  /** Resolves once every background write started so far has finished (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  read(key: string): Buffer | undefined {
    try {
      return readFileSync(this.file(key));
    } catch {
      return undefined;
    }
  }

  write(key: string, data: string | Uint8Array): void {
    const target = this.file(key);
    const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(this.directory, { recursive: true });
      this.prune();
      if (this.background) {
        const written: Promise<void> = writeFile(temporary, data)
          .then(() => rename(temporary, target))
          .catch(() => rm(temporary, { force: true }).catch(() => {}))
          .finally(() => this.pending.delete(written));
        this.pending.add(written);
        return;
      }
      writeFileSync(temporary, data);
      renameSync(temporary, target);
    } catch {
      // A cache that cannot be written (read-only home, full disk) only costs speed.
      try {
        rmSync(temporary, { force: true });
      } catch {
        // nothing was written
      }
    }
  }

  file(key: string): string {
    return path.join(this.directory, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}${this.extension}`);
  }

  private prune(): void {
    if (this.pruned) return;
    this.pruned = true;
    const names = readdirSync(this.directory).filter((n) => n.endsWith(this.extension));
    if (names.length <= this.maxEntries) return;
    const aged = names.map((n) => {
      const file = path.join(this.directory, n);
      return { file, mtime: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
    });
    aged.sort((a, b) => a.mtime - b.mtime);
    for (const { file } of aged.slice(0, aged.length - this.maxEntries / 2)) rmSync(file, { force: true });
  }
}

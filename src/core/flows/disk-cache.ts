/**
 * Flow analyses kept between runs on the same machine (a developer's laptop, a self-hosted runner,
 * a hosted runner that restores the directory with actions/cache). An analysis is reused only when
 * everything it looked at is still the same: the entry file's bytes and the options (in the key),
 * and each project file it read, each local-module lookup it made and each environment variable it
 * read (recorded while analysing, checked again before reuse). Entries are written under a
 * temporary name and renamed, so concurrent runs never see half an entry; a broken or foreign
 * entry is ignored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, cachingEnabled } from '../util/cache-dir.js';
import type { AnalyzedFlow } from './index.js';

/** Something an analysis depended on besides its key. */
export type Observation =
  | { kind: 'env'; name: string; value: string | null }
  | { kind: 'resolve'; module: string; from: string; level: number; result: string | null }
  | { kind: 'read'; file: string; md5: string | null };

/** Answers the same questions the analysis asked, now, to tell whether an observation still holds. */
export interface World {
  env(name: string): string | undefined;
  resolve(module: string, from: string, level: number): string | null;
  /** MD5 of a project file (relative to cwd), or null when it cannot be read. */
  md5(file: string): string | null;
}

interface Entry {
  key: string;
  observations: readonly Observation[];
  flow: AnalyzedFlow;
}

/** Above this many entries, the older half is removed (checked once per process, on the first write). */
const MAX_ENTRIES = 5000;

export class FlowAnalysisDiskCache {
  private pruned = false;

  constructor(readonly directory: string) {}

  get(key: string, world: World): AnalyzedFlow | undefined {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (entry.key !== key || !Array.isArray(entry.observations) || !entry.flow) return undefined;
    return entry.observations.every((o) => holds(o, world)) ? entry.flow : undefined;
  }

  set(key: string, observations: readonly Observation[], flow: AnalyzedFlow): void {
    const target = this.file(key);
    const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(this.directory, { recursive: true });
      this.prune();
      writeFileSync(temporary, JSON.stringify({ key, observations, flow } satisfies Entry));
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

  private file(key: string): string {
    return path.join(this.directory, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  private prune(): void {
    if (this.pruned) return;
    this.pruned = true;
    const names = readdirSync(this.directory).filter((n) => n.endsWith('.json'));
    if (names.length <= MAX_ENTRIES) return;
    const aged = names.map((n) => {
      const file = path.join(this.directory, n);
      return { file, mtime: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
    });
    aged.sort((a, b) => a.mtime - b.mtime);
    for (const { file } of aged.slice(0, aged.length - MAX_ENTRIES / 2)) rmSync(file, { force: true });
  }
}

function holds(o: Observation, world: World): boolean {
  switch (o.kind) {
    case 'env':
      return (world.env(o.name) ?? null) === o.value;
    case 'resolve':
      return world.resolve(o.module, o.from, o.level) === o.result;
    case 'read':
      return world.md5(o.file) === o.md5;
    default:
      return false;
  }
}

/**
 * Where analyses are kept: `$DEPLOY_ACTION_CACHE_DIR`, else `$RUNNER_TOOL_CACHE`, `$XDG_CACHE_HOME`
 * or `~/.cache` followed by `deploy-action/flow-analyses/<analyzer>`; undefined (no cache) when
 * `DEPLOY_ACTION_CACHE` is `off`, `false` or `0`. `analyzer` identifies the code that produced the
 * analyses, so a new version of this tool never reuses an old one's.
 */
export function flowAnalysisCacheDirectory(env: Record<string, string | undefined>, analyzer: string): string | undefined {
  if (!cachingEnabled(env)) return undefined;
  return path.join(cacheRoot(env), 'flow-analyses', analyzer);
}

/**
 * Flow analyses kept between runs on the same machine (a developer's laptop, a self-hosted runner,
 * a hosted runner that restores the directory with actions/cache). An analysis is reused only when
 * everything it looked at is still the same: the entry file's bytes and the options (in the key),
 * and each project file it read, each local-module lookup it made and each environment variable it
 * read (recorded while analysing, checked again before reuse). Entries are written under a
 * temporary name and renamed, so concurrent runs never see half an entry; a broken or foreign
 * entry is ignored.
 */
import { cacheDirectory } from '../util/cache-dir.js';
import { DiskStore } from '../util/disk-store.js';
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

export class FlowAnalysisDiskCache {
  private readonly store: DiskStore;

  constructor(readonly directory: string) {
    this.store = new DiskStore(directory, '.json', undefined, true);
  }

  /** `onObservations` is told what the reused analysis depended on. */
  get(key: string, world: World, onObservations?: (observations: readonly Observation[]) => void): AnalyzedFlow | undefined {
    let entry: Entry;
    try {
      entry = JSON.parse(this.store.read(key)?.toString('utf8') ?? 'null') as Entry;
    } catch {
      return undefined;
    }
    const observations: unknown = entry?.observations;
    if (entry?.key !== key || !Array.isArray(observations) || !entry.flow) return undefined;
    if (!entry.observations.every((o) => holds(o, world))) return undefined;
    onObservations?.(entry.observations);
    return entry.flow;
  }

  /** Resolves once the analyses kept so far are on disk (they are written in the background). */
  settled(): Promise<void> {
    return this.store.settled();
  }

  set(key: string, observations: readonly Observation[], flow: AnalyzedFlow): void {
    this.store.write(key, JSON.stringify({ key, observations, flow } satisfies Entry));
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
  return cacheDirectory(env, 'flow-analyses', analyzer);
}

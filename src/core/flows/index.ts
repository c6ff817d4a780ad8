/**
 * flows/: Python source in, flow name, description and parameter schema out, read without running
 * Python (with a disk cache of analyses). Imports only core/util: nothing of the engine above it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MAX_PYTHON_FILE_BYTES, readBoundedFile } from '../util/read-bounded.js';
import { FlowAnalysisDiskCache, flowAnalysisCacheDirectory, type Observation, type World } from './disk-cache.js';
import { parseEntrypoint, type ParsedEntrypoint } from './entrypoint.js';
import { FlowAnalysisError } from './errors.js';
import { localModuleCandidates, resolveLocalModule } from './local-modules.js';

export { FlowAnalysisError } from './errors.js';
export { parseEntrypoint, type ParsedEntrypoint } from './entrypoint.js';
export { affectedBy, affectedEntries, indexPython, type AffectedEntries, type AffectedLimits, type PythonIndex } from './affected.js';

export interface FlowAnalysisOptions {
  cwd: string;
  /**
   * Modules (top-level or dotted names) that cannot be imported where `prefect deploy` would run.
   * When the flow file imports one at module level, Prefect's fallback loader (§10) is reproduced.
   */
  unavailableModules?: readonly string[];
  /** Same as `unavailableModules`, as a predicate on the dotted module name. */
  isModuleUnavailable?: (module: string) => boolean;
  /**
   * The environment `prefect deploy` would run with, for `os.environ`/`os.getenv` at module level
   * (default: this process's environment, which in CI is the deploy job's).
   */
  env?: Record<string, string | undefined>;
  /**
   * Which reference to reproduce where Prefect/pydantic versions disagree (§12):
   * `prefect-3.9` (default): Prefect 3.9.x with pydantic 2.14 — `*args: T` is an array of T and
   * `**kwargs: T` an object of T, both optional with defaults `[]`/`{}`; Decimal has no pattern.
   * `spec-main`: the spec's harness (Prefect main ce79dd3, pydantic 2.13) — variadics are
   * required properties typed as annotated; Decimal's string branch has a pattern.
   */
  referenceProfile?: ReferenceProfile;
  /**
   * Python that would run `prefect deploy`, as `3.N` (default `3.11`, the reference's). Used for
   * `sys.version_info` checks and pydantic's version-tied refusals (typing.TypedDict before 3.12).
   */
  pythonVersion?: string;
}

export type ReferenceProfile = 'prefect-3.9' | 'spec-main';

export interface AnalyzedFlow {
  /** Flow name as registered. */
  name: string;
  /** Python function name. */
  functionName: string;
  description: string | null;
  /** Decorator `version=` or the MD5 hex digest of the file bytes. */
  version: string;
  /**
   * What Prefect itself reports as `flow.version`: the same as `version`, except on the fallback
   * path without `version=`, where Prefect has no source file to hash and reports null.
   */
  referenceVersion: string | null;
  /** Wire format, keys in the reference's order. */
  parameterSchema: Record<string, unknown>;
  /** Whether the function takes `**kwargs`, so that a parameter of any name reaches it. */
  acceptsAnyKeyword?: boolean;
  /** Path of the .py file relative to cwd. */
  file: string;
  /** Line of the `def`. */
  line: number;
  loader: 'import' | 'fallback';
  /** Things the static reading could not know (e.g. a default computed at runtime). */
  warnings: string[];
}

/**
 * The project files an analysis depends on: the entry file, every local module it read, and every
 * place a module lookup looked (a module added or deleted there changes the analysis), relative to
 * cwd, as `--changed-since` needs them; undefined for an analysis that did not record them.
 */
const sourceFiles = new WeakMap<AnalyzedFlow, () => readonly string[]>();

export function flowSourceFiles(flow: AnalyzedFlow): readonly string[] | undefined {
  return sourceFiles.get(flow)?.();
}

/** Keeps what `flowSourceFiles` answers, worked out on the first question (only `--changed-since` asks). */
function rememberSourceFiles(flow: AnalyzedFlow, cwd: string, entry: string, observations: readonly Observation[]): AnalyzedFlow {
  let files: readonly string[] | undefined;
  sourceFiles.set(flow, () => {
    if (files) return files;
    const found = new Set([entry]);
    for (const o of observations) {
      // A data file (`Path(...).read_text()`) is read by its absolute path.
      if (o.kind === 'read') found.add(path.isAbsolute(o.file) ? path.relative(cwd, o.file).split(path.sep).join('/') : o.file);
      else if (o.kind === 'resolve') for (const c of localModuleCandidates(cwd, o.module, o.from, o.level)) found.add(c);
    }
    return (files = [...found]);
  });
  return flow;
}

/** Analyses of one run, by entrypoint, file content and options (see `withFlowAnalysisCache`). */
export type FlowAnalysisCache = Map<string, Promise<AnalyzedFlow>>;

const runCache = new AsyncLocalStorage<FlowAnalysisCache>();

/**
 * Runs `fn` with `cache` shared by every `analyzeEntrypoint` it makes (unless one is active
 * already): a flow file is read once per run however many deployments use it, and a deploy that
 * plans again after its build steps does not analyse again (the reference loads each flow once,
 * before the steps). Keyed by the file's absolute path and content, so a changed file is analysed
 * anew; the files it imports are assumed not to change within a run.
 */
export function withFlowAnalysisCache<T>(cache: FlowAnalysisCache, fn: () => Promise<T>): Promise<T> {
  return runCache.getStore() ? fn() : runCache.run(cache, fn);
}

/**
 * Identifies the analyser's code in a build (a hash of its sources and the parser's version, set by
 * scripts/build.mjs); analyses kept on disk by another build are not reused. Unset when running
 * from source, where nothing is kept on disk unless a test asks for it.
 */
declare const __FLOW_ANALYZER__: string | undefined;
const ANALYZER = typeof __FLOW_ANALYZER__ === 'string' ? __FLOW_ANALYZER__ : undefined;

let diskCache: FlowAnalysisDiskCache | null | undefined;

/** The cache between runs: the default location (see `flowAnalysisCacheDirectory`), or null for none. */
function disk(): FlowAnalysisDiskCache | null {
  if (diskCache === undefined) {
    const dir = ANALYZER ? flowAnalysisCacheDirectory(process.env, ANALYZER) : undefined;
    diskCache = dir ? new FlowAnalysisDiskCache(dir) : null;
  }
  return diskCache;
}

/** Replaces the cache between runs for this process (tests; null turns it off). */
export function setFlowAnalysisDiskCache(cache: FlowAnalysisDiskCache | null): void {
  diskCache = cache;
}

/** Finds the flow an entrypoint names and derives what `prefect deploy` derives from it, without Python. */
export async function analyzeEntrypoint(entrypoint: string, options: FlowAnalysisOptions): Promise<AnalyzedFlow> {
  const ep = parseEntrypoint(entrypoint, options.cwd);
  const cache = runCache.getStore();
  // A predicate or an explicit environment cannot be part of a key; such calls are not cached.
  if (!cache || options.isModuleUnavailable || options.env) return analyzeOrExplain(ep, options);
  const abs = path.resolve(options.cwd, ep.file);
  let bytes: Buffer | undefined;
  try {
    bytes = readBoundedFile(abs, MAX_PYTHON_FILE_BYTES);
  } catch {
    // a missing file is reported by the analysis itself
  }
  const key = JSON.stringify([
    abs,
    bytes ? createHash('md5').update(bytes).digest('hex') : null,
    entrypoint,
    options.cwd,
    options.unavailableModules ?? [],
    options.referenceProfile ?? null,
    options.pythonVersion ?? null,
  ]);
  let analysis = cache.get(key);
  if (!analysis) {
    analysis = analyzeKept(ep, options, key, bytes);
    cache.set(key, analysis);
  }
  return analysis;
}

/** An analysis from the cache between runs when what it depended on is unchanged, else a new one (then kept). */
async function analyzeKept(ep: ParsedEntrypoint, options: FlowAnalysisOptions, key: string, bytes: Buffer | undefined): Promise<AnalyzedFlow> {
  const kept = bytes ? disk() : null;
  if (!kept) return analyzeOrExplain(ep, options, bytes);
  const world = currentWorld(options.cwd, runCache.getStore());
  let seen: readonly Observation[] = [];
  const found = kept.get(key, world, (o) => (seen = o));
  if (found) return rememberSourceFiles(found, options.cwd, ep.file, seen);
  const observations: Observation[] = [];
  const flow = await analyzeOrExplain(ep, options, bytes, observations);
  kept.set(key, observations, flow);
  return flow;
}

// What a run's checks of kept analyses found on disk: the thousand flows of a monorepo look for
// `prefect.py`, `typing/__init__.py`, … in the same few directories (files do not change within a run).
const runLookups = new WeakMap<FlowAnalysisCache, Map<string, boolean>>();

function currentWorld(cwd: string, run: FlowAnalysisCache | undefined): World {
  let found = run && runLookups.get(run);
  if (run && !found) runLookups.set(run, (found = new Map<string, boolean>()));
  const exists = (file: string): boolean => {
    if (!found) return existsSync(file);
    let answer = found.get(file);
    if (answer === undefined) found.set(file, (answer = existsSync(file)));
    return answer;
  };
  return {
    env: (name) => process.env[name],
    resolve: (module, from, level) => resolveLocalModule(cwd, module, from, level, exists),
    md5: (file) => {
      try {
        // As recorded: the MD5 of the text as the analysis read it.
        return createHash('md5')
          .update(readBoundedFile(path.resolve(cwd, file), MAX_PYTHON_FILE_BYTES).toString('utf8'), 'utf8')
          .digest('hex');
      } catch {
        return null;
      }
    },
  };
}

async function analyzeOrExplain(ep: ParsedEntrypoint, options: FlowAnalysisOptions, bytes?: Buffer, given?: Observation[]): Promise<AnalyzedFlow> {
  // The analyser (a Python grammar and interpreter) is loaded on the first analysis a run cannot
  // take from the cache between runs: a re-run with every analysis kept never loads it.
  const { analyze } = await import('./analyze.js');
  const observations = given ?? [];
  try {
    return rememberSourceFiles(analyze(ep, options, bytes, observations), options.cwd, ep.file, observations);
  } catch (e) {
    if (e instanceof FlowAnalysisError) throw e;
    // A construct this reader mishandles must still name the file, so the user knows where to look.
    const err = new FlowAnalysisError(`could not analyse the flow file: ${e instanceof Error ? e.message : String(e)}`, { file: ep.file });
    err.cause = e;
    throw err;
  }
}

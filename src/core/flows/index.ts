import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FlowAnalysisDiskCache, flowAnalysisCacheDirectory, type Observation, type World } from './disk-cache.js';
import { parseEntrypoint, type ParsedEntrypoint } from './entrypoint.js';
import { FlowAnalysisError } from './errors.js';
import { fallbackLoad, lookupObject } from './fallback.js';
import { Interpreter, type InterpreterOptions } from './interpreter.js';
import { parameterSchema, type SchemaProfile } from './parameters.js';
import { PySource } from './pysource.js';
import { PyRaise, truthy, type PyFlow, type PyValue } from './values.js';

export { FlowAnalysisError } from './errors.js';
export { parseEntrypoint, type ParsedEntrypoint } from './entrypoint.js';

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
  /** Path of the .py file relative to cwd. */
  file: string;
  /** Line of the `def`. */
  line: number;
  loader: 'import' | 'fallback';
  /** Things the static reading could not know (e.g. a default computed at runtime). */
  warnings: string[];
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
    bytes = readFileSync(abs);
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
  const world = currentWorld(options.cwd);
  const found = kept.get(key, world);
  if (found) return found;
  const observations: Observation[] = [];
  const flow = await analyzeOrExplain(ep, options, bytes, observations);
  kept.set(key, observations, flow);
  return flow;
}

function currentWorld(cwd: string): World {
  return {
    env: (name) => process.env[name],
    resolve: (module, from, level) => resolveLocalModule(cwd, module, from, level),
    md5: (file) => {
      try {
        // As recorded: the MD5 of the text as the analysis read it.
        return createHash('md5').update(readFileSync(path.resolve(cwd, file), 'utf8'), 'utf8').digest('hex');
      } catch {
        return null;
      }
    },
  };
}

async function analyzeOrExplain(ep: ParsedEntrypoint, options: FlowAnalysisOptions, bytes?: Buffer, observations?: Observation[]): Promise<AnalyzedFlow> {
  try {
    return analyze(ep, options, bytes, observations);
  } catch (e) {
    if (e instanceof FlowAnalysisError) throw e;
    // A construct this reader mishandles must still name the file, so the user knows where to look.
    const err = new FlowAnalysisError(`could not analyse the flow file: ${e instanceof Error ? e.message : String(e)}`, { file: ep.file });
    err.cause = e;
    throw err;
  }
}

/** `observations`, when given, receives every file, module lookup and environment variable the analysis looked at. */
function analyze(ep: ParsedEntrypoint, options: FlowAnalysisOptions, read?: Buffer, observations?: Observation[]): AnalyzedFlow {
  const abs = path.resolve(options.cwd, ep.file);
  if (!read && !existsSync(abs)) {
    throw new FlowAnalysisError(
      ep.kind === 'script'
        ? `entrypoint file not found: ${ep.file} (paths are relative to ${options.cwd})`
        : `module '${ep.pathAsWritten}' not found (looked for ${ep.file} relative to ${options.cwd})`,
      { file: ep.file },
    );
  }
  const bytes = read ?? readFileSync(abs);
  const source = new PySource(bytes.toString('utf8'));
  const { fatal, ignoredLines } = source.parseErrors();
  if (fatal) {
    const pos = source.position(fatal.offset);
    throw new FlowAnalysisError(`invalid Python syntax near ${JSON.stringify(fatal.text.split('\n')[0])}`, { file: ep.file, ...pos });
  }
  const parseWarnings = ignoredLines.map(
    (line) => `${ep.file}:${line}: could not parse this line of a function body (a form this reader's grammar lacks, or a syntax error); the flow's signature does not depend on it`,
  );
  const md5 = createHash('md5').update(bytes).digest('hex');
  const isUnavailable = unavailability(options);
  const interpOptions: InterpreterOptions = {
    isUnavailable,
    resolveLocalModule: (name, fromFile, level) => resolveLocalModule(options.cwd, name, fromFile, level),
    readLocal: (file) => readFileSync(path.resolve(options.cwd, file), 'utf8'),
    env: options.env ?? process.env,
    cwd: options.cwd,
    pythonMinor: pythonMinor(options.pythonVersion),
  };
  if (observations) recordInto(interpOptions, observations);
  const profile = profileOf(options.referenceProfile);
  const moduleName = ep.kind === 'script' ? path.basename(ep.file, '.py') : ep.pathAsWritten;

  const interp = new Interpreter(interpOptions, 'import');
  // A script run by path has no parent package; a module entrypoint lives in its dotted package.
  const depth = ep.kind === 'script' ? 0 : ep.pathAsWritten.split('.').length - 1 + (ep.file.endsWith('__init__.py') ? 1 : 0);
  const scope = interp.newModule(moduleName, ep.file, source, depth);
  let failure: PyRaise | null = null;
  try {
    interp.execModule(scope);
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    failure = e;
  }
  if (!failure) {
    const obj = lookupObject(scope, ep.objectPath);
    if (obj === undefined) {
      throw new FlowAnalysisError(`Flow function with name '${ep.objectPath.join('.')}' not found in '${ep.pathAsWritten}'.`, { file: ep.file });
    }
    return withWarnings(finish(obj, ep, interp, 'import', md5, source, profile), parseWarnings);
  }
  const where = { file: ep.file, ...(failure.offset !== undefined ? source.position(failure.offset) : {}) };
  if (ep.kind === 'module') {
    throw new FlowAnalysisError(`importing module '${ep.pathAsWritten}' failed: ${failure.message}`, where);
  }
  const loaded = fallbackLoad(ep, source, interpOptions, moduleName, failure);
  return withWarnings(finish(loaded.obj, ep, loaded.interp, 'fallback', md5, source, profile), parseWarnings);
}

/** Makes the interpreter's view of the outside world report each question and its answer. */
function recordInto(options: InterpreterOptions, observations: Observation[]): void {
  const { resolveLocalModule: resolve, readLocal, env } = options;
  options.resolveLocalModule = (module, from, level) => {
    const result = resolve(module, from, level);
    observations.push({ kind: 'resolve', module, from, level, result });
    return result;
  };
  options.readLocal = (file) => {
    let text: string;
    try {
      text = readLocal(file);
    } catch (e) {
      observations.push({ kind: 'read', file, md5: null });
      throw e;
    }
    observations.push({ kind: 'read', file, md5: createHash('md5').update(text, 'utf8').digest('hex') });
    return text;
  };
  options.env = new Proxy(env, {
    get(target, name) {
      const value = target[name as string];
      if (typeof name === 'string') observations.push({ kind: 'env', name, value: value ?? null });
      return value;
    },
  });
}

function withWarnings(flow: AnalyzedFlow, warnings: string[]): AnalyzedFlow {
  flow.warnings.unshift(...warnings);
  return flow;
}

function pythonMinor(version: string | undefined): number {
  if (version === undefined) return 11;
  const m = /^3\.(\d+)/.exec(version.trim());
  if (!m) throw new FlowAnalysisError(`invalid Python version "${version}" (expected 3.N, e.g. 3.12)`);
  return Number(m[1]);
}

function profileOf(p: ReferenceProfile | undefined): SchemaProfile {
  return p === 'spec-main'
    ? { variadics: 'as-annotated', decimalPattern: true }
    : { variadics: 'collections', decimalPattern: false };
}

function unavailability(options: FlowAnalysisOptions): (module: string) => boolean {
  const names = options.unavailableModules ?? [];
  return (module) => {
    if (options.isModuleUnavailable?.(module)) return true;
    return names.some((n) => module === n || module.startsWith(`${n}.`));
  };
}

function finish(
  obj: PyValue,
  ep: ParsedEntrypoint,
  interp: Interpreter,
  loader: 'import' | 'fallback',
  md5: string,
  source: PySource,
  profile: SchemaProfile,
): AnalyzedFlow {
  const objName = ep.objectPath.join('.');
  if (obj.k === 'unknown') {
    throw new FlowAnalysisError(
      `cannot tell statically whether '${objName}' is a flow: it is ${obj.why}; decorate a function with @flow in this file`,
      { file: ep.file },
    );
  }
  if (obj.k !== 'flow') {
    const def = obj.k === 'function' ? obj.fn.node : obj.k === 'class' ? obj.cls.node : undefined;
    throw new FlowAnalysisError(
      `Function with name '${objName}' is not a flow. Make sure that it is decorated with '@flow'.`,
      { file: ep.file, ...(def ? source.position(def.from) : {}) },
    );
  }
  const flow = obj.flow;
  const warnings: string[] = [];
  const name = flowName(flow, ep, source);
  const description = flowDescription(flow, warnings);
  const versionArg = flow.kwargs.get('version');
  let version = md5;
  let fromDecorator = false;
  if (versionArg && truthy(versionArg)) {
    fromDecorator = versionArg.k === 'str' || versionArg.k === 'int' || versionArg.k === 'float';
    if (versionArg.k === 'str') version = versionArg.v;
    else if (versionArg.k === 'int' || versionArg.k === 'float') version = String(versionArg.v);
    else warnings.push(`the flow's version= cannot be evaluated statically; using the file's MD5 instead`);
  }
  const result = parameterSchema(flow.fn, interp, profile);
  warnings.push(...result.warnings, ...new Set(interp.notes));
  const pos = flow.fn.source === source ? source.position(flow.fn.node.from) : { line: 0 };
  return {
    name,
    functionName: flow.fn.name,
    description,
    version,
    referenceVersion: loader === 'fallback' && !fromDecorator ? null : version,
    parameterSchema: result.schema,
    file: ep.file,
    line: pos.line,
    loader,
    warnings,
  };
}

function flowName(flow: PyFlow, ep: ParsedEntrypoint, source: PySource): string {
  const arg = flow.kwargs.get('name');
  if (arg?.k === 'unknown') {
    throw new FlowAnalysisError(
      `the flow name of '${ep.objectPath.join('.')}' is computed at runtime (${arg.why}); use a string literal or a module-level constant for @flow(name=...)`,
      { file: ep.file, ...source.position((flow.fn.node.parent?.name === 'DecoratedStatement' ? flow.fn.node.parent : flow.fn.node).from) },
    );
  }
  if (arg?.k === 'str' && arg.v !== '') return arg.v;
  return flow.fn.name.replace(/_/g, '-');
}

function flowDescription(flow: PyFlow, warnings: string[]): string | null {
  const arg = flow.kwargs.get('description');
  if (arg?.k === 'unknown') {
    warnings.push(`the flow's description= is computed at runtime (${arg.why}); using the docstring instead`);
  } else if (arg?.k === 'str' && arg.v !== '') return arg.v;
  return flow.fn.doc;
}

/** A module of the project itself (next to the flow file or under cwd), which can be read like the flow file. */
function resolveLocalModule(cwd: string, name: string, fromFile: string, level: number): string | null {
  const parts = name ? name.split('.') : [];
  const bases: string[] = [];
  if (level > 0) {
    let dir = path.dirname(path.resolve(cwd, fromFile));
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    bases.push(path.dirname(path.resolve(cwd, fromFile)), cwd);
  }
  for (const base of bases) {
    const p = path.join(base, ...parts);
    for (const candidate of [`${p}.py`, path.join(p, '__init__.py')]) {
      if (parts.length === 0 && candidate.endsWith('.py') && !candidate.endsWith('__init__.py')) continue;
      if (existsSync(candidate) && path.resolve(candidate) !== path.resolve(cwd, fromFile)) {
        return path.relative(cwd, candidate).split(path.sep).join('/');
      }
    }
  }
  return null;
}

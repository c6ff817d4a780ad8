/**
 * The static reading of a flow file: runs the module's top level in this reader's Python
 * interpreter, finds the flow object, and derives name, description, version and parameter schema
 * from it (loaded on demand by index.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MAX_PYTHON_FILE_BYTES, readBoundedFile, UnreadableFileError } from '../util/read-bounded.js';
import type { Observation } from './disk-cache.js';
import type { ParsedEntrypoint } from './entrypoint.js';
import { FlowAnalysisError } from './errors.js';
import { fallbackLoad, lookupObject } from './fallback.js';
import type { AnalyzedFlow, FlowAnalysisOptions, ReferenceProfile } from './index.js';
import { Interpreter, type InterpreterOptions } from './interpreter.js';
import { resolveLocalModule } from './local-modules.js';
import { parameterSchema, type SchemaProfile } from './parameters.js';
import { PySource } from './pysource.js';
import { PyRaise, truthy, type PyFlow, type PyValue } from './values.js';

/** `observations`, when given, receives every file, module lookup and environment variable the analysis looked at. */
export function analyze(ep: ParsedEntrypoint, options: FlowAnalysisOptions, read?: Buffer, observations?: Observation[]): AnalyzedFlow {
  const abs = path.resolve(options.cwd, ep.file);
  if (!read && !existsSync(abs)) {
    throw new FlowAnalysisError(
      ep.kind === 'script'
        ? `entrypoint file not found: ${ep.file} (paths are relative to ${options.cwd})`
        : `module '${ep.pathAsWritten}' not found (looked for ${ep.file} relative to ${options.cwd})`,
      { file: ep.file },
    );
  }
  let bytes: Buffer;
  try {
    bytes = read ?? readBoundedFile(abs, MAX_PYTHON_FILE_BYTES);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new FlowAnalysisError(`entrypoint file ${ep.file} ${error.message}`, { file: ep.file });
    throw error;
  }
  const source = new PySource(bytes.toString('utf8'));
  const { fatal, ignoredLines } = source.parseErrors();
  if (fatal) {
    const pos = source.position(fatal.offset);
    throw new FlowAnalysisError(`invalid Python syntax near ${JSON.stringify(fatal.text.split('\n')[0])}`, { file: ep.file, ...pos });
  }
  const parseWarnings = ignoredLines.map(
    (line) =>
      `${ep.file}:${line}: could not parse this line of a function body (a form this reader's grammar lacks, or a syntax error); the flow's signature does not depend on it`,
  );
  const md5 = createHash('md5').update(bytes).digest('hex');
  const isUnavailable = unavailability(options);
  const interpOptions: InterpreterOptions = {
    isUnavailable,
    resolveLocalModule: (name, fromFile, level) => resolveLocalModule(options.cwd, name, fromFile, level),
    readLocal: (file) => readBoundedFile(path.resolve(options.cwd, file), MAX_PYTHON_FILE_BYTES).toString('utf8'),
    env: options.env ?? process.env,
    cwd: options.cwd,
    pythonMinor: pythonMinor(options.pythonVersion),
  };
  if (observations) recordInto(interpOptions, observations);
  const profile = profileOf(options.referenceProfile);
  const moduleName = ep.kind === 'script' ? path.basename(ep.file, '.py') : ep.pathAsWritten;

  const interp = new Interpreter(interpOptions, 'import');
  // Prefect loads a script as a package of its own (`submodule_search_locations`), so `from . import x`
  // finds its siblings and `from .. import x` goes beyond the top; a module entrypoint lives in its
  // dotted package.
  const depth = ep.kind === 'script' ? 1 : ep.pathAsWritten.split('.').length - 1 + (ep.file.endsWith('__init__.py') ? 1 : 0);
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
    return withWarnings(finish(obj, ep, interp, 'import', md5, source, profile, options.cwd), parseWarnings);
  }
  const where = { file: ep.file, ...(failure.offset !== undefined ? source.position(failure.offset) : {}) };
  if (ep.kind === 'module') {
    throw new FlowAnalysisError(`importing module '${ep.pathAsWritten}' failed: ${failure.message}`, where);
  }
  const loaded = fallbackLoad(ep, source, interpOptions, moduleName, failure);
  return withWarnings(finish(loaded.obj, ep, loaded.interp, 'fallback', md5, source, profile, options.cwd), parseWarnings);
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
  return p === 'spec-main' ? { variadics: 'as-annotated', decimalPattern: true } : { variadics: 'collections', decimalPattern: false };
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
  cwd: string,
): AnalyzedFlow {
  const objName = ep.objectPath.join('.');
  if (obj.k === 'unknown') {
    throw new FlowAnalysisError(`cannot tell statically whether '${objName}' is a flow: it is ${obj.why}; decorate a function with @flow in this file`, {
      file: ep.file,
    });
  }
  if (obj.k !== 'flow') {
    const def = obj.k === 'function' ? obj.fn.node : obj.k === 'class' ? obj.cls.node : undefined;
    const via = obj.k === 'function' && obj.via ? obj.via : [];
    const unread = via.length
      ? ` It goes through ${via.join(', ')}, which this reader cannot read: if that applies @flow, deploy it with @flow in the project's own code (or this reader cannot know the flow's name and parameters).`
      : '';
    throw new FlowAnalysisError(`Function with name '${objName}' is not a flow. Make sure that it is decorated with '@flow'.${unread}`, {
      file: ep.file,
      ...(def ? source.position(def.from) : {}),
    });
  }
  const flow = obj.flow;
  const warnings: string[] = [];
  if (flow.via) {
    const where = `${flow.fn.scope.module.file}:${flow.fn.source.position(flow.fn.node.from).line}`;
    warnings.push(
      `${where}: the flow '${objName}' goes through ${flow.via.join(', ')}, which this reader cannot read; assumed to keep the flow and its signature as they are (as a functools.wraps decorator does)`,
    );
  }
  const name = flowName(flow, ep, source);
  const description = flowDescription(flow, warnings);
  const versionArg = flow.kwargs.get('version');
  // Prefect hashes the file that defines the function, which a re-export puts elsewhere.
  const definedIn = flow.fn.scope.module.file;
  let version =
    definedIn === ep.file
      ? md5
      : createHash('md5')
          .update(readBoundedFile(path.resolve(cwd, definedIn), MAX_PYTHON_FILE_BYTES))
          .digest('hex');
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
    acceptsAnyKeyword: flow.fn.params.some((p) => p.kind === 'varkw'),
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

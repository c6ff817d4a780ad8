/**
 * `--changed-since REF` for every verb: which selected deployments to work on, and which to show as
 * skipped. Reads git (through the plan's GitRunner), prefect.yaml now and at REF, and each
 * unchanged section's flow analysis (shared with the plan that follows through the PlanCache).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePrefectFile, selectDeployments, type Mapping } from '../core/config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { affectedBy, analyzeEntrypoint, flowSourceFiles, indexPython, withFlowAnalysisCache } from '../core/flows/index.js';
import {
  attributeChange,
  changedBecause,
  ChangedSinceError,
  loadOnce,
  readChangesSince,
  rel,
  runSteps,
  sectionOf,
  stepInputs,
  type ChangedFiles,
  type PlanCache,
  type Tree,
} from '../core/plan/index.js';
import { runGit, type GitRunner } from '../core/plan/version-info.js';
import { DockerIgnore } from '../steps/dockerignore.js';
import { decodeIgnoreFile, IgnoreSpec, type IgnoreLineMode } from '../steps/ignore.js';
import type { CommandRequest, CommandResult, Reporter, SkippedDeployment } from './types.js';

export interface ChangedSelection {
  /** Indexes (in the file) of the selected deployments to work on. */
  only: Set<number>;
  skipped: SkippedDeployment[];
  /** Why each of `only` counts as changed, one line (`changed since REF: flows/etl.py (entry)`), by index in the file. */
  because: Map<number, string>;
}

/**
 * The selected deployments whose inputs changed since `request.changedSince`; undefined when the
 * request has none. A problem with REF (unknown, missing from a shallow clone) is an error: a wrong
 * REF must not quietly deploy everything nor nothing.
 */
export async function changedSelection(
  request: CommandRequest,
  cache: PlanCache,
  given?: GitRunner,
): Promise<{ selection?: ChangedSelection; diagnostics: Diagnostic[] }> {
  const ref = request.changedSince;
  if (!ref) return { diagnostics: [] };
  // The run's git: projects of one checkout share what it answers for the whole checkout.
  const git = given ?? request.git ?? runGit;
  // Through the plan's cache: the plan that follows reads the same file.
  const loaded = await loadOnce(request, cache);
  const file = loaded.prefectFile;
  // The plan reports a file it cannot load, and a selection that matches nothing.
  if (!file) return { diagnostics: [] };
  const chosen = selectDeployments(file.deployments, request.selection);
  if (chosen.errors.length > 0) return { diagnostics: [] };
  let index: ReturnType<typeof indexPython> = { cannotTell: 'not read' };
  const entryOf = (config: Mapping) => {
    const e = config.entrypoint;
    if (typeof e !== 'string' || e.includes('{{')) return undefined;
    const file = e.split(':')[0]!;
    return rel(path.isAbsolute(file) ? path.relative(request.cwd, file) : file);
  };
  let changes;
  try {
    const asked = readChangesSince(ref, request.cwd, request.prefectFile, git);
    // The project's Python is read while git answers (git runs in its own processes).
    index = indexPython(
      request.cwd,
      chosen.selected.map((s) => entryOf(s.config)).filter((e): e is string => e !== undefined),
    );
    changes = await asked;
  } catch (e) {
    if (!(e instanceof ChangedSinceError)) throw e;
    if (e.kind === 'no-repository' && request.changedSinceFromEvent) {
      return {
        diagnostics: [{ severity: 'warning', file: request.prefectFile, message: `${e.message.replace(/ \(run it.*$/, '')}: working on every selected deployment` }],
      };
    }
    return { diagnostics: [{ severity: 'error', file: request.prefectFile, message: e.message }] };
  }
  const before = changes.prefectFileUnchanged
    ? file
    : changes.prefectFileBefore === undefined
      ? undefined
      : parsePrefectFile(changes.prefectFileBefore, request.prefectFile).prefectFile;
  const beforeByName = new Map<unknown, unknown[]>();
  for (const config of before?.deployments ?? []) {
    const list = beforeByName.get(config.name) ?? [];
    list.push(sectionOf(config, before!.actions));
    beforeByName.set(config.name, list);
  }
  const changed: ChangedFiles = { files: changes.files, ignored: ignoreFiles(request.cwd) };
  const only = new Set<number>();
  const skipped: SkippedDeployment[] = [];
  const because = new Map<number, string>();
  const reason = `unchanged since ${ref}`;
  // Which entries a changed file can reach, from the project's text: the others are skipped unanalysed.
  let affected: ((entry: string) => boolean) | undefined;
  const reach = () => (affected ??= 'cannotTell' in index ? () => true : affectedBy(index, changes.files));
  // A file that has not changed is its own section now and at REF: not compared.
  const sameFile = before === file;
  await withFlowAnalysisCache(cache.flows, async () => {
    for (const s of chosen.selected) {
      const now = sectionOf(s.config, file.actions);
      const entry = entryOf(s.config);
      const inputs = {
        before: before ? (sameFile ? [now] : (beforeByName.get(s.config.name) ?? [])) : undefined,
        now,
        steps: stepInputs(runSteps(now)),
        entry,
      };
      // prefect.yaml and the steps decide first: a deployment changed there needs no flow analysis here.
      const first = attributeChange({ ...inputs, flowFiles: [] }, changed);
      if (first.changed && !first.inputs) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, first));
        continue;
      }
      const name = s.config.name;
      const named = typeof name === 'string' && !name.includes('{{');
      // Nothing a changed file can reach: unchanged, without analysing the flow.
      if (!first.changed && named && entry !== undefined && !reach()(entry)) {
        skipped.push({ deployment: name, reason });
        continue;
      }
      // Changed files of its steps: the analysis (which the plan that follows reuses) names the flow's too.
      const analysed = named ? await flowOf(s.config, request.cwd) : undefined;
      const verdict = analysed ? attributeChange({ ...inputs, flowFiles: analysed.files }, changed) : first;
      if (verdict.changed) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, verdict));
      } else if (!analysed) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, { changed: true, reason: 'its flow could not be analysed' }));
      } else skipped.push({ deployment: name as string, reason });
    }
  });
  return { selection: { only, skipped, because }, diagnostics: [] };
}

/** The files the flow's analysis read; undefined when it cannot be analysed (the plan says why). */
async function flowOf(config: Mapping, cwd: string): Promise<{ files: readonly string[] | undefined } | undefined> {
  const entrypoint = config.entrypoint;
  if (typeof entrypoint !== 'string' || entrypoint.includes('{{')) return undefined;
  try {
    // As the plan asks (desired.ts), so that the plan reuses this analysis.
    const flow = await analyzeEntrypoint(entrypoint, { cwd, unavailableModules: undefined });
    return { files: flowSourceFiles(flow) };
  } catch {
    return undefined;
  }
}

/** What each tree's ignore file excludes (read once per file); an unreadable or invalid one excludes nothing. */
function ignoreFiles(cwd: string): (tree: Tree, file: string) => boolean {
  const specs = new Map<string, IgnoreSpec | null>();
  const dockerSpecs = new Map<string, DockerIgnore | null>();
  const dockerSpecOf = (name: string): DockerIgnore | null => {
    if (!dockerSpecs.has(name)) {
      const bytes = readFileSyncOrNull(path.resolve(cwd, name));
      dockerSpecs.set(name, bytes ? DockerIgnore.parse(bytes.toString('utf8')) : null);
    }
    return dockerSpecs.get(name)!;
  };
  const specOf = (name: string, mode: IgnoreLineMode): IgnoreSpec | null => {
    const key = `${mode}:${name}`;
    if (!specs.has(key)) {
      let spec: IgnoreSpec | null = null;
      try {
        const bytes = readFileSyncOrNull(path.resolve(cwd, name));
        if (bytes) spec = IgnoreSpec.parse(decodeIgnoreFile(bytes, name), mode, name);
      } catch {
        spec = null;
      }
      specs.set(key, spec);
    }
    return specs.get(key)!;
  };
  return (tree, file) => {
    if (!tree.ignoreFile) return false;
    const relative = tree.dir === '' ? file : file.slice(tree.dir.length + 1);
    if (tree.storage === 'docker') return dockerSpecOf(tree.ignoreFile)?.ignores(relative) ?? false;
    // As the push steps read it (upload-set.ts): prefect-aws strips each line, the others do not.
    return specOf(tree.ignoreFile, tree.storage === 's3' ? 'strip' : 'raw')?.ignores(relative) ?? false;
  };
}

function readFileSyncOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/**
 * What a command adds to its engine request and its result for `--changed-since` (nothing without
 * it); `refused` is the command's result when REF cannot be used (its errors already reported).
 */
export async function narrowToChanged(
  request: CommandRequest,
  cache: PlanCache,
  reporter: Pick<Reporter, 'warning' | 'diagnostics'>,
  hasChangesWhenRefused: boolean,
  git?: GitRunner,
) {
  const { selection, diagnostics } = await changedSelection(request, cache, git);
  for (const d of diagnostics) if (d.severity === 'warning') reporter.warning(d.message);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) reporter.diagnostics(errors);
  return {
    refused: errors.length > 0 ? refusedRef(request, errors, hasChangesWhenRefused) : undefined,
    only: selection ? { only: selection.only, unplanned: selection.skipped.map((d) => d.deployment) } : {},
    result: selection && request.changedSince ? { changedSince: { ref: request.changedSince, skipped: selection.skipped, because: selection.because } } : {},
  };
}

/** What `narrowToChanged` answers: a run over several projects works it out first and hands it to each deploy. */
export type ChangedNarrowing = Awaited<ReturnType<typeof narrowToChanged>>;

/** A command stopped by a REF git cannot use: an empty plan with the error, as the doors print it. */
function refusedRef(request: CommandRequest, diagnostics: Diagnostic[], hasChanges: boolean): CommandResult {
  return { plan: { prefectFile: request.prefectFile, deployments: [], diagnostics }, diagnostics, hasChanges, failureReason: 'invalid-input' };
}

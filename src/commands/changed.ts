/**
 * `--changed-since REF` for every verb: which selected deployments to work on, and which to show as
 * skipped. Reads git (through the plan's GitRunner), prefect.yaml now and at REF, and each
 * unchanged section's flow analysis (shared with the plan that follows through the PlanCache).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePrefectFile, selectDeployments, type Mapping, type PrefectFile } from '../core/config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { analyzeEntrypoint, flowSourceFiles, withFlowAnalysisCache } from '../core/flows/index.js';
import {
  attributeChange,
  changedBecause,
  ChangedSinceError,
  loadOnce,
  readChangesSince,
  runSteps,
  sectionOf,
  stepInputs,
  type ChangedFiles,
  type ChangesSinceRef,
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
  let changes;
  try {
    changes = await readChangesSince(ref, request.cwd, request.prefectFile, git);
  } catch (e) {
    if (!(e instanceof ChangedSinceError)) throw e;
    if (e.kind === 'no-repository' && request.changedSinceFromEvent) {
      return {
        diagnostics: [{ severity: 'warning', file: request.prefectFile, message: `${e.message.replace(/ \(run it.*$/, '')}: working on every selected deployment` }],
      };
    }
    return { diagnostics: [{ severity: 'error', file: request.prefectFile, message: e.message }] };
  }
  const before =
    changes.prefectFileBefore === undefined
      ? undefined
      : (unchangedFile(request, changes, file) ?? parsePrefectFile(changes.prefectFileBefore, request.prefectFile).prefectFile);
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
  await withFlowAnalysisCache(cache.flows, async () => {
    for (const s of chosen.selected) {
      const now = sectionOf(s.config, file.actions);
      const entry = typeof s.config.entrypoint === 'string' ? s.config.entrypoint.split(':')[0] : undefined;
      const inputs = { before: before ? (beforeByName.get(s.config.name) ?? []) : undefined, now, steps: stepInputs(runSteps(now)), entry };
      // prefect.yaml and the steps decide first: a deployment changed there needs no flow analysis here.
      const first = attributeChange({ ...inputs, flowFiles: [] }, changed);
      if (first.changed && !first.inputs) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, first));
        continue;
      }
      // Changed files of its steps: the analysis (which the plan that follows reuses) names the flow's too.
      const analysed = await flowOf(s.config, request.cwd);
      const verdict = analysed ? attributeChange({ ...inputs, flowFiles: analysed.files }, changed) : first;
      if (verdict.changed) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, verdict));
      } else if (!analysed) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, { changed: true, reason: 'its flow could not be analysed' }));
      } else skipped.push({ deployment: `${analysed.flowName}/${String(s.config.name)}`, reason });
    }
  });
  return { selection: { only, skipped, because }, diagnostics: [] };
}

/**
 * prefect.yaml as it is now when git says it has not changed since REF (not among the changed
 * files, and its text at REF is the text now): not parsed a second time.
 */
function unchangedFile(request: CommandRequest, changes: ChangesSinceRef, file: PrefectFile): PrefectFile | undefined {
  if (path.isAbsolute(request.prefectFile) || changes.files.has(path.posix.normalize(request.prefectFile.replaceAll('\\', '/')))) return undefined;
  const now = readFileSyncOrNull(path.resolve(request.cwd, request.prefectFile));
  // git's answer is trimmed (runGit)
  return now !== null && now.toString('utf8').trim() === changes.prefectFileBefore ? file : undefined;
}

/** The flow's name and the files its analysis read; undefined when it cannot be analysed (the plan says why). */
async function flowOf(config: Mapping, cwd: string): Promise<{ flowName: string; files: readonly string[] | undefined } | undefined> {
  const entrypoint = config.entrypoint;
  if (typeof entrypoint !== 'string' || entrypoint.includes('{{') || typeof config.name !== 'string' || config.name.includes('{{')) return undefined;
  try {
    // As the plan asks (desired.ts), so that the plan reuses this analysis.
    const flow = await analyzeEntrypoint(entrypoint, { cwd, unavailableModules: undefined });
    return { flowName: flow.name, files: flowSourceFiles(flow) };
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

/** A command stopped by a REF git cannot use: an empty plan with the error, as the doors print it. */
function refusedRef(request: CommandRequest, diagnostics: Diagnostic[], hasChanges: boolean): CommandResult {
  return { plan: { prefectFile: request.prefectFile, deployments: [], diagnostics }, diagnostics, hasChanges, failureReason: 'invalid-input' };
}

/**
 * `--changed-since REF`: which deployments' inputs changed between REF and the working tree. Pure:
 * the changed files (from git), the prefect.yaml sections of both sides and the files each flow's
 * analysis read come in; a verdict per deployment goes out. What cannot be attributed to files
 * (a custom or shell step, a templated path, a flow whose reads are unknown) counts as changed:
 * a deployment is skipped only when every input is known and none of them changed.
 */
import path from 'node:path';
import { isMapping, parseStep, type Actions, type Mapping } from '../config/index.js';

/** The inputs of one deployment beyond its flow's source files. */
export interface StepInputs {
  /** Files a step reads, relative to cwd (`/`-separated). */
  files: string[];
  /** What reads each of `files` (`build step`), for the line saying why a deployment counts as changed. */
  readers: Record<string, string>;
  /** Directories a step reads whole (a build context, an uploaded folder), relative to cwd ('' = cwd). */
  trees: Tree[];
  /** Why some input cannot be named (the deployment then counts as changed). */
  unattributable: string[];
}

export interface Tree {
  dir: string;
  /** Whose ignore file applies to it: a push step's `.prefectignore` (or its `ignore_file`), a build context's `.dockerignore`. */
  ignoreFile?: string;
  /** The push step's storage, which decides how the ignore file's lines are read; `docker`: dockerignore syntax. */
  storage?: 's3' | 'gcs' | 'azure' | 'docker';
  /** What reads it (`build context`, `uploaded`), for the line saying why a deployment counts as changed. */
  reader?: string;
}

/** The changed paths, relative to cwd, and what the ignore files of the trees exclude. */
export interface ChangedFiles {
  files: ReadonlySet<string>;
  /** Whether `file` (relative to cwd) is excluded from `tree` by the tree's ignore file. */
  ignored?: (tree: Tree, file: string) => boolean;
}

export interface DeploymentAtRef {
  /** Sections (`sectionOf`) of REF's deployments with the same raw name; undefined when REF has no prefect.yaml. */
  before: readonly unknown[] | undefined;
  now: unknown;
  /** The entry file and local modules the analysis read (relative to cwd); undefined when unknown. */
  flowFiles: readonly string[] | undefined;
  /** The entrypoint's file, relative to cwd: named `entry` (the other flow files `module`) when it changed. */
  entry?: string | undefined;
  steps: StepInputs;
}

/** A changed file among a deployment's inputs, and what of the deployment reads it (`entry`, `build step`). */
export interface ChangedInput {
  path: string;
  what: string;
}

/** `inputs`: every changed file among the deployment's inputs, when files (not its prefect.yaml section or an unknown input) decided. */
export type ChangeVerdict = { changed: true; reason: string; inputs?: ChangedInput[] } | { changed: false };

/**
 * What of prefect.yaml a deployment uses: its own mapping (after merges and aliases) and the
 * top-level build/push/pull lists it falls back to, the way the reference picks them.
 */
export function sectionOf(config: Mapping, actions: Actions): Mapping {
  const own = (key: 'build' | 'push' | 'pull') => (key in config ? config[key] : undefined);
  return {
    deployment: config,
    // An empty or null own build still lets the top-level one decide the default pull steps.
    build: truthy(own('build')) ? null : (actions.build ?? null),
    push: truthy(own('push')) ? null : (actions.push ?? null),
    pull: truthy(own('pull')) || (Array.isArray(own('pull')) && (own('pull') as unknown[]).length === 0) ? null : (actions.pull ?? null),
  };
}

/** The build and push steps the deployment runs (before any templating), as `sectionOf` chose them. */
export function runSteps(section: Mapping): unknown[] {
  const config = section.deployment as Mapping;
  const build = 'build' in config ? config.build : section.build;
  const push = truthy(config.push) ? config.push : section.push;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
  return [...list(build), ...list(push)];
}

const DOCKER_BUILD = 'prefect_docker.deployments.steps.build_docker_image';
const PIP_INSTALL = 'prefect.deployments.steps.pip_install_requirements';
const PUSH_STEPS = new Map<string, 's3' | 'gcs' | 'azure'>([
  ['prefect_aws.deployments.steps.push_to_s3', 's3'],
  ['prefect_gcp.deployments.steps.push_to_gcs', 'gcs'],
  ['prefect_azure.deployments.steps.push_to_azure_blob_storage', 'azure'],
]);
/** Steps that read no file of the project. */
const NO_FILES = new Set(['prefect_docker.deployments.steps.push_docker_image']);

/** The files and trees the steps read, relative to cwd; anything else makes the deployment unattributable. */
export function stepInputs(steps: readonly unknown[]): StepInputs {
  const out: StepInputs = { files: [], readers: {}, trees: [], unattributable: [] };
  const file = (f: string) => {
    out.files.push(f);
    out.readers[f] ??= 'build step';
  };
  for (const raw of steps) {
    const step = parseStep(raw);
    if (!step) continue;
    const name = step.definition?.name;
    const inputs = isMapping(step.inputs) ? step.inputs : {};
    const text = (key: string, fallback: string): string | false => {
      const v = inputs[key];
      if (v === undefined) return fallback;
      if (v === null) return key === 'ignore_file' ? '' : fallback;
      return typeof v === 'string' && !v.includes('{{') ? v : false;
    };
    const templated = (key: string) => out.unattributable.push(`${step.name}: ${key} is not a plain path`);
    if (name === undefined) {
      out.unattributable.push(`custom step ${step.name}`);
    } else if (NO_FILES.has(name)) {
      continue;
    } else if (name === DOCKER_BUILD) {
      const context = text('path', '');
      const dockerfile = text('dockerfile', 'Dockerfile');
      if (context === false) templated('path');
      else if (dockerfile === false) templated('dockerfile');
      else {
        const dir = rel(context);
        // The context's .dockerignore decides what the build is sent (docker-py's `build(path=)`, as the
        // reference's step calls it, reads it from the context's root).
        out.trees.push({ dir, ignoreFile: path.posix.join(dir, '.dockerignore'), storage: 'docker', reader: 'build context' });
        // `auto` writes a Dockerfile from the context; otherwise the file may live outside it.
        if (dockerfile !== 'auto') file(rel(path.posix.isAbsolute(dockerfile) ? dockerfile : path.posix.join(dir, dockerfile)));
      }
    } else if (name === PIP_INSTALL) {
      const dir = text('directory', '');
      const requirements = text('requirements_file', 'requirements.txt');
      if (dir === false) templated('directory');
      else if (requirements === false) templated('requirements_file');
      else file(rel(path.posix.join(dir, requirements)));
    } else if (PUSH_STEPS.has(name)) {
      // The steps upload the working directory (their `folder` is the remote prefix).
      const ignore = text('ignore_file', '.prefectignore');
      if (ignore === false) templated('ignore_file');
      else out.trees.push({ dir: '', ...(ignore ? { ignoreFile: ignore, storage: PUSH_STEPS.get(name)! } : {}), reader: 'uploaded' });
    } else {
      out.unattributable.push(`step ${step.name} (what it reads is not known)`);
    }
  }
  return out;
}

/**
 * Whether a deployment's inputs changed since REF, with the first reason found; when files decided,
 * every changed one among its inputs (the flow's, its steps' files, and the trees its steps read
 * minus what their ignore files exclude).
 */
export function attributeChange(d: DeploymentAtRef, changes: ChangedFiles): ChangeVerdict {
  if (d.before === undefined) return { changed: true, reason: 'prefect.yaml did not exist (or did not load) at REF' };
  if (d.before.length === 0) return { changed: true, reason: 'new since REF' };
  // The same object: prefect.yaml did not change (nothing to compare).
  if (!d.before.includes(d.now)) {
    const now = canonical(d.now);
    if (!d.before.some((b) => canonical(b) === now)) return { changed: true, reason: 'prefect.yaml section changed' };
  }
  if (d.steps.unattributable.length > 0) return { changed: true, reason: `cannot tell what it reads: ${d.steps.unattributable[0]}` };
  if (!d.flowFiles) return { changed: true, reason: 'the files its flow reads are not known' };
  const inputs: ChangedInput[] = [];
  const seen = new Set<string>();
  const add = (file: string, what: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    inputs.push({ path: file, what });
  };
  const entry = d.entry === undefined ? undefined : rel(d.entry);
  for (const f of d.flowFiles) if (changes.files.has(rel(f))) add(rel(f), rel(f) === entry ? 'entry' : f.endsWith('.py') ? 'module' : 'read by the flow');
  for (const f of d.steps.files) if (changes.files.has(f)) add(f, d.steps.readers[f] ?? 'build step');
  for (const tree of d.steps.trees) {
    for (const f of changes.files) {
      if (seen.has(f) || !inside(tree.dir, f)) continue;
      if (changes.ignored?.(tree, f)) continue;
      add(f, tree.reader ?? `in ${tree.dir || '.'}, which a step reads`);
    }
  }
  if (inputs.length === 0) return { changed: false };
  return { changed: true, reason: `${inputs[0]!.path} changed (${inputs[0]!.what})`, inputs };
}

/** Changed inputs named in the line saying why a deployment counts as changed; the rest are counted. */
const NAMED_INPUTS = 3;

/**
 * One line saying why a deployment counts as changed since `ref`:
 * `changed since origin/main: flows/etl.py (entry), Dockerfile (build step)`, at most three paths
 * named (`, and 4 more`).
 */
export function changedBecause(ref: string, verdict: Extract<ChangeVerdict, { changed: true }>): string {
  if (!verdict.inputs?.length) return verdict.reason.includes('REF') ? verdict.reason.replace('REF', ref) : `changed since ${ref}: ${verdict.reason}`;
  const named = verdict.inputs.slice(0, NAMED_INPUTS).map((i) => `${i.path} (${i.what})`);
  const more = verdict.inputs.length - named.length;
  return `changed since ${ref}: ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

/** A path relative to cwd, `/`-separated and normalised ('' for cwd itself). */
export function rel(p: string): string {
  const n = path.posix.normalize(p.replaceAll('\\', '/'));
  return n === '.' || n === './' ? '' : n.replace(/^\.\//, '').replace(/\/$/, '');
}

function inside(dir: string, file: string): boolean {
  return dir === '' ? !file.startsWith('../') : file === dir || file.startsWith(`${dir}/`);
}

function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (isMapping(v) && Object.keys(v).length === 0));
}

/** A value's text with mapping keys sorted: prefect.yaml compared by value, as Python compares dicts. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const proto = Object.getPrototypeOf(o) as { constructor?: { name?: string } } | null;
      const sorted: Record<string, unknown> = { $type: proto?.constructor?.name ?? null };
      for (const k of Object.keys(o).sort()) sorted[k] = o[k];
      return sorted;
    }
    return typeof v === 'bigint' ? `${v}n` : v;
  });
}

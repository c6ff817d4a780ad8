/**
 * The step catalogue, as data: the built-in steps prefect.yaml can name, keyed by Prefect's
 * fully-qualified function names, with the inputs they take and require and the outputs they
 * produce; and `parseStep`, the one reading of a raw step mapping. The engine needs this to
 * reject typos before anything runs and to know which placeholders a step can fill; the code
 * that runs the steps lives in src/steps, which maps these names to implementations.
 */
import { isMapping } from '../values/index.js';

export interface StepDefinition {
  /** The canonical fully-qualified name, as Prefect's docs write it. */
  name: string;
  /** Other importable paths of the same function. */
  aliases: readonly string[];
  /** Keyword inputs the function accepts; `null` when it passes unknown keywords on. */
  inputs: readonly string[] | null;
  /** Keys of the mapping the step returns (merged flat into the step outputs). */
  outputs: readonly string[];
  /** Inputs without which the reference's function cannot be called. */
  required: readonly string[];
}

const CORE = 'prefect.deployments.steps';

const definitions: StepDefinition[] = [
  {
    name: `${CORE}.run_shell_script`,
    aliases: [`${CORE}.utility.run_shell_script`],
    inputs: ['script', 'directory', 'env', 'stream_output', 'expand_env_vars', 'shell'],
    outputs: ['stdout', 'stderr'],
    required: ['script'],
  },
  {
    name: `${CORE}.pip_install_requirements`,
    aliases: [`${CORE}.utility.pip_install_requirements`],
    inputs: ['directory', 'requirements_file', 'stream_output'],
    outputs: ['stdout', 'stderr'],
    required: [],
  },
  {
    name: `${CORE}.git_clone`,
    aliases: [`${CORE}.pull.git_clone`],
    inputs: ['repository', 'branch', 'commit_sha', 'include_submodules', 'access_token', 'credentials', 'directories', 'clone_directory_name'],
    outputs: ['directory'],
    required: ['repository'],
  },
  {
    name: `${CORE}.set_working_directory`,
    aliases: [`${CORE}.pull.set_working_directory`],
    inputs: ['directory'],
    outputs: ['directory'],
    required: ['directory'],
  },
  {
    name: `${CORE}.pull_from_remote_storage`,
    aliases: [`${CORE}.pull.pull_from_remote_storage`],
    inputs: null,
    outputs: ['directory'],
    required: [],
  },
  {
    name: `${CORE}.pull_with_block`,
    aliases: [`${CORE}.pull.pull_with_block`],
    inputs: ['block_document_name', 'block_type_slug'],
    outputs: ['directory'],
    required: [],
  },
  {
    name: 'prefect_docker.deployments.steps.build_docker_image',
    aliases: [],
    inputs: null,
    outputs: ['image_name', 'tag', 'image', 'image_id', 'additional_tags'],
    required: ['image_name'],
  },
  {
    name: 'prefect_docker.deployments.steps.push_docker_image',
    aliases: [],
    inputs: ['image_name', 'tag', 'credentials', 'additional_tags', 'ignore_cache', 'build_backend'],
    outputs: ['image_name', 'tag', 'image', 'additional_tags'],
    required: ['image_name'],
  },
  {
    name: 'prefect_aws.deployments.steps.push_to_s3',
    aliases: [],
    inputs: ['bucket', 'folder', 'credentials', 'client_parameters', 'ignore_file'],
    outputs: ['bucket', 'folder'],
    required: ['bucket', 'folder'],
  },
  {
    name: 'prefect_aws.deployments.steps.pull_from_s3',
    aliases: [],
    inputs: ['bucket', 'folder', 'credentials', 'client_parameters'],
    outputs: ['bucket', 'folder', 'directory'],
    required: ['bucket', 'folder'],
  },
  {
    name: 'prefect_gcp.deployments.steps.push_to_gcs',
    aliases: [],
    inputs: ['bucket', 'folder', 'project', 'credentials', 'ignore_file'],
    outputs: ['bucket', 'folder'],
    required: ['bucket', 'folder'],
  },
  {
    name: 'prefect_gcp.deployments.steps.pull_from_gcs',
    aliases: [],
    inputs: ['bucket', 'folder', 'project', 'credentials'],
    outputs: ['bucket', 'folder', 'directory'],
    required: ['bucket', 'folder'],
  },
  {
    name: 'prefect_azure.deployments.steps.push_to_azure_blob_storage',
    aliases: [],
    inputs: ['container', 'folder', 'credentials', 'ignore_file'],
    outputs: ['container', 'folder'],
    required: ['container', 'folder', 'credentials'],
  },
  {
    name: 'prefect_azure.deployments.steps.pull_from_azure_blob_storage',
    aliases: [],
    inputs: ['container', 'folder', 'credentials'],
    outputs: ['container', 'folder', 'directory'],
    required: ['container', 'folder', 'credentials'],
  },
];

const byName = new Map<string, StepDefinition>();
for (const d of definitions) {
  byName.set(d.name, d);
  for (const a of d.aliases) byName.set(a, d);
}

/** Packages whose step modules we implement; a name inside them that we do not know is a typo. */
const BUILT_IN_NAMESPACES = [`${CORE}.`, 'prefect_docker.', 'prefect_aws.', 'prefect_gcp.', 'prefect_azure.'];

export function findStep(name: string): StepDefinition | undefined {
  return byName.get(name);
}

export function isBuiltInNamespace(name: string): boolean {
  return BUILT_IN_NAMESPACES.some((ns) => name.startsWith(ns));
}

export function allStepNames(): string[] {
  return [...byName.keys()];
}

/** Reserved inputs every step accepts; the reference strips them before calling the function. */
export const RESERVED_STEP_INPUTS = ['id', 'requires'] as const;

/** A custom step is any importable Python callable: `pkg.module.func` or `pkg.module:func`. */
export function looksLikePythonCallable(name: string): boolean {
  return /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*([.:][A-Za-z_][\w]*)$/u.test(name) && /[.:]/.test(name);
}

/** One step of a build, push or pull list, read the way Prefect reads it. */
export interface Step {
  /**
   * The fully-qualified function name as written: the mapping's last key, which is the one the
   * reference's `dict.popitem()` takes (a valid step has only one).
   */
  readonly name: string;
  /** Every key of the mapping, in order; more than one is an error for the validation and the reference. */
  readonly keys: readonly string[];
  /** What is written under the name: the step's keyword inputs (with `id` and `requires`) when it is a mapping. */
  readonly inputs: unknown;
  /** `id:` as written, when a non-empty string: later placeholders read the step's outputs under it. */
  readonly id: string | undefined;
  /** `requires:` as written (package specs a custom step needs). */
  readonly requires: unknown;
  /** The built-in step of that name (aliases included); undefined for a custom or unknown name. */
  readonly definition: StepDefinition | undefined;
}

/** The step a raw list item names; undefined for anything but a non-empty mapping (`{}` is skipped by the reference). */
export function parseStep(raw: unknown): Step | undefined {
  if (!isMapping(raw)) return undefined;
  const keys = Object.keys(raw);
  const name = keys.at(-1);
  if (name === undefined) return undefined;
  const inputs = raw[name];
  const id = isMapping(inputs) && typeof inputs.id === 'string' && inputs.id ? inputs.id : undefined;
  return { name, keys, inputs, id, requires: isMapping(inputs) ? inputs.requires : undefined, definition: findStep(name) };
}

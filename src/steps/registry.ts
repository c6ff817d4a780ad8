/**
 * The steps prefect.yaml can name, keyed by Prefect's fully-qualified function names. The
 * implementations land with the steps issue; the engine already needs to know which names exist
 * (to reject typos before anything runs) and which outputs a step can produce (so an offline plan
 * knows which placeholders will be filled by a step and which never will).
 */

export interface StepDefinition {
  /** The canonical fully-qualified name, as Prefect's docs write it. */
  name: string;
  /** Other importable paths of the same function. */
  aliases: readonly string[];
  /** Keyword inputs the function accepts; `null` when it passes unknown keywords on. */
  inputs: readonly string[] | null;
  /** Keys of the mapping the step returns (merged flat into the step outputs). */
  outputs: readonly string[];
}

const CORE = 'prefect.deployments.steps';

const definitions: StepDefinition[] = [
  {
    name: `${CORE}.run_shell_script`,
    aliases: [`${CORE}.utility.run_shell_script`],
    inputs: ['script', 'directory', 'env', 'stream_output', 'expand_env_vars', 'shell'],
    outputs: ['stdout', 'stderr'],
  },
  {
    name: `${CORE}.pip_install_requirements`,
    aliases: [`${CORE}.utility.pip_install_requirements`],
    inputs: ['directory', 'requirements_file', 'stream_output'],
    outputs: ['stdout', 'stderr'],
  },
  {
    name: `${CORE}.git_clone`,
    aliases: [`${CORE}.pull.git_clone`],
    inputs: ['repository', 'branch', 'commit_sha', 'include_submodules', 'access_token', 'credentials', 'directories', 'clone_directory_name'],
    outputs: ['directory'],
  },
  {
    name: `${CORE}.set_working_directory`,
    aliases: [`${CORE}.pull.set_working_directory`],
    inputs: ['directory'],
    outputs: ['directory'],
  },
  {
    name: `${CORE}.pull_from_remote_storage`,
    aliases: [`${CORE}.pull.pull_from_remote_storage`],
    inputs: null,
    outputs: ['directory'],
  },
  {
    name: `${CORE}.pull_with_block`,
    aliases: [`${CORE}.pull.pull_with_block`],
    inputs: ['block_document_name', 'block_type_slug'],
    outputs: ['directory'],
  },
  {
    name: 'prefect_docker.deployments.steps.build_docker_image',
    aliases: [],
    inputs: null,
    outputs: ['image_name', 'tag', 'image', 'image_id', 'additional_tags'],
  },
  {
    name: 'prefect_docker.deployments.steps.push_docker_image',
    aliases: [],
    inputs: ['image_name', 'tag', 'credentials', 'additional_tags', 'ignore_cache', 'build_backend'],
    outputs: ['image_name', 'tag', 'image', 'additional_tags'],
  },
  {
    name: 'prefect_aws.deployments.steps.push_to_s3',
    aliases: [],
    inputs: ['bucket', 'folder', 'credentials', 'client_parameters', 'ignore_file'],
    outputs: ['bucket', 'folder'],
  },
  {
    name: 'prefect_aws.deployments.steps.pull_from_s3',
    aliases: [],
    inputs: ['bucket', 'folder', 'credentials', 'client_parameters'],
    outputs: ['bucket', 'folder', 'directory'],
  },
  {
    name: 'prefect_gcp.deployments.steps.push_to_gcs',
    aliases: [],
    inputs: ['bucket', 'folder', 'project', 'credentials', 'ignore_file'],
    outputs: ['bucket', 'folder'],
  },
  {
    name: 'prefect_gcp.deployments.steps.pull_from_gcs',
    aliases: [],
    inputs: ['bucket', 'folder', 'project', 'credentials'],
    outputs: ['bucket', 'folder', 'directory'],
  },
  {
    name: 'prefect_azure.deployments.steps.push_to_azure_blob_storage',
    aliases: [],
    inputs: ['container', 'folder', 'credentials', 'ignore_file'],
    outputs: ['container', 'folder'],
  },
  {
    name: 'prefect_azure.deployments.steps.pull_from_azure_blob_storage',
    aliases: [],
    inputs: ['container', 'folder', 'credentials'],
    outputs: ['container', 'folder', 'directory'],
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

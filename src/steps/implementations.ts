/**
 * The native implementations, keyed by the canonical names of the step catalogue
 * (`core/config/step-catalogue.ts`; aliases resolve through it), and the errors for every name
 * that has none.
 */
import { didYouMean } from '../core/util/suggest.js';
import { gitClone, setWorkingDirectory } from './pull.js';
import { pullFromAzureBlobStorage, pushToAzureBlobStorage } from './storage/azure.js';
import { pullFromGcs, pushToGcs } from './storage/gcs.js';
import { pullFromS3, pushToS3 } from './storage/s3.js';
import { allStepNames, findStep, isBuiltInNamespace, looksLikePythonCallable, type StepDefinition } from '../core/config/step-catalogue.js';
import type { StepImplementation } from './types.js';
import { pipInstallRequirements, runShellScript, StepFailure } from './utility.js';

const CORE = 'prefect.deployments.steps';

const IMPLEMENTATIONS = new Map<string, StepImplementation>([
  [`${CORE}.run_shell_script`, runShellScript],
  [`${CORE}.pip_install_requirements`, pipInstallRequirements],
  [`${CORE}.set_working_directory`, setWorkingDirectory],
  [`${CORE}.git_clone`, gitClone],
  ['prefect_aws.deployments.steps.push_to_s3', (inputs, call) => pushToS3(inputs, call)],
  ['prefect_aws.deployments.steps.pull_from_s3', (inputs, call) => pullFromS3(inputs, call)],
  ['prefect_gcp.deployments.steps.push_to_gcs', pushToGcs],
  ['prefect_gcp.deployments.steps.pull_from_gcs', pullFromGcs],
  ['prefect_azure.deployments.steps.push_to_azure_blob_storage', pushToAzureBlobStorage],
  ['prefect_azure.deployments.steps.pull_from_azure_blob_storage', pullFromAzureBlobStorage],
  // Loaded on first use, like the SDK-backed steps: runs without Docker steps never pay for them.
  ['prefect_docker.deployments.steps.build_docker_image', async (inputs, call) => (await import('./docker/build.js')).buildDockerImage(inputs, call)],
  ['prefect_docker.deployments.steps.push_docker_image', async (inputs, call) => (await import('./docker/push.js')).pushDockerImage(inputs, call)],
]);

/**
 * Pull steps whose storage back ends are Python objects (fsspec file systems, any block type): in
 * build/push they run Prefect's own function in the runner's Python, through the custom-step
 * bridge, as `prefect deploy` runs them in its own. That Python needs prefect (and the block's
 * collection) installed, or a `requires:` naming them.
 */
export const PREFECT_PYTHON_STEPS = new Set([`${CORE}.pull_from_remote_storage`, `${CORE}.pull_with_block`]);

export interface ResolvedStep {
  definition: StepDefinition;
  implementation: StepImplementation;
}

/**
 * The implementation for a step name, or a StepFailure saying why there is none. A custom step's
 * implementation runs it in Python, installing its `requires:` (from `keywords`) when needed.
 */
export function resolveStep(name: string, keywords: { requires?: unknown } = {}): ResolvedStep {
  const definition = findStep(name);
  if (definition && PREFECT_PYTHON_STEPS.has(definition.name)) {
    return { definition, implementation: async (inputs, call) => (await import('./python/bridge.js')).runCustomStep(name, keywords.requires, inputs, call) };
  }
  const implementation = definition && IMPLEMENTATIONS.get(definition.name);
  if (definition && implementation) return { definition, implementation };
  if (definition || isBuiltInNamespace(name)) {
    const known = definition ? '' : didYouMean(name, allStepNames());
    if (!definition && name.startsWith(`${CORE}.`)) {
      throw new StepFailure(
        `${name} is not a Prefect step${known || ` (the built-in steps are ${[...IMPLEMENTATIONS.keys()].map((n) => n.slice(CORE.length + 1)).join(', ')})`}`,
      );
    }
    throw new StepFailure(`${name} is not implemented yet in deploy-action${known} (run this deployment with \`prefect deploy\` for now)`);
  }
  if (looksLikePythonCallable(name)) {
    return {
      definition: { name, aliases: [], inputs: null, outputs: [], required: [] },
      // Loaded on first use: runs without custom steps never pay for it.
      implementation: async (inputs, call) => (await import('./python/bridge.js')).runCustomStep(name, keywords.requires, inputs, call),
    };
  }
  throw new StepFailure(`${JSON.stringify(name)} is not a step name (expected a fully-qualified function name such as ${CORE}.run_shell_script)`);
}

/** The reference calls the function with the inputs as keywords: unknown or missing ones are TypeErrors. */
export function checkInputs(definition: StepDefinition, inputs: Record<string, unknown>): void {
  const fn = definition.name.slice(definition.name.lastIndexOf('.') + 1);
  if (definition.inputs !== null) {
    for (const key of Object.keys(inputs)) {
      if (!definition.inputs.includes(key)) {
        throw new StepFailure(`${fn}() got an unexpected keyword argument '${key}'${didYouMean(key, definition.inputs)}`);
      }
    }
  }
  const missing = definition.required.filter((key) => !Object.hasOwn(inputs, key));
  if (missing.length > 0) {
    const names = missing.map((m) => `'${m}'`);
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
    throw new StepFailure(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
}

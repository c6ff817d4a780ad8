/**
 * The native implementations, keyed by the canonical names of `registry.ts` (aliases resolve
 * through it), and the errors for every name that has none.
 */
import { didYouMean } from '../core/util/suggest.js';
import { gitClone, notSupportedInBuildPush, setWorkingDirectory } from './pull.js';
import { allStepNames, findStep, isBuiltInNamespace, looksLikePythonCallable, type StepDefinition } from './registry.js';
import type { StepImplementation } from './types.js';
import { pipInstallRequirements, runShellScript, StepFailure } from './utility.js';

const CORE = 'prefect.deployments.steps';

/** Inputs without which the reference's function cannot be called. */
const REQUIRED: Record<string, readonly string[]> = {
  [`${CORE}.run_shell_script`]: ['script'],
  [`${CORE}.git_clone`]: ['repository'],
  [`${CORE}.set_working_directory`]: ['directory'],
};

const IMPLEMENTATIONS = new Map<string, StepImplementation>([
  [`${CORE}.run_shell_script`, runShellScript],
  [`${CORE}.pip_install_requirements`, pipInstallRequirements],
  [`${CORE}.set_working_directory`, setWorkingDirectory],
  [`${CORE}.git_clone`, gitClone],
]);

/** Pull steps whose storage back ends are not ported: refused before their inputs are looked at. */
const PULL_ONLY = new Set([`${CORE}.pull_from_remote_storage`, `${CORE}.pull_with_block`]);

export interface ResolvedStep {
  definition: StepDefinition;
  implementation: StepImplementation;
}

/** The implementation for a step name, or a StepFailure saying why there is none. */
export function resolveStep(name: string): ResolvedStep {
  const definition = findStep(name);
  if (definition && PULL_ONLY.has(definition.name)) throw notSupportedInBuildPush(name);
  const implementation = definition && IMPLEMENTATIONS.get(definition.name);
  if (definition && implementation) return { definition, implementation };
  if (definition || isBuiltInNamespace(name)) {
    const known = definition ? '' : didYouMean(name, allStepNames());
    if (!definition && name.startsWith(`${CORE}.`)) {
      throw new StepFailure(`${name} is not a Prefect step${known || ` (the built-in steps are ${[...IMPLEMENTATIONS.keys()].map((n) => n.slice(CORE.length + 1)).join(', ')})`}`);
    }
    throw new StepFailure(`${name} is not implemented yet in deploy-action${known} (run this deployment with \`prefect deploy\` for now)`);
  }
  if (looksLikePythonCallable(name)) {
    throw new StepFailure(`${name} is a custom step: custom steps are Python functions and need Python, which deploy-action does not support yet`);
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
  const missing = (REQUIRED[definition.name] ?? []).filter((key) => !Object.hasOwn(inputs, key));
  if (missing.length > 0) {
    const names = missing.map((m) => `'${m}'`);
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
    throw new StepFailure(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
}

/**
 * Step outputs between jobs, and the action outputs derived from a plan: the matrix, the
 * per-deployment step outputs, and each step output as its own `<step-id>-<key>` output.
 */
import { isMapping, parseStep } from '../core/config/index.js';
import type { DesiredDeployment, Plan } from '../core/plan/index.js';
import type { StepOutputs } from '../core/templating/index.js';

/** Every output the action sets itself, by name: a step output never takes one of these names. */
export const OUTPUT = {
  deployments: 'deployments',
  changes: 'changes',
  plan: 'plan',
  planMarkdown: 'plan-markdown',
  stepOutputs: 'step-outputs',
  matrix: 'matrix',
  failureReason: 'failure-reason',
  commentUrl: 'comment-url',
  drift: 'drift',
} as const;

export const OUTPUTS = [
  'deployments',
  'changes',
  'plan',
  'plan-markdown',
  'step-outputs',
  'matrix',
  'failure-reason',
  'comment-url',
  'drift',
] as const satisfies ReadonlyArray<(typeof OUTPUT)[keyof typeof OUTPUT]>;

// The step-output forms and checks belong to the commands; re-exported for the action's callers.
export { deploymentKey, isKeyedByDeployment, outputsByIndex, unfilledStepPlaceholders } from '../commands/step-outputs.js';

// The matrix entries are the CLI's `list --matrix` ones: one function for both doors.
export { matrixOf, type MatrixEntry } from '../core/plan/matrix.js';

/** The ids of a deployment's build and push steps, in order. */
function stepIds(d: DesiredDeployment): string[] {
  const ids: string[] = [];
  for (const step of [...d.steps.build, ...d.steps.push]) {
    const id = parseStep(step)?.id;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Output values by name; null where two values disagree (the output is then left out). */
type Collected = Map<string, string | null>;

function collect(values: Collected, prefix: string, plan: Plan, outputs: ReadonlyMap<number, StepOutputs>): void {
  for (const d of plan.deployments) {
    const out = outputs.get(d.index);
    if (!out) continue;
    for (const id of stepIds(d)) {
      const result = out[id];
      if (!isMapping(result)) continue;
      for (const [k, v] of Object.entries(result)) {
        const name = `${prefix}${id}-${k}`;
        if (!OUTPUT_NAME.test(name) || (OUTPUTS as readonly string[]).includes(name)) continue;
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        const seen = values.get(name);
        values.set(name, seen === undefined || seen === text ? text : null);
      }
    }
  }
}

const agreed = (values: Collected): Record<string, string> => Object.fromEntries([...values].filter((e): e is [string, string] => e[1] !== null));

/**
 * Each output of each step that has an `id`, as `<id>-<key>`: set when the name is a valid output
 * name, is not one of the action's own, and every deployment that has it agrees on the value.
 */
export function flatStepOutputs(plan: Plan, outputs: ReadonlyMap<number, StepOutputs>): Record<string, string> {
  const values: Collected = new Map();
  collect(values, '', plan, outputs);
  return agreed(values);
}

/** A project directory as the start of an output name: `flows/etl` → `flows-etl`. */
export function projectOutputPrefix(project: string): string {
  return project.replace(/[^A-Za-z0-9_-]+/gu, '-').replace(/^-+|-+$/gu, '');
}

/**
 * The step outputs of a run over several projects: `<project>-<id>-<key>` for each project (its
 * directory with every other character than letters, digits, `_` and `-` turned into `-`), and
 * `<id>-<key>` as for one project when every deployment of every project that has it agrees (a
 * step shared by the projects, or one project only having it). The same rules as `flatStepOutputs`
 * otherwise: any two that give the same name and disagree leave that output out.
 */
export function projectsFlatStepOutputs(projects: ReadonlyArray<{ project: string; plan: Plan; outputs: ReadonlyMap<number, StepOutputs> }>): Record<string, string> {
  const values: Collected = new Map();
  for (const p of projects) {
    collect(values, '', p.plan, p.outputs);
    const prefix = projectOutputPrefix(p.project);
    if (prefix) collect(values, `${prefix}-`, p.plan, p.outputs);
  }
  return agreed(values);
}

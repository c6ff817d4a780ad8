/**
 * One CI matrix entry per deployment, the same for the action's `matrix` output and
 * `prefect-deploy list --matrix`, so a leg selects its deployment the same way with either door.
 */
import type { DesiredDeployment, Plan } from './index.js';

export interface MatrixEntry {
  /**
   * What `--name` and the `deployments` input select this one deployment by: `<flow>/<name>`
   * where the flow part is the entrypoint's function name with `-` for `_`, since that is what a
   * `flow/` part is compared with (as `prefect deploy -n` does). It is Prefect's flow name unless
   * `@flow(name=...)` renames the flow.
   */
  deployment: string;
  name: string;
  /** The flow's name in Prefect. */
  flow: string;
  entrypoint: string;
}

/** The `flow/name` selector that matches exactly this deployment (see {@link MatrixEntry.deployment}). */
export function selectorOf(d: { entrypoint: string; name: string }): string {
  const fn = d.entrypoint.split(':').pop() ?? '';
  return `${fn.replaceAll('_', '-')}/${d.name}`;
}

export function matrixEntry(d: DesiredDeployment): MatrixEntry {
  return { deployment: selectorOf(d), name: d.name, flow: d.flowName, entrypoint: d.entrypoint };
}

/** `{"include": [...]}`: what GitHub's `strategy.matrix` (via fromJSON) and GitLab's `parallel:matrix` take. */
export function matrixOf(plan: Plan): { include: MatrixEntry[] } {
  return { include: plan.deployments.map(matrixEntry) };
}

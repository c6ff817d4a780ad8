/** `prefect-deploy list`: the selected deployments of prefect.yaml, for people and CI matrices. */
import type { Plan } from '../core/plan/index.js';
import { matrixEntry, type MatrixEntry } from '../core/plan/matrix.js';

export interface ListedDeployment extends MatrixEntry {
  work_pool: string | null;
  work_queue: string | null;
}

export function listDeployments(plan: Plan): ListedDeployment[] {
  return plan.deployments.map((d) => {
    const pool = d.payload.work_pool_name;
    const queue = d.payload.work_queue_name;
    return {
      ...matrixEntry(d),
      work_pool: typeof pool === 'string' ? pool : null,
      work_queue: typeof queue === 'string' ? queue : null,
    };
  });
}

/**
 * `{"include": [...]}`: what GitHub's `strategy.matrix` (via fromJSON) and GitLab's `parallel:matrix`
 * take; the entries are the action's `matrix` output's.
 */
export function matrixJson(listed: readonly ListedDeployment[]): { include: MatrixEntry[] } {
  return { include: listed.map(({ deployment, name, flow, entrypoint }) => ({ deployment, name, flow, entrypoint })) };
}

export function listToText(listed: readonly ListedDeployment[]): string {
  if (listed.length === 0) return 'no deployments selected';
  const rows = [
    ['DEPLOYMENT', 'FLOW', 'ENTRYPOINT', 'WORK POOL'],
    ...listed.map((d) => [d.deployment, d.flow, d.entrypoint, d.work_pool ? `${d.work_pool}${d.work_queue ? ` (${d.work_queue})` : ''}` : '-']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

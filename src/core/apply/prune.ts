/**
 * `--prune`: deleting the deployments this project owns (ownership.ts) that its prefect.yaml no
 * longer has, with the automations they own — only after every create and update of the run
 * succeeded, so a failed run deletes nothing. Each deletion is idempotent: a DELETE whose answer was
 * lost is sent again, and its 404 means done.
 */
import { qualifiedName } from '../plan/desired.js';
import type { Plan } from '../plan/index.js';
import { deletionsOf, readOwnedDeployments, type Deletion, type OwnershipClient } from '../plan/ownership.js';
import type { DeploymentOutcome } from './index.js';

/** The API calls a prune needs (`src/prefect` implements them). */
export interface PruneClient extends OwnershipClient {
  deleteOwnedAutomations(deploymentId: string): Promise<void>;
  /** `DELETE /deployments/{id}`; a deployment already gone is no error. */
  deleteDeployment(id: string): Promise<void>;
}

export interface PruneOptions {
  /**
   * The deletions (`flow/name`) a reviewed plan showed: others found now are left alone with a
   * warning (`require-plan-match` refuses before anything runs when the deploy's own reading
   * differs; this covers what changed on the server since).
   */
  only?: ReadonlySet<string>;
}

/** What a prune of this plan would delete, read from the server. */
export async function pruneDeletions(client: Partial<OwnershipClient>, owner: string, plan: Pick<Plan, 'deployments' | 'unplanned'>): Promise<Deletion[]> {
  if (!client.readAllDeployments || !client.readFlowsById) return [];
  return deletionsOf(await readOwnedDeployments(client as OwnershipClient, owner), plan.deployments, plan.unplanned);
}

/** Deletes the owned deployments the plan no longer has, unless an outcome failed. */
export async function prune(
  client: Partial<PruneClient>,
  owner: string,
  plan: Pick<Plan, 'deployments'>,
  outcomes: readonly DeploymentOutcome[],
  options: PruneOptions,
  onResult?: (outcome: DeploymentOutcome) => void,
): Promise<{ outcomes: DeploymentOutcome[]; warnings: string[]; errors?: string[] }> {
  const failed = outcomes.filter((o) => o.action === 'failed').length;
  if (failed > 0) return { outcomes: [], warnings: [`nothing was deleted (--prune): ${failed} deployment${failed === 1 ? '' : 's'} failed to register`] };
  if (!client.deleteDeployment || !client.deleteOwnedAutomations)
    return { outcomes: [], warnings: ['nothing was deleted (--prune): this client cannot delete deployments'] };
  const warnings: string[] = [];
  let found: Deletion[];
  try {
    found = await pruneDeletions(client, owner, plan);
  } catch (e) {
    return { outcomes: [], warnings: [], errors: [`nothing was deleted (--prune): reading the deployments this project owns failed: ${(e as Error).message}`] };
  }
  const chosen: Deletion[] = [];
  for (const d of found) {
    if (options.only && !options.only.has(qualifiedName(d))) {
      warnings.push(`${qualifiedName(d)} is owned by this project and no longer in prefect.yaml, but was not in the reviewed plan: not deleted`);
      continue;
    }
    chosen.push(d);
  }
  return { outcomes: await deleteDeployments(client as DeletionClient, chosen, onResult), warnings };
}

/** The deletes a prune (and `preview down`) sends. */
export type DeletionClient = Pick<PruneClient, 'deleteOwnedAutomations' | 'deleteDeployment'>;

/**
 * Deletes each deployment with the automations it owns, one at a time (deletions are few), the
 * first failure stopping the rest: `deleted` or `failed` outcomes, in order.
 */
export async function deleteDeployments(
  client: DeletionClient,
  deletions: readonly Deletion[],
  onResult?: (outcome: DeploymentOutcome) => void,
): Promise<DeploymentOutcome[]> {
  const out: DeploymentOutcome[] = [];
  for (const d of deletions) {
    const started = Date.now();
    let outcome: DeploymentOutcome;
    try {
      // The automations first: once the deployment is gone nothing would find them again.
      await client.deleteOwnedAutomations(d.id);
      await client.deleteDeployment(d.id);
      outcome = { name: d.name, flowName: d.flowName, action: 'deleted', id: d.id, changes: [], notices: [], stepOutputs: {}, durationMs: Date.now() - started };
    } catch (e) {
      outcome = {
        name: d.name,
        flowName: d.flowName,
        action: 'failed',
        id: d.id,
        changes: [],
        error: (e as Error).message,
        notices: [],
        stepOutputs: {},
        durationMs: Date.now() - started,
      };
    }
    onResult?.(outcome);
    out.push(outcome);
    if (outcome.action === 'failed') break;
  }
  return out;
}

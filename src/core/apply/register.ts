/**
 * Writing one deployment: create (flow upsert, then the deployment) or update, then its
 * automations — and nothing at all when the server already holds the desired state.
 */
import { isMapping, type Mapping } from '../config/index.js';
import type { DesiredDeployment } from '../plan/index.js';
import { automationsEqual, diffDeployment, updateBody, type CurrentDeployment, type FieldChange } from '../plan/diff.js';
import type { RegistrationAction } from '../plan/live.js';
import type { ServerSnapshot } from '../plan/snapshot.js';
import { withoutNullVersionedFields } from '../../prefect/server-version.js';
import { markBody, ownerLabels, ownershipChange } from '../plan/ownership.js';

/**
 * The API writes registration needs; `src/prefect` implements them against a real server. What
 * exists already comes from a `ServerSnapshot` read once per run.
 */
export interface RegistrationClient {
  createFlow(name: string): Promise<{ id: string }>;
  createDeployment(body: Mapping): Promise<{ id: string }>;
  updateDeployment(id: string, body: Mapping): Promise<void>;
  deleteOwnedAutomations(deploymentId: string): Promise<void>;
  createAutomation(body: Mapping): Promise<{ id: string }>;
  /** Prefect Cloud only; the bodies already carry `owner_resource`. */
  readonly isCloud?: boolean;
  applySlas?(deploymentId: string, slas: Mapping[]): Promise<unknown>;
}

export type { RegistrationAction };

export interface RegistrationResult {
  action: RegistrationAction;
  id: string;
  changes: FieldChange[];
  /** Whether the deployment's automations were replaced. */
  automationsReplaced: boolean;
  /** Things worth telling that are not failures (e.g. SLAs on a server without them). */
  notices: string[];
}

/** Builds the automation bodies once the deployment id is known. */
export type AutomationBodies = (deploymentId: string) => Mapping[];

/** Builds the SLA bodies once the deployment id is known; undefined when no SLAs are configured. */
export type SlaBodies = ((deploymentId: string) => Mapping[]) | undefined;

/** Flow upserts of one run, by flow name: deployments of one flow share its record. */
export type FlowUpserts = Map<string, Promise<{ id: string }>>;

export async function registerDeployment(
  client: RegistrationClient,
  snapshot: ServerSnapshot,
  d: DesiredDeployment,
  automations: AutomationBodies,
  slas?: SlaBodies,
  flows: FlowUpserts = new Map(),
  /** The project identity the deployment is marked with (`deploy-action.owner`); none: no mark. */
  owner?: string,
): Promise<RegistrationResult> {
  const result = await registerDeploymentAndAutomations(client, snapshot, d, automations, flows, owner);
  if (slas) {
    if (client.isCloud && client.applySlas) await client.applySlas(result.id, slas(result.id));
    else result.notices.push('SLAs are a Prefect Cloud feature; this server has none, so the sla: section was not applied');
  }
  return result;
}

async function registerDeploymentAndAutomations(
  client: RegistrationClient,
  snapshot: ServerSnapshot,
  d: DesiredDeployment,
  automations: AutomationBodies,
  flows: FlowUpserts,
  owner: string | undefined,
): Promise<RegistrationResult> {
  const current = snapshot.deployment(d.flowName, d.name);
  if (!current) {
    if (!flows.has(d.flowName)) {
      // `POST /flows/` is an upsert that leaves an existing flow as it is: skip it for a known one.
      const known = snapshot.flowIds.get(d.flowName);
      flows.set(d.flowName, known ? Promise.resolve({ id: known }) : client.createFlow(d.flowName));
    }
    const flow = await flows.get(d.flowName)!;
    const { id } = await client.createDeployment(
      withoutNullVersionedFields({
        name: d.payload.name,
        flow_id: flow.id,
        ...withoutName(d.payload),
        ...(owner ? { labels: { ...(isMapping(d.payload.labels) ? d.payload.labels : {}), ...ownerLabels(owner) } } : {}),
      }),
    );
    const bodies = automations(id);
    for (const body of bodies) await client.createAutomation(body);
    return { action: 'created', id, changes: [], automationsReplaced: bodies.length > 0, notices: [] };
  }
  const id = String(current.id);
  const changes = diffDeployment(d, current as CurrentDeployment);
  const wanted = automations(id);
  const related = await snapshot.automationsOf(id);
  const automationsChanged = !automationsEqual(wanted, related, id);
  // PATCH cannot set labels: the mark goes on by the upsert, with the deployment's own schedules
  // (the upsert replaces them) and nothing else, so that the PATCH below stays the reference's.
  const mark = ownershipChange(current, owner);
  if (mark) await client.createDeployment(markBody(current, owner!, updateBody(d)));
  if (changes.length > 0) await client.updateDeployment(id, withoutNullVersionedFields(updateBody(d)));
  if (automationsChanged) {
    await client.deleteOwnedAutomations(id);
    for (const body of wanted) await client.createAutomation(body);
    changes.push({ field: 'automations', from: related.map((a) => a.name), to: wanted.map((a) => a.name) });
  }
  if (mark) changes.push(mark);
  return { action: changes.length > 0 ? 'updated' : 'unchanged', id, changes, automationsReplaced: automationsChanged, notices: [] };
}

function withoutName(payload: Mapping): Mapping {
  const { name: _name, ...rest } = payload;
  return rest;
}

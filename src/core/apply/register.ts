/**
 * Writing one deployment: create (flow upsert, then the deployment) or update, then its
 * automations — and nothing at all when the server already holds the desired state.
 */
import type { Mapping } from '../config/index.js';
import type { DesiredDeployment } from '../plan/index.js';
import { diffDeployment, jsonEqual, updateBody, type CurrentDeployment, type FieldChange } from './diff.js';

/** The API calls registration needs; `src/prefect` implements them against a real server. */
export interface RegistrationClient {
  readDeploymentByName(flowName: string, deploymentName: string): Promise<Mapping | undefined>;
  createFlow(name: string): Promise<{ id: string }>;
  createDeployment(body: Mapping): Promise<{ id: string }>;
  updateDeployment(id: string, body: Mapping): Promise<void>;
  readOwnedAutomations(deploymentId: string): Promise<Mapping[]>;
  deleteOwnedAutomations(deploymentId: string): Promise<void>;
  createAutomation(body: Mapping): Promise<{ id: string }>;
}

export type RegistrationAction = 'created' | 'updated' | 'unchanged';

export interface RegistrationResult {
  action: RegistrationAction;
  id: string;
  changes: FieldChange[];
  /** Whether the deployment's automations were replaced. */
  automationsReplaced: boolean;
}

/** Builds the automation bodies once the deployment id is known. */
export type AutomationBodies = (deploymentId: string) => Mapping[];

/** What an automation body and a stored automation share, for comparison. */
function automationShape(a: Mapping): Mapping {
  const { id: _id, created: _c, updated: _u, account: _a, workspace: _w, ...rest } = a;
  return rest;
}

function automationsEqual(wanted: Mapping[], current: Mapping[]): boolean {
  if (wanted.length !== current.length) return false;
  const key = (a: Mapping) => String(a.name);
  const byName = new Map(current.map((a) => [key(a), automationShape(a)]));
  return wanted.every((w) => {
    const c = byName.get(key(w));
    return c !== undefined && Object.entries(w).every(([k, v]) => jsonEqual(v, c[k]));
  });
}

export async function registerDeployment(client: RegistrationClient, d: DesiredDeployment, automations: AutomationBodies): Promise<RegistrationResult> {
  const current = await client.readDeploymentByName(d.flowName, d.name);
  if (!current) {
    const flow = await client.createFlow(d.flowName);
    const { id } = await client.createDeployment({ name: d.payload.name, flow_id: flow.id, ...withoutName(d.payload) });
    const bodies = automations(id);
    for (const body of bodies) await client.createAutomation(body);
    return { action: 'created', id, changes: [], automationsReplaced: bodies.length > 0 };
  }
  const id = String(current.id);
  const changes = diffDeployment(d, current as CurrentDeployment);
  const wanted = automations(id);
  const owned = await client.readOwnedAutomations(id);
  const automationsChanged = !automationsEqual(wanted, owned);
  if (changes.length > 0) await client.updateDeployment(id, updateBody(d));
  if (automationsChanged) {
    await client.deleteOwnedAutomations(id);
    for (const body of wanted) await client.createAutomation(body);
    changes.push({ field: 'automations', from: owned.map((a) => a.name), to: wanted.map((a) => a.name) });
  }
  return { action: changes.length > 0 ? 'updated' : 'unchanged', id, changes, automationsReplaced: automationsChanged };
}

function withoutName(payload: Mapping): Mapping {
  const { name: _name, ...rest } = payload;
  return rest;
}

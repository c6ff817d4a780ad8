/**
 * Writing one deployment: create (flow upsert, then the deployment) or update, then its
 * automations — and nothing at all when the server already holds the desired state.
 */
import { isMapping, type Mapping } from '../config/index.js';
import type { DesiredDeployment } from '../plan/index.js';
import { diffDeployment, jsonEqual, updateBody, type CurrentDeployment, type FieldChange } from './diff.js';
import { runsDeployment, type ServerSnapshot } from './snapshot.js';
import { withoutNullVersionedFields } from '../../prefect/server-version.js';

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

export type RegistrationAction = 'created' | 'updated' | 'unchanged';

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

/** What an automation body and a stored automation share, for comparison. */
function automationShape(a: Mapping): Mapping {
  const { id: _id, created: _c, updated: _u, account: _a, workspace: _w, ...rest } = a;
  return { ...rest, trigger: withoutIds(rest.trigger) };
}

/** Trigger fields that are sets: the reference sends them in Python's (per-process random) set order. */
const SET_FIELDS = new Set(['after', 'expect', 'for_each']);

/**
 * A trigger as compared: without the id the server gives every trigger (nested ones too), and with
 * its set-valued fields in a fixed order.
 */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!isMapping(value)) return value;
  const { id: _id, ...rest } = value;
  return Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      k === 'triggers' ? withoutIds(v) : SET_FIELDS.has(k) && Array.isArray(v) ? [...v].map(String).sort() : v,
    ]),
  );
}

/**
 * Whether the deployment's automations already are the wanted ones. The API lists automations
 * related to a deployment without telling which it owns, so this looks for each wanted body among
 * them and requires no other automation that runs this deployment; when unsure it answers no,
 * and the automations are replaced as the reference always does.
 */
export function automationsEqual(wanted: Mapping[], related: Mapping[], deploymentId: string): boolean {
  const candidates = related.filter((a) => runsDeployment(a, deploymentId)).map(automationShape);
  if (candidates.length !== wanted.length) return false;
  const unmatched = [...candidates];
  return wanted.every((w) => {
    const shape = automationShape(w);
    const i = unmatched.findIndex((c) => Object.entries(shape).every(([k, v]) => k === 'owner_resource' || jsonEqual(v, c[k])));
    if (i < 0) return false;
    unmatched.splice(i, 1);
    return true;
  });
}

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
): Promise<RegistrationResult> {
  const result = await registerDeploymentAndAutomations(client, snapshot, d, automations, flows);
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
): Promise<RegistrationResult> {
  const current = snapshot.deployment(d.flowName, d.name);
  if (!current) {
    if (!flows.has(d.flowName)) {
      // `POST /flows/` is an upsert that leaves an existing flow as it is: skip it for a known one.
      const known = snapshot.flowIds.get(d.flowName);
      flows.set(d.flowName, known ? Promise.resolve({ id: known }) : client.createFlow(d.flowName));
    }
    const flow = await flows.get(d.flowName)!;
    const { id } = await client.createDeployment(withoutNullVersionedFields({ name: d.payload.name, flow_id: flow.id, ...withoutName(d.payload) }));
    const bodies = automations(id);
    for (const body of bodies) await client.createAutomation(body);
    return { action: 'created', id, changes: [], automationsReplaced: bodies.length > 0, notices: [] };
  }
  const id = String(current.id);
  const changes = diffDeployment(d, current as CurrentDeployment);
  const wanted = automations(id);
  const related = await snapshot.automationsOf(id);
  const automationsChanged = !automationsEqual(wanted, related, id);
  if (changes.length > 0) await client.updateDeployment(id, withoutNullVersionedFields(updateBody(d)));
  if (automationsChanged) {
    await client.deleteOwnedAutomations(id);
    for (const body of wanted) await client.createAutomation(body);
    changes.push({ field: 'automations', from: related.map((a) => a.name), to: wanted.map((a) => a.name) });
  }
  return { action: changes.length > 0 ? 'updated' : 'unchanged', id, changes, automationsReplaced: automationsChanged, notices: [] };
}

function withoutName(payload: Mapping): Mapping {
  const { name: _name, ...rest } = payload;
  return rest;
}

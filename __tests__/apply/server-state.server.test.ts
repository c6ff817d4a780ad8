/**
 * Differential test of the whole deploy: `prefect-deploy deploy --all` must leave the Prefect server
 * in exactly the state `prefect --no-prompt deploy --all` (prefect 3.9.1) leaves it, on the create
 * path and on the update path.
 *
 * Per project: ours creates → snapshot → delete → the reference creates → snapshot → compare; then,
 * over the reference's state, ours again (expected to write nothing, but the "None" description the
 * reference stores for a flow without one) → snapshot → the reference again (its update path) →
 * snapshot → compare. Then ours alone: from scratch, and again unchanged, which must write nothing.
 * A snapshot is every deployment on the server with its schedules, the
 * automations related to it and its flow record.
 *
 * The file runs its own server: `reference-payload.test.ts` registers the same projects (same flow
 * and deployment names) on the suite's shared server in parallel, and this test deletes and
 * re-creates them.
 *
 * A mismatch here is a bug in our engine (or a gap to report), not in the test's expectations.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OWNER_LABEL } from '../../src/core/plan/ownership.js';
import { startPrefectServer, type PrefectServer } from '../setup/prefect-server.js';
import { startRecordingProxy, type RecordedRequest } from '../support/recording-proxy.js';
import {
  api as corpusApi,
  clearServer as clearCorpusServer,
  ours as deployOurs,
  prepare as prepareProject,
  PROJECTS,
  type OurResult,
  type ProjectCase,
  type RunWindow,
  type Workspace,
} from '../support/server-corpus.js';

const run = promisify(execFile);
const python = inject('referencePython');
const prefectBin = path.join(path.dirname(python), 'prefect');

type Json = Record<string, unknown>;

/** `PROJECTS=a,b` runs only the projects with these titles (for iterating on one). */
const only = process.env.PROJECTS?.split(',').map((t) => t.trim());
const SELECTED = only ? PROJECTS.filter((p) => only.includes(p.title)) : PROJECTS;

// ---------------------------------------------------------------------------------------------
// The server and small API helpers.

let server: PrefectServer;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  server = await startPrefectServer({ timeoutMs: 90_000 });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const api = (method: string, route: string, body?: unknown, alsoOk: number[] = [], floats = false) => corpusApi(server.apiUrl, method, route, body, alsoOk, floats);
const clearServer = () => clearCorpusServer(server.apiUrl);
async function prepare(project: ProjectCase): Promise<Workspace> {
  const ws = await prepareProject(server.apiUrl, project);
  cleanups.push(ws.cleanup);
  return ws;
}
const ours = (project: ProjectCase, ws: Workspace) => deployOurs(server.apiUrl, project, ws);

// ---------------------------------------------------------------------------------------------
// Snapshots: every deployment on the server (the server holds only the current project's).

interface DeploymentState {
  deployment: Json;
  /** `GET /deployments/{id}/schedules` */
  schedules: Json[];
  /** `GET /automations/related-to/prefect.deployment.{id}` */
  automations: Json[];
  flow: Json;
}

interface Snapshot {
  deployments: Map<string, DeploymentState>;
  /** Every automation on the server, to catch ones related to no deployment. */
  automationCount: number;
}

async function snapshot(): Promise<Snapshot> {
  const all = (await api('POST', '/deployments/filter', { limit: 200 })) as Json[];
  const deployments = new Map<string, DeploymentState>();
  for (const listed of all) {
    const flow = (await api('GET', `/flows/${String(listed.flow_id)}`)) as Json;
    const seg = encodeURIComponent;
    const deployment = (await api('GET', `/deployments/name/${seg(String(flow.name))}/${seg(String(listed.name))}`, undefined, [], true)) as Json;
    const id = String(deployment.id);
    deployments.set(`${String(flow.name)}/${String(deployment.name)}`, {
      deployment,
      schedules: (await api('GET', `/deployments/${id}/schedules`)) as Json[],
      automations: (await api('GET', `/automations/related-to/prefect.deployment.${id}`)) as Json[],
      flow,
    });
  }
  const automations = (await api('POST', '/automations/filter', {})) as Json[];
  return { deployments, automationCount: automations.length };
}

// ---------------------------------------------------------------------------------------------
// Normalization: only what legitimately differs between two creations.

/**
 * Ids and timestamps dropped; the deployment's and its flow's ids, wherever they appear (labels,
 * schedule rows, the concurrency limit's name, automation actions), become `<self>` and `<flow>`;
 * an interval anchor inside a deploy run's window becomes `<now>` (a configured anchor is a fixed
 * date and stays, so an engine that re-anchors a configured one is caught).
 */
function normalize(state: DeploymentState, windows: readonly RunWindow[], secrets: Record<string, string>): Json {
  const self = String(state.deployment.id);
  const flowId = String(state.flow.id);
  const ids = (value: unknown): unknown => {
    if (typeof value === 'string') return value.split(self).join('<self>').split(flowId).join('<flow>');
    if (Array.isArray(value)) return value.map(ids);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ids(v)]));
    return value;
  };
  const withoutStamps = ({ id: _id, created: _c, updated: _u, ...rest }: Json): Json => rest;
  const anchor = (schedule: Json): Json => {
    if (typeof schedule.anchor_date !== 'string') return schedule;
    const t = Date.parse(schedule.anchor_date);
    const isNow = windows.some((w) => t >= w.start - 1_000 && t <= w.end + 1_000);
    return isNow ? { ...schedule, anchor_date: '<now>' } : { ...schedule, anchor_date: new Date(t).toISOString() };
  };
  const scheduleRow = (row: Json): Json => ({ ...withoutStamps(row), schedule: anchor(row.schedule as Json) });
  const triggerWithoutIds = (trigger: unknown): unknown => {
    if (trigger === null || typeof trigger !== 'object' || Array.isArray(trigger)) return trigger;
    const { id: _id, ...rest } = trigger as Json;
    // after/expect/for_each are sets: the reference sends them in Python's per-process set order.
    for (const key of ['after', 'expect', 'for_each']) if (Array.isArray(rest[key])) rest[key] = [...(rest[key] as string[])].sort();
    return Array.isArray(rest.triggers) ? { ...rest, triggers: rest.triggers.map(triggerWithoutIds) } : rest;
  };
  const { id: _id, created: _created, updated: _updated, flow_id: _flowId, last_polled: _lastPolled, status: _status, ...deployment } = state.deployment;
  // Deliberate difference (see `secretJobVariables`): in job variables only, a Secret block's value
  // reads as its reference, so ours (the reference) and prefect deploy's (the value) compare equal.
  const asReference = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return Object.entries(secrets).reduce((text, [name, secret]) => text.split(secret).join(`{{ prefect.blocks.secret.${name} }}`), value);
    }
    if (Array.isArray(value)) return value.map(asReference);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asReference(v)]));
    return value;
  };
  deployment.job_variables = asReference(deployment.job_variables);
  // Deliberate difference (docs/compatibility.md): every deployment we write carries the
  // label `deploy-action.owner` (the project that owns it, for prune); the reference writes none.
  // Left out of the comparison explicitly, this label only: the server's own labels are compared.
  if (deployment.labels !== null && typeof deployment.labels === 'object') {
    const { [OWNER_LABEL]: _owner, ...labels } = deployment.labels as Json;
    deployment.labels = labels;
  }
  const gcl = deployment.global_concurrency_limit as Json | null | undefined;
  const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return ids({
    ...deployment,
    global_concurrency_limit: gcl ? withoutStamps(gcl) : gcl,
    schedules: ((deployment.schedules ?? []) as Json[]).map(scheduleRow),
    'schedules (GET /deployments/{id}/schedules)': state.schedules.map(scheduleRow),
    automations: state.automations.map((a) => ({ ...withoutStamps(a), trigger: triggerWithoutIds(a.trigger) })).sort(byJson),
    flow: withoutStamps(state.flow),
  }) as Json;
}

/**
 * Field-by-field comparison of two snapshots, every mismatch reported (soft). `withoutDescription`:
 * deployments created without a description, null in ours and "None" in the reference's.
 */
function expectSameState(
  label: string,
  ours: Snapshot,
  ourWindows: RunWindow[],
  reference: Snapshot,
  referenceWindows: RunWindow[],
  secrets: Record<string, string>,
  withoutDescription: readonly string[] = [],
): void {
  expect.soft([...ours.deployments.keys()].sort(), `${label}: deployments on the server`).toEqual([...reference.deployments.keys()].sort());
  expect.soft(ours.automationCount, `${label}: automations on the server`).toBe(reference.automationCount);
  for (const [key, state] of ours.deployments) {
    const other = reference.deployments.get(key);
    if (!other) continue;
    const a = normalize(state, ourWindows, secrets);
    const b = normalize(other, referenceWindows, secrets);
    if (withoutDescription.includes(key)) {
      expect.soft([a.description, b.description], `${label}: ${key} description (ours null, the reference "None")`).toEqual([null, 'None']);
      b.description = a.description;
    }
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      expect.soft(a[field], `${label}: ${key} ${field} (ours, then the reference)`).toEqual(b[field]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running both deploys.

async function reference(ws: Workspace): Promise<RunWindow> {
  const start = Date.now();
  try {
    await run(prefectBin, ['--no-prompt', 'deploy', '--all'], { cwd: ws.dir, env: ws.env, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    const tail = `${err.stdout ?? ''}\n${err.stderr ?? ''}`.trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(`prefect deploy --all failed in ${ws.dir}: ${err.message}\n${tail}`, { cause: e });
  }
  return { start, end: Date.now() };
}

// ---------------------------------------------------------------------------------------------

describe.each(SELECTED.map((p) => [p.title, p] as const))('%s: the server state after our deploy and after prefect deploy', (_title, project) => {
  let ws: Workspace;
  let ourCreate: OurResult;
  let ourCreateState: Snapshot;
  const windows: RunWindow[] = [];

  beforeAll(async () => {
    await clearServer();
    ws = await prepare(project);
  }, 60_000);

  it('create path: the same deployments, schedules, automations and flows', async () => {
    ourCreate = await ours(project, ws);
    windows.push(ourCreate.window);
    expect([...ourCreate.actions.values()].map(([action]) => action)).toEqual([...ourCreate.actions.values()].map(() => 'created'));
    ourCreateState = await snapshot();

    await clearServer();
    expect((await snapshot()).deployments.size).toBe(0);
    const referenceWindow = await reference(ws);
    windows.push(referenceWindow);
    const referenceState = await snapshot();

    expect(ourCreateState.deployments.size).toBeGreaterThan(0);
    expectSameState('create', ourCreateState, [ourCreate.window], referenceState, [referenceWindow], project.secrets ?? {}, project.withoutDescription);
  }, 420_000);

  it('update path: ours leaves the reference state alone, and the reference re-deploy agrees with ours', async () => {
    expect(ourCreate, 'the create path did not run').toBeDefined();
    const referenceCreated = await snapshot();
    for (const key of project.withoutDescription) {
      expect.soft(referenceCreated.deployments.get(key)?.deployment.description, `${key}: the reference creates a flow without description with "None"`).toBe('None');
    }
    const again = await ours(project, ws);
    windows.push(again.window);
    // Ours marks the deployments the reference registered as this project's (`owner`, the one
    // deliberate difference: the label above); everything else is left as the reference stored it.
    const changed = (key: string): string[] => [
      ...(project.withoutDescription.includes(key) ? ['description'] : []),
      ...(project.secretJobVariables?.includes(key) ? ['job_variables'] : []),
      'owner',
    ];
    const expected = new Map([...again.actions.keys()].map((key) => [key, changed(key).length > 0 ? ['updated', changed(key)] : ['unchanged', []]]));
    expect(Object.fromEntries(again.actions)).toEqual(Object.fromEntries(expected));
    const ourUpdateState = await snapshot();

    const referenceWindow = await reference(ws);
    windows.push(referenceWindow);
    const referenceUpdateState = await snapshot();
    // Our re-deploy kept the anchors the reference's create set; its update re-anchors them at its
    // own "now": any run's "now" is accepted for an unconfigured anchor.
    expectSameState('update', ourUpdateState, windows, referenceUpdateState, windows, project.secrets ?? {});
  }, 420_000);
});

// ---------------------------------------------------------------------------------------------
// Idempotence: ours alone, from scratch and then again with nothing changed.

/** POSTs that only read (Prefect's filter, count and paginate endpoints). */
const READ_ONLY_POST = /\/(filter|count|paginate)$/;
const isWrite = (r: RecordedRequest): boolean => r.method !== 'GET' && r.method !== 'HEAD' && !(r.method === 'POST' && READ_ONLY_POST.test(r.path.split('?')[0]!));

describe.each(SELECTED.map((p) => [p.title, p] as const))('%s: a second deploy of ours with nothing changed', (_title, project) => {
  it('writes nothing: no POST (but reads), PATCH, PUT or DELETE, every deployment unchanged', async () => {
    await clearServer();
    const ws = await prepare(project);
    const proxy = await startRecordingProxy(server.apiUrl);
    try {
      const first = await deployOurs(proxy.apiUrl, project, ws);
      expect([...first.actions.values()].map(([action]) => action)).toEqual([...first.actions.values()].map(() => 'created'));
      expect(proxy.requests.filter(isWrite).length, 'the first deploy wrote nothing: the proxy does not see the requests').toBeGreaterThan(0);
      proxy.requests.length = 0;

      const second = await deployOurs(proxy.apiUrl, project, ws);
      const writes = proxy.requests.filter(isWrite).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`);
      expect(writes).toEqual([]);
      expect(Object.fromEntries(second.actions)).toEqual(Object.fromEntries([...second.actions.keys()].map((key) => [key, ['unchanged', []]])));
    } finally {
      await proxy.close();
    }
  }, 300_000);
});

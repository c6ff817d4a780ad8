/**
 * Differential test of the plan's payloads: the reference `prefect deploy --all` (prefect 3.9.1 from
 * the reference venv) registers each project on a real Prefect server, and what the server stored
 * (plus the exact request body, seen through a recording proxy) is compared field by field with
 * `createPlan()`'s payload for the same project, environment, clock and git checkout.
 *
 * A mismatch here is a bug in our engine (or a gap to report), not in the test's expectations.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPlan, hasErrors, type DesiredDeployment, type Plan } from '../../src/core/plan/index.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';
import type { LookupResult, TemplateSources } from '../../src/core/templating/index.js';
import { startRecordingProxy, type RecordedRequest, type RecordingProxy } from '../support/recording-proxy.js';
import { PROJECTS as CORPUS, seed, workspace, type ProjectCase } from '../support/server-corpus.js';
import { serverApi, serverApiWithStatus } from '../support/server-api.js';

const run = promisify(execFile);
type Json = Record<string, unknown>;

/** The server corpus's first projects: examples, templating, pull steps, deployment options. */
const PROJECTS = CORPUS.filter((p) => ['examples/local-etl', 'templated', 'pulls', 'options'].includes(p.title));

// ---------------------------------------------------------------------------------------------
// The server (started by the prefect-server project's global setup) and small API helpers.

const serverUrl = inject('prefectApiUrl');
const python = inject('referencePython');
const prefectBin = path.join(path.dirname(python), 'prefect');

const api = serverApiWithStatus(serverUrl);
const apiOk = serverApi(serverUrl);

/** Block documents and variables read from the live server, as the deploy command will. */
function liveSources(): TemplateSources {
  const lookup = async <T>(route: string, pick: (json: Json) => T): Promise<LookupResult<T>> => {
    const { status, json } = await api('GET', route);
    if (status === 404) return { status: 'missing' };
    if (status >= 300) throw new Error(`GET ${route} -> ${status}`);
    return { status: 'found', value: pick(json as Json) };
  };
  const seg = encodeURIComponent;
  return {
    blocks: {
      readByName: (slug, name) => lookup(`/block_types/slug/${seg(slug)}/block_documents/name/${seg(name)}?include_secrets=true`, (j) => j.data as Json),
      readById: (id) => lookup(`/block_documents/${seg(id)}?include_secrets=true`, (j) => j.data as Json),
    },
    variables: { read: (name) => lookup(`/variables/name/${seg(name)}`, (j) => j.value) },
  };
}

// ---------------------------------------------------------------------------------------------
// One project: a temp copy (with a git checkout), our plans, the reference run, the read-back.

interface Registered {
  /** `GET /deployments/name/{flow}/{name}` */
  stored: Json;
  /** The `POST /deployments/` body the reference sent. */
  sent: Json;
  flowName: string;
}

interface ProjectRun {
  dir: string;
  /** Offline plan: step-output placeholders kept as written. */
  plan: Plan;
  /** The same plan given the outputs the build steps produce; null when the project has no steps. */
  planWithOutputs: Plan | null;
  reference: Map<string, Registered>;
  referenceLog: string;
}

const key = (flow: string, name: string): string => `${flow}/${name}`;

async function git(dir: string, env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  return stdout.trim();
}

async function prepare(project: ProjectCase, proxy: RecordingProxy): Promise<ProjectRun> {
  const { dir, env, cleanup } = await workspace(proxy.apiUrl, project, 'reference-payload-');
  cleanups.push(cleanup);
  await seed(serverUrl, project);

  // Ours first: nothing the reference might leave behind can influence it.
  const now = new Date();
  const gitRunner: GitRunner = (args, cwd) => git(cwd, env, ...args);
  const request = {
    prefectFile: 'prefect.yaml',
    selection: { all: true, names: [] },
    cwd: dir,
    env,
    now,
    sources: liveSources(),
    git: gitRunner,
    unavailableModules: project.unavailableModules ?? [],
  };
  const plan = await createPlan(request);
  const planWithOutputs = project.stepOutputs ? await createPlan({ ...request, stepOutputs: project.stepOutputs }) : null;

  proxy.requests.length = 0;
  let referenceLog: string;
  try {
    const out = await run(prefectBin, ['--no-prompt', 'deploy', '--all'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    referenceLog = `${out.stdout}\n${out.stderr}`;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prefect deploy --all failed in ${dir}: ${err.message}\n${tail(`${err.stdout ?? ''}\n${err.stderr ?? ''}`)}`, { cause: e });
  }
  const sentBodies = proxy.requests.filter((r: RecordedRequest) => r.method === 'POST' && r.path === '/deployments/').map((r) => r.body as Json);

  const reference = new Map<string, Registered>();
  const flowNames = new Map<string, string>();
  for (const sent of sentBodies) {
    const flowId = String(sent.flow_id);
    if (!flowNames.has(flowId)) flowNames.set(flowId, String(((await apiOk('GET', `/flows/${flowId}`)) as Json).name));
    const flowName = flowNames.get(flowId)!;
    const name = String(sent.name);
    const stored = (await apiOk('GET', `/deployments/name/${encodeURIComponent(flowName)}/${encodeURIComponent(name)}`)) as Json;
    // A later config with the same flow and name overwrites an earlier one, as on the server.
    reference.set(key(flowName, name), { stored, sent, flowName });
  }
  return { dir, plan, planWithOutputs, reference, referenceLog };
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Normalizations: only where the server stores a value differently from what was sent.

/** Server schedule rows carry ids and timestamps; item defaults are filled in (active true, parameters {}, slug null). */
function storedSchedule(row: Json): Json {
  return {
    schedule: normalizeScheduleObject(row.schedule as Json),
    active: row.active,
    parameters: row.parameters ?? {},
    slug: row.slug ?? null,
  };
}

/** Our `POST` schedule item with the server's defaults for absent keys. */
function plannedSchedule(item: Json): Json {
  return {
    schedule: normalizeScheduleObject(item.schedule as Json),
    active: item.active ?? true,
    parameters: item.parameters ?? {},
    slug: item.slug ?? null,
  };
}

/** Anchors compared as instants (the server re-serializes them); every other field exactly. */
function normalizeScheduleObject(schedule: Json): Json {
  const out: Json = { ...schedule };
  if (typeof out.anchor_date === 'string') out.anchor_date = new Date(out.anchor_date).toISOString();
  // The server fills the defaults of a cron schedule.
  if ('cron' in out) out.day_or ??= true;
  return out;
}

const bySortKey = (a: Json, b: Json): number => JSON.stringify(a).localeCompare(JSON.stringify(b));

interface Field {
  name: string;
  ours: (d: DesiredDeployment) => unknown;
  reference: (r: Registered) => unknown;
}

const direct = (name: string): Field => ({ name, ours: (d) => d.payload[name], reference: (r) => r.stored[name] });

/**
 * A deliberate difference: the reference sends (and the server stores) a missing description as the
 * text "None" (`str(None)`), which its next deploy sets to null; ours sends null from the start.
 * Only that text is read as null: ours sending "None" still fails.
 */
const withoutNoneDescription = (value: unknown): unknown => (value === 'None' ? null : value);

const FIELDS: Field[] = [
  direct('name'),
  { name: 'flow name', ours: (d) => d.flowName, reference: (r) => r.flowName },
  direct('entrypoint'),
  { name: 'description', ours: (d) => d.payload.description, reference: (r) => withoutNoneDescription(r.stored.description) },
  direct('version'),
  // The open-source server does not store version_info: compared with the body that was sent.
  { name: 'version_info', ours: (d) => d.payload.version_info, reference: (r) => r.sent.version_info },
  direct('tags'),
  direct('parameters'),
  direct('parameter_openapi_schema'),
  direct('job_variables'),
  direct('work_pool_name'),
  {
    // No queue sent: the server puts the deployment on the pool's default queue ("default" for a
    // pool created without one); the exact body test below checks that null was sent.
    name: 'work_queue_name',
    ours: (d) => d.payload.work_queue_name ?? 'default',
    reference: (r) => r.stored.work_queue_name,
  },
  direct('pull_steps'),
  direct('paused'),
  direct('enforce_parameter_schema'),
  {
    // The server turns a deployment concurrency limit into a global concurrency limit row.
    name: 'concurrency_limit',
    ours: (d) => d.payload.concurrency_limit,
    reference: (r) => (r.stored.global_concurrency_limit as Json | null)?.limit ?? r.stored.concurrency_limit ?? null,
  },
  {
    // Stored options always carry grace_period_seconds (null when not given).
    name: 'concurrency_options',
    ours: (d) => {
      const o = d.payload.concurrency_options as Json | null;
      return o === null ? null : { grace_period_seconds: null, ...o };
    },
    reference: (r) => r.stored.concurrency_options,
  },
  {
    // The server adds its own `prefect.flow.id` label.
    name: 'labels',
    ours: (d) => d.payload.labels,
    reference: (r) => {
      const { 'prefect.flow.id': _flowId, ...rest } = (r.stored.labels ?? {}) as Json;
      return rest;
    },
  },
  {
    name: 'schedules',
    ours: (d) => (d.payload.schedules as Json[]).map(plannedSchedule).sort(bySortKey),
    reference: (r) => (r.stored.schedules as Json[]).map(storedSchedule).sort(bySortKey),
  },
];

/** Whether a value still holds a step-output placeholder our offline plan deferred. */
function holdsDeferred(value: unknown, d: DesiredDeployment): boolean {
  const text = JSON.stringify(value) ?? '';
  return d.deferred.some((p) => text.includes(p));
}

function formatDiagnostics(plan: Plan): string {
  return plan.diagnostics.map((d) => `${d.severity}: ${d.file}:${d.line ?? '?'} ${d.deployment ?? ''} ${d.message}`).join('\n');
}

// ---------------------------------------------------------------------------------------------

const cleanups: (() => void)[] = [];
let proxy: RecordingProxy;

beforeAll(async () => {
  proxy = await startRecordingProxy(serverUrl);
});

afterAll(async () => {
  await proxy?.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe.each(PROJECTS.map((p) => [p.title, p] as const))('%s: our payloads vs what prefect deploy registers', (_title, project) => {
  let result: ProjectRun;

  beforeAll(async () => {
    result = await prepare(project, proxy);
  }, 300_000);

  it('plans without errors', () => {
    expect(hasErrors(result.plan.diagnostics), formatDiagnostics(result.plan)).toBe(false);
    if (result.planWithOutputs) expect(hasErrors(result.planWithOutputs.diagnostics), formatDiagnostics(result.planWithOutputs)).toBe(false);
  });

  it('registers the same deployments', () => {
    const ours = result.plan.deployments.map((d) => key(d.flowName, d.name)).sort();
    expect(ours, `prefect deploy output:\n${tail(result.referenceLog)}`).toEqual([...result.reference.keys()].sort());
  });

  it.each(FIELDS.map((f) => [f.name, f] as const))('%s', (_name, field) => {
    for (const d of result.plan.deployments) {
      const registered = result.reference.get(key(d.flowName, d.name));
      if (!registered) continue; // reported by "registers the same deployments"
      const label = `${key(d.flowName, d.name)} ${field.name}`;
      const offline = field.ours(d);
      if (holdsDeferred(offline, d)) {
        // Offline the placeholder is kept; with the build step's outputs the value must match.
        const withOutputs = result.planWithOutputs?.deployments.find((x) => x.index === d.index);
        expect.soft(withOutputs, `${label}: depends on step outputs, but the project gives none`).toBeDefined();
        if (withOutputs) expect.soft(field.ours(withOutputs), `${label} (with step outputs)`).toEqual(field.reference(registered));
      } else {
        expect.soft(offline, label).toEqual(field.reference(registered));
      }
    }
  });

  it('sends the same POST /deployments/ body (with the step outputs, where there are steps)', () => {
    const plan = result.planWithOutputs ?? result.plan;
    for (const d of plan.deployments) {
      const registered = result.reference.get(key(d.flowName, d.name));
      if (!registered) continue;
      const { flow_id: _flowId, ...sent } = registered.sent;
      expect.soft(d.payload, key(d.flowName, d.name)).toEqual({ ...sent, description: withoutNoneDescription(sent.description) });
    }
  });
});

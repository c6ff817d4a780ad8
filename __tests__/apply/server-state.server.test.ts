/**
 * Differential test of the whole deploy: `prefect-deploy deploy --all` must leave the Prefect server
 * in exactly the state `prefect --no-prompt deploy --all` (prefect 3.9.1) leaves it, on the create
 * path and on the update path.
 *
 * Per project: ours creates → snapshot → delete → the reference creates → snapshot → compare; then,
 * over the reference's state, ours again (expected to write nothing, but the "None" description the
 * reference stores for a flow without one) → snapshot → the reference again (its update path) →
 * snapshot → compare. Then ours alone: from scratch, and again unchanged, which must write nothing. A snapshot is every deployment on the server with its schedules, the
 * automations related to it and its flow record.
 *
 * The file runs its own server: `reference-payload.test.ts` registers the same projects (same flow
 * and deployment names) on the suite's shared server in parallel, and this test deletes and
 * re-creates them.
 *
 * A mismatch here is a bug in our engine (or a gap to report), not in the test's expectations.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { deploy } from '../../src/core/apply/index.js';
import type { StepOutputs } from '../../src/core/templating/index.js';
import { PrefectClient, prefectTemplateSources } from '../../src/prefect/index.js';
import { startPrefectServer, type PrefectServer } from '../setup/prefect-server.js';
import { startRecordingProxy, type RecordedRequest } from '../setup/recording-proxy.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const fixtures = path.join(here, '../fixtures/projects');
const python = inject('referencePython');
const prefectBin = path.join(path.dirname(python), 'prefect');

type Json = Record<string, unknown>;

// An inline project (triggers-event and triggers-composite are fixtures): automations (event, proactive, compound;
// named, described, disabled; parameters and job variables), interval schedules without an anchor
// (both sides anchor them at their own "now"), and a flow without a description.
const TRIGGERS_FLOWS = `from prefect import flow


@flow(name="alerts-watch")
def watch(target: str = "db", retries: int = 1):
    """Watch a target and re-run on failure."""


@flow
def notify(channel: str):
    pass
`;

const TRIGGERS_YAML = `name: alerts
prefect-version: 3.9.1

deployments:
  - name: watcher
    entrypoint: flows/alerts.py:watch
    tags: [alerts]
    schedules:
      - interval: 600
        slug: ten-minutes
    triggers:
      - name: rerun-on-failure
        description: Re-run when a run fails
        expect: [prefect.flow-run.Failed]
        match_related: {prefect.resource.id: "prefect.flow.*"}
        parameters: {target: "{{ event.resource.name }}"}
        job_variables: {env: {RETRY: "1"}}
        schedule_after: 60
      - enabled: false
        posture: Proactive
        expect: [prefect.flow-run.Completed]
        within: 3600
        for_each: [prefect.resource.id]
      - require: any
        within: 600
        triggers:
          - expect: [acme.alert.raised]
          - expect: [acme.alert.escalated]
            match: {acme.severity: high}
    work_pool:
      name: triggers-pool

  - name: notifier
    entrypoint: flows/alerts.py:notify
    parameters: {channel: ops}
    schedules:
      - interval: 3600
    triggers:
      - expect: [prefect.flow-run.Crashed]
    work_pool:
      name: triggers-pool
`;

interface ProjectCase {
  title: string;
  /** A directory to copy, or the files of an inline project. */
  source: string | Record<string, string>;
  /** A git checkout with one commit and this origin, so version_info inference is exercised; null: none. */
  gitRemote: string | null;
  env: Record<string, string>;
  workPools: string[];
  secrets?: Record<string, string>;
  variables?: Record<string, unknown>;
  /**
   * Modules the reference venv lacks (its fallback loader is used for files importing them). The CLI
   * has no flag for this, so such a project is deployed through `deploy()`.
   */
  unavailableModules?: string[];
  /** What the build steps produce; the CLI cannot run steps yet, so such a project goes through `deploy()`. */
  stepOutputs?: StepOutputs;
  /**
   * `flow/name` of deployments whose flow has no description. A deliberate difference: the
   * reference creates them with the text "None" (and its re-deploys set null), ours with null; so
   * the create paths differ there, and our re-deploy over the reference's state updates `description`.
   */
  withoutDescription: string[];
  /**
   * `flow/name` of deployments with a Secret block in their job variables. A deliberate difference:
   * ours stores the `{{ prefect.blocks.secret.… }}` reference there (the worker resolves it), the
   * reference the value; so our re-deploy over the reference's state updates `job_variables`, and
   * snapshots compare job variables with each secret value written back as its reference.
   */
  secretJobVariables?: string[];
}

const PROJECTS: ProjectCase[] = [
  {
    title: 'examples/local-etl',
    source: path.join(repoRoot, 'examples/local-etl'),
    gitRemote: 'https://github.com/acme/etl.git',
    env: { IMAGE_TAG: 'v7' },
    workPools: ['k8s-prod'],
    unavailableModules: ['pandas'],
    withoutDescription: [],
  },
  {
    title: 'templated',
    source: path.join(fixtures, 'templated'),
    gitRemote: 'https://github.com/acme/templated.git',
    env: { TEAM: 'data', BRANCH: 'release' },
    workPools: ['templated-pool'],
    secrets: { 'templated-gh-token': 'gh-s3cret', 'templated-api-token': 'api-s3cret' },
    variables: { templated_owner: 'ops@acme.test', templated_replicas: 3 },
    // The build step `run_shell_script` with `id: v` runs `echo 1.2.3`.
    stepOutputs: { v: { stdout: '1.2.3', stderr: '' }, stdout: '1.2.3', stderr: '' },
    withoutDescription: [],
    secretJobVariables: ['build-report/report-data'],
  },
  {
    title: 'pulls',
    source: path.join(fixtures, 'pulls'),
    gitRemote: 'git@github.com:acme/pulls.git',
    env: { BRANCH: 'main' },
    workPools: ['pulls-pool'],
    secrets: { 'pulls-token': 'pulls-s3cret' },
    withoutDescription: ['other-sync/image-pull'],
  },
  {
    title: 'options',
    source: path.join(fixtures, 'options'),
    gitRemote: null,
    env: { SCHEDULE_TZ: 'America/Chicago' },
    workPools: ['options-pool'],
    withoutDescription: [],
  },
  {
    title: 'triggers (inline)',
    source: { 'flows/alerts.py': TRIGGERS_FLOWS, 'prefect.yaml': TRIGGERS_YAML },
    gitRemote: 'https://github.com/acme/alerts.git',
    env: {},
    workPools: ['triggers-pool'],
    withoutDescription: ['notify/notifier'],
  },
  { title: 'anchors', source: path.join(fixtures, 'anchors'), gitRemote: 'https://github.com/acme/anchors.git', env: {}, workPools: ['anchors-pool'], withoutDescription: [] },
  { title: 'cron-forms', source: path.join(fixtures, 'cron-forms'), gitRemote: null, env: {}, workPools: ['cron-pool'], withoutDescription: [] },
  { title: 'interval-forms', source: path.join(fixtures, 'interval-forms'), gitRemote: null, env: {}, workPools: ['interval-pool'], withoutDescription: [] },
  { title: 'rrule-forms', source: path.join(fixtures, 'rrule-forms'), gitRemote: 'https://gitlab.com/acme/rrule-forms.git', env: {}, workPools: ['rrule-pool'], withoutDescription: [] },
  { title: 'params', source: path.join(fixtures, 'params'), gitRemote: null, env: {}, workPools: ['params-pool'], withoutDescription: [] },
  {
    title: 'triggers-event',
    source: path.join(fixtures, 'triggers-event'),
    gitRemote: 'https://github.com/acme/triggers-event.git',
    env: {},
    workPools: ['trig-event-pool'],
    withoutDescription: [],
  },
  {
    title: 'triggers-composite',
    source: path.join(fixtures, 'triggers-composite'),
    gitRemote: null,
    env: {},
    workPools: ['trig-comp-pool'],
    withoutDescription: ['composite-watch/nested', 'composite-watch/composites'],
  },
  { title: 'concurrency', source: path.join(fixtures, 'concurrency'), gitRemote: null, env: {}, workPools: ['conc-pool'], withoutDescription: [] },
  {
    title: 'env-templates',
    source: path.join(fixtures, 'env-templates'),
    gitRemote: 'https://github.com/acme/env-templates.git',
    env: { APP: 'shop', STAGE: 'prod', APP_VERSION: '3.2.1', CRON: '0 6 * * 1-5', TZ_NAME: 'Europe/Vienna', POOL: 'env-pool' },
    workPools: ['env-pool'],
    withoutDescription: [],
  },
  {
    title: 'vars-blocks',
    source: path.join(fixtures, 'vars-blocks'),
    gitRemote: null,
    env: {},
    workPools: ['vb-pool'],
    secrets: { 'vb-token': 'vb-s3cret', 'vb-db-password': 'hunter2' },
    variables: {
      vb_repo: 'https://github.com/acme/vb.git',
      vb_owner: 'ana@acme.test',
      vb_team: 'core',
      vb_size: 12,
      vb_settings: { retries: 3, mode: 'x', nested: { a: [1, 2] } },
      vb_regions: ['eu', 'us'],
    },
    withoutDescription: [],
    secretJobVariables: ['vars-blocks/from-variables'],
  },
  // The CLI runs the build/push steps (`echo`) itself.
  { title: 'step-overrides', source: path.join(fixtures, 'step-overrides'), gitRemote: null, env: {}, workPools: ['steps-pool'], withoutDescription: [] },
  { title: 'pull-forms', source: path.join(fixtures, 'pull-forms'), gitRemote: null, env: { PF_DIR: 'app' }, workPools: ['pullforms-pool'], withoutDescription: [] },
  { title: 'pull-inherit', source: path.join(fixtures, 'pull-inherit'), gitRemote: 'https://github.com/acme/inherit.git', env: {}, workPools: ['pullinherit-pool'], withoutDescription: [] },
  { title: 'job-vars', source: path.join(fixtures, 'job-vars'), gitRemote: null, env: {}, workPools: ['jobvars-pool'], withoutDescription: [] },
  { title: 'tags-version', source: path.join(fixtures, 'tags-version'), gitRemote: 'https://github.com/acme/tags-version.git', env: {}, workPools: ['tv-pool'], withoutDescription: [] },
  { title: 'module-path', source: path.join(fixtures, 'module-path'), gitRemote: null, env: {}, workPools: ['module-pool'], withoutDescription: [] },
  {
    title: 'missing-imports',
    source: path.join(fixtures, 'missing-imports'),
    gitRemote: null,
    env: {},
    workPools: ['missing-pool'],
    unavailableModules: ['pandas', 'boto3', 'numpy'],
    withoutDescription: ['missing-upload/uploads'],
  },
  { title: 'yaml-values', source: path.join(fixtures, 'yaml-values'), gitRemote: null, env: {}, workPools: ['values-pool'], withoutDescription: [] },
  { title: 'names-unicode', source: path.join(fixtures, 'names-unicode'), gitRemote: null, env: {}, workPools: ['names-pool'], withoutDescription: ['bare/bare'] },
];

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

/**
 * The free-form JSON fields keep what was sent: a float the server stored (`1.0`) reads as
 * `"1.0 (float)"` there, so an int sent for a float (or the reverse) is a difference.
 */
const FREE_FORM = ['parameters', 'job_variables', 'pull_steps'];
const withFloats = (text: string): unknown =>
  JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && context?.source !== undefined && /[.eE]/.test(context.source) ? `${context.source} (float)` : value,
  );

async function api(method: string, route: string, body?: unknown, alsoOk: number[] = [], floats = false): Promise<unknown> {
  const res = await fetch(`${server.apiUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status >= 300 && !alsoOk.includes(res.status)) throw new Error(`${method} ${route} -> ${res.status}: ${text}`);
  if (!text) return null;
  const value = JSON.parse(text) as unknown;
  if (floats && value !== null && typeof value === 'object') {
    const tagged = withFloats(text) as Json;
    for (const field of FREE_FORM) if (field in tagged) (value as Json)[field] = tagged[field];
  }
  return value;
}

async function seed(project: ProjectCase): Promise<void> {
  for (const name of project.workPools) await api('POST', '/work_pools/', { name, type: 'process' }, [409]);
  const secrets = Object.entries(project.secrets ?? {});
  if (secrets.length > 0) {
    const type = (await api('GET', '/block_types/slug/secret')) as Json;
    const schemas = (await api('POST', '/block_schemas/filter', { block_schemas: { block_type_id: { any_: [type.id] } } })) as Json[];
    const schema = schemas[0];
    if (!schema) throw new Error('the server has no block schema for the secret block type');
    for (const [name, value] of secrets) {
      await api('POST', '/block_documents/', { name, data: { value }, block_schema_id: schema.id, block_type_id: type.id }, [409]);
    }
  }
  for (const [name, value] of Object.entries(project.variables ?? {})) await api('POST', '/variables/', { name, value }, [409]);
}

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

/** Deletes every deployment, its automations and its flow, so the next deploy creates them again. */
async function clearServer(): Promise<void> {
  const all = (await api('POST', '/deployments/filter', { limit: 200 })) as Json[];
  const flows = new Set<string>();
  for (const d of all) {
    const id = String(d.id);
    await api('DELETE', `/automations/owned-by/prefect.deployment.${id}`, undefined, [404]);
    for (const a of (await api('GET', `/automations/related-to/prefect.deployment.${id}`)) as Json[]) {
      await api('DELETE', `/automations/${String(a.id)}`, undefined, [404]);
    }
    await api('DELETE', `/deployments/${id}`, undefined, [404]);
    flows.add(String(d.flow_id));
  }
  for (const flowId of flows) await api('DELETE', `/flows/${flowId}`, undefined, [404]);
  for (const a of (await api('POST', '/automations/filter', {})) as Json[]) await api('DELETE', `/automations/${String(a.id)}`, undefined, [404]);
}

// ---------------------------------------------------------------------------------------------
// Normalization: only what legitimately differs between two creations.

/** The start and end of a deploy run: an unconfigured interval anchor is "now" within one. */
interface RunWindow {
  start: number;
  end: number;
}

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
  const {
    id: _id,
    created: _created,
    updated: _updated,
    flow_id: _flowId,
    last_polled: _lastPolled,
    status: _status,
    ...deployment
  } = state.deployment;
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

interface Workspace {
  dir: string;
  env: Record<string, string>;
}

async function git(dir: string, env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  return stdout.trim();
}

async function prepare(project: ProjectCase): Promise<Workspace> {
  const root = mkdtempSync(path.join(tmpdir(), 'server-state-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const source = project.source;
  // The directory name shows in default pull steps; keep the project's.
  const dir = path.join(realpathSync(root), typeof source === 'string' ? path.basename(source) : 'alerts');
  if (typeof source === 'string') {
    cpSync(source, dir, { recursive: true });
  } else {
    for (const [file, text] of Object.entries(source)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  }
  const home = path.join(root, 'home');
  mkdirSync(home);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    PREFECT_HOME: path.join(home, '.prefect'),
    PREFECT_API_URL: server.apiUrl,
    ...project.env,
  };
  if (project.gitRemote) {
    const gitEnv = { ...env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.test', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.test' };
    await git(dir, gitEnv, 'init', '-q', '-b', 'main');
    await git(dir, gitEnv, 'add', '-A');
    await git(dir, gitEnv, 'commit', '-q', '-m', 'Import the project\n\nSecond paragraph.');
    await git(dir, gitEnv, 'remote', 'add', 'origin', project.gitRemote);
  }
  await seed(project);
  return { dir, env };
}

interface OurResult {
  /** `flow/name` → [action, changed fields] */
  actions: Map<string, [string, string[]]>;
  window: RunWindow;
}

/** Ours: the CLI, or `deploy()` when the project needs step outputs or unavailable modules; `apiUrl`: a proxy's, to see the requests. */
async function ours(project: ProjectCase, ws: Workspace, apiUrl = server.apiUrl): Promise<OurResult> {
  const start = Date.now();
  const actions = new Map<string, [string, string[]]>();
  if (project.stepOutputs || project.unavailableModules) {
    const client = new PrefectClient({ env: { ...ws.env, PREFECT_API_URL: apiUrl }, apiUrl });
    try {
      const result = await deploy({
        prefectFile: 'prefect.yaml',
        selection: { all: true, names: [] },
        cwd: ws.dir,
        env: ws.env,
        now: new Date(),
        client,
        sources: prefectTemplateSources(client),
        stepOutputs: project.stepOutputs,
        unavailableModules: project.unavailableModules,
      });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0 || result.outcomes.length === 0) throw new Error(`our deploy failed: ${JSON.stringify(errors)}`);
      for (const o of result.outcomes) actions.set(`${o.flowName}/${o.name}`, [o.action, o.changes.map((c) => c.field)]);
    } finally {
      client.close();
    }
  } else {
    let stdout = '';
    let stderr = '';
    const code = await main(['deploy', '--all', '--json'], {
      stdout: (t) => (stdout += `${t}\n`),
      stderr: (t) => (stderr += `${t}\n`),
      cwd: ws.dir,
      env: { ...ws.env, PREFECT_API_URL: apiUrl },
      now: () => new Date(),
    });
    if (code !== 0) throw new Error(`prefect-deploy deploy --all exited ${code}:\n${stdout}\n${stderr}`);
    const json = JSON.parse(stdout) as { deployments: { name: string; flow: string; action: string; changes: string[] }[] };
    for (const d of json.deployments) actions.set(`${d.flow}/${d.name}`, [d.action, d.changes]);
  }
  return { actions, window: { start, end: Date.now() } };
}

async function reference(ws: Workspace): Promise<RunWindow> {
  const start = Date.now();
  try {
    await run(prefectBin, ['--no-prompt', 'deploy', '--all'], { cwd: ws.dir, env: ws.env, encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    const tail = `${err.stdout ?? ''}\n${err.stderr ?? ''}`.trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(`prefect deploy --all failed in ${ws.dir}: ${err.message}\n${tail}`);
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
    const changed = (key: string): string[] => [
      ...(project.withoutDescription.includes(key) ? ['description'] : []),
      ...(project.secretJobVariables?.includes(key) ? ['job_variables'] : []),
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
      const first = await ours(project, ws, proxy.apiUrl);
      expect([...first.actions.values()].map(([action]) => action)).toEqual([...first.actions.values()].map(() => 'created'));
      expect(proxy.requests.filter(isWrite).length, 'the first deploy wrote nothing: the proxy does not see the requests').toBeGreaterThan(0);
      proxy.requests.length = 0;

      const second = await ours(project, ws, proxy.apiUrl);
      const writes = proxy.requests.filter(isWrite).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`);
      expect(writes).toEqual([]);
      expect(Object.fromEntries(second.actions)).toEqual(Object.fromEntries([...second.actions.keys()].map((key) => [key, ['unchanged', []]])));
    } finally {
      await proxy.close();
    }
  }, 300_000);
});

/**
 * The differential corpus: the projects every whole-deploy test registers (the reference comparison
 * in `server-state.server.test.ts`, the server releases in `compat/servers.compat.test.ts`), and the
 * helpers that lay one out, seed what it needs on a server and deploy it with ours.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { deploy } from '../../src/core/apply/index.js';
import type { StepOutputs } from '../../src/core/templating/index.js';
import { PrefectClient } from '../../src/prefect/index.js';
import { prefectTemplateSources } from '../../src/core/templating/index.js';
import { stepRunner } from '../../src/steps/index.js';
import { fillProject } from './temp-project.js';
import { serverText } from './server-api.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const fixtures = path.join(here, '../fixtures/projects');

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

export interface ProjectCase {
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

export const PROJECTS: ProjectCase[] = [
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
  {
    title: 'anchors',
    source: path.join(fixtures, 'anchors'),
    gitRemote: 'https://github.com/acme/anchors.git',
    env: {},
    workPools: ['anchors-pool'],
    withoutDescription: [],
  },
  { title: 'cron-forms', source: path.join(fixtures, 'cron-forms'), gitRemote: null, env: {}, workPools: ['cron-pool'], withoutDescription: [] },
  { title: 'interval-forms', source: path.join(fixtures, 'interval-forms'), gitRemote: null, env: {}, workPools: ['interval-pool'], withoutDescription: [] },
  {
    title: 'rrule-forms',
    source: path.join(fixtures, 'rrule-forms'),
    gitRemote: 'https://gitlab.com/acme/rrule-forms.git',
    env: {},
    workPools: ['rrule-pool'],
    withoutDescription: [],
  },
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
  {
    title: 'pull-inherit',
    source: path.join(fixtures, 'pull-inherit'),
    gitRemote: 'https://github.com/acme/inherit.git',
    env: {},
    workPools: ['pullinherit-pool'],
    withoutDescription: [],
  },
  { title: 'job-vars', source: path.join(fixtures, 'job-vars'), gitRemote: null, env: {}, workPools: ['jobvars-pool'], withoutDescription: [] },
  {
    title: 'tags-version',
    source: path.join(fixtures, 'tags-version'),
    gitRemote: 'https://github.com/acme/tags-version.git',
    env: {},
    workPools: ['tv-pool'],
    withoutDescription: [],
  },
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

/**
 * The free-form JSON fields keep what was sent: a float the server stored (`1.0`) reads as
 * `"1.0 (float)"` there, so an int sent for a float (or the reverse) is a difference.
 */
const FREE_FORM = ['parameters', 'job_variables', 'pull_steps'];
const withFloats = (text: string): unknown =>
  JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && context?.source !== undefined && /[.eE]/.test(context.source) ? `${context.source} (float)` : value,
  );

/**
 * One API call to the server at `apiUrl`; a status of 300 or more is an error unless listed.
 * `floats`: the free-form fields of the answer with floats told apart from ints (see `withFloats`).
 */
export async function api(apiUrl: string, method: string, route: string, body?: unknown, alsoOk: number[] = [], floats = false): Promise<unknown> {
  const text = await serverText(apiUrl, method, route, body, alsoOk);
  if (!text) return null;
  const value = JSON.parse(text) as unknown;
  if (floats && value !== null && typeof value === 'object') {
    const tagged = withFloats(text) as Record<string, unknown>;
    for (const field of FREE_FORM) if (field in tagged) (value as Record<string, unknown>)[field] = tagged[field];
  }
  return value;
}

/** The work pools, Secret blocks and variables a project needs. */
export async function seed(apiUrl: string, project: ProjectCase): Promise<void> {
  for (const name of project.workPools) await api(apiUrl, 'POST', '/work_pools/', { name, type: 'process' }, [409]);
  const secrets = Object.entries(project.secrets ?? {});
  if (secrets.length > 0) {
    const type = (await api(apiUrl, 'GET', '/block_types/slug/secret')) as Json;
    const schemas = (await api(apiUrl, 'POST', '/block_schemas/filter', { block_schemas: { block_type_id: { any_: [type.id] } } })) as Json[];
    const schema = schemas[0];
    if (!schema) throw new Error('the server has no block schema for the secret block type');
    for (const [name, value] of secrets) {
      await api(apiUrl, 'POST', '/block_documents/', { name, data: { value }, block_schema_id: schema.id, block_type_id: type.id }, [409]);
    }
  }
  for (const [name, value] of Object.entries(project.variables ?? {})) await api(apiUrl, 'POST', '/variables/', { name, value }, [409]);
}

/** Deletes every deployment, its automations and its flow, so the next deploy creates them again. */
export async function clearServer(apiUrl: string): Promise<void> {
  const all = (await api(apiUrl, 'POST', '/deployments/filter', { limit: 200 })) as Json[];
  const flows = new Set<string>();
  for (const d of all) {
    const id = String(d.id);
    await api(apiUrl, 'DELETE', `/automations/owned-by/prefect.deployment.${id}`, undefined, [404]);
    for (const a of (await api(apiUrl, 'GET', `/automations/related-to/prefect.deployment.${id}`)) as Json[]) {
      await api(apiUrl, 'DELETE', `/automations/${String(a.id)}`, undefined, [404]);
    }
    await api(apiUrl, 'DELETE', `/deployments/${id}`, undefined, [404]);
    flows.add(String(d.flow_id));
  }
  for (const flowId of flows) await api(apiUrl, 'DELETE', `/flows/${flowId}`, undefined, [404]);
  for (const a of (await api(apiUrl, 'POST', '/automations/filter', {})) as Json[]) await api(apiUrl, 'DELETE', `/automations/${String(a.id)}`, undefined, [404]);
}

/** The start and end of a deploy run: an unconfigured interval anchor is "now" within one. */
export interface RunWindow {
  start: number;
  end: number;
}

export interface Workspace {
  /** Removes the workspace. */
  cleanup: () => void;
  dir: string;
  env: Record<string, string>;
}

async function git(dir: string, env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  return stdout.trim();
}

/**
 * A copy of the project in a temporary directory (a git checkout when it has a remote), with a
 * home of its own and an environment whose PREFECT_API_URL is `apiUrl`. Both differential suites
 * (the server corpus and the reference payloads) run their projects here.
 */
export async function workspace(apiUrl: string, project: ProjectCase, prefix = 'server-state-'): Promise<Workspace> {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  const source = project.source;
  // The directory name shows in default pull steps; keep the project's.
  const dir = fillProject(path.join(realpathSync(root), typeof source === 'string' ? path.basename(source) : 'alerts'), source);
  const home = path.join(root, 'home');
  mkdirSync(home);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    PREFECT_HOME: path.join(home, '.prefect'),
    PREFECT_API_URL: apiUrl,
    ...project.env,
  };
  if (project.gitRemote) {
    const gitEnv = { ...env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.test', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.test' };
    await git(dir, gitEnv, 'init', '-q', '-b', 'main');
    await git(dir, gitEnv, 'add', '-A');
    await git(dir, gitEnv, 'commit', '-q', '-m', 'Import the project\n\nSecond paragraph.');
    await git(dir, gitEnv, 'remote', 'add', 'origin', project.gitRemote);
  }
  return { dir, env, cleanup };
}

/** The project's workspace, seeded on the server. */
export async function prepare(apiUrl: string, project: ProjectCase): Promise<Workspace> {
  const ws = await workspace(apiUrl, project);
  await seed(apiUrl, project);
  return ws;
}

export interface OurResult {
  /** `flow/name` → [action, changed fields] */
  actions: Map<string, [string, string[]]>;
  window: RunWindow;
}

/** Ours: the CLI, or `deploy()` when the project needs step outputs or unavailable modules. */
/** `apiUrl` may be a proxy's in front of the workspace's server, to see the requests. */
export async function ours(apiUrl: string, project: ProjectCase, ws: Workspace): Promise<OurResult> {
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
        stepRunner,
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

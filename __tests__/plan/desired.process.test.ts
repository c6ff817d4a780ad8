import { execFileSync } from 'node:child_process';
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlan, type Plan } from '../../src/core/plan/index.js';
import { formatDiagnostic } from '../../src/core/diagnostics.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';

const FLOW = `from prefect import flow

@flow
def my_flow(x: int = 1):
    """Adds things.

    Args:
        x: how many
    """

@flow(name="named", version="7.0")
def versioned():
    pass

def plain():
    pass
`;

afterEach(removeTempProjects);

const project = (yaml: string): string => tempProject({ 'flows/f.py': FLOW, 'prefect.yaml': yaml }, 'plan-');

const noGit = async () => {
  throw new Error('not a git repository');
};

async function plan(yaml: string, env: Record<string, string> = {}, names: string[] = []): Promise<{ plan: Plan; dir: string }> {
  const dir = project(yaml);
  const result = await createPlan({
    prefectFile: 'prefect.yaml',
    selection: { all: names.length === 0, names },
    cwd: dir,
    env,
    now: new Date('2026-11-22T12:00:00Z'),
    git: noGit,
  });
  return { plan: result, dir };
}

const one = async (deployment: string, top = '', env: Record<string, string> = {}) => {
  const { plan: p, dir } = await plan(`${top}\ndeployments:\n${deployment}`, env);
  const errors = p.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  expect(errors).toEqual([]);
  return { d: p.deployments[0]!, dir, diagnostics: p.diagnostics };
};

describe('the create payload', () => {
  it('sends null, not the text "None" the reference sends, for a flow without a docstring (a re-deploy would set it to null)', async () => {
    const { d } = await one('  - name: a\n    entrypoint: flows/f.py:versioned\n    work_pool: {name: pool}\n');
    expect(d.payload).toHaveProperty('description', null);
    expect(d.description).toBeNull();
  });

  it('has every key of POST /deployments/ (minus flow_id) in the reference order, with the reference defaults', async () => {
    const { d } = await one('  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: pool}\n');
    expect(Object.keys(d.payload)).toEqual([
      'name',
      'paused',
      'schedules',
      'concurrency_limit',
      'concurrency_options',
      'enforce_parameter_schema',
      'parameter_openapi_schema',
      'parameters',
      'tags',
      'labels',
      'pull_steps',
      'work_queue_name',
      'work_pool_name',
      'storage_document_id',
      'infrastructure_document_id',
      'description',
      'path',
      'entrypoint',
      'job_variables',
      'version',
      'version_info',
    ]);
    expect(d.payload).toMatchObject({
      name: 'a',
      paused: false,
      schedules: [],
      concurrency_limit: null,
      concurrency_options: null,
      enforce_parameter_schema: true,
      parameters: {},
      tags: [],
      labels: {},
      work_queue_name: null,
      work_pool_name: 'pool',
      storage_document_id: null,
      infrastructure_document_id: null,
      description: 'Adds things.\n\nArgs:\n    x: how many',
      path: null,
      entrypoint: 'flows/f.py:my_flow',
      job_variables: {},
    });
    expect(d.flowName).toBe('my-flow');
  });

  it('takes the version from the decorator, else the MD5 of the flow file, and records prefect:simple without git', async () => {
    const { d } = await one('  - name: a\n    entrypoint: flows/f.py:versioned\n    work_pool: {name: p}\n');
    expect(d.payload.version).toBe('7.0');
    expect(d.payload.version_info).toEqual({ type: 'prefect:simple', version: '7.0' });
    const { d: d2 } = await one('  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n');
    expect(d2.payload.version).toMatch(/^[0-9a-f]{32}$/);
  });

  it('replaces a flow version with the commit of the CI provider, but keeps a configured one', async () => {
    const env = { GITHUB_SHA: 'abcdef0123456789', GITHUB_REF_NAME: 'main', GITHUB_REPOSITORY: 'acme/etl', GITHUB_SERVER_URL: 'https://github.com' };
    const dir = project(
      'deployments:\n  - name: a\n    entrypoint: flows/f.py:versioned\n    work_pool: {name: p}\n  - name: b\n    version: "2.0"\n    entrypoint: flows/f.py:versioned\n    work_pool: {name: p}\n',
    );
    const git = async (args: string[]) => {
      if (args[0] === 'log') return 'Fix loader\n\nlong text';
      throw new Error('unexpected');
    };
    const p = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env, git });
    expect(p.deployments.map((d) => d.payload.version)).toEqual(['abcdef01', '2.0']);
    expect(p.deployments[0]!.payload.version_info).toEqual({
      type: 'vcs:github',
      version: 'abcdef01',
      commit_sha: 'abcdef0123456789',
      message: 'Fix loader',
      branch: 'main',
      repository: 'acme/etl',
      url: 'https://github.com/acme/etl/tree/abcdef0123456789',
    });
    expect(p.deployments[1]!.payload.version_info).toMatchObject({ type: 'vcs:github', version: '2.0' });
  });

  it('infers vcs:git from a real checkout', async () => {
    const dir = project('deployments:\n  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n');
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } })
        .toString()
        .trim();
    git('init', '-q', '-b', 'trunk');
    git('remote', 'add', 'origin', 'git@github.com:acme/etl.git');
    git('add', '.');
    git('commit', '-qm', 'First line\n\nbody');
    const sha = git('rev-parse', 'HEAD');
    const p = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env: {} });
    expect(p.deployments[0]!.payload.version_info).toEqual({
      type: 'vcs:git',
      version: sha.slice(0, 8),
      commit_sha: sha,
      message: 'First line',
      branch: 'trunk',
      repository: 'git@github.com:acme/etl',
      url: 'git@github.com:acme/etl.git',
    });
  });

  it('normalizes tags, the mapping form of concurrency_limit, paused and a .py name', async () => {
    const { d } = await one(
      '  - name: etl.py\n    entrypoint: flows/f.py:my_flow\n    tags: [a, 1, " ", true]\n    paused: true\n    enforce_parameter_schema: false\n    concurrency_limit: {limit: 2, collision_strategy: CANCEL_NEW}\n    work_pool: {name: p}\n',
    );
    expect(d.payload).toMatchObject({
      name: 'etl',
      tags: ['a', '1', 'True'],
      paused: true,
      enforce_parameter_schema: false,
      concurrency_limit: 2,
      concurrency_options: { collision_strategy: 'CANCEL_NEW' },
    });
  });
});

describe('templating passes in the reference order', () => {
  it('renders env placeholders early and keeps step-output placeholders for the steps to fill', async () => {
    const top = 'build:\n  - prefect.deployments.steps.run_shell_script:\n      id: sha\n      script: git rev-parse --short HEAD\n';
    const { d } = await one(
      '  - name: "etl-{{ $TEAM }}"\n    entrypoint: flows/f.py:my_flow\n    version: "{{ sha.stdout }}"\n    tags: ["{{ $TEAM }}", "{{ sha.stdout }}"]\n    work_pool:\n      name: p\n      job_variables: {image: "img:{{ sha.stdout }}", home: "{{ HOME_DIR }}", gone: "{{ nothing.here }}"}\n',
      top,
      { TEAM: 'data', HOME_DIR: '/home/x' },
    );
    expect(d.name).toBe('etl-data');
    // 3.9.1 keeps unresolved list items in the early env pass (the spec's §2.8 A.4 note predates that).
    expect(d.payload.tags).toEqual(['data', '{{ sha.stdout }}']);
    expect(d.payload.version).toBe('{{ sha.stdout }}');
    expect(d.payload.job_variables).toEqual({ image: 'img:{{ sha.stdout }}', home: '/home/x' });
    expect(d.deferred).toEqual(['{{ sha.stdout }}']);
  });

  it('keeps block and variable references unresolved offline, and ctx placeholders always', async () => {
    const { d } = await one(
      '  - name: a\n    entrypoint: flows/f.py:my_flow\n    parameters: {token: "{{ prefect.blocks.secret.tok }}", who: "{{ prefect.variables.owner }}", run: "{{ ctx.flow_run.id }}"}\n    work_pool: {name: p}\n',
      'pull:\n  - prefect.deployments.steps.git_clone:\n      repository: https://x/y.git\n      access_token: "{{ prefect.blocks.secret.gh }}"\n',
    );
    expect(d.payload.parameters).toEqual({ token: '{{ prefect.blocks.secret.tok }}', who: '{{ prefect.variables.owner }}', run: '{{ ctx.flow_run.id }}' });
    expect(d.payload.pull_steps).toEqual([{ 'prefect.deployments.steps.git_clone': { repository: 'https://x/y.git', access_token: '{{ prefect.blocks.secret.gh }}' } }]);
    expect(d.unresolved.map((u) => ('placeholder' in u ? u.placeholder : u.blockDocumentId))).toEqual(
      expect.arrayContaining(['{{ prefect.blocks.secret.tok }}', '{{ prefect.variables.owner }}']),
    );
  });
});

describe('pull steps (§1.6, §5.4)', () => {
  const dep = (extra = '') => `  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p${extra}}\n`;

  it('defaults to the real path of the working directory', async () => {
    const { d, dir } = await one(dep());
    expect(d.payload.pull_steps).toEqual([{ 'prefect.deployments.steps.set_working_directory': { directory: realpathSync(dir) } }]);
  });

  it('uses /opt/prefect when the job variables name an image', async () => {
    const { d } = await one(dep(', job_variables: {image: "x:1"}'));
    expect(d.payload.pull_steps).toEqual([{ 'prefect.deployments.steps.set_working_directory': { directory: '/opt/prefect' } }]);
  });

  it('follows a Docker build: /opt/prefect/<dir> for dockerfile auto, nothing for a custom Dockerfile', async () => {
    const build = (dockerfile: string) => `build:\n  - prefect_docker.deployments.steps.build_docker_image:\n      image_name: acme/x\n      dockerfile: ${dockerfile}\n`;
    const { d, dir } = await one(dep(), build('auto'));
    expect(d.payload.pull_steps).toEqual([{ 'prefect.deployments.steps.set_working_directory': { directory: `/opt/prefect/${path.basename(dir)}` } }]);
    const { d: custom } = await one(dep(), build('Dockerfile'));
    expect(custom.payload.pull_steps).toEqual([]);
    expect(custom.pullStepsNull).toBe(true);
  });

  it('is disabled by a deployment-level pull: [] even with a top-level pull, and inherited otherwise', async () => {
    const top = 'pull:\n  - prefect.deployments.steps.set_working_directory: {directory: /top}\n';
    const { d } = await one(`${dep()}    pull: []\n`, top);
    expect(d.payload.pull_steps).toEqual([]);
    const { d: inherited } = await one(`${dep()}    pull: null\n`, top);
    expect(inherited.payload.pull_steps).toEqual([{ 'prefect.deployments.steps.set_working_directory': { directory: '/top' } }]);
  });
});

describe('problems', () => {
  it('reports every problem of every selected deployment together, each with its position', async () => {
    const { plan: p } = await plan(
      'deployments:\n  - name: a\n    work_pool: {name: p}\n  - name: b\n    entrypoint: flows/f.py:plain\n  - name: c\n    entrypoint: flows/missing.py:f\n    work_pool: {name: p}\n  - name: d\n    entrypoint: flows/f.py:nope\n    work_pool: {name: p}\n',
    );
    const lines = p.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(lines).toEqual([
      expect.stringMatching(/^prefect\.yaml:2:5: deployment "a": no entrypoint/),
      expect.stringMatching(/^flows\/f\.py:15:1: deployment "b": entrypoint "flows\/f\.py:plain": Function with name 'plain' is not a flow/),
      expect.stringMatching(/^prefect\.yaml:4:5: deployment "b": no work pool/),
      expect.stringMatching(/^prefect\.yaml:7:17: deployment "c": entrypoint "flows\/missing\.py:f": /),
      expect.stringMatching(/deployment "d": entrypoint "flows\/f\.py:nope": /),
    ]);
  });

  it('rejects two deployments that register the same flow and name', async () => {
    const { plan: p } = await plan(
      'deployments:\n  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: q}\n',
    );
    expect(p.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^prefect\.yaml:5:11: deployment "a": deployment "my-flow\/a" is also defined by deployment a/),
    ]);
  });

  it('reports an invalid schedule with the deployment and position', async () => {
    const { plan: p } = await plan(
      'deployments:\n  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n    schedules:\n      - cron: "61 * * * *"\n',
    );
    const errors = p.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(errors).toEqual([expect.stringMatching(/^prefect\.yaml:6:\d+: deployment "a": schedules\[0\]\.cron: Invalid cron string/)]);
  });

  it('names the key path of every schedule the server model rejects, and the key inside RRule JSON', async () => {
    const { plan: p } = await plan(
      'deployments:\n  - name: etl\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n    schedules:\n      - interval: -5\n      - rrule: \'{"rrule": "FREQ=DAILY", "foo": 1}\'\n      - cron: "0 2 * * *"\n        active: sometimes\n',
    );
    expect(p.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      'prefect.yaml:6:19: deployment "etl": schedules[0].interval: Input should be greater than 0 seconds',
      'prefect.yaml:7:16: deployment "etl": schedules[1].rrule: extra key "foo" in the RRule JSON not permitted (remove it; allowed: rrule, timezone)',
      expect.stringMatching(/^prefect\.yaml:9:17: deployment "etl": schedules\[2\]\.active: active must be able to be parsed as a boolean/),
    ]);
  });
});

describe('prefect deploy flags (§1.8)', () => {
  const yaml =
    'deployments:\n  - name: a\n    entrypoint: flows/f.py:my_flow\n    tags: [yaml]\n    parameters: {x: 1}\n    schedules:\n      - interval: 60\n    work_pool:\n      name: yaml-pool\n      job_variables: {image: "{{ image }}", cpu: 1}\n';
  const planWith = async (options: Parameters<typeof createPlan>[0]['options'], env: Record<string, string> = {}, text = yaml) => {
    const dir = project(text);
    return createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env, now: new Date('2026-11-22T12:00:00Z'), git: noGit, options });
  };

  it('overrides pool, queue, tags, version and description; appends CLI schedules after the YAML ones; sets the timezone on all', async () => {
    const p = await planWith({
      workPoolName: 'cli-pool',
      workQueueName: 'q',
      tags: ['t1', 't2'],
      version: '9',
      description: 'from cli',
      cron: ['0 1 * * *'],
      rrule: ['FREQ=DAILY'],
      timezone: 'Europe/Berlin',
      anchorDate: '2026-01-01T00:00:00',
    });
    const payload = p.deployments[0]!.payload;
    expect(payload).toMatchObject({ work_pool_name: 'cli-pool', work_queue_name: 'q', tags: ['t1', 't2'], version: '9', description: 'from cli' });
    const schedules = (payload.schedules as { schedule: Record<string, unknown> }[]).map((s) => s.schedule);
    expect(schedules.map((s) => s.timezone)).toEqual(['Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin']);
    expect(schedules[0]).toMatchObject({ interval: 60, anchor_date: '2026-01-01T00:00:00Z' });
    expect(schedules[1]).toMatchObject({ cron: '0 1 * * *' });
    expect(schedules[2]).toMatchObject({ rrule: expect.stringContaining('FREQ=DAILY') });
  });

  it('--job-variable replaces the YAML job variables and feeds step-output placeholders', async () => {
    const p = await planWith({ jobVariables: ['image=repo/x:1', '{"memory": 512}'] });
    expect(p.deployments[0]!.payload.job_variables).toEqual({ image: 'repo/x:1', memory: 512 });
    const withPlaceholder = await planWith({ jobVariables: ['image=repo/x:2'] }, {}, yaml.replace('tags: [yaml]', 'tags: ["{{ image }}"]'));
    expect(withPlaceholder.deployments[0]!.payload.tags).toEqual(['repo/x:2']);
  });

  it('parses --param values as JSON when they are JSON and merges them into the parameters', async () => {
    const p = await planWith({ param: ['y=[1, 2]', 'z=plain text', 'x=2'] });
    expect(p.deployments[0]!.payload.parameters).toEqual({ x: 2, y: [1, 2], z: 'plain text' });
    const both = await planWith({ param: ['x=1'], params: '{"x": 2}' });
    expect(both.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/Can only pass one of `param` or `params` options/);
  });

  it('rejects a bad --job-variable and --collision-strategy with the reference messages', async () => {
    const p = await planWith({ jobVariables: ['[1, 2]'] });
    expect(p.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/Could not parse variable: "\[1, 2\]"/);
    const c = await planWith({ concurrencyLimit: 2, collisionStrategy: 'DROP' });
    expect(c.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/ENQUEUE or CANCEL_NEW/);
  });

  it('applies PREFECT_DEFAULT_WORK_POOL_NAME as --pool to one deployment, and only to empty pools of several', async () => {
    const single = await planWith(undefined, { PREFECT_DEFAULT_WORK_POOL_NAME: 'default-pool' });
    expect(single.deployments[0]!.payload.work_pool_name).toBe('default-pool');
    const two = `${yaml}  - name: b\n    entrypoint: flows/f.py:my_flow\n`;
    const several = await planWith({ tags: ['ignored'] }, { PREFECT_DEFAULT_WORK_POOL_NAME: 'default-pool' }, two);
    expect(several.deployments.map((d) => d.payload.work_pool_name)).toEqual(['yaml-pool', 'default-pool']);
    expect(several.deployments[0]!.payload.tags).toEqual(['yaml']);
    expect(several.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/deploy options are ignored when several deployments are selected/);
  });
});

describe('triggers and SLAs', () => {
  it('validates triggers before anything is written, naming the deployment and the position', async () => {
    const { plan: p } = await plan(
      'deployments:\n  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n    triggers:\n      - type: metric\n        metric: {name: lateness, threshold: 60, operator: ">", range: 60}\n',
    );
    const errors = p.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(errors).toEqual([expect.stringMatching(/^prefect\.yaml:7:\d+: deployment "a": triggers\[0\]\.metric\.range: must be at least 300 seconds/)]);
  });

  it('names automations after the deployment and keeps event templates in trigger parameters', async () => {
    const { d } = await one(
      '  - name: "etl-{{ $TEAM }}"\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n    triggers:\n      - expect: [prefect.flow-run.Completed]\n        parameters: {source: "{{ event.resource.id }}"}\n',
      '',
      { TEAM: 'ops' },
    );
    expect(d.triggers).toHaveLength(1);
    expect(d.triggers[0]!.name).toBe('etl-ops__automation_1');
    expect(d.triggers[0]!.parameters).toEqual({ source: '{{ event.resource.id }}' });
  });
});

describe('--trigger and --sla', () => {
  it('replace the YAML lists; a file contributes its list; bad text is reported', async () => {
    const dir = project('deployments:\n  - name: a\n    entrypoint: flows/f.py:my_flow\n    work_pool: {name: p}\n    triggers:\n      - expect: [yaml.event]\n');
    writeFileSync(path.join(dir, 'more.yaml'), 'triggers:\n  - expect: [file.event]\n    name: from-file\n');
    const plan = (options: Parameters<typeof createPlan>[0]['options']) =>
      createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env: {}, git: noGit, options });
    const p = await plan({ triggers: ['{"expect": ["cli.event"]}', 'more.yaml'] });
    expect(p.deployments[0]!.triggers.map((t) => [t.name, (t.trigger as { expect: string[] }).expect])).toEqual([
      ['a__automation_1', ['cli.event']],
      ['from-file', ['file.event']],
    ]);
    const bad = await plan({ triggers: ['{not json'] });
    expect(bad.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/Failed to parse trigger: \{not json\. Error: /);
    const slas = await plan({ sla: ['{"name": "late", "within": 600}'] });
    expect(slas.deployments[0]!.slas).toHaveLength(1);
  });
});

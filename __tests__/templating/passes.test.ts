import { describe, expect, it } from 'vitest';
import {
  mergeStepOutputs,
  offlineSources,
  resolveBeforeSteps,
  templateDeploymentWithStepOutputs,
  templatePullSteps,
  templateSchedules,
  templateStepInputs,
  templateTriggers,
  type BlockDocumentSource,
  type ResolveContext,
  type StepOutputs,
  type VariableSource,
} from '../../src/core/templating/index.js';

const blocks: BlockDocumentSource = {
  readByName: (slug, name) => Promise.resolve(slug === 'secret' && name === 'registry' ? { status: 'found', value: { value: 'ghcr.io/acme' } } : { status: 'missing' }),
  readById: () => Promise.resolve({ status: 'missing' }),
};
const variablesWith = (known: Record<string, unknown>): VariableSource => ({
  read: (name) => Promise.resolve(Object.hasOwn(known, name) ? { status: 'found', value: known[name] } : { status: 'missing' }),
});

// §2.10, as the orchestrator will drive it.
const buildSteps = [
  { 'prefect.deployments.steps.run_shell_script': { id: 'sha', script: 'git rev-parse --short HEAD' } },
  {
    'prefect_docker.deployments.steps.build_docker_image': {
      id: 'img',
      image_name: '{{ prefect.blocks.secret.registry }}/etl',
      tag: '{{ sha.stdout }}',
      dockerfile: 'auto',
    },
  },
];
const deployment = {
  name: 'etl-{{ $TEAM }}',
  entrypoint: 'flows/etl.py:etl',
  version: '{{ sha.stdout }}',
  tags: ['{{ $TEAM }}', '{{ sha.stdout }}'],
  work_pool: { name: 'k8s', job_variables: { image: '{{ img.image }}', owner: '{{ prefect.variables.owner }}' } },
};

async function workedExample(variables: VariableSource) {
  const env = { TEAM: 'data' };
  const ctx: ResolveContext = { blocks, variables, env };
  const early = await resolveBeforeSteps(deployment, ctx);

  // Fake step bodies: what run_shell_script / build_docker_image would return for these inputs.
  const stepInputs: Record<string, unknown>[] = [];
  let outputs: StepOutputs = {};
  for (const step of buildSteps) {
    const [fqn, raw] = Object.entries(step)[0] as [string, Record<string, unknown>];
    const { value: inputs, keywords } = await templateStepInputs(raw, outputs, ctx);
    stepInputs.push(inputs);
    const result = fqn.endsWith('run_shell_script')
      ? { stdout: 'abc1234', stderr: '' }
      : { image_name: inputs['image_name'], tag: inputs['tag'], image: `${String(inputs['image_name'])}:${String(inputs['tag'])}` };
    outputs = mergeStepOutputs(outputs, keywords.id, result);
  }
  const missing: string[] = [];
  const final = templateDeploymentWithStepOutputs(early.value, outputs, { env, onMissing: (p) => missing.push(p) });
  return { early: early.value, stepInputs, outputs, final, missing };
}

describe('§2.10 worked example through the passes', () => {
  it('registers etl-data with the step outputs applied', async () => {
    const { early, stepInputs, final, missing } = await workedExample(variablesWith({ owner: 'team-data' }));
    // A.4 with 3.9.1: the unresolved `sha.stdout` tag is kept (the spec's 3.x text says dropped).
    expect(early).toMatchObject({ name: 'etl-data', version: '{{ sha.stdout }}', tags: ['data', '{{ sha.stdout }}'] });
    expect(stepInputs).toEqual([{ script: 'git rev-parse --short HEAD' }, { image_name: 'ghcr.io/acme/etl', tag: 'abc1234', dockerfile: 'auto' }]);
    expect(final).toEqual({
      name: 'etl-data',
      entrypoint: 'flows/etl.py:etl',
      version: 'abc1234',
      tags: ['data', 'abc1234'],
      work_pool: { name: 'k8s', job_variables: { image: 'ghcr.io/acme/etl:abc1234', owner: 'team-data' } },
    });
    expect(missing).toEqual([]);
  });

  it('a missing variable becomes ""', async () => {
    const { final } = await workedExample(variablesWith({}));
    expect(final['work_pool']).toEqual({ name: 'k8s', job_variables: { image: 'ghcr.io/acme/etl:abc1234', owner: '' } });
  });

  it('offline, block and variable references stay and are listed', async () => {
    const result = await resolveBeforeSteps(
      { ...deployment, description: '{{ prefect.blocks.secret.registry }} {{ prefect.blocks.secret.registry }}' },
      { ...offlineSources(), env: { TEAM: 'data' } },
    );
    expect(result.value).toMatchObject({ name: 'etl-data', work_pool: { job_variables: { owner: '{{ prefect.variables.owner }}' } } });
    // Blocks are resolved before variables, so the block reference is met first; each is listed once.
    expect(result.unresolved).toEqual([
      { kind: 'block_document', placeholder: '{{ prefect.blocks.secret.registry }}', blockTypeSlug: 'secret', blockDocumentName: 'registry' },
      { kind: 'variable', placeholder: '{{ prefect.variables.owner }}', variableName: 'owner' },
    ]);
  });
});

describe('A.4: the early env pass', () => {
  it('renders env vars, looks standard names up in the env, keeps the rest', async () => {
    const { value } = await resolveBeforeSteps(
      { name: '{{ $POOL }}', a: '{{ HOME }}', b: 'x-{{ $UNSET }}', c: '{{ build.image }}', d: ['{{ ctx.flow_run.id }}'] },
      { ...offlineSources(), env: { POOL: 'prod', HOME: '/root' } },
    );
    expect(value).toEqual({ name: 'prod', a: '/root', b: 'x-{{ $UNSET }}', c: '{{ build.image }}', d: ['{{ ctx.flow_run.id }}'] });
  });
});

describe('A.10: deployment with step outputs', () => {
  it('removes missing keys with a warning, keeps ctx., blanks unset env, sets aside schema/schedules/triggers', () => {
    const missing: string[] = [];
    const config = {
      version: '{{ nope }}',
      description: 'built {{ nope }}',
      job: { run: '{{ ctx.flow_run.id }}', img: '{{ image }}', e: '{{ $UNSET }}' },
      parameter_openapi_schema: { x: '{{ image }}' },
      schedules: ['{{ image }}'],
      triggers: [{ enabled: '{{ image }}' }],
    };
    const out = templateDeploymentWithStepOutputs(config, { image: 'i:1' }, { env: {}, onMissing: (p) => missing.push(p) });
    expect(out).toEqual({
      description: 'built ',
      job: { run: '{{ ctx.flow_run.id }}', img: 'i:1', e: '' },
      parameter_openapi_schema: { x: '{{ image }}' },
      schedules: ['{{ image }}'],
      triggers: [{ enabled: '{{ image }}' }],
    });
    expect(missing).toEqual(['nope', '{{ nope }}', '{{ $UNSET }}']);
  });
});

describe('A.9 / A.11 / A.12', () => {
  const outputs = { on: true, cron: '0 * * * *', a: { id: 'x' } };

  it('schedules: missing items and keys removed', () => {
    expect(templateSchedules([{ cron: '{{ cron }}', timezone: '{{ tz }}' }, '{{ nothing }}'], outputs, { env: {} })).toEqual([{ cron: '0 * * * *' }]);
    expect(templateSchedules(null, outputs, { env: {} })).toBeNull();
  });

  it('triggers: parameters set aside, everything else templated without ctx. skip', () => {
    const specs = [
      { enabled: '{{ on }}', match: { 'prefect.resource.id': '{{ ctx.x }}' }, parameters: { id: '{{ event.resource.id }}', e: '{{ $HOME }}' } },
      { enabled: '{{ on }}', parameters: null },
    ];
    expect(templateTriggers(specs, outputs, { env: { HOME: '/h' } })).toEqual([
      { enabled: true, match: {}, parameters: { id: '{{ event.resource.id }}', e: '{{ $HOME }}' } },
      { enabled: true },
    ]);
  });

  it('pull steps: unknown kept, known typed, env rendered when set', () => {
    const pull = [
      {
        'prefect.deployments.steps.git_clone': {
          id: 'clone',
          repository: 'https://x/{{ $REPO }}.git',
          branch: '{{ $UNSET_BRANCH }}',
          access_token: '{{ prefect.blocks.secret.token }}',
          credentials: '{{ a }}',
          later: '{{ clone.directory }}',
          list: ['{{ clone.directory }}', '{{ on }}'],
        },
      },
    ];
    expect(templatePullSteps(pull, outputs, { env: { REPO: 'acme/etl' } })).toEqual([
      {
        'prefect.deployments.steps.git_clone': {
          id: 'clone',
          repository: 'https://x/acme/etl.git',
          branch: '{{ $UNSET_BRANCH }}',
          access_token: '{{ prefect.blocks.secret.token }}',
          credentials: { id: 'x' },
          later: '{{ clone.directory }}',
          list: ['{{ clone.directory }}', true],
        },
      },
    ]);
  });
});

describe('B: step inputs', () => {
  it('drops reserved keywords, omits missing whole-string inputs, resolves blocks/variables then env (second order)', async () => {
    const { value, keywords } = await templateStepInputs(
      {
        id: 'push',
        requires: 'prefect-docker',
        image: '{{ img.image }}',
        tag: '{{ missing }}',
        note: 'n-{{ missing }}',
        v: '{{ prefect.variables.tmpl }}',
        e: '{{ $UNSET }}',
      },
      { img: { image: 'i:1' } },
      { blocks, variables: variablesWith({ tmpl: '{{ $HOME }}/x' }), env: { HOME: '/h' } },
    );
    expect(keywords).toEqual({ id: 'push', requires: 'prefect-docker' });
    expect(value).toEqual({ image: 'i:1', note: 'n-', v: '/h/x', e: '' });
  });
});

describe('§2.9 mergeStepOutputs', () => {
  it.each([
    ['stored under id and merged flat', {}, 'img', { image: 'i' }, { img: { image: 'i' }, image: 'i' }],
    ['no id: merged flat only', { a: 1 }, undefined, { b: 2 }, { a: 1, b: 2 }],
    ['falsy id "" ignored', {}, '', { b: 2 }, { b: 2 }],
    ['last writer wins, a result key can overwrite a step id', { sha: { stdout: 'x' } }, 'other', { sha: 'flat' }, { sha: 'flat', other: { sha: 'flat' } }],
    ['non-mapping results ignored', { a: 1 }, 'x', ['not', 'a', 'mapping'], { a: 1 }],
    ['null result ignored', { a: 1 }, 'x', null, { a: 1 }],
  ] as const)('%s', (_label, outputs, id, result, expected) => {
    const before = structuredClone(outputs);
    expect(mergeStepOutputs(outputs, id, result)).toEqual(expected);
    expect(outputs).toEqual(before);
  });
});

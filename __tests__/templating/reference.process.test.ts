/**
 * Differential test: the reference's templating functions (Prefect in the project venv) and ours
 * over the same cases. The reference runs once, with every case as JSON on stdin.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyValues,
  findPlaceholders,
  getFromDict,
  mergeStepOutputs,
  NOTSET,
  PythonFloat,
  pythonStr,
  resolveBeforeSteps,
  resolveBlockDocumentReferences,
  resolveVariables,
  templateDeploymentWithStepOutputs,
  templateStepInputs,
  type BlockDocumentSource,
  type StepOutputs,
  type VariableSource,
} from '../../src/core/templating/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Case {
  op: 'apply' | 'find' | 'get' | 'str' | 'blocks' | 'variables' | 'deploy';
  template?: Json;
  values?: Json;
  keys?: string;
  remove_notset?: boolean;
  warn_on_notset?: boolean;
  skip_prefixes?: string[];
  env?: Record<string, string>;
  blocks?: Record<string, Json>;
  blocks_by_id?: Record<string, Json>;
  variables?: Record<string, Json>;
  /** deploy: the build steps run by the reference's run_steps, and what each step function returns. */
  build?: Json;
  step_results?: Record<string, Json>;
}

const f = (x: number | string): Json => ({ __float__: x });

// The YAML loader's timestamp stands in for Python's datetime.date.
class Timestamp {
  readonly isDateOnly = true;
  constructor(readonly text: string) {}
}

const WORKED_EXAMPLE_BUILD: Json = [
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
const WORKED_EXAMPLE_RESULTS: Record<string, Json> = {
  'prefect.deployments.steps.run_shell_script': { stdout: 'abc1234', stderr: '' },
  'prefect_docker.deployments.steps.build_docker_image': { image_name: '{image_name}', tag: '{tag}', image: '{image_name}:{tag}' },
};

const CASES: Case[] = [
  // Whole-string standard placeholders keep the value's type; missing -> NOTSET.
  { op: 'apply', template: '{{ a }}', values: { a: 1 } },
  { op: 'apply', template: '{{ a }}', values: { a: { b: [1, 'x', true, null] } } },
  { op: 'apply', template: '{{ a }}', values: {} },
  { op: 'apply', template: '{{a}}', values: { a: false } },
  { op: 'apply', template: '{{ a }}', values: { a: '{{ b }}', b: 1 } },
  // NOTSET in mappings and lists, remove_notset true/false.
  { op: 'apply', template: { k: '{{ a }}', j: 'keep' }, values: {} },
  { op: 'apply', template: { k: '{{ a }}', j: 'keep' }, values: {}, remove_notset: false },
  { op: 'apply', template: ['{{ a }}', 'x', '{{ b }}'], values: { b: 2 } },
  { op: 'apply', template: ['{{ a }}', 'x', '{{ b }}'], values: { b: 2 }, remove_notset: false },
  { op: 'apply', template: { x: ['{{ a }}', { y: '{{ b }}', z: 'z{{ c }}' }], n: 1, t: true, nil: null }, values: { a: [1] } },
  { op: 'apply', template: { x: ['{{ a }}', { y: '{{ b }}', z: 'z{{ c }}' }] }, values: {}, remove_notset: false },
  // Embedded placeholders render with Python str().
  { op: 'apply', template: 'x-{{ a }}', values: { a: true } },
  { op: 'apply', template: 'x-{{ a }}', values: { a: null } },
  { op: 'apply', template: '{{ a }}{{ b }}', values: { a: 1.5, b: f(1) } },
  { op: 'apply', template: 'v={{ a }}', values: { a: { k: 'v', n: [1, "it's", 'say "hi"', 'both \' "'] } } },
  { op: 'apply', template: 'x{{ a }}|{{ b }}|{{ c }}|{{ d }}', values: { a: f(1e16), b: f(1e-5), c: f(0.0001), d: f(123456789012345.6) } },
  { op: 'apply', template: 'x{{ a }}', values: { a: [f('inf'), f('-inf'), f('-0.0'), f(2.5e-7), 0.1, 10 ** 15, -(2 ** 40)] } },
  { op: 'apply', template: '{{ a }}!', values: { a: ['\u0000', '\u007f', '\u0085', '\u200b', 'é', '😀', '\\', '\n\t\r', '\u2028', '\u00a0'] } },
  { op: 'apply', template: '{{ a }} {{ a }}', values: { a: 'q' } },
  { op: 'apply', template: '{{ a }}-{{ b }}', values: { a: '{{ b }}', b: 'B' } },
  { op: 'apply', template: '{{{ a }}}', values: { a: 1 } },
  { op: 'apply', template: 'a {{ missing }} b', values: {} },
  { op: 'apply', template: 'a {{ missing }} b', values: {}, remove_notset: false },
  // Env vars: always the environment, always a string; $$X; missing -> "".
  { op: 'apply', template: '{{ $TEAM }}', values: {}, env: { TEAM: 'data' } },
  { op: 'apply', template: '{{ $N }}', values: {}, env: { N: '5' } },
  { op: 'apply', template: '{{ $MISSING }}', values: {}, env: {} },
  { op: 'apply', template: '{{ $MISSING }}', values: {}, env: {}, remove_notset: false },
  { op: 'apply', template: { k: '{{ $MISSING }}' }, values: {}, env: {} },
  { op: 'apply', template: '{{ $$X }}-{{ $X }}', values: {}, env: { X: 'x' } },
  { op: 'apply', template: '{{ $X }}', values: { $X: 'from-values' }, env: { X: 'from-env' } },
  { op: 'apply', template: '{{ $ }}', values: {}, env: {} },
  // values = the environment: standard placeholders looked up there too.
  { op: 'apply', template: ['{{ HOME_X }}', '{{ HOME_X.0 }}', '{{ a.b }}', 'p-{{ HOME_X }}'], values: '__env__', env: { HOME_X: '/h' } },
  { op: 'apply', template: { t: ['{{ $TEAM }}', '{{ sha.stdout }}'], n: '{{ sha.stdout }}' }, values: '__env__', env: { TEAM: 'd' }, remove_notset: false },
  // Skip prefixes.
  { op: 'apply', template: '{{ ctx.flow_run.id }}', values: {}, skip_prefixes: ['ctx.'], warn_on_notset: true },
  { op: 'apply', template: '{{ ctx.a }}-{{ b }}', values: { b: 2 }, skip_prefixes: ['ctx.'] },
  { op: 'apply', template: ['{{ ctx.a }}', '{{ x }}'], values: {}, skip_prefixes: ['ctx.'] },
  { op: 'apply', template: '{{ ctx.a }}', values: {} },
  // Block and variable placeholders are not apply_values' business.
  { op: 'apply', template: '{{ prefect.blocks.secret.x }}', values: {} },
  { op: 'apply', template: 'a {{ prefect.variables.x }} {{ b }}', values: { b: 1 } },
  // Warnings.
  { op: 'apply', template: { v: '{{ missing }}', w: 'x{{ m2 }}', e: '{{ $NOPE }}' }, values: {}, warn_on_notset: true, env: {} },
  // Path lookup.
  { op: 'apply', template: ['{{ a[0] }}', '{{ a[-1] }}', '{{ a.1 }}', '{{ a.5 }}', '{{ a.-3 }}'], values: { a: [5, 6] } },
  { op: 'apply', template: '{{ a.0 }}', values: { a: { '0': 'zero' } } },
  { op: 'apply', template: ['{{ a.b }}', '{{ a.1 }}', '{{ a.-1 }}'], values: { a: 'xyz' } },
  { op: 'apply', template: '{{ get-commit-hash.stdout }}', values: { 'get-commit-hash': { stdout: 'abc' } } },
  { op: 'apply', template: ['{{ a.١ }}', '{{ a.1_0 }}', '{{ a.01 }}', '{{ a.1__0 }}', '{{ a._1 }}'], values: { a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } },
  { op: 'apply', template: ['{{ a..b }}', '{{ [0] }}', '{{ a] }}'], values: { a: { '': { b: 1 } } } },
  { op: 'apply', template: '{{ a.b.c }}', values: { a: { b: 3 } } },
  // Placeholder syntax: Python's \s and \w.
  { op: 'apply', template: ['{{ a b }}', '{{ a | upper }}', "{{ 'a' }}", '{{}}', '{{ }}'], values: { a: 1 } },
  { op: 'apply', template: ['{{\ta\n}}', '{{\u001ca\u001f}}', '{{\u0085a\u3000}}', '{{\ufeffa}}', '{{\u200ba}}'], values: { a: 1 } },
  {
    op: 'apply',
    template: ['{{ é.ß }}', '{{ a\u0301 }}', '{{ a‿b }}', '{{ x٣ }}', '{{ Ⅻ }}', '{{ ½ }}', '{{ 名前 }}'],
    values: { é: { ß: 1 }, x٣: 3, Ⅻ: 12, '½': 0.5, 名前: 'n' },
  },
  // Scalars and unexpected types.
  { op: 'apply', template: [1, 2.5, true, null, ''], values: {} },
  { op: 'apply', template: { d: { __date__: '2024-01-01' } }, values: {} },

  // find_placeholders
  { op: 'find', template: { a: '{{ x }} {{ $Y }}', b: ['{{ prefect.blocks.s.n }}', { c: '{{ prefect.variables.v }}' }], '{{ key }}': 1 } },
  { op: 'find', template: ['{{ a }}{{ a }}', '{{a}}', '{{ prefect.blocks }}', '{{ prefect.variablesx }}', '{{ $$ }}'] },
  { op: 'find', template: ['{{ prefect.blocks.x.y.z[0] }}', '{{ -$[].x }}', '{{{{ a }}}}', '{{ a }'] },
  { op: 'find', template: [1, null, true, 2.5] },
  { op: 'find', template: '{{ prefect.variables.x }}{{ prefect.blocks.secret.y }}' },
  { op: 'find', template: { d: { __date__: '2024-01-01' } } },

  // get_from_dict
  { op: 'get', values: { a: { b: { c: [1, 2, 3, 4] } } }, keys: 'a.b.c[1]' },
  { op: 'get', values: { a: { b: [0, { c: [1, 2] }] } }, keys: 'a.b.1.c.2' },
  { op: 'get', values: { years: { '2026': 42 } }, keys: 'years.2026' },
  {
    op: 'get',
    values: {
      a: [
        [1, 2],
        [3, 4],
      ],
    },
    keys: 'a[-1][-2]',
  },
  { op: 'get', values: { a: null }, keys: 'a.b' },

  // str()
  { op: 'str', template: true },
  { op: 'str', template: null },
  { op: 'str', template: f(1) },
  { op: 'str', template: { k: 'v', l: ['a', 1, { n: null }], e: {}, el: [] } },
  { op: 'str', template: ["it's", 'say "x"', 'a\'b"c', '\\path', 'tab\there'] },
  { op: 'str', template: [f(1e22), f(123.456), f(-1.5e-10), 10 ** 20, -7] },

  // resolve_block_document_references
  { op: 'blocks', template: { x: '{{ prefect.blocks.secret.r }}/etl', y: '{{ prefect.blocks.secret.r }}' }, blocks: { 'secret/r': { value: 'ghcr.io/acme' } } },
  {
    op: 'blocks',
    template: [
      '{{ prefect.blocks.json.j.value }}',
      '{{ prefect.blocks.json.j.value.list[0] }}',
      '{{ prefect.blocks.json.j.values }}',
      '{{ prefect.blocks.json.j.list[-1] }}',
    ],
    blocks: { 'json/j': { value: { list: [1, 2], values: 'inner' } } },
  },
  { op: 'blocks', template: '{{ prefect.blocks.aws-credentials.prod }}', blocks: { 'aws-credentials/prod': { region_name: 'eu', aws_access_key_id: 'k' } } },
  { op: 'blocks', template: 'r={{ prefect.blocks.aws-credentials.prod.region_name }} {{ step.out }}', blocks: { 'aws-credentials/prod': { region_name: 'eu' } } },
  { op: 'blocks', template: 'x{{ prefect.blocks.aws-credentials.prod }}', blocks: { 'aws-credentials/prod': { region_name: 'eu' } } },
  { op: 'blocks', template: '{{ prefect.blocks.secret.gone }}', blocks: {} },
  { op: 'blocks', template: '{{ prefect.blocks.secret.r.nope }}', blocks: { 'secret/r': { value: 'v' } } },
  { op: 'blocks', template: '{{ prefect.blocks.secret }}', blocks: {} },
  {
    op: 'blocks',
    template: { a: { $ref: { block_document_id: 'id-1' }, sibling: 1 }, b: [{ $ref: { block_document_id: 'id-1' } }], c: { $ref: { block_document_id: '' } } },
    blocks_by_id: { 'id-1': { bucket: 'b', nested: '{{ prefect.blocks.secret.r }}' } },
  },
  { op: 'blocks', template: { a: { $ref: { block_document_id: 'nope' } } }, blocks_by_id: {} },
  { op: 'blocks', template: { a: { $ref: 'a-string' } } },
  {
    op: 'blocks',
    template: [
      '{{ prefect.blocks.string.s }} and {{ prefect.blocks.string.s }}',
      '{{ prefect.blocks.string.n }}',
      'n={{ prefect.blocks.string.n }}',
      { d: { __date__: '2024-01-01' } },
    ],
    blocks: { 'string/s': { value: 'S' }, 'string/n': { value: f(2) } },
  },

  // resolve_variables
  {
    op: 'variables',
    template: {
      a: '{{ prefect.variables.n }}',
      b: '{{ prefect.variables.missing }}',
      c: 'x-{{ prefect.variables.m }}-{{ prefect.variables.missing }}-{{ y }}',
      d: ['{{ prefect.variables.n }}'],
    },
    variables: { n: 5, m: { k: [true, null] } },
  },
  { op: 'variables', template: ['{{ prefect.variables.s }}', 'v{{ prefect.variables.f }}', '{{ prefect.blocks.secret.x }}'], variables: { s: '{{ $HOME }}', f: f(1) } },

  // One deployment end to end: A.2–A.4, build steps through run_steps (B.1–B.5, §2.9), A.10. §2.10's example first.
  ...([{ owner: 'team-data' }, {}] as Record<string, Json>[]).map((variables): Case => ({
    op: 'deploy',
    env: { TEAM: 'data' },
    blocks: { 'secret/registry': { value: 'ghcr.io/acme' } },
    variables,
    template: {
      name: 'etl-{{ $TEAM }}',
      entrypoint: 'flows/etl.py:etl',
      version: '{{ sha.stdout }}',
      tags: ['{{ $TEAM }}', '{{ sha.stdout }}'],
      work_pool: { name: 'k8s', job_variables: { image: '{{ img.image }}', owner: '{{ prefect.variables.owner }}' } },
    },
    build: WORKED_EXAMPLE_BUILD,
    step_results: WORKED_EXAMPLE_RESULTS,
  })),
  {
    op: 'deploy',
    env: { HOME: '/root', REG: 'r.io' },
    variables: { tmpl: '{{ $HOME }}/v', n: 3 },
    template: {
      name: 'n',
      version: '{{ nope }}',
      description: 'd {{ nope }} {{ $UNSET }} {{ HOME }}',
      tags: ['{{ ctx.flow_run.id }}', '{{ missing }}', 'x-{{ a }}', '{{ a }}'],
      parameters: { run: '{{ ctx.flow_run.id }}', n: '{{ prefect.variables.n }}', t: '{{ prefect.variables.tmpl }}', whole: '{{ out }}' },
    },
    build: [
      { 'my.steps.first': { id: 'first', requires: 'pkg', value: '{{ $REG }}/{{ prefect.variables.tmpl }}', gone: '{{ nope }}' } },
      { 'my.steps.second': { value: '{{ first.out }}|{{ out }}|{{ a }}', n: '{{ prefect.variables.n }}' } },
      { 'my.steps.third': { id: '', value: 'x' } },
    ],
    step_results: {
      'my.steps.first': { out: 'o1:{value}', a: 'A', first: 'shadow' },
      'my.steps.second': { out: 'o2:{value}:{n}' },
      'my.steps.third': 'not a mapping',
    },
  },
];

function decode(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '__float__') {
      const x = value['__float__'];
      return new PythonFloat(typeof x === 'string' ? Number(x.replace('inf', 'Infinity')) : (x as number));
    }
    if (keys.length === 1 && keys[0] === '__date__') return new Timestamp(value['__date__'] as string);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

function encode(value: unknown): unknown {
  if (value === NOTSET) return { __notset__: true };
  if (value instanceof PythonFloat) return Number.isFinite(value.value) ? value.value : value.value > 0 ? 'inf' : '-inf';
  if (value instanceof Timestamp) return { __date__: value.text };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function sources(c: Case): { blocks: BlockDocumentSource; variables: VariableSource; calls: () => number } {
  let calls = 0;
  const found = <T>(table: Record<string, Json> | undefined, key: string) => {
    calls++;
    const hit = table?.[key];
    return Promise.resolve(hit === undefined ? ({ status: 'missing' } as const) : { status: 'found' as const, value: decode(hit) as T });
  };
  return {
    blocks: {
      readByName: (slug, name) => found<Record<string, unknown>>(c.blocks, `${slug}/${name}`),
      readById: (id) => found<Record<string, unknown>>(c.blocks_by_id, id),
    },
    variables: { read: (name) => found<unknown>(c.variables, name) },
    calls: () => calls,
  };
}

async function ours(c: Case): Promise<Record<string, unknown>> {
  try {
    const template = decode(c.template ?? null);
    const env = c.env ?? {};
    switch (c.op) {
      case 'apply': {
        const warnings: string[] = [];
        const values = c.values === '__env__' ? env : decode(c.values ?? {});
        const result = applyValues(template, values, {
          removeNotset: c.remove_notset ?? true,
          warnOnNotset: c.warn_on_notset ?? false,
          onMissing: (_p, message) => warnings.push(message),
          skipPrefixes: c.skip_prefixes,
          env,
        });
        return { result: encode(result), warnings };
      }
      case 'find':
        return {
          result: findPlaceholders(template)
            .map((p) => [p.fullMatch, p.name, p.kind])
            .sort(compareTuples),
        };
      case 'get':
        return { result: encode(getFromDict(decode(c.values ?? null), c.keys ?? '', NOTSET)) };
      case 'str':
        return { result: pythonStr(template) };
      case 'deploy':
        return await deployLikeTheReference(c, env);
      case 'blocks':
      case 'variables': {
        const s = sources(c);
        const result = c.op === 'blocks' ? await resolveBlockDocumentReferences(template, s.blocks) : await resolveVariables(template, s.variables);
        return { result: encode(result), calls: s.calls() };
      }
    }
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** The orchestrator's sequence for one deployment, with fake step bodies that echo `{input}` like the Python harness. */
async function deployLikeTheReference(c: Case, env: Record<string, string>): Promise<Record<string, unknown>> {
  const s = sources(c);
  const ctx = { blocks: s.blocks, variables: s.variables, env };
  const early = (await resolveBeforeSteps(decode(c.template ?? {}) as Record<string, unknown>, ctx)).value;
  const stepInputs: unknown[] = [];
  let outputs: StepOutputs = {};
  for (const step of (c.build ?? []) as Record<string, Record<string, unknown>>[]) {
    const [fqn, raw] = Object.entries(step)[0] ?? ['', {}];
    const { value: inputs, keywords } = await templateStepInputs(raw, outputs, ctx);
    stepInputs.push(inputs);
    const result = echoInputs(decode(c.step_results?.[fqn] ?? null), inputs);
    outputs = mergeStepOutputs(outputs, keywords.id, result);
  }
  const warnings: string[] = [];
  const final = templateDeploymentWithStepOutputs(early, outputs, { env, onMissing: (_p, message) => warnings.push(message) });
  return { early: encode(early), step_inputs: encode(stepInputs), outputs: encode(outputs), final: encode(final), warnings };
}

function echoInputs(result: unknown, inputs: Record<string, unknown>): unknown {
  if (typeof result === 'string') return result.replace(/\{(\w+)\}/g, (_m, name: string) => pythonStr(inputs[name]));
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
    return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, echoInputs(v, inputs)]));
  }
  return result;
}

// Python sorts the tuples by code point; JS string comparison is by UTF-16 unit (same for these cases).
function compareTuples(a: string[], b: string[]): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function referencePython(): string {
  // Idempotent: prints the venv's python, creating the venv first when it is missing.
  const out = execFileSync('bash', [join(root, 'scripts', 'reference-venv.sh')], { cwd: root, encoding: 'utf8', timeout: 900_000 });
  const python = out.trim().split('\n').pop();
  if (!python) throw new Error('scripts/reference-venv.sh printed no python path');
  return python;
}

let reference: Record<string, unknown>[] = [];

beforeAll(() => {
  const python = referencePython();
  const prefectHome = mkdtempSync(join(tmpdir(), 'prefect-home-'));
  try {
    const out = execFileSync(python, [join(here, 'reference_templating.py')], {
      input: JSON.stringify(CASES),
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', PREFECT_HOME: prefectHome },
      maxBuffer: 64 * 1024 * 1024,
    });
    reference = JSON.parse(out) as Record<string, unknown>[];
  } finally {
    rmSync(prefectHome, { recursive: true, force: true });
  }
}, 900_000);

describe('templating matches the reference (prefect.utilities.templating)', () => {
  it('has a reference answer for every case', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(reference).toHaveLength(CASES.length);
  });

  it.each(CASES.map((c, i) => [i, c.op, String(JSON.stringify(c.template ?? c.values ?? null)).slice(0, 80), c] as const))(
    'case %i (%s) %s',
    async (i, _op, _label, c) => {
      const expected = reference[i] ?? {};
      const actual = await ours(c);
      if ('error' in expected) {
        // Error texts differ on purpose (ours name the placeholder); both must refuse.
        expect(actual, `reference raised ${String(expected['error'])}`).toHaveProperty('error');
      } else {
        // The reference walks a string's placeholders in set order, which Python randomizes per
        // process, so the order of its missing-value warnings is not part of the behaviour.
        expect(withSortedWarnings(actual)).toEqual(withSortedWarnings(expected));
      }
    },
  );
});

function withSortedWarnings(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.warnings) ? { ...v, warnings: [...(v.warnings as string[])].sort() } : v;
}

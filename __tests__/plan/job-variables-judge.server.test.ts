/**
 * Differential: our judge of job variables (job-variables-judge.ts) against the suite's Prefect
 * 3.9.1 server. For each case a pool is created with the case's variables schema, and the job
 * variables — a block reference's text at one path — go to both of the server's judges: a create
 * (`POST /deployments/`, 2xx or 422) and an update naming the pool (`PATCH /deployments/{id}`, 204
 * or 409). Ours must agree with each, for the text and for the resolved value, and keep the
 * reference exactly where both accept it. Then the Python pieces the judge ports (the format
 * checker, `re.search`, `preprocess_schema` + `remove_nested_keys`) against the reference venv.
 */
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { compileJobVariablesJudge, judgeFor, preprocessSchema, removeRequired, replaceAt } from '../../src/core/plan/job-variables-judge.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const python = inject('referencePython');
const RUN = Math.random().toString(36).slice(2, 8);
const P = '{{ prefect.blocks.secret.db-password }}';
const UUID = '6f1c2b9e-8d4a-4e3b-9c1d-2a5b7e8f9a0b';

type Json = Record<string, unknown>;

const POOLS: Record<string, Json> = {
  main: {
    type: 'object',
    required: ['command', 'image'],
    properties: {
      command: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Command' },
      image: { type: 'string' },
      env: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      labels: { type: 'object', additionalProperties: { type: 'string' }, propertyNames: { pattern: '^[a-z]+$' } },
      stream_output: { type: 'boolean', default: true },
      replicas: { type: 'integer', minimum: 1 },
      region: { enum: ['eu', 'us'] },
      tag: { type: 'string', pattern: '^v\\d+$' },
      short: { type: 'string', maxLength: 5 },
      long: { type: 'string', minLength: 40 },
      args: { type: 'array', items: { type: 'string' } },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
      strict: { type: 'object', properties: { user: { type: 'string' } }, additionalProperties: false },
      nested: { type: 'object', properties: { inner: { type: 'object', properties: { port: { type: 'integer' }, host: { type: 'string' } } } } },
      creds: { $ref: '#/definitions/Creds' },
      token: { allOf: [{ $ref: '#/$defs/Token' }] },
      choice: {
        oneOf: [
          { type: 'string', pattern: '^a' },
          { type: 'string', pattern: 'b$' },
        ],
      },
      either: {
        anyOf: [
          { type: 'object', properties: { a: { type: 'integer' } } },
          { type: 'string', maxLength: 3 },
        ],
      },
      id: { type: 'string', format: 'uuid' },
      when: { type: 'string', format: 'date-time', default: '2024-01-01T00:00:00Z' },
      // A default keeps `type` (and this anyOf) on update only: create rewrites it to string-or-null.
      mode: { type: 'string', default: 'fast', anyOf: [{ pattern: '^fa' }, { pattern: '^sl' }] },
      forbidden: { not: { type: 'string' } },
    },
    definitions: { Creds: { type: 'object', required: ['token', 'port'], properties: { token: { type: 'string' }, port: { type: 'integer' } } } },
    $defs: { Token: { type: 'string', minLength: 3 } },
  },
  blocks: {
    type: 'object',
    required: ['n'],
    properties: {
      db: { $ref: '#/definitions/DbCreds' },
      mode: { type: 'string', default: 'strict' },
      token: { type: 'string' },
      x: { type: 'string' },
      legacy: { anyOf: [{ type: 'integer' }, { $ref: '#/definitions/Gone' }] },
      a: { type: 'string' },
      b: { type: 'integer' },
      n: { type: 'integer', nullable: true },
    },
    // With `mode`'s default merged in (create only), a token must look like one.
    dependentSchemas: { mode: { properties: { token: { pattern: '^tok-' } } } },
    dependencies: { a: ['b'] },
    definitions: {
      DbCreds: {
        title: 'DbCreds',
        block_type_slug: 'acme-db',
        type: 'object',
        properties: { user: { type: 'string' }, password: { type: 'string', format: 'password', writeOnly: true } },
        secret_fields: ['password'],
      },
    },
  },
  lists: {
    type: 'object',
    properties: { x: { type: 'string' }, z: { type: 'string' }, kind: { type: 'string', default: 'ecs' }, ns: { type: 'string' } },
    // `required` inside a list survives the server's removal; inside `if` it does not.
    anyOf: [{ required: ['x'] }, { required: ['kind'] }],
    if: { properties: { kind: { const: 'k8s' } }, required: ['kind'] },
    then: { properties: { ns: { maxLength: 5 } } },
  },
  formats: {
    type: 'object',
    properties: {
      ip: { type: 'string', format: 'ipv4' },
      mail: { type: 'string', format: 'email' },
      day: { type: 'string', format: 'date' },
      host: { type: 'string', format: 'hostname' },
      site: { type: 'string', format: 'uri' },
      ptr: { type: 'string', format: 'json-pointer' },
    },
  },
};

type Path = (string | number)[];
// [pool, path, job variables (the text at path), resolved value, kept?]; kept `null`: the resolved
// value is refused too, so only the two judgements are compared.
const CASES: [string, Path, Json, unknown, boolean | null][] = [
  ['main', ['command'], { command: P }, 'echo hi', true],
  ['main', ['image'], { image: P }, 'repo/img:1', true],
  ['main', ['env', 'TOKEN'], { env: { TOKEN: P } }, 's3cr3t', true],
  ['main', ['labels', 'team'], { labels: { team: P } }, 'data', true],
  ['main', ['stream_output'], { stream_output: P }, true, false],
  ['main', ['replicas'], { replicas: P }, 3, false],
  ['main', ['region'], { region: P }, 'eu', false],
  ['main', ['tag'], { tag: P }, 'v12', false],
  ['main', ['short'], { short: P }, 'abc', false],
  ['main', ['long'], { long: P }, 'x'.repeat(40), false],
  ['main', ['args', 1], { args: ['run', P] }, 'b', true],
  ['main', ['pair', 0], { pair: [P, 1] }, 'x', true],
  ['main', ['pair', 1], { pair: ['x', P] }, 2, false],
  ['main', ['strict', 'user'], { strict: { user: P } }, 'ana', true],
  ['main', ['strict', 'password'], { strict: { password: P } }, 'pw', null],
  ['main', ['nested', 'inner', 'host'], { nested: { inner: { host: P } } }, 'db', true],
  ['main', ['nested', 'inner', 'port'], { nested: { inner: { port: P } } }, 5432, false],
  ['main', ['creds', 'token'], { creds: { token: P } }, 'tok', true],
  ['main', ['creds', 'port'], { creds: { token: 't', port: P } }, 5432, false],
  ['main', ['token'], { token: P }, 'abc', true],
  ['main', ['choice'], { choice: P }, 'abc', false],
  ['main', ['either', 'b'], { either: { b: P } }, 'x', true],
  ['main', ['either', 'a'], { either: { a: P } }, 5, false],
  ['main', ['id'], { id: P }, UUID, false],
  ['main', ['when'], { when: P }, '2024-05-01T10:00:00Z', false],
  ['main', ['mode'], { mode: P }, 'fast', false],
  ['main', ['forbidden'], { forbidden: P }, 5, false],
  ['main', ['undeclared'], { undeclared: P }, 'x', true],
  ['main', ['env', 'B'], { replicas: 2, env: { A: 'plain', B: `https://u:${P}@h` } }, 'https://u:pw@h', true],
  ['blocks', ['db', 'user'], { db: { user: P } }, 'ana', true],
  ['blocks', ['db', '$ref'], { db: { $ref: P } }, UUID, null],
  ['blocks', ['token'], { token: P }, 'tok-1', false],
  ['blocks', ['x'], { x: P }, 'x', true],
  ['blocks', ['legacy'], { legacy: P }, 5, false],
  ['blocks', ['a'], { a: P }, 'a', true],
  ['blocks', ['x'], { n: null, x: P }, 'x', null],
  ['lists', ['x'], { x: P }, 'x', true],
  ['lists', ['ns'], { x: 'a', ns: P }, 'abc', false],
  ['lists', ['ns'], { x: 'a', kind: 'ecs', ns: P }, 'abc', true],
  ['lists', ['z'], { z: P }, 'z', null],
  ['formats', ['ip'], { ip: P }, '10.0.0.1', false],
  ['formats', ['mail'], { mail: P }, 'a@b.c', false],
  ['formats', ['day'], { day: P }, '2024-02-29', false],
  ['formats', ['host'], { host: P }, 'db.local', true],
  ['formats', ['site'], { site: P }, 'https://x.test', true],
  ['formats', ['ptr'], { ptr: P }, '/a/b', false],
];

// The raw answer, not the shared helper: the cases judge its status and print its body.
async function api(method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${apiUrl}${route}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

const json = serverApi(apiUrl);

const poolName = (pool: string) => `judge-${pool}-${RUN}`;
let flowId: string;
const baseDeployment = new Map<string, string>();

beforeAll(async () => {
  flowId = (await json<{ id: string }>('POST', '/flows/', { name: `judge-${RUN}` })).id;
  for (const [pool, variables] of Object.entries(POOLS)) {
    await json('POST', '/work_pools/', { name: poolName(pool), type: 'process', base_job_template: { job_configuration: { fixed: 'value' }, variables } });
    const { id } = await json<{ id: string }>('POST', '/deployments/', { name: `base-${pool}`, flow_id: flowId, work_pool_name: poolName(pool) });
    baseDeployment.set(pool, id);
  }
}, 60_000);

/** The server's answers to a create and to an update carrying these job variables: accepted or not. */
// One request at a time: the suite's server runs on SQLite, which answers concurrent writes with 503.
async function server(pool: string, jobVariables: unknown): Promise<{ create: boolean; update: boolean }> {
  const created = await api('POST', '/deployments/', { name: `case-${pool}`, flow_id: flowId, work_pool_name: poolName(pool), job_variables: jobVariables });
  const updated = await api('PATCH', `/deployments/${baseDeployment.get(pool)}`, { work_pool_name: poolName(pool), job_variables: jobVariables });
  // Anything but these (a 500) would be a server failure the corpus does not mean to probe.
  expect([200, 201, 422], await created.clone().text()).toContain(created.status);
  expect([204, 409], await updated.clone().text()).toContain(updated.status);
  return { create: created.ok, update: updated.ok };
}

describe('our judge of job variables against the server', () => {
  it.each(CASES)('%s %j', async (pool, path, jobVariables, resolved, kept) => {
    const judge = judgeFor(POOLS[pool]!);
    const ours = (doc: unknown) => {
      const [create, update] = [judge.create.findings(doc), judge.update.findings(doc)];
      expect(create).not.toBe('unknown');
      expect(update).not.toBe('unknown');
      return { create: create.length === 0, update: update.length === 0 };
    };
    const withResolved = replaceAt(jobVariables, path, resolved);
    const text = await server(pool, jobVariables);
    const res = await server(pool, withResolved);
    expect(ours(jobVariables), 'with the reference text').toEqual(text);
    expect(ours(withResolved), 'with the resolved value').toEqual(res);
    const accepted = judge.accepts(jobVariables, path, resolved);
    if (kept === null) {
      expect(res.create && res.update).toBe(false);
      return;
    }
    expect(res, 'the corpus: the resolved value is accepted').toEqual({ create: true, update: true });
    expect(accepted).toBe(text.create && text.update);
    expect(accepted).toBe(kept);
  });
});

// ------------------------------------------------------------------------------------------------
// The ported Python pieces, against the reference venv itself.

const PYTHON = `
import json, re, sys
from jsonschema import Draft202012Validator
from prefect.utilities.collections import remove_nested_keys
from prefect.utilities.schema_tools.validation import preprocess_schema

data = json.load(sys.stdin)
checker = Draft202012Validator.FORMAT_CHECKER

def attempt(f):
    try:
        return f()
    except Exception:
        return "error"

print(json.dumps({
    "formats": [attempt(lambda: checker.conforms(s, f)) for f, s in data["formats"]],
    "patterns": [attempt(lambda: bool(re.search(p, s))) for p, s in data["patterns"]],
    "preprocess": [attempt(lambda: remove_nested_keys(["required"], preprocess_schema(s, a))) for s, a in data["preprocess"]],
}))
`;

const FORMATS: [string, string][] = [
  ['uuid', UUID],
  ['uuid', UUID.toUpperCase()],
  ['uuid', UUID.replaceAll('-', '')],
  ['uuid', `{${UUID}}`],
  ['uuid', `urn:uuid:${UUID}`],
  ['uuid', `0x${UUID.slice(2)}`],
  ['uuid', `f_${UUID.slice(2)}`],
  ['uuid', `_${UUID.slice(1)}`],
  ['uuid', UUID.slice(0, -1)],
  ['uuid', P],
  ['date-time', '2024-01-01T00:00:00Z'],
  ['date-time', '2024-01-01t00:00:00.123z'],
  ['date-time', '2024-02-29T00:00:00+01:00'],
  ['date-time', '2023-02-29T00:00:00Z'],
  ['date-time', '1900-02-29T00:00:00Z'],
  ['date-time', '0400-02-29T00:00:00Z'],
  ['date-time', '0000-01-01T00:00:00Z'],
  ['date-time', '2024-01-01T00:00:00Z\n'],
  ['date-time', '2024-01-01 00:00:00Z'],
  ['date-time', '2024-01-01T24:00:00Z'],
  ['date-time', P],
  ['time', '10:20:30Z'],
  ['time', '10:20:30'],
  ['time', '10:20:30.5+02:00'],
  ['date', '2024-02-29'],
  ['date', '2023-02-29'],
  ['date', '2024-1-01'],
  ['date', '0000-01-01'],
  ['date', '2024-01-01\n'],
  ['email', 'a@b'],
  ['email', P],
  ['idn-email', 'x@y'],
  ['ipv4', '10.0.0.1'],
  ['ipv4', '010.0.0.1'],
  ['ipv4', '256.1.1.1'],
  ['ipv4', '1.2.3'],
  ['ipv4', '1.2.3.4\n'],
  ['ipv6', '::1'],
  ['ipv6', '::'],
  ['ipv6', '1::'],
  ['ipv6', ':1::'],
  ['ipv6', '1:2:3:4:5:6:7:8'],
  ['ipv6', '1:2:3:4:5:6:7::'],
  ['ipv6', '1:2:3:4:5:6:1.2.3.4'],
  ['ipv6', '::ffff:1.2.3.4'],
  ['ipv6', '::ffff:1.2.3.04'],
  ['ipv6', 'fe80::1%eth0'],
  ['ipv6', '1:2:3:4:5:6:7:8:9'],
  ['ipv6', '12345::'],
  ['ipv6', '1::2::3'],
  ['ipv6', ':::'],
  ['json-pointer', ''],
  ['json-pointer', '/a~1b'],
  ['json-pointer', 'a'],
  ['json-pointer', '/a~2'],
  ['json-pointer', '/a~'],
  ['relative-json-pointer', '0'],
  ['relative-json-pointer', '1/a'],
  ['relative-json-pointer', '0#'],
  ['relative-json-pointer', '01'],
  ['relative-json-pointer', '100'],
  ['relative-json-pointer', '#'],
  ['relative-json-pointer', '10/~'],
  ['idn-hostname', P],
  ['idn-hostname', 'a b'],
  ['idn-hostname', ''],
  ['hostname', P],
  ['uri', P],
  ['password', P],
];

const PATTERNS: [string, string][] = [
  ['^v\\d+$', 'v12'],
  ['^v\\d+$', 'v1a'],
  ['^[a-z{} .-]+$', P],
  ['b$', 'ab'],
  ['^a', P],
  ['prefect\\.blocks', P],
  ['^\\{\\{ .* \\}\\}$', P],
  ['\\s', 'a b'],
  ['^\\w+$', 'abc_1'],
  ['^(ab|cd)*$', 'abcdab'],
  ['[^a-z]', 'abc'],
  ['a{2,3}', 'caab'],
  ['^.{3,5}$', 'abcdef'],
  ['(?=.*[0-9])^[a-z0-9]+$', 'abc1'],
];

const PREPROCESS: [Json, boolean][] = [
  [POOLS.main!, true],
  [POOLS.main!, false],
  [POOLS.blocks!, true],
  [POOLS.lists!, false],
  [
    {
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: 'string' },
        b: { type: 'integer', default: 1 },
        c: { type: 'string', anyOf: [{ minLength: 1 }] },
        d: { type: 'null' },
        t: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
        u: { type: 'array', items: [{ type: 'string' }], prefixItems: [{ type: 'integer' }] },
        required: { type: 'string' },
        n: { type: 'object', required: ['x'], properties: { x: { type: 'string' }, y: { type: ['string', 'integer'] } } },
        l: { type: 'array', items: { type: 'object', properties: { deep: { type: 'string' } } } },
      },
      anyOf: [{ required: ['a'] }],
      definitions: {
        Conn: { type: 'object', properties: { host: { type: 'string' } } },
        Key: { title: 'KeyBlock', block_type_slug: 'key', type: 'object', properties: { k: { type: 'string', default: 'v' } } },
      },
      $defs: { Other: { type: 'object', properties: { z: { type: 'string' } } } },
    },
    false,
  ],
];

function runPython(input: unknown): Promise<{ formats: unknown[]; patterns: unknown[]; preprocess: unknown[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', PYTHON], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as never) : reject(new Error(`python exited ${code}: ${err}`))));
    child.stdin.end(JSON.stringify(input));
  });
}

describe('the ported Python pieces against the reference venv', () => {
  let py: Awaited<ReturnType<typeof runPython>>;
  beforeAll(async () => {
    py = await runPython({ formats: FORMATS, patterns: PATTERNS, preprocess: PREPROCESS });
  }, 60_000);

  const judged = (schema: Json, value: string) => {
    const found = compileJobVariablesJudge({ type: 'object', properties: { f: schema } }).update.findings({ f: value });
    return found === 'unknown' ? found : found.length === 0;
  };

  it('the format checker', () => {
    expect(FORMATS.map(([format, s]) => judged({ format }, s))).toEqual(py.formats);
  });

  it('re.search', () => {
    expect(PATTERNS.map(([pattern, s]) => judged({ pattern }, s))).toEqual(py.patterns);
  });

  it('preprocess_schema then remove_nested_keys(["required"])', () => {
    expect(PREPROCESS.map(([schema, allowNone]) => removeRequired(preprocessSchema(schema, allowNone)))).toEqual(py.preprocess);
  });

  it('what is not reproduced is "unknown", never a guess', () => {
    expect(judged({ format: 'regex' }, '^a')).toBe('unknown');
    expect(judged({ format: 'idn-hostname' }, 'example.com')).toBe('unknown');
    expect(judged({ pattern: '^\\w+$' }, 'café')).toBe('unknown');
    expect(judged({ pattern: '(?i)abc' }, 'ABC')).toBe('unknown');
  });
});

/**
 * Secrets in job variables stay block references: which placeholders count as secret, what is kept
 * in strings that mix secret and non-secret parts, which reference errors still happen, and where a
 * pool's job-variable schema accepts the reference's text.
 */
import { describe, expect, it } from 'vitest';
import { compileJobVariablesJudge } from '../../src/core/plan/job-variables-judge.js';
import { keepSecretsInJobVariables, settleSecretJobVariables } from '../../src/core/plan/secret-job-variables.js';
import { resolveBlockDocumentReferences, TemplateError, type BlockDocumentLookup, type BlockDocumentSource } from '../../src/core/templating/index.js';

const DOCUMENTS: Record<string, BlockDocumentLookup> = {
  'secret/pw': { status: 'found', value: { value: 'hunter2' }, secretFields: ['value'] },
  'secret/json': { status: 'found', value: { value: { user: 'u', key: 'k3y' } }, secretFields: ['value'] },
  'secret/empty': { status: 'found', value: { value: '' }, secretFields: ['value'] },
  'secret/templated': { status: 'found', value: { value: 'a{{ $HOME }}' }, secretFields: ['value'] },
  'string/plain': { status: 'found', value: { value: 'not-secret' }, secretFields: [] },
  'db/main': {
    status: 'found',
    value: { host: 'db.local', username: 'ana', password: 'pa55', replicas: [{ password: 'r1pw', host: 'r1' }], headers: { Auth: 'tok' } },
    secretFields: ['password', 'replicas.password', 'headers.*'],
  },
};

const source: BlockDocumentSource = {
  readByName: (slug, name) => Promise.resolve(DOCUMENTS[`${slug}/${name}`] ?? { status: 'missing' }),
  readById: () => Promise.resolve({ status: 'missing' }),
};

async function resolveJobVariables(jobVariables: Record<string, unknown>) {
  const kept = new Map<string, unknown>();
  const config = { tags: ['{{ prefect.blocks.secret.pw }}'], work_pool: { name: 'p', job_variables: jobVariables } };
  const out = (await resolveBlockDocumentReferences(config, source, undefined, keepSecretsInJobVariables(kept))) as typeof config;
  return { out, kept };
}

describe('secret block references in job variables', () => {
  it.each([
    ['a Secret block', '{{ prefect.blocks.secret.pw }}', '{{ prefect.blocks.secret.pw }}'],
    ['a Secret block holding JSON', '{{ prefect.blocks.secret.json }}', '{{ prefect.blocks.secret.json }}'],
    ['a field inside a Secret block', '{{ prefect.blocks.secret.json.key }}', '{{ prefect.blocks.secret.json.key }}'],
    ['a secret field', '{{ prefect.blocks.db.main.password }}', '{{ prefect.blocks.db.main.password }}'],
    ['a whole block holding a secret field', '{{ prefect.blocks.db.main }}', '{{ prefect.blocks.db.main }}'],
    ['a secret field inside a list item', '{{ prefect.blocks.db.main.replicas[0].password }}', '{{ prefect.blocks.db.main.replicas[0].password }}'],
    ['a list whose items hold secrets', '{{ prefect.blocks.db.main.replicas }}', '{{ prefect.blocks.db.main.replicas }}'],
    ['a SecretDict member', '{{ prefect.blocks.db.main.headers.Auth }}', '{{ prefect.blocks.db.main.headers.Auth }}'],
    ['a non-secret field', '{{ prefect.blocks.db.main.host }}', 'db.local'],
    ['a non-secret field of a list item', '{{ prefect.blocks.db.main.replicas[0].host }}', 'r1'],
    ['a non-secret block', '{{ prefect.blocks.string.plain }}', 'not-secret'],
    ['an empty secret (nothing to hide; `image: ""` must stay falsy)', '{{ prefect.blocks.secret.empty }}', ''],
    ['a secret holding placeholder text (later passes template it)', '{{ prefect.blocks.secret.templated }}', 'a{{ $HOME }}'],
    [
      'a string mixing secret and non-secret fields',
      'postgres://{{ prefect.blocks.db.main.username }}:{{ prefect.blocks.db.main.password }}@{{ prefect.blocks.db.main.host }}/app',
      'postgres://ana:{{ prefect.blocks.db.main.password }}@db.local/app',
    ],
  ])('%s', async (_title, written, stored) => {
    const { out } = await resolveJobVariables({ env: { X: written } });
    expect(out.work_pool.job_variables).toEqual({ env: { X: stored } });
    // Elsewhere in the deployment the reference's behaviour is unchanged.
    expect(out.tags).toEqual(['hunter2']);
  });

  it('reports each kept placeholder with its value, for the schema fallback', async () => {
    const { kept } = await resolveJobVariables({ a: '{{ prefect.blocks.secret.pw }}', b: ['x-{{ prefect.blocks.db.main.password }}'] });
    expect(Object.fromEntries(kept)).toEqual({ '{{ prefect.blocks.secret.pw }}': 'hunter2', '{{ prefect.blocks.db.main.password }}': 'pa55' });
  });

  it.each([
    ['a missing block', { a: '{{ prefect.blocks.secret.nope }}' }, /Block not found: 'nope'/],
    ['a missing keypath', { a: '{{ prefect.blocks.db.main.passw0rd }}' }, /Could not resolve the keypath 'passw0rd'/],
    ['a mapping inlined in text', { a: 'x {{ prefect.blocks.secret.json }}' }, /cannot be used for inline string substitution/],
  ])('still fails as the reference does on %s', async (_title, jobVariables, message) => {
    await expect(resolveJobVariables(jobVariables)).rejects.toThrow(TemplateError);
    await expect(resolveJobVariables(jobVariables)).rejects.toThrow(message);
  });
});

// The process pool's variables schema as prefect 3.9.1 generates it, plus fields of other types.
const SCHEMA = {
  type: 'object',
  properties: {
    name: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
    env: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    stream_output: { type: 'boolean', default: true },
    working_dir: { anyOf: [{ type: 'string', format: 'path' }, { type: 'null' }] },
    replicas: { type: 'integer' },
    region: { enum: ['eu', 'us'] },
    tag: { type: 'string', pattern: '^v\\d+$' },
    short: { type: 'string', maxLength: 5 },
    args: { type: 'array', items: { type: 'string' } },
    pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
    creds: { allOf: [{ $ref: '#/definitions/Creds' }] },
    either: { anyOf: [{ type: 'object', properties: { a: { type: 'integer' } } }, { type: 'string' }] },
    loose: {},
  },
  definitions: { Creds: { type: 'object', properties: { token: { type: 'string' }, port: { type: 'integer' } } } },
};
const P = '{{ prefect.blocks.secret.pw }}';

// `pair` is a pydantic v1 tuple (`items` as a list): the 2020-12 meta-schema refuses it, so a 3.9.1
// server refuses to create such a pool and, for one created before, answers every create with 422
// whatever the job variables; an update (which skips that check and rewrites the tuple) decides.
describe("the server's judgement: where a block reference is accepted", () => {
  it.each([
    [['name'], { name: P }, true],
    [['env', 'TOKEN'], { env: { TOKEN: P } }, true],
    [['labels', 'x'], { labels: { x: P } }, true],
    [['working_dir'], { working_dir: P }, true],
    [['args', 2], { args: ['a', 'b', P] }, true],
    [['pair', 0], { pair: [P, 1] }, true],
    [['creds', 'token'], { creds: { token: P } }, true],
    [['loose'], { loose: P }, true],
    [['undeclared'], { undeclared: P }, true],
    [['env'], { env: P }, false],
    [['stream_output'], { stream_output: P }, false],
    [['replicas'], { replicas: P }, false],
    [['region'], { region: P }, false],
    [['tag'], { tag: P }, false],
    [['short'], { short: P }, false],
    [['pair', 1], { pair: ['x', P] }, false],
    [['creds'], { creds: P }, false],
    [['creds', 'port'], { creds: { port: P } }, false],
    [[], P, false],
    // Below an anyOf whose branches constrain members: judged, no longer refused unseen. (The
    // resolved value fits there: were it refused too, the text would be kept, failing no worse.)
    [['either', 'a'], { either: { a: P } }, false, 5],
    [['either', 'b'], { either: { b: P } }, true],
  ] as const)('%j', (path, jobVariables, accepted, resolved: unknown = 'hunter2') => {
    expect(compileJobVariablesJudge(SCHEMA).accepts(jobVariables, path, resolved)).toBe(accepted);
  });

  it('a pydantic v1 tuple: every create is refused, the update judges the rewritten tuple', () => {
    const judge = compileJobVariablesJudge(SCHEMA);
    expect(judge.create.findings({ pair: ['x', 1] })).toEqual([{ at: '', key: '!invalid schema' }]);
    expect(judge.update.findings({ pair: ['x', 1] })).toEqual([]);
    expect(judge.update.findings({ pair: ['x', 'y'] })).not.toEqual([]);
  });

  const judge = compileJobVariablesJudge({
    type: 'object',
    required: ['count'],
    properties: {
      count: { type: 'integer', nullable: true },
      name: { type: 'string' },
      tag: { type: 'string', pattern: '^v[0-9]+$' },
      tags: { type: 'array', uniqueItems: true },
      py: { type: 'string', pattern: '(?P<word>[a-z]+)' },
      line: { type: 'string', pattern: '^[a-z{} .]+$' },
      legacy: { anyOf: [{ type: 'integer' }, { $ref: '#/definitions/Gone' }] },
      first: { type: 'string' },
      second: { type: 'integer' },
    },
    dependencies: { first: ['second'] },
  });

  it('the rest of the job variables invalid: a text is kept where it adds no rejection of its own', () => {
    // `count` breaks the schema whatever the name holds; the name's text is fine where it is.
    expect(judge.accepts({ count: 'many', name: P }, ['name'], 'hunter2')).toBe(true);
    // A text that does not fit its own place is not kept, even when the secret would not fit either.
    expect(judge.accepts({ count: 'many', tag: P }, ['tag'], 'hunter2')).toBe(false);
    // A text that breaks a rule above it: two equal items where the secret would be a different one.
    expect(judge.accepts({ tags: [P, P] }, ['tags', 1], 'hunter2')).toBe(false);
    expect(judge.accepts({ tags: ['a', P] }, ['tags', 1], 'hunter2')).toBe(true);
  });

  it('follows Python, not ajv: nullable and dependencies mean nothing, a dangling $ref fails only where reached', () => {
    expect(judge.update.findings({ count: null })).not.toEqual([]);
    expect(judge.update.findings({ first: P })).toEqual([]);
    expect(judge.update.findings({ name: P })).toEqual([]);
    expect(judge.update.findings({ legacy: 5 })).toEqual([]);
    expect(judge.update.findings({ legacy: P })).toEqual([{ at: '', key: '!unresolvable $ref' }]);
    expect(judge.accepts({ legacy: P }, ['legacy'], 5)).toBe(false);
  });

  it('a regular expression whose Python meaning may differ is not relied on', () => {
    expect(judge.update.findings({ py: 'abc' })).toBe('unknown');
    expect(judge.accepts({ py: P }, ['py'], 'hunter2')).toBe(false);
    expect(judge.update.findings({ line: P })).toEqual([]);
    // Python's `$` also matches before a final newline.
    expect(judge.update.findings({ line: `${P}\n` })).toBe('unknown');
  });
});

describe('settleSecretJobVariables', () => {
  const kept = new Map<string, unknown>([
    [P, 'hunter2'],
    ['{{ prefect.blocks.secret.flag }}', true],
  ]);
  const pools = {
    readJobVariablesSchema: (name: string) => Promise.resolve(name === 'p' ? { status: 'found' as const, value: SCHEMA } : { status: 'missing' as const }),
  };
  const jobVariables = {
    env: { TOKEN: P, URL: `https://x:${P}@h` },
    stream_output: '{{ prefect.blocks.secret.flag }}',
    replicas: `1${P}`,
  };

  it('keeps references the schema accepts and resolves the others, with a warning each', async () => {
    const settled = await settleSecretJobVariables(jobVariables, kept, 'p', pools);
    expect(settled.jobVariables).toEqual({ env: { TOKEN: P, URL: `https://x:${P}@h` }, stream_output: true, replicas: '1hunter2' });
    expect(settled.warnings).toHaveLength(2);
    expect(settled.warnings[0]).toMatch(/^job variable stream_output gets a secret from a block, but work pool "p" does not accept/);
    expect(settled.warnings.join('\n')).not.toContain('hunter2');
  });

  it('keeps every reference when the pool or its schema is unknown', async () => {
    expect((await settleSecretJobVariables(jobVariables, kept, 'other', pools)).jobVariables).toEqual(jobVariables);
    expect((await settleSecretJobVariables(jobVariables, kept, 'p', undefined)).jobVariables).toEqual(jobVariables);
  });
});

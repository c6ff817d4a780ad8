import { describe, expect, it } from 'vitest';
import {
  applyValues,
  findPlaceholders,
  getFromDict,
  NOTSET,
  offlineSources,
  parseBlockPlaceholderName,
  PythonFloat,
  pythonStr,
  resolveBlockDocumentReferences,
  resolveVariables,
  TemplateError,
  type ApplyValuesOptions,
  type BlockDocumentSource,
  type LookupResult,
  type UnresolvedReference,
  type VariableSource,
} from '../../src/core/templating/index.js';

describe('findPlaceholders: kinds by prefix, reference regex', () => {
  it.each([
    ['{{ prefect.blocks.secret.gh-token }}', 'prefect.blocks.secret.gh-token', 'block_document'],
    ['{{ prefect.variables.default_image }}', 'prefect.variables.default_image', 'variable'],
    ['{{ $GITHUB_SHA }}', '$GITHUB_SHA', 'env_var'],
    ['{{ build-image.image }}', 'build-image.image', 'standard'],
    ['{{ people[0].name }}', 'people[0].name', 'standard'],
    ['{{ ctx.flow_run.id }}', 'ctx.flow_run.id', 'standard'],
    ['{{prefect.blocks}}', 'prefect.blocks', 'standard'],
    ['{{ prefect.variablesx }}', 'prefect.variablesx', 'standard'],
    ['{{ naïve_名前 }}', 'naïve_名前', 'standard'],
  ] as const)('%s', (text, name, kind) => {
    expect(findPlaceholders(text)).toEqual([{ fullMatch: text, name, kind }]);
  });

  it.each([
    '{{ a b }}',
    '{{ a | upper }}',
    "{{ 'a' }}",
    '{{ }}',
    '{{ a\u0301 }}', // combining mark: not in Python's \w
    '{{ a\u203fb }}', // connector punctuation other than `_`: not in Python's \w
    '{{\ufeffa }}', // JS \s has U+FEFF, Python's does not
    '{ a }',
  ])('%j is literal text', (text) => {
    expect(findPlaceholders(text)).toEqual([]);
  });

  it('accepts Python whitespace that JS \\s lacks', () => {
    expect(findPlaceholders('{{\u001ca\u0085}}').map((p) => p.name)).toEqual(['a']);
  });

  it('walks values only, never keys, and lists each placeholder once', () => {
    const found = findPlaceholders({ '{{ key }}': ['{{ a }}', { b: '{{ a }} {{ b }}' }], n: 1, t: true, z: null });
    expect(found.map((p) => p.name)).toEqual(['a', 'b']);
  });
});

describe('getFromDict (§2.2)', () => {
  const data = { a: { b: [10, 20, { c: 'x' }] }, list: [1, 2, 3], s: 'hello', digits: { '0': 'zero', '01': 'one' }, 'get-commit-hash': { stdout: 'abc' } };
  it.each([
    ['a.b[0]', 10],
    ['a.b.1', 20],
    ['a.b[2].c', 'x'],
    ['list[-1]', 3],
    ['list.-3', 1],
    ['list[-4]', NOTSET],
    ['list[3]', NOTSET],
    ['list.x', NOTSET],
    ['list[01]', 2], // Python int('01') == 1
    ['list[0_1]', 2], // underscores between digits are part of Python int syntax
    ['list[١]', 2], // Arabic-Indic one
    ['s.0', 'h'], // Python strings are indexable
    ['s.-1', 'o'],
    ['s.x', NOTSET],
    ['a.b.c', NOTSET],
    ['a.b[0].c', NOTSET],
    ['missing', NOTSET],
    ['get-commit-hash.stdout', 'abc'],
    // 3.9.1 matches a mapping key exactly first, so numeric-looking keys ARE reachable (spec §2.2 says not).
    ['digits.0', 'zero'],
    ['digits[01]', 'one'],
  ] as const)('%s', (path, expected) => {
    expect(getFromDict(data, path, NOTSET)).toBe(expected);
  });
});

describe('applyValues (§2.3)', () => {
  const env = { TEAM: 'data', EMPTY: '', X: 'x' };
  const values = { a: 1, flag: true, none: null, obj: { k: 'v' }, list: ['a', 1], img: { image: 'ghcr.io/acme/etl:abc' }, ctx: { no: 1 } };
  const cases: [string, unknown, ApplyValuesOptions, unknown][] = [
    ['typed whole-string: number', '{{ a }}', {}, 1],
    ['typed whole-string: boolean', '{{ flag }}', {}, true],
    ['typed whole-string: null', '{{ none }}', {}, null],
    ['typed whole-string: mapping', '{{ obj }}', {}, { k: 'v' }],
    ['typed whole-string: no spaces', '{{img.image}}', {}, 'ghcr.io/acme/etl:abc'],
    ['missing whole-string → NOTSET', '{{ nope }}', {}, NOTSET],
    ['embedded → str()', 'v{{ a }}-{{ flag }}-{{ none }}', {}, 'v1-True-None'],
    ['embedded dict → Python repr', 'o={{ obj }} l={{ list }}', {}, "o={'k': 'v'} l=['a', 1]"],
    ['two placeholders', '{{ a }}{{ a }}', {}, '11'],
    ['embedded missing, removeNotset → ""', 'x{{ nope }}y', {}, 'xy'],
    ['embedded missing, keep', 'x{{ nope }}y', { removeNotset: false }, 'x{{ nope }}y'],
    ['mapping NOTSET removed', { k: '{{ nope }}', j: 1 }, {}, { j: 1 }],
    ['mapping NOTSET kept as original', { k: '{{ nope }}', j: 1 }, { removeNotset: false }, { k: '{{ nope }}', j: 1 }],
    ['list NOTSET dropped', ['{{ nope }}', 'x'], {}, ['x']],
    // 3.9.1 honours remove_notset in lists too (spec §2.3 rule 4 says always dropped).
    ['list NOTSET kept when removeNotset false', ['{{ nope }}', 'x'], { removeNotset: false }, ['{{ nope }}', 'x']],
    ['env whole-string is a string', '{{ $TEAM }}', {}, 'data'],
    ['env empty value is found', 'a{{ $EMPTY }}b', { removeNotset: false }, 'ab'],
    ['env missing → ""', '{{ $NOPE }}', {}, ''],
    ['env missing in mapping keeps key as ""', { k: '{{ $NOPE }}' }, {}, { k: '' }],
    ['env missing, keep', '{{ $NOPE }}', { removeNotset: false }, '{{ $NOPE }}'],
    ['$$X strips every $', '{{ $$X }}', {}, 'x'],
    ['env comes from env, never from values', '{{ $a }}', {}, ''],
    ['block placeholders untouched', '{{ prefect.blocks.secret.x }}', {}, '{{ prefect.blocks.secret.x }}'],
    ['variable placeholders untouched', 'v={{ prefect.variables.x }} {{ a }}', {}, 'v={{ prefect.variables.x }} 1'],
    ['skip prefixes keep whole-string', '{{ ctx.no }}', { skipPrefixes: ['ctx.'] }, '{{ ctx.no }}'],
    ['skip prefixes keep embedded', '{{ ctx.no }}/{{ a }}', { skipPrefixes: ['ctx.'] }, '{{ ctx.no }}/1'],
    ['without skip, ctx. is a lookup', '{{ ctx.no }}', {}, 1],
    ['values are not re-templated', '{{ tmpl }}-x', {}, '{{ a }}-x'],
    ['scalars unchanged', [1, 2.5, true, null], {}, [1, 2.5, true, null]],
  ];
  it.each(cases)('%s', (_label, template, options, expected) => {
    expect(applyValues(template, { ...values, tmpl: '{{ a }}' }, { env, ...options })).toEqual(expected);
  });

  it('reports missing placeholders with the reference warning', () => {
    const missing: string[] = [];
    const result = applyValues({ v: '{{ version }}', n: 'n-{{ other }}' }, {}, { env: {}, warnOnNotset: true, onMissing: (p) => missing.push(p) });
    expect(result).toEqual({ n: 'n-' });
    expect(missing).toEqual(['version', '{{ other }}']);
  });

  it('uses process.env by default', () => {
    process.env['DEPLOY_ACTION_TEMPLATING_TEST'] = 'yes';
    try {
      expect(applyValues('{{ $DEPLOY_ACTION_TEMPLATING_TEST }}', {})).toBe('yes');
      expect(applyValues('{{ DEPLOY_ACTION_TEMPLATING_TEST }}', process.env)).toBe('yes');
    } finally {
      delete process.env['DEPLOY_ACTION_TEMPLATING_TEST'];
    }
  });

  it('refuses types the reference does not know', () => {
    class Timestamp {
      readonly isDateOnly = true;
    }
    expect(() => applyValues({ d: new Timestamp() }, {}, { env: {} })).toThrow(/Unexpected template type 'date'/);
  });
});

describe('pythonStr', () => {
  it.each([
    [true, 'True'],
    [false, 'False'],
    [null, 'None'],
    [1, '1'],
    [new PythonFloat(1), '1.0'],
    [1.5, '1.5'],
    [1e-7, '1e-07'],
    [new PythonFloat(1e16), '1e+16'],
    [new PythonFloat(1e15), '1000000000000000.0'],
    [0.0001, '0.0001'],
    [-0.00001, '-1e-05'],
    [Infinity, 'inf'],
    [NaN, 'nan'],
    [12345678901234567890n, '12345678901234567890'],
    ['plain', 'plain'],
    [{ k: 'v', n: [1, null, true] }, "{'k': 'v', 'n': [1, None, True]}"],
    [{}, '{}'],
    [[], '[]'],
    [["it's"], '["it\'s"]'],
    [['say "hi"'], '[\'say "hi"\']'],
    [['both \' and "'], "['both \\' and \"']"],
    [['back\\slash', 'new\nline', 'tab\t', '\u0000', '\u00e9', '\u00a0', '\u200b'], "['back\\\\slash', 'new\\nline', 'tab\\t', '\\x00', 'é', '\\xa0', '\\u200b']"],
    [[{ nested: { deep: ['x'] } }], "[{'nested': {'deep': ['x']}}]"],
  ] as const)('%# → %s', (value, expected) => {
    expect(pythonStr(value)).toBe(expected);
  });
});

function blockSource(byName: Record<string, Record<string, unknown>>, byId: Record<string, Record<string, unknown>> = {}) {
  const calls: string[] = [];
  const answer = (hit: Record<string, unknown> | undefined): Promise<LookupResult<Record<string, unknown>>> =>
    Promise.resolve(hit ? { status: 'found', value: hit } : { status: 'missing' });
  const source: BlockDocumentSource = {
    readByName: (slug, name) => {
      calls.push(`${slug}/${name}`);
      return answer(byName[`${slug}/${name}`]);
    },
    readById: (id) => {
      calls.push(`id:${id}`);
      return answer(byId[id]);
    },
  };
  return { source, calls };
}

describe('resolveBlockDocumentReferences (§2.4)', () => {
  const { source } = blockSource({
    'secret/registry': { value: 'ghcr.io/acme' },
    'json/cfg': { value: { list: [1, 2], values: 'inner', value: 'v' } },
    'aws-credentials/prod': { region_name: 'eu-west-1', aws_access_key_id: 'AKIA' },
  });

  it.each([
    ['value-only data is unwrapped', '{{ prefect.blocks.secret.registry }}', 'ghcr.io/acme'],
    ['embedded', '{{ prefect.blocks.secret.registry }}/etl', 'ghcr.io/acme/etl'],
    ['keypath "value" is not unwrapped again', '{{ prefect.blocks.json.cfg.value }}', { list: [1, 2], values: 'inner', value: 'v' }],
    ['keypath value[..] is not unwrapped again', '{{ prefect.blocks.json.cfg.value.list[-1] }}', 2],
    // 3.9.1: `values` is not a `value` prefix any more, the data is unwrapped first (spec §2.4 says a prefix test).
    ['keypath "values" looks inside the value', '{{ prefect.blocks.json.cfg.values }}', 'inner'],
    ['whole-string keeps the type', '{{ prefect.blocks.aws-credentials.prod }}', { region_name: 'eu-west-1', aws_access_key_id: 'AKIA' }],
    ['scalar attribute inline', 'r={{ prefect.blocks.aws-credentials.prod.region_name }}', 'r=eu-west-1'],
    ['other kinds are left for later', '{{ prefect.blocks.secret.registry }}:{{ sha.stdout }}-{{ $X }}', 'ghcr.io/acme:{{ sha.stdout }}-{{ $X }}'],
  ])('%s', async (_label, template, expected) => {
    await expect(resolveBlockDocumentReferences({ t: template }, source)).resolves.toEqual({ t: expected });
  });

  it('replaces a $ref mapping entirely, siblings included, without re-scanning the data', async () => {
    const { source: s } = blockSource({}, { 'id-1': { bucket: 'b', token: '{{ prefect.blocks.secret.x }}' } });
    const resolved = await resolveBlockDocumentReferences({ storage: { $ref: { block_document_id: 'id-1' }, extra: 1 }, other: { $ref: { block_document_id: '' } } }, s);
    expect(resolved).toEqual({ storage: { bucket: 'b', token: '{{ prefect.blocks.secret.x }}' }, other: { $ref: { block_document_id: '' } } });
  });

  it('fetches each block once per call', async () => {
    const { source: s, calls } = blockSource({ 'secret/a': { value: 'A' } }, { i: { x: 1 } });
    await resolveBlockDocumentReferences(
      ['{{ prefect.blocks.secret.a }}', 'x{{ prefect.blocks.secret.a }}', { $ref: { block_document_id: 'i' } }, { $ref: { block_document_id: 'i' } }],
      s,
    );
    expect(calls).toEqual(['secret/a', 'id:i']);
  });

  it.each([
    ['missing block', '{{ prefect.blocks.secret.gone }}', /Block not found: 'gone' of type 'secret'.*\{\{ prefect\.blocks\.secret\.gone \}\}/],
    ['keypath miss', '{{ prefect.blocks.aws-credentials.prod.nope }}', /^Invalid template: .*keypath 'nope'/],
    ['bad format', '{{ prefect.blocks.secret }}', /Invalid block placeholder format: 'prefect.blocks.secret'/],
    ['non-scalar inlined', 'x{{ prefect.blocks.aws-credentials.prod }}', /resolved to a dict, which cannot be used for inline string substitution/],
  ])('%s is a TemplateError naming the placeholder', async (_label, template, message) => {
    const error: unknown = await resolveBlockDocumentReferences(template, source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toMatch(message);
  });

  it('a $ref that is not a mapping is a TemplateError', async () => {
    await expect(resolveBlockDocumentReferences({ $ref: 'x' }, source)).rejects.toBeInstanceOf(TemplateError);
  });

  it('offline: references stay exactly as written and are reported', async () => {
    const unresolved: UnresolvedReference[] = [];
    const template = { a: 'x{{ prefect.blocks.secret.r }}', b: '{{ prefect.blocks.secret.r }}', c: { $ref: { block_document_id: 'id-9' }, s: 1 } };
    await expect(resolveBlockDocumentReferences(template, offlineSources().blocks, (r) => unresolved.push(r))).resolves.toEqual(template);
    expect(unresolved).toEqual([
      { kind: 'block_document', placeholder: '{{ prefect.blocks.secret.r }}', blockTypeSlug: 'secret', blockDocumentName: 'r' },
      { kind: 'block_document', placeholder: '{{ prefect.blocks.secret.r }}', blockTypeSlug: 'secret', blockDocumentName: 'r' },
      { kind: 'block_document_ref', blockDocumentId: 'id-9' },
    ]);
  });

  it('parses names with keypaths holding dots and indices', () => {
    expect(parseBlockPlaceholderName('prefect.blocks.json.cfg.value.list[0].x')).toEqual({ blockTypeSlug: 'json', blockDocumentName: 'cfg', keypath: 'value.list[0].x' });
  });
});

describe('resolveVariables (§2.5)', () => {
  const calls: string[] = [];
  const known: Record<string, unknown> = { owner: 'team-data', n: 5, cfg: { k: [true, null] }, tmpl: '{{ $HOME }}' };
  const source: VariableSource = {
    read: (name) => {
      calls.push(name);
      return Promise.resolve(Object.hasOwn(known, name) ? { status: 'found', value: known[name] } : { status: 'missing' });
    },
  };

  it.each([
    ['whole-string keeps JSON type', '{{ prefect.variables.n }}', 5],
    ['whole-string mapping', '{{ prefect.variables.cfg }}', { k: [true, null] }],
    ['missing whole-string → "" (key kept)', '{{ prefect.variables.nope }}', ''],
    ['embedded → str()', 'n={{ prefect.variables.n }} c={{ prefect.variables.cfg }}', "n=5 c={'k': [True, None]}"],
    ['embedded missing → ""', 'a{{ prefect.variables.nope }}b', 'ab'],
    ['other kinds untouched', '{{ prefect.variables.owner }}/{{ prefect.blocks.secret.x }}/{{ s.o }}', 'team-data/{{ prefect.blocks.secret.x }}/{{ s.o }}'],
    ['variable text is not templated here', '{{ prefect.variables.tmpl }}', '{{ $HOME }}'],
  ])('%s', async (_label, template, expected) => {
    await expect(resolveVariables({ t: template }, source)).resolves.toEqual({ t: expected });
  });

  it('reads each variable once per call', async () => {
    calls.length = 0;
    await resolveVariables(['{{ prefect.variables.n }}', 'x{{ prefect.variables.n }}', '{{ prefect.variables.nope }}', '{{ prefect.variables.nope }}'], source);
    expect(calls).toEqual(['n', 'nope']);
  });

  it('offline: stays as written and is reported', async () => {
    const unresolved: UnresolvedReference[] = [];
    await expect(
      resolveVariables(['{{ prefect.variables.owner }}', 'o={{ prefect.variables.owner }}'], offlineSources().variables, (r) => unresolved.push(r)),
    ).resolves.toEqual(['{{ prefect.variables.owner }}', 'o={{ prefect.variables.owner }}']);
    expect(unresolved.map((r) => r.kind)).toEqual(['variable', 'variable']);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleandoc, parameterDescriptions } from '../../src/core/flows/docstrings.js';
import { parseEntrypoint } from '../../src/core/flows/entrypoint.js';
import { FlowAnalysisError, analyzeEntrypoint } from '../../src/core/flows/index.js';
import { sortSchema } from '../../src/core/flows/parameters.js';
import { fieldTitle, isoDate, isoDateTime, isoDuration, isoTime, pyFloatRepr, pyTitle } from '../../src/core/flows/pyformat.js';
import { decodeStringToken } from '../../src/core/flows/pysource.js';

describe('inspect.cleandoc', () => {
  it.each([
    ['single line', 'Hello.', 'Hello.'],
    ['first line stripped, margin from later lines', '   Loads things.   \n\n    Details line.\n    ', 'Loads things.   \n\nDetails line.'],
    ['leading blank lines dropped', '\n\n    Summary.\n      indented\n', 'Summary.\n  indented'],
    ['whitespace-only line keeps what survives the margin', 'A.\n      \n    B.', 'A.\n  \nB.'],
    ['tabs expand to 8 columns', 'A.\n\tB.\n        C.', 'A.\nB.\nC.'],
    ['margin ignores the first line', 'A.\n  B.\n    C.', 'A.\nB.\n  C.'],
  ])('%s', (_name, input, expected) => {
    expect(cleandoc(input)).toBe(expected);
  });
});

describe('griffe Google parameters', () => {
  it('reads Args with typed names and continuation lines', () => {
    const d = parameterDescriptions('F.\n\nArgs:\n    x: the x\n    y (str): typed\n      second line\n\nReturns:\n    None: nothing');
    expect([...d]).toEqual([
      ['x', 'the x'],
      ['y', 'typed\nsecond line'],
    ]);
  });

  it('ignores a section header on the first line (cleaned twice)', () => {
    expect(parameterDescriptions('Args:\n    x: never').size).toBe(0);
  });

  it('needs a blank line before and an indented line after the header', () => {
    expect(parameterDescriptions('F.\nArgs:\n    x: a').size).toBe(0);
    expect(parameterDescriptions('F.\n\nArgs:\n\n    x: a').size).toBe(0);
  });

  it('keys *args as written and keeps trailing spaces', () => {
    const d = parameterDescriptions('S.\n\nParameters:\n    *args: no\n    y (int, optional):   padded   \n    z:');
    expect(d.get('args')).toBeUndefined();
    expect(d.get('*args')).toBe('no');
    expect(d.get('y')).toBe('padded   ');
    expect(d.get('z')).toBe('');
  });

  it('uses only the last parameters section', () => {
    const d = parameterDescriptions('S.\n\nArgs:\n    a: first\n\nParams:\n    b: second');
    expect(d.has('a')).toBe(false);
    expect(d.get('b')).toBe('second');
  });
});

describe('str.title and pydantic field titles', () => {
  it.each([
    ['user_id', 'User Id'],
    ['userID', 'Userid'],
    ['x2y', 'X2Y'],
    ['__private', 'Private'],
    ['HTTPServer', 'Httpserver'],
    ['a1b2c', 'A1B2C'],
  ])('%s -> %s', (name, title) => {
    expect(fieldTitle(name)).toBe(title);
  });

  it('title-cases after any uncased character', () => {
    expect(pyTitle("they're bill's")).toBe("They'Re Bill'S");
  });
});

describe('ISO 8601 durations (pydantic)', () => {
  const s = 1e6;
  it.each([
    [5 * s, 'PT5S'],
    [90 * 60 * s, 'PT1H30M'],
    [3601.5 * s, 'PT1H1.5S'],
    [86400 * s, 'P1D'],
    [(14 * 86400 + 61) * s, 'P14DT1M1S'],
    [0, 'PT0S'],
    [1500, 'PT0.0015S'],
    [-5 * s, '-PT5S'],
    [-21 * 3600 * s, '-PT21H'],
    [400 * 86400 * s, 'P1Y35D'],
    [365 * 86400 * s, 'P1Y'],
  ])('%d µs -> %s', (micros, text) => {
    expect(isoDuration(micros)).toBe(text);
  });
});

describe('datetime formatting (pydantic)', () => {
  const base = { year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5 };
  it('UTC is Z', () => expect(isoDateTime({ ...base, offset: 0 })).toBe('2024-01-02T03:04:05Z'));
  it('naive has no offset', () => expect(isoDateTime(base)).toBe('2024-01-02T03:04:05'));
  it('microseconds are 6 digits', () => {
    expect(isoDateTime({ ...base, micro: 123000, offset: 7200 })).toBe('2024-01-02T03:04:05.123000+02:00');
  });
  it('negative offsets', () => expect(isoDateTime({ ...base, offset: -19800 })).toBe('2024-01-02T03:04:05-05:30'));
  it('dates and times', () => {
    expect(isoDate({ year: 25, month: 1, day: 1 })).toBe('0025-01-01');
    expect(isoTime({ hour: 12, minute: 30, second: 0 })).toBe('12:30:00');
  });
});

describe('float repr', () => {
  it.each([
    [5, '5.0'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123456789.125, '123456789.125'],
    [-1.5, '-1.5'],
    [Infinity, 'inf'],
  ])('%d -> %s', (n, text) => {
    expect(pyFloatRepr(n)).toBe(text);
  });
});

describe('string literals', () => {
  it.each([
    ['"a\\nb"', false, 'a\nb'],
    ["r'a\\nb'", false, 'a\\nb'],
    ['b"x\\x41"', true, 'xA'],
    ['"""tri\nple"""', false, 'tri\nple'],
    ['"\\u00e9"', false, 'é'],
  ])('%s', (token, bytes, value) => {
    expect(decodeStringToken(token)).toEqual({ bytes, value });
  });
});

describe('key order (§4.5)', () => {
  it('sorts everywhere except under properties and default', () => {
    const out = sortSchema({ type: 'object', properties: { z: { type: 'integer', title: 'z', default: { z: { y: 1, b: 2 }, a: 1 } }, a: {} } }, null);
    expect(JSON.stringify(out)).toBe('{"properties":{"z":{"default":{"z":{"b":2,"y":1},"a":1},"title":"z","type":"integer"},"a":{}},"type":"object"}');
  });
});

describe('entrypoints', () => {
  it.each([
    ['flows/etl.py:my_flow', 'script', 'flows/etl.py', ['my_flow']],
    ['./flows/etl.py:Pipeline.run', 'script', 'flows/etl.py', ['Pipeline', 'run']],
    ['flows.etl:my_flow', 'module', 'flows/etl.py', ['my_flow']],
    ['flows.etl.my_flow', 'module', 'flows/etl.py', ['my_flow']],
  ])('%s', (ep, kind, file, objectPath) => {
    expect(parseEntrypoint(ep, '/nowhere')).toMatchObject({ kind, file, objectPath });
  });

  it.each(['', 'my_flow', 'flows/etl.txt:f', 'flows/etl.py:my-flow'])('rejects %j', (ep) => {
    expect(() => parseEntrypoint(ep, '/nowhere')).toThrow(FlowAnalysisError);
  });
});

describe('errors carry file and position', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'flows-errors-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (name: string, source: string): string => {
    const dir = path.join(root, name);
    mkdirSync(path.join(dir, 'flows'), { recursive: true });
    writeFileSync(path.join(dir, 'flows/etl.py'), source);
    return dir;
  };
  const fail = async (ep: string, cwd: string): Promise<FlowAnalysisError> => {
    const e = await analyzeEntrypoint(ep, { cwd }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(FlowAnalysisError);
    return e as FlowAnalysisError;
  };

  it('missing file', async () => {
    const e = await fail('flows/nope.py:f', write('missing', ''));
    expect(e.file).toBe('flows/nope.py');
    expect(e.message).toContain('not found');
  });

  it('syntax error with line and column', async () => {
    const e = await fail('flows/etl.py:f', write('syntax', 'from prefect import flow\n\nX = = 1\n\n@flow\ndef f(x):\n    pass\n'));
    expect(e.file).toBe('flows/etl.py');
    expect(e.line).toBe(3);
    expect(e.column).toBeGreaterThan(2);
  });

  it('a syntax error in the signature is an error', async () => {
    const e = await fail('flows/etl.py:f', write('syntax-sig', 'from prefect import flow\n\n@flow\ndef f(x: int = ):\n    pass\n'));
    expect(e.line).toBe(4);
  });

  it('what the grammar cannot parse inside a function body is only a warning', async () => {
    const cwd = write(
      'body',
      'from prefect import flow\n\n@flow\ndef f(x: int):\n    with a() as (b, c):\n        yield\n    try:\n        pass\n    finally:\n        pass\n',
    );
    const flow = await analyzeEntrypoint('flows/etl.py:f', { cwd });
    expect(flow.parameterSchema.properties).toEqual({ x: { position: 0, title: 'x', type: 'integer' } });
    expect(flow.warnings.some((w) => w.startsWith('flows/etl.py:'))).toBe(true);
  });

  it('function not found', async () => {
    const e = await fail('flows/etl.py:g', write('notfound', 'from prefect import flow\n\n@flow\ndef f():\n    pass\n'));
    expect(e.message).toContain("Flow function with name 'g' not found in 'flows/etl.py'");
  });

  it('not a flow points at the def', async () => {
    const e = await fail('flows/etl.py:f', write('notflow', 'import os\n\n\ndef f():\n    pass\n'));
    expect(e.message).toContain('is not a flow');
    expect(e.line).toBe(4);
  });

  it('module entrypoint whose import fails has no fallback', async () => {
    const cwd = write('modfail', 'import missing_pkg\nfrom prefect import flow\n\n@flow\ndef f():\n    pass\n');
    const e = await analyzeEntrypoint('flows.etl:f', { cwd, unavailableModules: ['missing_pkg'] }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(FlowAnalysisError);
    expect((e as FlowAnalysisError).line).toBe(1);
    const ok = await analyzeEntrypoint('flows/etl.py:f', { cwd, unavailableModules: ['missing_pkg'] });
    expect(ok.loader).toBe('fallback');
  });

  it('a flow name computed at runtime is an error, not a guess', async () => {
    const cwd = write('dynname', 'import os\nfrom prefect import flow\n\n@flow(name=os.urandom(4).hex())\ndef f():\n    pass\n');
    const e = await fail('flows/etl.py:f', cwd);
    expect(e.message).toContain('computed at runtime');
    expect(e.line).toBe(4);
  });
});

describe('version and reference profiles', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'flows-misc-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('uses the decorator version, else the MD5 of the file bytes', async () => {
    mkdirSync(path.join(root, 'flows'), { recursive: true });
    const source = 'from prefect import flow\n\n@flow(version="1.2")\ndef a():\n    pass\n\n@flow\ndef b(*args: int, **kw: str):\n    pass\n';
    writeFileSync(path.join(root, 'flows/v.py'), source);
    expect((await analyzeEntrypoint('flows/v.py:a', { cwd: root })).version).toBe('1.2');
    const b = await analyzeEntrypoint('flows/v.py:b', { cwd: root });
    expect(b.version).toMatch(/^[0-9a-f]{32}$/);
    const { createHash } = await import('node:crypto');
    expect(b.version).toBe(createHash('md5').update(source).digest('hex'));
    // Prefect 3.9: variadics are optional collections.
    expect(b.parameterSchema).toEqual({
      title: 'Parameters',
      type: 'object',
      properties: {
        args: { default: [], items: { type: 'integer' }, position: 0, title: 'args', type: 'array' },
        kw: { additionalProperties: { type: 'string' }, default: {}, position: 1, title: 'kw', type: 'object' },
      },
    });
    const later = await analyzeEntrypoint('flows/v.py:b', { cwd: root, referenceProfile: 'spec-main' });
    expect(later.parameterSchema.required).toEqual(['args', 'kw']);
  });
});

describe('module-level state', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'flows-state-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const props = async (ep: string, opts: Partial<Parameters<typeof analyzeEntrypoint>[1]> = {}) =>
    (await analyzeEntrypoint(ep, { cwd: root, ...opts })).parameterSchema.properties as Record<string, Record<string, unknown>>;

  mkdirSync(path.join(root, 'flows'), { recursive: true });
  mkdirSync(path.join(root, 'shared'), { recursive: true });
  writeFileSync(path.join(root, 'shared/__init__.py'), '');
  writeFileSync(path.join(root, 'shared/consts.py'), 'from enum import Enum\n\nclass Tier(Enum):\n    A = "a"\n\nTABLES = sorted({"b", "a"})\n');
  writeFileSync(path.join(root, 'flows/config.yaml'), 'batch: 5\nnames: [x, y]\n');
  writeFileSync(
    path.join(root, 'flows/f.py'),
    [
      'import os',
      'from pathlib import Path',
      'import yaml',
      'from prefect import flow',
      'from shared.consts import TABLES, Tier',
      '',
      'CONF = yaml.safe_load((Path(__file__).parent / "config.yaml").read_text())',
      'REGION = os.environ.get("FLOWS_TEST_REGION", "eu")',
      '',
      '@flow',
      'def f(tables: list[str] = TABLES, tier: Tier = Tier.A, batch: int = CONF["batch"], region: str = REGION):',
      '    pass',
      '',
    ].join('\n'),
  );

  it('reads project modules and files the module reads at import time', async () => {
    const p = await props('flows/f.py:f', { env: {} });
    expect(p.tables!.default).toEqual(['a', 'b']);
    expect(p.tier).toEqual({ $ref: '#/definitions/Tier', default: 'a', position: 1, title: 'tier' });
    expect(p.batch!.default).toBe(5);
    expect(p.region!.default).toBe('eu');
  });

  it('uses the environment prefect deploy would see', async () => {
    const p = await props('flows/f.py:f', { env: { FLOWS_TEST_REGION: 'us' } });
    expect(p.region!.default).toBe('us');
  });
});

describe('what comes from packages this reader cannot read', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'flows-foreign-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'flows'), { recursive: true });
  writeFileSync(
    path.join(root, 'flows/f.py'),
    [
      'from typing import Optional',
      'import pandas as pd',
      'from acme_blocks import Creds, DEFAULT_REGION',
      'from prefect import flow',
      '',
      '@flow',
      'def f(creds: Optional[Creds] = None, frame: Optional[pd.DataFrame] = None, region: str = DEFAULT_REGION):',
      '    pass',
      '',
    ].join('\n'),
  );

  it('names the type and the default it cannot derive, with file:line, and nothing else', async () => {
    const flow = await analyzeEntrypoint('flows/f.py:f', { cwd: root, env: {} });
    const props = flow.parameterSchema.properties as Record<string, Record<string, unknown>>;
    expect(props.creds!.anyOf).toEqual([{}, { type: 'null' }]);
    expect(flow.warnings).toEqual([
      expect.stringMatching(/^flows\/f\.py:7: parameter 'creds': its type uses acme_blocks\.Creds, from a package this reader cannot read;/),
      expect.stringMatching(/^flows\/f\.py:7: parameter 'region': its default \(acme_blocks\.DEFAULT_REGION .*\) cannot be evaluated/),
    ]);
  });

  it('says which unreadable decorator it assumed keeps the flow, or may have made it', async () => {
    writeFileSync(
      path.join(root, 'flows/d.py'),
      [
        'import acme_tools',
        'from prefect import flow',
        '',
        '@acme_tools.traced',
        '@flow',
        'def kept(n: int = 1):',
        '    pass',
        '',
        '@acme_tools.etl_flow',
        'def made(n: int = 1):',
        '    pass',
        '',
      ].join('\n'),
    );
    const kept = await analyzeEntrypoint('flows/d.py:kept', { cwd: root, env: {} });
    expect(kept.parameterSchema.properties).toHaveProperty('n');
    expect(kept.warnings).toEqual([
      expect.stringMatching(/^flows\/d\.py:6: the flow 'kept' goes through acme_tools\.traced, which this reader cannot read; assumed to keep/),
    ]);
    const made = await analyzeEntrypoint('flows/d.py:made', { cwd: root, env: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(made).toBeInstanceOf(FlowAnalysisError);
    expect((made as Error).message).toContain(
      "is not a flow. Make sure that it is decorated with '@flow'. It goes through acme_tools.etl_flow, which this reader cannot read",
    );
  });
});

/**
 * prefect.yaml values kept between runs: a kept value loads exactly as a fresh parse (timestamps,
 * shared anchors, YAML 1.1 numbers), positions still come from the text, and anything the cache
 * cannot keep faithfully, or cannot read back, is parsed again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePrefectFile } from '../../src/core/config/index.js';
import { readYaml, setYamlDiskCache, YamlDiskCache, yamlCacheDirectory } from '../../src/core/config/yaml-cache.js';
import { parseYaml, YamlTimestamp } from '../../src/core/config/yaml.js';
import { PythonFloat } from '../../src/core/values/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const RICH = `# every kind of value a prefect.yaml loads to
name: project
prefect-version: 3.9.1
definitions:
  schedules: &daily
    cron: "0 9 * * *"
    anchor_date: 2024-03-10 02:30:00+01:00
  params: &params
    when: 2024-01-01
    ratio: 1.5e+3
    not_a_float: 1.5e3
    octal: 0o17
    old_octal: 017
    sexagesimal: 1:30
    yes_is: yes
    nothing: ~
    inf: .inf
    neg_inf: -.inf
    nan: .nan
    zero: -0.0
    big: 12345678901234567890
    text: "a {{ prefect.variables.x }}"
deployments:
  - name: one
    entrypoint: flows.py:one
    parameters: *params
    schedules: [*daily]
  - name: two
    entrypoint: flows.py:two
    parameters:
      <<: *params
      ratio: 2
    schedules:
      - <<: *daily
        timezone: Europe/Paris
`;

describe('prefect.yaml values kept between runs', () => {
  let cacheDir: string;
  const entries = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((n) => n.endsWith('.v8')) : []);

  beforeEach(() => {
    cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'yaml-cache-')), 'yaml', 'test');
    dirs.push(path.dirname(path.dirname(cacheDir)));
    setYamlDiskCache(new YamlDiskCache(cacheDir));
  });
  afterEach(() => setYamlDiskCache(null));

  it('reads back a value equal to a fresh parse: timestamps, YAML 1.1 numbers, merge keys, NaN and infinities', () => {
    const first = readYaml(RICH);
    expect(first.errors).toEqual([]);
    expect(entries()).toHaveLength(1);
    const kept = readYaml(RICH);
    const fresh = parseYaml(RICH);
    expect(kept.value).toEqual(fresh.value);
    const params = (kept.value as { deployments: { parameters: Record<string, unknown> }[] }).deployments[0]!.parameters;
    expect(params['when']).toBeInstanceOf(YamlTimestamp);
    expect((params['when'] as YamlTimestamp).isDateOnly).toBe(true);
    expect(JSON.stringify(params['when'])).toBe('"2024-01-01"');
    expect(params['nan']).toBeNaN();
    expect(params['inf']).toBe(Infinity);
    expect(params['zero']).toBeInstanceOf(PythonFloat);
    expect(Object.is((params['zero'] as PythonFloat).value, -0)).toBe(true);
    expect(JSON.stringify(params['zero'])).toBe('-0.0');
    expect(params['not_a_float']).toBe('1.5e3');
    expect(params['sexagesimal']).toBe(90);
    const anchor = (kept.value as { deployments: { schedules: { anchor_date: unknown }[] }[] }).deployments[1]!.schedules[0]!.anchor_date;
    expect(anchor).toBeInstanceOf(YamlTimestamp);
    expect(JSON.stringify(anchor)).toBe(
      JSON.stringify((fresh.value as { deployments: { schedules: { anchor_date: unknown }[] }[] }).deployments[1]!.schedules[0]!.anchor_date),
    );
  });

  it('keeps what an alias shares as one object, as a fresh parse does', () => {
    readYaml(RICH);
    const kept = readYaml(RICH).value as { definitions: { params: unknown }; deployments: { parameters: unknown }[] };
    const fresh = parseYaml(RICH).value as typeof kept;
    expect(fresh.deployments[0]!.parameters).toBe(fresh.definitions.params);
    expect(kept.deployments[0]!.parameters).toBe(kept.definitions.params);
    expect(kept.deployments[1]!.parameters).not.toBe(kept.definitions.params);
  });

  it('is used on the next read, and positions then still come from the text', () => {
    const text = 'deployments:\n  - name: one\n    entrypoint: flows.py:one\n    work_pool:\n      name: pool\n';
    readYaml(text);
    const file = path.join(cacheDir, entries()[0]!);
    const entry = deserialize(readFileSync(file)) as { value: { deployments: { name: string }[] } };
    entry.value.deployments[0]!.name = 'kept';
    writeFileSync(file, serialize(entry));
    const kept = readYaml(text);
    expect((kept.value as typeof entry.value).deployments[0]!.name).toBe('kept');
    expect(kept.positionOf(['deployments', 0, 'work_pool', 'name'])).toEqual({ line: 5, column: 13 });
    expect(kept.keyPositionOf(['deployments', 0, 'entrypoint'])).toEqual({ line: 3, column: 5 });
  });

  it('an entry is only ever taken for its own text', () => {
    const text = 'deployments:\n  - name: one\n';
    const other = 'deployments:\n  - name: other\n';
    readYaml(text);
    const [own] = entries();
    readYaml(other);
    const otherEntry = entries().find((n) => n !== own)!;
    writeFileSync(path.join(cacheDir, own!), readFileSync(path.join(cacheDir, otherEntry)));
    expect((readYaml(text).value as { deployments: { name: string }[] }).deployments[0]!.name).toBe('one');
  });

  it('a warning from a kept value points at the right line', () => {
    const text = 'deployments:\n  - name: one\n    entrypoint: flows.py:one\n    colour: blue\n';
    const first = parsePrefectFile(text, 'prefect.yaml');
    const second = parsePrefectFile(text, 'prefect.yaml');
    expect(entries()).toHaveLength(1);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(second.diagnostics.some((d) => d.line === 4)).toBe(true);
  });

  it('does not keep text that does not load', () => {
    const broken = 'deployments:\n  - name: [unclosed\n';
    expect(readYaml(broken).errors.length).toBeGreaterThan(0);
    expect(readYaml(broken).errors.length).toBeGreaterThan(0);
    expect(entries()).toHaveLength(0);
  });

  it('keeps sets, binary text and integral floats as they load', () => {
    const text = 'tags: !!set {a, b}\nblob: !!binary aGVsbG8=\nratio: 2.0\n';
    readYaml(text);
    expect(entries()).toHaveLength(1);
    const kept = readYaml(text).value as Record<string, unknown>;
    expect(kept).toEqual({ tags: ['a', 'b'], blob: 'hello', ratio: new PythonFloat(2) });
    expect(kept['ratio']).toBeInstanceOf(PythonFloat);
  });

  it('a broken or foreign entry is ignored and the text parsed again', () => {
    const text = 'deployments:\n  - name: one\n';
    readYaml(text);
    const [name] = entries();
    writeFileSync(path.join(cacheDir, name!), Buffer.from('not v8 at all'));
    expect(readYaml(text).value).toEqual(parseYaml(text).value);
    writeFileSync(path.join(cacheDir, name!), serialize({ format: 99, value: 1 }));
    expect(readYaml(text).value).toEqual(parseYaml(text).value);
  });

  it('a cache directory that cannot be written costs nothing but speed', () => {
    const file = path.join(dirs.at(-1)!, 'a-file');
    writeFileSync(file, '');
    setYamlDiskCache(new YamlDiskCache(path.join(file, 'yaml')));
    expect(readYaml(RICH).value).toEqual(parseYaml(RICH).value);
    expect(readYaml(RICH).value).toEqual(parseYaml(RICH).value);
  });

  it('lives beside the other caches; DEPLOY_ACTION_CACHE=off turns it off', () => {
    expect(yamlCacheDirectory({ RUNNER_TOOL_CACHE: '/opt/tools', HOME: '/h' }, 'abc')).toBe('/opt/tools/deploy-action/yaml/abc');
    expect(yamlCacheDirectory({ DEPLOY_ACTION_CACHE_DIR: '/c', HOME: '/h' }, 'abc')).toBe('/c/yaml/abc');
    expect(yamlCacheDirectory({ DEPLOY_ACTION_CACHE: 'off', HOME: '/h' }, 'abc')).toBeUndefined();
  });
});

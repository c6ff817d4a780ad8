import { describe, expect, it } from 'vitest';
import { PythonFloat } from '../../src/core/templating/index.js';
import { compareServerVersions, parseServerVersion, serverHas, unsupportedFields, withoutNullVersionedFields } from '../../src/prefect/server-version.js';

describe('server versions', () => {
  it.each([
    ['3.4.25', [3, 4, 25]],
    ['3.9', [3, 9, 0]],
    ['3.6.17.dev3', [3, 6, 17]],
    ['3.10.0rc1', [3, 10, 0]],
    ['cloud', undefined],
  ] as const)('parses %s', (text, parsed) => {
    expect(parseServerVersion(text)).toEqual(parsed);
  });

  it('compares by number, not as text, and takes an unknown version as current', () => {
    expect(compareServerVersions('3.10.0', '3.9.1')).toBeGreaterThan(0);
    expect(compareServerVersions('3.6.9', '3.6.17')).toBeLessThan(0);
    expect(serverHas('3.6.16', '3.6.17')).toBe(false);
    expect(serverHas('3.6.17', '3.6.17')).toBe(true);
    expect(serverHas(undefined, '3.6.17')).toBe(true);
  });
});

const body = {
  schedules: [
    { schedule: { cron: '0 * * * *' }, slug: 'a', replaces: null },
    { schedule: { cron: '0 1 * * *' }, slug: 'b', replaces: 'old-b' },
  ],
  concurrency_options: { collision_strategy: 'ENQUEUE', grace_period_seconds: 120 },
};

describe('versioned deployment fields', () => {
  it('leaves out the ones that are null, on every server, and nothing else', () => {
    const out = withoutNullVersionedFields({ ...body, concurrency_options: { collision_strategy: 'ENQUEUE', grace_period_seconds: null }, path: null });
    expect(out).toEqual({
      schedules: [{ schedule: { cron: '0 * * * *' }, slug: 'a' }, body.schedules[1]],
      concurrency_options: { collision_strategy: 'ENQUEUE' },
      path: null,
    });
    expect(body.schedules[0]).toHaveProperty('replaces', null);
  });

  it('keeps every other value as it is: an integral float (sent as `1.0`) stays that object', () => {
    const ratio = new PythonFloat(1);
    const out = withoutNullVersionedFields({ ...body, parameters: { ratio }, job_variables: { cpu: [ratio] } });
    expect(out.parameters.ratio).toBe(ratio);
    expect(JSON.stringify(out.job_variables)).toBe('{"cpu":[1.0]}');
  });

  it('names each one set that the server lacks, where prefect.yaml sets it', () => {
    expect(unsupportedFields(body, '3.4.25').map((u) => [u.path, u.yamlPath])).toEqual([
      [
        ['schedules', 1, 'replaces'],
        ['schedules', 1, 'replaces'],
      ],
      [
        ['concurrency_options', 'grace_period_seconds'],
        ['concurrency_limit', 'grace_period_seconds'],
      ],
    ]);
    expect(unsupportedFields(body, '3.6.10').map((u) => u.path)).toEqual([['schedules', 1, 'replaces']]);
    expect(unsupportedFields(body, '3.6.29')).toEqual([]);
    expect(unsupportedFields(body, undefined)).toEqual([]);
  });
});

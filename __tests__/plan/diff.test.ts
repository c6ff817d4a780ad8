import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../../src/core/plan/diff.js';
import { PythonFloat } from '../../src/core/values/index.js';

describe('jsonEqual compares values as they travel to the server and back', () => {
  it.each([
    ['a float written 1.0 and the 1 read back', new PythonFloat(1), 1, true],
    ['floats inside mappings and lists', { a: [new PythonFloat(2)] }, { a: [2] }, true],
    ['a float and another number', new PythonFloat(1), 2, false],
    ['.inf and the null it is sent as', Number.POSITIVE_INFINITY, null, true],
    ['.nan and the null it is sent as', { x: Number.NaN }, { x: null }, true],
    ['.nan and a number', Number.NaN, 0, false],
    ['key order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['list order', [1, 2], [2, 1], false],
  ])('%s', (_title, a, b, equal) => {
    expect(jsonEqual(a, b)).toBe(equal);
    expect(jsonEqual(b, a)).toBe(equal);
  });
});

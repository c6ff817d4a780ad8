/** The commands sit under the doors: nothing in src/commands imports src/github or src/cli. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../src/commands');

describe('src/commands', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s imports neither github/ nor cli/', (file) => {
    const imports = [...readFileSync(path.join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    expect(imports.filter((i) => /\/(github|cli)\//.test(i) || /^\.\.\/(github|cli)\b/.test(i))).toEqual([]);
  });
});

/**
 * The Python environments the suite measures against are exactly their locks: the reference venv
 * (prefect and every dependency: the compatibility claims are made against these versions), the
 * peers' venv (moto) and the flow corpus's dependencies. A package that floated, or one installed by
 * hand, fails here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { referencePython } from './prefect-server.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** PEP 503: names compare lower-cased with runs of `-`, `_`, `.` as one `-`. */
const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

function lockPins(file: string): Map<string, string> {
  const pins = new Map<string, string>();
  for (const line of readFileSync(path.join(repoRoot, 'scripts/locks', file), 'utf8').split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)/.exec(line);
    if (m) pins.set(normalize(m[1]!), m[2]!);
  }
  return pins;
}

function installed(python: string): Map<string, string> {
  const script = 'import importlib.metadata as m, json; print(json.dumps({d.metadata["Name"]: d.version for d in m.distributions()}))';
  const out = JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf8' })) as Record<string, string>;
  return new Map(Object.entries(out).map(([name, version]) => [normalize(name), version]));
}

const sorted = (m: Map<string, string>): string[] => [...m].map(([k, v]) => `${k}==${v}`).sort();

describe('locked Python environments', () => {
  it('the reference venv holds exactly scripts/locks/reference.lock', async () => {
    const pins = lockPins('reference.lock');
    expect(pins.get('prefect')).toBe(readFileSync(path.join(repoRoot, 'scripts/reference-version.txt'), 'utf8').trim());
    expect(pins.size).toBeGreaterThan(100);
    expect(sorted(installed(await referencePython()))).toEqual(sorted(pins));
  }, 900_000);

  it.each([
    ['peers', '.venv-peers', 'moto', 'scripts/peers-install.sh'],
    ['flows-deps', '.venv-flows-deps', 'pandas', 'scripts/flows-deps-venv.sh'],
  ])('the %s venv holds exactly scripts/locks/%s.lock', (lock, venv, member, script) => {
    const python = path.join(repoRoot, venv, 'bin/python');
    if (!existsSync(python)) throw new Error(`no ${venv}: run ${script}`);
    const pins = lockPins(`${lock}.lock`);
    expect(pins.has(member)).toBe(true);
    expect(sorted(installed(python))).toEqual(sorted(pins));
  });
});

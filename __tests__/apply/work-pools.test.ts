/**
 * The work pools a validation reads: each once for the run (several projects' validations share
 * the reads), and a failed read reported as such by every validation that needed it, never as a
 * pool that does not exist.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDeployments } from '../../src/core/apply/index.js';
import type { Mapping } from '../../src/core/config/index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'work-pools-'));
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), 'from prefect import flow\n\n\n@flow\ndef f(x: int = 1):\n    pass\n');
  writeFileSync(
    path.join(dir, 'prefect.yaml'),
    ['a', 'b', 'c']
      .map((n) => `  - name: ${n}\n    entrypoint: flows/f.py:f\n    work_pool: {name: ${n === 'c' ? 'other-pool' : 'shared-pool'}}\n`)
      .join('')
      .replace(/^/, 'deployments:\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noGit = (): Promise<string> => Promise.reject(new Error('not a git repository'));
const errors = (plan: { diagnostics: { severity: string }[] }) => plan.diagnostics.filter((d) => d.severity === 'error');

function validate(readWorkPool: (name: string) => Promise<Mapping | undefined>, workPools: Map<string, Promise<Mapping | undefined>>) {
  return validateDeployments({
    prefectFile: 'prefect.yaml',
    selection: { all: true, names: [] },
    cwd: dir,
    env: {},
    now: new Date('2026-03-02T08:00:00Z'),
    git: noGit,
    client: { readWorkPool, serverVersion: async () => undefined },
    stepRunner: { missingPythonBeforeSteps: async () => undefined },
    workPools,
  });
}

describe('work pools in validation', () => {
  it('reads each pool once for all the validations of a run', async () => {
    const asked: string[] = [];
    const pools = new Map<string, Promise<Mapping | undefined>>();
    const read = async (name: string) => (asked.push(name), { name, type: 'process' });
    for (let i = 0; i < 3; i++) expect(errors(await validate(read, pools))).toEqual([]);
    expect(asked).toEqual(['shared-pool', 'other-pool']);
  });

  it('a failed read fails the validation with its error (even while another pool is still being read), and the next validation asks again', async () => {
    const pools = new Map<string, Promise<Mapping | undefined>>();
    let calls = 0;
    // shared-pool answers late; other-pool fails at once, before the validation gets to it
    const failing = async (name: string): Promise<Mapping | undefined> => {
      if (name === 'shared-pool') return new Promise((resolve) => setTimeout(() => resolve({ name, type: 'process' }), 20));
      calls++;
      throw new Error('HTTP 500 reading the pool');
    };
    await expect(validate(failing, pools)).rejects.toThrow('HTTP 500 reading the pool');
    await expect(validate(failing, pools)).rejects.toThrow('HTTP 500 reading the pool');
    expect(calls).toBe(2);
    expect(errors(await validate(async (name) => ({ name, type: 'process' }), pools))).toEqual([]);
  });
});

/**
 * A plan gives the event loop a turn every few milliseconds: what `onSelected` starts (the early
 * server reads of a deploy) makes progress while the deployments are planned, not after.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowAnalysisDiskCache } from '../../src/core/flows/disk-cache.js';
import { setFlowAnalysisDiskCache } from '../../src/core/flows/index.js';
import { createPlan } from '../../src/core/plan/index.js';

const dirs: string[] = [];
afterAll(() => {
  setFlowAnalysisDiskCache(null);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(n: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-turns-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'flows'));
  const deployments: string[] = [];
  for (let i = 0; i < n; i++) {
    writeFileSync(
      path.join(dir, 'flows', `f${i}.py`),
      `from prefect import flow\n\n\n@flow(name="turns-${i}")\ndef f${i}(day: str = "mon", size: int = ${i}, ratio: float = 0.5):\n    """Flow ${i}."""\n`,
    );
    deployments.push(`  - name: d${i}\n    entrypoint: flows/f${i}.py:f${i}\n    work_pool: {name: pool}\n    schedules:\n      - cron: "${i % 60} 3 * * *"\n`);
  }
  writeFileSync(path.join(dir, 'prefect.yaml'), `deployments:\n${deployments.join('')}`);
  return dir;
}

describe('planning many deployments', () => {
  it('lets a timer started when the deployments are selected fire before the plan is done, and keeps file order', async () => {
    const n = 150;
    const cwd = project(n);
    // A re-run outside a git checkout: every flow analysis comes from the cache between runs and
    // git answers at once, so nothing in the plan waits on I/O of its own.
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'plan-turns-cache-'));
    dirs.push(cacheDir);
    const kept = new FlowAnalysisDiskCache(cacheDir);
    setFlowAnalysisDiskCache(kept);
    const request = {
      prefectFile: 'prefect.yaml',
      selection: { all: true, names: [] },
      cwd,
      env: {},
      now: new Date('2026-01-01T00:00:00Z'),
      git: () => Promise.reject(new Error('not a git checkout')),
    };
    await createPlan(request);
    await kept.settled();
    let planned = false;
    let firedDuringPlan: boolean | undefined;
    const started = performance.now();
    const plan = await createPlan({
      ...request,
      onSelected: () => {
        setTimeout(() => (firedDuringPlan = !planned), 5);
      },
    });
    planned = true;
    const took = performance.now() - started;
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan.deployments.map((d) => d.name)).toEqual(Array.from({ length: n }, (_, i) => `d${i}`));
    // the plan itself must outlast the timer for the question to mean anything
    expect(took).toBeGreaterThan(20);
    expect(firedDuringPlan).toBe(true);
  });
});

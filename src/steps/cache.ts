/**
 * Run-once for identical step invocations. With `--all`, several deployments often share the same
 * top-level build/push steps; the reference re-runs them per deployment (only the Docker steps are
 * memoised). Here one run per (step, templated inputs, `requires:`, cwd) serves every deployment,
 * and callers that arrive while it runs await the same promise.
 */
import type { StepRun, StepRunCache } from '../core/apply/step-runner.js';
import { PythonFloat } from '../core/values/index.js';

export type { StepRun };

export class StepCache implements StepRunCache {
  private readonly runs = new Map<string, Promise<StepRun>>();

  /** The shared run for `key`, started with `start` when there is none yet. Failures are shared too. */
  run(key: string, start: () => Promise<StepRun>): { run: Promise<StepRun>; reused: boolean } {
    const existing = this.runs.get(key);
    if (existing) return { run: existing, reused: true };
    const run = start();
    this.runs.set(key, run);
    return { run, reused: false };
  }

  get size(): number {
    return this.runs.size;
  }
}

/**
 * The cache key: name, inputs with mapping keys sorted (order does not change a call), cwd, and a
 * custom step's `requires:` (it picks the environment the function runs in, so the same inputs
 * with other requirements are another invocation).
 */
export function stepCacheKey(name: string, inputs: Record<string, unknown>, cwd: string, requires?: unknown): string {
  return JSON.stringify([name, canonical(inputs), cwd, canonical(requires ?? null)]);
}

function canonical(value: unknown): unknown {
  if (value instanceof PythonFloat) return { __float__: value.value };
  if (value instanceof Date) return { __date__: value.toISOString() };
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return { __mapping__: out };
  }
  if (typeof value === 'bigint') return { __int__: value.toString() };
  if (value === undefined) return { __undefined__: true };
  return value;
}

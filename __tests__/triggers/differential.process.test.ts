import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { automationBody, parseTimedelta, slaBodies, validateSlas, validateTriggers } from '../../src/core/triggers/index.js';
import { DEPLOYMENT_ID, DURATIONS, SLA_CASES, TRIGGER_CASES } from './differential.cases.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const DEFAULT_DEPLOYMENT = 'my-deployment';

interface ReferenceResult {
  error: string | null;
  bodies: Record<string, unknown>[] | null;
}

/** The reference venv's python; creates the venv when missing (a failure fails the suite). */
function referencePython(): string {
  const python = join(root, '.venv-ref/bin/python');
  if (existsSync(python)) return python;
  const out = execFileSync('bash', [join(root, 'scripts/reference-venv.sh')], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return out.trim().split('\n').at(-1)!;
}

/**
 * Python sets (`after`, `expect`, `for_each`) serialise in hash order, which changes from run to
 * run; the server stores them as sets, so both sides are compared sorted.
 */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = ['after', 'expect', 'for_each'].includes(k) && Array.isArray(v) ? [...(v as string[])].sort() : normalized(v);
  }
  return out;
}

/** Key order as sent, at every level. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value !== 'object' || value === null) return null;
  return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
}

let reference: { triggers: ReferenceResult[]; slas: ReferenceResult[]; durations: (number | null)[] };

beforeAll(() => {
  const input = JSON.stringify({
    deploymentId: DEPLOYMENT_ID,
    triggers: TRIGGER_CASES.map((c) => ({ deployment: c.deployment ?? DEFAULT_DEPLOYMENT, specs: c.specs })),
    slas: SLA_CASES.map((c) => c.specs),
    durations: DURATIONS,
  });
  const out = execFileSync(referencePython(), [join(here, 'reference.py')], {
    input,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, PREFECT_HOME: join(root, '.venv-ref/.prefect-home'), PYTHONWARNINGS: 'ignore' },
  });
  reference = JSON.parse(out) as typeof reference;
}, 600_000);

describe('deployment triggers match Prefect 3.9.1', () => {
  it('covers at least 30 valid and 8 invalid specs', () => {
    expect(TRIGGER_CASES.filter((c) => c.valid).length).toBeGreaterThanOrEqual(30);
    expect(TRIGGER_CASES.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(8);
    expect(reference.triggers).toHaveLength(TRIGGER_CASES.length);
  });

  it.each(TRIGGER_CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = TRIGGER_CASES[i]!;
    const ref = reference.triggers[i]!;
    expect({ referenceAccepts: ref.error === null }, ref.error ?? '').toEqual({ referenceAccepts: c.valid });

    const ours = validateTriggers(structuredClone(c.specs), c.deployment ?? DEFAULT_DEPLOYMENT);
    expect({ weAccept: ours.errors.length === 0 }, JSON.stringify(ours.errors)).toEqual({ weAccept: ref.error === null });
    if (ref.error !== null) {
      for (const e of ours.errors) expect(e.message).not.toBe('');
      return;
    }
    const bodies = ours.triggers.map((t) => automationBody(t, DEPLOYMENT_ID));
    expect(normalized(bodies)).toEqual(normalized(ref.bodies));
    expect(keyOrder(bodies)).toEqual(keyOrder(ref.bodies));
  });
});

describe('deployment SLAs match Prefect 3.9.1', () => {
  it('covers at least 6 specs', () => {
    expect(SLA_CASES.length).toBeGreaterThanOrEqual(6);
    expect(reference.slas).toHaveLength(SLA_CASES.length);
  });

  it.each(SLA_CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = SLA_CASES[i]!;
    const ref = reference.slas[i]!;
    expect({ referenceAccepts: ref.error === null }, ref.error ?? '').toEqual({ referenceAccepts: c.valid });

    const ours = validateSlas(structuredClone(c.specs));
    expect({ weAccept: ours.errors.length === 0 }, JSON.stringify(ours.errors)).toEqual({ weAccept: ref.error === null });
    if (ref.error !== null) return;
    const bodies = slaBodies(ours.slas, DEPLOYMENT_ID);
    expect(bodies).toEqual(ref.bodies);
    expect(keyOrder(bodies)).toEqual(keyOrder(ref.bodies));
  });
});

describe('durations match pydantic 2.14 timedelta', () => {
  it.each(DURATIONS.map((d, i) => [JSON.stringify(d), i] as const))('%s', (_name, i) => {
    const ours = parseTimedelta(DURATIONS[i]);
    expect('seconds' in ours ? ours.seconds : null).toBe(reference.durations[i]);
  });
});

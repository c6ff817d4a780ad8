import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertScheduleItem, nextRunTimes, validateRawScheduleItem } from '../../src/core/schedules/index.js';
import { AFTER, CASES, NOW } from './differential.cases.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const COUNT = 3;

interface ReferenceResult {
  load: string | null;
  error: string | null;
  create: unknown;
  update: unknown;
  next: string[] | null;
}

/** The reference venv's python; creates the venv when missing (a failure fails the suite). */
function referencePython(): string {
  const python = join(root, '.venv-ref/bin/python');
  if (existsSync(python)) return python;
  const out = execFileSync('bash', [join(root, 'scripts/reference-venv.sh')], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return out.trim().split('\n').at(-1)!;
}

/**
 * dateutil's reasons are not reproduced word for word; the verdict and the quoted rule are. An
 * extra key in RRule JSON is named (Prefect's message does not say which key).
 */
function comparable(message: string): string {
  const rrule = /^(Invalid RRule string "[^]*?")(: |\n)/.exec(message);
  if (/^extra key "[^"]+" in the RRule JSON not permitted \(remove it; allowed: rrule, timezone\)$/.test(message)) return 'Extra inputs are not permitted';
  return rrule ? rrule[1]! : message;
}

let reference: ReferenceResult[] = [];

beforeAll(() => {
  const input = JSON.stringify({
    now: NOW,
    cases: CASES.map((c) => ({ item: c.item, after: c.after ?? AFTER, count: COUNT })),
  });
  const out = execFileSync(referencePython(), [join(here, 'reference.py')], {
    input,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, PREFECT_HOME: join(root, '.venv-ref/.prefect-home'), PYTHONWARNINGS: 'ignore' },
  });
  reference = JSON.parse(out) as ReferenceResult[];
}, 600_000);

describe('schedules match Prefect 3.9.1', () => {
  it('covers at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(reference).toHaveLength(CASES.length);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CASES[i]!;
    const ref = reference[i]!;
    const loaded = validateRawScheduleItem(c.item);
    expect({ loadRejected: loaded.errors.length > 0 }).toEqual({ loadRejected: ref.load !== null });
    if (ref.load !== null) return;

    const converted = convertScheduleItem(c.item, [], { now: new Date(NOW) });
    if (!converted.ok) {
      expect(ref.error, `we rejected: ${converted.error.message}`).not.toBeNull();
      expect(comparable(converted.error.message)).toBe(comparable(ref.error!));
      return;
    }
    expect(ref.error).toBeNull();
    expect(converted.value.create).toEqual(ref.create);
    expect(converted.value.update).toEqual(ref.update);
    expect(nextRunTimes(converted.value.create.schedule, COUNT, new Date(c.after ?? AFTER))).toEqual(ref.next);
  });
});

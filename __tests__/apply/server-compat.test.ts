import { describe, expect, it } from 'vitest';
import { serverCompatibility } from '../../src/core/apply/server-compat.js';
import type { DesiredDeployment, Plan } from '../../src/core/plan/index.js';

function plan(...payloads: Record<string, unknown>[]): Plan {
  return {
    prefectFile: 'prefect.yaml',
    deployments: payloads.map((payload, index) => ({ index, name: `d${index}`, payload }) as unknown as DesiredDeployment),
    diagnostics: [],
    positionOf: (path) => ({ line: 10 + path.length, column: Number(path[1]) + 1 }),
  };
}

const graceful = { schedules: [], concurrency_options: { collision_strategy: 'CANCEL_NEW', grace_period_seconds: 300 } };
const replacing = { schedules: [{ schedule: { interval: 60 }, slug: 'b', replaces: 'a' }], concurrency_options: null };

describe('what the server can store', () => {
  it('refuses each deployment setting a field its release lacks, at the field in prefect.yaml', () => {
    expect(serverCompatibility(plan({ schedules: [] }, graceful, replacing), '3.4.25')).toEqual([
      {
        severity: 'error',
        file: 'prefect.yaml',
        deployment: 'd1',
        line: 14,
        column: 2,
        message:
          'concurrency_limit.grace_period_seconds needs Prefect server 3.6.6 or newer, and this server runs 3.4.25 (it would drop it without a word); upgrade the server or remove concurrency_limit.grace_period_seconds',
      },
      {
        severity: 'error',
        file: 'prefect.yaml',
        deployment: 'd2',
        line: 15,
        column: 3,
        message:
          'schedules[0].replaces needs Prefect server 3.6.17 or newer, and this server runs 3.4.25 (it would refuse the deployment); upgrade the server or remove schedules[0].replaces',
      },
    ]);
  });

  it('has nothing to say for a release that has them, or for Prefect Cloud (no version)', () => {
    expect(serverCompatibility(plan(graceful, replacing), '3.6.17')).toEqual([]);
    expect(serverCompatibility(plan(graceful, replacing), undefined)).toEqual([]);
  });

  it('warns about a release older than the oldest tested one', () => {
    expect(serverCompatibility(plan({ schedules: [] }), '3.2.7')).toEqual([
      {
        severity: 'warning',
        file: 'prefect.yaml',
        message: 'the Prefect server runs 3.2.7, older than the oldest release this deploy is tested with (3.4.25); upgrade the server if it refuses a write',
      },
    ]);
  });
});

/**
 * One validation, three commands: every error `deploy` can raise before its first write, raised by
 * `validate` and `plan` too, with the same message at the same place. A table of failing
 * prefect.yaml files, one per class of error, each beside a valid deployment; `deploy` against the
 * suite's real server must stop with the error and write nothing (no flow, no deployment, not even
 * the valid one), and `validate` (live, and offline where the check needs no server) and an offline
 * `plan` must report exactly the same errors.
 *
 * Where `deploy` can stop before writing (src/core/apply/index.ts), and the rows that cover it:
 * - loading prefect.yaml and checking its fields and steps (config/validate.ts): the `config-*` rows;
 * - selecting deployments and the `prefect deploy` options: `select-*`, `options-*`;
 * - each deployment's pipeline (plan/desired.ts): entrypoint and flow, name, work pool, templates
 *   (a missing block; a missing variable is left as written, as the reference does), schedules, triggers, version type, concurrency limit, work queue name,
 *   parameters: the `deployment-*`, `schedule-*`, `trigger-*`, `template-*`, `parameters-*` rows;
 * - names unique per flow (plan/index.ts): `names-duplicate`;
 * - a Python for the steps that need one (steps/python/preflight.ts): `steps-no-python`;
 * - the work pools (apply/index.ts): `pool-*`.
 * After those, `deploy` runs steps (failures there are not validation) and plans again with their
 * outputs, through the same pipeline.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `parity-${RUN}`;
const AGENT_POOL = `parity-agent-${RUN}`;

const flowFile = (flowName: string) => `from typing import Literal
from prefect import flow


@flow(name="${flowName}")
def regional(region: Literal["eu", "us", "apac"] = "eu", dry_run: bool = False):
    pass


def not_a_flow():
    pass
`;

const good = `  - name: good
    entrypoint: flows/f.py:regional
    parameters: {region: us}
    work_pool: {name: ${POOL}}
`;

interface Row {
  name: string;
  /** The failing deployment(s), under `deployments:` beside `good`. */
  yaml: string;
  /** Whether the check needs no server (offline validate and plan raise it too). */
  offline: boolean;
  args?: string[];
  env?: Record<string, string>;
  /** The error, to make sure each row fails for its own reason. */
  expect: RegExp;
}

const dep = (body: string, name = 'bad') => `  - name: ${name}
    entrypoint: flows/f.py:regional
    work_pool: {name: ${POOL}}
${body}`;

const ROWS: Row[] = [
  {
    name: 'config-unknown-step-input',
    offline: true,
    yaml: dep('    build:\n      - prefect.deployments.steps.run_shell_script:\n          script: echo hi\n          nonsense: 1\n'),
    expect: /has no input "nonsense"/,
  },
  { name: 'config-field-type', offline: true, yaml: dep('    tags: {a: 1}\n'), expect: /tags/ },
  { name: 'config-version-type', offline: true, yaml: dep('    version_type: vcs:svn\n'), expect: /version_type/ },
  { name: 'select-no-match', offline: true, yaml: '', args: ['deploy', '-n', 'nope'], expect: /nope/ },
  { name: 'options-param-and-params', offline: true, yaml: '', args: ['deploy', '-n', 'good', '--param', 'region=eu', '--params', '{}'], expect: /only pass one of/ },
  {
    name: 'deployment-entrypoint-missing',
    offline: true,
    yaml: `  - name: bad\n    entrypoint: flows/missing.py:regional\n    work_pool: {name: ${POOL}}\n`,
    expect: /missing\.py/,
  },
  {
    name: 'deployment-not-a-flow',
    offline: true,
    yaml: `  - name: bad\n    entrypoint: flows/f.py:not_a_flow\n    work_pool: {name: ${POOL}}\n`,
    expect: /is not a flow/,
  },
  { name: 'deployment-no-work-pool', offline: true, yaml: '  - name: bad\n    entrypoint: flows/f.py:regional\n', expect: /no work pool/ },
  { name: 'deployment-concurrency-limit', offline: true, yaml: dep('    concurrency_limit: 0\n'), expect: /must be greater than 0/ },
  {
    name: 'deployment-work-queue-name',
    offline: true,
    yaml: `  - name: bad\n    entrypoint: flows/f.py:regional\n    work_pool: {name: ${POOL}, work_queue_name: "a/b"}\n`,
    expect: /does not allow in names/,
  },
  { name: 'schedule-cron', offline: true, yaml: dep('    schedules:\n      - cron: "61 * * * *"\n'), expect: /cron/i },
  { name: 'schedule-timezone', offline: true, yaml: dep('    schedules:\n      - cron: "0 1 * * *"\n        timezone: Mars/Olympus\n'), expect: /Mars\/Olympus/ },
  { name: 'schedule-interval-too-long', offline: true, yaml: dep('    schedules:\n      - interval: 99999999999999\n'), expect: /999,999,999 days/ },
  {
    name: 'schedule-duplicate-slugs',
    offline: true,
    yaml: dep('    schedules:\n      - {cron: "0 1 * * *", slug: a}\n      - {cron: "0 2 * * *", slug: a}\n'),
    expect: /schedules\[1\]\.slug: slug "a" is also the slug of schedules\[0\]/,
  },
  { name: 'trigger-invalid', offline: true, yaml: dep('    triggers:\n      - type: event\n        posture: Sideways\n'), expect: /triggers\[0\]/ },
  {
    name: 'parameters-literal-and-bool',
    offline: true,
    yaml: dep('    parameters:\n      region: us-east\n      dry_run: maybe\n'),
    expect: /parameter "region": 'us-east' is not one of eu, us, apac/,
  },
  {
    name: 'parameters-schedule',
    offline: true,
    yaml: dep('    schedules:\n      - cron: "0 1 * * *"\n        parameters: {dry_run: sometimes}\n'),
    expect: /parameter "dry_run"/,
  },
  { name: 'names-duplicate', offline: true, yaml: dep('', 'good'), expect: /names must be unique per flow/ },
  {
    name: 'steps-no-python',
    offline: true,
    yaml: dep('    build:\n      - mysteps.build.make_outputs:\n          name: x\n'),
    env: { PATH: '/nonexistent' },
    expect: /install Python/,
  },
  { name: 'template-missing-block', offline: false, yaml: dep('    description: "{{ prefect.blocks.secret.nope-' + RUN + ' }}"\n'), expect: /nope-/ },
  { name: 'pool-missing', offline: false, yaml: `  - name: bad\n    entrypoint: flows/f.py:regional\n    work_pool: {name: nope-${RUN}}\n`, expect: /does not exist/ },
  {
    name: 'pool-prefect-agent',
    offline: false,
    yaml: `  - name: bad\n    entrypoint: flows/f.py:regional\n    work_pool: {name: ${AGENT_POOL}}\n`,
    expect: /prefect-agent/,
  },
];

const api = serverApi(apiUrl, { alsoOk: [409] });

async function ours(dir: string, args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd: dir, env, now: () => new Date() });
  const json = JSON.parse(stdout) as { errors: unknown[] };
  return { code, stderr, errors: json.errors };
}

const dirs: string[] = [];
beforeAll(async () => {
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
  await api('POST', '/work_pools/', { name: AGENT_POOL, type: 'prefect-agent' });
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(flowName: string, yaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'parity-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), flowFile(flowName));
  writeFileSync(path.join(dir, 'prefect.yaml'), `deployments:\n${good}${yaml}`);
  return dir;
}

describe('every error deploy raises before its first write, validate and plan raise too', () => {
  it.each(ROWS.map((row, i) => ({ ...row, i })))('$name', async (row) => {
    const flowName = `parity-${RUN}-${row.i}`;
    const dir = project(flowName, row.yaml);
    const args = (row.args ?? ['deploy', '--all']).slice(1);
    const live = { PREFECT_API_URL: apiUrl, ...row.env };

    const deployed = await ours(dir, ['deploy', ...args, '--json'], live);
    expect(deployed.code, deployed.stderr).toBe(1);
    expect((deployed.errors as { message: string }[]).map((e) => e.message).join('\n')).toMatch(row.expect);
    // Nothing written: not the valid deployment, not even the flow.
    expect(await api('POST', '/flows/filter', { flows: { name: { any_: [flowName] } } })).toEqual([]);
    expect(await api('POST', '/deployments/filter', { flows: { name: { any_: [flowName] } } })).toEqual([]);

    const validated = await ours(dir, ['validate', ...args, '--json'], live);
    expect({ code: validated.code, errors: validated.errors }).toEqual({ code: 1, errors: deployed.errors });
    const planned = await ours(dir, ['plan', ...args, '--json'], live);
    expect({ code: planned.code, errors: planned.errors }).toEqual({ code: 1, errors: deployed.errors });
    if (row.offline) {
      for (const verb of ['validate', 'plan']) {
        const offline = await ours(dir, [verb, ...args, '--offline', '--json'], row.env ?? {});
        expect({ verb, code: offline.code, errors: offline.errors }).toEqual({ verb, code: 1, errors: deployed.errors });
      }
    }
  });

  it('the Literal/bool example: validate and an offline plan name each parameter at its line; deploy writes nothing', async () => {
    const flowName = `parity-${RUN}-example`;
    const dir = project(flowName, dep('    parameters:\n      region: us-east\n      dry_run: maybe\n', 'regional'));
    const expected = [
      `prefect.yaml:10:15: deployment "regional": parameter "region": 'us-east' is not one of eu, us, apac`,
      `prefect.yaml:11:16: deployment "regional": parameter "dry_run": 'maybe' is not of type boolean`,
    ];
    for (const args of [
      ['validate', '--all', '--offline'],
      ['plan', '--all', '--offline'],
      ['deploy', '--all'],
    ]) {
      let stderr = '';
      const code = await main(args, { stdout: () => {}, stderr: (t) => (stderr += `${t}\n`), cwd: dir, env: { PREFECT_API_URL: apiUrl }, now: () => new Date() });
      expect({ args, code, lines: stderr.split('\n').filter((l) => l.includes('parameter "')) }).toEqual({ args, code: 1, lines: expected });
    }
    expect(await api('POST', '/flows/filter', { flows: { name: { any_: [flowName] } } })).toEqual([]);
  });

  it('a value from a step output is judged once the steps ran, before the first write', async () => {
    const flowName = `parity-${RUN}-steps`;
    const steps = '    build:\n      - prefect.deployments.steps.run_shell_script:\n          id: pick\n          script: echo us-east\n';
    const dir = project(flowName, dep(`${steps}    parameters:\n      region: "{{ pick.stdout }}"\n`, 'stepped'));
    const env = { PREFECT_API_URL: apiUrl, PATH: process.env.PATH ?? '' };
    // Offline the placeholder is not what will be sent: it is left alone.
    expect((await ours(dir, ['validate', '--all', '--offline', '--json'], env)).code).toBe(0);
    const deployed = await ours(dir, ['deploy', '--all', '--json'], env);
    expect({ code: deployed.code, messages: (deployed.errors as { message: string }[]).map((e) => e.message) }).toEqual({
      code: 1,
      messages: [`parameter "region": 'us-east' is not one of eu, us, apac`],
    });
    expect(await api('POST', '/flows/filter', { flows: { name: { any_: [flowName] } } })).toEqual([]);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const root = path.resolve(import.meta.dirname, '../..');

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd, env: {}, now: () => new Date('2026-11-22T12:00:00Z') });
  return { code, stdout, stderr };
}

let work: string;
/** The end-to-end fixture: its flows are renamed (`@flow(name="e2e-load-orders")` on `load_orders`). */
let renamed: string;
/** One deployment name under two flows, told apart only by the flow part. */
let twins: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'list-'));
  cpSync(path.join(root, 'examples', 'local-etl'), work, { recursive: true });
  renamed = mkdtempSync(path.join(tmpdir(), 'list-renamed-'));
  cpSync(path.join(root, '__tests__', 'e2e', 'fixtures', 'etl-repo'), renamed, { recursive: true });
  const file = path.join(renamed, 'prefect.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('__SUFFIX__', 'x'));
  twins = mkdtempSync(path.join(tmpdir(), 'list-twins-'));
  cpSync(path.join(renamed, 'flows'), path.join(twins, 'flows'), { recursive: true });
  writeFileSync(
    path.join(twins, 'prefect.yaml'),
    [
      'deployments:',
      ...['load_orders', 'orders_report'].flatMap((fn) => [`  - name: prod`, `    entrypoint: flows/orders.py:${fn}`, '    work_pool: {name: pool}']),
    ].join('\n'),
  );
});
afterAll(() => {
  for (const dir of [work, renamed, twins]) rmSync(dir, { recursive: true, force: true });
});

describe('prefect-deploy list', () => {
  it('prints a CI matrix of every deployment with --matrix', async () => {
    const { code, stdout } = await cli(['list', '--all', '--matrix'], work);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({
      include: [
        { deployment: 'sales-etl/sales-nightly', name: 'sales-nightly', flow: 'sales-etl', entrypoint: 'flows/etl.py:sales_etl' },
        { deployment: 'sales-etl/sales-hourly-us', name: 'sales-hourly-us', flow: 'sales-etl', entrypoint: 'flows/etl.py:sales_etl' },
        { deployment: 'refresh-dashboards/dashboards', name: 'dashboards', flow: 'refresh-dashboards', entrypoint: expect.stringMatching(/:refresh_dashboards$/) },
      ],
    });
  });

  it('selects with -n like plan, and lists everything without a selection', async () => {
    const some = await cli(['list', '-n', 'sales-*', '--json'], work);
    expect(some.code).toBe(0);
    const out = JSON.parse(some.stdout);
    expect(out.deployments.map((d: { deployment: string }) => d.deployment)).toEqual(['sales-etl/sales-nightly', 'sales-etl/sales-hourly-us']);
    expect(out.deployments[0]).toMatchObject({ work_pool: 'k8s-prod', work_queue: 'etl' });
    const all = await cli(['list', '--matrix'], work);
    expect(JSON.parse(all.stdout).include).toHaveLength(3);
  });

  it('prints a table for people', async () => {
    const { code, stdout } = await cli(['list'], work);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^DEPLOYMENT\s+FLOW\s+ENTRYPOINT\s+WORK POOL$/m);
    expect(stdout).toMatch(/^sales-etl\/sales-nightly\s+sales-etl\s+flows\/etl\.py:sales_etl\s+k8s-prod \(etl\)$/m);
    const other = await cli(['list'], renamed);
    expect(other.stdout).toMatch(/^load-orders\/orders-hourly-x\s+e2e-load-orders\s+flows\/orders\.py:load_orders\s+e2e-pool-x$/m);
  });

  it('names each deployment by what -n selects it by when @flow(name=...) renames the flow', async () => {
    const { code, stdout } = await cli(['list', '--matrix'], renamed);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).include).toEqual([
      { deployment: 'load-orders/orders-hourly-x', name: 'orders-hourly-x', flow: 'e2e-load-orders', entrypoint: 'flows/orders.py:load_orders' },
      { deployment: 'load-orders/orders-us-x', name: 'orders-us-x', flow: 'e2e-load-orders', entrypoint: 'flows/orders.py:load_orders' },
      { deployment: 'orders-report/report-x', name: 'report-x', flow: 'e2e-orders-report', entrypoint: 'flows/orders.py:orders_report' },
    ]);
    // Prefect's flow name is not what a flow/ part is compared with (as in prefect deploy -n).
    expect((await cli(['list', '-n', 'e2e-load-orders/orders-hourly-x'], renamed)).code).toBe(1);
  });

  it.each([
    ['examples/local-etl', () => work],
    ['renamed flows', () => renamed],
    ['one name under two flows', () => twins],
  ])('every --matrix entry selects exactly its deployment with plan --name (%s)', async (_, dir) => {
    const matrix = await cli(['list', '--matrix'], dir());
    expect(matrix.code, matrix.stderr).toBe(0);
    const entries = JSON.parse(matrix.stdout).include as { deployment: string; name: string; flow: string; entrypoint: string }[];
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      const plan = await cli(['plan', '--name', entry.deployment, '--json'], dir());
      expect(plan.code, plan.stderr).toBe(0);
      const selected = JSON.parse(plan.stdout).deployments.map((d: { name: string; flow_name: string; entrypoint: string }) => ({
        name: d.name,
        flow: d.flow_name,
        entrypoint: d.entrypoint,
      }));
      expect(selected).toEqual([{ name: entry.name, flow: entry.flow, entrypoint: entry.entrypoint }]);
    }
  });

  it('exits 1 on a name that matches nothing and 2 on a bad flag', async () => {
    const missing = await cli(['list', '-n', 'nope', '--matrix'], work);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/nope/);
    expect((await cli(['list', '--bogus'], work)).code).toBe(2);
  });

  it('shows examples in --help', async () => {
    const { stdout } = await cli(['list', '--help'], work);
    expect(stdout).toContain('prefect-deploy list --all --matrix');
  });
});

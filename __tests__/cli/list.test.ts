import { cpSync, mkdtempSync, rmSync } from 'node:fs';
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
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'list-'));
  cpSync(path.join(root, 'examples', 'local-etl'), work, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

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
    expect(stdout).toMatch(/^DEPLOYMENT\s+ENTRYPOINT\s+WORK POOL$/m);
    expect(stdout).toMatch(/^sales-etl\/sales-nightly\s+flows\/etl\.py:sales_etl\s+k8s-prod \(etl\)$/m);
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

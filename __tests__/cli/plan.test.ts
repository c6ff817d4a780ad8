import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const root = path.resolve(import.meta.dirname, '../..');
const example = path.join(root, 'examples', 'local-etl');
const exec = promisify(execFile);

async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd,
    env,
    now: () => new Date('2026-11-22T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'cli-'));
  cpSync(example, work, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('prefect-deploy plan on the bundled example', () => {
  it('prints one JSON object with a payload per deployment', async () => {
    const { code, stdout } = await cli(['plan', '--all', '--json', '--plan-env', 'IMAGE_TAG'], work, { IMAGE_TAG: '1.4.2' });
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.errors).toEqual([]);
    expect(out.deployments.map((d: { name: string; flow_name: string }) => `${d.flow_name}/${d.name}`)).toEqual([
      'sales-etl/sales-nightly',
      'sales-etl/sales-hourly-us',
      'refresh-dashboards/dashboards',
    ]);
    const nightly = out.deployments[0].payload;
    expect(nightly.work_pool_name).toBe('k8s-prod');
    expect(nightly.job_variables).toEqual({ image: 'ghcr.io/acme/etl:1.4.2' });
    expect(nightly.pull_steps[0]['prefect.deployments.steps.git_clone'].access_token).toBe('{{ prefect.blocks.secret.github-token }}');
    expect(nightly.schedules[0]).toMatchObject({ schedule: { cron: '0 2 * * *', timezone: 'Europe/Paris', day_or: true }, active: true, slug: 'nightly' });
    expect(Object.keys(nightly.parameter_openapi_schema.properties)).toEqual(['region', 'window', 'mode', 'lookback', 'dry_run']);
    expect(out.deployments[1].payload.concurrency_options).toEqual({ collision_strategy: 'CANCEL_NEW' });
    expect(out.deployments[1].payload.work_queue_name).toBe('fast');
  });

  it("shows an environment value --plan-env does not allow as (from $NAME): prefect.yaml may be a pull request's", async () => {
    const { code, stdout } = await cli(['plan', '--all', '--json'], work, { IMAGE_TAG: '1.4.2' });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).deployments[0].payload.job_variables).toEqual({ image: 'ghcr.io/acme/etl:(from $IMAGE_TAG)' });
    expect(stdout).not.toContain('1.4.2');
  });

  it('prints flows, pools, schedules with their next runs, parameters and steps for people', async () => {
    const { code, stdout } = await cli(['plan', '-n', 'sales-nightly'], work);
    expect(code).toBe(0);
    expect(stdout).toContain('sales-etl/sales-nightly');
    expect(stdout).toContain('work pool   k8s-prod, queue etl');
    expect(stdout).toContain('cron "0 2 * * *" (Europe/Paris) [nightly]');
    expect(stdout).toContain('next: 2026-11-23T02:00:00+01:00, 2026-11-24T02:00:00+01:00, 2026-11-25T02:00:00+01:00');
    expect(stdout).toContain('region = "eu"');
    expect(stdout).toContain('prefect.deployments.steps.git_clone');
    expect(stdout).toContain('{{ prefect.blocks.secret.github-token }}');
  });

  it('exits 1 with one line per problem and no stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-bad-'));
    try {
      writeFileSync(path.join(dir, 'prefect.yaml'), 'deployments:\n  - name: a\n    version: 1.0\n    entrypoint: nowhere.py:f\n  - name: b\n    paused: perhaps\n');
      const { code, stderr, stdout } = await cli(['plan', '--all'], dir);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^prefect\.yaml:3:14: deployment "a": "version" must be a string/m);
      expect(stderr).toMatch(/^prefect\.yaml:6:13: deployment "b": "paused" must be a boolean/m);
      expect(stderr).not.toMatch(/\n\s+at /);
      const json = await cli(['plan', '--all', '--json'], dir);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).errors).toContainEqual({
        file: 'prefect.yaml',
        line: 3,
        column: 14,
        deployment: 'a',
        message: expect.stringMatching(/must be a string/),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing prefect file and an unmatched name clearly', async () => {
    const missing = await cli(['plan', '--all', '--prefect-file', 'nope.yaml'], work);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^nope\.yaml: file not found/m);
    const unmatched = await cli(['plan', '-n', 'sales-nighty'], work);
    expect(unmatched.code).toBe(1);
    expect(unmatched.stderr).toMatch(/no deployment named "sales-nighty" in prefect\.yaml \(did you mean "sales-nightly"\?\)/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['plan', '--bogus'], work)).code).toBe(2);
    expect((await cli([], work)).code).toBe(2);
  });

  it('runs as the committed bundle, without Python and without a server', async () => {
    const { stdout } = await exec(process.execPath, [path.join(root, 'dist', 'cli.js'), 'plan', '--all', '--json'], {
      cwd: work,
      env: { PATH: '/nonexistent', HOME: work },
    });
    expect(JSON.parse(stdout).deployments).toHaveLength(3);
  });
});

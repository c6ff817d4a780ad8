/**
 * A build job and then deploy jobs that take its step outputs, as a CI matrix runs them, through
 * the CLI in-process against a real Prefect server: what is registered holds the built values.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `step-outputs-${RUN}`;
let work: string;

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: work,
    env: { NO_COLOR: '1', PREFECT_API_URL: apiUrl },
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'cli-step-outputs-'));
  mkdirSync(path.join(work, 'flows'));
  writeFileSync(path.join(work, 'flows', 'f.py'), `from prefect import flow\n\n\n@flow(name="built-${RUN}")\ndef load():\n    pass\n`);
  writeFileSync(
    path.join(work, 'prefect.yaml'),
    `build:
  - prefect.deployments.steps.set_working_directory:
      id: where
      directory: flows
pull:
  - prefect.deployments.steps.set_working_directory:
      directory: /opt/flows
deployments:
  - name: a
    entrypoint: flows/f.py:load
    work_pool: {name: ${POOL}, job_variables: {dir: "{{ where.directory }}"}}
  - name: b
    entrypoint: flows/f.py:load
    work_pool: {name: ${POOL}, job_variables: {dir: "{{ where.directory }}"}}
`,
  );
  const res = await fetch(`${apiUrl}/work_pools/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: POOL, type: 'process' }),
  });
  if (!res.ok && res.status !== 409) throw new Error(`work pool: ${res.status} ${await res.text()}`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('build, then deploy --step-outputs', () => {
  it('registers each deployment with the outputs its build gave, without running the steps again', async () => {
    const built = await cli(['build', '--all']);
    expect(built.code, built.stderr).toBe(0);
    const outputs = JSON.parse(built.stdout) as Record<string, { where: { directory: string } }>;
    // What a later job gets: a value no local run of the step would give.
    outputs[`built-${RUN}/a`]!.where.directory = '/built/a';
    writeFileSync(path.join(work, 'outputs.json'), JSON.stringify(outputs));
    const deployed = await cli(['deploy', '-n', 'a', '--step-outputs', 'outputs.json', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    const json = JSON.parse(deployed.stdout);
    expect(json.failure_reason).toBeNull();
    expect(json.deployments.map((d: { name: string; action: string }) => [d.name, d.action])).toEqual([['a', 'created']]);
    const res = await fetch(`${apiUrl}/deployments/name/built-${RUN}/a`);
    const stored = (await res.json()) as { job_variables: Record<string, unknown> };
    expect(stored.job_variables).toEqual({ dir: '/built/a' });
  });

  it('--skip-steps with one set of outputs for every deployment', async () => {
    const deployed = await cli(['deploy', '-n', 'b', '--skip-steps', '--step-outputs', '{"where": {"directory": "/given"}}', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    const res = await fetch(`${apiUrl}/deployments/name/built-${RUN}/b`);
    expect(((await res.json()) as { job_variables: unknown }).job_variables).toEqual({ dir: '/given' });
  });
});

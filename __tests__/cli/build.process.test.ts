/**
 * `prefect-deploy build` and deploy's --skip-steps / --step-outputs, in-process through `main`,
 * without a server: build prints the step outputs keyed by flow/name, and a deploy told not to run
 * the steps refuses placeholders nobody filled before it sends anything.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseGitlabDotenv } from './gitlab-dotenv.js';

let work: string;

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: work,
    env: { NO_COLOR: '1', ...env },
    now: () => new Date('2026-11-22T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'cli-build-'));
  mkdirSync(path.join(work, 'flows'));
  writeFileSync(path.join(work, 'flows', 'f.py'), 'from prefect import flow\n\n\n@flow(name="load")\ndef load():\n    pass\n');
  writeFileSync(
    path.join(work, 'prefect.yaml'),
    `build:
  - prefect.deployments.steps.set_working_directory:
      id: where
      directory: flows
deployments:
  - name: nightly
    entrypoint: flows/f.py:load
    work_pool:
      name: pool
      job_variables:
        dir: "{{ where.directory }}"
  - name: weekly
    entrypoint: flows/f.py:load
    build: []
    work_pool: {name: pool}
`,
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('build', () => {
  it('runs the build steps and prints their outputs keyed by flow/name, registering nothing', async () => {
    const { code, stdout, stderr } = await cli(['build', '--all', '--offline', '--dotenv', 'build.env']);
    expect(code, stderr).toBe(0);
    const outputs = JSON.parse(stdout);
    expect(Object.keys(outputs)).toEqual(['load/nightly', 'load/weekly']);
    expect(outputs['load/nightly'].where).toEqual({ directory: path.join(work, 'flows') });
    expect(outputs['load/weekly']).toEqual({});
    const dotenv = parseGitlabDotenv(readText('build.env'));
    expect(dotenv).toMatchObject({ PREFECT_DEPLOY_STATUS: 'success', PREFECT_DEPLOY_FAILURE_REASON: '', DEPLOYMENTS_BUILT: 'load/nightly' });
  });

  it('--json gives the step outputs with errors, warnings and the failure reason', async () => {
    const { code, stdout } = await cli(['build', '-n', 'nightly', '--offline', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ errors: [], failure_reason: null });
    expect(Object.keys(json.step_outputs)).toEqual(['load/nightly']);
  });

  it('an invalid prefect.yaml builds nothing and exits 1 with invalid-config', async () => {
    const { code, stdout, stderr } = await cli(['build', '-n', 'nope', '--offline', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ step_outputs: {}, failure_reason: 'invalid-config' });
    expect(stderr).toBe('');
  });
});

describe('deploy --skip-steps / --step-outputs', () => {
  const api = { PREFECT_API_URL: 'http://127.0.0.1:9/api' };

  it('--skip-steps without the outputs the steps would give is refused before anything is sent: invalid-input', async () => {
    const { code, stdout, stderr } = await cli(['deploy', '--all', '--skip-steps', '--json'], api);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.failure_reason).toBe('invalid-input');
    expect(json.deployments).toEqual([]);
    expect(json.errors[0].message).toBe(
      '{{ where.directory }} is filled by a build or push step, which this run does not run (skip-steps or step-outputs); pass its value in step-outputs',
    );
    expect(stderr).toContain('nothing registered');
  });

  it('prints the problem and "nothing was registered" without --json', async () => {
    const { code, stderr } = await cli(['deploy', '-n', 'nightly', '--step-outputs', '{"other": 1}'], api);
    expect(code).toBe(1);
    expect(stderr).toContain('deployment "nightly": {{ where.directory }} is filled by a build or push step');
    expect(stderr).toContain('1 problem found; nothing was registered.');
  });

  it('--step-outputs takes a file as well as JSON; what is not a JSON object is a usage error', async () => {
    writeFileSync(path.join(work, 'not-object.json'), '[1, 2]');
    expect((await cli(['deploy', '--all', '--step-outputs', 'not-object.json'], api)).code).toBe(2);
    expect((await cli(['deploy', '--all', '--step-outputs', '{not json'], api)).code).toBe(2);
    const missing = await cli(['deploy', '--all', '--step-outputs', 'missing.json'], api);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is neither a JSON object nor a readable file');
  });

  it('deploy --help lists both flags, and the program lists build', async () => {
    const help = await cli(['deploy', '--help']);
    expect(help.stdout).toContain('--skip-steps');
    expect(help.stdout).toContain('--step-outputs <json|file>');
    expect((await cli(['--help'])).stdout).toMatch(/^ {2}build /m);
  });
});

function readText(file: string): string {
  return readFileSync(path.join(work, file), 'utf8');
}

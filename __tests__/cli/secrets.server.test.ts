/**
 * The CLI never shows a secret it resolved: a project whose job variables and build step use
 * `{{ prefect.blocks.secret.<name> }}` against a real server, planned and deployed as a CI job
 * runs them. The value must be absent from stdout, stderr, --output-file and the dotenv report
 * (text plan, live diff, --json, step logs, step_outputs, the live terminal block), while the
 * server still receives it in clear where prefect deploy resolves it (the description); in job
 * variables it is stored as the block reference, which the worker resolves when the flow runs.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseEnv, builtCli, spawnCli, type Spawned } from './spawn-cli.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `cli-secrets-${RUN}`;
const BLOCK = `cli-secret-${RUN}`;
// A quote and a backslash: the JSON result holds the value escaped, and that form must go too.
const SECRET = `s3cr3t-${RUN}-"q"\\b-value`;
const REDACTED = '***';

const api = serverApi(apiUrl, { alsoOk: [409] });

/** v0: a literal job variable, no build step. v1: the same variable from the Secret block, and a build step that echoes it. */
const prefectYaml = (withSecret: boolean) => `${
  withSecret
    ? `build:
  - prefect.deployments.steps.run_shell_script:
      id: show
      script: echo 'token={{ prefect.blocks.secret.${BLOCK} }}'
      stream_output: true
`
    : ''
}deployments:
  - name: nightly
    entrypoint: flows/f.py:load
${withSecret ? `    description: "Loads with {{ prefect.blocks.secret.${BLOCK} }}"\n` : ''}    work_pool:
      name: ${POOL}
      job_variables:
        env:
          CONNECT: "${withSecret ? `{{ prefect.blocks.secret.${BLOCK} }}` : 'literal-before'}"
          REGION: eu-west-1
`;

const dirs: string[] = [];
let home: string;
let dir: string;
beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cli-secrets-home-'));
  dir = mkdtempSync(path.join(tmpdir(), 'cli-secrets-'));
  dirs.push(home, dir);
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
  const type = (await api('GET', '/block_types/slug/secret')) as { id: string };
  const [schema] = (await api('POST', '/block_schemas/filter', { block_schemas: { block_type_id: { any_: [type.id] } } })) as { id: string }[];
  if (!schema) throw new Error('the server has no block schema for the secret block type');
  await api('POST', '/block_documents/', { name: BLOCK, data: { value: SECRET }, block_schema_id: schema.id, block_type_id: type.id });
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), `from prefect import flow\n\n\n@flow(name="load-${RUN}")\ndef load():\n    """Loads."""\n`);
  writeFileSync(path.join(dir, 'prefect.yaml'), prefectYaml(false));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
}, 60_000);
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cli = (args: string[]) => spawnCli(args, { cwd: dir, env: { ...baseEnv(home), PREFECT_API_URL: apiUrl } });
const escaped = JSON.stringify(SECRET).slice(1, -1);

/** Everything a run left for people and later jobs, none of which may hold the secret in any form. */
function expectNoSecret(run: Spawned, files: string[]): string {
  const all = [run.stdout, run.stderr, ...files.map((f) => readFileSync(path.join(dir, f), 'utf8'))].join('\n');
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain(escaped);
  expect(all).not.toContain(`s3cr3t-${RUN}`);
  return all;
}

describe('the CLI redacts resolved secrets', () => {
  it('plan (text, live diff, --json, --output-file, dotenv) and deploy (step logs, step_outputs, JSON) never show the Secret block value', async () => {
    const first = await cli(['deploy', '--all']);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(path.join(dir, 'prefect.yaml'), prefectYaml(true));

    // The live diff in text: the job variable changes from the literal to the block reference, the
    // description to the (redacted) secret.
    const text = await cli(['plan', '--all']);
    expect(text.code, text.stderr).toBe(0);
    expectNoSecret(text, []);
    expect(text.stdout).toMatch(new RegExp(`^~ load-${RUN}/nightly \\(update: .*job_variables`, 'm'));
    expect(text.stdout).toContain('literal-before');
    expect(text.stdout).toContain(`CONNECT: "{{ prefect.blocks.secret.${BLOCK} }}"`);
    expect(text.stdout).toContain(`Loads with ${REDACTED}`);

    const plan = await cli(['plan', '--all', '--json', '--output-file', 'plan.json', '--dotenv', 'plan.env']);
    expect(plan.code, plan.stderr).toBe(0);
    expectNoSecret(plan, ['plan.json', 'plan.env']);
    const json = JSON.parse(plan.stdout);
    expect(JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8'))).toEqual(json);
    const [d] = json.deployments;
    expect(d.payload.job_variables.env).toEqual({ CONNECT: `{{ prefect.blocks.secret.${BLOCK} }}`, REGION: 'eu-west-1' });
    expect(d.payload.description).toBe(`Loads with ${REDACTED}`);
    expect(d.changes.map((c: { field: string }) => c.field).sort()).toEqual(['description', 'job_variables']);
    expect(JSON.stringify(d.changes)).toContain(REDACTED);

    // Deploy in text: the step's streamed output goes to stdout.
    const deployed = await cli(['deploy', '--all', '--output-file', 'deploy.json', '--dotenv', 'deploy.env']);
    expect(deployed.code, deployed.stderr).toBe(0);
    expectNoSecret(deployed, ['deploy.json', 'deploy.env']);
    expect(deployed.stdout).toContain(`token=${REDACTED}`);
    const result = JSON.parse(readFileSync(path.join(dir, 'deploy.json'), 'utf8'));
    expect(result.deployments[0]).toMatchObject({ action: 'updated', step_outputs: { stdout: `token=${REDACTED}` } });

    // The server got the description in clear (redaction is for display only), the job variable as the reference.
    const stored = (await api('GET', `/deployments/${result.deployments[0].id}`)) as { description: string; job_variables: { env: Record<string, string> } };
    expect(stored.description).toBe(`Loads with ${SECRET}`);
    expect(stored.job_variables.env.CONNECT).toBe(`{{ prefect.blocks.secret.${BLOCK} }}`);

    // Again with --json: progress and step logs on stderr, the result on stdout.
    const again = await cli(['deploy', '--all', '--json', '--output-file', 'deploy.json', '--dotenv', 'deploy.env']);
    expect(again.code, again.stderr).toBe(0);
    expectNoSecret(again, ['deploy.json', 'deploy.env']);
    expect(again.stderr).toContain(`token=${REDACTED}`);
    expect(JSON.parse(again.stdout).deployments[0]).toMatchObject({ action: 'unchanged', step_outputs: { stdout: `token=${REDACTED}` } });
  });

  it('the live progress block on a terminal shows step output redacted', async () => {
    writeFileSync(path.join(dir, 'prefect.yaml'), prefectYaml(true));
    const command = [process.execPath, await builtCli(), 'deploy', '--all'].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
    // util-linux `script` runs the command on a pseudo-terminal and copies what it shows to stdout.
    const shown = await new Promise<string>((resolve, reject) =>
      execFile(
        'script',
        ['-qec', command, '/dev/null'],
        { cwd: dir, env: { ...baseEnv(home), PREFECT_API_URL: apiUrl, TERM: 'xterm' }, timeout: 60_000 },
        (error, stdout) => (error ? reject(Object.assign(error, { stdout })) : resolve(stdout)),
      ),
    );
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(`s3cr3t-${RUN}`);
    const plain = shown.replace(/\x1b\[[\d;]*[A-Za-z]/g, '').replace(/\r/g, '');
    expect(plain).toContain(`token=${REDACTED}`);
    expect(plain).toMatch(/0 created, 0 updated, 1 unchanged, 0 failed/);
  });
});

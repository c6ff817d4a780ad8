/**
 * The secret audit: a distinct marker in every place a secret comes from (the API key, the auth
 * string, a Secret block, a block field its schema marks secret, a Prefect variable and an
 * environment variable with credential names), a build step that prints them all, and a
 * description that holds them all; then every channel of the action (GITHUB_OUTPUT, the job
 * summary, what is sent to GitHub, the log but its `::add-mask::` commands) and of the CLI (stdout
 * and stderr in text, --json and --debug, --output-file, --dotenv) is counted for each marker.
 * Every count must be 0, while the server still gets the values in clear.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseEnv, builtCli, spawnCli, type Spawned } from '../cli/spawn-cli.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runAction, type ActionRun } from './run-action.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `audit-${RUN}`;
const SECRET_BLOCK = `audit-secret-${RUN}`;
const FIELD_TYPE = `audit-login-${RUN}`;
const FIELD_BLOCK = `audit-login-${RUN}`;
const VARIABLE = `audit_${RUN}_password`;
const REPO = 'acme/etl';

const MARKER = {
  apiKey: `mkapikey${RUN}x`,
  authString: `mkauth${RUN}x:pw`,
  secretBlock: `mksecretblock${RUN}x`,
  blockField: `mkblockfield${RUN}x`,
  variable: `mkvariable${RUN}x`,
  env: `mkenvtoken${RUN}x`,
};
// The client sends the auth string as HTTP basic auth; that form must not leak either.
const FORMS = { ...MARKER, authBase64: Buffer.from(MARKER.authString).toString('base64') };
const ALL_ZERO = Object.fromEntries(Object.keys(FORMS).map((k) => [k, 0]));

const every = [
  `key={{ $PREFECT_API_KEY }}`,
  `auth={{ $PREFECT_API_AUTH_STRING }}`,
  `block={{ prefect.blocks.secret.${SECRET_BLOCK} }}`,
  `field={{ prefect.blocks.${FIELD_TYPE}.${FIELD_BLOCK}.password }}`,
  `variable={{ prefect.variables.${VARIABLE} }}`,
  `env={{ $AUDIT_TOKEN }}`,
].join(' ');

const PREFECT_YAML = `build:
  - prefect.deployments.steps.run_shell_script:
      id: leak
      script: echo ${every}
      stream_output: true
deployments:
  - name: audit
    entrypoint: flows/f.py:load
    description: "${every}"
    work_pool:
      name: ${POOL}
      job_variables:
        env:
          PRINTED: "{{ leak.stdout }}"
`;

const api = serverApi(apiUrl, { alsoOk: [409] });

/** How often each marker occurs in `text`. */
function count(text: string): Record<string, number> {
  return Object.fromEntries(Object.entries(FORMS).map(([k, v]) => [k, text.split(v).length - 1]));
}

let home: string;
let dir: string;
let gh: FakeGitHub;
beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'audit-home-'));
  dir = mkdtempSync(path.join(tmpdir(), 'audit-'));
  gh = await startFakeGitHub({ ghs_actions: { login: 'github-actions[bot]', installation: true } });
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
  const secretType = (await api('GET', '/block_types/slug/secret')) as { id: string };
  const [secretSchema] = (await api('POST', '/block_schemas/filter', { block_schemas: { block_type_id: { any_: [secretType.id] } } })) as { id: string }[];
  await api('POST', '/block_documents/', { name: SECRET_BLOCK, data: { value: MARKER.secretBlock }, block_schema_id: secretSchema!.id, block_type_id: secretType.id });
  // A block type of our own whose schema marks one field secret, as SecretStr fields are.
  const loginType = (await api('POST', '/block_types/', { name: FIELD_TYPE, slug: FIELD_TYPE })) as { id: string };
  const loginSchema = (await api('POST', '/block_schemas/', {
    block_type_id: loginType.id,
    capabilities: [],
    fields: {
      title: FIELD_TYPE,
      type: 'object',
      properties: { user: { type: 'string' }, password: { type: 'string', format: 'password', writeOnly: true } },
      secret_fields: ['password'],
      block_schema_references: {},
    },
  })) as { id: string };
  await api('POST', '/block_documents/', {
    name: FIELD_BLOCK,
    data: { user: 'etl', password: MARKER.blockField },
    block_schema_id: loginSchema.id,
    block_type_id: loginType.id,
  });
  await api('POST', '/variables/', { name: VARIABLE, value: MARKER.variable });
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), `from prefect import flow\n\n\n@flow(name="audit-${RUN}")\ndef load():\n    """Loads."""\n`);
  writeFileSync(path.join(dir, 'prefect.yaml'), PREFECT_YAML);
}, 60_000);
afterAll(async () => {
  await gh.close();
  for (const d of [home, dir]) rmSync(d, { recursive: true, force: true });
});

const secretEnv = { PREFECT_API_AUTH_STRING: MARKER.authString, AUDIT_TOKEN: MARKER.env };

describe('the secret audit', () => {
  it('the action publishes no secret in GITHUB_OUTPUT, the summary, what it sends to GitHub or its log (plan, build, deploy)', async () => {
    const bundle = path.join(path.dirname(await builtCli()), 'index.js');
    const env = {
      ...secretEnv,
      HOME: home,
      GITHUB_API_URL: gh.url,
      GITHUB_REPOSITORY: REPO,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '1',
      GITHUB_SHA: 'feedface00000000000000000000000000000000',
      GITHUB_WORKSPACE: dir,
    };
    // pull_request_target: the repository's secrets with the pull request's files.
    const event = {
      name: 'pull_request_target',
      payload: {
        number: 7,
        pull_request: { number: 7, head: { sha: 'c0ffee1234567890c0ffee1234567890c0ffee12', repo: { full_name: 'someone/etl' } }, base: { repo: { full_name: REPO } } },
      },
    };
    const inputs = { 'api-url': apiUrl, 'api-key': MARKER.apiKey, all: 'true', 'github-token': 'ghs_actions' };
    const runs: Record<string, ActionRun> = {
      deploy: await runAction({ ...inputs, mode: 'deploy' }, dir, { env, bundle }),
      build: await runAction({ ...inputs, mode: 'build' }, dir, { env, bundle }),
      // Allowed, AUDIT_TOKEN's value is resolved, so only redaction by value keeps it out.
      plan: await runAction({ ...inputs, mode: 'plan', 'plan-env': 'AUDIT_TOKEN' }, dir, { env, event, bundle }),
      planUntrusted: await runAction({ ...inputs, mode: 'plan' }, dir, { env, event, bundle }),
    };
    for (const [mode, run] of Object.entries(runs)) expect(run.code, `${mode}: ${run.stdout}`).toBe(0);

    const log = (run: ActionRun) =>
      run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
    const counts = Object.fromEntries(
      Object.entries(runs).flatMap(([mode, run]) => [
        [`${mode} GITHUB_OUTPUT`, count(run.outputFile)],
        [`${mode} summary`, count(run.summary)],
        [`${mode} log`, count(log(run))],
        [`${mode} stderr`, count(run.stderr)],
      ]),
    );
    counts['requests to GitHub'] = count(JSON.stringify(gh.requests));
    counts['comments on GitHub'] = count(JSON.stringify(gh.comments));
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, ALL_ZERO])));

    // The audit saw the values flow: the step printed them, the comment was posted, the server has them.
    expect(runs.build!.outputs['leak-stdout']).toBe('key=*** auth=*** block=*** field=*** variable=*** env=***');
    expect(JSON.parse(runs.deploy!.outputs['step-outputs']!)[`audit-${RUN}/audit`].leak.stdout).toBe('key=*** auth=*** block=*** field=*** variable=*** env=***');
    expect(gh.comments.filter((c) => c.issue === 7)).toHaveLength(1);
    expect(runs.planUntrusted!.summary).toContain('env=(from $AUDIT_TOKEN)');
    const stored = (await api('GET', `/deployments/name/audit-${RUN}/audit`)) as { description: string };
    expect(stored.description).toBe(
      `key=${MARKER.apiKey} auth=${MARKER.authString} block=${MARKER.secretBlock} field=${MARKER.blockField} variable=${MARKER.variable} env=${MARKER.env}`,
    );
  });

  it('the CLI prints and writes no secret in text, --json, --debug, --output-file or --dotenv (plan and deploy)', async () => {
    const env = { ...baseEnv(home), ...secretEnv, PREFECT_API_URL: apiUrl, PREFECT_API_KEY: MARKER.apiKey };
    const cli = (args: string[]) => spawnCli(args, { cwd: dir, env });
    const files = ['out.json', 'out.env'];
    const written = ['--output-file', 'out.json', '--dotenv', 'out.env'];
    const counts: Record<string, Record<string, number>> = {};
    const audit = async (name: string, args: string[]) => {
      for (const f of files) rmSync(path.join(dir, f), { force: true });
      const run: Spawned = await cli(args);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      counts[`${name} stdout`] = count(run.stdout);
      counts[`${name} stderr`] = count(run.stderr);
      if (args.includes('--output-file')) for (const f of files) counts[`${name} ${f}`] = count(readFileSync(path.join(dir, f), 'utf8'));
      return run;
    };
    await audit('deploy', ['deploy', '--all']);
    const json = await audit('deploy --json --debug', ['deploy', '--all', '--json', '--debug', ...written]);
    await audit('plan', ['plan', '--all']);
    await audit('plan --plan-env', ['plan', '--all', '--plan-env', 'AUDIT_TOKEN', '--plan-env', 'PREFECT_API_KEY']);
    await audit('plan --json --debug', ['plan', '--all', '--json', '--debug', '--plan-env', 'AUDIT_TOKEN', ...written]);
    await audit('plan --offline --json', ['plan', '--all', '--offline', '--json', '--plan-env', 'AUDIT_TOKEN', ...written]);
    await audit('validate --json', ['validate', '--all', '--json', ...written]);
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, ALL_ZERO])));
    expect(JSON.parse(json.stdout).deployments[0].step_outputs.stdout).toBe('key=*** auth=*** block=*** field=*** variable=*** env=***');
  });
});

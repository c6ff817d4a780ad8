/**
 * Deliberately better than `prefect deploy`: a secret placed in job variables is stored as its
 * `{{ prefect.blocks… }}` reference, not in clear, and the worker resolves it when the flow runs.
 *
 * Against the suite's server: our deploy stores the references (and nothing secret anywhere in the
 * deployment), a re-run is unchanged, non-secret block fields are resolved as the reference does, a
 * field whose pool schema would reject the reference (a boolean) falls back to the resolved value;
 * then the run-time differential: the worker's own `ProcessJobConfiguration.from_template_and_values`
 * (reference venv) over what ours stored and over what `prefect deploy` stored gives the same job
 * configuration, secrets included.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { serverApi } from '../support/server-api.js';

const run = promisify(execFile);
const apiUrl = inject('prefectApiUrl');
const python = inject('referencePython');
const prefectBin = path.join(path.dirname(python), 'prefect');

const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `sjv-pool-${RUN}`;
const FLOW = `sjv-${RUN}`;
const PW = `pw-${RUN}`;
const FLAG = `flag-${RUN}`;
const DB_TYPE = `acme-db-${RUN}`;
const PW_VALUE = `Pw-${RUN}-s3cr3t`;
const DB_PASSWORD = `Db-${RUN}-pa55`;
const DB_HOST = `db-${RUN}.acme.test`;

const pwRef = `{{ prefect.blocks.secret.${PW} }}`;
const flagRef = `{{ prefect.blocks.secret.${FLAG} }}`;
const dbRef = (field: string) => `{{ prefect.blocks.${DB_TYPE}.main.${field} }}`;

const PREFECT_YAML = `deployments:
  - name: keeps
    entrypoint: flows/f.py:f
    work_pool:
      name: ${POOL}
      job_variables:
        env:
          TOKEN: "${pwRef}"
          DSN: "postgres://${dbRef('username')}:${dbRef('password')}@${dbRef('host')}/app"
          DB_HOST: "${dbRef('host')}"
        command: "run --token ${pwRef}"
  - name: falls-back
    entrypoint: flows/f.py:f
    work_pool:
      name: ${POOL}
      job_variables:
        stream_output: "${flagRef}"
        env:
          TOKEN: "${pwRef}"
`;

// The worker's resolution of a deployment's job variables against its pool, as it runs a flow.
const RESOLVE = `
import asyncio, json, sys
from prefect.client.orchestration import get_client
from prefect.workers.process import ProcessJobConfiguration

async def main():
    out = {}
    async with get_client() as client:
        for deployment_id in sys.argv[1:]:
            deployment = await client.read_deployment(deployment_id)
            pool = await client.read_work_pool(deployment.work_pool_name)
            config = await ProcessJobConfiguration.from_template_and_values(pool.base_job_template, deployment.job_variables, client=client)
            out[deployment.name] = config.model_dump(mode="json")
    print(json.dumps(out))

asyncio.run(main())
`;

type Json = Record<string, unknown>;

const api = serverApi(apiUrl);

async function createBlock(typeId: string, schemaId: string, name: string, data: Json): Promise<void> {
  await api('POST', '/block_documents/', { name, data, block_schema_id: schemaId, block_type_id: typeId });
}

let root: string;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sjv-'));
  dir = path.join(root, 'project');
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  mkdirSync(path.join(root, 'home'));
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: path.join(root, 'home'),
    LANG: 'C.UTF-8',
    PREFECT_HOME: path.join(root, 'home', '.prefect'),
    PREFECT_API_URL: apiUrl,
  };
  writeFileSync(path.join(dir, 'flows', 'f.py'), `from prefect import flow\n\n\n@flow(name="${FLOW}")\ndef f():\n    """Uses secrets."""\n`);
  writeFileSync(path.join(dir, 'prefect.yaml'), PREFECT_YAML);

  // The template `prefect work-pool create --type process` sets (the API alone leaves it empty, and
  // then neither the server nor a worker has a schema or job configuration to go by).
  const { stdout: template } = await run(
    python,
    ['-c', 'import json; from prefect.workers.process import ProcessWorker; print(json.dumps(ProcessWorker.get_default_base_job_template()))'],
    { env, encoding: 'utf8', timeout: 60_000 },
  );
  await api('POST', '/work_pools/', { name: POOL, type: 'process', base_job_template: JSON.parse(template) });
  const secretType = (await api('GET', '/block_types/slug/secret')) as { id: string };
  const [secretSchema] = (await api('POST', '/block_schemas/filter', { block_schemas: { block_type_id: { any_: [secretType.id] } } })) as { id: string }[];
  await createBlock(secretType.id, secretSchema!.id, PW, { value: PW_VALUE });
  await createBlock(secretType.id, secretSchema!.id, FLAG, { value: true });
  // A block type of our own whose schema marks `password` secret, as Prefect generates for a SecretStr field.
  const dbType = (await api('POST', '/block_types/', { name: DB_TYPE, slug: DB_TYPE })) as { id: string };
  const dbSchema = (await api('POST', '/block_schemas/', {
    block_type_id: dbType.id,
    capabilities: [],
    fields: {
      title: DB_TYPE,
      type: 'object',
      properties: { host: { type: 'string' }, username: { type: 'string' }, password: { type: 'string', format: 'password', writeOnly: true } },
      secret_fields: ['password'],
      block_type_slug: DB_TYPE,
      block_schema_references: {},
    },
  })) as { id: string };
  await createBlock(dbType.id, dbSchema.id, 'main', { host: DB_HOST, username: 'ana', password: DB_PASSWORD });
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function ours(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd: dir, env, now: () => new Date() });
  return { code, stdout, stderr };
}

async function stored(name: string): Promise<Json> {
  return (await api('GET', `/deployments/name/${FLOW}/${name}`)) as Json;
}

async function workerResolves(ids: string[]): Promise<Record<string, Json>> {
  const { stdout } = await run(python, ['-c', RESOLVE, ...ids], { env, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(stdout) as Record<string, Json>;
}

describe('secrets in job variables stay block references', () => {
  let oursStored: Record<string, Json>;

  it('plan shows the references; deploy stores them and nothing secret; a re-run is unchanged', async () => {
    const plan = await ours('plan', '--all', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as { deployments: { name: string; payload: { job_variables: Json } }[] };
    expect(planned.deployments.find((d) => d.name === 'keeps')?.payload.job_variables.env).toEqual({
      TOKEN: pwRef,
      DSN: `postgres://ana:${dbRef('password')}@${DB_HOST}/app`,
      DB_HOST,
    });
    expect(plan.stdout + plan.stderr).not.toContain(PW_VALUE);

    const first = await ours('deploy', '--all', '--json');
    expect(first.code, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as { deployments: { action: string }[] }).deployments.map((d) => d.action)).toEqual(['created', 'created']);
    // The boolean field cannot hold the reference: resolved as the reference does, with a warning.
    const warning = (JSON.parse(first.stdout) as { warnings: { deployment: string; message: string }[] }).warnings.filter((w) => /secret/.test(w.message));
    expect(warning).toEqual([
      expect.objectContaining({
        deployment: 'falls-back',
        message: expect.stringMatching(new RegExp(`^job variable stream_output gets a secret from a block, but work pool "${POOL}" does not accept`)),
      }),
    ]);

    const keeps = await stored('keeps');
    const fallsBack = await stored('falls-back');
    expect(keeps.job_variables).toEqual({
      env: { TOKEN: pwRef, DSN: `postgres://ana:${dbRef('password')}@${DB_HOST}/app`, DB_HOST },
      command: `run --token ${pwRef}`,
    });
    expect(fallsBack.job_variables).toEqual({ stream_output: true, env: { TOKEN: pwRef } });
    for (const deployment of [keeps, fallsBack]) {
      const text = JSON.stringify(deployment);
      expect(text).not.toContain(PW_VALUE);
      expect(text).not.toContain(DB_PASSWORD);
    }
    oursStored = { keeps, 'falls-back': fallsBack };

    const again = await ours('deploy', '--all', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { deployments: { action: string; changes: string[] }[] }).deployments.map((d) => [d.action, d.changes])).toEqual([
      ['unchanged', []],
      ['unchanged', []],
    ]);
  }, 120_000);

  it('the worker resolves what ours stored to the same job configuration as what prefect deploy stored', async () => {
    expect(oursStored, 'the deploy test did not run').toBeDefined();
    const fromOurs = await workerResolves(Object.values(oursStored).map((d) => String(d.id)));

    await run(prefectBin, ['--no-prompt', 'deploy', '--all'], { cwd: dir, env, encoding: 'utf8', timeout: 180_000 });
    const keeps = await stored('keeps');
    const fallsBack = await stored('falls-back');
    // Same deployments, now holding the reference's plain text.
    expect([keeps.id, fallsBack.id]).toEqual([oursStored.keeps!.id, oursStored['falls-back']!.id]);
    expect((keeps.job_variables as { env: Json }).env.TOKEN).toBe(PW_VALUE);
    // Non-secret block fields: the reference stores exactly what ours stores.
    expect((keeps.job_variables as { env: Json }).env.DB_HOST).toBe((oursStored.keeps!.job_variables as { env: Json }).env.DB_HOST);
    expect(fallsBack.job_variables).toMatchObject({ stream_output: true });
    const fromReference = await workerResolves([String(keeps.id), String(fallsBack.id)]);

    expect(fromOurs).toEqual(fromReference);
    expect(fromOurs.keeps).toMatchObject({
      env: { TOKEN: PW_VALUE, DSN: `postgres://ana:${DB_PASSWORD}@${DB_HOST}/app`, DB_HOST },
      command: `run --token ${PW_VALUE}`,
    });
    expect(fromOurs['falls-back']).toMatchObject({ stream_output: true, env: { TOKEN: PW_VALUE } });

    // Over the reference's plain text, ours puts the references back.
    const over = await ours('deploy', '--all', '--json');
    expect(over.code, over.stderr).toBe(0);
    expect((JSON.parse(over.stdout) as { deployments: { action: string; changes: string[] }[] }).deployments.map((d) => [d.action, d.changes])).toEqual([
      ['updated', ['job_variables']],
      ['updated', ['job_variables']],
    ]);
    expect((await stored('keeps')).job_variables).toEqual(oursStored.keeps!.job_variables);

    // Why the fallback: the server validates job variables against the pool's schema (create: 422;
    // an update naming the pool: 409).
    const res = await fetch(`${apiUrl}/deployments/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rejected', flow_id: fallsBack.flow_id, work_pool_name: POOL, job_variables: { stream_output: flagRef } }),
    });
    expect(res.status).toBe(422);
  }, 240_000);
});

/**
 * PrefectClient against the suite's real Prefect server (prefect==3.9.1, CSRF protection off, no
 * auth). Objects the deploy engine only reads (work pools, blocks, variables) are made here with
 * plain HTTP calls.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PrefectApiError, PrefectClient, type DeploymentCreate } from '../../src/prefect/index.js';
import { prefectTemplateSources } from '../../src/core/templating/index.js';
import { resolveBlockDocumentReferences } from '../../src/core/templating/block-documents.js';
import { resolveVariables } from '../../src/core/templating/variables.js';

const apiUrl = inject('prefectApiUrl');

async function raw(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

let client: PrefectClient;
const requests: string[] = [];

beforeAll(() => {
  client = new PrefectClient({ env: { PREFECT_API_URL: apiUrl }, logger: { debug: () => {}, warning: () => {} } });
  // count requests per path to check the resolvers' caching
  const send = client.http.send.bind(client.http);
  client.http.send = (request) => {
    requests.push(`${request.method} ${request.path}`);
    return send(request);
  };
});
afterAll(() => client.close());

async function createSecretBlock(name: string, value: string): Promise<string> {
  const blockType = (await raw('GET', '/block_types/slug/secret')) as { id: string };
  const schemas = (await raw('POST', '/block_schemas/filter', {
    block_schemas: { block_type_id: { any_: [blockType.id] } },
  })) as { id: string }[];
  expect(schemas.length).toBeGreaterThan(0);
  const document = (await raw('POST', '/block_documents/', {
    name,
    data: { value },
    block_type_id: blockType.id,
    block_schema_id: schemas[0]!.id,
  })) as { id: string };
  return document.id;
}

function deploymentBody(name: string, flowId: string, workPoolName: string): DeploymentCreate {
  return {
    name,
    flow_id: flowId,
    paused: false,
    schedules: [],
    concurrency_limit: null,
    enforce_parameter_schema: true,
    parameter_openapi_schema: { title: 'Parameters', type: 'object', properties: {} },
    parameters: {},
    tags: ['a'],
    labels: {},
    pull_steps: [],
    work_queue_name: null,
    work_pool_name: workPoolName,
    storage_document_id: null,
    infrastructure_document_id: null,
    description: 'first',
    path: null,
    entrypoint: 'flows/x.py:f',
    job_variables: {},
    version: '1',
  };
}

describe('PrefectClient against a real server', () => {
  it('health', async () => {
    await expect(client.health()).resolves.toBeUndefined();
    expect(client.isCloud).toBe(false);
  });

  it('reads a work pool; a missing one is undefined', async () => {
    const name = unique('pool');
    await raw('POST', '/work_pools/', { name, type: 'process' });
    const pool = await client.readWorkPool(name);
    expect(pool?.name).toBe(name);
    expect(pool?.type).toBe('process');
    await expect(client.readWorkPool(unique('nope'))).resolves.toBeUndefined();
    await expect(client.readWorkersForPool(name, true)).resolves.toEqual([]);
    await expect(client.readWorkersForPool(name)).resolves.toEqual([]);
  });

  it('reads a Secret block by name and by id, secrets in clear text', async () => {
    const name = unique('registry');
    const id = await createSecretBlock(name, 'ghcr.io/acme');
    const byName = await client.readBlockDocumentByName('secret', name);
    expect(byName?.id).toBe(id);
    expect(byName?.data).toEqual({ value: 'ghcr.io/acme' });
    const byId = await client.readBlockDocument(id);
    expect(byId?.data).toEqual({ value: 'ghcr.io/acme' });
    await expect(client.readBlockDocumentByName('secret', unique('nope'))).resolves.toBeUndefined();
    await expect(client.readBlockDocument(randomUUID())).resolves.toBeUndefined();
  });

  it('reads variables; a missing one is undefined', async () => {
    const name = unique('var').replaceAll('-', '_');
    await raw('POST', '/variables/', { name, value: { replicas: 3, tags: ['x'] } });
    const variable = await client.readVariableByName(name);
    expect(variable?.value).toEqual({ replicas: 3, tags: ['x'] });
    await expect(client.readVariableByName('missing_' + name)).resolves.toBeUndefined();
  });

  it('creates a flow and a deployment, updates it and reads it back by name and id', async () => {
    const pool = unique('pool');
    await raw('POST', '/work_pools/', { name: pool, type: 'process' });
    const flowName = unique('flow');
    const flow = await client.createFlow(flowName);
    expect(flow.name).toBe(flowName);
    // POST /flows/ is an upsert by name
    expect((await client.createFlow(flowName)).id).toBe(flow.id);

    await expect(client.readDeploymentByName(flowName, 'etl')).resolves.toBeUndefined();
    const created = await client.createDeployment(deploymentBody('etl', flow.id, pool));
    expect(created.name).toBe('etl');
    expect(created.flow_id).toBe(flow.id);

    await client.updateDeployment(created.id, {
      description: 'second',
      tags: ['b'],
      schedules: [{ schedule: { interval: 3600, timezone: 'UTC' }, active: true }],
    });
    const byName = await client.readDeploymentByName(flowName, 'etl');
    expect(byName?.id).toBe(created.id);
    expect(byName?.description).toBe('second');
    expect(byName?.tags).toEqual(['b']);
    const byId = await client.readDeployment(created.id);
    expect(byId?.name).toBe('etl');
    const schedules = await client.readDeploymentSchedules(created.id);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.schedule).toMatchObject({ interval: 3600 });
    await expect(client.readDeployment(randomUUID())).resolves.toBeUndefined();
  });

  it('encodes names with spaces, ?, # and unicode as single path segments', async () => {
    const pool = `pool ?x=1 #frag ${randomUUID().slice(0, 6)} é`;
    await raw('POST', '/work_pools/', { name: pool, type: 'process' });
    expect((await client.readWorkPool(pool))?.name).toBe(pool);

    const flowName = `my flow? #1 ${randomUUID().slice(0, 6)}`;
    const deploymentName = 'nightly run? #2 ü';
    const flow = await client.createFlow(flowName);
    const created = await client.createDeployment(deploymentBody(deploymentName, flow.id, pool));
    const read = await client.readDeploymentByName(flowName, deploymentName);
    expect(read?.id).toBe(created.id);
    expect(read?.work_pool_name).toBe(pool);

    const variable = `v_${randomUUID().slice(0, 8)}`;
    await raw('POST', '/variables/', { name: variable, value: 'x' });
    // a name that would turn into a query string unencoded is simply not found
    await expect(client.readVariableByName(`${variable}?a=b`)).resolves.toBeUndefined();
  });

  it('creates, lists and deletes owned automations; deleting again is fine', async () => {
    const pool = unique('pool');
    await raw('POST', '/work_pools/', { name: pool, type: 'process' });
    const flow = await client.createFlow(unique('flow'));
    const deployment = await client.createDeployment(deploymentBody('with-triggers', flow.id, pool));
    const automation = await client.createAutomation({
      name: 'with-triggers__automation_1',
      description: '',
      enabled: true,
      tags: [],
      trigger: { type: 'event', match: { 'prefect.resource.id': 'x' }, expect: ['prefect.flow-run.Completed'], posture: 'Reactive', threshold: 1, within: 0 },
      actions: [{ type: 'run-deployment', source: 'selected', deployment_id: deployment.id, parameters: null, job_variables: null }],
      actions_on_trigger: [],
      actions_on_resolve: [],
      owner_resource: `prefect.deployment.${deployment.id}`,
    });
    expect(automation.name).toBe('with-triggers__automation_1');
    const related = await client.readRelatedAutomations(deployment.id);
    expect(related.map((a) => a.id)).toEqual([automation.id]);

    await client.deleteOwnedAutomations(deployment.id);
    await expect(client.readRelatedAutomations(deployment.id)).resolves.toEqual([]);
    await expect(client.deleteOwnedAutomations(deployment.id)).resolves.toBeUndefined();
    await expect(client.deleteOwnedAutomations(randomUUID())).resolves.toBeUndefined();
  });

  it('reports API errors with method, path, status and the server detail', async () => {
    const error = await client.createDeployment({ name: 'x', flow_id: 'not-a-uuid' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PrefectApiError);
    const apiError = error as PrefectApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.method).toBe('POST');
    expect(apiError.path).toBe('/deployments/');
    expect(apiError.message).toMatch(/^POST \/deployments\/: HTTP 422 Unprocessable Entity - .*flow_id/);
  });

  it('turns CSRF off after the default server answers 422 "CSRF protection is disabled."', async () => {
    const fresh = new PrefectClient({ env: { PREFECT_API_URL: apiUrl } });
    try {
      expect(fresh.http.csrfSupportEnabled).toBe(true);
      await fresh.createFlow(unique('flow'));
      expect(fresh.http.csrfSupportEnabled).toBe(false);
    } finally {
      fresh.close();
    }
  });

  it('resolvers: blocks and variables through the templating passes, one request each', async () => {
    const block = unique('token');
    const blockId = await createSecretBlock(block, 's3cr3t');
    const variable = `image_${randomUUID().slice(0, 8)}`;
    await raw('POST', '/variables/', { name: variable, value: 'ghcr.io/acme/app' });
    const sources = prefectTemplateSources(client);
    requests.length = 0;

    const template = {
      a: `{{ prefect.blocks.secret.${block} }}`,
      b: `token={{ prefect.blocks.secret.${block} }}`,
      ref: { $ref: { block_document_id: blockId } },
      image: `{{ prefect.variables.${variable} }}`,
      tag: `{{ prefect.variables.${variable} }}:latest`,
      gone: '{{ prefect.variables.does_not_exist }}',
    };
    const withBlocks = await resolveBlockDocumentReferences(template, sources.blocks);
    const resolved = await resolveVariables(withBlocks, sources.variables);
    expect(resolved).toEqual({
      a: 's3cr3t',
      b: 'token=s3cr3t',
      ref: { value: 's3cr3t' },
      image: 'ghcr.io/acme/app',
      tag: 'ghcr.io/acme/app:latest',
      gone: '',
    });
    // a second run over the same sources (another deployment) asks the server nothing new
    await resolveBlockDocumentReferences(template, sources.blocks);
    await resolveVariables(template, sources.variables);
    expect(requests.sort()).toEqual(
      [
        `GET /block_types/slug/secret/block_documents/name/${block}`,
        `GET /block_documents/${blockId}`,
        `GET /variables/name/${variable}`,
        'GET /variables/name/does_not_exist',
      ].sort(),
    );

    await expect(sources.blocks.readByName('secret', unique('nope'))).resolves.toEqual({ status: 'missing' });
    await expect(resolveBlockDocumentReferences({ x: '{{ prefect.blocks.secret.nope-nope }}' }, sources.blocks)).rejects.toThrow(
      /Block not found: 'nope-nope' of type 'secret'.*\{\{ prefect\.blocks\.secret\.nope-nope \}\}/,
    );
  });
});

/**
 * examples/azure: plans offline, and its push section (run by the step runner with what a CI job
 * would have: container and connection string in the environment) uploads the project minus
 * .prefectignore to Azurite.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps } from '../../src/steps/index.js';
import { copyExample, planJson, pushSection } from './bucket-fixtures.js';

const azure = inject('azure');
let work: string;

beforeAll(() => {
  work = copyExample('azure');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('examples/azure', () => {
  it('plans offline: both deployments, the pull step templated from the push step', async () => {
    const { code, stderr, plan } = await planJson(work, { AZURE_CONTAINER: 'billing-code' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(plan.errors).toEqual([]);
    expect(plan.deployments.map((d) => d.name)).toEqual(['invoices', 'reminders']);
    const pull = plan.deployments[0]!.payload.pull_steps[0]!['prefect_azure.deployments.steps.pull_from_azure_blob_storage']!;
    expect(pull['credentials']).toBe('{{ prefect.blocks.azure-blob-storage-credentials.code-reader }}');
  });

  it('pushes the project minus .prefectignore', async () => {
    const { ContainerClient } = await import('@azure/storage-blob');
    const container = new ContainerClient(azure.connectionString, 'example-code');
    await container.create();
    const env = { AZURE_CONTAINER: 'example-code', AZURE_STORAGE_CONNECTION_STRING: azure.connectionString };
    const outputs = await runSteps(pushSection(work), {}, { cwd: work, env, sources: offlineSources(), section: 'push' });
    expect(outputs).toMatchObject({ push_code: { container: 'example-code', folder: 'azure-billing' }, container: 'example-code', folder: 'azure-billing' });
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat()) names.push(blob.name);
    expect(names.sort()).toEqual(['azure-billing/flows/billing.py', 'azure-billing/prefect.yaml']);
  });
});

/**
 * push_to_azure_blob_storage from the built action bundle (what users run) against Azurite: the
 * @azure/storage-blob client is loaded lazily from esbuild's split chunks, where CommonJS exports can
 * sit under `default` only. The account_url path (which loads @azure/identity) needs HTTPS, so here
 * it is only built, and must fail with the step's own message rather than an interop TypeError.
 */
import path from 'node:path';
import type { ContainerClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { prefectYaml, runBuild, useBundle, writeProject } from './bundle-action.js';

const azure = inject('azure');
const CONTAINER = 'bundle-code';
const PUSH = 'prefect_azure.deployments.steps.push_to_azure_blob_storage';
const scratch = useBundle('bundle-azure-');
let container: ContainerClient;

beforeAll(async () => {
  const { BlobServiceClient } = await import('@azure/storage-blob');
  container = BlobServiceClient.fromConnectionString(azure.connectionString).getContainerClient(CONTAINER);
  await container.create();
});

async function names(): Promise<string[]> {
  const out: string[] = [];
  for await (const blob of container.listBlobsFlat()) out.push(blob.name);
  return out.sort();
}

describe('the bundled action, push_to_azure_blob_storage', () => {
  it('uploads the project with a connection string and outputs the step in step-outputs', async () => {
    const yaml = prefectYaml(`
push:
  - ${PUSH}:
      id: push_code
      container: ${CONTAINER}
      folder: proj
      credentials:
        connection_string: "{{ $AZURE_STORAGE_CONNECTION_STRING }}"
`);
    const project = writeProject(path.join(scratch.dir, 'project'), yaml, { '.prefectignore': '*.log\n', 'debug.log': 'kept out\n', 'data/rows.csv': 'a,b\n1,2\n' });
    const run = await runBuild(project, { AZURE_STORAGE_CONNECTION_STRING: azure.connectionString });
    expect(run.code, run.stdout).toBe(0);
    expect(await names()).toEqual(['proj/.prefectignore', 'proj/data/rows.csv', 'proj/flows/hello.py', 'proj/prefect.yaml']);
    expect(run.stepOutputs).toEqual({ 'hello/hello': { push_code: { container: CONTAINER, folder: 'proj' }, container: CONTAINER, folder: 'proj' } });
    expect(run.outputs['push_code-container']).toBe(CONTAINER);
  });
});

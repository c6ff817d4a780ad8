/**
 * push_to_gcs from the built action bundle (what users run) against fake-gcs-server: the
 * @google-cloud/storage client and google-auth-library's JWT (for a service account key) are
 * loaded lazily from esbuild's split chunks, where CommonJS exports can sit under `default` only.
 */
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import type { Storage } from '@google-cloud/storage';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { prefectYaml, runBuild, useBundle, writeProject } from './bundle-action.js';

const gcs = inject('gcs');
const scratch = useBundle('bundle-gcs-');
let storage: Storage;

beforeAll(async () => {
  const { Storage } = await import('@google-cloud/storage');
  storage = new Storage({ apiEndpoint: gcs.endpoint, projectId: 'test' });
  await Promise.all([storage.createBucket('bundle-adc'), storage.createBucket('bundle-key')]);
});

async function names(bucket: string): Promise<string[]> {
  const [files] = await storage.bucket(bucket).getFiles();
  return files.map((f) => f.name).sort();
}

const push = (bucket: string, credentials = '') =>
  prefectYaml(`
push:
  - prefect_gcp.deployments.steps.push_to_gcs:
      id: push_code
      bucket: ${bucket}
      folder: proj${credentials}
`);

const FILES = { '.prefectignore': '*.log\n', 'debug.log': 'kept out\n', 'data/rows.csv': 'a,b\n1,2\n' };
const STORED = ['proj/.prefectignore', 'proj/data/rows.csv', 'proj/flows/hello.py', 'proj/prefect.yaml'];

describe('the bundled action, push_to_gcs', () => {
  it('uploads the project and outputs the step in step-outputs', async () => {
    const project = writeProject(path.join(scratch.dir, 'adc'), push('bundle-adc'), FILES);
    const run = await runBuild(project, { STORAGE_EMULATOR_HOST: gcs.endpoint });
    expect(run.code, run.stdout).toBe(0);
    expect(await names('bundle-adc')).toEqual(STORED);
    expect(run.stepOutputs).toEqual({ 'hello/hello': { push_code: { bucket: 'bundle-adc', folder: 'proj' }, bucket: 'bundle-adc', folder: 'proj' } });
    expect(run.outputs['push_code-folder']).toBe('proj');
  });

  it('builds a JWT client from service_account_info (google-auth-library from its chunk)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = {
      type: 'service_account',
      project_id: 'test',
      client_email: 'deployer@test.iam.gserviceaccount.com',
      token_uri: 'https://oauth2.googleapis.com/token',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const credentials = `\n      credentials:\n        project: test\n        service_account_info: ${JSON.stringify(key)}`;
    const project = writeProject(path.join(scratch.dir, 'key'), push('bundle-key', credentials), FILES);
    // The emulator takes no token: the client is built with the key but sends none to it.
    const run = await runBuild(project, { STORAGE_EMULATOR_HOST: gcs.endpoint });
    expect(run.code, run.stdout).toBe(0);
    expect(await names('bundle-key')).toEqual(STORED);
    expect(run.stepOutputs['hello/hello']).toMatchObject({ bucket: 'bundle-key', folder: 'proj' });
  });
});

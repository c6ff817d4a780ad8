/**
 * examples/gcs: plans offline, and its push section (run by the step runner with what a CI job
 * would have: the bucket in the environment, here the emulator instead of ADC) uploads the project
 * minus .prefectignore.
 */
import { rmSync } from 'node:fs';
import type { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps } from '../../src/steps/index.js';
import { copyExample, planJson, pushSection } from './bucket-fixtures.js';

const gcs = inject('gcs');
let work: string;
let storage: Storage;

beforeAll(async () => {
  work = copyExample('gcs');
  const { Storage } = await import('@google-cloud/storage');
  storage = new Storage({ apiEndpoint: gcs.endpoint, projectId: 'test' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('examples/gcs', () => {
  it('plans offline: both deployments, the pull step templated from the push step', async () => {
    const { code, stderr, plan } = await planJson(work, { GCS_BUCKET: 'acme-code' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(plan.errors).toEqual([]);
    expect(plan.deployments.map((d) => d.name)).toEqual(['hourly', 'backfill']);
    const pull = plan.deployments[0]!.payload.pull_steps[0]!['prefect_gcp.deployments.steps.pull_from_gcs']!;
    expect(pull['credentials']).toBe('{{ prefect.blocks.gcp-credentials.ingest-reader }}');
  });

  it('pushes the project minus .prefectignore', async () => {
    await storage.createBucket('example-code');
    const env = { GCS_BUCKET: 'example-code', STORAGE_EMULATOR_HOST: gcs.endpoint };
    const outputs = await runSteps(pushSection(work), {}, { cwd: work, env, sources: offlineSources(), section: 'push' });
    expect(outputs).toMatchObject({ push_code: { bucket: 'example-code', folder: 'gcs-ingest' }, bucket: 'example-code', folder: 'gcs-ingest' });
    const [files] = await storage.bucket('example-code').getFiles();
    expect(files.map((f) => f.name).sort()).toEqual(['gcs-ingest/flows/ingest.py', 'gcs-ingest/prefect.yaml']);
  });
});

/**
 * examples/s3: plans offline, and its push section (run by the step runner with the environment a
 * CI job would have: bucket, AWS_ENDPOINT_URL, keys) uploads the project minus .prefectignore to moto.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps } from '../../src/steps/index.js';

const example = path.resolve(import.meta.dirname, '../../examples/s3');
const peer = inject('s3');
let work: string;

beforeAll(() => {
  work = realpathSync(mkdtempSync(path.join(tmpdir(), 'example-s3-')));
  cpSync(example, work, { recursive: true });
  // What a checkout often carries and the example's .prefectignore keeps out of the bucket.
  mkdirSync(path.join(work, 'flows', '__pycache__'));
  writeFileSync(path.join(work, 'flows', '__pycache__', 'reports.cpython-311.pyc'), 'x');
  writeFileSync(path.join(work, '.env'), 'TOKEN=1\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('examples/s3', () => {
  it('plans offline: both deployments, the pull step templated from the push step', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(['plan', '--all', '--json'], {
      stdout: (t) => (stdout += `${t}\n`),
      stderr: (t) => (stderr += `${t}\n`),
      cwd: work,
      env: { S3_BUCKET: 'acme-code' },
      now: () => new Date('2026-11-22T12:00:00Z'),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.errors).toEqual([]);
    expect(out.deployments.map((d: { name: string }) => d.name)).toEqual(['daily', 'weekly']);
    const pull = out.deployments[0].payload.pull_steps[0]['prefect_aws.deployments.steps.pull_from_s3'];
    expect(pull.credentials).toBe('{{ prefect.blocks.aws-credentials.reports-reader }}');
  });

  it('pushes the project minus .prefectignore with credentials and endpoint from the environment', async () => {
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: peer.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: peer.accessKeyId, secretAccessKey: peer.secretAccessKey },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'example-code' }));
    const config = parse(readFileSync(path.join(work, 'prefect.yaml'), 'utf8')) as { push: unknown[] };
    const env = { S3_BUCKET: 'example-code', AWS_ENDPOINT_URL: peer.endpoint, AWS_ACCESS_KEY_ID: peer.accessKeyId, AWS_SECRET_ACCESS_KEY: peer.secretAccessKey };
    const outputs = await runSteps(config.push, {}, { cwd: work, env, sources: offlineSources(), section: 'push' });
    expect(outputs).toMatchObject({ push_code: { bucket: 'example-code', folder: 's3-reports' }, bucket: 'example-code', folder: 's3-reports' });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'example-code' }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(['s3-reports/flows/reports.py', 's3-reports/prefect.yaml']);
    s3.destroy();
  });
});

/**
 * push_to_s3 from the built action bundle (what users run) against moto: the AWS SDK, CommonJS
 * loaded lazily from esbuild's split chunks, uploads small files with PutObject and a large one
 * through @aws-sdk/lib-storage's multipart Upload; then a custom step (Python, through the bridge
 * chunk) lists the bucket with boto3 and its outputs are templated and output like a built-in's.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { prefectYaml, runBuild, useBundle, writeProject } from './bundle-action.js';

const peer = inject('s3');
const BUCKET = 'bundle-code';
/** Over DEFAULT_S3_TUNING.multipartThreshold (16 MiB): uploaded multipart by lib-storage. */
const LARGE_BYTES = 17 * 1024 * 1024;

const scratch = useBundle('bundle-s3-');
let s3: S3Client;

beforeAll(async () => {
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: peer.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: peer.accessKeyId, secretAccessKey: peer.secretAccessKey },
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(() => s3?.destroy());

const YAML = prefectYaml(`
push:
  - prefect_aws.deployments.steps.push_to_s3:
      id: push_code
      bucket: ${BUCKET}
      folder: proj
      credentials:
        aws_access_key_id: "{{ $KEY_ID }}"
        aws_secret_access_key: "{{ $KEY_SECRET }}"
      client_parameters:
        endpoint_url: "{{ $S3_ENDPOINT }}"
  - checks.listing.count_objects:
      id: listed
      bucket: "{{ push_code.bucket }}"
      prefix: "{{ push_code.folder }}/"
`);

/** Runs in the reference venv's Python (boto3 is there with prefect-aws). */
const CHECK_STEP = `import os

import boto3


def count_objects(bucket, prefix):
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ["S3_ENDPOINT"],
        aws_access_key_id=os.environ["KEY_ID"],
        aws_secret_access_key=os.environ["KEY_SECRET"],
        region_name="us-east-1",
    )
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", []))
    return {"count": len(keys), "keys": keys}
`;

describe('the bundled action, push_to_s3 and a custom step', () => {
  it('uploads the project (one file multipart), and outputs both steps in step-outputs', async () => {
    const large = Buffer.alloc(LARGE_BYTES);
    for (let i = 0; i < large.length; i += 4096) large.writeUInt32LE(i, i);
    const project = writeProject(path.join(scratch.dir, 'project'), YAML, {
      '.prefectignore': '*.log\n__pycache__/\n',
      'debug.log': 'kept out\n',
      'checks/__init__.py': '',
      'checks/listing.py': CHECK_STEP,
    });
    writeFileSync(path.join(project, 'data.bin'), large);

    const env = {
      KEY_ID: peer.accessKeyId,
      KEY_SECRET: peer.secretAccessKey,
      S3_ENDPOINT: peer.endpoint,
      PREFECT_DEPLOY_PYTHON: peer.referencePython,
      HOME: scratch.dir,
    };
    const run = await runBuild(project, env);
    expect(run.code, run.stdout).toBe(0);

    const expected = ['proj/.prefectignore', 'proj/checks/__init__.py', 'proj/checks/listing.py', 'proj/data.bin', 'proj/flows/hello.py', 'proj/prefect.yaml'];
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(expected);
    expect(listed.Contents?.find((o) => o.Key === 'proj/data.bin')?.Size).toBe(LARGE_BYTES);
    // A multipart ETag ends in -<parts>: lib-storage did the upload, not one PutObject.
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'proj/data.bin' }));
    expect(head.ETag).toMatch(/-\d+"$/u);

    expect(run.stepOutputs).toEqual({
      'hello/hello': {
        push_code: { bucket: BUCKET, folder: 'proj' },
        bucket: BUCKET,
        folder: 'proj',
        listed: { count: expected.length, keys: expected },
        count: expected.length,
        keys: expected,
      },
    });
    expect(run.outputs['push_code-bucket']).toBe(BUCKET);
    expect(run.outputs['listed-count']).toBe(String(expected.length));
  });
});

/**
 * How push_to_s3 / pull_from_s3 build their client from `credentials` and `client_parameters`,
 * following prefect_aws.s3.get_s3_client and botocore (table-driven, no peer needed), plus the one
 * rule worth proving against moto: a credentials block's aws_client_parameters silence the step's.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveSettings } from '../../src/steps/storage/s3.js';

describe('resolveSettings', () => {
  const base = (credentials: Record<string, unknown> | null, clientParameters: Record<string, unknown> | null = null, env: Record<string, string> = {}) =>
    resolveSettings(credentials, clientParameters, env);

  it.each([
    ['MinIO keys alias the AWS keys', { minio_root_user: 'u', minio_root_password: 'p' }, { accessKeyId: 'u', secretAccessKey: 'p' }],
    [
      'explicit AWS keys win over MinIO ones (setdefault)',
      { aws_access_key_id: 'a', aws_secret_access_key: 's', minio_root_user: 'u', minio_root_password: 'p' },
      { accessKeyId: 'a', secretAccessKey: 's' },
    ],
    [
      'a session token rides along',
      { aws_access_key_id: 'a', aws_secret_access_key: 's', aws_session_token: 't' },
      { accessKeyId: 'a', secretAccessKey: 's', sessionToken: 't' },
    ],
    ['no keys: the default chain', {}, null],
  ])('%s', (_, credentials, keys) => {
    expect(base(credentials).keys).toEqual(keys);
  });

  it('takes keys from the step environment when the mapping has none, but not over a profile', () => {
    const env = { AWS_ACCESS_KEY_ID: 'env-id', AWS_SECRET_ACCESS_KEY: 'env-secret' };
    expect(base(null, null, env).keys).toEqual({ accessKeyId: 'env-id', secretAccessKey: 'env-secret' });
    expect(base({ profile_name: 'dev' }, null, env)).toMatchObject({ keys: null, profile: 'dev' });
  });

  it('uses client_parameters only when the credentials carry no aws_client_parameters (a block always does)', () => {
    expect(base(null, { endpoint_url: 'http://minio:9000' }).endpointUrl).toBe('http://minio:9000');
    expect(base({ aws_client_parameters: { endpoint_url: 'http://block:9000' } }, { endpoint_url: 'http://step:9000' }).endpointUrl).toBe('http://block:9000');
    expect(base({ aws_client_parameters: {} }, { endpoint_url: 'http://step:9000' }).endpointUrl).toBeNull();
  });

  it('addresses a custom endpoint path-style unless virtual is asked for, as botocore does', () => {
    expect(base(null, { endpoint_url: 'http://minio:9000' }).forcePathStyle).toBe(true);
    expect(base(null, { endpoint_url: 'http://minio:9000', config: { s3: { addressing_style: 'virtual' } } }).forcePathStyle).toBe(false);
    expect(base(null, null).forcePathStyle).toBe(false);
    expect(base(null, { config: { s3: { addressing_style: 'path' } } }).forcePathStyle).toBe(true);
  });

  it('takes AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL when no endpoint_url is given', () => {
    expect(base(null, null, { AWS_ENDPOINT_URL: 'http://a:1' }).endpointUrl).toBe('http://a:1');
    expect(base(null, null, { AWS_ENDPOINT_URL: 'http://a:1', AWS_ENDPOINT_URL_S3: 'http://s3:2' }).endpointUrl).toBe('http://s3:2');
    expect(base(null, { endpoint_url: 'http://given:3' }, { AWS_ENDPOINT_URL: 'http://a:1' }).endpointUrl).toBe('http://given:3');
    expect(base(null, null, { AWS_ENDPOINT_URL: 'http://a:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).endpointUrl).toBeNull();
  });

  it('picks the region from the credentials, the botocore config, the environment, then us-east-1', () => {
    expect(base({ region_name: 'eu-west-3' }, { config: { region_name: 'ap-south-1' } }).region).toBe('eu-west-3');
    expect(base(null, { config: { region_name: 'ap-south-1' } }).region).toBe('ap-south-1');
    expect(base(null, null, { AWS_DEFAULT_REGION: 'sa-east-1' }).region).toBe('sa-east-1');
    expect(base(null, null).region).toBe('us-east-1');
  });

  it('maps verify, the CA bundle, retries, timeouts and unsigned requests', () => {
    expect(base(null, { verify: false }).verify).toBe(false);
    expect(base(null, { verify_cert_path: '/ca.pem' }).verify).toBe('/ca.pem');
    expect(base(null, { verify: false, verify_cert_path: '/ca.pem' }).verify).toBe(false);
    const s = base(null, { config: { retries: { max_attempts: 4, mode: 'adaptive' }, connect_timeout: 2.5, read_timeout: 30, signature_version: 'unsigned' } });
    expect(s).toMatchObject({ maxAttempts: 5, retryMode: 'adaptive', connectTimeoutMs: 2500, readTimeoutMs: 30000, unsigned: true });
    expect(base(null, { use_ssl: false }).useSsl).toBe(false);
  });

  it('refuses what cannot work, on one line', () => {
    expect(() => base({ aws_access_key_id: 'only-id' })).toThrow(/aws_secret_access_key \(or minio_root_password\) is missing/u);
    expect(() => base(null, { endpoint_url: 'minio:9000' })).toThrow(/must be a full URL such as http:\/\/minio:9000/u);
    expect(() => base({ assume_role_arn: 'arn:aws:iam::1:role/x' })).toThrow(/assume_role_arn is not supported/u);
    expect(() => base(null, { config: 'nope' })).toThrow(/client_parameters.config must be a mapping, got str/u);
  });
});

describe('a credentials block against moto', () => {
  const peer = inject('s3');
  let root: string;
  beforeAll(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 's3-block-')));
    writeFileSync(path.join(root, 'a.py'), 'a = 1\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reaches the endpoint of its aws_client_parameters, not the step client_parameters', async () => {
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: peer.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: peer.accessKeyId, secretAccessKey: peer.secretAccessKey },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'block-bucket' }));
    const { pushToS3 } = await import('../../src/steps/storage/s3.js');
    // What `{{ prefect.blocks.aws-credentials.x }}` resolves to: every field of the block.
    const block = {
      aws_access_key_id: peer.accessKeyId,
      aws_secret_access_key: peer.secretAccessKey,
      aws_session_token: null,
      profile_name: null,
      region_name: null,
      aws_client_parameters: { api_version: null, use_ssl: true, verify: null, verify_cert_path: null, endpoint_url: peer.endpoint, config: null },
    };
    const out = await pushToS3(
      { bucket: 'block-bucket', folder: 'b', credentials: block, client_parameters: { endpoint_url: 'http://127.0.0.1:9' } },
      { name: 'prefect_aws.deployments.steps.push_to_s3', cwd: root, env: {}, signal: undefined, log: () => undefined, chdir: () => undefined },
    );
    expect(out).toEqual({ bucket: 'block-bucket', folder: 'b' });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'block-bucket' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['b/a.py']);
    s3.destroy();
  });
});

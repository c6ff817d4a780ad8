/**
 * `prefect_aws.deployments.steps.push_to_s3` / `pull_from_s3` (prefect-aws 0.7.12) on the AWS SDK
 * for JavaScript. Same inputs, object keys, content and outputs; the client is configured from the
 * same `credentials` / `client_parameters` mappings as `prefect_aws.s3.get_s3_client` (MinIO keys
 * aliased, `client_parameters` used only when the credentials carry no `aws_client_parameters`,
 * path-style addressing whenever `endpoint_url` is set, as botocore does).
 *
 * Unlike the reference, uploads run in parallel, objects whose stored content is already the same
 * are skipped (MD5 against the ETag, or against the MD5 recorded in metadata for multipart
 * uploads), and large files go multipart. The SDK is imported only when one of these steps runs.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, realpath, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { Environment } from '../../core/templating/index.js';
import { isMapping, pythonTypeName } from '../../core/values/index.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import {
  CONTENT_MD5_METADATA,
  DEFAULT_CONCURRENCY,
  interopDefault,
  networkErrorReason,
  pullObjects,
  pushDirectory,
  type LocalObject,
  type PullObject,
  type PushTarget,
  type RemoteObject,
  type TransferOptions,
} from './common.js';
import { downloadPath } from './download-path.js';
import { firstLine, ignoreFileInput, requiredString } from './inputs.js';

/** Internal knobs; tests shrink the multipart threshold so a small file takes that path. */
export interface S3Tuning extends TransferOptions {
  /** Files larger than this are uploaded multipart (boto3's `upload_file` switches at 8 MiB). */
  multipartThreshold: number;
  /** Part size of multipart uploads (S3's minimum is 5 MiB, except for the last part). */
  partSize: number;
  /** Parts in flight per multipart upload. */
  partConcurrency: number;
  /** Multipart uploads at once (each buffers up to partSize × partConcurrency bytes). */
  multipartConcurrency: number;
}

export const DEFAULT_S3_TUNING: S3Tuning = {
  multipartThreshold: 16 * 1024 * 1024,
  partSize: 8 * 1024 * 1024,
  partConcurrency: 4,
  multipartConcurrency: 2,
};

export interface PushToS3Output {
  bucket: string;
  folder: string;
}

export interface PullFromS3Output extends PushToS3Output {
  directory: string;
}

/** `push_to_s3(bucket, folder, credentials=None, client_parameters=None, ignore_file=".prefectignore")`. */
export async function pushToS3(inputs: Record<string, unknown>, call: StepCall, tuning: S3Tuning = DEFAULT_S3_TUNING): Promise<PushToS3Output> {
  const bucket = requiredString(inputs, 'bucket', 'push_to_s3');
  const folder = requiredString(inputs, 'folder', 'push_to_s3');
  const ignoreFile = ignoreFileInput(inputs, 'push_to_s3');
  const s3 = await connect(inputs, call.env);
  try {
    const target = pushTarget(s3, bucket, folder, tuning);
    await pushDirectory('s3', call, folder, target, { ignoreFile, ...tuning });
  } catch (error) {
    throw describeS3Error(error, s3, bucket);
  } finally {
    s3.client.destroy();
  }
  return { bucket, folder };
}

/** `pull_from_s3(bucket, folder, credentials=None, client_parameters=None)`. */
export async function pullFromS3(inputs: Record<string, unknown>, call: StepCall, tuning: S3Tuning = DEFAULT_S3_TUNING): Promise<PullFromS3Output> {
  const bucket = requiredString(inputs, 'bucket', 'pull_from_s3');
  const folder = requiredString(inputs, 'folder', 'pull_from_s3');
  const s3 = await connect(inputs, call.env);
  try {
    const { ListObjectsV2Command, GetObjectCommand } = s3.sdk;
    const prefix = folder && !folder.endsWith('/') ? `${folder}/` : folder;
    const objects: PullObject[] = [];
    let token: string | undefined;
    do {
      const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), {
        abortSignal: call.signal,
      });
      for (const object of page.Contents ?? []) {
        const key = object.Key!;
        // A "folder" placeholder object: the directory is created by the files inside it.
        if (key.endsWith('/')) continue;
        objects.push({ key, localPath: downloadPath('pull_from_s3', call.cwd, prefix, key), size: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);

    await pullObjects(
      call,
      s3Url(bucket, prefix),
      objects,
      async (object, signal) => {
        const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: object.key }), { abortSignal: signal });
        // Written beside the target and renamed, as boto3's download_file does: no half-written files.
        const partial = `${object.localPath}.${randomUUID()}.part`;
        try {
          await pipeline(response.Body as NodeJS.ReadableStream, createWriteStream(partial), { signal });
          await rename(partial, object.localPath);
        } catch (error) {
          await rm(partial, { force: true });
          throw error;
        }
      },
      tuning,
    );
  } catch (error) {
    throw describeS3Error(error, s3, bucket);
  } finally {
    s3.client.destroy();
  }
  // `str(Path.cwd())`: the working directory with symbolic links resolved, as getcwd() reports it.
  return { bucket, folder, directory: await realpath(call.cwd) };
}

type Sdk = typeof import('@aws-sdk/client-s3');

interface Connection {
  sdk: Sdk;
  client: S3Client;
  /** For messages: the endpoint_url, or the AWS endpoint of the region. */
  endpoint: string;
  /** Whether an explicit key pair was given (so a rejected key is the user's input, not the environment's). */
  explicitKeys: boolean;
}

/** The client `get_s3_client(credentials, client_parameters)` would build. */
async function connect(inputs: Record<string, unknown>, env: Environment): Promise<Connection> {
  const credentials = optionalMapping(inputs['credentials'], 'credentials');
  const clientParameters = optionalMapping(inputs['client_parameters'], 'client_parameters');
  const settings = resolveSettings(credentials, clientParameters, env);
  const config = await clientConfig(settings);
  const sdk = interopDefault(await import('@aws-sdk/client-s3'), 'S3Client');
  return {
    sdk,
    client: new sdk.S3Client(config),
    endpoint: settings.endpointUrl ?? `https://s3.${settings.region}.amazonaws.com`,
    explicitKeys: settings.keys !== null,
  };
}

/** Everything the client needs, resolved from the two mappings as prefect-aws resolves them. */
export interface S3Settings {
  keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
  profile: string | null;
  region: string;
  endpointUrl: string | null;
  useSsl: boolean;
  /** false: do not verify TLS certificates; a string: CA bundle file. */
  verify: boolean | string;
  forcePathStyle: boolean;
  useAccelerate: boolean;
  useDualstack: boolean;
  unsigned: boolean;
  maxAttempts: number | null;
  retryMode: string | null;
  connectTimeoutMs: number | null;
  readTimeoutMs: number | null;
  maxSockets: number | null;
  checksumWhenRequired: boolean;
}

export function resolveSettings(credentials: Record<string, unknown> | null, clientParameters: Record<string, unknown> | null, env: Environment): S3Settings {
  const creds: Record<string, unknown> = { ...(credentials ?? {}) };
  // `credentials.setdefault("aws_access_key_id", credentials.pop("minio_root_user", None))`.
  const minioUser = creds['minio_root_user'];
  const minioPassword = creds['minio_root_password'];
  delete creds['minio_root_user'];
  delete creds['minio_root_password'];
  if (!Object.hasOwn(creds, 'aws_access_key_id')) creds['aws_access_key_id'] = minioUser ?? null;
  if (!Object.hasOwn(creds, 'aws_secret_access_key')) creds['aws_secret_access_key'] = minioPassword ?? null;
  // A credentials block always carries aws_client_parameters, and then the step's are ignored.
  const params = Object.hasOwn(creds, 'aws_client_parameters')
    ? (optionalMapping(creds['aws_client_parameters'], 'credentials.aws_client_parameters') ?? {})
    : (clientParameters ?? {});

  if (creds['assume_role_arn']) {
    throw new StepFailure(
      'credentials.assume_role_arn is not supported by deploy-action yet (assume the role before this step, e.g. with aws-actions/configure-aws-credentials, which sets the AWS_* environment variables)',
    );
  }
  const accessKeyId = credString(creds, 'aws_access_key_id');
  const secretAccessKey = credString(creds, 'aws_secret_access_key');
  const sessionToken = credString(creds, 'aws_session_token');
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    const missing = accessKeyId === null ? 'aws_access_key_id (or minio_root_user)' : 'aws_secret_access_key (or minio_root_password)';
    throw new StepFailure(`credentials: ${missing} is missing (give both the access key id and the secret, or neither to use the environment)`);
  }
  let keys: S3Settings['keys'] = null;
  if (accessKeyId !== null && secretAccessKey !== null) keys = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  const profile = credString(creds, 'profile_name');
  // The step's environment first (botocore reads the process environment, which is this one in a
  // real run); the SDK's default chain covers profiles, SSO, web identity and instance roles.
  if (keys === null && profile === null && env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY']) {
    keys = {
      accessKeyId: env['AWS_ACCESS_KEY_ID'],
      secretAccessKey: env['AWS_SECRET_ACCESS_KEY'],
      ...(env['AWS_SESSION_TOKEN'] ? { sessionToken: env['AWS_SESSION_TOKEN'] } : {}),
    };
  }

  const config = optionalMapping(params['config'], 'client_parameters.config') ?? {};
  const s3Config = optionalMapping(config['s3'], 'client_parameters.config.s3') ?? {};
  const retries = optionalMapping(config['retries'], 'client_parameters.config.retries') ?? {};
  // botocore's configured endpoints: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL when none is given.
  const configuredEndpoint = env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() === 'true' ? undefined : env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL'];
  const endpointUrl = credString(params, 'endpoint_url') ?? (configuredEndpoint || null);
  if (endpointUrl !== null && !/^https?:\/\/[^/]/iu.test(endpointUrl)) {
    throw new StepFailure(`the S3 endpoint_url must be a full URL such as http://minio:9000 (got ${JSON.stringify(endpointUrl)})`);
  }
  const addressing = typeof s3Config['addressing_style'] === 'string' ? s3Config['addressing_style'] : 'auto';
  const useAccelerate = s3Config['use_accelerate_endpoint'] === true;

  // verify_cert_path wins over verify; verify=false disables checking; a path in verify is a CA bundle.
  let verify: boolean | string = true;
  const verifyInput = params['verify'];
  const certPath = credString(params, 'verify_cert_path');
  if (verifyInput === false) verify = false;
  else if (certPath) verify = certPath;
  else if (typeof verifyInput === 'string' && verifyInput) verify = verifyInput;

  const seconds = (key: string): number | null => (typeof config[key] === 'number' ? Math.round(config[key] * 1000) : null);
  const totalAttempts = typeof retries['total_max_attempts'] === 'number' ? retries['total_max_attempts'] : null;
  const maxAttempts = typeof retries['max_attempts'] === 'number' ? retries['max_attempts'] + 1 : null;

  return {
    keys,
    profile,
    // boto3 falls back to us-east-1 for S3; redirects to the bucket's region are followed below.
    region: credString(creds, 'region_name') ?? credString(config, 'region_name') ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    endpointUrl,
    useSsl: params['use_ssl'] !== false,
    verify,
    // botocore: a custom endpoint means path style unless virtual is asked for explicitly.
    forcePathStyle: useAccelerate ? false : endpointUrl !== null ? addressing !== 'virtual' : addressing === 'path',
    useAccelerate,
    useDualstack: s3Config['use_dualstack_endpoint'] === true,
    unsigned: config['signature_version'] === 'unsigned',
    maxAttempts: totalAttempts ?? maxAttempts,
    retryMode: typeof retries['mode'] === 'string' ? retries['mode'] : null,
    connectTimeoutMs: seconds('connect_timeout'),
    readTimeoutMs: seconds('read_timeout'),
    maxSockets: typeof config['max_pool_connections'] === 'number' ? config['max_pool_connections'] : null,
    checksumWhenRequired: config['request_checksum_calculation'] !== 'when_supported',
  };
}

async function clientConfig(s: S3Settings): Promise<S3ClientConfig> {
  const ca =
    typeof s.verify === 'string'
      ? await readFile(s.verify).catch((error: NodeJS.ErrnoException) => {
          throw new StepFailure(`client_parameters: cannot read the CA bundle ${s.verify}: ${error.code ?? error.message}`);
        })
      : undefined;
  // Loaded here, not at start-up: a run without an S3 step never needs TLS for it.
  const agent = new (process.getBuiltinModule('node:https').Agent)({
    keepAlive: true,
    maxSockets: Math.max(s.maxSockets ?? 0, DEFAULT_CONCURRENCY * 2),
    rejectUnauthorized: s.verify !== false,
    ...(ca ? { ca } : {}),
  });
  const config: S3ClientConfig = {
    region: s.region,
    followRegionRedirects: true,
    forcePathStyle: s.forcePathStyle,
    useAccelerateEndpoint: s.useAccelerate,
    useDualstackEndpoint: s.useDualstack,
    tls: s.useSsl,
    // Content-MD5 (sent below) already guards each upload; the SDK's default CRC32 would hash
    // everything a second time and is refused by some S3-compatible stores.
    requestChecksumCalculation: s.checksumWhenRequired ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      httpsAgent: agent,
      ...(s.connectTimeoutMs !== null ? { connectionTimeout: s.connectTimeoutMs } : {}),
      ...(s.readTimeoutMs !== null ? { requestTimeout: s.readTimeoutMs } : {}),
    },
  };
  if (s.endpointUrl) config.endpoint = s.endpointUrl;
  if (s.maxAttempts !== null) config.maxAttempts = s.maxAttempts;
  if (s.retryMode !== null) config.retryMode = s.retryMode === 'adaptive' ? 'adaptive' : 'standard';
  if (s.unsigned) {
    config.signer = { sign: async (request) => request };
    config.credentials = { accessKeyId: '', secretAccessKey: '' };
  } else if (s.keys) config.credentials = s.keys;
  else if (s.profile) config.profile = s.profile;
  return config;
}

function pushTarget(s3: Connection, bucket: string, folder: string, tuning: S3Tuning): PushTarget {
  const { ListObjectsV2Command, HeadObjectCommand, PutObjectCommand } = s3.sdk;
  const multipart = new Semaphore(tuning.multipartConcurrency);
  return {
    location: s3Url(bucket, folder),
    async list(prefix, signal) {
      const stored = new Map<string, RemoteObject>();
      let token: string | undefined;
      try {
        do {
          const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: signal });
          for (const object of page.Contents ?? []) {
            const etag = (object.ETag ?? '').replaceAll('"', '');
            stored.set(object.Key!, { size: object.Size ?? -1, md5: /^[0-9a-f]{32}$/u.test(etag) ? etag : null });
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      } catch (error) {
        // Write-only credentials may upload without listing; everything is uploaded then.
        if (errorName(error) === 'AccessDenied') return null;
        throw error;
      }
      return stored;
    },
    async storedMd5(key, signal) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }).catch(() => null);
      return head?.Metadata?.[CONTENT_MD5_METADATA] ?? null;
    },
    async upload(object: LocalObject, signal) {
      const metadata = { [CONTENT_MD5_METADATA]: object.md5 };
      if (object.size <= tuning.multipartThreshold) {
        await s3.client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: object.key,
            Body: object.data ?? createReadStream(object.localPath),
            ContentLength: object.size,
            ContentMD5: Buffer.from(object.md5, 'hex').toString('base64'),
            Metadata: metadata,
          }),
          { abortSignal: signal },
        );
        return;
      }
      const { Upload } = interopDefault(await import('@aws-sdk/lib-storage'), 'Upload');
      await multipart.run(async () => {
        const upload = new Upload({
          client: s3.client,
          params: { Bucket: bucket, Key: object.key, Body: object.data ?? createReadStream(object.localPath), Metadata: metadata },
          partSize: tuning.partSize,
          queueSize: tuning.partConcurrency,
          leavePartsOnError: false,
        });
        const onAbort = (): void => void upload.abort().catch(() => undefined);
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          await upload.done();
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      });
    },
  };
}

/** One line for an SDK failure: which bucket, what is wrong, what to check. Secrets are never included. */
function describeS3Error(error: unknown, s3: Connection, bucket: string): Error {
  if (error instanceof StepFailure || error instanceof TypeError) return error;
  const network = networkErrorReason(error);
  if (network) return new StepFailure(`cannot reach the S3 endpoint ${s3.endpoint}: ${network} (check client_parameters.endpoint_url and that the service is running)`);
  const name = errorName(error);
  // Not from the service (a local file, a cancelled run): already worded for the user.
  if (!isServiceError(error) && name !== 'CredentialsProviderError') return error instanceof Error ? error : new StepFailure(String(error));
  const where = s3.explicitKeys ? 'credentials' : 'the AWS credentials found in the environment';
  switch (name) {
    case 'NoSuchBucket':
      return new StepFailure(`bucket "${bucket}" does not exist at ${s3.endpoint} (create it or fix the bucket input)`);
    case 'InvalidAccessKeyId':
      return new StepFailure(`the access key id in ${where} is not known to ${s3.endpoint} (check aws_access_key_id / minio_root_user)`);
    case 'SignatureDoesNotMatch':
      return new StepFailure(`the secret access key in ${where} does not match its access key id (check aws_secret_access_key / minio_root_password)`);
    case 'ExpiredToken':
    case 'InvalidToken':
      return new StepFailure(`the session token in ${where} is expired or invalid (refresh aws_session_token)`);
    case 'AccessDenied':
      return new StepFailure(`access denied to bucket "${bucket}" with ${where} (they need s3:PutObject, s3:GetObject and s3:ListBucket on it)`);
    case 'CredentialsProviderError':
      return new StepFailure(
        'no AWS credentials found: pass credentials (aws_access_key_id and aws_secret_access_key, or an aws-credentials block) or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
      );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StepFailure(`S3 request to ${s3.endpoint} failed${name ? ` (${name})` : ''}: ${firstLine(message)}`);
}

function isServiceError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error;
}

function errorName(error: unknown): string {
  const e = error as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } };
  if (typeof e?.Code === 'string') return e.Code;
  // A HEAD-less 404/403 has no body to name it; the status says enough.
  if (e?.name === 'NotFound' || e?.name === 'Unknown') {
    if (e.$metadata?.httpStatusCode === 404) return 'NoSuchBucket';
    if (e.$metadata?.httpStatusCode === 403) return 'AccessDenied';
  }
  return typeof e?.name === 'string' ? e.name : '';
}

function s3Url(bucket: string, folder: string): string {
  return `s3://${bucket}/${folder.replace(/^\/+/u, '')}`;
}

function optionalMapping(value: unknown, what: string): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (!isMapping(value)) throw new TypeError(`${what} must be a mapping, got ${pythonTypeName(value)}`);
  return value;
}

function credString(source: Record<string, unknown>, key: string): string | null {
  const value = source[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new TypeError(`${key} must be a string, got ${pythonTypeName(value)}`);
  return value;
}

/** At most `limit` callers inside `run` at once. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // A finishing caller hands its slot straight to the next waiter, so the count never overshoots.
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/**
 * `prefect_gcp.deployments.steps.push_to_gcs` / `pull_from_gcs` (prefect-gcp 0.6.22) on
 * `@google-cloud/storage`, loaded only when one of them runs.
 *
 * As the reference: the same files and object names (`uploadSet`), the project taken from
 * `credentials.project` only (the step's `project` input is accepted and ignored, as there),
 * `service_account_info` before `service_account_file` before Application Default Credentials,
 * and the pull's raw-prefix listing. Unlike it: uploads run in parallel and skip objects whose
 * stored MD5 matches (common.ts), and `STORAGE_EMULATOR_HOST` / `API_ENDPOINT_OVERRIDE` are read
 * from the step environment as the Python client reads them from the process environment.
 */
import { createHash, createPrivateKey } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Bucket, Storage, StorageOptions } from '@google-cloud/storage';
import { isMapping, isTruthy, pythonTypeName } from '../../core/values/index.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import { interopDefault, networkErrorReason, pullObjects, pushDirectory, type LocalObject, type PullObject, type PushTarget, type RemoteObject } from './common.js';
import { downloadPath } from './download-path.js';
import { firstLine, ignoreFileInput, requiredString } from './inputs.js';

const PUSH = 'push_to_gcs';
const PULL = 'pull_from_gcs';
const DEFAULT_ENDPOINT = 'https://storage.googleapis.com';
const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

export interface PushToGcsOutput {
  bucket: string;
  folder: string;
}

export interface PullFromGcsOutput extends PushToGcsOutput {
  directory: string;
}

/** `push_to_gcs(bucket, folder, project=None, credentials=None, ignore_file=".prefectignore")`. */
export async function pushToGcs(inputs: Record<string, unknown>, call: StepCall): Promise<PushToGcsOutput> {
  const bucket = requiredString(inputs, 'bucket', PUSH);
  const folder = requiredString(inputs, 'folder', PUSH);
  const ignoreFile = ignoreFileInput(inputs, PUSH);
  const client = await gcsClient(PUSH, inputs['credentials'], call);
  const target = new GcsTarget(client, bucket);
  await pushDirectory('gcs', call, folder, target, { ignoreFile });
  return { bucket, folder };
}

/** `pull_from_gcs(bucket, folder, project=None, credentials=None)`. */
export async function pullFromGcs(inputs: Record<string, unknown>, call: StepCall): Promise<PullFromGcsOutput> {
  const bucket = requiredString(inputs, 'bucket', PULL);
  const folder = requiredString(inputs, 'folder', PULL);
  const client = await gcsClient(PULL, inputs['credentials'], call);
  const handle = client.storage.bucket(bucket);
  const objects: PullObject[] = [];
  const md5s = new Map<string, string | undefined>();
  let listed: ListedFile[];
  try {
    // `list_blobs(bucket, prefix=folder)`: the raw prefix, no `/` appended.
    listed = await listFiles(handle, folder);
  } catch (error) {
    throw gcsError(error, client, bucket, 'listing');
  }
  for (const file of listed) {
    if (file.name.endsWith('/')) continue;
    objects.push({ key: file.name, localPath: downloadPath(PULL, call.cwd, folder, file.name), size: file.size });
    md5s.set(file.name, file.md5Hash);
  }
  await pullObjects(call, `gs://${bucket}/${folder}`, objects, async (object, signal) => {
    try {
      await download(client, bucket, object, md5s.get(object.key), signal);
    } catch (error) {
      throw gcsError(error, client, bucket, `download of ${object.key}`);
    }
  });
  // `str(Path.cwd())`: symbolic links resolved, as pull_from_s3 reports it too.
  return { bucket, folder, directory: await realpath(call.cwd) };
}

/**
 * One object to its local path, over the JSON API's media URL with the client's credentials. Not
 * `File.download`: in @google-cloud/storage 8 every streamed download of a few MB prints a
 * MaxListenersExceededWarning (googleapis/google-cloud-node#9185), which would land in the log.
 */
async function download(client: GcsClient, bucket: string, object: PullObject, md5Hash: string | undefined, signal: AbortSignal): Promise<void> {
  const url = `${client.endpoint}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(object.key)}?alt=media`;
  const headers = client.authenticated ? await client.storage.authClient.getRequestHeaders(url) : new Headers();
  const response = await fetch(url, { headers, signal });
  if (!response.ok || !response.body) {
    const body = await response.text().catch(() => '');
    throw Object.assign(new Error(`HTTP ${response.status}: ${firstLine(body) || response.statusText}`), { code: response.status });
  }
  const hash = createHash('md5');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), hashing, createWriteStream(object.localPath), { signal });
  // Objects stored gzip-encoded arrive decompressed, so their stored MD5 does not apply.
  const stored = response.headers.get('x-goog-stored-content-encoding');
  if (md5Hash && (stored === null || stored === 'identity') && hash.digest('base64') !== md5Hash) {
    throw new Error(`the downloaded content does not match the object's MD5 (it changed during the pull, or the transfer was corrupted); run the step again`);
  }
}

interface GcsClient {
  storage: Storage;
  /** False for an emulator: no credentials are sent. */
  authenticated: boolean;
  /** Base URL of the JSON API (no trailing `/`): where requests go. */
  endpoint: string;
  /** Which credentials are used, for messages. */
  credentialSource: string;
}

/**
 * The reference's client: `StorageClient(credentials=<service account or ADC>, project=credentials.project)`.
 * A service account is validated here as google-auth does when it is built, so a malformed one
 * fails before any request with the reason.
 */
async function gcsClient(step: string, credentials: unknown, call: StepCall): Promise<GcsClient> {
  if (credentials !== undefined && credentials !== null && !isMapping(credentials)) {
    throw new StepFailure(`${step}: credentials must be a mapping (service_account_info, service_account_file, project), got ${pythonTypeName(credentials)}`);
  }
  const options: StorageOptions = {
    // Connection failures are retried as often as server errors; short pauses keep a dead
    // endpoint from stalling the run (the Python client keeps trying for two minutes).
    retryOptions: { maxRetries: 2, retryDelayMultiplier: 2, maxRetryDelay: 2, totalTimeout: 120 },
  };
  let credentialSource = 'Application Default Credentials';
  if (credentials && isTruthy(credentials)) {
    const project = credentials['project'];
    if (typeof project === 'string' && project) options.projectId = project;
  }
  let key: ServiceAccountKey | undefined;
  if (credentials) {
    const info = credentials['service_account_info'];
    const file = credentials['service_account_file'];
    if (info !== undefined && info !== null) {
      key = serviceAccount(step, info, 'credentials.service_account_info');
      credentialSource = 'credentials.service_account_info';
    } else if (file !== undefined && file !== null) {
      if (typeof file !== 'string') throw new StepFailure(`${step}: credentials.service_account_file must be a path, got ${pythonTypeName(file)}`);
      key = serviceAccount(step, await readServiceAccountFile(step, path.resolve(call.cwd, file), file), `service account file ${file}`);
      credentialSource = `service account file ${file}`;
    }
  }
  if (key) {
    // A client built from the key: the Storage `credentials` option prints a deprecation notice.
    const { JWT } = interopDefault(await import('google-auth-library'), 'JWT');
    options.authClient = new JWT({
      email: key.client_email,
      key: key.private_key,
      keyId: typeof key.private_key_id === 'string' ? key.private_key_id : undefined,
      scopes: [CLOUD_PLATFORM],
    });
  }

  let endpoint = DEFAULT_ENDPOINT;
  const emulator = call.env['STORAGE_EMULATOR_HOST'];
  const override = call.env['API_ENDPOINT_OVERRIDE'];
  if (emulator) {
    // google-cloud-storage sends no credentials to an emulator unless given some; ours sends none.
    endpoint = emulator;
    options.apiEndpoint = emulator;
  } else if (override) {
    endpoint = override;
    options.apiEndpoint = override;
    options.useAuthWithCustomEndpoint = true;
  }
  const { Storage } = interopDefault(await import('@google-cloud/storage'), 'Storage');
  const base = endpoint.replace(/\/+$/u, '');
  const storage = new Storage(options);
  // With STORAGE_EMULATOR_HOST in the process environment (a real run), the library takes it as
  // the JSON API's base without /storage/v1 (googleapis/nodejs-storage#1314) and every bucket and
  // object request 404s; the Python client, like us, puts the API under /storage/v1 of that host.
  storage.baseUrl = `${storage.apiEndpoint}/storage/v1`;
  return { storage, endpoint: base, authenticated: !emulator, credentialSource };
}

interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  [key: string]: unknown;
}

/** `Credentials.from_service_account_info`: client_email and token_uri required, private_key a usable key. */
function serviceAccount(step: string, info: unknown, what: string): ServiceAccountKey {
  if (!isMapping(info)) {
    throw new StepFailure(`${step}: ${what} must be a mapping (the service account key's JSON), got ${pythonTypeName(info)}`);
  }
  const missing = ['client_email', 'token_uri'].filter((key) => !Object.hasOwn(info, key));
  if (missing.length > 0) {
    throw new StepFailure(
      `${step}: ${what} is not a service account key: missing fields ${missing.join(', ')} (use the JSON key file downloaded for the service account)`,
    );
  }
  const privateKey = info['private_key'];
  if (privateKey === undefined) throw new StepFailure(`${step}: ${what} has no private_key field (use the JSON key file downloaded for the service account)`);
  try {
    createPrivateKey(String(privateKey));
  } catch {
    throw new StepFailure(`${step}: ${what} has a private_key that is not a PEM private key (use the JSON key file downloaded for the service account)`);
  }
  return info as ServiceAccountKey;
}

async function readServiceAccountFile(step: string, absolute: string, given: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new StepFailure(`${step}: cannot read credentials.service_account_file ${JSON.stringify(given)} (${absolute}): ${reason}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StepFailure(`${step}: credentials.service_account_file ${JSON.stringify(given)} is not JSON (expected a service account key file)`);
  }
}

interface ListedFile {
  name: string;
  size: number;
  /** base64 as GCS reports it; absent for composite objects. */
  md5Hash: string | undefined;
}

/** The objects under `prefix`; SDK errors are left for the caller to word. */
async function listFiles(bucket: Bucket, prefix: string): Promise<ListedFile[]> {
  const [files] = await bucket.getFiles({ prefix, autoPaginate: true });
  return files.map((f) => ({ name: f.name, size: Number(f.metadata.size ?? 0), md5Hash: f.metadata.md5Hash }));
}

class GcsTarget implements PushTarget {
  readonly location: string;
  private readonly bucket: Bucket;

  constructor(
    private readonly client: GcsClient,
    private readonly bucketName: string,
  ) {
    this.bucket = client.storage.bucket(bucketName);
    this.location = `gs://${bucketName}`;
  }

  async list(prefix: string): Promise<Map<string, RemoteObject> | null> {
    const stored = new Map<string, RemoteObject>();
    let files: ListedFile[];
    try {
      files = await listFiles(this.bucket, prefix);
    } catch (error) {
      // An account that may create objects but not list them (roles/storage.objectCreator): the
      // reference never lists, so upload everything.
      if ((error as { code?: unknown }).code === 403) return null;
      throw gcsError(error, this.client, this.bucketName, 'listing');
    }
    for (const file of files) {
      stored.set(file.name, { size: file.size, md5: file.md5Hash ? Buffer.from(file.md5Hash, 'base64').toString('hex') : null });
    }
    return stored;
  }

  async upload(object: LocalObject): Promise<void> {
    const file = this.bucket.file(object.key);
    // GCS checks the MD5 it is given against what it received; the SDK's own CRC32C check stays on.
    const metadata = { md5Hash: Buffer.from(object.md5, 'hex').toString('base64') };
    try {
      if (object.data) await file.save(object.data, { resumable: false, gzip: false, metadata });
      else await this.bucket.upload(object.localPath, { destination: file, resumable: true, gzip: false, metadata });
    } catch (error) {
      throw gcsError(error, this.client, this.bucketName, `upload of ${object.relativePath}`);
    }
  }
}

/** One line for what went wrong talking to GCS, with what to do about it. */
function gcsError(error: unknown, client: GcsClient, bucket: string, action: string): StepFailure {
  const network = networkErrorReason(error);
  if (network)
    return new StepFailure(`cannot reach Google Cloud Storage at ${client.endpoint}: ${network} (check the network, or STORAGE_EMULATOR_HOST if you use an emulator)`);
  const e = error as { code?: unknown; message?: unknown };
  const message = firstLine(typeof e.message === 'string' ? e.message : String(error));
  const status = typeof e.code === 'number' ? e.code : undefined;
  if (status === 404 && action === 'listing') return new StepFailure(`bucket ${JSON.stringify(bucket)} does not exist at ${client.endpoint} (create it, or fix bucket)`);
  if (status === 401 || /invalid_grant|invalid_client|unauthorized_client|Could not load the default credentials/iu.test(message)) {
    return new StepFailure(
      `Google Cloud Storage did not accept the credentials (${client.credentialSource}): ${message} (pass credentials.service_account_info or service_account_file, or authenticate the runner, e.g. with google-github-actions/auth)`,
    );
  }
  if (status === 403)
    return new StepFailure(
      `access to bucket ${JSON.stringify(bucket)} denied for ${client.credentialSource}: ${message} (grant the account roles/storage.objectAdmin on the bucket)`,
    );
  return new StepFailure(`${action} in gs://${bucket} failed: ${message}`);
}

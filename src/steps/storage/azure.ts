/**
 * `prefect_azure.deployments.steps.push_to_azure_blob_storage` / `pull_from_azure_blob_storage`
 * (prefect-azure 0.4.13) on `@azure/storage-blob` (+ `@azure/identity` for `account_url`), loaded
 * only when one of them runs.
 *
 * As the reference: `credentials` is required; `connection_string` wins over `account_url`; with
 * `account_url`, a service principal when `tenant_id`, `client_id` and `client_secret` are all
 * given, else the default credential chain; blob names `str(Path(folder) / relative)` (OS
 * separator, `uploadSet`); the pull skips `…/` names and `hdi_isfolder` markers. Unlike it:
 * uploads run in parallel and skip blobs whose Content-MD5 matches (common.ts); every upload
 * records its Content-MD5, block uploads of large files included.
 */
import { realpath } from 'node:fs/promises';
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { isMapping, pythonTypeName } from '../../core/values/index.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import { networkErrorReason, pullObjects, pushDirectory, type LocalObject, type PullObject, type PushTarget, type RemoteObject } from './common.js';
import { downloadPath } from './download-path.js';
import { firstLine, ignoreFileInput, requiredString } from './inputs.js';

const PUSH = 'push_to_azure_blob_storage';
const PULL = 'pull_from_azure_blob_storage';
/** Block size and parallel blocks for files too large for one request. */
const BLOCK_SIZE = 8 * 1024 * 1024;
const BLOCK_CONCURRENCY = 4;
/** Listing refused for lack of permission (not of authentication). */
const LIST_NOT_PERMITTED = new Set(['AuthorizationPermissionMismatch', 'AuthorizationResourceTypeMismatch']);

export interface PushToAzureOutput {
  container: string;
  folder: string;
}

export interface PullFromAzureOutput extends PushToAzureOutput {
  directory: string;
}

/** `push_to_azure_blob_storage(container, folder, credentials, ignore_file=".prefectignore")`. */
export async function pushToAzureBlobStorage(inputs: Record<string, unknown>, call: StepCall): Promise<PushToAzureOutput> {
  const container = requiredString(inputs, 'container', PUSH);
  const folder = requiredString(inputs, 'folder', PUSH);
  const ignoreFile = ignoreFileInput(inputs, PUSH);
  const client = await containerClient(PUSH, container, inputs['credentials']);
  await pushDirectory('azure', call, folder, new AzureTarget(client), { ignoreFile });
  return { container, folder };
}

/** `pull_from_azure_blob_storage(container, folder, credentials)`. */
export async function pullFromAzureBlobStorage(inputs: Record<string, unknown>, call: StepCall): Promise<PullFromAzureOutput> {
  const container = requiredString(inputs, 'container', PULL);
  const folder = requiredString(inputs, 'folder', PULL);
  const client = await containerClient(PULL, container, inputs['credentials']);
  const objects: PullObject[] = [];
  try {
    for await (const blob of client.container.listBlobsFlat({ prefix: folder, includeMetadata: true })) {
      if (blob.name.endsWith('/') || blob.metadata?.['hdi_isfolder'] === 'true') continue;
      objects.push({ key: blob.name, localPath: downloadPath(PULL, call.cwd, folder, blob.name), size: blob.properties.contentLength ?? 0 });
    }
  } catch (error) {
    throw azureError(error, client, 'listing');
  }
  await pullObjects(call, `${client.location}/${folder}`, objects, async (object, signal) => {
    try {
      await client.container.getBlobClient(object.key).downloadToFile(object.localPath, 0, undefined, { abortSignal: signal });
    } catch (error) {
      throw azureError(error, client, `download of ${object.key}`);
    }
  });
  // `str(Path.cwd())`: symbolic links resolved, as pull_from_s3 reports it too.
  return { container, folder, directory: await realpath(call.cwd) };
}

interface AzureClient {
  container: ContainerClient;
  /** The container's URL without any SAS, for messages. */
  location: string;
  /** Which credentials are used, for messages (never their values). */
  credentialSource: string;
}

/** The reference's `ContainerClient`, built from the same credential keys in the same order. */
async function containerClient(step: string, container: string, credentials: unknown): Promise<AzureClient> {
  if (!isMapping(credentials)) {
    throw new StepFailure(`${step}: credentials must be a mapping with connection_string or account_url, got ${pythonTypeName(credentials)}`);
  }
  if (container === '') throw new StepFailure(`${step}: Please specify a container name.`);
  const options: StoragePipelineOptions = {
    // Fail fast on a dead endpoint; throttling and server errors still get retried.
    retryOptions: { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 8_000 },
  };
  const connectionString = credentials['connection_string'];
  const accountUrl = credentials['account_url'];
  const blob = await import('@azure/storage-blob');
  if (connectionString !== undefined && connectionString !== null) {
    if (typeof connectionString !== 'string') throw new StepFailure(`${step}: credentials.connection_string must be a string, got ${pythonTypeName(connectionString)}`);
    let client: ContainerClient;
    try {
      client = new blob.ContainerClient(connectionString, container, options);
    } catch (error) {
      // The SDK's message can quote the string; only say which part is wrong.
      const what = /AccountName|AccountKey|BlobEndpoint|SharedAccessSignature/u.exec(error instanceof Error ? error.message : '')?.[0];
      throw new StepFailure(`${step}: credentials.connection_string is not a usable Azure Storage connection string${what ? ` (check ${what})` : ''}`);
    }
    return { container: client, location: withoutQuery(client.url), credentialSource: 'credentials.connection_string' };
  }
  if (accountUrl !== undefined && accountUrl !== null) {
    if (typeof accountUrl !== 'string') throw new StepFailure(`${step}: credentials.account_url must be a string, got ${pythonTypeName(accountUrl)}`);
    const url = containerUrl(step, accountUrl, container);
    const tenant = credentials['tenant_id'];
    const clientId = credentials['client_id'];
    const secret = credentials['client_secret'];
    const principal = tenant !== undefined && tenant !== null && clientId !== undefined && clientId !== null && secret !== undefined && secret !== null;
    if (!url.startsWith('https:')) {
      // The Python SDK refuses a token credential over plain HTTP when the client is built.
      throw new StepFailure(
        `${step}: Token credential is only supported with HTTPS. (credentials.account_url is ${withoutQuery(url)}; use https, or a connection_string for an emulator)`,
      );
    }
    const identity = await import('@azure/identity');
    const credential = principal ? new identity.ClientSecretCredential(String(tenant), String(clientId), String(secret)) : new identity.DefaultAzureCredential();
    return {
      container: new blob.ContainerClient(url, credential, options),
      location: withoutQuery(url),
      credentialSource: principal
        ? 'the service principal in credentials (tenant_id, client_id, client_secret)'
        : "Azure's default credential chain (credentials.account_url without a service principal)",
    };
  }
  throw new StepFailure('Credentials must contain either connection_string or account_url');
}

/**
 * `ContainerClient(account_url, container)`: `https://` added when no scheme, trailing `/`
 * dropped, the container appended (URL-quoted) before any SAS query.
 */
function containerUrl(step: string, accountUrl: string, container: string): string {
  const withScheme = accountUrl.toLowerCase().startsWith('http') ? accountUrl : `https://${accountUrl}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme.replace(/\/+$/u, ''));
  } catch {
    throw new StepFailure(`${step}: Invalid URL: ${withoutQuery(withScheme)} (credentials.account_url)`);
  }
  // *.blob.core.* hosts address the account by host name alone; emulators carry it in the path.
  const accountPath = /\.blob\.core\./u.test(parsed.host) ? '' : parsed.pathname.replace(/\/+$/u, '');
  return `${parsed.protocol}//${parsed.host}${accountPath}/${encodeURIComponent(container)}${parsed.search}`;
}

function withoutQuery(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}

class AzureTarget implements PushTarget {
  readonly location: string;

  constructor(private readonly client: AzureClient) {
    this.location = client.location;
  }

  async list(prefix: string, signal: AbortSignal): Promise<Map<string, RemoteObject> | null> {
    const stored = new Map<string, RemoteObject>();
    try {
      for await (const blob of this.client.container.listBlobsFlat({ prefix, abortSignal: signal })) {
        const md5 = blob.properties.contentMD5;
        stored.set(blob.name, { size: blob.properties.contentLength ?? -1, md5: md5 && md5.length > 0 ? Buffer.from(md5).toString('hex') : null });
      }
    } catch (error) {
      // A SAS or role that may write but not list: the reference never lists, so upload everything.
      if (LIST_NOT_PERMITTED.has(String((error as { code?: unknown }).code))) return null;
      throw azureError(error, this.client, 'listing');
    }
    return stored;
  }

  async upload(object: LocalObject, signal: AbortSignal): Promise<void> {
    const blob = this.client.container.getBlockBlobClient(object.key);
    // A single Put Blob gets a Content-MD5 from the service; block uploads only when given one.
    const blobHTTPHeaders = { blobContentMD5: Buffer.from(object.md5, 'hex') };
    try {
      if (object.data) await blob.upload(object.data, object.data.length, { blobHTTPHeaders, abortSignal: signal });
      else await blob.uploadFile(object.localPath, { blobHTTPHeaders, blockSize: BLOCK_SIZE, concurrency: BLOCK_CONCURRENCY, abortSignal: signal });
    } catch (error) {
      throw azureError(error, this.client, `upload of ${object.relativePath}`);
    }
  }
}

/** One line for what went wrong talking to Blob Storage, with what to do about it; no secrets. */
function azureError(error: unknown, client: AzureClient, action: string): StepFailure {
  const e = error as { name?: unknown; code?: unknown; statusCode?: unknown; message?: unknown };
  const message = firstLine(typeof e.message === 'string' ? e.message : String(error));
  const network = networkErrorReason(error) ?? networkReasonInMessage(message);
  if (network)
    return new StepFailure(
      `cannot reach Azure Blob Storage at ${client.location}: ${network} (check the account URL or connection string's BlobEndpoint, and the network)`,
    );
  const name = typeof e.name === 'string' ? e.name : '';
  if (/Credential|Authentication/u.test(name)) {
    return new StepFailure(
      `could not get an Azure token with ${client.credentialSource}: ${message} (check tenant_id/client_id/client_secret, or log the runner in, e.g. with azure/login)`,
    );
  }
  const code = typeof e.code === 'string' ? e.code : '';
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (code === 'ContainerNotFound') return new StepFailure(`container does not exist: ${client.location} (create it, or fix container)`);
  if (action === 'listing' && (code === 'InvalidResourceName' || code === 'OutOfRangeInput')) {
    return new StepFailure(
      `container name ${JSON.stringify(client.container.containerName)} is not valid: ${message} (3 to 63 lowercase letters, digits and single hyphens)`,
    );
  }
  if (status === 403 && /^Authentication|^InvalidAuthenticationInfo|^AuthorizationFailure$/u.test(code) && /authenticate|signature/iu.test(message)) {
    return new StepFailure(`Azure Blob Storage did not accept ${client.credentialSource} for ${client.location}: ${message} (check the account key or SAS token)`);
  }
  if (status === 403) {
    return new StepFailure(
      `access to ${client.location} denied for ${client.credentialSource}: ${code || message} (grant the identity "Storage Blob Data Contributor" on the container, or use a SAS with write and list permissions)`,
    );
  }
  return new StepFailure(`${action} in ${client.location} failed: ${code ? `${code}: ` : ''}${message}`);
}

const NETWORK_IN_MESSAGE: [RegExp, string][] = [
  [/ECONNREFUSED/u, 'connection refused'],
  [/ENOTFOUND|getaddrinfo/u, 'host not found'],
  [/ETIMEDOUT|socket hang up|ECONNRESET/u, 'connection lost'],
];

function networkReasonInMessage(message: string): string | null {
  return NETWORK_IN_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

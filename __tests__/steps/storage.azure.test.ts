/**
 * push_to_azure_blob_storage / pull_from_azure_blob_storage against Azurite, differential: for the
 * same tree and ignore rules, the reference's own step (prefect-azure 0.4.13, run from the
 * reference venv with a connection string to the same Azurite) and ours must store the same blob
 * names with the same content, return the same outputs and pull the same files; re-pushing an
 * unchanged tree uploads nothing; failures are one line.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../setup/peer-process.js';
import {
  expectSamePush,
  makeTree,
  PUSH_CASES,
  RISKY_UPLOAD_WARNING,
  runOurs,
  runReference,
  subdir,
  treeContents,
  type ReferenceCase,
  type StepsResult,
} from './bucket-fixtures.js';

const PUSH = 'prefect_azure.deployments.steps.push_to_azure_blob_storage';
const PULL = 'prefect_azure.deployments.steps.pull_from_azure_blob_storage';
const azure = inject('azure');
const credentials = { connection_string: azure.connectionString };

let scratch: string;
let service: BlobServiceClient;

interface StoredBlob {
  md5: string;
  etag: string;
}

async function blobs(container: string): Promise<Map<string, StoredBlob>> {
  const out = new Map<string, StoredBlob>();
  for await (const blob of service.getContainerClient(container).listBlobsFlat()) {
    out.set(blob.name, { md5: Buffer.from(blob.properties.contentMD5 ?? []).toString('hex'), etag: blob.properties.etag ?? '' });
  }
  return out;
}

/** name → md5 (what "same blobs" means). */
async function contents(container: string): Promise<Record<string, string>> {
  return Object.fromEntries([...(await blobs(container))].map(([name, b]) => [name, b.md5]));
}

async function createContainer(name: string): Promise<void> {
  await service.getContainerClient(name).create();
}

async function putBlob(container: string, name: string, content: string, metadata?: Record<string, string>): Promise<void> {
  await service.getContainerClient(container).getBlockBlobClient(name).upload(content, Buffer.byteLength(content), { metadata });
}

const dir = (name: string): string => subdir(scratch, name);

const push = (inputs: Record<string, unknown>): unknown[] => [{ [PUSH]: { id: 'push_code', ...inputs } }];
const pull = (inputs: Record<string, unknown>): unknown[] => [{ [PULL]: { id: 'pull_code', ...inputs } }];

const WRONG_KEY = Buffer.alloc(64, 1).toString('base64');

/** Failures both implementations must show; the regexp is ours, `cause` (if any) the reference's exact text. */
const FAILURES: { name: string; inputs: Record<string, unknown>; ours: RegExp; cause?: string }[] = [
  {
    name: 'a container that does not exist',
    inputs: { container: 'no-such-container', folder: 'p', credentials },
    ours: /container does not exist: http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/no-such-container \(create it, or fix container\)/u,
  },
  {
    name: 'a wrong account key',
    inputs: { container: 'ours-0', folder: 'p', credentials: { connection_string: azure.connectionString.replace(azure.accountKey, WRONG_KEY) } },
    ours: /Azure Blob Storage did not accept credentials\.connection_string for http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/ours-0: Server failed to authenticate the request/u,
  },
  {
    name: 'credentials without connection_string or account_url',
    inputs: { container: 'ours-0', folder: 'p', credentials: { tenant_id: 't' } },
    ours: /: Credentials must contain either connection_string or account_url$/u,
    cause: 'Credentials must contain either connection_string or account_url',
  },
  {
    name: 'account_url over plain HTTP (a token credential needs HTTPS)',
    inputs: { container: 'ours-0', folder: 'p', credentials: { account_url: azure.blobEndpoint } },
    ours: /push_to_azure_blob_storage: Token credential is only supported with HTTPS\. \(credentials\.account_url is http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/ours-0; use https/u,
    cause: 'Token credential is only supported with HTTPS.',
  },
  {
    name: 'no credentials at all',
    inputs: { container: 'ours-0', folder: 'p' },
    ours: /push_to_azure_blob_storage\(\) missing 1 required positional argument: 'credentials'$/u,
    cause: "push_to_azure_blob_storage() missing 1 required positional argument: 'credentials'",
  },
];

const writeOnly = new Map<string, { connection_string: string }>();

async function writeOnlyConnectionString(container: string): Promise<string> {
  const { ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } = await import('@azure/storage-blob');
  const sas = generateBlobSASQueryParameters(
    { containerName: container, permissions: ContainerSASPermissions.parse('cw'), expiresOn: new Date(Date.now() + 3_600_000) },
    new StorageSharedKeyCredential(azure.accountName, azure.accountKey),
  ).toString();
  return `BlobEndpoint=${azure.blobEndpoint};SharedAccessSignature=${sas}`;
}

let reference: StepsResult[];
let ours: StepsResult[];
const referenceOther = new Map<string, StepsResult>();
const otherCases: (ReferenceCase & { name: string })[] = [];

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'azure-steps-')));
  const { BlobServiceClient } = await import('@azure/storage-blob');
  service = BlobServiceClient.fromConnectionString(azure.connectionString);
  const cases: ReferenceCase[] = [];
  for (const [i, c] of PUSH_CASES.entries()) {
    const cwd = dir(`push-${i}`);
    makeTree(cwd, c.tree);
    await createContainer(`ref-${i}`);
    await createContainer(`ours-${i}`);
    cases.push({ steps: push({ container: `ref-${i}`, credentials, ...c.inputs }), cwd });
  }
  // A "folder" blob and a hierarchical-namespace directory marker, which both pulls skip.
  for (const container of ['ref-0', 'ours-0']) {
    await putBlob(container, 'proj/markers/', '');
    await putBlob(container, 'proj/adls-dir', '', { hdi_isfolder: 'true' });
  }
  await createContainer('siblings');
  await putBlob('siblings', 'data/x.txt', 'x');
  await putBlob('siblings', 'data-old/y.txt', 'y');
  otherCases.push({ name: 'pull', steps: pull({ container: 'ref-0', folder: 'proj', credentials }), cwd: dir('pull-ref') });
  otherCases.push({ name: 'siblings', steps: pull({ container: 'siblings', folder: 'data', credentials }), cwd: dir('sib-ref') });
  // Write-only SAS (create + write, no list): the push cannot compare, so it uploads everything.
  const sasCwd = dir('sas');
  makeTree(sasCwd);
  for (const container of ['sas-ref', 'sas-ours']) {
    await createContainer(container);
    writeOnly.set(container, { connection_string: await writeOnlyConnectionString(container) });
  }
  otherCases.push({ name: 'write-only SAS', steps: push({ container: 'sas-ref', folder: 'p', credentials: writeOnly.get('sas-ref') }), cwd: sasCwd });
  const failCwd = dir('fail');
  writeFileSync(path.join(failCwd, 'f.txt'), 'x');
  for (const f of FAILURES) otherCases.push({ name: f.name, steps: push(f.inputs), cwd: failCwd });

  const running = runReference(azure.referencePython, [...cases, ...otherCases]);
  ours = [];
  for (const [i, c] of PUSH_CASES.entries()) ours.push(await runOurs(push({ container: `ours-${i}`, credentials, ...c.inputs }), cases[i]!.cwd, {}));
  const results = await running;
  reference = results.slice(0, cases.length);
  for (const [i, c] of otherCases.entries()) referenceOther.set(c.name, results[cases.length + i]!);
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('push_to_azure_blob_storage, against the reference', () => {
  it.each(PUSH_CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    expectSamePush(i, reference[i]!, ours[i]!, await contents(`ref-${i}`), await contents(`ours-${i}`));
  });

  it('records a Content-MD5 on every blob, block uploads of large files included', async () => {
    const stored = await blobs('ours-0');
    expect(stored.get('proj/data/large.bin')!.md5).toMatch(/^[0-9a-f]{32}$/u);
    for (const [name, blob] of stored) if (!name.startsWith('proj/markers') && name !== 'proj/adls-dir') expect(blob.md5, name).toMatch(/^[0-9a-f]{32}$/u);
  });

  it('warns when no .prefectignore lets .git, .venv and .env through', () => {
    expect(ours[1]!.log.join('\n')).toMatch(RISKY_UPLOAD_WARNING);
    expect(ours[0]!.log.join('\n')).not.toContain('warning');
  });
});

describe('a SAS that may write but not list', () => {
  it('uploads everything, as the reference does, and says why', async () => {
    const theirs = referenceOther.get('write-only SAS')!;
    const mine = await runOurs(push({ container: 'sas-ours', folder: 'p', credentials: writeOnly.get('sas-ours') }), dir('sas'), {});
    expect(theirs.ok, theirs.error).toBe(true);
    expect(mine.ok, mine.error).toBe(true);
    expect(await contents('sas-ours')).toEqual(await contents('sas-ref'));
    expect(Object.keys(await contents('sas-ours')).length).toBeGreaterThan(5);
    expect(mine.log.join('\n')).toMatch(/cannot list http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/sas-ours with these credentials, so every file is uploaded/u);
    expect(mine.log.join('\n')).not.toContain('sig=');
  });
});

describe('re-push', () => {
  it('uploads nothing when the tree is unchanged, then only what changed', async () => {
    const cwd = dir('again');
    makeTree(cwd);
    await createContainer('again');
    const step = push({ container: 'again', folder: 'p', credentials });
    const first = await runOurs(step, cwd, {});
    expect(first.ok, first.error).toBe(true);
    const before = await blobs('again');
    expect(before.size).toBeGreaterThan(5);

    const second = await runOurs(step, cwd, {});
    expect(second.ok, second.error).toBe(true);
    expect(second.log.join('\n')).toMatch(new RegExp(`uploaded 0 files \\(0 B\\), ${before.size} unchanged`, 'u'));
    expect([...(await blobs('again'))]).toEqual([...before]);

    writeFileSync(path.join(cwd, 'flows/etl.py'), 'changed\n');
    const third = await runOurs(step, cwd, {});
    expect(third.log.join('\n')).toMatch(new RegExp(`uploaded 1 file \\(8 B\\), ${before.size - 1} unchanged`, 'u'));
    const last = await blobs('again');
    expect(last.get('p/flows/etl.py')!.etag).not.toBe(before.get('p/flows/etl.py')!.etag);
    expect(last.get('p/README.md')!.etag).toBe(before.get('p/README.md')!.etag);
  });
});

describe('pull_from_azure_blob_storage, against the reference', () => {
  it('downloads what was pushed, skipping folder markers, as the reference does', async () => {
    const theirs = referenceOther.get('pull')!;
    const theirDir = otherCases.find((c) => c.name === 'pull')!.cwd;
    const mineDir = dir('pull-ours');
    const mine = await runOurs(pull({ container: 'ours-0', folder: 'proj', credentials }), mineDir, {});
    expect(theirs.ok, theirs.error).toBe(true);
    expect(mine.ok, mine.error).toBe(true);
    const expected = (directory: string, container: string) => ({ container, folder: 'proj', directory, pull_code: { container, folder: 'proj', directory } });
    expect(theirs.outputs).toEqual(expected(theirDir, 'ref-0'));
    expect(mine.outputs).toEqual(expected(mineDir, 'ours-0'));

    const pulled = treeContents(mineDir);
    expect(Object.fromEntries(pulled)).toEqual(Object.fromEntries(treeContents(theirDir)));
    const pushed = Object.entries(await contents('ours-0')).filter(([n]) => !n.endsWith('/') && n !== 'proj/adls-dir');
    expect(Object.fromEntries(pulled)).toEqual(Object.fromEntries(pushed.map(([n, md5]) => [n.slice('proj/'.length), md5])));
    expect(pulled.has('data/large.bin')).toBe(true);
  });

  it('fails as the reference does when another folder shares the prefix', async () => {
    const theirs = referenceOther.get('siblings')!;
    const mine = await runOurs(pull({ container: 'siblings', folder: 'data', credentials }), dir('sib-ours'), {});
    expect(theirs.ok).toBe(false);
    expect(theirs.cause).toContain('is not in the subpath of');
    expect(mine.ok).toBe(false);
    expect(mine.error).toMatch(/pull_from_azure_blob_storage: object "data-old\/y\.txt" is listed under the prefix "data" but is not inside the folder "data"/u);
  });
});

describe('failures, one line each', () => {
  it.each(FAILURES.map((f) => [f.name, f] as const))('%s: fails like the reference, with a clear line', async (name, f) => {
    const theirs = referenceOther.get(name)!;
    const mine = await runOurs(push(f.inputs), dir('fail'), {});
    expect(theirs.ok).toBe(false);
    if (f.cause) expect(theirs.cause).toBe(f.cause);
    expect(mine.ok).toBe(false);
    expect(mine.error).toMatch(/^Encountered error while running prefect_azure\.deployments\.steps\.push_to_azure_blob_storage \(push step 1\): /u);
    expect(mine.error).toMatch(f.ours);
    expect(mine.error).not.toContain('\n');
    expect(mine.error).not.toContain(azure.accountKey);
    expect(mine.error).not.toContain(WRONG_KEY);
  });

  it('an endpoint that does not answer fails fast', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/devstoreaccount1`;
    const started = performance.now();
    const mine = await runOurs(
      push({ container: 'c-dead', folder: 'p', credentials: { connection_string: azure.connectionString.replace(azure.blobEndpoint, dead) } }),
      dir('fail'),
      {},
    );
    expect(mine.ok).toBe(false);
    expect(mine.error).toContain(`cannot reach Azure Blob Storage at ${dead}/c-dead: connection refused`);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

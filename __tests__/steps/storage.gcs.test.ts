/**
 * push_to_gcs / pull_from_gcs against fake-gcs-server, differential: for the same tree and ignore
 * rules, the reference's own step (prefect-gcp 0.6.22, run from the reference venv against the same
 * emulator) and ours must store the same object names with the same content, return the same
 * outputs and pull the same files; re-pushing an unchanged tree uploads nothing; failures are one
 * line.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { downloadPath } from '../../src/steps/storage/download-path.js';
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

const PUSH = 'prefect_gcp.deployments.steps.push_to_gcs';
const PULL = 'prefect_gcp.deployments.steps.pull_from_gcs';
const gcs = inject('gcs');
const env = { STORAGE_EMULATOR_HOST: gcs.endpoint };

let scratch: string;
let storage: Storage;

interface StoredObject {
  md5: string;
  size: number;
  generation: string;
}

async function objects(bucket: string): Promise<Map<string, StoredObject>> {
  const [files] = await storage.bucket(bucket).getFiles();
  return new Map(
    files.map((f) => [
      f.name,
      { md5: Buffer.from(f.metadata.md5Hash!, 'base64').toString('hex'), size: Number(f.metadata.size), generation: String(f.metadata.generation) },
    ]),
  );
}

/** name → md5 (what "same objects" means). */
async function contents(bucket: string): Promise<Record<string, string>> {
  return Object.fromEntries([...(await objects(bucket))].map(([name, o]) => [name, o.md5]));
}

async function createBucket(name: string): Promise<void> {
  await storage.createBucket(name);
}

const dir = (name: string): string => subdir(scratch, name);

const push = (inputs: Record<string, unknown>): unknown[] => [{ [PUSH]: { id: 'push_code', ...inputs } }];
const pull = (inputs: Record<string, unknown>): unknown[] => [{ [PULL]: { id: 'pull_code', ...inputs } }];

let reference: StepsResult[];
let ours: StepsResult[];
/** The reference's results for the cases after the pushes (pull, failures), by name. */
const referenceOther = new Map<string, StepsResult>();

/** Cases the reference runs after its pushes, in the same process (its imports take seconds). */
const otherCases: (ReferenceCase & { name: string })[] = [];

const FAILURES: [string, Record<string, unknown>, RegExp][] = [
  [
    'a bucket that does not exist',
    { bucket: 'no-such-bucket', folder: 'p' },
    /bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1:\d+ \(create it, or fix bucket\)/u,
  ],
  [
    'service_account_info that is not a key',
    { bucket: 'ours-0', folder: 'p', credentials: { project: 'x', service_account_info: { client_email: 'a@b.c' } } },
    /credentials\.service_account_info is not a service account key: missing fields token_uri/u,
  ],
  [
    'a private_key that is not a key',
    {
      bucket: 'ours-0',
      folder: 'p',
      credentials: { service_account_info: { client_email: 'a@b.c', token_uri: 'https://oauth2.googleapis.com/token', private_key: 'nope' } },
    },
    /private_key that is not a PEM private key/u,
  ],
  [
    'a service_account_file that is missing',
    { bucket: 'ours-0', folder: 'p', credentials: { service_account_file: 'missing.json' } },
    /cannot read credentials\.service_account_file "missing\.json" \(.*missing\.json\): no such file/u,
  ],
];

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'gcs-steps-')));
  const { Storage } = await import('@google-cloud/storage');
  storage = new Storage({ apiEndpoint: gcs.endpoint, projectId: 'test' });
  const cases: ReferenceCase[] = [];
  for (const [i, c] of PUSH_CASES.entries()) {
    const cwd = dir(`push-${i}`);
    makeTree(cwd, c.tree);
    await createBucket(`ref-${i}`);
    await createBucket(`ours-${i}`);
    cases.push({ steps: push({ bucket: `ref-${i}`, ...c.inputs }), cwd, env });
  }
  // A "folder" placeholder object, which both pulls skip.
  await storage.bucket('ref-0').file('proj/markers/').save('');
  await storage.bucket('ours-0').file('proj/markers/').save('');
  await createBucket('siblings');
  await storage.bucket('siblings').file('data/x.txt').save('x');
  await storage.bucket('siblings').file('data-old/y.txt').save('y');
  otherCases.push({ name: 'pull', steps: pull({ bucket: 'ref-0', folder: 'proj' }), cwd: dir('pull-ref'), env });
  otherCases.push({ name: 'siblings', steps: pull({ bucket: 'siblings', folder: 'data' }), cwd: dir('sib-ref'), env });
  const failCwd = dir('fail');
  writeFileSync(path.join(failCwd, 'f.txt'), 'x');
  for (const [name, inputs] of FAILURES) otherCases.push({ name, steps: push(inputs), cwd: failCwd, env });

  const running = runReference(gcs.referencePython, [...cases, ...otherCases]);
  ours = [];
  for (const [i, c] of PUSH_CASES.entries()) ours.push(await runOurs(push({ bucket: `ours-${i}`, ...c.inputs }), cases[i]!.cwd, env));
  const results = await running;
  reference = results.slice(0, cases.length);
  for (const [i, c] of otherCases.entries()) referenceOther.set(c.name, results[cases.length + i]!);
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('push_to_gcs, against the reference', () => {
  it.each(PUSH_CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    expectSamePush(i, reference[i]!, ours[i]!, await contents(`ref-${i}`), await contents(`ours-${i}`));
  });

  it('warns when no .prefectignore lets .git, .venv and .env through', () => {
    const log = ours[1]!.log.join('\n');
    expect(log).toMatch(RISKY_UPLOAD_WARNING);
    expect(ours[0]!.log.join('\n')).not.toContain('warning');
  });

  it('reports one summary line', () => {
    const summary = ours[0]!.log.filter((l) => l.includes('push_to_gcs: uploaded'));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/uploaded \d+ files .* 0 unchanged .* to gs:\/\/ours-0/u);
  });
});

describe('re-push', () => {
  it('uploads nothing when the tree is unchanged, then only what changed', async () => {
    const cwd = dir('again');
    makeTree(cwd);
    await createBucket('again');
    const first = await runOurs(push({ bucket: 'again', folder: 'p' }), cwd, env);
    expect(first.ok, first.error).toBe(true);
    const before = await objects('again');
    expect(before.size).toBeGreaterThan(5);

    const second = await runOurs(push({ bucket: 'again', folder: 'p' }), cwd, env);
    expect(second.ok, second.error).toBe(true);
    expect(second.log.join('\n')).toMatch(new RegExp(`uploaded 0 files \\(0 B\\), ${before.size} unchanged`, 'u'));
    const after = await objects('again');
    expect([...after].map(([n, o]) => [n, o.generation])).toEqual([...before].map(([n, o]) => [n, o.generation]));

    writeFileSync(path.join(cwd, 'flows/etl.py'), 'changed\n');
    const third = await runOurs(push({ bucket: 'again', folder: 'p' }), cwd, env);
    expect(third.log.join('\n')).toMatch(new RegExp(`uploaded 1 file \\(8 B\\), ${before.size - 1} unchanged`, 'u'));
    const last = await objects('again');
    expect(last.get('p/flows/etl.py')!.generation).not.toBe(before.get('p/flows/etl.py')!.generation);
    expect(last.get('p/README.md')!.generation).toBe(before.get('p/README.md')!.generation);
  });
});

describe('pull_from_gcs, against the reference', () => {
  it('downloads what was pushed, skipping directory markers, as the reference does', async () => {
    const theirs = referenceOther.get('pull')!;
    const theirDir = otherCases.find((c) => c.name === 'pull')!.cwd;
    const mineDir = dir('pull-ours');
    const mine = await runOurs(pull({ bucket: 'ours-0', folder: 'proj' }), mineDir, env);
    expect(theirs.ok, theirs.error).toBe(true);
    expect(mine.ok, mine.error).toBe(true);
    const expected = (directory: string, bucket: string) => ({ bucket, folder: 'proj', directory, pull_code: { bucket, folder: 'proj', directory } });
    expect(theirs.outputs).toEqual(expected(theirDir, 'ref-0'));
    expect(mine.outputs).toEqual(expected(mineDir, 'ours-0'));

    const pulled = treeContents(mineDir);
    expect(Object.fromEntries(pulled)).toEqual(Object.fromEntries(treeContents(theirDir)));
    // Round trip: exactly the files the push selected, with their content.
    const pushed = Object.entries(await contents('ours-0')).filter(([n]) => !n.endsWith('/'));
    expect(Object.fromEntries(pulled)).toEqual(Object.fromEntries(pushed.map(([n, md5]) => [n.slice('proj/'.length), md5])));
    expect(pulled.has('data/large.bin')).toBe(true);
  });

  it('fails as the reference does when another folder shares the prefix', async () => {
    const theirs = referenceOther.get('siblings')!;
    const mine = await runOurs(pull({ bucket: 'siblings', folder: 'data' }), dir('sib-ours'), env);
    expect(theirs.ok).toBe(false);
    expect(theirs.cause).toContain('is not in the subpath of');
    expect(mine.ok).toBe(false);
    expect(mine.error).toMatch(/pull_from_gcs: object "data-old\/y\.txt" is listed under the prefix "data" but is not inside the folder "data"/u);
  });
});

describe('failures, one line each', () => {
  it.each(FAILURES.map((c) => [c[0], c] as const))('%s: fails like the reference, with a clear line', async (name, [, inputs, message]) => {
    const theirs = referenceOther.get(name)!;
    const mine = await runOurs(push(inputs), dir('fail'), env);
    expect(theirs.ok).toBe(false);
    expect(mine.ok).toBe(false);
    expect(mine.error).toMatch(/^Encountered error while running prefect_gcp\.deployments\.steps\.push_to_gcs \(push step 1\): /u);
    expect(mine.error).toMatch(message);
    expect(mine.error).not.toContain('\n');
  });

  it('an endpoint that does not answer fails fast', async () => {
    const cwd = dir('dead');
    writeFileSync(path.join(cwd, 'f.txt'), 'x');
    const dead = `http://127.0.0.1:${await freePort()}`;
    const started = performance.now();
    const mine = await runOurs(push({ bucket: 'b', folder: 'p' }), cwd, { STORAGE_EMULATOR_HOST: dead });
    expect(mine.ok).toBe(false);
    expect(mine.error).toContain(`cannot reach Google Cloud Storage at ${dead}: connection refused`);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('where a pulled object is written (Path(name).relative_to(folder), shared with the Azure pull)', () => {
  const cwd = '/work';
  it.each([
    ['data', 'data/x.txt', '/work/x.txt'],
    ['data/', 'data//sub/./y.txt', '/work/sub/y.txt'],
    ['', 'a/b.txt', '/work/a/b.txt'],
    ['./data', 'data/x.txt', '/work/x.txt'],
  ])('folder %j, object %j → %s', (folder, name, expected) => {
    expect(downloadPath('pull_from_gcs', cwd, folder, name)).toBe(expected);
  });

  it.each([
    ['data', 'data-old/y.txt', /is not inside the folder "data"/u],
    ['', '/abs/x', /is not inside the folder "\."/u],
    ['data', 'data', /has the folder's own name/u],
    ['data', 'data/../../etc/passwd', /would be written outside the working directory \/work/u],
  ])('folder %j, object %j: refused', (folder, name, message) => {
    expect(() => downloadPath('pull_from_gcs', cwd, folder, name)).toThrow(message);
  });
});

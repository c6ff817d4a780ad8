/**
 * push_to_s3 / pull_from_s3 against moto (started by __tests__/setup/s3.global.ts, signatures
 * enforced), differential against prefect-aws 0.7.12's own steps run from the reference venv on
 * the same trees and the same server, addressed with client_parameters.endpoint_url and the MinIO
 * credential keys as MinIO users write them.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { freePort } from '../setup/peer-process.js';
import { runSteps, StepExecutionError, type StepCall } from '../../src/steps/index.js';
import { DEFAULT_S3_TUNING, pullFromS3, pushToS3, type S3Tuning } from '../../src/steps/storage/s3.js';

const PUSH = 'prefect_aws.deployments.steps.push_to_s3';
const PULL = 'prefect_aws.deployments.steps.pull_from_s3';
const peer = inject('s3');
const credentials = { minio_root_user: peer.accessKeyId, minio_root_password: peer.secretAccessKey };
const client_parameters = { endpoint_url: peer.endpoint };
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: peer.endpoint,
  forcePathStyle: true,
  credentials: { accessKeyId: peer.accessKeyId, secretAccessKey: peer.secretAccessKey },
});

let scratch: string;
const withIgnore = (): string => path.join(scratch, 'with-ignore');
const withoutIgnore = (): string => path.join(scratch, 'without-ignore');

function write(root: string, relative: string, content: string | Buffer): void {
  const file = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A project tree with the things that matter for the upload set: hidden files, .git, a venv, caches, a symlink. */
function project(root: string, prefectignore: string | null): void {
  write(root, 'prefect.yaml', 'name: demo\n');
  write(root, 'flows/etl.py', 'from prefect import flow\n\n@flow\ndef etl():\n    pass\n');
  write(root, 'flows/__pycache__/etl.cpython-311.pyc', randomBytes(64));
  write(root, 'flows/sub dir/ünïcode.txt', 'unicode name\n');
  write(root, 'data/empty.csv', '');
  write(root, 'data/blob.bin', randomBytes(200_000));
  write(root, 'build/out.txt', 'built\n');
  write(root, 'build/keep.txt', 'kept by negation\n');
  write(root, '.hidden/config', 'hidden\n');
  write(root, '.env', 'SECRET=1\n');
  write(root, '.git/HEAD', 'ref: refs/heads/main\n');
  write(root, '.git/objects/ab/cdef', randomBytes(32));
  write(root, '.venv/pyvenv.cfg', 'home = /usr/bin\n');
  write(root, '.venv/lib/site.py', '# site\n');
  symlinkSync('flows/etl.py', path.join(root, 'link-to-etl.py'));
  if (prefectignore !== null) write(root, '.prefectignore', prefectignore);
}

const IGNORE = ['# comment', '  __pycache__/  ', '*.py[cod]', '.git/', '.venv', '.env', 'build/', '!build/keep.txt', ''].join('\n');

interface RefResult {
  ok?: Record<string, string>;
  error?: string;
}

/** Runs the reference steps, in one Python process, in order. */
async function reference(ops: { op: 'push' | 'pull'; cwd: string; inputs: Record<string, unknown> }[]): Promise<RefResult[]> {
  const script = `
import json, os, sys
from prefect_aws.deployments.steps import push_to_s3, pull_from_s3
out = []
for op in json.load(sys.stdin):
    os.chdir(op["cwd"])
    fn = push_to_s3 if op["op"] == "push" else pull_from_s3
    try:
        out.append({"ok": fn(**op["inputs"])})
    except Exception as e:
        out.append({"error": f"{type(e).__name__}: {e}"})
print("RESULT " + json.dumps(out))
`;
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: scratch, PREFECT_HOME: path.join(scratch, '.prefect-home') };
  const child = promisify(execFile)(peer.referencePython, ['-c', script], { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  child.child.stdin!.end(JSON.stringify(ops));
  const { stdout } = await child;
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`reference produced no result: ${stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as RefResult[];
}

function call(cwd: string, lines: string[] = [], name = PUSH): StepCall {
  return { name, cwd, env: {}, signal: undefined, log: (line) => lines.push(line), chdir: () => undefined };
}

async function createBucket(name: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
}

/** Every object under `prefix` as `key minus prefix → md5 of content`. */
async function objects(bucket: string, prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }));
      const bytes = Buffer.from(await body.Body!.transformToByteArray());
      out[o.Key!.slice(prefix.length)] = createHash('md5').update(bytes).digest('hex');
    }
    token = page.NextContinuationToken;
  } while (token);
  return out;
}

async function keys(bucket: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

/** Every file below `root` as `relative path → md5`. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(path.join(dir, entry.name), rel);
      else
        out[rel] = createHash('md5')
          .update(readFileSync(path.join(dir, entry.name)))
          .digest('hex');
    }
  };
  visit(root, '');
  return out;
}

const summaryOf = (lines: string[]): string => lines.filter((l) => / in \d+\.\ds to s3:\/\//u.test(l)).join('\n');

const FOLDERS: [string, string][] = [
  ['an empty folder', ''],
  ['a trailing slash', 'nested/deeper/'],
  ['a leading slash', '/rooted'],
  ['dot and double-slash parts', './a//b/.'],
];
const pullRefDir = (): string => path.join(scratch, 'pull-ref');
/** The reference's results, all from one Python process (importing prefect takes seconds). */
let ref: RefResult[];

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 's3-steps-')));
  project(withIgnore(), IGNORE);
  project(withoutIgnore(), null);
  mkdirSync(pullRefDir());
  const buckets = ['ref-bucket', 'our-bucket', ...FOLDERS.flatMap((_, i) => [`folders-ref-${i}`, `folders-ours-${i}`])];
  await Promise.all(buckets.map(createBucket));
  ref = await reference([
    { op: 'push', cwd: withIgnore(), inputs: { bucket: 'ref-bucket', folder: 'with', credentials, client_parameters } },
    { op: 'push', cwd: withoutIgnore(), inputs: { bucket: 'ref-bucket', folder: 'without', credentials, client_parameters } },
    ...FOLDERS.map(([, folder], i) => ({ op: 'push' as const, cwd: withIgnore(), inputs: { bucket: `folders-ref-${i}`, folder, credentials, client_parameters } })),
    { op: 'pull', cwd: pullRefDir(), inputs: { bucket: 'ref-bucket', folder: 'with', credentials, client_parameters } },
  ]);
  expect(ref.map((r) => r.error).filter(Boolean)).toEqual([]);
}, 180_000);
afterAll(() => {
  s3.destroy();
  rmSync(scratch, { recursive: true, force: true });
});

describe('push_to_s3 uploads what the reference uploads', () => {
  it('with and without a .prefectignore: same keys, same content, same outputs', async () => {
    const linesWith: string[] = [];
    const linesWithout: string[] = [];
    const ours = [
      await pushToS3({ bucket: 'our-bucket', folder: 'with', credentials, client_parameters }, call(withIgnore(), linesWith)),
      await pushToS3({ bucket: 'our-bucket', folder: 'without', credentials, client_parameters }, call(withoutIgnore(), linesWithout)),
    ];
    expect(ours).toEqual(ref.slice(0, 2).map((r) => ({ ...r.ok, bucket: 'our-bucket' })));

    const refWith = await objects('ref-bucket', 'with/');
    expect(await objects('our-bucket', 'with/')).toEqual(refWith);
    expect(await objects('our-bucket', 'without/')).toEqual(await objects('ref-bucket', 'without/'));
    // The ignore file did its work (so the equality above is not vacuous).
    expect(Object.keys(refWith)).toHaveLength(9);
    expect(Object.keys(refWith)).toContain('build/keep.txt');
    expect(Object.keys(refWith)).not.toContain('build/out.txt');
    expect(Object.keys(refWith).some((k) => k.startsWith('.git/') || k.includes('__pycache__'))).toBe(false);

    // Only the tree without an ignore file gets the warning, on one line naming what leaks.
    expect(linesWith.filter((l) => l.includes('warning'))).toEqual([]);
    const warnings = linesWithout.filter((l) => l.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no \.prefectignore found.*\.git\/.*\.venv\/.*\.env/u);
    expect(summaryOf(linesWithout)).toMatch(/uploaded 15 files \(.*\), 0 unchanged/u);
  });

  it.each(FOLDERS.map(([what, folder], i) => [what, folder, i] as const))('builds the same keys for %s', async (_, folder, i) => {
    const out = await pushToS3({ bucket: `folders-ours-${i}`, folder, credentials, client_parameters }, call(withIgnore()));
    expect(out).toEqual({ ...ref[2 + i]!.ok, bucket: `folders-ours-${i}` });
    const ours = await keys(`folders-ours-${i}`);
    expect(ours).toHaveLength(9);
    expect(ours).toEqual(await keys(`folders-ref-${i}`));
  });
});

describe('push_to_s3 does less than the reference', () => {
  it('skips unchanged objects on a re-push, including those the reference uploaded', async () => {
    const root = path.join(scratch, 'repush');
    project(root, IGNORE);
    await createBucket('repush');
    const first: string[] = [];
    await pushToS3({ bucket: 'repush', folder: 'p', credentials, client_parameters }, call(root, first));
    expect(summaryOf(first)).toMatch(/uploaded 9 files .*, 0 unchanged/u);

    const second: string[] = [];
    await pushToS3({ bucket: 'repush', folder: 'p', credentials, client_parameters }, call(root, second));
    expect(summaryOf(second)).toMatch(/uploaded 0 files \(0 B\), 9 unchanged/u);

    // Same size, different bytes: the ETag catches it (for the file and the symlink read through to it).
    write(root, 'flows/etl.py', readFileSync(path.join(root, 'flows/etl.py'), 'utf8').replace('etl', 'xyz'));
    write(root, 'flows/new.py', 'new = 1\n');
    const third: string[] = [];
    await pushToS3({ bucket: 'repush', folder: 'p', credentials, client_parameters }, call(root, third));
    expect(summaryOf(third)).toMatch(/uploaded 3 files .*, 7 unchanged/u);
    const stored = await objects('repush', 'p/');
    expect(stored['flows/etl.py']).toBe(tree(root)['flows/etl.py']);

    // Objects boto3 uploaded (no metadata of ours) are recognised by their ETag.
    const overRef: string[] = [];
    await pushToS3({ bucket: 'ref-bucket', folder: 'with', credentials, client_parameters }, call(withIgnore(), overRef));
    expect(summaryOf(overRef)).toMatch(/uploaded 0 files \(0 B\), 9 unchanged/u);
  });

  it('uploads files above the threshold multipart, and recognises them unchanged by their recorded MD5', async () => {
    const root = path.join(scratch, 'multipart');
    write(root, 'big.bin', randomBytes(6 * 1024 * 1024 + 123));
    write(root, 'small.txt', 'small\n');
    await createBucket('multipart');
    const tuning: S3Tuning = { ...DEFAULT_S3_TUNING, multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024 };
    const inputs = { bucket: 'multipart', folder: 'm', credentials, client_parameters };
    await pushToS3(inputs, call(root), tuning);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'multipart', Key: 'm/big.bin' }));
    expect(head.ETag).toMatch(/-2"$/u);
    expect(await objects('multipart', 'm/')).toEqual(tree(root));

    const again: string[] = [];
    await pushToS3(inputs, call(root, again), tuning);
    expect(summaryOf(again)).toMatch(/uploaded 0 files \(0 B\), 2 unchanged/u);
  });

  it('reports progress every interval on long uploads, not per file', async () => {
    const root = path.join(scratch, 'many');
    for (let i = 0; i < 150; i += 1) write(root, `f/${i}.txt`, `file ${i}\n`);
    await createBucket('many');
    const lines: string[] = [];
    await pushToS3({ bucket: 'many', folder: '', credentials, client_parameters }, call(root, lines), { ...DEFAULT_S3_TUNING, progressIntervalMs: 10 });
    const progress = lines.filter((l) => /push_to_s3: \d+\/150 files \(/u.test(l));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThan(150);
    expect(summaryOf(lines)).toMatch(/uploaded 150 files/u);
    expect(lines.filter((l) => l.includes('.txt'))).toEqual([]);
  });
});

describe('pull_from_s3', () => {
  it('downloads what the reference downloads, with the same outputs', async () => {
    const ourDir = path.join(scratch, 'pull-ours');
    mkdirSync(ourDir);
    const inputs = { bucket: 'ref-bucket', folder: 'with', credentials, client_parameters };
    const refPull = ref.at(-1)!;
    const lines: string[] = [];
    const out = await pullFromS3(inputs, call(ourDir, lines, PULL));
    expect(out).toEqual({ ...refPull.ok, directory: ourDir });
    expect(refPull.ok!['directory']).toBe(pullRefDir());
    expect(tree(ourDir)).toEqual(tree(pullRefDir()));
    expect(Object.keys(tree(ourDir)).length).toBe(9);
    expect(lines.join('\n')).toMatch(/pull_from_s3: downloaded 9 files/u);
    // Round trip: what was pushed is what comes back.
    const pushed = tree(withIgnore());
    for (const [file, md5] of Object.entries(tree(ourDir))) expect(pushed[file]).toBe(md5);
  });
});

describe('errors are one line naming what to fix', () => {
  const push = (inputs: Record<string, unknown>) => pushToS3({ folder: 'x', ...inputs }, call(withIgnore()));

  it('a bucket that does not exist', async () => {
    await expect(push({ bucket: 'no-such-bucket', credentials, client_parameters })).rejects.toThrow(
      `bucket "no-such-bucket" does not exist at ${peer.endpoint} (create it or fix the bucket input)`,
    );
    await expect(pullFromS3({ bucket: 'no-such-bucket', folder: 'x', credentials, client_parameters }, call(scratch, [], PULL))).rejects.toThrow(
      /bucket "no-such-bucket" does not exist/u,
    );
  });

  it('a wrong secret, an unknown key id', async () => {
    const wrongSecret = push({ bucket: 'our-bucket', credentials: { ...credentials, minio_root_password: 'not-the-secret' }, client_parameters });
    await expect(wrongSecret).rejects.toThrow(/secret access key in credentials does not match its access key id/u);
    await expect(wrongSecret).rejects.not.toThrow(/not-the-secret/u);
    const unknownKey = push({ bucket: 'our-bucket', credentials: { aws_access_key_id: 'AKIAUNKNOWN', aws_secret_access_key: 'x' }, client_parameters });
    await expect(unknownKey).rejects.toThrow(/access key id in credentials is not known/u);
  });

  it('an endpoint nobody listens on', async () => {
    const dead = await freePort();
    await expect(push({ bucket: 'our-bucket', credentials, client_parameters: { endpoint_url: `http://127.0.0.1:${dead}` } })).rejects.toThrow(
      `cannot reach the S3 endpoint http://127.0.0.1:${dead}: connection refused`,
    );
  });

  it('a file that cannot be read (a broken symlink, which the reference fails on too)', async () => {
    const root = path.join(scratch, 'dangling');
    write(root, 'ok.txt', 'ok\n');
    symlinkSync('missing-target', path.join(root, 'dangling'));
    const lines: string[] = [];
    await expect(pushToS3({ bucket: 'our-bucket', folder: 'dangling', credentials, client_parameters }, call(root, lines))).rejects.toThrow(
      'cannot read dangling: ENOENT (fix it or add it to .prefectignore)',
    );
    expect(lines.filter((l) => l.includes('warning'))).toEqual([expect.stringMatching(/dangling is a broken symbolic link/u)]);
  });

  it('through the step runner: the step, its position and the reason on one line', async () => {
    const error = await runSteps(
      [{ [PUSH]: { bucket: 'missing-bucket', folder: 'x', credentials, client_parameters } }],
      {},
      {
        cwd: withIgnore(),
        env: {},
        sources: offlineSources(),
        section: 'push',
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepExecutionError);
    expect((error as Error).message).toBe(
      `Encountered error while running ${PUSH} (push step 1): bucket "missing-bucket" does not exist at ${peer.endpoint} (create it or fix the bucket input)`,
    );
    expect((error as Error).message).not.toContain('\n');
  });

  it('inputs the reference would refuse', async () => {
    await expect(runSteps([{ [PUSH]: { bucket: 'b' } }], {}, { cwd: scratch, env: {}, sources: offlineSources() })).rejects.toThrow(
      /push_to_s3\(\) missing 1 required positional argument: 'folder'/u,
    );
    await expect(push({ bucket: 'b', client_parameters: { endpoint_url: '127.0.0.1:9000' } })).rejects.toThrow(/endpoint_url must be a full URL/u);
    await expect(push({ bucket: 'b', credentials: { aws_access_key_id: 'only-the-id' }, client_parameters })).rejects.toThrow(/aws_secret_access_key .* is missing/u);
  });
});

// The counts above: 15 files (one a symlink, uploaded through), 16 with the ignore file, which keeps 9.
it('fixture', () => {
  expect(Object.keys(tree(withoutIgnore()))).toHaveLength(15);
  expect(statSync(path.join(withIgnore(), 'link-to-etl.py')).isFile()).toBe(true);
});

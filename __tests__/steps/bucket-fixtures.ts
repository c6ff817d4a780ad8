/**
 * What the GCS and Azure bucket-step tests share: project trees to push, running our steps and
 * the reference's (one Python process for a batch of cases), and reading a local tree back.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps, type StepCache, StepExecutionError } from '../../src/steps/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const DRIVER = path.join(import.meta.dirname, 'reference_buckets.py');

/** The `.prefectignore` that `prefect init` writes. */
export const DEFAULT_IGNORE = readFileSync(path.join(repoRoot, 'recipes/default.prefectignore'), 'utf8');

/** Larger than common.ts's IN_MEMORY_LIMIT, so it takes the streamed / resumable / block path. */
export const LARGE_FILE_BYTES = 9 * 1024 * 1024;

export interface TreeOptions {
  /** Contents of `.prefectignore`; null writes none. */
  prefectignore?: string | null;
  /** Adds a file over IN_MEMORY_LIMIT. */
  large?: boolean;
  /** Extra files (relative path → content). */
  extra?: Record<string, string | Buffer>;
}

/**
 * A project with what the ignore rules are about: flow code, caches, git and virtualenv
 * directories, a dotenv file, a build directory with one file re-included by `!`, names with
 * spaces and non-ASCII, an empty file and a symlink to a file.
 */
export function makeTree(root: string, options: TreeOptions = {}): void {
  const files: Record<string, string | Buffer> = {
    'flows/etl.py': 'from prefect import flow\n\n@flow\ndef etl():\n    return 1\n',
    'flows/__pycache__/etl.cpython-311.pyc': Buffer.from([0x42, 0x0d, 0x0d, 0x0a, 0, 1, 2, 3]),
    'flows/helpers/util.py': 'X = 1\n',
    'README.md': '# project\n',
    'data/input.csv': 'a,b\n1,2\n',
    'data/nested/deeper/leaf.json': '{"k": [1, 2, 3]}',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/objects/ab/cdef0123': Buffer.from('blob'),
    '.venv/pyvenv.cfg': 'home = /usr/bin\n',
    '.venv/lib/site.py': 'pass\n',
    '.env': 'SECRET=1\n',
    'build/out.txt': 'built\n',
    'build/keep.txt': 'keep me\n',
    'sp ace/ünï code.txt': 'ü\n',
    'empty.txt': '',
    ...options.extra,
  };
  if (options.large) {
    // Not all one byte value: a store that dedupes or compresses would still hash it right.
    const big = Buffer.alloc(LARGE_FILE_BYTES);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
    files['data/large.bin'] = big;
  }
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  symlinkSync('README.md', path.join(root, 'link-to-readme.md'));
  const ignore = options.prefectignore === undefined ? `${DEFAULT_IGNORE}\nbuild/\n!build/keep.txt\n` : options.prefectignore;
  if (ignore !== null) writeFileSync(path.join(root, '.prefectignore'), ignore);
}

/** Every regular file under `root` (symlinks read through): relative path → MD5 hex. */
export function treeContents(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full, relative);
      else out.set(relative, createHash('md5').update(readFileSync(full)).digest('hex'));
    }
  };
  visit(root, '');
  return out;
}

export interface StepsResult {
  ok: boolean;
  outputs?: Record<string, unknown>;
  /** Our one-line error, or the reference's `str(exc)`. */
  error?: string;
  /** The reference's underlying exception type and text. */
  causeType?: string;
  cause?: string;
  log: string[];
}

/** Our run_steps over `steps` in `cwd` with `env` as the step environment. */
export async function runOurs(steps: unknown[], cwd: string, env: Record<string, string>, cache?: StepCache): Promise<StepsResult> {
  const log: string[] = [];
  const ctx = {
    cwd,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    sources: offlineSources(),
    log: (line: string) => log.push(line),
    cache,
    section: 'push',
  };
  try {
    return { ok: true, outputs: await runSteps(steps, {}, ctx), log };
  } catch (error) {
    if (!(error instanceof StepExecutionError)) throw error;
    return { ok: false, error: error.message, log };
  }
}

export interface ReferenceCase {
  steps: unknown[];
  cwd: string;
  env?: Record<string, string>;
}

/** The reference's run_steps over every case, in one Python process (its imports take seconds). */
export async function runReference(python: string, cases: ReferenceCase[]): Promise<StepsResult[]> {
  const child = promisify(execFile)(python, [DRIVER], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(JSON.stringify(cases));
  const { stdout } = await child;
  const raw = JSON.parse(stdout) as { ok: boolean; outputs?: Record<string, unknown>; error?: string; cause_type?: string; cause?: string }[];
  return raw.map((r) => ({ ok: r.ok, outputs: r.outputs, error: r.error, causeType: r.cause_type, cause: r.cause, log: [] }));
}

/** A push compared against the reference: a tree, the step's inputs besides bucket/credentials. */
export interface PushCase {
  name: string;
  tree: TreeOptions;
  inputs: Record<string, unknown>;
  /** Names that must (true) or must not (false) be stored, to show the case is not vacuous. */
  expect: Record<string, boolean>;
}

export const PUSH_CASES: PushCase[] = [
  {
    name: 'default .prefectignore with a re-included file, a symlink and a large file',
    tree: { large: true },
    inputs: { folder: 'proj' },
    expect: {
      'proj/flows/etl.py': true,
      'proj/build/keep.txt': true,
      'proj/build/out.txt': false,
      'proj/.git/HEAD': false,
      'proj/.env': false,
      'proj/data/large.bin': true,
      'proj/link-to-readme.md': true,
    },
  },
  {
    name: 'no .prefectignore: everything, .git and .venv included',
    tree: { prefectignore: null },
    inputs: { folder: 'proj' },
    expect: { 'proj/.git/HEAD': true, 'proj/.venv/pyvenv.cfg': true, 'proj/.env': true, 'proj/sp ace/ünï code.txt': true, 'proj/empty.txt': true },
  },
  {
    name: 'ignore_file names another file, empty folder',
    tree: { extra: { 'custom.ignore': '*.csv\n/flows/helpers\n' } },
    inputs: { folder: '', ignore_file: 'custom.ignore' },
    expect: { 'data/input.csv': false, 'flows/helpers/util.py': false, 'flows/etl.py': true, '.git/HEAD': true, '.prefectignore': true },
  },
  {
    name: "folder with './', '//' and a trailing slash",
    tree: {},
    inputs: { folder: './deep//er/' },
    expect: { 'deep/er/flows/etl.py': true, 'deep/er/README.md': true },
  },
  {
    name: 'ignore_file: "" applies none',
    tree: {},
    inputs: { folder: 'all', ignore_file: '' },
    expect: { 'all/.git/HEAD': true, 'all/build/out.txt': true, 'all/.prefectignore': true },
  },
];

/** `root/name`, created. */
export function subdir(root: string, name: string): string {
  const d = path.join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

/** The no-.prefectignore warning (case 2) and none with one (case 1). */
export const RISKY_UPLOAD_WARNING = /no \.prefectignore found, so every file is uploaded, including git metadata \.git\/.*virtual environment \.venv\/.*\.env/u;

/** A copy of `examples/<name>` in a temp directory, with a cache and a dotenv its .prefectignore keeps out. */
export function copyExample(name: string): string {
  const work = realpathSync(mkdtempSync(path.join(tmpdir(), `example-${name}-`)));
  cpSync(path.join(repoRoot, 'examples', name), work, { recursive: true });
  mkdirSync(path.join(work, 'flows', '__pycache__'));
  writeFileSync(path.join(work, 'flows', '__pycache__', 'flow.cpython-311.pyc'), 'x');
  writeFileSync(path.join(work, '.env'), 'TOKEN=1\n');
  return work;
}

/** `prefect-deploy plan --all --json` in `cwd`, offline. */
export async function planJson(cwd: string, env: Record<string, string>): Promise<{ code: number; stderr: string; plan: PlanJson }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['plan', '--all', '--json'], {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd,
    env,
    now: () => new Date('2026-11-22T12:00:00Z'),
  });
  return { code, stderr, plan: JSON.parse(stdout) as PlanJson };
}

export interface PlanJson {
  errors: unknown[];
  deployments: { name: string; payload: { pull_steps: Record<string, Record<string, unknown>>[] } }[];
}

/** The example's `push` section, as the step runner gets it. */
export function pushSection(work: string): unknown[] {
  return (parse(readFileSync(path.join(work, 'prefect.yaml'), 'utf8')) as { push: unknown[] }).push;
}

/**
 * Case `i` of PUSH_CASES: both runs succeeded, stored the same names with the same content (and
 * the case's expectations hold, so the equality is not vacuous), and returned the same outputs but
 * for the bucket/container name (`ref-<i>` for the reference, `ours-<i>` for ours).
 */
export function expectSamePush(i: number, theirs: StepsResult, mine: StepsResult, theirObjects: Record<string, string>, myObjects: Record<string, string>): void {
  expect(theirs.ok, theirs.error).toBe(true);
  expect(mine.ok, mine.error).toBe(true);
  expect(myObjects).toEqual(theirObjects);
  for (const [name, present] of Object.entries(PUSH_CASES[i]!.expect)) expect(Object.hasOwn(myObjects, name), name).toBe(present);
  expect(mine.outputs).toEqual(JSON.parse(JSON.stringify(theirs.outputs).replaceAll(`ref-${i}`, `ours-${i}`)));
}

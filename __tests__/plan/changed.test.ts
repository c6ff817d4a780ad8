/**
 * The attribution of `--changed-since`: each kind of input changed and unchanged, and the safe
 * defaults (what cannot be attributed counts as changed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePrefectFile, type Mapping } from '../../src/core/config/index.js';
import { attributeChange, changedBecause, runSteps, sectionOf, stepInputs, type ChangedFiles, type Tree } from '../../src/core/plan/changed.js';
import { readChangesSince, ChangedSinceError } from '../../src/core/plan/changed-git.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';

const DOCKER = 'prefect_docker.deployments.steps.build_docker_image';
const PUSH_IMAGE = 'prefect_docker.deployments.steps.push_docker_image';
const PIP = 'prefect.deployments.steps.pip_install_requirements';
const S3 = 'prefect_aws.deployments.steps.push_to_s3';
const GCS = 'prefect_gcp.deployments.steps.push_to_gcs';
const SHELL = 'prefect.deployments.steps.run_shell_script';

function load(text: string) {
  const file = parsePrefectFile(text, 'prefect.yaml').prefectFile;
  if (!file) throw new Error('does not load');
  return file;
}

/** Verdict for deployment `name` of `now` against `before`, with `files` changed. */
function verdict(opts: {
  before?: string | undefined;
  now: string;
  name?: string;
  changed?: string[];
  flowFiles?: string[] | undefined;
  ignored?: (tree: Tree, file: string) => boolean;
}) {
  const now = load(opts.now);
  const name = opts.name ?? 'a';
  const config = now.deployments.find((d) => d.name === name)!;
  const section = sectionOf(config, now.actions);
  const beforeFile = opts.before === undefined ? undefined : load(opts.before);
  const before = beforeFile?.deployments.filter((d) => d.name === name).map((d) => sectionOf(d, beforeFile.actions));
  const changes: ChangedFiles = { files: new Set(opts.changed ?? []), ...(opts.ignored ? { ignored: opts.ignored } : {}) };
  const flowFiles = 'flowFiles' in opts ? opts.flowFiles : ['flows/a.py', 'lib/helpers.py'];
  return attributeChange({ before, now: section, flowFiles, steps: stepInputs(runSteps(section)) }, changes);
}

const BASE = `
build:
  - ${PIP}:
      requirements_file: requirements.txt
deployments:
  - name: a
    entrypoint: flows/a.py:a
    work_pool: { name: p }
  - name: b
    entrypoint: flows/b.py:b
    work_pool: { name: p }
    build:
      - ${PIP}:
          requirements_file: b.txt
  - name: c
    entrypoint: flows/c.py:c
    work_pool: { name: p }
    build: []
`;

describe('attributeChange: prefect.yaml sections', () => {
  const cases: Array<{ title: string; before: string | undefined; now: string; name?: string; changed: boolean; reason?: RegExp }> = [
    { title: 'same file', before: BASE, now: BASE, changed: false },
    {
      title: 'key order and formatting differ only',
      before: BASE,
      now: BASE.replace('work_pool: { name: p }\n  - name: b', 'work_pool:\n      name: p\n  - name: b').replace(
        'name: a\n    entrypoint: flows/a.py:a',
        'entrypoint: flows/a.py:a\n    name: a',
      ),
      changed: false,
    },
    {
      title: 'own field changed',
      before: BASE,
      now: BASE.replace('entrypoint: flows/a.py:a\n    work_pool: { name: p }', 'entrypoint: flows/a.py:a\n    work_pool: { name: q }'),
      changed: true,
      reason: /section changed/,
    },
    { title: 'top-level build it uses changed', before: BASE, now: BASE.replace('requirements_file: requirements.txt', 'requirements_file: req.txt'), changed: true },
    {
      title: 'top-level build it overrides changed',
      before: BASE,
      now: BASE.replace('requirements_file: requirements.txt', 'requirements_file: req.txt'),
      name: 'b',
      changed: false,
    },
    // \`build: []\` runs no step, but the default pull steps still come from the top-level build.
    {
      title: 'top-level build behind an empty own build changed',
      before: BASE,
      now: BASE.replace('requirements_file: requirements.txt', 'requirements_file: req.txt'),
      name: 'c',
      changed: true,
    },
    { title: 'a sibling changed', before: BASE, now: BASE.replace('entrypoint: flows/b.py:b', 'entrypoint: flows/b.py:b\n    tags: [x]'), changed: false },
    { title: 'new since REF', before: BASE.replace(/ {2}- name: a[\s\S]*?(?= {2}- name: b)/, ''), now: BASE, changed: true, reason: /new since REF/ },
    { title: 'no prefect.yaml at REF', before: undefined, now: BASE, changed: true, reason: /did not exist/ },
    {
      title: 'a YAML alias resolves to the same value',
      before: BASE,
      now: `definitions:\n  pool: &pool { name: p }\n${BASE.replace('work_pool: { name: p }\n  - name: b', 'work_pool: *pool\n  - name: b')}`,
      changed: false,
    },
    {
      title: 'the value behind a YAML alias changed',
      before: `definitions:\n  pool: &pool { name: p }\n${BASE.replace('work_pool: { name: p }\n  - name: b', 'work_pool: *pool\n  - name: b')}`,
      now: `definitions:\n  pool: &pool { name: q }\n${BASE.replace('work_pool: { name: p }\n  - name: b', 'work_pool: *pool\n  - name: b')}`,
      changed: true,
    },
  ];
  it.each(cases)('$title', ({ before, now, name, changed, reason }) => {
    const v = verdict({ before, now, ...(name ? { name } : {}), changed: [] });
    expect(v.changed).toBe(changed);
    if (reason && v.changed) expect(v.reason).toMatch(reason);
  });
});

describe('attributeChange: files', () => {
  const withSteps = (steps: string) => `deployments:\n  - name: a\n    entrypoint: flows/a.py:a\n    work_pool: { name: p }\n${steps}`;
  const DOCKER_STEPS = withSteps(`    build:\n      - ${DOCKER}:\n          image_name: x\n      - ${PUSH_IMAGE}:\n          image_name: x\n`);
  const DOCKER_CTX = withSteps(`    build:\n      - ${DOCKER}:\n          image_name: x\n          path: images/etl\n          dockerfile: ../Dockerfile.etl\n`);
  const PIP_DIR = withSteps(`    build:\n      - ${PIP}:\n          directory: deps\n`);
  const S3_PUSH = withSteps(`    push:\n      - ${S3}:\n          bucket: b\n          folder: f\n`);
  const GCS_NO_IGNORE = withSteps(`    push:\n      - ${GCS}:\n          bucket: b\n          folder: f\n          ignore_file: null\n`);
  const cases: Array<{ title: string; yaml: string; changed: string[]; expected: boolean; flowFiles?: string[] | undefined }> = [
    { title: 'nothing changed', yaml: withSteps(''), changed: [], expected: false },
    { title: 'entry file changed', yaml: withSteps(''), changed: ['flows/a.py'], expected: true },
    { title: 'a local module it imports changed', yaml: withSteps(''), changed: ['lib/helpers.py'], expected: true },
    { title: 'a module of another flow changed', yaml: withSteps(''), changed: ['flows/b.py', 'lib/other.py'], expected: false },
    { title: 'flow files unknown', yaml: withSteps(''), changed: [], expected: true, flowFiles: undefined },
    { title: 'Dockerfile (default) changed', yaml: DOCKER_STEPS, changed: ['Dockerfile'], expected: true },
    { title: 'a file in the build context (cwd) changed', yaml: DOCKER_STEPS, changed: ['data/x.csv'], expected: true },
    { title: 'a file outside the project changed', yaml: DOCKER_STEPS, changed: ['../other/x'], expected: false },
    { title: 'Dockerfile outside its context changed', yaml: DOCKER_CTX, changed: ['images/Dockerfile.etl'], expected: true },
    { title: 'a file in the context dir changed', yaml: DOCKER_CTX, changed: ['images/etl/app.py'], expected: true },
    { title: 'a file beside the context dir', yaml: DOCKER_CTX, changed: ['images/other/app.py'], expected: false },
    { title: 'requirements file in its directory changed', yaml: PIP_DIR, changed: ['deps/requirements.txt'], expected: true },
    { title: 'requirements.txt outside its directory', yaml: PIP_DIR, changed: ['requirements.txt'], expected: false },
    { title: 'a file of the uploaded tree changed', yaml: S3_PUSH, changed: ['data/x.csv'], expected: true },
    { title: 'an ignored file of the uploaded tree changed', yaml: S3_PUSH, changed: ['notes/x.md'], expected: false },
    { title: 'ignore_file: null uploads everything', yaml: GCS_NO_IGNORE, changed: ['notes/x.md'], expected: true },
  ];
  const ignored = (tree: Tree, file: string) => tree.ignoreFile === '.prefectignore' && file.startsWith('notes/');
  it.each(cases)('$title', ({ yaml, changed, expected, ...rest }) => {
    const v = verdict({ before: yaml, now: yaml, changed, ignored, ...('flowFiles' in rest ? { flowFiles: rest.flowFiles } : {}) });
    expect(v.changed).toBe(expected);
  });
});

describe('stepInputs: what cannot be attributed', () => {
  const step = (name: string, inputs: Mapping = {}): Mapping => ({ [name]: inputs });
  const cases: Array<{ title: string; steps: Mapping[]; unattributable: boolean }> = [
    { title: 'no steps', steps: [], unattributable: false },
    { title: 'pip install, docker build and push', steps: [step(PIP), step(DOCKER, { image_name: 'x' }), step(PUSH_IMAGE, { image_name: 'x' })], unattributable: false },
    { title: 'run_shell_script', steps: [step(SHELL, { script: 'make' })], unattributable: true },
    { title: 'a custom step', steps: [step('mypkg.steps.build')], unattributable: true },
    { title: 'set_working_directory', steps: [step('prefect.deployments.steps.set_working_directory', { directory: 'x' })], unattributable: true },
    { title: 'a templated Dockerfile', steps: [step(DOCKER, { image_name: 'x', dockerfile: '{{ $DOCKERFILE }}' })], unattributable: true },
    { title: 'a templated requirements file', steps: [step(PIP, { requirements_file: '{{ build.file }}' })], unattributable: true },
  ];
  it.each(cases)('$title', ({ steps, unattributable }) => {
    expect(stepInputs(steps).unattributable.length > 0).toBe(unattributable);
  });

  it('an unattributable step makes an otherwise unchanged deployment count as changed', () => {
    const yaml = `deployments:\n  - name: a\n    entrypoint: flows/a.py:a\n    work_pool: { name: p }\n    build:\n      - ${SHELL}:\n          script: make\n`;
    expect(verdict({ before: yaml, now: yaml, changed: [] })).toEqual({ changed: true, reason: `cannot tell what it reads: step ${SHELL} (what it reads is not known)` });
  });

  it('names the files and trees of docker build, pip install and the push steps', () => {
    const got = stepInputs([
      step(DOCKER, { image_name: 'x', path: './ctx/' }),
      step(PIP, { directory: 'a', requirements_file: 'r.txt' }),
      step(S3, { bucket: 'b', folder: 'f' }),
    ]);
    expect(got).toEqual({
      files: ['ctx/Dockerfile', 'a/r.txt'],
      readers: { 'ctx/Dockerfile': 'build step', 'a/r.txt': 'build step' },
      trees: [
        { dir: 'ctx', ignoreFile: 'ctx/.dockerignore', storage: 'docker', reader: 'build context' },
        { dir: '', ignoreFile: '.prefectignore', storage: 's3', reader: 'uploaded' },
      ],
      unattributable: [],
    });
  });
});

describe('why a deployment counts as changed', () => {
  const yaml = `deployments:\n  - name: a\n    entrypoint: flows/a.py:a\n    work_pool: { name: p }\n    build:\n      - ${DOCKER}:\n          image_name: x\n`;
  it('lists every changed input once, with what reads it', () => {
    const now = load(yaml);
    const section = sectionOf(now.deployments[0]!, now.actions);
    const v = attributeChange(
      { before: [section], now: section, flowFiles: ['flows/a.py', 'lib/helpers.py'], entry: './flows/a.py', steps: stepInputs(runSteps(section)) },
      { files: new Set(['lib/helpers.py', 'flows/a.py', 'Dockerfile', 'data/x.csv', 'notes/y.md']), ignored: (_tree, f) => f.startsWith('notes/') },
    );
    expect(v).toEqual({
      changed: true,
      reason: 'flows/a.py changed (entry)',
      inputs: [
        { path: 'flows/a.py', what: 'entry' },
        { path: 'lib/helpers.py', what: 'module' },
        { path: 'Dockerfile', what: 'build step' },
        { path: 'data/x.csv', what: 'build context' },
      ],
    });
    expect(v.changed && changedBecause('origin/main', v)).toBe(
      'changed since origin/main: flows/a.py (entry), lib/helpers.py (module), Dockerfile (build step), and 1 more',
    );
  });

  it('names three inputs in full, and what is not a file as its reason', () => {
    const inputs = ['a', 'b', 'c'].map((p) => ({ path: p, what: 'module' }));
    expect(changedBecause('HEAD', { changed: true, reason: 'x', inputs })).toBe('changed since HEAD: a (module), b (module), c (module)');
    expect(changedBecause('HEAD', { changed: true, reason: 'prefect.yaml section changed' })).toBe('changed since HEAD: prefect.yaml section changed');
    expect(changedBecause('origin/main', { changed: true, reason: 'new since REF' })).toBe('new since origin/main');
  });
});

describe('readChangesSince (through the git seam)', () => {
  function fakeGit(answers: Record<string, string | Error>): GitRunner {
    const one = fakeOne(answers);
    return async (args, cwd) => {
      // The prefix, REF's commit and prefect.yaml's blob asked at once: git answers a line each (trimmed, as runGit does).
      if (args[0] === 'rev-parse' && args[1] === '--show-prefix' && args.length === 4) {
        const [prefix, commit, blob] = await Promise.all([
          one(['rev-parse', '--show-prefix'], cwd),
          one(['rev-parse', '--verify', args[2]!], cwd),
          one(['rev-parse', args[3]!], cwd),
        ]);
        return `${prefix}\n${commit}\n${blob}`.trim();
      }
      return one(args, cwd);
    };
  }
  function fakeOne(answers: Record<string, string | Error>): GitRunner {
    return async (args) => {
      const key = args.join(' ');
      const found = Object.entries(answers).find(([k]) => key.includes(k));
      if (!found) throw new Error(`unexpected git ${key}`);
      if (found[1] instanceof Error) throw found[1];
      return found[1];
    };
  }

  it('diff, untracked and prefect.yaml at REF, relative to cwd', async () => {
    const git = fakeGit({
      '--show-prefix': 'proj/',
      '--verify': 'abc123',
      'diff --name-only': 'proj/flows/a.py\0other/x.py\0',
      'ls-files': 'proj/new.py\0',
      'rev-parse main:./prefect.yaml': 'b10b',
    });
    const got = await readChangesSince('main', '/repo/proj', 'prefect.yaml', git);
    expect(got).toEqual({ commit: 'abc123', files: new Set(['flows/a.py', '../other/x.py', 'new.py']), prefectFileBefore: undefined, prefectFileUnchanged: true });
    // Changed since REF: its text at REF is read.
    const changed = fakeGit({
      '--show-prefix': 'proj/',
      '--verify': 'abc123',
      'diff --name-only': 'proj/prefect.yaml\0',
      'ls-files': '',
      'rev-parse main:./prefect.yaml': 'b10b',
      'cat-file blob b10b': 'deployments: []',
    });
    expect(await readChangesSince('main', '/repo/proj', 'prefect.yaml', changed)).toEqual({
      commit: 'abc123',
      files: new Set(['prefect.yaml']),
      prefectFileBefore: 'deployments: []',
    });
  });

  it('asks git one round of questions when REF resolves, and one at a time for a REF that `REF:./path` cannot name', async () => {
    const asked: string[] = [];
    const answers = {
      '--show-prefix': 'proj/',
      '--verify': 'abc123',
      'diff --name-only': 'proj/flows/a.py\0',
      'ls-files': '',
      'rev-parse main:./prefect.yaml': 'b10b',
      'show abc123:proj/prefect.yaml': 'deployments: []',
    };
    const git = fakeGit(answers);
    const recording: GitRunner = (args, cwd) => {
      asked.push(args.filter((a) => !a.startsWith('-') || a.startsWith('--show') || a === '--verify').join(' '));
      return git(args, cwd);
    };
    await readChangesSince('main', '/repo/proj', 'prefect.yaml', recording);
    expect(asked).toEqual(['rev-parse --show-prefix main^{commit} main:./prefect.yaml', 'core.quotePath=false diff main', 'ls-files']);
    asked.length = 0;
    const got = await readChangesSince(':/message', '/repo/proj', 'prefect.yaml', recording);
    expect(asked).toEqual([
      'rev-parse --show-prefix',
      'rev-parse --verify :/message^{commit}',
      'show abc123:proj/prefect.yaml',
      'core.quotePath=false diff abc123',
      'ls-files',
    ]);
    expect(got).toEqual({ commit: 'abc123', files: new Set(['flows/a.py']), prefectFileBefore: 'deployments: []' });
  });

  it('one at a time too, prefect.yaml unlisted by git and with the same text now is not read as text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'changed-git-'));
    try {
      writeFileSync(path.join(dir, 'prefect.yaml'), 'deployments: []\n');
      const answers = { '--show-prefix': '', '--verify': 'abc123', 'diff --name-only': 'flows/a.py\0', 'ls-files': '', 'show abc123:prefect.yaml': 'deployments: []' };
      expect(await readChangesSince(':/message', dir, 'prefect.yaml', fakeGit(answers))).toEqual({
        commit: 'abc123',
        files: new Set(['flows/a.py']),
        prefectFileBefore: undefined,
        prefectFileUnchanged: true,
      });
      // Listed as changed: its text at REF is read.
      const listed = { ...answers, 'diff --name-only': 'prefect.yaml\0' };
      expect((await readChangesSince(':/message', dir, 'prefect.yaml', fakeGit(listed))).prefectFileBefore).toBe('deployments: []');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a REF git cannot resolve is an error, not everything changed', async () => {
    const git = fakeGit({ '--show-prefix': '', '--verify': new Error('fatal'), '--is-shallow-repository': 'false' });
    await expect(readChangesSince('nope', '/repo', 'prefect.yaml', git)).rejects.toThrow(
      new ChangedSinceError('--changed-since nope: git cannot resolve nope to a commit (fetch it, or name a branch, tag or commit that exists here)'),
    );
  });

  it('a shallow clone missing REF says to fetch the history', async () => {
    const git = fakeGit({ '--show-prefix': '', '--verify': new Error('fatal'), '--is-shallow-repository': 'true' });
    await expect(readChangesSince('HEAD~1', '/repo', 'prefect.yaml', git)).rejects.toThrow(/fetch-depth: 0/);
  });

  it('outside a git repository', async () => {
    const git = fakeGit({ '--show-prefix': new Error('fatal: not a git repository') });
    await expect(readChangesSince('HEAD', '/x', 'prefect.yaml', git)).rejects.toThrow(/not in a git repository/);
  });

  it('no prefect.yaml at REF', async () => {
    const git = fakeGit({
      '--show-prefix': '',
      '--verify': 'abc',
      'diff --name-only': '',
      'ls-files': '',
      'rev-parse HEAD:./prefect.yaml': new Error('fatal: path does not exist'),
      'show abc:prefect.yaml': new Error('fatal: path does not exist'),
    });
    expect((await readChangesSince('HEAD', '/r', 'prefect.yaml', git)).prefectFileBefore).toBeUndefined();
  });
});

describe('readChangesSince: git failing while listing', () => {
  it('is an error with the reason, not a crash', async () => {
    const git: GitRunner = async (args) => {
      if (args.includes('--show-prefix')) return '';
      if (args.includes('--verify')) return 'abc';
      throw new Error('stdout maxBuffer length exceeded\nmore');
    };
    await expect(readChangesSince('HEAD', '/r', 'prefect.yaml', git)).rejects.toThrow(
      new ChangedSinceError('--changed-since HEAD: git could not list what changed since HEAD: stdout maxBuffer length exceeded'),
    );
  });
});

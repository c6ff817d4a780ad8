/**
 * `.prefectignore` matching and the push steps' upload set.
 *
 * Table-driven pattern cases (hard-coded expectations, and also checked against pathspec), then a
 * differential test: temp trees pushed by the reference's three push steps (their file walk, with
 * prefect's filter_files, in the project venv — one python call, JSON in and out) and by uploadSet,
 * comparing the exact uploaded paths and keys, or that both fail.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileIgnorePattern, IgnorePatternError, IgnoreSpec, ignoreLines, objectKey, riskyUploadWarnings, uploadSet } from '../../src/steps/index.js';
import type { StorageProvider } from '../../src/steps/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

interface PatternCase {
  name: string;
  lines: string[];
  /** Path → ignored? */
  expect: Record<string, boolean>;
}

const PATTERN_CASES: PatternCase[] = [
  {
    name: 'name matches at any depth, files and directories',
    lines: ['foo'],
    expect: { foo: true, 'a/foo': true, 'foo/x': true, 'a/foo/x': true, foobar: false, 'x/foox': false },
  },
  {
    name: 'trailing slash: only what is below a directory of that name',
    lines: ['build/'],
    expect: { build: false, 'build/x': true, 'a/build/x/y': true, 'xbuild/y': false },
  },
  { name: 'leading slash anchors', lines: ['/top.txt'], expect: { 'top.txt': true, 'a/top.txt': false } },
  { name: 'middle slash anchors', lines: ['docs/*.md'], expect: { 'docs/a.md': true, 'x/docs/a.md': false, 'docs/sub/a.md': false } },
  { name: '* does not cross /', lines: ['a*c'], expect: { abc: true, ac: true, 'a/c': false, 'd/abbc': true } },
  { name: '* alone needs a non-empty segment', lines: ['a/*'], expect: { 'a/x': true, 'a/x/y': true, a: false } },
  { name: '? is one character, not /', lines: ['file?.txt'], expect: { 'file1.txt': true, 'file.txt': false, 'file12.txt': false, 'x/fileé.txt': true } },
  { name: 'leading **/', lines: ['**/tmp'], expect: { tmp: true, 'a/b/tmp': true, 'a/tmp/x': true } },
  { name: 'middle /**/ matches zero or more directories', lines: ['a/**/b'], expect: { 'a/b': true, 'a/x/b': true, 'a/x/y/b': true, 'x/a/b': false, 'a/xb': false } },
  { name: 'trailing /** matches everything inside', lines: ['logs/**'], expect: { logs: false, 'logs/a': true, 'logs/a/b': true } },
  {
    name: 'character classes',
    lines: ['*.py[cod]', '[!a-c]*.dat', 'x[]]y', 'v[^0-9]'],
    expect: { 'a.pyc': true, 'a.pyo': true, 'a.py': false, 'd.dat': true, 'a.dat': false, 'x]y': true, va: true, v1: false },
  },
  { name: 'unclosed [ drops the pattern', lines: ['a[b', 'c'], expect: { 'a[b': false, c: true } },
  { name: 'escapes', lines: ['\\#hash', '\\!bang', 'star\\*', 'q\\?'], expect: { '#hash': true, '!bang': true, 'star*': true, stars: false, 'q?': true, qx: false } },
  { name: 'comments and blank lines', lines: ['# comment', '', '   ', ' # not a comment'], expect: { '# comment': false, ' # not a comment': true } },
  { name: 'trailing spaces are stripped unless escaped', lines: ['a.txt   ', 'b\\ '], expect: { 'a.txt': true, 'b ': true, b: false } },
  { name: 'negation re-includes, last wins', lines: ['*.log', '!important.log'], expect: { 'x.log': true, 'important.log': false, 'a/important.log': false } },
  {
    name: 'negation of a file inside an excluded directory works',
    lines: ['build/', '!build/keep.txt'],
    expect: { 'build/x': true, 'build/keep.txt': false, 'build/sub/keep.txt': true },
  },
  { name: 'a direct match beats a later directory match', lines: ['!keep.txt', 'build/'], expect: { 'build/keep.txt': false, 'build/x': true } },
  { name: 'a later direct exclusion still wins', lines: ['!*.txt', 'build/*.txt'], expect: { 'build/a.txt': true, 'a.txt': false } },
  { name: '**, **/* and */** overrides', lines: ['sub/', '!*/**'], expect: { 'sub/x': false, top: false } },
  { name: '** alone matches everything, ! then re-includes', lines: ['**', '!*.py'], expect: { 'a.py': false, 'a/b.py': false, 'a/c.txt': true } },
  { name: 'the slash alone is ignored', lines: ['/', 'x'], expect: { x: true, y: false } },
  { name: 'unicode and spaces', lines: ['ünï*', 'with space.txt', '日本/'], expect: { 'ünïcødé.txt': true, 'with space.txt': true, '日本/a': true, 日本: false } },
  { name: '? matches one astral character', lines: ['?.emoji'], expect: { '😀.emoji': true, 'ab.emoji': false } },
];

describe('IgnoreSpec (table)', () => {
  for (const c of PATTERN_CASES) {
    it(c.name, () => {
      const spec = IgnoreSpec.fromLines(c.lines);
      const got = Object.fromEntries(Object.keys(c.expect).map((p) => [p, spec.ignores(p)]));
      expect(got).toEqual(c.expect);
    });
  }

  it('fails like the reference on a trailing backslash, naming the line', () => {
    expect(() => IgnoreSpec.fromLines(['ok', 'bad\\'], 'up.ignore')).toThrow(IgnorePatternError);
    expect(() => IgnoreSpec.fromLines(['ok', 'bad\\'], 'up.ignore')).toThrow(/^up\.ignore:2: Escape character/);
    expect(() => IgnoreSpec.fromLines(['!'])).toThrow(/Invalid git pattern: '!'/);
    expect(() => IgnoreSpec.fromLines(['[z-a]'])).toThrow(IgnorePatternError);
  });

  it('reads lines as each push step does', () => {
    const text = '\ufeff*.tmp\r\n  lead\r\ntrail  \rlast';
    expect(ignoreLines(text, 'strip')).toEqual(['\ufeff*.tmp', 'lead', 'trail', 'last']);
    expect(ignoreLines(text, 'raw')).toEqual(['\ufeff*.tmp\n', '  lead\n', 'trail  \n', 'last']);
    // `foo\ ` keeps its escaped space only on an unterminated last line of a GCS/Azure read.
    expect(compileIgnorePattern('foo\\ ')?.regex.test('foo ')).toBe(true);
    expect(() => compileIgnorePattern('foo\\ \n')).toThrow(IgnorePatternError);
  });
});

describe('objectKey', () => {
  const cases: [StorageProvider, string, string, NodeJS.Platform, string][] = [
    ['s3', '', 'a/b.txt', 'linux', 'a/b.txt'],
    ['s3', '.', 'a.txt', 'linux', 'a.txt'],
    ['s3', 'proj/', 'a.txt', 'linux', 'proj/a.txt'],
    ['gcs', 'a//b/./c', 'x', 'linux', 'a/b/c/x'],
    ['gcs', '/abs', 'x', 'linux', '/abs/x'],
    ['s3', '//two', 'x', 'linux', '//two/x'],
    ['s3', '///three', 'x', 'linux', '/three/x'],
    ['azure', 'p/q', 'a/b', 'linux', 'p/q/a/b'],
    ['azure', 'p/q', 'a/b', 'win32', 'p\\q\\a\\b'],
    ['s3', 'p\\q', 'a/b', 'win32', 'p/q/a/b'],
    ['s3', 'p/../q', 'x', 'linux', 'p/../q/x'],
  ];
  for (const [provider, folder, rel, platform, key] of cases) {
    it(`${provider} ${JSON.stringify(folder)} + ${rel} on ${platform}`, () => expect(objectKey(provider, folder, rel, platform)).toBe(key));
  }
});

describe('riskyUploadWarnings', () => {
  it('names .git, virtual environments and .env files', () => {
    const [warning, ...rest] = riskyUploadWarnings(
      ['.git/HEAD', '.git/x', 'app/.venv/bin/python', 'tools/pyvenv.cfg', 'tools/lib/a.py', 'venv/x', '.env', 'cfg/.env.prod', 'ok.py'],
      '.prefectignore',
    );
    expect(rest).toEqual([]);
    expect(warning).toContain('no .prefectignore found');
    expect(warning).toContain('.git/ (2 files)');
    expect(warning).toContain('app/.venv/ (1 file)');
    expect(warning).toContain('tools/ (2 files)');
    expect(warning).toContain('venv/ (1 file)');
    expect(warning).toContain('.env, cfg/.env.prod');
  });
  it('notices when the pushed directory is itself a virtual environment', () => {
    expect(riskyUploadWarnings(['pyvenv.cfg', 'bin/python'], null)[0]).toMatch(/^no ignore file is applied .*virtual environment \.\/ \(2 files\)/);
  });
  it('is silent for a clean tree', () => expect(riskyUploadWarnings(['flows/a.py', 'venv.py', '.envrc', '.gitignore'], '.prefectignore')).toEqual([]));
});

// ---------------------------------------------------------------------------------------------
// Differential

type Tree = Record<string, string | { link: string }>;

interface TreeCase {
  name: string;
  tree: string;
  provider: StorageProvider;
  folder: string;
  ignoreFile?: string | null;
}

const TREE_PROVIDERS: StorageProvider[] = ['s3', 'gcs', 'azure'];

function defaultIgnoreFile(): string {
  const lib = join(root, '.venv-ref', 'lib');
  const python = readdirSync(lib).find((d) => d.startsWith('python'))!;
  return readFileSync(join(lib, python, 'site-packages', 'prefect', '.prefectignore'), 'utf8');
}

const PYTHON_PROJECT = (): Tree => ({
  '.prefectignore': defaultIgnoreFile(),
  'prefect.yaml': 'name: x\n',
  'flows/etl.py': 'x',
  'flows/__pycache__/etl.cpython-311.pyc': 'x',
  'flows/util.pyc': 'x',
  'flows/mod$py.class': 'x',
  'pkg.egg-info/PKG-INFO': 'x',
  'dist/pkg.egg': 'x',
  '.mypy_cache/3.11/x.json': 'x',
  'dmypy.json': 'x',
  'nb/.ipynb_checkpoints/a-checkpoint.ipynb': 'x',
  'nb/a.ipynb': 'x',
  '.python-version': '3.11',
  '.env': 'SECRET=1',
  'sub/.env': 'SECRET=1',
  '.env.local': 'x',
  '.venv/pyvenv.cfg': 'x',
  '.venv/bin/python': 'x',
  'env/lib/a.py': 'x',
  'venv/lib/a.py': 'x',
  'myenv/pyvenv.cfg': 'x',
  'myenv/lib/site.py': 'x',
  '.DS_Store': 'x',
  '.idea/workspace.xml': 'x',
  '.vscode/settings.json': 'x',
  '.git/HEAD': 'ref',
  '.git/objects/ab/cdef': 'x',
  '.gitignore': 'x',
  '.hg/store': 'x',
  'data/a b.csv': 'x',
  'data/ünïcødé.txt': 'x',
  'data/日本/報告.txt': 'x',
  'profile_default/x': 'x',
  'ipython_config.py': 'x',
  'dask-worker-space/w': 'x',
});

const NEGATIONS = [
  '# negations, anchoring, classes, escapes',
  'build/',
  '!build/keep.txt',
  '*.log',
  '!important.log',
  'logs/**',
  '!logs/**/keep/',
  '/root-only.txt',
  'docs/*.md',
  '!docs/README.md',
  '**/tmp',
  'a/**/b',
  '*.py[cod]',
  'file?.txt',
  '[!a-c]*.dat',
  '\\#hash',
  '\\!bang',
  'with space.txt',
  'ünï*',
  '日本/',
  'deep/*/x',
  '*/only-one-level',
  'x[]]y',
  'a[b',
  '.hidden*',
  '!.hidden-keep',
  'star\\*',
  'trailnl',
  'innl',
  '**/cache/**',
  '!cache/keep',
  '/',
].join('\n');

const NEGATION_TREE = (): Tree => ({
  '.prefectignore': `${NEGATIONS}\n`,
  'build/x.js': 'x',
  'build/keep.txt': 'x',
  'build/sub/keep.txt': 'x',
  'app.log': 'x',
  'important.log': 'x',
  'sub/important.log': 'x',
  'logs/a.txt': 'x',
  'logs/2024/keep/k.txt': 'x',
  'root-only.txt': 'x',
  'sub/root-only.txt': 'x',
  'docs/a.md': 'x',
  'docs/README.md': 'x',
  'docs/sub/b.md': 'x',
  'tmp/t': 'x',
  'q/tmp': 'x',
  'a/b': 'x',
  'a/x/y/b': 'x',
  'a/xb': 'x',
  'm.pyc': 'x',
  'm.py': 'x',
  'file1.txt': 'x',
  'file12.txt': 'x',
  'd.dat': 'x',
  'a.dat': 'x',
  '#hash': 'x',
  '!bang': 'x',
  'sp ': 'x',
  sp: 'x',
  'with space.txt': 'x',
  'ünïcødé.md': 'x',
  '日本/f': 'x',
  'deep/one/x': 'x',
  'deep/one/two/x': 'x',
  'z/only-one-level': 'x',
  'z/y/only-one-level': 'x',
  'x]y': 'x',
  'a[b': 'x',
  '.hidden-file': 'x',
  '.hidden-keep': 'x',
  'star*': 'x',
  stars: 'x',
  'cache/keep': 'x',
  'cache/drop': 'x',
  'p/cache/q': 'x',
  '😀.txt': 'x',
  // Python's `$` also matches before a final newline; its `.` stops at a newline but not at `\r`.
  'trailnl\n': 'x',
  'a\nb/innl': 'x',
  'a\rb/innl': 'x',
});

const LINKS_TREE = (ignore: boolean, cycle = true): Tree => ({
  ...(ignore ? { '.prefectignore': 'ignored-target/\n*.skip\n' } : {}),
  'real/a.txt': 'x',
  'real/b.skip': 'x',
  'ignored-target/t.txt': 'x',
  'file-link': { link: 'real/a.txt' },
  'dir-link': { link: 'real' },
  'ignored-link': { link: 'ignored-target/t.txt' },
  ...(cycle ? { 'loop/up': { link: '..' } } : { 'other/real-again': { link: '../real' } }),
  'outside-link': { link: '/etc/hostname' },
  'broken-link': { link: 'nowhere' },
});

const WHITESPACE_TREE = (): Tree => ({
  // CRLF, a lone CR, a BOM, leading and trailing whitespace: S3 strips lines, GCS/Azure do not.
  '.prefectignore': '\ufeff*.bom\r\n  lead.txt\r\ntrail.txt  \r\n\t tab.txt\r# c\n *.sp\nlast.txt',
  'x.bom': 'x',
  'y.bom': 'x',
  'lead.txt': 'x',
  '  lead.txt': 'x',
  'trail.txt': 'x',
  'tab.txt': 'x',
  '\t tab.txt': 'x',
  'a.sp': 'x',
  ' a.sp': 'x',
  'last.txt': 'x',
  'keep.txt': 'x',
});

const CUSTOM_IGNORE_TREE = (): Tree => ({
  '.prefectignore': '*\n',
  'config/upload.ignore': '# custom ignore_file\n*.csv\n!keep.csv\nconfig/\nsecret/**\n!secret/public.txt\n',
  'data/a.csv': 'x',
  'data/keep.csv': 'x',
  'flows/f.py': 'x',
  'secret/key.pem': 'x',
  'secret/public.txt': 'x',
});

const ERROR_TREES: Record<string, Tree> = {
  'trailing backslash': { '.prefectignore': 'ok\nbad\\\n', 'f.txt': 'x' },
  'reversed range': { '.prefectignore': '[z-a]\n', 'f.txt': 'x' },
  'bare !': { '.prefectignore': '!\n', 'f.txt': 'x' },
  'escaped trailing space with a newline': { '.prefectignore': 'sp\\ \n', 'sp ': 'x' },
  'escaped trailing space without a newline': { '.prefectignore': 'sp\\ ', 'sp ': 'x', sp: 'x' },
  'ignore file is a directory': { '.prefectignore/x': 'x', 'f.txt': 'x' },
};

const NO_IGNORE_TREE = (): Tree => ({
  '.git/HEAD': 'x',
  '.venv/pyvenv.cfg': 'x',
  '.env': 'x',
  '.hidden/.deeper/f': 'x',
  'flows/f.py': 'x',
  'empty-dir/.keep': '',
});

function buildTree(dir: string, tree: Tree): void {
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(tree)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'string') writeFileSync(full, content);
    else symlinkSync(content.link, full);
  }
}

const FOLDERS = ['', 'proj', 'proj/', '/abs/dir', 'a//b/./c', '.', './x/', '//two', '///three', 'ünï code', 'p/../q'];

describe('uploadSet matches the reference push steps', () => {
  let scratch: string;
  const trees = new Map<string, string>();
  const cases: TreeCase[] = [];
  let reference: { trees: Record<string, { files?: [string, string][]; error?: string }>; patterns: Record<string, { ignored?: boolean[]; error?: string }> };

  const addTree = (name: string, tree: Tree): string => {
    const dir = join(scratch, `t${trees.size}`);
    buildTree(dir, tree);
    trees.set(name, dir);
    return name;
  };

  beforeAll(() => {
    const out = execFileSync('bash', [join(root, 'scripts', 'reference-venv.sh')], { cwd: root, encoding: 'utf8', timeout: 900_000 });
    const python = out.trim().split('\n').pop();
    if (!python) throw new Error('scripts/reference-venv.sh printed no python path');
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'prefectignore-')));

    const withFolders = (tree: string, folders = FOLDERS, ignoreFile?: string | null): void => {
      for (const provider of TREE_PROVIDERS) {
        for (const folder of folders)
          cases.push({
            name: `${tree} / ${provider} / ${JSON.stringify(folder)}${ignoreFile === undefined ? '' : ` / ignore_file=${JSON.stringify(ignoreFile)}`}`,
            tree,
            provider,
            folder,
            ...(ignoreFile === undefined ? {} : { ignoreFile }),
          });
      }
    };
    withFolders(addTree('python project, prefect init .prefectignore', PYTHON_PROJECT()));
    withFolders(addTree('negations and edge patterns', NEGATION_TREE()), ['', 'proj/']);
    const links = addTree('symlinks with an ignore file', LINKS_TREE(true));
    withFolders(links, ['', 'x']);
    withFolders(links, [''], null);
    withFolders(addTree('symlinks, no cycle (pathspec follows them)', LINKS_TREE(true, false)), ['']);
    withFolders(addTree('whitespace, CRLF, BOM', WHITESPACE_TREE()), ['']);
    const custom = addTree('custom ignore_file', CUSTOM_IGNORE_TREE());
    withFolders(custom, ['up'], 'config/upload.ignore');
    withFolders(custom, ['up'], '');
    withFolders(custom, ['up'], null);
    withFolders(custom, ['up'], 'missing.ignore');
    withFolders(custom, ['up'], join(trees.get(custom)!, 'config', 'upload.ignore'));
    withFolders(addTree('no ignore file', NO_IGNORE_TREE()), ['', 'f']);
    for (const [name, tree] of Object.entries(ERROR_TREES)) withFolders(addTree(`error: ${name}`, tree), ['']);

    const request = {
      trees: cases.map((c, i) => ({
        id: String(i),
        root: trees.get(c.tree)!,
        provider: c.provider,
        folder: c.folder,
        ...(c.ignoreFile === undefined ? {} : { ignore_file: c.ignoreFile }),
      })),
      patterns: PATTERN_CASES.map((c, i) => ({ id: String(i), lines: c.lines, paths: Object.keys(c.expect) })),
    };
    const stdout = execFileSync(python, [join(here, 'ignore_reference.py')], {
      input: JSON.stringify(request),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    reference = JSON.parse(stdout);
    if (process.env.IGNORE_DEBUG)
      console.log(
        JSON.stringify(
          cases.map((c, i) => [c.name, reference.trees[String(i)]]),
          null,
          1,
        ),
      );
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('covers enough ground (≥6 trees, ≥40 patterns)', () => {
    expect(trees.size).toBeGreaterThanOrEqual(6);
    const patternLines = [PYTHON_PROJECT()['.prefectignore'], NEGATIONS, WHITESPACE_TREE()['.prefectignore'], CUSTOM_IGNORE_TREE()['config/upload.ignore']]
      .flatMap((text) => String(text).split(/\r\n|\r|\n/))
      .filter((l) => l.trim() && !l.trim().startsWith('#'));
    expect(patternLines.length).toBeGreaterThanOrEqual(40);
  });

  it('the pattern table agrees with pathspec', () => {
    PATTERN_CASES.forEach((c, i) => {
      const ref = reference.patterns[String(i)]!;
      expect(ref.error, c.name).toBeUndefined();
      expect(Object.fromEntries(Object.keys(c.expect).map((p, j) => [p, ref.ignored![j]])), c.name).toEqual(c.expect);
    });
  });

  it('every tree, provider, folder and ignore_file gives the same uploads (or both fail)', async () => {
    const byPath = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    const mismatches: string[] = [];
    for (const [i, c] of cases.entries()) {
      const ref = reference.trees[String(i)]!;
      let ours: { files?: [string, string][]; error?: string };
      try {
        const set = await uploadSet(c.provider, trees.get(c.tree)!, c.folder, c.ignoreFile === undefined ? {} : { ignoreFile: c.ignoreFile });
        ours = { files: set.files.map((f) => [f.relativePath, f.key] as [string, string]).sort(byPath) };
      } catch (error) {
        ours = { error: (error as Error).message };
      }
      // Only the error trees may fail: a failing reference would leave a tree untested.
      if (ref.error !== undefined && !c.tree.startsWith('error:')) mismatches.push(`${c.name}: reference fails: ${ref.error}`);
      if (ref.error !== undefined || ours.error !== undefined) {
        if (ref.error === undefined || ours.error === undefined) mismatches.push(`${c.name}: reference ${ref.error ?? 'succeeds'}, ours ${ours.error ?? 'succeeds'}`);
        continue;
      }
      const want = [...ref.files!].sort(byPath);
      try {
        expect(ours.files).toEqual(want);
      } catch {
        const w = new Set(want.map((f) => f.join(' -> ')));
        const g = new Set(ours.files!.map((f) => f.join(' -> ')));
        mismatches.push(`${c.name}: missing ${JSON.stringify([...w].filter((x) => !g.has(x)))}, extra ${JSON.stringify([...g].filter((x) => !w.has(x)))}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('warns about .git, virtual environments and .env only when there is no ignore file', async () => {
    const none = await uploadSet('s3', trees.get('no ignore file')!, '');
    expect(none.ignoreFile).toBeNull();
    expect(none.warnings).toHaveLength(1);
    expect(none.warnings[0]).toMatch(/\.git\/ \(1 file\).*\.venv\/ \(1 file\).*\.env/);
    const withFile = await uploadSet('s3', trees.get('python project, prefect init .prefectignore')!, '');
    expect(withFile.warnings).toEqual([]);
    expect(withFile.ignoreFile).toMatch(/\.prefectignore$/);
    const links = await uploadSet('gcs', trees.get('symlinks with an ignore file')!, '', { ignoreFile: null });
    expect(links.warnings.some((w) => w.startsWith('broken-link is a broken symbolic link'))).toBe(true);
  });
});

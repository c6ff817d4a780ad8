/**
 * `affectedEntries`: which entries a changed file can reach, told from the project's text. Cases
 * one by one, then against the analysis itself: on generated projects, every entry whose analysis
 * read (or looked for) a changed file must be reported affected.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePrefectFile } from '../../src/core/config/index.js';
import { affectedEntries, analyzeEntrypoint, flowSourceFiles, withFlowAnalysisCache } from '../../src/core/flows/index.js';
import { seededRandom } from '../support/random.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'affected-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** The entries reported affected by `changed`, or the reason it cannot tell. */
function affected(root: string, changed: string[], entries: string[]): string[] | string {
  const found = affectedEntries(root, new Set(changed), entries);
  return 'cannotTell' in found ? found.cannotTell : entries.filter((e) => found.affected(e));
}

const FLOW = (imports: string, name: string) => `${imports}\nfrom prefect import flow\n\n@flow\ndef ${name}(x: int = 1):\n    pass\n`;

describe('affectedEntries', () => {
  it('an entry that changed, and nothing else', () => {
    const root = project({ 'flows/a.py': FLOW('', 'a'), 'flows/b.py': FLOW('', 'b') });
    expect(affected(root, ['flows/a.py'], ['flows/a.py', 'flows/b.py'])).toEqual(['flows/a.py']);
    expect(affected(root, [], ['flows/a.py', 'flows/b.py'])).toEqual([]);
    expect(affected(root, ['README.md'], ['flows/a.py', 'flows/b.py'])).toEqual([]);
  });

  it('through a chain of imports, in every spelling', () => {
    const root = project({
      'lib/__init__.py': '',
      'lib/base.py': 'X = 1\n',
      'lib/mid.py': 'from .base import X\n',
      'lib/top.py': 'import lib.mid\n',
      'flows/a.py': FLOW('from lib import top', 'a'),
      'flows/b.py': FLOW('import lib', 'b'),
      'flows/c.py': FLOW('', 'c'),
    });
    const entries = ['flows/a.py', 'flows/b.py', 'flows/c.py'];
    expect(affected(root, ['lib/base.py'], entries)).toEqual(['flows/a.py']);
    // A changed __init__.py: every module of its package, and whoever names the package.
    expect(affected(root, ['lib/__init__.py'], entries)).toEqual(['flows/a.py', 'flows/b.py']);
  });

  it('a module added or deleted where a lookup looks', () => {
    const root = project({ 'flows/a.py': FLOW('import helpers', 'a'), 'helpers.py': 'X = 1\n', 'flows/b.py': FLOW('', 'b') });
    // flows/helpers.py would shadow helpers.py for flows/a.py.
    expect(affected(root, ['flows/helpers.py'], ['flows/a.py', 'flows/b.py'])).toEqual(['flows/a.py']);
    expect(affected(root, ['helpers/__init__.py'], ['flows/a.py', 'flows/b.py'])).toEqual(['flows/a.py']);
  });

  it('a relative import of the package itself: the whole package', () => {
    const root = project({
      'pkg/__init__.py': 'VALUE = 1\n',
      'pkg/flows/__init__.py': '',
      'pkg/flows/a.py': FLOW('from .. import VALUE', 'a'),
      'other/b.py': FLOW('', 'b'),
    });
    expect(affected(root, ['pkg/__init__.py'], ['pkg/flows/a.py', 'other/b.py'])).toEqual(['pkg/flows/a.py']);
  });

  it('any change reaches a flow that reads a data file', () => {
    const root = project({
      'flows/a.py': FLOW('from pathlib import Path\nCONFIG = (Path(__file__).parent / "config.json").read_text()', 'a'),
      'flows/b.py': FLOW('', 'b'),
      'flows/config.json': '{}',
    });
    expect(affected(root, ['flows/config.json'], ['flows/a.py', 'flows/b.py'])).toEqual(['flows/a.py']);
  });

  it('an entry in a directory an import cannot name is still read, and so are its neighbours', () => {
    const root = project({ 'my-flows/a.py': FLOW('import helpers', 'a'), 'my-flows/helpers.py': 'X = 1\n', 'my-flows/b.py': FLOW('', 'b') });
    expect(affected(root, ['my-flows/helpers.py'], ['my-flows/a.py', 'my-flows/b.py'])).toEqual(['my-flows/a.py']);
  });

  it('identifiers in NFKC, as Python reads them', () => {
    const root = project({ 'flows/a.py': FLOW('import \uFB01le', 'a'), 'file.py': '', 'flows/b.py': FLOW('', 'b') });
    expect(affected(root, ['file.py'], ['flows/a.py', 'flows/b.py'])).toEqual(['flows/a.py']);
  });

  it('an entry it did not read (missing, outside cwd) counts as affected', () => {
    const root = project({ 'flows/a.py': FLOW('', 'a') });
    expect(affected(root, ['other.py'], ['flows/a.py', 'flows/gone.py', '../elsewhere/c.py'])).toEqual(['flows/gone.py', '../elsewhere/c.py']);
  });

  it('cannot tell past its limits, or through a symbolic link to a directory', () => {
    const root = project({ 'flows/a.py': FLOW('', 'a'), 'flows/b.py': FLOW('', 'b'), 'shared/x.py': '' });
    const limits = { maxDirectories: 100, maxFiles: 2, maxBytes: 1 << 20 };
    expect(affectedEntries(root, new Set(['flows/a.py']), ['flows/a.py'], limits)).toEqual({ cannotTell: 'more than 2 Python files' });
    symlinkSync(path.join(root, 'shared'), path.join(root, 'lib'));
    expect(affected(root, ['flows/a.py'], ['flows/a.py'])).toBe('lib is a symbolic link to a directory');
    unlinkSync(path.join(root, 'lib'));
    expect(affected(root, ['flows/a.py'], ['flows/a.py', 'flows/b.py'])).toEqual(['flows/a.py']);
  });
});

const DIRS = ['', 'lib', 'lib/sub', 'flows', 'my-flows'] as const;
type Dir = (typeof DIRS)[number];
const PACKAGES = new Set<Dir>(['lib', 'lib/sub']);

/** Ways a file in `from` can import module `name` in `to` (statement, then an expression of its value). */
function spellings(from: Dir, to: Dir, name: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const dotted = to === '' ? name : `${to.replaceAll('/', '.')}.${name}`;
  if (to !== 'my-flows') {
    if (to === '' || to === 'flows' || PACKAGES.has(to)) {
      out.push([`import ${dotted}`, `${dotted}.V`], [`from ${dotted} import V as v_${name}`, `v_${name}`]);
      if (to !== '') out.push([`from ${to.replaceAll('/', '.')} import ${name} as m_${name}`, `m_${name}.V`]);
    }
  }
  if (from === to) out.push([`import ${name} as s_${name}`, `s_${name}.V`]);
  // A module named by a computed string: its name is nowhere in the text.
  if (to === '') out.push([`c_${name} = __import__("${name.slice(0, 1)}" + "${name.slice(1)}")`, `c_${name}.V`]);
  if (PACKAGES.has(from) && from === to) out.push([`from . import ${name} as r_${name}`, `r_${name}.V`]);
  if (from === 'lib/sub' && to === 'lib') out.push([`from ..${name} import V as u_${name}`, `u_${name}`]);
  return out;
}

/**
 * A project of modules m0…m7 and flows e0…e4 in the directories above, each importing a few
 * earlier modules in a random spelling, some reading a data file; then a random set of changed
 * paths (existing, deleted or added files, `__init__.py` files, the data file).
 */
function generate(seed: number): { root: string; entries: string[]; changed: Set<string> } {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const files: Record<string, string> = { 'lib/__init__.py': 'PV = 1\n', 'lib/sub/__init__.py': 'PV = 2\n', 'flows/data.json': '"d"' };
  if (rnd() < 0.3) files['lib/__init__.py'] = 'from . import m_init as m_init\nPV = 1\n';
  if (rnd() < 0.3) files['lib/m_init.py'] = 'V = 0\n';
  const modules: Array<{ dir: Dir; name: string }> = [];
  const body = (dir: Dir, dataRead: boolean) => {
    const lines: string[] = ['from pathlib import Path'];
    const values: string[] = ['0'];
    for (let k = 0; k < 3 && modules.length > 0; k++) {
      const target = pick(modules);
      const ways = spellings(dir, target.dir, target.name);
      if (ways.length === 0) continue;
      const [statement, value] = pick(ways);
      lines.push(statement);
      values.push(value);
    }
    // A value of the package itself, which names no module.
    if (PACKAGES.has(dir) && rnd() < 0.4) {
      lines.push(pick(dir === 'lib' ? ['from . import PV'] : ['from . import PV', 'from .. import PV']));
      values.push('PV');
    }
    if (dataRead) {
      lines.push('DATA = (Path(__file__).parent / "data.json").read_text()');
      values.push('len(DATA)');
    }
    return { lines, value: values.join(' + ') };
  };
  for (let i = 0; i < 8; i++) {
    const dir = pick(DIRS.filter((d) => d !== 'my-flows'));
    const { lines, value } = body(dir, false);
    files[path.posix.join(dir, `m${i}.py`)] = `${lines.join('\n')}\nV = ${value}\n`;
    modules.push({ dir, name: `m${i}` });
  }
  const entries: string[] = [];
  for (let i = 0; i < 5; i++) {
    const dir = pick(['flows', 'my-flows', ''] as const);
    const { lines, value } = body(dir, rnd() < 0.2);
    const file = path.posix.join(dir, `e${i}.py`);
    files[file] = `${lines.join('\n')}\nfrom prefect import flow\n\n@flow\ndef e${i}(x: int = ${value}):\n    pass\n`;
    entries.push(file);
  }
  const root = project(files);
  const existing = Object.keys(files);
  const changed = new Set<string>();
  const count = 1 + Math.floor(rnd() * 2);
  for (let k = 0; k < count; k++) {
    const kind = rnd();
    if (kind < 0.6) changed.add(pick(existing));
    else changed.add(path.posix.join(pick(DIRS), `${pick(['m', 'x'])}${Math.floor(rnd() * 9)}.py`));
  }
  if (rnd() < 0.1) changed.add(`${pick(['lib', 'lib/sub', 'flows'])}/__init__.py`);
  return { root, entries, changed };
}

describe('affectedEntries against the analysis', () => {
  it('reports affected every entry whose analysis read or looked for a changed file (200 generated projects)', async () => {
    const tally = { analysedChanged: 0, skipped: 0, analysed: 0 };
    for (let seed = 1; seed <= 200; seed++) {
      const { root, entries, changed } = generate(seed);
      const found = affectedEntries(root, changed, entries);
      if ('cannotTell' in found) throw new Error(`seed ${seed}: ${found.cannotTell}`);
      await withFlowAnalysisCache(new Map(), async () => {
        for (const entry of entries) {
          let files: readonly string[] | undefined;
          try {
            files = flowSourceFiles(await analyzeEntrypoint(`${entry}:${path.posix.basename(entry, '.py')}`, { cwd: root }));
          } catch (e) {
            throw new Error(`seed ${seed}: ${entry} does not analyse: ${(e as Error).message}`, { cause: e });
          }
          tally.analysed++;
          const hit = (files ?? []).filter((f) => changed.has(f));
          if (hit.length > 0) tally.analysedChanged++;
          if (!found.affected(entry)) {
            tally.skipped++;
            expect({ seed, entry, hit }).toEqual({ seed, entry, hit: [] });
          }
        }
      });
    }
    // Not vacuous: both kinds occur often.
    expect(tally.analysedChanged).toBeGreaterThan(tally.analysed / 10);
    expect(tally.skipped).toBeGreaterThan(tally.analysed / 8);
  });
});

describe('affectedEntries against the analysis, on the projects of this repository', () => {
  /** Every file under `dir`, relative to it. */
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'));

  it('every fixture, example and recipe project, each of its files changed in turn (and a module added where lookups look)', async () => {
    const repo = path.resolve(import.meta.dirname, '..', '..');
    const roots = ['__tests__/fixtures/projects', 'examples', 'recipes']
      .flatMap((dir) => (existsSync(path.join(repo, dir)) ? readdirSync(path.join(repo, dir)).map((d) => path.join(repo, dir, d)) : []))
      .filter((root) => existsSync(path.join(root, 'prefect.yaml')));
    const tally = { pairs: 0, skipped: 0, read: 0 };
    for (const root of roots) {
      const file = parsePrefectFile(readFileSync(path.join(root, 'prefect.yaml'), 'utf8'), 'prefect.yaml').prefectFile;
      const entrypoints = new Set((file?.deployments ?? []).flatMap((d) => (typeof d.entrypoint === 'string' && !d.entrypoint.includes('{{') ? [d.entrypoint] : [])));
      const reads = new Map<string, readonly string[]>();
      await withFlowAnalysisCache(new Map(), async () => {
        for (const ep of entrypoints) {
          // A flow that does not analyse is analysed again by --changed-since, whatever changed.
          const flow = await analyzeEntrypoint(ep, { cwd: root }).catch(() => undefined);
          if (flow) reads.set(ep.split(':')[0]!, flowSourceFiles(flow) ?? []);
        }
      });
      for (const changedFile of [...filesUnder(root), 'helpers.py', 'flows/utils.py', 'lib/__init__.py']) {
        const found = affectedEntries(root, new Set([changedFile]), [...reads.keys()]);
        if ('cannotTell' in found) throw new Error(`${root}: ${found.cannotTell}`);
        for (const [entry, read] of reads) {
          tally.pairs++;
          if (read.includes(changedFile)) tally.read++;
          if (found.affected(entry)) continue;
          tally.skipped++;
          expect({ root: path.relative(repo, root), entry, changedFile, read: read.includes(changedFile) }).toEqual({
            root: path.relative(repo, root),
            entry,
            changedFile,
            read: false,
          });
        }
      }
    }
    expect(roots.length).toBeGreaterThan(20);
    expect(tally.read).toBeGreaterThan(20);
    expect(tally.skipped).toBeGreaterThan(tally.pairs / 3);
  });
});

/**
 * The arrows of the house point down (style.md, "The house"): the engine (src/core) and the API
 * client (src/prefect) never import the steps' code or a door, the client never imports the
 * engine, the plan stage never imports apply, the stages of the engine import only the ones under
 * them, and the Python value model imports nothing of the project. Every import of every file under src/ is read (static `import`/`export
 * ... from` and dynamic `import()`), resolved, and checked against these rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

interface Rule {
  /** Files the rule applies to (a folder under src/, with a trailing slash). */
  from: string;
  /** Folders under src/ those files must not import. */
  forbidden: readonly string[];
  /** Folders under src/ that are the only ones allowed (when set): anything else is forbidden too. */
  onlyFrom?: readonly string[];
  why: string;
}

const ABOVE_THE_ENGINE = ['steps/', 'github/', 'cli/', 'commands/', 'cli.ts', 'index.ts', 'runtime.ts'];

const RULES: readonly Rule[] = [
  { from: 'core/', forbidden: ABOVE_THE_ENGINE, why: "the engine knows nothing of the steps' code or the doors (it runs steps through the StepRunner port)" },
  { from: 'prefect/', forbidden: ABOVE_THE_ENGINE, why: 'the API client is at the bottom' },
  { from: 'prefect/', forbidden: ['core/'], why: 'the API client imports no core value' },
  { from: 'core/plan/', forbidden: ['core/apply/', 'core/report/'], why: 'the plan stage comes before apply and the renderers' },
  { from: 'core/values/', forbidden: [], onlyFrom: ['core/values/'], why: 'the Python value model is the bottom of the engine' },
  { from: 'core/util/', forbidden: [], onlyFrom: ['core/util/'], why: 'the helpers know nothing of the engine' },
  // The stages of the engine, each importing only the ones under it (report > apply > plan > config, templating).
  { from: 'core/apply/', forbidden: ['core/report/'], why: 'the renderers come after apply' },
  {
    from: 'core/config/',
    forbidden: ['core/templating/', 'core/plan/', 'core/apply/', 'core/report/'],
    why: 'loading prefect.yaml comes before templating and planning',
  },
  {
    from: 'core/templating/',
    forbidden: ['core/config/', 'core/plan/', 'core/apply/', 'core/report/'],
    why: 'templating works on values, not on the config or the plan',
  },
  ...['flows', 'schedules', 'triggers'].map((folder) => ({
    from: `core/${folder}/`,
    forbidden: ['core/config/', 'core/templating/', 'core/plan/', 'core/apply/', 'core/report/'],
    why: `${folder}/ is a building block of config and plan`,
  })),
];

interface Import {
  /** The importing file, relative to src/. */
  file: string;
  line: number;
  specifier: string;
}

/**
 * The code of a TypeScript source with comments and template literals blanked (newlines kept, so
 * positions still give line numbers): what is left of `import` and `from` is real code. Quoted
 * strings are kept (they hold the specifiers); a `/` where an expression starts opens a regex.
 */
function code(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let last = ''; // the last significant character of code, to tell a regex from a division
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
      last = c;
    } else if (c === '`') {
      // Template literals: skipped whole, `${…}` included (no import is written inside one).
      let j = i + 1;
      let depth = 0;
      while (j < text.length && (depth > 0 || text[j] !== '`')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '$' && text[j + 1] === '{') {
          depth++;
          j++;
        } else if (text[j] === '}' && depth > 0) depth--;
        j++;
      }
      blank(i, j + 1);
      i = j + 1;
      last = '`';
    } else if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last) || /\b(return|typeof|case|of|in)\s*$/u.test(text.slice(Math.max(0, i - 8), i)))) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      i = j + 1;
      last = '/';
    } else {
      if (!/\s/u.test(c)) last = /[\w$]/u.test(c) ? 'a' : c;
      i++;
    }
  }
  return out.join('');
}

const IMPORTS = [
  // import x from '…', import { a, b } from '…', import type …, export { … } from '…', export * from '…'
  /(?<![\w$.])(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"\n]+)\1/gu,
  // import '…'
  /(?<![\w$.])import\s*(['"])([^'"\n]+)\1/gu,
  // import('…')
  /(?<![\w$.])import\s*\(\s*(['"])([^'"\n]+)\1/gu,
];

/** Every import of a TypeScript source: `import`/`export ... from`, side-effect imports, `import()`. */
function importsOf(file: string, text: string): Import[] {
  const scanned = code(text);
  const found: Import[] = [];
  for (const pattern of IMPORTS) {
    for (const m of scanned.matchAll(pattern)) {
      const at = m.index + m[0].lastIndexOf(m[2]!);
      found.push({ file, line: scanned.slice(0, at).split('\n').length, specifier: m[2]! });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** The offending imports, as `file:line imports 'specifier' (why)`. */
function violations(imports: readonly Import[], rules: readonly Rule[] = RULES): string[] {
  const out: string[] = [];
  for (const i of imports) {
    if (!i.specifier.startsWith('.')) continue;
    // Relative to src/, with `.js` pointing at the `.ts` source.
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(i.file), i.specifier)).replace(/\.js$/u, '.ts');
    for (const rule of rules) {
      if (!i.file.startsWith(rule.from)) continue;
      const hit = (folders: readonly string[]) => folders.some((f) => (f.endsWith('/') ? target.startsWith(f) : target === f));
      const outside = target.startsWith('../') || (rule.onlyFrom !== undefined && !hit(rule.onlyFrom));
      if (hit(rule.forbidden) || outside) out.push(`src/${i.file}:${i.line} imports '${i.specifier}' (${rule.why})`);
    }
  }
  return out;
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
}

describe('layers: imports point down', () => {
  it('src/core and src/prefect import nothing above them; prefect no core; plan no apply; values nothing', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const texts = files.map((f) => [f, readFileSync(path.join(SRC, f), 'utf8')] as const);
    const imports = texts.flatMap(([f, text]) => importsOf(f, text));
    // The scanner misses none: as many relative imports as lines that end one or open an `import(`.
    const naive = texts.reduce((n, [, text]) => n + (text.match(/(?:\bfrom|^import) '\.[^'\n]*';$|\bimport\('\.[^'\n]*'\)/gmu)?.length ?? 0), 0);
    expect(imports.filter((i) => i.specifier.startsWith('.')).length).toBe(naive);
    const found = violations(imports);
    expect(found, `imports against the layers:\n${found.join('\n')}`).toEqual([]);
  });

  it('finds each kind of import and names the offending file:line', () => {
    const text = [
      "import { a } from '../../steps/index.js';",
      "import type { B } from '../apply/index.js';",
      '// import { c } from "../../cli/main.js";',
      "export { d } from '../../github/main.js';",
      'const e = await import(',
      "  '../../commands/plan.js');",
      "import { ok } from '../config/index.js';",
      "import { alsoOk } from '../../prefect/index.js';",
      "import 'node:fs';",
    ].join('\n');
    expect(violations(importsOf('core/plan/x.ts', text))).toEqual([
      "src/core/plan/x.ts:1 imports '../../steps/index.js' (the engine knows nothing of the steps' code or the doors (it runs steps through the StepRunner port))",
      "src/core/plan/x.ts:2 imports '../apply/index.js' (the plan stage comes before apply and the renderers)",
      "src/core/plan/x.ts:4 imports '../../github/main.js' (the engine knows nothing of the steps' code or the doors (it runs steps through the StepRunner port))",
      "src/core/plan/x.ts:6 imports '../../commands/plan.js' (the engine knows nothing of the steps' code or the doors (it runs steps through the StepRunner port))",
    ]);
    expect(violations(importsOf('prefect/x.ts', "import { f } from '../core/secrets.js';"))).toEqual([
      "src/prefect/x.ts:1 imports '../core/secrets.js' (the API client imports no core value)",
    ]);
    expect(violations(importsOf('core/values/x.ts', "import { g } from '../config/index.js';"))).toHaveLength(1);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the build's plugin is plain JavaScript, without declarations
import { builtinFilter, builtinsAsCommonJs } from '../scripts/builtins-as-commonjs.mjs';

const specifiers = builtinModules.map((n) => (n.startsWith('node:') ? n : `node:${n}`));
const identifier = /^[A-Za-z_$][\w$]*$/;

interface Seen {
  /** Export names of the module namespace the bundle got. */
  keys: string[];
  /** The first exported name, and whether the bundle's value is Node's own. */
  named?: string;
  same?: boolean;
}

// Every built-in, imported the ways the sources and their dependencies import them, bundled as
// scripts/build.mjs bundles (ESM, code splitting, the plugin), then run: each form must give what
// Node gives.
let dir: string;
let seen: Record<'static' | 'dynamic' | 'required' | 'native', Record<string, Seen>>;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'builtins-build-'));
  // As in the package: a .js file Node has to sniff for ESM starts as CommonJS (and gets process.mainModule).
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const firstExport = (s: string) => Object.keys(process.getBuiltinModule(s) ?? {}).find((k) => k !== 'default' && identifier.test(k));
  const report = (form: string, entries: string) => `const seen = {}; ${entries}\nprocess.stdout.write(JSON.stringify({ ${form}: seen }));\n`;
  const staticEntry = specifiers
    .map((s, i) => {
      const named = firstExport(s);
      return `import * as ns${i} from '${s}';${named ? ` import { ${named} as named${i} } from '${s}';` : ''}`;
    })
    .join('\n');
  const staticReport = specifiers
    .map((s, i) => {
      const named = firstExport(s);
      return `seen['${s}'] = { keys: Object.keys(ns${i})${named ? `, named: '${named}', same: named${i} === process.getBuiltinModule('${s}')['${named}']` : ''} };`;
    })
    .join('\n');
  writeFileSync(path.join(dir, 'static.mjs'), `${staticEntry}\n${report('static', staticReport)}`);
  const dynamicReport = specifiers
    .map((s) => {
      const named = firstExport(s);
      return `{ const m = await import('${s}'); seen['${s}'] = { keys: Object.keys(m)${named ? `, named: '${named}', same: m['${named}'] === process.getBuiltinModule('${s}')['${named}']` : ''} }; }`;
    })
    .join('\n');
  writeFileSync(path.join(dir, 'dynamic.mjs'), report('dynamic', dynamicReport));
  const requiredReport = specifiers
    .map((s) => `seen['${s}'] = { keys: Object.keys(require('${s}')), same: require('${s}') === process.getBuiltinModule('${s}') };`)
    .join('\n');
  writeFileSync(
    path.join(dir, 'required.cjs'),
    report('required', requiredReport).replace('process.stdout.write(JSON.stringify({ required: seen }))', 'module.exports = seen'),
  );
  // Node's own answer comes from a process like the bundle's: a test worker's `process` has more keys.
  const nativeReport = specifiers.map((s) => `seen['${s}'] = { keys: Object.keys(await import('${s}')) };`).join('\n');
  writeFileSync(path.join(dir, 'native.mjs'), report('native', nativeReport));
  writeFileSync(path.join(dir, 'required.mjs'), `import seen from './required.cjs';\nprocess.stdout.write(JSON.stringify({ required: seen }));\n`);
  await build({
    entryPoints: ['static.mjs', 'dynamic.mjs', 'required.mjs'].map((f) => path.join(dir, f)),
    outdir: path.join(dir, 'out'),
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    logLevel: 'silent',
    plugins: [builtinsAsCommonJs],
  });
  const run = (file: string) => JSON.parse(execFileSync(process.execPath, ['--no-warnings', path.join(dir, file)], { encoding: 'utf8' }));
  seen = { ...run('out/static.js'), ...run('out/dynamic.js'), ...run('out/required.js'), ...run('native.mjs') };
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the build's built-ins plugin", () => {
  it.each(specifiers)('%s: static, dynamic and require() imports give what Node gives', (specifier) => {
    const nativeKeys = seen.native[specifier]!.keys.sort();
    expect(seen.static[specifier]!.keys.sort(), 'import * as').toEqual(expect.arrayContaining(nativeKeys.filter((k) => k !== 'default')));
    expect(seen.dynamic[specifier]!.keys.sort(), 'await import()').toEqual(nativeKeys);
    for (const form of ['static', 'dynamic'] as const) expect(seen[form][specifier]!.same, `${form} named import`).not.toBe(false);
    expect(seen.required[specifier]!.same, 'require()').toBe(true);
  });

  it('takes a name Node lists only with the prefix as a built-in only with it', () => {
    expect(builtinFilter.test('node:test')).toBe(true);
    expect(builtinFilter.test('node:test/reporters')).toBe(true);
    expect(builtinFilter.test('test')).toBe(false);
    expect(builtinFilter.test('sqlite')).toBe(false);
    expect(builtinFilter.test('fs/promises')).toBe(true);
    expect(builtinFilter.test('node:fs/promises')).toBe(true);
    expect(builtinFilter.test('fs/promise')).toBe(false);
  });
});

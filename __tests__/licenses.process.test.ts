/**
 * dist/licenses.txt against what the bundle really holds: a fresh build (scripts/build.mjs into a
 * temporary directory) also writes esbuild's metafile, and every node_modules package among its
 * inputs must have a section with its licence in the licences file the same build wrote.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the build's helper is plain JavaScript, without declarations
import { bundledPackageDirs, collectLicences, renderLicences } from '../scripts/licenses.mjs';
// @ts-expect-error the build's helper is plain JavaScript, without declarations
import { unbundledPackages } from '../scripts/externals.mjs';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'licenses-'));
const out = path.join(scratch, 'dist');
let metafile: { inputs: Record<string, unknown>; outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }> };
let licences: string;

beforeAll(() => {
  const metafilePath = path.join(scratch, 'meta.json');
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    cwd: root,
    env: { ...process.env, DEPLOY_ACTION_OUTDIR: out, DEPLOY_ACTION_METAFILE: metafilePath },
    stdio: 'pipe',
  });
  metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as typeof metafile;
  licences = readFileSync(path.join(out, 'licenses.txt'), 'utf8');
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `name@version` of each bundled package, read from its package.json. */
function bundled(): string[] {
  return (bundledPackageDirs(metafile) as string[]).map((dir) => {
    const pkg = JSON.parse(readFileSync(path.resolve(root, dir, 'package.json'), 'utf8')) as { name: string; version: string };
    return `${pkg.name}@${pkg.version}`;
  });
}

/** The section of licenses.txt for `id`: from its heading to the next rule. */
function section(id: string): string | undefined {
  const at = licences.indexOf(`\n${id}\nLicense: `);
  if (at < 0) return undefined;
  const end = licences.indexOf(`\n${'-'.repeat(100)}\n`, at);
  return licences.slice(at, end < 0 ? undefined : end);
}

describe('dist/licenses.txt', () => {
  it('has a licence for every package the bundle holds', () => {
    const ids = [...new Set(bundled())];
    // The bundle holds the runtime libraries (a change here is a change in what dist/ ships).
    for (const lib of ['yaml', 'commander', 'ajv', '@actions/core', '@aws-sdk/client-s3', '@lezer/python']) expect(ids.some((id) => id.startsWith(`${lib}@`))).toBe(true);
    const missing = ids.filter((id) => section(id) === undefined);
    expect(missing, 'bundled packages without a section in licenses.txt').toEqual([]);
    for (const id of ids) {
      const text = section(id)!;
      // Either the package's own licence file, or a pointer to a standard text that is in the file.
      const standard = /the standard (\S+) text is at the end of this file/.exec(text);
      if (standard) expect(licences, `${id}: standard ${standard[1]} text`).toContain(`Standard text: ${standard[1]}\n`);
      else expect(text, `${id}: licence file text`).toMatch(/\n(LICEN[CS]E|COPYING|NOTICE)[^\n]*:\n\n[^\n]*\S/i);
    }
    expect(licences).toMatch(new RegExp(`^prefect-deploy bundles the following ${ids.length} packages`));
    // No paths of the machine that built it.
    expect(licences).not.toContain(root);
  });

  it('is part of the npm package', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('dist');
  });

  it('the build makes the CLI executable', () => {
    expect(statSync(path.join(out, 'cli.js')).mode & 0o777).toBe(0o755);
  });
});

describe('the bundle', () => {
  it('imports nothing from node_modules at run time (the npm package has no dependencies)', () => {
    expect(unbundledPackages(metafile)).toEqual([]);
    const externals = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(externals.length, 'the built-ins stay external').toBeGreaterThan(0);
  });

  it('a package left external is refused; built-ins and the optional kerberos are not', () => {
    const imports = ['node:fs', 'fs/promises', 'kerberos', 'left-pad', '@scope/pkg', 'left-pad'].map((p) => ({ path: p, kind: 'import-statement', external: true }));
    expect(unbundledPackages({ outputs: { 'dist/index.js': { imports } } })).toEqual(['@scope/pkg', 'left-pad']);
  });
});

describe('collectLicences', () => {
  const fixture = (name: string, pkg: Record<string, unknown>, files: Record<string, string> = {}) => {
    const dir = path.join(scratch, 'fixture', 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...pkg }));
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
    return `node_modules/${name}/index.js`;
  };
  const collect = (...inputs: string[]) =>
    collectLicences({ inputs: Object.fromEntries(inputs.map((i) => [i, {}])) }, { cwd: path.join(scratch, 'fixture'), root }) as { entries: unknown[] };

  it('refuses a bundled package whose licence it cannot state', () => {
    expect(() => collect(fixture('no-licence', {}))).toThrow(/no licence text for bundled package\(s\) no-licence@1\.0\.0 \(no licence field\)/);
    expect(() => collect(fixture('odd-licence', { license: 'WTFPL' }))).toThrow(/odd-licence@1\.0\.0 \(WTFPL\)/);
  });

  it("takes a package's own licence file, and the standard text for one that declares a known licence only", () => {
    const own = fixture('own-file', { license: 'ISC' }, { 'LICENSE.md': 'ISC licence of own-file\n' });
    const declared = fixture('declared-only', { license: 'MIT', author: { name: 'A. Author' } });
    const text = renderLicences(collect(own, declared), 'prefect-deploy') as string;
    expect(text).toContain('own-file@1.0.0\nLicense: ISC\n\nLICENSE.md:\n\nISC licence of own-file\n');
    expect(text).toContain('declared-only@1.0.0\nLicense: MIT\nAuthor: A. Author\nThe package ships no licence file; the standard MIT text is at the end of this file.');
    expect(text).toMatch(/Standard text: MIT\n\nPermission is hereby granted/);
    expect(text).not.toContain('Standard text: Apache-2.0');
  });
});

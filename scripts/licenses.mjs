// The licence texts of every package the bundle holds, for dist/licenses.txt: dist/ ships other
// people's code, and most of their licences (MIT, BSD, ISC, Apache-2.0) ask that their notice travel
// with it. A small script rather than a collector library: none is in node_modules, and the ones on
// npm (rollup-plugin-license, esbuild-plugin-license, license-checker) either hook a different
// bundler or walk the whole dependency tree, where only what esbuild actually bundled belongs here.
// The list of packages comes from esbuild's metafile (its inputs), so a package that is installed but
// tree-shaken away is not listed, and one pulled in by a new import is.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\b|[-._])/i;

// Used for a package that declares a licence in package.json but ships no licence file (a few do):
// the standard text of that licence, printed once at the end. Apache-2.0 is this repository's LICENSE.
const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;
const standardTexts = (root) => ({ MIT, 'Apache-2.0': readFileSync(path.join(root, 'LICENSE'), 'utf8') });

/** The directories of the node_modules packages among a metafile's inputs (paths as esbuild gives them). */
export function bundledPackageDirs(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    // The innermost node_modules/<name> or node_modules/@scope/<name>: a nested copy is its own package.
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const rest = input.slice(at + 'node_modules/'.length).split('/');
    const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    dirs.add(input.slice(0, at) + 'node_modules/' + name);
  }
  return [...dirs];
}

function declaredLicence(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return undefined;
}

function author(pkg) {
  const a = pkg.author;
  return typeof a === 'string' ? a : a?.name ? `${a.name}${a.email ? ` <${a.email}>` : ''}` : undefined;
}

/**
 * One entry per bundled package (name@version, declared licence, its licence files' text), sorted by
 * name. Throws, naming the packages, when one has neither a licence file nor a declared licence whose
 * standard text is known: the build must not ship code whose terms it cannot state.
 */
export function collectLicences(metafile, { cwd = process.cwd(), root = cwd } = {}) {
  const standard = standardTexts(root);
  const byId = new Map();
  for (const dir of bundledPackageDirs(metafile)) {
    const abs = path.resolve(cwd, dir);
    const pkg = JSON.parse(readFileSync(path.join(abs, 'package.json'), 'utf8'));
    const id = `${pkg.name}@${pkg.version}`;
    if (byId.has(id)) continue;
    const files = readdirSync(abs)
      .filter((f) => LICENCE_FILE.test(f) && existsSync(path.join(abs, f)))
      .sort()
      .map((f) => ({ file: f, text: readFileSync(path.join(abs, f), 'utf8') }));
    byId.set(id, { name: pkg.name, version: pkg.version, licence: declaredLicence(pkg), author: author(pkg), files });
  }
  const entries = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const unstated = entries.filter((e) => e.files.length === 0 && !(e.licence in standard));
  if (unstated.length) {
    throw new Error(
      `no licence text for bundled package(s) ${unstated.map((e) => `${e.name}@${e.version} (${e.licence ?? 'no licence field'})`).join(', ')}: add the standard text of that licence to scripts/licenses.mjs or stop bundling the package`,
    );
  }
  return { entries, standard };
}

/** dist/licenses.txt: a header, one section per package, then the standard texts the sections refer to. */
export function renderLicences({ entries, standard }, ownName) {
  const rule = '-'.repeat(100);
  const out = [`${ownName} bundles the following ${entries.length} packages into dist/. Their licences follow, each as the package ships it.`, ''];
  const referenced = new Set();
  for (const e of entries) {
    out.push(rule, `${e.name}@${e.version}`, `License: ${e.licence ?? '(not declared in package.json)'}`);
    if (e.author) out.push(`Author: ${e.author}`);
    if (e.files.length === 0) {
      referenced.add(e.licence);
      out.push(`The package ships no licence file; the standard ${e.licence} text is at the end of this file.`);
    }
    for (const f of e.files) out.push('', `${f.file}:`, '', f.text.replace(/^\s*\n/, '').trimEnd());
    out.push('');
  }
  for (const id of [...referenced].sort()) out.push(rule, `Standard text: ${id}`, '', standard[id].trimEnd(), '');
  return out.join('\n');
}

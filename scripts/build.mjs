// Bundles the two entry points users run: the action (dist/index.js) and the CLI (dist/cli.js).
// Code splitting puts what both share, and what is imported lazily (the cloud SDKs, loaded only
// when a step needs them), into dist/chunks/, so a cold start parses only what the run uses.
// Every runtime library is bundled: the npm package has no dependencies to install, and
// dist/licenses.txt carries the licences of what the bundle holds.
import { createHash } from 'node:crypto';
import { chmod, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { builtinsAsCommonJs } from './builtins-as-commonjs.mjs';
import { unbundledPackages } from './externals.mjs';
import { collectLicences, renderLicences } from './licenses.mjs';

// Identifies the code behind a cache kept between runs: flow analyses (src/core/flows/disk-cache.ts)
// and prefect.yaml values (src/core/config/yaml-cache.ts) are reused only by a build with the same
// sources for them and the same locked dependencies.
async function sourcesId(...paths) {
  const hash = createHash('sha256');
  for (const p of paths) {
    const files = p.endsWith('.ts') ? [p] : (await readdir(p)).sort().map((name) => `${p}/${name}`);
    for (const file of files) hash.update(file).update(await readFile(file));
  }
  hash.update(await readFile('package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

// The dist check builds into a scratch directory and compares it with the committed dist/.
const outdir = process.env.DEPLOY_ACTION_OUTDIR ?? 'dist';
await rm(`${outdir}/chunks`, { recursive: true, force: true });

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const { metafile } = await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  metafile: true,
  // Module paths as they appear under node_modules, not where a symlinked node_modules really lives:
  // the bundle's path comments (and chunk hashes) are then the same wherever the build runs (a git
  // worktree sharing node_modules, the release workflow's test), so the dist check compares like with like.
  preserveSymlinks: true,
  define: {
    __PREFECT_DEPLOY_VERSION__: JSON.stringify(pkg.version),
    __FLOW_ANALYZER__: JSON.stringify(await sourcesId('src/core/flows')),
    __YAML_READER__: JSON.stringify(await sourcesId('src/core/config/yaml.ts', 'src/core/config/yaml-cache.ts')),
  },
  logLevel: 'warning',
  plugins: [builtinsAsCommonJs],
  // cron-parser require()s luxon's CommonJS build; importing its ES build too would bundle (and load)
  // luxon twice, with two sets of settings.
  alias: { luxon: './node_modules/luxon/build/node/luxon.js' },
  // Some CommonJS dependencies call require() on Node built-ins; give each ESM file one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

const unbundled = unbundledPackages(metafile);
if (unbundled.length) throw new Error(`the bundle imports ${unbundled.join(', ')} from node_modules at run time; bundle it (scripts/build.mjs)`);

await writeFile(`${outdir}/licenses.txt`, renderLicences(collectLicences(metafile), pkg.name));
// For the licence test, which checks licenses.txt against what was bundled.
if (process.env.DEPLOY_ACTION_METAFILE) await writeFile(process.env.DEPLOY_ACTION_METAFILE, JSON.stringify(metafile));

// The bin must be executable in git too (npm sets the mode on install, a checkout of the action does not):
// writeFile's mode applies only to a new file, and esbuild has just written this one.
const cli = `${outdir}/cli.js`;
await writeFile(cli, `#!/usr/bin/env node\n${await readFile(cli, 'utf8')}`);
await chmod(cli, 0o755);

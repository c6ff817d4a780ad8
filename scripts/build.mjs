// Bundles the two entry points users run: the action (dist/index.js) and the CLI (dist/cli.js).
// Code splitting puts what both share, and what is imported lazily (the cloud SDKs, loaded only
// when a step needs them), into dist/chunks/, so a cold start parses only what the run uses.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

// Identifies the flow analyser in this build: analyses kept between runs (src/core/flows/disk-cache.ts)
// are reused only by a build with the same analyser sources and the same locked dependencies.
async function analyzerId() {
  const hash = createHash('sha256');
  const dir = 'src/core/flows';
  for (const name of (await readdir(dir)).sort()) hash.update(name).update(await readFile(`${dir}/${name}`));
  hash.update(await readFile('package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

// The dist check builds into a scratch directory and compares it with the committed dist/.
const outdir = process.env.DEPLOY_ACTION_OUTDIR ?? 'dist';
await rm(`${outdir}/chunks`, { recursive: true, force: true });

await build({
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
  define: { __FLOW_ANALYZER__: JSON.stringify(await analyzerId()) },
  logLevel: 'warning',
  // Some CommonJS dependencies call require() on Node built-ins; give each ESM file one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

const cli = `${outdir}/cli.js`;
await writeFile(cli, `#!/usr/bin/env node\n${await readFile(cli, 'utf8')}`, { mode: 0o755 });

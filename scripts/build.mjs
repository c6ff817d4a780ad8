// Bundles the two entry points users run: the action (dist/index.js) and the CLI (dist/cli.js).
import { build } from 'esbuild';

// The dist check builds into a scratch directory and compares it with the committed dist/.
const outdir = process.env.DEPLOY_ACTION_OUTDIR ?? 'dist';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some CommonJS dependencies call require() on Node built-ins; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

await build({ ...common, entryPoints: ['src/index.ts'], outfile: `${outdir}/index.js` });
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: `${outdir}/cli.js`,
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});

import { builtinModules } from 'node:module';

// Node's built-ins are taken as CommonJS modules (process.getBuiltinModule), not through ESM imports:
// for an ESM import Node builds a facade that reads every export, lazy getters included, and
// `node:http`'s getters load all of Node's bundled undici (fetch, WebSocket, HTTP/2, workers, zlib),
// at every start, for nothing this code uses. Through the CommonJS module an export is read where
// the code uses it.
//
// A dynamic import() is left to Node: with code splitting esbuild turns the imported CommonJS module
// into a chunk whose only export is `default`, so `const { createInterface } = await import(...)` got
// undefined. Node's own facade is what a dynamic import asks for (a namespace holding every export),
// and it is built only when that import runs.
//
// Subpath built-ins (fs/promises, readline/promises, stream/web, ...) are modules of their own, and
// the ones Node lists only with the prefix (node:test, node:sqlite, node:sea) are built-ins only
// with it: a bare `test` or `sqlite` is a package from node_modules.
const escape = (name) => name.replace(/[/]/g, '\\/');
const bare = builtinModules.filter((n) => !n.startsWith('node:'));
const prefixOnly = builtinModules.filter((n) => n.startsWith('node:')).map((n) => n.slice('node:'.length));
export const builtinFilter = new RegExp(`^(?:(?:node:)?(?:${bare.map(escape).join('|')})|node:(?:${[...bare, ...prefixOnly].map(escape).join('|')}))$`);

/** @type {import('esbuild').Plugin} */
export const builtinsAsCommonJs = {
  name: 'builtins-as-commonjs',
  setup(b) {
    b.onResolve({ filter: builtinFilter }, (args) => {
      const path = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
      if (args.kind === 'dynamic-import') return { path, external: true };
      return { path, namespace: 'node-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

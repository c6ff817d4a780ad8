// Nothing may be left for npm to install (the package has no dependencies): an import that esbuild
// left external must be a Node built-in, or a package the code loads only in a try, for an optional
// feature whose absence it reports.
import { builtinFilter } from './builtins-as-commonjs.mjs';

export const OPTIONAL_EXTERNALS = new Set([
  // Negotiate (Kerberos) proxy authentication in https-proxy-agent (proxy-agent-negotiate's optional peer); a native add-on.
  'kerberos',
]);

/** The packages a build's output would import from node_modules at run time, from its metafile. */
export function unbundledPackages(metafile) {
  const paths = Object.values(metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !builtinFilter.test(i.path) && !OPTIONAL_EXTERNALS.has(i.path))
    .map((i) => i.path);
  return [...new Set(paths)].sort();
}

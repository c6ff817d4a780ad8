import { enableCompileCache } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { cacheDirectory } from './core/util/cache-dir.js';

/**
 * Node's on-disk cache of compiled code (the bundle is ~2 MB of JavaScript; compiling it is about a
 * fifth of a cold start), kept with the other caches. Node keys it by file content and its own
 * version, so a new build or Node never reuses stale code. `NODE_COMPILE_CACHE` /
 * `NODE_DISABLE_COMPILE_CACHE` are Node's own and win; `DEPLOY_ACTION_CACHE=off` turns it off too.
 */
export function enableCodeCache(): void {
  if (process.env.NODE_COMPILE_CACHE !== undefined || process.env.NODE_DISABLE_COMPILE_CACHE !== undefined) return;
  const directory = cacheDirectory(process.env, 'node-compile-cache');
  if (directory === undefined) return;
  try {
    enableCompileCache(directory);
  } catch {
    // no cache: only slower
  }
}

/**
 * Keeps V8's young generation at its initial size for the rest of the process. A plan allocates
 * fast and much of it lives for a while (the YAML document being composed, one syntax tree per
 * flow file, the deployments built so far), and V8 answers that by doubling the young generation
 * up to its maximum (2 × 32 MiB), which stays resident: at 500 deployments that is most of the
 * difference between ~140 and ~210 MiB peak RSS, for no measurable gain in speed. The growth
 * factor is read at every resize, so unlike the size limits it can still be set at run time; it is
 * set here, by the entry points, because it is a process-wide setting, not the engine's to make.
 */
export function capYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

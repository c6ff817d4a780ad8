import { homedir } from 'node:os';
import path from 'node:path';

/** `$DEPLOY_ACTION_CACHE_DIR`, else `$RUNNER_TOOL_CACHE`, `$XDG_CACHE_HOME` or `~/.cache`, then `deploy-action`. */
export function cacheRoot(env: Record<string, string | undefined>): string {
  if (env['DEPLOY_ACTION_CACHE_DIR']) return path.resolve(env['DEPLOY_ACTION_CACHE_DIR']);
  const base =
    env['RUNNER_TOOL_CACHE'] ||
    env['XDG_CACHE_HOME'] ||
    (process.platform === 'win32' ? env['LOCALAPPDATA'] : undefined) ||
    path.join(env['HOME'] || homedir(), '.cache');
  return path.join(base, 'deploy-action');
}

/** Whether the caches are on: `DEPLOY_ACTION_CACHE` set to `off`, `false`, `0` or `no` turns them off. */
export function cachingEnabled(env: Record<string, string | undefined>): boolean {
  return !/^(off|false|0|no)$/i.test(env['DEPLOY_ACTION_CACHE']?.trim() ?? '');
}

/** A directory under `cacheRoot`, or undefined when `DEPLOY_ACTION_CACHE` turns the caches off. */
export function cacheDirectory(env: Record<string, string | undefined>, ...parts: string[]): string | undefined {
  return cachingEnabled(env) ? path.join(cacheRoot(env), ...parts) : undefined;
}

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/core/util/cache-dir.ts
import { homedir } from "node:os";
import path from "node:path";
function cacheRoot(env) {
  if (env["DEPLOY_ACTION_CACHE_DIR"]) return path.resolve(env["DEPLOY_ACTION_CACHE_DIR"]);
  const base = env["RUNNER_TOOL_CACHE"] || env["XDG_CACHE_HOME"] || (process.platform === "win32" ? env["LOCALAPPDATA"] : void 0) || path.join(env["HOME"] || homedir(), ".cache");
  return path.join(base, "deploy-action");
}
function cachingEnabled(env) {
  return !/^(off|false|0|no)$/i.test(env["DEPLOY_ACTION_CACHE"]?.trim() ?? "");
}

export {
  cacheRoot,
  cachingEnabled
};

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_os
} from "./chunk-M3NCQJAU.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/core/util/cache-dir.ts
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path = __toESM(require_node_path(), 1);
function cacheRoot(env) {
  if (env["DEPLOY_ACTION_CACHE_DIR"]) return import_node_path.default.resolve(env["DEPLOY_ACTION_CACHE_DIR"]);
  const base = env["RUNNER_TOOL_CACHE"] || env["XDG_CACHE_HOME"] || (process.platform === "win32" ? env["LOCALAPPDATA"] : void 0) || import_node_path.default.join(env["HOME"] || (0, import_node_os.homedir)(), ".cache");
  return import_node_path.default.join(base, "deploy-action");
}
function cachingEnabled(env) {
  return !/^(off|false|0|no)$/i.test(env["DEPLOY_ACTION_CACHE"]?.trim() ?? "");
}
function cacheDirectory(env, ...parts) {
  return cachingEnabled(env) ? import_node_path.default.join(cacheRoot(env), ...parts) : void 0;
}

export {
  cacheRoot,
  cacheDirectory
};

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_v8
} from "./chunk-RWVIAWYL.js";
import {
  cacheDirectory
} from "./chunk-NYGW7KUL.js";
import {
  __commonJS,
  __toESM
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:module
var require_node_module = __commonJS({
  "node-builtin:node:module"(exports, module) {
    module.exports = process.getBuiltinModule("node:module");
  }
});

// src/runtime.ts
var import_node_module = __toESM(require_node_module(), 1);
var import_node_v8 = __toESM(require_node_v8(), 1);
function enableCodeCache() {
  if (process.env.NODE_COMPILE_CACHE !== void 0 || process.env.NODE_DISABLE_COMPILE_CACHE !== void 0) return;
  const directory = cacheDirectory(process.env, "node-compile-cache");
  if (directory === void 0) return;
  try {
    (0, import_node_module.enableCompileCache)(directory);
  } catch {
  }
}
function capYoungGeneration() {
  (0, import_node_v8.setFlagsFromString)("--semi-space-growth-factor=1");
}

export {
  enableCodeCache,
  capYoungGeneration
};

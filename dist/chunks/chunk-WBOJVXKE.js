import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  cacheRoot,
  cachingEnabled
} from "./chunk-G6O7J7YI.js";

// src/runtime.ts
import { enableCompileCache } from "node:module";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
function enableCodeCache() {
  if (process.env.NODE_COMPILE_CACHE !== void 0 || process.env.NODE_DISABLE_COMPILE_CACHE !== void 0) return;
  if (!cachingEnabled(process.env)) return;
  try {
    enableCompileCache(path.join(cacheRoot(process.env), "node-compile-cache"));
  } catch {
  }
}
function capYoungGeneration() {
  setFlagsFromString("--semi-space-growth-factor=1");
}

export {
  enableCodeCache,
  capYoungGeneration
};

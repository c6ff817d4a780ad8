import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  capYoungGeneration,
  enableCodeCache
} from "./chunks/chunk-WBOJVXKE.js";
import "./chunks/chunk-G6O7J7YI.js";
import "./chunks/chunk-6DG7BXTN.js";

// src/index.ts
enableCodeCache();
var { run } = await import("./chunks/main-4XA3FTCU.js");
capYoungGeneration();
await run();

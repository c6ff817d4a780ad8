import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  capYoungGeneration,
  enableCodeCache
} from "./chunks/chunk-MULTXHAA.js";
import "./chunks/chunk-RWVIAWYL.js";
import "./chunks/chunk-NYGW7KUL.js";
import "./chunks/chunk-CNOKWGXO.js";
import "./chunks/chunk-M3NCQJAU.js";
import "./chunks/chunk-6DG7BXTN.js";

// src/index.ts
enableCodeCache();
var { run } = await import("./chunks/main-4QHDITV6.js");
capYoungGeneration();
await run();

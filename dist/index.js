import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  capYoungGeneration,
  enableCodeCache
} from "./chunks/chunk-E6BIM5J2.js";
import "./chunks/chunk-RWVIAWYL.js";
import "./chunks/chunk-ZVII7INZ.js";
import "./chunks/chunk-CNOKWGXO.js";
import "./chunks/chunk-M3NCQJAU.js";
import "./chunks/chunk-6DG7BXTN.js";

// src/index.ts
enableCodeCache();
var { run } = await import("./chunks/main-6YYX42PB.js");
capYoungGeneration();
await run();

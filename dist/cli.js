#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  capYoungGeneration,
  enableCodeCache
} from "./chunks/chunk-WBOJVXKE.js";
import "./chunks/chunk-G6O7J7YI.js";
import "./chunks/chunk-6DG7BXTN.js";

// src/cli.ts
enableCodeCache();
var { main } = await import("./chunks/main-V5NNA3SU.js");
capYoungGeneration();
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  capYoungGeneration,
  enableCodeCache
} from "./chunks/chunk-EMUEA3ND.js";
import "./chunks/chunk-RWVIAWYL.js";
import "./chunks/chunk-5THHZ7RW.js";
import "./chunks/chunk-M3NCQJAU.js";
import "./chunks/chunk-CNOKWGXO.js";
import "./chunks/chunk-6DG7BXTN.js";

// src/cli.ts
enableCodeCache();
var { main } = await import("./chunks/main-CEYR2F6P.js");
capYoungGeneration();
process.exitCode = await main(process.argv.slice(2));

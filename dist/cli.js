#!/usr/bin/env node
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

// src/cli.ts
enableCodeCache();
var [{ main }, { exitWhenReaderCloses }] = await Promise.all([import("./chunks/main-QTMMTOI6.js"), import("./chunks/output-AIOGJATV.js")]);
exitWhenReaderCloses();
capYoungGeneration();
process.exitCode = await main(process.argv.slice(2));

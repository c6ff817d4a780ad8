import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  additionalTagsOf,
  backendOf,
  buildDockerImage
} from "./chunk-KD4JRAGD.js";
import "./chunk-SAXWIZ63.js";
import "./chunk-ECGGTBPU.js";
import "./chunk-RTJXVYK5.js";
import "./chunk-BMVZJWL4.js";
import "./chunk-GS4BJVOX.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-6DG7BXTN.js";
export {
  additionalTagsOf,
  backendOf,
  buildDockerImage
};

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  additionalTagsOf,
  backendOf,
  buildDockerImage
} from "./chunk-IGFZNFAM.js";
import "./chunk-NUYQ2SQL.js";
import "./chunk-2K4VIQGD.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-QNA2ZJDC.js";
import "./chunk-BMVZJWL4.js";
import "./chunk-ECGGTBPU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-6DG7BXTN.js";
export {
  additionalTagsOf,
  backendOf,
  buildDockerImage
};

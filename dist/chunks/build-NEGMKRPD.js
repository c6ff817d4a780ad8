import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  additionalTagsOf,
  backendOf,
  buildDockerImage
} from "./chunk-6W2ZWDBK.js";
import "./chunk-EHI5DEDC.js";
import "./chunk-VUQXFYTI.js";
import "./chunk-EJMWXAMN.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-XUEV4OKW.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-N4OCQ3N2.js";
import "./chunk-6YASQSJ3.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-6DG7BXTN.js";
export {
  additionalTagsOf,
  backendOf,
  buildDockerImage
};

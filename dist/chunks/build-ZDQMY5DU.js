import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  additionalTagsOf,
  backendOf,
  buildDockerImage
} from "./chunk-2C27I6FY.js";
import "./chunk-5BY6HLOH.js";
import "./chunk-RTJXVYK5.js";
import "./chunk-46W2O75K.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-VIVA5UV4.js";
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

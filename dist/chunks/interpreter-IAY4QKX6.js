import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  PYTHON_ENV_VAR,
  customStepNeed,
  findPython
} from "./chunk-46W2O75K.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-VIVA5UV4.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-6DG7BXTN.js";
export {
  PYTHON_ENV_VAR,
  customStepNeed,
  findPython
};

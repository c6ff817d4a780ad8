import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  PYTHON_ENV_VAR,
  customStepNeed,
  findPython
} from "./chunk-GQTBA2SO.js";
import "./chunk-6DG7BXTN.js";
export {
  PYTHON_ENV_VAR,
  customStepNeed,
  findPython
};

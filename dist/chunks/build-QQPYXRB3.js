import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  additionalTagsOf,
  backendOf,
  buildDockerImage
} from "./chunk-ULDMKHSL.js";
import "./chunk-RDS7F722.js";
import "./chunk-GQTBA2SO.js";
import "./chunk-6DG7BXTN.js";
export {
  additionalTagsOf,
  backendOf,
  buildDockerImage
};

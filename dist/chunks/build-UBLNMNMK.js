import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  additionalTagsOf,
  backendOf,
  buildDockerImage
} from "./chunk-6KMYFYCD.js";
import "./chunk-VCKOQZII.js";
import "./chunk-6HDYK2S3.js";
import "./chunk-SHELWIPA.js";
import "./chunk-6DG7BXTN.js";
export {
  additionalTagsOf,
  backendOf,
  buildDockerImage
};

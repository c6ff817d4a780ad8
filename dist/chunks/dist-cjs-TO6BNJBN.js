import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-WGCMFPZ2.js";
import "./chunk-CG3YFMIS.js";
import "./chunk-6DG7BXTN.js";
export default require_dist_cjs();

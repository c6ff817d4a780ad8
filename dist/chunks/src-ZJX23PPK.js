import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_src
} from "./chunk-6S7YKE4O.js";
import "./chunk-GHKZUAHR.js";
import "./chunk-6DG7BXTN.js";
export default require_src();

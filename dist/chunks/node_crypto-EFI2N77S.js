import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_crypto
} from "./chunk-BMVZJWL4.js";
import "./chunk-6DG7BXTN.js";
export default require_node_crypto();

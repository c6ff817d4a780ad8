import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_http
} from "./chunk-ECGGTBPU.js";
import "./chunk-6DG7BXTN.js";
export default require_node_http();

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_async_hooks
} from "./chunk-OH57X5ZA.js";
import "./chunk-6DG7BXTN.js";
export default require_node_async_hooks();

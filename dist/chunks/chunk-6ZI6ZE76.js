import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:buffer
var require_node_buffer = __commonJS({
  "node-builtin:node:buffer"(exports, module) {
    module.exports = process.getBuiltinModule("node:buffer");
  }
});

export {
  require_node_buffer
};

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:process
var require_node_process = __commonJS({
  "node-builtin:node:process"(exports, module) {
    module.exports = process.getBuiltinModule("node:process");
  }
});

export {
  require_node_process
};

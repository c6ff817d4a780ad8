import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:v8
var require_node_v8 = __commonJS({
  "node-builtin:node:v8"(exports, module) {
    module.exports = process.getBuiltinModule("node:v8");
  }
});

export {
  require_node_v8
};

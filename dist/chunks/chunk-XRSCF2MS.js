import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:zlib
var require_node_zlib = __commonJS({
  "node-builtin:node:zlib"(exports, module) {
    module.exports = process.getBuiltinModule("node:zlib");
  }
});

export {
  require_node_zlib
};

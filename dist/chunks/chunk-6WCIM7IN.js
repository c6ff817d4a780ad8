import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:http2
var require_node_http2 = __commonJS({
  "node-builtin:node:http2"(exports, module) {
    module.exports = process.getBuiltinModule("node:http2");
  }
});

export {
  require_node_http2
};

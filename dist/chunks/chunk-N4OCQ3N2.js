import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:http
var require_node_http = __commonJS({
  "node-builtin:node:http"(exports, module) {
    module.exports = process.getBuiltinModule("node:http");
  }
});

export {
  require_node_http
};

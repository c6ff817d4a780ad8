import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:https
var require_node_https = __commonJS({
  "node-builtin:node:https"(exports, module) {
    module.exports = process.getBuiltinModule("node:https");
  }
});

export {
  require_node_https
};

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:async_hooks
var require_node_async_hooks = __commonJS({
  "node-builtin:node:async_hooks"(exports, module) {
    module.exports = process.getBuiltinModule("node:async_hooks");
  }
});

export {
  require_node_async_hooks
};

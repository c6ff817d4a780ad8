import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:tls
var require_node_tls = __commonJS({
  "node-builtin:node:tls"(exports, module) {
    module.exports = process.getBuiltinModule("node:tls");
  }
});

// node-builtin:node:assert
var require_node_assert = __commonJS({
  "node-builtin:node:assert"(exports, module) {
    module.exports = process.getBuiltinModule("node:assert");
  }
});

export {
  require_node_tls,
  require_node_assert
};

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:net
var require_node_net = __commonJS({
  "node-builtin:node:net"(exports, module) {
    module.exports = process.getBuiltinModule("node:net");
  }
});

export {
  require_node_net
};

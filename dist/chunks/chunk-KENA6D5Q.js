import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:querystring
var require_node_querystring = __commonJS({
  "node-builtin:node:querystring"(exports, module) {
    module.exports = process.getBuiltinModule("node:querystring");
  }
});

export {
  require_node_querystring
};

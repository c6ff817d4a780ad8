import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:readline/promises
var require_promises = __commonJS({
  "node-builtin:node:readline/promises"(exports, module) {
    module.exports = process.getBuiltinModule("node:readline/promises");
  }
});
export default require_promises();

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:fs/promises
var require_promises = __commonJS({
  "node-builtin:node:fs/promises"(exports, module) {
    module.exports = process.getBuiltinModule("node:fs/promises");
  }
});

export {
  require_promises
};

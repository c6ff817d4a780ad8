import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  compileJobVariablesJudge,
  compileLikePython,
  isUnknown,
  jsonPointer,
  judgeFor,
  preprocessSchema,
  removeRequired,
  replaceAt
} from "./chunk-BTVK5CNS.js";
import "./chunk-MK4RGKAP.js";
import "./chunk-RTJXVYK5.js";
import "./chunk-P53V7XJ3.js";
import "./chunk-RWVIAWYL.js";
import "./chunk-NYGW7KUL.js";
import "./chunk-VHMKHZJ2.js";
import "./chunk-VIVA5UV4.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-6YASQSJ3.js";
import "./chunk-6ZI6ZE76.js";
import "./chunk-3VU2WZMP.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-6DG7BXTN.js";
export {
  compileJobVariablesJudge,
  compileLikePython,
  isUnknown,
  jsonPointer,
  judgeFor,
  preprocessSchema,
  removeRequired,
  replaceAt
};

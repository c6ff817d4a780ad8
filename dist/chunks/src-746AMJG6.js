import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_src
} from "./chunk-SA2R7MUW.js";
import "./chunk-KENA6D5Q.js";
import "./chunk-TP4J55TN.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-BV3FTZC3.js";
import "./chunk-QNA2ZJDC.js";
import "./chunk-NBB35J4E.js";
import "./chunk-6YASQSJ3.js";
import "./chunk-6ZI6ZE76.js";
import "./chunk-3VU2WZMP.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-WXAGQYOS.js";
import "./chunk-6DG7BXTN.js";
export default require_src();

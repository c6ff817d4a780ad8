import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-M7O4IIDL.js";
import "./chunk-6WCIM7IN.js";
import "./chunk-MWJ5XIQO.js";
import "./chunk-XRSCF2MS.js";
import "./chunk-WXAGQYOS.js";
import "./chunk-QNA2ZJDC.js";
import "./chunk-NBB35J4E.js";
import "./chunk-ECGGTBPU.js";
import "./chunk-P53V7XJ3.js";
import "./chunk-3VU2WZMP.js";
import "./chunk-BMVZJWL4.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-6DG7BXTN.js";
export default require_dist_cjs();

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-PWC6UYVM.js";
import "./chunk-6WCIM7IN.js";
import "./chunk-D5CT5O3T.js";
import "./chunk-P53V7XJ3.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-XRSCF2MS.js";
import "./chunk-N4OCQ3N2.js";
import "./chunk-QNA2ZJDC.js";
import "./chunk-NBB35J4E.js";
import "./chunk-6YASQSJ3.js";
import "./chunk-3VU2WZMP.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-WXAGQYOS.js";
import "./chunk-6DG7BXTN.js";
export default require_dist_cjs();

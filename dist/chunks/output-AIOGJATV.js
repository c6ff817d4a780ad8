import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DOTENV_MAX_BYTES,
  DOTENV_MAX_VARIABLES,
  EXIT_CLOSED_PIPE,
  dotenvList,
  dotenvText,
  dotenvValue,
  exitWhenReaderCloses,
  fitDotenv,
  style,
  useColor,
  writeFileAtomic
} from "./chunk-ZOBKSN73.js";
import "./chunk-KS4GSOAB.js";
import "./chunk-JDZ5Z23Z.js";
import "./chunk-5BY6HLOH.js";
import "./chunk-XUNU3GOX.js";
import "./chunk-FIONPFPF.js";
import "./chunk-MK4RGKAP.js";
import "./chunk-RTJXVYK5.js";
import "./chunk-P53V7XJ3.js";
import "./chunk-RWVIAWYL.js";
import "./chunk-NYGW7KUL.js";
import "./chunk-VHMKHZJ2.js";
import "./chunk-4AHN6RY2.js";
import "./chunk-VIVA5UV4.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-N4OCQ3N2.js";
import "./chunk-NBB35J4E.js";
import "./chunk-6YASQSJ3.js";
import "./chunk-6ZI6ZE76.js";
import "./chunk-3VU2WZMP.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import "./chunk-6DG7BXTN.js";
export {
  DOTENV_MAX_BYTES,
  DOTENV_MAX_VARIABLES,
  EXIT_CLOSED_PIPE,
  dotenvList,
  dotenvText,
  dotenvValue,
  exitWhenReaderCloses,
  fitDotenv,
  style,
  useColor,
  writeFileAtomic
};

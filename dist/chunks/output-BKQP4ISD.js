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
} from "./chunk-XKEBIP4J.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-6YASQSJ3.js";
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

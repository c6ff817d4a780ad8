import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  plainText
} from "./chunk-KS4GSOAB.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_util
} from "./chunk-NBB35J4E.js";
import {
  require_node_crypto
} from "./chunk-6YASQSJ3.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/cli/output.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var import_node_util = __toESM(require_node_util(), 1);
function writeFileAtomic(file, text) {
  const dir = import_node_path.default.dirname(file);
  (0, import_node_fs.mkdirSync)(dir, { recursive: true });
  const temp = import_node_path.default.join(dir, `.${import_node_path.default.basename(file)}.${process.pid}.${(0, import_node_crypto.randomBytes)(4).toString("hex")}.tmp`);
  try {
    (0, import_node_fs.writeFileSync)(temp, text);
    (0, import_node_fs.renameSync)(temp, file);
  } catch (e) {
    (0, import_node_fs.rmSync)(temp, { force: true });
    throw e;
  }
}
var DOTENV_MAX_BYTES = 5 * 1024;
var DOTENV_MAX_VARIABLES = 20;
function dotenvValue(value) {
  return value.replace(/\r\n|\r|\n/g, "\\n").trim();
}
function dotenvText(variables) {
  if (variables.length > DOTENV_MAX_VARIABLES) throw new Error(`a dotenv report holds at most ${DOTENV_MAX_VARIABLES} variables (got ${variables.length})`);
  const lines = variables.map(([name, value]) => {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`"${name}" is not a dotenv variable name (letters, digits and _ only)`);
    return `${name}=${dotenvValue(value)}`;
  });
  return lines.length ? `${lines.join("\n")}
` : "";
}
function dotenvList(items, room) {
  const full = items.join(",");
  if (Buffer.byteLength(full) <= room) return full;
  const kept = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const more = `+${items.length - i - 1} more`;
    const item = Buffer.byteLength(items[i]) + 1;
    if (used + item + Buffer.byteLength(more) > room) break;
    kept.push(items[i]);
    used += item;
  }
  return [...kept, `+${items.length - kept.length} more`].join(",");
}
function fitDotenv(scalars, lists) {
  const fixed = scalars.reduce((n, [k, v]) => n + Buffer.byteLength(`${k}=${dotenvValue(v)}
`), 0);
  const overhead = lists.reduce((n, [k]) => n + k.length + 2, 0);
  let budget = DOTENV_MAX_BYTES - 1 - fixed - overhead;
  let truncated = false;
  const sized = [...lists].sort((a, b) => Buffer.byteLength(a[1].join(",")) - Buffer.byteLength(b[1].join(",")));
  const values = /* @__PURE__ */ new Map();
  sized.forEach(([name, items], i) => {
    const share = Math.floor(budget / (sized.length - i));
    const clean = items.map(dotenvValue);
    const value = dotenvList(clean, Math.max(0, share));
    if (value !== clean.join(",")) truncated = true;
    values.set(name, value);
    budget -= Buffer.byteLength(value);
  });
  return { variables: [...scalars, ...lists.map(([name]) => [name, values.get(name)])], truncated };
}
function useColor({ noColorFlag, env, isTTY }) {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== void 0 && force !== "") return !/^(0|false)$/i.test(force);
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "") return false;
  return isTTY && env.TERM !== "dumb";
}
var styled = (format) => (s) => (0, import_node_util.styleText)(format, s, { validateStream: false });
var plain = (s) => s;
var TONES = { add: "green", remove: "red", change: "yellow", muted: "dim", heading: "bold" };
function style(color) {
  if (!color) return { red: plain, green: plain, yellow: plain, dim: plain, bold: plain, paint: plainText };
  return {
    red: styled("red"),
    green: styled("green"),
    yellow: styled("yellow"),
    dim: styled("dim"),
    bold: styled("bold"),
    paint: (tone, text) => styled(TONES[tone])(text)
  };
}
var EXIT_CLOSED_PIPE = 141;
function exitWhenReaderCloses(streams = [process.stdout, process.stderr]) {
  for (const stream of streams) {
    stream.on("error", (error) => {
      if (error.code === "EPIPE") process.exit(EXIT_CLOSED_PIPE);
      throw error;
    });
  }
}

export {
  writeFileAtomic,
  DOTENV_MAX_BYTES,
  DOTENV_MAX_VARIABLES,
  dotenvValue,
  dotenvText,
  dotenvList,
  fitDotenv,
  useColor,
  style,
  EXIT_CLOSED_PIPE,
  exitWhenReaderCloses
};

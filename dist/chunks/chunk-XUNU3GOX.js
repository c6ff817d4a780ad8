import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/core/flows/errors.ts
var FlowAnalysisError = class extends Error {
  file;
  line;
  column;
  /** The message without the position prefix. */
  detail;
  constructor(detail, where = {}) {
    super(formatWhere(where) + detail);
    this.name = "FlowAnalysisError";
    this.detail = detail;
    if (where.file !== void 0) this.file = where.file;
    if (where.line !== void 0) this.line = where.line;
    if (where.column !== void 0) this.column = where.column;
  }
};
function formatWhere(where) {
  if (where.file === void 0) return "";
  let s = where.file;
  if (where.line !== void 0) {
    s += `:${where.line}`;
    if (where.column !== void 0) s += `:${where.column}`;
  }
  return `${s}: `;
}

// src/core/flows/local-modules.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);
function resolveLocalModule(cwd, name, fromFile, level, exists = import_node_fs.existsSync) {
  for (const candidate of candidates(cwd, name, fromFile, level)) {
    if (exists(candidate) && import_node_path.default.resolve(candidate) !== import_node_path.default.resolve(cwd, fromFile)) {
      return import_node_path.default.relative(cwd, candidate).split(import_node_path.default.sep).join("/");
    }
  }
  return null;
}
function localModuleCandidates(cwd, name, fromFile, level) {
  return candidates(cwd, name, fromFile, level).map((c) => import_node_path.default.relative(cwd, c).split(import_node_path.default.sep).join("/"));
}
function candidates(cwd, name, fromFile, level) {
  const parts = name ? name.split(".") : [];
  const bases = [];
  if (level > 0) {
    let dir = import_node_path.default.dirname(import_node_path.default.resolve(cwd, fromFile));
    for (let i = 1; i < level; i++) dir = import_node_path.default.dirname(dir);
    bases.push(dir);
  } else {
    bases.push(import_node_path.default.dirname(import_node_path.default.resolve(cwd, fromFile)), cwd);
  }
  const out = [];
  for (const base of bases) {
    const p = import_node_path.default.join(base, ...parts);
    for (const candidate of [`${p}.py`, import_node_path.default.join(p, "__init__.py")]) {
      if (parts.length === 0 && candidate.endsWith(".py") && !candidate.endsWith("__init__.py")) continue;
      out.push(candidate);
    }
  }
  return out;
}

export {
  FlowAnalysisError,
  resolveLocalModule,
  localModuleCandidates
};

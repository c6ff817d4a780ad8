import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunk-FIONPFPF.js";
import {
  compileLikePython,
  isUnknown,
  removeRequired,
  require__
} from "./chunk-BTVK5CNS.js";
import "./chunk-MK4RGKAP.js";
import "./chunk-RTJXVYK5.js";
import "./chunk-P53V7XJ3.js";
import "./chunk-RWVIAWYL.js";
import "./chunk-NYGW7KUL.js";
import "./chunk-VHMKHZJ2.js";
import {
  isMapping,
  pythonRepr
} from "./chunk-VIVA5UV4.js";
import "./chunk-CNOKWGXO.js";
import "./chunk-6YASQSJ3.js";
import "./chunk-6ZI6ZE76.js";
import "./chunk-3VU2WZMP.js";
import "./chunk-M3NCQJAU.js";
import "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/core/plan/parameters-judge.ts
var import__ = __toESM(require__(), 1);
var judges = /* @__PURE__ */ new WeakMap();
var byShape = /* @__PURE__ */ new Map();
var MAX_SHAPES = 512;
function judgeParameters(parameters, schema) {
  let judge = judges.get(schema);
  if (!judge) {
    const shape = validationShape(schema);
    judge = shape === void 0 ? void 0 : byShape.get(shape);
    if (!judge) {
      judge = compileJudge(schema);
      if (shape !== void 0) {
        if (byShape.size >= MAX_SHAPES) byShape.clear();
        byShape.set(shape, judge);
      }
    }
    judges.set(schema, judge);
  }
  const sent = JSON.parse(JSON.stringify(parameters));
  const verdict = judge.verdict(sent);
  if (verdict === "unknown" || Array.isArray(verdict) && verdict.length === 0) return [];
  if ("whole" in verdict) return [{ path: [], message: `the server cannot validate parameters against the flow's schema (${verdict.whole})` }];
  const order = Object.keys(parameters);
  const rank = (p) => typeof p.path[0] === "string" ? order.indexOf(p.path[0]) : -1;
  return explain(parameters, sent, judge.explain(), verdict).sort((a, b) => rank(a) - rank(b));
}
var ANNOTATIONS = /* @__PURE__ */ new Set(["title", "description", "default", "examples", "$comment", "deprecated", "readOnly", "writeOnly", "position"]);
var ONE_SCHEMA = /* @__PURE__ */ new Set([
  "additionalProperties",
  "propertyNames",
  "items",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems"
]);
var SCHEMA_LISTS = /* @__PURE__ */ new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);
var SCHEMA_MAPS = /* @__PURE__ */ new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
function validationShape(schema) {
  let exact = true;
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isMapping(node)) return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key)) continue;
      if (key === "$ref" && (typeof value !== "string" || !/^#\/(\$defs|definitions)\/[^/~]+$/.test(value))) exact = false;
      if (ONE_SCHEMA.has(key) || SCHEMA_LISTS.has(key)) out[key] = Array.isArray(value) ? value.map(strip) : strip(value);
      else if (SCHEMA_MAPS.has(key) && isMapping(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strip(sub)]));
      else out[key] = value;
    }
    return out;
  };
  try {
    const shape = JSON.stringify(strip(schema));
    return exact ? shape : JSON.stringify(schema);
  } catch {
    return void 0;
  }
}
function compileJudge(schema) {
  const stripped = removeRequired(schema);
  let validate;
  try {
    validate = compileLikePython(stripped, false);
  } catch (e) {
    if (!isUnknown(e)) throw e;
  }
  let plain = null;
  return {
    verdict: (parameters) => validate ? validate(parameters) : "unknown",
    explain: () => {
      if (plain === null) {
        try {
          plain = new import__.Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false, validateFormats: false }).compile(stripped);
        } catch {
          plain = void 0;
        }
      }
      return plain;
    }
  };
}
function explain(parameters, sent, plain, verdict) {
  let errors = verdict;
  if (plain && !plain(sent) && plain.errors?.length) errors = plain.errors;
  const byParameter = /* @__PURE__ */ new Map();
  for (const e of errors) {
    const name = pointerSegments(e.instancePath)[0] ?? "";
    byParameter.set(name, [...byParameter.get(name) ?? [], e]);
  }
  const problems = [];
  for (const [name, found] of byParameter) {
    const depth = Math.max(...found.map((e) => pointerSegments(e.instancePath).length));
    const deepest = found.filter((e) => pointerSegments(e.instancePath).length === depth);
    const segments = pointerSegments(deepest[0].instancePath);
    const path = typedPath(parameters, segments);
    const value = valueAt(parameters, path);
    const where = name === "" ? "parameters" : `parameter "${label(path)}"`;
    problems.push({ path, message: `${where}: ${describe(value, deepest)}` });
  }
  return problems;
}
var COMBINATORS = /* @__PURE__ */ new Set(["anyOf", "oneOf", "allOf", "if", "then", "else", "$ref"]);
function describe(value, errors) {
  const shown = pythonRepr(value);
  const own = errors.filter((e) => !COMBINATORS.has(e.keyword));
  const pick = own.length > 0 ? own : errors;
  const types = [...new Set(pick.filter((e) => e.keyword === "type").flatMap((e) => [e.params.type].flat()))];
  if (pick.every((e) => e.keyword === "type")) {
    return `${shown} is not of type ${types.join(" or ")}`;
  }
  const first = pick.find((e) => e.keyword !== "type") ?? pick[0];
  switch (first.keyword) {
    case "enum":
      return `${shown} is not one of ${first.params.allowedValues.map((v) => typeof v === "string" ? v : pythonRepr(v)).join(", ")}`;
    case "const":
      return `${shown} is not ${pythonRepr(first.params.allowedValue)}`;
    case "additionalProperties":
      return `unexpected key ${pythonRepr(first.params.additionalProperty)} (the schema allows no other keys)`;
    case "type":
      return `${shown} is not of type ${[first.params.type].flat().join(" or ")}`;
    case "anyOf":
    case "oneOf":
      return `${shown} is not valid under any of the given schemas`;
    default:
      return `${shown} ${first.message ?? "is not valid"}`;
  }
}
function pointerSegments(pointer) {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}
function typedPath(document, segments) {
  const path = [];
  let node = document;
  for (const s of segments) {
    const key = Array.isArray(node) ? Number(s) : s;
    path.push(key);
    node = Array.isArray(node) ? node[key] : isMapping(node) ? node[s] : void 0;
  }
  return path;
}
function valueAt(document, path) {
  let node = document;
  for (const k of path) node = Array.isArray(node) ? node[k] : isMapping(node) ? node[k] : void 0;
  return node;
}
function label(path) {
  return path.reduce((acc, p, i) => typeof p === "number" ? `${acc}[${p}]` : i === 0 ? p : `${acc}.${p}`, "");
}
export {
  judgeParameters,
  validationShape
};

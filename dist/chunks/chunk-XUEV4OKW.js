import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/core/templating/values.ts
var PythonFloat = class {
  constructor(value) {
    this.value = value;
  }
  value;
  /**
   * Written as Python's `json.dumps` writes the float (`1.0`, `1e+16`), so the server stores a float
   * where the reference's request has one; non-finite values become null as in pydantic's JSON mode.
   */
  toJSON() {
    return Number.isFinite(this.value) ? rawJSON(this.toString()) : null;
  }
  /** Python's `repr()` of an integral or non-finite float. */
  toString() {
    const x = this.value;
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    if (!Number.isInteger(x)) return String(x);
    if (Math.abs(x) >= 1e16) return x.toExponential();
    return `${Object.is(x, -0) ? "-" : ""}${BigInt(x).toString()}.0`;
  }
  valueOf() {
    return this.value;
  }
};
var rawJSON = JSON.rawJSON;
var TemplateError = class extends Error {
  placeholder;
  constructor(message, placeholder) {
    super(message);
    this.name = "TemplateError";
    this.placeholder = placeholder;
  }
};
function isMapping(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || value === globalThis.process?.env;
}
function isTruthy(value) {
  if (value === null || value === void 0 || value === false) return false;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "bigint") return value !== 0n;
  if (typeof value === "string") return value.length > 0;
  if (value instanceof PythonFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return true;
}
function deepCopy(value) {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item));
  if (value instanceof Date) return new Date(value.getTime());
  if (isMapping(value)) {
    const copy = {};
    for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
    return copy;
  }
  return value;
}
function pythonTypeName(value) {
  if (value === null || value === void 0) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  if (value instanceof PythonFloat) return "float";
  if (Array.isArray(value)) return "list";
  if (value instanceof Date) return "datetime";
  if (isMapping(value)) return "dict";
  if (typeof value === "object" && value !== null && "isDateOnly" in value) return value.isDateOnly ? "date" : "datetime";
  if (typeof value === "object" && value !== null) return value.constructor?.name ?? "object";
  return typeof value;
}

export {
  PythonFloat,
  TemplateError,
  isMapping,
  isTruthy,
  deepCopy,
  pythonTypeName
};

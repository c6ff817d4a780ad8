import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  PythonFloat,
  deepCopy,
  isMapping,
  isTruthy,
  pythonStr,
  pythonStringRepr,
  pythonTypeName
} from "./chunk-VIVA5UV4.js";

// src/core/templating/get-from-dict.ts
function keyPath(name) {
  return name.replaceAll("[", ".").replaceAll("]", "").split(".");
}
var PY_INT = new RegExp("^-?\\p{Nd}+(?:_\\p{Nd}+)*$", "u");
var DECIMAL_DIGIT = new RegExp("\\p{Nd}", "u");
function pythonInt(key) {
  if (!PY_INT.test(key)) return void 0;
  let digits = "";
  for (const ch of key.replaceAll("_", "")) digits += ch === "-" ? "-" : String(decimalDigitValue(ch));
  return Number(digits);
}
function decimalDigitValue(ch) {
  const cp = ch.codePointAt(0) ?? 0;
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}
function index(items, key) {
  const i = pythonInt(key);
  if (i === void 0) return { found: false };
  const at = i < 0 ? items.length + i : i;
  if (!Number.isSafeInteger(at) || at < 0 || at >= items.length) return { found: false };
  return { found: true, value: items[at] };
}
function getFromDict(dct, keys, fallback) {
  const path = typeof keys === "string" ? keyPath(keys) : keys;
  let value = dct;
  for (const key of path) {
    if (isMapping(value)) {
      if (!Object.hasOwn(value, key)) return fallback;
      value = value[key];
    } else if (Array.isArray(value)) {
      const hit = index(value, key);
      if (!hit.found) return fallback;
      value = hit.value;
    } else if (typeof value === "string") {
      const hit = index(Array.from(value), key);
      if (!hit.found) return fallback;
      value = hit.value;
    } else {
      return fallback;
    }
  }
  return value;
}

// src/core/templating/errors.ts
var TemplateError = class extends Error {
  placeholder;
  constructor(message, placeholder) {
    super(message);
    this.name = "TemplateError";
    this.placeholder = placeholder;
  }
};

// src/core/templating/placeholders.ts
var BLOCK_DOCUMENT_PLACEHOLDER_PREFIX = "prefect.blocks.";
var VARIABLE_PLACEHOLDER_PREFIX = "prefect.variables.";
var ENV_VAR_PLACEHOLDER_PREFIX = "$";
var PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
var PY_WORD = "\\p{L}\\p{N}_";
var PLACEHOLDER_SOURCE = `(\\{\\{[${PY_SPACE}]*([${PY_WORD}.\\-\\[\\]$]+)[${PY_SPACE}]*\\}\\})`;
function placeholderRegExp() {
  return new RegExp(PLACEHOLDER_SOURCE, "gu");
}
function placeholderKind(name) {
  if (name.startsWith(BLOCK_DOCUMENT_PLACEHOLDER_PREFIX)) return "block_document";
  if (name.startsWith(VARIABLE_PLACEHOLDER_PREFIX)) return "variable";
  if (name.startsWith(ENV_VAR_PLACEHOLDER_PREFIX)) return "env_var";
  return "standard";
}
function placeholdersInString(text) {
  if (!text.includes("{{")) return [];
  const seen = /* @__PURE__ */ new Set();
  const found = [];
  for (const match of text.matchAll(placeholderRegExp())) {
    const fullMatch = match[1] ?? "";
    const name = match[2] ?? "";
    if (seen.has(fullMatch)) continue;
    seen.add(fullMatch);
    found.push({ fullMatch, name, kind: placeholderKind(name) });
  }
  return found;
}
function isWholeStringPlaceholder(text, placeholders, kind) {
  const only = placeholders.length === 1 ? placeholders[0] : void 0;
  return only !== void 0 && only.fullMatch === text && only.kind === kind;
}

// src/core/templating/apply-values.ts
var NOTSET = /* @__PURE__ */ Symbol("NOTSET");
function missingPlaceholderMessage(placeholder) {
  return `Value for placeholder ${pythonStringRepr(placeholder)} not found in provided values. Please ensure that the placeholder is spelled correctly and that the corresponding value is provided.`;
}
function applyValues(template, values, options = {}) {
  const removeNotset = options.removeNotset ?? true;
  const env = options.env ?? process.env;
  const warn = (placeholder) => {
    if (options.warnOnNotset) options.onMissing?.(placeholder, missingPlaceholderMessage(placeholder));
  };
  const apply = (tmpl) => {
    if (tmpl === NOTSET || tmpl === null || tmpl === void 0) return tmpl;
    if (typeof tmpl === "number" || typeof tmpl === "boolean" || typeof tmpl === "bigint" || tmpl instanceof PythonFloat) {
      return tmpl;
    }
    if (typeof tmpl === "string") return applyToString(tmpl);
    if (Array.isArray(tmpl)) {
      const out = [];
      for (const item of tmpl) {
        const updated = apply(item);
        if (updated !== NOTSET) out.push(updated);
        else if (!removeNotset) out.push(item);
      }
      return out;
    }
    if (isMapping(tmpl)) {
      const out = {};
      for (const [key, item] of Object.entries(tmpl)) {
        const updated = apply(item);
        if (updated !== NOTSET) out[key] = updated;
        else if (!removeNotset) out[key] = item;
      }
      return out;
    }
    throw new TemplateError(`Unexpected template type '${pythonTypeName(tmpl)}'`);
  };
  const applyToString = (tmpl) => {
    let placeholders = placeholdersInString(tmpl);
    if (placeholders.length === 0) return tmpl;
    const skip = options.skipPrefixes;
    if (skip && skip.length > 0) {
      placeholders = placeholders.filter((p) => !skip.some((prefix) => p.name.startsWith(prefix)));
      if (placeholders.length === 0) return tmpl;
    }
    const [only] = placeholders;
    if (only && isWholeStringPlaceholder(tmpl, placeholders, "standard")) {
      const value = getFromDict(values, only.name, NOTSET);
      if (value === NOTSET) warn(only.name);
      return value;
    }
    const replacements = /* @__PURE__ */ new Map();
    for (const p of placeholders) {
      let value;
      if (p.kind === "standard") {
        value = getFromDict(values, p.name, NOTSET);
      } else if (p.kind === "env_var") {
        const name = stripLeading(p.name, ENV_VAR_PLACEHOLDER_PREFIX);
        value = Object.hasOwn(env, name) && env[name] !== void 0 ? env[name] : NOTSET;
      } else {
        continue;
      }
      if (value === NOTSET) {
        warn(p.fullMatch);
        if (removeNotset) replacements.set(p.fullMatch, "");
      } else {
        replacements.set(p.fullMatch, pythonStr(value));
      }
    }
    return tmpl.replace(placeholderRegExp(), (_match, full) => replacements.get(full) ?? full);
  };
  return apply(template);
}
function stripLeading(text, ch) {
  let i = 0;
  while (text.startsWith(ch, i)) i += ch.length;
  return text.slice(i);
}

// src/core/templating/block-documents.ts
function parseBlockPlaceholderName(name) {
  const rest = name.replaceAll(BLOCK_DOCUMENT_PLACEHOLDER_PREFIX, "");
  const first = rest.indexOf(".");
  if (first < 0) {
    throw new TemplateError(`Invalid block placeholder format: '${name}'. Expected format: prefect.blocks.<block-type-slug>.<block-document-name>`, name);
  }
  const second = rest.indexOf(".", first + 1);
  return {
    blockTypeSlug: rest.slice(0, first),
    blockDocumentName: second < 0 ? rest.slice(first + 1) : rest.slice(first + 1, second),
    keypath: second < 0 ? void 0 : rest.slice(second + 1)
  };
}
function keypathPointsAtValue(keypath) {
  return keypath !== void 0 && (keypath === "value" || keypath.startsWith("value.") || keypath.startsWith("value["));
}
function touchesSecret(data, keypath, secretFields) {
  if (secretFields.length === 0) return false;
  const fieldPath = [];
  let value = data;
  for (const key of keypath) {
    const listLike = Array.isArray(value) || typeof value === "string";
    if (!listLike) fieldPath.push(key);
    value = getFromDict(value, [key], void 0);
  }
  return secretFields.some((field) => {
    const secret = field.split(".");
    const n = Math.min(secret.length, fieldPath.length);
    for (let i = 0; i < n; i++) if (secret[i] !== "*" && secret[i] !== fieldPath[i]) return false;
    return true;
  });
}
function safeToKeep(value) {
  if (!isTruthy(value)) return false;
  const braces = (v) => typeof v === "string" ? v.includes("{{") || v.includes("}}") : Array.isArray(v) ? v.some(braces) : isMapping(v) ? Object.values(v).some(braces) : false;
  return !braces(value);
}
async function resolveBlockDocumentReferences(template, source, onUnresolved = () => {
}, keepSecrets) {
  const byName = /* @__PURE__ */ new Map();
  const byId = /* @__PURE__ */ new Map();
  const readByName = async (slug, name, placeholder) => {
    const key = JSON.stringify([slug, name]);
    let result = byName.get(key);
    if (!result) {
      result = await source.readByName(slug, name);
      byName.set(key, result);
    }
    if (result.status === "missing") {
      throw new TemplateError(`Block not found: '${name}' of type '${slug}' (referenced by ${placeholder}). Create the block or fix the placeholder.`, placeholder);
    }
    return result.status === "found" ? result : void 0;
  };
  const readById = async (id) => {
    let result = byId.get(id);
    if (!result) {
      result = await source.readById(id);
      byId.set(id, result);
    }
    if (result.status === "missing") {
      throw new TemplateError(`Block not found: ID '${id}' (referenced by a $ref). Create the block or fix the reference.`);
    }
    return result.status === "found" ? result.value : void 0;
  };
  const resolvePlaceholder = async (placeholder, tmpl) => {
    const { blockTypeSlug, blockDocumentName, keypath } = parseBlockPlaceholderName(placeholder.name);
    const lookup = await readByName(blockTypeSlug, blockDocumentName, placeholder.fullMatch);
    if (lookup?.status !== "found") {
      onUnresolved({ kind: "block_document", placeholder: placeholder.fullMatch, blockTypeSlug, blockDocumentName });
      return { found: false };
    }
    const document = lookup.value;
    let data = document;
    const keys = Object.keys(document);
    const unwrapped = keys.length === 1 && keys[0] === "value" && !keypathPointsAtValue(keypath);
    if (unwrapped) data = document["value"];
    let value = data;
    if (keypath !== void 0) {
      value = getFromDict(data, keypath, NOTSET);
      if (value === NOTSET) {
        throw new TemplateError(
          `Invalid template: ${pythonStringRepr(tmpl)}. Could not resolve the keypath '${keypath}' of ${placeholder.fullMatch} in the data of block '${blockDocumentName}' of type '${blockTypeSlug}'.`,
          placeholder.fullMatch
        );
      }
    }
    const documentKeypath = [...unwrapped ? ["value"] : [], ...keypath === void 0 ? [] : keyPath(keypath)];
    const secret = touchesSecret(document, documentKeypath, lookup.secretFields ?? []);
    return { found: true, value: deepCopy(value), secret };
  };
  const kept = (placeholder, resolved, path) => {
    if (!resolved.found || !resolved.secret || !keepSecrets?.at(path) || !safeToKeep(resolved.value)) return false;
    keepSecrets.onKept(placeholder.fullMatch, resolved.value);
    return true;
  };
  const resolve = async (tmpl, path) => {
    if (isMapping(tmpl)) {
      if (Object.hasOwn(tmpl, "$ref")) {
        const ref = tmpl["$ref"];
        if (!isMapping(ref)) {
          throw new TemplateError(`Invalid $ref: expected a mapping with a block_document_id, got ${pythonTypeName(ref)}`);
        }
        const id = ref["block_document_id"];
        if (isTruthy(id)) {
          const blockDocumentId = pythonStr(id);
          const data = await readById(blockDocumentId);
          if (data === void 0) {
            onUnresolved({ kind: "block_document_ref", blockDocumentId });
            return tmpl;
          }
          return deepCopy(data);
        }
      }
      const out = {};
      for (const [key, value] of Object.entries(tmpl)) out[key] = await resolve(value, [...path, key]);
      return out;
    }
    if (Array.isArray(tmpl)) {
      const out = [];
      for (const [i, item] of tmpl.entries()) out.push(await resolve(item, [...path, i]));
      return out;
    }
    if (typeof tmpl !== "string") return tmpl;
    const placeholders = placeholdersInString(tmpl);
    if (!placeholders.some((p) => p.kind === "block_document")) return tmpl;
    const [only] = placeholders;
    if (only && isWholeStringPlaceholder(tmpl, placeholders, "block_document")) {
      const resolved = await resolvePlaceholder(only, tmpl);
      if (kept(only, resolved, path)) return tmpl;
      return resolved.found ? resolved.value : tmpl;
    }
    let result = tmpl;
    for (const placeholder of placeholders) {
      if (placeholder.kind !== "block_document") continue;
      const resolved = await resolvePlaceholder(placeholder, tmpl);
      if (!resolved.found) continue;
      if (Array.isArray(resolved.value) || isMapping(resolved.value)) {
        throw new TemplateError(
          `Invalid template: ${pythonStringRepr(tmpl)}. Block placeholder ${pythonStringRepr(placeholder.fullMatch)} resolved to a ${pythonTypeName(resolved.value)}, which cannot be used for inline string substitution. Resolve a scalar attribute instead (e.g., '.value' or '.url').`,
          placeholder.fullMatch
        );
      }
      if (kept(placeholder, resolved, path)) continue;
      result = result.replaceAll(placeholder.fullMatch, pythonStr(resolved.value));
    }
    return result;
  };
  return resolve(template, []);
}

// src/core/templating/sources.ts
var UNRESOLVED = { status: "unresolved" };
function offlineSources() {
  return {
    blocks: {
      readByName: () => Promise.resolve(UNRESOLVED),
      readById: () => Promise.resolve(UNRESOLVED)
    },
    variables: { read: () => Promise.resolve(UNRESOLVED) }
  };
}
var UnresolvedReferences = class {
  byKey = /* @__PURE__ */ new Map();
  add = (reference) => {
    const key = JSON.stringify(reference);
    if (!this.byKey.has(key)) this.byKey.set(key, reference);
  };
  list() {
    return [...this.byKey.values()];
  }
};

// src/core/templating/variables.ts
function variableName(placeholderName) {
  return placeholderName.replaceAll(VARIABLE_PLACEHOLDER_PREFIX, "");
}
async function resolveVariables(template, source, onUnresolved = () => {
}) {
  const cache = /* @__PURE__ */ new Map();
  const read = async (name) => {
    let result = cache.get(name);
    if (!result) {
      result = await source.read(name);
      cache.set(name, result);
    }
    return result;
  };
  const resolve = async (tmpl) => {
    if (typeof tmpl === "string") {
      const placeholders = placeholdersInString(tmpl);
      if (!placeholders.some((p) => p.kind === "variable")) return tmpl;
      const [only] = placeholders;
      if (only && isWholeStringPlaceholder(tmpl, placeholders, "variable")) {
        const name = variableName(only.name);
        const result = await read(name);
        if (result.status === "unresolved") {
          onUnresolved({ kind: "variable", placeholder: only.fullMatch, variableName: name });
          return tmpl;
        }
        return result.status === "found" ? result.value : "";
      }
      let out = tmpl;
      for (const p of placeholders) {
        if (p.kind !== "variable") continue;
        const name = variableName(p.name);
        const result = await read(name);
        if (result.status === "unresolved") {
          onUnresolved({ kind: "variable", placeholder: p.fullMatch, variableName: name });
          continue;
        }
        out = out.replaceAll(p.fullMatch, result.status === "found" ? pythonStr(result.value) : "");
      }
      return out;
    }
    if (Array.isArray(tmpl)) {
      const out = [];
      for (const item of tmpl) out.push(await resolve(item));
      return out;
    }
    if (isMapping(tmpl)) {
      const out = {};
      for (const [key, value] of Object.entries(tmpl)) out[key] = await resolve(value);
      return out;
    }
    return tmpl;
  };
  return resolve(template);
}

// src/core/templating/passes.ts
async function resolveBeforeSteps(config, ctx, keepSecrets) {
  const unresolved = new UnresolvedReferences();
  let value = await resolveBlockDocumentReferences(config, ctx.blocks, unresolved.add, keepSecrets);
  value = await resolveVariables(value, ctx.variables, unresolved.add);
  value = applyValues(value, ctx.env, { removeNotset: false, env: ctx.env });
  return { value, unresolved: unresolved.list() };
}
function templateSchedules(schedules, stepOutputs, ctx) {
  if (schedules === null || schedules === void 0) return schedules;
  return applyValues(schedules, stepOutputs, { env: ctx.env });
}
var SET_ASIDE_IN_A10 = ["parameter_openapi_schema", "schedules", "triggers"];
function templateDeploymentWithStepOutputs(config, stepOutputs, ctx) {
  const rest = { ...config };
  const setAside = {};
  for (const key of SET_ASIDE_IN_A10) {
    if (Object.hasOwn(rest, key)) {
      setAside[key] = rest[key];
      delete rest[key];
    }
  }
  const templated = applyValues(rest, stepOutputs, {
    removeNotset: true,
    warnOnNotset: true,
    onMissing: ctx.onMissing,
    skipPrefixes: ["ctx."],
    env: ctx.env
  });
  return { ...templated, ...setAside };
}
function templateTriggers(triggerSpecs, stepOutputs, ctx) {
  return triggerSpecs.map((spec) => {
    if (!isMapping(spec)) return applyValues(spec, stepOutputs, { env: ctx.env });
    const { parameters, ...rest } = spec;
    const templated = applyValues(rest, stepOutputs, { env: ctx.env });
    if (parameters !== null && parameters !== void 0) templated["parameters"] = parameters;
    return templated;
  });
}
function templatePullSteps(pullSteps, stepOutputs, ctx) {
  return applyValues(pullSteps, stepOutputs, { removeNotset: false, env: ctx.env });
}
async function templateStepInputs(inputs, upstreamOutputs, ctx) {
  const keywords = {};
  const rest = {};
  for (const [key, value2] of Object.entries(inputs)) {
    if (key === "id" || key === "requires") keywords[key] = value2;
    else rest[key] = value2;
  }
  const unresolved = new UnresolvedReferences();
  let value = applyValues(rest, upstreamOutputs, { env: ctx.env });
  value = await resolveBlockDocumentReferences(value, ctx.blocks, unresolved.add);
  value = await resolveVariables(value, ctx.variables, unresolved.add);
  value = applyValues(value, ctx.env, { env: ctx.env });
  return { value, keywords, unresolved: unresolved.list() };
}
function mergeStepOutputs(outputs, stepId, result) {
  if (!isMapping(result)) return outputs;
  const merged = { ...outputs };
  if (isTruthy(stepId)) merged[String(stepId)] = result;
  Object.assign(merged, result);
  return merged;
}

// src/core/secrets.ts
var REDACTED = "***";
var SECRET_KEY = /(^|_)(secret|password|passwd|pwd|token|api_?key|private_?key|access_?key|secret_?key|client_?secret|connection_?string|credentials?|sas)$/;
var MIN_LENGTH = 6;
var SECRET_ENV = /* @__PURE__ */ new Set(["PREFECT_API_AUTH_STRING"]);
var NOT_SECRET_ENV = /* @__PURE__ */ new Set(["PWD", "OLDPWD"]);
function isSecretName(name) {
  if (NOT_SECRET_ENV.has(name)) return false;
  return SECRET_ENV.has(name) || SECRET_KEY.test(snakeCase(name));
}
var Secrets = class {
  /** `mask` hears each new secret value as it is found (the action hands it to the runner's log masking); the CLI has none. */
  constructor(mask = () => void 0) {
    this.mask = mask;
  }
  mask;
  values = /* @__PURE__ */ new Set();
  pattern;
  /** Masks a value from now on; each line of a multi-line value is masked too (the runner masks per line). */
  add(value) {
    if (typeof value === "number" || typeof value === "bigint") value = String(value);
    if (typeof value !== "string") return;
    const parts = [value, ...value.split(/\r?\n/), JSON.stringify(value).slice(1, -1)];
    for (const part of parts) {
      const v = part.trim();
      if (v.length < MIN_LENGTH || this.values.has(v)) continue;
      this.values.add(v);
      this.pattern = void 0;
      this.mask(v);
    }
  }
  /** The API key, the auth string and every environment variable with a credential-like name. */
  addEnvironment(env) {
    for (const [name, value] of Object.entries(env)) if (isSecretName(name)) this.add(value);
    const auth = env.PREFECT_API_AUTH_STRING;
    if (auth) this.add(Buffer.from(auth, "utf8").toString("base64"));
  }
  /** Every secret value in `text` replaced by `***`. */
  redactText(text) {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.values].sort((a, b) => b.length - a.length).map((part) => RegExp.escape(part)).join("|"),
      "g"
    );
    return text.replace(this.pattern, REDACTED);
  }
  /**
   * A copy of `value` with secrets redacted in every string, and the string values of
   * credential-named keys blanked unless they are still a `{{ placeholder }}`. Objects that are not
   * plain data (functions, class instances) are kept as they are.
   */
  redactValue(value) {
    return this.walk(value, void 0);
  }
  walk(value, key) {
    if (typeof value === "string") {
      if (key !== void 0 && value !== "" && !value.includes("{{") && SECRET_KEY.test(snakeCase(key))) return REDACTED;
      return this.redactText(value);
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v, void 0));
    if (value !== null && typeof value === "object" && isPlain(value)) {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, k);
      return out;
    }
    return value;
  }
  /**
   * Client hooks that learn the secret fields of every block document read (the schema's
   * `secret_fields`, and the whole value of a Secret block) and the value of every variable whose
   * name is a credential's (`db_password`), so templating never holds a secret the log would print
   * in clear. Given to the client when it is made (`new PrefectClient({ hooks })`).
   */
  clientHooks() {
    return {
      onBlockDocument: (document) => void this.collect(document),
      onVariable: (variable) => {
        if (isSecretName(variable.name)) for (const v of leaves(variable.value)) this.add(v);
      }
    };
  }
  /** The block-document hook of `clientHooks`, on a client made without it (a stand-in with the same reads). */
  watchBlockDocuments(client) {
    const byName = client.readBlockDocumentByName.bind(client);
    const byId = client.readBlockDocument.bind(client);
    client.readBlockDocumentByName = async (slug, name) => this.collect(await byName(slug, name));
    client.readBlockDocument = async (id) => this.collect(await byId(id));
  }
  /** The variable hook of `clientHooks`, on a client made without it. */
  watchVariables(client) {
    const read = client.readVariableByName.bind(client);
    const { onVariable } = this.clientHooks();
    client.readVariableByName = async (name) => {
      const variable = await read(name);
      if (variable) onVariable({ ...variable, name });
      return variable;
    };
  }
  collect(document) {
    if (!document?.data) return document;
    for (const p of blockSecretFields(document)) for (const v of leavesAt(document.data, p.split("."))) this.add(v);
    return document;
  }
};
function untrustedEnvironment(env, allow, onRead) {
  const shown = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === void 0) continue;
    if (allow.has(name)) shown[name] = value;
    else
      Object.defineProperty(shown, name, {
        enumerable: true,
        get: () => {
          onRead(value);
          return `(from $${name})`;
        }
      });
  }
  return shown;
}
function blockSecretFields(document) {
  const fields = document.block_schema?.fields;
  const paths = Array.isArray(fields?.secret_fields) ? fields.secret_fields.filter((p) => typeof p === "string") : [];
  if (document.block_type?.slug === "secret" && !paths.includes("value")) paths.push("value");
  return paths;
}
function leavesAt(data, path) {
  if (path.length === 0) return leaves(data);
  if (data === null || typeof data !== "object") return [];
  const [head, ...rest] = path;
  const record = data;
  const next = head === "*" ? Object.values(record) : head !== void 0 && head in record ? [record[head]] : [];
  return next.flatMap((v) => leavesAt(v, rest));
}
function leaves(value) {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [value];
}
function isPlain(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function snakeCase(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_").toLowerCase();
}

// src/core/templating/prefect-sources.ts
function memo(load) {
  const cache = /* @__PURE__ */ new Map();
  return (key) => {
    let pending = cache.get(key);
    if (!pending) {
      pending = load(key);
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  };
}
function foundDocument(document) {
  return document?.data === void 0 ? { status: "missing" } : { status: "found", value: document.data, secretFields: blockSecretFields(document) };
}
function prefectTemplateSources(client) {
  const byName = memo(async (key) => {
    const [slug, name] = JSON.parse(key);
    return foundDocument(await client.readBlockDocumentByName(slug, name));
  });
  const byId = memo(async (id) => foundDocument(await client.readBlockDocument(id)));
  const poolSchemas = memo(async (name) => {
    const variables2 = (await client.readWorkPool(name))?.base_job_template?.variables;
    return variables2 !== null && typeof variables2 === "object" ? { status: "found", value: variables2 } : { status: "missing" };
  });
  const variables = memo(async (name) => {
    const variable = await client.readVariableByName(name);
    return variable === void 0 ? { status: "missing" } : { status: "found", value: variable.value };
  });
  return {
    blocks: {
      readByName: (slug, name) => byName(JSON.stringify([slug, name])),
      readById: (id) => byId(id)
    },
    variables: { read: (name) => variables(name) },
    workPools: { readJobVariablesSchema: (name) => poolSchemas(name) }
  };
}

export {
  keyPath,
  getFromDict,
  TemplateError,
  placeholdersInString,
  isWholeStringPlaceholder,
  applyValues,
  offlineSources,
  resolveBeforeSteps,
  templateSchedules,
  templateDeploymentWithStepOutputs,
  templateTriggers,
  templatePullSteps,
  templateStepInputs,
  mergeStepOutputs,
  Secrets,
  untrustedEnvironment,
  prefectTemplateSources
};

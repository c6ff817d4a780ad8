/**
 * How a Prefect 3.9.1 server judges a deployment's job variables against its work pool's
 * `base_job_template.variables`, reproduced with ajv's JSON Schema 2020-12 validator. Loaded only
 * when a plan keeps a secret reference in job variables (see secret-job-variables.ts).
 *
 * The server has two judges, and a deployment meets both over its life:
 * - create (`POST /deployments/`, 422; `prefect.server.api.validation._validate_work_pool_job_variables`):
 *   the raw schema must pass the 2020-12 meta-schema; the pool's defaults (each one kept only if it
 *   validates alone against the raw schema, formats checked) are merged under the job variables;
 *   the schema is preprocessed with `allow_none_with_default=True`, every `required` key inside
 *   objects (not inside lists) is removed, and `jsonschema.validate` runs without a format checker.
 * - update (`PATCH /deployments/{id}` naming the pool, 409; `DeploymentUpdate.check_valid_configuration`):
 *   no meta-schema check and no defaults; preprocessed with `allow_none_with_default=False`,
 *   `required` removed the same way, and the format checker on.
 * Preprocessing (`prefect.utilities.schema_tools.validation.preprocess_schema`) rewrites typed,
 * non-required properties (recursively through `properties`, and those of `definitions`) to
 * `anyOf: [{type}, {type: null}]` — replacing any `anyOf` already there — moves pydantic v1 tuple
 * `items` lists to `prefixItems`, and lets a block type's definition (keyed by its title) also be a
 * `{"$ref": …}` object. `$ref`s resolve within the document only, lazily: an unresolvable one fails
 * the request only where the validator reaches it.
 *
 * Where this cannot say exactly what the server does (a regular expression whose Python and
 * JavaScript meanings may differ for the text at hand, the `regex` format, non-ASCII host names,
 * a schema ajv cannot compile) it answers "unknown", which callers treat as "not accepted".
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isMapping, type Mapping } from '../config/index.js';

type Path = readonly (string | number)[];

/** One reason the server rejects a document: where (a JSON pointer into the job variables) and which rule. */
export interface Finding {
  at: string;
  key: string;
}

/** One of the server's two judges. */
export interface ServerCheck {
  /** Why the server rejects these job variables (empty: accepted), or 'unknown'. */
  findings(jobVariables: unknown): Finding[] | 'unknown';
}

export interface JobVariablesJudge {
  create: ServerCheck;
  update: ServerCheck;
  /**
   * Whether the text at `path` of `jobVariables` is accepted there, by both judges.
   *
   * With the rest of the document valid, that is exactly "the server accepts the document". When
   * the rest is itself invalid the server rejects any value, so the question becomes whether the
   * text adds a rejection of its own: no finding may lie at or below `path` (the text does not fit
   * its own place), and every other finding must also arise with `resolved` there instead (what the
   * reference would send), so a text that breaks a rule elsewhere (a `oneOf` above it, `uniqueItems`,
   * a `dependentSchemas` it triggers) is not kept either. A text kept beside an invalid rest changes
   * nothing about the outcome (the request fails either way) and keeps the secret out of the
   * server's error message. Both judges, because a reference kept on create meets the update of
   * the next deploy.
   */
  accepts(jobVariables: unknown, path: Path, resolved: unknown): boolean;
}

/** The server itself fails (HTTP 500) on this schema: Python raises outside validation. */
class ServerFails extends Error {}
/** A `$ref` the server cannot resolve was reached (prefect's ValidationError: 422 / 409). */
class Unresolvable extends Error {}
/** Beyond what this judge reproduces exactly. */
class Unknown extends Error {}

const judges = new WeakMap<object, JobVariablesJudge>();

/** The judge of a pool's variables schema, compiled once per schema object (a run reads each pool once). */
export function judgeFor(schema: Record<string, unknown>): JobVariablesJudge {
  let judge = judges.get(schema);
  if (!judge) {
    judge = compileJobVariablesJudge(schema);
    judges.set(schema, judge);
  }
  return judge;
}

export function compileJobVariablesJudge(schema: Record<string, unknown>): JobVariablesJudge {
  const create = lazyCheck(() => createCheck(schema));
  const update = lazyCheck(() => updateCheck(schema));
  return {
    create,
    update,
    accepts: (jobVariables, path, resolved) => acceptedBy(create, jobVariables, path, resolved) && acceptedBy(update, jobVariables, path, resolved),
  };
}

function acceptedBy(check: ServerCheck, jobVariables: unknown, path: Path, resolved: unknown): boolean {
  const found = check.findings(jobVariables);
  if (found === 'unknown') return false;
  if (found.length === 0) return true;
  const here = jsonPointer(path);
  if (found.some((f) => f.at === here || f.at.startsWith(`${here}/`))) return false;
  const baseline = check.findings(replaceAt(jobVariables, path, resolved));
  if (baseline === 'unknown') return false;
  const keys = new Set(baseline.map((f) => f.key));
  return found.every((f) => keys.has(f.key));
}

function lazyCheck(build: () => ServerCheck): ServerCheck {
  let check: ServerCheck | undefined;
  return { findings: (jobVariables) => (check ??= build()).findings(jobVariables) };
}

// Findings that concern the whole request, not a place in it.
const whole = (reason: string): Finding[] => [{ at: '', key: `!${reason}` }];
const NOT_AN_OBJECT = whole('job_variables is not an object');
const SERVER_FAILS = whole('server error');
const UNKNOWN: ServerCheck = { findings: () => 'unknown' };

function createCheck(raw: Record<string, unknown>): ServerCheck {
  // `if not variables_schema`: nothing to validate against.
  if (Object.keys(raw).length === 0) return { findings: (jv) => (isMapping(jv) ? [] : NOT_AN_OBJECT) };
  if (!metaSchemaValidator()(raw)) return { findings: (jv) => (isMapping(jv) ? whole('invalid schema') : NOT_AN_OBJECT) };
  let validate: Validator;
  let defaults: Mapping | Finding[];
  try {
    defaults = validDefaults(raw);
    validate = compile(removeRequired(preprocessSchema(raw, true)), false);
  } catch (e) {
    if (e instanceof ServerFails) return { findings: (jv) => (isMapping(jv) ? SERVER_FAILS : NOT_AN_OBJECT) };
    if (e instanceof Unknown) return UNKNOWN;
    throw e;
  }
  return {
    findings(jobVariables) {
      if (!isMapping(jobVariables)) return NOT_AN_OBJECT;
      // `if not deployment.job_variables: return`
      if (Object.keys(jobVariables).length === 0) return [];
      if (Array.isArray(defaults)) return defaults;
      return validate({ ...defaults, ...asSent(jobVariables) });
    },
  };
}

function updateCheck(raw: Record<string, unknown>): ServerCheck {
  let validate: Validator;
  try {
    validate = compile(removeRequired(preprocessSchema(raw, false)), true);
  } catch (e) {
    if (e instanceof ServerFails) return { findings: (jv) => (isMapping(jv) ? SERVER_FAILS : NOT_AN_OBJECT) };
    if (e instanceof Unknown) return UNKNOWN;
    throw e;
  }
  return { findings: (jobVariables) => (isMapping(jobVariables) ? validate(asSent(jobVariables)) : NOT_AN_OBJECT) };
}

/**
 * `_get_base_config_defaults`: each property's `default`, kept when `{name: default}` alone
 * validates against the raw schema (`required` removed, formats checked). A block reference
 * (`{"$ref": {"block_document_id": …}}`) is read from the server there; it is left out here, which
 * only matters for a rule that spans properties (a missing block fails the request either way).
 * Findings instead of defaults: the request fails however the job variables look.
 */
function validDefaults(raw: Record<string, unknown>): Mapping | Finding[] {
  const fields = Object.hasOwn(raw, 'properties') ? raw.properties : {};
  if (!pyTruthy(fields)) return {};
  if (!isMapping(fields)) throw new ServerFails();
  let validate: Validator | undefined;
  const defaults: Mapping = {};
  for (const [name, attrs] of Object.entries(fields)) {
    if (!pyIn('default', attrs)) continue;
    if (!isMapping(attrs)) throw new ServerFails();
    const value = attrs.default;
    if (isMapping(value) && Object.hasOwn(value, '$ref')) {
      const reference = value.$ref;
      if (reference !== null && !isMapping(reference)) throw new ServerFails();
      continue;
    }
    validate ??= compile(removeRequired(raw), true);
    const found = validate(asSent({ [name]: value }));
    if (found === 'unknown') throw new Unknown();
    if (found.some((f) => f.key.startsWith('!'))) return found;
    if (found.length === 0) defaults[name] = value;
  }
  return defaults;
}

type Validator = (document: unknown) => Finding[] | 'unknown';

/** A document judged as Python's jsonschema would: its errors, or why the whole request fails, or 'unknown'. */
export type SchemaVerdict = ErrorObject[] | { whole: 'unresolvable $ref' | 'server error' } | 'unknown';

/** An ajv validator over `schema`, turned into findings; throws Unknown when ajv cannot compile it. */
function compile(source: Mapping, checkFormats: boolean): Validator {
  const validate = compileLikePython(source, checkFormats);
  return (document) => {
    const verdict = validate(document);
    if (verdict === 'unknown') return 'unknown';
    if (!Array.isArray(verdict)) return whole(verdict.whole);
    return verdict.map(finding);
  };
}

/**
 * `jsonschema.validate` (Draft 2020-12, no remote `$ref`s) reproduced with ajv; throws Unknown when
 * ajv cannot compile the schema. Shared with the parameters' judge, which meets the same validator.
 */
export function compileLikePython(source: Mapping, checkFormats: boolean): (document: unknown) => SchemaVerdict {
  // Lists inside are still the pool's own (remove_nested_keys keeps them as they are).
  const schema = structuredClone(source);
  const exactReach = prepareForAjv(schema);
  let validate: ValidateFunction;
  try {
    const ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateSchema: false,
      meta: false,
      ownProperties: true,
      logger: false,
      validateFormats: checkFormats,
      formats: checkFormats ? PYTHON_FORMATS : {},
      code: { regExp: pythonRegExp },
    });
    // Keywords ajv knows that Draft202012Validator does not: there they are annotations.
    for (const keyword of ['dependencies', '$recursiveRef', '$recursiveAnchor']) ajv.removeKeyword(keyword);
    // Where ajv may reach more than Python does, reaching a dangling `$ref` proves nothing.
    ajv.addKeyword({ keyword: UNRESOLVABLE, schemaType: 'string', errors: false, validate: exactReach ? throwUnresolvable : throwUnknown });
    validate = ajv.compile(schema);
  } catch {
    throw new Unknown();
  }
  return (document) => {
    try {
      return validate(document) ? [] : [...(validate.errors ?? [])];
    } catch (e) {
      if (e instanceof Unresolvable) return { whole: 'unresolvable $ref' };
      // Python's RecursionError (a `$ref` cycle that consumes nothing) is a server error.
      if (e instanceof RangeError) return { whole: 'server error' };
      if (e instanceof Unknown) return 'unknown';
      throw e;
    }
  };
}

/** Whether this judge can say nothing exact about a schema (see `compileLikePython`). */
export function isUnknown(e: unknown): boolean {
  return e instanceof Unknown;
}

function finding(error: ErrorObject): Finding {
  return { at: error.instancePath, key: `${error.instancePath} ${error.schemaPath}` };
}

// What the server receives: the JSON of the document.
function asSent(document: Mapping): Mapping {
  return JSON.parse(JSON.stringify(document)) as Mapping;
}

let metaSchema: ValidateFunction | undefined;
/** `is_valid_schema`: the 2020-12 meta-schema (its `regex` format, Python's `re.compile`, is not reproduced). */
function metaSchemaValidator(): ValidateFunction {
  if (!metaSchema) {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, logger: false });
    metaSchema = ajv.getSchema('https://json-schema.org/draft/2020-12/schema')!;
  }
  return metaSchema;
}

// ---------------------------------------------------------------------------------------------
// Ports of prefect's schema preprocessing, Python semantics included (`in` on a list or a string,
// truthiness, and the places where Python raises: a server error).

function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '';
}

/** Python's `key in container` for a str key; raises on what has no `in`. */
function pyIn(key: string, container: unknown): boolean {
  if (isMapping(container)) return Object.hasOwn(container, key);
  if (Array.isArray(container)) return container.includes(key);
  if (typeof container === 'string') return container.includes(key);
  throw new ServerFails();
}

function pyGet(mapping: Mapping, key: string, fallback: unknown): unknown {
  return Object.hasOwn(mapping, key) ? mapping[key] : fallback;
}

/** `preprocess_schema(schema, allow_none_with_default)` on a copy. */
export function preprocessSchema(raw: Record<string, unknown>, allowNoneWithDefault: boolean): Mapping {
  const schema = structuredClone(raw) as Mapping;
  if (Object.hasOwn(schema, 'properties')) processProperties(schema.properties, pyGet(schema, 'required', []), allowNoneWithDefault);
  if (Object.hasOwn(schema, 'definitions')) {
    const definitions = schema.definitions;
    if (!isMapping(definitions)) throw new ServerFails();
    for (const definition of Object.values(definitions)) {
      if (pyIn('properties', definition)) {
        if (!isMapping(definition)) throw new ServerFails();
        processProperties(definition.properties, pyGet(definition, 'required', []), allowNoneWithDefault);
      }
      if (pyIn('block_type_slug', definition)) {
        if (!isMapping(definition) || !Object.hasOwn(definition, 'title')) throw new ServerFails();
        const title = definition.title;
        if (typeof title === 'object' && title !== null) throw new ServerFails(); // unhashable
        // A non-string title becomes a key no JSON pointer names: nothing can reach it.
        if (typeof title === 'string')
          Object.defineProperty(definitions, title, { value: blockReferenceAlternative(definition), enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return schema;
}

function processProperties(properties: unknown, required: unknown, allowNoneWithDefault: boolean): void {
  if (!isMapping(properties)) throw new ServerFails();
  for (const [key, schema] of Object.entries(properties)) {
    // `_fix_null_typing` and `_fix_tuple_items` raise on anything but a dict.
    if (!isMapping(schema)) throw new ServerFails();
    if (!pyIn(key, required) && Object.hasOwn(schema, 'type') && schema.type !== 'null' && (!Object.hasOwn(schema, 'default') || allowNoneWithDefault)) {
      schema.anyOf = [{ type: schema.type }, { type: 'null' }];
      delete schema.type;
    }
    if (pyTruthy(schema.items) && Array.isArray(schema.items) && !pyTruthy(schema.prefixItems)) {
      schema.prefixItems = structuredClone(schema.items);
      delete schema.items;
    }
    if (Object.hasOwn(schema, 'properties')) processProperties(schema.properties, pyGet(schema, 'required', []), allowNoneWithDefault);
  }
}

function blockReferenceAlternative(definition: Mapping): Mapping {
  return {
    oneOf: [
      definition,
      {
        type: 'object',
        properties: {
          $ref: {
            oneOf: [
              { type: 'string', format: 'uuid' },
              { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1 },
            ],
          },
        },
        required: ['$ref'],
      },
    ],
  };
}

/** `remove_nested_keys(["required"], schema)`: through objects only, never into lists. */
export function removeRequired(value: unknown): Mapping {
  const strip = (v: unknown): unknown =>
    isMapping(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k !== 'required')
            .map(([k, x]) => [k, strip(x)]),
        )
      : v;
  return strip(value) as Mapping;
}

// ---------------------------------------------------------------------------------------------
// What ajv does differently from Python's jsonschema, undone on the schema before compiling.

const UNRESOLVABLE = 'x-prefect-deploy-unresolvable-ref';
const throwUnresolvable = (): boolean => {
  throw new Unresolvable();
};
const throwUnknown = (): boolean => {
  throw new Unknown();
};

// Keywords whose value is a schema, a list of schemas, or a mapping of schemas (2020-12 plus `definitions`).
const ONE = ['additionalProperties', 'items', 'contains', 'not', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/**
 * In place, over every schema of the document (and whatever a `$ref` points at): drops `nullable`,
 * which ajv honours and the server ignores; turns a `$ref` that names nothing into a keyword that
 * fails the whole request when reached, as Python's lazy resolution does (ajv would refuse to
 * compile); and makes `anyOf` stop at the first branch that holds, as Python's does (ajv 2020
 * evaluates every branch, for `unevaluated*`), so that such a keyword, or a check this judge cannot
 * make, counts only where the server reaches it: `anyOf: [A, B, C]` becomes the `allOf` member
 * `{if: A, then: true, else: {if: B, then: true, else: C}}`. Returns whether that holds: not with
 * `unevaluated*` (whose annotations need every branch), nor when a `$ref` points into an `anyOf`, nor
 * with `$id`s (references resolve relative to them: left to ajv).
 */
function prepareForAjv(root: Mapping): boolean {
  const text = JSON.stringify(root);
  const localRefs = !text.includes('"$id"');
  const firstBranchStops = localRefs && !/"unevaluated(?:Properties|Items)"/.test(text) && !/"\$ref":"[^"]*anyOf/.test(text);
  const chain = (branches: unknown[]): unknown => (branches.length <= 1 ? (branches[0] ?? false) : { if: branches[0], then: true, else: chain(branches.slice(1)) });
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!isMapping(node) || seen.has(node)) return;
    seen.add(node);
    delete node.nullable;
    if (localRefs && typeof node.$ref === 'string') {
      const target = resolveLocalRef(root, node.$ref);
      if (target === MISSING) {
        node[UNRESOLVABLE] = node.$ref;
        delete node.$ref;
      } else visit(target);
    }
    for (const k of ONE) visit(node[k]);
    for (const k of LIST) if (Array.isArray(node[k])) for (const s of node[k]) visit(s);
    for (const k of MAP) if (isMapping(node[k])) for (const s of Object.values(node[k])) visit(s);
    if (firstBranchStops && Array.isArray(node.anyOf) && (node.allOf === undefined || Array.isArray(node.allOf))) {
      node.allOf = [...((node.allOf as unknown[] | undefined) ?? []), chain(node.anyOf)];
      delete node.anyOf;
    }
  };
  visit(root);
  return firstBranchStops;
}

const MISSING = Symbol('missing');

/** `referencing`'s lookup of `#…` in a document without `$id`; anything else is left to ajv. */
function resolveLocalRef(root: Mapping, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === '') return root;
  if (!fragment.startsWith('/')) return undefined; // an anchor
  let node: unknown = root;
  for (const raw of fragment.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment) || Number(segment) >= node.length) return MISSING;
      node = node[Number(segment)];
    } else if (isMapping(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return MISSING;
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// Python's `re.search`, where JavaScript's RegExp (u) is known to give the same answer.

interface PythonRegExp {
  test(text: string): boolean;
  toString(): string;
}

function pythonRegExpImpl(pattern: string): PythonRegExp {
  let js: RegExp | undefined;
  try {
    js = new RegExp(pattern, 'u');
  } catch {
    js = undefined; // Python-only syntax ((?P<…>), \Z, inline flags, possessive…), or invalid in both
  }
  const dollar = pattern.includes('$');
  const dot = pattern.includes('.');
  const classEscape = /\\[dDwWsSbB]/.test(pattern);
  const backReference = /\\[1-9]/.test(pattern);
  return {
    test(text) {
      if (!js || backReference) throw new Unknown();
      // `$` also matches before a final newline in Python.
      if (dollar && text.includes('\n')) throw new Unknown();
      // Python's `.` matches \r, U+2028 and U+2029; JavaScript's does not.
      if (dot && /[\r\u2028\u2029]/.test(text)) throw new Unknown();
      // Python's \d \w \s \b are Unicode-aware (and \s takes \x1c-\x1f).
      if (classEscape && /[^\t\n\v\f\r\x20-\x7e]/.test(text)) throw new Unknown();
      return js.test(text);
    },
    toString: () => `python:${pattern}`,
  };
}
const pythonRegExp = Object.assign((pattern: string) => pythonRegExpImpl(pattern), { code: 'pythonRegExp' });

// ---------------------------------------------------------------------------------------------
// Draft202012Validator.FORMAT_CHECKER as the server has it (jsonschema 4.26 with rfc3339-validator,
// jsonpointer and idna installed; no fqdn, rfc3987, uri-template, isoduration or webcolors, so
// hostname, uri, uri-reference, iri, uri-template, duration… are not checked).

const PYTHON_FORMATS: Record<string, (text: string) => boolean> = {
  email: (s) => s.includes('@'),
  'idn-email': (s) => s.includes('@'),
  ipv4: (s) => IPV4.test(s),
  ipv6: isPythonIpv6,
  date: isPythonDate,
  'date-time': isRfc3339DateTime,
  time: (s) => isRfc3339DateTime(`1970-01-01T${s}`),
  uuid: isPythonUuid,
  'json-pointer': isJsonPointer,
  'relative-json-pointer': isRelativeJsonPointer,
  regex: () => {
    throw new Unknown(); // Python's re.compile
  },
  'idn-hostname': (s) => {
    // idna.encode: an ASCII character other than letters, digits, '-' and '.' is never allowed.
    if (s === '' || /[\x00-\x2c\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/.test(s)) return false;
    throw new Unknown();
  },
};

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** `ipaddress.IPv6Address(s)` without a scope id (jsonschema refuses one). */
function isPythonIpv6(s: string): boolean {
  if (s.includes('/') || s.includes('%') || s === '') return false;
  const parts = s.split(':');
  if (parts.length < 3) return false;
  if (parts.at(-1)!.includes('.')) {
    if (!IPV4.test(parts.pop()!)) return false;
    parts.push('0', '0');
  }
  if (parts.length > 9) return false;
  let skip: number | undefined;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] !== '') continue;
    if (skip !== undefined) return false;
    skip = i;
  }
  let hi: number;
  let lo: number;
  if (skip !== undefined) {
    hi = skip;
    lo = parts.length - skip - 1;
    if (parts[0] === '' && --hi) return false;
    if (parts.at(-1) === '' && --lo) return false;
    if (8 - (hi + lo) < 1) return false;
  } else {
    if (parts.length !== 8 || parts[0] === '' || parts.at(-1) === '') return false;
    hi = parts.length;
    lo = 0;
  }
  const hextet = (h: string) => /^[0-9a-fA-F]{1,4}$/.test(h);
  return parts.slice(0, hi).every(hextet) && parts.slice(parts.length - lo).every(hextet);
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
// Date.UTC maps years 0–99 to 1900–1999; leap years repeat every 400 years.
const validDay = (year: number, month: number, day: number) => day >= 1 && day <= daysIn(2000 + (year % 400), month);

/** `_RE_DATE.fullmatch(s) and date.fromisoformat(s)`. */
function isPythonDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && validDay(year, month, day);
}

/** rfc3339_validator.validate_rfc3339(s.upper()); its `$` also matches before a final newline. */
function isRfc3339DateTime(s: string): boolean {
  const m = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})[Tt](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)\n?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year !== 0 && validDay(year, month, day);
}

const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f ]';
const PY_HEX_INT = new RegExp(`^${PY_SPACE}*([+-]?)(?:0[xX]_?)?([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)${PY_SPACE}*$`);

/** `UUID(s)` and hyphens at 8, 13, 18 and 23. */
function isPythonUuid(s: string): boolean {
  const hex = s
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '');
  if ([...hex].length !== 32) return false;
  if (/[^\x00-\x7f]/.test(hex)) {
    // int(…, 16) reads Unicode digits and spaces; anything else non-ASCII fails it.
    if (/[^\x00-\x7f\p{Nd}\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(hex)) return false;
    throw new Unknown();
  }
  const m = PY_HEX_INT.exec(hex);
  if (!m) return false;
  // UUID wants 0 <= int < 2**128.
  if (m[1] === '-' && /[1-9a-fA-F]/.test(m[2]!)) return false;
  const chars = [...s];
  return [8, 13, 18, 23].every((i) => chars[i] === '-');
}

/** `jsonpointer.JsonPointer(s)`. */
function isJsonPointer(s: string): boolean {
  return !/~(?:[^01]|$)/.test(s) && (s === '' || s.startsWith('/'));
}

/** jsonschema's `is_relative_json_pointer`: digits (none after a "0"), then "#" or a JSON pointer. */
function isRelativeJsonPointer(s: string): boolean {
  const [, digits = '', rest = ''] = /^([0-9]*)(.*)$/su.exec(s) ?? [];
  // A non-ASCII character str.isdigit() may count (and int() may refuse) is not reproduced.
  if (/^\p{N}/u.test(rest)) throw new Unknown();
  if (digits === '') return false;
  for (let i = 1; i < digits.length; i++) if (digits[i - 1] === '0') return false;
  return rest === '#' || isJsonPointer(rest);
}

// ---------------------------------------------------------------------------------------------

export function jsonPointer(path: Path): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** `document` with `value` at `path`, copying only along the path. */
export function replaceAt(document: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(document) && typeof head === 'number') {
    const copy = [...(document as unknown[])];
    copy[head] = replaceAt(copy[head], rest, value);
    return copy;
  }
  if (isMapping(document) && typeof head === 'string') return { ...document, [head]: replaceAt(document[head], rest, value) };
  return document;
}

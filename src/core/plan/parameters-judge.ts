/**
 * How a Prefect 3.9.1 server judges a deployment's parameters against the flow's parameter schema
 * when `enforce_parameter_schema` holds, so that a deploy can refuse before its first write what
 * the server would refuse after others were written.
 *
 * `POST /deployments/` (what `prefect deploy` sends for every deployment, new or not) runs
 * `DeploymentCreate._validate_parameters_conform_to_schema`: every `required` key removed from the
 * schema (`remove_nested_keys`), then `jsonschema.validate(parameters, schema)`: Draft 2020-12, no
 * format checker (a `datetime` parameter takes any text), no preprocessing, `$ref`s resolved only
 * within the document; a failure is a 422. The verdict comes from the same ajv port the job
 * variables' judge uses (job-variables-judge.ts); the message from a plain ajv run, worded for the
 * parameter at fault.
 *
 * `PATCH /deployments/{id}` (how we update an existing deployment) hydrates `__prefect_kind` values
 * first and preprocesses the schema; callers leave such values to the server (see desired.ts).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isMapping, type Mapping } from '../config/index.js';
import { pythonRepr } from '../templating/index.js';
import { compileLikePython, isUnknown, removeRequired, type SchemaVerdict } from './job-variables-judge.js';

/** One parameter the server would refuse: where inside `parameters` (name first), and why. */
export interface ParameterProblem {
  path: (string | number)[];
  message: string;
}

interface Judge {
  verdict: (parameters: Mapping) => SchemaVerdict;
  explain: () => ValidateFunction | undefined;
}

const judges = new WeakMap<object, Judge>();
// Flows of one project mostly share their parameters' types and differ in titles, descriptions and
// defaults, which jsonschema does not validate: one compiled judge serves every schema of a shape.
// A thousand deployments compiled one ajv validator each (about 2 s of a 1,000-deployment plan).
const byShape = new Map<string, Judge>();
const MAX_SHAPES = 512;

/** Why the server would refuse `parameters` for `schema` (empty: accepted, or beyond what can be told here). */
export function judgeParameters(parameters: Mapping, schema: Record<string, unknown>): ParameterProblem[] {
  let judge = judges.get(schema);
  if (!judge) {
    const shape = validationShape(schema);
    judge = shape === undefined ? undefined : byShape.get(shape);
    if (!judge) {
      judge = compileJudge(schema);
      if (shape !== undefined) {
        if (byShape.size >= MAX_SHAPES) byShape.clear();
        byShape.set(shape, judge);
      }
    }
    judges.set(schema, judge);
  }
  // Judged as the server reads the request body (an integral float is a number there); messages show
  // the values as written (`1.0`).
  const sent = JSON.parse(JSON.stringify(parameters)) as Mapping;
  const verdict = judge.verdict(sent);
  // 'unknown': a pattern or schema whose Python meaning ajv may not share; the server decides.
  if (verdict === 'unknown' || (Array.isArray(verdict) && verdict.length === 0)) return [];
  if ('whole' in verdict) return [{ path: [], message: `the server cannot validate parameters against the flow's schema (${verdict.whole})` }];
  // In the order prefect.yaml gives them.
  const order = Object.keys(parameters);
  const rank = (p: ParameterProblem) => (typeof p.path[0] === 'string' ? order.indexOf(p.path[0]) : -1);
  return explain(parameters, sent, judge.explain(), verdict).sort((a, b) => rank(a) - rank(b));
}

// Keywords a 2020-12 validator only annotates with (`position` is Prefect's own).
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'position']);
const ONE_SCHEMA = new Set([
  'additionalProperties',
  'propertyNames',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'additionalItems',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * A text equal for two schemas only when they validate alike as far as this can tell: the schema
 * as JSON with the annotation keywords left out where a subschema stands. A `$ref` other than to a
 * whole definition could point into an annotation, so such a schema keeps its full text.
 */
export function validationShape(schema: Record<string, unknown>): string | undefined {
  let exact = true;
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isMapping(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key)) continue;
      if (key === '$ref' && (typeof value !== 'string' || !/^#\/(\$defs|definitions)\/[^/~]+$/.test(value))) exact = false;
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
    // Not JSON (a cycle): compiled on its own.
    return undefined;
  }
}

function compileJudge(schema: Record<string, unknown>): Judge {
  const stripped = removeRequired(schema);
  // The server also checks the schema against the 2020-12 meta-schema. This one is derived from the
  // flow as pydantic derives it, so it passes; compiling the meta-schema would cost ~150 ms a run.
  let validate: ((document: unknown) => SchemaVerdict) | undefined;
  try {
    validate = compileLikePython(stripped, false);
  } catch (e) {
    if (!isUnknown(e)) throw e;
  }
  let plain: ValidateFunction | undefined | null = null;
  return {
    verdict: (parameters) => (validate ? validate(parameters) : 'unknown'),
    explain: () => {
      if (plain === null) {
        try {
          plain = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false, validateFormats: false }).compile(stripped);
        } catch {
          plain = undefined;
        }
      }
      return plain;
    },
  };
}

/** One message per parameter at fault, from the errors ajv gives without the judge's rewrites. */
function explain(parameters: Mapping, sent: Mapping, plain: ValidateFunction | undefined, verdict: ErrorObject[]): ParameterProblem[] {
  let errors = verdict;
  if (plain && !plain(sent) && plain.errors?.length) errors = plain.errors;
  const byParameter = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const name = pointerSegments(e.instancePath)[0] ?? '';
    byParameter.set(name, [...(byParameter.get(name) ?? []), e]);
  }
  const problems: ParameterProblem[] = [];
  for (const [name, found] of byParameter) {
    // The most specific place: the deepest value any error names.
    const depth = Math.max(...found.map((e) => pointerSegments(e.instancePath).length));
    const deepest = found.filter((e) => pointerSegments(e.instancePath).length === depth);
    const segments = pointerSegments(deepest[0]!.instancePath);
    const path = typedPath(parameters, segments);
    const value = valueAt(parameters, path);
    const where = name === '' ? 'parameters' : `parameter "${label(path)}"`;
    problems.push({ path, message: `${where}: ${describe(value, deepest)}` });
  }
  return problems;
}

const COMBINATORS = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'then', 'else', '$ref']);

function describe(value: unknown, errors: ErrorObject[]): string {
  const shown = pythonRepr(value);
  const own = errors.filter((e) => !COMBINATORS.has(e.keyword));
  const pick = own.length > 0 ? own : errors;
  const types = [...new Set(pick.filter((e) => e.keyword === 'type').flatMap((e) => [e.params.type as string | string[]].flat()))];
  if (pick.every((e) => e.keyword === 'type')) {
    return `${shown} is not of type ${types.join(' or ')}`;
  }
  const first = pick.find((e) => e.keyword !== 'type') ?? pick[0]!;
  switch (first.keyword) {
    case 'enum':
      return `${shown} is not one of ${(first.params.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? v : pythonRepr(v))).join(', ')}`;
    case 'const':
      return `${shown} is not ${pythonRepr(first.params.allowedValue)}`;
    case 'additionalProperties':
      return `unexpected key ${pythonRepr(first.params.additionalProperty)} (the schema allows no other keys)`;
    case 'type':
      return `${shown} is not of type ${[first.params.type as string | string[]].flat().join(' or ')}`;
    case 'anyOf':
    case 'oneOf':
      return `${shown} is not valid under any of the given schemas`;
    default:
      return `${shown} ${first.message ?? 'is not valid'}`;
  }
}

function pointerSegments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Segments with list indexes as numbers, as prefect.yaml positions are looked up. */
function typedPath(document: unknown, segments: string[]): (string | number)[] {
  const path: (string | number)[] = [];
  let node = document;
  for (const s of segments) {
    const key = Array.isArray(node) ? Number(s) : s;
    path.push(key);
    node = Array.isArray(node) ? node[key as number] : isMapping(node) ? node[s] : undefined;
  }
  return path;
}

function valueAt(document: unknown, path: readonly (string | number)[]): unknown {
  let node = document;
  for (const k of path) node = Array.isArray(node) ? node[k as number] : isMapping(node) ? node[k as string] : undefined;
  return node;
}

/** `region`, `ids[1]`, `config.port` */
function label(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p, i) => (typeof p === 'number' ? `${acc}[${p}]` : i === 0 ? p : `${acc}.${p}`), '');
}

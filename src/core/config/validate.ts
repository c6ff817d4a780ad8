/**
 * Type-checks a loaded prefect.yaml field by field and normalizes it the way the reference's
 * pydantic models do (`model_dump(exclude_unset=True, mode="json")`): bool-like strings become
 * booleans, int-like strings integers, unknown keys are dropped, timestamps become ISO text.
 *
 * Unlike the reference, a problem is reported where it is (path, later file:line:col) instead of
 * making the whole file silently disappear.
 */
import { keyPath, type FieldError } from '../diagnostics.js';
import { validateRawScheduleItem } from '../schedules/index.js';
import { closest } from '../util/suggest.js';
import { allStepNames, isBuiltInNamespace, looksLikePythonCallable, parseStep, RESERVED_STEP_INPUTS } from './step-catalogue.js';
import { isMapping, PythonFloat, type Mapping } from '../values/index.js';
import { YamlTimestamp, type PathSegment } from './yaml.js';

export { isMapping, type Mapping };

export interface FieldWarning extends FieldError {
  /** Where to point: the key itself rather than its value. */
  atKey?: boolean;
}

export interface ValidationResult<T> {
  value: T;
  errors: FieldError[];
  warnings: FieldWarning[];
}

/** Top-level actions after normalization; `pull` keeps null apart from `[]` (§1.6). */
export interface Actions {
  build: Mapping[];
  push: Mapping[];
  pull: Mapping[] | null;
}

export interface ValidatedFile {
  actions: Actions;
  /** Deployment configs as the reference hands them to the deploy pipeline (only keys the user set). */
  deployments: Mapping[];
}

const TOP_LEVEL_KEYS = ['prefect-version', 'prefect_version', 'name', 'build', 'push', 'pull', 'deployments'];
/** Keys the reference ignores on purpose: `definitions` parks YAML anchors; the others are written by `prefect init`. */
const TOP_LEVEL_IGNORED = ['definitions', 'description', 'required_inputs'];

const DEPLOYMENT_KEYS = [
  'name',
  'version',
  'version_type',
  'tags',
  'description',
  'schedule',
  'schedules',
  'paused',
  'concurrency_limit',
  'flow_name',
  'entrypoint',
  'parameters',
  'enforce_parameter_schema',
  'build',
  'push',
  'pull',
  'work_pool',
  'triggers',
  'sla',
];
const WORK_POOL_KEYS = ['name', 'work_queue_name', 'job_variables'];
const CONCURRENCY_KEYS = ['limit', 'collision_strategy', 'grace_period_seconds'];
export const VERSION_TYPES = ['prefect:simple', 'vcs:github', 'vcs:gitlab', 'vcs:bitbucket', 'vcs:azuredevops', 'vcs:git'];
const COLLISION_STRATEGIES = ['ENQUEUE', 'CANCEL_NEW'];

class Checker {
  readonly errors: FieldError[] = [];
  readonly warnings: FieldWarning[] = [];

  error(path: PathSegment[], message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  warn(path: PathSegment[], message: string, atKey = false): void {
    this.warnings.push({ path, message, atKey });
  }

  unknownKeys(value: Mapping, path: PathSegment[], known: readonly string[], what: string, ignored: readonly string[] = []): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key) || ignored.includes(key)) continue;
      const guess = closest(key, known);
      const hint = guess ? `did you mean "${guess}"?` : `expected one of: ${known.join(', ')}`;
      this.warn([...path, key], `unknown key "${key}" in ${what} is ignored (${hint})`, true);
    }
  }

  string(value: unknown, path: PathSegment[], hint = ''): string | null | undefined {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    return this.error(path, `${describe(path)} must be a string, got ${typeName(value)}${hint}`);
  }

  /** pydantic's lax bool: true/false, 0/1, and the usual yes/no words. */
  bool(value: unknown, path: PathSegment[]): boolean | null | undefined {
    if (value === null || value === undefined) return null;
    const b = laxBool(value);
    if (b !== undefined) return b;
    return this.error(path, `${describe(path)} must be a boolean (true or false), got ${show(value)}`);
  }

  /** pydantic's lax int: integers, integral floats and numeric strings. */
  int(value: unknown, path: PathSegment[]): number | null | undefined {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (value instanceof PythonFloat && Number.isInteger(value.value)) return value.value;
    if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
    return this.error(path, `${describe(path)} must be an integer, got ${show(value)}`);
  }

  mapping(value: unknown, path: PathSegment[], nullable: boolean): Mapping | null | undefined {
    if (value === null || value === undefined) {
      if (nullable) return null;
      return this.error(path, `${describe(path)} must be a mapping; remove the key or write {} for none`);
    }
    if (isMapping(value)) return value;
    return this.error(path, `${describe(path)} must be a mapping, got ${typeName(value)}`);
  }
}

export function laxBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (value instanceof PythonFloat && (value.value === 0 || value.value === 1)) return value.value === 1;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['1', 'on', 't', 'true', 'y', 'yes'].includes(v)) return true;
    if (['0', 'off', 'f', 'false', 'n', 'no'].includes(v)) return false;
  }
  return undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof YamlTimestamp) return `the date ${value.text}`;
  if (isMapping(value)) return 'a mapping';
  if (typeof value === 'number' || value instanceof PythonFloat) return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return typeof value;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return typeName(value);
}

function describe(path: PathSegment[]): string {
  const keys = path.filter((p) => typeof p === 'string');
  return `"${keys[keys.length - 1] ?? 'value'}"`;
}

/**
 * Timestamps become text as pydantic's JSON dump writes them; everything else is copied. Free-form
 * values (parameters, job variables, steps) keep an integral float a float, so it is sent as `1.0`;
 * typed fields (schedules, triggers, SLAs) take plain numbers, which their checks expect.
 */
function toJsonValue(value: unknown, keepFloats = true): unknown {
  if (value instanceof YamlTimestamp) return value.toJSON();
  if (value instanceof PythonFloat && !keepFloats) return value.value;
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v, keepFloats));
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v, keepFloats);
    return out;
  }
  return value;
}

export function validatePrefectFile(raw: unknown): ValidationResult<ValidatedFile> {
  const c = new Checker();
  const result: ValidatedFile = { actions: { build: [], push: [], pull: null }, deployments: [] };
  if (!isMapping(raw)) {
    c.error(
      [],
      raw === null || raw === undefined
        ? 'the file is empty; it needs at least a "deployments:" list'
        : `the file must be a mapping with a "deployments:" list, got ${typeName(raw)}`,
    );
    return { value: result, errors: c.errors, warnings: c.warnings };
  }
  c.unknownKeys(raw, [], TOP_LEVEL_KEYS, 'prefect.yaml', TOP_LEVEL_IGNORED);
  c.string(raw['prefect-version'], ['prefect-version']);
  c.string(raw['prefect_version'], ['prefect_version']);
  c.string(raw.name, ['name']);

  result.actions.build = checkSteps(c, raw.build, ['build']) ?? [];
  result.actions.push = checkSteps(c, raw.push, ['push']) ?? [];
  result.actions.pull = checkSteps(c, raw.pull, ['pull']);

  if (!('deployments' in raw)) {
    c.warn([], 'no "deployments:" list; there is nothing to deploy');
  } else if (!Array.isArray(raw.deployments)) {
    c.error(['deployments'], `"deployments" must be a list of deployments, got ${typeName(raw.deployments)}`);
  } else {
    raw.deployments.forEach((d, i) => {
      const config = checkDeployment(c, d, ['deployments', i]);
      if (config) result.deployments.push(config);
      else result.deployments.push({});
    });
  }
  return { value: result, errors: c.errors, warnings: c.warnings };
}

/**
 * A build/push/pull section: a list of step mappings, a single step mapping (wrapped into a list),
 * or null. Returns null for null/absent and `[]`-like values exactly as written.
 */
function checkSteps(c: Checker, value: unknown, path: PathSegment[]): Mapping[] | null {
  if (value === null || value === undefined) return null;
  let list: unknown[];
  if (isMapping(value)) {
    // A non-empty mapping is one step; `{}` stays an (empty, falsy) mapping in the reference.
    if (Object.keys(value).length === 0) return [];
    list = [value];
    path = [...path];
  } else if (Array.isArray(value)) {
    list = value;
  } else {
    c.error(path, `"${String(path[path.length - 1])}" must be a list of steps, got ${typeName(value)}`);
    return null;
  }
  const steps: Mapping[] = [];
  list.forEach((step, i) => {
    const stepPath = Array.isArray(value) ? [...path, i] : path;
    if (!isMapping(step)) {
      c.error(stepPath, `each step must be a mapping of one step name to its inputs, got ${typeName(step)}`);
      return;
    }
    checkStep(c, step, stepPath);
    steps.push(toJsonValue(step) as Mapping);
  });
  return steps;
}

function checkStep(c: Checker, step: Mapping, path: PathSegment[]): void {
  const parsed = parseStep(step);
  if (parsed === undefined) {
    c.warn(path, 'empty step {} does nothing; remove it');
    return;
  }
  const { keys, name, inputs, definition } = parsed;
  if (keys.length > 1) {
    c.error(path, `a step must have exactly one key (the step's function name), found ${keys.length}: ${keys.join(', ')}; indent the inputs under the step name`);
    return;
  }
  if (!definition) {
    if (isBuiltInNamespace(name) || !looksLikePythonCallable(name)) {
      const guess = closest(name, allStepNames());
      c.error(
        path,
        `unknown step "${name}"${guess ? ` (did you mean "${guess}"?)` : ' (a step is a fully-qualified Python function name such as prefect.deployments.steps.run_shell_script)'}`,
      );
      return;
    }
  }
  if (inputs === null || inputs === undefined) {
    c.error([...path, name], `step "${name}" has no inputs; give it a mapping of inputs (use {} for none)`);
    return;
  }
  if (!isMapping(inputs)) {
    c.error([...path, name], `the inputs of step "${name}" must be a mapping, got ${typeName(inputs)}`);
    return;
  }
  if ('id' in inputs && inputs.id !== null && typeof inputs.id !== 'string') {
    c.error([...path, name, 'id'], `the step id must be a string, got ${typeName(inputs.id)}`);
  }
  if ('requires' in inputs && inputs.requires !== null) {
    const r = inputs.requires;
    if (!(typeof r === 'string' || (Array.isArray(r) && r.every((x) => typeof x === 'string')))) {
      c.error([...path, name, 'requires'], '"requires" must be a package spec or a list of package specs');
    }
  }
  if (definition?.inputs) {
    const accepted = [...definition.inputs, ...RESERVED_STEP_INPUTS];
    for (const key of Object.keys(inputs)) {
      if (accepted.includes(key)) continue;
      const guess = closest(key, accepted);
      c.error([...path, name, key], `step "${name}" has no input "${key}"${guess ? ` (did you mean "${guess}"?)` : ` (it accepts: ${definition.inputs.join(', ')})`}`);
    }
  }
  checkNoTimestamps(c, inputs, [...path, name]);
}

/** The reference crashes on dates inside step inputs ("Unexpected template type"); say so up front. */
function checkNoTimestamps(c: Checker, value: unknown, path: PathSegment[]): void {
  if (value instanceof YamlTimestamp) {
    c.error(path, `"${value.text}" is read as a date; quote it to pass it as text`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkNoTimestamps(c, v, [...path, i]));
  } else if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) checkNoTimestamps(c, v, [...path, k]);
  }
}

function checkDeployment(c: Checker, raw: unknown, path: PathSegment[]): Mapping | undefined {
  if (!isMapping(raw)) {
    c.error(path, `each deployment must be a mapping, got ${typeName(raw)}`);
    return undefined;
  }
  c.unknownKeys(raw, path, DEPLOYMENT_KEYS, 'a deployment');
  const out: Mapping = {};
  const at = (key: string): PathSegment[] => [...path, key];
  const has = (key: string): boolean => key in raw;

  for (const key of ['name', 'version', 'version_type', 'description', 'entrypoint', 'flow_name']) {
    if (!has(key)) continue;
    const hint = key === 'version' || key === 'name' ? ` (quote it: ${key}: "${String(toJsonValue(raw[key]))}")` : '';
    const v = c.string(raw[key], at(key), typeof raw[key] === 'number' || raw[key] instanceof PythonFloat ? hint : '');
    if (v !== undefined) out[key] = v;
  }
  if (typeof out.name === 'string' && /[/%&<>]/.test(out.name)) {
    c.error(at('name'), `deployment name "${out.name}" must not contain / % & < or >`);
  }
  if (typeof out.version_type === 'string' && !out.version_type.includes('{{') && !VERSION_TYPES.includes(out.version_type)) {
    c.error(at('version_type'), `unknown version_type "${out.version_type}"; use one of ${VERSION_TYPES.join(', ')}`);
  }
  if (has('flow_name')) c.warn(at('flow_name'), '"flow_name" is ignored: the flow name comes from the @flow decorator', true);

  if (has('tags')) {
    const tags = raw.tags;
    if (typeof tags === 'string' || Array.isArray(tags)) out.tags = toJsonValue(tags);
    else c.error(at('tags'), `"tags" must be a list of tags, got ${typeName(tags)}`);
    if (typeof tags === 'string' && !/^\s*\{\{.*\}\}\s*$/.test(tags)) {
      c.warn(at('tags'), `"tags" is a string, so each character becomes a tag (as in prefect deploy); write a list: tags: [${JSON.stringify(tags)}]`);
    }
  }
  for (const key of ['paused', 'enforce_parameter_schema']) {
    if (!has(key)) continue;
    const v = c.bool(raw[key], at(key));
    if (v !== undefined) out[key] = v;
  }
  if (has('concurrency_limit')) {
    const v = checkConcurrency(c, raw.concurrency_limit, at('concurrency_limit'));
    if (v !== undefined) out.concurrency_limit = v;
  }
  if (has('parameters')) {
    const v = c.mapping(raw.parameters, at('parameters'), false);
    if (v) out.parameters = toJsonValue(v);
  }
  if (has('work_pool')) {
    const wp = c.mapping(raw.work_pool, at('work_pool'), true);
    if (wp === null) c.error(at('work_pool'), '"work_pool" is empty; give it at least a name (work_pool: {name: my-pool})');
    if (wp) {
      c.unknownKeys(wp, at('work_pool'), WORK_POOL_KEYS, 'work_pool');
      const pool: Mapping = {};
      for (const key of ['name', 'work_queue_name']) {
        if (!(key in wp)) continue;
        const v = c.string(wp[key], [...path, 'work_pool', key]);
        if (v !== undefined) pool[key] = v;
      }
      if ('job_variables' in wp) {
        const v = c.mapping(wp.job_variables, [...path, 'work_pool', 'job_variables'], false);
        if (v) pool.job_variables = toJsonValue(v);
      }
      out.work_pool = pool;
    }
  }
  for (const key of ['build', 'push', 'pull']) {
    if (!has(key)) continue;
    const v = raw[key];
    const steps = checkSteps(c, v, at(key));
    // Keep what the user wrote apart: `{}` and `[]` and null mean different things downstream (§1.6).
    out[key] = isMapping(v) && Object.keys(v).length === 0 ? {} : steps;
  }
  if (has('schedule')) {
    const s = raw.schedule;
    if (s !== null && !isMapping(s)) c.error(at('schedule'), `"schedule" must be a mapping, got ${typeName(s)}`);
    else if (s && Object.keys(s).length > 0) {
      const v = checkSchedule(c, s, at('schedule'), path);
      if (v) out.schedule = v;
    } else out.schedule = s === null ? null : {};
  }
  if (has('schedules')) {
    const s = raw.schedules;
    if (s === null) out.schedules = null;
    else if (!Array.isArray(s)) c.error(at('schedules'), `"schedules" must be a list, got ${typeName(s)}`);
    else {
      out.schedules = s
        .map((item, i) => {
          if (!isMapping(item)) return c.error([...path, 'schedules', i], `each schedule must be a mapping, got ${typeName(item)}`);
          return checkSchedule(c, item, [...path, 'schedules', i], path);
        })
        .filter((x): x is Mapping => x !== undefined);
    }
  }
  if (has('schedule') && has('schedules') && isMapping(raw.schedule) && Object.keys(raw.schedule).length > 0) {
    c.error(at('schedule'), 'both "schedule" and "schedules" are set; move the schedule into the "schedules" list');
  }
  if (has('triggers')) {
    const t = raw.triggers;
    if (t === null) out.triggers = null;
    else if (!Array.isArray(t)) c.error(at('triggers'), `"triggers" must be a list, got ${typeName(t)}`);
    else {
      t.forEach((item, i) => {
        if (!isMapping(item)) c.error([...path, 'triggers', i], `each trigger must be a mapping, got ${typeName(item)}`);
      });
      out.triggers = toJsonValue(t, false);
    }
  }
  if (has('sla')) {
    const s = raw.sla;
    if (s === null) out.sla = null;
    else if (!Array.isArray(s)) c.error(at('sla'), `"sla" must be a list, got ${typeName(s)}`);
    else {
      s.forEach((item, i) => {
        if (!isMapping(item)) c.error([...path, 'sla', i], `each SLA must be a mapping, got ${typeName(item)}`);
      });
      out.sla = toJsonValue(s, false);
    }
  }
  return out;
}

function checkConcurrency(c: Checker, value: unknown, path: PathSegment[]): unknown {
  if (value === null) return null;
  if (!isMapping(value)) return c.int(value, path);
  c.unknownKeys(value, path, CONCURRENCY_KEYS, 'concurrency_limit');
  const out: Mapping = {};
  if ('limit' in value) {
    const v = c.int(value.limit, [...path, 'limit']);
    if (v !== undefined) out.limit = v;
  }
  if ('collision_strategy' in value) {
    const v = c.string(value.collision_strategy, [...path, 'collision_strategy']);
    if (v !== undefined) out.collision_strategy = v;
    if (typeof v === 'string' && !COLLISION_STRATEGIES.includes(v)) {
      c.error([...path, 'collision_strategy'], `collision_strategy must be ENQUEUE or CANCEL_NEW, got "${v}"`);
    }
  } else {
    c.error(path, 'the mapping form of concurrency_limit needs collision_strategy (ENQUEUE or CANCEL_NEW)');
  }
  if ('grace_period_seconds' in value) {
    const v = c.int(value.grace_period_seconds, [...path, 'grace_period_seconds']);
    if (v !== undefined) out.grace_period_seconds = v;
    if (typeof v === 'number' && (v < 60 || v > 86400)) {
      c.error([...path, 'grace_period_seconds'], `grace_period_seconds must be between 60 and 86400, got ${v}`);
    }
  }
  return out;
}

/** `deployment` is the deployment's path: messages name the key from there (`schedules[0].foo: …`). */
function checkSchedule(c: Checker, item: Mapping, path: PathSegment[], deployment: PathSegment[]): Mapping | undefined {
  const result = validateRawScheduleItem(toJsonValue(item, false), path);
  for (const e of result.errors) c.errors.push({ ...e, message: `${keyPath(e.path.slice(deployment.length))}: ${e.message}` });
  return result.errors.length === 0 && result.value ? (result.value as Mapping) : undefined;
}

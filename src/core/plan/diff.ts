/**
 * Desired state against the server's: which fields a deploy would change. This is what makes a
 * re-deploy of an unchanged deployment cost no write (and keeps the server from deleting its
 * scheduled runs), and what a plan shows as the field-level changes.
 */
import { isMapping, type Mapping } from '../config/index.js';
import { PythonFloat } from '../values/index.js';
import type { DesiredDeployment } from './desired.js';
import { runsDeployment } from './snapshot.js';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** A deployment as `GET /deployments/name/{flow}/{name}` returns it (the fields compared here). */
export type CurrentDeployment = Mapping & { id: string };

/**
 * The body of `PATCH /deployments/{id}` the reference sends for this deployment (spec §5.7):
 * always the core fields, `enforce_parameter_schema` and `schedules` only when configured,
 * `paused` only when configured (the reference always sends it: see below),
 * `pull_steps` null in the custom-Dockerfile case.
 */
export function updateBody(d: DesiredDeployment): Mapping {
  const p = d.payload;
  const body: Mapping = {
    version: p.version,
    version_info: p.version_info,
    description: d.description,
    parameters: p.parameters,
  };
  // Deliberately unlike the reference: without `paused:` in prefect.yaml, an update keeps the
  // server's value, so a deployment paused in the UI stays paused.
  if (d.pausedConfigured) body.paused = p.paused;
  if (d.schedulesConfigured) body.schedules = d.schedules.map((s) => s.update);
  Object.assign(body, {
    concurrency_limit: p.concurrency_limit,
    concurrency_options: p.concurrency_options,
    tags: p.tags,
    work_queue_name: p.work_queue_name,
    work_pool_name: p.work_pool_name,
    job_variables: p.job_variables,
    entrypoint: p.entrypoint,
  });
  if (d.enforceParameterSchemaConfigured) body.enforce_parameter_schema = p.enforce_parameter_schema;
  body.parameter_openapi_schema = p.parameter_openapi_schema;
  body.pull_steps = d.pullStepsNull ? null : p.pull_steps;
  return body;
}

/**
 * Structural equality of JSON values; mapping key order does not matter, list order does. Numbers
 * compare as they travel: a float the file wrote as `1.0` equals the 1 the server's JSON reads back
 * as, and `.inf`/`.nan` equal the null they are sent as.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  a = asSent(a);
  b = asSent(b);
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isMapping(a) && isMapping(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function asSent(v: unknown): unknown {
  const n = v instanceof PythonFloat ? v.value : v;
  return typeof n === 'number' && !Number.isFinite(n) ? null : n;
}

const seconds = (v: unknown): unknown => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);

/** A schedule as the server returns it, reduced to what the deploy controls. */
function currentSchedule(s: Mapping): Mapping {
  const schedule = isMapping(s.schedule) ? { ...s.schedule } : {};
  if ('interval' in schedule) schedule.interval = seconds(schedule.interval);
  return { schedule, active: s.active, parameters: s.parameters ?? {}, slug: s.slug ?? null };
}

function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return a === b;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return !Number.isNaN(ta) && ta === tb;
}

/** Whether one configured schedule equals one of the server's. */
function scheduleMatches(desired: DesiredDeployment['schedules'][number], current: Mapping): boolean {
  const cur = currentSchedule(current);
  const want = desired.create;
  const curSchedule = cur.schedule as Mapping;
  const wantSchedule = { ...(want.schedule as unknown as Mapping) };
  if ('interval' in wantSchedule) {
    const anchorConfigured = 'anchor_date' in (desired.update.schedule as Mapping);
    if (!anchorConfigured || sameInstant(wantSchedule.anchor_date, curSchedule.anchor_date)) {
      wantSchedule.anchor_date = curSchedule.anchor_date;
    }
  }
  if ('cron' in wantSchedule && wantSchedule.timezone === null && curSchedule.timezone === 'UTC') wantSchedule.timezone = 'UTC';
  return jsonEqual(wantSchedule, curSchedule) && want.active === cur.active && jsonEqual(want.parameters, cur.parameters) && (want.slug ?? null) === cur.slug;
}

/**
 * Whether the configured schedules equal the server's, in any order: the server lists a
 * deployment's schedules newest first, not in the order they were given. An interval schedule
 * whose anchor was not configured matches any anchor: the reference re-anchors it at "now" on
 * every deploy, which changes nothing a user asked for, so we keep the server's.
 */
export function schedulesEqual(d: DesiredDeployment, current: readonly Mapping[]): boolean {
  if (!d.schedulesConfigured) return true;
  if (d.schedules.length !== current.length) return false;
  // A perfect matching (augmenting paths): an unanchored interval matches any anchor, so a greedy
  // pairing could take the row a more specific schedule needs.
  const owner: (number | undefined)[] = Array.from({ length: current.length }, () => undefined);
  const assign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < current.length; j++) {
      if (seen[j] || !scheduleMatches(d.schedules[i]!, current[j]!)) continue;
      seen[j] = true;
      if (owner[j] === undefined || assign(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  return d.schedules.every((_, i) => assign(i, new Array<boolean>(current.length).fill(false)));
}

/**
 * The fields a deploy would change on an existing deployment. Where the server normalizes a value
 * (no queue → "default", the limit on its global concurrency limit), the comparison does too.
 */
export function diffDeployment(d: DesiredDeployment, current: CurrentDeployment): FieldChange[] {
  const body = updateBody(d);
  const changes: FieldChange[] = [];
  const compare = (field: string, to: unknown, from: unknown, equal = jsonEqual(to, from)) => {
    if (!equal) changes.push({ field, from, to });
  };
  compare('description', body.description, current.description ?? null);
  compare('version', body.version, current.version ?? null);
  compare('parameters', body.parameters, current.parameters ?? {});
  if ('paused' in body) compare('paused', body.paused, current.paused ?? false);
  if (d.schedulesConfigured) {
    const cur = Array.isArray(current.schedules) ? (current.schedules as Mapping[]) : [];
    compare(
      'schedules',
      d.schedules.map((s) => s.create),
      cur.map(currentSchedule),
      schedulesEqual(d, cur),
    );
  }
  const gcl = isMapping(current.global_concurrency_limit) ? current.global_concurrency_limit : undefined;
  const currentLimit = (gcl?.limit as number | undefined) ?? (current.concurrency_limit as number | null | undefined) ?? null;
  compare('concurrency_limit', body.concurrency_limit, currentLimit);
  if (body.concurrency_options !== null || (currentLimit !== null && current.concurrency_options)) {
    const cur = isMapping(current.concurrency_options) ? current.concurrency_options : null;
    const want = isMapping(body.concurrency_options) ? { grace_period_seconds: null, ...body.concurrency_options } : null;
    const curFull = cur ? { grace_period_seconds: null, ...cur } : null;
    compare('concurrency_options', body.concurrency_options, cur, jsonEqual(want, curFull));
  }
  compare('tags', body.tags, current.tags ?? []);
  compare('work_pool_name', body.work_pool_name, current.work_pool_name ?? null);
  compare('work_queue_name', body.work_queue_name, current.work_queue_name ?? null, (body.work_queue_name ?? 'default') === (current.work_queue_name ?? 'default'));
  // The server writes job variables only when the update carries some, so {} never clears them.
  const jobVariables = body.job_variables as Mapping;
  if (Object.keys(jobVariables).length > 0) compare('job_variables', jobVariables, current.job_variables ?? {});
  compare('entrypoint', body.entrypoint, current.entrypoint ?? null);
  if ('enforce_parameter_schema' in body) compare('enforce_parameter_schema', body.enforce_parameter_schema, current.enforce_parameter_schema);
  compare('parameter_openapi_schema', body.parameter_openapi_schema, current.parameter_openapi_schema ?? null);
  compare('pull_steps', body.pull_steps, current.pull_steps ?? null);
  return changes;
}

/** What an automation body and a stored automation share, for comparison. */
function automationShape(a: Mapping): Mapping {
  const { id: _id, created: _c, updated: _u, account: _a, workspace: _w, ...rest } = a;
  return { ...rest, trigger: withoutIds(rest.trigger) };
}

/** Trigger fields that are sets: the reference sends them in Python's (per-process random) set order. */
const SET_FIELDS = new Set(['after', 'expect', 'for_each']);

/**
 * A trigger as compared: without the id the server gives every trigger (nested ones too), and with
 * its set-valued fields in a fixed order.
 */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!isMapping(value)) return value;
  const { id: _id, ...rest } = value;
  return Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, k === 'triggers' ? withoutIds(v) : SET_FIELDS.has(k) && Array.isArray(v) ? Array.from(v as unknown[], String).sort() : v]),
  );
}

/**
 * Whether the deployment's automations already are the wanted ones. The API lists automations
 * related to a deployment without telling which it owns, so this looks for each wanted body among
 * them and requires no other automation that runs this deployment; when unsure it answers no,
 * and the automations are replaced as the reference always does.
 */
export function automationsEqual(wanted: Mapping[], related: Mapping[], deploymentId: string): boolean {
  const candidates = related.filter((a) => runsDeployment(a, deploymentId)).map(automationShape);
  if (candidates.length !== wanted.length) return false;
  const unmatched = [...candidates];
  return wanted.every((w) => {
    const shape = automationShape(w);
    const i = unmatched.findIndex((c) => Object.entries(shape).every(([k, v]) => k === 'owner_resource' || jsonEqual(v, c[k])));
    if (i < 0) return false;
    unmatched.splice(i, 1);
    return true;
  });
}

/**
 * Which Prefect server releases a deploy can write to, and the fields of the bodies it writes that
 * older releases do not know.
 *
 * Derived from the servers themselves: the `/openapi.json` of 3.4.25, 3.6.29, 3.8.8 and 3.9.1 (the
 * releases the compatibility suite deploys to) compared for every schema a deploy writes
 * (DeploymentCreate, DeploymentUpdate, DeploymentScheduleCreate/Update, ConcurrencyOptions,
 * FlowCreate, AutomationCreate with its triggers and the run-deployment action), with
 * `scripts/compat/openapi-fields.py`. Only the two fields below differ in what a deploy sends. The
 * other differences do not reach it: 3.9 also takes durations and intervals as ISO 8601 text, but a
 * deploy sends seconds; 3.6 added plain-mapping `match`/`match_related` beside the resource
 * specification, the same JSON; 3.6 and 3.8 added actions (`force`, `delete-flow-run`) a deployment
 * trigger does not use. The first release having each field was found in the `prefect/server/schemas`
 * of the published wheels between 3.4.25 and 3.6.29.
 */

/** The oldest server release the compatibility suite deploys to. */
export const OLDEST_TESTED_SERVER = '3.4.25';
/** The releases the compatibility suite deploys to (`scripts/compat/prefect-*.lock`). */
export const TESTED_SERVERS = ['3.4.25', '3.6.29', '3.8.8', '3.9.1'] as const;

/** A field of the deployment body that servers older than `since` refuse or drop. */
export interface VersionedField {
  /** Where in `POST /deployments/` and `PATCH /deployments/{id}`; `*` is every item of a list. */
  path: readonly string[];
  /** Where it is set in prefect.yaml (the same `*` items as `path`). */
  yamlPath: readonly string[];
  /** The first server release that stores it. */
  since: string;
  /** What an older server does with it when it is sent. */
  older: 'refuses' | 'drops';
}

export const VERSIONED_DEPLOYMENT_FIELDS: readonly VersionedField[] = [
  // DeploymentScheduleCreate/Update forbid extra keys: even `"replaces": null` is a 422 before 3.6.17.
  { path: ['schedules', '*', 'replaces'], yamlPath: ['schedules', '*', 'replaces'], since: '3.6.17', older: 'refuses' },
  // ConcurrencyOptions ignores extra keys: an older server would drop it without a word.
  {
    path: ['concurrency_options', 'grace_period_seconds'],
    yamlPath: ['concurrency_limit', 'grace_period_seconds'],
    since: '3.6.6',
    older: 'drops',
  },
];

/** `3.4.25` → [3, 4, 25]; undefined for anything that is not a release number (pre-release suffixes are ignored). */
export function parseServerVersion(text: string): [number, number, number] | undefined {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** Negative when `a` is older than `b`; unparsable versions count as newest. */
export function compareServerVersions(a: string, b: string): number {
  const pa = parseServerVersion(a);
  const pb = parseServerVersion(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** Whether a server stores a field that came in `since`; an unknown version (Cloud) is taken as current. */
export function serverHas(version: string | undefined, since: string): boolean {
  return version === undefined || compareServerVersions(version, since) >= 0;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every place `path` reaches in `body`, as concrete paths (list indexes filled in), with the value there. */
export function valuesAt(body: unknown, path: readonly string[], at: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(body) ? body.flatMap((item, i) => valuesAt(item, rest, [...at, i])) : [];
  if (head === undefined || !isObject(body) || !(head in body)) return [];
  return rest.length === 0 ? [{ path: [...at, head], value: body[head] }] : valuesAt(body[head], rest, [...at, head]);
}

/**
 * The body without the versioned fields that are null: null is their default on every server that
 * has them, and servers without them may refuse even a null (the schedules' `replaces`).
 */
export function withoutNullVersionedFields<T extends Json>(body: T): T {
  let out: unknown = body;
  for (const field of VERSIONED_DEPLOYMENT_FIELDS) out = withoutNullAt(out, field.path);
  return out as T;
}

/**
 * `value` with the null at `path` left out, copying only the objects on the way to it: every other
 * value stays the very object it was (a deep clone would turn the engine's value markers, such as
 * the integral float sent as `1.0`, into plain objects).
 */
function withoutNullAt(value: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.map((item: unknown) => withoutNullAt(item, rest)) : value;
  if (head === undefined || !isObject(value) || !(head in value)) return value;
  if (rest.length > 0) return { ...value, [head]: withoutNullAt(value[head], rest) };
  if (value[head] !== null) return value;
  const { [head]: _null, ...kept } = value;
  return kept;
}

/** A field set in a deployment body that the server cannot store. */
export interface UnsupportedField {
  field: VersionedField;
  /** The concrete body path, e.g. `['schedules', 1, 'replaces']`. */
  path: (string | number)[];
  /** The same place in prefect.yaml. */
  yamlPath: (string | number)[];
}

/** The fields set (not null) in `body` that a server of this version cannot store. */
export function unsupportedFields(body: Json, version: string | undefined): UnsupportedField[] {
  const out: UnsupportedField[] = [];
  for (const field of VERSIONED_DEPLOYMENT_FIELDS) {
    if (serverHas(version, field.since)) continue;
    for (const { path, value } of valuesAt(body, field.path)) {
      if (value === null || value === undefined) continue;
      const indexes = path.filter((p) => typeof p === 'number');
      const yamlPath = field.yamlPath.map((p) => (p === '*' ? indexes.shift()! : p));
      out.push({ field, path, yamlPath });
    }
  }
  return out;
}

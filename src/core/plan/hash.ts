/**
 * A fingerprint of what a plan would register, stable across runs: the same prefect.yaml planned on
 * a pull request and deployed after the merge gives the same hash. Left out is whatever changes
 * from run to run without anyone asking for it: the commit a version was inferred from, the
 * version_info record, the "now" anchor of an interval schedule without `anchor_date`, and the
 * commit SHA wherever `{{ $GITHUB_SHA }}` put it (the PR's test merge commit differs from the
 * merged one).
 */
import { createHash } from 'node:crypto';
import { isMapping, type Mapping } from '../config/index.js';
import { qualifiedName, type DesiredDeployment } from './desired.js';

export interface FingerprintOptions {
  /** The commit being planned (GITHUB_SHA): it and its abbreviations become `<commit>`. */
  commit?: string;
  /** Applied to each deployment's normalized settings before hashing (e.g. to blank out secrets). */
  transform?: (value: Mapping) => Mapping;
  /**
   * What a prune deletes: each is an entry `delete flow/name` beside the deployments, so the hash
   * covers them and a deploy that would delete one the earlier plan did not show differs from it.
   */
  deletions?: readonly { flowName: string; name: string }[];
}

/** The fingerprint entry of a deletion. */
export const DELETION_PREFIX = 'delete ';

export interface DeploymentFingerprint {
  /** 16 hex digits over every field below. */
  hash: string;
  /** 8 hex digits per field, so a mismatch can say which fields changed. */
  fields: Record<string, string>;
}

export interface PlanFingerprint {
  /** 64 hex digits over every deployment's hash. */
  hash: string;
  /** By `flow/name`. */
  deployments: Record<string, DeploymentFingerprint>;
}

/** The settings of one deployment the way the fingerprint sees them. */
export function normalizedDeployment(d: DesiredDeployment, commit?: string): Mapping {
  const p = d.payload;
  const info = isMapping(p.version_info) ? p.version_info : {};
  const inferred = typeof info.commit_sha === 'string' && typeof p.version === 'string' && p.version.length >= 7 && info.commit_sha.startsWith(p.version);
  const value: Mapping = {
    name: d.name,
    flow_name: d.flowName,
    entrypoint: d.entrypoint,
    description: d.description,
    version: inferred ? null : p.version,
    version_type: info.type ?? null,
    tags: p.tags,
    parameters: p.parameters,
    parameter_openapi_schema: p.parameter_openapi_schema,
    enforce_parameter_schema: p.enforce_parameter_schema,
    paused: p.paused,
    concurrency_limit: p.concurrency_limit,
    concurrency_options: p.concurrency_options ?? null,
    work_pool_name: p.work_pool_name,
    work_queue_name: p.work_queue_name,
    job_variables: p.job_variables,
    pull_steps: d.pullStepsNull ? null : p.pull_steps,
    schedules: d.schedules.map((s) => {
      const schedule: Mapping = { ...s.create.schedule };
      if ('interval' in schedule && !('anchor_date' in (s.update.schedule as Mapping))) delete schedule.anchor_date;
      return { ...s.create, schedule };
    }),
    triggers: d.triggers,
    slas: d.slas ?? null,
  };
  return commit ? (replaceCommit(value, commit) as Mapping) : value;
}

export function fingerprintDeployments(deployments: readonly DesiredDeployment[], options: FingerprintOptions = {}): PlanFingerprint {
  const out: Record<string, DeploymentFingerprint> = {};
  for (const d of deployments) {
    let value = normalizedDeployment(d, options.commit);
    if (options.transform) value = options.transform(value);
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) fields[k] = sha256(canonicalJson(v)).slice(0, 8);
    out[qualifiedName(d)] = { hash: sha256(canonicalJson(value)).slice(0, 16), fields };
  }
  for (const d of options.deletions ?? []) {
    const key = `${DELETION_PREFIX}${qualifiedName(d)}`;
    out[key] = { hash: sha256(key).slice(0, 16), fields: {} };
  }
  const hash = sha256(canonicalJson(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.hash]))));
  return { hash, deployments: out };
}

export interface FingerprintDifference {
  deployment: string;
  /** `missing`: not in the earlier plan; `changed`: in both, different. */
  kind: 'missing' | 'changed';
  /** The fields that differ, when both sides carry field hashes. */
  fields: string[];
}

/**
 * What differs between an earlier plan and the deployments about to be registered: only the
 * deployments of `now` are compared (a deploy may register a subset of what was planned).
 */
export function compareFingerprints(earlier: PlanFingerprint, now: PlanFingerprint): FingerprintDifference[] {
  const out: FingerprintDifference[] = [];
  for (const [name, current] of Object.entries(now.deployments)) {
    const before = earlier.deployments[name];
    if (!before) {
      out.push({ deployment: name, kind: 'missing', fields: [] });
      continue;
    }
    if (before.hash === current.hash) continue;
    const keys = new Set([...Object.keys(before.fields), ...Object.keys(current.fields)]);
    const fields = [...keys].filter((k) => before.fields[k] !== current.fields[k]).sort();
    out.push({ deployment: name, kind: 'changed', fields: Object.keys(before.fields).length ? fields : [] });
  }
  return out;
}

/** JSON with mapping keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const k of Object.keys(value).sort()) if (value[k] !== undefined) out[k] = sortKeys(value[k]);
    return out;
  }
  return value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function replaceCommit(value: unknown, commit: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/[0-9a-f]{7,40}/gi, (m) => (commit.toLowerCase().startsWith(m.toLowerCase()) ? '<commit>' : m));
  }
  if (Array.isArray(value)) return value.map((v) => replaceCommit(v, commit));
  if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceCommit(v, commit)]));
  return value;
}

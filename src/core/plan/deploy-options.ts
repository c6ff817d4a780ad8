/**
 * The flags of `prefect deploy` that change a deployment (spec §1.8), applied to a config exactly
 * as `_apply_cli_options_to_deploy_config` does. They apply when one config is selected; with
 * several, the reference ignores them (only the default work pool setting fills empty pools).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMapping, type Mapping } from '../config/index.js';
import { parseYaml } from '../config/yaml.js';
import { deepCopy } from '../values/index.js';

export interface DeployOptions {
  entrypoint?: string;
  description?: string;
  version?: string;
  versionType?: string;
  tags?: string[];
  concurrencyLimit?: number;
  collisionStrategy?: string;
  workPoolName?: string;
  workQueueName?: string;
  jobVariables?: string[];
  cron?: string[];
  interval?: number[];
  anchorDate?: string;
  rrule?: string[];
  timezone?: string;
  param?: string[];
  params?: string;
  enforceParameterSchema?: boolean;
  /** `--trigger`: JSON text, or a `.yaml`/`.json` file with a top-level `triggers:` list; replaces the YAML triggers. */
  triggers?: string[];
  /** `--sla`: JSON text, or a `.yaml`/`.json` file with a top-level `sla:` list; replaces the YAML SLAs. */
  sla?: string[];
}

/**
 * `--trigger` / `--sla` values as the reference reads them: a path ending in `.yaml` or `.json`
 * (relative to the working directory) contributes its `key:` list, anything else is one JSON spec.
 */
export function gatherSpecs(values: readonly string[], key: 'triggers' | 'sla', cwd: string): unknown[] {
  const what = key === 'triggers' ? 'trigger' : 'SLA';
  const specs: unknown[] = [];
  for (const value of values) {
    try {
      if (value.endsWith('.yaml') || value.endsWith('.json')) {
        const text = readFileSync(path.resolve(cwd, value), 'utf8');
        let doc: unknown;
        if (value.endsWith('.json')) doc = JSON.parse(text);
        else {
          const parsed = parseYaml(text);
          if (parsed.errors.length) throw new Error(parsed.errors[0]!.message);
          doc = parsed.value;
        }
        const list = isMapping(doc) ? doc[key] : undefined;
        if (list !== undefined && list !== null && !Array.isArray(list)) throw new Error(`"${key}" must be a list`);
        specs.push(...((list as unknown[] | undefined) ?? []));
      } else {
        specs.push(JSON.parse(value));
      }
    } catch (e) {
      throw new DeployOptionError(`Failed to parse ${what}: ${value}. Error: ${(e as Error).message}`);
    }
  }
  return specs;
}

export class DeployOptionError extends Error {}

/** Whether any option that the multi-deployment path ignores was given (the reference warns then). */
export function hasDeployOptions(o: DeployOptions): boolean {
  return Object.entries(o).some(([key, v]) => key !== 'enforceParameterSchema' && v !== undefined && !(Array.isArray(v) && v.length === 0 && key !== 'sla'));
}

/** `_extract_variable`: `key=value` (value kept as text) or a JSON object. */
export function parseJobVariable(text: string): Mapping {
  const eq = text.indexOf('=');
  if (eq >= 0) return { [text.slice(0, eq)]: text.slice(eq + 1) };
  try {
    const parsed: unknown = JSON.parse(text);
    if (isMapping(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new DeployOptionError(
    `Could not parse variable: "${text}". Please ensure variables are either in the format \`key=value\` or are strings containing a valid JSON object.`,
  );
}

/**
 * Returns the config with the flags applied and the `--job-variable` overrides, which the reference
 * also injects into the step outputs.
 */
/*
 * (`--name` renames a single config in the reference only when it matched nothing; selection here
 * rejects such names, so the rename never applies.)
 */
export function applyDeployOptions(config: Mapping, o: DeployOptions): { config: Mapping; variableOverrides: Mapping; notices: string[] } {
  // deepCopy keeps integral floats (PythonFloat) what they are; structuredClone would not.
  const out: Mapping = deepCopy(config);
  const notices: string[] = [];
  if (o.param?.length && o.params !== undefined) throw new DeployOptionError('Can only pass one of `param` or `params` options');

  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) out[key] = value;
  };
  set('description', o.description);
  set('entrypoint', o.entrypoint);
  set('version', o.version);
  set('tags', o.tags);
  if (o.concurrencyLimit !== undefined) {
    if (o.collisionStrategy !== undefined && !['ENQUEUE', 'CANCEL_NEW'].includes(o.collisionStrategy)) {
      throw new DeployOptionError(`--collision-strategy must be ENQUEUE or CANCEL_NEW, got "${o.collisionStrategy}"`);
    }
    out.concurrency_limit =
      o.collisionStrategy === undefined ? o.concurrencyLimit : { limit: o.concurrencyLimit, collision_strategy: o.collisionStrategy, grace_period_seconds: null };
  }
  if (o.enforceParameterSchema === false) out.enforce_parameter_schema = false;

  const pool = (): Mapping => {
    if (!isMapping(out.work_pool)) out.work_pool = {};
    return out.work_pool as Mapping;
  };
  if (o.workPoolName) pool().name = o.workPoolName;
  if (o.workQueueName) pool().work_queue_name = o.workQueueName;
  const variableOverrides: Mapping = {};
  if (o.jobVariables?.length) {
    for (const v of o.jobVariables) Object.assign(variableOverrides, parseJobVariable(v));
    // The reference tests for a key that never exists, so the YAML job variables are always replaced.
    pool().job_variables = { ...variableOverrides };
  }

  const schedules = () => {
    if (!Array.isArray(out.schedules)) out.schedules = [];
    return out.schedules as Mapping[];
  };
  for (const cron of o.cron ?? []) schedules().push({ cron });
  for (const interval of o.interval ?? []) schedules().push({ interval });
  for (const rrule of o.rrule ?? []) schedules().push({ rrule });

  if (o.param?.length || o.params !== undefined) {
    let parameters: Mapping = {};
    for (const p of o.param ?? []) {
      const eq = p.indexOf('=');
      if (eq < 0) throw new DeployOptionError(`--param "${p}" must be key=value`);
      const raw = p.slice(eq + 1);
      try {
        parameters[p.slice(0, eq)] = JSON.parse(raw);
        notices.push(`The parameter value ${raw} is parsed as a JSON string`);
      } catch {
        parameters[p.slice(0, eq)] = raw;
      }
    }
    if (o.params !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(o.params);
      } catch (e) {
        throw new DeployOptionError(`--params is not valid JSON: ${(e as Error).message}`);
      }
      if (!isMapping(parsed)) throw new DeployOptionError('--params must be a JSON object');
      parameters = parsed;
    }
    if (!isMapping(out.parameters)) out.parameters = {};
    Object.assign(out.parameters as Mapping, parameters);
  }

  for (const item of Array.isArray(out.schedules) ? (out.schedules as unknown[]) : []) {
    if (!isMapping(item)) continue;
    if (o.anchorDate && item.interval) item.anchor_date = o.anchorDate;
    if (o.timezone) item.timezone = o.timezone;
  }
  return { config: out, variableOverrides, notices };
}

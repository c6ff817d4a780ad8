/**
 * Deployment trigger specs → validated triggers, as `_initialize_deployment_triggers` does it with
 * the `DeploymentTriggerTypes` models of Prefect 3.9.1 (spec §5.9). Unknown keys are ignored
 * (`extra="ignore"` on every model); fields are coerced as pydantic's lax mode does. Unlike the
 * reference, which stops at the first bad trigger, every problem is reported.
 */
import type { FieldError } from '../diagnostics.js';
import { isMapping, type Mapping } from '../values/index.js';
import { didYouMean } from '../util/suggest.js';
import { duration, type TimedeltaResult } from './duration.js';
import { describe, laxBool, laxFloat, laxInt, laxOptionalMapping, laxStr, laxStringSet, oneOf, type Lax } from './lax.js';
import {
  EVENT_POSTURES,
  METRIC_OPERATORS,
  TRIGGER_TYPES,
  type CompoundTrigger,
  type DeploymentTrigger,
  type EventTrigger,
  type MetricOperator,
  type MetricTrigger,
  type MetricTriggerQuery,
  type ResourceSpecification,
  type SequenceTrigger,
  type Trigger,
  type TriggerType,
} from './types.js';

type Path = (string | number)[];

const PROACTIVE_MINIMUM_WITHIN = 10;
const METRIC_MINIMUM_RANGE = 300;

/**
 * Validates a deployment's trigger specs (after templating, §2.8 A.11). `deploymentName` is the name
 * used for the default automation names `<deployment name>__automation_<n>`. Error paths start at
 * the index in the list (`[0, 'metric', 'range']`). `triggers` holds the valid ones only.
 */
export function validateTriggers(specs: readonly unknown[], deploymentName: string): { triggers: DeploymentTrigger[]; errors: FieldError[] } {
  const triggers: DeploymentTrigger[] = [];
  const errors: FieldError[] = [];
  specs.forEach((spec, i) => {
    const checker = new Checker();
    const trigger = checker.deploymentTrigger(spec, [i], `${deploymentName}__automation_${i + 1}`);
    if (trigger !== undefined && checker.errors.length === 0) triggers.push(trigger);
    errors.push(...checker.errors);
  });
  return { triggers, errors };
}

class Checker {
  readonly errors: FieldError[] = [];

  deploymentTrigger(spec: unknown, path: Path, defaultName: string): DeploymentTrigger | undefined {
    if (!isMapping(spec)) {
      this.fail(path, `each trigger must be a mapping, got ${describe(spec)}`);
      return undefined;
    }
    const type = this.triggerType(spec, path, deploymentDiscriminator);
    const name = 'name' in spec ? this.field(spec, 'name', path, (v): Lax<string | null> => (v === null ? { value: null } : laxStr(v))) : defaultName;
    const description = this.field(spec, 'description', path, laxStr) ?? '';
    const enabled = this.field(spec, 'enabled', path, laxBool) ?? true;
    const parameters = this.field(spec, 'parameters', path, laxOptionalMapping) ?? null;
    const jobVariables = this.field(spec, 'job_variables', path, laxOptionalMapping) ?? null;
    const scheduleAfter = this.field(spec, 'schedule_after', path, (v) => nonNegative(duration(v), 'schedule_after must not be negative')) ?? 0;
    if (type === undefined) return undefined;
    const trigger = this.triggerOfType(type, spec, path);
    if (trigger === undefined || name === undefined) return undefined;
    return { name, description, enabled, parameters, jobVariables, scheduleAfter, trigger };
  }

  /** A trigger nested in a compound or sequence trigger: a plain trigger, deployment fields ignored. */
  nestedTrigger(spec: unknown, path: Path): Trigger | undefined {
    if (!isMapping(spec)) {
      this.fail(path, `each nested trigger must be a mapping, got ${describe(spec)}`);
      return undefined;
    }
    const type = this.triggerType(spec, path, nestedDiscriminator);
    return type === undefined ? undefined : this.triggerOfType(type, spec, path);
  }

  private triggerType(spec: Mapping, path: Path, discriminate: (spec: Mapping) => TriggerType): TriggerType | undefined {
    if (!('type' in spec)) return discriminate(spec);
    const type = spec.type;
    if (typeof type === 'string' && (TRIGGER_TYPES as readonly string[]).includes(type)) return type as TriggerType;
    const hint = typeof type === 'string' ? didYouMean(type, TRIGGER_TYPES) : '';
    this.fail([...path, 'type'], `unknown trigger type ${describe(type)}${hint}; use one of ${oneOf(TRIGGER_TYPES)}, or leave it out to infer it`);
    return undefined;
  }

  private triggerOfType(type: TriggerType, spec: Mapping, path: Path): Trigger | undefined {
    switch (type) {
      case 'event':
        return this.eventTrigger(spec, path);
      case 'metric':
        return this.metricTrigger(spec, path);
      case 'compound':
        return this.compoundTrigger(spec, path);
      case 'sequence':
        return this.sequenceTrigger(spec, path);
    }
  }

  private eventTrigger(spec: Mapping, path: Path): EventTrigger | undefined {
    const before = this.errors.length;
    const match = this.field(spec, 'match', path, (v) => this.resourceSpecification(v)) ?? {};
    const matchRelated = this.matchRelated(spec, path);
    const after = this.field(spec, 'after', path, laxStringSet) ?? [];
    const expect = this.field(spec, 'expect', path, laxStringSet) ?? [];
    const forEach = this.field(spec, 'for_each', path, laxStringSet) ?? [];
    const posture =
      this.field(spec, 'posture', path, (v) =>
        (EVENT_POSTURES as readonly unknown[]).includes(v)
          ? { value: v as EventTrigger['posture'] }
          : {
              error: `should be one of ${oneOf(EVENT_POSTURES)} for an event trigger, got ${describe(v)}${v === 'Metric' ? ' (a metric trigger needs a `metric` query and no `type: event`)' : ''}`,
            },
      ) ?? 'Reactive';
    const threshold = this.field(spec, 'threshold', path, laxInt) ?? 1;
    const within = this.eventWithin(spec, path);
    if (this.errors.length > before || within === undefined) return undefined;
    return { type: 'event', match, match_related: matchRelated, after, expect, for_each: forEach, posture, threshold, within };
  }

  /** `within` as EventTrigger's before-validator and field constraint (`ge=0`) check it. */
  private eventWithin(spec: Mapping, path: Path): number | undefined {
    const proactive = spec.posture === 'Proactive';
    if (!('within' in spec)) return proactive ? PROACTIVE_MINIMUM_WITHIN : 0;
    const parsed = spec.within === null ? { error: 'should be a duration (seconds or ISO 8601), got null' } : duration(spec.within);
    if ('error' in parsed) {
      this.fail([...path, 'within'], parsed.error);
      return undefined;
    }
    if (proactive) {
      if (parsed.seconds === 0) return PROACTIVE_MINIMUM_WITHIN;
      if (parsed.seconds < PROACTIVE_MINIMUM_WITHIN) {
        this.fail([...path, 'within'], `must be at least ${PROACTIVE_MINIMUM_WITHIN} seconds for a Proactive trigger, got ${parsed.seconds}`);
        return undefined;
      }
    } else if (parsed.seconds < 0) {
      this.fail([...path, 'within'], `must not be negative, got ${parsed.seconds} seconds`);
      return undefined;
    }
    return parsed.seconds;
  }

  private metricTrigger(spec: Mapping, path: Path): MetricTrigger | undefined {
    const before = this.errors.length;
    const match = this.field(spec, 'match', path, (v) => this.resourceSpecification(v)) ?? {};
    const matchRelated = this.matchRelated(spec, path);
    this.field(spec, 'posture', path, (v) => (v === 'Metric' ? { value: v } : { error: `should be "Metric" for a metric trigger, got ${describe(v)}` }));
    let metric: MetricTriggerQuery | undefined;
    if (!('metric' in spec)) this.fail([...path, 'metric'], 'a metric trigger needs a `metric` query (name, threshold, operator)');
    else metric = this.metricQuery(spec.metric, [...path, 'metric']);
    if (this.errors.length > before || metric === undefined) return undefined;
    return { type: 'metric', match, match_related: matchRelated, posture: 'Metric', metric };
  }

  private metricQuery(query: unknown, path: Path): MetricTriggerQuery | undefined {
    if (!isMapping(query)) {
      this.fail(path, `should be a mapping with name, threshold and operator, got ${describe(query)}`);
      return undefined;
    }
    const before = this.errors.length;
    const name = this.required(query, 'name', path, laxStr, 'the metric to query (lateness, duration or successes)');
    const threshold = this.required(query, 'threshold', path, laxFloat, 'the value to compare the metric with');
    const operator = this.required(
      query,
      'operator',
      path,
      (v): Lax<MetricOperator> =>
        (METRIC_OPERATORS as readonly unknown[]).includes(v)
          ? { value: v as MetricOperator }
          : { error: `should be one of ${oneOf(METRIC_OPERATORS)}, got ${describe(v)}` },
      `one of ${oneOf(METRIC_OPERATORS)}`,
    );
    const range = this.field(query, 'range', path, minimumRange) ?? METRIC_MINIMUM_RANGE;
    const firingFor = this.field(query, 'firing_for', path, minimumRange) ?? METRIC_MINIMUM_RANGE;
    if (this.errors.length > before || name === undefined || threshold === undefined || operator === undefined) return undefined;
    return { name, threshold, operator, range, firing_for: firingFor };
  }

  private compoundTrigger(spec: Mapping, path: Path): CompoundTrigger | undefined {
    const before = this.errors.length;
    const triggers = this.nestedTriggers(spec, path);
    const within = this.compositeWithin(spec, path);
    const require = this.required(
      spec,
      'require',
      path,
      (v): Lax<number | 'any' | 'all'> => {
        if (v === 'any' || v === 'all') return { value: v };
        const n = laxInt(v);
        return 'value' in n ? n : { error: `should be a number of triggers, "any" or "all", got ${describe(v)}` };
      },
      'how many of the triggers must fire: a number, "any" or "all"',
    );
    if (this.errors.length > before || triggers === undefined || require === undefined) return undefined;
    if (typeof require === 'number') {
      if (require < 1) this.fail([...path, 'require'], `must be at least 1, got ${require}`);
      else if (require > triggers.length) {
        this.fail([...path, 'require'], `must not exceed the number of triggers (${triggers.length}), got ${require}`);
      }
      if (this.errors.length > before) return undefined;
    }
    return { type: 'compound', triggers, within, require };
  }

  private sequenceTrigger(spec: Mapping, path: Path): SequenceTrigger | undefined {
    const before = this.errors.length;
    const triggers = this.nestedTriggers(spec, path);
    const within = this.compositeWithin(spec, path);
    if (this.errors.length > before || triggers === undefined) return undefined;
    return { type: 'sequence', triggers, within };
  }

  private nestedTriggers(spec: Mapping, path: Path): Trigger[] | undefined {
    if (!('triggers' in spec)) {
      this.fail([...path, 'triggers'], 'a compound or sequence trigger needs a `triggers` list');
      return undefined;
    }
    if (!Array.isArray(spec.triggers)) {
      this.fail([...path, 'triggers'], `should be a list of triggers, got ${describe(spec.triggers)}`);
      return undefined;
    }
    const nested = spec.triggers.map((t, j) => this.nestedTrigger(t, [...path, 'triggers', j]));
    return nested.every((t) => t !== undefined) ? nested : undefined;
  }

  /** Composite triggers' `within`: optional, any sign (the model has no bound). */
  private compositeWithin(spec: Mapping, path: Path): number | null {
    return this.field(spec, 'within', path, (v): Lax<number | null> => (v === null ? { value: null } : toLax(duration(v)))) ?? null;
  }

  private matchRelated(spec: Mapping, path: Path): ResourceSpecification | ResourceSpecification[] {
    return (
      this.field(spec, 'match_related', path, (v): Lax<ResourceSpecification | ResourceSpecification[]> => {
        if (!Array.isArray(v)) return this.resourceSpecification(v);
        const items = v.map((item) => this.resourceSpecification(item));
        const bad = items.findIndex((r) => 'error' in r);
        if (bad >= 0) return { error: `item ${bad} ${(items[bad] as { error: string }).error}` };
        return { value: items.map((r) => (r as { value: ResourceSpecification }).value) };
      }) ?? {}
    );
  }

  /** `ResourceSpecification`: label → a string or a list of strings. Errors on labels are reported here. */
  private resourceSpecification(value: unknown): Lax<ResourceSpecification> {
    if (!isMapping(value)) return { error: `should be a mapping of resource labels to a string or a list of strings, got ${describe(value)}` };
    const result: ResourceSpecification = {};
    let error: string | undefined;
    for (const [label, v] of Object.entries(value)) {
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) result[label] = v;
      else error ??= `label ${JSON.stringify(label)} should be a string or a list of strings, got ${describe(v)}`;
    }
    return error === undefined ? { value: result } : { error };
  }

  /** An optional field: undefined when absent or invalid (the error is recorded). */
  private field<T>(spec: Mapping, key: string, path: Path, check: (v: unknown) => Lax<T>): T | undefined {
    if (!(key in spec)) return undefined;
    const result = check(spec[key]);
    if ('error' in result) {
      this.fail([...path, key], result.error);
      return undefined;
    }
    return result.value;
  }

  private required<T>(spec: Mapping, key: string, path: Path, check: (v: unknown) => Lax<T>, what: string): T | undefined {
    if (!(key in spec)) {
      this.fail([...path, key], `is required: ${what}`);
      return undefined;
    }
    return this.field(spec, key, path, check);
  }

  private fail(path: Path, message: string): void {
    this.errors.push({ path, message });
  }
}

/** `deployment_trigger_discriminator`: `posture: Metric` is looked at before `triggers`. */
function deploymentDiscriminator(spec: Mapping): TriggerType {
  if (spec.posture === 'Metric') return 'metric';
  if ('triggers' in spec) return 'require' in spec ? 'compound' : 'sequence';
  return 'event';
}

/** `trigger_discriminator` (nested triggers): `triggers` is looked at before `posture: Metric`. */
function nestedDiscriminator(spec: Mapping): TriggerType {
  if ('triggers' in spec) return 'require' in spec ? 'compound' : 'sequence';
  if (spec.posture === 'Metric') return 'metric';
  return 'event';
}

function minimumRange(value: unknown): Lax<number> {
  const parsed = duration(value);
  if ('error' in parsed) return parsed;
  if (parsed.seconds < METRIC_MINIMUM_RANGE) return { error: `must be at least ${METRIC_MINIMUM_RANGE} seconds (5 minutes), got ${parsed.seconds}` };
  return { value: parsed.seconds };
}

function nonNegative(parsed: TimedeltaResult, message: string): Lax<number> {
  if ('error' in parsed) return parsed;
  return parsed.seconds < 0 ? { error: message } : { value: parsed.seconds };
}

function toLax(parsed: TimedeltaResult): Lax<number> {
  return 'error' in parsed ? parsed : { value: parsed.seconds };
}

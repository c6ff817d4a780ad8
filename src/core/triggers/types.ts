/**
 * Deployment triggers after validation. The `Trigger` shapes are the wire form of Prefect's trigger
 * models (`prefect.events.schemas.automations`): snake_case keys in the order the reference
 * serialises them, durations in float seconds, sets as lists (first occurrence order).
 */
import type { Mapping } from '../values/index.js';

export type ResourceSpecification = Record<string, string | string[]>;

export const TRIGGER_TYPES = ['event', 'metric', 'compound', 'sequence'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const EVENT_POSTURES = ['Reactive', 'Proactive'] as const;
export const METRIC_OPERATORS = ['<', '<=', '>', '>='] as const;
export type MetricOperator = (typeof METRIC_OPERATORS)[number];
/** The metrics Prefect 3.9 knows; the reference also accepts any other string (kept for Cloud). */
export const PREFECT_METRICS = ['lateness', 'duration', 'successes'] as const;

export interface EventTrigger {
  type: 'event';
  match: ResourceSpecification;
  match_related: ResourceSpecification | ResourceSpecification[];
  after: string[];
  expect: string[];
  for_each: string[];
  posture: (typeof EVENT_POSTURES)[number];
  threshold: number;
  within: number;
}

export interface MetricTriggerQuery {
  name: string;
  threshold: number;
  operator: MetricOperator;
  range: number;
  firing_for: number;
}

export interface MetricTrigger {
  type: 'metric';
  match: ResourceSpecification;
  match_related: ResourceSpecification | ResourceSpecification[];
  posture: 'Metric';
  metric: MetricTriggerQuery;
}

export interface CompoundTrigger {
  type: 'compound';
  triggers: Trigger[];
  within: number | null;
  require: number | 'any' | 'all';
}

export interface SequenceTrigger {
  type: 'sequence';
  triggers: Trigger[];
  within: number | null;
}

export type Trigger = EventTrigger | MetricTrigger | CompoundTrigger | SequenceTrigger;

/** One entry of a deployment's `triggers:` list: the automation and run-deployment fields plus the trigger. */
export interface DeploymentTrigger {
  /** null only when the spec said `name: null` (the automation is then named after the deployment id). */
  name: string | null;
  description: string;
  enabled: boolean;
  parameters: Mapping | null;
  jobVariables: Mapping | null;
  /** Seconds. */
  scheduleAfter: number;
  trigger: Trigger;
}

export const SLA_SEVERITIES = ['minor', 'low', 'moderate', 'high', 'critical'] as const;
export type SlaSeverity = (typeof SLA_SEVERITIES)[number];

/** Prefect's SLA kinds, each named by the one field that selects it. */
export type SlaKind = 'duration' | 'within' | 'stale_after';

/**
 * A validated SLA. Only the fields the spec gave are kept (the reference sends `exclude_unset`), so
 * `severity` and `enabled` are absent when not given.
 */
export interface Sla {
  kind: SlaKind;
  name: string;
  severity?: SlaSeverity;
  enabled?: boolean | null;
  /** `duration` in whole seconds, or `within` / `stale_after` in float seconds. */
  value: number;
}

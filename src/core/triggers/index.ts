/**
 * triggers/: deployment triggers and SLAs checked as Prefect's models do and turned into automation
 * and SLA bodies. May import core/values, core/util and core/diagnostics.
 */
export { validateTriggers } from './validate.js';
export { automationBody, ownerResource } from './automation.js';
export { validateSlas, slaBodies } from './sla.js';
export { parseTimedelta } from './duration.js';
export {
  EVENT_POSTURES,
  METRIC_OPERATORS,
  PREFECT_METRICS,
  SLA_SEVERITIES,
  TRIGGER_TYPES,
  type CompoundTrigger,
  type DeploymentTrigger,
  type EventTrigger,
  type MetricOperator,
  type MetricTrigger,
  type MetricTriggerQuery,
  type ResourceSpecification,
  type SequenceTrigger,
  type Sla,
  type SlaKind,
  type SlaSeverity,
  type Trigger,
  type TriggerType,
} from './types.js';

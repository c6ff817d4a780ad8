/**
 * schedules/: prefect.yaml schedules (cron, interval, rrule) checked and converted to the API's
 * bodies as Prefect does, and their next runs for the plan. May import core/values and
 * core/diagnostics only.
 */
export type {
  ConvertedSchedule,
  CronSchedule,
  DeploymentScheduleCreate,
  DeploymentScheduleUpdate,
  IntervalSchedule,
  RawScheduleItem,
  RRuleSchedule,
  Schedule,
} from './types.js';
export { isCronSchedule, isIntervalSchedule, isRRuleSchedule } from './types.js';
export { validateRawScheduleItem } from './validate.js';
export { convertScheduleItem, type ConversionOptions, type ConversionResult } from './convert.js';
export { nextRunTimes } from './nextRuns.js';
export { parseDuration } from './duration.js';

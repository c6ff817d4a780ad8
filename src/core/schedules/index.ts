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

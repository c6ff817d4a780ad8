import { checkCron, cronNextRuns } from './cron.js';
import { formatRunTime, intervalNextRuns } from './interval.js';
import { rruleNextRuns } from './rrule.js';
import { isValidTimezone } from './timezone.js';
import { isCronSchedule, isIntervalSchedule, type Schedule } from './types.js';

/**
 * The next `count` runs at or after `after`, as ISO strings in the schedule's timezone — what
 * Prefect's scheduler would create (`schedule.get_dates(count, start=after)`). Empty when the
 * schedule cannot produce any (an invalid one included: conversion reports those).
 */
export function nextRunTimes(schedule: Schedule, count: number, after: Date): string[] {
  const runs = computeRuns(schedule, count, after);
  // Python's datetime ends at year 9999: the scheduler fails on such a run and creates none.
  return runs.some((run) => !/^\d{4}-/.test(run)) ? [] : runs;
}

function computeRuns(schedule: Schedule, count: number, after: Date): string[] {
  if (count <= 0) return [];
  const zone = schedule.timezone || 'UTC';
  // The JSON rrule form can carry an unchecked zone; the scheduler cannot place runs in it.
  if (!isValidTimezone(zone)) return [];
  try {
    if (isCronSchedule(schedule)) {
      const check = checkCron(schedule.cron);
      if (!check.ok) return [];
      return cronNextRuns(check.translation, schedule.day_or, zone, count, after).map(formatRunTime);
    }
    if (isIntervalSchedule(schedule)) {
      return intervalNextRuns(schedule.interval, schedule.anchor_date, zone, count, after).map(formatRunTime);
    }
    return rruleNextRuns(schedule.rrule, zone, count, after).map(formatRunTime);
  } catch {
    return [];
  }
}

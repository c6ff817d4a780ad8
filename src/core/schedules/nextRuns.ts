import { checkCron, cronNextRuns } from './cron.js';
import { formatRunTime, intervalNextRuns } from './interval.js';
import { rruleNextRuns } from './rrule.js';
import { isValidTimezone, rememberingZone } from './timezone.js';
import { isCronSchedule, isIntervalSchedule, type Schedule } from './types.js';

/**
 * The next `count` runs at or after `after`, as ISO strings in the schedule's timezone — what
 * Prefect's scheduler would create (`schedule.get_dates(count, start=after)`). Empty when the
 * schedule cannot produce any (an invalid one included: conversion reports those).
 */
export function nextRunTimes(schedule: Schedule, count: number, after: Date): string[] {
  // The deployments of a plan share schedules (and its "now"): each is worked out once.
  const key = keyOf(schedule, count, after);
  let runs = key === undefined ? undefined : known.get(key);
  if (!runs) {
    if (known.size >= MAX_KNOWN) known.clear();
    runs = computeRuns(schedule, count, after);
    // Python's datetime ends at year 9999: the scheduler fails on such a run and creates none.
    if (runs.some((run) => !/^\d{4}-/.test(run))) runs = [];
    if (key !== undefined) known.set(key, runs);
  }
  return [...runs];
}

function keyOf(schedule: Schedule, count: number, after: Date): string | undefined {
  try {
    return JSON.stringify([schedule, count, after.getTime()]);
  } catch {
    return undefined; // a value JSON cannot hold (a bigint): worked out each time
  }
}

const known = new Map<string, string[]>();
const MAX_KNOWN = 10_000;

function computeRuns(schedule: Schedule, count: number, after: Date): string[] {
  if (count <= 0) return [];
  const zone = schedule.timezone || 'UTC';
  // The JSON rrule form can carry an unchecked zone; the scheduler cannot place runs in it.
  if (!isValidTimezone(zone)) return [];
  try {
    if (isCronSchedule(schedule)) {
      const check = checkCron(schedule.cron);
      if (!check.ok) return [];
      return cronNextRuns(check.translation, schedule.day_or, rememberingZone(zone), count, after).map(formatRunTime);
    }
    if (isIntervalSchedule(schedule)) {
      return intervalNextRuns(schedule.interval, schedule.anchor_date, zone, count, after).map(formatRunTime);
    }
    return rruleNextRuns(schedule.rrule, zone, count, after).map(formatRunTime);
  } catch {
    return [];
  }
}

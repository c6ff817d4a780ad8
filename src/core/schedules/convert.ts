import { DateTime } from './luxon.js';
import type { FieldError } from '../diagnostics.js';
import { checkCron } from './cron.js';
import { parseDuration } from './duration.js';
import { formatAnchorDate, parseAnchorDate } from './interval.js';
import { checkRRule, normalizeRRule } from './rrule.js';
import { isValidTimezone } from './timezone.js';
import type { ConvertedSchedule, CronSchedule, DeploymentScheduleCreate, DeploymentScheduleUpdate, IntervalSchedule, RRuleSchedule, Schedule } from './types.js';

export type ConversionResult = { ok: true; value: ConvertedSchedule } | { ok: false; error: FieldError };

export interface ConversionOptions {
  /** Deploy time: the default `anchor_date` and the DTSTART of high-frequency rrules. */
  now?: Date;
}

type Path = (string | number)[];

/** Python truthiness, which is what `schedule_config.get("cron")` and friends are tested with. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/**
 * Prefect's `_schedule_config_to_deployment_schedule` followed by `DeploymentScheduleCreate(**…)`
 * (create) and `DeploymentScheduleUpdate(**…)` dumped with `exclude_unset` (update). `item` is the
 * raw item after step-output templating; `path` locates it (`['schedules', 0]`).
 */
/** 1e9 days in seconds: the first interval Python's timedelta cannot hold. */
const MAX_INTERVAL_SECONDS = 86_400_000_000_000;

export function convertScheduleItem(item: Record<string, unknown>, path: Path, options: ConversionOptions = {}): ConversionResult {
  const now = options.now ?? new Date();
  const fail = (key: string | undefined, message: string): ConversionResult => ({
    ok: false,
    error: { path: key === undefined ? path : [...path, key], message },
  });
  const timezone = item.timezone;
  let built: { schedule: Schedule; given: Partial<Record<string, unknown>> };
  let rruleAsWritten: string | undefined;

  if (truthy(item.cron)) {
    const cron = item.cron;
    if (typeof cron !== 'string') return fail('cron', 'Input should be a valid string');
    const check = checkCron(cron);
    if (!check.ok) return fail('cron', check.message);
    if (timezone !== undefined && timezone !== null) {
      if (typeof timezone !== 'string') return fail('timezone', 'Input should be a valid string');
      if (timezone !== '' && !isValidTimezone(timezone)) return fail('timezone', invalidTimezone(timezone));
    }
    let dayOr = true;
    if (item.day_or !== undefined && item.day_or !== null) {
      const parsed = parseBool(item.day_or);
      if (parsed === undefined) return fail('day_or', 'Input should be a valid boolean, unable to interpret input');
      dayOr = parsed;
    }
    const schedule: CronSchedule = { cron, timezone: timezone ?? null, day_or: dayOr };
    const given: Partial<CronSchedule> = { cron };
    if (timezone !== undefined && timezone !== null) given.timezone = timezone;
    if (item.day_or !== undefined && item.day_or !== null) given.day_or = dayOr;
    built = { schedule, given };
  } else if (truthy(item.interval)) {
    const duration = parseDuration(item.interval);
    if ('error' in duration) return fail('interval', duration.error);
    if (duration.seconds <= 0) return fail('interval', 'Input should be greater than 0 seconds');
    // Python's timedelta, and so the server's IntervalSchedule, stops short of a billion days: the
    // server would refuse the deployment only once others were written.
    if (duration.seconds >= MAX_INTERVAL_SECONDS)
      return fail('interval', `interval ${pythonRepr(item.interval)} is longer than the server accepts (durations may not exceed 999,999,999 days)`);
    let anchor: DateTime = DateTime.fromJSDate(now, { zone: 'utc' });
    const anchorGiven = truthy(item.anchor_date);
    if (anchorGiven) {
      const parsed = typeof item.anchor_date === 'string' ? parseAnchorDate(item.anchor_date) : undefined;
      if (parsed === undefined) return fail('anchor_date', `Unable to parse string [${String(item.anchor_date)}]`);
      anchor = parsed;
    }
    let zone = 'UTC';
    if (timezone !== undefined && timezone !== null) {
      if (typeof timezone !== 'string') return fail('timezone', 'Input should be a valid string');
      if (timezone !== '' && !isValidTimezone(timezone)) return fail('timezone', invalidTimezone(timezone));
      zone = timezone;
    }
    const schedule: IntervalSchedule = { interval: duration.seconds, anchor_date: formatAnchorDate(anchor), timezone: zone };
    const given: Partial<IntervalSchedule> = { interval: duration.seconds };
    if (anchorGiven) given.anchor_date = schedule.anchor_date;
    given.timezone = zone;
    built = { schedule, given };
  } else if (truthy(item.rrule)) {
    const result = rruleSchedule(item.rrule, timezone);
    if ('error' in result) return fail(result.key, result.error);
    const normalized = normalizeRRule(result.schedule.rrule, result.schedule.timezone, now);
    if (normalized !== result.schedule.rrule) {
      // Prefect rebuilds the schedule here, which validates a timezone the JSON form set unchecked.
      const tzError = rruleTimezoneError(result.schedule.timezone);
      if (tzError !== undefined) return fail('timezone', tzError);
      rruleAsWritten = result.schedule.rrule;
      result.schedule = { rrule: normalized, timezone: result.schedule.timezone };
      result.given = { ...result.schedule };
    }
    built = { schedule: result.schedule, given: result.given };
  } else {
    return fail(undefined, `Unknown schedule type. Please provide a valid schedule. schedule=${pythonRepr(item)}`);
  }

  let active: boolean | undefined;
  if (item.active !== undefined && item.active !== null) {
    active = parseBool(item.active);
    if (active === undefined) {
      return fail('active', `active must be able to be parsed as a boolean, got ${pythonRepr(item.active)} of type <class '${pythonType(item.active)}'>`);
    }
  }
  const parameters = truthy(item.parameters) ? (item.parameters as Record<string, unknown>) : undefined;
  const slug = truthy(item.slug) ? String(item.slug) : undefined;
  const replaces = truthy(item.replaces) ? String(item.replaces) : undefined;

  const create: DeploymentScheduleCreate = {
    schedule: built.schedule,
    active: active ?? true,
    max_scheduled_runs: null,
    parameters: parameters ?? {},
    slug: slug ?? null,
    replaces: replaces ?? null,
  };
  const update: DeploymentScheduleUpdate = { schedule: built.given };
  if (active !== undefined) update.active = active;
  if (parameters !== undefined) update.parameters = parameters;
  if (slug !== undefined) update.slug = slug;
  if (replaces !== undefined) update.replaces = replaces;
  return { ok: true, value: { create, update, ...(rruleAsWritten !== undefined ? { rruleAsWritten } : {}) } };
}

type RRuleBuild = { schedule: RRuleSchedule; given: Partial<RRuleSchedule> } | { key: string; error: string };

function rruleSchedule(text: unknown, timezone: unknown): RRuleBuild {
  if (typeof text !== 'string') return { key: 'rrule', error: 'Input should be a valid string' };
  let fields: unknown;
  let isJson = true;
  try {
    fields = JSON.parse(text);
  } catch {
    isJson = false;
  }
  if (!isJson) {
    const error = checkRRule(text) ?? rruleTimezoneError(timezone);
    if (error !== undefined) return { key: error.startsWith('Invalid RRule') ? 'rrule' : 'timezone', error };
    const schedule: RRuleSchedule = { rrule: text, timezone: (timezone as string | null | undefined) ?? 'UTC' };
    return { schedule, given: { ...schedule } };
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    const kind = Array.isArray(fields) ? 'list' : pythonType(fields);
    return { key: 'rrule', error: `prefect.client.schemas.schedules.RRuleSchedule() argument after ** must be a mapping, not ${kind}` };
  }
  const obj = fields as Record<string, unknown>;
  const extra = Object.keys(obj).find((k) => k !== 'rrule' && k !== 'timezone');
  if (typeof obj.rrule !== 'string') return { key: 'rrule', error: obj.rrule === undefined ? 'Field required' : 'Input should be a valid string' };
  const error = checkRRule(obj.rrule) ?? rruleTimezoneError(obj.timezone);
  if (error !== undefined) return { key: 'rrule', error };
  // Prefect: "Extra inputs are not permitted", without the key, which is inside the JSON text.
  if (extra !== undefined) return { key: 'rrule', error: `extra key "${extra}" in the RRule JSON not permitted (remove it; allowed: rrule, timezone)` };
  const given: Partial<RRuleSchedule> = { rrule: obj.rrule };
  const schedule: RRuleSchedule = { rrule: obj.rrule, timezone: (obj.timezone as string | null | undefined) ?? 'UTC' };
  if ('timezone' in obj) given.timezone = schedule.timezone;
  // Prefect assigns the item's timezone after validation, so it is not checked.
  if (truthy(timezone)) {
    schedule.timezone = timezone as string;
    given.timezone = schedule.timezone;
  }
  return { schedule, given };
}

function rruleTimezoneError(timezone: unknown): string | undefined {
  if (timezone === undefined || timezone === null) return undefined;
  if (typeof timezone !== 'string') return 'Input should be a valid string';
  return isValidTimezone(timezone) ? undefined : `Invalid timezone: "${timezone}"`;
}

function invalidTimezone(tz: string): string {
  return `Invalid timezone: "${tz}" (specify in IANA tzdata format, for example, America/New_York)`;
}

const TRUE_STRINGS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_STRINGS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** pydantic's lax bool. */
export function parseBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (TRUE_STRINGS.has(s)) return true;
    if (FALSE_STRINGS.has(s)) return false;
  }
  return undefined;
}

function pythonType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

/** Python's `repr` of a YAML/JSON value, for messages that echo the item as Prefect does. */
export function pythonRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
    const body = v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
    return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
  }
  if (Array.isArray(v)) return `[${v.map(pythonRepr).join(', ')}]`;
  if (v instanceof Date) return pythonRepr(v.toISOString());
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pythonRepr(k)}: ${pythonRepr(x)}`);
  return `{${entries.join(', ')}}`;
}

import type { FieldError } from '../diagnostics.js';
import { isMapping } from '../values/index.js';
import { parseDuration } from './duration.js';
import type { RawScheduleItem } from './types.js';

type Path = (string | number)[];

const STRING_KEYS = ['cron', 'rrule', 'timezone', 'anchor_date', 'slug', 'replaces'] as const;
const BOOL_OR_STRING_KEYS = ['active', 'day_or'] as const;
const RAW_KEYS = new Set<string>([...STRING_KEYS, ...BOOL_OR_STRING_KEYS, 'interval', 'parameters']);
/** RAW_KEYS in the order a reader looks for them. */
const ALLOWED = ['cron', 'interval', 'rrule', 'timezone', 'anchor_date', 'day_or', 'active', 'parameters', 'slug', 'replaces'].join(', ');
const DEPLOYMENT_SCHEDULE_KEYS = new Set(['schedule', 'active', 'max_scheduled_runs', 'parameters', 'slug', 'replaces']);
const INTERVAL_SCHEDULE_KEYS = new Set(['interval', 'anchor_date', 'timezone']);

/**
 * Load-time check of one `schedules:` item, as Prefect's `ScheduleItem` union does it: the raw shape
 * first; an item that fails it is still let through when it matches one of the other members
 * (`{}`, a `{schedule: …}` object, a bare interval schedule with a datetime anchor) because Prefect
 * lets those load and only rejects them at conversion ("Unknown schedule type").
 *
 * Error paths extend `path` (default: relative to the item, e.g. `['cron']`). `value` is the item,
 * unchanged, when it loads.
 */
export function validateRawScheduleItem(item: unknown, path: Path = []): { errors: FieldError[]; value: RawScheduleItem | undefined } {
  if (!isMapping(item)) return { errors: [{ path, message: 'Input should be a valid dictionary' }], value: undefined };
  const errors = rawShapeErrors(item, path);
  if (errors.length === 0 || matchesOtherShape(item)) return { errors: [], value: item };
  return { errors, value: undefined };
}

function rawShapeErrors(item: Record<string, unknown>, path: Path): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(item)) {
    // Prefect says "Extra inputs are not permitted"; the key is named by the path the diagnostic shows.
    if (!RAW_KEYS.has(key)) errors.push({ path: [...path, key], message: `extra key not permitted (remove it; allowed: ${ALLOWED})`, atKey: true });
  }
  for (const key of STRING_KEYS) {
    const v = item[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      errors.push({ path: [...path, key], message: 'Input should be a valid string' });
    }
  }
  for (const key of BOOL_OR_STRING_KEYS) {
    const v = item[key];
    if (v === undefined || v === null || typeof v === 'boolean' || typeof v === 'string') continue;
    // pydantic's lax bool takes 0/1 (and 0.0/1.0); the item keeps them as they are.
    if (typeof v === 'number' && (v === 0 || v === 1)) continue;
    errors.push({ path: [...path, key], message: 'Input should be a valid boolean or string' });
  }
  const interval = item.interval;
  if (interval !== undefined && interval !== null) {
    const parsed = parseDuration(interval);
    if ('error' in parsed) errors.push({ path: [...path, 'interval'], message: parsed.error });
  }
  const parameters = item.parameters;
  if (parameters !== undefined && !isMapping(parameters)) {
    errors.push({ path: [...path, 'parameters'], message: 'Input should be a valid dictionary' });
  }
  if (errors.length === 0) {
    const given = (['cron', 'interval', 'rrule'] as const).filter((k) => item[k] !== undefined && item[k] !== null);
    if (given.length !== 1) {
      errors.push({ path, message: "Exactly one of 'cron', 'interval', or 'rrule' must be provided" });
    }
  }
  return errors;
}

function matchesOtherShape(item: Record<string, unknown>): boolean {
  const keys = Object.keys(item);
  if (keys.length === 0) return true;
  if ('schedule' in item && keys.every((k) => DEPLOYMENT_SCHEDULE_KEYS.has(k))) return isMapping(item.schedule);
  if (item.anchor_date instanceof Date && keys.every((k) => INTERVAL_SCHEDULE_KEYS.has(k))) {
    const parsed = parseDuration(item.interval);
    return 'seconds' in parsed && parsed.seconds > 0 && (item.timezone === undefined || typeof item.timezone === 'string' || item.timezone === null);
  }
  return false;
}

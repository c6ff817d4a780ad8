/** Schedule shapes in Prefect's words (`prefect.client.schemas.schedules`, `prefect.cli.deploy._models`). */

/** One `schedules:` entry as written in prefect.yaml (or added by `--cron/--interval/--rrule`). */
export interface RawScheduleItem {
  cron?: string | null;
  /** Seconds, an ISO 8601 duration (`PT10M`) or clock text (`1:30:00`). */
  interval?: number | string | null;
  /** RRULE text, or JSON object text `{"rrule": "...", "timezone": "..."}`. */
  rrule?: string | null;
  timezone?: string | null;
  anchor_date?: string | null;
  active?: boolean | string | null;
  day_or?: boolean | string | null;
  parameters?: Record<string, unknown>;
  slug?: string | null;
  replaces?: string | null;
}

export interface CronSchedule {
  cron: string;
  timezone: string | null;
  day_or: boolean;
}

export interface IntervalSchedule {
  /** Seconds (a float on the wire). */
  interval: number;
  /** ISO datetime as Prefect serializes it: `2026-01-01T00:00:00Z` or with the given offset. */
  anchor_date: string;
  timezone: string;
}

export interface RRuleSchedule {
  rrule: string;
  timezone: string;
}

export type Schedule = CronSchedule | IntervalSchedule | RRuleSchedule;

/** What `POST /deployments/` carries per schedule. */
export interface DeploymentScheduleCreate {
  schedule: Schedule;
  active: boolean;
  max_scheduled_runs: null;
  parameters: Record<string, unknown>;
  slug: string | null;
  replaces: string | null;
}

/** What `PATCH /deployments/{id}` carries per schedule: only what was configured. */
export interface DeploymentScheduleUpdate {
  schedule: Partial<CronSchedule> | Partial<IntervalSchedule> | Partial<RRuleSchedule>;
  active?: boolean;
  parameters?: Record<string, unknown>;
  slug?: string;
  replaces?: string;
}

/** One converted item: both payload shapes, since create vs update is decided later. */
export interface ConvertedSchedule {
  create: DeploymentScheduleCreate;
  update: DeploymentScheduleUpdate;
  /**
   * The rrule as prefect.yaml wrote it, when the payloads carry Prefect's synthesised DTSTART
   * instead: a plan shows the rule the user wrote, not an anchor they never chose.
   */
  rruleAsWritten?: string;
}

export function isCronSchedule(s: Schedule): s is CronSchedule {
  return 'cron' in s;
}
export function isIntervalSchedule(s: Schedule): s is IntervalSchedule {
  return 'interval' in s;
}
export function isRRuleSchedule(s: Schedule): s is RRuleSchedule {
  return 'rrule' in s;
}

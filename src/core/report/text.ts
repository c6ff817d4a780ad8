/**
 * A plan as people read it (terminal text) and as programs read it (JSON). The text is plain: each
 * line that means something (a creation, a change, a deletion, a diff line) goes through a `paint`
 * function the caller may give, so the CLI colours it and everything else (the action's log, tests)
 * gets the words alone.
 */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { isCronSchedule, isIntervalSchedule, nextRunTimes, type ConvertedSchedule, type Schedule } from '../schedules/index.js';
import { parseStep, type Mapping } from '../config/index.js';
import { qualifiedName, type DesiredDeployment } from '../plan/desired.js';
import type { Plan } from '../plan/index.js';
import type { LiveChange } from '../plan/live.js';
import { classifyChange, KNOWN_AFTER_BUILD, type ChangeCategory, type ClassifiedChange } from './changes.js';
import type { Deletion } from '../plan/ownership.js';
import { deletionJson, deletionsText } from './deletions.js';
import { fieldDiff, scheduleAsWritten, settingsYaml } from './field-diff.js';
import { plainText, type Paint, type Tone } from './paint.js';

export interface PlanJson {
  deployments: {
    name: string;
    flow_name: string;
    entrypoint: string;
    /** With `--changed-since`: why it counts as changed (`changed since origin/main: flows/etl.py (entry)`). */
    changed_because?: string;
    payload: Mapping;
    /** With a server: what a deploy would do, and the fields it would change. */
    action?: string;
    changes?: { field: string; from: unknown; to: unknown }[];
    notes?: string[];
    /**
     * With a server: `action` as a reader should take it. `update` only for changes beyond the
     * version and values known after build; `version-only` when a deploy changes only the version;
     * `unchanged-unless-build-differs` when every difference is a value a build step fills.
     */
    category?: ChangeCategory;
    /** With a server: values a build or push step fills, which the plan cannot know. */
    known_after_build?: { path: string; written: string; current?: unknown; could_match: boolean }[];
  }[];
  errors: DiagnosticJson[];
  warnings: DiagnosticJson[];
  /** With a server, a plan of every deployment: the owned deployments prefect.yaml no longer has. */
  deletions?: ReturnType<typeof deletionJson>[];
}

interface DiagnosticJson {
  file: string;
  line: number | null;
  column: number | null;
  deployment: string | null;
  message: string;
}

/** `changedBecause`: with `--changed-since`, why each deployment counts as changed (by index in the file), as `changed_because`. */
export function planToJson(plan: Plan, live?: readonly LiveChange[], deletions?: readonly Deletion[], changedBecause?: ReadonlyMap<number, string>): PlanJson {
  const diag = (d: Diagnostic): DiagnosticJson => ({
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    deployment: d.deployment ?? null,
    message: d.message,
  });
  return {
    deployments: plan.deployments.map((d, i) => {
      const change = live?.[i];
      const classified = change && classifyChange(d, change.action, change.changes);
      const because = changedBecause?.get(d.index);
      return {
        name: d.name,
        flow_name: d.flowName,
        entrypoint: d.entrypoint,
        ...(because ? { changed_because: because } : {}),
        payload: d.payload,
        ...(change && classified
          ? {
              action: change.action,
              changes: change.changes,
              notes: change.notes,
              category: classified.category,
              known_after_build: classified.knownAfterBuild.map((k) => ({
                path: k.path,
                written: k.written,
                ...('current' in k ? { current: k.current } : {}),
                could_match: k.couldMatch,
              })),
            }
          : {}),
      };
    }),
    errors: plan.diagnostics.filter((d) => d.severity === 'error').map(diag),
    warnings: plan.diagnostics.filter((d) => d.severity === 'warning').map(diag),
    ...(deletions ? { deletions: deletions.map(deletionJson) } : {}),
  };
}

export interface TextOptions {
  now: Date;
  /** How many upcoming runs to show per schedule. */
  runs?: number;
  /** What a prune would delete, shown first. */
  deletions?: readonly Deletion[];
  /** Colours by tone; no colour by default. */
  paint?: Paint;
  /** `--changed-since`: why each deployment counts as changed, by its index in the file; shown under its name. */
  changedBecause?: ReadonlyMap<number, string> | undefined;
}

export function planToText(plan: Plan, options: TextOptions): string {
  const lines: string[] = [];
  const n = plan.deployments.length;
  lines.push(`${plan.prefectFile}: ${n} deployment${n === 1 ? '' : 's'} to register`);
  for (const d of plan.deployments) {
    lines.push('', ...deploymentText(d, options));
  }
  return lines.join('\n');
}

const SYMBOL: Record<ChangeCategory, string> = { create: '+', update: '~', 'version-only': '~', 'unchanged-unless-build-differs': '?', unchanged: '=' };
const TONE: Record<ChangeCategory, Tone> = { create: 'add', update: 'change', 'version-only': 'change', 'unchanged-unless-build-differs': 'muted', unchanged: 'muted' };
const VERB: Record<ChangeCategory, string> = {
  create: 'create',
  update: 'update',
  'version-only': 'update: version only',
  'unchanged-unless-build-differs': 'unchanged unless the build output differs',
  unchanged: 'unchanged',
};

/** Where details sit under a deployment's line: under its name. */
const INDENT = '    ';

/**
 * A plan diffed against the live server: create / update / unchanged, each changed field as the
 * same YAML diff the PR comment shows, a new deployment as the settings it is registered with, and
 * the next runs of every new or changed schedule. A new version alone and values only the build can
 * settle are told apart from the changes someone made.
 */
export function liveChangesToText(plan: Plan, live: readonly LiveChange[], options: TextOptions): string {
  const paint = options.paint ?? plainText;
  const classified: ClassifiedChange[] = live.map((c) => classifyChange(c.deployment, c.action, c.changes));
  const count = (category: ChangeCategory) => classified.filter((c) => c.category === category).length;
  const extra = (
    [
      ['version-only', 'version only'],
      ['unchanged-unless-build-differs', VERB['unchanged-unless-build-differs']],
    ] as const
  )
    .filter(([category]) => count(category) > 0)
    .map(([category, words]) => `, ${count(category)} ${words}`)
    .join('');
  const deleting = options.deletions?.length ? `, ${options.deletions.length} to delete` : '';
  const lines = [paint('heading', `${plan.prefectFile}: ${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged${extra}${deleting}`)];
  lines.push(...deletionsText(options.deletions ?? [], paint));
  live.forEach((change, i) => {
    const d = change.deployment;
    const { category, changes, knownAfterBuild } = classified[i]!;
    const fields = category === 'update' && changes.length ? `: ${changes.map((c) => c.field).join(', ')}` : '';
    lines.push('', paint(TONE[category], `${SYMBOL[category]} ${qualifiedName(d)} (${VERB[category]}${fields})`));
    const because = options.changedBecause?.get(d.index);
    if (because) lines.push(`  ${because}`);
    for (const note of change.notes) lines.push(paint('change', `  ! ${note}`));
    if (category === 'create') {
      lines.push(
        ...settingsYaml(d)
          .split('\n')
          .map((l) => INDENT + l),
      );
      lines.push(...nextRunsText(d.schedules, options));
    } else {
      if (changes.length) lines.push(...diffText(fieldDiff(changes), paint));
      if (changes.some((c) => c.field === 'schedules')) lines.push(...nextRunsText(d.schedules, options));
    }
    for (const k of knownAfterBuild) {
      const now = 'current' in k ? `, now ${truncate(compact(k.current), 120)}${k.couldMatch ? '' : ' (replaced)'}` : '';
      lines.push(`  ${k.path}: ${KNOWN_AFTER_BUILD} from ${JSON.stringify(k.written)}${now}`);
    }
  });
  return lines.join('\n');
}

/** A unified diff's lines under a deployment, each painted by what it does. */
function diffText(diff: string, paint: Paint): string[] {
  return diff.split('\n').map((l) => {
    const tone: Tone | undefined = l.startsWith('+') ? 'add' : l.startsWith('-') ? 'remove' : l.startsWith('@@') ? 'muted' : undefined;
    return tone ? paint(tone, INDENT + l) : INDENT + l;
  });
}

/** The next runs of each active schedule, in its timezone: what the scheduler will create. */
function nextRunsText(schedules: readonly ConvertedSchedule[], options: TextOptions): string[] {
  const paint = options.paint ?? plainText;
  const out: string[] = [];
  for (const s of schedules) {
    if (!s.create.active) continue;
    const runs = nextRunTimes(s.create.schedule, options.runs ?? 3, options.now);
    if (runs.length) out.push(`${INDENT}next runs of ${describeSchedule(scheduleAsWritten(s))}:`, ...runs.map((r) => paint('muted', `${INDENT}  ${r}`)));
  }
  return out;
}

function compact(v: unknown): string {
  return v === undefined ? '(not set)' : JSON.stringify(v);
}

function deploymentText(d: DesiredDeployment, options: TextOptions): string[] {
  const p = d.payload;
  const out: string[] = [qualifiedName(d)];
  const because = options.changedBecause?.get(d.index);
  if (because) out.push(`  ${because}`);
  const field = (label: string, value: string) => out.push(`  ${label.padEnd(12)}${value}`);
  field('entrypoint', d.entrypoint);
  field('flow', `${d.flowName} (${d.flow.file}:${d.flow.line})`);
  field('work pool', `${String(p.work_pool_name)}${p.work_queue_name ? `, queue ${String(p.work_queue_name)}` : ''}`);
  field('version', `${String(p.version)} (${(p.version_info as Mapping).type as string})`);
  if (p.description) field('description', firstLine(String(p.description)));
  const tags = p.tags as string[];
  if (tags.length) field('tags', tags.join(', '));
  if (p.paused) field('paused', 'yes');
  if (p.concurrency_limit !== null) field('concurrency', String(p.concurrency_limit));
  const params = Object.entries(p.parameters as Mapping);
  field('parameters', params.length ? '' : 'none (flow defaults)');
  for (const [k, v] of params) out.push(`    ${k} = ${JSON.stringify(v)}`);
  const jobVariables = Object.entries(p.job_variables as Mapping);
  if (jobVariables.length) {
    field('job vars', '');
    for (const [k, v] of jobVariables) out.push(`    ${k} = ${JSON.stringify(v)}`);
  }
  if (d.schedules.length === 0) field('schedules', 'none');
  else {
    field('schedules', '');
    for (const s of d.schedules) {
      const status = s.create.active ? '' : ' (inactive)';
      out.push(`    ${describeSchedule(scheduleAsWritten(s))}${status}${s.create.slug ? ` [${s.create.slug}]` : ''}`);
      const runs = nextRunTimes(s.create.schedule, options.runs ?? 3, options.now);
      if (runs.length) out.push(`      next: ${runs.join(', ')}`);
    }
  }
  for (const [label, steps] of [
    ['build', d.steps.build],
    ['push', d.steps.push],
    ['pull', d.steps.pull],
  ] as const) {
    field(`${label} steps`, steps.length ? '' : 'none');
    for (const step of steps) out.push(`    ${stepSummary(step)}`);
  }
  if (d.triggers.length) field('triggers', `${d.triggers.length} automation${d.triggers.length === 1 ? '' : 's'}`);
  if (d.unresolved.length) {
    field('unresolved', 'resolved against the server at deploy time:');
    for (const u of d.unresolved) {
      out.push(`    ${u.kind === 'block_document_ref' ? `$ref block document ${u.blockDocumentId}` : u.placeholder}`);
    }
  }
  if (d.deferred.length) field('from steps', d.deferred.join(', '));
  return out;
}

export function describeSchedule(s: Schedule): string {
  if (isCronSchedule(s)) return `cron "${s.cron}" (${s.timezone ?? 'UTC'}${s.day_or ? '' : ', day-of-month AND day-of-week'})`;
  if (isIntervalSchedule(s)) return `every ${formatSeconds(s.interval)} from ${s.anchor_date} (${s.timezone})`;
  return `rrule "${s.rrule.replace(/\n/g, ' ')}" (${s.timezone})`;
}

export function formatSeconds(total: number): string {
  const parts: string[] = [];
  let rest = total;
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${Number(rest.toFixed(6))}s`);
  return parts.join(' ');
}

function stepSummary(step: Mapping): string {
  const parsed = parseStep(step);
  if (parsed === undefined) return '(empty step)';
  const { name, inputs } = parsed;
  if (!inputs || typeof inputs !== 'object') return name;
  const shown = Object.entries(inputs as Mapping).map(([k, v]) => `${k}=${truncate(typeof v === 'string' ? v : JSON.stringify(v), 80)}`);
  return shown.length ? `${name}  ${shown.join('  ')}` : name;
}

function truncate(s: string, max: number): string {
  const oneLine = s.replace(/\s*\n\s*/g, ' ⏎ ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return s.includes('\n') ? `${line} …` : line;
}

export function diagnosticsToText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

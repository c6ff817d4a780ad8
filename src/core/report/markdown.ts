/**
 * A plan, or the result of a deploy, as GitHub-flavoured markdown: one headline table first (what
 * happens to each deployment, its work pool, schedules and image), then per deployment a
 * collapsible block with the field changes as a diff and the next run times. The action sends the
 * same text to the PR comment, the job summary and the `plan-markdown` output.
 */
import { stringify } from 'yaml';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { isMapping, type Mapping } from '../config/index.js';
import { isCronSchedule, isIntervalSchedule, nextRunTimes, type Schedule } from '../schedules/index.js';
import type { DeployResult } from '../apply/index.js';
import type { FieldChange } from '../plan/diff.js';
import type { LiveChange } from '../plan/live.js';
import { qualifiedName, type DesiredDeployment } from '../plan/desired.js';
import type { Plan } from '../plan/index.js';
import { formatSeconds } from './text.js';
import { deploymentUrl } from '../../prefect/ui.js';
import { classifyChange, KNOWN_AFTER_BUILD, type ChangeCategory, type KnownAfterBuild } from './changes.js';
import type { Deletion } from '../plan/ownership.js';
import { deletionsMarkdown } from './deletions.js';

export interface MarkdownOptions {
  now: Date;
  /** Upcoming runs listed per schedule (default 3). */
  runs?: number;
  /** The Prefect UI's base URL: deployments whose id is known link to their page. */
  uiUrl?: string;
  /** Markdown appended at the very end (where and when the plan was made). */
  footer?: string;
  /** A plan: what a prune would delete, shown first. */
  deletions?: readonly Deletion[];
}

/**
 * What happens to one deployment. `version` changes only the version (the commit); `unless-build`
 * differs from the server only in values a build step fills, which a plan does not know.
 */
type Verb = 'create' | 'update' | 'version' | 'unless-build' | 'unchanged' | 'planned' | 'created' | 'updated' | 'failed';

interface Row {
  deployment: DesiredDeployment;
  verb: Verb;
  id?: string;
  /** The changes shown (values known after build left out or marked as such). */
  changes: readonly FieldChange[];
  knownAfterBuild: readonly KnownAfterBuild[];
  notes: readonly string[];
  error?: string;
}

const ICON: Record<Verb, string> = {
  create: '🟢',
  created: '🟢',
  update: '🟡',
  updated: '🟡',
  version: '🏷️',
  'unless-build': '❔',
  unchanged: '⚪',
  planned: '🔵',
  failed: '🔴',
};

/** The words of the table's action column (and, for a plan, of the headline). */
const WORDS: Partial<Record<Verb, string>> = {
  version: 'version only',
  'unless-build': 'unchanged unless the build output differs',
  planned: 'deploy',
};

const VERB_OF: Record<ChangeCategory, Verb> = {
  create: 'create',
  update: 'update',
  'version-only': 'version',
  'unchanged-unless-build-differs': 'unless-build',
  unchanged: 'unchanged',
};

/** A plan: diffed against the server when `live` is given, else the settings that would be sent. */
export function planToMarkdown(plan: Plan, live: readonly LiveChange[] | undefined, options: MarkdownOptions): string {
  const rows: Row[] = plan.deployments.map((deployment, i) => {
    const change = live?.[i];
    if (!change) return { deployment, verb: 'planned', changes: [], knownAfterBuild: [], notes: [] };
    const classified = classifyChange(deployment, change.action, change.changes);
    return {
      deployment,
      verb: VERB_OF[classified.category],
      ...(change.id ? { id: change.id } : {}),
      changes: classified.changes,
      knownAfterBuild: classified.knownAfterBuild,
      notes: change.notes,
    };
  });
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  let title: string;
  if (errors.length > 0) title = `❌ Prefect deployment plan: ${count(errors.length, 'error')} in \`${plan.prefectFile}\``;
  else if (!live) title = `Prefect deployment plan: ${count(rows.length, 'deployment')} (not compared with a server)`;
  else {
    title = `Prefect deployment plan: ${tally(rows, [
      ['create', 'to create'],
      ['update', 'to update'],
      ['version', WORDS.version!],
      ['unless-build', WORDS['unless-build']!],
      ['unchanged', 'unchanged'],
    ])}${options.deletions?.length ? `, ${count(options.deletions.length, 'deployment')} to delete` : ''}`;
  }
  return render(
    {
      deletions: deletionsMarkdown(options.deletions ?? [], { uiUrl: options.uiUrl }),
      title,
      rows,
      diagnostics: plan.diagnostics,
      column: 'Action',
      errorLead: `nothing is registered until ${errors.length === 1 ? 'it is' : 'they are'} fixed.`,
      ...(!live && errors.length === 0 ? { hint: 'Without `api-url` the plan cannot tell what exists already: it shows what would be sent.' } : {}),
    },
    options,
  );
}

/** A deploy: what was created, updated, left unchanged or failed, with links to the Prefect UI. */
export function deployToMarkdown(result: DeployResult, options: MarkdownOptions): string {
  const byKey = new Map(result.plan.deployments.map((d) => [qualifiedName(d), d]));
  const rows: Row[] = [];
  for (const o of result.outcomes) {
    const deployment = byKey.get(qualifiedName(o));
    if (!deployment || o.action === 'deleted') continue;
    rows.push({
      deployment,
      verb: o.action === 'failed' ? 'failed' : o.action,
      ...(o.id ? { id: o.id } : {}),
      changes: o.changes,
      knownAfterBuild: [],
      notes: o.notices,
      ...(o.error ? { error: o.error } : {}),
    });
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  let title: string;
  if (result.outcomes.length === 0) {
    const where = result.stoppedAt === 'steps' ? 'a build or push step failed' : `${count(errors.length, 'error')} in \`${result.plan.prefectFile}\``;
    title = `❌ Prefect deploy stopped before registering anything: ${where}`;
  } else {
    const failed = rows.filter((r) => r.verb === 'failed').length;
    title = `${failed ? '❌ ' : ''}Prefect deploy: ${tally(rows, [
      ['created', 'created'],
      ['updated', 'updated'],
      ['unchanged', 'unchanged'],
      ['failed', 'failed'],
    ])}`;
  }
  const deleted = result.outcomes.filter((o) => o.action === 'deleted').map((o) => ({ flowName: o.flowName, name: o.name, id: o.id ?? '' }));
  if (deleted.length > 0) title += `, ${count(deleted.length, 'deployment')} deleted`;
  // Notices of registered deployments are shown with them; the list below keeps the rest.
  const shown = new Set(rows.flatMap((r) => r.notes));
  const diagnostics = result.diagnostics.filter((d) => !(d.severity === 'warning' && shown.has(d.message)));
  return render(
    {
      deletions: deletionsMarkdown(deleted, { done: true }),
      title,
      rows,
      diagnostics,
      column: 'Result',
      errorLead: result.outcomes.length === 0 ? 'nothing was registered.' : '',
    },
    options,
  );
}

interface Document {
  title: string;
  rows: readonly Row[];
  diagnostics: readonly Diagnostic[];
  /** The heading of the what-happens column. */
  column: string;
  /** Said after the error count. */
  errorLead: string;
  hint?: string;
  /** Lines shown right under the title (deletions). */
  deletions?: readonly string[];
}

/**
 * Changes first, so one change among many unchanged deployments is seen at once; a new version
 * alone and differences only a build can settle come after the changes someone made.
 */
const ORDER: Record<Verb, number> = { failed: 0, create: 1, created: 1, update: 2, updated: 2, planned: 3, version: 4, 'unless-build': 5, unchanged: 6 };
/** Kinds of rows that say nothing changed by hand; more than ten of one go in a collapsed table. */
const QUIET: readonly Verb[] = ['version', 'unless-build', 'unchanged'];
const QUIET_SHOWN = 10;
/** At most this many updates show their diff open. */
const OPEN_DIFFS = 3;

function render({ title, rows: given, diagnostics, column, errorLead, hint, deletions = [] }: Document, options: MarkdownOptions): string {
  const rows = [...given].sort((a, b) => ORDER[a.verb] - ORDER[b.verb]);
  const out: string[] = [`### ${title}`, '', ...deletions];
  const collapsed = QUIET.filter((verb) => rows.filter((r) => r.verb === verb).length > QUIET_SHOWN);
  // The first table is never empty: with nothing else to show, the first quiet kind stays in it.
  if (collapsed.length > 0 && rows.every((r) => collapsed.includes(r.verb))) collapsed.shift();
  const shown = rows.filter((r) => !collapsed.includes(r.verb));
  if (shown.length > 0) out.push(...table(shown, column, options), '');
  for (const verb of collapsed) {
    const these = rows.filter((r) => r.verb === verb);
    out.push(`<details><summary>${these.length} ${WORDS[verb] ?? verb}</summary>`, '', ...table(these, column, options), '', '</details>', '');
  }
  if (hint) out.push(`<sub>${hint}</sub>`, '');

  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    out.push('> [!CAUTION]', `> ${count(errors.length, 'error')}:${errorLead ? ` ${errorLead}` : ''}`);
    for (const e of errors) out.push(`> - ${inline(formatDiagnostic(e))}`);
    out.push('');
  }
  const notes = rows.flatMap((r) => r.notes.map((n) => `\`${qualifiedName(r.deployment)}\`: ${inline(n)}`));
  if (notes.length > 0) {
    out.push('> [!WARNING]', ...notes.map((n) => `> - ${n}`), '');
  }

  const open = rows.filter((r) => r.verb === 'update').length <= OPEN_DIFFS;
  for (const row of rows) {
    if (row.verb === 'version' || row.verb === 'unless-build') continue;
    const body = details(row, options);
    if (body.length === 0) continue;
    const what = row.verb === 'planned' ? '' : `: ${row.verb}${row.changes.length ? ` ${row.changes.map((c) => `<code>${html(c.field)}</code>`).join(', ')}` : ''}`;
    out.push(
      `<details${open && row.verb === 'update' ? ' open' : ''}><summary><code>${html(qualifiedName(row.deployment))}</code>${what}</summary>`,
      '',
      ...body,
      '</details>',
      '',
    );
  }
  out.push(...versionOnly(rows.filter((r) => r.verb === 'version')));
  out.push(...knownAfterBuild(rows));

  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length > 0) {
    out.push(`<details><summary>${count(warnings.length, 'warning')}</summary>`, '');
    for (const w of warnings) out.push(`- ${inline(formatDiagnostic(w))}`);
    out.push('', '</details>', '');
  }
  if (options.footer) out.push(options.footer, '');
  return `${out.join('\n').trimEnd()}\n`;
}

function table(rows: readonly Row[], column: string, options: MarkdownOptions): string[] {
  const lines = [`| | Deployment | ${column} | Work pool | Schedules | Image |`, '|:-:|---|---|---|---|---|'];
  for (const row of rows) {
    const d = row.deployment;
    const p = d.payload;
    const name = code(qualifiedName(d));
    const url = deploymentUrl(options.uiUrl, row.id);
    const link = url ? `[${name}](${url})` : name;
    let action: string = WORDS[row.verb] ?? row.verb;
    if (row.changes.length > 0 && row.verb !== 'version') action += ` ${row.changes.map((c) => code(c.field)).join(' ')}`;
    if (row.verb === 'create' || row.verb === 'update' || row.verb === 'created' || row.verb === 'updated') action = `**${row.verb}**${action.slice(row.verb.length)}`;
    const pool = poolCell(p.work_pool_name, p.work_queue_name);
    const schedules = schedulesCell(d.schedules.map((s) => s.create));
    // A changed column shows the value it replaces, struck through, so the table alone tells what changes.
    const from = (field: string) => row.changes.find((c) => c.field === field);
    const pools =
      from('work_pool_name') || from('work_queue_name')
        ? was(poolCell(from('work_pool_name')?.from ?? p.work_pool_name, from('work_queue_name')?.from ?? p.work_queue_name))
        : '';
    const oldSchedules = from('schedules');
    const scheduleWas = oldSchedules && Array.isArray(oldSchedules.from) ? was(schedulesCell(oldSchedules.from.filter(isMapping))) : '';
    lines.push(`| ${ICON[row.verb]} | ${link} | ${action} | ${pool}${pools} | ${schedules}${scheduleWas} | ${imageCell(row)} |`);
  }
  return lines.map((l) => l.replace(/\n/g, ' '));
}

function poolCell(pool: unknown, queue: unknown): string {
  return typeof pool === 'string' ? code(pool) + (typeof queue === 'string' ? ` / ${code(queue)}` : '') : '—';
}

/** Schedules as the create body or the server holds them (`{schedule, active}`). */
function schedulesCell(schedules: readonly { schedule?: unknown; active?: unknown }[]): string {
  const shown = schedules.filter((s) => isMapping(s.schedule)).map((s) => shortSchedule(s.schedule as Schedule) + (s.active === false ? ' (off)' : ''));
  return shown.length ? shown.join('<br>') : '—';
}

/** The image sent, and what it replaces; an image a build step fills is known after the build. */
function imageCell(row: Row): string {
  const jobVariables = row.deployment.payload.job_variables;
  const image = isMapping(jobVariables) ? jobVariables.image : undefined;
  const deferred = row.knownAfterBuild.find((k) => k.path === 'job_variables.image');
  if (deferred || (typeof image === 'string' && row.deployment.deferred.some((p) => image.includes(p)))) {
    const now = deferred && typeof deferred.current === 'string' ? code(deferred.current) : undefined;
    return `${KNOWN_AFTER_BUILD}${now ? (deferred!.couldMatch ? `<br><sub>now ${now}</sub>` : was(now)) : ''}`;
  }
  const shown = imageOf(jobVariables);
  const old = row.changes.find((c) => c.field === 'job_variables');
  return old && imageOf(old.from) !== shown ? `${shown}${was(imageOf(old.from))}` : shown;
}

function imageOf(jobVariables: unknown): string {
  return isMapping(jobVariables) && typeof jobVariables.image === 'string' ? code(jobVariables.image) : '—';
}

function was(cell: string): string {
  return `<br>~~${cell}~~`;
}

/** The collapsible part of one deployment; empty for an unchanged one. */
function details(row: Row, options: MarkdownOptions): string[] {
  const out: string[] = [];
  if (row.error) out.push(`**Error:** ${inline(row.error)}`, '');
  if (row.changes.length > 0) out.push(...fence('diff', fieldDiff(row.changes)), '');
  else if (row.verb === 'create' || row.verb === 'created' || row.verb === 'planned') out.push(...fence('yaml', settings(row.deployment)), '');
  const schedulesChange = row.changes.some((c) => c.field === 'schedules');
  if (row.verb === 'create' || row.verb === 'created' || row.verb === 'planned' || schedulesChange) out.push(...nextRuns(row.deployment, options));
  return out;
}

/**
 * Deployments whose only change is the version: one collapsed block, each old → new version once
 * with the deployments it applies to.
 */
function versionOnly(rows: readonly Row[]): string[] {
  if (rows.length === 0) return [];
  const groups = new Map<string, { from: unknown; to: unknown; names: string[] }>();
  for (const row of rows) {
    const c = row.changes.find((x) => x.field === 'version') ?? row.changes[0]!;
    const k = JSON.stringify([c.field, c.from, c.to]);
    if (!groups.has(k)) groups.set(k, { from: c.from, to: c.to, names: [] });
    groups.get(k)!.names.push(qualifiedName(row.deployment));
  }
  const out = [`<details><summary>${rows.length} version only</summary>`, '', 'A deploy sets the new version (the commit) and changes nothing else:', ''];
  for (const g of groups.values()) out.push(`- ${g.names.map(code).join(', ')}: ${versionCode(g.from)} → ${versionCode(g.to)}`);
  return [...out, '', '</details>', ''];
}

function versionCode(v: unknown): string {
  return v === null || v === undefined ? 'none' : code(typeof v === 'string' ? v : JSON.stringify(v));
}

/**
 * Values the build and push steps fill, which a plan (not running them) cannot know: as written,
 * with the server's value, the same value on several deployments listed once.
 */
function knownAfterBuild(rows: readonly Row[]): string[] {
  const groups = new Map<string, { value: KnownAfterBuild; names: string[] }>();
  for (const row of rows) {
    for (const value of row.knownAfterBuild) {
      const k = JSON.stringify([value.path, value.written, value.current ?? null, value.couldMatch]);
      if (!groups.has(k)) groups.set(k, { value, names: [] });
      groups.get(k)!.names.push(qualifiedName(row.deployment));
    }
  }
  if (groups.size === 0) return [];
  const paths = [...new Set([...groups.values()].map((g) => g.value.path))];
  const deployments = new Set([...groups.values()].flatMap((g) => g.names)).size;
  const out = [
    `<details><summary>Known after build: ${paths
      .slice(0, 3)
      .map((p) => `<code>${html(p)}</code>`)
      .join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''} (${count(deployments, 'deployment')})</summary>`,
    '',
    "The plan does not run the build and push steps, so values filled from their outputs are known only after the build: a deployment changes where the build's output differs from the server's value.",
    '',
    '| Value | Written | On the server | Deployments |',
    '|---|---|---|---|',
  ];
  for (const { value, names } of groups.values()) {
    const current = value.current === undefined ? '—' : code(typeof value.current === 'string' ? value.current : JSON.stringify(value.current));
    out.push(
      `| ${code(value.path)} | ${code(value.written)} | ${current}${value.couldMatch || value.current === undefined ? '' : ' (replaced)'} | ${names.map(code).join('<br>')} |`,
    );
  }
  return [...out, '', '</details>', ''];
}

function nextRuns(d: DesiredDeployment, options: MarkdownOptions): string[] {
  const out: string[] = [];
  for (const s of d.schedules) {
    if (!s.create.active) continue;
    const runs = nextRunTimes(s.create.schedule, options.runs ?? 3, options.now);
    if (runs.length) out.push(`- ${shortSchedule(s.create.schedule)}: ${runs.map(code).join(', ')}`);
  }
  return out.length ? ['Next runs:', '', ...out, ''] : [];
}

/** What a new deployment is registered with, in prefect.yaml's words. */
function settings(d: DesiredDeployment): string {
  const p = d.payload;
  const value: Mapping = { entrypoint: d.entrypoint };
  if (d.description) value.description = d.description;
  if (p.version) value.version = p.version;
  value.work_pool = {
    name: p.work_pool_name,
    ...(p.work_queue_name ? { work_queue_name: p.work_queue_name } : {}),
    ...(isMapping(p.job_variables) && Object.keys(p.job_variables).length ? { job_variables: p.job_variables } : {}),
  };
  if (isMapping(p.parameters) && Object.keys(p.parameters).length) value.parameters = p.parameters;
  if (d.schedules.length) {
    value.schedules = d.schedules.map((s) => ({
      ...withoutDefaultDayOr(s.create.schedule),
      ...(s.create.active ? {} : { active: false }),
      ...(s.create.slug ? { slug: s.create.slug } : {}),
      ...(Object.keys(s.create.parameters).length ? { parameters: s.create.parameters } : {}),
    }));
  }
  if (Array.isArray(p.tags) && p.tags.length) value.tags = p.tags;
  if (p.paused) value.paused = true;
  if (p.concurrency_limit !== null) value.concurrency_limit = p.concurrency_limit;
  if (d.triggers.length) value.triggers = `${d.triggers.length} automation${d.triggers.length === 1 ? '' : 's'}`;
  if (d.deferred.length) value.filled_by_steps = [...d.deferred];
  return yaml(value, false);
}

function withoutDefaultDayOr(s: Schedule): Mapping {
  const { day_or: dayOr, ...rest } = s as Schedule & { day_or?: boolean };
  return dayOr === false ? { ...rest, day_or: false } : rest;
}

/** Every changed field as a unified diff of its YAML, unchanged stretches cut to three lines of context. */
export function fieldDiff(changes: readonly FieldChange[]): string {
  const lines: string[] = [];
  for (const c of changes) {
    const [from, to] = alignForDisplay(c.from, c.to);
    const before = yaml({ [c.field]: from === undefined ? null : from }).split('\n');
    const after = yaml({ [c.field]: to === undefined ? null : to }).split('\n');
    lines.push(...hunks(diffLines(before, after), 3));
  }
  return lines.join('\n');
}

/**
 * Hides what only differs in form: a key the server leaves out and the deploy sends as null (or
 * the other way round) is not a change worth a diff line.
 */
function alignForDisplay(from: unknown, to: unknown): [unknown, unknown] {
  if (Array.isArray(from) && Array.isArray(to)) {
    const [f, t]: [unknown[], unknown[]] = [from, to];
    const n = Math.min(f.length, t.length);
    const pairs = Array.from({ length: n }, (_, i) => alignForDisplay(f[i], t[i]));
    return [
      [...pairs.map((p) => p[0]), ...f.slice(n)],
      [...pairs.map((p) => p[1]), ...t.slice(n)],
    ];
  }
  if (!isMapping(from) || !isMapping(to)) return [from, to];
  const a: Mapping = {};
  const b: Mapping = {};
  for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const inA = Object.hasOwn(from, k) && from[k] !== undefined;
    const inB = Object.hasOwn(to, k) && to[k] !== undefined;
    if (inA && inB) [a[k], b[k]] = alignForDisplay(from[k], to[k]);
    else if (inA && from[k] !== null) a[k] = from[k];
    else if (inB && to[k] !== null) b[k] = to[k];
  }
  return [a, b];
}

type DiffLine = { op: ' ' | '-' | '+'; text: string };

/** Longest-common-subsequence line diff; very large inputs fall back to all-removed, all-added. */
function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 1_000_000) return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ op: '+', text: b[j++]! });
    } else {
      out.push({ op: '-', text: a[i++]! });
    }
  }
  // Removals before additions within a run of changes, as unified diffs print them.
  for (let k = 0; k < out.length;) {
    if (out[k]!.op === ' ') {
      k++;
      continue;
    }
    let end = k;
    while (end < out.length && out[end]!.op !== ' ') end++;
    const run = out.slice(k, end);
    out.splice(k, run.length, ...run.filter((l) => l.op === '-'), ...run.filter((l) => l.op === '+'));
    k = end;
  }
  return out;
}

function hunks(lines: readonly DiffLine[], context: number): string[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  // The first line names the field: always shown so every hunk can be placed.
  keep[0] = true;
  const out: string[] = [];
  let skipped = false;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped) out.push('@@ … @@');
    skipped = false;
    out.push(`${l.op}${l.text}`);
  });
  if (skipped) out.push('@@ … @@');
  return out;
}

export function shortSchedule(s: Schedule): string {
  if (isCronSchedule(s)) return `cron ${code(s.cron)}${s.timezone ? ` ${s.timezone}` : ''}`;
  if (isIntervalSchedule(s)) return `every ${formatSeconds(s.interval)}${s.timezone && s.timezone !== 'UTC' ? ` ${s.timezone}` : ''}`;
  return `rrule ${code(s.rrule.replace(/\n/g, ' '))}${s.timezone ? ` ${s.timezone}` : ''}`;
}

/** Sorted keys for diffs, so the server's key order and ours do not show as changes. */
function yaml(value: unknown, sorted = true): string {
  return stringify(value, { lineWidth: 0, sortMapEntries: sorted, aliasDuplicateObjects: false }).trimEnd();
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fence(lang: string, body: string): string[] {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return [`${marks}${lang}`, ...body.split('\n'), marks];
}

/** An inline code span that survives backticks and table pipes inside. */
export function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  const pad = longest > 0 || oneLine.startsWith(' ') || oneLine.endsWith(' ') ? ' ' : '';
  return `${marks}${pad}${oneLine}${pad}${marks}`;
}

/** Plain text on one markdown line: no HTML, no accidental formatting from `*`, `_`, `<`. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function tally(rows: readonly Row[], verbs: readonly (readonly [Verb, string])[]): string {
  const parts = verbs.map(([verb, text]) => [rows.filter((r) => r.verb === verb).length, text] as const).filter(([n]) => n > 0);
  return parts.length ? parts.map(([n, text]) => `${n} ${text}`).join(', ') : 'no deployments selected';
}

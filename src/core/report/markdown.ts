/**
 * A plan, or the result of a deploy, as GitHub-flavoured markdown: a headline with the counts, one
 * line per deployment (what happens to it, in a few words), then per deployment a collapsible block
 * with the field changes as a diff and the next run times. Nothing is wider than the 800 px
 * conversation column of a pull request (no table of many columns). The action sends the same text
 * to the PR comment, the job summary and the `plan-markdown` output.
 */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { isMapping } from '../config/index.js';
import { isCronSchedule, isIntervalSchedule, nextRunTimes, type Schedule } from '../schedules/index.js';
import type { DeployResult } from '../apply/index.js';
import type { FieldChange } from '../plan/diff.js';
import type { LiveChange } from '../plan/live.js';
import { qualifiedName, type DesiredDeployment } from '../plan/desired.js';
import type { Plan } from '../plan/index.js';
import { formatSeconds } from './text.js';
import { deploymentUrl } from '../../prefect/ui.js';
import { classifyChange, KNOWN_AFTER_BUILD, type ChangeCategory, type KnownAfterBuild } from './changes.js';
import { fieldDiff, scheduleAsWritten, settingsYaml } from './field-diff.js';
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
  /** How many deployments `changed-since` left out (listed in the footer), counted in the headline. */
  skipped?: number;
  /** With `changed-since`: why each deployment shown counts as changed, by its index in the file (under its line). */
  changedBecause?: ReadonlyMap<number, string> | undefined;
}

/** Kept for callers that import it from here; the comment and the terminal share one diff. */
export { fieldDiff } from './field-diff.js';

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

/** The words of a deployment's line (and, for a plan, of the headline). */
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
  else if (!live) title = `Prefect deployment plan: ${count(rows.length, 'deployment')}${skippedCount(options)} (not compared with a server)`;
  else {
    title = `Prefect deployment plan: ${tally(rows, [
      ['create', 'to create'],
      ['update', 'to update'],
      ['version', WORDS.version!],
      ['unless-build', WORDS['unless-build']!],
      ['unchanged', 'unchanged'],
    ])}${options.deletions?.length ? `, ${count(options.deletions.length, 'deployment')} to delete` : ''}${skippedCount(options)}`;
  }
  return render(
    {
      deletions: deletionsMarkdown(options.deletions ?? [], { uiUrl: options.uiUrl }),
      title,
      rows,
      diagnostics: plan.diagnostics,
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
  if (result.outcomes.length > 0) title += skippedCount(options);
  // Notices of registered deployments are shown with them; the list below keeps the rest.
  const shown = new Set(rows.flatMap((r) => r.notes));
  const diagnostics = result.diagnostics.filter((d) => !(d.severity === 'warning' && shown.has(d.message)));
  return render(
    {
      deletions: deletionsMarkdown(deleted, { done: true }),
      title,
      rows,
      diagnostics,
      errorLead: result.outcomes.length === 0 ? 'nothing was registered.' : '',
    },
    options,
  );
}

interface Document {
  title: string;
  rows: readonly Row[];
  diagnostics: readonly Diagnostic[];
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

function render({ title, rows: given, diagnostics, errorLead, hint, deletions = [] }: Document, options: MarkdownOptions): string {
  const rows = [...given].sort((a, b) => ORDER[a.verb] - ORDER[b.verb]);
  const out: string[] = [`### ${title}`, '', ...deletions];
  const collapsed = QUIET.filter((verb) => rows.filter((r) => r.verb === verb).length > QUIET_SHOWN);
  // The first list is never empty: with nothing else to show, the first quiet kind stays in it.
  if (collapsed.length > 0 && rows.every((r) => collapsed.includes(r.verb))) collapsed.shift();
  const shown = rows.filter((r) => !collapsed.includes(r.verb));
  if (shown.length > 0) out.push(...shown.map((r) => line(r, options)), '');
  for (const verb of collapsed) {
    const these = rows.filter((r) => r.verb === verb);
    out.push(`<details><summary>${these.length} ${WORDS[verb] ?? verb}</summary>`, '', ...these.map((r) => line(r, options)), '', '</details>', '');
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

/**
 * One deployment in a line: icon, name (linked to the Prefect UI when its id is known), what
 * happens, and in a few words what it changes; the diff itself is in the block further down.
 */
function line(row: Row, options: MarkdownOptions): string {
  const d = row.deployment;
  const name = code(qualifiedName(d));
  const url = deploymentUrl(options.uiUrl, row.id);
  const words = WORDS[row.verb] ?? row.verb;
  const loud = row.verb === 'create' || row.verb === 'update' || row.verb === 'created' || row.verb === 'updated' || row.verb === 'failed';
  const summary = lineSummary(row);
  const because = options.changedBecause?.get(d.index);
  return `- ${ICON[row.verb]} ${url ? `[${name}](${url})` : name} ${loud ? `**${words}**` : words}${summary ? `: ${summary}` : ''}${because ? `<br><sub>${inline(because)}</sub>` : ''}`.replace(
    /\n/g,
    ' ',
  );
}

function lineSummary(row: Row): string {
  const p = row.deployment.payload;
  switch (row.verb) {
    case 'create':
    case 'created':
    case 'planned': {
      const schedules = row.deployment.schedules.filter((s) => s.create.active).map((s) => shortSchedule(scheduleAsWritten(s)));
      const image = imageOf(row);
      return [
        `work pool ${typeof p.work_pool_name === 'string' ? code(p.work_pool_name) : '—'}`,
        ...(schedules.length > 2 ? [`${schedules.length} schedules`] : schedules),
        ...(image ? [`image ${image}`] : []),
      ].join(', ');
    }
    case 'update':
    case 'updated':
      return row.changes.map((c) => (c.field === 'schedules' ? schedulesSummary(row, c) : changeSummary(c))).join(', ');
    case 'version': {
      const c = row.changes.find((x) => x.field === 'version');
      return c ? `${versionCode(c.from)} → ${versionCode(c.to)}` : '';
    }
    case 'failed':
      return row.error ? inline(firstLine(row.error, 120)) : '';
    default:
      return '';
  }
}

/** A field name, and for a short scalar (a work pool, a version) what it was and becomes. */
function changeSummary(c: FieldChange): string {
  const scalar = (v: unknown) => v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v);
  if (!scalar(c.from) || !scalar(c.to) || c.field === 'description') return code(c.field);
  const [from, to] = [versionCode(c.from), versionCode(c.to)];
  return from.length + to.length > 48 ? code(c.field) : `${code(c.field)} ${from} → ${to}`;
}

/** Changed schedules as they were and become, when that is short enough for the line. */
function schedulesSummary(row: Row, c: FieldChange): string {
  const list = (shown: string[]) => (shown.length ? shown.join(', ') : 'none');
  const before = Array.isArray(c.from)
    ? list(c.from.filter((s) => isMapping(s) && isMapping(s.schedule)).map((s) => shortSchedule((s as { schedule: Schedule }).schedule)))
    : '';
  const after = list(row.deployment.schedules.map((s) => shortSchedule(scheduleAsWritten(s))));
  return before && before !== after && before.length + after.length <= 90 ? `${code(c.field)} ${before} → ${after}` : code(c.field);
}

/** The image a new deployment runs; one a build step fills is known after the build. */
function imageOf(row: Row): string | undefined {
  const jobVariables = row.deployment.payload.job_variables;
  const image = isMapping(jobVariables) ? jobVariables.image : undefined;
  if (typeof image !== 'string') return undefined;
  return row.deployment.deferred.some((p) => image.includes(p)) ? KNOWN_AFTER_BUILD : code(image);
}

function firstLine(text: string, max: number): string {
  const first = text.split('\n')[0]!;
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

function skippedCount(options: MarkdownOptions): string {
  return options.skipped ? `, ${options.skipped} skipped` : '';
}

/** The collapsible part of one deployment; empty for an unchanged one. */
function details(row: Row, options: MarkdownOptions): string[] {
  const out: string[] = [];
  if (row.error) out.push(`**Error:** ${inline(row.error)}`, '');
  if (row.changes.length > 0) out.push(...fence('diff', fieldDiff(row.changes)), '');
  else if (row.verb === 'create' || row.verb === 'created' || row.verb === 'planned') out.push(...fence('yaml', settingsYaml(row.deployment)), '');
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
    if (runs.length) out.push(`- ${shortSchedule(scheduleAsWritten(s))}: ${runs.map(code).join(', ')}`);
  }
  return out.length ? ['Next runs:', '', ...out, ''] : [];
}

export function shortSchedule(s: Schedule): string {
  if (isCronSchedule(s)) return `cron ${code(s.cron)}${s.timezone ? ` ${s.timezone}` : ''}`;
  if (isIntervalSchedule(s)) return `every ${formatSeconds(s.interval)}${s.timezone && s.timezone !== 'UTC' ? ` ${s.timezone}` : ''}`;
  return `rrule ${code(s.rrule.replace(/\n/g, ' '))}${s.timezone ? ` ${s.timezone}` : ''}`;
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

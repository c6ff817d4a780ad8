/**
 * A run over several projects (a monorepo) as one report: a headline with the totals, then a
 * section per project rendered exactly as a single project's. The single-project renderers are
 * used unchanged, so a one-project run reads as before.
 */
import type { DeployResult, LiveChange } from '../apply/index.js';
import type { Diagnostic } from '../diagnostics.js';
import { matrixEntry, type MatrixEntry } from '../plan/matrix.js';
import type { Plan } from '../plan/index.js';
import type { Deletion } from '../plan/ownership.js';
import { classifyChange, type ChangeCategory } from './changes.js';
import { deployToMarkdown, planToMarkdown, type MarkdownOptions } from './markdown.js';
import { skippedToJson, skippedToMarkdown, skippedToText, type SkippedDeployments } from './skipped.js';
import { liveChangesToText, planToJson, planToText, type PlanJson, type TextOptions } from './text.js';

/** Between a project and a deployment selector in a matrix entry and in `--name`: `flows/etl:etl/nightly`. */
export const PROJECT_SEPARATOR = ':';

/** The selector of one deployment of one project, as a matrix entry gives it and `--name` takes it back. */
export function projectSelector(project: string, selector: string): string {
  return `${project}${PROJECT_SEPARATOR}${selector}`;
}

/** One project's plan, named by its directory relative to the run's working directory. */
export interface ProjectPlan {
  project: string;
  plan: Plan;
  live?: readonly LiveChange[] | undefined;
  /** Against a server, a plan of every deployment: what a prune of this project would delete. */
  deletions?: readonly Deletion[] | undefined;
  /** `--changed-since`: the project's deployments left out as unchanged. */
  changedSince?: SkippedDeployments | undefined;
}

/** One project's deploy. */
export interface ProjectDeploy {
  project: string;
  result: DeployResult;
  /** With `--changed-since`: the project's deployments left out as unchanged. */
  changedSince?: SkippedDeployments;
}

/** `--json` and the `plan` output of a run over several projects: each project's plan JSON, and every problem. */
export interface ProjectsPlanJson {
  /** `skipped`: with `--changed-since`, the project's deployments left out as unchanged. */
  projects: Array<{ project: string; skipped?: ReturnType<typeof skippedToJson> } & PlanJson>;
  /** Every project's, with `file` relative to the run's working directory. */
  errors: PlanJson['errors'];
  warnings: PlanJson['warnings'];
}

const inRun = (project: string, d: Diagnostic): Diagnostic => (d.file.startsWith('/') ? d : { ...d, file: `${project}/${d.file}`.replace(/^\.\//u, '') });

export function projectsPlanToJson(projects: readonly ProjectPlan[]): ProjectsPlanJson {
  const all = planToJson({
    prefectFile: '',
    deployments: [],
    diagnostics: projects.flatMap((p) => p.plan.diagnostics.map((d) => inRun(p.project, d))),
  });
  return {
    projects: projects.map((p) => ({
      project: p.project,
      ...planToJson(p.plan, p.live, p.deletions, p.changedSince?.because),
      ...(p.changedSince ? { skipped: skippedToJson(p.changedSince) } : {}),
    })),
    errors: all.errors,
    warnings: all.warnings,
  };
}

type Tally = ChangeCategory | 'planned' | 'delete' | 'skipped';

/** What a deploy would do across projects: the run's totals (create, update, unchanged, delete, skipped, errors). */
function totals(projects: readonly ProjectPlan[]): { counts: Map<Tally, number>; errors: number } {
  const counts = new Map<Tally, number>();
  const add = (k: Tally, n = 1) => counts.set(k, (counts.get(k) ?? 0) + n);
  let errors = 0;
  for (const p of projects) {
    errors += p.plan.diagnostics.filter((d) => d.severity === 'error').length;
    if (!p.live) p.plan.deployments.forEach(() => add('planned'));
    else for (const c of p.live) add(classifyChange(c.deployment, c.action, c.changes).category);
    if (p.deletions?.length) add('delete', p.deletions.length);
    if (p.changedSince?.skipped.length) add('skipped', p.changedSince.skipped.length);
  }
  return { counts, errors };
}

const WORDS: ReadonlyArray<[Tally, string]> = [
  ['planned', 'to deploy'],
  ['create', 'to create'],
  ['update', 'to update'],
  ['version-only', 'version only'],
  ['unchanged-unless-build-differs', 'unchanged unless the build output differs'],
  ['unchanged', 'unchanged'],
  ['delete', 'to delete'],
  ['skipped', 'skipped (unchanged)'],
];

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function tallyText(projects: readonly ProjectPlan[]): string {
  const { counts, errors } = totals(projects);
  const parts = WORDS.filter(([k]) => (counts.get(k) ?? 0) > 0).map(([k, w]) => `${counts.get(k)} ${w}`);
  if (errors > 0) parts.unshift(plural(errors, 'error'));
  return parts.length > 0 ? parts.join(', ') : 'no deployments selected';
}

/** The terminal's plan of several projects: the totals, then each project's plan under its name. */
export function projectsPlanToText(projects: readonly ProjectPlan[], options: TextOptions): string {
  const lines = [`${plural(projects.length, 'project')}: ${tallyText(projects)}`];
  for (const p of projects) {
    const each = { ...options, ...(p.deletions ? { deletions: p.deletions } : {}), ...(p.changedSince?.because ? { changedBecause: p.changedSince.because } : {}) };
    const body = p.live ? liveChangesToText(p.plan, p.live, each) : planToText(p.plan, each);
    lines.push('', `== ${p.project} ==`, body);
    const skipped = skippedToText(p.changedSince);
    if (skipped) lines.push(skipped);
  }
  return lines.join('\n');
}

/** One project's markdown, its headings one level down under the project's own. */
function section(project: string, markdown: string): string[] {
  const body = markdown.replace(/^### (❌ )?Prefect [a-z ]+: /u, '$1');
  return [`### 📁 \`${project}\`: ${body}`.trimEnd(), ''];
}

/**
 * The PR comment and job summary of several projects: a headline with the run's totals and a table
 * of the projects, then each project's plan as a single project's comment shows it.
 */
export function projectsPlanToMarkdown(projects: readonly ProjectPlan[], options: MarkdownOptions): string {
  const { errors } = totals(projects);
  const out = [`## ${errors > 0 ? '❌ ' : ''}Prefect deployment plan: ${plural(projects.length, 'project')}, ${tallyText(projects)}`, ''];
  out.push('| Project | Deployments | Plan |', '|---|---|---|');
  for (const p of projects) out.push(`| \`${p.project}\` | ${p.plan.deployments.length} | ${tallyText([p])} |`);
  out.push('');
  const { footer, ...each } = options;
  for (const p of projects) {
    const own = { ...each, ...(p.deletions ? { deletions: p.deletions } : {}), ...(p.changedSince?.because ? { changedBecause: p.changedSince.because } : {}) };
    out.push(...section(p.project, planToMarkdown(p.plan, p.live, own)));
    const skipped = skippedToMarkdown(p.changedSince);
    if (skipped) out.push(skipped, '');
  }
  if (footer) out.push(footer, '');
  return out.join('\n');
}

/** The job summary of a deploy over several projects: the totals, then each project's deploy. */
export function projectsDeployToMarkdown(projects: readonly ProjectDeploy[], options: MarkdownOptions): string {
  const count = (a: string) => projects.reduce((n, p) => n + p.result.outcomes.filter((o) => o.action === a).length, 0);
  const failed = projects.some((p) => p.result.stoppedAt || p.result.outcomes.some((o) => o.action === 'failed'));
  const words = (
    [
      ['created', 'created'],
      ['updated', 'updated'],
      ['unchanged', 'unchanged'],
      ['failed', 'failed'],
    ] as const
  )
    .filter(([a]) => count(a) > 0)
    .map(([a, w]) => `${count(a)} ${w}`);
  const skipped = projects.reduce((n, p) => n + (p.changedSince?.skipped.length ?? 0), 0);
  if (skipped > 0) words.push(`${skipped} skipped (unchanged)`);
  const out = [`## ${failed ? '❌ ' : ''}Prefect deploy: ${plural(projects.length, 'project')}${words.length ? `, ${words.join(', ')}` : ''}`, ''];
  const { footer, ...each } = options;
  for (const p of projects) {
    out.push(...section(p.project, deployToMarkdown(p.result, each)));
    const block = skippedToMarkdown(p.changedSince);
    if (block) out.push(block, '');
  }
  if (footer) out.push(footer, '');
  return out.join('\n');
}

/** A matrix entry of a run over several projects: its project, and a `deployment` selector naming it. */
export interface ProjectMatrixEntry extends MatrixEntry {
  project: string;
}

/**
 * One entry per deployment across the projects. `deployment` is `<project>:<flow>/<name>`, which
 * `--name` (and the `deployments` input) with the same projects takes back to this one deployment.
 */
export function projectsMatrix(projects: ReadonlyArray<{ project: string; plan: Plan }>): { include: ProjectMatrixEntry[] } {
  return {
    include: projects.flatMap((p) =>
      p.plan.deployments.map((d) => {
        const entry = matrixEntry(d);
        return { ...entry, project: p.project, deployment: projectSelector(p.project, entry.deployment) };
      }),
    ),
  };
}

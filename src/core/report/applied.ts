/**
 * The applied status that heads a pull request's plan comment once the merge is deployed (as
 * dflook/terraform-github-actions marks its plan comments applied): "Applied at <commit>", each
 * deployment's outcome with its link in the Prefect UI, or the error that stopped the deploy. The
 * plan it was applied from stays below, folded (see `foldPlan`).
 */
import type { DeploymentOutcome } from '../apply/index.js';
import { deploymentUrl } from '../../prefect/ui.js';

export interface AppliedStatus {
  /** The commit deployed (the merge commit). */
  sha: string;
  /** Each deployment's outcome, in plan order; empty or absent when the deploy stopped before writing. */
  outcomes?: readonly DeploymentOutcome[] | undefined;
  /** Why the deploy stopped or failed, one line each (problems, a refused plan match): shown when given. */
  errors: readonly string[];
  uiUrl?: string | undefined;
  /** The line under the table (who deployed, the workflow run). */
  footer?: string | undefined;
}

const ICON: Record<DeploymentOutcome['action'], string> = { created: '🟢', updated: '🟡', unchanged: '⚪', deleted: '🗑️', failed: '🔴' };
const ORDER: readonly DeploymentOutcome['action'][] = ['created', 'updated', 'unchanged', 'deleted', 'failed'];

export function appliedToMarkdown(status: AppliedStatus): string {
  const outcomes = status.outcomes ?? [];
  const short = status.sha.slice(0, 7);
  const failed = outcomes.some((o) => o.action === 'failed') || status.errors.length > 0;
  const tally = ORDER.map((a) => [outcomes.filter((o) => o.action === a).length, a] as const)
    .filter(([n]) => n > 0)
    .map(([n, a]) => `${n} ${a}`)
    .join(', ');
  const what = tally || 'nothing was registered';
  const out = [failed ? `### ❌ Apply failed at \`${short}\`: ${what}` : `### ✅ Applied at \`${short}\`: ${what}`, ''];
  if (outcomes.length > 0) {
    out.push('| | Deployment | Result |', '|---|---|---|');
    for (const o of outcomes) {
      const label = code(`${o.flowName}/${o.name}`);
      const url = o.action === 'deleted' ? null : deploymentUrl(status.uiUrl, o.id);
      out.push(`| ${ICON[o.action]} | ${url ? `[${label}](${url})` : label} | ${result(o)} |`);
    }
    out.push('');
  }
  if (status.errors.length > 0) out.push(...fence(status.errors.join('\n')), '');
  if (status.footer) out.push(status.footer, '');
  return out.join('\n');
}

function result(o: DeploymentOutcome): string {
  if (o.action === 'failed') return `**failed**: ${cell(o.error ?? 'no reason given')}`;
  if (o.action === 'updated' && o.changes.length > 0) return `**updated**: ${o.changes.map((c) => code(c.field)).join(', ')}`;
  return o.action === 'unchanged' ? 'unchanged' : `**${o.action}**`;
}

const APPLIED = '<!-- deploy-action:applied -->';
const PLAN_START = '<!-- deploy-action:applied-plan -->';
const PLAN_END = '<!-- /deploy-action:applied-plan -->';

/**
 * A plan comment's body (without its marker line) with the applied status on top and the plan
 * folded below. A comment that already carries a status (a re-run of the deploy) keeps its plan and
 * gets the new status, so statuses never pile up.
 */
export function foldPlan(current: string, status: string, planLimit = Infinity): string {
  const plan = planOf(current);
  const note = '\n\n> [!NOTE]\n> Cut to fit the comment.';
  const shown = plan.length > planLimit ? `${plan.slice(0, Math.max(0, planLimit - note.length))}${note}` : plan;
  return [APPLIED, status.trimEnd(), '', '<details><summary>The plan it was applied from</summary>', '', PLAN_START, shown.trim(), PLAN_END, '', '</details>', ''].join(
    '\n',
  );
}

/** The plan of a comment body, whether or not an applied status heads it already. */
export function planOf(body: string): string {
  const start = body.indexOf(PLAN_START);
  const end = body.lastIndexOf(PLAN_END);
  return body.startsWith(APPLIED) && start >= 0 && end > start ? body.slice(start + PLAN_START.length, end).trim() : body.trim();
}

/** An inline code span that survives backticks and table pipes inside. */
function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${marks}${pad}${oneLine}${pad}${marks}`;
}

/** Text in a table cell: one line, no HTML, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function fence(body: string): string[] {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return [`${marks}text`, ...body.split('\n'), marks];
}

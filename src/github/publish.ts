/**
 * What each mode leaves once its command is done: outputs (by constant name, redacted), the plan in
 * the log, the job summary, the PR comment, and the failure.
 */
import * as core from '@actions/core';
import { formatDiagnostic } from '../core/diagnostics.js';
import { outcomeJson, type LiveChange } from '../core/apply/index.js';
import type { Plan } from '../core/plan/index.js';
import {
  deployToMarkdown,
  driftHeadline,
  smokeToMarkdown,
  liveChangesToText,
  planToJson,
  planToMarkdown,
  planToText,
  skippedToJson,
  skippedToMarkdown,
  skippedToText,
} from '../core/report/index.js';
import type { StepOutputs } from '../core/templating/index.js';
import { deploymentUrl } from '../prefect/index.js';
import type { CommandResult } from '../commands/index.js';
import { printGroup } from './logs.js';
import { deploymentKey, flatStepOutputs, matrixOf, OUTPUT } from './outputs.js';
import { followDeploy } from './applied-comment.js';
import { postPlanComment } from './pull-request.js';
import { fail, fingerprint, footer, writeSummary, type Run } from './run.js';

export async function publishPlan(r: Run, result: CommandResult & { plan: Plan }): Promise<void> {
  const markdown = publishPlanned(r, result, 'Planned');
  await writeSummary(r, markdown);
  await postPlanComment(r, markdown, fingerprint(r, result.plan.deployments, result.deletions), result.hasChanges);
  if (result.failureReason) fail(r, result.failureReason, result.plan.diagnostics);
}

/**
 * mode drift: the live plan under a drift headline in the job summary and `plan-markdown` (for the
 * issue a scheduled workflow opens), `drift` true or false, and on drift a failed step with
 * failure-reason drift. No PR comment: a drift check runs on the default branch, not a pull request.
 */
export async function publishDrift(r: Run, result: CommandResult): Promise<void> {
  if (result.failureReason === 'no-api-url') {
    return fail(r, 'no-api-url', [], 'mode drift compares with the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL');
  }
  if (!result.plan) {
    for (const p of result.diagnostics) core.error(formatDiagnostic(p));
    return fail(r, result.failureReason ?? 'invalid-input', result.diagnostics, result.message);
  }
  const plan = result.plan;
  const markdown = publishPlanned(r, { ...result, plan }, 'Checked');
  const errors = result.failureReason !== undefined && result.failureReason !== 'drift';
  const headline = errors
    ? ''
    : driftHeadline({ prefectFile: r.prefectFile, live: r.secrets.redactValue(result.live ?? []), deletions: result.deletions, uiUrl: result.uiUrl });
  await writeSummary(r, headline ? `${headline}\n${markdown}` : markdown);
  if (!errors) r.secrets.setOutput(OUTPUT.drift, String(result.failureReason === 'drift'));
  if (result.failureReason === 'drift') {
    return fail(r, 'drift', [], r.secrets.redactText(result.message ?? 'the Prefect server differs from prefect.yaml'));
  }
  if (result.failureReason) fail(r, result.failureReason, plan.diagnostics);
}

/** A plan's log groups and outputs, and its markdown (for the summary, the comment). */
function publishPlanned(r: Run, result: CommandResult & { plan: Plan }, verb: string): string {
  const { plan, live, uiUrl: ui } = result;
  // Redacted as the comment is, so the log does not depend on the runner's masking recognising a
  // secret the YAML diff spreads over several lines.
  logPlan(r.secrets.redactValue(plan), live && r.secrets.redactValue(live), r.now, result.changedSince?.because);
  logSkipped(result);
  setPlanOutputs(r, plan, live, ui, result);
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  return planToMarkdown(r.secrets.redactValue(plan), live && r.secrets.redactValue(live), {
    now: r.now,
    ...(ui ? { uiUrl: ui } : {}),
    footer: withSkipped(result, footer(r, verb)),
    ...(result.deletions ? { deletions: result.deletions } : {}),
    ...skippedCount(result),
  });
}

const NO_API_URL = 'mode deploy needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL';

/** A deploy's outputs, summary and failure; then, on the push that merged a pull request, its plan comment marked applied. */
export async function publishDeploy(r: Run, result: CommandResult): Promise<void> {
  await publishDeployResult(r, result);
  const refusal = result.failureReason === 'no-api-url' ? NO_API_URL : result.failureReason === 'plan-changed' ? `require-plan-match: ${result.message}` : undefined;
  await followDeploy(r, result, refusal);
}

async function publishDeployResult(r: Run, result: CommandResult): Promise<void> {
  const { plan, outcomes, uiUrl: ui } = result;
  if (result.failureReason === 'no-api-url') return fail(r, 'no-api-url', [], NO_API_URL);
  if (result.failureReason === 'plan-changed') return fail(r, 'plan-changed', [], `require-plan-match: ${result.message}`);
  if (result.failureReason === 'invalid-input') {
    for (const p of result.diagnostics) core.error(formatDiagnostic(p));
    return fail(r, 'invalid-input', result.diagnostics);
  }
  if (!plan || !outcomes) return;
  logSkipped(result);
  setStepOutputs(r, plan, result.stepOutputs ?? new Map());
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(matrixOf(plan)));
  const deployedPlan = planToJson(r.secrets.redactValue({ ...plan, diagnostics: result.diagnostics }), undefined, undefined, result.changedSince?.because);
  r.secrets.setOutput(OUTPUT.plan, JSON.stringify({ ...deployedPlan, ...skippedJson(result) }));
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(outcomes.map((o) => outcomeJson(o, ui))));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  const deployed = { plan, outcomes, diagnostics: result.diagnostics, ...(result.stoppedAt ? { stoppedAt: result.stoppedAt } : {}) };
  await writeSummary(
    r,
    deployToMarkdown(r.secrets.redactValue(deployed), {
      now: r.now,
      ...(ui ? { uiUrl: ui } : {}),
      footer: withSmoke(result, withSkipped(result, footer(r, 'Deployed'))),
      ...skippedCount(result),
    }),
  );
  // A failed smoke run is no diagnostic: its one line (per run) is the failure.
  if (result.failureReason) fail(r, result.failureReason, result.diagnostics, result.failureReason === 'smoke-failed' ? result.message : undefined);
}

export async function publishBuild(r: Run, result: CommandResult): Promise<void> {
  const { plan } = result;
  if (!plan) return;
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(matrixOf(plan)));
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(plan.deployments.map((d) => ({ name: d.name, flow: d.flowName, entrypoint: d.entrypoint }))));
  if (result.failureReason) return fail(r, result.failureReason, result.diagnostics);
  const outputs = result.stepOutputs ?? new Map<number, StepOutputs>();
  setStepOutputs(r, plan, outputs);
  const rows = plan.deployments.map((d) => {
    const keys = Object.keys(outputs.get(d.index) ?? {});
    return `| \`${deploymentKey(d)}\` | ${keys.length ? keys.map((k) => `\`${k}\``).join(' ') : '—'} |`;
  });
  const heading = `### Prefect build: steps ran for ${result.built ?? 0} of ${plan.deployments.length} deployments`;
  logSkipped(result);
  await writeSummary(r, [heading, '', '| Deployment | Step outputs |', '|---|---|', ...rows, '', withSkipped(result, footer(r, 'Built')), ''].join('\n'));
}

function setPlanOutputs(r: Run, plan: Plan, live: readonly LiveChange[] | undefined, ui: string | undefined, result: CommandResult): void {
  const deletions = result.deletions;
  const json = {
    ...planToJson(r.secrets.redactValue(plan), live && r.secrets.redactValue(live), deletions && r.secrets.redactValue(deletions), result.changedSince?.because),
    ...skippedJson(result),
  };
  r.secrets.setOutput(OUTPUT.plan, JSON.stringify(json));
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(matrixOf(plan)));
  const deployments = plan.deployments.map((d, i) => {
    const change = live?.[i];
    return {
      name: d.name,
      flow: d.flowName,
      entrypoint: d.entrypoint,
      ...(change ? { id: change.id ?? null, action: change.action, changes: change.changes.map((c) => c.field), url: deploymentUrl(ui, change.id) } : {}),
    };
  });
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(deployments));
}

function logPlan(plan: Plan, live: readonly LiveChange[] | undefined, now: Date, changedBecause: ReadonlyMap<number, string> | undefined): void {
  const text = (p: Plan, l: readonly LiveChange[] | undefined) => (l ? liveChangesToText(p, l, { now, changedBecause }) : planToText(p, { now, changedBecause }));
  core.info(text(plan, live).split('\n')[0]!);
  plan.deployments.forEach((d, i) => {
    const single = { ...plan, deployments: [d] };
    const change = live?.[i];
    const lines = text(single, change ? [change] : undefined)
      .split('\n')
      .slice(2);
    printGroup(`${deploymentKey(d)}${change ? `: ${change.action === 'created' ? 'create' : change.action === 'updated' ? 'update' : 'unchanged'}` : ''}`, lines);
  });
}

function setStepOutputs(r: Run, plan: Plan, byIndex: ReadonlyMap<number, StepOutputs>): void {
  r.secrets.setOutput(OUTPUT.stepOutputs, JSON.stringify(Object.fromEntries(plan.deployments.map((d) => [deploymentKey(d), byIndex.get(d.index) ?? {}]))));
  for (const [name, value] of Object.entries(flatStepOutputs(plan, byIndex))) r.secrets.setOutput(name, value);
}

/** `changed-since`: the deployments left out, before the footer of a comment or summary. */
function withSmoke(result: CommandResult, footerText: string): string {
  const smoke = smokeToMarkdown(result.smoke);
  return smoke ? `${smoke}\n\n${footerText}` : footerText;
}

function withSkipped(result: CommandResult, footerText: string): string {
  const skipped = skippedToMarkdown(result.changedSince);
  return skipped ? `${skipped}\n\n${footerText}` : footerText;
}

/** The headline counts what `changed-since` left out (the footer lists them); each deployment shown says why it counts as changed. */
function skippedCount(result: CommandResult): { skipped?: number; changedBecause?: ReadonlyMap<number, string> } {
  const because = result.changedSince?.because;
  return {
    ...(result.changedSince?.skipped.length ? { skipped: result.changedSince.skipped.length } : {}),
    ...(because?.size ? { changedBecause: because } : {}),
  };
}

function skippedJson(result: CommandResult): { skipped?: ReturnType<typeof skippedToJson> } {
  return result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {};
}

function logSkipped(result: CommandResult): void {
  const text = skippedToText(result.changedSince);
  if (text) core.info(text);
}

/**
 * The action front door: inputs in, engine, then outputs, the job summary, the PR comment, log
 * groups and annotations out.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { createPlan, hasErrors, newPlanCache, qualifiedName, type DesiredDeployment, type Plan } from '../core/plan/index.js';
import { liveChangesToText, planToJson, planToText } from '../core/report/index.js';
import { deployToMarkdown, planToMarkdown } from '../core/report/index.js';
import { fingerprintDeployments, type PlanFingerprint } from '../core/plan/hash.js';
import { deploy, lockEventText, outcomeJson, planAgainstServer, runDeploymentSteps, validateDeployments, validateForDeploy, type DeploymentOutcome, type LiveChange } from '../core/apply/index.js';
import { offlineSources, prefectTemplateSources, type StepOutputs, type TemplateSources } from '../core/templating/index.js';
import { deploymentUrl, PrefectClient, uiUrl } from '../prefect/index.js';
import { stepRunner, type StepEvent } from '../steps/index.js';
import { InputValueError, readInputs, type ActionInputs } from './inputs.js';
import { readWorkflowRun, type WorkflowRun } from './context.js';
import { Secrets } from './secrets.js';
import { untrustedEnvironment } from '../core/secrets.js';
import { annotate, printGroup, StepLogs } from './logs.js';
import { truncateMarkdown } from './truncate.js';
import { commentKeys, createOctokit, formatMarker, httpStatus, upsertPlanComment, type CommentKeys } from './comment.js';
import { checkPlanMatch } from './plan-match.js';
import { deploymentKey, flatStepOutputs, isKeyedByDeployment, matrixOf, outputsByIndex, unfilledStepPlaceholders } from './outputs.js';

/** GitHub refuses comments over 65,536 characters; stay well under. */
export const COMMENT_LIMIT = 60_000;
/** The job summary takes 1 MiB per step; this many characters stay under it even at 2 bytes each. */
export const SUMMARY_LIMIT = 500_000;

type Env = Record<string, string | undefined>;

interface Run {
  inputs: ActionInputs;
  env: Env;
  github: WorkflowRun;
  secrets: Secrets;
  now: Date;
  cwd: string;
  /** prefect.yaml relative to the repository root, as the comment names it. */
  prefectFile: string;
}

export async function run(): Promise<void> {
  const secrets = new Secrets();
  // The runner shows both streams in the job log.
  const restore = [secrets.redactLog(process.stdout), secrets.redactLog(process.stderr)];
  try {
    await runRedacted(secrets);
  } finally {
    for (const undo of restore) undo();
  }
}

async function runRedacted(secrets: Secrets): Promise<void> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs();
  } catch (e) {
    if (!(e instanceof InputValueError)) throw e;
    secrets.setOutput('failure-reason', 'invalid-input');
    core.setFailed(e.message);
    return;
  }
  secrets.addEnvironment(process.env);
  secrets.add(inputs.apiKey);
  secrets.add(inputs.githubToken);
  const env: Env = {
    ...process.env,
    ...(inputs.apiUrl ? { PREFECT_API_URL: inputs.apiUrl } : {}),
    ...(inputs.apiKey ? { PREFECT_API_KEY: inputs.apiKey } : {}),
  };
  secrets.add(env.PREFECT_API_KEY);
  const github = readWorkflowRun(process.env);
  const cwd = path.resolve(inputs.workingDirectory);
  const r: Run = {
    inputs,
    env,
    github,
    secrets,
    now: new Date(),
    cwd,
    prefectFile: path.relative(github.workspace, path.resolve(cwd, inputs.prefectFile)).split(path.sep).join('/'),
  };
  try {
    if (inputs.mode === 'deploy') await runDeploy(r);
    else if (inputs.mode === 'build') await runBuild(r);
    else await runPlan(r);
  } catch (e) {
    core.setFailed(secrets.redactText((e as Error).message));
  }
}

function planRequest(r: Run) {
  return {
    prefectFile: r.inputs.prefectFile,
    selection: { all: r.inputs.all, names: r.inputs.deployments },
    cwd: r.cwd,
    env: r.env,
    now: r.now,
  };
}

/**
 * A plan may run on a pull request's prefect.yaml with the repository's secrets in the environment
 * (pull_request_target): what its placeholders read from the environment is shown as `(from $NAME)`
 * unless plan-env allows the name, and the hidden values are redacted wherever else they appear.
 */
function untrustedPlanRequest(r: Run) {
  return { ...planRequest(r), templateEnv: untrustedEnvironment(r.env, new Set(r.inputs.planEnv), (v) => r.secrets.add(v)) };
}

function prefectClient(r: Run): PrefectClient {
  const client = new PrefectClient({ env: r.env, ...(r.inputs.concurrency ? { concurrency: r.inputs.concurrency } : {}) });
  r.secrets.watchBlockDocuments(client);
  r.secrets.watchVariables(client);
  return client;
}

function fail(r: Run, reason: string, diagnostics: readonly Diagnostic[], message?: string): void {
  r.secrets.setOutput('failure-reason', reason);
  const first = diagnostics.find((d) => d.severity === 'error');
  core.setFailed(message ?? (first ? formatDiagnostic(first) : reason));
}

/** Which deployments were asked for, as people read it and as the comment key holds it. */
function selection(inputs: ActionInputs): { text: string; key: string } {
  if (inputs.all) return { text: 'all deployments', key: '*all*' };
  if (inputs.deployments.length === 0) return { text: 'the only deployment', key: '' };
  return { text: inputs.deployments.map((n) => `\`${n}\``).join(', '), key: JSON.stringify([...new Set(inputs.deployments)].sort()) };
}

function footer(r: Run, verb: string): string {
  const parts = [`\`${r.prefectFile}\``, selection(r.inputs).text];
  const sha = r.github.pullRequest?.headSha ?? r.github.sha;
  if (sha) parts.push(`commit \`${sha.slice(0, 7)}\``);
  if (r.github.runUrl) parts.push(`[workflow run](${r.github.runUrl})`);
  return `<sub>${verb} by deploy-action · ${parts.join(' · ')}</sub>`;
}

function fingerprint(r: Run, deployments: readonly DesiredDeployment[]): PlanFingerprint {
  return fingerprintDeployments(deployments, { ...(r.github.sha ? { commit: r.github.sha } : {}), transform: (v) => r.secrets.redactValue(v) });
}

async function writeSummary(r: Run, markdown: string): Promise<string> {
  const note = '> [!NOTE]\n> Truncated to fit the job summary: the whole plan is in the `plan` output.';
  const fitted = truncateMarkdown(r.secrets.redactText(markdown), SUMMARY_LIMIT, note);
  r.secrets.setOutput('plan-markdown', fitted);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(fitted, true).write();
  return fitted;
}

function setPlanOutputs(r: Run, plan: Plan, live: readonly LiveChange[] | undefined, ui: string | undefined): void {
  const json = planToJson(r.secrets.redactValue(plan), live && r.secrets.redactValue(live));
  r.secrets.setOutput('plan', JSON.stringify(json));
  r.secrets.setOutput('matrix', JSON.stringify(matrixOf(plan)));
  r.secrets.setOutput(
    'deployments',
    JSON.stringify(
      plan.deployments.map((d, i) => {
        const change = live?.[i];
        return {
          name: d.name,
          flow: d.flowName,
          entrypoint: d.entrypoint,
          ...(change ? { id: change.id ?? null, action: change.action, changes: change.changes.map((c) => c.field), url: deploymentUrl(ui, change.id) } : {}),
        };
      }),
    ),
  );
}

function logPlan(plan: Plan, live: readonly LiveChange[] | undefined, now: Date): void {
  const text = (p: Plan, l: readonly LiveChange[] | undefined) => (l ? liveChangesToText(p, l, { now }) : planToText(p, { now }));
  core.info(text(plan, live).split('\n')[0]!);
  plan.deployments.forEach((d, i) => {
    const single = { ...plan, deployments: [d] };
    const change = live?.[i];
    const lines = text(single, change ? [change] : undefined).split('\n').slice(2);
    printGroup(`${deploymentKey(d)}${change ? `: ${change.action === 'created' ? 'create' : change.action === 'updated' ? 'update' : 'unchanged'}` : ''}`, lines);
  });
}

async function runPlan(r: Run): Promise<void> {
  const req = untrustedPlanRequest(r);
  let plan: Plan;
  let live: LiveChange[] | undefined;
  let ui: string | undefined;
  if (r.env.PREFECT_API_URL) {
    const client = prefectClient(r);
    ui = uiUrl(r.env.PREFECT_API_URL, r.env);
    try {
      ({ plan, live } = await planAgainstServer({ ...req, client, sources: prefectTemplateSources(client), stepRunner }));
    } finally {
      client.close();
    }
  } else {
    plan = await validateDeployments({ ...req, stepRunner });
  }
  const errors = hasErrors(plan.diagnostics);
  const changes = errors || !live || live.some((c) => c.action !== 'unchanged');
  annotate(plan.diagnostics, r.cwd, r.github.workspace);
  logPlan(plan, live, r.now);
  setPlanOutputs(r, plan, live, ui);
  r.secrets.setOutput('changes', String(changes));
  const markdown = planToMarkdown(r.secrets.redactValue(plan), live && r.secrets.redactValue(live), {
    now: r.now,
    ...(ui ? { uiUrl: ui } : {}),
    footer: footer(r, 'Planned'),
  });
  await writeSummary(r, markdown);
  await postPlanComment(r, markdown, fingerprint(r, plan.deployments), changes);
  if (errors) fail(r, 'invalid-config', plan.diagnostics);
}

/** The sticky PR comment; any problem with it is a notice or a warning, never a failed step. */
async function postPlanComment(r: Run, markdown: string, print: PlanFingerprint, hasChanges: boolean): Promise<void> {
  const { inputs, github } = r;
  const pr = github.pullRequest;
  if (!pr || !github.repository || inputs.commentMode === 'off') return;
  if (!inputs.githubToken) {
    core.info('no github-token: the plan is in the job summary only');
    return;
  }
  if (pr.fork && github.eventName === 'pull_request') {
    core.notice(`pull request #${pr.number} comes from a fork, whose workflow token cannot comment: the plan is in the job summary`);
    return;
  }
  const repo = github.repository;
  const keys: CommentKeys = commentKeys(`${repo.owner}/${repo.repo}`, r.prefectFile, selection(inputs).key);
  const marker = formatMarker(keys, print);
  const where = github.runUrl ? `the [job summary](${github.runUrl})` : 'the job summary';
  const note = `> [!NOTE]\n> This plan is too long for a comment and was cut here: the whole plan is in ${where}.`;
  const body = `${marker}\n${truncateMarkdown(r.secrets.redactText(markdown), COMMENT_LIMIT - marker.length - 1, note)}`;
  try {
    const octokit = await createOctokit(inputs.githubToken);
    const result = await upsertPlanComment(octokit, { repo, pullRequest: pr.number, mode: inputs.commentMode, keys, body, hasChanges });
    if (result.action === 'skipped') {
      core.info(`no plan comment: ${result.reason}`);
      return;
    }
    core.info(`plan comment ${result.action}: ${result.url}`);
    r.secrets.setOutput('comment-url', result.url);
    if (result.minimized?.error) core.warning(`the previous plan comment (${result.minimized.url}) could not be hidden: ${result.minimized.error}`);
  } catch (e) {
    const status = httpStatus(e);
    const message = r.secrets.redactText((e as Error).message);
    if (status === 403 || status === 404) {
      core.notice(`the plan could not be posted on pull request #${pr.number} (GitHub answered ${status}: ${message}); it is in the job summary. Give the job "pull-requests: write" permission to get the comment.`);
    } else {
      core.warning(`the plan could not be posted on pull request #${pr.number}: ${message}; it is in the job summary`);
    }
  }
}

/** Build/push step groups in the log, one per step, as the steps of all deployments run. */
function stepLogging(): { onStepEvent: (d: DesiredDeployment, e: StepEvent) => void; onStepLog: (deployment: string, line: string) => void } {
  const logs = new StepLogs();
  return {
    onStepEvent: (d, e) => {
      if (e.phase === 'start') logs.start(d.name, `${deploymentKey(d)} · ${e.section ?? 'build'} step ${e.index + 1}: ${e.name.split('.').at(-1)}`);
      else logs.end(d.name, e.error);
    },
    onStepLog: (deployment, line) => logs.line(deployment, line),
  };
}

interface StepOutputChoice {
  /** What deploy() takes: one set for all, or per deployment index. */
  stepOutputs?: StepOutputs;
  stepOutputsByIndex?: Map<number, StepOutputs>;
}

async function runDeploy(r: Run): Promise<void> {
  const { inputs, env } = r;
  if (!env.PREFECT_API_URL) {
    r.secrets.setOutput('failure-reason', 'no-api-url');
    core.setFailed('mode deploy needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL');
    return;
  }
  // The check plan below and deploy()'s own plans share the file, git's answers and the flow analyses.
  const req = { ...planRequest(r), cache: newPlanCache() };
  const client = prefectClient(r);
  const sources = prefectTemplateSources(client);
  const ui = uiUrl(env.PREFECT_API_URL, env);
  try {
    const given = inputs.stepOutputs;
    const keyed = given && isKeyedByDeployment(given) ? given : undefined;
    const skipSteps = inputs.skipSteps || given !== undefined;
    const choice: StepOutputChoice = skipSteps ? { stepOutputs: keyed ? {} : (given ?? {}) } : {};
    if (skipSteps || inputs.requirePlanMatch) {
      // The deployments as a plan sees them, before any step output: what a PR plan fingerprinted.
      // Seen as the PR's plan saw the environment, so the fingerprints compare; nothing is redacted
      // for it, since deploy mode publishes no plan of an untrusted file.
      const before = await createPlan({ ...req, templateEnv: untrustedEnvironment(r.env, new Set(inputs.planEnv), () => undefined), sources });
      if (!hasErrors(before.diagnostics)) {
        if (keyed) choice.stepOutputsByIndex = outputsByIndex(before, keyed);
        if (skipSteps && !checkStepOutputsGiven(r, before, choice)) return;
        if (inputs.requirePlanMatch && !(await planMatches(r, before))) return;
      }
    }
    const logging = stepLogging();
    const result = await deploy({
      ...req,
      ...choice,
      client,
      sources,
      stepRunner,
      concurrency: inputs.concurrency ?? 8,
      registrationConcurrency: inputs.concurrency ?? (client.isCloud ? 8 : 1),
      ...logging,
      onResult: (o) => printGroup(`${qualifiedName(o)}: ${o.action}`, outcomeLines(o, ui)),
      lock: { timeoutSeconds: inputs.lockTimeout, ...(r.github.runUrl ? { holder: r.github.runUrl } : {}) },
      onLock: (e) => {
        const { text, warning } = lockEventText(e);
        if (warning) core.warning(text);
        else core.info(text);
      },
    });
    annotate(result.diagnostics, req.cwd, r.github.workspace);
    const outputsOf = (d: DesiredDeployment, o: DeploymentOutcome | undefined): StepOutputs =>
      choice.stepOutputsByIndex?.get(d.index) ?? (skipSteps ? choice.stepOutputs : o?.stepOutputs) ?? {};
    const byIndex = new Map(result.plan.deployments.map((d, i) => [d.index, outputsOf(d, result.outcomes[i])]));
    setStepOutputs(r, result.plan, byIndex);
    r.secrets.setOutput('matrix', JSON.stringify(matrixOf(result.plan)));
    r.secrets.setOutput('plan', JSON.stringify(planToJson(r.secrets.redactValue({ ...result.plan, diagnostics: result.diagnostics }))));
    r.secrets.setOutput(
      'deployments',
      JSON.stringify(
        result.outcomes.map((o) => outcomeJson(o, ui)),
      ),
    );
    r.secrets.setOutput('changes', String(result.outcomes.some((o) => o.action === 'created' || o.action === 'updated')));
    await writeSummary(r, deployToMarkdown(r.secrets.redactValue(result), { now: r.now, ...(ui ? { uiUrl: ui } : {}), footer: footer(r, 'Deployed') }));
    if (result.outcomes.length === 0) return fail(r, result.stoppedAt === 'steps' ? 'step-failed' : result.stoppedAt === 'lock' ? 'lock-timeout' : 'invalid-config', result.diagnostics);
    if (result.outcomes.some((o) => o.action === 'failed')) return fail(r, 'deploy-failed', result.diagnostics);
  } finally {
    client.close();
  }
}

function outcomeLines(o: DeploymentOutcome, ui: string | undefined): string[] {
  const lines: string[] = [];
  if (o.id) lines.push(`id: ${o.id}${ui ? `  ${deploymentUrl(ui, o.id)}` : ''}`);
  for (const c of o.changes) lines.push(`${c.field}: ${short(c.from)} -> ${short(c.to)}`);
  for (const n of o.notices) lines.push(`note: ${n}`);
  if (o.error) lines.push(`error: ${o.error}`);
  lines.push(`(${o.durationMs} ms)`);
  return lines;
}

function short(v: unknown): string {
  const text = v === undefined ? '(not set)' : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** With the steps not run, every placeholder they would fill must come from `step-outputs`. */
function checkStepOutputsGiven(r: Run, plan: Plan, choice: StepOutputChoice): boolean {
  const problems: Diagnostic[] = [];
  for (const d of plan.deployments) {
    const provided = choice.stepOutputsByIndex?.get(d.index) ?? choice.stepOutputs ?? {};
    const missing = unfilledStepPlaceholders(d, provided);
    if (missing.length === 0) continue;
    problems.push({
      severity: 'error',
      file: plan.prefectFile,
      deployment: d.name,
      message: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} filled by a build or push step, which this run does not run (skip-steps or step-outputs); pass ${missing.length === 1 ? 'its value' : 'their values'} in step-outputs`,
    });
  }
  if (problems.length === 0) return true;
  for (const p of problems) core.error(formatDiagnostic(p));
  fail(r, 'invalid-input', problems);
  return false;
}

async function planMatches(r: Run, plan: Plan): Promise<boolean> {
  const { inputs, github } = r;
  const refuse = (message: string) => {
    r.secrets.setOutput('failure-reason', 'plan-changed');
    core.setFailed(`require-plan-match: ${message}`);
    return false;
  };
  if (!inputs.githubToken || !github.repository || !github.sha) return refuse('needs github-token, GITHUB_REPOSITORY and GITHUB_SHA to find the plan on the merged pull request');
  const keys = commentKeys(`${github.repository.owner}/${github.repository.repo}`, r.prefectFile, selection(inputs).key);
  const octokit = await createOctokit(inputs.githubToken);
  let match;
  try {
    match = await checkPlanMatch(octokit, github.repository, github.sha, keys, fingerprint(r, plan.deployments));
  } catch (e) {
    return refuse(`the plan on the merged pull request could not be read: ${r.secrets.redactText((e as Error).message)}`);
  }
  if (match.ok) {
    core.info(`require-plan-match: matches the plan on pull request #${match.pullRequest} (${match.comment.url})`);
    return true;
  }
  if (match.differences.length > 0) {
    printGroup('require-plan-match: what differs from the plan on the pull request', match.differences.map((d) => (d.kind === 'missing' ? `${d.deployment}: not in that plan` : `${d.deployment}: ${d.fields.length ? d.fields.join(', ') : 'changed'}`)));
  }
  await writeSummary(r, `### ❌ Not deployed: the plan changed\n\n${match.message}\n\n${footer(r, 'Checked')}\n`);
  return refuse(`${match.message}. Plan again on a pull request, or set require-plan-match: false`);
}

function setStepOutputs(r: Run, plan: Plan, byIndex: ReadonlyMap<number, StepOutputs>): void {
  r.secrets.setOutput('step-outputs', JSON.stringify(Object.fromEntries(plan.deployments.map((d) => [deploymentKey(d), byIndex.get(d.index) ?? {}]))));
  for (const [name, value] of Object.entries(flatStepOutputs(plan, byIndex))) r.secrets.setOutput(name, value);
}

/** build: run the build and push steps once, register nothing; legs of a matrix deploy with the outputs. */
async function runBuild(r: Run): Promise<void> {
  const req = planRequest(r);
  let client: PrefectClient | undefined;
  let sources: TemplateSources = offlineSources();
  try {
    let plan: Plan;
    if (r.env.PREFECT_API_URL) {
      client = prefectClient(r);
      sources = prefectTemplateSources(client);
      plan = await validateForDeploy({ ...req, client, sources, stepRunner });
    } else {
      plan = await validateDeployments({ ...req, stepRunner });
    }
    annotate(plan.diagnostics, r.cwd, r.github.workspace);
    r.secrets.setOutput('matrix', JSON.stringify(matrixOf(plan)));
    r.secrets.setOutput('deployments', JSON.stringify(plan.deployments.map((d) => ({ name: d.name, flow: d.flowName, entrypoint: d.entrypoint }))));
    if (hasErrors(plan.diagnostics)) return fail(r, 'invalid-config', plan.diagnostics);
    const withSteps = plan.deployments.filter((d) => d.steps.build.length + d.steps.push.length > 0);
    const ran = await runDeploymentSteps(plan, withSteps, { ...req, sources, stepRunner, concurrency: r.inputs.concurrency ?? 8, ...stepLogging() });
    annotate(ran.diagnostics, r.cwd, r.github.workspace);
    if (ran.diagnostics.length > 0) return fail(r, 'step-failed', ran.diagnostics);
    setStepOutputs(r, plan, ran.outputs);
    const rows = plan.deployments.map((d) => {
      const keys = Object.keys(ran.outputs.get(d.index) ?? {});
      return `| \`${deploymentKey(d)}\` | ${keys.length ? keys.map((k) => `\`${k}\``).join(' ') : '—'} |`;
    });
    await writeSummary(r, [`### Prefect build: steps ran for ${withSteps.length} of ${plan.deployments.length} deployments`, '', '| Deployment | Step outputs |', '|---|---|', ...rows, '', footer(r, 'Built'), ''].join('\n'));
  } finally {
    client?.close();
  }
}

/**
 * The action front door: inputs become a command's request, an ActionReporter logs as it runs, and
 * its result is published (outputs, job summary, PR comment, failure).
 */
import type { Deletion } from '../core/plan/ownership.js';
import path from 'node:path';
import * as core from '@actions/core';
import { apiUrlOf, build, deploy, drift, plan, preview, type CommandRequest } from '../commands/index.js';
import type { Plan } from '../core/plan/index.js';
import { runGit, type GitRunner } from '../core/plan/version-info.js';
import { InputValueError, readInputs, type ActionInputs } from './inputs.js';
import { changedSinceRef, readWorkflowRun } from './context.js';
import { Secrets } from './secrets.js';
import { OUTPUT } from './outputs.js';
import { planMatches } from './pull-request.js';
import { publishBuild, publishDeploy, publishDrift, publishPlan } from './publish.js';
import { projectsPrefectFile, runProjectsMode } from './projects.js';
import { previewRequest, previewTarget, publishPreview } from './preview.js';
import { ActionReporter } from './reporter.js';
import { fail, type Env, type Run } from './run.js';

export { COMMENT_LIMIT, SUMMARY_LIMIT } from './run.js';

/** What a test may replace when it drives the door in-process (the runner's contract stays the environment). */
export interface DoorSeams {
  /** How git is asked for version info and changes (default: the git command). */
  git?: GitRunner;
}

export async function run(seams: DoorSeams = {}): Promise<void> {
  const secrets = new Secrets();
  // The runner shows both streams in the job log.
  const restore = [secrets.redactLog(process.stdout), secrets.redactLog(process.stderr)];
  try {
    await runRedacted(secrets, seams);
  } finally {
    for (const undo of restore) undo();
  }
}

async function runRedacted(secrets: Secrets, seams: DoorSeams): Promise<void> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs();
  } catch (e) {
    if (!(e instanceof InputValueError)) throw e;
    secrets.setOutput(OUTPUT.failureReason, 'invalid-input');
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
    ...(seams.git ? { git: seams.git } : {}),
  };
  if (inputs.projects.length > 0) r.prefectFile = projectsPrefectFile(r);
  const reporter = new ActionReporter(cwd, github.workspace);
  // A preview works on the whole selection, and a drift check compares every deployment whatever the
  // event changed (see commands/drift.ts): no base commit to fetch for either.
  const eventBase = inputs.changedSince === '' && inputs.mode !== 'preview' && inputs.mode !== 'drift' ? changedSinceRef('', github) : undefined;
  if (eventBase) await fetchCommit(eventBase, cwd);
  const deployRequest = () => ({
    ...commandRequest(r),
    lock: { timeoutSeconds: inputs.lockTimeout, ...(github.runUrl ? { holder: github.runUrl } : {}) },
    skipSteps: inputs.skipSteps,
    ...(inputs.stepOutputs ? { stepOutputs: inputs.stepOutputs } : {}),
    planEnv: inputs.planEnv,
    ...(inputs.requirePlanMatch ? { checkPlan: (p: Plan, deletions?: readonly Deletion[]) => planMatches(r, p, deletions) } : {}),
    ...(inputs.prune ? { prune: true } : {}),
    ...(inputs.smoke.length > 0 ? { smoke: { targets: inputs.smoke, timeoutSeconds: inputs.smokeTimeout } } : {}),
  });
  try {
    if (inputs.projects.length > 0) {
      await runProjectsMode(r, commandRequest(r), deployRequest, reporter);
    } else if (inputs.mode === 'deploy') {
      await publishDeploy(r, await deploy(deployRequest(), reporter));
    } else if (inputs.mode === 'preview') {
      const target = previewTarget(r);
      if ('error' in target) fail(r, 'invalid-input', [], target.error);
      else await publishPreview(r, target, await preview(previewRequest(r, deployRequest(), target), reporter));
    } else if (inputs.mode === 'build') {
      await publishBuild(r, await build(commandRequest(r), reporter));
    } else if (inputs.mode === 'drift') {
      await publishDrift(r, await drift({ ...commandRequest(r), planEnv: inputs.planEnv }, reporter));
    } else {
      const result = await plan({ ...commandRequest(r), planEnv: inputs.planEnv }, reporter);
      await publishPlan(r, { ...result, plan: result.plan! });
    }
  } catch (e) {
    core.setFailed(secrets.redactText((e as Error).message));
  }
}

/**
 * actions/checkout fetches one commit by default: the event's base commit (a pull request's base,
 * a push's `before`) is fetched alone when missing, which is all a diff against it needs. A failure
 * is left for the command to report (it says to use fetch-depth: 0).
 */
async function fetchCommit(sha: string, cwd: string): Promise<void> {
  const present = await runGit(['cat-file', '-e', `${sha}^{commit}`], cwd).then(
    () => true,
    () => false,
  );
  if (present) return;
  core.info(`changed-since: fetching ${sha} (the event's base commit) from origin`);
  await runGit(['fetch', '--no-tags', '--depth=1', 'origin', sha], cwd).catch((e: Error) =>
    core.info(`changed-since: fetching ${sha} failed: ${e.message.split('\n')[0]}`),
  );
}

function commandRequest(r: Run): CommandRequest {
  const apiUrl = apiUrlOf(r.env, {});
  const changedSince = changedSinceRef(r.inputs.changedSince, r.github);
  return {
    prefectFile: r.inputs.prefectFile,
    selection: { all: r.inputs.all, names: r.inputs.deployments },
    cwd: r.cwd,
    env: r.env,
    now: r.now,
    ...(apiUrl ? { apiUrl } : {}),
    ...(r.inputs.concurrency ? { concurrency: r.inputs.concurrency } : {}),
    ...(r.inputs.owner ? { owner: r.inputs.owner } : {}),
    secrets: r.secrets,
    ...(r.git ? { git: r.git } : {}),
    ...(changedSince ? { changedSince, ...(r.inputs.changedSince === '' ? { changedSinceFromEvent: true } : {}) } : {}),
  };
}

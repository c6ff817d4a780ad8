/**
 * The action front door: inputs become a command's request, an ActionReporter logs as it runs, and
 * its result is published (outputs, job summary, PR comment, failure).
 */
import type { Deletion } from '../core/plan/ownership.js';
import path from 'node:path';
import * as core from '@actions/core';
import { apiUrlOf, build, deploy, plan, type CommandRequest } from '../commands/index.js';
import type { Plan } from '../core/plan/index.js';
import { InputValueError, readInputs, type ActionInputs } from './inputs.js';
import { readWorkflowRun } from './context.js';
import { Secrets } from './secrets.js';
import { OUTPUT } from './outputs.js';
import { planMatches } from './pull-request.js';
import { publishBuild, publishDeploy, publishPlan } from './publish.js';
import { ActionReporter } from './reporter.js';
import type { Env, Run } from './run.js';

export { COMMENT_LIMIT, SUMMARY_LIMIT } from './run.js';

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
  };
  const reporter = new ActionReporter(cwd, github.workspace);
  try {
    if (inputs.mode === 'deploy') {
      const request = {
        ...commandRequest(r),
        lock: { timeoutSeconds: inputs.lockTimeout, ...(github.runUrl ? { holder: github.runUrl } : {}) },
        skipSteps: inputs.skipSteps,
        ...(inputs.stepOutputs ? { stepOutputs: inputs.stepOutputs } : {}),
        planEnv: inputs.planEnv,
        ...(inputs.requirePlanMatch ? { checkPlan: (p: Plan, deletions?: readonly Deletion[]) => planMatches(r, p, deletions) } : {}),
        ...(inputs.prune ? { prune: true } : {}),
      };
      await publishDeploy(r, await deploy(request, reporter));
    } else if (inputs.mode === 'build') {
      await publishBuild(r, await build(commandRequest(r), reporter));
    } else {
      const result = await plan({ ...commandRequest(r), planEnv: inputs.planEnv }, reporter);
      await publishPlan(r, { ...result, plan: result.plan! });
    }
  } catch (e) {
    core.setFailed(secrets.redactText((e as Error).message));
  }
}

function commandRequest(r: Run): CommandRequest {
  const apiUrl = apiUrlOf(r.env, {});
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
  };
}

/**
 * The action front door: inputs in, engine, outputs and annotations out.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { createPlan, hasErrors, type Plan } from '../core/plan/index.js';
import { liveChangesToText, planToJson, planToText } from '../core/plan/render.js';
import { compareWithServer, deploy, validateForDeploy, type LiveChange } from '../core/apply/index.js';
import { PrefectClient, prefectTemplateSources, uiUrl } from '../prefect/index.js';
import { readInputs, type ActionInputs } from './inputs.js';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    if (inputs.apiKey) core.setSecret(inputs.apiKey);
    const env = {
      ...process.env,
      ...(inputs.apiUrl ? { PREFECT_API_URL: inputs.apiUrl } : {}),
      ...(inputs.apiKey ? { PREFECT_API_KEY: inputs.apiKey } : {}),
    };
    if (env.PREFECT_API_KEY) core.setSecret(env.PREFECT_API_KEY);
    if (inputs.mode === 'deploy') await runDeploy(inputs, env);
    else await runPlan(inputs, env);
  } catch (e) {
    core.setFailed((e as Error).message);
  }
}

type Env = Record<string, string | undefined>;

function request(inputs: ActionInputs, env: Env) {
  return {
    prefectFile: inputs.prefectFile,
    selection: { all: inputs.all, names: inputs.deployments },
    cwd: path.resolve(inputs.workingDirectory),
    env,
    now: new Date(),
    ...(inputs.stepOutputs ? { stepOutputs: inputs.stepOutputs } : {}),
  };
}

/** prefect.yaml problems as annotations on the file and line, so they show in the PR diff. */
function annotate(diagnostics: readonly Diagnostic[], cwd: string): void {
  for (const d of diagnostics) {
    const props = {
      title: d.deployment ? `deployment ${d.deployment}` : 'prefect.yaml',
      file: path.relative(process.cwd(), path.resolve(cwd, d.file)),
      ...(d.line !== undefined ? { startLine: d.line } : {}),
      ...(d.column !== undefined ? { startColumn: d.column } : {}),
    };
    if (d.severity === 'error') core.error(d.message, props);
    else core.warning(d.message, props);
  }
}

function fail(reason: string, diagnostics: readonly Diagnostic[]): void {
  core.setOutput('failure-reason', reason);
  const first = diagnostics.find((d) => d.severity === 'error');
  core.setFailed(first ? formatDiagnostic(first) : reason);
}

async function runPlan(inputs: ActionInputs, env: Env): Promise<void> {
  const req = request(inputs, env);
  let plan: Plan;
  let live: LiveChange[] | undefined;
  if (env.PREFECT_API_URL) {
    const client = new PrefectClient({ env, ...(inputs.concurrency ? { concurrency: inputs.concurrency } : {}) });
    try {
      plan = await validateForDeploy({ ...req, client, sources: prefectTemplateSources(client) });
      if (!hasErrors(plan.diagnostics)) live = await compareWithServer(client, plan);
    } finally {
      client.close();
    }
  } else {
    plan = await createPlan(req);
  }
  const json = planToJson(plan, live);
  core.setOutput('plan', JSON.stringify(json));
  core.setOutput(
    'deployments',
    JSON.stringify(json.deployments.map((d) => ({ name: d.name, flow: d.flow_name, entrypoint: d.entrypoint, ...(d.action ? { action: d.action } : {}) }))),
  );
  annotate(plan.diagnostics, req.cwd);
  if (hasErrors(plan.diagnostics)) return fail('invalid-config', plan.diagnostics);
  core.info(live ? liveChangesToText(plan, live, { now: req.now }) : planToText(plan, { now: req.now }));
}

async function runDeploy(inputs: ActionInputs, env: Env): Promise<void> {
  if (!env.PREFECT_API_URL) {
    core.setOutput('failure-reason', 'no-api-url');
    core.setFailed('mode deploy needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL');
    return;
  }
  const req = request(inputs, env);
  const client = new PrefectClient({ env, ...(inputs.concurrency ? { concurrency: inputs.concurrency } : {}) });
  const ui = uiUrl(env.PREFECT_API_URL, env);
  try {
    const result = await deploy({
      ...req,
      client,
      sources: prefectTemplateSources(client),
      concurrency: inputs.concurrency ?? 8,
      registrationConcurrency: inputs.concurrency ?? (client.isCloud ? 8 : 1),
      onStepLog: (deployment, line) => core.info(`[${deployment}] ${line}`),
      onResult: (o) => core.info(`${o.flowName}/${o.name}: ${o.action}${o.error ? ` (${o.error})` : ''}`),
    });
    annotate(result.diagnostics, req.cwd);
    const deployments = result.outcomes.map((o) => ({
      name: o.name,
      flow: o.flowName,
      id: o.id ?? null,
      action: o.action,
      changes: o.changes.map((c) => c.field),
      url: o.id && ui ? `${ui}/deployments/deployment/${o.id}` : null,
    }));
    core.setOutput('deployments', JSON.stringify(deployments));
    if (result.outcomes.length === 0) return fail(result.stoppedAt === 'steps' ? 'step-failed' : 'invalid-config', result.diagnostics);
    if (result.outcomes.some((o) => o.action === 'failed')) return fail('deploy-failed', result.diagnostics);
  } finally {
    client.close();
  }
}

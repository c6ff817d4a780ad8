/**
 * The action front door: inputs in, engine, outputs and annotations out.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { formatDiagnostic } from '../core/diagnostics.js';
import { createPlan, hasErrors } from '../core/plan/index.js';
import { planToJson, planToText } from '../core/plan/render.js';
import { readInputs } from './inputs.js';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const cwd = path.resolve(inputs.workingDirectory);
    const now = new Date();
    const plan = await createPlan({
      prefectFile: inputs.prefectFile,
      selection: { all: inputs.all, names: inputs.deployments },
      cwd,
      env: process.env,
      now,
    });
    const json = planToJson(plan);
    core.setOutput('plan', JSON.stringify(json));
    core.setOutput('deployments', JSON.stringify(json.deployments.map((d) => ({ name: d.name, flow: d.flow_name, entrypoint: d.entrypoint }))));
    for (const d of plan.diagnostics) {
      const props = {
        title: d.deployment ? `deployment ${d.deployment}` : 'prefect.yaml',
        file: path.relative(process.cwd(), path.resolve(cwd, d.file)),
        ...(d.line !== undefined ? { startLine: d.line } : {}),
        ...(d.column !== undefined ? { startColumn: d.column } : {}),
      };
      if (d.severity === 'error') core.error(d.message, props);
      else core.warning(d.message, props);
    }
    if (hasErrors(plan.diagnostics)) {
      core.setOutput('failure-reason', 'invalid-config');
      const first = plan.diagnostics.find((d) => d.severity === 'error')!;
      core.setFailed(formatDiagnostic(first));
      return;
    }
    core.info(planToText(plan, { now }));
  } catch (e) {
    core.setFailed((e as Error).message);
  }
}

/**
 * The action bundle in deploy and build modes against a real Prefect server, run the way the runner
 * runs it: inputs as INPUT_* variables, outputs from the GITHUB_OUTPUT file, the job summary from
 * GITHUB_STEP_SUMMARY.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, workflowCommands } from './run-action.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const apiUrl = inject('prefectApiUrl');
const ui = apiUrl.replace(/\/api$/, '');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function createPool(name: string): Promise<void> {
  const res = await fetch(`${apiUrl}/work_pools/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, type: 'process' }) });
  expect([201, 409]).toContain(res.status);
}

describe('the action in deploy mode', () => {
  it('registers the selected deployments, reports them as outputs and in the job summary, and is unchanged on a second run', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'action-deploy-'));
    dirs.push(work);
    cpSync(path.join(root, 'examples', 'local-etl'), path.join(work, 'project'), { recursive: true });
    // Other test files register the example's own names on the same server at the same time.
    const yamlPath = path.join(work, 'project', 'prefect.yaml');
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('name: dashboards', 'name: action-dashboards'));
    await createPool('k8s-prod');
    const inputs = { 'working-directory': 'project', deployments: 'action-dashboards', mode: 'deploy', 'api-url': apiUrl, 'api-key': 'not-a-real-key-1234' };
    const first = await runAction(inputs, work);
    expect(first.code, first.stdout).toBe(0);
    const deployments = JSON.parse(first.outputs.deployments!);
    const url = `${ui}/deployments/deployment/${deployments[0].id}`;
    expect(deployments).toEqual([{ name: 'action-dashboards', flow: 'refresh-dashboards', id: expect.any(String), action: 'created', changes: [], url }]);
    expect(first.outputs.changes).toBe('true');
    expect(first.stdout).toContain('::add-mask::not-a-real-key-1234');
    expect(workflowCommands(first.stdout)).toContain('::group::refresh-dashboards/action-dashboards: created');
    expect(first.summary).toContain('### Prefect deploy: 1 created\n');
    expect(first.summary).toContain(`- 🟢 [\`refresh-dashboards/action-dashboards\`](${url}) **created**: work pool`);
    const second = await runAction(inputs, work);
    expect(JSON.parse(second.outputs.deployments!)[0].action).toBe('unchanged');
    expect(second.outputs.changes).toBe('false');
    expect(second.summary).toContain('### Prefect deploy: 1 unchanged\n');
    const plan = await runAction({ ...inputs, mode: 'plan' }, work);
    expect(JSON.parse(plan.outputs.deployments!)[0]).toMatchObject({ name: 'action-dashboards', action: 'unchanged', id: deployments[0].id, url });
  });

  it('fails with failure-reason no-api-url when there is no server to deploy to', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'action-deploy-'));
    dirs.push(work);
    cpSync(path.join(root, 'examples', 'local-etl'), path.join(work, 'project'), { recursive: true });
    const result = await runAction({ 'working-directory': 'project', all: 'true', mode: 'deploy' }, work);
    expect(result.code).toBe(1);
    expect(result.outputs['failure-reason']).toBe('no-api-url');
  });
});

describe('build once, deploy in matrix legs', () => {
  // A build step with an id: its output fills the image, and shows as its own action output.
  const YAML = `
build:
  - prefect.deployments.steps.run_shell_script:
      id: tag
      script: sh -c 'echo "::error::printed by the build, not a command" >&2; echo built >> builds.log; echo v-$(cat VERSION)'

pull:
  - prefect.deployments.steps.set_working_directory:
      directory: /opt/shop

deployments:
  - name: matrix-orders
    entrypoint: flows/shop.py:sync_orders
    work_pool: {name: matrix-pool, job_variables: {image: "ghcr.io/acme/shop:{{ tag.stdout }}"}}
  - name: matrix-report
    entrypoint: flows/shop.py:daily_report
    work_pool: {name: matrix-pool, job_variables: {image: "ghcr.io/acme/shop:{{ tag.stdout }}"}}
`;
  let work: string;
  const builds = () =>
    readFileSync(path.join(work, 'shop', 'builds.log'), 'utf8')
      .trim()
      .split('\n').length;
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'action-matrix-'));
    dirs.push(work);
    cpSync(path.join(import.meta.dirname, 'fixtures', 'shop'), path.join(work, 'shop'), { recursive: true });
    writeFileSync(path.join(work, 'shop', 'prefect.yaml'), YAML);
    writeFileSync(path.join(work, 'shop', 'VERSION'), '42');
    await createPool('matrix-pool');
  });
  const base = { 'working-directory': 'shop', 'api-url': apiUrl };

  it('build runs the steps once, in a log group behind stop-commands, and outputs step-outputs, <id>-<key> and the matrix', async () => {
    const build = await runAction({ ...base, all: 'true', mode: 'build' }, work);
    expect(build.code, build.stdout).toBe(0);
    expect(builds()).toBe(1);
    expect(build.outputs['tag-stdout']).toBe('v-42');
    const stepOutputs = JSON.parse(build.outputs['step-outputs']!);
    expect(Object.keys(stepOutputs)).toEqual(['orders-sync/matrix-orders', 'daily-report/matrix-report']);
    expect(stepOutputs['orders-sync/matrix-orders']).toMatchObject({ tag: { stdout: 'v-42' }, stdout: 'v-42' });
    // The flow is named orders-sync but its function is sync_orders: the selector names the function.
    expect(JSON.parse(build.outputs.matrix!).include).toEqual([
      { deployment: 'sync-orders/matrix-orders', name: 'matrix-orders', flow: 'orders-sync', entrypoint: 'flows/shop.py:sync_orders' },
      { deployment: 'daily-report/matrix-report', name: 'matrix-report', flow: 'daily-report', entrypoint: 'flows/shop.py:daily_report' },
    ]);
    // The step's output is printed, not obeyed; each deployment's step has its own group.
    expect(build.stdout).toContain('::error::printed by the build, not a command');
    expect(workflowCommands(build.stdout).filter((c) => !c.startsWith('::set-output'))).toEqual([
      '::group::orders-sync/matrix-orders · build step 1: run_shell_script',
      '::endgroup::',
      '::group::daily-report/matrix-report · build step 1: run_shell_script',
      '::endgroup::',
    ]);
    const res = await fetch(`${apiUrl}/deployments/name/orders-sync/matrix-orders`);
    expect(res.status).toBe(404);

    // One leg per matrix entry, with the build's outputs: the steps do not run again.
    for (const entry of JSON.parse(build.outputs.matrix!).include as { deployment: string; name: string }[]) {
      const leg = await runAction({ ...base, mode: 'deploy', deployments: entry.deployment, 'step-outputs': build.outputs['step-outputs']!, 'skip-steps': 'true' }, work);
      expect(leg.code, leg.stdout).toBe(0);
      expect(JSON.parse(leg.outputs.deployments!)).toMatchObject([{ name: entry.name, action: 'created' }]);
      expect(leg.outputs['tag-stdout']).toBe('v-42');
    }
    expect(builds()).toBe(1);
    const registered = (await (await fetch(`${apiUrl}/deployments/name/daily-report/matrix-report`)).json()) as { job_variables: { image: string } };
    expect(registered.job_variables.image).toBe('ghcr.io/acme/shop:v-42');
  });

  it('refuses to register a placeholder no step will fill when the steps are skipped', async () => {
    const result = await runAction({ ...base, mode: 'deploy', deployments: 'matrix-orders', 'skip-steps': 'true' }, work);
    expect(result.code).toBe(1);
    expect(result.outputs['failure-reason']).toBe('invalid-input');
    expect(result.stdout).toContain(
      'deployment "matrix-orders": {{ tag.stdout }} is filled by a build or push step, which this run does not run (skip-steps or step-outputs); pass its value in step-outputs',
    );
  });
});

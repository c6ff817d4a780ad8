/**
 * The committed action bundle in deploy mode against a real Prefect server, run the way the
 * runner runs it: inputs as INPUT_* variables, outputs to the GITHUB_OUTPUT file.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAction } from './run-action.js';
import { afterAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);
const apiUrl = inject('prefectApiUrl');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));


describe('the action in deploy mode', () => {
  it('registers the selected deployments, reports them as outputs, and is unchanged on a second run', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'action-deploy-'));
    dirs.push(work);
    cpSync(path.join(root, 'examples', 'local-etl'), path.join(work, 'project'), { recursive: true });
    // Other test files register the example's own names on the same server at the same time.
    const yamlPath = path.join(work, 'project', 'prefect.yaml');
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('name: dashboards', 'name: action-dashboards'));
    const res = await fetch(`${apiUrl}/work_pools/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'k8s-prod', type: 'process' }) });
    expect([201, 409]).toContain(res.status);
    const inputs = { 'working-directory': 'project', deployments: 'action-dashboards', mode: 'deploy', 'api-url': apiUrl, 'api-key': 'not-a-real-key-1234' };
    const first = await runAction(inputs, work);
    expect(first.code, first.stdout).toBe(0);
    const deployments = JSON.parse(first.outputs.deployments!);
    expect(deployments).toEqual([{ name: 'action-dashboards', flow: 'refresh-dashboards', id: expect.any(String), action: 'created', changes: [], url: `${apiUrl.replace(/\/api$/, '')}/deployments/deployment/${deployments[0].id}` }]);
    expect(first.stdout).toContain('::add-mask::not-a-real-key-1234');
    const second = await runAction(inputs, work);
    expect(JSON.parse(second.outputs.deployments!)[0].action).toBe('unchanged');
    const plan = await runAction({ ...inputs, mode: 'plan' }, work);
    expect(JSON.parse(plan.outputs.deployments!)[0]).toMatchObject({ name: 'action-dashboards', action: 'unchanged' });
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

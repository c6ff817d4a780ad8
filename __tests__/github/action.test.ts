import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAction } from './run-action.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputValueError, readInputs, splitList } from '../../src/github/inputs.js';

const root = path.resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);



let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'action-'));
  cpSync(path.join(root, 'examples', 'local-etl'), path.join(work, 'project'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the action (plan)', () => {
  it('sets the plan and deployments outputs for the selected deployments', async () => {
    const { code, outputs, stdout } = await runAction({ 'working-directory': 'project', deployments: 'sales-nightly,\ndashboards' }, work);
    expect(code).toBe(0);
    const plan = JSON.parse(outputs.plan!);
    expect(plan.deployments.map((d: { name: string }) => d.name)).toEqual(['sales-nightly', 'dashboards']);
    expect(JSON.parse(outputs.deployments!)).toEqual([
      { name: 'sales-nightly', flow: 'sales-etl', entrypoint: 'flows/etl.py:sales_etl' },
      { name: 'dashboards', flow: 'refresh-dashboards', entrypoint: 'flows/etl.py:refresh_dashboards' },
    ]);
    expect(stdout).toContain('sales-etl/sales-nightly');
  });

  it('fails with an annotation on the prefect.yaml line and failure-reason invalid-config', async () => {
    const bad = path.join(work, 'bad');
    cpSync(path.join(work, 'project'), bad, { recursive: true });
    writeFileSync(path.join(bad, 'prefect.yaml'), 'deployments:\n  - name: a\n    entrypoint: flows/etl.py:sales_etl\n    version: 2\n    work_pool: {name: p}\n');
    const { code, outputs, stdout } = await runAction({ 'working-directory': 'bad', all: 'true' }, work);
    expect(code).toBe(1);
    expect(outputs['failure-reason']).toBe('invalid-config');
    expect(stdout).toMatch(/::error title=deployment a,file=bad\/prefect\.yaml,line=4,col=14::"version" must be a string/);
  });
});

describe('inputs', () => {
  const get = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('splits deployments on newlines and commas', () => {
    expect(splitList(' a, b\n\nflow/c ,')).toEqual(['a', 'b', 'flow/c']);
  });

  it('names the input and the allowed values when a value is invalid', () => {
    expect(() => readInputs(get({ all: 'yes' }))).toThrowError(new InputValueError('input "all" must be true or false, got "yes"'));
    expect(() => readInputs(get({ all: 'true', deployments: 'x' }))).toThrowError(/cannot be used together/);
    expect(() => readInputs(get({ mode: 'apply' }))).toThrowError(new InputValueError('input "mode" must be one of plan, deploy, got "apply"'));
    expect(() => readInputs(get({ concurrency: '0' }))).toThrowError(/input "concurrency" must be a positive integer/);
    expect(() => readInputs(get({ 'step-outputs': '[1]' }))).toThrowError(/input "step-outputs" must be a JSON object/);
  });

  it('has defaults matching action.yml', () => {
    expect(readInputs(get({}))).toEqual({
      prefectFile: 'prefect.yaml', deployments: [], all: false, workingDirectory: '.', mode: 'plan',
      apiUrl: undefined, apiKey: undefined, concurrency: undefined, stepOutputs: undefined,
    });
    const action = readFileSync(path.join(root, 'action.yml'), 'utf8');
    expect(action).toMatch(/prefect-file:[\s\S]*?default: prefect\.yaml/);
    expect(action).toMatch(/working-directory:[\s\S]*?default: '\.'/);
    expect(action).toMatch(/mode:[\s\S]*?default: plan/);
    for (const name of ['prefect-file', 'deployments', 'all', 'working-directory', 'mode', 'api-url', 'api-key', 'concurrency', 'step-outputs']) {
      expect(action).toContain(`  ${name}:\n    description:`);
    }
  });
});

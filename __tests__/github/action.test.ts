/**
 * The action in plan mode without a server, through the toolkit's contract (INPUT_*, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY), and its inputs.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, workflowCommands } from './run-action.js';
import { INPUT, InputValueError, readInputs, splitList } from '../../src/github/inputs.js';
import { OUTPUTS } from '../../src/github/outputs.js';
import { changedSinceRef } from '../../src/github/context.js';

const root = path.resolve(import.meta.dirname, '../..');

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'action-'));
  cpSync(path.join(root, 'examples', 'local-etl'), path.join(work, 'project'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the action (plan)', () => {
  it('sets the plan, deployments, matrix, changes and plan-markdown outputs, and writes the job summary', async () => {
    const { code, outputs, stdout, summary } = await runAction({ 'working-directory': 'project', deployments: 'sales-nightly,\ndashboards' }, work);
    expect(code, stdout).toBe(0);
    const plan = JSON.parse(outputs.plan!);
    expect(plan.deployments.map((d: { name: string }) => d.name)).toEqual(['sales-nightly', 'dashboards']);
    expect(JSON.parse(outputs.deployments!)).toEqual([
      { name: 'sales-nightly', flow: 'sales-etl', entrypoint: 'flows/etl.py:sales_etl' },
      { name: 'dashboards', flow: 'refresh-dashboards', entrypoint: 'flows/etl.py:refresh_dashboards' },
    ]);
    expect(JSON.parse(outputs.matrix!)).toEqual({
      include: [
        { deployment: 'sales-etl/sales-nightly', name: 'sales-nightly', flow: 'sales-etl', entrypoint: 'flows/etl.py:sales_etl' },
        { deployment: 'refresh-dashboards/dashboards', name: 'dashboards', flow: 'refresh-dashboards', entrypoint: 'flows/etl.py:refresh_dashboards' },
      ],
    });
    // Without a server the plan cannot know what exists: it reports possible changes.
    expect(outputs.changes).toBe('true');
    expect(outputs['plan-markdown']).toMatch(/^### Prefect deployment plan: 2 deployments \(not compared with a server\)\n/);
    expect(summary.trimEnd()).toBe(outputs['plan-markdown']!.trimEnd());
  });

  it('logs a group per deployment, with the prefect.yaml text behind stop-commands', async () => {
    const dir = path.join(work, 'sneaky');
    cpSync(path.join(work, 'project'), dir, { recursive: true });
    const yamlPath = path.join(dir, 'prefect.yaml');
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('description: Nightly sales load for every region.', 'description: "::error::not a command"'));
    const { code, stdout } = await runAction({ 'working-directory': 'sneaky', all: 'true' }, work);
    expect(code).toBe(0);
    expect(stdout).toContain('::error::not a command');
    expect(workflowCommands(stdout).filter((c) => c.startsWith('::group::') || c.startsWith('::error'))).toEqual([
      '::group::sales-etl/sales-nightly',
      '::group::sales-etl/sales-hourly-us',
      '::group::refresh-dashboards/dashboards',
    ]);
  });

  it('fails with an annotation on the prefect.yaml line and failure-reason invalid-config', async () => {
    const bad = path.join(work, 'bad');
    cpSync(path.join(work, 'project'), bad, { recursive: true });
    writeFileSync(path.join(bad, 'prefect.yaml'), 'deployments:\n  - name: a\n    entrypoint: flows/etl.py:sales_etl\n    version: 2\n    work_pool: {name: p}\n');
    const { code, outputs, stdout, summary } = await runAction({ 'working-directory': 'bad', all: 'true' }, work);
    expect(code).toBe(1);
    expect(outputs['failure-reason']).toBe('invalid-config');
    expect(stdout).toMatch(/::error title=deployment a,file=bad\/prefect\.yaml,line=4,col=14::"version" must be a string/);
    expect(summary).toContain('### ❌ Prefect deployment plan: 1 error in `prefect.yaml`');
  });

  it('fails with failure-reason invalid-input, naming the input and the allowed values', async () => {
    const { code, outputs, stdout } = await runAction({ 'working-directory': 'project', 'comment-mode': 'sticky' }, work);
    expect(code).toBe(1);
    expect(outputs['failure-reason']).toBe('invalid-input');
    expect(stdout).toContain('::error::input "comment-mode" must be one of update, always-new, changes-only, off, got "sticky"');
  });
});

describe('inputs', () => {
  const get = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('splits deployments on newlines and commas', () => {
    expect(splitList(' a, b\n\nflow/c ,')).toEqual(['a', 'b', 'flow/c']);
  });

  it.each([
    [{ all: 'yes' }, 'input "all" must be true or false, got "yes"'],
    [{ mode: 'apply' }, 'input "mode" must be one of plan, deploy, build, preview, drift, got "apply"'],
    [{ 'comment-mode': 'sticky' }, 'input "comment-mode" must be one of update, always-new, changes-only, off, got "sticky"'],
    [{ 'skip-steps': '1' }, 'input "skip-steps" must be true or false, got "1"'],
    [{ 'require-plan-match': 'yes' }, 'input "require-plan-match" must be true or false, got "yes"'],
    [{ concurrency: '0' }, 'input "concurrency" must be a positive integer, got "0"'],
    [{ concurrency: '-5' }, 'input "concurrency" must be a positive integer, got "-5"'],
    [{ concurrency: '1.5' }, 'input "concurrency" must be a positive integer, got "1.5"'],
    [{ concurrency: 'abc' }, 'input "concurrency" must be a positive integer, got "abc"'],
    [{ 'step-outputs': '[1]' }, 'input "step-outputs" must be a JSON object'],
    [{ 'lock-timeout': '-1' }, 'input "lock-timeout" must be a whole number of seconds, got "-1"'],
    [{ 'lock-timeout': '5m' }, 'input "lock-timeout" must be a whole number of seconds, got "5m"'],
    [{ all: 'true', deployments: 'x' }, 'inputs "all" and "deployments" cannot be used together'],
    [{ prune: 'true', deployments: 'x' }, 'input "prune" needs "all: true" (a partial selection must not delete the deployments it does not select)'],
    [{ prune: 'yes', all: 'true' }, 'input "prune" must be true or false, got "yes"'],
    [{ mode: 'preview', 'preview-action': 'sideways' }, 'input "preview-action" must be one of up, down, got "sideways"'],
    [{ mode: 'preview', 'preview-with-schedules': 'yes' }, 'input "preview-with-schedules" must be true or false, got "yes"'],
    [{ mode: 'preview', all: 'true', prune: 'true' }, 'mode preview deletes only its own previews: "prune" cannot be used with it'],
    [
      { mode: 'deploy', smoke: 'etl={x}' },
      'input "smoke": smoke "etl": the parameters after "=" must be a JSON object such as {"day": "2026-01-01"}: Expected property name or \'}\' in JSON at position 1 (line 1 column 2)',
    ],
    [{ mode: 'plan', smoke: 'etl' }, 'input "smoke" needs "mode: deploy" (smoke runs test what a deploy registered)'],
    [{ mode: 'deploy', smoke: 'etl', projects: 'flows/*' }, 'inputs "smoke" and "projects" cannot be used together yet; smoke each project in its own step'],
    [{ 'smoke-timeout': '0' }, 'input "smoke-timeout" must be a positive number of seconds, got "0"'],
    [{ 'smoke-timeout': '10m' }, 'input "smoke-timeout" must be a whole number of seconds, got "10m"'],
  ])('%j is refused: %s', (values, message) => {
    expect(() => readInputs(get(values))).toThrowError(new InputValueError(message));
  });

  it('projects: one a line (a glob may hold commas), not with working-directory', () => {
    expect(readInputs(get({ projects: 'flows/*\n\n  flows/{etl,report}  \n' })).projects).toEqual(['flows/*', 'flows/{etl,report}']);
    expect(readInputs(get({ projects: 'flows/*', 'working-directory': '.' })).projects).toEqual(['flows/*']);
    expect(() => readInputs(get({ projects: 'flows/*', 'working-directory': 'flows' }))).toThrow('inputs "projects" and "working-directory" cannot be used together');
  });

  it('smoke: one deployment a line, its JSON parameters free to hold commas', () => {
    const inputs = readInputs(get({ mode: 'deploy', smoke: 'etl/nightly\n\n  report={"day": "2026-01-01", "n": 2}  \n', 'smoke-timeout': '120' }));
    expect(inputs.smoke).toEqual([
      { name: 'etl/nightly', parameters: {} },
      { name: 'report', parameters: { day: '2026-01-01', n: 2 } },
    ]);
    expect(inputs.smokeTimeout).toBe(120);
  });

  it('owner and prune (with all)', () => {
    expect(readInputs(get({ prune: 'true', all: 'true', owner: ' team-data ' }))).toMatchObject({ prune: true, all: true, owner: 'team-data' });
  });

  it('has the defaults action.yml declares, and action.yml describes every input and output', () => {
    expect(readInputs(get({}))).toEqual({
      prefectFile: 'prefect.yaml',
      deployments: [],
      all: false,
      workingDirectory: '.',
      mode: 'plan',
      apiUrl: undefined,
      apiKey: undefined,
      concurrency: undefined,
      stepOutputs: undefined,
      skipSteps: false,
      commentMode: 'update',
      githubToken: undefined,
      requirePlanMatch: false,
      planEnv: [],
      lockTimeout: 600,
      changedSince: '',
      projects: [],
      smoke: [],
      smokeTimeout: 600,
    });
    const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string; default?: string }>;
      outputs: Record<string, { description: string }>;
    };
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(INPUT).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(20);
      expect(input.default, name).toBeDefined();
    }
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
    expect(readInputs(get({ ...defaults, 'github-token': '' }))).toEqual(readInputs(get({})));
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort());
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description.length, name).toBeGreaterThan(20);
  });
});

describe('changed-since', () => {
  const pr = { eventName: 'pull_request', payload: { pull_request: { number: 1, base: { sha: 'b4se' } } } };
  const cases: Array<{ title: string; input: string; run: { eventName: string; payload: Record<string, unknown> }; ref: string | undefined }> = [
    { title: 'pull_request: its base commit', input: '', run: pr, ref: 'b4se' },
    { title: 'pull_request_target: its base commit', input: '', run: { ...pr, eventName: 'pull_request_target' }, ref: 'b4se' },
    { title: "push: the range's base", input: '', run: { eventName: 'push', payload: { before: 'abc', after: 'def' } }, ref: 'abc' },
    {
      title: 'push creating a branch: everything (off)',
      input: '',
      run: { eventName: 'push', payload: { before: '0000000000000000000000000000000000000000' } },
      ref: undefined,
    },
    { title: 'another event: off', input: '', run: { eventName: 'workflow_dispatch', payload: {} }, ref: undefined },
    { title: 'none turns it off', input: 'none', run: pr, ref: undefined },
    { title: 'an explicit ref is used as given', input: 'origin/main', run: pr, ref: 'origin/main' },
  ];
  it.each(cases)('$title', ({ input, run, ref }) => {
    expect(changedSinceRef(input, run)).toBe(ref);
  });
});

/**
 * The action door driven in-process through its seam: the runner's contract (INPUT_* variables,
 * the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) with no bundle, no subprocess and no server, so
 * the door's own decisions (inputs to request, publishing, failure reasons) run in the fast tier.
 * The bundle itself is still run end to end by action.test.ts and the server tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/github/main.js';
import { parseOutputs } from './run-action.js';
import { removeTempProjects, tempDir, tempProject } from '../support/temp-project.js';

afterAll(removeTempProjects);

/** Not a git checkout, as the temporary copies are: the door runs no git process. */
const noGit = (): Promise<string> => Promise.reject(new Error('not a git repository'));

interface DoorRun {
  exitCode: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

async function door(inputs: Record<string, string>, cwd: string): Promise<DoorRun> {
  const files = tempDir('door-');
  const outputFile = path.join(files, 'github-output.txt');
  const summaryFile = path.join(files, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const saved = { ...process.env };
  const savedCwd = process.cwd();
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('GITHUB_') || k.startsWith('PREFECT_')) delete process.env[k];
  Object.assign(process.env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: cwd });
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  process.chdir(cwd);
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  };
  process.exitCode = undefined;
  try {
    await run({ git: noGit });
  } finally {
    process.stdout.write = write;
    process.chdir(savedCwd);
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { exitCode, stdout, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') };
}

const shop = path.join(import.meta.dirname, 'fixtures', 'shop');

describe('the action door in-process', () => {
  it('plan offline: the matrix, the plan JSON and the summary, and changes is true without a server', async () => {
    const dir = tempProject(shop, 'door-shop-');
    const r = await door({ mode: 'plan', all: 'true' }, dir);
    expect(r.exitCode, r.stdout).toBe(0);
    const matrix = JSON.parse(r.outputs.matrix!) as { include: { deployment: string }[] };
    expect(matrix.include.length).toBeGreaterThan(0);
    const plan = JSON.parse(r.outputs.plan!) as { deployments: unknown[]; errors: unknown[] };
    expect(plan.deployments).toHaveLength(matrix.include.length);
    expect(plan.errors).toEqual([]);
    expect(r.outputs.changes).toBe('true');
    expect(r.outputs['failure-reason']).toBeUndefined();
    expect(r.summary).toContain('Prefect deployment plan');
    expect(r.outputs['plan-markdown']!.trim()).toBe(r.summary.trim());
  });

  it('an invalid prefect.yaml fails the step with invalid-config and an annotation at its line', async () => {
    const dir = tempProject({ 'prefect.yaml': 'deployments:\n  - name: nightly\n    entrypoint: flows/missing.py:f\n' }, 'door-broken-');
    const r = await door({ mode: 'plan', all: 'true' }, dir);
    expect(r.exitCode).toBe(1);
    expect(r.outputs['failure-reason']).toBe('invalid-config');
    expect(r.stdout).toMatch(/^::error title=deployment nightly,file=prefect\.yaml,line=3,col=17::entrypoint "flows\/missing\.py:f"/m);
  });

  it('deploy without an API URL is refused as no-api-url before anything runs', async () => {
    const dir = tempProject(shop, 'door-deploy-');
    const r = await door({ mode: 'deploy', all: 'true' }, dir);
    expect(r.exitCode).toBe(1);
    expect(r.outputs['failure-reason']).toBe('no-api-url');
    expect(r.stdout).toContain('api-url');
  });

  it('an input out of its choices is invalid-input', async () => {
    const dir = tempProject(shop, 'door-input-');
    const r = await door({ mode: 'apply' }, dir);
    expect(r.exitCode).toBe(1);
    expect(r.outputs['failure-reason']).toBe('invalid-input');
    expect(r.stdout).toMatch(/::error::.*mode/);
  });
});

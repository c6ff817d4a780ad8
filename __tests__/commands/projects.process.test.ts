/**
 * Several projects in one run, in-process (recording Reporter) and through the CLI's main: two
 * fixture projects named one by one and by a glob, one plan with a section per project, the matrix
 * round-trip, one step cache for the run.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, list, plan, projectSelection, projectStepOutputs, resolveProjects, runProjects, validate, type CommandRequest } from '../../src/commands/index.js';
import { main } from '../../src/cli/main.js';
import { projectsMatrix, projectsPlanToJson } from '../../src/core/report/index.js';
import { Secrets } from '../../src/core/secrets.js';
import { RecordingReporter } from '../support/recording-reporter.js';

const now = new Date('2026-11-22T12:00:00Z');
let work: string;

const flow = (name: string) => `from prefect import flow


@flow(name="${name}")
def ${name}(day: str = "today"):
    """${name} a day."""
`;

/** A build step both projects share: from the repository root (one cwd), it appends to a file. */
const SHARED_BUILD = `build:
  - prefect.deployments.steps.set_working_directory:
      directory: ../..
  - prefect.deployments.steps.run_shell_script:
      id: shared
      script: sh -c "echo ran >> built.log"
`;

function project(dir: string, flowName: string, deployments: string[], extra = ''): void {
  const at = path.join(work, dir);
  mkdirSync(path.join(at, 'flows'), { recursive: true });
  writeFileSync(path.join(at, 'flows', `${flowName}.py`), flow(flowName));
  const list = deployments.map((n) => `  - name: ${n}\n    entrypoint: flows/${flowName}.py:${flowName}\n    work_pool: {name: pool}\n`).join('');
  writeFileSync(path.join(at, 'prefect.yaml'), `${extra}deployments:\n${list}`);
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'projects-'));
  project('flows/etl', 'etl', ['nightly', 'hourly'], SHARED_BUILD);
  project('flows/report', 'report', ['nightly'], SHARED_BUILD);
  mkdirSync(path.join(work, 'flows', 'docs')); // no prefect.yaml: a glob skips it
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const request = (names: string[] = [], all = true): CommandRequest & { planEnv: string[] } => ({
  prefectFile: 'prefect.yaml',
  selection: { all, names },
  cwd: work,
  env: {},
  now,
  secrets: new Secrets(),
  planEnv: [],
});

describe('resolveProjects', () => {
  it('keeps plain directories in order and expands a glob, sorted, to the directories holding the prefect file', () => {
    expect(resolveProjects(['flows/report', 'flows/etl/'], work, 'prefect.yaml')).toEqual(['flows/report', 'flows/etl']);
    expect(resolveProjects(['flows/*'], work, 'prefect.yaml')).toEqual(['flows/etl', 'flows/report']);
    expect(resolveProjects(['flows/report', 'flows/*'], work, 'prefect.yaml')).toEqual(['flows/report', 'flows/etl']);
  });
  it('refuses a glob matching nothing and a directory that does not exist', () => {
    expect(() => resolveProjects(['nope/*'], work, 'prefect.yaml')).toThrow(/matches no directory holding prefect.yaml/);
    expect(() => resolveProjects(['flows/*'], work, 'other.yaml')).toThrow(/matches no directory/);
    expect(() => resolveProjects(['missing'], work, 'prefect.yaml')).toThrow(/is not a directory/);
  });
});

describe('projectSelection', () => {
  const projects = ['flows/etl', 'flows/report'];
  it.each([
    { names: ['flows/etl:etl/nightly'], project: 'flows/etl', want: { all: false, names: ['etl/nightly'] } },
    { names: ['flows/etl:etl/nightly'], project: 'flows/report', want: undefined },
    { names: ['nightly'], project: 'flows/report', want: { all: false, names: ['nightly'] } },
    { names: ['flows/report:report/nightly', 'hourly'], project: 'flows/etl', want: { all: false, names: ['hourly'] } },
  ])('$names in $project', ({ names, project, want }) => {
    expect(projectSelection(project, projects, { all: false, names })).toEqual(want);
  });
});

describe('runProjects in-process', () => {
  it('plans each project in its own directory and keeps the single-project JSON per section', async () => {
    const reporter = new RecordingReporter();
    const result = await runProjects(request(), ['flows/etl', 'flows/report'], plan, reporter);
    expect(result.failureReason).toBeUndefined();
    expect(result.projects.map((p) => [p.project, p.result.plan!.deployments.map((d) => `${d.flowName}/${d.name}`)])).toEqual([
      ['flows/etl', ['etl/nightly', 'etl/hourly']],
      ['flows/report', ['report/nightly']],
    ]);
    const json = projectsPlanToJson(result.projects.map((p) => ({ project: p.project, plan: p.result.plan!, live: p.result.live })));
    expect(json.projects.map((p) => p.project)).toEqual(['flows/etl', 'flows/report']);
    // Each section is what the same project's single run gives.
    const single = await plan({ ...request(), cwd: path.join(work, 'flows', 'report') }, new RecordingReporter());
    const { project: _p, ...section } = json.projects[1]!;
    expect(JSON.stringify(section)).toBe(JSON.stringify(projectsPlanToJson([{ project: 'x', plan: single.plan! }]).projects[0]).replace('{"project":"x",', '{'));
  });

  it('validates every project even when one fails, with files relative to the run', async () => {
    const bad = path.join(work, 'flows', 'broken');
    mkdirSync(bad, { recursive: true });
    writeFileSync(path.join(bad, 'prefect.yaml'), 'deployments:\n  - name: x\n    entrypoint: missing.py:f\n    work_pool: {name: pool}\n');
    try {
      const reporter = new RecordingReporter();
      const result = await runProjects(request(), ['flows/broken', 'flows/etl'], validate, reporter);
      expect(result.failureReason).toBe('invalid-config');
      expect(result.projects.map((p) => p.result.failureReason ?? 'ok')).toEqual(['invalid-config', 'ok']);
      expect(result.diagnostics.find((d) => d.severity === 'error')!.file).toBe('flows/broken/prefect.yaml');
      expect(
        reporter
          .of('diagnostics')
          .flatMap((c) => c[1])
          .some((d) => d.file === 'flows/broken/prefect.yaml'),
      ).toBe(true);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('runs the same build step of two projects once (one step cache for the run)', async () => {
    const log = path.join(work, 'built.log');
    rmSync(log, { force: true });
    const result = await runProjects(request(), ['flows/etl', 'flows/report'], build, new RecordingReporter());
    expect(result.failureReason).toBeUndefined();
    expect(result.projects.map((p) => p.result.built)).toEqual([2, 1]);
    expect(readFileSync(log, 'utf8')).toBe('ran\n');
  });

  it('a name without a project part selects in the projects that have it; one no project has fails them all', async () => {
    const run = (names: string[]) => runProjects(request(names, false), ['flows/etl', 'flows/report'], list, new RecordingReporter());
    const names = (r: Awaited<ReturnType<typeof run>>) => r.projects.map((p) => [p.project, p.result.plan!.deployments.map((d) => d.name)]);
    expect(names(await run(['hourly']))).toEqual([['flows/etl', ['hourly']]]);
    expect(names(await run(['nightly']))).toEqual([
      ['flows/etl', ['nightly']],
      ['flows/report', ['nightly']],
    ]);
    expect(names(await run(['hourly', 'flows/report:report/nightly']))).toEqual([
      ['flows/etl', ['hourly']],
      ['flows/report', ['nightly']],
    ]);
    const nowhere = await run(['weekly']);
    expect(nowhere.failureReason).toBe('invalid-config');
    expect(nowhere.projects.map((p) => p.result.failureReason)).toEqual(['invalid-config', 'invalid-config']);
  });

  it('the matrix names each project, and its selector selects that one deployment back', async () => {
    const listed = await runProjects(request([], false), ['flows/etl', 'flows/report'], list, new RecordingReporter());
    const matrix = projectsMatrix(listed.projects.map((p) => ({ project: p.project, plan: p.result.plan! })));
    expect(matrix.include.map((e) => [e.project, e.deployment])).toEqual([
      ['flows/etl', 'flows/etl:etl/nightly'],
      ['flows/etl', 'flows/etl:etl/hourly'],
      ['flows/report', 'flows/report:report/nightly'],
    ]);
    for (const entry of matrix.include) {
      const back = await runProjects(request([entry.deployment], false), ['flows/etl', 'flows/report'], list, new RecordingReporter());
      expect(back.projects.map((p) => [p.project, p.result.plan!.deployments.map((d) => d.name)])).toEqual([[entry.project, [entry.name]]]);
    }
  });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd: work, env: {}, now: () => now });
  return { code, stdout, stderr };
}

describe('prefect-deploy --project', () => {
  it('plan --project a --project b and plan --project "flows/*" give the same plan, a section per project', async () => {
    const named = await cli(['plan', '--all', '--offline', '--json', '--project', 'flows/etl', '--project', 'flows/report']);
    const globbed = await cli(['plan', '--all', '--offline', '--json', '--project', 'flows/*']);
    expect(named.code).toBe(0);
    expect(globbed.stdout).toBe(named.stdout);
    const out = JSON.parse(named.stdout);
    expect(out.projects.map((p: { project: string; deployments: unknown[] }) => [p.project, p.deployments.length])).toEqual([
      ['flows/etl', 2],
      ['flows/report', 1],
    ]);
    expect(out.errors).toEqual([]);
  });

  it('prints a text plan with the totals and a section per project', async () => {
    const { code, stdout } = await cli(['plan', '--all', '--offline', '--project', 'flows/*']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('2 projects: 3 to deploy');
    expect(stdout).toContain('== flows/etl ==\nprefect.yaml: 2 deployments to register');
    expect(stdout).toContain('== flows/report ==\nprefect.yaml: 1 deployment to register');
  });

  it('list --matrix across projects, and -n with a project selector', async () => {
    const { stdout } = await cli(['list', '--matrix', '--project', 'flows/*']);
    expect(JSON.parse(stdout).include.map((e: { deployment: string }) => e.deployment)).toEqual([
      'flows/etl:etl/nightly',
      'flows/etl:etl/hourly',
      'flows/report:report/nightly',
    ]);
    const one = await cli(['list', '--json', '--project', 'flows/*', '-n', 'flows/report:report/nightly']);
    expect(JSON.parse(one.stdout).deployments.map((d: { deployment: string }) => d.deployment)).toEqual(['flows/report:report/nightly']);
  });

  it('build --project keys the step outputs <project>:<flow>/<name>, which deploy --project gives back per project', async () => {
    rmSync(path.join(work, 'built.log'), { force: true });
    const { code, stdout } = await cli(['build', '--all', '--offline', '--json', '--project', 'flows/*']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out.step_outputs)).toEqual(['flows/etl:etl/nightly', 'flows/etl:etl/hourly', 'flows/report:report/nightly']);
    expect(readFileSync(path.join(work, 'built.log'), 'utf8')).toBe('ran\n');
    const projects = ['flows/etl', 'flows/report'];
    expect(projectStepOutputs('flows/report', projects, out.step_outputs)).toEqual({ 'report/nightly': out.step_outputs['flows/report:report/nightly'] });
    expect(projectStepOutputs('flows/etl', projects, { image: { tag: 'v1' } })).toEqual({ image: { tag: 'v1' } });
  });

  it('a glob matching nothing is a usage error', async () => {
    const { code, stderr } = await cli(['plan', '--all', '--offline', '--project', 'nothing/*']);
    expect(code).toBe(2);
    expect(stderr).toContain('project pattern "nothing/*" matches no directory holding prefect.yaml');
  });

  it('--prefect-file applies within each project', async () => {
    for (const p of ['flows/etl', 'flows/report']) writeFileSync(path.join(work, p, 'deploy.yaml'), readFileSync(path.join(work, p, 'prefect.yaml')));
    const { code, stdout } = await cli(['validate', '--all', '--offline', '--prefect-file', 'deploy.yaml', '--project', 'flows/*']);
    expect(code).toBe(0);
    expect(stdout).toBe('flows/etl: 2 deployment(s) valid\nflows/report: 1 deployment(s) valid\n');
  });
});

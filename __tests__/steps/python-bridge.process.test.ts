/**
 * Custom steps through the Python bridge, with the machine's real python3: outputs (merged by id
 * exactly as a built-in's, compared with the reference's own run_steps), async steps, errors,
 * `requires:` installed from the package index into a cached environment, and no Python at all.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploymentSteps } from '../../src/core/apply/index.js';
import { createPlan, hasErrors } from '../../src/core/plan/index.js';
import { offlineSources } from '../../src/core/templating/index.js';
import { PythonFloat } from '../../src/core/values/index.js';
import { runSteps, StepCache, stepCacheKey, StepExecutionError, stepRunner, type StepContext } from '../../src/steps/index.js';
import { parseReport, pythonJson } from '../../src/steps/python/bridge.js';
import { ENVIRONMENT_MARKER } from '../../src/steps/python/venv.js';
import { failure } from './step-failure.js';
import { referencePython } from '../setup/prefect-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const SHELL = 'prefect.deployments.steps.run_shell_script';
const step = (name: string, inputs: Record<string, unknown> = {}): Record<string, unknown> => ({ [`mysteps.build.${name}`]: inputs });
const sh = (script: string): Record<string, unknown> => ({ [SHELL]: { script } });

let scratch: string;
let project: string;
let cache: string;

beforeAll(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'python-bridge-')));
  // A copy, so Python's __pycache__ never lands in the fixtures.
  project = join(scratch, 'project');
  cpSync(join(here, '..', 'fixtures', 'custom-steps'), project, { recursive: true });
  cache = join(scratch, 'cache');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? scratch, LANG: 'C.UTF-8', XDG_CACHE_HOME: cache, ...extra };
}

function context(overrides: Partial<StepContext> = {}): StepContext & { lines: string[] } {
  const lines: string[] = [];
  return { cwd: project, env: baseEnv(), sources: offlineSources(), section: 'build', log: (line) => lines.push(line), lines, ...overrides };
}

/** What JSON can compare: Python floats and big ints as plain numbers. */
function plain(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof PythonFloat ? v.value : typeof v === 'bigint' ? Number(v) : v))) as unknown;
}

describe('custom steps, against the reference run_steps', () => {
  interface ReferenceResult {
    ok: boolean;
    outputs?: Record<string, unknown>;
    cause_type?: string;
    cause?: string;
    printed: string[];
  }
  const CASES: { name: string; steps: unknown[] }[] = [
    {
      name: 'a mapping, merged by id, templated into the next step',
      steps: [
        step('make_outputs', { id: 'made', name: 'web', extra_key: 'x' }),
        sh('echo {{ made.name }} {{ count }} {{ made.ratio }} {{ half }} {{ big }} {{ made.items }} {{ made.nested }} {{ nothing }} {{ flag }}'),
      ],
    },
    { name: 'an async function is awaited', steps: [step('async_outputs', { id: 'a', value: 42 })] },
    { name: 'the project root is importable; stdin is empty', steps: [step('project_module')] },
    { name: 'a non-mapping result adds no outputs', steps: [step('not_a_mapping', { id: 'n' }), step('make_outputs', { name: 'after' })] },
    { name: 'deprecation warnings are printed once', steps: [step('deprecated')] },
    { name: 'an exception stops the run', steps: [step('make_outputs', { name: 'first' }), step('fails', { message: 'boom' }), sh('echo never')] },
    { name: 'an unexpected keyword', steps: [step('fails', { message: 'x', other: 1 })] },
    { name: 'a missing module', steps: [{ 'nosuchpkg.steps.run': {} }] },
    { name: 'a missing function', steps: [step('nope')] },
  ];
  let reference: ReferenceResult[];
  const ours: { ok: boolean; outputs?: Record<string, unknown>; error?: StepExecutionError; lines: string[] }[] = [];

  beforeAll(async () => {
    const env = baseEnv({ PYTHONDONTWRITEBYTECODE: '1', MY_VAR: 'mine' });
    const out = execFileSync(join(root, '.venv-ref', 'bin', 'python'), [join(here, 'reference_steps.py')], {
      input: JSON.stringify(CASES.map((c) => ({ steps: c.steps, cwd: project, env }))),
      encoding: 'utf8',
      timeout: 120_000,
    });
    reference = JSON.parse(out) as ReferenceResult[];
    for (const c of CASES) {
      const ctx = context({ env: env });
      try {
        ours.push({ ok: true, outputs: await runSteps(c.steps, {}, ctx), lines: ctx.lines });
      } catch (error) {
        if (!(error instanceof StepExecutionError)) throw error;
        ours.push({ ok: false, error, lines: ctx.lines });
      }
    }
  }, 120_000);

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const ref = reference[i]!;
    const our = ours[i]!;
    expect({ ok: our.ok, outputs: plain(our.outputs) }).toEqual({ ok: ref.ok, outputs: ref.outputs });
    // Progress lines and warnings, in the reference's order, among our streamed lines.
    const printed = our.lines.filter((l) => ref.printed.includes(l));
    expect(printed).toEqual(ref.printed);
    if (!ref.ok) {
      const cause = (our.error!.cause as Error).message;
      expect(cause.startsWith(`${ref.cause_type!}: ${ref.cause!}`)).toBe(true);
      expect(our.error!.message).not.toContain('\n');
    }
  });

  it('keeps Python number types and streams what the function prints', () => {
    const made = ours[0]!;
    expect(made.outputs!['ratio']).toEqual(new PythonFloat(1));
    expect(made.outputs!['big']).toBe(2n ** 70n);
    expect(made.outputs!['stdout']).toBe('web 1 1.0 0.5 1180591620717411303424 [1, two, 3.0] {a: {b: web}} None True');
    expect(made.lines).toEqual(expect.arrayContaining(['building web', 'a line on stderr']));
    expect(ours[2]!.outputs).toMatchObject({ greeting: 'hello from the project root', cwd: project, my_var: 'mine', stdin: '' });
  });

  it('names the step, its position and the Python error on one line', () => {
    expect(ours[5]!.error!.message).toBe('Encountered error while running mysteps.build.fails (build step 2): ValueError: boom');
    expect(ours[7]!.error!.message).toMatch(
      /^Encountered error while running nosuchpkg\.steps\.run \(build step 1\): ModuleNotFoundError: No module named 'nosuchpkg' \(.+ cannot import it from .+: install the package for that Python, or list it under requires: in prefect\.yaml\)$/u,
    );
    expect(ours[8]!.error!.message).toContain("AttributeError: module 'mysteps.build' has no attribute 'nope'");
  });
});

describe('custom steps: errors and odd results', () => {
  it('a module-qualified exception type; the traceback only with RUNNER_DEBUG', async () => {
    const quiet = context();
    const error = await failure(runSteps([step('custom_error')], {}, quiet));
    expect((error.cause as Error).message).toBe('mysteps.build.BuildError: the build is broken');
    expect(quiet.lines.some((l) => l.startsWith('Traceback'))).toBe(false);
    const debug = context({ env: baseEnv({ RUNNER_DEBUG: '1' }) });
    await failure(runSteps([step('custom_error')], {}, debug));
    expect(debug.lines).toContain('Traceback (most recent call last):');
  });

  it('the project root stays importable while the step runs (the reference drops it after the import)', async () => {
    const out = await runSteps([step('lazy_project_import')], {}, context());
    expect(out['later']).toBe('imported at call time');
  });

  it('a process that exits without a result', async () => {
    const error = await failure(runSteps([step('exits')], {}, context()));
    expect(error.message).toBe(
      'Encountered error while running mysteps.build.exits (build step 1): the Python process running mysteps.build.exits exited with code 3 without returning a result',
    );
  });

  it('values JSON cannot carry are passed on as str(), with a warning', async () => {
    const ctx = context();
    const out = await runSteps([step('odd_values', { id: 'odd' })], {}, ctx);
    expect(out['odd']).toEqual({ when: '2024-01-02', tags: "{'x'}", '3': 'int key', '(1, 2)': 'tuple key', inf: new PythonFloat(Infinity), fine: 'text' });
    expect(ctx.lines).toContain(
      '   warning: mysteps.build.odd_values returned values JSON cannot carry; they are passed on as their str(): when (date), tags (set), key (1, 2) (tuple)',
    );
  });

  it('encodes inputs so Python reads the same values, and decodes its numbers', () => {
    expect(pythonJson({ a: new PythonFloat(2), b: 0.5, c: 2n ** 70n, d: [1, 'x', null, true], e: new PythonFloat(Number.NaN), f: undefined })).toBe(
      '{"a":2.0,"b":0.5,"c":1180591620717411303424,"d":[1,"x",null,true],"e":NaN}',
    );
    expect(parseReport('{"x": [1.0, 1, 1e+16, 12345678901234567890]}')).toEqual({ x: [new PythonFloat(1), 1, new PythonFloat(1e16), 12345678901234567890n] });
  });

  it('inputs reach Python with their types', async () => {
    const out = await runSteps([{ 'builtins.dict': { f: new PythonFloat(2), i: 3, big: 2n ** 70n, s: 'x' } }], {}, context());
    expect(out).toEqual({ f: new PythonFloat(2), i: 3, big: 2n ** 70n, s: 'x' });
  });
});

describe('custom steps without a usable Python', () => {
  it('no Python on PATH: one line naming the step and what it needs', async () => {
    const empty = join(scratch, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    const error = await failure(runSteps([step('make_outputs', { name: 'x' })], {}, context({ env: baseEnv({ PATH: empty }) })));
    expect(error.message).toBe(
      'Encountered error while running mysteps.build.make_outputs (build step 1): mysteps.build.make_outputs is a custom step (a Python function); install Python 3.9+ on the runner or set PREFECT_DEPLOY_PYTHON',
    );
  });

  it('a Python older than 3.9 is not used', async () => {
    const bin = join(scratch, 'old-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'python3'), `#!/bin/sh\necho '{"version": [3, 8, 10], "executable": "${bin}/python3", "site": []}'\n`, { mode: 0o755 });
    const error = await failure(runSteps([step('make_outputs', { name: 'x' })], {}, context({ env: baseEnv({ PATH: bin }) })));
    expect(error.reason).toBe(
      `mysteps.build.make_outputs is a custom step (a Python function); install Python 3.9+ on the runner or set PREFECT_DEPLOY_PYTHON (${bin}/python3 is Python 3.8.10)`,
    );
  });

  it('PREFECT_DEPLOY_PYTHON that does not exist', async () => {
    const error = await failure(runSteps([step('make_outputs', { name: 'x' })], {}, context({ env: baseEnv({ PREFECT_DEPLOY_PYTHON: '/nope/python' }) })));
    expect(error.reason).toMatch(/^mysteps\.build\.make_outputs is a custom step \(a Python function\); PREFECT_DEPLOY_PYTHON=\/nope\/python is not a usable Python: /u);
  });
});

describe('requires: an isolated environment, cached between runs', () => {
  const REQUIRES = 'tabulate==0.9.0';
  const uses = (): Record<string, unknown> => ({ 'mysteps.build.uses_requirement': { id: 'req', requires: REQUIRES } });

  it('installs into a new environment once, then reuses it without pip', async () => {
    const first = context();
    const out = await runSteps([uses()], {}, first);
    expect(out['req']).toMatchObject({ tabulate_version: '0.9.0', runner_site_visible: true, table: '1  2' });
    const envs = readdirSync(join(cache, 'deploy-action', 'steps-venvs'));
    expect(envs).toHaveLength(1);
    const directory = join(cache, 'deploy-action', 'steps-venvs', envs[0]!);
    expect(String(out['tabulate_from']).startsWith(directory)).toBe(true);
    expect(first.lines).toContain(`   requires ${REQUIRES}: installing into ${directory}`);
    expect(first.lines.some((l) => /Successfully installed tabulate-0\.9\.0/u.test(l))).toBe(true);
    const marker = statSync(join(directory, ENVIRONMENT_MARKER)).mtimeMs;
    // Console scripts were written in the build directory and point at the final one.
    expect(readFileSync(join(directory, 'bin', 'tabulate'), 'utf8').split('\n')[0]).toBe(`#!${join(directory, 'bin', 'python')}`);

    const second = context();
    const again = await runSteps([uses()], {}, second);
    expect(again['req']).toEqual(out['req']);
    expect(second.lines).toContain(`   requires ${REQUIRES}: reusing ${directory}`);
    expect(second.lines.some((l) => /installing into|Successfully installed|Collecting/u.test(l))).toBe(false);
    expect(statSync(join(directory, ENVIRONMENT_MARKER)).mtimeMs).toBe(marker);
    // Built under a temporary name and renamed: nothing else is left in the cache.
    expect(readdirSync(join(cache, 'deploy-action', 'steps-venvs'))).toEqual(envs);
  }, 120_000);

  it('requirements the runner already has: no environment at all', async () => {
    const ctx = context({ env: baseEnv({ XDG_CACHE_HOME: join(scratch, 'unused-cache') }) });
    const out = await runSteps([step('make_outputs', { name: 'x', requires: ['six'] })], {}, ctx);
    expect(out['name']).toBe('x');
    expect(ctx.lines.some((l) => l.includes('requires'))).toBe(false);
  });

  it('an install that fails: pip says why, nothing is left behind', async () => {
    const ctx = context({ env: baseEnv({ XDG_CACHE_HOME: join(scratch, 'failed-cache') }) });
    const error = await failure(runSteps([{ 'no_such_pkg_xyz.steps.run': { requires: 'no-such-pkg-xyz-deploy-action==0.0.1' } }], {}, ctx));
    expect(error.reason).toMatch(
      /^could not install requires \(no-such-pkg-xyz-deploy-action==0\.0\.1\) for no_such_pkg_xyz\.steps\.run: pip install exited with code 1: .*No matching distribution found for no-such-pkg-xyz-deploy-action==0\.0\.1/u,
    );
    expect(readdirSync(join(scratch, 'failed-cache', 'deploy-action', 'steps-venvs'))).toEqual([]);
  }, 120_000);
});

describe('StepCache: requires is part of an invocation', () => {
  it('the same custom step with the same inputs but other requires runs again', async () => {
    expect(stepCacheKey('m.f', { a: 1 }, '/p', 'six')).not.toBe(stepCacheKey('m.f', { a: 1 }, '/p', ['six', 'json']));
    const cache = new StepCache();
    const first = context({ cache });
    await runSteps([step('make_outputs', { name: 'x', requires: 'six' })], {}, first);
    const other = context({ cache });
    await runSteps([step('make_outputs', { name: 'x', requires: ['six', 'json'] })], {}, other);
    expect(other.lines).toContain('building x');
    expect(other.lines.some((l) => l.includes('reusing its result'))).toBe(false);
    const same = context({ cache });
    await runSteps([step('make_outputs', { id: 'again', name: 'x', requires: 'six' })], {}, same);
    expect(same.lines).not.toContain('building x');
    expect(cache.size).toBe(2);
  });
});

describe('a run of steps without a usable Python stops before any step runs', () => {
  const FLOW = 'from prefect import flow\n\n\n@flow\ndef hello():\n    pass\n';
  // The shell-only deployment comes first and would run (and touch ran.txt) while the other fails.
  const YAML = `deployments:
  - name: shell-only
    entrypoint: flows/f.py:hello
    work_pool: {name: pool}
    build:
      - ${SHELL}:
          script: /usr/bin/touch ran.txt
  - name: custom
    entrypoint: flows/f.py:hello
    work_pool: {name: pool}
    build:
      - ${SHELL}:
          script: /bin/echo first
      - mysteps.build.make_outputs:
          name: x
`;

  async function planAndRun(env: Record<string, string>): Promise<{ dir: string; ran: Awaited<ReturnType<typeof runDeploymentSteps>> }> {
    const dir = mkdtempSync(join(scratch, 'preflight-'));
    cpSync(join(here, '..', 'fixtures', 'custom-steps'), dir, { recursive: true });
    mkdirSync(join(dir, 'flows'));
    writeFileSync(join(dir, 'flows', 'f.py'), FLOW);
    writeFileSync(join(dir, 'prefect.yaml'), YAML);
    const plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env });
    expect(hasErrors(plan.diagnostics), JSON.stringify(plan.diagnostics)).toBe(false);
    return { dir, ran: await runDeploymentSteps(plan, plan.deployments, { cwd: dir, env, sources: offlineSources(), stepRunner }) };
  }

  it("no Python on PATH: the custom step's one-line error, at its place in prefect.yaml; no step ran", async () => {
    const empty = join(scratch, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    const { dir, ran } = await planAndRun(baseEnv({ PATH: empty }));
    expect(ran.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'prefect.yaml',
        deployment: 'custom',
        line: 14,
        column: 9,
        message:
          'Encountered error while running mysteps.build.make_outputs (build step 2): mysteps.build.make_outputs is a custom step (a Python function); install Python 3.9+ on the runner or set PREFECT_DEPLOY_PYTHON',
      },
    ]);
    expect(ran.outputs.size).toBe(0);
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });

  it('an unusable PREFECT_DEPLOY_PYTHON is found before the steps too; with a usable one every step runs', async () => {
    const { dir, ran } = await planAndRun(baseEnv({ PREFECT_DEPLOY_PYTHON: '/nope/python' }));
    expect(ran.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^Encountered error while running mysteps\.build\.make_outputs \(build step 2\): mysteps\.build\.make_outputs is a custom step \(a Python function\); PREFECT_DEPLOY_PYTHON=\/nope\/python is not a usable Python: /u,
      ),
    ]);
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);

    const ok = await planAndRun(baseEnv());
    expect(ok.ran.diagnostics).toEqual([]);
    expect(existsSync(join(ok.dir, 'ran.txt'))).toBe(true);
    expect([...ok.ran.outputs.values()].map((o) => o['name'] ?? o['stdout'])).toEqual(['', 'x']);
  });
});

describe("pull steps in build/push run Prefect's own function in the runner's Python", () => {
  it('pull_from_remote_storage leaves the working directory and outputs as prefect itself does', async () => {
    const python = await referencePython();
    const source = join(scratch, 'remote-tree');
    mkdirSync(join(source, 'sub'), { recursive: true });
    writeFileSync(join(source, 'a.txt'), 'alpha');
    writeFileSync(join(source, 'sub', 'b.txt'), 'beta');
    const url = `file://${source}`;
    const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();
    // The reference, called directly in its own venv from an empty directory.
    const theirs = mkdtempSync(join(scratch, 'pull-reference-'));
    const script = `import asyncio, json\nfrom prefect.deployments.steps import pull_from_remote_storage\nprint(json.dumps(asyncio.run(pull_from_remote_storage(url=${JSON.stringify(url)}))))`;
    const expected = JSON.parse(
      execFileSync(python, ['-c', script], { cwd: theirs, encoding: 'utf8', env: { ...process.env, PREFECT_LOGGING_LEVEL: 'ERROR' } })
        .trim()
        .split('\n')
        .at(-1)!,
    );
    // Ours, as a build step.
    const target = mkdtempSync(join(scratch, 'pull-target-'));
    const steps = [{ 'prefect.deployments.steps.pull_from_remote_storage': { id: 'pulled', url } }];
    const out = await runSteps(steps, {}, context({ cwd: target, env: baseEnv({ PREFECT_DEPLOY_PYTHON: python }) }));
    expect(out).toMatchObject({ ...expected, pulled: expected });
    expect(listing(target)).toEqual(listing(theirs));
    expect(listing(target).length).toBeGreaterThan(0);
  }, 120_000);

  it('without prefect in that Python, fails in one line naming the step', async () => {
    const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    const hasPrefect = execFileSync(python, ['-c', 'import importlib.util; print(importlib.util.find_spec("prefect") is not None)'], { encoding: 'utf8' }).trim();
    expect(hasPrefect).toBe('False');
    const steps = [{ 'prefect.deployments.steps.pull_with_block': { block_document_name: 'x', block_type_slug: 'local-file-system' } }];
    const error = await failure(runSteps(steps, {}, context({ env: baseEnv({ PREFECT_DEPLOY_PYTHON: python }) })));
    expect(error.message).toMatch(/pull_with_block.*No module named 'prefect'/);
    expect(error.message).not.toContain('\n');
  });
});

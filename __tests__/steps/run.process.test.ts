import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineSources, type TemplateSources } from '../../src/core/templating/index.js';
import { expandEnvVars, runSteps, shlexSplit, splitLines, StepCache, type StepContext } from '../../src/steps/index.js';
import { failure } from './step-failure.js';

const SHELL = 'prefect.deployments.steps.run_shell_script';
const SET_WD = 'prefect.deployments.steps.set_working_directory';
const sh = (inputs: Record<string, unknown>): Record<string, unknown> => ({ [SHELL]: inputs });

let scratch: string;
beforeAll(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'steps-run-')));
  mkdirSync(join(scratch, 'a', 'b'), { recursive: true });
  writeFileSync(join(scratch, 'a', 'in-a.txt'), '');
  writeFileSync(join(scratch, 'a', 'b', 'in-b.txt'), '');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function context(overrides: Partial<StepContext> = {}): StepContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    cwd: scratch,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], GREETING: 'hi there' },
    sources: offlineSources(),
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

describe('shlexSplit (Python shlex.split, POSIX)', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    [`"a b" 'c d'`, ['a b', 'c d']],
    [`a\\ b`, ['a b']],
    [`"x\\"y" "p\\\\q" "r\\s"`, ['x"y', 'p\\q', 'r\\s']],
    [`'no \\ escapes'`, ['no \\ escapes']],
    [`'' ""`, ['', '']],
    [`a'b'"c"d`, ['abcd']],
    [`$'x' $"y"`, ['$x', '$y']],
    [`a # b`, ['a', '#', 'b']],
    [`  `, []],
    ['a|b>c&&d', ['a|b>c&&d']],
  ])('%s', (line, words) => {
    expect(shlexSplit(line)).toEqual(words);
  });

  it('throws the reference texts', () => {
    expect(() => shlexSplit(`"open`)).toThrow('No closing quotation');
    expect(() => shlexSplit('x\\')).toThrow('No escaped character');
  });

  it('splits lines like str.splitlines', () => {
    expect(splitLines('a\r\nb\rc\nd\n')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\u2028b\x0bc')).toEqual(['a', 'b', 'c']);
    expect(splitLines('')).toEqual([]);
  });

  it('expands like string.Template.safe_substitute', () => {
    expect(expandEnvVars('$A ${A} $$ $B ${ $ $A_1', { A: 'x', A_1: 'y' })).toBe('x x $ $B ${ $ y');
  });
});

describe('runSteps: run_shell_script', () => {
  it('splits words without a shell: quotes kept together, no $VAR expansion by default', async () => {
    const out = await runSteps([sh({ script: `printf [%s] "a b" 'c  d' e\\ f $GREETING` })], {}, context());
    expect(out['stdout']).toBe('[a b][c  d][e f][$GREETING]');
  });

  it('expands $VAR with expand_env_vars, the step env over the process env', async () => {
    const out = await runSteps([sh({ script: 'printf [%s] $GREETING ${X}', expand_env_vars: true, env: { X: 'from step' } })], {}, context());
    // Expansion comes before word splitting, so expanded values split at spaces (as in the reference).
    expect(out['stdout']).toBe('[hi][there][from][step]');
  });

  it('runs each line as its own process, in order, and joins the outputs', async () => {
    const ctx = context();
    const out = await runSteps([sh({ script: `echo one\n\nsh -c 'X=1; echo two >&2'\nsh -c 'echo "three:$X"'\r\necho four` })], {}, ctx);
    // Variables set on one line are gone on the next: each line is a separate process.
    expect(out).toEqual({ stdout: 'one\nthree:\nfour', stderr: 'two' });
    const error = await failure(runSteps([sh({ script: 'cd /tmp' })], {}, ctx));
    expect(error.reason).toBe("[Errno 2] No such file or directory: 'cd'");
  });

  it('stops at the first failing line with the exit code and captured stderr, later steps not run', async () => {
    const ctx = context();
    const marker = join(scratch, 'never-written');
    const error = await failure(
      runSteps(
        [sh({ id: 'ok', script: 'echo fine' }), sh({ script: `sh -c 'echo partial; echo "bad thing" >&2; exit 5'\ntouch ${marker}` }), sh({ script: `touch ${marker}` })],
        {},
        ctx,
      ),
    );
    expect(error.message).toBe(
      'Encountered error while running prefect.deployments.steps.run_shell_script (step 2): `run_shell_script` failed with error code 5: bad thing',
    );
    expect(error.index).toBe(1);
    expect(error.step).toBe(SHELL);
    expect((error.cause as Error).message).toBe('`run_shell_script` failed with error code 5: bad thing\n');
    expect(() => realpathSync(marker)).toThrow();
    expect(ctx.lines.filter((l) => l.startsWith(' > '))).toEqual([' > Running run_shell_script step...', ' > Running run_shell_script step...']);
  });

  it('names the section in the message when given', async () => {
    const error = await failure(runSteps([sh({ script: 'false' })], {}, context({ section: 'push' })));
    expect(error.message).toMatch(/^Encountered error while running \S+ \(push step 1\): /u);
  });

  it('runs in directory, relative to ctx.cwd', async () => {
    const out = await runSteps([sh({ script: 'ls', directory: 'a' })], {}, context());
    expect(out['stdout']).toBe('b\nin-a.txt');
  });

  it('passes env merged over the process env', async () => {
    const out = await runSteps([sh({ script: `sh -c 'echo "$GREETING/$EXTRA"'`, env: { EXTRA: 'extra' } })], {}, context());
    expect(out['stdout']).toBe('hi there/extra');
  });

  it('shell: true runs the line through /bin/sh', async () => {
    const out = await runSteps([sh({ script: 'echo "$GREETING" | tr a-z A-Z && echo done >&2', shell: true })], {}, context());
    expect(out).toEqual({ stdout: 'HI THERE', stderr: 'done' });
  });

  it('streams output lines to log unless stream_output is false', async () => {
    const loud = context();
    await runSteps([sh({ script: `sh -c 'echo out; echo err >&2'` })], {}, loud);
    expect(loud.lines.slice(1).sort()).toEqual(['err', 'out']);
    const quiet = context();
    await runSteps([sh({ script: 'echo out', stream_output: false })], {}, quiet);
    expect(quiet.lines).toEqual([' > Running run_shell_script step...']);
  });

  it('stores outputs under id and merges them flat; templates later inputs from them and from the env', async () => {
    const out = await runSteps(
      [
        sh({ id: 'sha', script: 'echo abc123' }),
        sh({ id: 'tag', script: 'echo {{ sha.stdout }}-{{ $GREETING }}' }),
        sh({ script: 'printf %s "{{ stdout }}"', stream_output: false }),
      ],
      { seeded: 1 },
      context(),
    );
    expect(out).toEqual({
      seeded: 1,
      sha: { stdout: 'abc123', stderr: '' },
      tag: { stdout: 'abc123-hi there', stderr: '' },
      stdout: 'abc123-hi there',
      stderr: '',
    });
  });

  it('does not change the seed outputs', async () => {
    const seed = { a: { b: 1 } };
    await runSteps([sh({ id: 'a', script: 'echo x' })], seed, context());
    expect(seed).toEqual({ a: { b: 1 } });
  });

  it('resolves blocks at run time and refuses references it cannot resolve', async () => {
    const sources: TemplateSources = {
      blocks: {
        readByName: (slug, name) => Promise.resolve({ status: 'found', value: { value: `${slug}:${name}` } }),
        readById: () => Promise.resolve({ status: 'missing' }),
      },
      variables: { read: (name) => Promise.resolve(name === 'who' ? { status: 'found', value: 'world' } : { status: 'missing' }) },
    };
    const out = await runSteps([sh({ script: 'echo {{ prefect.blocks.secret.token }} {{ prefect.variables.who }}', stream_output: false })], {}, context({ sources }));
    expect(out['stdout']).toBe('secret:token world');
    const error = await failure(runSteps([sh({ script: 'echo {{ prefect.variables.who }}' })], {}, context()));
    expect(error.message).toContain('{{ prefect.variables.who }} could not be resolved');
  });
});

describe('runSteps: step names and other steps', () => {
  it.each([
    ['prefect_gcp.deployments.steps.some_new_step', /not implemented yet/u],
    ['prefect.deployments.steps.run_shell_scrip', /not a Prefect step \(did you mean "prefect\.deployments\.steps\.run_shell_script"\?\)/u],
    ['my_company.steps.build', /ModuleNotFoundError: No module named 'my_company'/u],
    ['prefect.deployments.steps.pull_with_block', /got an unexpected keyword argument 'url'/u],
    ['prefect.deployments.steps.pull_from_remote_storage', /No module named 'prefect'/u],
  ])('%s', async (name, reason) => {
    const error = await failure(runSteps([{ [name]: { block_document_name: 'x', block_type_slug: 'y', url: 'u' } }], {}, context()));
    expect(error.message.startsWith(`Encountered error while running ${name} (step 1): `)).toBe(true);
    expect(error.message).toMatch(reason);
  });

  it('pip_install_requirements without Python says Python is needed', async () => {
    const error = await failure(runSteps([{ 'prefect.deployments.steps.pip_install_requirements': {} }], {}, context({ env: { PATH: scratch } })));
    expect(error.reason).toBe("pip_install_requirements runs pip in the runner's Python; install Python 3.9+ on the runner or set PREFECT_DEPLOY_PYTHON");
  });

  /** A stand-in Python: answers the interpreter probe as Python `version`, else prints its name, argv and cwd. */
  function fakePython(file: string, version = '3.12.1'): string {
    mkdirSync(join(file, '..'), { recursive: true });
    const info = JSON.stringify({ version: version.split('.').map(Number), executable: file, site: [] });
    writeFileSync(
      file,
      `#!/bin/sh
if [ "$1" = "-c" ]; then echo '${info}'; exit 0; fi
echo "${file} args: $*"
echo "cwd: $(pwd)"
`,
      { mode: 0o755 },
    );
    return file;
  }
  const PIP = 'prefect.deployments.steps.pip_install_requirements';

  it('pip_install_requirements runs python -m pip install -r <file> in directory', async () => {
    const python = fakePython(join(scratch, 'fake-bin', 'python3'));
    const out = await runSteps(
      [{ [PIP]: { directory: 'a', requirements_file: 'reqs.txt' } }],
      {},
      context({ env: { PATH: `${join(scratch, 'fake-bin')}:/usr/bin:/bin` } }),
    );
    expect(out['stdout']).toBe(`${python} args: -m pip install -r reqs.txt\ncwd: ${join(scratch, 'a')}`);
  });

  it('pip_install_requirements uses PREFECT_DEPLOY_PYTHON, as custom steps do', async () => {
    fakePython(join(scratch, 'path-bin', 'python3'));
    const chosen = fakePython(join(scratch, 'chosen', 'python3.11'), '3.11.4');
    const env = { PATH: `${join(scratch, 'path-bin')}:/usr/bin:/bin`, PREFECT_DEPLOY_PYTHON: chosen };
    const out = await runSteps([{ [PIP]: {} }], {}, context({ env }));
    expect(out['stdout']).toBe(`${chosen} args: -m pip install -r requirements.txt\ncwd: ${scratch}`);
    // The same checks as for custom steps: a Python older than 3.9 is refused with one line.
    const old = fakePython(join(scratch, 'old', 'python3.8'), '3.8.10');
    const error = await failure(runSteps([{ [PIP]: {} }], {}, context({ env: { ...env, PREFECT_DEPLOY_PYTHON: old } })));
    expect(error.reason).toBe(`pip_install_requirements runs pip in the runner's Python and needs Python 3.9+; PREFECT_DEPLOY_PYTHON=${old} is Python 3.8.10`);
  });

  it('set_working_directory moves later steps of that context only', async () => {
    const one = context();
    const other = context();
    const out = await runSteps([{ [SET_WD]: { directory: 'a' } }, sh({ script: 'ls' }), { [SET_WD]: { directory: 'b' } }], {}, one);
    expect(out['directory']).toBe(join(scratch, 'a', 'b'));
    expect(out['stdout']).toBe('b\nin-a.txt');
    expect(one.cwd).toBe(join(scratch, 'a', 'b'));
    const elsewhere = await runSteps([sh({ script: 'ls a' })], {}, other);
    expect(elsewhere['stdout']).toBe('b\nin-a.txt');
    expect(other.cwd).toBe(scratch);
    expect(process.cwd()).not.toBe(join(scratch, 'a', 'b'));
    const error = await failure(runSteps([{ [SET_WD]: { directory: 'missing' } }], {}, context()));
    expect((error.cause as Error).message).toBe("[Errno 2] No such file or directory: 'missing'");
  });

  it('rejects unknown and missing inputs as the reference call would', async () => {
    const unknown = await failure(runSteps([sh({ script: 'echo', stream: false })], {}, context()));
    expect(unknown.message).toContain("run_shell_script() got an unexpected keyword argument 'stream'");
    const missing = await failure(runSteps([{ [SET_WD]: {} }], {}, context()));
    expect(missing.message).toContain("set_working_directory() missing 1 required positional argument: 'directory'");
  });

  it('fails a step with two names, naming the last as the reference does', async () => {
    const ctx = context();
    const error = await failure(runSteps([{ [SHELL]: { script: 'echo a' }, [SET_WD]: { directory: '.' } }], {}, ctx));
    expect(error.step).toBe(SET_WD);
    expect(error.message).toContain(`Step has unexpected additional keys: ${SET_WD}`);
    expect(ctx.lines).toEqual([' > Running set_working_directory step...']);
  });

  it('stops before the next step once aborted', async () => {
    const controller = new AbortController();
    const ctx = context({ signal: controller.signal });
    const started = Date.now();
    const run = runSteps([sh({ script: 'sleep 20' }), sh({ script: 'echo never' })], {}, ctx);
    setTimeout(() => controller.abort(new Error('deploy cancelled')), 200);
    const error = await failure(run);
    expect(error.reason).toBe('deploy cancelled');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('StepCache: one run per identical invocation', () => {
  it('runs an identical step once for concurrent callers and gives each its result', async () => {
    const cache = new StepCache();
    const counter = join(scratch, 'counter.txt');
    const step = sh({ id: 'n', script: `sh -c 'sleep 0.3; echo run >> ${counter}; wc -l < ${counter}'`, stream_output: false });
    const [one, two] = await Promise.all([
      runSteps([step], {}, context({ cache })),
      runSteps([{ [SHELL]: { stream_output: false, script: step[SHELL] && (step[SHELL] as { script: string }).script, id: 'other' } }], {}, context({ cache })),
    ]);
    expect(one['stdout']).toBe('1');
    expect(two['stdout']).toBe('1');
    expect(two['other']).toEqual({ stdout: '1', stderr: '' });
    const third = await runSteps([step], {}, context({ cache }));
    expect(third['stdout']).toBe('1');
    expect(cache.size).toBe(1);
    // Different inputs or cwd run again.
    const other = await runSteps([step], {}, context({ cache, cwd: join(scratch, 'a') }));
    expect(other['stdout']).toBe('2');
  });

  it('shares the cwd change of a cached set_working_directory', async () => {
    const cache = new StepCache();
    const one = context({ cache });
    const two = context({ cache });
    await runSteps([{ [SET_WD]: { directory: 'a' } }], {}, one);
    await runSteps([{ [SET_WD]: { directory: 'a' } }], {}, two);
    expect(two.cwd).toBe(join(scratch, 'a'));
    expect(two.lines.some((l) => l.includes('reusing its result'))).toBe(true);
  });

  it('shares a failure, each caller with its own step position', async () => {
    const cache = new StepCache();
    const a = await failure(runSteps([sh({ script: 'false' })], {}, context({ cache })));
    const b = await failure(runSteps([{}, sh({ script: 'false' })], {}, context({ cache })));
    expect(a.index).toBe(0);
    expect(b.index).toBe(1);
    expect(cache.size).toBe(1);
  });
});

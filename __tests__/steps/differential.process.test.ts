/**
 * Differential test: the reference's `run_steps` (prefect 3.9.1 in the project venv, one process,
 * every case as JSON on stdin) and our runSteps over the same build steps, directories and
 * environments. Outputs, progress lines, failure or not, and the reference's error texts must match.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps, StepExecutionError } from '../../src/steps/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const SHELL = 'prefect.deployments.steps.run_shell_script';

interface Case {
  name: string;
  steps: unknown[];
  /** Extra process environment on top of PATH and LANG. */
  env?: Record<string, string>;
  /** Working directory, relative to the scratch directory. */
  cwd?: string;
  /** The reference's error text is matched only up to this prefix (ours adds a hint after it). */
  causePrefix?: boolean;
  /** The cause text differs on purpose (ours names the offending input); only failure must match. */
  causeDiffers?: boolean;
  /** Compare the streamed lines as well (stdout only cases). */
  streamed?: boolean;
}

const sh = (inputs: Record<string, unknown>): Record<string, unknown> => ({ [SHELL]: inputs });

const CASES: Case[] = [
  { name: 'one command', steps: [sh({ script: 'echo hello' })], streamed: true },
  { name: 'several lines, blank and whitespace-only lines skipped', steps: [sh({ script: 'echo one\n\n   \n\techo two\r\necho three\n' })], streamed: true },
  { name: 'quotes and escapes', steps: [sh({ script: `printf [%s] "a b" 'c d' e\\ f "g\\"h" "i\\\\j" "k\\l" 'm\\n' n\\o` })] },
  { name: 'empty quoted words are kept', steps: [sh({ script: `printf [%s] '' "" x''` })] },
  { name: 'bash $\'\' and $"" quoting is not special', steps: [sh({ script: `printf [%s] $'x\\ty' $"z"` })] },
  { name: '# is not a comment', steps: [sh({ script: 'echo a # b' })] },
  { name: '$VAR is literal without expand_env_vars', steps: [sh({ script: 'echo $FOO ${FOO}' })], env: { FOO: 'proc' } },
  {
    name: 'expand_env_vars: $NAME, ${NAME}, $$, unknown and invalid left as written',
    steps: [sh({ script: 'printf [%s] $FOO ${FOO}x $$ $UNKNOWN ${NOPE} $ x$FOO_SUFFIX $1 ${FOO a$FOO.b', expand_env_vars: true })],
    env: { FOO: 'proc' },
  },
  {
    name: 'expand_env_vars uses the step env over the process env',
    steps: [sh({ script: 'printf [%s] $FOO $BAR', expand_env_vars: true, env: { FOO: 'step' } })],
    env: { FOO: 'proc', BAR: 'bar' },
  },
  { name: 'env reaches the process', steps: [sh({ script: `sh -c 'echo $GREETING-$FOO'`, env: { GREETING: 'hello' } })], env: { FOO: 'proc' } },
  { name: 'directory, relative to the cwd', steps: [sh({ script: 'pwd\nls', directory: 'sub' })] },
  { name: 'missing directory', steps: [sh({ script: 'pwd', directory: 'nope' })] },
  { name: 'failing line stops the script', steps: [sh({ script: `sh -c 'echo out; echo err >&2; exit 3'\necho never` })] },
  { name: 'stderr of earlier lines is in the failure', steps: [sh({ script: `sh -c 'echo first >&2'\nsh -c 'echo second >&2; exit 2'` })] },
  { name: 'failure stops later steps', steps: [sh({ script: 'false' }), sh({ script: 'echo never' })] },
  { name: 'killed by a signal', steps: [sh({ script: `sh -c 'kill -9 $$'` })] },
  {
    name: 'shell: true runs pipes, && and $VAR',
    steps: [sh({ script: 'echo hello world | tr a-z A-Z\n  A=1 && echo "$A-$FOO"  \n', shell: true })],
    env: { FOO: 'proc' },
  },
  { name: 'shell: true failure', steps: [sh({ script: 'echo before; false || exit 7', shell: true })] },
  { name: 'unclosed quote', steps: [sh({ script: `echo "unclosed` })] },
  { name: 'trailing backslash', steps: [sh({ script: 'echo x\\' })] },
  { name: 'program not found', steps: [sh({ script: 'no-such-program-xyz --flag' })] },
  { name: 'output is trimmed', steps: [sh({ script: `printf '  \\n\\t padded  \\n\\n'\nsh -c 'printf " e \\n" >&2'` })] },
  { name: 'stream_output: false', steps: [sh({ script: 'echo quiet', stream_output: false })] },
  {
    name: 'outputs flow into later steps (id, flat keys, $ENV)',
    steps: [
      sh({ id: 'first', script: 'echo abc123' }),
      sh({ id: 'second', script: 'printf [%s] {{ first.stdout }} {{ stdout }} "{{ $FOO }}" {{ first.stderr }}' }),
      sh({ script: 'echo {{ second.stdout }}' }),
    ],
    env: { FOO: 'proc value' },
  },
  { name: 'empty steps are skipped', steps: [{}, sh({ id: 'x', script: 'echo kept' }), {}] },
  {
    name: 'a step with two keys fails, naming the last',
    steps: [{ [SHELL]: { script: 'echo a' }, 'prefect.deployments.steps.utility.run_shell_script': { script: 'echo b' } }],
  },
  { name: 'alias name', steps: [{ 'prefect.deployments.steps.utility.run_shell_script': { script: 'echo via alias' } }] },
  { name: 'invalid UTF-8 is replaced', steps: [sh({ script: `printf '\\377ok'` })] },
  { name: 'non-ASCII words', steps: [sh({ script: `printf [%s] 'héllo wörld' ✓` })] },
  { name: 'empty script', steps: [sh({ script: '' })] },
  { name: 'unknown input', steps: [sh({ script: 'echo x', scripts: 'y' })], causePrefix: true },
  { name: 'missing script', steps: [sh({ directory: '.' })] },
  { name: 'non-string env value', steps: [sh({ script: 'echo x', env: { N: 1 } })], causeDiffers: true },
  { name: 'missing placeholder drops the input', steps: [sh({ script: 'echo ok', directory: '{{ nothing.here }}' })] },
];

interface ReferenceResult {
  ok: boolean;
  outputs?: Record<string, unknown>;
  error?: string;
  cause_type?: string;
  cause?: string;
  printed: string[];
  streamed: string;
}

interface OurResult {
  ok: boolean;
  outputs?: Record<string, unknown>;
  error?: StepExecutionError;
  log: string[];
}

let scratch: string;
let reference: ReferenceResult[];
const ours: OurResult[] = [];

function referencePython(): string {
  // Idempotent: prints the venv's python, creating the venv first when it is missing.
  const out = execFileSync('bash', [join(root, 'scripts', 'reference-venv.sh')], { cwd: root, encoding: 'utf8', timeout: 900_000 });
  const python = out.trim().split('\n').pop();
  if (!python) throw new Error('scripts/reference-venv.sh printed no python path');
  return python;
}

function baseEnv(c: Case): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...c.env };
}

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'steps-diff-')));
  mkdirSync(join(scratch, 'sub'));
  writeFileSync(join(scratch, 'sub', 'file.txt'), 'x');
  const input = CASES.map((c) => ({ steps: c.steps, cwd: join(scratch, c.cwd ?? '.'), env: baseEnv(c) }));
  const python = referencePython();
  const out = execFileSync(python, [join(here, 'reference_steps.py')], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  reference = JSON.parse(out) as ReferenceResult[];
  if (process.env['STEPS_DIFF_DUMP']) writeFileSync(process.env['STEPS_DIFF_DUMP'], out);
  for (const c of CASES) {
    const log: string[] = [];
    const ctx = { cwd: join(scratch, c.cwd ?? '.'), env: baseEnv(c), sources: offlineSources(), log: (line: string) => log.push(line) };
    try {
      ours.push({ ok: true, outputs: await runSteps(c.steps, {}, ctx), log });
    } catch (error) {
      if (!(error instanceof StepExecutionError)) throw error;
      ours.push({ ok: false, error, log });
    }
  }
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('run_steps with run_shell_script, against the reference', () => {
  it('has enough cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
    expect(reference).toHaveLength(CASES.length);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CASES[i]!;
    const ref = reference[i]!;
    const our = ours[i]!;
    const progress = our.log.filter((l) => l.startsWith(' > Running '));
    expect(progress).toEqual(ref.printed);
    expect({ ok: our.ok, outputs: our.outputs }).toEqual({ ok: ref.ok, outputs: ref.outputs });
    if (!ref.ok) {
      const error = our.error!;
      expect(error.message.startsWith(`${ref.error!} (step `)).toBe(true);
      expect(error.message).not.toContain('\n');
      const cause = (error.cause as Error).message;
      if (c.causeDiffers) expect(cause).toContain('N');
      else if (c.causePrefix) expect(cause.startsWith(ref.cause!)).toBe(true);
      else expect(cause).toBe(ref.cause);
    }
    if (c.streamed) {
      const streamedLines = our.log.filter((l) => !l.startsWith(' > Running '));
      expect(streamedLines).toEqual(ref.streamed.split('\n').slice(0, -1));
    }
  });
});

import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offlineSources, type TemplateSources } from '../../src/core/templating/index.js';
import { runSteps, type StepContext } from '../../src/steps/index.js';
import { failure } from './step-failure.js';

const SHELL = 'prefect.deployments.steps.run_shell_script';
const sh = (inputs: Record<string, unknown>): Record<string, unknown> => ({ [SHELL]: inputs });

let scratch: string;
let marker: string;
beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'steps-injection-')));
  marker = join(scratch, 'pwned');
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function context(env: Record<string, string> = {}, sources: TemplateSources = offlineSources()): StepContext {
  return { cwd: scratch, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env }, sources, section: 'build' };
}

const sources: TemplateSources = {
  blocks: {
    readByName: () => Promise.resolve({ status: 'found', value: { value: `x\ntouch ${marker}` } }),
    readById: () => Promise.resolve({ status: 'missing' }),
  },
  variables: { read: () => Promise.resolve({ status: 'found', value: `x\rtouch ${marker}` }) },
};

describe('run_shell_script: a templated value never becomes a command', () => {
  it.each([
    ['an env placeholder holding a newline', () => [sh({ script: 'echo {{ $EVIL }}' })], '{{ $EVIL }}', () => ({ EVIL: `x\ntouch ${marker}` }), undefined],
    ['an env placeholder holding a carriage return', () => [sh({ script: 'echo {{$EVIL}} done' })], '{{$EVIL}}', () => ({ EVIL: `x\rtouch ${marker}` }), undefined],
    [
      'a step output holding a newline',
      () => [sh({ id: 'branch', script: `printf 'x\\ntouch ${marker}'` }), sh({ script: 'echo ok\necho {{ branch.stdout }}' })],
      '{{ branch.stdout }}',
      () => ({}),
      undefined,
    ],
    ['a variable holding a carriage return', () => [sh({ script: 'echo {{ prefect.variables.name }}' })], '{{ prefect.variables.name }}', () => ({}), sources],
    ['a block holding a newline', () => [sh({ script: 'echo {{ prefect.blocks.secret.token }}' })], '{{ prefect.blocks.secret.token }}', () => ({}), sources],
  ])('refuses %s, runs nothing of the script, in one line', async (_name, steps, placeholder, env, blockSources) => {
    const error = await failure(runSteps(steps(), {}, context(env(), blockSources)));
    expect(existsSync(marker)).toBe(false);
    expect(error.message).not.toMatch(/[\r\n]/u);
    const step = steps().length;
    expect(error.message).toBe(
      `Encountered error while running ${SHELL} (build step ${step}): ${placeholder} in script resolves to text with a line break, which would run as a separate command (remove the line break from the value, or set shell: true and quote it for the shell)`,
    );
  });

  it('runs values without line breaks, and line breaks the script itself has', async () => {
    const out = await runSteps([sh({ script: 'echo {{ $NAME }}\necho two', stream_output: false })], {}, context({ NAME: 'one' }));
    expect(out['stdout']).toBe('one\ntwo');
  });

  it('leaves shell: true scripts to the shell, as the reference does', async () => {
    await runSteps([sh({ script: 'echo {{ $EVIL }}', shell: true, stream_output: false })], {}, context({ EVIL: `x\ntouch ${marker}` }));
    expect(existsSync(marker)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { findStep, parseStep } from '../../src/core/config/index.js';

const SHELL = 'prefect.deployments.steps.run_shell_script';

describe('parseStep reads a raw step as Prefect does', () => {
  it.each([
    ['null', null],
    ['a string', SHELL],
    ['a list', [SHELL]],
    ['an empty mapping (skipped by the reference)', {}],
  ])('%s is no step', (_, raw) => {
    expect(parseStep(raw)).toBeUndefined();
  });

  it('names the step, its inputs, id, requires and built-in definition (aliases included)', () => {
    const inputs = { script: 'echo hi', id: 'hello', requires: 'x>=1' };
    expect(parseStep({ 'prefect.deployments.steps.utility.run_shell_script': inputs })).toEqual({
      name: 'prefect.deployments.steps.utility.run_shell_script',
      keys: ['prefect.deployments.steps.utility.run_shell_script'],
      inputs,
      id: 'hello',
      requires: 'x>=1',
      definition: findStep(SHELL),
    });
  });

  it.each([
    ['an empty id', { id: '' }],
    ['a non-string id', { id: 3 }],
    ['inputs that are not a mapping', null],
  ])('has no id for %s', (_, inputs) => {
    expect(parseStep({ 'my_pkg.steps.build': inputs })).toMatchObject({ name: 'my_pkg.steps.build', id: undefined, definition: undefined });
  });

  it('takes the last key, as dict.popitem() does, and keeps every key for the error', () => {
    const step = parseStep({ [SHELL]: { script: 'a' }, 'prefect.deployments.steps.git_clone': { repository: 'r' } });
    expect(step?.name).toBe('prefect.deployments.steps.git_clone');
    expect(step?.keys).toEqual([SHELL, 'prefect.deployments.steps.git_clone']);
  });
});

describe('the catalogue', () => {
  it('knows the inputs each built-in step requires', () => {
    expect(findStep(SHELL)?.required).toEqual(['script']);
    expect(findStep('prefect_azure.deployments.steps.pull_from_azure_blob_storage')?.required).toEqual(['container', 'folder', 'credentials']);
    expect(findStep('prefect.deployments.steps.pip_install_requirements')?.required).toEqual([]);
  });
});

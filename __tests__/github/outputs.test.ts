import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/index.js';
import { flatStepOutputs, isKeyedByDeployment, unfilledStepPlaceholders } from '../../src/github/outputs.js';

/** Just what the step-output helpers read of a plan. */
function plan(deployments: { index: number; name: string; build: Record<string, unknown>[]; deferred?: string[] }[]): Plan {
  return {
    prefectFile: 'prefect.yaml',
    diagnostics: [],
    deployments: deployments.map((d) => ({ ...d, flowName: 'f', entrypoint: 'f.py:f', steps: { build: d.build, push: [], pull: [] }, deferred: d.deferred ?? [] })),
  } as unknown as Plan;
}

const step = (id: string) => ({ 'prefect_docker.deployments.steps.build_docker_image': { id, image_name: 'x' } });

describe('step outputs as action outputs', () => {
  it('sets <id>-<key> for valid names, JSON for non-strings, and leaves out names the action uses and values deployments disagree on', () => {
    const p = plan([
      { index: 0, name: 'a', build: [step('build-image'), step('plan'), step('bad id')] },
      { index: 1, name: 'b', build: [step('build-image')] },
    ]);
    const outputs = new Map([
      [0, { 'build-image': { image: 'x:1', tag: '1', size: 3 }, plan: { markdown: 'm' }, 'bad id': { v: '1' } }],
      [1, { 'build-image': { image: 'x:1', tag: '2', size: 3 } }],
    ]);
    expect(flatStepOutputs(p, outputs)).toEqual({ 'build-image-image': 'x:1', 'build-image-size': '3' });
  });

  it('tells the keyed step-outputs of an earlier run from one set of outputs for all', () => {
    expect(isKeyedByDeployment({ 'flow/a': { image: 'x' }, 'flow/b': {} })).toBe(true);
    expect(isKeyedByDeployment({ image: 'x', 'build-image': { image: 'x' } })).toBe(false);
    expect(isKeyedByDeployment({})).toBe(false);
  });

  it('finds the step-output placeholders the given outputs do not fill', () => {
    const [d] = plan([{ index: 0, name: 'a', build: [], deferred: ['{{ build-image.image }}', '{{ tag.stdout }}'] }]).deployments;
    expect(unfilledStepPlaceholders(d!, { 'build-image': { image: 'x' } })).toEqual(['{{ tag.stdout }}']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/index.js';
import { flatStepOutputs, isKeyedByDeployment, projectsFlatStepOutputs, unfilledStepPlaceholders } from '../../src/github/outputs.js';

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

  it('several projects: <project>-<id>-<key> for each, <id>-<key> where every project agrees', () => {
    const etl = plan([{ index: 0, name: 'a', build: [step('build-image'), step('tag')] }]);
    const report = plan([{ index: 0, name: 'b', build: [step('build-image')] }]);
    const projects = [
      { project: 'flows/etl', plan: etl, outputs: new Map([[0, { 'build-image': { image: 'etl:1', size: 3 }, tag: { stdout: 'v1' } }]]) },
      { project: 'flows/report.v2', plan: report, outputs: new Map([[0, { 'build-image': { image: 'report:1', size: 3 } }]]) },
      { project: '9lives', plan: report, outputs: new Map([[0, { 'build-image': { image: 'nine:1', size: 3 } }]]) },
    ];
    expect(projectsFlatStepOutputs(projects)).toEqual({
      'flows-etl-build-image-image': 'etl:1',
      'flows-etl-build-image-size': '3',
      'flows-etl-tag-stdout': 'v1',
      'flows-report-v2-build-image-image': 'report:1',
      'flows-report-v2-build-image-size': '3',
      // Unambiguous across the projects: set unprefixed too; `image` differs, so it is not.
      'build-image-size': '3',
      'tag-stdout': 'v1',
    });
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

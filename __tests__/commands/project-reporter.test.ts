/**
 * What a deploy over several projects shows: each deployment as `<project>:<flow>/<name>`, the
 * selector the matrix gives and `--name` takes, in results, progress and step lines; and a step's
 * lines under the same key as its log group (the action buffers them by it).
 */
import { describe, expect, it } from 'vitest';
import { projectReporter } from '../../src/commands/projects.js';
import type { DeploymentOutcome } from '../../src/core/apply/index.js';
import { qualifiedName, type DesiredDeployment } from '../../src/core/plan/index.js';
import { outcomeLine } from '../../src/cli/progress.js';
import { style } from '../../src/cli/output.js';
import { RecordingReporter } from '../support/recording-reporter.js';

const plain = style(false);
const outcome: DeploymentOutcome = { name: 'p00-bench-0', flowName: 'p00-bench-flow-0', action: 'created', changes: [], notices: [], stepOutputs: {}, durationMs: 1200 };

describe('a project reporter', () => {
  it('names every deployment <project>:<flow>/<name>', () => {
    const recorded = new RecordingReporter();
    const r = projectReporter(recorded, 'p/p00', { deploying: false });
    r.result(outcome);
    r.progress({ phase: 'validated', deployments: [{ name: 'p00-bench-0', flowName: 'p00-bench-flow-0' }] });
    r.progress({ phase: 'steps', name: 'p00-bench-0', flowName: 'p00-bench-flow-0' });
    const result = recorded.of('result')[0]![1];
    expect(outcomeLine(result, undefined, plain)).toBe('p/p00:p00-bench-flow-0/p00-bench-0: created in 1.2s');
    const [validated, steps] = recorded.of('progress').map((c) => c[1]);
    expect(validated?.phase === 'validated' && validated.deployments.map(qualifiedName)).toEqual(['p/p00:p00-bench-flow-0/p00-bench-0']);
    expect(steps?.phase === 'steps' && qualifiedName(steps)).toBe('p/p00:p00-bench-flow-0/p00-bench-0');
  });

  it("gives a step's lines the key of its deployment", () => {
    const recorded = new RecordingReporter();
    const r = projectReporter(recorded, 'p/p00', { deploying: false });
    const d = { name: 'p00-bench-0', flowName: 'p00-bench-flow-0' } as DesiredDeployment;
    r.step(d, { phase: 'start', index: 0, name: 'prefect.deployments.steps.run_shell_script' } as Parameters<typeof r.step>[1]);
    r.stepLog(qualifiedName(d), 'building');
    const stepped = recorded.of('step')[0]![1];
    const [, key, line] = recorded.of('stepLog')[0]!;
    expect([key, line]).toEqual(['p/p00:p00-bench-flow-0/p00-bench-0', 'building']);
    expect(qualifiedName(stepped)).toBe(key);
  });
});

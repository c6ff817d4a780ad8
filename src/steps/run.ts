/**
 * `run_steps` (prefect 3.9.1 `deployments/steps/core.py`): steps strictly in order, each templated
 * against the outputs before it (B.1–B.5), run natively, its result merged (§2.9). The first
 * failure stops the run with a StepExecutionError.
 */
import { mergeStepOutputs, templateStepInputs, type StepOutputs, type UnresolvedReference } from '../core/templating/index.js';
import { parseStep } from '../core/config/step-catalogue.js';
import { deepCopy, isMapping, pythonTypeName } from '../core/values/index.js';
import { StepExecutionError, type StepRun } from '../core/apply/step-runner.js';
import { stepCacheKey } from './cache.js';
import { checkInputs, resolveStep } from './implementations.js';
import { refuseInjectedCommands } from './line-breaks.js';
import type { StepCall, StepContext } from './types.js';
import { StepFailure } from './utility.js';

const RUN_SHELL_SCRIPT = 'prefect.deployments.steps.run_shell_script';

function describeUnresolved(reference: UnresolvedReference): string {
  if (reference.kind === 'block_document_ref') return `{"$ref": {"block_document_id": "${reference.blockDocumentId}"}}`;
  return reference.placeholder;
}

/**
 * Runs `steps` in order and returns `seedOutputs` plus every step's outputs. `ctx.cwd` follows
 * `set_working_directory`; with `ctx.cache`, an invocation identical to one already run (or
 * running) in the same cache is not run again and its result is shared.
 */
export async function runSteps(steps: readonly unknown[], seedOutputs: StepOutputs, ctx: StepContext): Promise<StepOutputs> {
  let outputs: StepOutputs = deepCopy(seedOutputs);
  const log = ctx.log ?? (() => undefined);
  for (const [index, step] of steps.entries()) {
    // The reference skips falsy steps (`if not step: continue`).
    if (step === null || step === undefined || (isMapping(step) && Object.keys(step).length === 0)) continue;
    const parsed = parseStep(step);
    const name = parsed?.name ?? String(step);
    try {
      ctx.onStep?.({ phase: 'start', name, index, section: ctx.section });
      if (ctx.signal?.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new StepFailure('the run was cancelled');
      if (!parsed) throw new StepFailure(`a step must be a mapping of one step name to its inputs, got ${pythonTypeName(step)}`);
      log(` > Running ${name.split('.').at(-1)!} step...`);
      const raw = parsed.inputs;
      if (!isMapping(raw)) throw new StepFailure(`the inputs of ${name} must be a mapping, got ${pythonTypeName(raw)}`);
      if (parsed.keys.length > 1) throw new StepFailure(`Step has unexpected additional keys: ${parsed.keys.slice(1).join(', ')}`);

      const templated = await templateStepInputs(deepCopy(raw), outputs, { ...ctx.sources, env: ctx.env });
      if (templated.unresolved.length > 0) {
        const refs = templated.unresolved.map(describeUnresolved).join(', ');
        throw new StepFailure(`${refs} could not be resolved: no Prefect API to read it from (set PREFECT_API_URL)`);
      }
      const { definition, implementation } = resolveStep(name, templated.keywords);
      checkInputs(definition, templated.value);
      if (definition.name === RUN_SHELL_SCRIPT) {
        await refuseInjectedCommands(
          raw,
          templated.value,
          async (text) => (await templateStepInputs({ script: text }, outputs, { ...ctx.sources, env: ctx.env })).value['script'],
        );
      }

      const start = async (): Promise<StepRun> => {
        let cwd = ctx.cwd;
        const call: StepCall = {
          name: definition.name,
          cwd,
          env: ctx.env,
          signal: ctx.signal,
          log,
          chdir: (directory) => {
            cwd = directory;
          },
        };
        const result = await implementation(templated.value, call);
        return { result, cwd };
      };
      let run: Promise<StepRun>;
      if (ctx.cache) {
        const shared = ctx.cache.run(stepCacheKey(definition.name, templated.value, ctx.cwd, templated.keywords.requires), start);
        if (shared.reused) log(`   (identical to a step already run for another deployment: reusing its result)`);
        run = shared.run;
      } else {
        run = start();
      }
      const { result, cwd } = await run;
      ctx.cwd = cwd;
      outputs = mergeStepOutputs(outputs, templated.keywords.id, deepCopy(result));
    } catch (error) {
      const failure = new StepExecutionError(name, index, ctx.section, error);
      ctx.onStep?.({ phase: 'end', name, index, section: ctx.section, error: failure });
      throw failure;
    }
    ctx.onStep?.({ phase: 'end', name, index, section: ctx.section });
  }
  return outputs;
}

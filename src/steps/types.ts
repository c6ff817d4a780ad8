import type { StepEvent, StepRunContext } from '../core/apply/step-runner.js';
import type { Environment } from '../core/templating/index.js';

export type { StepEvent };

/** What a run of steps needs from its caller: the port's context (see `core/apply/step-runner.ts`). */
export type StepContext = StepRunContext;

/** What an implementation sees of one invocation. */
export interface StepCall {
  /** The canonical fully-qualified name of the step being run. */
  readonly name: string;
  readonly cwd: string;
  readonly env: Environment;
  readonly signal: AbortSignal | undefined;
  log(line: string): void;
  /** Changes the working directory for the steps after this one (an absolute path). */
  chdir(directory: string): void;
}

/** A step function: keyword inputs after templating in, the step's result (usually a mapping) out. */
export type StepImplementation = (inputs: Record<string, unknown>, call: StepCall) => Promise<unknown>;

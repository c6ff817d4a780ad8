import type { Environment, TemplateSources } from '../core/templating/index.js';
import type { StepCache } from './cache.js';

/** What a run of steps needs from its caller; one per deployment (or per shared top-level run). */
export interface StepContext {
  /**
   * Working directory for the steps. `set_working_directory` updates it here for the later steps
   * of this context instead of changing the process cwd, so parallel deployments do not interfere.
   */
  cwd: string;
  /** The environment: `{{ $VAR }}` templating (B.5) and the base environment of subprocesses. */
  env: Environment;
  /** Block documents and variables for B.3–B.4. */
  sources: TemplateSources;
  /** Shares identical step invocations across deployments of one run; none → every step runs. */
  cache?: StepCache;
  /** Progress (` > Running <step> step...`) and streamed subprocess output, one line per call. */
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Which list the steps come from (`build`, `push`, `pull`), for error messages. */
  section?: string;
  /**
   * Told when each step starts and ends (with its error if it failed), e.g. to give every step a
   * log group; the step's `log` lines come in between.
   */
  onStep?: (event: StepEvent) => void;
}

/** One step starting or ending, for `StepContext.onStep`. */
export interface StepEvent {
  phase: 'start' | 'end';
  /** The step's fully-qualified name as written. */
  name: string;
  /** Position in its list, from 0. */
  index: number;
  section: string | undefined;
  /** Set on `end` when the step failed. */
  error?: Error;
}

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

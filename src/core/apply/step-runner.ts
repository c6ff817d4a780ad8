/**
 * The port through which `apply` runs the build and push steps without knowing their code: the
 * runner (src/steps implements it), the context one run of steps gets, the events it reports,
 * and the error a failed step ends the run with.
 */
import type { Environment, StepOutputs, TemplateSources } from '../templating/index.js';

/** One step starting or ending, for `StepRunContext.onStep`. */
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

/** What a finished invocation left behind: its result and the cwd for the steps after it. */
export interface StepRun {
  result: unknown;
  cwd: string;
}

/** Run-once for identical step invocations, shared by the deployments of one run (`StepRunner.newCache`). */
export interface StepRunCache {
  /** The shared run for `key`, started with `start` when there is none yet. Failures are shared too. */
  run(key: string, start: () => Promise<StepRun>): { run: Promise<StepRun>; reused: boolean };
  readonly size: number;
}

/** What a run of steps needs from its caller; one per deployment (or per shared top-level run). */
export interface StepRunContext {
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
  cache?: StepRunCache;
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

/** One deployment's steps, in the order they run. */
export interface DeploymentSteps {
  build: readonly unknown[];
  push: readonly unknown[];
}

/**
 * A step failed. The message is one line: the reference's "Encountered error while running
 * <fqn>", where the step is, and the underlying reason; `cause` keeps the full original error.
 */
export class StepExecutionError extends Error {
  /** The step's fully-qualified name as written. */
  readonly step: string;
  /** Position in its list, from 0 (the reference's `index`). */
  readonly index: number;
  readonly section: string | undefined;
  /** The underlying reason, on one line. */
  readonly reason: string;

  constructor(step: string, index: number, section: string | undefined, cause: unknown) {
    const reason = oneLine(cause instanceof Error ? cause.message : String(cause));
    super(`Encountered error while running ${step} (${section ? `${section} ` : ''}step ${index + 1}): ${reason}`, { cause });
    this.name = 'StepExecutionError';
    this.step = step;
    this.index = index;
    this.section = section;
    this.reason = reason;
  }
}

const MAX_REASON_LINES = 10;

/** Multi-line reasons (captured stderr) as one line: trimmed lines joined by " | ", the last ones kept. */
function oneLine(text: string): string {
  const lines = text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean);
  const kept = lines.length > MAX_REASON_LINES ? ['…', ...lines.slice(-MAX_REASON_LINES)] : lines;
  return kept.join(' | ') || 'unknown error';
}

/** Runs build and push steps for `apply`; src/steps exports the implementation (`stepRunner`). */
export interface StepRunner {
  /** A fresh run-once cache, for the deployments of one deploy. */
  newCache(): StepRunCache;
  /**
   * Runs `steps` in order and returns `seedOutputs` plus every step's outputs; `ctx.cwd` follows
   * `set_working_directory`. The first failure ends the run with a StepExecutionError.
   */
  runSteps(steps: readonly unknown[], seedOutputs: StepOutputs, ctx: StepRunContext): Promise<StepOutputs>;
  /**
   * Before any step runs: the first step among `deployments` that needs Python when no usable
   * Python is found for it (its deployment's position in the list, and the error it would raise).
   */
  missingPythonBeforeSteps(deployments: readonly DeploymentSteps[], env: Environment): Promise<{ deployment: number; error: StepExecutionError } | undefined>;
}

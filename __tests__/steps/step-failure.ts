import { StepExecutionError } from '../../src/steps/index.js';

/** The StepExecutionError a run of steps rejects with (any other outcome fails the test). */
export async function failure(promise: Promise<unknown>): Promise<StepExecutionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StepExecutionError) return error;
    throw error;
  }
  throw new Error('expected a StepExecutionError');
}

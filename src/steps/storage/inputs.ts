/** Input checks shared by the GCS and Azure bucket steps (the reference's keyword arguments). */
import { isTruthy, pythonTypeName } from '../../core/values/index.js';
import { StepFailure } from '../utility.js';

/** A string input the step cannot run without (its absence is caught earlier, by checkInputs). */
export function requiredString(inputs: Record<string, unknown>, key: string, step: string): string {
  const value = inputs[key];
  if (typeof value !== 'string') throw new StepFailure(`${step}: ${key} must be a string, got ${pythonTypeName(value)}`);
  return value;
}

/** `ignore_file`: the reference only tests it for truth, so any falsy value applies none. */
export function ignoreFileInput(inputs: Record<string, unknown>, step: string): string | null | undefined {
  const value = inputs['ignore_file'];
  if (value === undefined || value === null || typeof value === 'string') return value;
  if (!isTruthy(value)) return null;
  throw new StepFailure(`${step}: ignore_file must be a string, got ${pythonTypeName(value)}`);
}

/** SDK messages often carry request ids and XML bodies on later lines. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/u, 1)[0]!.trim();
}

/**
 * Every action input, read and checked in one place.
 */
import * as core from '@actions/core';

export const INPUT = {
  prefectFile: 'prefect-file',
  deployments: 'deployments',
  all: 'all',
  workingDirectory: 'working-directory',
} as const;

export interface ActionInputs {
  prefectFile: string;
  /** Names, flow/name pairs or * patterns. */
  deployments: string[];
  all: boolean;
  workingDirectory: string;
}

export class InputValueError extends Error {}

/** Names separated by newlines or commas, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseBoolean(name: string, text: string): boolean {
  const v = text.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new InputValueError(`input "${name}" must be true or false, got "${text}"`);
}

export function readInputs(getInput: (name: string) => string = (n) => core.getInput(n)): ActionInputs {
  const inputs: ActionInputs = {
    prefectFile: getInput(INPUT.prefectFile) || 'prefect.yaml',
    deployments: splitList(getInput(INPUT.deployments)),
    all: parseBoolean(INPUT.all, getInput(INPUT.all)),
    workingDirectory: getInput(INPUT.workingDirectory) || '.',
  };
  if (inputs.all && inputs.deployments.length > 0) {
    throw new InputValueError(`inputs "${INPUT.all}" and "${INPUT.deployments}" cannot be used together`);
  }
  return inputs;
}

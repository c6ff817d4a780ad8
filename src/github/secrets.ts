/**
 * The action's secrets: the engine-neutral redaction of src/core/secrets.ts, with every value
 * masked in the runner's log as soon as it is known (`setSecret`). Log masking does not reach API
 * bodies, so what the action sends or outputs (comment, summary, outputs) is redacted as well.
 */
import * as core from '@actions/core';
import { Secrets as CoreSecrets } from '../core/secrets.js';
import { issueCommand } from './logs.js';

export { REDACTED } from '../core/secrets.js';

export class Secrets extends CoreSecrets {
  // A value can first be read while a step streams behind ::stop-commands:: (a block placeholder in
  // its inputs); issueCommand resumes commands for the mask so the runner does not drop it.
  constructor(mask: (value: string) => void = (v) => issueCommand(() => core.setSecret(v))) {
    super(mask);
  }
}

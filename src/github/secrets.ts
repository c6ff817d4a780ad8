/**
 * The action's secrets: the engine-neutral redaction of src/core/secrets.ts, with every value
 * masked in the runner's log as soon as it is known (`setSecret`). Log masking does not reach API
 * bodies or the files the runner reads (outputs, summary), and a value first learnt after it was
 * printed is not masked back, so everything the action publishes is redacted here as well: the log
 * through `redactLog`, outputs through `setOutput`, the summary and the comment by their callers.
 */
import * as core from '@actions/core';
import { Secrets as CoreSecrets } from '../core/secrets.js';
import { issueCommand } from './logs.js';

export { REDACTED } from '../core/secrets.js';

const ADD_MASK = '::add-mask::';

export class Secrets extends CoreSecrets {
  // A value can first be read while a step streams behind ::stop-commands:: (a block placeholder in
  // its inputs); issueCommand resumes commands for the mask so the runner does not drop it.
  constructor(mask: (value: string) => void = (v) => issueCommand(() => core.setSecret(v))) {
    super(mask);
  }

  /** The one way the action sets an output: `GITHUB_OUTPUT` is a file the runner's masking never reads. */
  setOutput(name: string, value: string): void {
    core.setOutput(name, this.redactText(value));
  }

  /**
   * Redacts every line written to `stream` (stdout or stderr: the runner logs both),
   * except the `::add-mask::` commands that must carry the value to the runner. Returns the undo.
   */
  redactLog(stream: NodeJS.WriteStream = process.stdout): () => void {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const redact = (text: string) =>
      text
        .split('\n')
        .map((line) => (line.startsWith(ADD_MASK) ? line : this.redactText(line)))
        .join('\n');
    stream.write = (chunk: unknown, ...rest: unknown[]) =>
      write(typeof chunk === 'string' ? redact(chunk) : chunk instanceof Uint8Array ? redact(Buffer.from(chunk).toString('utf8')) : chunk, ...rest);
    return () => {
      stream.write = write;
    };
  }
}

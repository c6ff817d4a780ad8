/**
 * A templated value must not add a command to `run_shell_script`. Without `shell: true` the script
 * is split into lines and each line runs as its own command, so `echo {{ $BRANCH }}` with a branch
 * name holding a newline would run whatever follows it (the reference does; we refuse).
 */
import { placeholdersInString, type Placeholder } from '../core/templating/placeholders.js';
import { isTruthy } from '../core/values/index.js';
import { StepFailure } from './utility.js';

const LINE_BREAK = /[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]/u;

/**
 * Throws when a placeholder of the raw `script` renders text with a line break (`str.splitlines`
 * breaks, so `\r` and the rarer ones count). `render` templates one string exactly as the step's
 * inputs were templated; it is only called when the templated script has a line break.
 */
export async function refuseInjectedCommands(
  rawInputs: Record<string, unknown>,
  templatedInputs: Record<string, unknown>,
  render: (text: string) => Promise<unknown>,
): Promise<void> {
  const raw = rawInputs['script'];
  const templated = templatedInputs['script'];
  // With `shell: true` the shell is asked for, with its own quoting; Prefect's behaviour stands.
  if (typeof raw !== 'string' || typeof templated !== 'string' || isTruthy(templatedInputs['shell'])) return;
  if (!LINE_BREAK.test(templated)) return;
  for (const placeholder of placeholdersInString(raw)) {
    // Embedded in text, the value renders as it does inside the script (str() of it).
    const rendered = await render(`-${placeholder.fullMatch}`);
    if (typeof rendered === 'string' && LINE_BREAK.test(rendered)) throw new StepFailure(message(placeholder));
  }
}

function message(placeholder: Placeholder): string {
  return (
    `${placeholder.fullMatch} in script resolves to text with a line break, which would run as a separate command ` +
    `(remove the line break from the value, or set shell: true and quote it for the shell)`
  );
}

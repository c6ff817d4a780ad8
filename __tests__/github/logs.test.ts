import { describe, expect, it } from 'vitest';
import { groupLines, issueCommand, StepLogs } from '../../src/github/logs.js';
import { workflowCommands } from './run-action.js';

/** The log with each stop-commands token replaced by its order of appearance. */
function normalized(lines: string[]): string[] {
  const tokens = new Map<string, string>();
  return lines.map((l) =>
    l.replace(/^::(stop-commands::)?([0-9a-f]{32})::$|^::stop-commands::([0-9a-f]{32})$/, (m, _s, resume?: string, stop?: string) => {
      const t = (stop ?? resume)!;
      if (!tokens.has(t)) tokens.set(t, `T${tokens.size + 1}`);
      return stop ? `::stop-commands::${tokens.get(t)}` : `::${tokens.get(t)}::`;
    }),
  );
}

describe('log groups', () => {
  it('puts user text behind stop-commands, so a line that looks like a command is printed, not obeyed', () => {
    const lines = groupLines('deployment a', ['::error::injected', '::add-mask::x', 'plain']);
    expect(workflowCommands(lines.join('\n'))).toEqual(['::group::deployment a', '::endgroup::']);
  });

  it('streams the first step live and prints steps that ran meanwhile whole, each in its own group', () => {
    const out: string[] = [];
    const logs = new StepLogs((l) => out.push(l));
    logs.start('a', 'a · build step 1');
    logs.line('a', 'a1');
    logs.start('b', 'b · build step 1');
    logs.line('b', 'b1');
    logs.line('a', 'a2');
    logs.start('c', 'c · build step 1');
    logs.line('c', 'c1');
    logs.end('b');
    logs.end('a');
    // b is done and printed whole; c is still running, so it goes live.
    logs.line('c', 'c2');
    logs.end('c', new Error('exit 1'));
    expect(normalized(out)).toEqual([
      '::group::a · build step 1',
      '::stop-commands::T1',
      'a1',
      'a2',
      '::T1::',
      '::endgroup::',
      '::group::b · build step 1',
      '::stop-commands::T2',
      'b1',
      '::T2::',
      '::endgroup::',
      '::group::c · build step 1',
      '::stop-commands::T3',
      'c1',
      'c2',
      '✖ exit 1',
      '::T3::',
      '::endgroup::',
    ]);
  });

  it('a mask issued while a step streams live reaches the runner (the stopped region is resumed for it)', () => {
    const out: string[] = [];
    const logs = new StepLogs((l) => out.push(l));
    logs.start('a', 'a · push step 1');
    logs.line('a', 'uploading');
    out.push('::add-mask::ignored-inside');
    issueCommand(() => out.push('::add-mask::s3cr3t'));
    logs.line('a', '::error::still printed, not obeyed');
    logs.end('a');
    issueCommand(() => out.push('::add-mask::after'));
    expect(workflowCommands(out.join('\n'))).toEqual(['::group::a · push step 1', '::add-mask::s3cr3t', '::endgroup::', '::add-mask::after']);
  });
});

/** The deployments `--changed-since` skipped, as the terminal, the PR comment and `--json` show them. */
import { describe, expect, it } from 'vitest';
import { skippedToJson, skippedToMarkdown, skippedToText } from '../../src/core/report/skipped.js';

const skipped = {
  ref: 'origin/main',
  skipped: [
    { deployment: 'etl/nightly', reason: 'unchanged since origin/main' },
    { deployment: 'a_b/c|d', reason: 'unchanged since <x>' },
  ],
};

describe('skipped deployments', () => {
  it('text: a count and one line each', () => {
    expect(skippedToText(skipped)).toBe(
      ['2 deployment(s) skipped: unchanged since origin/main', '  etl/nightly  skipped: unchanged since origin/main', '  a_b/c|d  skipped: unchanged since <x>'].join(
        '\n',
      ),
    );
  });

  it('markdown: a folded table, names in code, text escaped', () => {
    expect(skippedToMarkdown({ ...skipped, ref: '<b>' })).toBe(
      [
        '<details><summary>2 deployment(s) skipped: unchanged since <code>&lt;b&gt;</code></summary>',
        '',
        '| Deployment | |',
        '| --- | --- |',
        '| `etl/nightly` | skipped: unchanged since origin/main |',
        '| `a_b/c\\|d` | skipped: unchanged since \\<x\\> |',
        '',
        '</details>',
      ].join('\n'),
    );
  });

  it('nothing skipped, or no --changed-since: nothing shown', () => {
    expect(skippedToText({ ref: 'HEAD', skipped: [] })).toBe('');
    expect(skippedToMarkdown(undefined)).toBe('');
    expect(skippedToJson(undefined)).toEqual([]);
    expect(skippedToJson(skipped)).toEqual(skipped.skipped);
  });
});

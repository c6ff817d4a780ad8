import { describe, expect, it } from 'vitest';
import { truncateMarkdown } from '../../src/github/truncate.js';

const NOTE = '_cut_';

describe('truncateMarkdown', () => {
  it('leaves text that fits alone', () => {
    expect(truncateMarkdown('# a\n\nb\n', 100, NOTE)).toBe('# a\n\nb\n');
  });

  it.each([
    ['outside any block', '# title\n\nline one\nline two\nline three\n', 30, '# title\n\nline one\n\n_cut_\n'],
    ['inside a fence: closed with the same fence', '# t\n````diff\n-a\n+b\n-c\n+d\n````\n', 29, '# t\n````diff\n-a\n````\n\n_cut_\n'],
    ['inside a tilde fence', '# t\n~~~\nx\ny\nz\nw\nv\nu\n~~~\n', 22, '# t\n~~~\nx\n~~~\n\n_cut_\n'],
    ['before a fence that would not fit opened and closed', '# t\n~~~\nx\ny\nz\n~~~\n', 17, '# t\n\n_cut_\n'],
    ['inside details', '# t\n<details><summary>s</summary>\n\nbody\nmore\n</details>\n', 55, '# t\n<details><summary>s</summary>\n\n\n</details>\n\n_cut_\n'],
    [
      'inside a fence inside details',
      '# t\n<details><summary>s</summary>\n\n```yaml\na: 1\nb: 2\nc: 3\n```\n</details>\n',
      70,
      '# t\n<details><summary>s</summary>\n\n```yaml\n```\n\n</details>\n\n_cut_\n',
    ],
    ['a <details> inside a fence is text', '# t\n```\n<details>\nx\ny\nz\nw\nv\n```\n', 30, '# t\n```\n<details>\n```\n\n_cut_\n'],
    ['the first line is kept even when alone too long', '# a very long title line\nx\n', 10, '# a very long title line\n\n_cut_\n'],
  ])('%s', (_, text, limit, expected) => {
    expect(truncateMarkdown(text, limit, NOTE)).toBe(expected);
  });

  it('never exceeds the limit, and what it keeps is a prefix of whole lines', () => {
    const text = [
      '### headline',
      '| a | b |',
      '|---|---|',
      ...Array.from({ length: 40 }, (_, i) => [`<details><summary>${i}</summary>`, '', '```diff', `-old ${i}`, `+new ${i}`, '```', '', '</details>', '']).flat(),
    ].join('\n');
    for (let limit = 60; limit < text.length; limit += 7) {
      const cut = truncateMarkdown(text, limit, NOTE);
      expect(cut.length).toBeLessThanOrEqual(limit);
      const lines = cut.split('\n');
      const kept = lines.slice(0, -2);
      while (kept.length > 1 && /^(```|<\/details>|)$/.test(kept.at(-1)!)) kept.pop();
      expect(text.startsWith(`${kept.join('\n')}\n`)).toBe(true);
      expect(lines.filter((l) => l.startsWith('```')).length % 2).toBe(0);
      expect(lines.filter((l) => l.startsWith('<details>')).length).toBe(lines.filter((l) => l === '</details>').length);
    }
  });
});

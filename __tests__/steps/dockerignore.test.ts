/**
 * `.dockerignore` as the docker CLI reads it (moby's patternmatcher): anchored at the context's
 * root, a directory pattern covering what is under it, the last matching pattern deciding, `!`
 * re-including below an excluded directory. Each case differs from gitignore or is a rule of its own.
 */
import { describe, expect, it } from 'vitest';
import { DockerIgnore } from '../../src/steps/dockerignore.js';

const cases: Array<{ patterns: string; file: string; ignored: boolean; why: string }> = [
  { patterns: '*.md', file: 'README.md', ignored: true, why: 'a pattern at the root' },
  { patterns: '*.md', file: 'docs/a.md', ignored: false, why: 'anchored at the root (gitignore: ignored)' },
  { patterns: '**/*.md', file: 'docs/deep/a.md', ignored: true, why: '** spans directories' },
  { patterns: '**/*.md', file: 'a.md', ignored: true, why: '**/ matches no directory too' },
  { patterns: 'docs', file: 'docs/deep/a.txt', ignored: true, why: 'a directory covers what is under it' },
  { patterns: 'docs/', file: 'docs/a.txt', ignored: true, why: 'a trailing slash is cleaned away' },
  { patterns: '/docs', file: 'docs/a.txt', ignored: true, why: 'a leading slash is dropped' },
  { patterns: './docs/../notes', file: 'notes/a.txt', ignored: true, why: 'the pattern is cleaned' },
  { patterns: 'build\n!build/keep.txt', file: 'build/keep.txt', ignored: false, why: '! re-includes below an excluded directory (gitignore: still ignored)' },
  { patterns: 'build\n!build/keep.txt', file: 'build/other.txt', ignored: true, why: 'the rest stays excluded' },
  { patterns: '!a.txt\n*.txt', file: 'a.txt', ignored: true, why: 'the last match decides' },
  { patterns: 'data/*', file: 'data/x/y.csv', ignored: true, why: 'a matching parent directory excludes' },
  { patterns: 'data/?.csv', file: 'data/ab.csv', ignored: false, why: '? is one character' },
  { patterns: 'data/*.csv', file: 'data.csv', ignored: false, why: '* stays within a segment' },
  { patterns: 'file(1).txt', file: 'file(1).txt', ignored: true, why: 'regexp characters are literal' },
  { patterns: '  # a comment\n\n  notes  ', file: 'notes/a', ignored: true, why: 'comments and blank lines skipped, lines trimmed' },
  { patterns: '*', file: '.dockerignore', ignored: false, why: 'the .dockerignore is always sent' },
  { patterns: '[', file: '[', ignored: false, why: 'an invalid pattern excludes nothing (the safe side)' },
];

describe('DockerIgnore', () => {
  it.each(cases)('$why: $patterns vs $file', ({ patterns, file, ignored }) => {
    expect(DockerIgnore.parse(patterns).ignores(file)).toBe(ignored);
  });
});

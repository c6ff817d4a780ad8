/**
 * Every relative link in the user and contributor documentation leads somewhere: the file exists,
 * and a `#fragment` names a heading of the target markdown file (GitHub's anchor for it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const DOCUMENTS = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  'bench/README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The markdown without fenced code blocks and inline code, where brackets and `#` lines are not markdown. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown file's headings, with GitHub's `-1`, `-2` suffixes for repeats. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const fenced = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  for (const [, text] of fenced.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(text!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Relative link targets of a markdown file: `[text](target)` and `[label]: target`, external ones left out. */
function relativeLinks(markdown: string): string[] {
  const text = prose(markdown);
  const targets = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/^\[[^\]]+\]:\s+(\S+)/gm)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('documentation links', () => {
  it.each(DOCUMENTS)('%s: every relative link leads to a file and, with a #fragment, to a heading', (document) => {
    const file = path.join(root, document);
    const broken: string[] = [];
    for (const target of relativeLinks(readFileSync(file, 'utf8'))) {
      const [pathPart, fragment] = target.split('#') as [string, string | undefined];
      const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
      if (!existsSync(resolved)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (fragment !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(fragment)) {
        broken.push(`${target}: no heading with that anchor in ${path.relative(root, resolved)}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('reads anchors as GitHub does', () => {
    expect(slug('In CI: GitLab, Bitbucket, Azure Pipelines, Jenkins')).toBe('in-ci-gitlab-bitbucket-azure-pipelines-jenkins');
    expect(slug('Compatibility with `prefect deploy`')).toBe('compatibility-with-prefect-deploy');
    expect(slug('Monorepo: several projects, `--changed-since`')).toBe('monorepo-several-projects---changed-since');
    expect([...anchors('# A\n```sh\n# not a heading\n```\n## A\n')]).toEqual(['a', 'a-1']);
  });
});

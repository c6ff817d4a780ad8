import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharingGit } from '../../src/core/plan/index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'sharing-git-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function layout() {
  const repo = path.join(root, `repo-${Math.random().toString(36).slice(2)}`);
  for (const dir of ['.git', 'p/a', 'p/b', 'nested/.git', 'nested/c']) mkdirSync(path.join(repo, dir), { recursive: true });
  return repo;
}

describe('sharingGit (one git question per checkout for a run)', () => {
  it("asks the checkout's questions once, whichever project directory asks", async () => {
    const repo = layout();
    const asked: string[] = [];
    const git = sharingGit(async (args, cwd) => {
      asked.push(`${path.relative(repo, cwd) || '.'} ${args.join(' ')}`);
      return `answer for ${cwd}`;
    }, new Map());
    const a = await git(['rev-parse', 'HEAD'], path.join(repo, 'p/a'));
    const b = await git(['rev-parse', 'HEAD'], path.join(repo, 'p/b'));
    await git(['config', '--get', 'remote.origin.url'], path.join(repo, 'p/a'));
    await git(['config', '--get', 'remote.origin.url'], repo);
    expect(b).toBe(a);
    expect(asked).toEqual(['p/a rev-parse HEAD', 'p/a config --get remote.origin.url']);
  });

  it('asks again in another checkout, and per directory for any other question', async () => {
    const repo = layout();
    const asked: string[] = [];
    const git = sharingGit(async (args, cwd) => {
      asked.push(`${path.relative(repo, cwd)} ${args.join(' ')}`);
      return '';
    }, new Map());
    await git(['rev-parse', 'HEAD'], path.join(repo, 'p/a'));
    await git(['rev-parse', 'HEAD'], path.join(repo, 'nested/c'));
    await git(['diff', '--name-only', 'HEAD'], path.join(repo, 'p/a'));
    await git(['diff', '--name-only', 'HEAD'], path.join(repo, 'p/b'));
    await git(['diff', '--name-only', 'HEAD'], path.join(repo, 'p/b'));
    expect(asked).toEqual(['p/a rev-parse HEAD', 'nested/c rev-parse HEAD', 'p/a diff --name-only HEAD', 'p/b diff --name-only HEAD']);
  });

  it("shares --changed-since's checkout-wide answers (diff names, show, the commit) but not ls-files or the prefix", async () => {
    const repo = layout();
    const asked: string[] = [];
    const git = sharingGit(async (args, cwd) => {
      asked.push(`${path.relative(repo, cwd)} ${args.join(' ')}`);
      return '';
    }, new Map());
    for (const dir of ['p/a', 'p/b']) {
      const cwd = path.join(repo, dir);
      await git(['rev-parse', '--show-prefix'], cwd);
      await git(['rev-parse', '--verify', '--quiet', 'HEAD~1^{commit}'], cwd);
      await git(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', 'abc', '--'], cwd);
      await git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], cwd);
      await git(['show', 'abc:p/a/prefect.yaml'], cwd);
    }
    expect(asked).toEqual([
      'p/a rev-parse --show-prefix',
      'p/a rev-parse --verify --quiet HEAD~1^{commit}',
      'p/a -c core.quotePath=false diff --name-only --no-renames -z abc --',
      'p/a ls-files --others --exclude-standard --full-name -z',
      'p/a show abc:p/a/prefect.yaml',
      'p/b rev-parse --show-prefix',
      'p/b ls-files --others --exclude-standard --full-name -z',
    ]);
  });

  it('shares a refusal too (no repository: one failed question, not one per project)', async () => {
    let calls = 0;
    const git = sharingGit(async () => {
      calls++;
      throw new Error('not a git repository');
    }, new Map());
    const outside = path.join(root, 'plain');
    mkdirSync(path.join(outside, 'x'), { recursive: true });
    mkdirSync(path.join(outside, 'y'), { recursive: true });
    await expect(git(['rev-parse', 'HEAD'], path.join(outside, 'x'))).rejects.toThrow();
    await expect(git(['rev-parse', 'HEAD'], path.join(outside, 'y'))).rejects.toThrow();
    expect(calls).toBe(1);
  });
});

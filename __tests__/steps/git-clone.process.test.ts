import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps, type StepContext } from '../../src/steps/index.js';
import { failure } from './step-failure.js';

const CLONE = 'prefect.deployments.steps.git_clone';
const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

let scratch: string;
let remoteUrl: string;
let firstCommit: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();
}

function commit(work: string, content: string, message: string): string {
  writeFileSync(join(work, 'flow.py'), content);
  git(work, 'add', '.');
  git(work, 'commit', '-q', '-m', message);
  return git(work, 'rev-parse', 'HEAD');
}

beforeAll(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'steps-git-')));
  const bare = join(scratch, 'remote', 'etl.git');
  mkdirSync(bare, { recursive: true });
  git(bare, 'init', '-q', '--bare', '-b', 'main');
  // What GitHub allows too: partial clones and fetching a commit by id.
  git(bare, 'config', 'uploadpack.allowFilter', 'true');
  git(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  const work = join(scratch, 'work');
  mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  firstCommit = commit(work, 'v1\n', 'first');
  commit(work, 'v2\n', 'second');
  git(work, 'checkout', '-q', '-b', 'feature/x');
  commit(work, 'feature\n', 'feature');
  git(work, 'remote', 'add', 'origin', bare);
  git(work, 'push', '-q', 'origin', 'main', 'feature/x');
  git(work, 'checkout', '-q', 'main');
  remoteUrl = `file://${bare}`;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function context(dir: string): StepContext & { lines: string[] } {
  const cwd = join(scratch, dir);
  mkdirSync(cwd, { recursive: true });
  const lines: string[] = [];
  return { cwd, env: { ...process.env, ...GIT_ENV }, sources: offlineSources(), log: (l) => lines.push(l), lines };
}

describe('git_clone', () => {
  it('clones the default branch into <repo name> and outputs the directory relative to cwd', async () => {
    const ctx = context('default');
    const out = await runSteps([{ [CLONE]: { id: 'clone', repository: remoteUrl } }], {}, ctx);
    expect(out).toEqual({ clone: { directory: 'etl' }, directory: 'etl' });
    expect(readFileSync(join(ctx.cwd, 'etl', 'flow.py'), 'utf8')).toBe('v2\n');
    expect(git(join(ctx.cwd, 'etl'), 'rev-parse', '--is-shallow-repository')).toBe('true');
  });

  it('clones a branch into <repo>-<branch with / as ->', async () => {
    const ctx = context('branch');
    const out = await runSteps([{ [CLONE]: { repository: remoteUrl, branch: 'feature/x' } }], {}, ctx);
    expect(out['directory']).toBe('etl-feature-x');
    expect(readFileSync(join(ctx.cwd, 'etl-feature-x', 'flow.py'), 'utf8')).toBe('feature\n');
  });

  it('checks out commit_sha, into clone_directory_name', async () => {
    const ctx = context('sha');
    const out = await runSteps([{ [CLONE]: { repository: remoteUrl, commit_sha: firstCommit, clone_directory_name: 'pinned' } }], {}, ctx);
    expect(out['directory']).toBe('pinned');
    expect(git(join(ctx.cwd, 'pinned'), 'rev-parse', 'HEAD')).toBe(firstCommit);
    expect(readFileSync(join(ctx.cwd, 'pinned', 'flow.py'), 'utf8')).toBe('v1\n');
  });

  it('updates an existing clone of the same repository to the remote tip', async () => {
    const ctx = context('update');
    await runSteps([{ [CLONE]: { repository: remoteUrl } }], {}, ctx);
    const work = join(scratch, 'work');
    commit(work, 'v3\n', 'third');
    git(work, 'push', '-q', 'origin', 'main');
    const out = await runSteps([{ [CLONE]: { repository: remoteUrl } }], {}, ctx);
    expect(out['directory']).toBe('etl');
    expect(readFileSync(join(ctx.cwd, 'etl', 'flow.py'), 'utf8')).toBe('v3\n');
  });

  it('refuses a directory holding a clone of another repository', async () => {
    const ctx = context('mismatch');
    mkdirSync(join(ctx.cwd, 'etl'));
    git(join(ctx.cwd, 'etl'), 'init', '-q');
    git(join(ctx.cwd, 'etl'), 'remote', 'add', 'origin', 'https://example.com/other/etl.git');
    const error = await failure(runSteps([{ [CLONE]: { repository: remoteUrl } }], {}, ctx));
    expect(error.reason).toBe(`The existing repository at ${join(ctx.cwd, 'etl')} does not match the configured repository ${remoteUrl}`);
  });

  it.each([
    [{ branch: 'main', commit_sha: 'abcd' }, 'Cannot provide both a branch and a commit SHA. Please provide only one.'],
    [{ branch: '--upload-pack=x' }, "Branch names cannot start with '-'."],
    [{ commit_sha: 'main' }, "Invalid commit SHA: 'main'. Expected a hexadecimal Git commit SHA"],
    [{ access_token: 't', credentials: { token: 'u' } }, 'Please provide either an access token or credentials but not both.'],
    [{ credentials: { username: 'me' } }, 'If a username is provided, an access token or password must also be provided.'],
  ])('rejects %j', async (inputs, reason) => {
    const error = await failure(runSteps([{ [CLONE]: { repository: remoteUrl, ...inputs } }], {}, context('invalid')));
    expect(error.reason.startsWith(reason)).toBe(true);
  });

  it('never shows the access token, and says why the clone failed', async () => {
    const ctx = context('token');
    const token = 'ghp_SuperSecretToken123';
    const error = await failure(runSteps([{ [CLONE]: { repository: 'https://127.0.0.1:9/acme/etl.git', access_token: token } }], {}, ctx));
    expect(error.reason).toMatch(/^Failed to clone repository 'https:\/\/127\.0\.0\.1:9\/acme\/etl\.git' with exit code 128\. /u);
    expect(error.reason).toMatch(/Hint: Check your network|git stderr: .*127\.0\.0\.1/u);
    for (const text of [error.message, (error.cause as Error).message, ...ctx.lines]) expect(text).not.toContain(token);
    // Retried like the reference: three attempts.
    expect(ctx.lines.filter((l) => l.startsWith('Attempt '))).toHaveLength(2);
  }, 30_000);

  it.each([
    ['https://github.com/acme/etl.git', { access_token: 'tok/en' }, 'https://tok%2Fen@github.com/acme/etl.git'],
    ['https://gitlab.com/acme/etl.git', { access_token: 'tok' }, 'https://oauth2:tok@gitlab.com/acme/etl.git'],
    ['https://gitlab.com/acme/etl.git', { credentials: { token: 'deploy:tok' } }, 'https://deploy:tok@gitlab.com/acme/etl.git'],
    ['https://bitbucket.org/acme/etl.git', { credentials: { password: 'tok' } }, 'https://x-token-auth:tok@bitbucket.org/acme/etl.git'],
    ['https://github.com/acme/etl.git', { credentials: { username: 'me', access_token: 'p@ss' } }, 'https://me:p%40ss@github.com/acme/etl.git'],
    ['git@github.com:acme/etl.git', { access_token: 'tok' }, 'git@github.com:acme/etl.git'],
  ])(
    'embeds credentials for %s %j as the reference does',
    async (repository, inputs, url) => {
      const ctx = context('fake-git');
      const bin = join(scratch, 'fake-bin');
      mkdirSync(bin, { recursive: true });
      const argsFile = join(bin, 'args');
      writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${argsFile}\necho "fatal: Authentication failed for '$2'" >&2\nexit 128\n`, { mode: 0o755 });
      ctx.env = { ...ctx.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
      const error = await failure(runSteps([{ [CLONE]: { repository, ...inputs } }], {}, ctx));
      const args = readFileSync(argsFile, 'utf8').split('\n').slice(0, -1);
      expect(args).toEqual(['clone', url, '--depth', '1', join(ctx.cwd, 'etl')]);
      expect(error.reason).toBe(
        `Failed to clone repository '${repository}' with exit code 128. Hint: Check that your credentials or access token are correct and not expired.`,
      );
    },
    30_000,
  );
});

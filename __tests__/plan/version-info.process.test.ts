import { describe, expect, it } from 'vitest';
import { inferVersionInfo, repositoryFromRemote, resolveVersion } from '../../src/core/plan/version-info.js';

const git = (facts: Record<string, string>) => async (args: string[]) => {
  const key = args.join(' ');
  if (key in facts) return facts[key]!;
  throw new Error(`git ${key} failed`);
};
const withMessage = git({ 'log -1 --pretty=%B': 'Ship it\n\nDetails' });

describe('version_info inference (spec §5.11)', () => {
  const cases: { provider: string; env: Record<string, string>; expected: Record<string, string> }[] = [
    {
      provider: 'vcs:gitlab',
      env: { CI_COMMIT_SHA: '0123456789abcdef', CI_COMMIT_REF_NAME: 'main', CI_PROJECT_NAME: 'etl', CI_PROJECT_URL: 'https://gitlab.com/acme/etl' },
      expected: { repository: 'etl', branch: 'main', url: 'https://gitlab.com/acme/etl/-/tree/0123456789abcdef' },
    },
    {
      provider: 'vcs:bitbucket',
      env: { BITBUCKET_COMMIT: '0123456789abcdef', BITBUCKET_BRANCH: 'dev', BITBUCKET_REPO_SLUG: 'etl', BITBUCKET_GIT_HTTP_ORIGIN: 'https://bitbucket.org/acme/etl' },
      expected: { repository: 'etl', branch: 'dev', url: 'https://bitbucket.org/acme/etl/src/0123456789abcdef' },
    },
    {
      provider: 'vcs:azuredevops',
      env: {
        BUILD_SOURCEVERSION: '0123456789abcdef',
        BUILD_SOURCEBRANCHNAME: 'main',
        BUILD_REPOSITORY_NAME: 'etl',
        BUILD_REPOSITORY_URI: 'https://dev.azure.com/acme/_git/etl',
      },
      expected: { repository: 'etl', branch: 'main', url: 'https://dev.azure.com/acme/_git/etl?version=GC0123456789abcdef' },
    },
    {
      provider: 'vcs:github',
      env: { GITHUB_SHA: '0123456789abcdef', GITHUB_REF_NAME: '12/merge', GITHUB_REPOSITORY: 'acme/etl' },
      // Without GITHUB_SERVER_URL the reference's f-string prints None.
      expected: { repository: 'acme/etl', branch: '12/merge', url: 'None/acme/etl/tree/0123456789abcdef' },
    },
  ];
  it.each(cases)('$provider from its CI variables', async ({ provider, env, expected }) => {
    const info = await inferVersionInfo(undefined, { env, cwd: '.', git: withMessage });
    expect(info).toEqual({ type: provider, version: '01234567', commit_sha: '0123456789abcdef', message: 'Ship it', ...expected });
  });

  it('tries providers in order, and a provider missing a value is skipped', async () => {
    const env = { GITHUB_SHA: 'aaaa1111bbbb', CI_COMMIT_SHA: 'c0ffee00c0ffee', CI_COMMIT_REF_NAME: 'main', CI_PROJECT_NAME: 'x', CI_PROJECT_URL: 'u' };
    expect((await inferVersionInfo(undefined, { env, cwd: '.', git: withMessage }))?.type).toBe('vcs:gitlab');
  });

  it('needs a commit message: without git history no provider succeeds', async () => {
    const env = { GITHUB_SHA: 'a', GITHUB_REF_NAME: 'b', GITHUB_REPOSITORY: 'c' };
    expect(await inferVersionInfo(undefined, { env, cwd: '.', git: git({}) })).toBeUndefined();
  });

  it('only tries the configured provider, and rejects an unknown type', async () => {
    const env = { GITHUB_SHA: 'a1', GITHUB_REF_NAME: 'b', GITHUB_REPOSITORY: 'c' };
    expect(await inferVersionInfo('vcs:gitlab', { env, cwd: '.', git: withMessage })).toBeUndefined();
    expect(await inferVersionInfo('prefect:simple', { env, cwd: '.', git: withMessage })).toBeUndefined();
    await expect(inferVersionInfo('vcs:svn', { env, cwd: '.', git: withMessage })).rejects.toThrow('Unknown version type: vcs:svn');
  });

  it('uses plain git: sha, branch, and the remote path as repository', async () => {
    const facts = {
      'rev-parse HEAD': 'feedfacecafebeef',
      'rev-parse --abbrev-ref HEAD': 'HEAD',
      'config --get remote.origin.url': 'https://user:tok@github.com/acme/etl.git',
      'log -1 --pretty=%B': 'm',
    };
    expect(await inferVersionInfo(undefined, { env: {}, cwd: '.', git: git(facts) })).toEqual({
      type: 'vcs:git',
      version: 'feedface',
      commit_sha: 'feedfacecafebeef',
      message: 'm',
      branch: 'HEAD',
      repository: 'acme/etl',
      url: 'https://user:tok@github.com/acme/etl.git',
    });
  });

  it('parses remotes like urllib.parse', () => {
    expect(repositoryFromRemote('git@github.com:acme/etl.git')).toBe('git@github.com:acme/etl');
    expect(repositoryFromRemote('ssh://git@host:22/acme/etl.git/')).toBe('acme/etl');
    expect(repositoryFromRemote('/srv/git/etl.git')).toBe('srv/git/etl');
  });

  it('replaces a flow version with the short sha but keeps a configured one', async () => {
    const env = { GITHUB_SHA: '0123456789abcdef', GITHUB_REF_NAME: 'main', GITHUB_REPOSITORY: 'a/b' };
    expect((await resolveVersion(undefined, 'flow-md5', undefined, { env, cwd: '.', git: withMessage })).version).toBe('01234567');
    expect((await resolveVersion('1.0', 'flow-md5', undefined, { env, cwd: '.', git: withMessage })).version).toBe('1.0');
    expect(await resolveVersion(undefined, 'flow-md5', undefined, { env: {}, cwd: '.', git: git({}) })).toEqual({
      version: 'flow-md5',
      versionInfo: { type: 'prefect:simple', version: 'flow-md5' },
    });
  });
});

describe('version_info against the reference, in a real checkout under CI-like environments', () => {
  it('infers what prefect infers for GitHub, GitLab, Bitbucket, Azure DevOps and plain git', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../..');
    const python = execFileSync('bash', [path.join(root, 'scripts/reference-venv.sh')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    const dir = mkdtempSync(path.join(tmpdir(), 'vinfo-'));
    try {
      const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
      const g = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv, encoding: 'utf8' });
      g('init', '-q', '-b', 'feature/x');
      g('remote', 'add', 'origin', 'git@github.com:acme/etl.git');
      writeFileSync(path.join(dir, 'a.txt'), 'a');
      g('add', '.');
      g('commit', '-qm', 'Add loader\n\nwith details');
      const envs: Record<string, string>[] = [
        {},
        { GITHUB_SHA: '0123456789abcdef0123', GITHUB_REF_NAME: '7/merge', GITHUB_REPOSITORY: 'acme/etl', GITHUB_SERVER_URL: 'https://github.com' },
        { GITHUB_SHA: '0123456789abcdef0123', GITHUB_REPOSITORY: 'acme/etl' },
        { CI_COMMIT_SHA: 'abcdef0123456789', CI_COMMIT_REF_NAME: 'main', CI_PROJECT_NAME: 'etl', CI_PROJECT_URL: 'https://gitlab.example/acme/etl' },
        { BITBUCKET_COMMIT: 'fedcba9876543210', BITBUCKET_BRANCH: 'dev', BITBUCKET_REPO_SLUG: 'etl', BITBUCKET_GIT_HTTP_ORIGIN: 'https://bitbucket.org/acme/etl' },
        {
          BUILD_SOURCEVERSION: '1111222233334444',
          BUILD_SOURCEBRANCHNAME: 'main',
          BUILD_REPOSITORY_NAME: 'etl',
          BUILD_REPOSITORY_URI: 'https://dev.azure.com/acme/_git/etl',
        },
      ];
      const script = [
        'import asyncio, json, os, sys',
        'from prefect._internal.versioning import get_inferred_version_info',
        'info = asyncio.run(get_inferred_version_info(None))',
        'print(json.dumps(info.model_dump(mode="json") if info else None))',
      ].join('\n');
      for (const env of envs) {
        const reference = JSON.parse(
          execFileSync(python, ['-c', script], {
            cwd: dir,
            env: { PATH: process.env.PATH ?? '', HOME: dir, PREFECT_HOME: path.join(dir, '.ph'), ...env },
            encoding: 'utf8',
          })
            .trim()
            .split('\n')
            .pop()!,
        );
        const ours = (await inferVersionInfo(undefined, { env, cwd: dir })) ?? null;
        expect(ours, JSON.stringify(env)).toEqual(reference);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { ciSummary, detectCi } from '../../src/cli/ci.js';
import { inferVersionInfo } from '../../src/core/plan/version-info.js';

/** Each CI's variables as its runner sets them for a merge/pull request build (the values are made up). */
const CI_ENVS = {
  'github-actions': {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_SHA: '0123456789abcdef0123',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_REF_NAME: '42/merge',
    GITHUB_HEAD_REF: 'feature/x',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'acme/etl',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '777',
    GITHUB_WORKSPACE: '/home/runner/work/etl/etl',
  },
  'gitlab-ci': {
    GITLAB_CI: 'true',
    CI: 'true',
    CI_COMMIT_SHA: '0123456789abcdef0123',
    CI_COMMIT_REF_NAME: 'feature/x',
    CI_MERGE_REQUEST_IID: '7',
    CI_DEFAULT_BRANCH: 'main',
    CI_PROJECT_NAME: 'etl',
    CI_PROJECT_URL: 'https://gitlab.com/acme/etl',
    CI_JOB_URL: 'https://gitlab.com/acme/etl/-/jobs/99',
  },
  'bitbucket-pipelines': {
    CI: 'true',
    BITBUCKET_BUILD_NUMBER: '12',
    BITBUCKET_COMMIT: '0123456789abcdef0123',
    BITBUCKET_BRANCH: 'feature/x',
    BITBUCKET_PR_ID: '3',
    BITBUCKET_REPO_SLUG: 'etl',
    BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/acme/etl',
  },
  'azure-pipelines': {
    TF_BUILD: 'True',
    BUILD_SOURCEVERSION: '0123456789abcdef0123',
    BUILD_SOURCEBRANCHNAME: 'merge',
    SYSTEM_PULLREQUEST_SOURCEBRANCH: 'refs/heads/feature/x',
    BUILD_REASON: 'PullRequest',
    SYSTEM_PULLREQUEST_PULLREQUESTID: '5',
    BUILD_REPOSITORY_NAME: 'etl',
    BUILD_REPOSITORY_URI: 'https://dev.azure.com/acme/etl/_git/etl',
    SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/',
    SYSTEM_TEAMPROJECT: 'Data Platform',
    BUILD_BUILDID: '314',
    BUILD_SOURCESDIRECTORY: '/home/vsts/work/1/s',
  },
  jenkins: {
    JENKINS_URL: 'https://ci.acme.dev/',
    BUILD_URL: 'https://ci.acme.dev/job/etl/PR-9/4/',
    BRANCH_NAME: 'PR-9',
    CHANGE_ID: '9',
    CHANGE_BRANCH: 'feature/x',
    GIT_COMMIT: '0123456789abcdef0123',
  },
} as const;

describe('detectCi', () => {
  it.each([
    ['github-actions', { ref: 'feature/x', changeRequest: '42', jobUrl: 'https://github.com/acme/etl/actions/runs/777' }],
    ['gitlab-ci', { ref: 'feature/x', changeRequest: '7', defaultBranch: 'main', jobUrl: 'https://gitlab.com/acme/etl/-/jobs/99' }],
    ['bitbucket-pipelines', { ref: 'feature/x', changeRequest: '3', jobUrl: 'http://bitbucket.org/acme/etl/pipelines/results/12' }],
    ['azure-pipelines', { ref: 'feature/x', changeRequest: '5', jobUrl: 'https://dev.azure.com/acme/Data%20Platform/_build/results?buildId=314' }],
    ['jenkins', { ref: 'feature/x', changeRequest: '9', jobUrl: 'https://ci.acme.dev/job/etl/PR-9/4/' }],
  ] as const)('%s: names the CI, the ref, the commit and the merge request', (name, expected) => {
    const ci = detectCi(CI_ENVS[name]);
    expect(ci).toMatchObject({ name, isCi: true, commitSha: '0123456789abcdef0123', ...expected });
  });

  it('falls back to a generic CI on CI=true, and to a local run otherwise', () => {
    expect(detectCi({ CI: 'true' })).toMatchObject({ name: 'ci', isCi: true });
    expect(detectCi({ CI: '1' })).toMatchObject({ name: 'ci', isCi: true });
    expect(detectCi({ CI: 'false' })).toMatchObject({ name: 'local', isCi: false });
    expect(detectCi({})).toMatchObject({ name: 'local', isCi: false });
  });

  it('is not fooled by a variable of another CI left empty', () => {
    expect(detectCi({ GITLAB_CI: '', BITBUCKET_BUILD_NUMBER: '', JENKINS_URL: '' }).name).toBe('local');
    expect(detectCi({ GITHUB_ACTIONS: 'false', CI: 'true' }).name).toBe('ci');
  });

  it('a push build has no change request', () => {
    expect(
      detectCi({ ...CI_ENVS['github-actions'], GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_HEAD_REF: '', GITHUB_REF_NAME: 'main' }),
    ).toMatchObject({ ref: 'main', changeRequest: undefined });
    expect(detectCi({ ...CI_ENVS['azure-pipelines'], BUILD_REASON: 'IndividualCI', SYSTEM_PULLREQUEST_SOURCEBRANCH: '', BUILD_SOURCEBRANCHNAME: 'main' })).toMatchObject({
      ref: 'main',
      changeRequest: undefined,
    });
  });

  it('names the version_info type that the inference of version_info (as the reference) picks under the same variables', async () => {
    const git = async (args: string[]) => {
      const facts: Record<string, string> = {
        'log -1 --pretty=%B': 'Ship it',
        'rev-parse HEAD': 'feedfacecafebeef',
        'rev-parse --abbrev-ref HEAD': 'main',
        'config --get remote.origin.url': 'https://example.com/acme/etl.git',
      };
      const out = facts[args.join(' ')];
      if (out === undefined) throw new Error('no such git fact');
      return out;
    };
    for (const env of [...Object.values(CI_ENVS), { CI: 'true' }, {}]) {
      const inferred = await inferVersionInfo(undefined, { env, cwd: '.', git });
      expect(inferred?.type, JSON.stringify(env)).toBe(detectCi(env).versionInfoType);
    }
  });

  it('summarises the build for the top of a CI log, and says nothing locally', () => {
    expect(ciSummary(detectCi(CI_ENVS['gitlab-ci']))).toBe('GitLab CI: ref feature/x, commit 01234567, merge request 7');
    expect(ciSummary(detectCi({}))).toBeUndefined();
  });
});

describe('annotations', () => {
  const problem = {
    severity: 'error' as const,
    file: 'deploy/prefect.yaml',
    line: 14,
    column: 7,
    deployment: 'etl, nightly',
    message: 'work pool "a;b]" is 100% missing\nsecond line',
  };

  it('GitHub: a workflow command on the file relative to the workspace, data and properties escaped', () => {
    const ci = detectCi(CI_ENVS['github-actions']);
    expect(ci.annotation!(problem, '/home/runner/work/etl/etl')).toBe(
      '::error file=deploy/prefect.yaml,line=14,col=7,title=deployment etl%2C nightly::deploy/prefect.yaml:14:7: deployment "etl, nightly": work pool "a;b]" is 100%25 missing%0Asecond line',
    );
  });

  it('Azure: a logissue command relative to the sources directory, with its own escapes', () => {
    const ci = detectCi(CI_ENVS['azure-pipelines']);
    const line = ci.annotation!({ ...problem, severity: 'warning' }, '/home/vsts/work/1/s/sub');
    expect(line).toBe(
      '##vso[task.logissue type=warning;sourcepath=sub/deploy/prefect.yaml;linenumber=14;columnnumber=7]' +
        'deploy/prefect.yaml:14:7: warning: deployment "etl, nightly": work pool "a;b]" is 100%AZP25 missing%0Asecond line',
    );
  });

  it('GitLab, Bitbucket and Jenkins have no annotation syntax: problems stay plain lines', () => {
    for (const name of ['gitlab-ci', 'bitbucket-pipelines', 'jenkins'] as const) expect(detectCi(CI_ENVS[name]).annotation).toBeUndefined();
  });
});

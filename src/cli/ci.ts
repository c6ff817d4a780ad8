/**
 * Which CI runs the CLI, read from the variables each CI sets, and the conventions that follow from
 * it: logs are read later in a web page (plain lines with timings, no redrawn progress, no prompts),
 * how a prefect.yaml problem becomes a file annotation, and which `version_info` the reference
 * infers there (its providers are GitHub, GitLab, Bitbucket and Azure DevOps, then plain git — so
 * Jenkins and other CIs get `vcs:git` from the checkout).
 */
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type CiName = 'github-actions' | 'gitlab-ci' | 'bitbucket-pipelines' | 'azure-pipelines' | 'jenkins' | 'ci' | 'local';

export interface CiEnvironment {
  name: CiName;
  /** For people: `GitLab CI`. */
  title: string;
  /** Whether a CI job runs us: its log is a file, so no cursor movement and nobody to prompt. */
  isCi: boolean;
  /** The `version_info.type` the reference infers here when the CI's variables are all set. */
  versionInfoType: string;
  /** The branch (or tag) being built, as the CI names it. */
  ref?: string;
  commitSha?: string;
  /** The merge/pull request number when this build is for one. */
  changeRequest?: string;
  /** The repository's default branch, when the CI says (GitLab does; the others do not). */
  defaultBranch?: string;
  /** The job or build page, for messages that point back to the log. */
  jobUrl?: string;
  /** How the CI's log shows a file:line problem on the file, when it has such a syntax. */
  annotation?: (d: Diagnostic, cwd: string) => string;
}

const set = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);
const truthy = (v: string | undefined): boolean => v !== undefined && v !== '' && !/^(0|false|no)$/i.test(v);

/** GitHub's workflow-command escaping: data escapes `%`, CR, LF; properties also `:` and `,`. */
function githubData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
function githubProperty(s: string): string {
  return githubData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Azure's logging-command escaping (azure-pipelines-task-lib): `%` is `%AZP25`; properties also `]` and `;`. */
function azureData(s: string): string {
  return s.replaceAll('%', '%AZP25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}
function azureProperty(s: string): string {
  return azureData(s).replaceAll(']', '%5D').replaceAll(';', '%3B');
}

/** The diagnostic's file relative to the checkout root, which is what both CIs resolve annotation paths against. */
function repoPath(d: Diagnostic, cwd: string, root: string | undefined): string {
  const absolute = path.resolve(cwd, d.file);
  return (root ? path.relative(root, absolute) : path.relative(cwd, absolute)).split(path.sep).join('/');
}

function githubAnnotation(env: Env) {
  return (d: Diagnostic, cwd: string): string => {
    const props = [`file=${githubProperty(repoPath(d, cwd, set(env.GITHUB_WORKSPACE)))}`];
    if (d.line !== undefined) props.push(`line=${d.line}`);
    if (d.column !== undefined) props.push(`col=${d.column}`);
    if (d.deployment !== undefined) props.push(`title=${githubProperty(`deployment ${d.deployment}`)}`);
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${githubData(formatDiagnostic(d))}`;
  };
}

function azureAnnotation(env: Env) {
  return (d: Diagnostic, cwd: string): string => {
    const props = [`type=${d.severity === 'error' ? 'error' : 'warning'}`, `sourcepath=${azureProperty(repoPath(d, cwd, set(env.BUILD_SOURCESDIRECTORY)))}`];
    if (d.line !== undefined) props.push(`linenumber=${d.line}`);
    if (d.column !== undefined) props.push(`columnnumber=${d.column}`);
    return `##vso[task.logissue ${props.join(';')}]${azureData(formatDiagnostic(d))}`;
  };
}

/** GitHub's `refs/pull/123/merge` → `123`. */
function pullNumber(ref: string | undefined): string | undefined {
  return ref ? /^refs\/pull\/(\d+)\//.exec(ref)?.[1] : undefined;
}

export function detectCi(env: Env): CiEnvironment {
  if (env.GITHUB_ACTIONS === 'true') {
    const server = set(env.GITHUB_SERVER_URL);
    const repo = set(env.GITHUB_REPOSITORY);
    const run = set(env.GITHUB_RUN_ID);
    return {
      name: 'github-actions',
      title: 'GitHub Actions',
      isCi: true,
      versionInfoType: 'vcs:github',
      ref: set(env.GITHUB_HEAD_REF) ?? set(env.GITHUB_REF_NAME),
      commitSha: set(env.GITHUB_SHA),
      changeRequest: env.GITHUB_EVENT_NAME?.startsWith('pull_request') ? pullNumber(env.GITHUB_REF) : undefined,
      jobUrl: server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined,
      annotation: githubAnnotation(env),
    };
  }
  if (env.GITLAB_CI === 'true') {
    return {
      name: 'gitlab-ci',
      title: 'GitLab CI',
      isCi: true,
      versionInfoType: 'vcs:gitlab',
      ref: set(env.CI_COMMIT_REF_NAME),
      commitSha: set(env.CI_COMMIT_SHA),
      changeRequest: set(env.CI_MERGE_REQUEST_IID),
      defaultBranch: set(env.CI_DEFAULT_BRANCH),
      jobUrl: set(env.CI_JOB_URL),
    };
  }
  if (set(env.BITBUCKET_BUILD_NUMBER)) {
    const origin = set(env.BITBUCKET_GIT_HTTP_ORIGIN);
    return {
      name: 'bitbucket-pipelines',
      title: 'Bitbucket Pipelines',
      isCi: true,
      versionInfoType: 'vcs:bitbucket',
      ref: set(env.BITBUCKET_BRANCH) ?? set(env.BITBUCKET_TAG),
      commitSha: set(env.BITBUCKET_COMMIT),
      changeRequest: set(env.BITBUCKET_PR_ID),
      jobUrl: origin ? `${origin}/pipelines/results/${env.BITBUCKET_BUILD_NUMBER}` : undefined,
    };
  }
  if (env.TF_BUILD?.toLowerCase() === 'true') {
    const collection = set(env.SYSTEM_COLLECTIONURI);
    const project = set(env.SYSTEM_TEAMPROJECT);
    const build = set(env.BUILD_BUILDID);
    return {
      name: 'azure-pipelines',
      title: 'Azure Pipelines',
      isCi: true,
      versionInfoType: 'vcs:azuredevops',
      ref: set(env.SYSTEM_PULLREQUEST_SOURCEBRANCH)?.replace(/^refs\/heads\//, '') ?? set(env.BUILD_SOURCEBRANCHNAME),
      commitSha: set(env.BUILD_SOURCEVERSION),
      changeRequest: env.BUILD_REASON === 'PullRequest' ? (set(env.SYSTEM_PULLREQUEST_PULLREQUESTNUMBER) ?? set(env.SYSTEM_PULLREQUEST_PULLREQUESTID)) : undefined,
      jobUrl: collection && project && build ? `${collection.replace(/\/?$/, '/')}${encodeURIComponent(project)}/_build/results?buildId=${build}` : undefined,
      annotation: azureAnnotation(env),
    };
  }
  if (set(env.JENKINS_URL)) {
    return {
      name: 'jenkins',
      title: 'Jenkins',
      isCi: true,
      versionInfoType: 'vcs:git',
      ref: set(env.CHANGE_BRANCH) ?? set(env.BRANCH_NAME) ?? set(env.GIT_BRANCH)?.replace(/^origin\//, ''),
      commitSha: set(env.GIT_COMMIT),
      changeRequest: set(env.CHANGE_ID),
      jobUrl: set(env.BUILD_URL),
    };
  }
  if (truthy(env.CI)) return { name: 'ci', title: 'CI', isCi: true, versionInfoType: 'vcs:git' };
  return { name: 'local', title: 'a terminal or script', isCi: false, versionInfoType: 'vcs:git' };
}

/** One line for the top of a CI log: where we run, on what. */
export function ciSummary(ci: CiEnvironment): string | undefined {
  if (!ci.isCi) return undefined;
  const parts = [
    ci.ref ? `ref ${ci.ref}` : undefined,
    ci.commitSha ? `commit ${ci.commitSha.slice(0, 8)}` : undefined,
    ci.changeRequest ? `${ci.name === 'gitlab-ci' ? 'merge' : 'pull'} request ${ci.changeRequest}` : undefined,
  ].filter(Boolean);
  return `${ci.title}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * `version` and `version_info` as the reference infers them from the CI provider's environment or
 * from git (spec §5.11): GitHub, GitLab, Bitbucket, Azure DevOps, then plain git; the first that
 * has every value wins, and then a version that came from the flow is replaced by the short SHA.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Env = Readonly<Record<string, string | undefined>>;

export interface VersionInfo {
  type: string;
  version: string;
  commit_sha?: string;
  message?: string;
  branch?: string;
  repository?: string;
  url?: string;
}

/** Runs git in a directory and returns trimmed stdout; throws when git fails. */
export type GitRunner = (args: string[], cwd: string) => Promise<string>;

export const runGit: GitRunner = async (args, cwd) => {
  // `--changed-since` reads whole file lists and prefect.yaml (up to 4 MiB) at REF through it.
  const { stdout } = await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return stdout.trim();
};

// The questions whose answer is the checkout's, not the directory's: what version_info, the owner
// mark and `--changed-since` ask (diff names and `show` paths are from the top level; `ls-files`
// and `--show-prefix` depend on the directory). Asked from twenty project directories of one
// repository, git answers them the same.
const CHECKOUT_QUESTIONS = new Set(
  [
    ['rev-parse', 'HEAD'],
    ['rev-parse', '--abbrev-ref', 'HEAD'],
    ['config', '--get', 'remote.origin.url'],
    ['log', '-1', '--pretty=%B'],
    ['rev-parse', '--show-toplevel'],
    ['rev-parse', '--is-shallow-repository'],
  ].map((args) => JSON.stringify(args)),
);

function isCheckoutQuestion(args: readonly string[], question: string): boolean {
  if (CHECKOUT_QUESTIONS.has(question)) return true;
  const [a, b, c] = args;
  if (a === 'rev-parse' && b === '--verify' && c === '--quiet' && args.length === 4) return true;
  // `REF:./path` is from the directory.
  if (a === 'show' && args.length === 2 && !args[1]!.includes(':./')) return true;
  return a === '-c' && b === 'core.quotePath=false' && c === 'diff' && args.at(-1) === '--';
}

/** The `.git` (directory or worktree file) git would find from `cwd`, walking up; undefined when none. */
function checkoutOf(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return path.join(dir, '.git');
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * `git` asking each question once for the run (`answers` lives as long as it): the checkout's
 * questions once per checkout, whichever directory inside it asks; any other once per directory.
 */
export function sharingGit(git: GitRunner, answers: Map<string, Promise<string>>): GitRunner {
  const checkouts = new Map<string, string>();
  return (args, cwd) => {
    const question = JSON.stringify(args);
    let where = cwd;
    if (isCheckoutQuestion(args, question)) {
      if (!checkouts.has(cwd)) checkouts.set(cwd, `checkout:${checkoutOf(cwd) ?? 'none'}`);
      where = checkouts.get(cwd)!;
    }
    const key = JSON.stringify([where, question]);
    let answer = answers.get(key);
    if (!answer) {
      answer = git(args, cwd);
      answers.set(key, answer);
    }
    return answer;
  };
}

interface ProviderValues {
  commitSha: string | undefined;
  branch: string | undefined;
  repository: string | undefined;
  url: string | undefined;
}

type Provider = { type: string; values: (env: Env, git: () => Promise<GitFacts>) => Promise<ProviderValues> };

interface GitFacts {
  commitSha: string;
  branch: string;
  remoteUrl: string;
}

/** Python's `f"{os.getenv(X)}"` prints `None` for an unset variable; the reference's URLs do too. */
const py = (v: string | undefined): string => (v === undefined ? 'None' : v);

const ciProvider = (type: string, sha: string, branch: string, repo: string, url: (env: Env, sha: string | undefined) => string): Provider => ({
  type,
  values: async (env) => {
    const commitSha = env[sha] || undefined;
    return { commitSha, branch: env[branch] || undefined, repository: env[repo] || undefined, url: url(env, commitSha) };
  },
});

const PROVIDERS: Provider[] = [
  ciProvider(
    'vcs:github',
    'GITHUB_SHA',
    'GITHUB_REF_NAME',
    'GITHUB_REPOSITORY',
    (env, sha) => `${py(env.GITHUB_SERVER_URL)}/${py(env.GITHUB_REPOSITORY || undefined)}/tree/${py(sha)}`,
  ),
  ciProvider('vcs:gitlab', 'CI_COMMIT_SHA', 'CI_COMMIT_REF_NAME', 'CI_PROJECT_NAME', (env, sha) => `${py(env.CI_PROJECT_URL)}/-/tree/${py(sha)}`),
  ciProvider('vcs:bitbucket', 'BITBUCKET_COMMIT', 'BITBUCKET_BRANCH', 'BITBUCKET_REPO_SLUG', (env, sha) => `${py(env.BITBUCKET_GIT_HTTP_ORIGIN)}/src/${py(sha)}`),
  ciProvider(
    'vcs:azuredevops',
    'BUILD_SOURCEVERSION',
    'BUILD_SOURCEBRANCHNAME',
    'BUILD_REPOSITORY_NAME',
    (env, sha) => `${py(env.BUILD_REPOSITORY_URI)}?version=GC${py(sha)}`,
  ),
  {
    type: 'vcs:git',
    values: async (_env, git) => {
      const facts = await git();
      return { commitSha: facts.commitSha, branch: facts.branch, repository: repositoryFromRemote(facts.remoteUrl), url: facts.remoteUrl };
    },
  },
];

/**
 * The path part of a remote URL the way Python's `urlparse` splits it, stripped of `/` and a final
 * `.git`. scp-style remotes (`git@host:org/repo.git`) have no scheme, so the whole text is the path.
 */
export function repositoryFromRemote(remote: string): string {
  let rest = remote;
  const scheme = /^[A-Za-z][A-Za-z0-9+\-.]*:/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    rest = end < 0 ? '' : rest.slice(2 + end);
  }
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  let repo = rest.replace(/^\/+|\/+$/g, '');
  if (repo.endsWith('.git')) repo = repo.slice(0, -4);
  return repo;
}

export interface InferOptions {
  env: Env;
  cwd: string;
  git?: GitRunner;
}

/**
 * Returns the inferred record (with `version` still to be decided by the caller), or undefined when
 * no provider has every value. An unknown explicit type is an error, as in the reference.
 */
export async function inferVersionInfo(versionType: string | undefined, options: InferOptions): Promise<VersionInfo | undefined> {
  if (versionType === 'prefect:simple') return undefined;
  const git = options.git ?? runGit;
  let providers = PROVIDERS;
  if (versionType) {
    providers = PROVIDERS.filter((p) => p.type === versionType);
    if (providers.length === 0) throw new Error(`Unknown version type: ${versionType}`);
  }
  let facts: Promise<GitFacts> | undefined;
  const gitFacts = () =>
    (facts ??= (async () => {
      // Asked at once: three rounds of git cost a deploy in a checkout about 15 ms.
      const [commitSha, branch, remoteUrl] = await Promise.all([
        git(['rev-parse', 'HEAD'], options.cwd),
        git(['rev-parse', '--abbrev-ref', 'HEAD'], options.cwd),
        git(['config', '--get', 'remote.origin.url'], options.cwd),
      ]);
      return { commitSha, branch, remoteUrl };
    })());
  let message: Promise<string> | undefined;
  const commitMessage = () =>
    (message ??= git(['log', '-1', '--pretty=%B'], options.cwd).then((out) => {
      const first = out.split(/\r\n|\r|\n/)[0];
      if (!first) throw new Error('empty commit message');
      return first;
    }));
  for (const provider of providers) {
    try {
      const v = await provider.values(options.env, gitFacts);
      const msg = await commitMessage();
      if (!v.commitSha || !v.branch || !v.repository || !v.url) continue;
      return {
        type: provider.type,
        version: v.commitSha.slice(0, 8),
        commit_sha: v.commitSha,
        message: msg,
        branch: v.branch,
        repository: v.repository,
        url: v.url,
      };
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * The final `version` and `version_info` of a deployment: the configured version, else the flow's;
 * an inferred commit replaces a version that was empty or came from the flow.
 */
export async function resolveVersion(
  configured: string | null | undefined,
  flowVersion: string | null,
  versionType: string | undefined,
  options: InferOptions,
): Promise<{ version: string | null; versionInfo: VersionInfo }> {
  let version = configured || flowVersion || null;
  const fromFlow = !configured;
  const inferred = await inferVersionInfo(versionType, options);
  if (inferred) {
    if (!version || fromFlow) version = inferred.version;
    return { version, versionInfo: { ...inferred, version: version ?? '' } };
  }
  return { version, versionInfo: { type: 'prefect:simple', version: version ?? '' } };
}

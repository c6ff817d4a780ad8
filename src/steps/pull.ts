/**
 * `prefect.deployments.steps.pull`: `set_working_directory` and `git_clone` as the reference
 * (prefect 3.9.1 `pull.py` and `runner/storage.py` `GitRepository`) runs them, against the step
 * context's cwd instead of the process's.
 */
import { realpathSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { isMapping, isTruthy, pythonStringRepr, pythonTypeName } from '../core/values/index.js';
import { processEnv, ProcessStartError, runProcess } from './process.js';
import { pyStrip, StepFailure } from './utility.js';
import type { StepCall } from './types.js';

/** `set_working_directory(directory)`: later steps run there; output is the absolute real path. */
export function setWorkingDirectory(inputs: Record<string, unknown>, call: StepCall): Promise<{ directory: string }> {
  const directory = inputs['directory'];
  if (typeof directory !== 'string') {
    throw new TypeError(`set_working_directory: directory must be a string, got ${pythonTypeName(directory)}`);
  }
  // os.chdir('') and os.chdir of a missing or non-directory path fail with these OSError texts.
  const target = directory === '' ? '' : path.resolve(call.cwd, directory);
  let isDirectory: boolean;
  try {
    isDirectory = target !== '' && statSync(target).isDirectory();
  } catch {
    throw new StepFailure(`[Errno 2] No such file or directory: ${pythonStringRepr(directory)}`);
  }
  if (target === '') throw new StepFailure(`[Errno 2] No such file or directory: ''`);
  if (!isDirectory) throw new StepFailure(`[Errno 20] Not a directory: ${pythonStringRepr(directory)}`);
  // os.getcwd() reports the physical path.
  const resolved = realpathSync(target);
  call.chdir(resolved);
  return Promise.resolve({ directory: resolved });
}

// ---------------------------------------------------------------------------------------------
// git_clone

/** The reference's retryable failure (`RuntimeError`): a failed clone or submodule update. */
class GitRuntimeError extends StepFailure {}

const CLONE_HINTS: [string, string][] = [
  ['Authentication failed', 'Hint: Check that your credentials or access token are correct and not expired.'],
  ['repository not found', 'Hint: Verify the repository URL and that you have access to it.'],
  ['Could not resolve host', 'Hint: Check your network connectivity and DNS settings.'],
  ['Connection refused', 'Hint: Check your network connectivity and DNS settings.'],
  ['Permission denied', 'Hint: Check your SSH key or token permissions.'],
  ['destination path', 'Hint: A stale working directory may exist. Consider removing it and retrying.'],
  ['not found', 'Hint: Verify the repository URL and that you have access to it.'],
];

interface SplitUrl {
  scheme: string;
  netloc: string;
  /** Everything after the netloc (path, params, query, fragment), as written. */
  rest: string;
  path: string;
  hasNetloc: boolean;
}

const SCHEME_CHARS = /^[a-zA-Z][a-zA-Z0-9+\-.]*$/u;

/** Python's `urllib.parse.urlsplit`, reduced to what the clone needs. */
function urlSplit(url: string): SplitUrl {
  let scheme = '';
  let rest = url;
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    rest = url.slice(colon + 1);
  }
  let netloc = '';
  let hasNetloc = false;
  if (rest.startsWith('//')) {
    hasNetloc = true;
    let end = rest.length;
    for (const c of ['/', '?', '#']) {
      const i = rest.indexOf(c, 2);
      if (i >= 0 && i < end) end = i;
    }
    netloc = rest.slice(2, end);
    rest = rest.slice(end);
  }
  let urlPath = rest.split('#')[0]!.split('?')[0]!;
  // urlparse splits `;params` off the last segment for these schemes.
  const USES_PARAMS = ['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel'];
  if (USES_PARAMS.includes(scheme)) {
    const lastSlash = urlPath.lastIndexOf('/');
    const semi = urlPath.indexOf(';', lastSlash + 1);
    if (semi >= 0) urlPath = urlPath.slice(0, semi);
  }
  return { scheme, netloc, rest, path: urlPath, hasNetloc };
}

function withNetloc(url: SplitUrl, netloc: string): string {
  return `${url.scheme ? `${url.scheme}:` : ''}//${netloc}${url.rest}`;
}

/** `strip_auth_from_url`: the URL without user info (host lower-cased, as urlparse gives it). */
export function stripAuthFromUrl(url: string): string {
  const parts = urlSplit(url);
  const hostinfo = parts.netloc.slice(parts.netloc.lastIndexOf('@') + 1);
  let host: string;
  let port = '';
  if (hostinfo.startsWith('[')) {
    const close = hostinfo.indexOf(']');
    host = hostinfo.slice(1, close < 0 ? undefined : close);
    const after = close < 0 ? '' : hostinfo.slice(close + 1);
    if (after.startsWith(':')) port = after.slice(1);
    host = `[${host}]`;
  } else {
    const i = hostinfo.indexOf(':');
    host = i < 0 ? hostinfo : hostinfo.slice(0, i);
    if (i >= 0) port = hostinfo.slice(i + 1);
  }
  if (!host || host === '[]') return url;
  if (port && !/^\d+$/u.test(port)) return stripAuthFromUrlsInText(url);
  const portNumber = port ? Number(port) : 0;
  return withNetloc(parts, portNumber ? `${host.toLowerCase()}:${portNumber}` : host.toLowerCase());
}

/** `strip_auth_from_urls_in_text`: user info out of every http(s) URL, then each secret masked. */
export function stripAuthFromUrlsInText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(https?:\/\/)[^/\s'"<>]*@/giu, '$1');
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

/** Python's `urllib.parse.quote(s, safe='')`. */
function quote(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function credentialValue(credentials: Record<string, unknown>, key: string): string | undefined {
  const value = credentials[key];
  if (!isTruthy(value)) return undefined;
  // A Secret block's data arrives as {value: ...}.
  if (isMapping(value) && typeof value['value'] === 'string') return value['value'];
  return typeof value === 'string' ? value : String(value);
}

/** `_format_token_from_credentials` for plain mappings (what templated block data is). */
function formatTokenFromCredentials(netloc: string, credentials: Record<string, unknown>): string {
  const username = credentialValue(credentials, 'username');
  const token = credentialValue(credentials, 'access_token') ?? credentialValue(credentials, 'token') ?? credentialValue(credentials, 'password');
  if (!token) throw new StepFailure('Please provide a `token` or `password` in your Credentials block to clone a repo.');
  if (username) return `${quote(username)}:${quote(token)}`;
  const pair = (t: string): string => {
    const i = t.indexOf(':');
    return `${quote(t.slice(0, i))}:${quote(t.slice(i + 1))}`;
  };
  if (netloc.includes('bitbucketserver')) {
    if (!token.includes(':')) {
      throw new StepFailure('Please provide a `username` and a `password` or `token` in your BitBucketCredentials block to clone a repo from BitBucket Server.');
    }
    return pair(token);
  }
  if (netloc.includes('bitbucket')) {
    if (token.startsWith('x-token-auth:')) return `x-token-auth:${quote(token.slice('x-token-auth:'.length))}`;
    if (token.includes(':')) return pair(token);
    return `x-token-auth:${quote(token)}`;
  }
  if (netloc.includes('gitlab')) {
    if (token.startsWith('oauth2:')) return `oauth2:${quote(token.slice('oauth2:'.length))}`;
    if (token.includes(':')) return pair(token);
    return `oauth2:${quote(token)}`;
  }
  return quote(token);
}

interface GitCloneOptions {
  url: string;
  credentials: Record<string, unknown>;
  name: string;
  branch: string | undefined;
  commitSha: string | undefined;
  includeSubmodules: boolean;
  directories: string[] | undefined;
}

/** Destinations being cloned in this process; a second clone into one waits (the reference's file lock). */
const destinationLocks = new Map<string, Promise<unknown>>();

class GitRepository {
  readonly destination: string;
  private readonly secrets: string[];

  constructor(
    private readonly o: GitCloneOptions,
    private readonly call: StepCall,
  ) {
    this.destination = path.resolve(call.cwd, o.name);
    const secrets = new Set<string>();
    for (const value of Object.values(o.credentials)) {
      const text = isMapping(value) && typeof value['value'] === 'string' ? value['value'] : typeof value === 'string' ? value : undefined;
      if (text && text.length >= 3) {
        secrets.add(text);
        secrets.add(quote(text));
      }
    }
    this.secrets = [...secrets].sort((a, b) => b.length - a.length);
  }

  /** `_repository_url_with_credentials`: credentials go into https URLs only. */
  private urlWithCredentials(): string {
    if (!isTruthy(this.o.credentials)) return this.o.url;
    const parts = urlSplit(this.o.url);
    const credential = formatTokenFromCredentials(parts.netloc, this.o.credentials);
    if (parts.scheme !== 'https') return this.o.url;
    return withNetloc(parts, `${credential}@${parts.netloc}`);
  }

  /** `_git_config`: submodule URLs get the same credentials through `url.<auth>.insteadOf`. */
  private gitConfig(): string[] {
    if (!this.o.includeSubmodules || !isTruthy(this.o.credentials)) return [];
    const parts = urlSplit(this.o.url);
    const base = `${parts.scheme ? `${parts.scheme}:` : ''}${parts.hasNetloc ? `//${parts.netloc}` : ''}`;
    const credential = formatTokenFromCredentials(parts.netloc, this.o.credentials);
    const withAuth = `${parts.scheme ? `${parts.scheme}:` : ''}//${credential}@${parts.netloc}`;
    return ['-c', `url.${withAuth}.insteadOf=${base}`];
  }

  private sanitize(text: string): string {
    return stripAuthFromUrlsInText(text, this.secrets);
  }

  /** `anyio.run_process(check=True)`; the failure says which git command and what git said, secrets masked. */
  private async git(args: string[], cwd: string | undefined = this.destination): Promise<string> {
    const result = await this.run(args, cwd);
    if (result.code !== 0) {
      const shown = args.filter((a, i) => args[i - 1] !== '-c').map((a) => (a === '-c' ? '-c <config>' : a));
      const tail = pyStrip(this.sanitize(result.stderr)).split('\n').slice(-3).join(' | ');
      throw new StepFailure(this.sanitize(`Command 'git ${shown.join(' ')}' returned non-zero exit status ${result.code}.${tail ? ` git stderr: ${tail}` : ''}`));
    }
    return result.stdout;
  }

  private async run(args: string[], cwd: string | undefined): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      // No terminal prompt for credentials: on a runner it would wait forever.
      const env = processEnv(this.call.env, this.call.env['GIT_TERMINAL_PROMPT'] === undefined ? { GIT_TERMINAL_PROMPT: '0' } : {});
      return await runProcess(['git', ...args], { cwd: cwd ?? this.call.cwd, env, signal: this.call.signal });
    } catch (error) {
      if (error instanceof ProcessStartError && error.message === "[Errno 2] No such file or directory: 'git'") {
        throw new StepFailure('git_clone needs git, and no git is on PATH (install git on the runner)');
      }
      throw error;
    }
  }

  private async succeeds(args: string[]): Promise<string | undefined> {
    try {
      const r = await this.run(args, this.destination);
      return r.code === 0 ? r.stdout : undefined;
    } catch {
      return undefined;
    }
  }

  async pullCode(): Promise<void> {
    const previous = destinationLocks.get(this.destination) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.pullCodeLocked());
    destinationLocks.set(this.destination, mine);
    try {
      await mine;
    } finally {
      if (destinationLocks.get(this.destination) === mine) destinationLocks.delete(this.destination);
    }
  }

  private async pullCodeLocked(): Promise<void> {
    let hasGitDir: boolean;
    try {
      hasGitDir = statSync(path.join(this.destination, '.git')) !== undefined;
    } catch {
      hasGitDir = false;
    }
    if (!hasGitDir) {
      await this.cloneRepo();
      return;
    }
    const existing = stripAuthFromUrl(pyStrip(await this.git(['config', '--get', 'remote.origin.url'])));
    const configured = stripAuthFromUrl(this.o.url);
    if (existing !== configured) {
      throw new StepFailure(`The existing repository at ${this.destination} does not match the configured repository ${configured}`);
    }
    if (this.o.directories?.length && (await this.succeeds(['config', '--get', 'core.sparseCheckout']))?.trim().toLowerCase() !== 'true') {
      await this.git(['sparse-checkout', 'set', '--', ...this.o.directories]);
    }
    const config = this.gitConfig();
    if (this.o.commitSha) {
      if (await this.isCurrentCommit(this.o.commitSha)) {
        await this.updateSubmodules();
        return;
      }
      if ((await this.succeeds(['cat-file', '-e', `${this.o.commitSha}^{commit}`])) === undefined) {
        const shallow = (await this.succeeds(['rev-parse', '--is-shallow-repository']))?.trim().toLowerCase() === 'true';
        try {
          await this.git([...config, 'fetch', 'origin', ...(shallow ? ['--unshallow'] : []), this.o.commitSha]);
        } catch (error) {
          if (!(error instanceof StepFailure) || error instanceof GitRuntimeError) throw error;
          await rm(this.destination, { recursive: true, force: true });
          await this.cloneRepo();
        }
      }
      await this.checkoutCommit(this.o.commitSha);
      return;
    }
    // Move the branch to the remote tip; `git pull` cannot on a shallow clone.
    try {
      await this.git([...config, 'fetch', 'origin', ...(this.o.branch ? [this.o.branch] : []), '--depth', '1']);
      await this.git(['reset', '--keep', 'FETCH_HEAD']);
      if (this.o.includeSubmodules) await this.git([...config, 'submodule', 'update', '--init', '--recursive']);
    } catch (error) {
      if (!(error instanceof StepFailure) || error instanceof GitRuntimeError) throw error;
      this.call.log(`Failed to pull latest changes (${error.message}); cloning again`);
      await rm(this.destination, { recursive: true, force: true });
      await this.cloneRepo();
    }
  }

  private async isCurrentCommit(sha: string): Promise<boolean> {
    const head = await this.succeeds(['rev-parse', 'HEAD']);
    const target = await this.succeeds(['rev-parse', '--verify', `${sha}^{commit}`]);
    return head !== undefined && target !== undefined && head.trim() === target.trim();
  }

  private async checkoutCommit(sha: string): Promise<void> {
    await this.git(['checkout', sha]);
    await this.updateSubmodules();
  }

  private async updateSubmodules(): Promise<void> {
    if (!this.o.includeSubmodules) return;
    const result = await this.run([...this.gitConfig(), 'submodule', 'update', '--init', '--recursive'], this.destination);
    if (result.code !== 0) {
      const stderr = pyStrip(this.sanitize(result.stderr));
      let message = `Failed to update submodules with exit code ${result.code}.`;
      if (stderr) message += ` git stderr: ${stderr.split('\n').slice(-3).join(' | ')}`;
      throw new GitRuntimeError(message);
    }
  }

  private async cloneRepo(): Promise<void> {
    const args = [...this.gitConfig(), 'clone', this.urlWithCredentials()];
    if (this.o.includeSubmodules) args.push('--recurse-submodules');
    if (this.o.directories?.length) args.push('--sparse');
    if (this.o.commitSha) args.push('--filter=blob:none', '--no-checkout');
    else {
      if (this.o.branch) args.push('--branch', this.o.branch);
      args.push('--depth', '1');
    }
    args.push(this.destination);
    const result = await this.run(args, undefined);
    if (result.code !== 0) {
      const stderr = this.sanitize(result.stderr);
      let message = `Failed to clone repository ${pythonStringRepr(stripAuthFromUrl(this.o.url))} with exit code ${result.code}.`;
      const hint = CLONE_HINTS.find(([pattern]) => result.stderr.toLowerCase().includes(pattern.toLowerCase()))?.[1];
      if (hint) message += ` ${hint}`;
      else if (pyStrip(stderr)) message += ` git stderr: ${pyStrip(stderr).split('\n').slice(-3).join(' | ')}`;
      throw new GitRuntimeError(message);
    }
    if (this.o.commitSha) {
      await this.git(['fetch', 'origin', this.o.commitSha]);
      await this.checkoutCommit(this.o.commitSha);
    }
    if (this.o.directories?.length) await this.git(['sparse-checkout', 'set', '--', ...this.o.directories]);
  }
}

function optionalStringInput(inputs: Record<string, unknown>, key: string): string | undefined {
  const value = inputs[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`git_clone: ${key} must be a string, got ${pythonTypeName(value)}`);
  return value;
}

const MAX_ATTEMPTS = 3;

/** `git_clone(repository, branch=None, commit_sha=None, include_submodules=False, access_token=None, credentials=None, directories=None, clone_directory_name=None)`. */
export async function gitClone(inputs: Record<string, unknown>, call: StepCall): Promise<{ directory: string }> {
  const repository = inputs['repository'];
  if (typeof repository !== 'string') throw new TypeError(`git_clone: repository must be a string, got ${pythonTypeName(repository)}`);
  const accessToken = inputs['access_token'];
  const credentialsInput = inputs['credentials'];
  if (isTruthy(accessToken) && isTruthy(credentialsInput)) {
    throw new StepFailure('Please provide either an access token or credentials but not both.');
  }
  let credentials: Record<string, unknown>;
  if (isTruthy(accessToken)) credentials = { access_token: accessToken };
  else if (credentialsInput === undefined || credentialsInput === null) credentials = {};
  else if (isMapping(credentialsInput)) credentials = credentialsInput;
  else throw new TypeError(`git_clone: credentials must be a mapping (e.g. a credentials block), got ${pythonTypeName(credentialsInput)}`);

  const branch = optionalStringInput(inputs, 'branch');
  const commitSha = optionalStringInput(inputs, 'commit_sha');
  const cloneDirectoryName = optionalStringInput(inputs, 'clone_directory_name');
  const directoriesInput = inputs['directories'];
  let directories: string[] | undefined;
  if (directoriesInput !== undefined && directoriesInput !== null) {
    if (!Array.isArray(directoriesInput) || !directoriesInput.every((d) => typeof d === 'string')) {
      throw new TypeError('git_clone: directories must be a list of strings');
    }
    directories = directoriesInput;
  }

  if (credentialValue(credentials, 'username') && !(credentialValue(credentials, 'access_token') || credentialValue(credentials, 'password'))) {
    throw new StepFailure('If a username is provided, an access token or password must also be provided.');
  }
  if (branch && commitSha) throw new StepFailure('Cannot provide both a branch and a commit SHA. Please provide only one.');
  if (branch?.startsWith('-')) throw new StepFailure("Branch names cannot start with '-'.");
  if (commitSha && !/^[0-9a-fA-F]{4,64}$/u.test(commitSha)) {
    throw new StepFailure(
      `Invalid commit SHA: ${pythonStringRepr(commitSha)}. Expected a hexadecimal Git commit SHA (4–64 characters). If you are trying to specify a branch or tag name, use the 'branch' parameter instead.`,
    );
  }
  for (const d of directories ?? []) {
    if (d.startsWith('--')) {
      call.log(
        `Directory ${pythonStringRepr(d)} starts with '--' and will be interpreted as a path by git sparse-checkout. If this is not intentional, remove it from the directories list.`,
      );
    }
  }

  const repoName = urlSplit(repository).path.split('/').pop()!.replaceAll('.git', '');
  const safeBranch = branch ? branch.replaceAll('/', '-') : undefined;
  const name = cloneDirectoryName || (safeBranch ? `${repoName}-${safeBranch}` : repoName);
  const repo = new GitRepository({ url: repository, credentials, name, branch, commitSha, includeSubmodules: isTruthy(inputs['include_submodules']), directories }, call);

  for (let attempt = 0; ; attempt++) {
    try {
      await repo.pullCode();
      break;
    } catch (error) {
      if (!(error instanceof GitRuntimeError) || attempt === MAX_ATTEMPTS - 1 || call.signal?.aborted) throw error;
      // The reference's exponential backoff with jitter: about 1 s, then 2 s.
      const delay = Math.min(2 ** attempt, 10) * (0.7 + Math.random() * 0.6);
      call.log(`Attempt ${attempt + 1} of function 'git_clone' failed with RuntimeError: ${error.message}. Retrying in ${delay.toFixed(2)} seconds...`);
      await new Promise((resolve) => setTimeout(resolve, delay * 1000));
    }
  }
  return { directory: path.relative(call.cwd, repo.destination) };
}

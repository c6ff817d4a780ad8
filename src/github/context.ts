/**
 * The workflow run the action is in, read from the runner's environment and event payload file
 * (what `@actions/github`'s context reads, without loading Octokit for runs that never call GitHub).
 */
import { existsSync, readFileSync } from 'node:fs';

type Env = Readonly<Record<string, string | undefined>>;

export interface PullRequestRef {
  number: number;
  /** The head branch lives in another repository: a `pull_request` run gets a read-only token. */
  fork: boolean;
  headSha: string | undefined;
}

export interface WorkflowRun {
  eventName: string;
  payload: Record<string, unknown>;
  /** `owner/repo`; undefined outside Actions. */
  repository: { owner: string; repo: string } | undefined;
  /** The commit the run is for (`GITHUB_SHA`). */
  sha: string | undefined;
  /** Link to this run's page (its summary), when known. */
  runUrl: string | undefined;
  /** The directory annotations are relative to. */
  workspace: string;
  /** The pull request of a `pull_request` / `pull_request_target` run. */
  pullRequest: PullRequestRef | undefined;
}

export function readWorkflowRun(env: Env = process.env): WorkflowRun {
  let payload: Record<string, unknown> = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath && existsSync(eventPath)) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
    } catch {
      payload = {};
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const repository = owner && repo ? { owner, repo } : undefined;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runUrl = repository && env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  return {
    eventName,
    payload,
    repository,
    sha: env.GITHUB_SHA || undefined,
    runUrl,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    pullRequest: eventName === 'pull_request' || eventName === 'pull_request_target' ? pullRequestOf(payload) : undefined,
  };
}

function pullRequestOf(payload: Record<string, unknown>): PullRequestRef | undefined {
  const pr = payload.pull_request as
    { number?: number; head?: { sha?: string; repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } | undefined;
  if (!pr || typeof pr.number !== 'number') return undefined;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  // A deleted fork has no head repository: treat it as a fork too.
  return { number: pr.number, fork: !head || head !== base, headSha: pr.head?.sha };
}

/**
 * The revision `changed-since` compares with: as given; none for `none`; by default the pull
 * request's base commit on `pull_request`/`pull_request_target`, the pushed range's base (`before`)
 * on `push`, and none otherwise. A push that creates a branch (`before` all zeros) has no base:
 * everything counts as changed, so nothing is left out.
 */
export function changedSinceRef(input: string, run: Pick<WorkflowRun, 'eventName' | 'payload'>): string | undefined {
  if (input.toLowerCase() === 'none') return undefined;
  if (input !== '') return input;
  const { eventName, payload } = run;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const sha = (payload.pull_request as { base?: { sha?: unknown } } | undefined)?.base?.sha;
    return typeof sha === 'string' && sha ? sha : undefined;
  }
  if (eventName === 'push') {
    const before = payload.before;
    return typeof before === 'string' && before && !/^0+$/.test(before) ? before : undefined;
  }
  return undefined;
}

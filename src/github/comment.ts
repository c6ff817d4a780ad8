/**
 * The sticky plan comment on a pull request. One comment per (repository, prefect file,
 * selection), found again by a hidden marker among the comments the token's own identity wrote;
 * the marker also carries the plan's fingerprint, which `require-plan-match` reads back after the
 * merge.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { getOctokit } from '@actions/github';
import type { PlanFingerprint } from '../core/plan/hash.js';
import type { CommentMode } from './inputs.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface Repository {
  owner: string;
  repo: string;
}

/** Octokit for the token, loaded only by runs that talk to GitHub. Honours GITHUB_API_URL (GHES, tests). */
export async function createOctokit(token: string): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token, { baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com' });
}

const MARKER = 'deploy-action:plan';
/** Above this the per-field hashes are left out of the marker: deployments still compare, fields do not. */
const MAX_FIELD_DATA = 20_000;

export interface CommentKeys {
  /** Repository + prefect file + selection: the comment to update. */
  key: string;
  /** Repository + prefect file: the comments a deploy of any selection may compare against. */
  scope: string;
}

export function commentKeys(repository: string, prefectFile: string, selection: string): CommentKeys {
  const h = (parts: string[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
  return { key: h([repository, prefectFile, selection]), scope: h([repository, prefectFile]) };
}

export interface PlanMarker extends CommentKeys {
  fingerprint: PlanFingerprint;
}

/** `<!-- deploy-action:plan key=… scope=… hash=… data=… -->`: data is the per-deployment fingerprint, deflated. */
export function formatMarker(keys: CommentKeys, fingerprint: PlanFingerprint): string {
  const encode = (withFields: boolean) =>
    deflateRawSync(
      JSON.stringify(Object.fromEntries(Object.entries(fingerprint.deployments).map(([name, d]) => [name, withFields ? [d.hash, d.fields] : [d.hash]]))),
    ).toString('base64url');
  let data = encode(true);
  if (data.length > MAX_FIELD_DATA) data = encode(false);
  // Thousands of deployments: the plan hash alone, which a deploy of the same selection still checks.
  if (data.length > MAX_FIELD_DATA) data = '';
  return `<!-- ${MARKER} key=${keys.key} scope=${keys.scope} hash=${fingerprint.hash} data=${data} -->`;
}

const MARKER_RE = new RegExp(`<!-- ${MARKER} key=([0-9a-f]+) scope=([0-9a-f]+) hash=([0-9a-f]+) data=([A-Za-z0-9_-]*) -->`);

export function parseMarker(body: string): PlanMarker | undefined {
  const m = MARKER_RE.exec(body);
  if (!m) return undefined;
  let deployments: PlanFingerprint['deployments'] = {};
  try {
    const raw = JSON.parse(inflateRawSync(Buffer.from(m[4]!, 'base64url')).toString('utf8')) as Record<string, [string, Record<string, string>?]>;
    deployments = Object.fromEntries(Object.entries(raw).map(([name, [hash, fields]]) => [name, { hash, fields: fields ?? {} }]));
  } catch {
    // A marker whose data cannot be read still identifies the comment.
  }
  return { key: m[1]!, scope: m[2]!, fingerprint: { hash: m[3]!, deployments } };
}

/**
 * The login the token acts as, so only its own comments are considered. GraphQL's `viewer` answers
 * for every kind of token without extra scopes (an Actions or App installation token cannot call
 * `GET /user`); `GET /user` covers tokens GraphQL refuses. `github-actions[bot]` is what
 * GITHUB_TOKEN comments as, the fallback when neither answers.
 */
export async function currentLogin(octokit: Octokit): Promise<string> {
  try {
    const res = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    if (res.viewer.login) return res.viewer.login;
  } catch {
    // try REST
  }
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    return 'github-actions[bot]';
  }
}

export interface PlanComment {
  id: number;
  nodeId: string;
  url: string;
  body: string;
  marker: PlanMarker;
}

/** The plan comments `login` wrote on an issue or pull request, oldest first (every page). */
export async function ownPlanComments(octokit: Octokit, repo: Repository, issue: number, login: string): Promise<PlanComment[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
  const out: PlanComment[] = [];
  for (const c of comments) {
    if (c.user?.login !== login || !c.body) continue;
    const marker = parseMarker(c.body);
    if (marker) out.push({ id: c.id, nodeId: c.node_id, url: c.html_url, body: c.body, marker });
  }
  return out;
}

const PREVIEW_MARKER = 'deploy-action:preview';
const PREVIEW_MARKER_RE = new RegExp(`<!-- ${PREVIEW_MARKER} key=([0-9a-f]+) -->`);

/**
 * `<!-- deploy-action:preview key=… -->`: the preview comment's own marker, so that it is found
 * apart from the plan comment (and require-plan-match never reads it as a plan).
 */
export function formatPreviewMarker(keys: Pick<CommentKeys, 'key'>): string {
  return `<!-- ${PREVIEW_MARKER} key=${keys.key} -->`;
}

export function parsePreviewMarker(body: string): { key: string } | undefined {
  const m = PREVIEW_MARKER_RE.exec(body);
  return m ? { key: m[1]! } : undefined;
}

/** A comment `login` wrote that carries a marker of one kind, with that marker's key. */
interface KeyedComment {
  id: number;
  nodeId: string;
  url: string;
  body: string;
  key: string;
}

/** The comments of one kind (plan or preview) `login` wrote on an issue or pull request, oldest first. */
async function ownKeyedComments(octokit: Octokit, repo: Repository, issue: number, login: string, kind: CommentKind): Promise<KeyedComment[]> {
  if (kind === 'plan') return (await ownPlanComments(octokit, repo, issue, login)).map((c) => ({ ...c, key: c.marker.key }));
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
  const out: KeyedComment[] = [];
  for (const c of comments) {
    if (c.user?.login !== login || !c.body) continue;
    const marker = parsePreviewMarker(c.body);
    if (marker) out.push({ id: c.id, nodeId: c.node_id, url: c.html_url, body: c.body, key: marker.key });
  }
  return out;
}

/** The sticky comments the action keeps: the plan, and the preview deployments (mode preview). */
export type CommentKind = 'plan' | 'preview';

export interface UpsertRequest {
  /** Which sticky comment (default plan): each kind is found by its own marker. */
  kind?: CommentKind;
  repo: Repository;
  pullRequest: number;
  mode: Exclude<CommentMode, 'off'>;
  keys: CommentKeys;
  /** The whole body, marker included, already redacted and within the size limit. */
  body: string;
  /** Whether the plan would change anything (changes-only posts nothing new otherwise). */
  hasChanges: boolean;
}

export type UpsertResult = { action: 'created' | 'updated'; url: string; minimized?: { url: string; error?: string } } | { action: 'skipped'; reason: string };

export async function upsertPlanComment(octokit: Octokit, request: UpsertRequest): Promise<UpsertResult> {
  const { repo, pullRequest, keys, body } = request;
  const login = await currentLogin(octokit);
  const previous = (await ownKeyedComments(octokit, repo, pullRequest, login, request.kind ?? 'plan')).filter((c) => c.key === keys.key).at(-1);

  if (request.mode === 'changes-only' && !request.hasChanges && !previous) {
    return { action: 'skipped', reason: 'no changes to comment on (comment-mode changes-only)' };
  }
  if (previous && request.mode !== 'always-new') {
    if (previous.body === body) return { action: 'updated', url: previous.url };
    const res = await octokit.rest.issues.updateComment({ ...repo, comment_id: previous.id, body });
    return { action: 'updated', url: res.data.html_url };
  }
  let minimized: { url: string; error?: string } | undefined;
  if (previous) {
    try {
      await octokit.graphql('mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized } } }', {
        id: previous.nodeId,
      });
      minimized = { url: previous.url };
    } catch (e) {
      // Hiding the old plan is a courtesy: the new one is posted regardless.
      minimized = { url: previous.url, error: (e as Error).message };
    }
  }
  const res = await octokit.rest.issues.createComment({ ...repo, issue_number: pullRequest, body });
  return { action: 'created', url: res.data.html_url, ...(minimized ? { minimized } : {}) };
}

/** The HTTP status of an Octokit error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

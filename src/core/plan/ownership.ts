/**
 * Which project owns a deployment, and which deployments a project owns that its prefect.yaml no
 * longer has (what `--prune` deletes).
 *
 * Every deployment this tool writes carries a label `deploy-action.owner: <identity>`, the
 * identity being the repository and the prefect.yaml's path inside it
 * (`github.com/acme/etl:flows/prefect.yaml`). Labels are shown in the Prefect UI, do not reach flow
 * runs' tag-based concurrency limits (tags would), and are set by `POST /deployments/` (the
 * upsert); `PATCH` cannot set them and the deployment filter cannot filter on them, so the owned
 * deployments are found by listing the workspace's deployments and reading their labels. A
 * deployment without this project's mark is never deleted, whoever registered it.
 */
import path from 'node:path';
import { isMapping, type Mapping } from '../config/index.js';
import type { Environment } from '../templating/index.js';
import { qualifiedName } from './desired.js';
import { jsonEqual, type FieldChange } from './diff.js';
import { runGit, type GitRunner } from './version-info.js';

/** The label that records the owning project. */
export const OWNER_LABEL = 'deploy-action.owner';

export interface IdentityRequest {
  prefectFile: string;
  cwd: string;
  env: Environment;
  /** `--owner ID` / the action's `owner` input: used as it is. */
  owner?: string | undefined;
  /**
   * Where the prefect.yaml path is counted from when the directory is in no git repository (default
   * cwd): over several projects the run's directory, else every project's file would read
   * `prefect.yaml` and the projects would share one identity (and prune each other's deployments).
   */
  ownerRoot?: string | undefined;
  git?: GitRunner;
}

/**
 * The owning project's identity: `<repository>:<prefect.yaml path from the repository root>`. The
 * repository is `<host>/<GITHUB_REPOSITORY>` in GitHub Actions, else the `origin` remote as
 * `host/owner/repo` (credentials, scheme, port and `.git` dropped, so an https and an ssh clone
 * agree), else the directory's name; the root is git's top level, else the working directory.
 */
export async function projectIdentity(request: IdentityRequest): Promise<string> {
  if (request.owner?.trim()) return request.owner.trim();
  const git = request.git ?? runGit;
  const ask = (args: string[]) =>
    git(args, request.cwd).then(
      (out) => out || undefined,
      () => undefined,
    );
  const root = (await ask(['rev-parse', '--show-toplevel'])) ?? request.ownerRoot ?? request.cwd;
  const file = path.resolve(request.cwd, request.prefectFile);
  const relative = path.relative(path.resolve(root), file).split(path.sep).join('/');
  const repository = githubRepository(request.env) ?? normalizeRemote((await ask(['config', '--get', 'remote.origin.url'])) ?? '') ?? path.basename(path.resolve(root));
  return `${repository}:${relative}`;
}

function githubRepository(env: Environment): string | undefined {
  const repo = env.GITHUB_REPOSITORY?.trim();
  if (!repo) return undefined;
  let host = 'github.com';
  try {
    if (env.GITHUB_SERVER_URL) host = new URL(env.GITHUB_SERVER_URL).hostname.toLowerCase();
  } catch {
    // Keep github.com.
  }
  return `${host}/${repo}`;
}

/**
 * A remote URL as `host/owner/repo`: `https://user:token@github.com/acme/etl.git`,
 * `git@github.com:acme/etl.git` and `ssh://git@github.com:22/acme/etl` all give
 * `github.com/acme/etl`; a local path gives its last two segments' text as written. Undefined for
 * an empty remote.
 */
export function normalizeRemote(remote: string): string | undefined {
  const text = remote.trim();
  if (!text) return undefined;
  let host = '';
  let rest = text;
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/]*)(.*)$/.exec(text);
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.*)$/.exec(text);
  if (url) {
    host = url[1]!.replace(/^.*@/, '').replace(/:\d*$/, '');
    rest = url[2]!;
  } else if (scp) {
    host = scp[1]!;
    rest = scp[2]!;
  }
  rest = rest
    .replace(/[?#].*$/, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '');
  return host ? `${host.toLowerCase()}/${rest}` : rest;
}

/** The owner a stored deployment is marked with, if any. */
export function ownerOf(deployment: Mapping): string | undefined {
  const labels = deployment.labels;
  const owner = isMapping(labels) ? labels[OWNER_LABEL] : undefined;
  return typeof owner === 'string' ? owner : undefined;
}

/** The labels the create body carries: the mark alone (the server adds its own `prefect.*` ones). */
export function ownerLabels(owner: string): Mapping {
  return { [OWNER_LABEL]: owner };
}

/**
 * The change a deploy makes to a stored deployment's mark, if any. Only this tool's label is
 * compared: the ones the server adds (`prefect.flow.id`, the flow's labels) never show as a diff.
 */
export function ownershipChange(current: Mapping, owner: string | undefined): FieldChange | undefined {
  if (owner === undefined) return undefined;
  const from = ownerOf(current);
  return from === owner ? undefined : { field: 'owner', from: from ?? null, to: owner };
}

/**
 * Fields of a stored deployment the marking upsert sends back as they are. The upsert writes what
 * its body sets, and its validation sets `parameters` ({} when absent) and replaces the schedules,
 * so everything is echoed; left out are the concurrency limit (the upsert re-creates its global
 * limit only when given one) and `version_info` (the upsert never updates it).
 */
const ECHOED = [
  'version',
  'description',
  'parameters',
  'tags',
  'paused',
  'enforce_parameter_schema',
  'parameter_openapi_schema',
  'pull_steps',
  'work_pool_name',
  'work_queue_name',
  'job_variables',
  'entrypoint',
  'path',
  'concurrency_options',
  'storage_document_id',
  'infrastructure_document_id',
] as const;

/**
 * The body of the upsert (`POST /deployments/`) that marks an existing deployment: the deployment
 * as stored, its labels plus the mark. Schedules are sent oldest first: the server lists them
 * newest first (by `updated`), so they come back in the order they had. A field equal to the one
 * `desired` (the update body) has is sent as desired: the server's JSON, read back, no longer says
 * that `1.0` was a float, and the reference's update would store it as one.
 */
export function markBody(current: Mapping, owner: string, desired: Mapping = {}): Mapping {
  const labels = isMapping(current.labels) ? current.labels : {};
  const schedules = Array.isArray(current.schedules) ? current.schedules.filter(isMapping) : [];
  const body: Mapping = { name: current.name, flow_id: current.flow_id };
  for (const field of ECHOED) {
    if (current[field] === undefined || current[field] === null) continue;
    body[field] = field in desired && jsonEqual(desired[field], current[field]) ? desired[field] : current[field];
  }
  return {
    ...body,
    labels: { ...labels, [OWNER_LABEL]: owner },
    schedules: [...schedules].reverse().map((s) => ({ schedule: s.schedule, active: s.active, parameters: s.parameters ?? {}, slug: s.slug ?? null })),
  };
}

/** A deployment a prune deletes: owned by this project, no longer in its prefect.yaml. */
export interface Deletion {
  id: string;
  flowName: string;
  name: string;
  owner: string;
  /** Automations it owns (`owner_resource`), deleted with it. */
  automations?: string[];
}

/** What listing the owned deployments needs from the API (`PrefectClient` implements it). */
export interface OwnershipClient {
  /** `POST /deployments/filter`, every page. */
  readAllDeployments(): Promise<Mapping[]>;
  /** `POST /flows/filter` by id. */
  readFlowsById(ids: readonly string[]): Promise<Mapping[]>;
}

/** Every deployment of the workspace marked with `owner`, with its flow's name. */
export async function readOwnedDeployments(client: OwnershipClient, owner: string): Promise<Deletion[]> {
  const owned = (await client.readAllDeployments()).filter((d) => ownerOf(d) === owner);
  if (owned.length === 0) return [];
  const flows = await client.readFlowsById([...new Set(owned.map((d) => String(d.flow_id)))]);
  const names = new Map(flows.map((f) => [String(f.id), String(f.name)]));
  return owned.map((d) => ({ id: String(d.id), flowName: names.get(String(d.flow_id)) ?? String(d.flow_id), name: String(d.name), owner }));
}

/**
 * The owned deployments the plan no longer has: what a prune deletes, sorted by `flow/name`. A
 * renamed deployment (or one whose flow was renamed) is one of them, beside its new name's create.
 * `unplanned`: deployment names selected but left unplanned (`--changed-since`, which does not
 * analyse their flows): an owned deployment of that name is kept, whatever its flow.
 */
export function deletionsOf(owned: readonly Deletion[], planned: readonly { flowName: string; name: string }[], unplanned: readonly string[] = []): Deletion[] {
  const kept = new Set(planned.map(qualifiedName));
  const keptNames = new Set(unplanned);
  return owned.filter((d) => !kept.has(qualifiedName(d)) && !keptNames.has(d.name)).sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
}

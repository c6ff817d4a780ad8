/**
 * The typed Prefect API client: one method per endpoint the engine uses (spec §5.5), typed with
 * the types generated from the server's OpenAPI document (`openapi.d.ts`).
 */
import { apiPath, HttpClient, type HttpClientOptions, type HttpHooks, PrefectApiError, PrefectWriteUnknownError } from './http.js';
import type { components } from './openapi.js';
import { parseServerVersion } from './server-version.js';
import { isCloud, type PrefectClientSettings, settingsFromEnv, type SettingsOverrides } from './settings.js';

type Schemas = components['schemas'];

export type WorkPool = Schemas['WorkPoolResponse'];
export type Flow = Schemas['Flow'];
export type FlowCreate = Schemas['FlowCreate'];
export type Deployment = Schemas['DeploymentResponse'];
export type DeploymentCreate = Schemas['DeploymentCreate'];
export type DeploymentUpdate = Schemas['DeploymentUpdate'];
export type DeploymentSchedule = Schemas['DeploymentSchedule'];
export type Automation = Schemas['Automation'];
export type AutomationCreate = Schemas['AutomationCreate'];
export type BlockDocument = Schemas['BlockDocument'];
export type Variable = Schemas['Variable'];
export type Worker = Schemas['WorkerResponse'];
export type FlowRun = Schemas['FlowRunResponse'];
export type FlowRunState = Schemas['State'];
export type DeploymentFlowRunCreate = Schemas['DeploymentFlowRunCreate'];
export type Log = Schemas['Log'];
type LogsFilterBody = Schemas['Body_read_logs_logs_filter_post'];
type WorkersFilterBody = Schemas['Body_read_workers_work_pools__work_pool_name__workers_filter_post'];
type FlowsFilterBody = Schemas['Body_read_flows_flows_filter_post'];
type DeploymentsFilterBody = Schemas['Body_read_deployments_deployments_filter_post'];
type AutomationsFilterBody = Schemas['Body_read_automations_automations_filter_post'];

/** What a read knows in advance about how many items its filter matches (see `readUpTo`). */
interface ReadHint {
  /** The filter cannot match more than this many. */
  atMost?: number;
  /** About this many are likely to match. */
  expected?: number;
}

/** `PREFECT_SERVER_API_DEFAULT_LIMIT`'s default: the largest page a self-hosted server (and Cloud) serves. */
const DEFAULT_PAGE_SIZE = 200;
/** At most this many values in one `any_` list of a filter, to keep request bodies and SQL `IN` lists modest. */
export const MAX_FILTER_VALUES = 200;

/**
 * One SLA as `prefect deploy` sends it (Cloud only, so it is not in the open-source server's
 * OpenAPI document): the explicitly given fields, durations in seconds.
 */
export interface Sla {
  name: string;
  severity?: 'minor' | 'low' | 'moderate' | 'high' | 'critical';
  enabled?: boolean;
  duration?: number;
  within?: number;
  stale_after?: number;
  [field: string]: unknown;
}

/** Names of the SLAs the server created, updated and deleted. */
export interface SlaMergeResponse {
  created: string[];
  updated: string[];
  deleted: string[];
}

/** The requests, and the block documents and variables read, for callers that must see them (secret redaction, a debug log). */
export interface ClientHooks extends HttpHooks {
  /** Every block document read, with its secrets (`include_secrets=true`). */
  onBlockDocument?(document: BlockDocument): void;
  /** Every variable read by name. */
  onVariable?(variable: Variable): void;
}

export interface PrefectClientOptions extends HttpClientOptions, SettingsOverrides {
  hooks?: ClientHooks;
  /** The settings to use instead of reading the environment. */
  settings?: PrefectClientSettings;
  /** The environment to read settings from; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Items per page of the `/filter` reads (default 200, the server's default maximum). */
  filterPageSize?: number;
}

/** The resource id Prefect uses for a deployment in automations and SLAs. */
export function deploymentResourceId(deploymentId: string): string {
  return `prefect.deployment.${deploymentId}`;
}

function safeHostname(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof PrefectApiError && error.status === 404;
}

/** `undefined` for a 404, the value otherwise. */
async function orUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The server's page size limit from its refusal of a larger one ("must be less than or equal to N"). */
function serverPageLimit(error: unknown): number | undefined {
  if (!(error instanceof PrefectApiError) || error.status !== 422) return undefined;
  const m = /less than or equal to (\d+)/.exec(error.detail);
  return m ? Number(m[1]) : undefined;
}

export class PrefectClient {
  readonly http: HttpClient;
  /** Items per page of the `/filter` reads; lowered when the server refuses it. */
  private pageSize = DEFAULT_PAGE_SIZE;
  private version: Promise<string | undefined> | undefined;
  /** Automations this client created (or found created after an unknown outcome), by id. */
  private readonly automationsCreated = new Set<string>();
  private readonly hooks: ClientHooks;

  constructor(options: PrefectClientOptions = {}) {
    const settings = options.settings ?? settingsFromEnv(options.env ?? process.env, options);
    this.http = new HttpClient(settings, options);
    this.hooks = options.hooks ?? {};
    if (options.filterPageSize !== undefined) this.pageSize = Math.max(1, options.filterPageSize);
  }

  get apiUrl(): string {
    return this.http.settings.apiUrl;
  }

  /** Whether the API is Prefect Cloud (the URL starts with `PREFECT_CLOUD_API_URL`). */
  get isCloud(): boolean {
    return isCloud(this.http.settings);
  }

  /** Closes idle keep-alive connections so the process can exit promptly. */
  close(): void {
    this.http.close();
  }

  /**
   * The server's release (`GET /admin/version`, e.g. "3.4.25"), read once per client; undefined for
   * Prefect Cloud and for a server that does not say (404, 401, 403 or an answer that is no
   * version), which are taken as current: the version only decides which fields may be sent.
   */
  serverVersion(): Promise<string | undefined> {
    this.version ??= this.readServerVersion();
    return this.version;
  }

  private async readServerVersion(): Promise<string | undefined> {
    if (this.isCloud || /(^|\.)prefect\.cloud$/i.test(safeHostname(this.apiUrl))) return undefined;
    try {
      const version = await this.http.json<unknown>({ method: 'GET', path: '/admin/version' });
      return typeof version === 'string' && parseServerVersion(version) ? version : undefined;
    } catch (error) {
      if (error instanceof PrefectApiError && [401, 403, 404].includes(error.status)) return undefined;
      throw error;
    }
  }

  /**
   * Starts what every run asks first (the server's version, the CSRF token its POSTs carry) while
   * the caller reads its files; resolves once the token is there (or could not be had: nothing is
   * reported here, the requests that need it meet the problem).
   */
  prepare(): Promise<void> {
    this.serverVersion().catch(() => {});
    return this.http.prepare();
  }

  /** `GET /health`: resolves when the API answers, rejects with the reason otherwise. */
  async health(): Promise<void> {
    await this.http.call({ method: 'GET', path: '/health' });
  }

  /** `GET /work_pools/{name}`; `undefined` when there is no such pool. */
  readWorkPool(name: string): Promise<WorkPool | undefined> {
    return orUndefined(this.http.json<WorkPool>({ method: 'GET', path: apiPath`/work_pools/${name}` }));
  }

  /** `GET /deployments/name/{flow}/{deployment}`; `undefined` when it does not exist yet (create path). */
  readDeploymentByName(flowName: string, deploymentName: string): Promise<Deployment | undefined> {
    return orUndefined(this.http.json<Deployment>({ method: 'GET', path: apiPath`/deployments/name/${flowName}/${deploymentName}` }));
  }

  /**
   * Every item a `POST …/filter` matches, page by page at the server's largest page size (a server
   * configured with a smaller `PREFECT_SERVER_API_DEFAULT_LIMIT` says so in its 422, and the read
   * continues with that). Sorted by creation, newest first, and de-duplicated by id: an item created
   * while paging shifts later pages by one, which repeats an item rather than skipping one.
   */
  async readAll<T extends { id?: string }>(path: string, body: Record<string, unknown>, hint: ReadHint = {}): Promise<T[]> {
    return (await this.readUpTo<T>(path, body, Infinity, hint))!;
  }

  /**
   * `readAll`, giving up (undefined) as soon as more than `budget` items have been read. With a
   * hint, pages that cannot hold anything are not asked for (`atMost` items found: the read is
   * complete), and the page after the current one is asked for at the same time when `expected`
   * items would fill the current one: reading 200 names at 200 a page then costs one round trip
   * for both pages, not two in a row.
   */
  private async readUpTo<T extends { id?: string }>(
    path: string,
    body: Record<string, unknown>,
    budget: number,
    { atMost = Infinity, expected = 0 }: ReadHint = {},
  ): Promise<T[] | undefined> {
    const out: T[] = [];
    const seen = new Set<string>();
    const ask = (offset: number) => {
      const page = this.readPage<T>(path, body, offset);
      page.catch(() => {}); // a page asked for ahead and then not needed must not fail the process
      return { offset, page };
    };
    let current = ask(0);
    let ahead = expected >= this.pageSize ? ask(this.pageSize) : undefined;
    for (;;) {
      const { items, limit } = await current.page;
      for (const item of items) {
        if (item.id !== undefined && seen.has(item.id)) continue;
        if (item.id !== undefined) seen.add(item.id);
        out.push(item);
      }
      if (out.length > budget) return undefined;
      if (items.length < limit || out.length >= atMost) return out;
      const offset = current.offset + items.length;
      current = ahead?.offset === offset ? ahead : ask(offset);
      ahead = expected >= offset + limit ? ask(offset + limit) : undefined;
    }
  }

  /** One page of a `POST …/filter` (newest first), and the page size it was asked with. */
  async readPage<T>(path: string, body: Record<string, unknown>, offset: number): Promise<{ items: T[]; limit: number }> {
    for (;;) {
      const limit = this.pageSize;
      try {
        return { items: await this.http.json<T[]>({ method: 'POST', path, body: { ...body, sort: 'CREATED_DESC', offset, limit }, idempotent: true }), limit };
      } catch (error) {
        const max = serverPageLimit(error);
        if (max === undefined || max >= limit || max < 1) throw error;
        this.pageSize = max;
      }
    }
  }

  /** The largest page `readAll` asks for (the server's limit once it has refused a larger one). */
  get filterPageSize(): number {
    return this.pageSize;
  }

  /** `POST /flows/filter` by name: the flows among `names` that exist (any number of names, the chunks at once). */
  async readFlowsByName(names: readonly string[]): Promise<Flow[]> {
    const found = await Promise.all(
      chunks([...new Set(names)], MAX_FILTER_VALUES).map((chunk) => {
        const body: FlowsFilterBody = { flows: { name: { any_: chunk } } };
        // Flow names are unique: once every name is found there is nothing more to read.
        return this.readAll<Flow>('/flows/filter', body, { atMost: chunk.length });
      }),
    );
    return found.flat();
  }

  /**
   * `POST /deployments/filter`: the deployments of these flows with one of these names (a superset
   * of the wanted flow/name pairs when several flows share names; the caller picks its pairs).
   */
  readDeploymentsOfFlows(flowIds: readonly string[], names: readonly string[]): Promise<Deployment[]> {
    const body: DeploymentsFilterBody = { flows: { id: { any_: [...flowIds] } }, deployments: { name: { any_: [...names] } } };
    return this.readAll<Deployment>('/deployments/filter', body, { expected: names.length });
  }

  /**
   * `POST /deployments/filter` by deployment name alone (any flow), all pages, or undefined once
   * more than `budget` have been read (names many other flows use too).
   */
  async readDeploymentsNamed(names: readonly string[], budget: number): Promise<Deployment[] | undefined> {
    // The chunks at once, each within the whole budget; over it together is over it too. A chunk
    // of one name fewer than a page holds: when each name is one deployment, its first page is
    // short, so complete, and no second page is asked for.
    const found = await Promise.all(
      chunks([...new Set(names)], namesPerPage(this.pageSize)).map((chunk) => {
        const body: DeploymentsFilterBody = { deployments: { name: { any_: chunk } } };
        return this.readUpTo<Deployment>('/deployments/filter', body, budget, { expected: chunk.length });
      }),
    );
    if (found.some((page) => page === undefined)) return undefined;
    const out = found.flatMap((page) => page!);
    return out.length > budget ? undefined : out;
  }

  /** The first page of `POST /automations/filter` (newest first), and whether it holds them all. */
  async readAutomationsFirstPage(): Promise<{ automations: Automation[]; complete: boolean }> {
    const { items, limit } = await this.readPage<Automation>('/automations/filter', {} satisfies AutomationsFilterBody, 0);
    return { automations: items, complete: items.length < limit };
  }

  /** Every automation of the workspace (`POST /automations/filter`, paged). */
  readAutomations(): Promise<Automation[]> {
    return this.readAll<Automation>('/automations/filter', {} satisfies AutomationsFilterBody);
  }

  /** `POST /automations/count`. */
  countAutomations(): Promise<number> {
    return this.http.json<number>({ method: 'POST', path: '/automations/count', body: {}, idempotent: true });
  }

  /** Every deployment of the workspace (`POST /deployments/filter`, paged): the owned ones are found by their labels, which the filter cannot match. */
  readAllDeployments(): Promise<Deployment[]> {
    return this.readAll<Deployment>('/deployments/filter', {} satisfies DeploymentsFilterBody);
  }

  /** `POST /flows/filter` by id: the flows among `ids` that exist. */
  async readFlowsById(ids: readonly string[]): Promise<Flow[]> {
    const found = await Promise.all(
      chunks([...new Set(ids)], MAX_FILTER_VALUES).map((chunk) => {
        const body: FlowsFilterBody = { flows: { id: { any_: chunk } } };
        return this.readAll<Flow>('/flows/filter', body, { atMost: chunk.length });
      }),
    );
    return found.flat();
  }

  /**
   * `DELETE /deployments/{id}` (204). A 404 is success: the deployment is gone, whether a retry
   * follows a DELETE whose answer was lost or someone else deleted it first.
   */
  async deleteDeployment(id: string): Promise<void> {
    await orUndefined(this.http.call({ method: 'DELETE', path: apiPath`/deployments/${id}` }));
  }

  /** `GET /deployments/{id}`; `undefined` when there is no such deployment. */
  readDeployment(id: string): Promise<Deployment | undefined> {
    return orUndefined(this.http.json<Deployment>({ method: 'GET', path: apiPath`/deployments/${id}` }));
  }

  /** `POST /flows/`: an upsert by name, answering the (new or existing) flow; safe to repeat. */
  createFlow(name: string, body: Omit<FlowCreate, 'name'> = { tags: [], labels: {} }): Promise<Flow> {
    return this.http.json<Flow>({ method: 'POST', path: '/flows/', body: { name, ...body }, idempotent: true });
  }

  /**
   * `POST /deployments/`: the server upserts by (flow, name), schedules included (replaced, or
   * updated by slug), so a repeat after an unknown outcome leaves one deployment as it should be.
   */
  createDeployment(body: DeploymentCreate): Promise<Deployment> {
    return this.http.json<Deployment>({ method: 'POST', path: '/deployments/', body, idempotent: true });
  }

  /** `PATCH /deployments/{id}` (204). */
  async updateDeployment(id: string, body: DeploymentUpdate): Promise<void> {
    await this.http.call({ method: 'PATCH', path: apiPath`/deployments/${id}`, body });
  }

  /** `GET /deployments/{id}/schedules`. */
  readDeploymentSchedules(deploymentId: string): Promise<DeploymentSchedule[]> {
    return this.http.json<DeploymentSchedule[]>({ method: 'GET', path: apiPath`/deployments/${deploymentId}/schedules` });
  }

  /** `DELETE /automations/owned-by/prefect.deployment.{id}` (202); a 404 is ignored, as the reference does. */
  async deleteOwnedAutomations(deploymentId: string): Promise<void> {
    try {
      await this.http.call({ method: 'DELETE', path: apiPath`/automations/owned-by/${deploymentResourceId(deploymentId)}` });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /**
   * `GET /automations/related-to/prefect.deployment.{id}`: the automations owned by the deployment
   * and any other automation whose actions or triggers name it. The API exposes no owner filter
   * and the response carries no owner, so telling the two apart is left to the caller (e.g. by the
   * `<deployment>__automation_<n>` names `prefect deploy` gives).
   */
  readRelatedAutomations(deploymentId: string): Promise<Automation[]> {
    return this.http.json<Automation[]>({
      method: 'GET',
      path: apiPath`/automations/related-to/${deploymentResourceId(deploymentId)}`,
    });
  }

  /**
   * `POST /automations/` (201), never creating it twice: each `POST` makes a new automation, so
   * when a send's outcome is unknown (connection broken after sending, a gateway's 5xx) the
   * automations of its owner are read, and one of the same name that this client has not already
   * accounted for is taken as the one sent; only when there is none is it sent again.
   */
  async createAutomation(body: AutomationCreate): Promise<Automation> {
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.http.json<Automation>({ method: 'POST', path: '/automations/', body, idempotent: false });
        this.automationsCreated.add(created.id);
        return created;
      } catch (error) {
        if (!(error instanceof PrefectWriteUnknownError) || attempt >= this.http.settings.maxRetries) throw error;
        const applied = await this.findCreatedAutomation(body);
        if (applied) {
          this.automationsCreated.add(applied.id);
          return applied;
        }
      }
    }
  }

  private async findCreatedAutomation(body: AutomationCreate): Promise<Automation | undefined> {
    const owner = body.owner_resource;
    const runs = body.actions.flatMap((a) => ('deployment_id' in a && typeof a.deployment_id === 'string' ? [a.deployment_id] : []));
    const resource = owner ?? (runs[0] !== undefined ? deploymentResourceId(runs[0]) : undefined);
    if (!resource) {
      throw new Error(
        `POST /automations/ "${body.name}": the outcome is unknown and the automation names no owner to look it up by; check the automations before re-running`,
      );
    }
    const related = await this.http.json<Automation[]>({ method: 'GET', path: apiPath`/automations/related-to/${resource}` });
    // The open-source server does not answer with the owner; the name and the deployment run tell.
    const ownedBy = (a: Automation) => {
      const stored = (a as { owner_resource?: string | null }).owner_resource;
      return stored === undefined || stored === owner;
    };
    const runsSame = (a: Automation) => runs.every((id) => a.actions.some((x) => 'deployment_id' in x && x.deployment_id === id));
    return related.find((a) => a.name === body.name && ownedBy(a) && runsSame(a) && !this.automationsCreated.has(a.id));
  }

  /** `GET /block_types/slug/{slug}/block_documents/name/{name}?include_secrets=true`; `undefined` when missing. */
  async readBlockDocumentByName(blockTypeSlug: string, name: string): Promise<BlockDocument | undefined> {
    const document = await orUndefined(
      this.http.json<BlockDocument>({
        method: 'GET',
        path: apiPath`/block_types/slug/${blockTypeSlug}/block_documents/name/${name}`,
        query: { include_secrets: true },
      }),
    );
    if (document) this.hooks.onBlockDocument?.(document);
    return document;
  }

  /** `GET /block_documents/{id}?include_secrets=true`; `undefined` when missing. */
  async readBlockDocument(id: string): Promise<BlockDocument | undefined> {
    const document = await orUndefined(this.http.json<BlockDocument>({ method: 'GET', path: apiPath`/block_documents/${id}`, query: { include_secrets: true } }));
    if (document) this.hooks.onBlockDocument?.(document);
    return document;
  }

  /** `GET /variables/name/{name}`; `undefined` when missing. */
  async readVariableByName(name: string): Promise<Variable | undefined> {
    const variable = await orUndefined(this.http.json<Variable>({ method: 'GET', path: apiPath`/variables/name/${name}` }));
    if (variable) this.hooks.onVariable?.(variable);
    return variable;
  }

  /**
   * `POST /slas/apply-resource-slas/prefect.deployment.{id}` (Prefect Cloud only): creates and
   * updates SLAs by name and deletes the deployment's others. Each SLA gets its `owner_resource`.
   */
  async applySlas(deploymentId: string, slas: Sla[]): Promise<SlaMergeResponse> {
    if (!this.isCloud) {
      throw new Error(
        `SLAs are only supported on Prefect Cloud (the API URL ${this.apiUrl} does not start with PREFECT_CLOUD_API_URL ${this.http.settings.cloudApiUrl})`,
      );
    }
    const resourceId = deploymentResourceId(deploymentId);
    const body = slas.map((sla) => ({ ...sla, owner_resource: resourceId }));
    const response = await this.http.json<Record<'created' | 'updated' | 'deleted', { name?: string }[] | undefined>>({
      method: 'POST',
      path: apiPath`/slas/apply-resource-slas/${resourceId}`,
      body,
      // SLAs are merged by name: a repeat leaves the same set.
      idempotent: true,
    });
    const names = (list: { name?: string }[] | undefined): string[] => (list ?? []).map((sla) => sla.name ?? '');
    return { created: names(response.created), updated: names(response.updated), deleted: names(response.deleted) };
  }

  // Global concurrency limits used as a lease (the deploy lock): `/v2/concurrency_limits/…`.
  // Each of these is safe to send again when its answer was lost: a limit or variable created twice
  // answers 409, a renewal or release repeated changes nothing, and a slot taken twice cannot be (the
  // limit has one slot: the repeat is refused as held until the lost lease expires, a wait, never a
  // second holder).

  /**
   * `POST /v2/concurrency_limits/` with one slot; false when a limit of that name exists already
   * (another deploy created it first).
   */
  async createConcurrencyLimit(name: string, limit = 1): Promise<boolean> {
    try {
      await this.http.call({ method: 'POST', path: '/v2/concurrency_limits/', body: { name, limit }, idempotent: true });
      return true;
    } catch (error) {
      if (error instanceof PrefectApiError && error.status === 409) return false;
      throw error;
    }
  }

  /**
   * `POST /v2/concurrency_limits/increment-with-lease`: one slot of the limit for `leaseSeconds`
   * (60 s to a day). `held` when the slot is taken (423); `missing` when no limit has that name (the
   * server then grants a lease on nothing).
   */
  async acquireConcurrencyLease(name: string, leaseSeconds: number): Promise<{ leaseId: string } | 'held' | 'missing'> {
    try {
      const r = await this.http.json<{ lease_id: string; limits: unknown[] }>({
        method: 'POST',
        path: '/v2/concurrency_limits/increment-with-lease',
        body: { names: [name], slots: 1, mode: 'concurrency', lease_duration: leaseSeconds },
        idempotent: true,
      });
      if (r.limits.length === 0) {
        await this.releaseConcurrencyLease(r.lease_id);
        return 'missing';
      }
      return { leaseId: r.lease_id };
    } catch (error) {
      if (error instanceof PrefectApiError && error.status === 423) return 'held';
      throw error;
    }
  }

  /** `POST /v2/concurrency_limits/leases/{id}/renew`; false when the lease expired or was revoked (410). */
  async renewConcurrencyLease(leaseId: string, leaseSeconds: number): Promise<boolean> {
    try {
      await this.http.call({ method: 'POST', path: apiPath`/v2/concurrency_limits/leases/${leaseId}/renew`, body: { lease_duration: leaseSeconds }, idempotent: true });
      return true;
    } catch (error) {
      if (error instanceof PrefectApiError && (error.status === 410 || error.status === 404)) return false;
      throw error;
    }
  }

  /** `PATCH /v2/concurrency_limits/{name}` to no active slot: frees a slot whose lease the server lost. */
  async resetConcurrencyLimit(name: string): Promise<void> {
    await this.http.call({ method: 'PATCH', path: apiPath`/v2/concurrency_limits/${name}`, body: { active_slots: 0 } });
  }

  /** `POST /variables/`, or `PATCH /variables/name/{name}` when it exists (409). */
  async writeVariable(name: string, value: unknown): Promise<void> {
    try {
      await this.http.call({ method: 'POST', path: '/variables/', body: { name, value }, idempotent: true });
    } catch (error) {
      if (!(error instanceof PrefectApiError && error.status === 409)) throw error;
      await this.http.call({ method: 'PATCH', path: apiPath`/variables/name/${name}`, body: { value } });
    }
  }

  /** `DELETE /variables/name/{name}`; a variable already gone is no error. */
  async deleteVariable(name: string): Promise<void> {
    await orUndefined(this.http.call({ method: 'DELETE', path: apiPath`/variables/name/${name}` }));
  }

  /** `POST /v2/concurrency_limits/decrement-with-lease` (204; a lease already gone is no error). */
  async releaseConcurrencyLease(leaseId: string): Promise<void> {
    await this.http.call({ method: 'POST', path: '/v2/concurrency_limits/decrement-with-lease', body: { lease_id: leaseId }, idempotent: true });
  }

  /**
   * `POST /deployments/{id}/create_flow_run`: a run of the deployment (the server merges
   * `parameters` over the deployment's). Not repeated on an unknown outcome: a repeat would start
   * a second run.
   */
  createFlowRunFromDeployment(deploymentId: string, body: DeploymentFlowRunCreate = {}): Promise<FlowRun> {
    return this.http.json<FlowRun>({ method: 'POST', path: apiPath`/deployments/${deploymentId}/create_flow_run`, body });
  }

  /** `GET /flow_runs/{id}`. */
  readFlowRun(id: string): Promise<FlowRun> {
    return this.http.json<FlowRun>({ method: 'GET', path: apiPath`/flow_runs/${id}` });
  }

  /** `POST /flow_runs/{id}/set_state` to Cancelling (the worker then stops the run), as `prefect flow-run cancel` does. */
  async cancelFlowRun(id: string): Promise<void> {
    await this.http.call({ method: 'POST', path: apiPath`/flow_runs/${id}/set_state`, body: { state: { type: 'CANCELLING', name: 'Cancelling' } } });
  }

  /** `POST /logs/filter`: a flow run's newest `limit` log records, oldest first. */
  async readFlowRunLogs(flowRunId: string, limit: number): Promise<Log[]> {
    const body: LogsFilterBody = { logs: { flow_run_id: { any_: [flowRunId] } }, sort: 'TIMESTAMP_DESC', limit };
    const newest = await this.http.json<Log[]>({ method: 'POST', path: '/logs/filter', body, idempotent: true });
    return newest.reverse();
  }

  /** `POST /work_pools/{pool}/workers/filter`, only ONLINE workers when asked. */
  readWorkersForPool(workPoolName: string, onlineOnly = false): Promise<Worker[]> {
    // The reference also sends `offset: null, limit: null`; leaving them out means the same to the server.
    const body: WorkersFilterBody = onlineOnly ? { workers: { status: { any_: ['ONLINE'] } } } : {};
    return this.http.json<Worker[]>({ method: 'POST', path: apiPath`/work_pools/${workPoolName}/workers/filter`, body, idempotent: true });
  }
}

/** Names in one deployments filter by name: one fewer than a page (see `readDeploymentsNamed`). */
export function namesPerPage(pageSize: number): number {
  return Math.max(1, Math.min(MAX_FILTER_VALUES, pageSize) - 1);
}

/** `items` in runs of at most `size` (the values of one filter request). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

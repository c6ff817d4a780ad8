/**
 * The typed Prefect API client: one method per endpoint the engine uses (spec §5.5), typed with
 * the types generated from the server's OpenAPI document (`openapi.d.ts`).
 */
import { apiPath, HttpClient, type HttpClientOptions, PrefectApiError } from './http.js';
import type { components } from './openapi.js';
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
type WorkersFilterBody = Schemas['Body_read_workers_work_pools__work_pool_name__workers_filter_post'];

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

export interface PrefectClientOptions extends HttpClientOptions, SettingsOverrides {
  /** The settings to use instead of reading the environment. */
  settings?: PrefectClientSettings;
  /** The environment to read settings from; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The resource id Prefect uses for a deployment in automations and SLAs. */
export function deploymentResourceId(deploymentId: string): string {
  return `prefect.deployment.${deploymentId}`;
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

export class PrefectClient {
  readonly http: HttpClient;

  constructor(options: PrefectClientOptions = {}) {
    const settings = options.settings ?? settingsFromEnv(options.env ?? process.env, options);
    this.http = new HttpClient(settings, options);
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
    return orUndefined(
      this.http.json<Deployment>({ method: 'GET', path: apiPath`/deployments/name/${flowName}/${deploymentName}` }),
    );
  }

  /** `GET /deployments/{id}`; `undefined` when there is no such deployment. */
  readDeployment(id: string): Promise<Deployment | undefined> {
    return orUndefined(this.http.json<Deployment>({ method: 'GET', path: apiPath`/deployments/${id}` }));
  }

  /** `POST /flows/`: an upsert by name, answering the (new or existing) flow. */
  createFlow(name: string, body: Omit<FlowCreate, 'name'> = { tags: [], labels: {} }): Promise<Flow> {
    return this.http.json<Flow>({ method: 'POST', path: '/flows/', body: { name, ...body } });
  }

  /** `POST /deployments/`: the server upserts by (flow, name). */
  createDeployment(body: DeploymentCreate): Promise<Deployment> {
    return this.http.json<Deployment>({ method: 'POST', path: '/deployments/', body });
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

  /** `POST /automations/` (201). */
  createAutomation(body: AutomationCreate): Promise<Automation> {
    return this.http.json<Automation>({ method: 'POST', path: '/automations/', body });
  }

  /** `GET /block_types/slug/{slug}/block_documents/name/{name}?include_secrets=true`; `undefined` when missing. */
  readBlockDocumentByName(blockTypeSlug: string, name: string): Promise<BlockDocument | undefined> {
    return orUndefined(
      this.http.json<BlockDocument>({
        method: 'GET',
        path: apiPath`/block_types/slug/${blockTypeSlug}/block_documents/name/${name}`,
        query: { include_secrets: true },
      }),
    );
  }

  /** `GET /block_documents/{id}?include_secrets=true`; `undefined` when missing. */
  readBlockDocument(id: string): Promise<BlockDocument | undefined> {
    return orUndefined(
      this.http.json<BlockDocument>({ method: 'GET', path: apiPath`/block_documents/${id}`, query: { include_secrets: true } }),
    );
  }

  /** `GET /variables/name/{name}`; `undefined` when missing. */
  readVariableByName(name: string): Promise<Variable | undefined> {
    return orUndefined(this.http.json<Variable>({ method: 'GET', path: apiPath`/variables/name/${name}` }));
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
    });
    const names = (list: { name?: string }[] | undefined): string[] => (list ?? []).map((sla) => sla.name ?? '');
    return { created: names(response.created), updated: names(response.updated), deleted: names(response.deleted) };
  }

  /** `POST /work_pools/{pool}/workers/filter`, only ONLINE workers when asked. */
  readWorkersForPool(workPoolName: string, onlineOnly = false): Promise<Worker[]> {
    // The reference also sends `offset: null, limit: null`; leaving them out means the same to the server.
    const body: WorkersFilterBody = onlineOnly ? { workers: { status: { any_: ['ONLINE'] } } } : {};
    return this.http.json<Worker[]>({ method: 'POST', path: apiPath`/work_pools/${workPoolName}/workers/filter`, body });
  }
}

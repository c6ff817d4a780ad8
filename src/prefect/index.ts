/**
 * src/prefect: the typed Prefect API client (settings, auth, retries, reconciling writes, server
 * versions, UI links). The bottom of the house: imports nothing from src/core or anything above.
 */
export {
  PrefectClient,
  deploymentResourceId,
  type ClientHooks,
  type PrefectClientOptions,
  type Automation,
  type AutomationCreate,
  type BlockDocument,
  type Deployment,
  type DeploymentCreate,
  type DeploymentSchedule,
  type DeploymentUpdate,
  type Flow,
  type FlowCreate,
  type FlowRun,
  type FlowRunState,
  type DeploymentFlowRunCreate,
  type Log,
  type Sla,
  type SlaMergeResponse,
  type Variable,
  type Worker,
  type WorkPool,
} from './client.js';
export {
  HttpClient,
  PrefectApiError,
  PrefectConnectionError,
  apiPath,
  errorDetail,
  PrefectUnreachableError,
  PrefectWriteUnknownError,
  parseRetryAfter,
  DEFAULT_USER_AGENT,
  REFERENCE_PREFECT_VERSION,
  SERVER_API_VERSION,
  type ApiRequest,
  type ApiResponse,
  type ClientLogger,
  type HttpClientOptions,
  type HttpHooks,
  type HttpMethod,
} from './http.js';
export { settingsFromEnv, isCloud, PrefectSettingsError, DEFAULT_CLOUD_API_URL, type PrefectClientSettings, type SettingsOverrides } from './settings.js';
export type { components as OpenApiComponents, paths as OpenApiPaths } from './openapi.js';
export { deploymentUrl, flowRunUrl, uiUrl } from './ui.js';

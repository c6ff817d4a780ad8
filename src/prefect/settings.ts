/**
 * The client settings Prefect reads from the environment (spec §1.11), parsed the way Prefect's
 * pydantic settings parse them. Profiles, prefect.toml and .env are not read: in CI the
 * environment is the configuration.
 */

export interface PrefectClientSettings {
  /** e.g. `http://127.0.0.1:4200/api`, without a trailing slash. */
  apiUrl: string;
  apiKey: string | undefined;
  /** `user:password` for Basic auth; wins over `apiKey`. */
  authString: string | undefined;
  cloudApiUrl: string;
  csrfSupportEnabled: boolean;
  customHeaders: Record<string, string>;
  /** Per phase (connect, idle read/write), in milliseconds. */
  requestTimeoutMs: number;
  tlsInsecureSkipVerify: boolean;
  /** PEM bundle that replaces the default CAs (`PREFECT_API_SSL_CERT_FILE`, else `SSL_CERT_FILE`). */
  sslCertFile: string | undefined;
  maxRetries: number;
  retryJitterFactor: number;
  retryExtraCodes: ReadonlySet<number>;
}

export const DEFAULT_CLOUD_API_URL = 'https://api.prefect.cloud/api';

export class PrefectSettingsError extends Error {
  override name = 'PrefectSettingsError';
}

type Env = Readonly<Record<string, string | undefined>>;

// pydantic's lax bool parsing
const TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new PrefectSettingsError(`${name}=${JSON.stringify(raw)} is not a boolean (use true or false)`);
}

function number(env: Env, name: string, fallback: number, { integer = false, min }: { integer?: boolean; min?: number } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || (min !== undefined && value < min)) {
    const what = integer ? 'an integer' : 'a number';
    throw new PrefectSettingsError(`${name}=${JSON.stringify(raw)} is not ${what}${min !== undefined ? ` >= ${min}` : ''}`);
  }
  return value;
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** `PREFECT_CLIENT_RETRY_EXTRA_CODES=429,500` → {429, 500}; each must be an HTTP status code. */
function statusCodes(env: Env, name: string): Set<number> {
  const raw = env[name];
  const codes = new Set<number>();
  if (!raw) return codes;
  for (const part of raw.split(',')) {
    const code = Number(part.trim());
    if (!Number.isInteger(code) || code < 100 || code > 599) {
      throw new PrefectSettingsError(`${name}=${JSON.stringify(raw)}: ${JSON.stringify(part.trim())} is not an HTTP status code`);
    }
    codes.add(code);
  }
  return codes;
}

function headers(env: Env, name: string): Record<string, string> {
  const raw = env[name];
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new PrefectSettingsError(`${name} is not valid JSON (expected an object such as {"X-Header": "value"})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PrefectSettingsError(`${name} must be a JSON object of header names to values`);
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new PrefectSettingsError(`${name}: the value of header "${key}" must be a string`);
    out[key] = value;
  }
  return out;
}

export interface SettingsOverrides {
  /** Wins over `PREFECT_API_URL`. */
  apiUrl?: string;
  apiKey?: string;
  authString?: string;
}

/** Reads the settings; throws a `PrefectSettingsError` naming the variable when one is malformed. */
export function settingsFromEnv(env: Env = process.env, overrides: SettingsOverrides = {}): PrefectClientSettings {
  const apiUrl = overrides.apiUrl || nonEmpty(env, 'PREFECT_API_URL');
  if (!apiUrl) {
    throw new PrefectSettingsError('PREFECT_API_URL is not set (set it to your server, e.g. http://127.0.0.1:4200/api, or your Prefect Cloud workspace URL)');
  }
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new PrefectSettingsError(`PREFECT_API_URL=${JSON.stringify(apiUrl)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PrefectSettingsError(`PREFECT_API_URL=${JSON.stringify(apiUrl)} must be an http or https URL`);
  }
  return {
    apiUrl: apiUrl.replace(/\/+$/, ''),
    apiKey: overrides.apiKey || nonEmpty(env, 'PREFECT_API_KEY'),
    authString: overrides.authString || nonEmpty(env, 'PREFECT_API_AUTH_STRING'),
    cloudApiUrl: nonEmpty(env, 'PREFECT_CLOUD_API_URL') ?? DEFAULT_CLOUD_API_URL,
    csrfSupportEnabled: bool(env, 'PREFECT_CLIENT_CSRF_SUPPORT_ENABLED', true),
    customHeaders: headers(env, 'PREFECT_CLIENT_CUSTOM_HEADERS'),
    requestTimeoutMs: number(env, 'PREFECT_API_REQUEST_TIMEOUT', 60, { min: 0 }) * 1000,
    tlsInsecureSkipVerify: bool(env, 'PREFECT_API_TLS_INSECURE_SKIP_VERIFY', false),
    sslCertFile: nonEmpty(env, 'PREFECT_API_SSL_CERT_FILE') ?? nonEmpty(env, 'SSL_CERT_FILE'),
    maxRetries: number(env, 'PREFECT_CLIENT_MAX_RETRIES', 5, { integer: true, min: 0 }),
    retryJitterFactor: number(env, 'PREFECT_CLIENT_RETRY_JITTER_FACTOR', 0.2, { min: 0 }),
    retryExtraCodes: statusCodes(env, 'PREFECT_CLIENT_RETRY_EXTRA_CODES'),
  };
}

/** "Is this Cloud?" the reference's way: the API URL starts with the Cloud API URL. */
export function isCloud(settings: Pick<PrefectClientSettings, 'apiUrl' | 'cloudApiUrl'>): boolean {
  return settings.apiUrl.startsWith(settings.cloudApiUrl);
}

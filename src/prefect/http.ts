/**
 * The HTTP layer under `PrefectClient`, with the reference client's behaviour (spec §5.12): the
 * same headers and auth, CSRF tokens for self-hosted servers, retries with exponential backoff and
 * jitter on 408/429/502/503 (+ extra codes) and transport errors, `Retry-After`, and
 * `Prefect-Maintenance: true` attempts that do not count. On top: bounded concurrency, and errors
 * that name the method, path, status and the server's `detail` — never a credential.
 *
 * Where it parts from the reference, so that no write is doubled and a dead server is told fast:
 * idempotent requests (reads, upserts, PATCH, DELETE) are retried on any 5xx too; a request that is
 * not idempotent is repeated only on answers that say it was not processed (429, 503) and
 * otherwise fails as `PrefectWriteUnknownError` for its caller to reconcile; a 500 (the server
 * failed on this very request, likely again) gets two retries, not the whole budget; and
 * connections refused, or a gateway answering 502/504 to everything, for a few seconds with no
 * other answer in between end every request of the client at once.
 *
 * Built on `node:http(s)` rather than `fetch` so the TLS settings (custom CA bundle, insecure skip
 * verify) and keep-alive need no extra dependency.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AgentOptions as HttpsAgentOptions } from 'node:https';
import { isCloud, type PrefectClientSettings, PrefectSettingsError } from './settings.js';

/** `node:https` (and with it TLS, ~9 ms to load) is loaded only for an https API URL. */
const httpsModule = () => process.getBuiltinModule('node:https');

/** The API version the reference client announces (`prefect.client.constants.SERVER_API_VERSION`). */
export const SERVER_API_VERSION = '0.8.4';
/** The Prefect release whose client this one mirrors; its User-Agent is sent. */
export const REFERENCE_PREFECT_VERSION = '3.9.1';
export const DEFAULT_USER_AGENT = `prefect/${REFERENCE_PREFECT_VERSION} (API ${SERVER_API_VERSION})`;

const RETRY_CODES = [408, 429, 502, 503];
const PROTECTED_HEADERS = new Set(['user-agent', 'prefect-csrf-token', 'prefect-csrf-client']);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_REDIRECTS = 20;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ClientLogger {
  debug(message: string): void;
  warning(message: string): void;
}

const SILENT: ClientLogger = { debug: () => {}, warning: () => {} };

/** What a caller may watch of the requests, instead of wrapping the client's methods. */
export interface HttpHooks {
  /**
   * Each request once it is answered (after its retries) or has failed: the status, or the error,
   * and how long it took. Paths carry names, never credentials; bodies are not given.
   */
  onResponse?(request: ApiRequest, outcome: number | Error, ms: number): void;
}

export interface HttpClientOptions {
  /** Requests in flight at once (each attempt holds a slot; sleeping between retries does not). Default 8. */
  concurrency?: number;
  logger?: ClientLogger;
  hooks?: HttpHooks;
  userAgent?: string;
  /** Replaces the timer between retries (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** Replaces `Math.random` in the jitter (tests). */
  random?: () => number;
  /**
   * How long connections may be refused, with no answer in between, before the API is taken as
   * gone and every request fails at once (default 5000 ms).
   */
  unreachableAfterMs?: number;
}

export interface ApiRequest {
  method: HttpMethod;
  /** Relative to the API URL, starting with `/`, segments already encoded (see `apiPath`). */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /**
   * Whether sending it twice leaves the server as sending it once (reads, upserts, PATCH, DELETE):
   * such a request is retried whatever happened. Default: every method but POST. A request that is
   * not is retried only when the server certainly did not apply it; otherwise it fails with a
   * `PrefectWriteUnknownError` for the caller to reconcile.
   */
  idempotent?: boolean;
}

export interface ApiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A non-2xx answer from the API. */
export class PrefectApiError extends Error {
  override name = 'PrefectApiError';
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly status: number,
    /** The server's `detail`, or the start of its body when it has none. */
    readonly detail: string,
  ) {
    super(`${method} ${path}: HTTP ${status}${http.STATUS_CODES[status] ? ` ${http.STATUS_CODES[status]}` : ''}${detail ? ` - ${detail}` : ''}`);
  }
}

/** The request never got an answer (connection refused, reset, timeout, TLS failure). */
export class PrefectConnectionError extends Error {
  override name = 'PrefectConnectionError';
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly apiUrl: string,
    readonly reason: string,
    readonly code: string | undefined,
  ) {
    super(`${method} ${path}: could not reach the Prefect API at ${apiUrl} (${reason})`);
  }
}

/**
 * A write that is not idempotent may or may not have been applied: the connection broke after it
 * was sent, or a gateway answered for the server. The caller reads what exists before sending it
 * again, so that nothing is created twice.
 */
export class PrefectWriteUnknownError extends Error {
  override name = 'PrefectWriteUnknownError';
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${method} ${path}: the outcome is unknown (${reason})`);
  }
}

/**
 * The API stopped answering: connections were refused (or its name did not resolve) for longer
 * than the client's patience, with no answer in between. Every later request of the client fails
 * at once with this error, so a run stops within seconds instead of backing off per request.
 */
export class PrefectUnreachableError extends PrefectConnectionError {
  override name = 'PrefectUnreachableError';
  constructor(method: HttpMethod, path: string, apiUrl: string, reason: string, code: string | undefined, seconds: number) {
    super(method, path, apiUrl, reason, code);
    this.message = `${method} ${path}: not sent, the Prefect API at ${apiUrl} is gone (no answer for ${seconds.toFixed(1)} s: ${reason})`;
  }
}

/** `apiPath\`/deployments/name/${flow}/${name}\`` — every interpolated value is one encoded path segment. */
export function apiPath(strings: TemplateStringsArray, ...segments: (string | number)[]): string {
  let out = strings[0] ?? '';
  segments.forEach((segment, i) => {
    out += encodeURIComponent(String(segment)) + (strings[i + 1] ?? '');
  });
  return out;
}

/** Seconds to wait from a `Retry-After` value (delay-seconds or HTTP-date), as the reference parses it. */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  const trimmed = value.trim();
  // Python's float(): decimal, exponent, inf/nan (rejected below), surrounding whitespace.
  let seconds = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isNaN(seconds)) {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at) || !/[a-z]/i.test(trimmed)) return undefined;
    seconds = (at - now) / 1000;
  }
  if (!Number.isFinite(seconds)) return undefined;
  return Math.max(0, seconds);
}

function exponentialCdf(x: number, average: number): number {
  return 1 - Math.exp(-x / average);
}

function poissonInterval(average: number, lower: number, upper: number, random: () => number): number {
  const u = lower + (upper - lower) * random();
  return -Math.log(Math.max(1 - u, 1e-10)) * average;
}

/** `clamped_poisson_interval`: at most `average * (1 + factor)`, with the mean near `average`. */
export function clampedPoissonInterval(average: number, factor: number, random: () => number = Math.random): number {
  if (average <= 0) return 0;
  const k = 1 + factor;
  const lowerMultiple = k >= 50 ? 0 : Math.log2(Math.max(2 ** k / (2 ** k - 1), 1e-10));
  const upperBound = average * k;
  const lowerBound = Math.max(0, average * lowerMultiple);
  return poissonInterval(average, exponentialCdf(lowerBound, average), exponentialCdf(upperBound, average), random);
}

/** `bounded_poisson_interval`: between `lower` and `upper`. */
export function boundedPoissonInterval(lower: number, upper: number, random: () => number = Math.random): number {
  const average = (lower + upper) / 2;
  return poissonInterval(average, exponentialCdf(lower, average), exponentialCdf(upper, average), random);
}

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

interface TransportError extends Error {
  code?: string;
}

// Errors before anything was sent (no connection: the request cannot have been applied), retried
// once the server has answered at least once, as the reference does; and errors after the request
// may have reached the server (timeouts, resets, protocol errors).
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const MAYBE_SENT_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'PREFECT_TIMEOUT', 'UND_ERR_SOCKET']);
/** Answers that say the server did not process the request (throttled, or not ready), safe to repeat for any request. */
const NOT_PROCESSED = new Set([429, 503]);
/**
 * What a gateway (load balancer, reverse proxy, ingress) answers for a server behind it that does
 * not answer: when every answer for a few seconds is one of these, the server is as gone as one
 * that refuses connections.
 */
const GATEWAY_ERRORS = new Set([502, 504]);
/**
 * Retries of a read or an idempotent write answered with a 5xx that is neither a gateway's nor
 * "not processed" (500, 501, 505…): the server failed on this request, which it most likely does
 * again (a bug tripped by the body), so two more tries (~6 s) rather than the full budget (~62 s).
 */
const SERVER_ERROR_RETRIES = 2;
/** Between attempts to reach a server that refuses connections: short, so that "gone" is told within seconds. */
const CONNECT_RETRY_SECONDS = 0.5;
const DEFAULT_UNREACHABLE_AFTER_MS = 5_000;

function isMaybeSent(error: TransportError): boolean {
  const code = error.code ?? '';
  return MAYBE_SENT_ERRORS.has(code) || code.startsWith('HPE_');
}

interface CsrfToken {
  token: string;
  expiresAt: number;
}

/** Sends requests to one Prefect API the way the reference client does. */
export class HttpClient {
  readonly settings: PrefectClientSettings;
  private readonly baseHeaders: Record<string, string>;
  private readonly agent: http.Agent;
  private readonly semaphore: Semaphore;
  private readonly logger: ClientLogger;
  private readonly hooks: HttpHooks;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly retryCodes: Set<number>;
  private readonly secrets: string[];
  private csrfEnabled: boolean;
  private readonly csrfClientId = randomUUID();
  private csrfToken: CsrfToken | undefined;
  private csrfFetch: Promise<void> | undefined;
  private hasConnected = false;
  private readonly unreachableAfterMs: number;
  /** When the current run of refused connections began (undefined once anything answers). */
  private refusedSince: number | undefined;
  /** When the current run of gateway errors (502/504, every answer in between one) began. */
  private gatewayFailingSince: number | undefined;
  /** Set once the API is taken as gone; every request then fails at once, naming itself. */
  private unreachable: { reason: string; code: string | undefined; waitedMs: number } | undefined;

  constructor(settings: PrefectClientSettings, options: HttpClientOptions = {}) {
    this.settings = settings;
    this.logger = options.logger ?? SILENT;
    this.hooks = options.hooks ?? {};
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.unreachableAfterMs = options.unreachableAfterMs ?? DEFAULT_UNREACHABLE_AFTER_MS;
    this.semaphore = new Semaphore(Math.max(1, options.concurrency ?? 8));
    this.retryCodes = new Set([...RETRY_CODES, ...settings.retryExtraCodes]);
    this.csrfEnabled = !isCloud(settings) && settings.csrfSupportEnabled;

    this.secrets = [];
    // Header names are case-insensitive; keys here are lower case so a custom header replaces ours.
    const headers: Record<string, string> = { 'x-prefect-api-version': SERVER_API_VERSION };
    if (settings.authString) {
      const token = Buffer.from(settings.authString, 'utf8').toString('base64');
      headers['authorization'] = `Basic ${token}`;
      this.secrets.push(settings.authString, token);
    } else if (settings.apiKey) {
      headers['authorization'] = `Bearer ${settings.apiKey}`;
    }
    if (settings.apiKey) this.secrets.push(settings.apiKey);
    headers['user-agent'] = options.userAgent ?? DEFAULT_USER_AGENT;
    for (const [name, value] of Object.entries(settings.customHeaders)) {
      if (PROTECTED_HEADERS.has(name.toLowerCase())) {
        this.logger.warning(
          `Custom header '${name}' is ignored because it conflicts with a protected header managed by Prefect. ` +
            'Protected headers include: User-Agent, Prefect-Csrf-Token, Prefect-Csrf-Client',
        );
      } else {
        headers[name.toLowerCase()] = value;
      }
    }
    this.baseHeaders = headers;

    const agentOptions: HttpsAgentOptions = { keepAlive: true, maxSockets: 16, maxFreeSockets: 8 };
    if (settings.apiUrl.startsWith('https:')) {
      if (settings.tlsInsecureSkipVerify) {
        agentOptions.rejectUnauthorized = false;
      } else if (settings.sslCertFile) {
        try {
          agentOptions.ca = readFileSync(settings.sslCertFile);
        } catch (e) {
          throw new PrefectSettingsError(`cannot read the CA bundle ${settings.sslCertFile} (PREFECT_API_SSL_CERT_FILE / SSL_CERT_FILE): ${(e as Error).message}`);
        }
      }
      this.agent = new (httpsModule().Agent)(agentOptions);
    } else {
      this.agent = new http.Agent(agentOptions);
    }
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  /** Whether mutating requests currently carry CSRF headers (false on Cloud, or once the server said it has none). */
  get csrfSupportEnabled(): boolean {
    return this.csrfEnabled;
  }

  /**
   * Sends with retries; any status comes back. Transport failures are `PrefectConnectionError`s
   * (`PrefectUnreachableError` once the API is gone); a request that is not idempotent and may
   * have been applied is a `PrefectWriteUnknownError`.
   */
  async send(request: ApiRequest): Promise<ApiResponse> {
    const onResponse = this.hooks.onResponse;
    if (!onResponse) return this.sendWithRetries(request);
    const started = Date.now();
    try {
      const response = await this.sendWithRetries(request);
      onResponse(request, response.status, Date.now() - started);
      return response;
    } catch (e) {
      onResponse(request, e as Error, Date.now() - started);
      throw e;
    }
  }

  private async sendWithRetries(request: ApiRequest): Promise<ApiResponse> {
    if (this.unreachable) throw this.unreachableError(request);
    const headers: Record<string, string> = { ...this.baseHeaders };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const mutating = MUTATING.has(request.method);
    const idempotent = request.idempotent ?? request.method !== 'POST';
    if (mutating) await this.addCsrfHeaders(headers);

    const maxRetries = this.settings.maxRetries;
    let tryCount = 0;
    let serverErrors = 0;
    let response: ApiResponse | undefined;
    while (tryCount <= maxRetries) {
      let retrySeconds: number | undefined;
      let reason = '';
      try {
        response = await this.semaphore.run(() => {
          // Another request may have found the API gone while this one waited for a slot or slept.
          if (this.unreachable) throw this.unreachableError(request);
          return this.exchange(request, headers, body);
        });
        this.hasConnected = true;
        this.refusedSince = undefined;
      } catch (e) {
        if (e instanceof PrefectUnreachableError) throw e;
        const error = e as TransportError;
        const refused = CONNECT_ERRORS.has(error.code ?? '');
        if (refused && this.hasConnected) {
          this.refusedSince ??= Date.now();
          const waited = Date.now() - this.refusedSince;
          if (waited >= this.unreachableAfterMs) {
            this.unreachable = { reason: this.redact(error.message), code: error.code, waitedMs: waited };
            throw this.unreachableError(request);
          }
        } else if (!isMaybeSent(error)) {
          throw this.connectionError(request, error);
        } else if (!idempotent) {
          throw new PrefectWriteUnknownError(request.method, request.path, `transport error: ${this.redact(error.message)}`);
        }
        // Refused attempts are bounded by the time the API may stay away, not by the retry count.
        if (!refused) tryCount++;
        if (tryCount > maxRetries) throw this.connectionError(request, error);
        response = undefined;
        reason = `transport error (${this.redact(error.message)})`;
        if (refused) retrySeconds = CONNECT_RETRY_SECONDS;
      }
      if (response) {
        if (response.headers['prefect-maintenance'] !== 'true') tryCount++;
        const status = response.status;
        this.noteGatewayError(status);
        const otherServerError = status >= 500 && !this.retryCodes.has(status) && !NOT_PROCESSED.has(status) && !GATEWAY_ERRORS.has(status);
        if (otherServerError) serverErrors++;
        if (this.unreachable && idempotent && GATEWAY_ERRORS.has(status)) {
          // Every answer for a while came from a gateway: the server behind it is gone.
          throw this.unreachableError(request);
        } else if (status === 403 && response.text.includes('Invalid CSRF token') && mutating) {
          this.csrfToken = undefined;
          await this.addCsrfHeaders(headers);
        } else if (otherServerError && idempotent && serverErrors > SERVER_ERROR_RETRIES) {
          return response;
        } else if (NOT_PROCESSED.has(status) || (idempotent && (this.retryCodes.has(status) || status >= 500))) {
          // retried below
        } else if (!idempotent && (status === 408 || status >= 500)) {
          // A gateway's 502/504, a 500 or a timeout: the server may have applied it before failing.
          throw new PrefectWriteUnknownError(request.method, request.path, `HTTP ${status}`);
        } else {
          return response;
        }
        const retryAfter = response.headers['retry-after'];
        if (typeof retryAfter === 'string') retrySeconds = parseRetryAfter(retryAfter);
        reason = `status ${status}`;
      }
      const fromHeader = retrySeconds !== undefined;
      let seconds = retrySeconds ?? 2 ** tryCount;
      const jitter = this.settings.retryJitterFactor;
      if (seconds > 0 && jitter > 0) {
        seconds = fromHeader ? boundedPoissonInterval(seconds, seconds * (1 + jitter), this.random) : clampedPoissonInterval(seconds, jitter, this.random);
      }
      if (tryCount > maxRetries) break;
      this.logger.debug(`${request.method} ${request.path}: ${reason}; another attempt in ${seconds.toFixed(2)} s ` + `(attempt ${tryCount}/${maxRetries + 1})`);
      await this.sleep(seconds * 1000);
    }
    // Out of retries: the last answer stands.
    return response!;
  }

  /** Sends and parses the JSON answer; a non-2xx status is a `PrefectApiError`. */
  async json<T>(request: ApiRequest): Promise<T> {
    const response = await this.send(request);
    this.raiseForStatus(request, response);
    return (response.text ? JSON.parse(response.text) : undefined) as T;
  }

  /** Sends; a non-2xx status is a `PrefectApiError`. */
  async call(request: ApiRequest): Promise<ApiResponse> {
    const response = await this.send(request);
    this.raiseForStatus(request, response);
    return response;
  }

  raiseForStatus(request: ApiRequest, response: ApiResponse): void {
    if (response.status >= 200 && response.status < 300) return;
    throw new PrefectApiError(request.method, request.path, response.status, this.redact(errorDetail(response.text)));
  }

  /** The text with every credential this client knows replaced by `***`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (secret) out = out.split(secret).join('***');
    return out;
  }

  private shownApiUrl(): string {
    const where = new URL(this.settings.apiUrl);
    where.username = '';
    where.password = '';
    return where.href.replace(/\/$/, '');
  }

  private connectionError(request: ApiRequest, error: TransportError): PrefectConnectionError {
    return new PrefectConnectionError(request.method, request.path, this.shownApiUrl(), this.redact(error.message), error.code);
  }

  private unreachableError(request: ApiRequest): PrefectUnreachableError {
    const { reason, code, waitedMs } = this.unreachable!;
    return new PrefectUnreachableError(request.method, request.path, this.shownApiUrl(), reason, code, waitedMs / 1000);
  }

  /**
   * Keeps the run of gateway errors: any other answer ends it; one lasting `unreachableAfterMs`
   * takes the API as gone, as refused connections do (a gateway in front of a dead server answers
   * at once, so each request would otherwise back off for a minute). A 502 on one request while
   * others are answered never adds up to that, so it keeps its retries.
   */
  private noteGatewayError(status: number): void {
    if (!GATEWAY_ERRORS.has(status)) {
      this.gatewayFailingSince = undefined;
      return;
    }
    this.gatewayFailingSince ??= Date.now();
    const waited = Date.now() - this.gatewayFailingSince;
    if (waited >= this.unreachableAfterMs && !this.unreachable) {
      const name = http.STATUS_CODES[status];
      this.unreachable = { reason: `a gateway answered HTTP ${status}${name ? ` ${name}` : ''} to every request`, code: `HTTP_${status}`, waitedMs: waited };
    }
  }

  /**
   * Asks for the CSRF token now, so that the first requests that need one do not wait a round trip
   * for it (a failure is left for those requests to meet and report).
   */
  prepare(): Promise<void> {
    return this.addCsrfHeaders({}).catch(() => {});
  }

  private async addCsrfHeaders(headers: Record<string, string>): Promise<void> {
    if (!this.csrfEnabled) return;
    if (!this.csrfToken || Date.now() > this.csrfToken.expiresAt) {
      // One token request however many mutating requests are waiting for it.
      this.csrfFetch ??= this.fetchCsrfToken().finally(() => (this.csrfFetch = undefined));
      await this.csrfFetch;
    }
    if (!this.csrfEnabled || !this.csrfToken) return;
    headers['prefect-csrf-token'] = this.csrfToken.token;
    headers['prefect-csrf-client'] = this.csrfClientId;
  }

  private async fetchCsrfToken(): Promise<void> {
    const request: ApiRequest = { method: 'GET', path: '/csrf-token', query: { client: this.csrfClientId } };
    const response = await this.send(request);
    const oldServer = response.status === 404;
    const unconfigured = response.status === 422 && response.text.includes('CSRF protection is disabled.');
    if (oldServer || unconfigured) {
      this.csrfEnabled = false;
      return;
    }
    this.raiseForStatus(request, response);
    let token: { token?: unknown; expiration?: unknown } | undefined;
    try {
      token = JSON.parse(response.text) as typeof token;
    } catch {
      token = undefined;
    }
    if (typeof token?.token !== 'string') {
      throw new PrefectApiError(request.method, request.path, response.status, 'the answer holds no CSRF token');
    }
    const expiresAt = typeof token.expiration === 'string' ? Date.parse(token.expiration) : Number.NaN;
    this.csrfToken = { token: token.token, expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt };
  }

  private url(request: ApiRequest): URL {
    const url = new URL(this.settings.apiUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, String(value));
    return url;
  }

  /** One request/response exchange, following redirects as httpx does. */
  private async exchange(request: ApiRequest, headers: Record<string, string>, body: string | undefined): Promise<ApiResponse> {
    let url = this.url(request);
    let method: string = request.method;
    let sendHeaders = headers;
    let sendBody = body;
    for (let redirects = 0; ; redirects++) {
      const response = await this.once(url, method, sendHeaders, sendBody);
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(response.status) || !location || redirects >= MAX_REDIRECTS) return response;
      const next = new URL(location, url);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        sendBody = undefined;
        sendHeaders = { ...sendHeaders };
        delete sendHeaders['content-type'];
      }
      if (next.origin !== url.origin) {
        // never hand credentials to another host
        sendHeaders = { ...sendHeaders };
        delete sendHeaders['authorization'];
      }
      url = next;
    }
  }

  private once(url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<ApiResponse> {
    const timeoutMs = this.settings.requestTimeoutMs;
    const requestHeaders: Record<string, string | number> = { ...headers, accept: '*/*' };
    if (body !== undefined) requestHeaders['content-length'] = Buffer.byteLength(body);
    const transport = url.protocol === 'https:' ? httpsModule() : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, headers: requestHeaders, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      });
      if (timeoutMs > 0) {
        req.setTimeout(timeoutMs, () => {
          const error: TransportError = new Error(`no answer within ${timeoutMs / 1000} s (PREFECT_API_REQUEST_TIMEOUT)`);
          error.code = 'PREFECT_TIMEOUT';
          req.destroy(error);
        });
      }
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The server's `detail` (FastAPI's `{"detail": …}`), validation errors joined, else the body's start. */
export function errorDetail(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 500);
  }
  if (typeof parsed === 'object' && parsed !== null && 'detail' in parsed) {
    const detail = parsed.detail;
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail)) {
      return detail
        .map((item: unknown) => {
          if (typeof item !== 'object' || item === null) return JSON.stringify(item);
          const { loc, msg } = item as { loc?: unknown; msg?: unknown };
          const where = Array.isArray(loc) ? loc.join('.') : '';
          return where ? `${where}: ${String(msg)}` : String(msg ?? JSON.stringify(item));
        })
        .join('; ');
    }
    return JSON.stringify(detail);
  }
  return text.trim().slice(0, 500);
}

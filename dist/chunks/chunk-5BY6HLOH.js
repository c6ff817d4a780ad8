import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_http
} from "./chunk-N4OCQ3N2.js";
import {
  require_node_crypto
} from "./chunk-6YASQSJ3.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/prefect/http.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_http = __toESM(require_node_http(), 1);

// src/prefect/settings.ts
var DEFAULT_CLOUD_API_URL = "https://api.prefect.cloud/api";
var PrefectSettingsError = class extends Error {
  name = "PrefectSettingsError";
};
var TRUE = /* @__PURE__ */ new Set(["1", "on", "t", "true", "y", "yes"]);
var FALSE = /* @__PURE__ */ new Set(["0", "off", "f", "false", "n", "no"]);
function bool(env, name, fallback) {
  const raw = env[name];
  if (raw === void 0 || raw === "") return fallback;
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new PrefectSettingsError(`${name}=${JSON.stringify(raw)} is not a boolean (use true or false)`);
}
function number(env, name, fallback, { integer = false, min } = {}) {
  const raw = env[name];
  if (raw === void 0 || raw.trim() === "") return fallback;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || integer && !Number.isInteger(value) || min !== void 0 && value < min) {
    const what = integer ? "an integer" : "a number";
    throw new PrefectSettingsError(`${name}=${JSON.stringify(raw)} is not ${what}${min !== void 0 ? ` >= ${min}` : ""}`);
  }
  return value;
}
function nonEmpty(env, name) {
  const value = env[name];
  return value === void 0 || value === "" ? void 0 : value;
}
function statusCodes(env, name) {
  const raw = env[name];
  const codes = /* @__PURE__ */ new Set();
  if (!raw) return codes;
  for (const part of raw.split(",")) {
    const code = Number(part.trim());
    if (!Number.isInteger(code) || code < 100 || code > 599) {
      throw new PrefectSettingsError(`${name}=${JSON.stringify(raw)}: ${JSON.stringify(part.trim())} is not an HTTP status code`);
    }
    codes.add(code);
  }
  return codes;
}
function headers(env, name) {
  const raw = env[name];
  if (!raw) return {};
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new PrefectSettingsError(`${name} is not valid JSON (expected an object such as {"X-Header": "value"})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new PrefectSettingsError(`${name} must be a JSON object of header names to values`);
  }
  const out = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "string") throw new PrefectSettingsError(`${name}: the value of header "${key}" must be a string`);
    out[key] = value;
  }
  return out;
}
function settingsFromEnv(env = process.env, overrides = {}) {
  const apiUrl = overrides.apiUrl || nonEmpty(env, "PREFECT_API_URL");
  if (!apiUrl) {
    throw new PrefectSettingsError("PREFECT_API_URL is not set (set it to your server, e.g. http://127.0.0.1:4200/api, or your Prefect Cloud workspace URL)");
  }
  let parsed;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new PrefectSettingsError(`PREFECT_API_URL=${JSON.stringify(apiUrl)} is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new PrefectSettingsError(`PREFECT_API_URL=${JSON.stringify(apiUrl)} must be an http or https URL`);
  }
  return {
    apiUrl: apiUrl.replace(/\/+$/, ""),
    apiKey: overrides.apiKey || nonEmpty(env, "PREFECT_API_KEY"),
    authString: overrides.authString || nonEmpty(env, "PREFECT_API_AUTH_STRING"),
    cloudApiUrl: nonEmpty(env, "PREFECT_CLOUD_API_URL") ?? DEFAULT_CLOUD_API_URL,
    csrfSupportEnabled: bool(env, "PREFECT_CLIENT_CSRF_SUPPORT_ENABLED", true),
    customHeaders: headers(env, "PREFECT_CLIENT_CUSTOM_HEADERS"),
    requestTimeoutMs: number(env, "PREFECT_API_REQUEST_TIMEOUT", 60, { min: 0 }) * 1e3,
    tlsInsecureSkipVerify: bool(env, "PREFECT_API_TLS_INSECURE_SKIP_VERIFY", false),
    sslCertFile: nonEmpty(env, "PREFECT_API_SSL_CERT_FILE") ?? nonEmpty(env, "SSL_CERT_FILE"),
    maxRetries: number(env, "PREFECT_CLIENT_MAX_RETRIES", 5, { integer: true, min: 0 }),
    retryJitterFactor: number(env, "PREFECT_CLIENT_RETRY_JITTER_FACTOR", 0.2, { min: 0 }),
    retryExtraCodes: statusCodes(env, "PREFECT_CLIENT_RETRY_EXTRA_CODES")
  };
}
function isCloud(settings) {
  return settings.apiUrl.startsWith(settings.cloudApiUrl);
}

// src/prefect/http.ts
var httpsModule = () => process.getBuiltinModule("node:https");
var SERVER_API_VERSION = "0.8.4";
var REFERENCE_PREFECT_VERSION = "3.9.1";
var DEFAULT_USER_AGENT = `prefect/${REFERENCE_PREFECT_VERSION} (API ${SERVER_API_VERSION})`;
var RETRY_CODES = [408, 429, 502, 503];
var PROTECTED_HEADERS = /* @__PURE__ */ new Set(["user-agent", "prefect-csrf-token", "prefect-csrf-client"]);
var MUTATING = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
var MAX_REDIRECTS = 20;
var SILENT = { debug: () => {
}, warning: () => {
} };
var PrefectApiError = class extends Error {
  constructor(method, path, status, detail) {
    super(`${method} ${path}: HTTP ${status}${import_node_http.default.STATUS_CODES[status] ? ` ${import_node_http.default.STATUS_CODES[status]}` : ""}${detail ? ` - ${detail}` : ""}`);
    this.method = method;
    this.path = path;
    this.status = status;
    this.detail = detail;
  }
  method;
  path;
  status;
  detail;
  name = "PrefectApiError";
};
var PrefectConnectionError = class extends Error {
  constructor(method, path, apiUrl, reason, code) {
    super(`${method} ${path}: could not reach the Prefect API at ${apiUrl} (${reason})`);
    this.method = method;
    this.path = path;
    this.apiUrl = apiUrl;
    this.reason = reason;
    this.code = code;
  }
  method;
  path;
  apiUrl;
  reason;
  code;
  name = "PrefectConnectionError";
};
var PrefectWriteUnknownError = class extends Error {
  constructor(method, path, reason) {
    super(`${method} ${path}: the outcome is unknown (${reason})`);
    this.method = method;
    this.path = path;
    this.reason = reason;
  }
  method;
  path;
  reason;
  name = "PrefectWriteUnknownError";
};
var PrefectUnreachableError = class extends PrefectConnectionError {
  name = "PrefectUnreachableError";
  constructor(method, path, apiUrl, reason, code, seconds) {
    super(method, path, apiUrl, reason, code);
    this.message = `${method} ${path}: not sent, the Prefect API at ${apiUrl} is gone (no answer for ${seconds.toFixed(1)} s: ${reason})`;
  }
};
function apiPath(strings, ...segments) {
  let out = strings[0] ?? "";
  segments.forEach((segment, i) => {
    out += encodeURIComponent(String(segment)) + (strings[i + 1] ?? "");
  });
  return out;
}
function parseRetryAfter(value, now = Date.now()) {
  const trimmed = value.trim();
  let seconds = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isNaN(seconds)) {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at) || !/[a-z]/i.test(trimmed)) return void 0;
    seconds = (at - now) / 1e3;
  }
  if (!Number.isFinite(seconds)) return void 0;
  return Math.max(0, seconds);
}
function exponentialCdf(x, average) {
  return 1 - Math.exp(-x / average);
}
function poissonInterval(average, lower, upper, random) {
  const u = lower + (upper - lower) * random();
  return -Math.log(Math.max(1 - u, 1e-10)) * average;
}
function clampedPoissonInterval(average, factor, random = Math.random) {
  if (average <= 0) return 0;
  const k = 1 + factor;
  const lowerMultiple = k >= 50 ? 0 : Math.log2(Math.max(2 ** k / (2 ** k - 1), 1e-10));
  const upperBound = average * k;
  const lowerBound = Math.max(0, average * lowerMultiple);
  return poissonInterval(average, exponentialCdf(lowerBound, average), exponentialCdf(upperBound, average), random);
}
function boundedPoissonInterval(lower, upper, random = Math.random) {
  const average = (lower + upper) / 2;
  return poissonInterval(average, exponentialCdf(lower, average), exponentialCdf(upper, average), random);
}
var Semaphore = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  active = 0;
  waiting = [];
  async run(task) {
    if (this.active >= this.limit) await new Promise((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
};
var CONNECT_ERRORS = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
var MAYBE_SENT_ERRORS = /* @__PURE__ */ new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "PREFECT_TIMEOUT", "UND_ERR_SOCKET"]);
var NOT_PROCESSED = /* @__PURE__ */ new Set([429, 503]);
var GATEWAY_ERRORS = /* @__PURE__ */ new Set([502, 504]);
var SERVER_ERROR_RETRIES = 2;
var CONNECT_RETRY_SECONDS = 0.5;
var DEFAULT_UNREACHABLE_AFTER_MS = 5e3;
function isMaybeSent(error) {
  const code = error.code ?? "";
  return MAYBE_SENT_ERRORS.has(code) || code.startsWith("HPE_");
}
var HttpClient = class {
  settings;
  baseHeaders;
  agent;
  semaphore;
  logger;
  hooks;
  sleep;
  random;
  retryCodes;
  secrets;
  csrfEnabled;
  csrfClientId = (0, import_node_crypto.randomUUID)();
  csrfToken;
  csrfFetch;
  hasConnected = false;
  unreachableAfterMs;
  /** When the current run of refused connections began (undefined once anything answers). */
  refusedSince;
  /** When the current run of gateway errors (502/504, every answer in between one) began. */
  gatewayFailingSince;
  /** Set once the API is taken as gone; every request then fails at once, naming itself. */
  unreachable;
  constructor(settings, options = {}) {
    this.settings = settings;
    this.logger = options.logger ?? SILENT;
    this.hooks = options.hooks ?? {};
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.unreachableAfterMs = options.unreachableAfterMs ?? DEFAULT_UNREACHABLE_AFTER_MS;
    this.semaphore = new Semaphore(Math.max(1, options.concurrency ?? 8));
    this.retryCodes = /* @__PURE__ */ new Set([...RETRY_CODES, ...settings.retryExtraCodes]);
    this.csrfEnabled = !isCloud(settings) && settings.csrfSupportEnabled;
    this.secrets = [];
    const headers2 = { "x-prefect-api-version": SERVER_API_VERSION };
    if (settings.authString) {
      const token = Buffer.from(settings.authString, "utf8").toString("base64");
      headers2["authorization"] = `Basic ${token}`;
      this.secrets.push(settings.authString, token);
    } else if (settings.apiKey) {
      headers2["authorization"] = `Bearer ${settings.apiKey}`;
    }
    if (settings.apiKey) this.secrets.push(settings.apiKey);
    headers2["user-agent"] = options.userAgent ?? DEFAULT_USER_AGENT;
    for (const [name, value] of Object.entries(settings.customHeaders)) {
      if (PROTECTED_HEADERS.has(name.toLowerCase())) {
        this.logger.warning(
          `Custom header '${name}' is ignored because it conflicts with a protected header managed by Prefect. Protected headers include: User-Agent, Prefect-Csrf-Token, Prefect-Csrf-Client`
        );
      } else {
        headers2[name.toLowerCase()] = value;
      }
    }
    this.baseHeaders = headers2;
    const agentOptions = { keepAlive: true, maxSockets: 16, maxFreeSockets: 8 };
    if (settings.apiUrl.startsWith("https:")) {
      if (settings.tlsInsecureSkipVerify) {
        agentOptions.rejectUnauthorized = false;
      } else if (settings.sslCertFile) {
        try {
          agentOptions.ca = (0, import_node_fs.readFileSync)(settings.sslCertFile);
        } catch (e) {
          throw new PrefectSettingsError(`cannot read the CA bundle ${settings.sslCertFile} (PREFECT_API_SSL_CERT_FILE / SSL_CERT_FILE): ${e.message}`);
        }
      }
      this.agent = new (httpsModule()).Agent(agentOptions);
    } else {
      this.agent = new import_node_http.default.Agent(agentOptions);
    }
  }
  /** Closes idle keep-alive connections. */
  close() {
    this.agent.destroy();
  }
  /** Whether mutating requests currently carry CSRF headers (false on Cloud, or once the server said it has none). */
  get csrfSupportEnabled() {
    return this.csrfEnabled;
  }
  /**
   * Sends with retries; any status comes back. Transport failures are `PrefectConnectionError`s
   * (`PrefectUnreachableError` once the API is gone); a request that is not idempotent and may
   * have been applied is a `PrefectWriteUnknownError`.
   */
  async send(request) {
    const onResponse = this.hooks.onResponse;
    if (!onResponse) return this.sendWithRetries(request);
    const started = Date.now();
    try {
      const response = await this.sendWithRetries(request);
      onResponse(request, response.status, Date.now() - started);
      return response;
    } catch (e) {
      onResponse(request, e, Date.now() - started);
      throw e;
    }
  }
  async sendWithRetries(request) {
    if (this.unreachable) throw this.unreachableError(request);
    const headers2 = { ...this.baseHeaders };
    let body;
    if (request.body !== void 0) {
      body = JSON.stringify(request.body);
      headers2["content-type"] = "application/json";
    }
    const mutating = MUTATING.has(request.method);
    const idempotent = request.idempotent ?? request.method !== "POST";
    if (mutating) await this.addCsrfHeaders(headers2);
    const maxRetries = this.settings.maxRetries;
    let tryCount = 0;
    let serverErrors = 0;
    let response;
    while (tryCount <= maxRetries) {
      let retrySeconds;
      let reason = "";
      try {
        response = await this.semaphore.run(() => {
          if (this.unreachable) throw this.unreachableError(request);
          return this.exchange(request, headers2, body);
        });
        this.hasConnected = true;
        this.refusedSince = void 0;
      } catch (e) {
        if (e instanceof PrefectUnreachableError) throw e;
        const error = e;
        const refused = CONNECT_ERRORS.has(error.code ?? "");
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
        if (!refused) tryCount++;
        if (tryCount > maxRetries) throw this.connectionError(request, error);
        response = void 0;
        reason = `transport error (${this.redact(error.message)})`;
        if (refused) retrySeconds = CONNECT_RETRY_SECONDS;
      }
      if (response) {
        if (response.headers["prefect-maintenance"] !== "true") tryCount++;
        const status = response.status;
        this.noteGatewayError(status);
        const otherServerError = status >= 500 && !this.retryCodes.has(status) && !NOT_PROCESSED.has(status) && !GATEWAY_ERRORS.has(status);
        if (otherServerError) serverErrors++;
        if (this.unreachable && idempotent && GATEWAY_ERRORS.has(status)) {
          throw this.unreachableError(request);
        } else if (status === 403 && response.text.includes("Invalid CSRF token") && mutating) {
          this.csrfToken = void 0;
          await this.addCsrfHeaders(headers2);
        } else if (otherServerError && idempotent && serverErrors > SERVER_ERROR_RETRIES) {
          return response;
        } else if (NOT_PROCESSED.has(status) || idempotent && (this.retryCodes.has(status) || status >= 500)) {
        } else if (!idempotent && (status === 408 || status >= 500)) {
          throw new PrefectWriteUnknownError(request.method, request.path, `HTTP ${status}`);
        } else {
          return response;
        }
        const retryAfter = response.headers["retry-after"];
        if (typeof retryAfter === "string") retrySeconds = parseRetryAfter(retryAfter);
        reason = `status ${status}`;
      }
      const fromHeader = retrySeconds !== void 0;
      let seconds = retrySeconds ?? 2 ** tryCount;
      const jitter = this.settings.retryJitterFactor;
      if (seconds > 0 && jitter > 0) {
        seconds = fromHeader ? boundedPoissonInterval(seconds, seconds * (1 + jitter), this.random) : clampedPoissonInterval(seconds, jitter, this.random);
      }
      if (tryCount > maxRetries) break;
      this.logger.debug(`${request.method} ${request.path}: ${reason}; another attempt in ${seconds.toFixed(2)} s (attempt ${tryCount}/${maxRetries + 1})`);
      await this.sleep(seconds * 1e3);
    }
    return response;
  }
  /** Sends and parses the JSON answer; a non-2xx status is a `PrefectApiError`. */
  async json(request) {
    const response = await this.send(request);
    this.raiseForStatus(request, response);
    return response.text ? JSON.parse(response.text) : void 0;
  }
  /** Sends; a non-2xx status is a `PrefectApiError`. */
  async call(request) {
    const response = await this.send(request);
    this.raiseForStatus(request, response);
    return response;
  }
  raiseForStatus(request, response) {
    if (response.status >= 200 && response.status < 300) return;
    throw new PrefectApiError(request.method, request.path, response.status, this.redact(errorDetail(response.text)));
  }
  /** The text with every credential this client knows replaced by `***`. */
  redact(text) {
    let out = text;
    for (const secret of this.secrets) if (secret) out = out.split(secret).join("***");
    return out;
  }
  shownApiUrl() {
    const where = new URL(this.settings.apiUrl);
    where.username = "";
    where.password = "";
    return where.href.replace(/\/$/, "");
  }
  connectionError(request, error) {
    return new PrefectConnectionError(request.method, request.path, this.shownApiUrl(), this.redact(error.message), error.code);
  }
  unreachableError(request) {
    const { reason, code, waitedMs } = this.unreachable;
    return new PrefectUnreachableError(request.method, request.path, this.shownApiUrl(), reason, code, waitedMs / 1e3);
  }
  /**
   * Keeps the run of gateway errors: any other answer ends it; one lasting `unreachableAfterMs`
   * takes the API as gone, as refused connections do (a gateway in front of a dead server answers
   * at once, so each request would otherwise back off for a minute). A 502 on one request while
   * others are answered never adds up to that, so it keeps its retries.
   */
  noteGatewayError(status) {
    if (!GATEWAY_ERRORS.has(status)) {
      this.gatewayFailingSince = void 0;
      return;
    }
    this.gatewayFailingSince ??= Date.now();
    const waited = Date.now() - this.gatewayFailingSince;
    if (waited >= this.unreachableAfterMs && !this.unreachable) {
      const name = import_node_http.default.STATUS_CODES[status];
      this.unreachable = { reason: `a gateway answered HTTP ${status}${name ? ` ${name}` : ""} to every request`, code: `HTTP_${status}`, waitedMs: waited };
    }
  }
  /**
   * Asks for the CSRF token now, so that the first requests that need one do not wait a round trip
   * for it (a failure is left for those requests to meet and report).
   */
  prepare() {
    return this.addCsrfHeaders({}).catch(() => {
    });
  }
  async addCsrfHeaders(headers2) {
    if (!this.csrfEnabled) return;
    if (!this.csrfToken || Date.now() > this.csrfToken.expiresAt) {
      this.csrfFetch ??= this.fetchCsrfToken().finally(() => this.csrfFetch = void 0);
      await this.csrfFetch;
    }
    if (!this.csrfEnabled || !this.csrfToken) return;
    headers2["prefect-csrf-token"] = this.csrfToken.token;
    headers2["prefect-csrf-client"] = this.csrfClientId;
  }
  async fetchCsrfToken() {
    const request = { method: "GET", path: "/csrf-token", query: { client: this.csrfClientId } };
    const response = await this.send(request);
    const oldServer = response.status === 404;
    const unconfigured = response.status === 422 && response.text.includes("CSRF protection is disabled.");
    if (oldServer || unconfigured) {
      this.csrfEnabled = false;
      return;
    }
    this.raiseForStatus(request, response);
    let token;
    try {
      token = JSON.parse(response.text);
    } catch {
      token = void 0;
    }
    if (typeof token?.token !== "string") {
      throw new PrefectApiError(request.method, request.path, response.status, "the answer holds no CSRF token");
    }
    const expiresAt = typeof token.expiration === "string" ? Date.parse(token.expiration) : Number.NaN;
    this.csrfToken = { token: token.token, expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt };
  }
  url(request) {
    const url = new URL(this.settings.apiUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, String(value));
    return url;
  }
  /** One request/response exchange, following redirects as httpx does. */
  async exchange(request, headers2, body) {
    let url = this.url(request);
    let method = request.method;
    let sendHeaders = headers2;
    let sendBody = body;
    for (let redirects = 0; ; redirects++) {
      const response = await this.once(url, method, sendHeaders, sendBody);
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(response.status) || !location || redirects >= MAX_REDIRECTS) return response;
      const next = new URL(location, url);
      if (response.status === 303 || (response.status === 301 || response.status === 302) && method === "POST") {
        method = method === "HEAD" ? "HEAD" : "GET";
        sendBody = void 0;
        sendHeaders = { ...sendHeaders };
        delete sendHeaders["content-type"];
      }
      if (next.origin !== url.origin) {
        sendHeaders = { ...sendHeaders };
        delete sendHeaders["authorization"];
      }
      url = next;
    }
  }
  once(url, method, headers2, body) {
    const timeoutMs = this.settings.requestTimeoutMs;
    const requestHeaders = { ...headers2, accept: "*/*" };
    if (body !== void 0) requestHeaders["content-length"] = Buffer.byteLength(body);
    const transport = url.protocol === "https:" ? httpsModule() : import_node_http.default;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, headers: requestHeaders, agent: this.agent }, (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      });
      if (timeoutMs > 0) {
        req.setTimeout(timeoutMs, () => {
          const error = new Error(`no answer within ${timeoutMs / 1e3} s (PREFECT_API_REQUEST_TIMEOUT)`);
          error.code = "PREFECT_TIMEOUT";
          req.destroy(error);
        });
      }
      req.on("error", reject);
      req.end(body);
    });
  }
};
function errorDetail(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 500);
  }
  if (typeof parsed === "object" && parsed !== null && "detail" in parsed) {
    const detail = parsed.detail;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail.map((item) => {
        if (typeof item !== "object" || item === null) return JSON.stringify(item);
        const { loc, msg } = item;
        const where = Array.isArray(loc) ? loc.join(".") : "";
        return where ? `${where}: ${String(msg)}` : String(msg ?? JSON.stringify(item));
      }).join("; ");
    }
    return JSON.stringify(detail);
  }
  return text.trim().slice(0, 500);
}

export {
  DEFAULT_CLOUD_API_URL,
  settingsFromEnv,
  isCloud,
  REFERENCE_PREFECT_VERSION,
  PrefectApiError,
  PrefectWriteUnknownError,
  apiPath,
  HttpClient
};

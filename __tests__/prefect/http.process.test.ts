/**
 * The HTTP layer's transport behaviour (headers, auth, retries, Retry-After, maintenance, CSRF
 * token handling, errors) against a tiny loopback HTTP server scripted per test. The Prefect API
 * itself is tested against a real server in client.server.test.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  apiPath,
  DEFAULT_USER_AGENT,
  HttpClient,
  parseRetryAfter,
  PrefectApiError,
  PrefectClient,
  PrefectConnectionError,
  PrefectUnreachableError,
  PrefectWriteUnknownError,
  settingsFromEnv,
} from '../../src/prefect/index.js';
import { boundedPoissonInterval, clampedPoissonInterval } from '../../src/prefect/http.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: Seen, res: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** A loopback server answering with the handlers in turn (the last one repeats). */
async function serve(...handlers: Handler[]): Promise<{ apiUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(request);
      const handler = handlers[Math.min(seen.length - 1, handlers.length - 1)]!;
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { apiUrl: `http://127.0.0.1:${port}/api`, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

function client(apiUrl: string, env: Record<string, string> = {}, sleeps: number[] = []): HttpClient {
  return new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'false', ...env }), {
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
}

describe('headers and auth', () => {
  it('sends the API version, the User-Agent and a Bearer API key', async () => {
    const { apiUrl, seen } = await serve(json(200, true));
    const http = client(apiUrl, { PREFECT_API_KEY: 'pnu_secret' });
    await http.call({ method: 'GET', path: '/health' });
    expect(seen[0]!.url).toBe('/api/health');
    expect(seen[0]!.headers['x-prefect-api-version']).toBe('0.8.4');
    expect(seen[0]!.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toBe('prefect/3.9.1 (API 0.8.4)');
    expect(seen[0]!.headers['authorization']).toBe('Bearer pnu_secret');
    http.close();
  });

  it('Basic auth from PREFECT_API_AUTH_STRING wins over the key', async () => {
    const { apiUrl, seen } = await serve(json(200, true));
    const http = client(apiUrl, { PREFECT_API_KEY: 'pnu_secret', PREFECT_API_AUTH_STRING: 'admin:pa:ss' });
    await http.call({ method: 'GET', path: '/health' });
    expect(seen[0]!.headers['authorization']).toBe(`Basic ${Buffer.from('admin:pa:ss').toString('base64')}`);
    http.close();
  });

  it('custom headers are added and may replace auth, never User-Agent or the CSRF headers', async () => {
    const { apiUrl, seen } = await serve(json(200, true));
    const warnings: string[] = [];
    const http = new HttpClient(
      settingsFromEnv({
        PREFECT_API_URL: apiUrl,
        PREFECT_API_KEY: 'k',
        PREFECT_CLIENT_CUSTOM_HEADERS: JSON.stringify({ 'X-Team': 'data', authorization: 'Token t', 'User-Agent': 'evil', 'Prefect-Csrf-Token': 'x' }),
      }),
      { logger: { debug: () => {}, warning: (m) => warnings.push(m) } },
    );
    await http.call({ method: 'GET', path: '/health' });
    expect(seen[0]!.headers['x-team']).toBe('data');
    expect(seen[0]!.headers['authorization']).toBe('Token t');
    expect(seen[0]!.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(seen[0]!.headers['prefect-csrf-token']).toBeUndefined();
    expect(warnings).toHaveLength(2);
    http.close();
  });

  it('encodes every interpolated path segment and sends JSON bodies', async () => {
    const { apiUrl, seen } = await serve(json(200, { id: '1', name: 'f' }));
    const prefect = new PrefectClient({ env: { PREFECT_API_URL: apiUrl, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'false' } });
    await prefect.readDeploymentByName('my flow/x', 'a?b#c %d');
    await prefect.createFlow('f');
    expect(seen[0]!.url).toBe('/api/deployments/name/my%20flow%2Fx/a%3Fb%23c%20%25d');
    expect(seen[1]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[1]!.body)).toEqual({ name: 'f', tags: [], labels: {} });
    expect(apiPath`/x/${'a b'}/${3}`).toBe('/x/a%20b/3');
    prefect.close();
  });
});

describe('retries', () => {
  it('retries 503 with exponential backoff and jitter, then succeeds', async () => {
    const { apiUrl, seen } = await serve(json(503, { detail: 'busy' }), json(503, {}), json(200, true));
    const sleeps: number[] = [];
    const http = client(apiUrl, {}, sleeps);
    const response = await http.call({ method: 'POST', path: '/flows/', body: { name: 'x' } });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.body === '{"name":"x"}')).toBe(true);
    // 2 s then 4 s, each within the clamped jitter window (at most +20 %)
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]!).toBeGreaterThan(1000);
    expect(sleeps[0]!).toBeLessThanOrEqual(2400);
    expect(sleeps[1]!).toBeGreaterThan(2000);
    expect(sleeps[1]!).toBeLessThanOrEqual(4800);
    http.close();
  });

  it('honours Retry-After (seconds), stretched by at most the jitter factor', async () => {
    const { apiUrl } = await serve(json(429, {}, { 'retry-after': '7' }), json(200, true));
    const sleeps: number[] = [];
    const http = client(apiUrl, {}, sleeps);
    await http.call({ method: 'GET', path: '/health' });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]!).toBeGreaterThanOrEqual(7000);
    expect(sleeps[0]!).toBeLessThanOrEqual(8400);
    http.close();
  });

  it('without jitter, waits exactly Retry-After or 2^n', async () => {
    const { apiUrl } = await serve(json(502, {}, { 'retry-after': '0.5' }), json(408, {}), json(200, true));
    const sleeps: number[] = [];
    const http = client(apiUrl, { PREFECT_CLIENT_RETRY_JITTER_FACTOR: '0' }, sleeps);
    await http.call({ method: 'GET', path: '/health' });
    expect(sleeps).toEqual([500, 4000]);
    http.close();
  });

  it('gives up after PREFECT_CLIENT_MAX_RETRIES retries and raises the last answer', async () => {
    const { apiUrl, seen } = await serve(json(503, { detail: 'Service is down for maintenance' }));
    const http = client(apiUrl, { PREFECT_CLIENT_MAX_RETRIES: '2' });
    const error = await http.call({ method: 'GET', path: '/work_pools/x' }).catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect(error).toBeInstanceOf(PrefectApiError);
    expect((error as Error).message).toBe('GET /work_pools/x: HTTP 503 Service Unavailable - Service is down for maintenance');
    http.close();
  });

  it('retries 5xx on reads and idempotent writes, never other statuses (404)', async () => {
    const first = await serve(json(500, { detail: 'boom' }), json(200, true));
    const http = client(first.apiUrl);
    await expect(http.call({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    await expect(http.call({ method: 'POST', path: '/flows/', body: {}, idempotent: true })).resolves.toMatchObject({ status: 200 });
    expect(first.seen).toHaveLength(3);
    http.close();
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    const second = await serve(json(404, { detail: 'nope' }));
    const once = client(second.apiUrl);
    await expect(once.call({ method: 'GET', path: '/x' })).rejects.toThrow('HTTP 404 Not Found - nope');
    expect(second.seen).toHaveLength(1);
    once.close();
  });

  it('a POST that is not idempotent is repeated only when the server did not process it (429, 503)', async () => {
    const { apiUrl, seen } = await serve(json(429, {}, { 'retry-after': '0' }), json(503, {}), json(201, { id: 'a' }));
    const http = client(apiUrl);
    await expect(http.json({ method: 'POST', path: '/automations/', body: {} })).resolves.toEqual({ id: 'a' });
    expect(seen).toHaveLength(3);
    http.close();
  });

  it('a POST that is not idempotent and may have been applied (reset, 500, 502, 504, timeout) is an unknown outcome, sent once', async () => {
    const cases: Handler[] = [(_req, res) => res.socket?.destroy(), json(500, {}), json(502, {}), json(504, {}), () => {}];
    for (const handler of cases) {
      const { apiUrl, seen } = await serve(handler, json(201, { id: 'a' }));
      const http = client(apiUrl, { PREFECT_API_REQUEST_TIMEOUT: '0.3' });
      const error = await http.json({ method: 'POST', path: '/automations/', body: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrefectWriteUnknownError);
      expect((error as Error).message).toMatch(/^POST \/automations\/: the outcome is unknown \(/);
      expect(seen).toHaveLength(1);
      http.close();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('a server that refuses connections for unreachableAfterMs is gone: that request and every later one fail at once', async () => {
    const { apiUrl } = await serve(json(200, true));
    const http = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'false', PREFECT_API_KEY: 'pnu_topsecret' }), {
      unreachableAfterMs: 1_000,
    });
    await http.call({ method: 'GET', path: '/health' });
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    http.close(); // the keep-alive connection goes with the server

    const started = Date.now();
    const error = await http.call({ method: 'POST', path: '/deployments/', body: {}, idempotent: true }).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(error).toBeInstanceOf(PrefectUnreachableError);
    expect(error).toBeInstanceOf(PrefectConnectionError);
    expect((error as Error).message).toMatch(
      /^POST \/deployments\/: not sent, the Prefect API at http:\/\/127\.0\.0\.1:\d+\/api is gone \(no answer for 1\.\d s: .*ECONNREFUSED.*\)$/,
    );
    expect((error as Error).message).not.toContain('topsecret');
    expect(took).toBeGreaterThanOrEqual(1_000);
    expect(took).toBeLessThan(3_000);

    const next = Date.now();
    await expect(http.call({ method: 'GET', path: '/x' })).rejects.toThrow(/^GET \/x: not sent, the Prefect API at .* is gone/);
    expect(Date.now() - next).toBeLessThan(50);
  });

  it('a 500 on a read or an idempotent write gets two retries, not the whole budget', async () => {
    const { apiUrl, seen } = await serve(json(500, { detail: 'boom' }));
    const sleeps: number[] = [];
    const http = client(apiUrl, { PREFECT_CLIENT_RETRY_JITTER_FACTOR: '0' }, sleeps);
    await expect(http.call({ method: 'PUT', path: '/deployments/x', body: {} })).rejects.toThrow('PUT /deployments/x: HTTP 500 Internal Server Error - boom');
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([2000, 4000]);
    http.close();
  });

  it('a gateway answering 502/504 to every request for unreachableAfterMs is a server gone: every request fails at once', async () => {
    const { apiUrl, seen } = await serve(json(200, true), json(502, {}), json(504, {}), json(502, {}));
    const http = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'false' }), {
      unreachableAfterMs: 500,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms / 10)),
      random: () => 0.5,
    });
    await http.call({ method: 'GET', path: '/health' });
    const started = Date.now();
    const error = await http.call({ method: 'POST', path: '/deployments/', body: {}, idempotent: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrefectUnreachableError);
    expect((error as Error).message).toMatch(
      /^POST \/deployments\/: not sent, the Prefect API at .* is gone \(no answer for 0\.\d s: a gateway answered HTTP 50[24] .* to every request\)$/,
    );
    // 2 s and 4 s back-offs (here a tenth): three attempts, not six
    expect(seen).toHaveLength(4);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(http.call({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(PrefectUnreachableError);
    expect(seen).toHaveLength(4);
    http.close();
  });

  it('Prefect-Maintenance: true answers do not count against the retries', async () => {
    const maintenance = json(503, {}, { 'prefect-maintenance': 'true', 'retry-after': '1' });
    const { apiUrl, seen } = await serve(maintenance, maintenance, maintenance, maintenance, json(200, true));
    const http = client(apiUrl, { PREFECT_CLIENT_MAX_RETRIES: '1' });
    await expect(http.call({ method: 'GET', path: '/health' })).resolves.toMatchObject({ status: 200 });
    expect(seen).toHaveLength(5);
    http.close();
  });

  it('retries a connection reset; a refused first connection fails fast', async () => {
    const { apiUrl, seen } = await serve((_req, res) => res.socket?.destroy(), json(200, true));
    const http = client(apiUrl);
    await expect(http.call({ method: 'GET', path: '/health' })).resolves.toMatchObject({ status: 200 });
    expect(seen).toHaveLength(2);
    http.close();

    const sleeps: number[] = [];
    const refused = client('http://127.0.0.1:9/api', { PREFECT_API_KEY: 'pnu_topsecret' }, sleeps);
    const error = await refused.call({ method: 'GET', path: '/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrefectConnectionError);
    expect((error as Error).message).toMatch(/^GET \/health: could not reach the Prefect API at http:\/\/127\.0\.0\.1:9\/api \(.*ECONNREFUSED/);
    expect(sleeps).toEqual([]);
    refused.close();
  });

  it('times out after PREFECT_API_REQUEST_TIMEOUT and retries', async () => {
    const { apiUrl, seen } = await serve(() => {}, json(200, true));
    const http = client(apiUrl, { PREFECT_API_REQUEST_TIMEOUT: '0.3' });
    await expect(http.call({ method: 'GET', path: '/health' })).resolves.toMatchObject({ status: 200 });
    expect(seen).toHaveLength(2);
    http.close();
  });

  it('follows redirects', async () => {
    const { apiUrl, seen } = await serve(
      (_req, res) => {
        res.writeHead(307, { location: '/api/health2' });
        res.end();
      },
      json(200, true),
    );
    const http = client(apiUrl);
    await expect(http.json({ method: 'GET', path: '/health' })).resolves.toBe(true);
    expect(seen.map((r) => r.url)).toEqual(['/api/health', '/api/health2']);
    http.close();
  });

  it('runs at most `concurrency` requests at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const { apiUrl } = await serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        json(200, true)(_req, res);
      }, 30);
    });
    const http = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'false' }), { concurrency: 3 });
    await Promise.all(Array.from({ length: 10 }, () => http.call({ method: 'GET', path: '/health' })));
    expect(peak).toBe(3);
    http.close();
  });
});

describe('CSRF', () => {
  const token = (value: string, expiresInMs = 3_600_000): Handler =>
    json(200, { token: value, client: 'c', expiration: new Date(Date.now() + expiresInMs).toISOString() });

  it('fetches a token before the first mutating request and sends it on every mutating request', async () => {
    const { apiUrl, seen } = await serve((req, res) => (req.url.startsWith('/api/csrf-token') ? token('t1') : json(200, {}))(req, res));
    const http = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl }));
    await http.call({ method: 'GET', path: '/health' });
    await Promise.all([http.call({ method: 'POST', path: '/flows/', body: {} }), http.call({ method: 'DELETE', path: '/x' })]);
    await http.call({ method: 'PATCH', path: '/y', body: {} });
    const urls = seen.map((r) => `${r.method} ${r.url.replace(/client=[^&]+/, 'client=ID')}`);
    expect(urls.filter((u) => u.startsWith('GET /api/csrf-token'))).toEqual(['GET /api/csrf-token?client=ID']);
    const mutating = seen.filter((r) => r.method !== 'GET');
    expect(mutating).toHaveLength(3);
    const clientId = new URL(seen.find((r) => r.url.startsWith('/api/csrf-token'))!.url, 'http://x').searchParams.get('client');
    for (const r of mutating) {
      expect(r.headers['prefect-csrf-token']).toBe('t1');
      expect(r.headers['prefect-csrf-client']).toBe(clientId);
    }
    expect(seen.find((r) => r.method === 'GET' && r.url === '/api/health')!.headers['prefect-csrf-token']).toBeUndefined();
    http.close();
  });

  it('refreshes the token and retries on 403 "Invalid CSRF token"', async () => {
    const { apiUrl, seen } = await serve(token('old'), json(403, { detail: 'Invalid CSRF token or client identifier.' }), token('new'), json(201, {}));
    const sleeps: number[] = [];
    const http = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl }), { sleep: (ms) => (sleeps.push(ms), Promise.resolve()) });
    await expect(http.call({ method: 'POST', path: '/flows/', body: {} })).resolves.toMatchObject({ status: 201 });
    expect(seen.map((r) => r.method + ' ' + r.url.split('?')[0])).toEqual(['GET /api/csrf-token', 'POST /api/flows/', 'GET /api/csrf-token', 'POST /api/flows/']);
    expect(seen[1]!.headers['prefect-csrf-token']).toBe('old');
    expect(seen[3]!.headers['prefect-csrf-token']).toBe('new');
    http.close();
  });

  it('a 404 (old server) or 422 "CSRF protection is disabled." turns CSRF off', async () => {
    for (const answer of [json(404, { detail: 'Not Found' }), json(422, { detail: 'CSRF protection is disabled.' })]) {
      const { apiUrl, seen } = await serve(answer, json(200, {}));
      const http = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl }));
      await http.call({ method: 'POST', path: '/flows/', body: {} });
      await http.call({ method: 'POST', path: '/flows/', body: {} });
      expect(http.csrfSupportEnabled).toBe(false);
      expect(seen.map((r) => r.url.split('?')[0])).toEqual(['/api/csrf-token', '/api/flows/', '/api/flows/']);
      expect(seen[1]!.headers['prefect-csrf-token']).toBeUndefined();
      http.close();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('no CSRF on Prefect Cloud, nor when PREFECT_CLIENT_CSRF_SUPPORT_ENABLED=false', async () => {
    const { apiUrl, seen } = await serve(json(200, {}));
    const cloud = new HttpClient(settingsFromEnv({ PREFECT_API_URL: `${apiUrl}/accounts/a/workspaces/w`, PREFECT_CLOUD_API_URL: apiUrl }));
    const off = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'false' }));
    await cloud.call({ method: 'POST', path: '/flows/', body: {} });
    await off.call({ method: 'POST', path: '/flows/', body: {} });
    expect(seen.map((r) => r.url)).toEqual(['/api/accounts/a/workspaces/w/flows/', '/api/flows/']);
    cloud.close();
    off.close();
  });
});

describe('errors never carry credentials', () => {
  it('redacts the API key and auth string even when the server echoes them', async () => {
    const { apiUrl } = await serve((req, res) => json(401, { detail: `bad credentials: ${req.headers['authorization']}` })(req, res));
    const envs: Record<string, string>[] = [{ PREFECT_API_KEY: 'pnu_topsecret' }, { PREFECT_API_AUTH_STRING: 'admin:hunter2' }];
    for (const env of envs) {
      const http = client(apiUrl, env);
      const error = (await http.call({ method: 'GET', path: '/health' }).catch((e: unknown) => e)) as PrefectApiError;
      expect(error.status).toBe(401);
      const everything = `${error.message} ${error.detail} ${String(error.stack)}`;
      expect(everything).not.toContain('pnu_topsecret');
      expect(everything).not.toContain('hunter2');
      expect(everything).not.toContain(Buffer.from('admin:hunter2').toString('base64'));
      expect(error.message).toContain('***');
      http.close();
    }
  });

  it('validation errors are summarised as location: message', async () => {
    const { apiUrl } = await serve(json(422, { detail: [{ loc: ['body', 'flow_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' }] }));
    const http = client(apiUrl);
    await expect(http.call({ method: 'POST', path: '/deployments/', body: {} })).rejects.toThrow(
      'POST /deployments/: HTTP 422 Unprocessable Entity - body.flow_id: Input should be a valid UUID',
    );
    http.close();
  });
});

describe('jitter and Retry-After parsing', () => {
  it('parses delay-seconds and HTTP-dates, rejects garbage', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter(' 1.5 ')).toBe(1.5);
    expect(parseRetryAfter('-3')).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('inf')).toBeUndefined();
  });

  it('clamped jitter stays within (lower, average * (1 + factor)], bounded within [lower, upper]', () => {
    for (const r of [0, 0.25, 0.5, 0.75, 0.999999]) {
      const clamped = clampedPoissonInterval(4, 0.2, () => r);
      expect(clamped).toBeGreaterThan(0);
      expect(clamped).toBeLessThanOrEqual(4 * 1.2 + 1e-9);
      const bounded = boundedPoissonInterval(7, 8.4, () => r);
      expect(bounded).toBeGreaterThanOrEqual(7 - 1e-9);
      expect(bounded).toBeLessThanOrEqual(8.4 + 1e-9);
    }
  });
});

describe('a malformed CSRF token answer', () => {
  it('is an error, not a request with an empty token', async () => {
    const { apiUrl } = await serve(json(200, { nothing: true }));
    const http = new HttpClient(settingsFromEnv({ PREFECT_API_URL: apiUrl }));
    await expect(http.call({ method: 'POST', path: '/flows/', body: {} })).rejects.toThrow('GET /csrf-token: HTTP 200 OK - the answer holds no CSRF token');
    http.close();
  });
});

describe('TLS settings', () => {
  it('a self-signed server is refused by default, trusted through SSL_CERT_FILE, or with verification off', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const https = await import('node:https');
    const dir = mkdtempSync(join(tmpdir(), 'prefect-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          'key.pem',
          '-out',
          'cert.pem',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { cwd: dir, stdio: 'ignore', timeout: 30_000 },
      );
      const tls = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) =>
        json(200, true)(_req as unknown as Seen, res),
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const apiUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/api`;
      try {
        const strict = client(apiUrl);
        await expect(strict.call({ method: 'GET', path: '/health' })).rejects.toThrow(PrefectConnectionError);
        strict.close();
        const trusted = client(apiUrl, { SSL_CERT_FILE: join(dir, 'cert.pem') });
        await expect(trusted.json({ method: 'GET', path: '/health' })).resolves.toBe(true);
        trusted.close();
        const insecure = client(apiUrl, { PREFECT_API_TLS_INSECURE_SKIP_VERIFY: 'true' });
        await expect(insecure.json({ method: 'GET', path: '/health' })).resolves.toBe(true);
        insecure.close();
        expect(() => client(apiUrl, { PREFECT_API_SSL_CERT_FILE: join(dir, 'missing.pem') })).toThrow(/cannot read the CA bundle/);
      } finally {
        tls.closeAllConnections();
        await new Promise<void>((resolve) => tls.close(() => resolve()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

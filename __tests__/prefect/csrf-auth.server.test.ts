/**
 * A second real Prefect server with CSRF protection and Basic auth switched on
 * (`PREFECT_SERVER_API_CSRF_PROTECTION_ENABLED`, `PREFECT_SERVER_API_AUTH_STRING`), to check the
 * client's token handshake and auth header against the server that enforces them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrefectApiError, PrefectClient } from '../../src/prefect/index.js';
import { cleanEnv, referencePython } from '../setup/prefect-server.js';

const AUTH = 'admin:s3cret-pass';
let child: ChildProcess | undefined;
let home: string | undefined;
let apiUrl = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function stop(): void {
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  child = undefined;
  if (home) rmSync(home, { recursive: true, force: true });
  home = undefined;
}

beforeAll(async () => {
  const python = await referencePython();
  home = mkdtempSync(path.join(tmpdir(), 'prefect-csrf-'));
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}/api`;
  const logFile = path.join(home, 'server.log');
  const log = openSync(logFile, 'a');
  child = spawn(
    path.join(path.dirname(python), 'prefect'),
    ['server', 'start', '--host', '127.0.0.1', '--port', String(port), '--no-ui', '--analytics-off', '--no-services'],
    {
      cwd: home,
      env: cleanEnv({
        PREFECT_HOME: home,
        PREFECT_SERVER_LOGGING_LEVEL: 'WARNING',
        PREFECT_SERVER_API_CSRF_PROTECTION_ENABLED: 'true',
        PREFECT_SERVER_API_AUTH_STRING: AUTH,
      }),
      stdio: ['ignore', log, log],
      detached: true,
    },
  );
  closeSync(log);
  process.once('exit', stop);
  const authorization = `Basic ${Buffer.from(AUTH).toString('base64')}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`${apiUrl}/health`, { headers: { authorization }, signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      stop();
      throw new Error(`the CSRF/auth Prefect server did not come up:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}, 120_000);

afterAll(() => {
  process.off('exit', stop);
  stop();
});

describe('a server with CSRF protection and Basic auth', () => {
  it('fetches a CSRF token, sends it, and can create objects', async () => {
    const client = new PrefectClient({ env: { PREFECT_API_URL: apiUrl, PREFECT_API_AUTH_STRING: AUTH } });
    const seen: string[] = [];
    const send = client.http.send.bind(client.http);
    client.http.send = (request) => {
      seen.push(`${request.method} ${request.path}`);
      return send(request);
    };
    try {
      await client.health();
      const flow = await client.createFlow('csrf-flow');
      expect(flow.name).toBe('csrf-flow');
      await client.deleteOwnedAutomations(flow.id);
      expect(client.http.csrfSupportEnabled).toBe(true);
      // send() of the POST is entered first and fetches the token itself; one token serves both writes
      expect(seen).toEqual(['GET /health', 'POST /flows/', 'GET /csrf-token', `DELETE /automations/owned-by/prefect.deployment.${flow.id}`]);
    } finally {
      client.close();
    }
  });

  it('without CSRF support the server refuses mutating requests', async () => {
    const client = new PrefectClient({
      env: { PREFECT_API_URL: apiUrl, PREFECT_API_AUTH_STRING: AUTH, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'false' },
    });
    try {
      const error = await client.createFlow('no-token').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrefectApiError);
      expect((error as PrefectApiError).status).toBe(403);
    } finally {
      client.close();
    }
  });

  it('a wrong auth string is a 401 whose message holds no credential', async () => {
    const client = new PrefectClient({ env: { PREFECT_API_URL: apiUrl, PREFECT_API_AUTH_STRING: 'admin:wrong-pass' } });
    try {
      const error = await client.readWorkPool('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrefectApiError);
      expect((error as PrefectApiError).status).toBe(401);
      expect((error as Error).message).not.toContain('wrong-pass');
      expect((error as Error).message).toMatch(/^GET \/work_pools\/x: HTTP 401 Unauthorized/);
    } finally {
      client.close();
    }
  });
});

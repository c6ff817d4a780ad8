/**
 * `PrefectClient.serverVersion()` against the suite's real server (3.9.1; the older releases are in
 * `compat/servers.compat.test.ts`): read once per client, and taken as current, with no failure,
 * for Prefect Cloud and for a server that does not answer it.
 */
import { describe, expect, inject, it } from 'vitest';
import { PrefectClient } from '../../src/prefect/index.js';

const apiUrl = inject('prefectApiUrl');

function counting(env: Record<string, string>): { client: PrefectClient; requests: string[] } {
  const client = new PrefectClient({ env, logger: { debug: () => {}, warning: () => {} } });
  const requests: string[] = [];
  const send = client.http.send.bind(client.http);
  client.http.send = (request) => {
    requests.push(`${request.method} ${request.path}`);
    return send(request);
  };
  return { client, requests };
}

describe('the server version', () => {
  it('is read from GET /admin/version, once per client', async () => {
    const { client, requests } = counting({ PREFECT_API_URL: apiUrl });
    try {
      expect(await Promise.all([client.serverVersion(), client.serverVersion()])).toEqual(['3.9.1', '3.9.1']);
      expect(await client.serverVersion()).toBe('3.9.1');
      expect(requests).toEqual(['GET /admin/version']);
    } finally {
      client.close();
    }
  });

  it('is taken as current when the endpoint is not there (404)', async () => {
    const { client, requests } = counting({ PREFECT_API_URL: `${apiUrl}/no-such-prefix` });
    try {
      expect(await client.serverVersion()).toBeUndefined();
      expect(requests).toEqual(['GET /admin/version']);
    } finally {
      client.close();
    }
  });

  it.each([
    ['the default Cloud URL', { PREFECT_API_URL: 'https://api.prefect.cloud/api/accounts/a/workspaces/w', PREFECT_API_KEY: 'pnu_x' }],
    [
      'a Cloud host with another PREFECT_CLOUD_API_URL',
      { PREFECT_API_URL: 'https://api.prefect.cloud/api/accounts/a/workspaces/w', PREFECT_API_KEY: 'pnu_x', PREFECT_CLOUD_API_URL: 'https://cloud.example.test/api' },
    ],
  ])('is taken as current on Prefect Cloud without asking (%s)', async (_title, env) => {
    const { client, requests } = counting(env);
    try {
      expect(await client.serverVersion()).toBeUndefined();
      expect(requests).toEqual([]);
    } finally {
      client.close();
    }
  });
});

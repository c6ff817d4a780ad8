/**
 * `createAutomation` when the answer is lost, against a real Prefect server behind the fault
 * proxy: applied and answered with a reset or a gateway's 502 (found, not sent again), or never
 * forwarded (sent again) — one automation each time, never two.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PrefectClient, type AutomationCreate } from '../../src/prefect/index.js';
import { startFaultProxy, type FaultKind, type FaultProxy } from '../support/fault-proxy.js';

const apiUrl = inject('prefectApiUrl');
let deploymentId = '';

beforeAll(async () => {
  const clean = new PrefectClient({ env: { PREFECT_API_URL: apiUrl } });
  const flow = await clean.createFlow(`reconcile-${randomUUID()}`);
  ({ id: deploymentId } = await clean.createDeployment({ name: 'd', flow_id: flow.id }));
  clean.close();
});

const proxies: FaultProxy[] = [];
afterAll(async () => {
  for (const p of proxies) await p.close();
});

function body(name: string): AutomationCreate {
  return {
    name,
    trigger: { type: 'event', posture: 'Reactive', expect: ['prefect.flow-run.Failed'], threshold: 1, within: 0 },
    actions: [{ type: 'run-deployment', source: 'selected', deployment_id: deploymentId }],
    owner_resource: `prefect.deployment.${deploymentId}`,
  };
}

async function named(name: string): Promise<string[]> {
  const res = await fetch(`${apiUrl}/automations/related-to/prefect.deployment.${deploymentId}`);
  return ((await res.json()) as { id: string; name: string }[]).filter((a) => a.name === name).map((a) => a.id);
}

describe('an automation whose creation answer is lost', () => {
  it.each<FaultKind>(['reset-after', '502-after', 'reset-before', '500'])('%s: one automation', async (kind) => {
    // Every first attempt of a request faulted, the second forwarded.
    const proxy = await startFaultProxy(apiUrl, { seed: 1, rate: 1, kinds: { [kind]: 1 }, maxConsecutive: 1 });
    proxies.push(proxy);
    const client = new PrefectClient({ env: { PREFECT_API_URL: proxy.apiUrl }, sleep: () => Promise.resolve() });
    const name = `auto-${kind}`;
    const created = await client.createAutomation(body(name));
    expect(await named(name)).toEqual([created.id]);
    // The server received it once: applied the first time, or refused by the proxy and sent again.
    expect(proxy.stats.forwardedWrites.filter((w) => w === 'POST /automations/')).toHaveLength(1);
    expect(proxy.stats.faulted).toContain(`${kind} POST /automations/`);
    client.close();
  });

  it('two automations of the same name are both created, the second not mistaken for the first', async () => {
    // The second's first send never reaches the server: the look-up finds only the first, already accounted for.
    const proxy = await startFaultProxy(apiUrl, { seed: 1, rate: 1, kinds: { 'reset-before': 1 }, maxConsecutive: 1 });
    proxies.push(proxy);
    const client = new PrefectClient({ env: { PREFECT_API_URL: proxy.apiUrl }, sleep: () => Promise.resolve() });
    const first = await client.createAutomation(body('twin'));
    const second = await client.createAutomation(body('twin'));
    expect(new Set([first.id, second.id]).size).toBe(2);
    expect((await named('twin')).sort()).toEqual([first.id, second.id].sort());
    client.close();
  });
});

/**
 * The bulk reads a deploy (and a live plan) makes once per run instead of two reads per
 * deployment, against the suite's real Prefect server: paging at the page size, the server's own
 * limit when ours is too large, the flow/name pairs picked out of a superset, the automations that
 * run each deployment, and the request count of a re-run not growing with the deployments.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrefectServer, type PrefectServer } from '../setup/prefect-server.js';
import { main } from '../../src/cli/main.js';
import { prefetchSnapshot, readServerSnapshot, type SnapshotPrefetch } from '../../src/core/plan/snapshot.js';
import { PrefectClient } from '../../src/prefect/index.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';
import { serverApi, type ServerApi } from '../support/server-api.js';

// A server of its own: these tests count the exact reads a snapshot makes, and the shared server's
// other deployments and automations (many same-named deployments, automations past one page) would
// rightly change them.
let server: PrefectServer;
let apiUrl: string;
let api: ServerApi<Record<string, unknown>>;
beforeAll(async () => {
  server = await startPrefectServer();
  apiUrl = server.apiUrl;
  api = serverApi<Record<string, unknown>>(apiUrl);
}, 180_000);
afterAll(() => server?.stop());
const tag = randomUUID().slice(0, 8);
const pool = `snap-pool-${tag}`;

/** A client that records `METHOD path` of every request it sends. */
function recordingClient(filterPageSize?: number): { client: PrefectClient; sent: string[] } {
  const client = new PrefectClient({ env: { PREFECT_API_URL: apiUrl }, ...(filterPageSize ? { filterPageSize } : {}) });
  const sent: string[] = [];
  const send = client.http.send.bind(client.http);
  client.http.send = (request) => {
    // the CSRF token request before the first POST is the HTTP layer's, not the read's
    if (request.path !== '/csrf-token') sent.push(`${request.method} ${request.path}`);
    return send(request);
  };
  return { client, sent };
}

const flowNames = [0, 1, 2, 3, 4].map((i) => `snap-flow-${tag}-${i}`);
const flowIds: string[] = [];
const deploymentIds = new Map<string, string>();
const dirs: string[] = [];
let proxy: RecordingProxy;

beforeAll(async () => {
  proxy = await startRecordingProxy(apiUrl);
  await api('POST', '/work_pools/', { name: pool, type: 'process' });
  for (const name of flowNames) {
    const flow = await api<{ id: string }>('POST', '/flows/', { name });
    flowIds.push(flow.id);
    for (const d of ['a', 'b']) {
      const created = await api<{ id: string }>('POST', '/deployments/', { name: d, flow_id: flow.id, work_pool_name: pool });
      deploymentIds.set(`${name}/${d}`, created.id);
    }
  }
});

afterAll(async () => {
  await proxy.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('bulk reads', () => {
  it('page through /filter at the page size and keep every item once', async () => {
    const { client, sent } = recordingClient(2);
    try {
      const flows = await client.readFlowsByName([...flowNames, `snap-missing-${tag}`]);
      expect(flows.map((f) => f.name).sort()).toEqual([...flowNames].sort());
      expect(sent.filter((s) => s === 'POST /flows/filter')).toHaveLength(3);
      sent.length = 0;
      const deployments = await client.readDeploymentsOfFlows(flowIds, ['a', 'b']);
      expect(deployments.map((d) => d.id).sort()).toEqual([...deploymentIds.values()].sort());
      // 10 items at 2 a page: five full pages, then an empty one that ends the read
      expect(sent).toHaveLength(6);
    } finally {
      client.close();
    }
  });

  it('ask no page that cannot hold anything, and the next page together with a page the names fill', async () => {
    const { client, sent } = recordingClient(5);
    try {
      // five unique flow names, all found on a page of five: no empty page to end the read
      expect(await client.readFlowsByName(flowNames)).toHaveLength(5);
      expect(sent).toEqual(['POST /flows/filter']);
    } finally {
      client.close();
    }
    const paged = recordingClient(2);
    let inFlight = 0;
    let most = 0;
    const send = paged.client.http.send.bind(paged.client.http);
    paged.client.http.send = async (request) => {
      if (request.path === '/csrf-token') return send(request);
      most = Math.max(most, ++inFlight);
      try {
        return await send(request);
      } finally {
        inFlight--;
      }
    };
    try {
      // two names fill a page of two: the second page is asked for at once, the rest one by one
      const deployments = await paged.client.readDeploymentsOfFlows(flowIds, ['a', 'b']);
      expect(deployments.map((d) => d.id).sort()).toEqual([...deploymentIds.values()].sort());
      expect(paged.sent).toHaveLength(6);
      expect(most).toBe(2);
    } finally {
      paged.client.close();
    }
  });

  it('lower the page size to the server limit when the server refuses a larger one', async () => {
    const { client, sent } = recordingClient(500);
    try {
      const flows = await client.readFlowsByName(flowNames);
      expect(flows).toHaveLength(5);
      expect(client.filterPageSize).toBe(200);
      expect(sent).toEqual(['POST /flows/filter', 'POST /flows/filter']);
    } finally {
      client.close();
    }
  });

  it('snapshot: the wanted flow/name pairs as a read by name answers them, and the automations that run each', async () => {
    const { client, sent } = recordingClient();
    try {
      const ownedBy = deploymentIds.get(`${flowNames[0]}/a`)!;
      const automation = await api<{ id: string }>('POST', '/automations/', {
        name: `snap-auto-${tag}`,
        trigger: { type: 'event', posture: 'Reactive', expect: ['snap.event'], threshold: 1, within: 0 },
        actions: [{ type: 'run-deployment', source: 'selected', deployment_id: ownedBy, parameters: {} }],
        owner_resource: `prefect.deployment.${ownedBy}`,
      });
      const wanted = [
        { flowName: flowNames[0]!, name: 'a' },
        { flowName: flowNames[1]!, name: 'b' },
        { flowName: flowNames[2]!, name: 'nope' },
        { flowName: `snap-missing-${tag}`, name: 'a' },
      ];
      const snapshot = await readServerSnapshot(client, wanted);
      expect(snapshot.flowIds.get(flowNames[0]!)).toBe(flowIds[0]);
      expect(snapshot.flowIds.has(`snap-missing-${tag}`)).toBe(false);
      const byName = await api('GET', `/deployments/name/${flowNames[0]}/a`);
      expect(snapshot.deployment(flowNames[0]!, 'a')).toEqual(byName);
      expect(snapshot.deployment(flowNames[1]!, 'b')?.id).toBe(deploymentIds.get(`${flowNames[1]}/b`));
      // a pair outside the selection (flow 0/b) is in the filter's answer but not in the snapshot
      expect(snapshot.deployment(flowNames[0]!, 'b')).toBeUndefined();
      expect(snapshot.deployment(flowNames[2]!, 'nope')).toBeUndefined();
      expect((await snapshot.automationsOf(ownedBy)).map((a) => a.id)).toEqual([automation.id]);
      expect(await snapshot.automationsOf(deploymentIds.get(`${flowNames[1]}/b`)!)).toEqual([]);
      expect(sent.sort()).toEqual(['POST /automations/filter', 'POST /deployments/filter', 'POST /flows/filter']);
    } finally {
      client.close();
    }
  });

  it('a prefetch by deployment name stands in for the exact reads when it covers every wanted name', async () => {
    const wanted = [
      { flowName: flowNames[0]!, name: 'a' },
      { flowName: flowNames[3]!, name: 'b' },
      { flowName: flowNames[4]!, name: 'nope' },
    ];
    const exact = recordingClient();
    const { client, sent } = recordingClient();
    try {
      const expected = await readServerSnapshot(exact.client, wanted);
      const prefetch = prefetchSnapshot(client, ['a', 'b', 'nope']);
      await Promise.all([prefetch.deployments, prefetch.flows, prefetch.firstAutomations]);
      // the flows of the deployments found are read by id as soon as they arrive
      expect(sent.sort()).toEqual(['POST /automations/filter', 'POST /deployments/filter', 'POST /flows/filter']);
      sent.length = 0;
      const snapshot = await readServerSnapshot(client, wanted, prefetch);
      // nothing is read after the plan; the deployments of other flows named a/b are left out
      expect(sent).toEqual([]);
      for (const w of wanted) expect(snapshot.deployment(w.flowName, w.name)).toEqual(expected.deployment(w.flowName, w.name));
      expect(snapshot.deployment(flowNames[0]!, 'b')).toBeUndefined();
      expect(snapshot.deployment(flowNames[3]!, 'b')?.id).toBe(deploymentIds.get(`${flowNames[3]}/b`));
    } finally {
      client.close();
      exact.client.close();
    }
  });

  it('a prefetch that misses a wanted name, or gave up on a name many flows share, is not used', async () => {
    const wanted = [{ flowName: flowNames[1]!, name: 'a' }];
    const { client, sent } = recordingClient();
    try {
      // a and b are the names of 10 deployments here: a budget of 3 gives up
      expect(await client.readDeploymentsNamed(['a', 'b'], 3)).toBeUndefined();
      expect((await client.readDeploymentsNamed(['a', 'b'], 1000))!.length).toBeGreaterThanOrEqual(10);
      const gaveUp: SnapshotPrefetch = {
        names: new Set(['a']),
        deployments: Promise.resolve(undefined),
        flows: Promise.resolve(undefined),
        firstAutomations: Promise.resolve(undefined),
      };
      const elsewhere: SnapshotPrefetch = {
        names: new Set(['b']),
        deployments: Promise.resolve([]),
        flows: Promise.resolve([]),
        firstAutomations: Promise.resolve({ automations: [], complete: true }),
      };
      // the automations read early (none here) stand: they do not depend on the names
      for (const [prefetch, reads] of [
        [gaveUp, ['POST /automations/filter', 'POST /deployments/filter', 'POST /flows/filter']],
        [elsewhere, ['POST /deployments/filter', 'POST /flows/filter']],
      ] as const) {
        sent.length = 0;
        const snapshot = await readServerSnapshot(client, wanted, prefetch);
        expect(snapshot.deployment(flowNames[1]!, 'a')?.id).toBe(deploymentIds.get(`${flowNames[1]}/a`));
        expect(sent.sort()).toEqual(reads);
      }
    } finally {
      client.close();
    }
  });

  it('a re-run of unchanged deployments costs the same few reads for 2 deployments as for 12', async () => {
    const reads: number[] = [];
    for (const n of [2, 12]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'snap-rerun-'));
      dirs.push(dir);
      mkdirSync(path.join(dir, 'flows'));
      const deployments: string[] = [];
      for (let i = 0; i < n; i++) {
        writeFileSync(
          path.join(dir, 'flows', `f${i}.py`),
          `from prefect import flow\n\n\n@flow(name="snap-rerun-${tag}-${n}-${i}")\ndef f${i}(x: int = ${i}):\n    """Snapshot flow."""\n`,
        );
        deployments.push(`  - name: d${i}\n    entrypoint: flows/f${i}.py:f${i}\n    work_pool: {name: ${pool}}\n    triggers:\n      - expect: [snap.rerun.${i}]\n`);
      }
      writeFileSync(path.join(dir, 'prefect.yaml'), `deployments:\n${deployments.join('')}`);
      const io = (url: string) => ({ stdout: () => {}, stderr: () => {}, cwd: dir, env: { PREFECT_API_URL: url }, now: () => new Date() });
      expect(await main(['deploy', '--all'], io(apiUrl))).toBe(0);
      proxy.requests.length = 0;
      let out = '';
      expect(await main(['deploy', '--all'], { ...io(proxy.apiUrl), stdout: (t) => (out += t) })).toBe(0);
      expect(out).toContain(`0 created, 0 updated, ${n} unchanged, 0 failed`);
      const calls = proxy.requests.map((r) => `${r.method} ${r.path}`);
      expect(calls.filter((c) => c.includes('/deployments/name/') || c.includes('/related-to/'))).toEqual([]);
      reads.push(calls.filter((c) => !c.startsWith('GET /work_pools/')).length);
      // the deployments were read by name while the flows were analysed, before the flows' read
      const byName = proxy.requests.findIndex((r) => r.path === '/deployments/filter' && !(r.body as { flows?: unknown }).flows);
      expect(byName).toBeGreaterThanOrEqual(0);
      expect(byName).toBeLessThan(calls.indexOf('POST /flows/filter'));
      expect(calls.filter((c) => c === 'POST /deployments/filter')).toHaveLength(1);
    }
    expect(reads[1]).toBe(reads[0]);
  });
});

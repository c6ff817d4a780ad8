/**
 * The deploy lock against a real Prefect server: two deploys of one prefect.yaml started together
 * write one after the other (and leave exactly the automations configured); a holder that dies
 * stops blocking once its lease expires; a wait past the timeout writes nothing; a server without
 * concurrency leases gets a warning and the deploy goes on; a lease lost while writing is warned of.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { deploy, lockName, lockTarget, type LockEvent } from '../../src/core/apply/index.js';
import { acquireDeployLock, heartbeatName } from '../../src/core/apply/lock.js';
import { PrefectClient } from '../../src/prefect/index.js';
import { prefectTemplateSources } from '../../src/core/templating/index.js';
import { stepRunner } from '../../src/steps/index.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const DEPLOYMENTS = 10;
const TRIGGERS_EACH = 2;

const api = serverApi(apiUrl, { alsoOk: [409] });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A repository (its own lock target) with DEPLOYMENTS deployments of two triggers each. */
async function project(tag: string): Promise<{ dir: string; flow: string; names: string[]; target: string }> {
  const pool = `lock-pool-${tag}`;
  await api('POST', '/work_pools/', { name: pool, type: 'process' });
  const dir = mkdtempSync(path.join(tmpdir(), `deploy-lock-${tag}-`));
  dirs.push(dir);
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'flows'));
  const flow = `lock-flow-${tag}`;
  writeFileSync(path.join(dir, 'flows', 'f.py'), `from prefect import flow\n\n\n@flow(name="${flow}")\ndef f(day: str = "today"):\n    pass\n`);
  const names = Array.from({ length: DEPLOYMENTS }, (_, i) => `d${i}`);
  const trigger = (n: number) =>
    `      - expect: [prefect.flow-run.Failed]\n        match: {prefect.resource.id: "prefect.flow-run.*"}\n        parameters: {day: "t${n}"}\n`;
  const entries = names.map(
    (name) =>
      `  - name: ${name}\n    entrypoint: flows/f.py:f\n    work_pool: {name: ${pool}}\n    triggers:\n${Array.from({ length: TRIGGERS_EACH }, (_, n) => trigger(n)).join('')}`,
  );
  writeFileSync(path.join(dir, 'prefect.yaml'), `deployments:\n${entries.join('')}`);
  return {
    dir,
    flow,
    names,
    target: lockTarget(
      'prefect.yaml',
      dir,
      names.map((n) => `${flow}/${n}`),
    ),
  };
}

async function cli(dir: string, args: string[], url = apiUrl, onLine: (line: string) => void = () => {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += `${t}\n`;
      onLine(t);
    },
    stderr: (t) => (stderr += `${t}\n`),
    cwd: dir,
    env: { PREFECT_API_URL: url, NO_COLOR: '1' },
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

/** Every deployment of the flow on the server, and the automations that run each. */
async function stored(flow: string): Promise<{ deployments: string[]; automations: number }> {
  const deployments = (await api('POST', '/deployments/filter', { flows: { name: { any_: [flow] } } })) as { id: string; name: string }[];
  let automations = 0;
  for (const d of deployments) automations += ((await api('GET', `/automations/related-to/prefect.deployment.${d.id}`)) as unknown[]).length;
  return { deployments: deployments.map((d) => d.name).sort(), automations };
}

/** Takes the project's lock as another deploy would (with its heartbeat, when named), and never renews it. */
async function holdLock(target: string, holder?: string): Promise<{ client: PrefectClient; leaseId: string }> {
  const client = new PrefectClient({ apiUrl });
  const name = lockName(target);
  await client.createConcurrencyLimit(name, 1);
  const lease = await client.acquireConcurrencyLease(name, 60);
  if (typeof lease === 'string') throw new Error(`lock not taken: ${lease}`);
  if (holder) await client.writeVariable(heartbeatName(target), { holder, target, beat: 0 });
  return { client, leaseId: lease.leaseId };
}

function deployWithLock(dir: string, lock: { timeoutSeconds: number }, events: LockEvent[], url = apiUrl) {
  const client = new PrefectClient({ apiUrl: url });
  return deploy({
    prefectFile: 'prefect.yaml',
    selection: { all: true, names: [] },
    cwd: dir,
    env: {},
    now: new Date(),
    client,
    sources: prefectTemplateSources(client),
    stepRunner,
    registrationConcurrency: 1,
    lock: { ...lock, pollSeconds: 1 },
    onLock: (e) => events.push(e),
  }).finally(() => client.close());
}

describe('the deploy lock', () => {
  it('serializes two deploys of the same prefect.yaml started together: both succeed, one waited, and the server holds each deployment once with its own automations', async () => {
    const { dir, flow, names, target } = await project('together');
    // Held until both deploys reach the lock, so that they contend for it at the same moment
    // (started together, one could otherwise finish before the other has validated).
    const holder = await holdLock(target);
    let waiting = 0;
    const seeWaiting = (line: string) => {
      if (/holds the deploy lock .* on the server; waiting/.test(line) && ++waiting === 2)
        void holder.client.releaseConcurrencyLease(holder.leaseId).finally(() => holder.client.close());
    };
    const [a, b] = await Promise.all([cli(dir, ['deploy', '--all'], apiUrl, seeWaiting), cli(dir, ['deploy', '--all'], apiUrl, seeWaiting)]);
    expect(a.code, a.stderr + a.stdout).toBe(0);
    expect(b.code, b.stderr + b.stdout).toBe(0);
    for (const log of [a.stdout, b.stdout]) {
      expect(log).toMatch(
        /another deploy of deploy-lock-together-\w+\/prefect\.yaml \(10 deployments \w{8}\) holds the deploy lock "prefect-deploy deploy-lock-together-\w+:prefect\.yaml \(10 deployments \w{8}\) \w{12}" on the server; waiting \(\d+\.\ds so far, up to 600s\)/,
      );
      expect(log).toMatch(/holding the deploy lock ".*" after waiting \d+\.\ds \(lease 60s, renewed while writing\)/);
      expect(log).toMatch(/released the deploy lock ".*" \(held \d+\.\ds\)/);
    }
    // One wrote everything, the other then found nothing to change.
    const summaries = [a.stdout, b.stdout].map((l) => /\d+ created, \d+ updated, \d+ unchanged, \d+ failed/.exec(l)?.[0]).sort();
    expect(summaries).toEqual([`0 created, 0 updated, ${DEPLOYMENTS} unchanged, 0 failed`, `${DEPLOYMENTS} created, 0 updated, 0 unchanged, 0 failed`]);
    expect(await stored(flow)).toEqual({ deployments: names, automations: DEPLOYMENTS * TRIGGERS_EACH });
  });

  it('goes ahead once a holder that died has given no sign of life for a whole lease and a margin', { timeout: 180_000 }, async () => {
    const { dir, flow, names, target } = await project('dead');
    // The test server runs without the service that expires leases (as does a server that lost its
    // in-memory leases on a restart): the waiter itself frees the slot of a silent holder.
    const dead = await holdLock(target, 'https://github.com/acme/etl/actions/runs/1');
    dead.client.close();
    const events: LockEvent[] = [];
    const started = Date.now();
    const result = await deployWithLock(dir, { timeoutSeconds: 150 }, events);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.outcomes.map((o) => o.action)).toEqual(names.map(() => 'created'));
    const acquired = events.find((e) => e.kind === 'acquired');
    // The server's minimum lease is 60 s, and the margin 30 s.
    expect(acquired?.waitedMs).toBeGreaterThan(89_000);
    expect(Date.now() - started).toBeLessThan(130_000);
    expect(events[0]).toMatchObject({ kind: 'waiting', holder: 'https://github.com/acme/etl/actions/runs/1' });
    expect(events.find((e) => e.kind === 'stale')).toMatchObject({ holder: 'https://github.com/acme/etl/actions/runs/1' });
    expect(events.at(-1)).toMatchObject({ kind: 'released' });
    // The heartbeat is gone with the lock.
    const check = new PrefectClient({ apiUrl });
    expect(await check.readVariableByName(heartbeatName(target))).toBeUndefined();
    check.close();
    expect(await stored(flow)).toEqual({ deployments: names, automations: DEPLOYMENTS * TRIGGERS_EACH });
  });

  it('stops with one clear error and writes nothing when the lock is held past the timeout', async () => {
    const { dir, flow, target } = await project('timeout');
    const holder = await holdLock(target);
    try {
      const events: LockEvent[] = [];
      const result = await deployWithLock(dir, { timeoutSeconds: 2 }, events);
      expect(result.stoppedAt).toBe('lock');
      expect(result.outcomes).toEqual([]);
      expect(result.diagnostics[0]?.message).toMatch(
        /^another deploy of deploy-lock-timeout-\w+\/prefect\.yaml \(10 deployments \w{8}\) still holds the deploy lock ".*" after [23]s; nothing was written \(raise the lock timeout/,
      );

      const viaCli = await cli(dir, ['deploy', '--all', '--lock-timeout', '0', '--json']);
      expect(viaCli.code).toBe(1);
      expect(JSON.parse(viaCli.stdout)).toMatchObject({
        deployments: [],
        failure_reason: 'lock-timeout',
        errors: [expect.objectContaining({ message: expect.stringContaining('still holds the deploy lock') })],
      });
      expect(await stored(flow)).toEqual({ deployments: [], automations: 0 });
    } finally {
      await holder.client.releaseConcurrencyLease(holder.leaseId);
      holder.client.close();
    }
    // Released: the next deploy takes the lock at once.
    const events: LockEvent[] = [];
    const after = await deployWithLock(dir, { timeoutSeconds: 0 }, events);
    expect(after.outcomes).toHaveLength(DEPLOYMENTS);
    expect(events.map((e) => e.kind)).toEqual(['acquired', 'released']);
    // Nothing to change: no write, so no lock to wait for.
    const again = await holdLock(target);
    try {
      const none: LockEvent[] = [];
      const unchanged = await deployWithLock(dir, { timeoutSeconds: 0 }, none);
      expect(unchanged.outcomes.map((o) => o.action)).toEqual(after.outcomes.map(() => 'unchanged'));
      expect(none).toEqual([]);
    } finally {
      await again.client.releaseConcurrencyLease(again.leaseId);
      again.client.close();
    }
  });

  it('lets deploys of other selections of the same prefect.yaml (the legs of a matrix) write meanwhile', async () => {
    const { dir, flow, target } = await project('matrix');
    const holder = await holdLock(target);
    try {
      const leg = await cli(dir, ['deploy', '-n', 'd3', '--lock-timeout', '0']);
      expect(leg.code, leg.stderr + leg.stdout).toBe(0);
      expect(leg.stdout).toMatch(new RegExp(`holding the deploy lock "prefect-deploy deploy-lock-matrix-\\w+:prefect\\.yaml \\(${flow}:d3\\) \\w{12}"`));
      expect(await stored(flow)).toEqual({ deployments: ['d3'], automations: TRIGGERS_EACH });
    } finally {
      await holder.client.releaseConcurrencyLease(holder.leaseId);
      holder.client.close();
    }
  });

  it('renews the lease and the heartbeat while held, and frees both on release', { timeout: 60_000 }, async () => {
    const { target } = await project('renew');
    const client = new PrefectClient({ apiUrl });
    try {
      const events: LockEvent[] = [];
      const held = await acquireDeployLock(client, target, { holder: 'renewal test' }, (e) => events.push(e));
      const beat = async () => ((await client.readVariableByName(heartbeatName(target)))?.value as { beat?: number } | undefined)?.beat;
      await expect.poll(beat).toBe(0);
      // Renewed every third of the 60 s lease.
      await expect.poll(beat, { timeout: 25_000, interval: 1_000 }).toBe(1);
      expect(await client.acquireConcurrencyLease(lockName(target), 60)).toBe('held');
      await held.release();
      expect(await client.readVariableByName(heartbeatName(target))).toBeUndefined();
      const next = await client.acquireConcurrencyLease(lockName(target), 60);
      expect(next).toEqual({ leaseId: expect.any(String) });
      await client.releaseConcurrencyLease((next as { leaseId: string }).leaseId);
      expect(events.map((e) => e.kind)).toEqual(['acquired', 'released']);
    } finally {
      client.close();
    }
  });

  it('warns when the lease is lost while writing (the server no longer knows it at the next renewal)', { timeout: 90_000 }, async () => {
    const { dir, flow, names } = await project('lost');
    // A proxy that revokes the lease as soon as the server has granted it (as an expiry or an admin
    // freeing the slot would), and holds the deploy's writes until the next renewal has been answered.
    const upstream = new URL(apiUrl);
    let revoked: Promise<unknown> | undefined;
    let renewal: number | undefined;
    let renewed!: () => void;
    const renewAnswered = new Promise<void>((resolve) => (renewed = resolve));
    const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, onAnswer?: (status: number, text: string) => void) => {
      const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          onAnswer?.(answer.statusCode ?? 0, text);
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(text);
        });
      });
      // A connection the server drops (a kept-alive socket closed under load) is a 502 to the
      // client, which retries it; unhandled, it would be an uncaught exception of the test run.
      up.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('proxy: upstream connection failed');
      });
      up.end(body);
    };
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const url = req.url ?? '';
        if (url.endsWith('/v2/concurrency_limits/increment-with-lease')) {
          return forward(req, res, body, (status, text) => {
            // (the first answer grants a lease on nothing: the limit does not exist yet)
            const lease = status === 200 ? (JSON.parse(text) as { lease_id: string; limits: unknown[] }) : undefined;
            if (lease && lease.limits.length > 0 && !revoked) revoked = api('POST', '/v2/concurrency_limits/decrement-with-lease', { lease_id: lease.lease_id });
          });
        }
        if (/\/leases\/[^/]+\/renew$/.test(url)) {
          return forward(req, res, body, (status) => {
            renewal ??= status;
            renewed();
          });
        }
        if (revoked && req.method !== 'GET' && !url.includes('/filter') && !url.includes('/variables/') && !url.includes('/concurrency_limits/')) {
          // a write of the deploy: after the first renewal (a third of the 60 s lease)
          void renewAnswered.then(() => forward(req, res, body));
          return;
        }
        forward(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const run = await cli(dir, ['deploy', '--all'], `http://127.0.0.1:${port}${upstream.pathname}`);
      expect(renewal).toBe(410);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.stderr).toMatch(
        /warning: the deploy lock "prefect-deploy deploy-lock-lost-\w+:prefect\.yaml \(10 deployments \w{8}\) \w{12}" expired while writing \(the server did not renew its lease\); another deploy of this project may be writing at the same time/,
      );
      expect(await stored(flow)).toEqual({ deployments: names, automations: DEPLOYMENTS * TRIGGERS_EACH });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('deploys with a warning on a server without concurrency leases', async () => {
    const { dir, flow, names } = await project('noleases');
    // A server from before the lease endpoints: FastAPI's 404 for the routes it does not have.
    const upstream = new URL(apiUrl);
    const server: Server = createServer((req, res) => {
      if (req.url?.includes('/v2/concurrency_limits/')) {
        req.resume();
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}');
        return;
      }
      req.pipe(
        request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const run = await cli(dir, ['deploy', '--all'], `http://127.0.0.1:${port}${upstream.pathname}`);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.stderr).toMatch(
        /warning: deploying without the deploy lock: the server has no concurrency leases \(HTTP 404\); concurrent deploys of this project are not serialized/,
      );
      expect(await stored(flow)).toEqual({ deployments: names, automations: DEPLOYMENTS * TRIGGERS_EACH });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

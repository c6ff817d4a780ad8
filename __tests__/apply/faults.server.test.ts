/**
 * Deploying through faults, against a real Prefect server: a seeded fault proxy (429s, 5xx, resets
 * before and after the server applied a write, latency) in front of the server, ~50 deployments
 * with schedules and triggers. A deploy that succeeds leaves exactly what a clean deploy leaves,
 * never a duplicate; a re-run writes nothing. And a server that dies mid-apply stops the run within
 * seconds, the deployments not written listed; a re-run on a server restarted on the same
 * database converges.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { deploy } from '../../src/core/apply/index.js';
import { PrefectClient } from '../../src/prefect/index.js';
import { prefectTemplateSources } from '../../src/core/templating/index.js';
import { stepRunner } from '../../src/steps/index.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { serverApi } from '../support/server-api.js';
import { startPrefectServer } from '../setup/prefect-server.js';

const apiUrl = inject('prefectApiUrl');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const FLOWS = 5;

/** A project of `count` deployments over FLOWS flows, each with a slugged schedule and 1–2 triggers. */
function project(tag: string, pool: string, count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'faults-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'flows'));
  let src = 'from prefect import flow\n';
  for (let f = 0; f < FLOWS; f++) src += `\n\n@flow(name="${tag}-flow-${f}")\ndef f${f}(x: int = 1):\n    pass\n`;
  writeFileSync(path.join(dir, 'flows/f.py'), src);
  let yaml = 'deployments:\n';
  for (let i = 0; i < count; i++) {
    yaml += `  - name: d${i}
    entrypoint: flows/f.py:f${i % FLOWS}
    work_pool: {name: ${pool}}
    schedules:
      - cron: "${i % 60} 3 * * *"
        slug: s${i}
    triggers:
      - expect: [prefect.flow-run.Failed]
        match_related: {prefect.resource.id: "prefect.flow.*"}
${i % 3 === 0 ? `      - expect: [prefect.flow-run.Crashed]\n        parameters: {x: ${i}}\n` : ''}`;
  }
  writeFileSync(path.join(dir, 'prefect.yaml'), yaml);
  return dir;
}

// The server is named per call: the suite's, or one a test starts and kills.
const api = (base: string, method: string, route: string, body?: unknown) => serverApi(base, { alsoOk: [409] })(method, route, body);

interface Stored {
  /** `flow-suffix/deployment` → schedules (cron + slug) and automation names, sorted. */
  deployments: Map<string, { schedules: string[]; automations: string[] }>;
  /** Deployments of the tag counted by flow/name, to see duplicates the map would hide. */
  total: number;
}

/** What the server holds for a project's flows, with the tag taken out so two projects compare. */
async function stored(base: string, tag: string): Promise<Stored> {
  const flows = (await api(base, 'POST', '/flows/filter', { flows: { name: { like_: tag } }, limit: 200 })) as { id: string; name: string }[];
  const flowName = new Map(flows.map((f) => [f.id, f.name.replace(tag, 'T')]));
  const deployments: { id: string; name: string; flow_id: string; schedules: { slug: string; schedule: { cron: string } }[] }[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await api(base, 'POST', '/deployments/filter', { flows: { id: { any_: [...flowName.keys()] } }, offset, limit: 200 })) as typeof deployments;
    deployments.push(...page);
    if (page.length < 200) break;
  }
  const automations: { name: string; actions: { deployment_id?: string }[] }[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await api(base, 'POST', '/automations/filter', { offset, limit: 200 })) as typeof automations;
    automations.push(...page);
    if (page.length < 200) break;
  }
  const out = new Map<string, { schedules: string[]; automations: string[] }>();
  for (const d of deployments) {
    out.set(`${flowName.get(d.flow_id)}/${d.name}`, {
      schedules: d.schedules.map((s) => `${s.slug} ${s.schedule.cron}`).sort(),
      automations: automations
        .filter((a) => a.actions.some((x) => x.deployment_id === d.id))
        .map((a) => a.name)
        .sort(),
    });
  }
  return { deployments: out, total: deployments.length };
}

async function cli(dir: string, url: string, flags: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await main(['deploy', '--all', ...flags], {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: dir,
    env: { PREFECT_API_URL: url },
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

describe('deploying through faults', () => {
  it('leaves exactly the state of a clean deploy, never a duplicate, and a re-run writes nothing', async () => {
    const pool = `faults-pool-${Date.now()}`;
    await api(apiUrl, 'POST', '/work_pools/', { name: pool, type: 'process' });
    const count = 50;
    const cleanTag = `clean${Date.now()}`;
    const faultyTag = `faulty${Date.now()}`;

    const clean = await cli(project(cleanTag, pool, count), apiUrl);
    expect(clean.code, clean.stderr).toBe(0);
    const expected = await stored(apiUrl, cleanTag);
    expect(expected.total).toBe(count);

    const proxy = await startFaultProxy(apiUrl, { seed: 20260307, rate: 0.4 });
    try {
      // The reference's back-offs (2^n s) compressed, so the test stays fast; the decisions are the client's own.
      const client = new PrefectClient({ env: { PREFECT_API_URL: proxy.apiUrl }, sleep: (ms) => new Promise((r) => setTimeout(r, ms / 40)) });
      const dir = project(faultyTag, pool, count);
      const request = {
        prefectFile: 'prefect.yaml',
        selection: { all: true, names: [] },
        cwd: dir,
        env: {},
        now: new Date(),
        client,
        sources: prefectTemplateSources(client),
        stepRunner,
        registrationConcurrency: 1,
      };
      const result = await deploy(request);
      expect(result.outcomes.filter((o) => o.action === 'failed').map((o) => o.error)).toEqual([]);
      expect(result.outcomes.filter((o) => o.action === 'created')).toHaveLength(count);
      const faults = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
      console.log(`fault run: ${proxy.stats.requests} requests, ${faults} faulted (${JSON.stringify(proxy.stats.faults)})`);
      expect(faults / proxy.stats.requests).toBeGreaterThanOrEqual(0.3);
      // Automations the server created while the client saw a reset or a gateway error: the case that doubled them.
      const appliedUnseen = proxy.stats.faulted.filter((f) => /^(reset-after|502-after) POST \/automations\/$/.test(f));
      console.log(`automation creates applied but answered with a fault: ${appliedUnseen.length}`);
      expect(appliedUnseen.length).toBeGreaterThan(0);

      const got = await stored(apiUrl, faultyTag);
      expect(got.total).toBe(count);
      expect(got.deployments).toEqual(expected.deployments);

      // A re-run through the same faults finds everything in place and writes nothing.
      proxy.stats.forwardedWrites.length = 0;
      const again = await deploy({ ...request, now: new Date() });
      expect(again.outcomes.map((o) => o.action)).toEqual(Array(count).fill('unchanged'));
      expect(proxy.stats.forwardedWrites).toEqual([]);
      client.close();
    } finally {
      await proxy.close();
    }
  }, 90_000);
});

describe('the server dies mid-apply', () => {
  it('stops within seconds listing what was not written; a re-run on the restarted server converges', async () => {
    const db = mkdtempSync(path.join(tmpdir(), 'faults-db-'));
    dirs.push(db);
    const env = { PREFECT_API_DATABASE_CONNECTION_URL: `sqlite+aiosqlite:///${path.join(db, 'prefect.db')}` };
    let server = await startPrefectServer({ env });
    try {
      const pool = 'dying-pool';
      await api(server.apiUrl, 'POST', '/work_pools/', { name: pool, type: 'process' });
      const count = 30;
      const dir = project('dying', pool, count);

      // Killed once a third of the deployments exist.
      let killedAt = 0;
      const dying = server;
      const watcher = (async () => {
        for (let i = 0; i < 600 && !killedAt; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const n = (await api(dying.apiUrl, 'POST', '/deployments/count', {}).catch(() => 0)) as number;
          if (n >= count / 3) {
            killedAt = Date.now();
            await dying.stop();
          }
        }
      })();
      const run = await cli(dir, server.apiUrl);
      const stoppedAfter = (Date.now() - killedAt) / 1000;
      await watcher;
      console.log(`dead server: the run stopped ${stoppedAfter.toFixed(1)} s after the kill`);
      expect(killedAt).toBeGreaterThan(0);
      expect(run.code).not.toBe(0);
      expect(stoppedAfter).toBeLessThan(15);
      // One line per deployment not written, naming the request that was not sent.
      const notWritten = run.stderr
        .split('\n')
        .filter((l) => /^dying-flow-\d\/d\d+: failed: \S+ \S+: not sent, the Prefect API at .* is gone \(no answer for \d+\.\d s: /.test(l));
      expect(notWritten.length, run.stderr).toBeGreaterThanOrEqual(count / 2);

      server = await startPrefectServer({ env });
      // Every deployment the restarted server lacks was listed as failed.
      const before = await stored(server.apiUrl, 'dying');
      const listed = new Set(run.stderr.split('\n').flatMap((l) => /^dying-flow-\d\/(d\d+): failed: /.exec(l)?.slice(1) ?? []));
      for (let i = 0; i < count; i++) if (!before.deployments.has(`T-flow-${i % FLOWS}/d${i}`)) expect(listed, `d${i}`).toContain(`d${i}`);
      console.log(`dead server: ${before.total} of ${count} deployments written before the kill, ${listed.size} listed as failed`);
      // The killed run's lock slot outlived its lease (a restarted server forgets leases), so the
      // re-run frees it once its holder has been silent for 90 s (see lock.ts), then converges.
      const rerun = await cli(dir, server.apiUrl);
      expect(rerun.code, rerun.stderr).toBe(0);
      const state = await stored(server.apiUrl, 'dying');
      expect(state.total).toBe(count);
      for (const [name, d] of state.deployments) {
        const i = Number(name.split('/d')[1]);
        expect(d.schedules, name).toEqual([`s${i} ${i % 60} 3 * * *`]);
        expect(d.automations, name).toHaveLength(i % 3 === 0 ? 2 : 1);
        expect(new Set(d.automations).size, name).toBe(d.automations.length);
      }
    } finally {
      await server.stop();
    }
  }, 240_000);
});

describe('a gateway in front of a dead server', () => {
  it('answering 502 to everything stops the run within seconds, listing what was not written; a re-run converges', async () => {
    const pool = `gateway-pool-${Date.now()}`;
    await api(apiUrl, 'POST', '/work_pools/', { name: pool, type: 'process' });
    const tag = `gw${Date.now()}`;
    const count = 30;
    const dir = project(tag, pool, count);
    const proxy = await startFaultProxy(apiUrl, { seed: 1, rate: 0 });
    try {
      // The gateway loses its server once a third of the deployments exist.
      let downAt = 0;
      const watcher = (async () => {
        for (let i = 0; i < 1200 && !downAt; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const n = (await api(apiUrl, 'POST', '/deployments/count', { flows: { name: { like_: tag } } }).catch(() => 0)) as number;
          if (n >= count / 3) {
            downAt = Date.now();
            proxy.setDown(502);
          }
        }
      })();
      const run = await cli(dir, proxy.apiUrl);
      const stoppedAfter = (Date.now() - downAt) / 1000;
      await watcher;
      console.log(`gateway 502: the run stopped ${stoppedAfter.toFixed(1)} s after the server went away`);
      expect(downAt).toBeGreaterThan(0);
      expect(run.code).not.toBe(0);
      expect(stoppedAfter).toBeLessThan(15);
      const notWritten = run.stderr
        .split('\n')
        .filter((l) =>
          new RegExp(
            `^${tag}-flow-\\d/d\\d+: failed: \\S+ \\S+: not sent, the Prefect API at .* is gone \\(no answer for \\d+\\.\\d s: a gateway answered HTTP 502 Bad Gateway to every request\\)( in \\d+\\.\\ds)?$`,
          ).test(l),
        );
      expect(notWritten.length, run.stderr).toBeGreaterThanOrEqual(count / 2);
      const before = await stored(apiUrl, tag);
      const listed = new Set(run.stderr.split('\n').flatMap((l) => new RegExp(`^${tag}-flow-\\d/(d\\d+): failed: `).exec(l)?.slice(1) ?? []));
      for (let i = 0; i < count; i++) if (!before.deployments.has(`T-flow-${i % FLOWS}/d${i}`)) expect(listed, `d${i}`).toContain(`d${i}`);

      // The gateway finds its server again. The run that stopped could not release its lock slot
      // (the test server runs without the service that expires leases), hence --no-lock here.
      proxy.setDown(undefined);
      const rerun = await cli(dir, proxy.apiUrl, ['--no-lock']);
      expect(rerun.code, rerun.stderr).toBe(0);
      const state = await stored(apiUrl, tag);
      expect(state.total).toBe(count);
      for (const [name, d] of state.deployments) {
        const i = Number(name.split('/d')[1]);
        expect(d.automations, name).toHaveLength(i % 3 === 0 ? 2 : 1);
      }
    } finally {
      await proxy.close();
    }
  }, 120_000);
});

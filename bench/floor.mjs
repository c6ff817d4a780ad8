#!/usr/bin/env node
/**
 * The raw-API floor of `deploy --all`: a minimal client (Node's fetch, keep-alive) that sends only
 * the requests strictly needed, with bodies computed beforehand by `plan --all --offline --json`.
 *
 *   node bench/floor.mjs --api-url URL --bodies plan.json --mode create|read [--concurrency 1]
 *
 * create: one `POST /flows/` per distinct flow (shared by its deployments, as ours does), then one
 *         `POST /deployments/` per deployment with the plan's payload and the flow's id.
 * read:   what a re-run that finds everything unchanged must read, in bulk as ours does: one
 *         `POST /flows/filter` by name, then `POST /deployments/filter` (those flows, those names) and
 *         `POST /automations/filter`, paged at 200 (the floor of a re-run; before the bulk reads
 *         it was one `GET /deployments/name/{flow}/{deployment}` per deployment). At most 200
 *         values a request: past 200 deployments (several projects' plan, `projects[]`, read
 *         as one), 200 at a time, the chunks sent at once.
 *
 * A 503 (SQLite "database is locked" under parallel writers) is retried after 50 ms, a reset
 * connection after 100 ms × attempt; both are counted.
 * Prints one JSON line: { mode, concurrency, deployments, requests, retries, ms } (ms: first
 * request to last answer, in-process; the harness times spawn to exit as for the other commands).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    'api-url': { type: 'string' },
    bodies: { type: 'string' },
    mode: { type: 'string', default: 'create' },
    concurrency: { type: 'string', default: '1' },
  },
});
const apiUrl = opts['api-url'];
const concurrency = Number(opts.concurrency);
if (!apiUrl || !opts.bodies || !['create', 'read'].includes(opts.mode) || !(concurrency >= 1)) {
  console.error('usage: node bench/floor.mjs --api-url URL --bodies plan.json --mode create|read [--concurrency N]');
  process.exit(2);
}
// One project's plan (`deployments`), or several (`--project`: `projects[].deployments`).
const plan = JSON.parse(readFileSync(opts.bodies, 'utf8'));
const deployments = plan.deployments ?? plan.projects.flatMap((p) => p.deployments);

let requests = 0;
let retries = 0;
async function call(method, route, body) {
  for (let attempt = 1; ; attempt++) {
    requests++;
    let res;
    try {
      res = await fetch(`${apiUrl}${route}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      // Under parallel writers the server may reset a kept-alive socket: retry, as ours does.
      if (attempt >= 10) throw e;
      retries++;
      await new Promise((r) => setTimeout(r, 100 * attempt));
      continue;
    }
    if (res.ok) return res.json();
    const text = await res.text();
    if (res.status !== 503) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
    retries++;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function mapLimit(items, limit, f) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const flows = new Map();
const flowId = (name) => {
  if (!flows.has(name))
    flows.set(
      name,
      call('POST', '/flows/', { name }).then((f) => f.id),
    );
  return flows.get(name);
};

const start = performance.now();
if (opts.mode === 'create') {
  await mapLimit(deployments, concurrency, async (d) => {
    await call('POST', '/deployments/', { ...d.payload, flow_id: await flowId(d.flow_name) });
  });
} else {
  const all = async (route, body) => {
    const out = [];
    for (let offset = 0; ; offset += 200) {
      const page = await call('POST', route, { ...body, sort: 'CREATED_DESC', offset, limit: 200 });
      out.push(...page);
      if (page.length < 200) return out;
    }
  };
  // At most 200 values in a request (flow names, flow ids, deployment names), the chunks at once.
  const names = [...new Set(deployments.map((d) => d.flow_name))];
  const chunked = [];
  for (let i = 0; i < names.length; i += 200) chunked.push(names.slice(i, i + 200));
  const found = (await Promise.all(chunked.map((chunk) => all('/flows/filter', { flows: { name: { any_: chunk } } })))).flat();
  const idOf = new Map(found.map((f) => [f.name, f.id]));
  const groups = [];
  for (let i = 0; i < deployments.length; i += 200) {
    const slice = deployments.slice(i, i + 200);
    groups.push({
      flows: { id: { any_: [...new Set(slice.map((d) => idOf.get(d.flow_name)).filter(Boolean))] } },
      deployments: { name: { any_: [...new Set(slice.map((d) => d.name))] } },
    });
  }
  const [pages] = await Promise.all([Promise.all(groups.map((body) => all('/deployments/filter', body))), all('/automations/filter', {})]);
  const existing = pages.flat();
  if (existing.length < deployments.length) throw new Error(`read: ${existing.length} of ${deployments.length} deployments found`);
}
const ms = performance.now() - start;
console.log(JSON.stringify({ mode: opts.mode, concurrency, deployments: deployments.length, requests, retries, ms: Math.round(ms) }));

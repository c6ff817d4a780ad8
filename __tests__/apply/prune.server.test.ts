/**
 * Ownership and prune against a real Prefect server, through the CLI in-process: every deployment
 * we write carries this project's mark; a plan lists, first, the owned deployments prefect.yaml no
 * longer has; `deploy --prune` deletes exactly those (with their automations), never one registered
 * by the reference `prefect deploy` or marked by another project, and nothing when a registration
 * failed; `--prune` without `--all` is a usage error; a DELETE whose answer was lost is done.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { OWNER_LABEL } from '../../src/core/plan/ownership.js';
import { serverApi } from '../support/server-api.js';

const run = promisify(execFile);
const apiUrl = inject('prefectApiUrl');
const prefectBin = path.join(path.dirname(inject('referencePython')), 'prefect');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `prune-${RUN}`;
const REPO = `acme/prune-${RUN}`;
const IDENTITY = `github.com/${REPO}:prefect.yaml`;

type Json = Record<string, any>;

const api = serverApi<any>(apiUrl, { alsoOk: [409] });

const flows = `from prefect import flow


@flow(name="load-${RUN}")
def load(day: str = "today"):
    """Loads a day."""


@flow(name="report-${RUN}")
def report(limit: int = 10):
    """Reports."""
`;

const TRIGGER = `    triggers:
      - enabled: true
        match: {prefect.resource.id: "prefect.flow-run.*"}
        expect: ["prefect.flow-run.Completed"]
`;

/** prefect.yaml with these deployments (name -> entrypoint function). */
function yaml(deployments: Record<string, 'load' | 'report'>, withTrigger: readonly string[] = []): string {
  const lines = ['deployments:'];
  for (const [name, fn] of Object.entries(deployments)) {
    lines.push(`  - name: ${name}`, `    entrypoint: flows/f.py:${fn}`, `    work_pool: {name: ${POOL}}`);
    if (withTrigger.includes(name)) lines.push(TRIGGER.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

const dirs: string[] = [];
let home: string;

function project(content: string, remote: string | null = `https://github.com/${REPO}.git`): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'prune-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), flows);
  writeFileSync(path.join(dir, 'prefect.yaml'), content);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  if (remote) git('remote', 'add', 'origin', remote);
  git('add', '.');
  git('commit', '-q', '-m', 'Add flows');
  return dir;
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(dir: string, args: string[], api = apiUrl): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    cwd: dir,
    env: { PATH: process.env['PATH'], HOME: home, NO_COLOR: '1', PREFECT_API_URL: api },
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

async function json(dir: string, args: string[], api = apiUrl): Promise<Json> {
  const r = await cli(dir, [...args, '--json'], api);
  try {
    return { code: r.code, ...JSON.parse(r.stdout) };
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

/** Every deployment of this run's flows, by `flow/name`, with its labels. */
async function stored(): Promise<Map<string, Json>> {
  const flowsFound = (await api('POST', '/flows/filter', { flows: { name: { any_: [`load-${RUN}`, `report-${RUN}`] } } })) as Json[];
  const names = new Map(flowsFound.map((f) => [f.id, f.name]));
  const out = new Map<string, Json>();
  if (flowsFound.length === 0) return out;
  for (const d of (await api('POST', '/deployments/filter', { flows: { id: { any_: [...names.keys()] } } })) as Json[]) out.set(`${names.get(d.flow_id)}/${d.name}`, d);
  return out;
}

const key = (fn: 'load' | 'report', name: string) => `${fn}-${RUN}/${name}`;

/**
 * A proxy in front of the server: `refuse` answers 422 to `POST /deployments/` for that name (a
 * registration that fails); `loseDeleteAnswers` forwards each `DELETE /deployments/{id}` the first
 * time and then cuts the connection, so the answer is lost and the client must send it again.
 */
async function proxy(options: { refuse?: string; loseDeleteAnswers?: boolean }): Promise<{ apiUrl: string; deletes: string[]; close(): Promise<void> }> {
  const upstream = new URL(apiUrl);
  const seen = new Set<string>();
  const deletes: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const route = (req.url ?? '').replace(/^\/api/, '');
      if (options.refuse && req.method === 'POST' && route === '/deployments/' && JSON.parse(body.toString()).name === options.refuse) {
        res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: 'refused by the test' }));
        return;
      }
      const lose = options.loseDeleteAnswers && req.method === 'DELETE' && /^\/deployments\/[0-9a-f-]+$/.test(route) && !seen.has(route);
      if (req.method === 'DELETE') deletes.push(route);
      if (lose) seen.add(route);
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            if (lose) return req.socket.destroy();
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(parts));
          });
        },
      );
      forward.on('error', () => req.socket.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    apiUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
    deletes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'prune-home-'));
  dirs.push(home);
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('ownership and prune', () => {
  let dir: string;

  it('marks what it creates with the project identity; a second deploy writes nothing and shows no label diff', async () => {
    dir = project(yaml({ nightly: 'load', weekly: 'report', hourly: 'load' }, ['weekly']));
    const first = await json(dir, ['deploy', '--all']);
    expect(first.code, JSON.stringify(first)).toBe(0);
    expect(first.deployments.map((d: Json) => d.action)).toEqual(['created', 'created', 'created']);
    const state = await stored();
    for (const k of [key('load', 'nightly'), key('report', 'weekly'), key('load', 'hourly')]) {
      expect(state.get(k)?.labels?.[OWNER_LABEL], k).toBe(IDENTITY);
      // The server's own labels stay, and are no diff below.
      expect(state.get(k)?.labels?.['prefect.flow.id']).toBe(state.get(k)?.flow_id);
    }
    const again = await json(dir, ['deploy', '--all', '--prune']);
    expect(again.deployments.map((d: Json) => [d.action, d.changes])).toEqual([
      ['unchanged', []],
      ['unchanged', []],
      ['unchanged', []],
    ]);
    const plan = await json(dir, ['plan', '--all']);
    expect(plan.deletions).toEqual([]);
  }, 120_000);

  let legacyDir: string;
  it('a deployment registered by the reference prefect deploy carries no mark; one deployed as another project carries its mark', async () => {
    // The reference registers `load/legacy` from the same flow file; another project marks `report/foreign`.
    legacyDir = project(yaml({ legacy: 'load' }), null);
    await run(prefectBin, ['--no-prompt', 'deploy', '--all'], { cwd: legacyDir, env: { ...process.env, PREFECT_API_URL: apiUrl, PREFECT_HOME: home }, timeout: 180_000 });
    const other = project(yaml({ foreign: 'report' }));
    const r = await json(other, ['deploy', '--all', '--owner', 'someone-else']);
    expect(r.code, JSON.stringify(r)).toBe(0);
    const state = await stored();
    expect(state.get(key('load', 'legacy'))?.labels?.[OWNER_LABEL]).toBeUndefined();
    expect(state.get(key('report', 'foreign'))?.labels?.[OWNER_LABEL]).toBe('someone-else');
  }, 240_000);

  it('the plan lists, before anything else, exactly the owned deployments prefect.yaml no longer has (a rename is delete + create)', async () => {
    // weekly removed, hourly renamed every-hour.
    writeFileSync(path.join(dir, 'prefect.yaml'), yaml({ nightly: 'load', 'every-hour': 'load' }));
    const plan = await json(dir, ['plan', '--all']);
    expect(plan.code).toBe(0);
    expect(plan.deletions.map((d: Json) => `${d.flow_name}/${d.name}`)).toEqual([key('load', 'hourly'), key('report', 'weekly')]);
    expect(plan.deployments.map((d: Json) => [d.name, d.action])).toEqual([
      ['nightly', 'unchanged'],
      ['every-hour', 'created'],
    ]);
    const text = await cli(dir, ['plan', '--all']);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/1 to create, 0 to update, 1 unchanged, 2 to delete$/);
    // The deletions come first, before the deployments.
    const deleteAt = lines.findIndex((l) => l.startsWith(`- ${key('load', 'hourly')} (delete)`));
    const createAt = lines.findIndex((l) => l.includes('every-hour (create)'));
    expect(deleteAt).toBeGreaterThan(0);
    expect(deleteAt).toBeLessThan(createAt);
    // A partial selection shows none (prune needs --all).
    expect((await json(dir, ['plan', '-n', 'nightly'])).deletions).toBeUndefined();
  }, 120_000);

  it('--prune without --all is a usage error, and nothing is written', async () => {
    const before = await stored();
    const r = await cli(dir, ['deploy', '-n', 'nightly', '--prune']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--prune requires --all');
    expect([...(await stored()).keys()].sort()).toEqual([...before.keys()].sort());
  }, 60_000);

  it('nothing is deleted when a registration fails', async () => {
    const p = await proxy({ refuse: 'every-hour' });
    try {
      const r = await json(dir, ['deploy', '--all', '--prune'], p.apiUrl);
      expect(r.code).toBe(1);
      expect(r.failure_reason).toBe('deploy-failed');
      expect(r.deployments.map((d: Json) => [d.name, d.action])).toEqual([
        ['nightly', 'unchanged'],
        ['every-hour', 'failed'],
      ]);
      expect(p.deletes.filter((d) => d.startsWith('/deployments/') || d.startsWith('/automations/'))).toEqual([]);
      expect(r.warnings.map((w: Json) => w.message)).toContain('nothing was deleted (--prune): 1 deployment failed to register');
    } finally {
      await p.close();
    }
    const state = await stored();
    expect(state.has(key('report', 'weekly'))).toBe(true);
    expect(state.has(key('load', 'hourly'))).toBe(true);
  }, 120_000);

  it('deploy --prune deletes exactly those, with their automations, once every write succeeded; a lost DELETE answer is done on retry', async () => {
    const weekly = (await stored()).get(key('report', 'weekly'))!;
    const owned = (await api('GET', `/automations/related-to/prefect.deployment.${weekly.id}`)) as Json[];
    expect(owned.length).toBe(1);
    const p = await proxy({ loseDeleteAnswers: true });
    let r: Json;
    try {
      r = await json(dir, ['deploy', '--all', '--prune', '--dotenv', 'deploy.env'], p.apiUrl);
      // Each DELETE of a deployment was sent twice: the first answer was lost, the retry's 404 means done.
      expect(p.deletes.filter((d) => d.startsWith('/deployments/')).length).toBe(4);
    } finally {
      await p.close();
    }
    expect(r.code, JSON.stringify(r)).toBe(0);
    expect(r.deployments.map((d: Json) => [`${d.flow}/${d.name}`, d.action])).toEqual([
      [key('load', 'nightly'), 'unchanged'],
      [key('load', 'every-hour'), 'created'],
      [key('load', 'hourly'), 'deleted'],
      [key('report', 'weekly'), 'deleted'],
    ]);
    const state = await stored();
    expect([...state.keys()].sort()).toEqual([key('load', 'every-hour'), key('load', 'legacy'), key('load', 'nightly'), key('report', 'foreign')].sort());
    expect((await api('GET', `/automations/related-to/prefect.deployment.${weekly.id}`)) as Json[]).toEqual([]);
    expect(await api('GET', `/automations/${owned[0]!.id}`).catch((e: Error) => e.message)).toMatch(/404/);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path.join(dir, 'deploy.env'), 'utf8')).toContain(`DEPLOYMENTS_DELETED=${key('load', 'hourly')},${key('report', 'weekly')}`);
    // Nothing left to delete: the next plan shows none, and a prune changes nothing.
    expect((await json(dir, ['plan', '--all'])).deletions).toEqual([]);
  }, 180_000);

  it("deploying a deployment the reference registered marks it, keeping its schedules; then it is this project's to prune", async () => {
    writeFileSync(
      path.join(legacyDir, 'prefect.yaml'),
      `deployments:\n  - name: legacy\n    entrypoint: flows/f.py:load\n    tags: [old]\n    parameters: {day: yesterday}\n    work_pool: {name: ${POOL}, job_variables: {env: {A: "1"}}}\n    schedules:\n      - cron: "0 3 * * *"\n        slug: nightly\n      - interval: 3600\n        active: false\n      - rrule: "FREQ=WEEKLY;BYDAY=MO"\n        parameters: {day: monday}\n`,
    );
    await run(prefectBin, ['--no-prompt', 'deploy', '--all'], { cwd: legacyDir, env: { ...process.env, PREFECT_API_URL: apiUrl, PREFECT_HOME: home }, timeout: 180_000 });
    // Paused in the UI: marking it must not un-pause it.
    await api('PATCH', `/deployments/${(await stored()).get(key('load', 'legacy'))!.id}`, { paused: true });
    const before = (await stored()).get(key('load', 'legacy'))!;
    expect(before.labels?.[OWNER_LABEL]).toBeUndefined();
    expect(before.paused).toBe(true);
    const plan = await json(legacyDir, ['plan', '--all', '--owner', 'legacy-project']);
    expect(plan.deployments[0].changes).toEqual([{ field: 'owner', from: null, to: 'legacy-project' }]);
    const r = await json(legacyDir, ['deploy', '--all', '--owner', 'legacy-project']);
    expect(r.deployments.map((d: Json) => [d.action, d.changes])).toEqual([['updated', ['owner']]]);
    const after = (await stored()).get(key('load', 'legacy'))!;
    expect(after.id).toBe(before.id);
    expect(after.labels?.[OWNER_LABEL]).toBe('legacy-project');
    const sched = (s: Json) => ({ schedule: s.schedule, active: s.active, slug: s.slug, parameters: s.parameters });
    expect(before.schedules.length).toBe(3);
    // The same schedules, listed in the same order.
    expect(after.schedules.map(sched)).toEqual(before.schedules.map(sched));
    for (const field of [
      'description',
      'parameters',
      'paused',
      'tags',
      'work_pool_name',
      'work_queue_name',
      'job_variables',
      'entrypoint',
      'pull_steps',
      'parameter_openapi_schema',
      'version',
      'enforce_parameter_schema',
      'concurrency_limit',
      'concurrency_options',
    ]) {
      expect(after[field], field).toEqual(before[field]);
    }
    expect((await json(legacyDir, ['deploy', '--all', '--owner', 'legacy-project'])).deployments.map((d: Json) => d.action)).toEqual(['unchanged']);
  }, 240_000);
});

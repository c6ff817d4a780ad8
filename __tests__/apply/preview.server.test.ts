/**
 * Preview deployments against a real Prefect server, through the CLI in-process: `preview up`
 * registers `<name>-<ID>` copies of the same flow with every schedule inactive, no automations,
 * the tag `preview:<ID>` and the preview's own mark, its build steps seeing the id; a second up
 * writes nothing; a normal `deploy --all --prune` leaves previews alone; `preview down` deletes
 * exactly the previews of its id (with their automations), never another id's nor a real one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { OWNER_LABEL } from '../../src/core/plan/ownership.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `preview-${RUN}`;
const REPO = `acme/preview-${RUN}`;
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

// nightly: a cron schedule, a trigger, and a build step whose output names the image for the preview.
const YAML = `deployments:
  - name: nightly
    entrypoint: flows/f.py:load
    work_pool: {name: ${POOL}}
    tags: [etl]
    build:
      - prefect.deployments.steps.run_shell_script:
          id: image
          script: echo registry.example/etl:{{ $PREFECT_DEPLOY_PREVIEW_ID }}
    description: "{{ image.stdout }}"
    schedules:
      - cron: "0 3 * * *"
      - interval: 3600
        active: true
    triggers:
      - enabled: true
        match: {prefect.resource.id: "prefect.flow-run.*"}
        expect: ["prefect.flow-run.Completed"]
  - name: weekly
    entrypoint: flows/f.py:report
    work_pool: {name: ${POOL}}
    schedules:
      - cron: "0 4 * * 1"
`;

const dirs: string[] = [];
let home: string;
let dir: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    cwd: dir,
    env: { PATH: process.env['PATH'], HOME: home, NO_COLOR: '1', PREFECT_API_URL: apiUrl },
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

async function json(args: string[]): Promise<Json> {
  const r = await cli([...args, '--json']);
  try {
    return { code: r.code, ...JSON.parse(r.stdout) };
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

/** Every deployment of this run's flows, by `flow/name`. */
async function stored(): Promise<Map<string, Json>> {
  const found = (await api('POST', '/flows/filter', { flows: { name: { any_: [`load-${RUN}`, `report-${RUN}`] } } })) as Json[];
  const names = new Map(found.map((f) => [f.id, f.name]));
  const out = new Map<string, Json>();
  if (found.length === 0) return out;
  for (const d of (await api('POST', '/deployments/filter', { flows: { id: { any_: [...names.keys()] } } })) as Json[]) out.set(`${names.get(d.flow_id)}/${d.name}`, d);
  return out;
}

const owned = async (id: string): Promise<Json[]> => (await api('GET', `/automations/related-to/prefect.deployment.${id}`)) as Json[];
const key = (fn: 'load' | 'report', name: string) => `${fn}-${RUN}/${name}`;
const summary = (r: Json) => r.deployments.map((d: Json) => `${d.flow}/${d.name} ${d.action}`);

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'preview-home-'));
  dir = mkdtempSync(path.join(tmpdir(), 'preview-'));
  dirs.push(home, dir);
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), flows);
  writeFileSync(path.join(dir, 'prefect.yaml'), YAML);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', `https://github.com/${REPO}.git`);
  git('add', '.');
  git('commit', '-q', '-m', 'Add flows');
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('preview deployments', () => {
  it('up registers <name>-<ID> copies of the same flows: schedules inactive, no automations, tagged and marked; the steps see the id', async () => {
    const real = await json(['deploy', '--all']);
    expect(real.code, JSON.stringify(real)).toBe(0);
    const up = await json(['preview', 'up', '--id', 'pr-1', '--all']);
    expect(up.code, JSON.stringify(up)).toBe(0);
    expect(summary(up)).toEqual([`load-${RUN}/nightly-pr-1 created`, `report-${RUN}/weekly-pr-1 created`]);
    expect(up.preview).toEqual({ id: 'pr-1', owner: `${IDENTITY}#preview:pr-1` });
    expect(up.deployments[0].url).toBe(`${apiUrl.replace(/\/api$/, '')}/deployments/deployment/${up.deployments[0].id}`);
    const state = await stored();
    const copy = state.get(key('load', 'nightly-pr-1'))!;
    const original = state.get(key('load', 'nightly'))!;
    expect(copy.flow_id).toBe(original.flow_id);
    expect(copy.labels[OWNER_LABEL]).toBe(`${IDENTITY}#preview:pr-1`);
    expect(original.labels[OWNER_LABEL]).toBe(IDENTITY);
    expect(copy.tags).toEqual(['etl', 'preview:pr-1']);
    expect(copy.schedules.map((s: Json) => s.active)).toEqual([false, false]);
    expect(original.schedules.map((s: Json) => s.active)).toEqual([true, true]);
    expect(state.get(key('report', 'weekly-pr-1'))!.schedules.map((s: Json) => s.active)).toEqual([false]);
    expect(copy.description).toBe('registry.example/etl:pr-1');
    expect(await owned(copy.id)).toEqual([]);
    expect(await owned(original.id)).toHaveLength(1);
  }, 180_000);

  it('a second up writes nothing', async () => {
    const again = await json(['preview', 'up', '--id', 'pr-1', '--all']);
    expect(again.code, JSON.stringify(again)).toBe(0);
    expect(again.deployments.map((d: Json) => [d.action, d.changes])).toEqual([
      ['unchanged', []],
      ['unchanged', []],
    ]);
  }, 120_000);

  it('--with-schedules keeps the schedules active and --with-triggers registers the triggers', async () => {
    const up = await json(['preview', 'up', '--id', 'pr-2', '-n', 'nightly', '--with-schedules', '--with-triggers']);
    expect(up.code, JSON.stringify(up)).toBe(0);
    expect(summary(up)).toEqual([`load-${RUN}/nightly-pr-2 created`]);
    const copy = (await stored()).get(key('load', 'nightly-pr-2'))!;
    expect(copy.schedules.map((s: Json) => s.active)).toEqual([true, true]);
    expect(await owned(copy.id)).toHaveLength(1);
  }, 120_000);

  it('a normal deploy --all --prune leaves the previews alone', async () => {
    const pruned = await json(['deploy', '--all', '--prune']);
    expect(pruned.code, JSON.stringify(pruned)).toBe(0);
    expect(pruned.deployments.map((d: Json) => d.action)).toEqual(['unchanged', 'unchanged']);
    expect((await json(['plan', '--all'])).deletions).toEqual([]);
    const names = [...(await stored()).keys()].sort();
    expect(names).toEqual(
      [key('load', 'nightly'), key('load', 'nightly-pr-1'), key('load', 'nightly-pr-2'), key('report', 'weekly'), key('report', 'weekly-pr-1')].sort(),
    );
  }, 120_000);

  it("down deletes exactly the previews of its id, with their automations; another id's and the real ones stay", async () => {
    const pr2 = (await stored()).get(key('load', 'nightly-pr-2'))!;
    const down = await json(['preview', 'down', '--id', 'pr-1']);
    expect(down.code, JSON.stringify(down)).toBe(0);
    expect(summary(down)).toEqual([`load-${RUN}/nightly-pr-1 deleted`, `report-${RUN}/weekly-pr-1 deleted`]);
    expect([...(await stored()).keys()].sort()).toEqual([key('load', 'nightly'), key('load', 'nightly-pr-2'), key('report', 'weekly')].sort());
    expect((await json(['preview', 'down', '--id', 'pr-1'])).deployments).toEqual([]);
    const text = await cli(['preview', 'down', '--id', 'pr-2']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`load-${RUN}/nightly-pr-2 (deleted)`);
    expect(await owned(pr2.id)).toEqual([]);
    expect([...(await stored()).keys()].sort()).toEqual([key('load', 'nightly'), key('report', 'weekly')].sort());
  }, 120_000);

  it('refuses an id that cannot be part of a deployment name', async () => {
    const r = await cli(['preview', 'up', '--id', 'pr/1', '--all']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('preview id "pr/1" must be');
  }, 60_000);
});

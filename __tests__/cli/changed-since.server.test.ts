/**
 * `deploy --changed-since` against a real Prefect server: a deployment whose inputs did not change
 * is left untouched even when its server copy differs from prefect.yaml (changed by hand in the
 * UI/API), while the one whose flow file changed is written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startRecordingProxy } from '../support/recording-proxy.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `changed-since-${RUN}`;

const api = serverApi<Record<string, unknown>>(apiUrl, { alsoOk: [409] });

const flowA = (day: string) => `from prefect import flow
from lib.helpers import greet


@flow(name="alpha-${RUN}")
def alpha(day: str = "${day}"):
    greet(day)
`;

const FLOW_B = `from prefect import flow


@flow(name="beta-${RUN}")
def beta(limit: int = 10):
    pass
`;

const PREFECT_YAML = `deployments:
  - name: a
    entrypoint: flows/a.py:alpha
    work_pool: {name: ${POOL}}
  - name: b
    entrypoint: flows/b.py:beta
    description: Reports, as prefect.yaml says.
    work_pool: {name: ${POOL}}
`;

let repo: string;

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

async function cli(args: string[], url = apiUrl): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: repo,
    env: { PREFECT_API_URL: url },
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

const deployment = (flow: string, name: string) => api('GET', `/deployments/name/${flow}-${RUN}/${name}`);

beforeAll(async () => {
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
  repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'changed-since-server-')));
  git('init', '-q', '-b', 'main');
  write('prefect.yaml', PREFECT_YAML);
  write('flows/a.py', flowA('today'));
  write('flows/b.py', FLOW_B);
  write('lib/__init__.py', '');
  write('lib/helpers.py', 'def greet(day):\n    print(day)\n');
  git('add', '-A');
  git('commit', '-qm', 'init');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('deploy --changed-since', () => {
  it('writes the changed deployment and leaves the unchanged one untouched though its server copy differs', async () => {
    const first = await cli(['deploy', '--all', '--json']);
    expect(JSON.parse(first.stdout).deployments.map((d: { action: string }) => d.action)).toEqual(['created', 'created']);

    // B changed by hand on the server; A's flow file changed in a commit.
    const b = await deployment('beta', 'b');
    await api('PATCH', `/deployments/${String(b.id)}`, { description: 'edited in the UI' });
    const bBefore = await deployment('beta', 'b');
    write('flows/a.py', flowA('yesterday'));
    git('commit', '-qam', 'a: new default day');

    // Without --changed-since, a deploy would put B back as prefect.yaml says.
    const plan = JSON.parse((await cli(['plan', '--all', '--json'])).stdout);
    expect(plan.deployments.map((d: { name: string; action: string }) => `${d.name}:${d.action}`)).toEqual(['a:updated', 'b:updated']);

    const { code, stdout, stderr } = await cli(['deploy', '--all', '--changed-since', 'HEAD~1', '--json']);
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.deployments.map((d: { name: string; action: string }) => `${d.name}:${d.action}`)).toEqual(['a:updated']);
    expect(out.skipped).toEqual([{ deployment: 'b', reason: 'unchanged since HEAD~1' }]);

    const a = await deployment('alpha', 'a');
    expect((a.parameter_openapi_schema as { properties: { day: { default: string } } }).properties.day.default).toBe('yesterday');
    const bAfter = await deployment('beta', 'b');
    expect(bAfter.description).toBe('edited in the UI');
    expect(bAfter.updated).toBe(bBefore.updated);
  });

  it('with --prune, deletes the deployment removed from prefect.yaml and keeps the skipped ones (named, not analysed)', async () => {
    write('prefect.yaml', `${PREFECT_YAML}  - name: c\n    entrypoint: flows/b.py:beta\n    work_pool: {name: ${POOL}}\n`);
    git('commit', '-qam', 'add c');
    expect((await cli(['deploy', '--all', '--changed-since', 'HEAD~1'])).code).toBe(0);
    const c = await deployment('beta', 'c');
    expect(c.id).toBeTruthy();

    // c removed, a's flow changed: b is skipped unanalysed, and a prune must not take it for removed.
    write('prefect.yaml', PREFECT_YAML);
    write('flows/a.py', flowA('tomorrow'));
    git('commit', '-qam', 'drop c, a: new default day');
    const { code, stdout, stderr } = await cli(['deploy', '--all', '--prune', '--changed-since', 'HEAD~1', '--json']);
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.deployments.map((d: { name: string; action: string }) => `${d.name}:${d.action}`)).toEqual(['a:updated', 'c:deleted']);
    expect(out.skipped).toEqual([{ deployment: 'b', reason: 'unchanged since HEAD~1' }]);
    expect((await deployment('beta', 'b')).id).toBeTruthy();
    await expect(deployment('beta', 'c')).rejects.toThrow(/404/);
  });
});

describe('deploy --project … --changed-since', () => {
  it('lists each project’s skipped deployments in the summary, the JSON and the dotenv report', async () => {
    const pool = (name: string) => `deployments:\n  - name: ${name}\n    entrypoint: flow.py:f\n    work_pool: {name: ${POOL}}\n`;
    const flow = (name: string, n: number) => `from prefect import flow\n\n\n@flow(name="${name}-${RUN}")\ndef f(n: int = ${n}):\n    pass\n`;
    for (const p of ['one', 'two']) {
      write(`mono/${p}/prefect.yaml`, pool(`m-${p}`));
      write(`mono/${p}/flow.py`, flow(`mono-${p}`, 1));
    }
    git('add', '-A');
    git('commit', '-qm', 'two projects');
    const first = await cli(['deploy', '--all', '--project', 'mono/*', '--json']);
    expect(first.code, first.stderr).toBe(0);
    write('mono/one/flow.py', flow('mono-one', 2));
    git('commit', '-qam', 'one: new default');

    const json = await cli(['deploy', '--all', '--project', 'mono/*', '--changed-since', 'HEAD~1', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as { projects: Array<{ project: string; deployments: Array<{ name: string; action: string }>; skipped?: unknown }> };
    expect(out.projects.map((p) => [p.project, p.deployments.map((d) => `${d.name}:${d.action}`), p.skipped])).toEqual([
      ['mono/one', ['m-one:updated'], []],
      ['mono/two', [], [{ deployment: 'm-two', reason: 'unchanged since HEAD~1' }]],
    ]);

    const dotenv = path.join(repo, 'report.env');
    const text = await cli(['deploy', '--all', '--project', 'mono/*', '--changed-since', 'HEAD~1', '--dotenv', dotenv]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/2 projects: 0 created, 0 updated, 1 unchanged, 0 failed, 1 skipped/);
    expect(text.stdout).toContain(`mono/two:m-two  skipped: unchanged since HEAD~1`);
    expect(readFileSync(dotenv, 'utf8')).toMatch(new RegExp(`DEPLOYMENTS_SKIPPED=.*mono/two:m-two`));
  });

  it('works out what changed before validating: the server is read for the changed deployments alone', async () => {
    const proxy = await startRecordingProxy(apiUrl);
    try {
      const run = await cli(['deploy', '--all', '--project', 'mono/*', '--changed-since', 'HEAD~1'], proxy.apiUrl);
      expect(run.code, run.stderr).toBe(0);
    } finally {
      await proxy.close();
    }
    const named = proxy.requests
      .filter((r) => r.method === 'POST' && r.path === '/deployments/filter')
      .flatMap((r) => (r.body as { deployments?: { name?: { any_?: string[] } } }).deployments?.name?.any_ ?? []);
    expect(named).toEqual(['m-one']);
  });

  it('a REF git cannot resolve stops the run before any deployment is read or written', async () => {
    const proxy = await startRecordingProxy(apiUrl);
    let run: Awaited<ReturnType<typeof cli>>;
    try {
      run = await cli(['deploy', '--all', '--project', 'mono/*', '--changed-since', 'no-such-ref'], proxy.apiUrl);
    } finally {
      await proxy.close();
    }
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('git cannot resolve no-such-ref to a commit');
    expect(proxy.requests.filter((r) => r.path.startsWith('/deployments') || r.path.startsWith('/flows'))).toEqual([]);
  });
});

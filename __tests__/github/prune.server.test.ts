/**
 * Prune through the action (a build of src/index.ts run as the runner runs it) against a real
 * server: the plan's job summary and `plan` output list what a prune deletes before anything else;
 * `prune: true` with `all: true` deletes it and reports it in `deployments` and the summary;
 * `prune` without `all` is refused before anything runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { builtCli } from '../cli/spawn-cli.js';
import { runAction } from './run-action.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `action-prune-${RUN}`;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const yaml = (names: readonly string[]) =>
  `deployments:\n${names.map((n) => `  - name: ${n}\n    entrypoint: flows/f.py:job\n    work_pool: {name: ${POOL}}\n`).join('')}`;

describe('the action with prune', () => {
  it('plans the deletions first, deletes them with prune: true and all: true, and refuses prune without all', async () => {
    const bundle = path.join(path.dirname(await builtCli()), 'index.js');
    await fetch(`${apiUrl}/work_pools/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: POOL, type: 'process' }) });
    const work = mkdtempSync(path.join(tmpdir(), 'action-prune-'));
    dirs.push(work);
    mkdirSync(path.join(work, 'project', 'flows'), { recursive: true });
    writeFileSync(path.join(work, 'project', 'flows', 'f.py'), `from prefect import flow\n\n\n@flow(name="job-${RUN}")\ndef job():\n    pass\n`);
    writeFileSync(path.join(work, 'project', 'prefect.yaml'), yaml(['nightly', 'weekly']));
    const env = { GITHUB_REPOSITORY: `acme/action-prune-${RUN}`, GITHUB_SERVER_URL: 'https://github.com' };
    const inputs = { 'working-directory': 'project', all: 'true', 'api-url': apiUrl };
    const run = (extra: Record<string, string>) => runAction({ ...inputs, ...extra }, work, { env, bundle });

    const first = await run({ mode: 'deploy', prune: 'true' });
    expect(first.code, first.stdout).toBe(0);
    expect(JSON.parse(first.outputs.deployments!).map((d: { action: string }) => d.action)).toEqual(['created', 'created']);

    writeFileSync(path.join(work, 'project', 'prefect.yaml'), yaml(['nightly']));
    const plan = await run({ mode: 'plan' });
    expect(plan.code, plan.stdout).toBe(0);
    expect(JSON.parse(plan.outputs.plan!).deletions).toEqual([{ name: 'weekly', flow_name: `job-${RUN}`, id: expect.any(String), action: 'delete' }]);
    expect(plan.outputs.changes).toBe('true');
    const summary = plan.summary.split('\n');
    expect(summary[0]).toMatch(/, 1 deployment to delete$/);
    expect(summary[2]).toMatch(/^🗑️ \*\*To delete\*\*/);
    // Before the deployments' own lines (the first list item that is not a deletion).
    expect(summary.findIndex((l) => l.includes(`job-${RUN}/weekly`))).toBeLessThan(summary.findIndex((l) => /^- (?!🔴)/u.test(l)));

    const refused = await runAction({ 'working-directory': 'project', deployments: 'nightly', 'api-url': apiUrl, mode: 'deploy', prune: 'true' }, work, { env, bundle });
    expect(refused.code).not.toBe(0);
    expect(refused.outputs['failure-reason']).toBe('invalid-input');

    const pruned = await run({ mode: 'deploy', prune: 'true' });
    expect(pruned.code, pruned.stdout).toBe(0);
    expect(
      JSON.parse(pruned.outputs.deployments!).map((d: { name: string; action: string; url: unknown }) => [d.name, d.action, d.action === 'deleted' ? d.url : 'url']),
    ).toEqual([
      ['nightly', 'unchanged', 'url'],
      ['weekly', 'deleted', null],
    ]);
    expect(pruned.outputs.changes).toBe('true');
    expect(pruned.summary.split('\n')[0]).toMatch(/, 1 deployment deleted$/);
    expect(pruned.summary).toContain(`- 🔴 \`job-${RUN}/weekly\``);
  }, 240_000);
});

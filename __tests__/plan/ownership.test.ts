/**
 * The ownership mark: the project identity (repository + prefect.yaml path, from GitHub's variables,
 * the origin remote, or the directory), the label compared alone (the server's own labels are no
 * diff), and the deletions a prune would make.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deletionsOf, markBody, normalizeRemote, OWNER_LABEL, ownershipChange, projectIdentity } from '../../src/core/plan/ownership.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';

const ROOT = path.resolve('/work/checkout');

/** A git whose top level is ROOT and whose origin is `remote` (none: not a repository). */
const git =
  (remote: string | undefined, inRepo = true): GitRunner =>
  async (args) => {
    if (!inRepo) throw new Error('fatal: not a git repository');
    if (args[0] === 'rev-parse') return ROOT;
    if (args[0] === 'config') {
      if (remote === undefined) throw new Error('exit 1');
      return remote;
    }
    throw new Error(`unexpected git ${args.join(' ')}`);
  };

describe('project identity', () => {
  it.each([
    ['https://github.com/acme/etl.git', 'github.com/acme/etl'],
    ['https://x-access-token:ghs_secret@github.com/acme/etl', 'github.com/acme/etl'],
    ['git@github.com:acme/etl.git', 'github.com/acme/etl'],
    ['ssh://git@GitLab.example.com:2222/group/sub/etl.git', 'gitlab.example.com/group/sub/etl'],
    ['https://dev.azure.com/acme/proj/_git/etl', 'dev.azure.com/acme/proj/_git/etl'],
    ['/srv/git/etl.git', 'srv/git/etl'],
    ['', undefined],
  ])('remote %s is %s', (remote, expected) => {
    expect(normalizeRemote(remote)).toBe(expected);
  });

  it('GitHub Actions: the server host and GITHUB_REPOSITORY, and the prefect.yaml path from the repository root', async () => {
    const env = { GITHUB_REPOSITORY: 'acme/etl', GITHUB_SERVER_URL: 'https://github.com' };
    expect(await projectIdentity({ prefectFile: 'prefect.yaml', cwd: path.join(ROOT, 'flows', 'sales'), env, git: git('git@elsewhere:x/y.git') })).toBe(
      'github.com/acme/etl:flows/sales/prefect.yaml',
    );
  });

  it('elsewhere: the origin remote, so an https and an ssh clone of one repository agree', async () => {
    const a = await projectIdentity({ prefectFile: 'deploy/prefect.yaml', cwd: ROOT, env: {}, git: git('https://github.com/acme/etl.git') });
    const b = await projectIdentity({ prefectFile: 'deploy/prefect.yaml', cwd: ROOT, env: {}, git: git('git@github.com:acme/etl.git') });
    expect(a).toBe('github.com/acme/etl:deploy/prefect.yaml');
    expect(b).toBe(a);
  });

  it('without a remote: the repository directory; outside git: the working directory', async () => {
    expect(await projectIdentity({ prefectFile: 'prefect.yaml', cwd: path.join(ROOT, 'a'), env: {}, git: git(undefined) })).toBe('checkout:a/prefect.yaml');
    expect(await projectIdentity({ prefectFile: 'prefect.yaml', cwd: '/tmp/proj', env: {}, git: git(undefined, false) })).toBe('proj:prefect.yaml');
  });

  it('--owner wins as given', async () => {
    expect(await projectIdentity({ prefectFile: 'prefect.yaml', cwd: ROOT, env: { GITHUB_REPOSITORY: 'acme/etl' }, owner: ' team-data ', git: git(undefined) })).toBe(
      'team-data',
    );
  });
});

describe('the mark', () => {
  it('compares this label only: the server-added ones are no change', () => {
    const current = { labels: { 'prefect.flow.id': 'f1', team: 'data', [OWNER_LABEL]: 'me' } };
    expect(ownershipChange(current, 'me')).toBeUndefined();
    expect(ownershipChange({ labels: { 'prefect.flow.id': 'f1' } }, 'me')).toEqual({ field: 'owner', from: null, to: 'me' });
    expect(ownershipChange(current, 'you')).toEqual({ field: 'owner', from: 'me', to: 'you' });
    expect(ownershipChange(current, undefined)).toBeUndefined();
  });

  it('marks an existing deployment by an upsert that sends it back as stored, with the mark, schedules oldest first', () => {
    const schedule = (slug: string) => ({
      id: slug,
      created: 'c',
      schedule: { cron: '0 2 * * *', timezone: 'UTC', day_or: true },
      active: false,
      parameters: { a: 1 },
      slug,
      max_scheduled_runs: null,
    });
    const current = {
      id: 'd1',
      name: 'nightly',
      flow_id: 'f1',
      paused: true,
      tags: ['x'],
      parameters: { day: 'today' },
      description: null,
      created: 'c',
      concurrency_limit: 3,
      global_concurrency_limit: { limit: 3 },
      version_info: { type: 'vcs:git' },
      labels: { 'prefect.flow.id': 'f1', team: 'data' },
      schedules: [schedule('newest'), schedule('oldest')],
    };
    const body = markBody(current, 'me');
    expect(body).toEqual({
      name: 'nightly',
      flow_id: 'f1',
      paused: true,
      tags: ['x'],
      parameters: { day: 'today' },
      labels: { 'prefect.flow.id': 'f1', team: 'data', [OWNER_LABEL]: 'me' },
      schedules: ['oldest', 'newest'].map((slug) => ({ schedule: { cron: '0 2 * * *', timezone: 'UTC', day_or: true }, active: false, parameters: { a: 1 }, slug })),
    });
  });

  it('deletes the owned deployments the plan no longer has, renamed ones included, sorted', () => {
    const owned = ['etl/weekly', 'etl/nightly', 'report/old', 'etl/hourly'].map((k, i) => ({
      id: String(i),
      flowName: k.split('/')[0]!,
      name: k.split('/')[1]!,
      owner: 'me',
    }));
    const planned = [
      { flowName: 'etl', name: 'nightly' },
      { flowName: 'etl', name: 'every-hour' },
    ];
    expect(deletionsOf(owned, planned).map((d) => `${d.flowName}/${d.name}`)).toEqual(['etl/hourly', 'etl/weekly', 'report/old']);
    expect(deletionsOf(owned, owned)).toEqual([]);
    // --changed-since skipped some selected deployments (by name): they are still selected, never deleted, whatever their flow
    expect(deletionsOf(owned, planned, ['weekly', 'old']).map((d) => `${d.flowName}/${d.name}`)).toEqual(['etl/hourly']);
    expect(deletionsOf([...owned, { id: '9', flowName: 'other', name: 'weekly', owner: 'me' }], planned, ['weekly']).map((d) => d.id)).toEqual(['3', '2']);
  });
});

describe('the marking upsert', () => {
  it('sends a field equal to the desired one as desired (a float stays a float), a different one as stored', async () => {
    const { PythonFloat } = await import('../../src/core/values/index.js');
    const current = { name: 'n', flow_id: 'f', parameters: { cpu: 1 }, tags: ['a'], labels: {}, schedules: [] };
    const body = markBody(current, 'me', { parameters: { cpu: new PythonFloat(1) }, tags: ['b'] });
    expect(JSON.stringify(body.parameters)).toBe('{"cpu":1.0}');
    expect(body.tags).toEqual(['a']);
  });
});

/**
 * Each project of a run over several projects owns its deployments under an identity of its own:
 * projects sharing one would each prune the others' deployments (delete, then re-create them).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRequest } from '../../src/commands/projects.js';
import { engineRequest } from '../../src/commands/client.js';
import { projectIdentity } from '../../src/core/plan/ownership.js';
import { Secrets } from '../../src/core/secrets.js';
import type { CommandRequest } from '../../src/commands/index.js';

/** Not a git checkout: the identity falls back to the directories. */
const noGit = (): Promise<string> => Promise.reject(new Error('not a git repository'));
const run = (owner?: string): CommandRequest => ({
  prefectFile: 'prefect.yaml',
  selection: { all: true, names: [] },
  cwd: path.resolve('/repo'),
  env: { GITHUB_REPOSITORY: 'acme/mono' },
  now: new Date(0),
  git: noGit,
  secrets: new Secrets(),
  ...(owner ? { owner } : {}),
});
const identityOf = (request: CommandRequest, project: string) => projectIdentity(engineRequest(projectRequest(request, project, request.selection, new Map() as never)));

describe('the owner of each project', () => {
  it('outside git: the prefect.yaml path from the run directory, one identity per project', async () => {
    expect([await identityOf(run(), 'flows/etl'), await identityOf(run(), 'flows/report')]).toEqual([
      'github.com/acme/mono:flows/etl/prefect.yaml',
      'github.com/acme/mono:flows/report/prefect.yaml',
    ]);
  });

  it('a given owner gets the project appended', async () => {
    expect([await identityOf(run('team-a'), 'flows/etl'), await identityOf(run('team-a'), 'flows/report')]).toEqual(['team-a:flows/etl', 'team-a:flows/report']);
  });

  it('one project alone keeps the identity it always had', async () => {
    expect(await projectIdentity(engineRequest({ ...run(), cwd: path.resolve('/repo/flows/etl') }))).toBe('github.com/acme/mono:prefect.yaml');
    expect(await projectIdentity(engineRequest(run('team-a')))).toBe('team-a');
  });
});

/** What "the same target" of the deploy lock is, and the names the lock takes on the server. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heartbeatName, lockName, lockTarget } from '../../src/core/apply/lock.js';

const root = mkdtempSync(path.join(tmpdir(), 'lock-target-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the deploy lock target', () => {
  const repo = path.join(root, 'etl');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'deploy', 'prod'), { recursive: true });
  writeFileSync(path.join(repo, 'prefect.yaml'), '');

  it.each([
    ['prefect.yaml', repo, 'etl/prefect.yaml (f/a)'],
    ['prefect.yaml', path.join(repo, 'deploy', 'prod'), 'etl/deploy/prod/prefect.yaml (f/a)'],
    ['deploy/prod/prefect.yaml', repo, 'etl/deploy/prod/prefect.yaml (f/a)'],
    ['../../prefect.yaml', path.join(repo, 'deploy', 'prod'), 'etl/prefect.yaml (f/a)'],
  ])('%s from %s is %s: the path inside the repository, whatever the working directory', (file, cwd, target) => {
    expect(lockTarget(file, cwd, ['f/a'])).toBe(target);
  });

  it('is the path from the working directory outside a repository', () => {
    mkdirSync(path.join(root, 'loose', 'a'), { recursive: true });
    expect(lockTarget('a/prefect.yaml', path.join(root, 'loose'), ['f/a'])).toBe('a/prefect.yaml (f/a)');
  });

  it('names the selection: the same set of deployments in any order is the same target, another set another', () => {
    const all = lockTarget('prefect.yaml', repo, ['f/a', 'f/b', 'g/c']);
    expect(all).toMatch(/^etl\/prefect\.yaml \(3 deployments [0-9a-f]{8}\)$/);
    expect(lockTarget('prefect.yaml', repo, ['g/c', 'f/a', 'f/b', 'f/a'])).toBe(all);
    expect(lockTarget('prefect.yaml', repo, ['f/a', 'f/b'])).not.toBe(all);
  });

  it('names a concurrency limit and a variable the server accepts, one per target', () => {
    const name = lockName('etl/deploy/prod/prefect.yaml');
    expect(name).toMatch(/^prefect-deploy etl:deploy:prod:prefect\.yaml [0-9a-f]{12}$/);
    expect(name).not.toMatch(/[/%&<>]/);
    expect(lockName('etl/prefect.yaml')).not.toBe(lockName('etl:prefect.yaml'));
    expect(heartbeatName('etl/prefect.yaml')).toMatch(/^prefect-deploy-lock-[0-9a-f]{12}$/);
    expect(lockName(`${'x'.repeat(300)}/prefect.yaml`).length).toBeLessThan(110);
  });
});

/**
 * scripts/github-release.mjs against the GitHub-API stand-in (../github/fake-github.ts, which checks
 * each request against GitHub's OpenAPI description): the release it creates, and its one-line
 * refusals.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';

const TOKEN = 'ghs_releaseScriptStandInToken0123456789';
const script = path.resolve(import.meta.dirname, '../../scripts/github-release.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'github-release-'));
const notes = path.join(scratch, 'notes.md');
let github: FakeGitHub;

beforeAll(async () => {
  github = await startFakeGitHub({ [TOKEN]: { login: 'github-actions[bot]', installation: true } });
  writeFileSync(notes, '### Added\n\n- Everything.\n');
});
afterAll(async () => {
  await github?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function release(tag: string, env: Record<string, string | undefined> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  const full: Record<string, string | undefined> = { ...base, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/deploy-action', GITHUB_TOKEN: TOKEN, ...env };
  for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
  return promisify(execFile)(process.execPath, [script, tag, notes], { env: full }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('scripts/github-release.mjs', () => {
  it('creates the release with the notes, as the latest', async () => {
    const r = await release('v1.0.0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('released v1.0.0: https://github.com/acme/deploy-action/releases/tag/v1.0.0\n');
    expect(github.violations).toEqual([]);
    expect(github.releases.map((x) => [x.repo, x.request])).toEqual([
      ['acme/deploy-action', { tag_name: 'v1.0.0', name: 'v1.0.0', body: '### Added\n\n- Everything.\n', draft: false, prerelease: false, make_latest: 'true' }],
    ]);
  });

  it('marks a pre-release as such, and not as the latest', async () => {
    expect((await release('v2.0.0-rc.1')).code).toBe(0);
    expect(github.releases.at(-1)!.request).toMatchObject({ tag_name: 'v2.0.0-rc.1', prerelease: true, make_latest: 'false' });
  });

  it('refuses, in one line, a release that exists, a missing token, a refused request', async () => {
    const again = await release('v1.0.0');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('github-release: a release for v1.0.0 already exists in acme/deploy-action; edit it on GitHub, or delete it and re-run this job\n');

    const noToken = await release('v1.0.1', { GITHUB_TOKEN: undefined });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^github-release: GITHUB_TOKEN is not set \(.*contents: write`\)\n$/);

    const badToken = await release('v1.0.1', { GITHUB_TOKEN: 'ghs_notKnown' });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toBe('github-release: creating the release v1.0.1 in acme/deploy-action failed: HTTP 401 Bad credentials\n');
    expect(badToken.stderr).not.toContain('ghs_notKnown');
    expect(github.releases).toHaveLength(2);
  });
});

/**
 * .github/workflows/release.yml run by act on a pushed tag, in a copy of this repository whose
 * `origin` pushes to a local bare repository and whose GitHub API is ../github/fake-github.ts:
 *   - v1.0.0 (the version package.json and CHANGELOG.md name) with a fresh dist/: the release is
 *     created with the CHANGELOG entry as notes, and the bare repository's v1 moves from the previous
 *     release's commit to this one; the npm job publishes nothing without an NPM_TOKEN secret;
 *   - the same tag with a stale dist/: the workflow fails at the dist check, nothing is released and
 *     v1 stays where it was.
 * Real: act, the workflow file, scripts/release-notes.mjs, scripts/check-dist.sh (a fresh build
 * compared with the committed dist/), scripts/github-release.mjs, git tag and push. Stood in: the
 * setup actions (../setup/act.ts), node_modules (links to this checkout's packages, as `npm ci` would
 * install them; RELEASE_WORKFLOW_TEST skips `npm ci` and the test suite, which is this suite).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { logTail, prepareSetupStandIns, repoRoot, runAct } from '../setup/act.js';
// @ts-expect-error the release script is plain JavaScript, without declarations
import { releaseNotes } from '../../scripts/release-notes.mjs';

const TOKEN = 'ghs_e2eReleaseStandInToken0123456789';
const repository = { full_name: 'acme/deploy-action', name: 'deploy-action', owner: { login: 'acme' }, default_branch: 'main' };
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const tag = `v${version}`;
const major = tag.split('.')[0]!;

const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-release-'));
let github: FakeGitHub;
let setupStandIns: Record<string, string>;

const GIT_ENV = { GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' };
const gitIn =
  (cwd: string) =>
  (...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' }).trim();

/** What the release commit needs: the sources, the build, the workflows and the release's files. */
const ENTRIES = [
  '.github',
  '.node-version',
  'scripts',
  'src',
  'recipes',
  'schema',
  'examples',
  'action.yml',
  'package.json',
  'package-lock.json',
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
];

/**
 * A working copy at a release commit (dist/ freshly built and committed, `tag` on it) after a previous
 * release commit that `major` points to, both pushed to a bare repository that `origin` pushes to.
 */
function prepareRelease(name: string): { repo: string; bare: string; previous: string; release: string } {
  const repo = path.join(scratch, name);
  const bare = path.join(scratch, `${name}-origin.git`);
  const git = gitIn(repo);
  mkdirSync(repo);
  for (const entry of ENTRIES) cpSync(path.join(repoRoot, entry), path.join(repo, entry), { recursive: true });
  // Untracked (never committed) but copied by act into the job's workspace, as `npm ci` leaves it.
  const modules = realpathSync(path.join(repoRoot, 'node_modules'));
  mkdirSync(path.join(repo, 'node_modules'));
  for (const entry of readdirSync(modules)) symlinkSync(path.join(modules, entry), path.join(repo, 'node_modules', entry));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'pipe' });

  git('init', '-q', '-b', 'main');
  // act reads the repository's name from origin's URL; pushes go to the bare repository.
  git('remote', 'add', 'origin', `https://github.com/${repository.full_name}.git`);
  git('remote', 'set-url', '--push', 'origin', bare);
  git('commit', '-q', '--allow-empty', '-m', 'the previous release');
  const previous = git('rev-parse', 'HEAD');
  git('tag', '-a', major, '-m', `${major}: previous`);
  git('add', '-A', '--', '.', ':!node_modules');
  git('commit', '-q', '-m', `release ${tag}`);
  const release = git('rev-parse', 'HEAD');
  git('tag', '-a', tag, '-m', tag);
  execFileSync('git', ['init', '-q', '--bare', bare]);
  git('push', '-q', 'origin', 'main', `refs/tags/${major}`, `refs/tags/${tag}`);
  return { repo, bare, previous, release };
}

/** The commit a tag of the bare repository points to. */
const tagCommit = (bare: string, name: string) => gitIn(bare)('rev-parse', `refs/tags/${name}^{commit}`);

async function runRelease(repo: string, release: string) {
  return runAct({
    cwd: repo,
    workflow: '.github/workflows/release.yml',
    event: 'push',
    payload: { ref: `refs/tags/${tag}`, after: release, repository, head_commit: { id: release, message: `release ${tag}` } },
    scratch,
    secrets: { GITHUB_TOKEN: TOKEN },
    env: { GITHUB_API_URL: github.url, RELEASE_WORKFLOW_TEST: 'true' },
    localRepositories: setupStandIns,
    timeoutMs: 180_000,
  });
}

beforeAll(async () => {
  github = await startFakeGitHub({ [TOKEN]: { login: 'github-actions[bot]', installation: true } });
  const workflow = readFileSync(path.join(repoRoot, '.github/workflows/release.yml'), 'utf8');
  const setups = [...new Set([...workflow.matchAll(/uses: (actions\/setup-[\w-]+@\S+)/g)].map((m) => m[1]!))];
  setupStandIns = prepareSetupStandIns(scratch, setups);
});

afterAll(async () => {
  await github?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('release workflow', () => {
  it(`releases ${tag}: the GitHub release with the CHANGELOG entry, and ${major} moved to the release commit`, async () => {
    const { repo, bare, previous, release } = prepareRelease('fresh');
    expect(tagCommit(bare, major)).toBe(previous);

    const { code, log } = await runRelease(repo, release);
    expect(code, logTail(log)).toBe(0);
    expect(log).toContain('dist/ is up to date');
    expect(log).toContain('Success - Main dist/ is up to date');

    expect(github.violations).toEqual([]);
    expect(github.releases).toHaveLength(1);
    const [created] = github.releases;
    expect(created!.repo).toBe(repository.full_name);
    const changelog = readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8');
    expect(created!.request).toMatchObject({ tag_name: tag, name: tag, draft: false, prerelease: false, make_latest: 'true' });
    expect(created!.request.body).toBe(releaseNotes(tag, { changelog, packageVersion: version }));
    expect(created!.request.body).toMatch(/^### Added$/m);
    expect(log).not.toContain(TOKEN);

    expect(tagCommit(bare, major)).toBe(release);
    expect(tagCommit(bare, tag)).toBe(release);
    // The release tag itself is left alone; the major tag is annotated, as the typescript-action script makes it.
    expect(gitIn(bare)('cat-file', '-t', `refs/tags/${major}`)).toBe('tag');

    // Without an NPM_TOKEN secret the npm job only says so.
    expect(log).toContain('No NPM_TOKEN secret in this repository');
    expect(log).not.toContain('Main npm publish');
  }, 240_000);

  it('refuses a stale dist/: no release, the major tag stays', async () => {
    const { repo, bare, previous, release: fresh } = prepareRelease('stale');
    const git = gitIn(repo);
    // A release commit whose dist/ lacks a file the build writes.
    git('rm', '-q', 'dist/licenses.txt');
    git('commit', '-q', '-m', 'dist/ out of date');
    const release = git('rev-parse', 'HEAD');
    expect(release).not.toBe(fresh);
    git('tag', '-fa', tag, '-m', tag);
    git('push', '-q', '--force', 'origin', 'main', `refs/tags/${tag}`);
    const releasesBefore = github.releases.length;

    const { code, log } = await runRelease(repo, release);
    expect(code, logTail(log)).not.toBe(0);
    expect(log).toContain('dist/ differs from a fresh build');
    expect(github.releases).toHaveLength(releasesBefore);
    expect(tagCommit(bare, major)).toBe(previous);
  }, 240_000);
});

/**
 * The npm package as users get it: `npm pack` of this checkout (with dist/ freshly built from src/, in
 * a staging copy: whether the committed dist/ is fresh is dist.process.test.ts's concern), installed into an empty project with
 * `--offline` (no registry: the package has no dependencies, its libraries are bundled in dist/),
 * then its bin run — `--version` and an offline plan of an example project.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const scratch = mkdtempSync(path.join(tmpdir(), 'npm-package-'));
const project = path.join(scratch, 'project');
// npm's own cache in the scratch directory: the install must not be served by a warm user cache.
const npmEnv = {
  ...process.env,
  npm_config_cache: path.join(scratch, 'npm-cache'),
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};
let tarball: string;
let installed: string;

beforeAll(async () => {
  const staging = path.join(scratch, 'staging');
  for (const entry of ['package.json', 'README.md', 'LICENSE', ...pkg.files.filter((f) => f !== 'dist')]) {
    cpSync(path.join(root, entry), path.join(staging, entry), { recursive: true });
  }
  await run(process.execPath, ['scripts/build.mjs'], { cwd: root, env: { ...process.env, DEPLOY_ACTION_OUTDIR: path.join(staging, 'dist') } });
  const packed = path.join(scratch, 'packed');
  mkdirSync(packed);
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packed], { cwd: staging, env: npmEnv });
  tarball = path.join(packed, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
  const result = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env: npmEnv });
  installed = result.stdout + result.stderr;
}, 180_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the npm package', () => {
  it('declares no dependency for npm to install', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it('installs offline as exactly one package', () => {
    expect(installed).toMatch(/added 1 package\b/);
    const lock = JSON.parse(readFileSync(path.join(project, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages)).toEqual([`node_modules/${pkg.name}`]);
    expect(readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([pkg.name]);
  });

  it('ships the licences: its own and those of what it bundles', () => {
    const files = readdirSync(path.join(project, 'node_modules', pkg.name), { recursive: true, encoding: 'utf8' });
    expect(files).toContain('LICENSE');
    expect(files).toContain(path.join('dist', 'licenses.txt'));
  });

  it('runs its bin: --version', async () => {
    const { stdout } = await run(path.join(project, 'node_modules/.bin/prefect-deploy'), ['--version'], { cwd: project });
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('runs its bin: an offline plan of an example project', async () => {
    const example = path.join(scratch, 'local-etl');
    cpSync(path.join(root, 'examples/local-etl'), example, { recursive: true });
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PREFECT_')));
    const { stdout } = await run(path.join(project, 'node_modules/.bin/prefect-deploy'), ['plan', '--all', '--json'], { cwd: example, env });
    const plan = JSON.parse(stdout) as { deployments: { name: string }[]; errors: unknown[] };
    expect(plan.errors).toEqual([]);
    expect(plan.deployments.map((d) => d.name).sort()).toEqual(['dashboards', 'sales-hourly-us', 'sales-nightly']);
  });
});

/**
 * Flow analyses kept between runs: reused only while the entry file, the project files it reads,
 * the local modules it resolves and the environment variables it reads are unchanged; broken
 * entries and unwritable directories cost speed, never correctness.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowAnalysisDiskCache, flowAnalysisCacheDirectory } from '../../src/core/flows/disk-cache.js';
import { analyzeEntrypoint, FlowAnalysisError, setFlowAnalysisDiskCache, withFlowAnalysisCache, type AnalyzedFlow } from '../../src/core/flows/index.js';
import { baseEnv, spawnCli } from '../cli/spawn-cli.js';

const dirs: string[] = [];
const scratch = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ENV_NAME = 'DISK_CACHE_TEST_REGION';

let kept: FlowAnalysisDiskCache;

/**
 * One run: a fresh per-run cache, as each `prefect-deploy` process has; ends when what it kept is on
 * disk, as a process does (the entries are written in the background).
 */
const run = async (entrypoint: string, cwd: string): Promise<AnalyzedFlow> => {
  const flow = await withFlowAnalysisCache(new Map(), () => analyzeEntrypoint(entrypoint, { cwd }));
  await kept.settled();
  return flow;
};

describe('flow analyses kept between runs', () => {
  let project: string;
  let cacheDir: string;
  const entries = () => readdirSync(cacheDir).filter((n) => n.endsWith('.json'));
  /** Marks the kept analysis, so a run that reuses it shows it. */
  const markEntry = () => {
    const [name] = entries();
    const file = path.join(cacheDir, name!);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    entry.flow.description = 'kept';
    writeFileSync(file, JSON.stringify(entry));
  };

  beforeEach(() => {
    project = scratch('disk-cache-project-');
    cacheDir = path.join(scratch('disk-cache-'), 'flow-analyses', 'test');
    writeFileSync(path.join(project, 'defaults.py'), 'BATCH = 10\n');
    writeFileSync(
      path.join(project, 'etl.py'),
      [
        'import os',
        'from prefect import flow',
        'from defaults import BATCH',
        '',
        `REGION = os.getenv("${ENV_NAME}", "eu")`,
        '',
        '@flow',
        'def etl(batch: int = BATCH, region: str = REGION):',
        '    """Loads things."""',
        '',
      ].join('\n'),
    );
    delete process.env[ENV_NAME];
    kept = new FlowAnalysisDiskCache(cacheDir);
    setFlowAnalysisDiskCache(kept);
  });
  afterEach(() => {
    delete process.env[ENV_NAME];
    setFlowAnalysisDiskCache(null);
  });

  it('a second run reuses the kept analysis', async () => {
    const first = await run('etl.py:etl', project);
    expect(first.description).toBe('Loads things.');
    expect(entries()).toHaveLength(1);
    markEntry();
    const second = await run('etl.py:etl', project);
    expect(second.description).toBe('kept');
    expect(second.parameterSchema).toEqual(first.parameterSchema);
  });

  it('a change to an imported project module, an environment variable read or the entry file analyses again', async () => {
    await run('etl.py:etl', project);
    markEntry();
    writeFileSync(path.join(project, 'defaults.py'), 'BATCH = 20\n');
    const afterModule = await run('etl.py:etl', project);
    expect(afterModule.description).toBe('Loads things.');
    expect((afterModule.parameterSchema as { properties: { batch: { default: number } } }).properties.batch.default).toBe(20);

    for (const name of entries()) rmSync(path.join(cacheDir, name));
    await run('etl.py:etl', project);
    markEntry();
    process.env[ENV_NAME] = 'us';
    const afterEnv = await run('etl.py:etl', project);
    expect(afterEnv.description).toBe('Loads things.');
    expect((afterEnv.parameterSchema as { properties: { region: { default: string } } }).properties.region.default).toBe('us');

    // a new entry for the new content; the old one stays but no longer matches
    writeFileSync(path.join(project, 'etl.py'), readFileSync(path.join(project, 'etl.py'), 'utf8').replace('Loads things.', 'Loads more.'));
    expect((await run('etl.py:etl', project)).description).toBe('Loads more.');
  });

  it('a project module appearing where a third-party import was resolved analyses again', async () => {
    writeFileSync(path.join(project, 'etl.py'), 'from prefect import flow\nimport helpers\n\n@flow\ndef etl(x: int = 1):\n    """Uses helpers."""\n');
    const first = await run('etl.py:etl', project);
    expect(first.description).toBe('Uses helpers.');
    markEntry();
    writeFileSync(path.join(project, 'helpers.py'), 'raise RuntimeError("local helpers")\n');
    const second = await run('etl.py:etl', project);
    expect(second.description).toBe('Uses helpers.');
    expect(second.loader).toBe('fallback');
  });

  it('a broken entry is ignored, and failed analyses are not kept', async () => {
    await run('etl.py:etl', project);
    writeFileSync(path.join(cacheDir, entries()[0]!), '{"key": 1, "observ');
    expect((await run('etl.py:etl', project)).description).toBe('Loads things.');
    writeFileSync(path.join(project, 'broken.py'), 'from prefect import flow\n\ndef not_a_flow():\n    pass\n');
    const before = entries().length;
    for (let i = 0; i < 2; i++) await expect(run('broken.py:not_a_flow', project)).rejects.toThrow(FlowAnalysisError);
    expect(entries()).toHaveLength(before);
  });

  it('a cache directory that cannot be written costs nothing but speed', async () => {
    const file = path.join(scratch('disk-cache-file-'), 'a-file');
    writeFileSync(file, '');
    kept = new FlowAnalysisDiskCache(path.join(file, 'flow-analyses'));
    setFlowAnalysisDiskCache(kept);
    expect((await run('etl.py:etl', project)).description).toBe('Loads things.');
  });

  it('lives under the tool cache, the XDG cache or ~/.cache, or DEPLOY_ACTION_CACHE_DIR; DEPLOY_ACTION_CACHE=off turns it off', () => {
    expect(flowAnalysisCacheDirectory({ RUNNER_TOOL_CACHE: '/opt/tools', XDG_CACHE_HOME: '/x', HOME: '/h' }, 'abc')).toBe('/opt/tools/deploy-action/flow-analyses/abc');
    expect(flowAnalysisCacheDirectory({ XDG_CACHE_HOME: '/x', HOME: '/h' }, 'abc')).toBe('/x/deploy-action/flow-analyses/abc');
    expect(flowAnalysisCacheDirectory({ HOME: '/h' }, 'abc')).toBe('/h/.cache/deploy-action/flow-analyses/abc');
    expect(flowAnalysisCacheDirectory({ DEPLOY_ACTION_CACHE_DIR: '/c', HOME: '/h' }, 'abc')).toBe('/c/flow-analyses/abc');
    for (const off of ['off', 'false', '0', 'OFF']) expect(flowAnalysisCacheDirectory({ DEPLOY_ACTION_CACHE: off, HOME: '/h' }, 'abc')).toBeUndefined();
  });
});

describe('the built CLI', () => {
  it('keeps analyses under its own build id and plans the same from them; DEPLOY_ACTION_CACHE=off keeps nothing', async () => {
    const home = scratch('disk-cache-home-');
    const project = scratch('disk-cache-cli-');
    writeFileSync(path.join(project, 'etl.py'), 'from prefect import flow\n\n@flow(name="etl")\ndef etl(day: str = "mon"):\n    """Daily."""\n');
    writeFileSync(path.join(project, 'prefect.yaml'), 'deployments:\n  - name: daily\n    entrypoint: etl.py:etl\n    work_pool: {name: pool}\n');
    const env = baseEnv(home);
    const first = await spawnCli(['plan', '--all', '--offline', '--json'], { cwd: project, env });
    expect(first.code).toBe(0);
    // Node's compile cache and the prefect.yaml values sit beside it
    expect(readdirSync(path.join(home, '.cache', 'deploy-action')).sort()).toEqual(['flow-analyses', 'node-compile-cache', 'yaml']);
    const [yamlBuild] = readdirSync(path.join(home, '.cache', 'deploy-action', 'yaml'));
    expect(yamlBuild).toMatch(/^[0-9a-f]{16}$/);
    expect(readdirSync(path.join(home, '.cache', 'deploy-action', 'yaml', yamlBuild!)).filter((n) => n.endsWith('.v8'))).toHaveLength(1);
    const root = path.join(home, '.cache', 'deploy-action', 'flow-analyses');
    const [build] = readdirSync(root);
    expect(build).toMatch(/^[0-9a-f]{16}$/);
    expect(readdirSync(path.join(root, build!)).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    const second = await spawnCli(['plan', '--all', '--offline', '--json'], { cwd: project, env });
    expect(second.stdout).toBe(first.stdout);
    const offHome = scratch('disk-cache-home-off-');
    const off = await spawnCli(['plan', '--all', '--offline', '--json'], { cwd: project, env: { ...env, DEPLOY_ACTION_CACHE: 'off', HOME: offHome } });
    expect(off.stdout).toBe(first.stdout);
    expect(readdirSync(offHome)).toEqual([]);
  }, 120_000);
});

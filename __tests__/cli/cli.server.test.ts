/**
 * The CLI as a separate process against a real Prefect server, as a CI job runs it: validate,
 * plan, deploy and list; a GitLab-like environment and the dotenv report later jobs read; the
 * --output-file result; colour rules; the --debug request log; and the live progress block on a
 * real pseudo-terminal.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseGitlabDotenv } from './gitlab-dotenv.js';
import { baseEnv, builtCli, spawnCli } from './spawn-cli.js';
import { serverApi } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const ui = apiUrl.replace(/\/api$/, '');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `cli-e2e-${RUN}`;

const api = serverApi(apiUrl, { alsoOk: [409] });

const flows = (tag: string) => `from prefect import flow


@flow(name="load-${tag}")
def load(day: str = "today"):
    """Loads a day."""


@flow(name="report-${tag}")
def report(limit: int = 10):
    """Reports."""
`;

const prefectYaml = (pool: string, day = 'yesterday') => `pull:
  - prefect.deployments.steps.set_working_directory:
      directory: /opt/flows
deployments:
  - name: nightly
    entrypoint: flows/f.py:load
    parameters: {day: ${day}}
    schedules:
      - cron: "0 2 * * *"
    work_pool: {name: ${pool}}
  - name: weekly
    entrypoint: flows/f.py:report
    work_pool: {name: ${pool}}
`;

const SHA = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c';
/** The variables a GitLab runner sets for a pipeline on the default branch. */
const gitlab = {
  CI: 'true',
  GITLAB_CI: 'true',
  CI_PIPELINE_SOURCE: 'push',
  CI_COMMIT_SHA: SHA,
  CI_COMMIT_REF_NAME: 'main',
  CI_COMMIT_BRANCH: 'main',
  CI_DEFAULT_BRANCH: 'main',
  CI_PROJECT_NAME: 'etl',
  CI_PROJECT_URL: 'https://gitlab.example.com/acme/etl',
  CI_JOB_URL: 'https://gitlab.example.com/acme/etl/-/jobs/1',
};

const dirs: string[] = [];
let home: string;
beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cli-e2e-home-'));
  dirs.push(home);
  await api('POST', '/work_pools/', { name: POOL, type: 'process' });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let projects = 0;
/** A git checkout with one commit, as a CI job has it; its flows are its own (`load-<tag>`, `report-<tag>`). */
function project(yaml = prefectYaml(POOL)): { dir: string; load: string; report: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-e2e-'));
  dirs.push(dir);
  const tag = `${RUN}-${++projects}`;
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), flows(tag));
  writeFileSync(path.join(dir, 'prefect.yaml'), yaml);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'Add flows');
  return { dir, load: `load-${tag}`, report: `report-${tag}` };
}

const cli = (dir: string, args: string[], env: Record<string, string> = {}) => spawnCli(args, { cwd: dir, env: { ...baseEnv(home), PREFECT_API_URL: apiUrl, ...env } });
const ANSI = /\x1b\[/;

describe('prefect-deploy against a Prefect server', () => {
  it('validate and plan read the server; a missing work pool is one line with file:line and exit 1', async () => {
    const { dir, load, report } = project();
    const valid = await cli(dir, ['validate', '--all']);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout.trim()).toBe(`prefect.yaml: 2 deployment(s) valid against ${apiUrl}`);

    const plan = await cli(dir, ['plan', '--all', '--dotenv', 'plan.env', '--output-file', 'out/plan.json'], gitlab);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`+ ${load}/nightly (create)`);
    const json = JSON.parse(readFileSync(path.join(dir, 'out', 'plan.json'), 'utf8'));
    expect(json.deployments.map((d: { name: string; action: string }) => [d.name, d.action])).toEqual([
      ['nightly', 'created'],
      ['weekly', 'created'],
    ]);
    expect(json.deployments[0].payload.version_info).toEqual({
      type: 'vcs:gitlab',
      version: SHA.slice(0, 8),
      commit_sha: SHA,
      message: 'Add flows',
      branch: 'main',
      repository: 'etl',
      url: `https://gitlab.example.com/acme/etl/-/tree/${SHA}`,
    });
    expect(parseGitlabDotenv(readFileSync(path.join(dir, 'plan.env'), 'utf8'))).toEqual({
      PREFECT_DEPLOY_STATUS: 'success',
      PREFECT_DEPLOY_FAILURE_REASON: '',
      PREFECT_PLAN_HAS_CHANGES: 'true',
      DEPLOYMENTS_SELECTED: `${load}/nightly,${report}/weekly`,
      DEPLOYMENTS_TO_CREATE: `${load}/nightly,${report}/weekly`,
      DEPLOYMENTS_TO_UPDATE: '',
      DEPLOYMENTS_UNCHANGED: '',
      // A plan of every deployment against a server: the owned ones prefect.yaml no longer has (docs/prune.md).
      DEPLOYMENTS_TO_DELETE: '',
    });

    writeFileSync(path.join(dir, 'prefect.yaml'), prefectYaml(`no-such-pool-${RUN}`));
    const bad = await cli(dir, ['validate', '--all', '--output-file', 'bad.json', '--dotenv', 'bad.env']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(`prefect.yaml:10:23: deployment "nightly": work pool "no-such-pool-${RUN}" does not exist`);
    expect(JSON.parse(readFileSync(path.join(dir, 'bad.json'), 'utf8')).errors).toHaveLength(2);
    expect(parseGitlabDotenv(readFileSync(path.join(dir, 'bad.env'), 'utf8'))).toMatchObject({
      PREFECT_DEPLOY_STATUS: 'failed',
      PREFECT_DEPLOY_FAILURE_REASON: 'invalid-config',
      DEPLOYMENTS_SELECTED: '',
    });
  });

  it('deploys in a GitLab-like job: plain lines with timings, the dotenv report, the JSON result, version_info from GitLab', async () => {
    const { dir, load, report } = project();
    const first = await cli(dir, ['deploy', '--all', '--output-file', 'deploy.json', '--dotenv', 'deploy.env'], gitlab);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('prefect-deploy on GitLab CI: ref main, commit 1f2e3d4c');
    expect(lines[1]).toMatch(/^validated 2 deployments in \d+\.\ds$/);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${load}/nightly: created in \\d+\\.\\ds  ${ui}/deployments/deployment/[0-9a-f-]{36}$`)));
    expect(lines.at(-1)).toMatch(/^2 created, 0 updated, 0 unchanged, 0 failed in \d+\.\ds$/);
    expect(first.stdout + first.stderr).not.toMatch(ANSI);

    const result = JSON.parse(readFileSync(path.join(dir, 'deploy.json'), 'utf8'));
    expect(result).toMatchObject({ errors: [], warnings: [], failure_reason: null });
    expect(result.deployments.map((d: { flow: string; name: string; action: string }) => `${d.flow}/${d.name}:${d.action}`)).toEqual([
      `${load}/nightly:created`,
      `${report}/weekly:created`,
    ]);
    const nightly = result.deployments[0];
    expect(nightly.url).toBe(`${ui}/deployments/deployment/${nightly.id}`);
    // The version inferred from GitLab's variables (the open-source server does not keep version_info; the plan shows it).
    const stored = (await api('GET', `/deployments/${nightly.id}`)) as { version: string };
    expect(stored.version).toBe(SHA.slice(0, 8));

    const dotenv = readFileSync(path.join(dir, 'deploy.env'), 'utf8');
    expect(parseGitlabDotenv(dotenv)).toEqual({
      PREFECT_DEPLOY_STATUS: 'success',
      PREFECT_DEPLOY_FAILURE_REASON: '',
      DEPLOYMENTS_CREATED: `${load}/nightly,${report}/weekly`,
      DEPLOYMENTS_UPDATED: '',
      DEPLOYMENTS_UNCHANGED: '',
      DEPLOYMENTS_FAILED: '',
    });

    // Again with a change to one deployment, selected alone: its id and UI URL are in the report.
    writeFileSync(path.join(dir, 'prefect.yaml'), prefectYaml(POOL, 'today'));
    const second = await cli(dir, ['deploy', '-n', 'nightly', '--json', '--output-file', 'deploy.json', '--dotenv', 'deploy.env'], gitlab);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(readFileSync(path.join(dir, 'deploy.json'), 'utf8')));
    expect(JSON.parse(second.stdout).deployments).toEqual([expect.objectContaining({ action: 'updated', changes: ['parameters'], id: nightly.id })]);
    // With --json the progress lines go to stderr, so stdout is the JSON alone.
    expect(second.stderr).toMatch(/nightly: updated \(parameters\) in \d+\.\ds/);
    expect(parseGitlabDotenv(readFileSync(path.join(dir, 'deploy.env'), 'utf8'))).toMatchObject({
      DEPLOYMENTS_UPDATED: `${load}/nightly`,
      DEPLOYMENT_ID: nightly.id,
      DEPLOYMENT_URL: nightly.url,
    });
  });

  it("deploy --version V sets the deployment's version (prefect-deploy --version is the tool's)", async () => {
    const { dir } = project();
    const deployed = await cli(dir, ['deploy', '-n', 'nightly', '--version', '7.7.7-rc1', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    const { id } = JSON.parse(deployed.stdout).deployments[0];
    expect(((await api('GET', `/deployments/${id}`)) as { version: string }).version).toBe('7.7.7-rc1');
  });

  it('reports why a deploy wrote nothing, in the exit code, the JSON result and the dotenv report', async () => {
    const { dir } = project(prefectYaml(POOL).replace('flows/f.py:load', 'flows/f.py:nope'));
    const failed = await cli(dir, ['deploy', '--all', '--output-file', 'r.json', '--dotenv', 'r.env'], gitlab);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^prefect\.yaml:6:\d+: deployment "nightly": .*nope/m);
    expect(failed.stderr).toContain('1 problem found; nothing was registered.');
    expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'))).toMatchObject({ deployments: [], failure_reason: 'invalid-config' });
    expect(parseGitlabDotenv(readFileSync(path.join(dir, 'r.env'), 'utf8'))).toMatchObject({
      PREFECT_DEPLOY_STATUS: 'failed',
      PREFECT_DEPLOY_FAILURE_REASON: 'invalid-config',
      DEPLOYMENTS_CREATED: '',
    });

    const noApi = await spawnCli(['deploy', '--all', '--dotenv', 'n.env'], { cwd: dir, env: baseEnv(home) });
    expect(noApi.code).toBe(2);
    expect(noApi.stderr).toContain('error: no Prefect API: set PREFECT_API_URL');
    expect(parseGitlabDotenv(readFileSync(path.join(dir, 'n.env'), 'utf8'))).toMatchObject({ PREFECT_DEPLOY_FAILURE_REASON: 'no-api-url' });
  });

  it('lists for a CI matrix, and writes the same JSON to --output-file', async () => {
    const { dir, load, report } = project();
    const listed = await cli(dir, ['list', '--matrix', '--output-file', 'matrix.json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({
      include: [
        // `deployment` is what `-n` selects by: the entrypoint's function, not the (renamed) flow.
        { deployment: 'load/nightly', name: 'nightly', flow: `${load}`, entrypoint: 'flows/f.py:load' },
        { deployment: 'report/weekly', name: 'weekly', flow: `${report}`, entrypoint: 'flows/f.py:report' },
      ],
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'matrix.json'), 'utf8'))).toEqual(JSON.parse(listed.stdout));
  });

  it('colours only when asked: FORCE_COLOR turns it on in a log, --no-color and NO_COLOR keep it off', async () => {
    const { dir } = project(prefectYaml(POOL).replace('flows/f.py:load', 'flows/f.py:nope'));
    const forced = await cli(dir, ['validate', '--all'], { FORCE_COLOR: '1' });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/\x1b\[31mprefect\.yaml:6:/);
    const off = await cli(dir, ['validate', '--all', '--no-color'], { FORCE_COLOR: '1' });
    expect(off.stderr).toContain('prefect.yaml:6:');
    expect(off.stdout + off.stderr).not.toMatch(ANSI);
    const noColor = await cli(dir, ['--no-color', 'validate', '--all'], { NO_COLOR: '1' });
    expect(noColor.stdout + noColor.stderr).not.toMatch(ANSI);
  });

  it('plan shows a changed schedule as a YAML diff with its next runs: coloured with FORCE_COLOR, plain with NO_COLOR', async () => {
    const { dir, load, report } = project();
    const deployed = await cli(dir, ['deploy', '--all']);
    expect(deployed.code, deployed.stderr).toBe(0);
    writeFileSync(path.join(dir, 'prefect.yaml'), prefectYaml(POOL).replace('cron: "0 2 * * *"', 'cron: "30 6 * * 1-5"'));
    const plain = await cli(dir, ['plan', '--all'], { NO_COLOR: '1' });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toMatch(ANSI);
    const lines = plain.stdout.split('\n');
    const at = lines.indexOf(`~ ${load}/nightly (update: schedules)`);
    expect(at, plain.stdout).toBeGreaterThan(0);
    // Only the cron changes: the server's defaults (active, day_or, parameters) are context, not changes.
    expect(lines.filter((l) => /^ {4}[-+]/.test(l))).toEqual(['    -      cron: 0 2 * * *', '    +      cron: 30 6 * * 1-5']);
    const runs = lines.indexOf('    next runs of cron "30 6 * * 1-5" (UTC):');
    expect(runs).toBeGreaterThan(at);
    expect(lines.slice(runs + 1, runs + 4).every((l) => /^ {6}\d{4}-\d\d-\d\dT06:30:00\+00:00$/.test(l))).toBe(true);
    expect(lines).toContain(`= ${report}/weekly (unchanged)`);
    const forced = await cli(dir, ['plan', '--all'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`\x1b[33m~ ${load}/nightly (update: schedules)\x1b[39m`);
    expect(forced.stdout).toContain('\x1b[31m    -      cron: 0 2 * * *\x1b[39m');
    expect(forced.stdout).toContain('\x1b[32m    +      cron: 30 6 * * 1-5\x1b[39m');
    expect(forced.stdout.replace(/\x1b\[\d+m/g, '')).toBe(plain.stdout);
  });

  it('--debug logs every API request with its status and time (and never the key)', async () => {
    const { dir } = project();
    const debug = await cli(dir, ['plan', '--all', '--debug'], { PREFECT_API_KEY: 'pnu_secret_never_printed' });
    expect(debug.code, debug.stderr).toBe(0);
    expect(debug.stderr).toMatch(new RegExp(`^debug: GET /work_pools/${POOL} → 200 in \\d+ ms$`, 'm'));
    expect(debug.stderr).toMatch(/^debug: POST \/flows\/filter → 200 in \d+ ms$/m);
    expect(debug.stdout + debug.stderr).not.toContain('pnu_secret_never_printed');
  });

  it('on a terminal, draws a live status block (redrawn with ANSI) and ends with the finished lines', async () => {
    const { dir, load } = project();
    const command = [process.execPath, await builtCli(), 'deploy', '--all'].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
    // util-linux `script` runs the command on a pseudo-terminal and copies what it shows to stdout.
    const shown = await new Promise<string>((resolve, reject) =>
      execFile(
        'script',
        ['-qec', command, '/dev/null'],
        { cwd: dir, env: { ...baseEnv(home), PREFECT_API_URL: apiUrl, TERM: 'xterm' }, timeout: 60_000 },
        (error, stdout) => (error ? reject(Object.assign(error, { stdout })) : resolve(stdout)),
      ),
    );
    expect(shown).toMatch(/\x1b\[\d+F\x1b\[J/);
    expect(shown).toMatch(/\d\/2 done · /);
    const plain = shown.replace(/\x1b\[[\d;]*[A-Za-z]/g, '').replace(/\r/g, '');
    expect(plain).toMatch(new RegExp(`${load}/nightly: created in \\d+\\.\\ds`));
    expect(plain).toMatch(/2 created, 0 updated, 0 unchanged, 0 failed in \d+\.\ds\n$/);
    // Colour on a terminal: the action word is green.
    expect(shown).toContain('\x1b[32mcreated\x1b[39m');
  });
});

/**
 * The benchmark's monorepo rows (issue 15, item 5): several projects in one run (`--project`) and
 * `--changed-since`, ours against the raw-API floor (bench/floor.mjs) and against itself. Called by
 * bench/run.mjs (`--monorepo-reps`, `--monorepo-only`); see bench/README.md "Monorepo".
 *
 * 1. `plan --all --offline --project 'p/*'` over P projects × D deployments (bench/project.mjs per
 *    project, names prefixed `pNN-` so that the projects do not collide on the server): wall time
 *    and peak RSS, with a new cache directory (a new runner) and with the cache a previous plan left.
 * 2. The same projects against the bench's server: `deploy --all --project 'p/*'` after emptying the
 *    server (first run), then again (re-run: every deployment unchanged, no writes), with the cache
 *    the first run left and without caches, and `plan --all` (the PR plan, which also reads the
 *    whole workspace for what a prune would delete); the floor of the re-run is `floor.mjs --mode
 *    read` over every project's deployments at once (the bulk reads a re-run needs, 200 values a
 *    request).
 * 3. One project of C deployments in a git repository: committed, then one flow file changed (a
 *    parameter's default) and committed again; one untimed `deploy --all` makes the server match.
 *    Then `deploy --all --changed-since HEAD~1` (selects the one changed deployment) against
 *    `deploy -n <that one>` (plans it alone), both finding it unchanged, with the flow cache off
 *    (`DEPLOY_ACTION_CACHE=off`) and warm (the cache the untimed deploy left). The two alternate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateProject } from './project.mjs';

const pad = (i) => String(i).padStart(2, '0');

/** P projects of D deployments under `<dir>/p/pNN`, their names prefixed `pNN-`. */
export function generateMonorepo(dir, projects, perProject) {
  for (let p = 0; p < projects; p++) generateProject(path.join(dir, 'p', `p${pad(p)}`), perProject, { prefix: `p${pad(p)}-` });
}

/** A run's summary line ("[P projects: ]N created, … 0 failed[ in 2.1s]"; with --changed-since the skipped ones follow it). */
function summary(stdout) {
  return (
    stdout
      .trim()
      .split('\n')
      .findLast((l) => / created, \d+ updated, /.test(l)) ?? ''
  ).replace(/ in [\d.]+\s*m?s$/, '');
}

function expectSummary(run, want, what) {
  const line = summary(run.stdout);
  if (!want.test(line)) throw new Error(`${what}: expected ${want}, got "${line}"\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`);
}

/**
 * Runs the three rows. `ours(args, cwd, nodeFlags, extraEnv)` and `floor(bodies, mode, concurrency,
 * cwd)` are the harness's timed runners (bench/run.mjs); `record(...)` adds a row to its results.
 */
export async function monorepoScenario({
  ours,
  floor,
  freshCache,
  resetServer,
  deploymentCount,
  scratch,
  record,
  log,
  reps,
  projects,
  perProject,
  changedN,
  firstReps,
  profileDir,
}) {
  const n = projects * perProject;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-monorepo-'));
  scratch.push(dir);
  generateMonorepo(dir, projects, perProject);
  const sel = ['--all', '--project', 'p/*'];
  const noCache = { DEPLOY_ACTION_CACHE: 'off' };

  // 1. Offline plan.
  log(`monorepo: ${projects} projects × ${perProject} deployments, ${reps} reps…`);
  const offline = { fresh: [], warm: [] };
  for (let r = 0; r < reps; r++) {
    const cache = freshCache();
    for (const side of ['fresh', 'warm']) {
      const plan = await ours(['plan', ...sel, '--offline'], dir, [], cache);
      if (!plan.stdout.includes(`${projects} projects: ${n} to deploy`)) throw new Error(`monorepo plan --offline: unexpected output:\n${plan.stdout.slice(0, 500)}`);
      offline[side].push(plan);
    }
  }
  record(
    `monorepo: plan --offline, ${projects} projects, new cache`,
    n,
    [],
    offline.fresh,
    `--project 'p/*', ${projects} × ${perProject}; a new cache directory each run (a new runner)`,
  );
  record(`monorepo: plan --offline, ${projects} projects, warm cache`, n, [], offline.warm, 'the cache the previous plan left');

  // 2. First run and re-run against the server; the floor of the re-run.
  const bodies = path.join(dir, 'floor-bodies.json');
  writeFileSync(bodies, (await ours(['plan', ...sel, '--offline', '--json'], dir)).stdout);
  const t = { first: [], rerun: [], rerunNoCache: [], plan: [], floor: [] };
  let cache;
  for (let r = 0; r < Math.max(reps, firstReps); r++) {
    if (r < firstReps) {
      await resetServer();
      cache = freshCache();
      const first = await ours(['deploy', ...sel], dir, [], cache);
      expectSummary(first, new RegExp(`^(\\d+ projects: )?${n} created, 0 updated, 0 unchanged, 0 failed$`), 'monorepo first deploy');
      t.first.push(first);
      log(`  first deploy of ${n}: ${(first.ms / 1000).toFixed(1)} s`);
      if ((await deploymentCount()) !== n) throw new Error(`monorepo first deploy: server holds ${await deploymentCount()} deployments`);
    }
    if (r >= reps) continue;
    const rerun = await ours(['deploy', ...sel], dir, [], cache);
    expectSummary(rerun, new RegExp(`^(\\d+ projects: )?0 created, 0 updated, ${n} unchanged, 0 failed$`), 'monorepo re-deploy');
    t.rerun.push(rerun);
    const rerunNoCache = await ours(['deploy', ...sel], dir, [], noCache);
    expectSummary(rerunNoCache, new RegExp(`^(\\d+ projects: )?0 created, 0 updated, ${n} unchanged, 0 failed$`), 'monorepo re-deploy without caches');
    t.rerunNoCache.push(rerunNoCache);
    const plan = await ours(['plan', ...sel], dir, [], cache);
    if (!plan.stdout.startsWith(`${projects} projects: ${n} unchanged`)) throw new Error(`monorepo plan: unexpected output:\n${plan.stdout.slice(0, 500)}`);
    t.plan.push(plan);
    t.floor.push(await floor(bodies, 'read', 1, dir));
  }
  record(`monorepo: deploy --all, first run (creates)`, n, [], t.first, `--project 'p/*'; ${firstReps} run(s)`);
  record(`monorepo: deploy --all, re-run`, n, [], t.rerun, 'all unchanged, with the cache the first run left; floor: the bulk reads of every project at once', {
    1: t.floor,
  });
  record(`monorepo: deploy --all, re-run without caches`, n, [], t.rerunNoCache, 'DEPLOY_ACTION_CACHE=off', { 1: t.floor });
  record(
    `monorepo: plan --all against the server, all unchanged`,
    n,
    [],
    t.plan,
    'the PR plan: compared with the server, and what a prune would delete (the whole workspace read)',
    {
      1: t.floor,
    },
  );

  if (profileDir) {
    await ours(['deploy', ...sel], dir, ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, 'rerun'), '--cpu-prof-interval', '200'], cache);
    await ours(['plan', ...sel, '--offline'], dir, ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, 'offline'), '--cpu-prof-interval', '200'], freshCache());
  }

  // 3. --changed-since in a git repository.
  await resetServer();
  const repo = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-changed-'));
  scratch.push(repo);
  generateProject(repo, changedN, { prefix: 'c-' });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  const changed = Math.min(7, changedN - 1);
  const flowFile = path.join(repo, 'flows', `flow_${changed}.py`);
  writeFileSync(flowFile, readFileSync(flowFile, 'utf8').replace(`batch: int = ${changed},`, `batch: int = ${changed + 1000},`));
  git('commit', '-q', '-am', 'change one flow');
  const one = `c-bench-${changed}`;
  const warmCache = freshCache();
  expectSummary(
    await ours(['deploy', '--all'], repo, [], warmCache),
    new RegExp(`^${changedN} created, 0 updated, 0 unchanged, 0 failed$`),
    'changed-since setup deploy',
  );
  const c = { coldChanged: [], coldOne: [], warmChanged: [], warmOne: [] };
  const unchangedOne = /^0 created, 0 updated, 1 unchanged, 0 failed$/;
  for (let r = 0; r < reps; r++) {
    for (const [temp, extraEnv] of [
      ['cold', noCache],
      ['warm', warmCache],
    ]) {
      // alternate which goes first
      const order = r % 2 ? ['One', 'Changed'] : ['Changed', 'One'];
      for (const which of order) {
        const args = which === 'Changed' ? ['deploy', '--all', '--changed-since', 'HEAD~1'] : ['deploy', '-n', one];
        const run = await ours(args, repo, [], extraEnv);
        expectSummary(run, unchangedOne, `${args.join(' ')} (${temp})`);
        if (which === 'Changed' && !run.stdout.includes(`${changedN - 1} deployment(s) skipped: unchanged since HEAD~1`))
          throw new Error(`changed-since: expected ${changedN - 1} skipped:\n${run.stdout.slice(-1500)}`);
        c[`${temp}${which}`].push(run);
      }
    }
  }
  const ratioNote = (a, b) => `ratio changed-since / -n: ${(median(a.map((x) => x.ms)) / median(b.map((x) => x.ms))).toFixed(2)}×`;
  record(
    `changed-since: deploy --all --changed-since HEAD~1, cache off`,
    changedN,
    [],
    c.coldChanged,
    `one flow file changed of ${changedN}; ${ratioNote(c.coldChanged, c.coldOne)}`,
    undefined,
    { vs: c.coldOne, vsLabel: `deploy -n ${one}` },
  );
  record(`changed-since: deploy -n <that one>, cache off`, changedN, [], c.coldOne, 'DEPLOY_ACTION_CACHE=off');
  record(`changed-since: deploy --all --changed-since HEAD~1, warm cache`, changedN, [], c.warmChanged, `${ratioNote(c.warmChanged, c.warmOne)}`, undefined, {
    vs: c.warmOne,
    vsLabel: `deploy -n ${one}`,
  });
  record(`changed-since: deploy -n <that one>, warm cache`, changedN, [], c.warmOne, 'the cache of a deploy --all after the change');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

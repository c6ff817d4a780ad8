/**
 * The benchmark's fault row: time to converge through a seeded fault proxy, ours against the
 * reference. Called by bench/run.mjs (`--fault-reps`, `--fault-size`, `--fault-rate`); see
 * bench/README.md "Converging through faults".
 *
 * Per repetition and side: the server is emptied (flows, deployments, automations, the deploy
 * lock's concurrency limits and variables, straight to the server), a new proxy seeded with the
 * repetition's seed is put in front of it (`__tests__/support/fault-proxy.ts`, the one the server
 * tests use), and `deploy --all` is run through it, again and again, until it exits 0 or the caps
 * (runs, time) are reached. The time to converge is the sum of the runs' wall times (spawn to exit;
 * nothing else happens in between). Then the server is read directly and compared with what the
 * project declares: every deployment once, its one schedule, its automations (one per trigger),
 * and duplicates counted (automations beyond those expected, per deployment).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFaultProxy } from '../__tests__/support/fault-proxy.ts';
import { expectedAutomations, generateProject } from './project.mjs';

/** Runs a command to completion: its exit code, wall time and output (a timeout kills it, code null). */
function run(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: Math.max(1000, Math.round(timeoutMs)), killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, ms: performance.now() - start, stdout, stderr }));
  });
}

async function all(api, route, body = {}) {
  const out = [];
  for (let offset = 0; ; offset += 200) {
    const page = await api('POST', route, { ...body, offset, limit: 200 });
    out.push(...page);
    if (page.length < 200) return out;
  }
}

/** Empties the server of everything a deploy leaves: flows (with their deployments), automations, lock slots and heartbeats. */
async function emptyServer(api) {
  for (const route of ['/automations', '/deployments', '/flows']) {
    for (const item of await all(api, `${route}/filter`)) await api('DELETE', `${route}/${item.id}`);
  }
  for (const limit of await all(api, '/v2/concurrency_limits/filter')) {
    if (limit.name.startsWith('prefect-deploy ')) await api('DELETE', `/v2/concurrency_limits/${limit.id}`);
  }
  for (const variable of await all(api, '/variables/filter')) {
    if (variable.name.startsWith('prefect-deploy-lock-')) await api('DELETE', `/variables/name/${variable.name}`);
  }
}

/** What the server holds against what the project of n deployments declares. */
async function audit(api, n) {
  const deployments = await all(api, '/deployments/filter');
  const automations = await all(api, '/automations/filter');
  let duplicateAutomations = 0;
  let missingAutomations = 0;
  let badSchedules = 0;
  const byName = new Map();
  for (const d of deployments) byName.set(d.name, (byName.get(d.name) ?? 0) + 1);
  for (let i = 0; i < n; i++) {
    const d = deployments.find((x) => x.name === `bench-${i}`);
    if (!d) continue;
    if (d.schedules.length !== 1 || d.schedules[0].slug !== `daily-${i}`) badSchedules++;
    const owned = automations.filter((a) => a.actions.some((x) => x.deployment_id === d.id)).length;
    duplicateAutomations += Math.max(0, owned - expectedAutomations(i));
    missingAutomations += Math.max(0, expectedAutomations(i) - owned);
  }
  let expectedTotal = 0;
  for (let i = 0; i < n; i++) expectedTotal += expectedAutomations(i);
  const duplicateDeployments = [...byName.values()].reduce((s, c) => s + c - 1, 0);
  const missingDeployments = n - byName.size;
  const exact =
    duplicateDeployments === 0 &&
    missingDeployments === 0 &&
    duplicateAutomations === 0 &&
    missingAutomations === 0 &&
    badSchedules === 0 &&
    automations.length === expectedTotal;
  return {
    deployments: deployments.length,
    automations: automations.length,
    expectedAutomations: expectedTotal,
    duplicateAutomations,
    missingAutomations,
    duplicateDeployments,
    missingDeployments,
    badSchedules,
    exact,
  };
}

/**
 * Runs the fault scenario: `reps` repetitions, seeds `seed + r`, each side re-run until exit 0, at
 * most `maxRuns` runs and `capMs` per repetition. Returns one sample per side and repetition.
 */
/** The fault mixes: every kind the proxy has, or all but the 500 (the reference does not retry a 500: a run that meets one stops). */
export const FAULT_MIXES = {
  all: undefined,
  no500: { latency: 1, 429: 1, 502: 1, 503: 1, 'reset-before': 1, 'reset-after': 1, '502-after': 1 },
};

export async function faultScenario({ api, apiUrl, scratch, n, reps, rate, kinds, seed, maxRuns, capMs, sides, log }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `deploy-bench-faults-${n}-`));
  scratch.push(dir);
  generateProject(dir, n, { triggers: true });
  const samples = { reference: [], ours: [] };
  for (let r = 0; r < reps; r++) {
    // Alternate which side goes first, so that drift hits both alike.
    const order = r % 2 === 0 ? ['reference', 'ours'] : ['ours', 'reference'];
    for (const side of order) {
      await emptyServer(api);
      const proxy = await startFaultProxy(apiUrl, { seed: seed + r, rate, ...(kinds ? { kinds } : {}) });
      const { command, args, env } = sides[side](proxy.apiUrl);
      const runs = [];
      let total = 0;
      try {
        while (runs.length < maxRuns && total < capMs) {
          const res = await run(command, args, { cwd: dir, env, timeoutMs: capMs - total });
          total += res.ms;
          const tail = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
          // ours says how long it waited for the deploy lock (a lease granted but its answer lost is held until it is freed)
          const lockWait = /holding the deploy lock ".*" after waiting (\d+\.\d)s/.exec(res.stdout)?.[1];
          runs.push({ code: res.code, ms: Math.round(res.ms), tail, ...(lockWait ? { lockWaitSeconds: Number(lockWait) } : {}) });
          if (res.code === 0) break;
        }
      } finally {
        await proxy.close();
      }
      const converged = runs.at(-1)?.code === 0;
      const state = await audit(api, n);
      const faults = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
      const errorFaults = faults - (proxy.stats.faults.latency ?? 0);
      const sample = {
        rep: r,
        seed: seed + r,
        converged,
        ms: total,
        runs: runs.length,
        exitCodes: runs.map((x) => x.code),
        lockWaitSeconds: runs.map((x) => x.lockWaitSeconds ?? 0),
        requests: proxy.stats.requests,
        faults,
        faultShare: proxy.stats.requests ? faults / proxy.stats.requests : 0,
        errorFaultShare: proxy.stats.requests ? errorFaults / proxy.stats.requests : 0,
        faultsByKind: proxy.stats.faults,
        state,
        failedRunTails: runs.filter((x) => x.code !== 0).map((x) => x.tail),
      };
      samples[side].push(sample);
      log(
        `  faults${kinds ? ` (${Object.keys(kinds).join(' ')})` : ''} rep ${r + 1}/${reps} ${side}: ${converged ? 'converged' : 'did NOT converge'} in ${(total / 1000).toFixed(1)} s, ` +
          `${runs.length} run(s) (exits ${sample.exitCodes.join(',')}), ${proxy.stats.requests} requests, ` +
          `${(sample.faultShare * 100).toFixed(0)} % faulted (${(sample.errorFaultShare * 100).toFixed(0)} % errors/resets), ` +
          `${state.deployments} deployments, ${state.automations}/${state.expectedAutomations} automations, ` +
          `${state.duplicateAutomations} duplicate, ${state.missingAutomations} missing${state.exact ? ', exact' : ', NOT exact'}`,
      );
    }
  }
  return samples;
}

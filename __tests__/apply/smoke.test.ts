/** Smoke runs without a server: `NAME=JSON`, matching names to deployments, and following a run with a fake client and clock. */
import { describe, expect, it } from 'vitest';
import { followFlowRun, matchSmokeTargets, parseSmokeTarget, runSmoke, SmokeSpecError, type SmokeClient, type SmokeClock } from '../../src/core/apply/smoke.js';

describe('parseSmokeTarget', () => {
  it.each([
    ['etl/nightly', { name: 'etl/nightly', parameters: {} }],
    ['  nightly  ', { name: 'nightly', parameters: {} }],
    ['nightly={"day": "2026-01-01", "n": 2}', { name: 'nightly', parameters: { day: '2026-01-01', n: 2 } }],
    // Only the first "=" splits: the JSON may hold more.
    ['etl/nightly = {"expr": "a=b"}', { name: 'etl/nightly', parameters: { expr: 'a=b' } }],
    ['nightly={}', { name: 'nightly', parameters: {} }],
  ])('%s', (text, target) => {
    expect(parseSmokeTarget(text)).toEqual(target);
  });

  it.each([
    ['={"x": 1}', 'names no deployment'],
    ['', 'names no deployment'],
    ['nightly={x: 1}', 'smoke "nightly": the parameters after "=" must be a JSON object'],
    ['nightly=', 'must be a JSON object'],
    ['nightly=[1, 2]', 'got [1, 2]'],
    ['nightly=null', 'got null'],
  ])('refuses %j', (text, message) => {
    expect(() => parseSmokeTarget(text)).toThrow(SmokeSpecError);
    expect(() => parseSmokeTarget(text)).toThrow(message);
  });
});

describe('matchSmokeTargets', () => {
  const deployments = [
    { name: 'nightly', flowName: 'etl-flow', entrypoint: 'flows/etl.py:etl_flow' },
    { name: 'hourly', flowName: 'etl-flow', entrypoint: 'flows/etl.py:etl_flow' },
    { name: 'nightly', flowName: 'report', entrypoint: 'flows/report.py:build_report' },
  ];
  const target = (name: string) => ({ name, parameters: {} });

  it('finds a unique name, flow/name by the flow name, and flow/name by the entrypoint function (- for _)', () => {
    const { matched, errors } = matchSmokeTargets(deployments, [target('hourly'), target('report/nightly'), target('etl-flow/nightly'), target('build-report/nightly')]);
    expect(errors).toEqual([]);
    expect(matched.map((m) => `${m.deployment.flowName}/${m.deployment.name}`)).toEqual(['etl-flow/hourly', 'report/nightly', 'etl-flow/nightly', 'report/nightly']);
  });

  it('refuses a name that is not deployed, listing what is, and an ambiguous bare name', () => {
    const { matched, errors } = matchSmokeTargets(deployments, [target('weekly'), target('nightly'), target('report/hourly')]);
    expect(matched).toEqual([]);
    expect(errors).toEqual([
      'smoke "weekly" is not among the deployments this deploy registers (etl-flow/nightly, etl-flow/hourly, report/nightly); fix the name or select it',
      'smoke "nightly" matches etl-flow/nightly and report/nightly; write flow/name',
      'smoke "report/hourly" is not among the deployments this deploy registers (etl-flow/nightly, etl-flow/hourly, report/nightly); fix the name or select it',
    ]);
  });
});

/** A clock whose sleeps pass at once, recording how long each would have been. */
function fakeClock(): SmokeClock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

type State = { type: string; name: string; message?: string };
const st = (type: string, message?: string): State => ({ type, name: type.charAt(0) + type.slice(1).toLowerCase(), ...(message ? { message } : {}) });

/** A client whose runs go through `states` (the last one repeats), one per read. */
function fakeClient(statesByRun: Record<string, State[]>, logs: Record<string, Array<{ message: string; level: number; timestamp?: string }>> = {}) {
  const calls: string[] = [];
  const reads = new Map<string, number>();
  const client: SmokeClient & { calls: string[] } = {
    calls,
    createFlowRunFromDeployment: async (deploymentId, body) => {
      calls.push(`create ${deploymentId} ${JSON.stringify(body.parameters)}`);
      if (!statesByRun[deploymentId]) throw new Error(`deployment ${deploymentId} not found (secret-token-123)`);
      return { id: `run-${deploymentId}`, name: `brave-${deploymentId}`, state: st('SCHEDULED') };
    },
    readFlowRun: async (id) => {
      calls.push(`read ${id}`);
      const n = reads.get(id) ?? 0;
      reads.set(id, n + 1);
      const states = statesByRun[id.slice(4)]!;
      return { id, name: `brave-${id.slice(4)}`, state: states[Math.min(n, states.length - 1)]! };
    },
    readFlowRunLogs: async (id, limit) => {
      calls.push(`logs ${id} ${limit}`);
      return logs[id] ?? [];
    },
    cancelFlowRun: async (id) => {
      calls.push(`cancel ${id}`);
    },
  };
  return client;
}

describe('followFlowRun', () => {
  it('reads until a final state, pausing longer each time up to the maximum', async () => {
    const clock = fakeClock();
    const client = fakeClient({ a: [st('SCHEDULED'), st('PENDING'), st('RUNNING'), st('RUNNING'), st('RUNNING'), st('RUNNING'), st('COMPLETED')] });
    const seen: string[] = [];
    const { run, timedOut } = await followFlowRun(client, 'run-a', 60_000, { clock, pollMs: { first: 500, max: 1500 }, onState: (s) => seen.push(s) });
    expect(timedOut).toBe(false);
    expect(run.state?.type).toBe('COMPLETED');
    expect(clock.sleeps).toEqual([500, 750, 1125, 1500, 1500, 1500]);
    // Each state once, as it changes.
    expect(seen).toEqual(['Scheduled', 'Pending', 'Running', 'Completed']);
  });

  it.each(['FAILED', 'CRASHED', 'CANCELLED'])('stops at %s', async (type) => {
    const clock = fakeClock();
    const { run, timedOut } = await followFlowRun(fakeClient({ a: [st('RUNNING'), st(type)] }), 'run-a', 60_000, { clock });
    expect([run.state?.type, timedOut]).toEqual([type, false]);
  });

  it('gives up at the deadline, the last pause cut to what is left, with the last state read', async () => {
    const clock = fakeClock();
    const { run, timedOut } = await followFlowRun(fakeClient({ a: [st('RUNNING')] }), 'run-a', 2000, { clock });
    expect(timedOut).toBe(true);
    expect(run.state?.type).toBe('RUNNING');
    expect(clock.sleeps).toEqual([500, 750, 750]);
  });
});

describe('runSmoke', () => {
  it('runs every deployment at once and says how each ended in one line, with its last log lines', async () => {
    const clock = fakeClock();
    const client = fakeClient(
      { ok: [st('PENDING'), st('RUNNING'), st('COMPLETED')], bad: [st('RUNNING'), st('FAILED', 'Flow run encountered an exception:\n  ValueError: boom')] },
      {
        'run-bad': [
          { message: 'starting', level: 20, timestamp: '2026-12-06T08:00:01.123Z' },
          { message: 'Traceback:\n  line 1\nValueError: boom', level: 40, timestamp: '2026-12-06T08:00:02.000Z' },
        ],
      },
    );
    const events: string[] = [];
    const outcomes = await runSmoke(
      client,
      [
        { deployment: 'etl/ok', deploymentId: 'ok', parameters: { day: 1 } },
        { deployment: 'etl/bad', deploymentId: 'bad', parameters: {} },
      ],
      { timeoutMs: 60_000, clock, logLines: 3, onEvent: (e) => events.push(e.phase === 'done' ? `done ${e.outcome.deployment}` : `${e.phase} ${e.deployment}`) },
    );
    // Both runs were created before either was read: they go in parallel.
    expect(client.calls.slice(0, 2)).toEqual(['create ok {"day":1}', 'create bad {}']);
    expect(outcomes.map((o) => o.status)).toEqual(['completed', 'failed']);
    expect(outcomes[0]!.line).toMatch(/^smoke: etl\/ok run brave-ok: Completed after \d+\.\ds$/);
    expect(outcomes[1]!.line).toMatch(/^smoke: etl\/bad run brave-bad: Failed after \d+\.\ds: Flow run encountered an exception: ValueError: boom$/);
    expect(outcomes[1]!.logs).toEqual(['08:00:02 ERROR Traceback:', '08:00:02 ERROR   line 1', '08:00:02 ERROR ValueError: boom']);
    expect(events).toContain('started etl/ok');
    expect(events).toContain('state etl/bad');
    expect(events.filter((e) => e.startsWith('done'))).toHaveLength(2);
  });

  it('cancels a run still going at the timeout and fails it with the state it was in', async () => {
    const clock = fakeClock();
    const client = fakeClient({ slow: [st('RUNNING')] });
    const [o] = await runSmoke(client, [{ deployment: 'etl/slow', deploymentId: 'slow', parameters: {} }], { timeoutMs: 5000, clock });
    expect(o!.status).toBe('timed-out');
    expect(o!.line).toBe('smoke: etl/slow run brave-slow: not Completed within 5s (still Running; cancelled it)');
    expect(client.calls).toContain('cancel run-slow');
  });

  it('reports a run that could not be started, redacted, without throwing', async () => {
    const [o] = await runSmoke(fakeClient({}), [{ deployment: 'etl/gone', deploymentId: 'gone', parameters: {} }], {
      timeoutMs: 5000,
      clock: fakeClock(),
      redact: (t) => t.replaceAll('secret-token-123', '***'),
    });
    expect(o!.status).toBe('error');
    expect(o!.line).toBe('smoke: etl/gone: starting a run failed: deployment gone not found (***)');
  });

  it('redacts state messages and log lines', async () => {
    const client = fakeClient({ s: [st('CRASHED', 'token hunter2 leaked')] }, { 'run-s': [{ message: 'using hunter2', level: 20 }] });
    const [o] = await runSmoke(client, [{ deployment: 'f/s', deploymentId: 's', parameters: {} }], {
      timeoutMs: 5000,
      clock: fakeClock(),
      redact: (t) => t.replaceAll('hunter2', '***'),
    });
    expect(o!.line).toMatch(/Crashed after 0\.0s: token \*\*\* leaked$/);
    expect(o!.logs).toEqual(['INFO using ***']);
  });
});

describe('the CLI flags', () => {
  async function cli(args: string[]) {
    const { main } = await import('../../src/cli/main.js');
    let stderr = '';
    const code = await main(['deploy', '--all', ...args], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      cwd: '/',
      env: { NO_COLOR: '1' },
      now: () => new Date(),
    });
    return { code, stderr };
  }

  it.each([
    [['--smoke', 'etl={x'], 'smoke "etl": the parameters after "=" must be a JSON object'],
    [['--smoke', '={}'], 'names no deployment'],
    [['--smoke', 'etl', '--smoke-timeout', '0'], '"0" is not a positive number of seconds'],
    [['--smoke', 'etl', '--project', 'flows/*'], '--smoke does not work with --project yet'],
  ])('%j is a usage error', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

/**
 * Hostile input: a pull request controls prefect.yaml and the files it names, and must not be able
 * to hold the job (hang), exhaust memory, or get more than one clean line per problem out of us.
 * A seeded fuzz runs hundreds of generated files through the CLI's `main` in one process (a
 * process per case would take minutes); a few cases run as the built CLI in its own process.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, builtCli } from './spawn-cli.js';
import { seededRandom } from '../support/random.js';

const root = path.resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;
const CASE_TIMEOUT_MS = 15_000;
const FUZZ_CASES = 320;
const SEED = 20261206;

let project: string;
let driver: string;

beforeAll(async () => {
  project = realpathSync(mkdtempSync(path.join(tmpdir(), 'hostile-')));
  mkdirSync(path.join(project, 'flows'));
  writeFileSync(path.join(project, 'flows', 'hello.py'), 'from prefect import flow\n\n\n@flow\ndef hello(x: int = 1):\n    pass\n');
  for (const fifo of ['pipe.yaml', path.join('flows', 'pipe.py')]) {
    await new Promise<void>((resolve, reject) => execFile('mkfifo', [path.join(project, fifo)], (e) => (e ? reject(e) : resolve())));
  }
  // The driver runs `main` from the sources, bundled as the CLI is (no caches kept between runs).
  const out = mkdtempSync(path.join(root, '.tmp', 'hostile-driver-'));
  driver = path.join(out, 'cli-driver.mjs');
  await build({
    entryPoints: [path.join(root, '__tests__/support/cli-driver.ts')],
    outfile: driver,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    logLevel: 'warning',
    alias: { luxon: path.join(root, 'node_modules/luxon/build/node/luxon.js') },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
  if (driver) rmSync(path.dirname(driver), { recursive: true, force: true });
});

interface Outcome {
  id: number;
  code: number | 'hang';
  stdout: string;
  stderr: string;
  ms: number;
  rss: number;
}

/** Runs cases through the driver; a case without a result within the timeout is a hang, its process killed and the rest run in a new one. */
async function runInProcess(cases: { id: number; args: string[] }[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let pending = [...cases];
  while (pending.length > 0) {
    const child = spawn(process.execPath, ['--max-old-space-size=1024', driver], { cwd: project, stdio: ['pipe', 'pipe', 'inherit'] });
    let current: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<void>((resolve) => {
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, CASE_TIMEOUT_MS);
      };
      createInterface({ input: child.stdout }).on('line', (line) => {
        const message = JSON.parse(line) as { start?: number } & Outcome;
        if (message.start !== undefined) {
          current = message.start;
          arm();
        } else {
          outcomes.push(message);
          current = undefined;
        }
      });
      arm();
    });
    const ended = new Promise<void>((resolve) => child.on('close', () => resolve()));
    for (const c of pending) child.stdin.write(`${JSON.stringify({ ...c, cwd: project })}\n`);
    child.stdin.end();
    await Promise.race([ended, hung]);
    clearTimeout(timer);
    await ended;
    const done = new Set(outcomes.map((o) => o.id));
    if (current !== undefined && !done.has(current)) {
      outcomes.push({ id: current, code: 'hang', stdout: '', stderr: '', ms: CASE_TIMEOUT_MS, rss: 0 });
      done.add(current);
    }
    const before = pending.length;
    pending = pending.filter((c) => !done.has(c.id));
    if (pending.length === before) throw new Error('the driver stopped without running a case');
  }
  return outcomes;
}

const HEADER = 'deployments:\n';
const deployment = (extra: string, name = 'd'): string => `  - name: ${name}\n    entrypoint: flows/hello.py:hello\n    work_pool: {name: pool}\n${extra}`;

/** Generators of hostile prefect.yaml text, each given a random source. */
const GENERATORS: Record<string, (r: () => number) => string> = {
  'deep flow sequences': (r) => `${HEADER}${deployment(`    tags: ${'['.repeat(100 + Math.floor(r() * 5000))}\n`)}`,
  'deep block mappings': (r) => {
    const depth = 50 + Math.floor(r() * 4000);
    return HEADER + deployment(`    parameters:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(6 + i * 2)}k${i}:`).join('\n')} 1\n`);
  },
  'alias bomb': (r) => {
    const levels = 6 + Math.floor(r() * 6);
    const lines = ['x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++)
      lines.push(
        `x${i}: &x${i} [${Array(9)
          .fill(`*x${i - 1}`)
          .join(', ')}]`,
      );
    return `${lines.join('\n')}\n${HEADER}${deployment(`    parameters: {x: *x${levels - 1}}\n`)}`;
  },
  'bad anchors and aliases': (r) =>
    [
      `${HEADER}${deployment('    tags: *missing\n')}`,
      `a: &a [*a]\n${HEADER}${deployment('')}`,
      `${HEADER}  - &d\n    <<: *d\n    name: x\n`,
      `${HEADER}${deployment('    tags: &t [a]\n    version: *t\n')}`,
      `${HEADER}  - <<: [*u, *v]\n`,
    ][Math.floor(r() * 5)]!,
  'huge string': (r) => `${HEADER}${deployment(`    description: "${'x'.repeat(Math.floor(r() * MiB))}"\n`)}`,
  'huge plain scalar key count': (r) =>
    `${HEADER}${deployment(`    parameters:\n${Array.from({ length: 1000 + Math.floor(r() * 10_000) }, (_, i) => `      p${i}: ${i}`).join('\n')}\n`)}`,
  'many deployments': (r) => HEADER + Array.from({ length: 20 + Math.floor(r() * 200) }, (_, i) => deployment('', `d${i}`)).join(''),
  'hostile schedules': (r) => {
    const schedules = [
      '{interval: 60, anchor_date: "0001-01-01T00:00:00"}',
      '{interval: 0.000001, anchor_date: "0001-01-01T00:00:00"}',
      '{interval: 86400, anchor_date: "0001-01-01T00:00:00", timezone: America/New_York}',
      '{interval: 1e308}',
      '{interval: -1}',
      '{interval: 99999999999999999999999999}',
      '{rrule: "FREQ=SECONDLY;COUNT=999999999"}',
      '{rrule: "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"}',
      '{rrule: "FREQ=HOURLY;INTERVAL=24;BYHOUR=1"}',
      '{rrule: "FREQ=MINUTELY;BYSETPOS=1;COUNT=99999999"}',
      `{rrule: "${'FREQ=DAILY;'.repeat(800)}"}`,
      '{cron: "* * * * * * 2099"}',
      '{cron: "0 0 30 2 *"}',
      '{cron: "0 0 31 2 * 0 1970-2099"}',
      `{cron: "${'1,'.repeat(5000)}1 * * * *"}`,
      '{interval: 60, anchor_date: "9999-12-31T23:59:59"}',
      '{interval: 60, timezone: "../../../../etc/passwd"}',
    ];
    const picked = Array.from({ length: 1 + Math.floor(r() * 4) }, () => schedules[Math.floor(r() * schedules.length)]);
    return HEADER + deployment(`    schedules: [${picked.join(', ')}]\n`);
  },
  'special and strange entrypoints': (r) =>
    HEADER +
    deployment('', 'e').replace(
      'flows/hello.py:hello',
      [
        'flows/pipe.py:f',
        '/dev/zero:f',
        '/dev/stdin:f',
        '/proc/self/mem:f',
        '../../../../etc/passwd:f',
        'flows:f',
        `${'a/'.repeat(2000)}x.py:f`,
        'flows/hello.py:' + 'x'.repeat(100_000),
      ][Math.floor(r() * 8)]!,
    ),
  'wrong types everywhere': (r) =>
    [
      `deployments: 5\n`,
      `deployments: "x"\n`,
      `deployments: [1, 2, [3]]\n`,
      `${HEADER}  - name: [a]\n`,
      `${HEADER}  - name: {a: 1}\n    entrypoint: 5\n`,
      `build: 1\npush: [x]\n${HEADER}${deployment('')}`,
      `- 1\n- 2\n`,
      `"just a string"\n`,
      `${HEADER}${deployment('    schedules: 1\n    parameters: []\n    tags: {a: 1}\n    version: [1]\n')}`,
    ][Math.floor(r() * 9)]!,
  'bytes that are not YAML': (r) => {
    const length = 1 + Math.floor(r() * 4000);
    return String.fromCharCode(...Array.from({ length }, () => Math.floor(r() * 256)));
  },
  'placeholders and templates': (r) =>
    HEADER +
    deployment(
      `    description: "${['{{ {{ $X }} }}', '{{ prefect.blocks. }}', '{{'.repeat(10_000), '{{ $' + 'A'.repeat(100_000) + ' }}', '{{ ctx.x }}'][Math.floor(r() * 5)]}"\n    version: "{{ $HOME }}"\n`,
    ),
  'tabs, BOM, NUL and CR': (r) =>
    [
      '\uFEFF' + HEADER + deployment(''),
      HEADER.replace('\n', '\r') + deployment('').replaceAll('\n', '\r'),
      HEADER + '\t- name: x\n',
      HEADER + deployment('    description: "a\u0000b"\n'),
      HEADER + deployment('').replaceAll('  ', '\t'),
    ][Math.floor(r() * 5)]!,
  'numbers at the edges': (r) =>
    HEADER +
    deployment(
      `    concurrency_limit: ${['1e400', '-0', '99999999999999999999999', '.nan', '0x7fffffffffffffffff', '-1'][Math.floor(r() * 6)]}\n    version: ${['.inf', '1e400', '0o777777777777777777777'][Math.floor(r() * 3)]}\n`,
    ),
};

describe('hostile prefect.yaml files are refused quickly, in one line per problem', () => {
  it(`${FUZZ_CASES} seeded cases through validate and plan --offline`, async () => {
    const r = seededRandom(SEED);
    const names = Object.keys(GENERATORS);
    const cases: { id: number; args: string[]; kind: string }[] = [];
    for (let id = 0; id < FUZZ_CASES; id++) {
      const kind = names[id % names.length]!;
      const file = `case-${id}.yaml`;
      writeFileSync(path.join(project, file), GENERATORS[kind]!(r), 'latin1');
      cases.push({ id, kind, args: [id % 2 === 0 ? 'validate' : 'plan', '--all', '--offline', '--prefect-file', file] });
    }
    const started = performance.now();
    const outcomes = await runInProcess(cases);
    const seconds = (performance.now() - started) / 1000;

    const counts: Record<string, number> = {};
    const problems: string[] = [];
    const byKind: Record<string, number> = {};
    let slowest = 0;
    let peakRss = 0;
    for (const o of outcomes) {
      const c = cases[o.id]!;
      const file = c.args.at(-1)!;
      counts[`exit ${o.code}`] = (counts[`exit ${o.code}`] ?? 0) + 1;
      slowest = Math.max(slowest, o.ms);
      byKind[c.kind] = Math.round((byKind[c.kind] ?? 0) + o.ms);
      peakRss = Math.max(peakRss, o.rss);
      const say = (what: string): void => void problems.push(`${file} (${c.kind}, ${c.args[0]}): ${what}\n${o.stderr.slice(0, 600)}`);
      if (o.code === 'hang') say('no result within the per-case timeout');
      else if (![0, 1, 2].includes(o.code)) say(`exit ${o.code}`);
      if (/^\s+at /mu.test(o.stderr + o.stdout)) say('a stack trace');
      const stray = o.stderr.split('\n').filter((l) => l && !l.startsWith(file) && !/^(flows\/|\d+ problems? found|error: |\(run prefect-deploy)/u.test(l));
      if (stray.length > 0) say(`a line that is not a problem: ${stray[0]!.slice(0, 200)}`);
      if (o.code === 1) {
        const lines = o.stderr.split('\n').filter(Boolean);
        const summary = /^(\d+) problems? found/u.exec(lines.at(-1) ?? '');
        if (!summary) say('no "N problems found" summary as the last line');
        const errors = lines.filter((l) => l.startsWith(file) || l.startsWith('flows/') || /^[^\s:]+:\d+(:\d+)?: /u.test(l));
        if (summary && errors.length < Number(summary[1])) say(`${summary[1]} problems but ${errors.length} lines naming a file`);
        for (const l of lines.filter((x) => x.startsWith(file))) {
          if (!new RegExp(`^${file.replace('.', '\\.')}(:\\d+:\\d+)?: \\S`, 'u').test(l)) say(`not file:line:col: message: ${l.slice(0, 200)}`);
        }
      }
    }
    console.log(
      `hostile fuzz: ${outcomes.length} cases in ${seconds.toFixed(1)} s; ${JSON.stringify(counts)}; slowest case ${Math.round(slowest)} ms; peak RSS ${Math.round(peakRss / MiB)} MiB; ms by kind ${JSON.stringify(byKind)}`,
    );
    expect(problems).toEqual([]);
    expect(outcomes).toHaveLength(FUZZ_CASES);
    expect(peakRss).toBeLessThan(600 * MiB);
  }, 180_000);
});

describe('nesting', () => {
  it('is refused past 200 levels, at the first value too deep, before anything recurses over it', async () => {
    const depth = 500;
    writeFileSync(path.join(project, 'deep.yaml'), `${HEADER}${deployment(`    parameters: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`)}`);
    const [validate, plan] = await runInProcess(
      [0, 1].map((id) => ({ id, args: [id === 0 ? 'validate' : 'plan', '--all', '--offline', '--prefect-file', 'deep.yaml'] })),
    );
    for (const run of [validate!, plan!]) {
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 1,
        // Column 805: `    parameters: ` then 197 of `{a: `, the first mapping 200 levels down.
        stderr: 'deep.yaml:5:805: nested more than 200 levels deep (flatten it: no real prefect.yaml nests this deep)\n1 problem found; nothing would be registered.\n',
      });
    }
  }, 60_000);

  it('too deep for the YAML reader is one line too', async () => {
    const depth = 10_000;
    writeFileSync(path.join(project, 'deeper.yaml'), `${HEADER}${deployment(`    parameters: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`)}`);
    const [run] = await runInProcess([{ id: 0, args: ['plan', '--all', '--offline', '--prefect-file', 'deeper.yaml'] }]);
    expect(run!.code).toBe(1);
    expect(run!.stderr).toMatch(/^deeper\.yaml:5:\d+: [^\n]+\n1 problem found; nothing would be registered\.\n$/u);
  }, 60_000);
});

/** The built CLI in its own process, its peak memory as the kernel counts it (GNU time's %M, KiB). */
async function spawnMeasured(args: string[]): Promise<{ code: number; stderr: string; maxRssMiB: number; ms: number }> {
  const cli = await builtCli();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, cli, ...args], { cwd: project, env: baseEnv(project), timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      const rss = /MAXRSS (\d+)/u.exec(stderr);
      const ours = stderr.replace(/^MAXRSS \d+\n?/mu, '').replace(/^Command exited with non-zero status \d+\n/mu, '');
      resolve({ code: error ? (error.code as number) : 0, stderr: ours, maxRssMiB: Number(rss?.[1] ?? NaN) / 1024, ms: performance.now() - started });
    });
  });
}

describe('the built CLI under hostile input', () => {
  it('refuses a 20 MB prefect.yaml at once, in bounded memory', async () => {
    writeFileSync(path.join(project, 'huge.yaml'), `${HEADER}${deployment(`    description: "${'x'.repeat(20 * MiB)}"\n`)}`);
    const run = await spawnMeasured(['validate', '--all', '--offline', '--prefect-file', 'huge.yaml']);
    console.log(`20 MB prefect.yaml: exit ${run.code} in ${Math.round(run.ms)} ms, peak RSS ${Math.round(run.maxRssMiB)} MiB`);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('huge.yaml: is 20.0 MiB, over the 4 MiB limit (no real project needs one this large)\n1 problem found; nothing would be registered.\n');
    expect(run.maxRssMiB).toBeLessThan(300);
  }, 120_000);

  it('refuses a prefect.yaml of more values than the limit before parsing it', async () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `      p${i}: ${i}`).join('\n');
    writeFileSync(path.join(project, 'keys.yaml'), `${HEADER}${deployment(`    parameters:\n${keys}\n`)}`);
    const run = await spawnMeasured(['validate', '--all', '--offline', '--prefect-file', 'keys.yaml']);
    console.log(`60,000 keys: exit ${run.code} in ${Math.round(run.ms)} ms, peak RSS ${Math.round(run.maxRssMiB)} MiB`);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'keys.yaml: has 60005 lines and flow-style items, over the limit of 50000 (split it: no real prefect.yaml is this large)\n1 problem found; nothing would be registered.\n',
    );
    expect(run.maxRssMiB).toBeLessThan(300);
  }, 120_000);

  it('reads a prefect.yaml just under the limit in bounded memory', async () => {
    writeFileSync(path.join(project, 'large.yaml'), `${HEADER}${deployment(`    description: "${'x'.repeat(4 * MiB - 200)}"\n`)}`);
    const run = await spawnMeasured(['validate', '--all', '--offline', '--prefect-file', 'large.yaml']);
    console.log(`4 MiB prefect.yaml: exit ${run.code} in ${Math.round(run.ms)} ms, peak RSS ${Math.round(run.maxRssMiB)} MiB`);
    expect(run.stderr).not.toMatch(/^\s+at /mu);
    expect(run.maxRssMiB).toBeLessThan(300);
  }, 120_000);

  it.each([
    [
      'a FIFO as --prefect-file',
      ['validate', '--all', '--offline', '--prefect-file', 'pipe.yaml'],
      1,
      'pipe.yaml: is a named pipe (FIFO), which could block forever (point it at a regular file)\n1 problem found; nothing would be registered.\n',
    ],
    [
      'a device as --prefect-file',
      ['validate', '--all', '--offline', '--prefect-file', '/dev/zero'],
      1,
      '/dev/zero: is a device, which could block forever (point it at a regular file)\n1 problem found; nothing would be registered.\n',
    ],
  ])(
    'refuses %s in one line, without blocking',
    async (_name, args, code, stderr) => {
      const run = await spawnMeasured(args);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr });
      expect(run.ms).toBeLessThan(20_000);
    },
    60_000,
  );

  it('refuses a FIFO as entrypoint in one line, without blocking', async () => {
    writeFileSync(path.join(project, 'fifo-entry.yaml'), `${HEADER}${deployment('', 'p').replace('flows/hello.py:hello', 'flows/pipe.py:f')}`);
    const run = await spawnMeasured(['validate', '--all', '--offline', '--prefect-file', 'fifo-entry.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^fifo-entry\.yaml:\d+:\d+: deployment "p": .*flows\/pipe\.py is a named pipe \(FIFO\), which could block forever \(point it at a regular file\)\n1 problem found; nothing would be registered\.\n$/u,
    );
  }, 60_000);

  it.each(['-5', '0', '1.5', 'abc'])(
    '--concurrency %s is a usage error',
    async (value) => {
      const run = await spawnMeasured(['plan', '--all', '--offline', '--concurrency', value]);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(
        new RegExp(
          `^error: option '--concurrency <n>' argument '${value.replace('.', '\\.')}' is invalid\\. "${value.replace('.', '\\.')}" is not (a positive )?(an )?integer$`,
          'u',
        ),
      );
    },
    60_000,
  );
});

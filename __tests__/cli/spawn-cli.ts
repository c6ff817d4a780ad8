/**
 * Runs the CLI as a separate process, built from the current sources exactly as `npm run build`
 * builds dist/cli.js (the file `npx prefect-deploy` runs) but into a scratch folder: real argv
 * parsing, real stdout/stderr and TTY detection, real exit codes, real files.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
let built: Promise<string> | undefined;

/** The built CLI entry, once per test process (a build takes a few seconds; a start from it a fraction of one). */
export function builtCli(): Promise<string> {
  return (built ??= (async () => {
    // vitest's forked workers end without an 'exit' event, so builds are kept in the project's .tmp/
    // (ignored by git) and the ones older than an hour are removed by the next build.
    const builds = path.join(root, '.tmp', 'cli-builds');
    mkdirSync(builds, { recursive: true });
    for (const old of readdirSync(builds)) {
      const dir = path.join(builds, old);
      if (Date.now() - statSync(dir).mtimeMs > 3_600_000) rmSync(dir, { recursive: true, force: true });
    }
    const scratch = mkdtempSync(path.join(builds, 'cli-build-'));
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      env: { ...process.env, DEPLOY_ACTION_OUTDIR: path.join(scratch, 'dist') },
    });
    // Beside dist/ as in the package, for init.
    symlinkSync(path.join(root, 'recipes'), path.join(scratch, 'recipes'));
    return path.join(scratch, 'dist', 'cli.js');
  })());
}

export interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
}

/** A clean environment: only PATH and HOME, so no CI or Prefect variable of the machine leaks in. */
export function baseEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
}

export async function spawnCli(args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs?: number }): Promise<Spawned> {
  const cli = await builtCli();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(Object.assign(error, { stdout, stderr }));
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), as a person at a terminal runs it: stdin
 * and stdout are TTYs. Each answer is typed once its prompt has appeared in the output, as a
 * person would; an answer typed ahead could be read by the prompt before it. The output is what the
 * terminal showed (stdout and stderr together, echo and control sequences included).
 */
export async function spawnCliOnTerminal(
  args: string[],
  answers: Array<[prompt: RegExp, answer: string]>,
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<{ code: number; output: string }> {
  const cli = await builtCli();
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, cli, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: options.cwd, env: { SHELL: '/bin/sh', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    let output = '';
    let searchedFrom = 0;
    const pending = [...answers];
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const next = pending[0];
      if (!next) return;
      const match = next[0].exec(output.slice(searchedFrom));
      if (!match) return;
      searchedFrom += match.index + match[0].length;
      pending.shift();
      child.stdin.write(`${next[1]}\r`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) return reject(new Error(`the CLI on a terminal was stopped by ${signal}; unanswered: ${pending.map((p) => p[0]).join(', ')}; output:\n${output}`));
      resolve({ code: code ?? -1, output });
    });
  });
}

/**
 * Runs the CLI as a separate process, built from the current sources exactly as `npm run build`
 * builds dist/cli.js (the file `npx prefect-deploy` runs) but into a scratch folder: real argv
 * parsing, real stdout/stderr and TTY detection, real exit codes, real files.
 */
import { execFile } from 'node:child_process';
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
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, env: { ...process.env, DEPLOY_ACTION_OUTDIR: path.join(scratch, 'dist') } });
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
    execFile(process.execPath, [cli, ...args], { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(Object.assign(error, { stdout, stderr }));
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

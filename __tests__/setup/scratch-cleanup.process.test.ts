/**
 * scratch-cleanup.ts, the Docker peer's safety net, in a child process that is interrupted the way a
 * test run is (SIGINT for Ctrl-C, SIGTERM for a CI cancel, or an exit): its scratch directory holds a
 * live mount (as dockerd's does) and a running process group. Needs root, for mount.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { mountsUnder, unmountUnderSync } from './scratch-cleanup.js';

const isRoot = process.getuid?.() === 0;
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) {
    unmountUnderSync(root);
    rmSync(root, { recursive: true, force: true });
  }
});

/** A scratch directory with a tmpfs mounted inside it (a file on it), like dockerd's exec root. */
function scratchWithMount(): { root: string; mount: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'scratch-cleanup-'));
  roots.push(root);
  const mount = path.join(root, 'exec', 'shm');
  mkdirSync(mount, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', 'scratch-cleanup-test', mount]);
  writeFileSync(path.join(mount, 'in-use'), 'x');
  return { root, mount };
}

/** Whether `pid` still runs, given a moment to die: a killed process that no one has reaped yet is a zombie (state Z), not running. */
async function running(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    let state: string | undefined;
    try {
      state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
    } catch {
      return false;
    }
    if (state === 'Z') return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * A node process that arms the safety net for `root` and a detached `sleep`, says "armed <pid>", then
 * waits — to be signalled — or, with `exitCode`, calls process.exit.
 */
async function runArmed(root: string, ending: NodeJS.Signals | { exitCode: number }) {
  const module = pathToFileURL(path.join(import.meta.dirname, 'scratch-cleanup.ts')).href;
  const script = `
    import { spawn } from 'node:child_process';
    import { cleanUpWhenInterrupted } from ${JSON.stringify(module)};
    const sleeper = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    cleanUpWhenInterrupted(${JSON.stringify(root)}, [sleeper]);
    console.log('armed ' + sleeper.pid);
    ${typeof ending === 'object' ? `process.exit(${ending.exitCode});` : 'setInterval(() => {}, 1000);'}
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const sleeperPid = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      const m = /armed (\d+)/.exec(c.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('error', reject);
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  if (typeof ending === 'string') child.kill(ending);
  return { sleeperPid, ...(await ended) };
}

describe.skipIf(!isRoot)('the scratch directory safety net', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('on %s: kills the peer, unmounts, removes the directory, and the signal still ends the process', async (signal) => {
    const { root, mount } = scratchWithMount();
    expect(mountsUnder(root)).toEqual([mount]);
    const result = await runArmed(root, signal);
    expect(result.signal).toBe(signal);
    expect(mountsUnder(root)).toEqual([]);
    expect(existsSync(root)).toBe(false);
    expect(await running(result.sleeperPid)).toBe(false);
  });

  it('on process.exit: the same, and the exit code stays', async () => {
    const { root } = scratchWithMount();
    const result = await runArmed(root, { exitCode: 3 });
    expect(result.code).toBe(3);
    expect(mountsUnder(root)).toEqual([]);
    expect(existsSync(root)).toBe(false);
    expect(await running(result.sleeperPid)).toBe(false);
  });
});

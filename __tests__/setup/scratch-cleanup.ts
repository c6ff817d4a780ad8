/**
 * The safety net of a peer's scratch directory (docker-peer.ts): when the test process ends without
 * running its teardown, the peer's processes are killed and the directory removed — after unmounting
 * what is mounted under it. dockerd mounts under its data and exec roots (shm, netns, overlay
 * layers), and a killed daemon leaves those mounts behind: removing the directory first would recurse
 * into the live mounts or stop at them (EBUSY), leaving the directory and the mounts for good.
 *
 * The process can end three ways without the teardown: process.exit (an 'exit' event), or SIGINT,
 * SIGTERM or SIGHUP (Ctrl-C, a CI cancel, a closed terminal), which end Node *without* an 'exit'
 * event unless someone listens for them. So this listens for those too, cleans up, and then lets the
 * signal end the process as it would have — unless another listener (vitest's own) handles it.
 * Everything here is synchronous: an 'exit' listener cannot wait.
 *
 * Plain Node (type annotations only), so a test can load it in a child process and signal that.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Mount points under `root`, deepest first (/proc/self/mounts escapes a space as \040). */
export function mountsUnder(root: string): string[] {
  let table: string;
  try {
    table = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return [];
  }
  return table
    .split('\n')
    .map((line) => (line.split(' ')[1] ?? '').replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))))
    .filter((m) => m.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

/** Lazily unmounts everything under `root` (a mount still in use is detached now, freed when idle). */
export function unmountUnderSync(root: string): void {
  for (const m of mountsUnder(root)) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      // not ours to unmount, or already gone: the removal below reports nothing either
    }
  }
}

/**
 * Arms the safety net for `root` and the process groups of `children` (read when it fires, so
 * children started later count). Returns the function that disarms it, for a teardown that cleaned
 * up itself.
 */
export function cleanUpWhenInterrupted(root: string, children: readonly ChildProcess[]): () => void {
  const cleanUp = (): void => {
    for (const child of children) {
      if (child.pid === undefined) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    unmountUnderSync(root);
    try {
      rmSync(root, { recursive: true, force: true });
    } catch (error) {
      // a throw here would also keep a signal from ending the process
      process.stderr.write(`could not remove ${root}: ${(error as Error).message}\n`);
    }
  };
  const onExit = (): void => cleanUp();
  const onSignal = (signal: NodeJS.Signals): void => {
    disarm();
    cleanUp();
    // Listening took away the signal's default (ending the process): give it back, unless another
    // listener is there to handle the signal its own way.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const disarm = (): void => {
    process.off('exit', onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.once('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return disarm;
}

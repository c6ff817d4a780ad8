/**
 * A peer for a vitest project's global setup: a process on a free loopback port with its own temp
 * directory, polled until it answers. A peer that exits or does not answer in time is an error
 * carrying the tail of its output (never a skip); stop() ends it and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const REFERENCE_PYTHON = path.join(repoRoot, '.venv-ref/bin/python');

export interface PeerProcess {
  port: number;
  /** The peer's own temp directory. */
  dir: string;
  stop(): Promise<void>;
}

export interface PeerOptions {
  name: string;
  executable: string;
  /** Arguments for the port and temp directory the peer gets. */
  args(port: number, dir: string): string[];
  /** True once the peer answers on `port`. */
  ready(port: number): Promise<boolean>;
  timeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPeer(options: PeerOptions): Promise<PeerProcess> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), `${options.name}-`));
  let output = '';
  const child: ChildProcess = spawn(options.executable, options.args(port, dir), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', (error) => keep(Buffer.from(String(error))));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // The process ends with the test run even when teardown does not run (crash, Ctrl-C).
  const onExit = (): void => void child.kill('SIGKILL');
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      await stop();
      throw new Error(`${options.name} (${options.executable}) exited before answering: ${output.trim() || 'no output'}`);
    }
    if (await options.ready(port).catch(() => false)) return { port, dir, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} did not answer on 127.0.0.1:${port} within ${timeoutMs} ms: ${output.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

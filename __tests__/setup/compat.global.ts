/**
 * Vitest global setup of the `compat` project: one Prefect server per release the compatibility
 * suite deploys to, each from its own venv made from its lock (`scripts/compat-venvs.sh`), started
 * at once on free loopback ports; handed to tests with `inject('compatServers')`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startPrefectServer, type PrefectServer } from './prefect-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CompatServer {
  /** The release, e.g. `3.4.25`. */
  version: string;
  apiUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The servers of the compatibility suite, oldest first. */
    compatServers: CompatServer[];
  }
}

/** `COMPAT_SERVERS=3.4.25,3.9.1` starts only these releases (for iterating on one). */
const only = process.env.COMPAT_SERVERS?.split(',').map((v) => v.trim()).filter(Boolean) ?? [];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { stdout } = await promisify(execFile)('bash', [path.join(repoRoot, 'scripts/compat-venvs.sh'), ...only], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 1_200_000,
  });
  const venvs = stdout.trim().split('\n').map((line) => line.trim().split(/\s+/) as [string, string]);
  const started = await Promise.allSettled(venvs.map(([, python]) => startPrefectServer({ python, timeoutMs: 240_000 })));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.all(servers.map((s: PrefectServer) => s.stop()));
  };
  const failed = started.findIndex((s) => s.status === 'rejected');
  if (failed >= 0) {
    await stopAll();
    throw new Error(`prefect server ${venvs[failed]![0]}: ${((started[failed] as PromiseRejectedResult).reason as Error).message}`);
  }
  project.provide(
    'compatServers',
    venvs.map(([version], i) => ({ version, apiUrl: servers[i]!.apiUrl })),
  );
  return stopAll;
}

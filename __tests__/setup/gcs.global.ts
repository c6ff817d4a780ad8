/**
 * Vitest global setup of the `gcs` project: fake-gcs-server (in memory, plain HTTP) on a free
 * loopback port, handed to tests with `inject('gcs')`. Both our step and the reference's Python
 * client reach it through STORAGE_EMULATOR_HOST.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REFERENCE_PYTHON, repoRoot, startPeer } from './peer-process.js';

export interface GcsPeer {
  /** `http://127.0.0.1:<port>`, the value of STORAGE_EMULATOR_HOST. */
  endpoint: string;
  /** The reference venv's python (prefect 3.9.1 + prefect-gcp 0.6.22). */
  referencePython: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    gcs: GcsPeer;
  }
}

const FAKE_GCS = path.join(repoRoot, '.tools/go/bin/fake-gcs-server');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(FAKE_GCS)) throw new Error(`${FAKE_GCS} is missing: run scripts/peers-install.sh`);
  const peer = await startPeer({
    name: 'fake-gcs-server',
    executable: FAKE_GCS,
    args: (port, dir) => ['-scheme', 'http', '-host', '127.0.0.1', '-port', String(port), '-backend', 'memory', '-filesystem-root', dir, '-log-level', 'warn'],
    ready: async (port) => (await fetch(`http://127.0.0.1:${port}/storage/v1/b`, { signal: AbortSignal.timeout(2_000) })).ok,
  });
  project.provide('gcs', { endpoint: `http://127.0.0.1:${peer.port}`, referencePython: REFERENCE_PYTHON });
  return () => peer.stop();
}

/**
 * Vitest global setup of the `azure` project: Azurite's blob service (in memory) on a free loopback
 * port, handed to tests with `inject('azure')`: the well-known development account and a
 * connection string for it, which our step and the reference's Python client both take.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REFERENCE_PYTHON, repoRoot, startPeer } from './peer-process.js';

export interface AzurePeer {
  /** `http://127.0.0.1:<port>/devstoreaccount1`. */
  blobEndpoint: string;
  accountName: string;
  /** Azurite's published development key (not a secret). */
  accountKey: string;
  connectionString: string;
  /** The reference venv's python (prefect 3.9.1 + prefect-azure[blob_storage] 0.4.13). */
  referencePython: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    azure: AzurePeer;
  }
}

const AZURITE = path.join(repoRoot, 'node_modules/.bin/azurite-blob');
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function connectionString(blobEndpoint: string, key = KEY): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${key};BlobEndpoint=${blobEndpoint};`;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(AZURITE)) throw new Error(`${AZURITE} is missing: run npm ci`);
  const peer = await startPeer({
    name: 'azurite-blob',
    executable: AZURITE,
    args: (port) => ['--skipApiVersionCheck', '--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--disableTelemetry', '--silent'],
    // Any HTTP answer means it listens (an unsigned request is refused with 403).
    ready: async (port) => (await fetch(`http://127.0.0.1:${port}/${ACCOUNT}?comp=list`, { signal: AbortSignal.timeout(2_000) })).status > 0,
  });
  const blobEndpoint = `http://127.0.0.1:${peer.port}/${ACCOUNT}`;
  project.provide('azure', { blobEndpoint, accountName: ACCOUNT, accountKey: KEY, connectionString: connectionString(blobEndpoint), referencePython: REFERENCE_PYTHON });
  return () => peer.stop();
}

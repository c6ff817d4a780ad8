/**
 * Vitest global setup of the `prefect-server` project: one Prefect server for every test file that
 * needs it, its API URL handed to tests with `inject('prefectApiUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { startPrefectServer } from './prefect-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>/api` of the suite's Prefect server. */
    prefectApiUrl: string;
    /** The reference venv's python (prefect==3.9.1), the one the server runs from. */
    referencePython: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPrefectServer({ timeoutMs: 90_000 });
  project.provide('prefectApiUrl', server.apiUrl);
  project.provide('referencePython', server.python);
  return () => server.stop();
}

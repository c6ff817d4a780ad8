/**
 * Vitest global setup of the `compat` project: one venv per Prefect server release the
 * compatibility suite deploys to, made from its lock (`scripts/compat-venvs.sh`, a no-op when they
 * are there), handed to tests with `inject('compatVenvs')`. The test file starts the servers one at
 * a time, so the suite adds one server at most to what the other projects run.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CompatVenv {
  /** The release, e.g. `3.4.25`. */
  version: string;
  /** The venv's python, to start the server with. */
  python: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The releases of the compatibility suite, oldest first. */
    compatVenvs: CompatVenv[];
  }
}

/** `COMPAT_SERVERS=3.4.25,3.9.1` tests only these releases (for iterating on one). */
const only =
  process.env.COMPAT_SERVERS?.split(',')
    .map((v) => v.trim())
    .filter(Boolean) ?? [];

export default async function setup(project: TestProject): Promise<void> {
  const { stdout } = await promisify(execFile)('bash', [path.join(repoRoot, 'scripts/compat-venvs.sh'), ...only], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 1_200_000,
  });
  project.provide(
    'compatVenvs',
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const [version, python] = line.trim().split(/\s+/);
        return { version: version!, python: python! };
      }),
  );
}

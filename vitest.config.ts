import { defineConfig } from 'vitest/config';

// Test files that talk to a real Prefect server. They form their own project, whose global setup
// starts the server; vitest runs a project's global setup only when some of its files are selected,
// so `vitest run --project fast` (or a filter that matches no server test) starts nothing.
const SERVER_TESTS = ['__tests__/plan/reference-payload.test.ts', '__tests__/**/*.server.test.ts'];

// Files that need another real peer, named by suffix; each suffix is a project whose global setup
// starts that peer (and only when one of its files is selected). `compat` is the older Prefect
// server releases the compatibility suite deploys to.
const PEERS = ['docker', 's3', 'gcs', 'azure', 'compat'] as const;
const peerFiles = (peer: string) => `__tests__/**/*.${peer}.test.ts`;

// Tests without peers come in two tiers. `fast` is the everyday loop: pure modules and in-process
// runs, no child process, no Python, no network peer (its setup file fails a file that starts a
// process). `process` holds the rest: files that start node, dist/, Python (the reference venv),
// git or docker, named `*.process.test.ts`. Files under __tests__/cli and __tests__/github are
// listed here instead of renamed while those folders are being rewritten.
const PROCESS_TESTS = [
  '__tests__/**/*.process.test.ts',
  // Spawn the CLI, dist/ or git, or (hostile) make FIFOs; to be renamed *.process.test.ts.
  '__tests__/cli/examples-git.test.ts',
  '__tests__/cli/help.test.ts',
  '__tests__/cli/hostile.test.ts',
  '__tests__/cli/init.test.ts',
  '__tests__/cli/list.test.ts',
  '__tests__/cli/output.test.ts',
  '__tests__/cli/plan.test.ts',
  // Run the action's entry in a node subprocess (run-action.ts).
  '__tests__/github/action.test.ts',
  '__tests__/github/comment.test.ts',
];

export default defineConfig({
  test: {
    // `include` is set per project, not here: `extends: true` concatenates arrays, so a root
    // include would put every test file into the server project as well.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['__tests__/**/*.test.ts'],
          exclude: [...SERVER_TESTS, ...PEERS.map(peerFiles), ...PROCESS_TESTS],
          setupFiles: ['__tests__/support/no-subprocess.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'process', include: PROCESS_TESTS, exclude: [...SERVER_TESTS, ...PEERS.map(peerFiles)] },
      },
      {
        extends: true,
        test: {
          name: 'prefect-server',
          include: SERVER_TESTS,
          globalSetup: ['__tests__/setup/prefect-server.global.ts'],
        },
      },
      ...PEERS.map((peer) => ({
        extends: true as const,
        test: { name: peer, include: [peerFiles(peer)], globalSetup: [`__tests__/setup/${peer}.global.ts`] },
      })),
    ],
  },
});

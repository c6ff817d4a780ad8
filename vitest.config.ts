import { defineConfig } from 'vitest/config';

// Test files that talk to a real Prefect server. They form their own project, whose global setup
// starts the server; vitest runs a project's global setup only when some of its files are selected,
// so `vitest run --project unit` (or a filter that matches no server test) starts nothing.
const SERVER_TESTS = ['__tests__/plan/reference-payload.test.ts', '__tests__/**/*.server.test.ts'];

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
        test: { name: 'unit', include: ['__tests__/**/*.test.ts'], exclude: SERVER_TESTS },
      },
      {
        extends: true,
        test: {
          name: 'prefect-server',
          include: SERVER_TESTS,
          globalSetup: ['__tests__/setup/prefect-server.global.ts'],
        },
      },
    ],
  },
});

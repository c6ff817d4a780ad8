/**
 * Setup file of the `fast` test project: the fast tier runs in-process only. Starting a process
 * (node, dist/, Python, git, docker) throws here, and a file that started one, even where the code
 * under test caught the error and went on, fails when it ends. Such a test belongs in the process
 * tier: name it `*.process.test.ts` (or, under __tests__/cli and __tests__/github, list it in
 * vitest.config.ts).
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll } from 'vitest';

const STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

const started: string[] = [];
const writable = childProcess as unknown as Record<(typeof STARTERS)[number], (...args: unknown[]) => never>;
for (const name of STARTERS) {
  writable[name] = (...args: unknown[]) => {
    const what = `${name}(${JSON.stringify(args[0])})`;
    started.push(what);
    throw new Error(`the fast test tier starts no process, but this test called ${what}: name the file *.process.test.ts`);
  };
}
// ES module imports of node:child_process see the replacements too.
syncBuiltinESMExports();

afterAll(() => {
  if (started.length > 0) {
    throw new Error(`the fast test tier starts no process, but this file tried ${started.length}: ${[...new Set(started)].join(', ')}`);
  }
});

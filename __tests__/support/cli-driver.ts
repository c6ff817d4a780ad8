/**
 * Runs many CLI invocations in one process, through the CLI's `main`, for the hostile-input fuzz:
 * one process start for hundreds of cases. Reads cases as JSON lines on stdin and writes, per
 * case, a `start` line before running it and a result line after, so the parent can tell a case
 * that hangs (no result in time) and kill the process.
 */
import { createInterface } from 'node:readline';
import { main } from '../../src/cli/main.js';

interface Case {
  id: number;
  args: string[];
  cwd: string;
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const c = JSON.parse(line) as Case;
  process.stdout.write(`${JSON.stringify({ start: c.id })}\n`);
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  let code: number;
  try {
    code = await main(c.args, {
      stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
      stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
      cwd: c.cwd,
      env: { PATH: process.env['PATH'], HOME: c.cwd, NO_COLOR: '1' },
      now: () => new Date('2026-03-07T10:00:00Z'),
    });
  } catch (error) {
    code = -1;
    stderr += `main threw: ${String(error)}\n`;
  }
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ id: c.id, code, stdout, stderr, ms, rss: process.memoryUsage().rss })}\n`);
}

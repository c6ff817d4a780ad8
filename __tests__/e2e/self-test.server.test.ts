/**
 * .github/workflows/self-test.yml run by act: `uses: ./` (this action, freshly built) in plan mode on
 * examples/local-etl; the workflow's own shell step asserts the outputs. A server test only so that
 * it shares the e2e files' project; the plan it runs is offline.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { promisify } from 'node:util';
import { actBinary, logTail, prepareActionRepo, repoRoot, runAct } from '../setup/act.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-self-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('workflow files', () => {
  it("every workflow of the repository passes act's strict workflow schema", async () => {
    const dir = path.join(repoRoot, '.github/workflows');
    const { stdout } = await promisify(execFile)(actBinary, ['--list', '--strict', '--container-daemon-socket', '-', '-W', dir], { cwd: repoRoot });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) expect(stdout).toContain(file);
  });
});

describe('self-test workflow', () => {
  it('runs the action from the checkout and its output checks pass', async () => {
    const repo = prepareActionRepo(scratch);
    const { code, log } = await runAct({
      cwd: repo,
      workflow: '.github/workflows/self-test.yml',
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/deploy-action', default_branch: 'main' } },
      scratch,
    });
    expect(code, logTail(log)).toBe(0);
    // The checks ran (a skipped step would also leave act successful).
    expect(log).toMatch(/self-test: \d+ checks passed/);
    expect(log).toContain('Success - Main Check the outputs');
    expect(log).toMatch(/self-test monorepo: \d+ checks passed/);
    expect(log).toContain('Success - Main Check the monorepo outputs');
  }, 120_000);
});

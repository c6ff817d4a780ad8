/**
 * examples/git (the `git` recipe shape): plans offline through the CLI, no server and no git access;
 * the pull steps reach the API body as the worker must run them: the Secret block placeholder and the
 * `{{ clone.directory }}` output of the clone left for the worker, a deployment-level pull section
 * replacing the top-level one.
 */
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const example = path.resolve(import.meta.dirname, '../../examples/git');
const GIT_CLONE = 'prefect.deployments.steps.git_clone';
const PIP = 'prefect.deployments.steps.pip_install_requirements';
const TOKEN = '{{ prefect.blocks.secret.github-token }}';

let work: string;
beforeAll(() => {
  work = realpathSync(mkdtempSync(path.join(tmpdir(), 'example-git-')));
  cpSync(example, work, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['plan', ...args], {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd: work,
    // no PREFECT_API_URL: nothing to reach, blocks stay unresolved
    env: {},
    now: () => new Date('2026-11-22T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

describe('examples/git', () => {
  it('plans offline: the clone and install pull steps in each API body', async () => {
    const { code, stdout, stderr } = await plan(['--all', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.errors).toEqual([]);
    expect(out.deployments.map((d: { flow_name: string; name: string }) => `${d.flow_name}/${d.name}`)).toEqual([
      'send-invoices/invoices-nightly',
      'send-invoices/invoices-preview',
    ]);

    const [nightly, preview] = out.deployments.map((d: { payload: Record<string, unknown> }) => d.payload);
    expect(nightly.pull_steps).toEqual([
      { [GIT_CLONE]: { id: 'clone', repository: 'https://github.com/acme/billing.git', branch: 'main', access_token: TOKEN } },
      { [PIP]: { directory: '{{ clone.directory }}', requirements_file: 'requirements.txt' } },
    ]);
    // the deployment's own pull section replaces the top-level one entirely (no install step)
    expect(preview.pull_steps).toEqual([{ [GIT_CLONE]: { repository: 'https://github.com/acme/billing.git', branch: 'release', access_token: TOKEN } }]);

    expect(nightly).toMatchObject({ entrypoint: 'flows/invoices.py:send_invoices', work_pool_name: 'process-pool', parameters: { dry_run: false } });
    expect(nightly.schedules[0]).toMatchObject({ schedule: { cron: '30 1 * * *', timezone: 'UTC' } });
    expect(preview.parameters).toEqual({ dry_run: true });
    expect(Object.keys(nightly.parameter_openapi_schema.properties)).toEqual(['dry_run']);
    // the token is never looked up offline: the body carries the reference, not a value
    expect(JSON.stringify(out)).not.toMatch(/ghp_|x-access-token/u);
  });

  it('shows the pull steps with the Secret placeholder in the human plan', async () => {
    const { code, stdout } = await plan(['-n', 'invoices-preview']);
    expect(code).toBe(0);
    expect(stdout).toContain('send-invoices/invoices-preview');
    expect(stdout).toMatch(
      new RegExp(
        `${GIT_CLONE.replaceAll('.', '\\.')}\\s+repository=https://github\\.com/acme/billing\\.git\\s+branch=release\\s+access_token=\\{\\{ prefect\\.blocks\\.secret\\.github-token \\}\\}`,
        'u',
      ),
    );
    expect(stdout).not.toContain(PIP);
  });
});

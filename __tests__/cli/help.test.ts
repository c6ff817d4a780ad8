import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { baseEnv, spawnCli } from './spawn-cli.js';

const root = path.resolve(import.meta.dirname, '../..');

async function cli(args: string[], cwd: string, extra: Partial<Io> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    cwd,
    env: {},
    now: () => new Date('2026-11-22T12:00:00Z'),
    ...extra,
  });
  return { code, stdout, stderr };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'help-'));
  cpSync(path.join(root, 'examples', 'local-etl'), work, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('--help', () => {
  it.each(['plan', 'deploy', 'validate', 'list', 'init', 'schema'])('%s shows examples and the global options', async (command) => {
    const { code, stdout } = await cli([command, '--help'], work);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: prefect-deploy ${command}`);
    expect(stdout).toMatch(/\n\nExamples:\n {2}.*prefect-deploy /);
    for (const flag of ['--prefect-file', '--json', '--output-file', '--debug', '--no-color']) expect(stdout).toContain(flag);
  });

  it('the program lists every command, the output conventions and the exit codes', async () => {
    const { code, stdout } = await cli(['--help'], work);
    expect(code).toBe(0);
    for (const command of ['plan', 'deploy', 'validate', 'init', 'schema', 'list']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(stdout).toContain('Exit codes: 0 success, 1 invalid configuration or failed deployment, 2 usage error.');
  });

  it('deploy takes the flags of prefect deploy, with its short aliases', async () => {
    const { stdout } = await cli(['deploy', '--help'], work);
    for (const flag of [
      '--pool',
      '--work-queue',
      '--version',
      '--version-type',
      '--tag',
      '--description',
      '--param',
      '--params',
      '--cron',
      '--interval',
      '--anchor-date',
      '--rrule',
      '--timezone',
      '--job-variable',
      '--concurrency-limit',
      '--collision-strategy',
      '--enforce-parameter-schema',
      '--trigger',
      '--sla',
      '--dotenv',
    ]) {
      expect(stdout).toContain(flag);
    }
  });
});

describe('--version', () => {
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;

  // The built CLI: the version is inlined by the build (the scratch build has no package.json to read).
  it.each([['--version'], ['-V'], ['--json', '--version'], ['--prefect-file', 'other.yaml', '-V']].map((args) => [args.join(' '), args] as const))(
    '%s prints the tool version and exits 0',
    async (_title, args) => {
      const { code, stdout, stderr } = await spawnCli([...args], { cwd: work, env: baseEnv(work) });
      expect(stderr).toBe('');
      expect(stdout).toBe(`${version}\n`);
      expect(code).toBe(0);
    },
  );

  it("after plan or deploy is the deployment's version", async () => {
    const { code, stdout } = await cli(['plan', '-n', 'sales-nightly', '--version', '7.7.7-rc1', '--json'], work, { env: { IMAGE_TAG: '1' } });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).deployments[0].payload.version).toBe('7.7.7-rc1');
  });

  it('is listed in the program help only, and never offered for an unknown option', async () => {
    expect((await cli(['--help'], work)).stdout).toMatch(/^ {2}-V, --version +print prefect-deploy's version/m);
    expect((await cli(['list', '--help'], work)).stdout).not.toContain('-V, --version');
    const list = await cli(['list', '--version'], work);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/^error: unknown option '--version'\n/);
    expect(list.stderr).not.toContain('Did you mean');
  });
});

describe('global options', () => {
  it('are accepted before or after the command', async () => {
    const before = await cli(['--json', '--prefect-file', 'prefect.yaml', 'list'], work);
    const after = await cli(['list', '--json', '--prefect-file', 'prefect.yaml'], work);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });

  it('--output-file gets exactly what --json prints, for every command, even without --json', async () => {
    for (const args of [['plan', '--all'], ['validate', '--all'], ['list'], ['list', '--matrix'], ['schema']]) {
      const file = `out/${args.join('-')}.json`;
      const quiet = await cli([...args, '--output-file', file], work, { env: { IMAGE_TAG: '1' } });
      expect(quiet.code).toBe(0);
      const loud = await cli([...args, '--json'], work, { env: { IMAGE_TAG: '1' } });
      expect(JSON.parse(readFileSync(path.join(work, file), 'utf8')), args.join(' ')).toEqual(JSON.parse(loud.stdout));
    }
    expect(readdirSync(path.join(work, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--output-file records a failure too, and an output that cannot be written fails the command', async () => {
    const failed = await cli(['plan', '-n', 'nope', '--output-file', 'failed.json'], work);
    expect(failed.code).toBe(1);
    const json = JSON.parse(readFileSync(path.join(work, 'failed.json'), 'utf8'));
    expect(json.deployments).toEqual([]);
    expect(json.errors[0].message).toMatch(/nope/);

    mkdirSync(path.join(work, 'a-folder'));
    const unwritable = await cli(['list', '--output-file', 'a-folder'], work);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/^error: cannot write the result: /m);
  });

  it('prints no ANSI codes when stdout is not a terminal, and colours problems on one', async () => {
    const piped = await cli(['plan', '-n', 'nope'], work);
    expect(piped.stdout + piped.stderr).not.toMatch(/\x1b/);
    const terminal = { write: () => {}, columns: () => 80, rows: () => 24 };
    const tty = await cli(['plan', '-n', 'nope'], work, { terminal });
    expect(tty.stderr).toMatch(/\x1b\[31m/);
    const off = await cli(['plan', '-n', 'nope', '--no-color'], work, { terminal });
    expect(off.stderr).not.toMatch(/\x1b/);
    const env = await cli(['plan', '-n', 'nope'], work, { terminal, env: { NO_COLOR: '1' } });
    expect(env.stderr).not.toMatch(/\x1b/);
  });

  it('in GitHub Actions and Azure Pipelines, prefect.yaml problems become annotations on the file and line', async () => {
    const gh = await cli(['validate', '-n', 'nope'], work, { env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: path.dirname(work) } });
    expect(gh.code).toBe(1);
    expect(gh.stderr).toMatch(new RegExp(`^::error file=${path.basename(work)}/prefect.yaml::prefect.yaml: .*nope`, 'm'));
    const azure = await cli(['validate', '-n', 'nope'], work, { env: { TF_BUILD: 'True', BUILD_SOURCESDIRECTORY: work } });
    expect(azure.stderr).toMatch(/^##vso\[task\.logissue type=error;sourcepath=prefect\.yaml\]prefect\.yaml: .*nope/m);
  });
});

describe('init on a terminal without --recipe', () => {
  it('lists the recipes and takes the guess on Enter, or the recipe typed', async () => {
    const dir = mkdtempSync(path.join(work, 'init-'));
    const asked: string[] = [];
    const enter = await cli(['init'], dir, { isTTY: true, prompt: async (q) => (asked.push(q), '') });
    expect(enter.code).toBe(0);
    expect(enter.stdout).toMatch(/^Recipes:\n {2}azure /);
    expect(enter.stdout).toMatch(/^ {2}docker-git +Store code within a git repository and build a custom docker image for runtime$/m);
    expect(asked).toEqual(['Recipe (Enter for local): ']);
    expect(enter.stdout).toContain('from the local recipe (guessed; choose another with --recipe)');

    const typed = await cli(['init', '--force', '--json'], dir, { isTTY: true, prompt: async (q) => (q.startsWith('Recipe') ? 's3' : 'my-bucket') });
    expect(typed.code).toBe(0);
    expect(JSON.parse(typed.stdout.slice(typed.stdout.indexOf('{')))).toMatchObject({ recipe: 's3', guessed: false, files: ['prefect.yaml'] });
    expect(readFileSync(path.join(dir, 'prefect.yaml'), 'utf8')).toContain('bucket: my-bucket');
  });

  it('asks nothing when prefect.yaml exists and --force is not given', async () => {
    const dir = mkdtempSync(path.join(work, 'init-'));
    expect((await cli(['init', '--recipe', 'local'], dir)).code).toBe(0);
    const asked: string[] = [];
    const again = await cli(['init', '--json'], dir, { isTTY: true, prompt: async (q) => (asked.push(q), '') });
    expect(again.code).toBe(1);
    expect(asked).toEqual([]);
    expect(JSON.parse(again.stdout).error).toMatch(/already exists; nothing written \(pass --force to overwrite it\)/);
  });
});

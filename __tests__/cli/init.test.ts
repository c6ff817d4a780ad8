import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { pyyamlDump } from '../../src/commands/pyyaml-dump.js';
import { baseEnv, spawnCli, spawnCliOnTerminal } from './spawn-cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

interface CliIo {
  isTTY?: boolean;
  prompt?: (question: string) => Promise<string>;
}

async function cli(args: string[], cwd: string, extra: CliIo = {}) {
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

interface GoldenCase {
  title: string;
  recipe?: string;
  fields: string[];
  setup?: (dir: string) => void;
}

const gitRemote = (branch?: string) => (dir: string) => {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('remote', 'add', 'origin', 'https://github.com/acme/etl.git');
  if (branch) {
    git('checkout', '-q', '-b', branch);
    writeFileSync(path.join(dir, 'README.md'), 'x\n');
    git('add', '.');
    git('commit', '-q', '-m', 'init');
  }
};
const dockerfile = (dir: string) => writeFileSync(path.join(dir, 'Dockerfile'), 'FROM prefecthq/prefect:3-latest\n');
const image = ['image_name=ghcr.io/acme/etl', 'tag=latest'];

const CASES: GoldenCase[] = [
  { title: 'local', recipe: 'local', fields: [] },
  { title: 'git (no remote: placeholders stay)', recipe: 'git', fields: [] },
  { title: 'git with a remote, no commit yet', recipe: 'git', fields: [], setup: gitRemote() },
  { title: 's3', recipe: 's3', fields: ['bucket=acme-flows'] },
  { title: 'gcs', recipe: 'gcs', fields: ['bucket=acme-flows'] },
  { title: 'azure', recipe: 'azure', fields: ['container=flows'] },
  { title: 'docker', recipe: 'docker', fields: image },
  { title: 'docker with a Dockerfile', recipe: 'docker', fields: image, setup: dockerfile },
  { title: 'docker-git', recipe: 'docker-git', fields: image, setup: gitRemote('release') },
  { title: 'docker-s3', recipe: 'docker-s3', fields: [...image, 'bucket=acme-flows'] },
  { title: 'docker-gcs', recipe: 'docker-gcs', fields: [...image, 'bucket=acme-flows'] },
  { title: 'docker-azure', recipe: 'docker-azure', fields: [...image, 'container=flows'] },
  { title: 'guessed: nothing → local', fields: [] },
  { title: 'guessed: Dockerfile → docker', fields: image, setup: dockerfile },
  { title: 'guessed: git remote → git', fields: [], setup: gitRemote('main') },
  { title: 'guessed: git remote and Dockerfile → docker-git', fields: image, setup: (d) => (gitRemote()(d), dockerfile(d)) },
  {
    title: 'values that need quoting, escaping and folding',
    recipe: 'docker-s3',
    fields: [
      'image_name=registry.example.com/a very long image name with spaces that goes past the eighty column limit of PyYAML',
      'tag=1.0',
      "bucket=it's: #café",
      'name=yes',
    ],
  },
  { title: 'empty, boolean-like and numeric values', recipe: 'docker-azure', fields: ['image_name=', 'tag=0755', 'container=null'] },
];

let work: string;
let python: string;
const reference = new Map<number, { yaml: string; ignore: string }>();
const dirOf = (i: number) => path.join(work, `case-${i}`, 'flows-project');

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'init-golden-'));
  // Fails the suite when the reference cannot be installed: the golden comparison is the point.
  const out = execFileSync('bash', [path.join(root, 'scripts/reference-venv.sh')], { cwd: root, encoding: 'utf8', timeout: 900_000 });
  python = out.trim().split('\n').pop()!;
  const prefect = path.join(path.dirname(python), 'prefect');
  await Promise.all(
    CASES.map(async (c, i) => {
      const dir = dirOf(i);
      mkdirSync(dir, { recursive: true });
      c.setup?.(dir);
      const args = ['--no-prompt', 'init', ...(c.recipe ? ['--recipe', c.recipe] : []), ...c.fields.flatMap((f) => ['--field', f])];
      const home = path.join(work, `home-${i}`);
      await exec(prefect, args, { cwd: dir, env: { ...process.env, PREFECT_HOME: home, PREFECT_SERVER_ANALYTICS_ENABLED: 'false' }, timeout: 120_000 });
      reference.set(i, { yaml: readFileSync(path.join(dir, 'prefect.yaml'), 'utf8'), ignore: readFileSync(path.join(dir, '.prefectignore'), 'utf8') });
      // Ours runs later in the very same directory, so paths (the local recipe's directory) match.
      rmSync(path.join(dir, 'prefect.yaml'));
      rmSync(path.join(dir, '.prefectignore'));
    }),
  );
}, 900_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('init writes what prefect init (3.9.1) writes', () => {
  it.each(CASES.map((c, i) => [c.title, i] as const))('%s', async (_title, i) => {
    const c = CASES[i]!;
    const dir = dirOf(i);
    const { code, stderr } = await cli(['init', ...(c.recipe ? ['--recipe', c.recipe] : []), ...c.fields.flatMap((f) => ['--field', f])], dir);
    expect(stderr.replace(/^warning: .*\n/gm, '')).toBe('');
    expect(code).toBe(0);
    const ref = reference.get(i)!;
    expect(readFileSync(path.join(dir, 'prefect.yaml'), 'utf8')).toBe(ref.yaml);
    expect(readFileSync(path.join(dir, '.prefectignore'), 'utf8')).toBe(ref.ignore);
  });
});

describe('init', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'init-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = (name: string) => {
    const d = path.join(dir, name);
    mkdirSync(d);
    return d;
  };

  it('never overwrites prefect.yaml without --force', async () => {
    const d = fresh('existing');
    writeFileSync(path.join(d, 'prefect.yaml'), 'mine\n');
    const { code, stderr } = await cli(['init', '--recipe', 'local'], d);
    expect(code).toBe(1);
    expect(stderr).toMatch(/prefect\.yaml already exists; nothing written \(pass --force to overwrite it\)/);
    expect(readFileSync(path.join(d, 'prefect.yaml'), 'utf8')).toBe('mine\n');
    const forced = await cli(['init', '--recipe', 'local', '--force'], d);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(d, 'prefect.yaml'), 'utf8')).toContain('prefect.deployments.steps.set_working_directory');
  });

  it('without a terminal, names the missing fields and the --field syntax in one line', async () => {
    const d = fresh('no-tty');
    const { code, stderr } = await cli(['init', '--recipe', 'docker', '--field', 'tag=v1'], d, { isTTY: false });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['error: the "docker" recipe needs image_name; pass --field image_name=... (no terminal to ask on)']);
    expect(existsSync(path.join(d, 'prefect.yaml'))).toBe(false);
  });

  it('on a terminal, asks for each missing field', async () => {
    const d = fresh('tty');
    const asked: string[] = [];
    const { code } = await cli(['init', '--recipe', 'docker-s3', '-f', 'tag=v1'], d, {
      isTTY: true,
      prompt: async (q) => (asked.push(q), q.startsWith('image_name') ? 'ghcr.io/acme/x' : 'bkt'),
    });
    expect(code).toBe(0);
    expect(asked).toEqual([expect.stringMatching(/^image_name \(The image name/), 'bucket (The bucket to store and retrieve code from): ']);
    const text = readFileSync(path.join(d, 'prefect.yaml'), 'utf8');
    expect(text).toContain('image_name: ghcr.io/acme/x\n');
    expect(text).toContain('bucket: bkt\n');
  });

  it('on a real terminal (the built CLI), asks for the recipe and its fields and writes them', async () => {
    const d = fresh('pty');
    const { code, output } = await spawnCliOnTerminal(
      ['init'],
      [
        [/Recipe \(Enter for local\): /, 's3'],
        [/bucket \(The bucket to store and retrieve code from\): /, 'acme-flows'],
      ],
      { cwd: d, env: baseEnv(d) },
    );
    expect(output).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(output).toContain('from the s3 recipe');
    // The same file as the fields given as flags (those are compared with prefect init's own).
    const flagged = fresh('pty-flags');
    expect((await spawnCli(['init', '--recipe', 's3', '--field', 'bucket=acme-flows'], { cwd: flagged, env: baseEnv(flagged) })).code).toBe(0);
    const written = readFileSync(path.join(d, 'prefect.yaml'), 'utf8');
    expect(written).toContain('    bucket: acme-flows\n');
    expect(written.replaceAll('pty', 'pty-flags')).toBe(readFileSync(path.join(flagged, 'prefect.yaml'), 'utf8'));
  });

  it('rejects an unknown recipe, listing the available ones, and a field without =', async () => {
    const d = fresh('unknown');
    const bad = await cli(['init', '--recipe', 'dockr'], d);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown recipe "dockr" \(available: azure, docker, docker-azure, docker-gcs, docker-git, docker-s3, gcs, git, local, s3\)/);
    const usage = await cli(['init', '--recipe', 'local', '--field', 'bucket'], d);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--field "bucket" is not key=value/);
    expect(existsSync(path.join(d, 'prefect.yaml'))).toBe(false);
  });

  it('writes a prefect.yaml the plan accepts', async () => {
    const d = fresh('planned');
    expect((await cli(['init', '--recipe', 'git'], d)).code).toBe(0);
    const { code, stderr } = await cli(['validate', '--all'], d);
    // The skeleton has no entrypoint yet; the point is that the file itself loads.
    expect(stderr).not.toMatch(/must be|unknown key|unknown step/);
    expect([0, 1]).toContain(code);
  });

  it('shows examples in --help', async () => {
    const { code, stdout } = await cli(['init', '--help'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('--recipe docker-git --field image_name=');
  });
});

describe('pyyamlDump', () => {
  it.each([
    [{ a: 'plain' }, 'a: plain\n'],
    [{ a: '' }, "a: ''\n"],
    [{ a: '3.9.1', b: '1.0', c: 'on', d: '~', e: '2026-01-01' }, "a: 3.9.1\nb: '1.0'\nc: 'on'\nd: '~'\ne: '2026-01-01'\n"],
    [{ a: [{ b: { c: [] } }], d: {} }, 'a:\n- b:\n    c: []\nd: {}\n'],
    [{ a: 'x\ny' }, "a: 'x\n\n  y'\n"],
    [{ a: 'é' }, 'a: "\\xE9"\n'],
  ])('%j', (value, expected) => {
    expect(pyyamlDump(value)).toBe(expected);
  });
});

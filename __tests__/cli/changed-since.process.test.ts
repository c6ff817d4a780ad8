/**
 * `--changed-since REF` through the CLI on a real git repository: only the deployments whose inputs
 * changed are planned (or listed), the others are reported as skipped; a REF git cannot use stops
 * the command with a message that says what to do.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const PREFECT_YAML = `
deployments:
  - name: a-nightly
    entrypoint: flows/a.py:flow_a
    work_pool: { name: pool }
  - name: b-nightly
    entrypoint: flows/b.py:flow_b
    work_pool: { name: pool }
    parameters: { n: 1 }
`;

const FLOW_A = `from prefect import flow
from lib.helpers import greet


@flow
def flow_a(name: str = "x"):
    greet(name)
`;

const FLOW_B = `from prefect import flow


@flow
def flow_b(n: int = 0):
    pass
`;

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

async function cli(args: string[], cwd = repo): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd, env: {}, now: () => new Date('2026-11-22T12:00:00Z') });
  return { code, stdout, stderr };
}

const planned = (out: { deployments: Array<{ flow_name: string; name: string }> }) => out.deployments.map((d) => `${d.flow_name}/${d.name}`);

beforeEach(() => {
  repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'changed-since-')));
  git('init', '-q', '-b', 'main');
  write('prefect.yaml', PREFECT_YAML);
  write('flows/a.py', FLOW_A);
  write('flows/b.py', FLOW_B);
  write('lib/__init__.py', '');
  write('lib/helpers.py', 'def greet(name):\n    print(name)\n');
  git('add', '-A');
  git('commit', '-qm', 'init');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('--changed-since', () => {
  it('plans only the deployment whose flow imports the changed module (unstaged change)', async () => {
    write('lib/helpers.py', 'def greet(name):\n    print("hello", name)\n');
    const { code, stdout, stderr } = await cli(['plan', '--all', '--changed-since', 'HEAD', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(planned(out)).toEqual(['flow-a/a-nightly']);
    expect(out.skipped).toEqual([{ deployment: 'b-nightly', reason: 'unchanged since HEAD' }]);
    expect(out.deployments[0].changed_because).toBe('changed since HEAD: lib/helpers.py (module)');
  });

  it('a data file the flow file reads while it is imported is an input of its deployment', async () => {
    write('flows/b.py', `from pathlib import Path\n${FLOW_B.replace('n: int = 0', 'n: int = len((Path(__file__).parent / "b.json").read_text())')}`);
    write('flows/b.json', '{}');
    git('add', '-A');
    git('commit', '-qm', 'b reads b.json');
    write('flows/b.json', '{"more": 1}');
    const out = JSON.parse((await cli(['plan', '--all', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(planned(out)).toEqual(['flow-b/b-nightly']);
    expect(out.deployments[0].changed_because).toBe('changed since HEAD: flows/b.json (read by the flow)');
    expect(out.skipped.map((d: { deployment: string }) => d.deployment)).toEqual(['a-nightly']);
  });

  it('a committed change since HEAD~1 counts too; the text plan lists the skipped one', async () => {
    write('flows/b.py', FLOW_B.replace('n: int = 0', 'n: int = 2'));
    git('commit', '-qam', 'b');
    const { code, stdout } = await cli(['plan', '--all', '--changed-since', 'HEAD~1']);
    expect(code).toBe(0);
    expect(stdout).toContain('flow-b/b-nightly\n  changed since HEAD~1: flows/b.py (entry)\n');
    expect(stdout).toContain('1 deployment(s) skipped: unchanged since HEAD~1');
    expect(stdout).toMatch(/ a-nightly\s+skipped: unchanged since HEAD~1/);
  });

  it('the dotenv report lists the skipped deployments', async () => {
    write('flows/a.py', FLOW_A.replace('"x"', '"y"'));
    const { code } = await cli(['plan', '--all', '--changed-since', 'HEAD', '--dotenv', 'plan.env']);
    expect(code).toBe(0);
    const dotenv = readFileSync(path.join(repo, 'plan.env'), 'utf8');
    expect(dotenv).toContain('DEPLOYMENTS_SELECTED=flow-a/a-nightly\n');
    expect(dotenv).toContain('DEPLOYMENTS_SKIPPED=b-nightly\n');
  });

  it('nothing changed: everything skipped, the matrix is empty', async () => {
    const { code, stdout } = await cli(['list', '--changed-since', 'HEAD', '--matrix']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ include: [] });
  });

  it("a change to one deployment's prefect.yaml section selects it alone", async () => {
    write('prefect.yaml', PREFECT_YAML.replace('n: 1', 'n: 3'));
    const out = JSON.parse((await cli(['list', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(out.deployments.map((d: { deployment: string }) => d.deployment)).toEqual(['flow-b/b-nightly']);
    expect(out.skipped.map((d: { deployment: string }) => d.deployment)).toEqual(['a-nightly']);
  });

  it('an untracked local module the flow now imports counts as changed', async () => {
    write('lib/extra.py', 'X = 1\n');
    write('flows/b.py', FLOW_B.replace('from prefect import flow', 'from prefect import flow\nfrom lib.extra import X'));
    git('add', 'flows/b.py');
    git('commit', '-qm', 'b imports extra (not committed)');
    const out = JSON.parse((await cli(['plan', '--all', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(planned(out)).toEqual(['flow-b/b-nightly']);
  });

  it('a deleted local module counts as changed for the flow that imported it', async () => {
    rmSync(path.join(repo, 'lib/helpers.py'));
    const out = JSON.parse((await cli(['plan', '--all', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(planned(out)).toEqual(['flow-a/a-nightly']);
  });

  it('a push step uploads the tree minus .prefectignore: an ignored file does not count, another does', async () => {
    write('prefect.yaml', `${PREFECT_YAML}    push:\n      - prefect_aws.deployments.steps.push_to_s3:\n          bucket: bkt\n          folder: b\n`);
    write('.prefectignore', 'docs/\n');
    write('docs/readme.md', 'v1\n');
    git('add', '-A');
    git('commit', '-qm', 'b uploads its tree');
    write('docs/readme.md', 'v2\n');
    let out = JSON.parse((await cli(['list', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(out.deployments).toEqual([]);
    write('data.csv', '1,2\n');
    out = JSON.parse((await cli(['list', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(out.deployments.map((d: { deployment: string }) => d.deployment)).toEqual(['flow-b/b-nightly']);
  });

  it('why a deployment counts as changed: its changed inputs in one line, three named and the rest counted', async () => {
    const docker = '    build:\n      - prefect_docker.deployments.steps.build_docker_image:\n          image_name: acme/b\n          tag: x\n';
    write('prefect.yaml', `${PREFECT_YAML}${docker}`);
    write('Dockerfile', 'FROM python:3.12\n');
    git('add', '-A');
    git('commit', '-qm', 'b builds an image');
    write('Dockerfile', 'FROM python:3.13\n');
    write('flows/b.py', FLOW_B.replace('n: int = 0', 'n: int = 2'));
    for (const f of ['data/1.csv', 'data/2.csv', 'data/3.csv']) write(f, 'x\n');
    const out = JSON.parse((await cli(['plan', '--all', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(planned(out)).toEqual(['flow-b/b-nightly']);
    expect(out.deployments[0].changed_because).toMatch(
      /^changed since HEAD: flows\/b\.py \(entry\), Dockerfile \(build step\), data\/\d\.csv \(build context\), and 2 more$/,
    );
  });

  it(".dockerignore: a file the image build is not sent does not count; dockerignore's rules, not gitignore's", async () => {
    const docker = '    build:\n      - prefect_docker.deployments.steps.build_docker_image:\n          image_name: acme/b\n          tag: x\n          path: image\n';
    write('prefect.yaml', `${PREFECT_YAML}${docker}`);
    write('image/Dockerfile', 'FROM python:3.12\n');
    // `*.md` is anchored at the context's root (gitignore would match at any depth); `!` re-includes below an excluded directory.
    write('image/.dockerignore', '# not sent\nnotes\n*.md\nbuild/\n!build/keep.txt\n');
    for (const f of ['image/notes/a.txt', 'image/README.md', 'image/sub/README.md', 'image/build/x.txt', 'image/build/keep.txt']) write(f, 'v1\n');
    git('add', '-A');
    git('commit', '-qm', 'b builds image/');
    const changedAfter = async (file: string) => {
      write(file, `${file} v2\n`);
      const out = JSON.parse((await cli(['list', '--changed-since', 'HEAD', '--json'])).stdout);
      git('checkout', '--', '.');
      return out.deployments.map((d: { deployment: string }) => d.deployment);
    };
    expect(await changedAfter('image/notes/a.txt')).toEqual([]);
    expect(await changedAfter('image/README.md')).toEqual([]);
    expect(await changedAfter('image/build/x.txt')).toEqual([]);
    expect(await changedAfter('image/sub/README.md')).toEqual(['flow-b/b-nightly']);
    expect(await changedAfter('image/build/keep.txt')).toEqual(['flow-b/b-nightly']);
    // The .dockerignore itself is always sent: a change to it changes what the build sees.
    expect(await changedAfter('image/.dockerignore')).toEqual(['flow-b/b-nightly']);
  });

  it('a deployment new since REF counts as changed', async () => {
    write('prefect.yaml', `${PREFECT_YAML}  - name: b-hourly\n    entrypoint: flows/b.py:flow_b\n    work_pool: { name: pool }\n`);
    const out = JSON.parse((await cli(['plan', '--all', '--changed-since', 'HEAD', '--json'])).stdout);
    expect(planned(out)).toEqual(['flow-b/b-hourly']);
  });

  it('a REF git cannot resolve is an error', async () => {
    const { code, stderr } = await cli(['plan', '--all', '--changed-since', 'no-such-branch']);
    expect(code).toBe(1);
    expect(stderr).toContain('git cannot resolve no-such-branch to a commit');
  });

  it('a shallow clone without REF: an error telling to fetch the history', async () => {
    write('flows/b.py', FLOW_B.replace('n: int = 0', 'n: int = 2'));
    git('commit', '-qam', 'b');
    const clone = realpathSync(mkdtempSync(path.join(tmpdir(), 'changed-since-shallow-')));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
      const { code, stderr } = await cli(['plan', '--all', '--changed-since', 'HEAD~1'], clone);
      expect(code).toBe(1);
      expect(stderr).toContain('fetch-depth: 0');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

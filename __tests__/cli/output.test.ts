import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGitlabDotenv } from './gitlab-dotenv.js';
import { baseEnv, builtCli } from './spawn-cli.js';
import { dotenvText, fitDotenv, style, useColor, writeFileAtomic } from '../../src/cli/output.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('dotenv report', () => {
  it('writes one KEY=value line per variable that GitLab reads back unchanged', () => {
    const text = dotenvText([
      ['PREFECT_DEPLOY_STATUS', 'success'],
      ['PREFECT_DEPLOY_FAILURE_REASON', ''],
      ['DEPLOYMENTS_CREATED', 'etl/nightly,etl/hourly'],
      ['DEPLOYMENT_URL', 'http://127.0.0.1:4200/deployments/deployment/1?x=a=b'],
      ['QUOTED', '"kept as is"'],
    ]);
    expect(text).toBe(
      'PREFECT_DEPLOY_STATUS=success\nPREFECT_DEPLOY_FAILURE_REASON=\nDEPLOYMENTS_CREATED=etl/nightly,etl/hourly\nDEPLOYMENT_URL=http://127.0.0.1:4200/deployments/deployment/1?x=a=b\nQUOTED="kept as is"\n',
    );
    expect(parseGitlabDotenv(text)).toEqual({
      PREFECT_DEPLOY_STATUS: 'success',
      PREFECT_DEPLOY_FAILURE_REASON: '',
      DEPLOYMENTS_CREATED: 'etl/nightly,etl/hourly',
      DEPLOYMENT_URL: 'http://127.0.0.1:4200/deployments/deployment/1?x=a=b',
      QUOTED: '"kept as is"',
    });
  });

  it('keeps every value on one line, without the outer spaces GitLab would strip', () => {
    const text = dotenvText([['MESSAGE', '  first\r\nsecond\nthird  ']]);
    expect(text).toBe('MESSAGE=first\\nsecond\\nthird\n');
    expect(text.split('\n')).toHaveLength(2);
  });

  it('refuses names GitLab refuses and more variables than it takes', () => {
    expect(() => dotenvText([['BAD-NAME', 'x']])).toThrow(/not a dotenv variable name/);
    expect(() => dotenvText(Array.from({ length: 21 }, (_, i): [string, string] => [`V${i}`, 'x']))).toThrow(/at most 20/);
  });

  it('cuts long lists to stay under 5 KiB, saying how many were left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => `some-flow/deployment-number-${i}`);
    const { variables, truncated } = fitDotenv(
      [['PREFECT_DEPLOY_STATUS', 'success']],
      [
        ['DEPLOYMENTS_CREATED', many],
        ['DEPLOYMENTS_UPDATED', ['a/b']],
        ['DEPLOYMENTS_UNCHANGED', many.slice(0, 50)],
        ['DEPLOYMENTS_FAILED', []],
      ],
    );
    expect(truncated).toBe(true);
    const text = dotenvText(variables);
    expect(Buffer.byteLength(text)).toBeLessThan(5 * 1024);
    const vars = parseGitlabDotenv(text);
    expect(vars.DEPLOYMENTS_UPDATED).toBe('a/b');
    expect(vars.DEPLOYMENTS_FAILED).toBe('');
    const created = vars.DEPLOYMENTS_CREATED!.split(',');
    const shown = created.slice(0, -1);
    expect(created.at(-1)).toBe(`+${400 - shown.length} more`);
    expect(shown).toEqual(many.slice(0, shown.length));
    expect(shown.length).toBeGreaterThan(20);
    // The order of the variables is kept, whatever order the lists were sized in.
    expect(Object.keys(vars)).toEqual(['PREFECT_DEPLOY_STATUS', 'DEPLOYMENTS_CREATED', 'DEPLOYMENTS_UPDATED', 'DEPLOYMENTS_UNCHANGED', 'DEPLOYMENTS_FAILED']);
  });

  it('leaves short lists whole', () => {
    const { variables, truncated } = fitDotenv([], [['DEPLOYMENTS_CREATED', ['a/b', 'c/d']]]);
    expect(truncated).toBe(false);
    expect(variables).toEqual([['DEPLOYMENTS_CREATED', 'a/b,c/d']]);
  });
});

describe('writeFileAtomic', () => {
  it('creates missing folders, replaces the file whole and leaves no temporary file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'));
    dirs.push(dir);
    const file = path.join(dir, 'out', 'result.json');
    writeFileAtomic(file, '{"a":1}\n');
    writeFileAtomic(file, '{"b":2}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"b":2}\n');
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['result.json']);
  });

  it('fails without touching the old file when the target cannot be replaced', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'blocker'), 'a file, not a folder');
    expect(() => writeFileAtomic(path.join(dir, 'blocker', 'x.json'), '{}')).toThrow();
    expect(readdirSync(dir)).toEqual(['blocker']);
  });
});

describe('colour', () => {
  it.each([
    [{ noColorFlag: false, env: {}, isTTY: true }, true],
    [{ noColorFlag: false, env: {}, isTTY: false }, false],
    [{ noColorFlag: true, env: {}, isTTY: true }, false],
    [{ noColorFlag: true, env: { FORCE_COLOR: '1' }, isTTY: true }, false],
    [{ noColorFlag: false, env: { NO_COLOR: '1' }, isTTY: true }, false],
    [{ noColorFlag: false, env: { NO_COLOR: '' }, isTTY: true }, true],
    [{ noColorFlag: false, env: { FORCE_COLOR: '1' }, isTTY: false }, true],
    [{ noColorFlag: false, env: { FORCE_COLOR: '0' }, isTTY: true }, false],
    [{ noColorFlag: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false }, true],
    [{ noColorFlag: false, env: { TERM: 'dumb' }, isTTY: true }, false],
  ])('%j → %s', (choice, expected) => {
    expect(useColor(choice)).toBe(expected);
  });

  it('paints with SGR codes only when on', () => {
    expect(style(true).red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(style(false).red('x')).toBe('x');
  });
});

describe('a reader that closes the pipe early', () => {
  // The built CLI in a real shell pipeline whose reader (`true`) is gone before the CLI starts
  // writing; bash's PIPESTATUS gives the CLI's own exit status.
  const pipeline = async (command: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipe-'));
    dirs.push(dir);
    const out = execFileSync('bash', ['-c', `${command}; echo "\${PIPESTATUS[0]}"`], {
      cwd: dir,
      env: { ...baseEnv(dir), NODE: process.execPath, CLI: await builtCli() },
      encoding: 'utf8',
    });
    return { status: Number(out.trim()), stderr: readFileSync(path.join(dir, 'stderr'), { encoding: 'utf8', flag: 'a+' }) };
  };

  it('on stdout: exits quietly with the status of a closed pipe (141), no EPIPE stack trace', async () => {
    const { status, stderr } = await pipeline('"$NODE" "$CLI" plan --help 2>stderr | true');
    expect(stderr).toBe('');
    expect(status).toBe(141);
  });

  it('on stderr: the same', async () => {
    const { status } = await pipeline('"$NODE" "$CLI" plan --no-such-flag 2>&1 >stdout | true');
    expect(status).toBe(141);
  });
});

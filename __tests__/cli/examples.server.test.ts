/**
 * The CI examples in examples/ run as their CI would run them, on a copy of the example project
 * against a real Prefect server: each file parses, the jobs its rules/conditions select for a
 * merge request and for the default branch run their script lines in a shell (with `npx` standing
 * in for the registry: it runs the CLI built from this checkout), their artifacts exist, and on
 * GitLab the dotenv report reaches the later job as variables, read by GitLab's rules.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseGitlabDotenv } from './gitlab-dotenv.js';
import { baseEnv, builtCli } from './spawn-cli.js';

const apiUrl = inject('prefectApiUrl');
const root = path.resolve(import.meta.dirname, '../..');
const examples = path.join(root, 'examples');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `examples-${RUN}`;
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

const dirs: string[] = [];
let home: string;
let shimDir: string;
beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'examples-home-'));
  dirs.push(home);
  shimDir = path.join(home, 'bin');
  mkdirSync(shimDir);
  const cli = await builtCli();
  writeFileSync(
    path.join(shimDir, 'npx'),
    `#!/bin/sh
# npx stand-in: \`npx [--yes] prefect-deploy ARGS\` runs the CLI built from this checkout; anything else fails.
while [ $# -gt 0 ]; do
  case "$1" in
    --yes|-y) shift ;;
    prefect-deploy) shift; exec '${process.execPath}' '${cli}' "$@" ;;
    *) echo "npx stand-in: unexpected argument $1" >&2; exit 97 ;;
  esac
done
echo "npx stand-in: no command" >&2
exit 97
`,
  );
  chmodSync(path.join(shimDir, 'npx'), 0o755);
  const res = await fetch(`${apiUrl}/work_pools/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: POOL, type: 'process' }),
  });
  if (!res.ok) throw new Error(`creating the work pool: ${res.status} ${await res.text()}`);
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * A git checkout of examples/local-etl whose deployments and pool are this run's own (the server is
 * shared with other test files), as the root of the repository the CI file is copied into.
 */
function checkout(tag: string): { dir: string; deployments: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), `examples-${tag}-`));
  dirs.push(dir);
  cpSync(path.join(examples, 'local-etl'), dir, { recursive: true });
  const file = path.join(dir, 'prefect.yaml');
  const suffix = `-${tag}-${RUN}`;
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replaceAll('name: k8s-prod', `name: ${POOL}`)
      .replace(/^( {2}- name: )(\S+)$/gm, `$1$2${suffix}`),
  );
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'Deploy flows');
  return { dir, deployments: [`sales-etl/sales-nightly${suffix}`, `sales-etl/sales-hourly-us${suffix}`, `refresh-dashboards/dashboards${suffix}`] };
}

/** Runs one script line as the CI's shell does (`sh -e`), with `npx` the stand-in. */
function sh(line: string, cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile('sh', ['-ec', line], { cwd, env: { ...env, PATH: `${shimDir}:${env.PATH}` }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const common = () => ({ ...baseEnv(home), PREFECT_API_URL: apiUrl, IMAGE_TAG: '1.0.0' });

interface GitlabJob {
  name: string;
  stage: string;
  rules?: Array<{ if?: string }>;
  script: string[];
  needs?: string[];
  artifacts?: { when?: string; paths?: string[]; reports?: { dotenv?: string } };
}

interface JobRun {
  code: number;
  stdout: string;
  stderr: string;
  dotenv?: Record<string, string>;
}

/** GitLab's way through a pipeline file, as far as the examples use it. */
function gitlabRunner(pipeline: Record<string, unknown>) {
  const RESERVED = new Set(['stages', 'default', 'variables', 'cache', 'image', 'services', 'include', 'workflow', 'before_script', 'after_script']);
  const jobs: GitlabJob[] = Object.entries(pipeline)
    .filter(([name, v]) => !RESERVED.has(name) && !name.startsWith('.') && typeof v === 'object')
    .map(([name, v]) => ({ name, ...(v as Omit<GitlabJob, 'name'>) }));
  const stages = ['.pre', ...(pipeline.stages as string[]), '.post'];

  /** The two forms of `rules: if:` the examples use; anything else fails so they cannot drift unchecked. */
  const ruleMatches = (expr: string, vars: Record<string, string>): boolean => {
    const m = /^\$(\w+) == (?:"([^"]*)"|\$(\w+))$/.exec(expr.trim());
    if (!m) throw new Error(`rule the test does not evaluate: ${expr}`);
    const right = m[2] ?? vars[m[3]!];
    return vars[m[1]!] !== undefined && vars[m[1]!] === right;
  };
  const expand = (value: string, vars: Record<string, string>) => value.replace(/\$\{?(\w+)\}?/g, (_, name: string) => vars[name] ?? '');

  /** Runs a pipeline: the jobs its rules select, stage by stage, each job's dotenv report passed on to later jobs. */
  return async (dir: string, predefined: Record<string, string>): Promise<Record<string, JobRun>> => {
    const vars: Record<string, string> = {
      ...common(),
      CI: 'true',
      GITLAB_CI: 'true',
      CI_PROJECT_DIR: dir,
      CI_PROJECT_NAME: 'etl',
      CI_PROJECT_URL: 'https://gitlab.example.com/acme/etl',
      CI_COMMIT_SHA: SHA,
      CI_DEFAULT_BRANCH: 'main',
      ...predefined,
    };
    for (const [k, v] of Object.entries((pipeline.variables ?? {}) as Record<string, string>)) vars[k] = expand(String(v), vars);
    const selected = jobs.filter((j) => (j.rules ?? [{}]).some((r) => r.if === undefined || ruleMatches(r.if, vars)));
    selected.sort((a, b) => stages.indexOf(a.stage ?? 'test') - stages.indexOf(b.stage ?? 'test'));
    const ran: Record<string, JobRun> = {};
    const reports: Record<string, string> = {};
    for (const job of selected) {
      for (const need of job.needs ?? []) expect(ran[need], `${job.name} needs ${need}`).toBeDefined();
      let last = { code: 0, stdout: '', stderr: '' };
      for (const line of job.script) {
        last = await sh(line, dir, { ...vars, ...reports });
        if (last.code !== 0) break;
      }
      const record: JobRun = { ...last };
      for (const p of job.artifacts?.paths ?? []) expect(existsSync(path.join(dir, p)), `${job.name}: artifact ${p}`).toBe(true);
      const dotenv = job.artifacts?.reports?.dotenv;
      if (dotenv) {
        record.dotenv = parseGitlabDotenv(readFileSync(path.join(dir, dotenv), 'utf8'));
        Object.assign(reports, record.dotenv);
      }
      ran[job.name] = record;
    }
    return ran;
  };
}

const MERGE_REQUEST = { CI_PIPELINE_SOURCE: 'merge_request_event', CI_COMMIT_REF_NAME: 'feature/etl', CI_MERGE_REQUEST_IID: '12' };
const DEFAULT_BRANCH = { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_REF_NAME: 'main', CI_COMMIT_BRANCH: 'main' };

describe('examples/.gitlab-ci.yml', () => {
  const runPipeline = gitlabRunner(parse(readFileSync(path.join(examples, '.gitlab-ci.yml'), 'utf8')) as Record<string, unknown>);

  it('plans on merge requests and deploys on the default branch; later jobs read the dotenv report', async () => {
    const { dir, deployments } = checkout('gitlab');
    const mr = await runPipeline(dir, MERGE_REQUEST);
    expect(Object.keys(mr)).toEqual(['plan']);
    expect(mr.plan!.code, mr.plan!.stderr).toBe(0);
    expect(mr.plan!.stdout).toContain('3 to create, 0 to update, 0 unchanged');
    expect(mr.plan!.dotenv).toMatchObject({ PREFECT_DEPLOY_STATUS: 'success', PREFECT_PLAN_HAS_CHANGES: 'true', DEPLOYMENTS_TO_CREATE: deployments.join(',') });
    expect(JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')).deployments).toHaveLength(3);

    const main = await runPipeline(dir, DEFAULT_BRANCH);
    expect(Object.keys(main)).toEqual(['deploy', 'deploy-summary']);
    expect(main.deploy!.code, main.deploy!.stderr).toBe(0);
    expect(main.deploy!.stdout).toMatch(/^prefect-deploy on GitLab CI: ref main, commit a1b2c3d4$/m);
    expect(main.deploy!.stdout).toMatch(/^3 created, 0 updated, 0 unchanged, 0 failed in \d+\.\ds$/m);
    expect(main['deploy-summary']!.stdout.trim()).toBe(`prefect-deploy success; created ${deployments.join(',')}; updated ; unchanged`);
    expect(JSON.parse(readFileSync(path.join(dir, 'deploy.json'), 'utf8')).deployments.map((d: { action: string }) => d.action)).toEqual([
      'created',
      'created',
      'created',
    ]);

    const again = await runPipeline(dir, MERGE_REQUEST);
    expect(again.plan!.dotenv).toMatchObject({ PREFECT_PLAN_HAS_CHANGES: 'false', DEPLOYMENTS_UNCHANGED: deployments.join(','), DEPLOYMENTS_TO_CREATE: '' });
  });
});

// The README's short pipeline and the full one of docs/ci.md: each the first yaml block after its heading.
describe.each([
  ['README.md', '## Other CI systems', 'readme'],
  ['docs/ci.md', '# In CI: GitLab, Bitbucket, Azure Pipelines, Jenkins', 'docs-ci'],
])('the GitLab pipeline of %s', (file, heading, tag) => {
  const text = readFileSync(path.join(root, file), 'utf8');
  const at = text.indexOf(`${heading}\n`);
  const block = at === -1 ? undefined : /```yaml\n([\s\S]*?)```/.exec(text.slice(at))?.[1];

  it('works as written: plan on a merge request, deploy on the default branch', async () => {
    expect(at, `${file} has no "${heading}" section`).toBeGreaterThan(-1);
    expect(block).toContain('prefect-deploy deploy');
    const runPipeline = gitlabRunner(parse(block!) as Record<string, unknown>);
    const { dir, deployments } = checkout(tag);
    const mr = await runPipeline(dir, MERGE_REQUEST);
    expect(Object.keys(mr)).toEqual(['plan']);
    expect(mr.plan!.code, mr.plan!.stderr).toBe(0);
    const main = await runPipeline(dir, DEFAULT_BRANCH);
    expect(Object.keys(main)).toEqual(['deploy']);
    expect(main.deploy!.code, main.deploy!.stderr).toBe(0);
    expect(main.deploy!.dotenv).toMatchObject({ PREFECT_DEPLOY_STATUS: 'success', DEPLOYMENTS_CREATED: deployments.join(',') });
  });
});

describe('examples/bitbucket-pipelines.yml', () => {
  const file = parse(readFileSync(path.join(examples, 'bitbucket-pipelines.yml'), 'utf8')) as {
    pipelines: {
      'pull-requests': Record<string, Array<{ step: { script: string[]; artifacts?: string[] } }>>;
      branches: Record<string, Array<{ step: { script: string[]; artifacts?: string[] } }>>;
    };
  };

  async function runSteps(dir: string, steps: Array<{ step: { script: string[]; artifacts?: string[] } }>, env: Record<string, string>) {
    const results = [];
    for (const { step } of steps) {
      for (const line of step.script) {
        const r = await sh(line, dir, env);
        expect(r.code, `${line}\n${r.stderr}`).toBe(0);
        results.push(r);
      }
      for (const a of step.artifacts ?? []) expect(existsSync(path.join(dir, a)), a).toBe(true);
    }
    return results;
  }

  it('plans on pull requests and deploys on main', async () => {
    const { dir } = checkout('bitbucket');
    const bitbucket = {
      ...common(),
      CI: 'true',
      BITBUCKET_BUILD_NUMBER: '7',
      BITBUCKET_COMMIT: SHA,
      BITBUCKET_REPO_SLUG: 'etl',
      BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/acme/etl',
      BITBUCKET_CLONE_DIR: dir,
    };
    await runSteps(dir, file.pipelines['pull-requests']['**']!, { ...bitbucket, BITBUCKET_BRANCH: 'feature/etl', BITBUCKET_PR_ID: '3' });
    expect(JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')).deployments.map((d: { action: string }) => d.action)).toEqual(['created', 'created', 'created']);
    await runSteps(dir, file.pipelines.branches.main!, { ...bitbucket, BITBUCKET_BRANCH: 'main' });
    const deployed = JSON.parse(readFileSync(path.join(dir, 'deploy.json'), 'utf8'));
    expect(deployed.deployments.map((d: { action: string }) => d.action)).toEqual(['created', 'created', 'created']);
    const stored = (await (await fetch(`${apiUrl}/deployments/${deployed.deployments[0].id}`)).json()) as { version: string };
    // version from Bitbucket's variables, as the reference infers it.
    expect(stored.version).toBe(SHA.slice(0, 8));
  });
});

describe('examples/azure-pipelines.yml', () => {
  const file = parse(readFileSync(path.join(examples, 'azure-pipelines.yml'), 'utf8')) as {
    steps: Array<{ script?: string; condition?: string; env?: Record<string, string> }>;
  };

  /** Azure's condition functions the example uses: and, eq, ne, succeeded, variables['Name']. */
  function condition(expr: string, variables: Record<string, string>): boolean | string {
    let i = 0;
    const skip = () => {
      while (expr[i] === ' ') i++;
    };
    const value = (): boolean | string => {
      skip();
      if (expr[i] === "'") {
        const end = expr.indexOf("'", i + 1);
        const s = expr.slice(i + 1, end);
        i = end + 1;
        return s;
      }
      const variable = /^variables\['([^']+)'\]/.exec(expr.slice(i));
      if (variable) {
        i += variable[0].length;
        return variables[variable[1]!] ?? '';
      }
      const fn = /^(\w+)\(/.exec(expr.slice(i));
      if (!fn) throw new Error(`condition the test does not evaluate: ${expr}`);
      i += fn[0].length;
      const args: Array<boolean | string> = [];
      skip();
      while (expr[i] !== ')') {
        args.push(value());
        skip();
        if (expr[i] === ',') i++;
        skip();
      }
      i++;
      const eq = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();
      switch (fn[1]) {
        case 'and':
          return args.every(Boolean);
        case 'eq':
          return eq(args[0], args[1]);
        case 'ne':
          return !eq(args[0], args[1]);
        case 'succeeded':
          return true;
        default:
          throw new Error(`condition function the test does not evaluate: ${fn[1]}`);
      }
    };
    return value();
  }

  async function run(dir: string, variables: Record<string, string>) {
    const ran: string[] = [];
    for (const step of file.steps) {
      if (!step.script || (step.condition && !condition(step.condition, variables))) continue;
      // Pipeline variables reach a script as upper-case environment variables with _ for .; secrets only through env:.
      const env: Record<string, string> = {
        ...common(),
        TF_BUILD: 'True',
        BUILD_SOURCEVERSION: SHA,
        BUILD_REPOSITORY_NAME: 'etl',
        BUILD_REPOSITORY_URI: 'https://dev.azure.com/acme/etl/_git/etl',
        BUILD_SOURCESDIRECTORY: dir,
      };
      for (const [k, v] of Object.entries(variables)) env[k.toUpperCase().replaceAll('.', '_')] = v;
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = v.replace(/\$\(([\w.]+)\)/g, (_, name: string) => variables[name] ?? '');
      const r = await sh(step.script, dir, env);
      expect(r.code, `${step.script}\n${r.stderr}`).toBe(0);
      ran.push(step.script.split(' ')[3]!);
    }
    return ran;
  }

  it('plans on pull requests and deploys on main', async () => {
    const { dir } = checkout('azure');
    const secrets = { PREFECT_API_URL: apiUrl, PREFECT_API_KEY: '' };
    expect(await run(dir, { ...secrets, 'Build.Reason': 'PullRequest', 'Build.SourceBranch': 'refs/pull/5/merge', 'Build.SourceBranchName': 'merge' })).toEqual(['plan']);
    expect(JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')).deployments).toHaveLength(3);
    expect(await run(dir, { ...secrets, 'Build.Reason': 'IndividualCI', 'Build.SourceBranch': 'refs/heads/main', 'Build.SourceBranchName': 'main' })).toEqual(['deploy']);
    expect(JSON.parse(readFileSync(path.join(dir, 'deploy.json'), 'utf8')).failure_reason).toBeNull();
  });
});

describe('examples/Jenkinsfile', () => {
  it('runs the plan and the deploy stage commands', async () => {
    const text = readFileSync(path.join(examples, 'Jenkinsfile'), 'utf8');
    const commands = [...text.matchAll(/^\s*sh '([^']+)'$/gm)].map((m) => m[1]!);
    expect(commands.map((c) => c.split(' ')[3])).toEqual(['plan', 'deploy']);
    const { dir } = checkout('jenkins');
    const env = {
      ...common(),
      JENKINS_URL: 'https://ci.example.com/',
      BUILD_URL: 'https://ci.example.com/job/etl/main/1/',
      BRANCH_NAME: 'main',
      GIT_COMMIT: SHA,
      npm_config_cache: path.join(dir, '.npm'),
    };
    for (const command of commands) {
      const r = await sh(command, dir, env);
      expect(r.code, `${command}\n${r.stderr}`).toBe(0);
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'deploy.json'), 'utf8')).deployments.map((d: { action: string }) => d.action)).toEqual([
      'created',
      'created',
      'created',
    ]);
  });
});

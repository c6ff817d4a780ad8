import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { prefectYamlSchema } from '../../src/cli/schema.js';

const root = path.resolve(import.meta.dirname, '../..');

function findPrefectFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...findPrefectFiles(full));
    else if (/^prefect.*\.ya?ml$/.test(entry)) out.push(full);
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(prefectYamlSchema());
const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe('prefect-deploy schema', () => {
  it('prints the committed schema/prefect-yaml.schema.json (regenerate: node dist/cli.js schema > schema/prefect-yaml.schema.json)', async () => {
    let stdout = '';
    const code = await main(['schema'], { stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`), stderr: () => {}, cwd: root, env: {}, now: () => new Date() });
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(path.join(root, 'schema', 'prefect-yaml.schema.json'), 'utf8'));
    expect(JSON.parse(stdout).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('is a valid draft-07 schema', () => {
    expect(ajv.validateSchema(prefectYamlSchema())).toBe(true);
  });

  const files = [
    ...findPrefectFiles(path.join(root, 'examples')),
    ...findPrefectFiles(path.join(root, '__tests__', 'fixtures', 'projects')),
    ...findPrefectFiles(path.join(root, 'recipes')),
  ];
  it('finds the example, fixture and recipe files', () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
  });
  it.each(files.map((f) => [path.relative(root, f)]))('accepts %s', (file) => {
    expect(errorsOf(parse(readFileSync(path.join(root, file), 'utf8'), { merge: true, logLevel: 'error' }))).toEqual([]);
  });

  it.each([
    ['a step with two names', 'pull:\n  - prefect.deployments.steps.git_clone: {repository: x}\n    prefect.deployments.steps.set_working_directory: {directory: y}\n'],
    ['a typo in a built-in step', 'build:\n  - prefect.deployments.steps.run_shell_scrip: {script: echo}\n'],
    ['an unknown input of a built-in step', 'build:\n  - prefect.deployments.steps.run_shell_script: {scrpt: echo}\n'],
    ['a deployment name with a slash', 'deployments:\n  - name: a/b\n'],
    ['a concurrency mapping without collision_strategy', 'deployments:\n  - name: a\n    concurrency_limit: {limit: 2}\n'],
    ['a grace period out of range', 'deployments:\n  - name: a\n    concurrency_limit: {limit: 2, collision_strategy: ENQUEUE, grace_period_seconds: 5}\n'],
    ['a schedule with cron and interval', 'deployments:\n  - name: a\n    schedules:\n      - cron: "0 * * * *"\n        interval: 60\n'],
    ['an unknown deployment key', 'deployments:\n  - name: a\n    schedule_s: []\n'],
    ['an unknown work_pool key', 'deployments:\n  - name: a\n    work_pool: {name: p, job_variable: {}}\n'],
    ['a bad version_type', 'deployments:\n  - name: a\n    version_type: svn\n'],
    ['a number as version', 'deployments:\n  - name: a\n    version: 1.0\n'],
    ['deployments as a mapping', 'deployments:\n  name: a\n'],
  ])('rejects %s', (_title, text) => {
    expect(errorsOf(parse(text))).not.toEqual([]);
  });

  it('accepts custom steps, templated version types and the single-step form', () => {
    const doc = parse(
      'build:\n  my_pkg.steps:do_it: {anything: 1, id: x}\npush: {}\ndeployments:\n  - name: a\n    version_type: "{{ $VT }}"\n    tags: "a,b"\n    paused: "yes"\n    concurrency_limit: "3"\n    triggers: [{enabled: true}]\n    sla: null\n',
    );
    expect(errorsOf(doc)).toEqual([]);
  });
});

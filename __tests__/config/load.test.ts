import { describe, expect, it } from 'vitest';
import { parsePrefectFile } from '../../src/core/config/index.js';
import { formatDiagnostic } from '../../src/core/diagnostics.js';
import { PythonFloat } from '../../src/core/values/index.js';

const load = (text: string) => parsePrefectFile(text, 'prefect.yaml');
const errors = (text: string) => load(text).diagnostics.filter((d) => d.severity === 'error');
const warnings = (text: string) => load(text).diagnostics.filter((d) => d.severity === 'warning');

describe('YAML 1.1 loading', () => {
  it('reads values as PyYAML safe_load does', () => {
    const { prefectFile } = load(`
deployments:
  - name: a
    entrypoint: f.py:f
    paused: yes
    parameters: {octal: 0123, sexagesimal: 1:30:00, under: 1_000, flag: off, nothing: ~, day: 2024-01-01, at: 2024-01-01T10:00:00Z, local: "2024-01-01 10:00:00"}
`);
    expect(prefectFile!.deployments[0]).toEqual({
      name: 'a',
      entrypoint: 'f.py:f',
      paused: true,
      parameters: { octal: 83, sexagesimal: 5400, under: 1000, flag: false, nothing: null, day: '2024-01-01', at: '2024-01-01T10:00:00Z', local: '2024-01-01 10:00:00' },
    });
  });

  it('expands anchors, aliases and merge keys (also lists of them) as PyYAML 6.0.4: the last merged mapping wins, explicit keys win over merged ones', () => {
    const { prefectFile, diagnostics } = load(`
definitions:
  pool: &pool {name: k8s, work_queue_name: default, job_variables: {cpu: 1}}
  extra: &extra {job_variables: {cpu: 2}}
deployments:
  - name: a
    entrypoint: f.py:f
    work_pool: *pool
  - name: b
    entrypoint: f.py:f
    work_pool:
      <<: [*extra, *pool]
      work_queue_name: fast
`);
    expect(diagnostics).toEqual([]);
    expect(prefectFile!.deployments[0]!.work_pool).toEqual({ name: 'k8s', work_queue_name: 'default', job_variables: { cpu: 1 } });
    expect(prefectFile!.deployments[1]!.work_pool).toEqual({ name: 'k8s', work_queue_name: 'fast', job_variables: { cpu: 1 } });
  });

  it('reads exponents as PyYAML does: a float needs a dot and a signed exponent', () => {
    const { prefectFile } = load('deployments:\n  - name: a\n    parameters: {a: 1.5e3, b: 1.5e+3, c: 1e+3, d: 0.5e-3, e: .5}\n');
    expect(prefectFile!.deployments[0]!.parameters).toEqual({ a: '1.5e3', b: new PythonFloat(1500), c: '1e+3', d: 0.0005, e: 0.5 });
    expect(JSON.stringify(prefectFile!.deployments[0]!.parameters)).toBe('{"a":"1.5e3","b":1500.0,"c":"1e+3","d":0.0005,"e":0.5}');
  });

  it('keeps duplicate keys, last one wins', () => {
    const { prefectFile } = load('deployments:\n  - name: a\n    name: b\n    entrypoint: f.py:f\n');
    expect(prefectFile!.deployments[0]!.name).toBe('b');
  });

  it('reports malformed YAML with its position and no stack', () => {
    const d = errors('deployments:\n  - name: a\n   entrypoint: [\n');
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]!.line).toBeGreaterThan(1);
    expect(formatDiagnostic(d[0]!)).toMatch(/^prefect\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(errors('')[0]!.message).toMatch(/empty/);
    expect(errors('- a\n- b\n')[0]!.message).toMatch(/must be a mapping/);
  });
});

describe('validation', () => {
  const cases: { yaml: string; line: number; message: RegExp }[] = [
    { yaml: 'deployments:\n  - name: a\n    version: 1.0\n', line: 3, message: /"version" must be a string, got the number 1\.0 \(quote it: version: "1\.0"\)/ },
    { yaml: 'deployments:\n  - name: 123\n', line: 2, message: /"name" must be a string/ },
    { yaml: 'deployments:\n  - name: a\n    paused: maybe\n', line: 3, message: /"paused" must be a boolean/ },
    { yaml: 'deployments:\n  - name: a\n    parameters: null\n', line: 3, message: /"parameters" must be a mapping/ },
    { yaml: 'deployments:\n  - name: a\n    work_pool:\n      name: p\n      job_variables: null\n', line: 5, message: /"job_variables" must be a mapping/ },
    { yaml: 'deployments:\n  - name: a\n    concurrency_limit: lots\n', line: 3, message: /must be an integer/ },
    { yaml: 'deployments:\n  - name: a\n    concurrency_limit: {limit: 2, collision_strategy: DROP}\n', line: 3, message: /ENQUEUE or CANCEL_NEW/ },
    { yaml: 'deployments:\n  - name: a\n    tags: 5\n', line: 3, message: /"tags" must be a list/ },
    { yaml: 'deployments:\n  - name: a/b\n', line: 2, message: /must not contain/ },
    { yaml: 'deployments:\n  - name: a\n    version_type: vcs:svn\n', line: 3, message: /unknown version_type/ },
    { yaml: 'deployments: {a: 1}\n', line: 1, message: /"deployments" must be a list/ },
    { yaml: 'build:\n  - just-a-string\n', line: 2, message: /each step must be a mapping/ },
    {
      yaml: 'build:\n  - prefect.deployments.steps.run_shell_script:\n      script: echo\n    prefect.deployments.steps.git_clone: {}\n',
      line: 2,
      message: /exactly one key/,
    },
    {
      yaml: 'build:\n  - prefect.deployments.steps.run_shell_scrip:\n      script: echo\n',
      line: 2,
      message: /unknown step "prefect\.deployments\.steps\.run_shell_scrip" \(did you mean "prefect\.deployments\.steps\.run_shell_script"\?\)/,
    },
    { yaml: 'push:\n  - prefect_aws.deployments.steps.push_to_s4: {bucket: b}\n', line: 2, message: /unknown step/ },
    { yaml: 'build:\n  - prefect.deployments.steps.run_shell_script:\n      scrpt: echo\n', line: 3, message: /no input "scrpt" \(did you mean "script"\?\)/ },
    { yaml: 'build:\n  - prefect.deployments.steps.run_shell_script:\n', line: 2, message: /has no inputs/ },
    { yaml: 'deployments:\n  - name: a\n    schedules:\n      - cron: "0 * * * *"\n        interval: 60\n', line: 4, message: /./ },
    { yaml: 'deployments:\n  - name: a\n    schedule: {cron: "* * * * *"}\n    schedules: []\n', line: 3, message: /both "schedule" and "schedules"/ },
  ];
  it.each(cases)('$message', ({ yaml, line, message }) => {
    const found = errors(yaml);
    expect(found.map((d) => d.message).join('\n')).toMatch(message);
    expect(found.find((d) => message.test(d.message))!.line).toBe(line);
  });

  it('names the deployment in every deployment-level error and reports them all at once', () => {
    const found = errors('deployments:\n  - name: first\n    version: 2\n  - name: second\n    paused: sometimes\n  - entrypoint: 5\n');
    expect(found.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^prefect\.yaml:3:14: deployment "first": "version" must be a string/),
      expect.stringMatching(/^prefect\.yaml:5:13: deployment "second": "paused" must be a boolean/),
      expect.stringMatching(/^prefect\.yaml:6:17: deployment "#3": "entrypoint" must be a string/),
    ]);
  });

  it('names the key path in every schedule error, and points at a key that should not be there', () => {
    const found = errors(
      'deployments:\n  - name: etl\n    schedules:\n      - cron: "0 2 * * *"\n        foo: 1\n      - interval: 5m\n  - name: old\n    schedule:\n      cron: 5\n',
    );
    expect(found.map(formatDiagnostic)).toEqual([
      'prefect.yaml:5:9: deployment "etl": schedules[0].foo: extra key not permitted (remove it; allowed: cron, interval, rrule, timezone, anchor_date, day_or, active, parameters, slug, replaces)',
      'prefect.yaml:6:19: deployment "etl": schedules[1].interval: Input should be a valid timedelta, invalid duration "5m"',
      'prefect.yaml:9:13: deployment "old": schedule.cron: Input should be a valid string',
    ]);
  });

  it('warns about unknown keys with a did-you-mean, pointing at the key', () => {
    const w = warnings('deployments:\n  - name: a\n    schedule_s: []\n    work_pool:\n      name: p\n      job_variable: {}\n');
    expect(w.map(formatDiagnostic)).toEqual([
      'prefect.yaml:3:5: warning: deployment "a": unknown key "schedule_s" in a deployment is ignored (did you mean "schedules"?)',
      'prefect.yaml:6:7: warning: deployment "a": unknown key "job_variable" in work_pool is ignored (did you mean "job_variables"?)',
    ]);
  });

  it('does not warn about definitions and other keys prefect init writes', () => {
    expect(warnings('definitions: {a: 1}\ndescription: x\nrequired_inputs: {}\ndeployments: []\n')).toEqual([]);
  });

  it('normalizes like the reference model dump: lax booleans and ints, single-mapping actions, unknown keys dropped', () => {
    const { prefectFile } = load(`
build:
  prefect.deployments.steps.run_shell_script: {script: echo hi}
pull: []
deployments:
  - name: a
    paused: "on"
    enforce_parameter_schema: 0
    concurrency_limit: "5"
    push: {}
    work_pool: {name: p, extra: 1}
`);
    expect(prefectFile!.actions).toEqual({ build: [{ 'prefect.deployments.steps.run_shell_script': { script: 'echo hi' } }], push: [], pull: [] });
    expect(prefectFile!.deployments[0]).toEqual({ name: 'a', paused: true, enforce_parameter_schema: false, concurrency_limit: 5, push: {}, work_pool: { name: 'p' } });
  });

  it('positions problems that sit behind an alias at the anchored node', () => {
    const found = errors('definitions:\n  pool: &pool\n    name: 7\ndeployments:\n  - name: a\n    work_pool: *pool\n');
    expect(found[0]!.line).toBe(3);
    expect(found[0]!.deployment).toBe('a');
  });
});

/**
 * A custom step with `requires:` through the built CLI (`prefect-deploy deploy`, as dist/cli.js
 * runs it) against a real Prefect server: the requirement is not on the runner's Python, so it is
 * installed into a cached environment from a wheel built here (pip with PIP_NO_INDEX and
 * PIP_FIND_LINKS: no network), and the step's output reaches the stored deployment. Also: a
 * runner without a usable Python stops the deploy before any step runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseEnv, spawnCli } from '../cli/spawn-cli.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);
const POOL = `custom-requires-${RUN}`;
/** Distribution and module of the wheel built below; `requires:` names the distribution, as in prefect.yaml. */
const DISTRIBUTION = 'deploy-action-e2e-helper';
const MODULE = 'deploy_action_e2e_helper';

/** Writes a pure-Python wheel by hand (a zip with dist-info), so no build backend or index is needed. */
const WHEEL_SCRIPT = String.raw`
import base64, hashlib, sys, zipfile
out, module = sys.argv[1], sys.argv[2]
dist = module + "-1.0.dist-info"
files = {
    module + "/__init__.py": 'GREETING = "hello from the wheel"\n',
    dist + "/METADATA": "Metadata-Version: 2.1\nName: ${DISTRIBUTION}\nVersion: 1.0\n",
    dist + "/WHEEL": "Wheel-Version: 1.0\nGenerator: deploy-action-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
}
record = []
with zipfile.ZipFile(out + "/" + module + "-1.0-py3-none-any.whl", "w") as whl:
    for name, text in files.items():
        data = text.encode()
        whl.writestr(name, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
    record.append(dist + "/RECORD,,")
    whl.writestr(dist + "/RECORD", "\n".join(record) + "\n")
`;

const STEPS_MODULE = `import ${MODULE}


def greet(who):
    return {"greeting": f"{${MODULE}.GREETING} to {who}", "module_file": ${MODULE}.__file__}
`;

const FLOW = `from prefect import flow


@flow(name="greeter-${RUN}")
def greeter():
    pass
`;

const prefectYaml = (deployment: string, first: string) => `build:
  - prefect.deployments.steps.run_shell_script:
      script: ${first}
  - deploy_steps.greet:
      id: greet
      requires: ${DISTRIBUTION}==1.0
      who: ci
deployments:
  - name: ${deployment}
    entrypoint: flows/f.py:greeter
    description: "{{ greet.greeting }} (from {{ greet.module_file }})"
    work_pool: {name: ${POOL}}
`;

let scratch: string;
let wheels: string;
beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'custom-requires-')));
  wheels = path.join(scratch, 'wheels');
  mkdirSync(wheels);
  execFileSync('python3', ['-c', WHEEL_SCRIPT, wheels, MODULE]);
  const res = await fetch(`${apiUrl}/work_pools/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: POOL, type: 'process' }),
  });
  if (!res.ok) throw new Error(`creating work pool ${POOL}: ${res.status} ${await res.text()}`);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(name: string, yaml: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  writeFileSync(path.join(dir, 'flows', 'f.py'), FLOW);
  writeFileSync(path.join(dir, 'deploy_steps.py'), STEPS_MODULE);
  writeFileSync(path.join(dir, 'prefect.yaml'), yaml);
  return dir;
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseEnv(path.join(scratch, 'home')),
    PREFECT_API_URL: apiUrl,
    XDG_CACHE_HOME: path.join(scratch, 'cache'),
    // pip reads its options from the environment: the local wheel only, no index, no version check.
    PIP_NO_INDEX: '1',
    PIP_FIND_LINKS: wheels,
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    ...extra,
  };
}

describe('prefect-deploy deploy with a custom step that requires a package', () => {
  it('installs the requirement into a cached environment and stores what the step returned', async () => {
    // The runner's Python must not have it already, or no environment would be built.
    expect(() => execFileSync('python3', ['-c', `import ${MODULE}`], { stdio: 'ignore' })).toThrow();
    const dir = project('ok', prefectYaml('greeting', '/bin/echo first'));
    const result = await spawnCli(['deploy', '--all', '--json'], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const venvs = path.join(scratch, 'cache', 'deploy-action', 'steps-venvs');
    const built = readdirSync(venvs);
    expect(built).toHaveLength(1);
    expect(result.stderr).toContain(`requires ${DISTRIBUTION}==1.0: installing into ${path.join(venvs, built[0]!)}`);

    const deployed = JSON.parse(result.stdout) as { deployments: { id: string; action: string }[] };
    expect(deployed.deployments.map((d) => d.action)).toEqual(['created']);
    const stored = (await (await fetch(`${apiUrl}/deployments/${deployed.deployments[0]!.id}`)).json()) as { description: string };
    // Imported from the environment built for the step, not from the runner's Python.
    const version = execFileSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim();
    const installed = path.join(venvs, built[0]!, 'lib', `python${version}`, 'site-packages', MODULE, '__init__.py');
    expect(stored.description).toBe(`hello from the wheel to ci (from ${installed})`);
  }, 120_000);

  it('without a usable Python: one line naming the step, exit 1, and no step ran', async () => {
    const marker = path.join(scratch, 'first-step-ran');
    const dir = project('no-python', prefectYaml('no-python', `/usr/bin/touch ${marker}`));
    const result = await spawnCli(['deploy', '--all'], { cwd: dir, env: env({ PREFECT_DEPLOY_PYTHON: path.join(scratch, 'no-such-python') }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Encountered error while running deploy_steps.greet (build step 2): deploy_steps.greet is a custom step (a Python function); PREFECT_DEPLOY_PYTHON=${path.join(scratch, 'no-such-python')} is not a usable Python: `,
    );
    expect(existsSync(marker)).toBe(false);
  });
});

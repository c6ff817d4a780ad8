/**
 * build_docker_image and push_docker_image against a real Docker Engine and local registries (started
 * by __tests__/setup/docker.global.ts): images built, tagged, labelled, pushed, removed and pulled
 * back; every failure a user meets reported as one line naming what to fix.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps, StepExecutionError } from '../../src/steps/index.js';
import { buildxBuildFlags, dockerPyBuildFlags } from '../../src/steps/docker/options.js';
import { defaultTag, pythonUtcIsoformat } from '../../src/steps/docker/names.js';

const BUILD = 'prefect_docker.deployments.steps.build_docker_image';
const PUSH = 'prefect_docker.deployments.steps.push_docker_image';
const LABELS = { 'io.prefect.version': '3.9.1' };

const dockerHost = inject('dockerHost');
const registry = inject('dockerRegistry');
const authRegistry = inject('dockerAuthRegistry');
const user = inject('dockerRegistryUser');
const password = inject('dockerRegistryPassword');
const baseImage = inject('dockerBaseImage');
const prefectBaseImage = inject('prefectBaseImage');
const pythonDir = path.dirname(inject('referencePython'));

let scratch: string;
/** The user's own docker config and HOME: must stay untouched by logins. */
let userConfig: string;
let home: string;

const run = promisify(execFile);

function stepEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    // the reference venv's python first: `auto` takes the runner's Python version
    PATH: `${pythonDir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    HOME: home,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: userConfig,
    ...extra,
  };
}

async function docker(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_CONFIG: userConfig, ...env } });
  return stdout.trim();
}

async function inspect(image: string): Promise<{ Id: string; RepoTags: string[]; Config: { Labels: Record<string, string>; WorkingDir: string } }> {
  return JSON.parse(await docker(['image', 'inspect', image]))[0];
}

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface Ran {
  outputs?: Record<string, unknown>;
  error?: StepExecutionError;
  log: string[];
}

async function steps(cwd: string, list: unknown[], env: Record<string, string> = stepEnv()): Promise<Ran> {
  const log: string[] = [];
  try {
    const outputs = await runSteps(list, {}, { cwd, env, sources: offlineSources(), log: (line) => log.push(line), section: 'build' });
    return { outputs, log };
  } catch (error) {
    if (!(error instanceof StepExecutionError)) throw error;
    return { error, log };
  }
}

async function failure(cwd: string, list: unknown[], env?: Record<string, string>): Promise<string> {
  const ran = await steps(cwd, list, env);
  expect(ran.error, `expected a failure, got ${JSON.stringify(ran.outputs)}`).toBeDefined();
  const message = ran.error!.message;
  expect(message).not.toContain('\n');
  expect(message).not.toContain(password);
  return message;
}

beforeAll(() => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'docker-steps-')));
  userConfig = path.join(scratch, 'user-docker-config');
  home = path.join(scratch, 'home');
  mkdirSync(userConfig);
  mkdirSync(home);
  writeFileSync(path.join(userConfig, 'config.json'), '{"auths": {}}\n');
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('build_docker_image + push_docker_image with a Dockerfile', () => {
  let ran: Ran;
  const image = `${registry}/demo/app`;

  beforeAll(async () => {
    const dir = project('from-dockerfile', {
      Dockerfile: `FROM ${baseImage}\nARG GREETING\nCOPY hello.txt /hello.txt\nRUN echo "$GREETING" > /greeting.txt && cat /hello.txt\n`,
      'hello.txt': 'hello from the context\n',
    });
    ran = await steps(dir, [
      {
        [BUILD]: {
          id: 'build-image',
          requires: 'prefect-docker>=0.7',
          image_name: image,
          tag: 'v1',
          additional_tags: ['latest', 'extra'],
          buildargs: { GREETING: 'hi there' },
          labels: { team: 'data', 'io.prefect.version': 'mine' },
        },
      },
      {
        [PUSH]: {
          id: 'push-image',
          requires: 'prefect-docker>=0.7',
          image_name: '{{ build-image.image_name }}',
          tag: '{{ build-image.tag }}',
          additional_tags: '{{ build-image.additional_tags }}',
        },
      },
    ]);
  }, 120_000);

  it('returns the reference outputs', () => {
    expect(ran.error).toBeUndefined();
    const out = ran.outputs!;
    expect(out['build-image']).toEqual({
      image_name: image,
      tag: 'v1',
      image: `${image}:v1`,
      image_id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      additional_tags: ['latest', 'extra'],
    });
    expect(out['push-image']).toEqual({ image_name: image, tag: 'v1', image: `${image}:v1`, additional_tags: ['latest', 'extra'] });
    // merged flat as well (§2.9): the push step's keys over the build's
    expect(out['image_id']).toBe((out['build-image'] as { image_id: string }).image_id);
  });

  it('tags and labels the image', async () => {
    const id = (ran.outputs!['build-image'] as { image_id: string }).image_id;
    const info = await inspect(id);
    expect(info.Id).toBe(id);
    expect([...info.RepoTags].sort()).toEqual([`${image}:extra`, `${image}:latest`, `${image}:v1`]);
    // the reference's IMAGE_LABELS win over the user's labels of the same name
    expect(info.Config.Labels).toEqual({ team: 'data', ...LABELS });
  });

  it('streams build and push output line by line, without the legacy builder notice', () => {
    expect(ran.log).toContain(' > Running build_docker_image step...');
    expect(ran.log).toContain(' > Running push_docker_image step...');
    expect(ran.log.some((l) => l.startsWith('Step 1/'))).toBe(true);
    expect(ran.log).toContain('hello from the context');
    expect(ran.log.filter((l) => /^(v1|latest|extra): digest: sha256:/u.test(l))).toHaveLength(3);
    expect(ran.log.join('\n')).not.toContain('DEPRECATED');
  });

  it('every tag is in the registry: removed locally, each pulls back as the same image', async () => {
    const id = (ran.outputs!['build-image'] as { image_id: string }).image_id;
    await docker(['rmi', `${image}:v1`, `${image}:latest`, `${image}:extra`]);
    await expect(docker(['image', 'inspect', id])).rejects.toThrow();
    for (const tag of ['v1', 'latest', 'extra']) await docker(['pull', `${image}:${tag}`]);
    const info = await inspect(`${image}:v1`);
    expect(info.Id).toBe(id);
    expect([...info.RepoTags].sort()).toEqual([`${image}:extra`, `${image}:latest`, `${image}:v1`]);
    expect(info.Config.Labels).toEqual({ team: 'data', ...LABELS });
    expect(await docker(['run', '--rm', '--network', 'none', `${image}:v1`, 'cat', '/greeting.txt'])).toBe('hi there');
  });
});

describe('defaults', () => {
  it('without a tag: the build gets the time as its tag, the push of no tag pushes every tag', async () => {
    const dir = project('no-tag', { Dockerfile: `FROM ${baseImage}\n` });
    const image = `${registry}/demo/untagged`;
    const before = new Date();
    const ran = await steps(dir, [{ [BUILD]: { id: 'b', image_name: image } }, { [PUSH]: { id: 'p', image_name: image } }]);
    expect(ran.error).toBeUndefined();
    const tag = (ran.outputs!['b'] as { tag: string }).tag;
    expect(tag).toMatch(/^\d{4}-\d\d-\d\dt\d\d-\d\d-\d\d(-\d{6})?-00-00$/u);
    expect(tag.slice(0, 10)).toBe(before.toISOString().slice(0, 10));
    // Python's str(None) in `image`, as the reference formats it
    expect(ran.outputs!['p']).toEqual({ image_name: image, tag: null, image: `${image}:None`, additional_tags: [] });
    const listed = (await (await fetch(`http://${registry}/v2/demo/untagged/tags/list`)).json()) as { tags: string[] };
    expect(listed.tags).toEqual([tag]);
  });
});

describe('dockerfile: auto', () => {
  it('writes the reference Dockerfile, builds FROM the Prefect image for the runner Python, removes it, persists a copy', async () => {
    const dir = project('auto-flows', {
      'flows/etl.py': 'print("hi")\n',
      'requirements.txt': 'requests\n',
    });
    const image = `${registry}/demo/auto`;
    const ran = await steps(dir, [
      { [BUILD]: { id: 'build-image', image_name: image, tag: 'auto1', dockerfile: 'auto', persist_dockerfile: true, dockerfile_output_path: 'Dockerfile.keep' } },
    ]);
    expect(ran.error).toBeUndefined();
    const expected = [
      `FROM ${prefectBaseImage}`,
      'COPY requirements.txt /opt/prefect/auto-flows/requirements.txt',
      'RUN uv pip install -r /opt/prefect/auto-flows/requirements.txt',
      'COPY . /opt/prefect/auto-flows/',
      'WORKDIR /opt/prefect/auto-flows/',
      '',
    ].join('\n');
    expect(readFileSync(path.join(dir, 'Dockerfile.keep'), 'utf8')).toBe(expected);
    expect(existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
    // the requirements line ran (the test base image's `uv` reports its arguments)
    expect(ran.log).toContain('uv pip install -r /opt/prefect/auto-flows/requirements.txt');
    const info = await inspect(`${image}:auto1`);
    expect(info.Config.WorkingDir).toBe('/opt/prefect/auto-flows/');
    expect(await docker(['run', '--rm', '--network', 'none', `${image}:auto1`, 'ls', '/opt/prefect/auto-flows/flows'])).toBe('etl.py');
  });

  it('refuses to overwrite an existing Dockerfile, which is kept', async () => {
    const dir = project('auto-existing', { Dockerfile: 'FROM scratch\n' });
    const message = await failure(dir, [{ [BUILD]: { image_name: 'x/y', tag: 't', dockerfile: 'auto' } }]);
    expect(message).toContain('Dockerfile already exists.');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
  });

  it('deletes the generated Dockerfile when the build fails', async () => {
    // .dockerignore hides requirements.txt from the context: the generated COPY line fails
    const dir = project('auto-fails', { 'requirements.txt': 'x\n', '.dockerignore': 'requirements.txt\n' });
    const message = await failure(dir, [{ [BUILD]: { image_name: `${registry}/demo/auto-fails`, tag: 't', dockerfile: 'auto' } }]);
    expect(message).toMatch(/docker build of .*\/demo\/auto-fails:t failed \(exit code \d+\): .*requirements\.txt/u);
    expect(existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
  });

  it("without Python on the runner: the Python of Prefect's default image", async () => {
    const dir = project('auto-no-python', { 'flow.py': '' });
    const ran = await steps(
      dir,
      [{ [BUILD]: { image_name: `${registry}/demo/auto-no-python`, tag: 't', dockerfile: 'auto', persist_dockerfile: true } }],
      stepEnv({ PATH: await dockerOnlyPath() }),
    );
    expect(ran.error).toBeUndefined();
    expect(ran.log).toContain(
      'No Python 3.9+ on the runner: the generated Dockerfile uses Python 3.12 (prefect deploy takes the Python it runs on; set PREFECT_DEPLOY_PYTHON to choose)',
    );
    expect(readFileSync(path.join(dir, 'Dockerfile.generated'), 'utf8').split('\n')[0]).toBe('FROM prefecthq/prefect:3.9.1-python3.12');
  });
});

describe('push_docker_image with credentials', () => {
  let image: string;
  beforeAll(async () => {
    const dir = project('creds', { Dockerfile: `FROM ${baseImage}\nRUN echo private > /private.txt\n` });
    image = `${authRegistry}/team/private`;
    const ran = await steps(dir, [{ [BUILD]: { image_name: image, tag: 'v1', additional_tags: ['v1.0'] } }]);
    expect(ran.error).toBeUndefined();
  }, 60_000);

  for (const backend of ['docker-py', 'buildx']) {
    it(`logs in through a temporary docker config and pushes every tag (build_backend ${backend})`, async () => {
      const ran = await steps(scratch, [
        {
          [PUSH]: {
            id: 'p',
            image_name: image,
            tag: 'v1',
            additional_tags: ['v1.0'],
            build_backend: backend,
            credentials: { username: user, password, registry_url: authRegistry, reauth: true },
          },
        },
      ]);
      expect(ran.error).toBeUndefined();
      expect(ran.outputs!['p']).toEqual({ image_name: image, tag: 'v1', image: `${image}:v1`, additional_tags: ['v1.0'] });
      expect(ran.log.join('\n')).not.toContain(password);
      expect(ran.log).toContain(`Logged in to ${authRegistry} as ${user} (temporary docker config, removed after the push)`);
      // nothing written to the user's docker config or HOME, no temporary config left behind
      expect(readFileSync(path.join(userConfig, 'config.json'), 'utf8')).toBe('{"auths": {}}\n');
      expect(readdirSync(home)).toEqual([]);
      expect(readdirSync(tmpdir()).filter((f) => f.startsWith('deploy-action-docker-config-'))).toEqual([]);
      const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      const listed = (await (await fetch(`http://${authRegistry}/v2/team/private/tags/list`, { headers: { authorization: auth } })).json()) as { tags: string[] };
      expect(listed.tags.sort()).toEqual(['v1', 'v1.0']);
    });
  }

  it('a wrong password: one line naming the registry and the credentials to fix', async () => {
    const message = await failure(scratch, [
      { [PUSH]: { image_name: image, tag: 'v1', credentials: { username: user, password: 'wrong-password', registry_url: authRegistry } } },
    ]);
    expect(message).toContain(`registry login to ${authRegistry} as ${user} failed`);
    expect(message).toContain('check credentials.username and credentials.password');
    expect(message).not.toContain('wrong-password');
    expect(message).toContain('(build step 1)');
  });

  it('no credentials for a registry that needs them: the push is refused', async () => {
    const message = await failure(scratch, [{ [PUSH]: { image_name: image, tag: 'v1' } }]);
    expect(message).toContain(`registry ${authRegistry} refused the push of ${image}:v1`);
    expect(message).toContain('give push_docker_image credentials');
  });

  it('a credentials mapping without a password', async () => {
    const message = await failure(scratch, [{ [PUSH]: { image_name: image, tag: 'v1', credentials: { username: user } } }]);
    expect(message).toContain('credentials.password is missing');
  });
});

/** A PATH with docker and nothing else (no Python). */
async function dockerOnlyPath(): Promise<string> {
  const { stdout } = await run('sh', ['-c', 'command -v docker']);
  const dir = path.join(scratch, 'docker-only-bin');
  if (!existsSync(dir)) {
    mkdirSync(dir);
    symlinkSync(stdout.trim(), path.join(dir, 'docker'));
  }
  return dir;
}

describe('errors', () => {
  it('a missing Dockerfile names the path and the inputs to fix', async () => {
    const dir = project('no-dockerfile', { 'flow.py': '' });
    const message = await failure(dir, [{ [BUILD]: { image_name: 'acme/x', tag: 't', dockerfile: 'docker/Dockerfile.prod' } }]);
    expect(message).toBe(
      `Encountered error while running ${BUILD} (build step 1): Dockerfile not found: ${dir}/docker/Dockerfile.prod (dockerfile: docker/Dockerfile.prod is relative to the build context ${dir}; fix dockerfile: or path:, or use dockerfile: auto)`,
    );
  });

  it('docker not installed', async () => {
    const dir = project('no-docker', { Dockerfile: 'FROM scratch\n' });
    const empty = path.join(scratch, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    const message = await failure(dir, [{ [BUILD]: { image_name: 'acme/x', tag: 't' } }], stepEnv({ PATH: empty }));
    expect(message).toContain('docker is not installed: no docker executable on PATH');
  });

  it('daemon not reachable: names DOCKER_HOST', async () => {
    const dir = project('no-daemon', { Dockerfile: 'FROM scratch\n' });
    const host = `unix://${scratch}/nothing-here.sock`;
    const message = await failure(dir, [{ [BUILD]: { image_name: 'acme/x', tag: 't' } }], stepEnv({ DOCKER_HOST: host }));
    expect(message).toContain(`the Docker daemon at ${host} is not reachable`);
    expect(message).toContain('start Docker, or set DOCKER_HOST to a running daemon');
  });

  it('a failing build: the daemon error and the last lines of output', async () => {
    const dir = project('failing', { Dockerfile: `FROM ${baseImage}\nRUN echo about-to-fail && exit 3\n` });
    const message = await failure(dir, [{ [BUILD]: { image_name: `${registry}/demo/failing`, tag: 't' } }]);
    expect(message).toContain(`docker build of ${registry}/demo/failing:t failed (exit code 3)`);
    expect(message).toContain('about-to-fail');
    expect(message).toContain('returned a non-zero code: 3');
    await expect(docker(['image', 'inspect', `${registry}/demo/failing:t`])).rejects.toThrow();
  });

  it('registry unreachable', async () => {
    const dir = project('unreachable', { Dockerfile: `FROM ${baseImage}\n` });
    const image = '127.0.0.1:9/demo/nowhere';
    const ran = await steps(dir, [{ [BUILD]: { image_name: image, tag: 't' } }]);
    expect(ran.error).toBeUndefined();
    const message = await failure(dir, [{ [PUSH]: { image_name: image, tag: 't' } }]);
    expect(message).toContain(`cannot reach registry 127.0.0.1:9 to push ${image}:t`);
    expect(message).toContain('connection refused');
  });

  it('pushing an image that was never built', async () => {
    const message = await failure(scratch, [{ [PUSH]: { image_name: `${registry}/demo/never-built`, tag: 'x' } }]);
    expect(message).toContain(`image ${registry}/demo/never-built:x does not exist locally`);
  });

  it('bad inputs fail before anything runs', async () => {
    const dir = project('bad-inputs', { Dockerfile: 'FROM scratch\n' });
    expect(await failure(dir, [{ [BUILD]: { image_name: 'acme/my app' } }])).toContain("Invalid Docker image name 'acme/my app'. Image names cannot contain spaces.");
    expect(await failure(dir, [{ [BUILD]: { image_name: 'acme/x', nocach: true } }])).toContain(
      `unknown build option 'nocach' for build_backend docker-py (did you mean "nocache"?)`,
    );
    expect(await failure(dir, [{ [BUILD]: { image_name: 'acme/x', secrets: ['id=a'] } }])).toContain("('secrets' needs build_backend: buildx)");
    expect(await failure(dir, [{ [BUILD]: { image_name: 'acme/x', build_backend: 'kaniko' } }])).toContain(
      "Invalid build_backend 'kaniko'. Expected 'docker-py' or 'buildx'.",
    );
    expect(await failure(dir, [{ [BUILD]: { image_name: 'acme/x', additional_tags: 'v1' } }])).toContain('additional_tags must be a list of tags, got str');
    expect(await failure(dir, [{ [BUILD]: { image_name: 'acme/x', buildargs: { VERSION: 1.5 } } }])).toContain(
      'buildargs.VERSION must be a string, got float 1.5 (quote it in prefect.yaml)',
    );
    expect(await failure(dir, [{ [BUILD]: { tag: 'x' } }])).toContain("build_docker_image() missing 1 required positional argument: 'image_name'");
    expect(await failure(dir, [{ [PUSH]: { image_name: 'acme/x', tags: ['a'] } }])).toContain("push_docker_image() got an unexpected keyword argument 'tags'");
  });

  it('build_backend buildx without the buildx plugin', async () => {
    const dir = project('buildx', { Dockerfile: 'FROM scratch\n' });
    // an empty CLI plugin directory: the test does not depend on what the machine has installed
    const pluginless = path.join(scratch, 'pluginless');
    mkdirSync(path.join(pluginless, 'cli-plugins'), { recursive: true });
    const message = await failure(
      dir,
      [{ [BUILD]: { image_name: 'acme/x', build_backend: 'buildx' } }],
      stepEnv({ DOCKER_CONFIG: pluginless, DOCKER_CLI_PLUGIN_EXTRA_DIRS: '' }),
    );
    expect(message).toContain('build_backend buildx needs the docker buildx plugin');
    expect(message).toContain('use build_backend: docker-py');
  });
});

describe('build options as docker CLI flags', () => {
  it('docker-py keywords', () => {
    expect(
      dockerPyBuildFlags(
        {
          path: '.',
          nocache: true,
          rm: false,
          forcerm: true,
          buildargs: { A: '1', B: 'two words' },
          shmsize: 67108864,
          cache_from: ['a:1', 'b:2'],
          target: 'runtime',
          network_mode: 'host',
          extra_hosts: { db: '10.0.0.5' },
          platform: 'linux/amd64',
          container_limits: { memory: 1073741824, cpusetcpus: '0-1' },
          timeout: 600,
          labels: { a: 'b' },
        },
        LABELS,
      ),
    ).toEqual([
      '--no-cache',
      '--rm=false',
      '--force-rm',
      '--build-arg',
      'A=1',
      '--build-arg',
      'B=two words',
      '--shm-size',
      '67108864',
      '--cache-from',
      'a:1',
      '--cache-from',
      'b:2',
      '--target',
      'runtime',
      '--network',
      'host',
      '--add-host',
      'db:10.0.0.5',
      '--platform',
      'linux/amd64',
      '--memory',
      '1073741824',
      '--cpuset-cpus',
      '0-1',
      '--pull',
      '--label',
      'a=b',
      '--label',
      'io.prefect.version=3.9.1',
    ]);
    expect(dockerPyBuildFlags({ pull: false }, LABELS)).toEqual(['--label', 'io.prefect.version=3.9.1']);
    expect(() => dockerPyBuildFlags({ fileobj: 'x' }, LABELS)).toThrow("the build option 'fileobj' needs a Python object");
    expect(() => dockerPyBuildFlags({ container_limits: { cpus: 2 } }, LABELS)).toThrow("invalid container_limits key 'cpus'");
  });

  it('buildx keywords: secrets, cache, platforms, push', () => {
    const built = buildxBuildFlags(
      {
        secrets: ['id=aws,src=/run/aws', 'id=npm,env=NPM_TOKEN'],
        ssh: 'default',
        cache_from: [{ type: 'registry', ref: 'r/app:cache' }, 'type=local,src=/tmp/c'],
        cache_to: { type: 'registry', ref: 'r/app:cache', mode: 'max' },
        platforms: ['linux/amd64', 'linux/arm64'],
        push: true,
        build_args: { V: '1' },
        provenance: false,
        labels: { team: 'data' },
      },
      LABELS,
    );
    expect(built.flags).toEqual([
      '--progress',
      'plain',
      '--build-arg',
      'V=1',
      '--ssh',
      'default',
      '--provenance=false',
      '--cache-from',
      'type=registry,ref=r/app:cache',
      '--cache-from',
      'type=local,src=/tmp/c',
      '--cache-to',
      'type=registry,ref=r/app:cache,mode=max',
      '--secret',
      'id=aws,src=/run/aws',
      '--secret',
      'id=npm,env=NPM_TOKEN',
      '--label',
      'team=data',
      '--label',
      'io.prefect.version=3.9.1',
      '--pull',
      '--push',
      '--platform',
      'linux/amd64,linux/arm64',
    ]);
    expect(built.push).toBe(true);
    expect(buildxBuildFlags({ platform: 'linux/arm64', pull: false, cache: false }, LABELS).flags).toEqual([
      '--progress',
      'plain',
      '--no-cache',
      '--label',
      'io.prefect.version=3.9.1',
      '--platform',
      'linux/arm64',
    ]);
    expect(() => buildxBuildFlags({ platforms: ['linux/amd64', 'linux/arm64'] }, LABELS)).toThrow('Multi-platform builds require push=True');
    expect(() => buildxBuildFlags({ buildargs: { A: '1' } }, LABELS)).toThrow('(buildx spells it build_args)');
  });

  it('the default tag is the build time as the reference slugifies it', () => {
    expect(pythonUtcIsoformat(new Date('2026-08-21T11:27:33.123Z'))).toBe('2026-08-21T11:27:33.123000+00:00');
    expect(defaultTag(new Date('2026-08-21T11:27:33.123Z'))).toBe('2026-08-21t11-27-33-123000-00-00');
    expect(defaultTag(new Date('2026-08-21T11:27:33.000Z'))).toBe('2026-08-21t11-27-33-00-00');
  });
});

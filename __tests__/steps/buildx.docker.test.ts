/**
 * build_docker_image with build_backend: buildx, for real: the buildx CLI plugin (installed by
 * scripts/peers-install.sh, linked into the user's DOCKER_CONFIG here) with its default `docker`
 * driver, i.e. the BuildKit built into the suite's dockerd 20.10 (__tests__/setup/docker.global.ts).
 *
 * The test daemon runs with --bridge=none, which BuildKit's default RUN network needs: builds with RUN
 * lines say `network: none` (a runner's daemon has its bridge; the option is passed through as is).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps, StepExecutionError } from '../../src/steps/index.js';

const BUILD = 'prefect_docker.deployments.steps.build_docker_image';
const PUSH = 'prefect_docker.deployments.steps.push_docker_image';

const dockerHost = inject('dockerHost');
const registry = inject('dockerRegistry');
const authRegistry = inject('dockerAuthRegistry');
const user = inject('dockerRegistryUser');
const password = inject('dockerRegistryPassword');
const baseImage = inject('dockerBaseImage');
const cliPlugins = inject('dockerCliPlugins');

const run = promisify(execFile);
let scratch: string;
/** The user's docker config: holds the buildx plugin, as ~/.docker/cli-plugins does on a runner. */
let userConfig: string;
/** `os/arch` of the daemon: the one platform buildx can build here without emulation. */
let platform: string;

function stepEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: scratch, DOCKER_HOST: dockerHost, DOCKER_CONFIG: userConfig, ...extra };
}

async function docker(args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_CONFIG: userConfig } });
  return stdout.trim();
}

interface Inspected {
  Id: string;
  RepoTags: string[];
  Os: string;
  Architecture: string;
  Config: { Labels: Record<string, string> };
}

async function inspect(image: string): Promise<Inspected> {
  return JSON.parse(await docker(['image', 'inspect', image]))[0];
}

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  return dir;
}

async function steps(cwd: string, list: unknown[], env = stepEnv()): Promise<{ outputs?: Record<string, unknown>; error?: StepExecutionError; log: string[] }> {
  const log: string[] = [];
  try {
    const outputs = await runSteps(list, {}, { cwd, env, sources: offlineSources(), log: (line) => log.push(line), section: 'build' });
    return { outputs, log };
  } catch (error) {
    if (!(error instanceof StepExecutionError)) throw error;
    return { error, log };
  }
}

async function built(cwd: string, inputs: Record<string, unknown>, env = stepEnv()): Promise<{ outputs: Record<string, unknown>; log: string[] }> {
  const ran = await steps(cwd, [{ [BUILD]: { id: 'img', ...inputs } }], env);
  if (ran.error) throw new Error(`${ran.error.message}\n${ran.log.slice(-15).join('\n')}`);
  return { outputs: ran.outputs!['img'] as Record<string, unknown>, log: ran.log };
}

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'buildx-steps-')));
  userConfig = path.join(scratch, 'docker-config');
  mkdirSync(userConfig);
  symlinkSync(cliPlugins, path.join(userConfig, 'cli-plugins'));
  platform = await docker(['version', '--format', '{{.Server.Os}}/{{.Server.Arch}}']);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('build_backend: buildx (docker driver, dockerd 20.10)', () => {
  it('builds and tags like the docker-py backend: same outputs, local image with the labels', async () => {
    const dockerfile = `FROM ${baseImage}\nRUN echo built > /built.txt\nLABEL stage=test\n`;
    const dir = project('plain', { Dockerfile: dockerfile });
    const common = { tag: 'v1', additional_tags: ['latest'], labels: { team: 'data' } };
    const classic = await built(dir, { image_name: `${registry}/buildx/classic`, ...common });
    const { outputs, log } = await built(dir, { image_name: `${registry}/buildx/plain`, build_backend: 'buildx', network: 'none', ...common });

    expect(Object.keys(outputs).sort()).toEqual(Object.keys(classic.outputs).sort());
    expect(outputs).toMatchObject({ image_name: `${registry}/buildx/plain`, tag: 'v1', image: `${registry}/buildx/plain:v1`, additional_tags: ['latest'] });
    expect(outputs['image_id']).toMatch(/^sha256:[0-9a-f]{64}$/u);
    const image = await inspect(`${registry}/buildx/plain:v1`);
    expect(image.Id).toBe(outputs['image_id']);
    expect(image.RepoTags.sort()).toEqual([`${registry}/buildx/plain:latest`, `${registry}/buildx/plain:v1`]);
    expect(image.Config.Labels).toMatchObject({ team: 'data', stage: 'test', 'io.prefect.version': '3.9.1' });
    expect(await docker(['run', '--rm', '--network', 'none', `${registry}/buildx/plain:v1`, 'cat', '/built.txt'])).toBe('built');
    // BuildKit's plain progress, streamed, and the reference's last line
    expect(log.some((l) => /^#\d+ \[\d\/\d\] RUN echo built/u.test(l))).toBe(true);
    expect(log).toContain(`Built image: ${outputs['image_id'] as string}`);
  });

  it('hands build secrets to RUN --mount=type=secret without leaving them in the image', async () => {
    const fileSecret = `file-${Math.random().toString(36).slice(2)}`;
    const envSecret = `env-${Math.random().toString(36).slice(2)}`;
    writeFileSync(path.join(scratch, 'token.txt'), fileSecret);
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
    const dir = project('secrets', {
      Dockerfile: [
        `FROM ${baseImage}`,
        'RUN --mount=type=secret,id=token,required=true busybox md5sum /run/secrets/token > /token.md5',
        'RUN --mount=type=secret,id=api,required=true busybox md5sum /run/secrets/api > /api.md5',
        '',
      ].join('\n'),
    });
    const { outputs } = await built(
      dir,
      {
        image_name: `${registry}/buildx/secrets`,
        tag: '1',
        build_backend: 'buildx',
        network: 'none',
        secrets: [`id=token,src=${path.join(scratch, 'token.txt')}`, 'id=api,env=DEPLOY_API_KEY'],
      },
      stepEnv({ DEPLOY_API_KEY: envSecret }),
    );
    const image = outputs['image'] as string;
    const read = (file: string): Promise<string> => docker(['run', '--rm', '--network', 'none', image, 'cat', file]);
    expect((await read('/token.md5')).split(/\s+/u)[0]).toBe(md5(fileSecret));
    expect((await read('/api.md5')).split(/\s+/u)[0]).toBe(md5(envSecret));
    const metadata = await docker(['image', 'inspect', image]);
    const history = await docker(['history', '--no-trunc', image]);
    for (const secret of [fileSecret, envSecret]) {
      expect(metadata).not.toContain(secret);
      expect(history).not.toContain(secret);
    }
    await expect(docker(['run', '--rm', '--network', 'none', image, 'test', '-e', '/run/secrets/token'])).rejects.toThrow();
  });

  it("a required secret that is not given fails the step with BuildKit's reason", async () => {
    const dir = project('secret-missing', { Dockerfile: `FROM ${baseImage}\nRUN --mount=type=secret,id=token,required=true cat /run/secrets/token\n` });
    const ran = await steps(dir, [{ [BUILD]: { image_name: `${registry}/buildx/nosecret`, tag: '1', build_backend: 'buildx', network: 'none' } }]);
    expect(ran.error?.message).toContain(`docker buildx build of ${registry}/buildx/nosecret:1 failed (exit code 1)`);
    expect(ran.error?.message).toMatch(/secret token: not found|secret token not found/u);
  });

  it('platforms: the daemon platform as a local image, another one (no RUN) recorded in the image', async () => {
    const dir = project('platforms', { Dockerfile: `FROM ${baseImage}\nLABEL built-for=one\n` });
    const { outputs, log } = await built(dir, { image_name: `${registry}/buildx/platform`, tag: '1', build_backend: 'buildx', platforms: [platform] });
    const image = await inspect(outputs['image'] as string);
    expect(`${image.Os}/${image.Architecture}`).toBe(platform);
    expect(image.Id).toBe(outputs['image_id']);
    expect(log.some((l) => l.startsWith('#') && l.includes(`load metadata for ${baseImage}`))).toBe(true);
    // the platform reaches BuildKit: another one (no RUN, so no emulation needed) is what the image says
    const other = platform === 'linux/arm64' ? 'linux/amd64' : 'linux/arm64';
    const foreign = await built(dir, { image_name: `${registry}/buildx/platform`, tag: '2', build_backend: 'buildx', platforms: [other] });
    const foreignImage = await inspect(foreign.outputs['image'] as string);
    expect(`${foreignImage.Os}/${foreignImage.Architecture}`).toBe(other);
    // several platforms cannot be loaded into the daemon: the reference's error, before buildx runs
    const two = await steps(dir, [{ [BUILD]: { image_name: `${registry}/buildx/platform`, build_backend: 'buildx', platforms: [platform, 'linux/arm64'] } }]);
    expect(two.error?.message).toContain('Multi-platform builds require push=True');
  });

  it('inline cache pushed with the image is reused from the registry; cache export elsewhere is refused clearly', async () => {
    const dockerfile = `FROM ${baseImage}\nRUN echo "layer $(busybox date +%s%N)" > /stamp\n`;
    const dir = project('cache', { Dockerfile: dockerfile });
    const ref = `${registry}/buildx/cache:1`;
    const first = await built(dir, {
      image_name: `${registry}/buildx/cache`,
      tag: '1',
      build_backend: 'buildx',
      network: 'none',
      push: true,
      cache_to: { type: 'inline' },
    });
    // pushed, not loaded: the reference returns the tag as the id
    expect(first.outputs['image_id']).toBe(ref);
    const manifest = await fetch(`http://${registry}/v2/buildx/cache/manifests/1`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    expect(manifest.status).toBe(200);

    // nothing left locally: the RUN layer can only come from the pushed inline cache
    await docker(['builder', 'prune', '--all', '--force']);
    const second = await built(dir, {
      image_name: `${registry}/buildx/cache-reuse`,
      tag: '1',
      build_backend: 'buildx',
      network: 'none',
      cache_from: [{ type: 'registry', ref }],
    });
    expect(second.log.some((l) => l.includes(`importing cache manifest from ${ref}`))).toBe(true);
    expect(second.log.some((l) => /^#\d+ CACHED$/u.test(l))).toBe(true);
    const pulled = await docker(['run', '--rm', '--network', 'none', second.outputs['image'] as string, 'cat', '/stamp']);
    await docker(['pull', ref]);
    expect(await docker(['run', '--rm', '--network', 'none', ref, 'cat', '/stamp'])).toBe(pulled);

    const local = await steps(dir, [
      { [BUILD]: { image_name: `${registry}/buildx/cache`, build_backend: 'buildx', network: 'none', cache_to: `type=local,dest=${path.join(scratch, 'cache')}` } },
    ]);
    const message = local.error?.message ?? '';
    expect(message).toContain('the builder uses the docker driver, which cannot export build cache');
    expect(message).toContain('cache_to: {type: inline}');
    expect(message).not.toContain('\n');
  });

  it('push_docker_image with credentials after a buildx build: the login stays out of the user config', async () => {
    const dir = project('push', { Dockerfile: `FROM ${baseImage}\nLABEL pushed=yes\n` });
    const image = `${authRegistry}/buildx/pushed`;
    const ran = await steps(dir, [
      { [BUILD]: { id: 'img', image_name: image, tag: '1', build_backend: 'buildx' } },
      {
        [PUSH]: {
          image_name: '{{ img.image_name }}',
          tag: '{{ img.tag }}',
          build_backend: 'buildx',
          credentials: { username: user, password, registry_url: authRegistry },
        },
      },
    ]);
    if (ran.error) throw new Error(`${ran.error.message}\n${ran.log.slice(-10).join('\n')}`);
    const res = await fetch(`http://${authRegistry}/v2/buildx/pushed/manifests/1`, {
      headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(res.status).toBe(200);
    // the user's config still has only the plugin link, and buildx still works from it
    expect(await docker(['buildx', 'version'])).toContain('github.com/docker/buildx');
    expect(readdirSync(userConfig).filter((f) => f !== 'buildx')).toEqual(['cli-plugins']);
  });
});

/**
 * build_docker_image and push_docker_image from the built action bundle (what users run) against the
 * suite's Docker Engine and its registry with auth: the docker step chunks are loaded lazily, build a
 * tiny image FROM the suite's base image, log in with the step's credentials and push every tag.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { prefectYaml, runBuild, useBundle, writeProject } from './bundle-action.js';

const dockerHost = inject('dockerHost');
const authRegistry = inject('dockerAuthRegistry');
const user = inject('dockerRegistryUser');
const password = inject('dockerRegistryPassword');
const baseImage = inject('dockerBaseImage');

const scratch = useBundle('bundle-docker-');
let userConfig: string;

beforeAll(() => {
  userConfig = path.join(scratch.dir, 'user-docker-config');
  mkdirSync(userConfig);
  mkdirSync(path.join(scratch.dir, 'home'));
  writeFileSync(path.join(userConfig, 'config.json'), '{"auths": {}}\n');
});

const IMAGE = `${authRegistry}/bundle/app`;
const YAML = prefectYaml(`
build:
  - prefect_docker.deployments.steps.build_docker_image:
      id: build-image
      image_name: ${IMAGE}
      tag: v1
      additional_tags: [latest]
      dockerfile: Dockerfile

push:
  - prefect_docker.deployments.steps.push_docker_image:
      id: push-image
      image_name: "{{ build-image.image_name }}"
      tag: "{{ build-image.tag }}"
      additional_tags: "{{ build-image.additional_tags }}"
      credentials:
        username: "{{ $REGISTRY_USER }}"
        password: "{{ $REGISTRY_PASSWORD }}"
        registry_url: ${authRegistry}
`);

describe('the bundled action, build_docker_image + push_docker_image', () => {
  it('builds, logs in, pushes every tag, and outputs both steps in step-outputs', async () => {
    const project = writeProject(path.join(scratch.dir, 'project'), YAML, { Dockerfile: `FROM ${baseImage}\nCOPY flows /opt/flows\n` });
    const run = await runBuild(project, {
      HOME: path.join(scratch.dir, 'home'),
      DOCKER_HOST: dockerHost,
      DOCKER_CONFIG: userConfig,
      REGISTRY_USER: user,
      REGISTRY_PASSWORD: password,
    });
    expect(run.code, run.stdout).toBe(0);
    // The runner hides the password from the log because it is told to (`::add-mask::`, which the
    // runner consumes and never shows); no other line carries it.
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`::add-mask::${password}`);
    expect(lines.filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain(password);

    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const listed = (await (await fetch(`http://${authRegistry}/v2/bundle/app/tags/list`, { headers: { authorization: auth } })).json()) as { tags: string[] };
    expect([...listed.tags].sort()).toEqual(['latest', 'v1']);

    const outputs = run.stepOutputs['hello/hello']!;
    const built = outputs['build-image'] as { image_id: string };
    expect(built).toEqual({ image_name: IMAGE, tag: 'v1', image: `${IMAGE}:v1`, image_id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/u), additional_tags: ['latest'] });
    expect(outputs['push-image']).toEqual({ image_name: IMAGE, tag: 'v1', image: `${IMAGE}:v1`, additional_tags: ['latest'] });
    expect(run.outputs['build-image-image']).toBe(`${IMAGE}:v1`);

    // The pushed image is the one built, with the project's files in it.
    const docker = (args: string[]) => promisify(execFile)('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost, DOCKER_CONFIG: userConfig } });
    const { stdout } = await docker(['run', '--rm', '--network', 'none', built.image_id, 'cat', '/opt/flows/hello.py']);
    expect(stdout).toBe(readFileSync(path.join(project, 'flows', 'hello.py'), 'utf8'));
    // The step's login went to a config of its own: the user's stays without credentials.
    expect(JSON.parse(readFileSync(path.join(userConfig, 'config.json'), 'utf8'))).toEqual({ auths: {} });
  });
});

/**
 * Vitest global setup of the `docker` project: a Docker Engine, two local registries (one with
 * htpasswd auth) and the buildx CLI plugin for every `*.docker.test.ts`, handed to tests with
 * `inject(...)`. See docker-peer.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { prefectImageName, PREFECT_VERSION } from '../../src/steps/docker/dockerfile.js';
import { startDockerPeer } from './docker-peer.js';
import { referencePython } from './prefect-server.js';

const EXAMPLE_BASE_IMAGE = 'prefecthq/prefect:3.9.1-python3.12';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `unix:///tmp/.../docker.sock` of the suite's daemon. */
    dockerHost: string;
    /** `127.0.0.1:<port>`: an open registry, also the daemon's registry mirror. */
    dockerRegistry: string;
    /** `127.0.0.1:<port>`: a registry that needs dockerRegistryUser / dockerRegistryPassword. */
    dockerAuthRegistry: string;
    dockerRegistryUser: string;
    dockerRegistryPassword: string;
    /** A tiny busybox image in the open registry (not in the daemon until pulled). */
    dockerBaseImage: string;
    /** The base image `dockerfile: auto` names when the reference venv's python is on PATH. */
    prefectBaseImage: string;
    /** A directory holding the `docker-buildx` CLI plugin (link it as `$DOCKER_CONFIG/cli-plugins`). */
    dockerCliPlugins: string;
    /** The reference venv's python (prefect 3.9.1, prefect-docker 0.7.4). */
    referencePython: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const python = await referencePython();
  const { stdout } = await promisify(execFile)(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']);
  const prefectBaseImage = prefectImageName(PREFECT_VERSION, stdout.trim());
  // The auto base for the reference venv's Python, and the one examples/docker/Dockerfile names.
  const peer = await startDockerPeer({ mirroredImages: [...new Set([prefectBaseImage, EXAMPLE_BASE_IMAGE])] });
  project.provide('dockerHost', peer.dockerHost);
  project.provide('dockerRegistry', peer.registry);
  project.provide('dockerAuthRegistry', peer.authRegistry);
  project.provide('dockerRegistryUser', peer.registryUser);
  project.provide('dockerRegistryPassword', peer.registryPassword);
  project.provide('dockerBaseImage', peer.baseImage);
  project.provide('prefectBaseImage', prefectBaseImage);
  project.provide('dockerCliPlugins', peer.cliPlugins);
  project.provide('referencePython', python);
  return () => peer.stop();
}

/**
 * A throw-away Docker Engine and two local registries for the Docker step tests, all offline:
 *
 * - `docker-registry` on a free loopback port (open), also the daemon's registry mirror, so that
 *   `FROM prefecthq/prefect:...` with the reference's default `pull: true` is served locally;
 * - a second `docker-registry` with htpasswd auth, for `credentials`;
 * - `dockerd --storage-driver=vfs --iptables=false --bridge=none` with its own data root, exec root,
 *   pid file, config file and unix socket in a temporary directory (DOCKER_HOST=unix://...);
 * - a base image made with `docker import` of a static busybox rootfs (plus a stand-in `uv`, so the
 *   `RUN uv pip install` line of `dockerfile: auto` runs), pushed to the open registry as the test
 *   base and under the Docker Hub names the mirror must serve (the Prefect images `auto` names).
 *
 * Startup is bounded; anything that does not come up throws with the tail of its log.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, signalGroup, tail, waitForExit } from './prefect-server.js';
import { cleanUpWhenInterrupted, unmountUnderSync } from './scratch-cleanup.js';

const run = promisify(execFile);
const HOST = '127.0.0.1';

export interface DockerPeer {
  /** `unix:///tmp/.../docker.sock` */
  dockerHost: string;
  /** `127.0.0.1:<port>` of the open registry (also the daemon's mirror). */
  registry: string;
  /** `127.0.0.1:<port>` of the registry that needs `registryUser`/`registryPassword`. */
  authRegistry: string;
  registryUser: string;
  registryPassword: string;
  /** A tiny image in the open registry to build `FROM`. */
  baseImage: string;
  /** A directory holding `docker-buildx`: link it as `$DOCKER_CONFIG/cli-plugins` for build_backend: buildx. */
  cliPlugins: string;
  stop(): Promise<void>;
}

export interface DockerPeerOptions {
  /** Docker Hub images (`prefecthq/prefect:...`) the mirror serves, all as the busybox base. */
  mirroredImages: readonly string[];
  timeoutMs?: number;
}

function which(name: string, hint: string): string {
  for (const dir of (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin'])) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found on PATH (${hint}; scripts/peers-install.sh installs it)`);
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  signalGroup(child, 'SIGTERM');
  if (!(await waitForExit(child, graceMs))) {
    signalGroup(child, 'SIGKILL');
    await waitForExit(child, 5_000);
  }
  // children that outlived the leader (dockerd's containerd, shims) are still in the group
  signalGroup(child, 'SIGKILL');
}

function startDaemon(bin: string, args: string[], logFile: string): ChildProcess {
  const log = openSync(logFile, 'a');
  // Own process group, so stop() reaches the children dockerd starts (containerd, shims).
  const child = spawn(bin, args, { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  child.on('error', () => undefined);
  return child;
}

function httpOk(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.status === 200 || res.status === 401,
    () => false,
  );
}

function pingSocket(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, child: ChildProcess, logFile: string, deadline: number): Promise<void> {
  for (;;) {
    if (await check()) return;
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited || Date.now() > deadline) {
      throw new Error(`${what} ${exited ? `exited with ${child.exitCode ?? child.signalCode}` : 'did not answer in time'}; last lines of its log:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function registryConfig(dir: string, port: number, htpasswd?: string): string {
  const auth = htpasswd ? `auth:\n  htpasswd:\n    realm: deploy-action-test\n    path: ${htpasswd}\n` : '';
  return `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${dir}\n  delete:\n    enabled: true\nhttp:\n  addr: ${HOST}:${port}\n${auth}`;
}

export async function startDockerPeer(options: DockerPeerOptions): Promise<DockerPeer> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const dockerd = which('dockerd', 'Debian package docker.io');
  const registryBin = which('docker-registry', 'Debian package docker-registry');
  const docker = which('docker', 'the Docker CLI');
  const htpasswdBin = which('htpasswd', 'Debian package apache2-utils');
  const busybox = which('busybox', 'Debian package busybox-static');
  // buildx is a CLI plugin, found in $DOCKER_CONFIG/cli-plugins (the CLI has no env var for extra dirs).
  const cliPlugins = path.resolve(import.meta.dirname, '../../.tools/docker-cli-plugins');
  if (!existsSync(path.join(cliPlugins, 'docker-buildx'))) {
    throw new Error(`${cliPlugins}/docker-buildx not found (the buildx CLI plugin; scripts/peers-install.sh installs it)`);
  }
  // The image has no libc: a dynamically linked busybox names its loader in the ELF header.
  if (readFileSync(busybox).subarray(0, 4096).includes('/ld-linux')) {
    throw new Error(`${busybox} is dynamically linked; the Docker tests need a static one (Debian package busybox-static)`);
  }

  // Short: the unix socket path must stay under 108 bytes.
  const root = mkdtempSync('/tmp/da-docker-');
  const children: ChildProcess[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    disarm();
    // the daemon first (it stops its containerd), then the registries
    for (const child of children) await stopChild(child, 15_000);
    // a daemon that had to be killed leaves shm/netns mounts: unmount before removing
    unmountUnderSync(root);
    rmSync(root, { recursive: true, force: true });
  };
  // Safety net when the test process ends without running teardown (exit, Ctrl-C, a CI cancel).
  const disarm = cleanUpWhenInterrupted(root, children);

  try {
    const user = 'deployer';
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    const { stdout: htpasswdLine } = await run(htpasswdBin, ['-nbB', user, password]);
    const htpasswdFile = path.join(root, 'htpasswd');
    writeFileSync(htpasswdFile, htpasswdLine.trim() + '\n');

    const registries: { port: number; log: string; child: ChildProcess }[] = [];
    for (const auth of [false, true]) {
      const name = auth ? 'registry-auth' : 'registry';
      const dir = path.join(root, name);
      mkdirSync(dir);
      const port = await freePort();
      const config = path.join(root, `${name}.yml`);
      writeFileSync(config, registryConfig(dir, port, auth ? htpasswdFile : undefined));
      const log = path.join(root, `${name}.log`);
      const child = startDaemon(registryBin, ['serve', config], log);
      children.push(child);
      registries.push({ port, log, child });
    }
    for (const r of registries) await waitUntil('docker-registry', () => httpOk(`http://${HOST}:${r.port}/v2/`), r.child, r.log, deadline);
    const registry = `${HOST}:${registries[0]!.port}`;
    const authRegistry = `${HOST}:${registries[1]!.port}`;

    for (const dir of ['data', 'exec']) mkdirSync(path.join(root, dir));
    const socket = path.join(root, 'docker.sock');
    const daemonConfig = path.join(root, 'daemon.json');
    writeFileSync(daemonConfig, '{}\n');
    const dockerLog = path.join(root, 'dockerd.log');
    const daemon = startDaemon(
      dockerd,
      [
        '--storage-driver=vfs',
        '--iptables=false',
        '--bridge=none',
        `--config-file=${daemonConfig}`,
        `--data-root=${path.join(root, 'data')}`,
        `--exec-root=${path.join(root, 'exec')}`,
        `--pidfile=${path.join(root, 'docker.pid')}`,
        `--host=unix://${socket}`,
        `--registry-mirror=http://${registry}`,
        // should dockerd attach to a system containerd, keep its containers apart from any other daemon's
        `--containerd-namespace=${path.basename(root)}`,
        `--containerd-plugins-namespace=${path.basename(root)}-plugins`,
      ],
      dockerLog,
    );
    children.unshift(daemon);
    await waitUntil('dockerd', () => pingSocket(socket), daemon, dockerLog, deadline);
    const dockerHost = `unix://${socket}`;

    // The base image: a static busybox with a few applets, and `uv` that just reports its arguments.
    const rootfs = path.join(root, 'rootfs');
    mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
    mkdirSync(path.join(rootfs, 'usr/local/bin'), { recursive: true });
    mkdirSync(path.join(rootfs, 'tmp'));
    copyFileSync(busybox, path.join(rootfs, 'bin/busybox'));
    chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
    for (const applet of ['sh', 'cat', 'echo', 'ls', 'true', 'false', 'env', 'printf', 'test']) symlinkSync('busybox', path.join(rootfs, 'bin', applet));
    writeFileSync(path.join(rootfs, 'usr/local/bin/uv'), '#!/bin/sh\necho "uv $*"\n', { mode: 0o755 });
    const tarball = path.join(root, 'rootfs.tar');
    await run('tar', ['-C', rootfs, '-cf', tarball, '.']);
    const env = { ...process.env, DOCKER_HOST: dockerHost, DOCKER_CONFIG: path.join(root, 'docker-config') };
    mkdirSync(env.DOCKER_CONFIG);
    symlinkSync(cliPlugins, path.join(env.DOCKER_CONFIG, 'cli-plugins'));
    // The plugin must answer and reach this daemon's BuildKit (the docker driver), or buildx tests cannot run.
    await run(docker, ['buildx', 'inspect', '--bootstrap'], { env }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`docker buildx cannot use the test daemon: ${(error.stderr ?? error.message).trim()}`);
    });
    const baseImage = `${registry}/deploy-action-test/base:1`;
    await run(docker, ['import', tarball, baseImage], { env });
    await run(docker, ['push', baseImage], { env });
    const mirrored = options.mirroredImages.map((image) => `${registry}/${image}`);
    for (const target of mirrored) {
      await run(docker, ['tag', baseImage, target], { env });
      await run(docker, ['push', target], { env });
    }
    // Nothing local but what the registries hold: builds pull their base as on a runner.
    await run(docker, ['rmi', baseImage, ...mirrored], { env });

    return { dockerHost, registry, authRegistry, registryUser: user, registryPassword: password, baseImage, cliPlugins, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The docker CLI as the steps use it: found on PATH, run through the step process runner with the
 * step's environment (so DOCKER_HOST, DOCKER_CONTEXT and DOCKER_CONFIG apply), output streamed line
 * by line, and the failures users meet turned into one line that says what to fix.
 */
import type { Environment } from '../../core/templating/index.js';
import { findExecutable, processEnv, ProcessStartError, runProcess } from '../process.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The last lines of stdout and stderr as they came, for failure messages. */
  tail: string[];
}

export interface DockerOptions {
  /** Variables over the step's environment (e.g. a temporary DOCKER_CONFIG). */
  env?: Record<string, string>;
  input?: string;
  /** Stream lines to the step log (default true). */
  stream?: boolean;
  /** Lines not to stream (they are still captured). */
  hide?: (line: string) => boolean;
  cwd?: string;
}

const TAIL_LINES = 20;

const NOT_INSTALLED = 'docker is not installed: no docker executable on PATH (install the Docker CLI on the runner, or run the build on a runner that has Docker)';

/** The docker executable on the step's PATH, or a StepFailure saying how to get one. */
export function dockerExecutable(env: Environment): string {
  const docker = findExecutable(['docker'], env);
  if (docker === undefined) throw new StepFailure(NOT_INSTALLED);
  return docker;
}

export async function runDocker(args: readonly string[], call: StepCall, options: DockerOptions = {}): Promise<DockerResult> {
  const docker = dockerExecutable(call.env);
  const tail: string[] = [];
  const stream = options.stream ?? true;
  try {
    const result = await runProcess([docker, ...args], {
      cwd: options.cwd ?? call.cwd,
      env: processEnv(call.env, options.env),
      signal: call.signal,
      ...(options.input === undefined ? {} : { input: options.input }),
      onLine: (line) => {
        if (line.trim() !== '') {
          tail.push(line);
          if (tail.length > TAIL_LINES) tail.shift();
        }
        if (stream && !options.hide?.(line)) call.log(line);
      },
    });
    return { ...result, tail };
  } catch (error) {
    // ENOENT for the executable itself (the working directory has its own message).
    if (error instanceof ProcessStartError && error.code === 'ENOENT' && error.message.includes(docker)) throw new StepFailure(NOT_INSTALLED);
    throw error;
  }
}

/** Where the CLI will look for the daemon, for messages. */
export function dockerHostOf(env: Environment): string {
  if (env['DOCKER_HOST']) return env['DOCKER_HOST'];
  if (env['DOCKER_CONTEXT']) return `docker context ${env['DOCKER_CONTEXT']}`;
  return process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

const DAEMON_UNREACHABLE = [
  /Cannot connect to the Docker daemon/iu,
  /error during connect/iu,
  /permission denied while trying to connect to the Docker daemon/iu,
  /Is the docker daemon running\?/iu,
];

/** A StepFailure when `text` says the daemon is not there (the reference: "Docker is not running"). */
export function daemonFailure(text: string, env: Environment): StepFailure | undefined {
  if (!DAEMON_UNREACHABLE.some((re) => re.test(text))) return undefined;
  const detail = firstMatchingLine(text, DAEMON_UNREACHABLE) ?? text.trim();
  const permission = /permission denied/iu.test(detail);
  return new StepFailure(
    `the Docker daemon at ${dockerHostOf(env)} is not reachable: ${detail} (${permission ? 'give this user access to the Docker socket' : 'start Docker, or set DOCKER_HOST to a running daemon'})`,
  );
}

function firstMatchingLine(text: string, patterns: readonly RegExp[]): string | undefined {
  return text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .find((l) => patterns.some((re) => re.test(l)));
}

/** One line of the last output lines, for build and push failures. */
export function summarizeTail(lines: readonly string[], count: number): string {
  return lines
    .slice(-count)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' | ');
}

const REGISTRY_UNREACHABLE = [
  /connection refused/iu,
  /no such host/iu,
  /i\/o timeout/iu,
  /dial tcp/iu,
  /server gave HTTP response to HTTPS client/iu,
  /TLS handshake timeout/iu,
  /network is unreachable/iu,
  /x509:/iu,
];
const REGISTRY_DENIED = [/unauthorized/iu, /authentication required/iu, /no basic auth credentials/iu, /denied/iu, /incorrect username or password/iu, /forbidden/iu];

/** Classifies a registry error (login or push) as unreachable or denied; undefined for anything else. */
export function registryProblem(text: string): { kind: 'unreachable' | 'denied'; detail: string } | undefined {
  const unreachable = firstMatchingLine(text, REGISTRY_UNREACHABLE);
  if (unreachable) return { kind: 'unreachable', detail: unreachable };
  const denied = firstMatchingLine(text, REGISTRY_DENIED);
  if (denied) return { kind: 'denied', detail: denied };
  return undefined;
}

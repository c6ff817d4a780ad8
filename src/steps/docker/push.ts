/**
 * `prefect_docker.deployments.steps.push_docker_image` (prefect-docker 0.7.4) on the docker CLI.
 *
 * With `credentials`, the login goes into a temporary DOCKER_CONFIG used only by this step's
 * commands and removed afterwards: nothing is written to the user's docker config (the reference's
 * buildx path writes there), and the password only ever reaches `docker login` on stdin. Only
 * `docker login` and `docker push` run with it, so the user's CLI plugins (buildx) are not needed there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMapping, pythonTypeName } from '../../core/values/index.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import { additionalTagsOf, backendOf } from './build.js';
import { daemonFailure, registryProblem, runDocker, summarizeTail, type DockerResult } from './cli.js';
import { normalizeImageName, registryOf, tagText, validateImageName } from './names.js';

export interface PushDockerImageResult {
  image_name: string;
  tag: unknown;
  image: string;
  additional_tags: unknown[];
}

const STEP = 'push_docker_image';

interface Credentials {
  username: string;
  password: string;
  registry: string | undefined;
}

function credentialsOf(value: unknown): Credentials | undefined {
  // `if credentials is not None`: an empty mapping still logs in (and fails for want of a username).
  if (value === undefined || value === null) return undefined;
  if (!isMapping(value)) {
    throw new StepFailure(
      `${STEP}: credentials must be a mapping with username, password and registry_url (a docker-registry-credentials block), got ${pythonTypeName(value)}`,
    );
  }
  const field = (key: string): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new StepFailure(`${STEP}: credentials.${key} must be a string, got ${pythonTypeName(v)}`);
    return v;
  };
  const username = field('username');
  const password = field('password');
  if (!username || !password) {
    throw new StepFailure(
      `${STEP}: credentials.${username ? 'password' : 'username'} is missing (give both username and password, or leave credentials out to use the runner's docker login)`,
    );
  }
  return { username, password, registry: field('registry_url') || undefined };
}

/** Replaces the password wherever it might appear in text shown to the user. */
function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

export async function pushDockerImage(inputs: Record<string, unknown>, call: StepCall): Promise<PushDockerImageResult> {
  const imageName = normalizeImageName(validateImageName(inputs['image_name'], STEP), call.env);
  const rawTag = inputs['tag'] ?? null;
  const additionalTags = additionalTagsOf(inputs['additional_tags'], STEP);
  const backend = backendOf(inputs['build_backend']);
  const credentials = credentialsOf(inputs['credentials']);

  let config: string | undefined;
  try {
    const env: Record<string, string> = {};
    if (credentials) {
      config = mkdtempSync(path.join(tmpdir(), 'deploy-action-docker-config-'));
      env['DOCKER_CONFIG'] = config;
      await login(call, credentials, env);
    }
    const hasTag = rawTag !== null && rawTag !== '';
    const refs: { ref: string; args: string[] }[] = [];
    if (hasTag) refs.push({ ref: `${imageName}:${tagText(rawTag)}`, args: [`${imageName}:${tagText(rawTag)}`] });
    // docker-py without a tag asks the daemon to push every local tag of the repository.
    else refs.push({ ref: imageName, args: backend === 'docker-py' ? ['--all-tags', imageName] : [imageName] });
    for (const t of additionalTags) refs.push({ ref: `${imageName}:${tagText(t)}`, args: [`${imageName}:${tagText(t)}`] });
    for (const { ref, args } of refs) {
      const result = await runDocker(['push', ...args], call, { env });
      if (result.code !== 0) throw pushFailure(result, ref, call, credentials !== undefined);
    }
  } finally {
    if (config) rmSync(config, { recursive: true, force: true });
  }
  return {
    image_name: imageName,
    tag: rawTag,
    image: `${imageName}:${tagText(rawTag)}`,
    additional_tags: additionalTags,
  };
}

async function login(call: StepCall, credentials: Credentials, env: Record<string, string>): Promise<void> {
  const registry = credentials.registry ?? 'docker.io';
  const args = ['login', '--username', credentials.username, '--password-stdin', ...(credentials.registry ? [credentials.registry] : [])];
  // Login output is not streamed: it names the temporary config and warns about storing there.
  const result = await runDocker(args, call, { env, input: credentials.password, stream: false });
  if (result.code === 0) {
    call.log(`Logged in to ${registry} as ${credentials.username} (temporary docker config, removed after the push)`);
    return;
  }
  const output = redact(`${result.stderr}\n${result.stdout}`, credentials.password);
  const daemon = daemonFailure(output, call.env);
  if (daemon) throw daemon;
  const problem = registryProblem(output);
  if (problem?.kind === 'unreachable') {
    throw new StepFailure(`cannot reach registry ${registry} to log in: ${problem.detail} (check credentials.registry_url and that the registry is up)`);
  }
  if (problem?.kind === 'denied') {
    throw new StepFailure(`registry login to ${registry} as ${credentials.username} failed: ${problem.detail} (check credentials.username and credentials.password)`);
  }
  throw new StepFailure(`docker login to ${registry} failed (exit code ${result.code}): ${redact(summarizeTail(result.tail, 3), credentials.password)}`);
}

function pushFailure(result: DockerResult, ref: string, call: StepCall, loggedIn: boolean): StepFailure {
  const output = `${result.stderr}\n${result.stdout}`;
  const daemon = daemonFailure(output, call.env);
  if (daemon) return daemon;
  const missing = /An image does not exist locally|No such image|tag does not exist/iu.exec(output);
  if (missing) return new StepFailure(`image ${ref} does not exist locally (build it first, e.g. with build_docker_image, or fix image_name and tag)`);
  const registry = registryOf(ref);
  const problem = registryProblem(output);
  if (problem?.kind === 'unreachable') {
    return new StepFailure(`cannot reach registry ${registry} to push ${ref}: ${problem.detail} (check the registry in image_name and that it is up)`);
  }
  if (problem?.kind === 'denied') {
    const fix = loggedIn
      ? 'check that these credentials may push to this repository'
      : 'give push_docker_image credentials, or run docker login on the runner before deploying';
    return new StepFailure(`registry ${registry} refused the push of ${ref}: ${problem.detail} (${fix})`);
  }
  return new StepFailure(`docker push of ${ref} failed (exit code ${result.code}): ${summarizeTail(result.tail, 6) || 'no output'}`);
}

/**
 * `prefect_docker.deployments.steps.build_docker_image` (prefect-docker 0.7.4) on the docker CLI.
 *
 * docker-py backend → `docker build` with the legacy builder (DOCKER_BUILDKIT=0), which is what
 * docker-py's `APIClient.build()` drives, so the same Dockerfiles build the same way; buildx
 * backend → `docker buildx build`, as python-on-whales runs it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isTruthy, pythonRepr, pythonTypeName } from '../../core/values/index.js';
import type { StepCall } from '../types.js';
import { StepFailure } from '../utility.js';
import { daemonFailure, runDocker, summarizeTail, type DockerResult } from './cli.js';
import { autoDockerfileText, FALLBACK_PYTHON_VERSION, IMAGE_LABELS, PREFECT_VERSION, prefectImageName, runnerPythonVersion } from './dockerfile.js';
import { defaultTag, normalizeImageName, tagText, validateImageName } from './names.js';
import { buildxBuildFlags, dockerPyBuildFlags } from './options.js';

export interface BuildDockerImageResult {
  image_name: string;
  tag: unknown;
  image: string;
  image_id: string;
  additional_tags: unknown[];
}

const STEP = 'build_docker_image';
const BACKENDS = ['docker-py', 'buildx'] as const;

const DENIED_HINT =
  'Docker reported access denied. This can happen if the base image requires authentication, if you are not logged in to the registry, or if the image name is invalid. Check your image name (no spaces) and run `docker login` for the registry you are using.';

/** prefect's `_TRANSIENT_ERROR_PATTERNS`: buildx failures worth another attempt. */
const TRANSIENT = [
  '502 Bad Gateway',
  '503 Service Unavailable',
  '500 Internal Server Error',
  'i/o timeout',
  'TLS handshake timeout',
  'connection reset',
  'context deadline exceeded',
];
const BUILDX_RETRIES = 3;

/** `dockerfile: auto` writes ./Dockerfile: builds sharing a directory take turns (the reference runs one at a time). */
const autoLocks = new Map<string, Promise<void>>();

async function withDirectoryLock<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const previous = autoLocks.get(dir) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chained = previous.then(() => mine);
  autoLocks.set(dir, chained);
  await previous;
  try {
    return await body();
  } finally {
    release();
    if (autoLocks.get(dir) === chained) autoLocks.delete(dir);
  }
}

export function backendOf(value: unknown): (typeof BACKENDS)[number] {
  const backend = value === undefined ? 'docker-py' : value;
  if (typeof backend !== 'string' || !(BACKENDS as readonly string[]).includes(backend)) {
    throw new StepFailure(`Invalid build_backend ${pythonRepr(backend)}. Expected 'docker-py' or 'buildx'.`);
  }
  return backend as (typeof BACKENDS)[number];
}

/** `additional_tags or []`, each a tag (a list of strings; numbers render as Python would). */
export function additionalTagsOf(value: unknown, step: string): unknown[] {
  if (!isTruthy(value)) return [];
  if (!Array.isArray(value)) {
    // The reference would iterate a string character by character and tag the image `v`, `1`, ...
    throw new StepFailure(`${step}: additional_tags must be a list of tags, got ${pythonTypeName(value)} (write additional_tags: [${String(value)}])`);
  }
  for (const [i, t] of value.entries()) {
    if (typeof t !== 'string' && typeof t !== 'number' && typeof t !== 'bigint') {
      throw new StepFailure(`${step}: additional_tags[${i}] must be a tag string, got ${pythonTypeName(t)}`);
    }
  }
  return value;
}

function stringInput(value: unknown, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new StepFailure(`${STEP}: ${name} must be a string, got ${pythonTypeName(value)}`);
  return value;
}

/** Hides the legacy builder's deprecation notice, which tells users to remove a variable we set. */
function legacyNoticeFilter(): (line: string) => boolean {
  let inNotice = false;
  return (line) => {
    if (line.startsWith('DEPRECATED: The legacy builder is deprecated')) {
      inNotice = true;
      return true;
    }
    if (inNotice && (line.trim() === '' || /^\s/u.test(line))) return true;
    inNotice = false;
    return false;
  };
}

function buildFailure(result: DockerResult, what: string, call: StepCall): StepFailure {
  const daemon = daemonFailure(result.stderr, call.env);
  if (daemon) return daemon;
  const text = summarizeTail(result.tail, 6) || `exit code ${result.code}`;
  const hint = /denied/iu.test(result.stderr) ? ` | ${DENIED_HINT}` : '';
  return new StepFailure(`${what} failed (exit code ${result.code}): ${text}${hint}`);
}

export async function buildDockerImage(inputs: Record<string, unknown>, call: StepCall): Promise<BuildDockerImageResult> {
  const {
    image_name: rawImageName,
    dockerfile: rawDockerfile,
    tag: rawTag,
    additional_tags: rawAdditionalTags,
    // only steers the reference's per-process memo; identical runs are shared by the step cache
    ignore_cache: _memoOnly,
    persist_dockerfile: persistDockerfile,
    dockerfile_output_path: rawOutputPath,
    build_backend: rawBackend,
    ...kwargs
  } = inputs;
  const imageName = normalizeImageName(validateImageName(rawImageName, STEP), call.env);
  let dockerfile = stringInput(rawDockerfile, 'dockerfile', 'Dockerfile');
  const backend = backendOf(rawBackend);
  const tag = isTruthy(rawTag) ? rawTag : defaultTag();
  const additionalTags = additionalTagsOf(rawAdditionalTags, STEP);
  const rawPath = kwargs['path'];
  if (rawPath !== undefined && typeof rawPath !== 'string') throw new StepFailure(`${STEP}: path must be a string, got ${pythonTypeName(rawPath)}`);
  const context = rawPath === undefined ? call.cwd : path.resolve(call.cwd, rawPath);
  if (!existsSync(context) || !statSync(context).isDirectory()) {
    throw new StepFailure(`the build context ${rawPath ?? context} is not a directory (fix path: of ${STEP}, relative to ${call.cwd})`);
  }
  // Every option is checked before anything is written or run.
  const dockerPyFlags = backend === 'docker-py' ? dockerPyBuildFlags(kwargs, IMAGE_LABELS) : [];
  const buildx = backend === 'buildx' ? buildxBuildFlags(kwargs, IMAGE_LABELS) : undefined;
  if (buildx) await requireBuildx(call);

  const fullTag = `${imageName}:${tagText(tag)}`;
  const tags = [fullTag, ...additionalTags.map((t) => `${imageName}:${tagText(t)}`)];
  const build = async (): Promise<string> => {
    const file = path.isAbsolute(dockerfile) ? dockerfile : path.join(context, dockerfile);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new StepFailure(
        `Dockerfile not found: ${file} (dockerfile: ${dockerfile} is relative to the build context ${context}; fix dockerfile: or path:, or use dockerfile: auto)`,
      );
    }
    const scratch = mkdtempSync(path.join(tmpdir(), 'deploy-action-build-'));
    try {
      const iidfile = path.join(scratch, 'iid');
      if (buildx) return await buildWithBuildx(call, buildx.flags, file, iidfile, tags, context, buildx.push || buildx.exportsElsewhere);
      return await buildWithLegacyBuilder(call, dockerPyFlags, file, iidfile, tags, context);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };

  let imageId: string;
  if (dockerfile === 'auto') {
    const baseImage = await autoBaseImage(call);
    imageId = await withDirectoryLock(call.cwd, async () => {
      const text = autoDockerfileText(call.cwd, baseImage);
      const temp = path.join(call.cwd, 'Dockerfile');
      if (existsSync(temp)) {
        throw new StepFailure(
          `Dockerfile already exists. (dockerfile: auto writes ${temp} for the build: rename the existing file, or build it with dockerfile: Dockerfile)`,
        );
      }
      writeFileSync(temp, text);
      try {
        if (isTruthy(persistDockerfile)) {
          const output = typeof rawOutputPath === 'string' && rawOutputPath ? rawOutputPath : 'Dockerfile.generated';
          call.log(`Persisting auto-generated Dockerfile to ${output}. Please update your 'dockerfile' value to use this Dockerfile for subsequent runs.`);
          writeFileSync(path.resolve(call.cwd, output), text);
        } else {
          call.log('Deleting auto-generated Dockerfile after build. Consider using `persist_dockerfile` to save it.');
        }
        dockerfile = 'Dockerfile';
        return await build();
      } finally {
        unlinkSync(temp);
      }
    });
  } else {
    imageId = await build();
  }
  return { image_name: imageName, tag, image: fullTag, image_id: imageId, additional_tags: additionalTags };
}

/** `get_prefect_image_name()` for the runner: our Prefect version and the runner's Python. */
async function autoBaseImage(call: StepCall): Promise<string> {
  let python = await runnerPythonVersion(call.env);
  if (python === undefined) {
    python = FALLBACK_PYTHON_VERSION;
    call.log(
      `No Python 3.9+ on the runner: the generated Dockerfile uses Python ${python} (prefect deploy takes the Python it runs on; set PREFECT_DEPLOY_PYTHON to choose)`,
    );
  }
  return prefectImageName(PREFECT_VERSION, python);
}

async function buildWithLegacyBuilder(call: StepCall, flags: string[], file: string, iidfile: string, tags: string[], context: string): Promise<string> {
  const args = ['build', ...flags, '--file', file, '--iidfile', iidfile, ...tags.flatMap((t) => ['--tag', t]), context];
  const result = await runDocker(args, call, { env: { DOCKER_BUILDKIT: '0' }, hide: legacyNoticeFilter() });
  if (result.code !== 0) throw buildFailure(result, `docker build of ${tags[0]!}`, call);
  const id = existsSync(iidfile) ? readFileSync(iidfile, 'utf8').trim() : '';
  if (!id) throw new StepFailure('Docker did not return an image ID for built image.');
  return id;
}

async function requireBuildx(call: StepCall): Promise<void> {
  const result = await runDocker(['buildx', 'version'], call, { stream: false });
  if (result.code !== 0) {
    throw new StepFailure(
      `build_backend buildx needs the docker buildx plugin, and \`docker buildx version\` failed: ${summarizeTail(result.tail, 2) || `exit code ${result.code}`} (install buildx, e.g. with docker/setup-buildx-action, or use build_backend: docker-py)`,
    );
  }
}

async function buildWithBuildx(call: StepCall, flags: string[], file: string, iidfile: string, tags: string[], context: string, noLocalImage: boolean): Promise<string> {
  const args = ['buildx', 'build', ...flags, '--file', file, '--iidfile', iidfile, ...tags.flatMap((t) => ['--tag', t]), context];
  for (let attempt = 0; ; attempt++) {
    const result = await runDocker(args, call);
    if (result.code === 0) break;
    // buildx's own text spans three lines and does not name the step's inputs.
    if (/Cache export is not supported for the docker driver/u.test(result.stderr)) {
      throw new StepFailure(
        `docker buildx build of ${tags[0]!} failed: the builder uses the docker driver, which cannot export build cache (use cache_to: {type: inline}, or a docker-container builder: docker buildx create --use --driver docker-container, or builder: <name>)`,
      );
    }
    const failure = buildFailure(result, `docker buildx build of ${tags[0]!}`, call);
    if (attempt >= BUILDX_RETRIES || !TRANSIENT.some((p) => failure.message.toLowerCase().includes(p.toLowerCase()))) throw failure;
    const delay = 2 ** (attempt + 1);
    call.log(`Buildx build encountered transient error (attempt ${attempt + 1}/${BUILDX_RETRIES + 1}): ${failure.message}. Retrying in ${delay}s...`);
    await sleep(delay * 1000, call.signal);
  }
  // Pushed or exported elsewhere: nothing in the local daemon, and the reference returns the tag.
  const id = noLocalImage ? '' : existsSync(iidfile) ? readFileSync(iidfile, 'utf8').trim() : '';
  if (!id) return tags[0]!;
  call.log(`Built image: ${id}`);
  return id;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('the step was cancelled'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * The build options the reference passes through (`**build_kwargs`), as docker CLI flags.
 *
 * docker-py backend: the keywords of docker-py 7's `APIClient.build()`; buildx backend: the
 * keywords of python-on-whales 0.81's `docker.buildx.build()`, which already is a CLI wrapper, so
 * the flags are the ones it would put on the command line. A keyword neither accepts is the
 * reference's TypeError, raised here before anything runs.
 */
import { didYouMean } from '../../core/util/suggest.js';
import { isMapping, isTruthy, pythonStr, pythonTypeName } from '../../core/values/index.js';
import { StepFailure } from '../utility.js';

type Options = Record<string, unknown>;

function str(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  // docker-py sends JSON to the daemon, which takes only strings there; say what to quote.
  throw new StepFailure(`build_docker_image: ${what} must be a string, got ${pythonTypeName(value)} ${pythonStr(value)} (quote it in prefect.yaml)`);
}

function scalar(value: unknown, what: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return pythonStr(value);
  throw new StepFailure(`build_docker_image: ${what} must be a string or a number, got ${pythonTypeName(value)}`);
}

function mapping(value: unknown, what: string): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (!isMapping(value)) throw new StepFailure(`build_docker_image: ${what} must be a mapping, got ${pythonTypeName(value)}`);
  return value;
}

/** `k=v` (or `k:v`) for every entry, values required to be strings. */
function pairs(value: unknown, what: string, separator = '='): string[] {
  return Object.entries(mapping(value, what)).map(([k, v]) => `${k}${separator}${str(v, `${what}.${k}`)}`);
}

/** A string or a list of strings (python-on-whales' `to_list`, docker-py's lists). */
function list(value: unknown, what: string): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map((v, i) => str(v, `${what}[${i}]`));
  throw new StepFailure(`build_docker_image: ${what} must be a string or a list of strings, got ${pythonTypeName(value)}`);
}

function flagEach(flag: string, values: readonly string[]): string[] {
  return values.flatMap((v) => [flag, v]);
}

function unknownOption(key: string, backend: string, known: readonly string[], hint = ''): StepFailure {
  return new StepFailure(
    `build_docker_image: unknown build option '${key}' for build_backend ${backend}${didYouMean(key, known)}${hint} (known options: ${known.join(', ')})`,
  );
}

/** docker-py keywords: what each becomes on `docker build` (legacy builder, as the API docker-py calls). */
const DOCKER_PY: Record<string, (value: unknown) => string[]> = {
  // `path` is the build context; handled by the caller.
  nocache: (v) => (isTruthy(v) ? ['--no-cache'] : []),
  rm: (v) => [`--rm=${isTruthy(v)}`],
  forcerm: (v) => (isTruthy(v) ? ['--force-rm'] : []),
  quiet: (v) => (isTruthy(v) ? ['--quiet'] : []),
  pull: (v) => (isTruthy(v) ? ['--pull'] : []),
  buildargs: (v) => flagEach('--build-arg', pairs(v, 'buildargs')),
  labels: (v) => flagEach('--label', pairs(v, 'labels')),
  shmsize: (v) => (v === null || v === undefined ? [] : ['--shm-size', scalar(v, 'shmsize')]),
  cache_from: (v) => flagEach('--cache-from', list(v, 'cache_from')),
  target: (v) => (v === null || v === undefined ? [] : ['--target', str(v, 'target')]),
  network_mode: (v) => (v === null || v === undefined ? [] : ['--network', str(v, 'network_mode')]),
  squash: (v) => (isTruthy(v) ? ['--squash'] : []),
  extra_hosts: (v) => {
    if (v === null || v === undefined) return [];
    // docker-py: a mapping host -> ip, or a list already written `host:ip`.
    return flagEach('--add-host', isMapping(v) ? pairs(v, 'extra_hosts', ':') : list(v, 'extra_hosts'));
  },
  platform: (v) => (v === null || v === undefined ? [] : ['--platform', str(v, 'platform')]),
  isolation: (v) => (v === null || v === undefined ? [] : ['--isolation', str(v, 'isolation')]),
  gzip: (v) => (isTruthy(v) ? ['--compress'] : []),
  container_limits: (v) => {
    const flags: Record<string, string> = { memory: '--memory', memswap: '--memory-swap', cpushares: '--cpu-shares', cpusetcpus: '--cpuset-cpus' };
    return Object.entries(mapping(v, 'container_limits')).flatMap(([k, limit]) => {
      const flag = flags[k];
      // docker-py raises for unknown keys too (`Invalid container_limits key`).
      if (!flag) throw new StepFailure(`build_docker_image: invalid container_limits key '${k}' (known: ${Object.keys(flags).join(', ')})`);
      return [flag, scalar(limit, `container_limits.${k}`)];
    });
  },
  // Client-side settings of docker-py with no effect on the image: the CLI's own behaviour applies
  // (no HTTP timeout; proxies from the docker config are always passed as build args).
  timeout: () => [],
  use_config_proxy: () => [],
  // The reference sets it itself (to decode the JSON stream).
  decode: () => [],
};

/** buildx-only keywords, named as such when given to the docker-py backend. */
const BUILDX_ONLY = new Set([
  'secrets',
  'ssh',
  'cache_to',
  'platforms',
  'push',
  'build_args',
  'add_hosts',
  'builder',
  'load',
  'output',
  'provenance',
  'sbom',
  'attest',
  'allow',
  'build_contexts',
]);

/** docker-py keywords that hand over Python objects (file objects, pre-built tar contexts). */
const DOCKER_PY_UNPORTABLE = new Set(['fileobj', 'custom_context', 'encoding']);

/**
 * `docker build` flags for the docker-py backend (not `--file`, `--tag`, `--iidfile`, the context).
 * The reference sends `pull=True` unless told otherwise, and the labels merged with IMAGE_LABELS.
 */
export function dockerPyBuildFlags(kwargs: Options, imageLabels: Readonly<Record<string, string>>): string[] {
  const known = [...Object.keys(DOCKER_PY).filter((k) => k !== 'decode'), 'path'];
  const flags: string[] = [];
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'path' || key === 'pull' || key === 'labels') continue;
    if (DOCKER_PY_UNPORTABLE.has(key)) {
      throw new StepFailure(`build_docker_image: the build option '${key}' needs a Python object and cannot be given in prefect.yaml (remove it)`);
    }
    const toFlags = DOCKER_PY[key];
    if (!toFlags) {
      throw unknownOption(key, 'docker-py', known, BUILDX_ONLY.has(key) ? ` ('${key}' needs build_backend: buildx)` : '');
    }
    flags.push(...toFlags(value));
  }
  const pull = Object.hasOwn(kwargs, 'pull') ? kwargs['pull'] : true;
  flags.push(...DOCKER_PY['pull']!(pull));
  flags.push(...DOCKER_PY['labels']!({ ...mapping(kwargs['labels'], 'labels'), ...imageLabels }));
  return flags;
}

/** `k=v,k=v` for a mapping (python-on-whales' `format_dict_for_buildx`). */
function buildxDict(value: unknown, what: string): string {
  return pairs(value, what).join(',');
}

function optional(flag: string, value: unknown, what: string): string[] {
  return value === null || value === undefined ? [] : [flag, str(value, what)];
}

function boolOrDict(flag: string, value: unknown, what: string): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'boolean') return [`${flag}=${value}`];
  if (isMapping(value)) return [flag, buildxDict(value, what)];
  throw new StepFailure(`build_docker_image: ${what} must be true/false or a mapping, got ${pythonTypeName(value)}`);
}

function cacheSpec(flag: string, value: unknown, what: string, allowList: boolean): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [flag, value];
  if (isMapping(value)) return [flag, buildxDict(value, what)];
  if (allowList && Array.isArray(value)) return value.flatMap((item, i) => [flag, isMapping(item) ? buildxDict(item, `${what}[${i}]`) : str(item, `${what}[${i}]`)]);
  throw new StepFailure(`build_docker_image: ${what} must be a string or a mapping${allowList ? ' or a list of them' : ''}, got ${pythonTypeName(value)}`);
}

/** python-on-whales `buildx.build()` keywords (labels, pull, push and platforms are added after them). */
const BUILDX: Record<string, (value: unknown) => string[]> = {
  progress: (v) => (typeof v === 'string' && v !== 'auto' ? ['--progress', v] : []),
  add_hosts: (v) => flagEach('--add-host', pairs(v, 'add_hosts', ':')),
  allow: (v) => flagEach('--allow', list(v, 'allow')),
  attest: (v) => (isMapping(v) ? ['--attest', buildxDict(v, 'attest')] : []),
  build_args: (v) => flagEach('--build-arg', pairs(v, 'build_args')),
  build_contexts: (v) => flagEach('--build-context', pairs(v, 'build_contexts')),
  builder: (v) => optional('--builder', v, 'builder'),
  ssh: (v) => optional('--ssh', v, 'ssh'),
  provenance: (v) => boolOrDict('--provenance', v, 'provenance'),
  sbom: (v) => boolOrDict('--sbom', v, 'sbom'),
  load: (v) => (isTruthy(v) ? ['--load'] : []),
  metadata_file: (v) => optional('--metadata-file', v, 'metadata_file'),
  target: (v) => optional('--target', v, 'target'),
  cache_from: (v) => cacheSpec('--cache-from', v, 'cache_from', true),
  cache_to: (v) => cacheSpec('--cache-to', v, 'cache_to', false),
  secrets: (v) => flagEach('--secret', list(v, 'secrets')),
  output: (v) => (isMapping(v) && Object.keys(v).length > 0 ? ['--output', buildxDict(v, 'output')] : []),
  network: (v) => optional('--network', v, 'network'),
  cache: (v) => (v === undefined || isTruthy(v) ? [] : ['--no-cache']),
  // Only changes what python-on-whales returns; the output is streamed here either way.
  stream_logs: () => [],
  decode: () => [],
};

/** docker-py spellings given to the buildx backend, with the buildx name to use instead. */
const DOCKER_PY_FOR_BUILDX: Record<string, string> = {
  buildargs: 'build_args',
  nocache: 'cache: false',
  extra_hosts: 'add_hosts',
  network_mode: 'network',
};

export interface BuildxBuild {
  /** Everything between `docker buildx build` and the context (tags, file and iidfile excluded). */
  flags: string[];
  push: boolean;
  pull: boolean;
  platforms: string[] | undefined;
  /** Set when an `output` other than the local daemon is requested: no local image id then. */
  exportsElsewhere: boolean;
}

/** `buildx_build_image()` + python-on-whales: the flags, with the reference's checks. */
export function buildxBuildFlags(kwargs: Options, imageLabels: Readonly<Record<string, string>>): BuildxBuild {
  const rest: Options = {};
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'path' || key === 'push' || key === 'pull' || key === 'labels' || key === 'platforms' || key === 'platform') continue;
    if (['context_path', 'file', 'tags', 'extra_tags', 'context', 'stream_progress_to'].includes(key)) {
      throw new StepFailure(`build_docker_image: the build option '${key}' is set by the step itself (use path, dockerfile, tag or additional_tags)`);
    }
    if (!BUILDX[key]) {
      const instead = DOCKER_PY_FOR_BUILDX[key];
      throw unknownOption(
        key,
        'buildx',
        [...Object.keys(BUILDX).filter((k) => k !== 'decode'), 'path', 'push', 'pull', 'labels', 'platforms', 'platform'],
        instead ? ` (buildx spells it ${instead})` : '',
      );
    }
    rest[key] = value;
  }
  const push = isTruthy(kwargs['push']);
  const pull = Object.hasOwn(kwargs, 'pull') ? isTruthy(kwargs['pull']) : true;
  let platforms: string[] | undefined;
  if (isTruthy(kwargs['platforms'])) platforms = list(kwargs['platforms'], 'platforms');
  else if (isTruthy(kwargs['platform'])) platforms = list(kwargs['platform'], 'platform');
  if (platforms && platforms.length > 1 && !push) {
    throw new StepFailure(
      'Multi-platform builds require push=True because buildx cannot load multi-platform results into the local Docker daemon. Either set push=True or build for a single platform.',
    );
  }
  const labels = { ...mapping(kwargs['labels'], 'labels'), ...imageLabels };
  // Plain progress unless told otherwise: one line per event, which is what a CI log can show.
  const progress = rest['progress'];
  const flags = typeof progress === 'string' && progress !== 'auto' ? ['--progress', progress] : ['--progress', 'plain'];
  for (const key of Object.keys(BUILDX)) {
    if (key !== 'progress' && Object.hasOwn(rest, key)) flags.push(...BUILDX[key]!(rest[key]));
  }
  flags.push(...flagEach('--label', pairs(labels, 'labels')));
  if (pull) flags.push('--pull');
  if (push) flags.push('--push');
  if (platforms) flags.push('--platform', platforms.join(','));
  const output = rest['output'];
  const exportsElsewhere = isMapping(output) && Object.keys(output).length > 0 && !(output['type'] === 'docker' && !('dest' in output));
  return { flags, push, pull, platforms, exportsElsewhere };
}

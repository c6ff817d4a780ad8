import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  REFERENCE_PREFECT_VERSION
} from "./chunk-5BY6HLOH.js";
import {
  didYouMean
} from "./chunk-RTJXVYK5.js";
import {
  ProcessStartError,
  StepFailure,
  findExecutable,
  findPython,
  processEnv,
  runProcess
} from "./chunk-46W2O75K.js";
import {
  isMapping,
  isTruthy,
  pythonRepr,
  pythonStr,
  pythonTypeName
} from "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_os
} from "./chunk-M3NCQJAU.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/steps/docker/build.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);

// src/steps/docker/cli.ts
var TAIL_LINES = 20;
var NOT_INSTALLED = "docker is not installed: no docker executable on PATH (install the Docker CLI on the runner, or run the build on a runner that has Docker)";
function dockerExecutable(env) {
  const docker = findExecutable(["docker"], env);
  if (docker === void 0) throw new StepFailure(NOT_INSTALLED);
  return docker;
}
async function runDocker(args, call, options = {}) {
  const docker = dockerExecutable(call.env);
  const tail = [];
  const stream = options.stream ?? true;
  try {
    const result = await runProcess([docker, ...args], {
      cwd: options.cwd ?? call.cwd,
      env: processEnv(call.env, options.env),
      signal: call.signal,
      ...options.input === void 0 ? {} : { input: options.input },
      onLine: (line) => {
        if (line.trim() !== "") {
          tail.push(line);
          if (tail.length > TAIL_LINES) tail.shift();
        }
        if (stream && !options.hide?.(line)) call.log(line);
      }
    });
    return { ...result, tail };
  } catch (error) {
    if (error instanceof ProcessStartError && error.code === "ENOENT" && error.message.includes(docker)) throw new StepFailure(NOT_INSTALLED);
    throw error;
  }
}
function dockerHostOf(env) {
  if (env["DOCKER_HOST"]) return env["DOCKER_HOST"];
  if (env["DOCKER_CONTEXT"]) return `docker context ${env["DOCKER_CONTEXT"]}`;
  return process.platform === "win32" ? "npipe:////./pipe/docker_engine" : "unix:///var/run/docker.sock";
}
var DAEMON_UNREACHABLE = [
  /Cannot connect to the Docker daemon/iu,
  /error during connect/iu,
  /permission denied while trying to connect to the Docker daemon/iu,
  /Is the docker daemon running\?/iu
];
function daemonFailure(text, env) {
  if (!DAEMON_UNREACHABLE.some((re) => re.test(text))) return void 0;
  const detail = firstMatchingLine(text, DAEMON_UNREACHABLE) ?? text.trim();
  const permission = /permission denied/iu.test(detail);
  return new StepFailure(
    `the Docker daemon at ${dockerHostOf(env)} is not reachable: ${detail} (${permission ? "give this user access to the Docker socket" : "start Docker, or set DOCKER_HOST to a running daemon"})`
  );
}
function firstMatchingLine(text, patterns) {
  return text.split(/\r?\n/u).map((l) => l.trim()).find((l) => patterns.some((re) => re.test(l)));
}
function summarizeTail(lines, count) {
  return lines.slice(-count).map((l) => l.trim()).filter(Boolean).join(" | ");
}
var REGISTRY_UNREACHABLE = [
  /connection refused/iu,
  /no such host/iu,
  /i\/o timeout/iu,
  /dial tcp/iu,
  /server gave HTTP response to HTTPS client/iu,
  /TLS handshake timeout/iu,
  /network is unreachable/iu,
  /x509:/iu
];
var REGISTRY_DENIED = [/unauthorized/iu, /authentication required/iu, /no basic auth credentials/iu, /denied/iu, /incorrect username or password/iu, /forbidden/iu];
function registryProblem(text) {
  const unreachable = firstMatchingLine(text, REGISTRY_UNREACHABLE);
  if (unreachable) return { kind: "unreachable", detail: unreachable };
  const denied = firstMatchingLine(text, REGISTRY_DENIED);
  if (denied) return { kind: "denied", detail: denied };
  return void 0;
}

// src/steps/docker/dockerfile.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);

// src/steps/docker/names.ts
function validateImageName(value, step) {
  if (typeof value !== "string") {
    throw new StepFailure(`${step}: image_name must be a string, got ${pythonTypeName(value)}`);
  }
  if (/[\s\x1c-\x1f\x85]/u.test(value)) {
    throw new StepFailure(
      `Invalid Docker image name '${value}'. Image names cannot contain spaces. Use lowercase letters, numbers, and separators like '-', '_', '.', and '/'.`
    );
  }
  return value;
}
function splitRepositoryPath(repositoryPath) {
  const first = repositoryPath.indexOf("/");
  if (first === -1) return [void 0, repositoryPath];
  const second = repositoryPath.indexOf("/", first + 1);
  if (second === -1) return [repositoryPath.slice(0, first), repositoryPath.slice(first + 1)];
  return [repositoryPath.slice(0, second), repositoryPath.slice(second + 1)];
}
function normalizeImageName(imageName, env) {
  const [namespace, repository] = splitRepositoryPath(imageName);
  const effective = namespace || env["PREFECT_DEFAULT_DOCKER_BUILD_NAMESPACE"] || void 0;
  return [effective, repository].filter(Boolean).join("/");
}
function slugify(text, options = {}) {
  const lowercase = options.lowercase ?? true;
  const disallowed = options.allowed ?? /[^-a-z0-9]+/gu;
  let out = lowercase ? text.toLowerCase() : text;
  out = out.replace(disallowed, "-").replace(/-{2,}/gu, "-").replace(/^-+|-+$/gu, "");
  if (options.maxLength !== void 0 && out.length > options.maxLength) out = out.slice(0, options.maxLength).replace(/^-+|-+$/gu, "");
  return out;
}
function pythonUtcIsoformat(now) {
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  const date = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  const micros = now.getUTCMilliseconds() * 1e3;
  return `${date}T${time}${micros ? `.${pad(micros, 6)}` : ""}+00:00`;
}
function defaultTag(now = /* @__PURE__ */ new Date()) {
  return slugify(pythonUtcIsoformat(now));
}
function tagText(tag) {
  return pythonStr(tag);
}
function registryOf(imageName) {
  const slash = imageName.indexOf("/");
  if (slash === -1) return "docker.io";
  const first = imageName.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : "docker.io";
}

// src/steps/docker/dockerfile.ts
var PREFECT_VERSION = REFERENCE_PREFECT_VERSION;
var IMAGE_LABELS = { "io.prefect.version": PREFECT_VERSION };
var FALLBACK_PYTHON_VERSION = "3.12";
function prefectImageName(prefectVersion, pythonVersion) {
  const tag = slugify(`${prefectVersion}-python${pythonVersion}`, { lowercase: false, maxLength: 128, allowed: /[^a-zA-Z0-9_.-]+/gu });
  return `prefecthq/prefect:${tag}`;
}
function autoDockerfileLines(cwd, baseImage) {
  const dirName = import_node_path.default.basename(cwd);
  const lines = [`FROM ${baseImage}`];
  if ((0, import_node_fs.existsSync)(import_node_path.default.join(cwd, "requirements.txt"))) {
    lines.push(`COPY requirements.txt /opt/prefect/${dirName}/requirements.txt`);
    lines.push(`RUN uv pip install -r /opt/prefect/${dirName}/requirements.txt`);
  }
  lines.push(`COPY . /opt/prefect/${dirName}/`, `WORKDIR /opt/prefect/${dirName}/`);
  return lines;
}
function autoDockerfileText(cwd, baseImage) {
  return autoDockerfileLines(cwd, baseImage).map((line) => `${line}
`).join("");
}
async function runnerPythonVersion(env) {
  try {
    const python = await findPython("build_docker_image with dockerfile: auto reads the runner Python version", env);
    return `${python.version[0]}.${python.version[1]}`;
  } catch (error) {
    if (error instanceof StepFailure) return void 0;
    throw error;
  }
}

// src/steps/docker/options.ts
function str(value, what) {
  if (typeof value === "string") return value;
  throw new StepFailure(`build_docker_image: ${what} must be a string, got ${pythonTypeName(value)} ${pythonStr(value)} (quote it in prefect.yaml)`);
}
function scalar(value, what) {
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return pythonStr(value);
  throw new StepFailure(`build_docker_image: ${what} must be a string or a number, got ${pythonTypeName(value)}`);
}
function mapping(value, what) {
  if (value === null || value === void 0) return {};
  if (!isMapping(value)) throw new StepFailure(`build_docker_image: ${what} must be a mapping, got ${pythonTypeName(value)}`);
  return value;
}
function pairs(value, what, separator = "=") {
  return Object.entries(mapping(value, what)).map(([k, v]) => `${k}${separator}${str(v, `${what}.${k}`)}`);
}
function list(value, what) {
  if (value === null || value === void 0) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.map((v, i) => str(v, `${what}[${i}]`));
  throw new StepFailure(`build_docker_image: ${what} must be a string or a list of strings, got ${pythonTypeName(value)}`);
}
function flagEach(flag, values) {
  return values.flatMap((v) => [flag, v]);
}
function unknownOption(key, backend, known, hint = "") {
  return new StepFailure(
    `build_docker_image: unknown build option '${key}' for build_backend ${backend}${didYouMean(key, known)}${hint} (known options: ${known.join(", ")})`
  );
}
var DOCKER_PY = {
  // `path` is the build context; handled by the caller.
  nocache: (v) => isTruthy(v) ? ["--no-cache"] : [],
  rm: (v) => [`--rm=${isTruthy(v)}`],
  forcerm: (v) => isTruthy(v) ? ["--force-rm"] : [],
  quiet: (v) => isTruthy(v) ? ["--quiet"] : [],
  pull: (v) => isTruthy(v) ? ["--pull"] : [],
  buildargs: (v) => flagEach("--build-arg", pairs(v, "buildargs")),
  labels: (v) => flagEach("--label", pairs(v, "labels")),
  shmsize: (v) => v === null || v === void 0 ? [] : ["--shm-size", scalar(v, "shmsize")],
  cache_from: (v) => flagEach("--cache-from", list(v, "cache_from")),
  target: (v) => v === null || v === void 0 ? [] : ["--target", str(v, "target")],
  network_mode: (v) => v === null || v === void 0 ? [] : ["--network", str(v, "network_mode")],
  squash: (v) => isTruthy(v) ? ["--squash"] : [],
  extra_hosts: (v) => {
    if (v === null || v === void 0) return [];
    return flagEach("--add-host", isMapping(v) ? pairs(v, "extra_hosts", ":") : list(v, "extra_hosts"));
  },
  platform: (v) => v === null || v === void 0 ? [] : ["--platform", str(v, "platform")],
  isolation: (v) => v === null || v === void 0 ? [] : ["--isolation", str(v, "isolation")],
  gzip: (v) => isTruthy(v) ? ["--compress"] : [],
  container_limits: (v) => {
    const flags = { memory: "--memory", memswap: "--memory-swap", cpushares: "--cpu-shares", cpusetcpus: "--cpuset-cpus" };
    return Object.entries(mapping(v, "container_limits")).flatMap(([k, limit]) => {
      const flag = flags[k];
      if (!flag) throw new StepFailure(`build_docker_image: invalid container_limits key '${k}' (known: ${Object.keys(flags).join(", ")})`);
      return [flag, scalar(limit, `container_limits.${k}`)];
    });
  },
  // Client-side settings of docker-py with no effect on the image: the CLI's own behaviour applies
  // (no HTTP timeout; proxies from the docker config are always passed as build args).
  timeout: () => [],
  use_config_proxy: () => [],
  // The reference sets it itself (to decode the JSON stream).
  decode: () => []
};
var BUILDX_ONLY = /* @__PURE__ */ new Set([
  "secrets",
  "ssh",
  "cache_to",
  "platforms",
  "push",
  "build_args",
  "add_hosts",
  "builder",
  "load",
  "output",
  "provenance",
  "sbom",
  "attest",
  "allow",
  "build_contexts"
]);
var DOCKER_PY_UNPORTABLE = /* @__PURE__ */ new Set(["fileobj", "custom_context", "encoding"]);
function dockerPyBuildFlags(kwargs, imageLabels) {
  const known = [...Object.keys(DOCKER_PY).filter((k) => k !== "decode"), "path"];
  const flags = [];
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === "path" || key === "pull" || key === "labels") continue;
    if (DOCKER_PY_UNPORTABLE.has(key)) {
      throw new StepFailure(`build_docker_image: the build option '${key}' needs a Python object and cannot be given in prefect.yaml (remove it)`);
    }
    const toFlags = DOCKER_PY[key];
    if (!toFlags) {
      throw unknownOption(key, "docker-py", known, BUILDX_ONLY.has(key) ? ` ('${key}' needs build_backend: buildx)` : "");
    }
    flags.push(...toFlags(value));
  }
  const pull = Object.hasOwn(kwargs, "pull") ? kwargs["pull"] : true;
  flags.push(...DOCKER_PY["pull"](pull));
  flags.push(...DOCKER_PY["labels"]({ ...mapping(kwargs["labels"], "labels"), ...imageLabels }));
  return flags;
}
function buildxDict(value, what) {
  return pairs(value, what).join(",");
}
function optional(flag, value, what) {
  return value === null || value === void 0 ? [] : [flag, str(value, what)];
}
function boolOrDict(flag, value, what) {
  if (value === null || value === void 0) return [];
  if (typeof value === "boolean") return [`${flag}=${value}`];
  if (isMapping(value)) return [flag, buildxDict(value, what)];
  throw new StepFailure(`build_docker_image: ${what} must be true/false or a mapping, got ${pythonTypeName(value)}`);
}
function cacheSpec(flag, value, what, allowList) {
  if (value === null || value === void 0) return [];
  if (typeof value === "string") return [flag, value];
  if (isMapping(value)) return [flag, buildxDict(value, what)];
  if (allowList && Array.isArray(value)) return value.flatMap((item, i) => [flag, isMapping(item) ? buildxDict(item, `${what}[${i}]`) : str(item, `${what}[${i}]`)]);
  throw new StepFailure(`build_docker_image: ${what} must be a string or a mapping${allowList ? " or a list of them" : ""}, got ${pythonTypeName(value)}`);
}
var BUILDX = {
  progress: (v) => typeof v === "string" && v !== "auto" ? ["--progress", v] : [],
  add_hosts: (v) => flagEach("--add-host", pairs(v, "add_hosts", ":")),
  allow: (v) => flagEach("--allow", list(v, "allow")),
  attest: (v) => isMapping(v) ? ["--attest", buildxDict(v, "attest")] : [],
  build_args: (v) => flagEach("--build-arg", pairs(v, "build_args")),
  build_contexts: (v) => flagEach("--build-context", pairs(v, "build_contexts")),
  builder: (v) => optional("--builder", v, "builder"),
  ssh: (v) => optional("--ssh", v, "ssh"),
  provenance: (v) => boolOrDict("--provenance", v, "provenance"),
  sbom: (v) => boolOrDict("--sbom", v, "sbom"),
  load: (v) => isTruthy(v) ? ["--load"] : [],
  metadata_file: (v) => optional("--metadata-file", v, "metadata_file"),
  target: (v) => optional("--target", v, "target"),
  cache_from: (v) => cacheSpec("--cache-from", v, "cache_from", true),
  cache_to: (v) => cacheSpec("--cache-to", v, "cache_to", false),
  secrets: (v) => flagEach("--secret", list(v, "secrets")),
  output: (v) => isMapping(v) && Object.keys(v).length > 0 ? ["--output", buildxDict(v, "output")] : [],
  network: (v) => optional("--network", v, "network"),
  cache: (v) => v === void 0 || isTruthy(v) ? [] : ["--no-cache"],
  // Only changes what python-on-whales returns; the output is streamed here either way.
  stream_logs: () => [],
  decode: () => []
};
var DOCKER_PY_FOR_BUILDX = {
  buildargs: "build_args",
  nocache: "cache: false",
  extra_hosts: "add_hosts",
  network_mode: "network"
};
function buildxBuildFlags(kwargs, imageLabels) {
  const rest = {};
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === "path" || key === "push" || key === "pull" || key === "labels" || key === "platforms" || key === "platform") continue;
    if (["context_path", "file", "tags", "extra_tags", "context", "stream_progress_to"].includes(key)) {
      throw new StepFailure(`build_docker_image: the build option '${key}' is set by the step itself (use path, dockerfile, tag or additional_tags)`);
    }
    if (!BUILDX[key]) {
      const instead = DOCKER_PY_FOR_BUILDX[key];
      throw unknownOption(
        key,
        "buildx",
        [...Object.keys(BUILDX).filter((k) => k !== "decode"), "path", "push", "pull", "labels", "platforms", "platform"],
        instead ? ` (buildx spells it ${instead})` : ""
      );
    }
    rest[key] = value;
  }
  const push = isTruthy(kwargs["push"]);
  const pull = Object.hasOwn(kwargs, "pull") ? isTruthy(kwargs["pull"]) : true;
  let platforms;
  if (isTruthy(kwargs["platforms"])) platforms = list(kwargs["platforms"], "platforms");
  else if (isTruthy(kwargs["platform"])) platforms = list(kwargs["platform"], "platform");
  if (platforms && platforms.length > 1 && !push) {
    throw new StepFailure(
      "Multi-platform builds require push=True because buildx cannot load multi-platform results into the local Docker daemon. Either set push=True or build for a single platform."
    );
  }
  const labels = { ...mapping(kwargs["labels"], "labels"), ...imageLabels };
  const progress = rest["progress"];
  const flags = typeof progress === "string" && progress !== "auto" ? ["--progress", progress] : ["--progress", "plain"];
  for (const key of Object.keys(BUILDX)) {
    if (key !== "progress" && Object.hasOwn(rest, key)) flags.push(...BUILDX[key](rest[key]));
  }
  flags.push(...flagEach("--label", pairs(labels, "labels")));
  if (pull) flags.push("--pull");
  if (push) flags.push("--push");
  if (platforms) flags.push("--platform", platforms.join(","));
  const output = rest["output"];
  const exportsElsewhere = isMapping(output) && Object.keys(output).length > 0 && !(output["type"] === "docker" && !("dest" in output));
  return { flags, push, pull, platforms, exportsElsewhere };
}

// src/steps/docker/build.ts
var STEP = "build_docker_image";
var BACKENDS = ["docker-py", "buildx"];
var DENIED_HINT = "Docker reported access denied. This can happen if the base image requires authentication, if you are not logged in to the registry, or if the image name is invalid. Check your image name (no spaces) and run `docker login` for the registry you are using.";
var TRANSIENT = [
  "502 Bad Gateway",
  "503 Service Unavailable",
  "500 Internal Server Error",
  "i/o timeout",
  "TLS handshake timeout",
  "connection reset",
  "context deadline exceeded"
];
var BUILDX_RETRIES = 3;
var autoLocks = /* @__PURE__ */ new Map();
async function withDirectoryLock(dir, body) {
  const previous = autoLocks.get(dir) ?? Promise.resolve();
  let release;
  const mine = new Promise((resolve) => release = resolve);
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
function backendOf(value) {
  const backend = value === void 0 ? "docker-py" : value;
  if (typeof backend !== "string" || !BACKENDS.includes(backend)) {
    throw new StepFailure(`Invalid build_backend ${pythonRepr(backend)}. Expected 'docker-py' or 'buildx'.`);
  }
  return backend;
}
function additionalTagsOf(value, step) {
  if (!isTruthy(value)) return [];
  if (!Array.isArray(value)) {
    throw new StepFailure(`${step}: additional_tags must be a list of tags, got ${pythonTypeName(value)} (write additional_tags: [${String(value)}])`);
  }
  for (const [i, t] of value.entries()) {
    if (typeof t !== "string" && typeof t !== "number" && typeof t !== "bigint") {
      throw new StepFailure(`${step}: additional_tags[${i}] must be a tag string, got ${pythonTypeName(t)}`);
    }
  }
  return value;
}
function stringInput(value, name, fallback) {
  if (value === void 0) return fallback;
  if (typeof value !== "string") throw new StepFailure(`${STEP}: ${name} must be a string, got ${pythonTypeName(value)}`);
  return value;
}
function legacyNoticeFilter() {
  let inNotice = false;
  return (line) => {
    if (line.startsWith("DEPRECATED: The legacy builder is deprecated")) {
      inNotice = true;
      return true;
    }
    if (inNotice && (line.trim() === "" || /^\s/u.test(line))) return true;
    inNotice = false;
    return false;
  };
}
function buildFailure(result, what, call) {
  const daemon = daemonFailure(result.stderr, call.env);
  if (daemon) return daemon;
  const text = summarizeTail(result.tail, 6) || `exit code ${result.code}`;
  const hint = /denied/iu.test(result.stderr) ? ` | ${DENIED_HINT}` : "";
  return new StepFailure(`${what} failed (exit code ${result.code}): ${text}${hint}`);
}
async function buildDockerImage(inputs, call) {
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
  let dockerfile = stringInput(rawDockerfile, "dockerfile", "Dockerfile");
  const backend = backendOf(rawBackend);
  const tag = isTruthy(rawTag) ? rawTag : defaultTag();
  const additionalTags = additionalTagsOf(rawAdditionalTags, STEP);
  const rawPath = kwargs["path"];
  if (rawPath !== void 0 && typeof rawPath !== "string") throw new StepFailure(`${STEP}: path must be a string, got ${pythonTypeName(rawPath)}`);
  const context = rawPath === void 0 ? call.cwd : import_node_path2.default.resolve(call.cwd, rawPath);
  if (!(0, import_node_fs2.existsSync)(context) || !(0, import_node_fs2.statSync)(context).isDirectory()) {
    throw new StepFailure(`the build context ${rawPath ?? context} is not a directory (fix path: of ${STEP}, relative to ${call.cwd})`);
  }
  const dockerPyFlags = backend === "docker-py" ? dockerPyBuildFlags(kwargs, IMAGE_LABELS) : [];
  const buildx = backend === "buildx" ? buildxBuildFlags(kwargs, IMAGE_LABELS) : void 0;
  if (buildx) await requireBuildx(call);
  const fullTag = `${imageName}:${tagText(tag)}`;
  const tags = [fullTag, ...additionalTags.map((t) => `${imageName}:${tagText(t)}`)];
  const build = async () => {
    const file = import_node_path2.default.isAbsolute(dockerfile) ? dockerfile : import_node_path2.default.join(context, dockerfile);
    if (!(0, import_node_fs2.existsSync)(file) || !(0, import_node_fs2.statSync)(file).isFile()) {
      throw new StepFailure(
        `Dockerfile not found: ${file} (dockerfile: ${dockerfile} is relative to the build context ${context}; fix dockerfile: or path:, or use dockerfile: auto)`
      );
    }
    const scratch = (0, import_node_fs2.mkdtempSync)(import_node_path2.default.join((0, import_node_os.tmpdir)(), "deploy-action-build-"));
    try {
      const iidfile = import_node_path2.default.join(scratch, "iid");
      if (buildx) return await buildWithBuildx(call, buildx.flags, file, iidfile, tags, context, buildx.push || buildx.exportsElsewhere);
      return await buildWithLegacyBuilder(call, dockerPyFlags, file, iidfile, tags, context);
    } finally {
      (0, import_node_fs2.rmSync)(scratch, { recursive: true, force: true });
    }
  };
  let imageId;
  if (dockerfile === "auto") {
    const baseImage = await autoBaseImage(call);
    imageId = await withDirectoryLock(call.cwd, async () => {
      const text = autoDockerfileText(call.cwd, baseImage);
      const temp = import_node_path2.default.join(call.cwd, "Dockerfile");
      if ((0, import_node_fs2.existsSync)(temp)) {
        throw new StepFailure(
          `Dockerfile already exists. (dockerfile: auto writes ${temp} for the build: rename the existing file, or build it with dockerfile: Dockerfile)`
        );
      }
      (0, import_node_fs2.writeFileSync)(temp, text);
      try {
        if (isTruthy(persistDockerfile)) {
          const output = typeof rawOutputPath === "string" && rawOutputPath ? rawOutputPath : "Dockerfile.generated";
          call.log(`Persisting auto-generated Dockerfile to ${output}. Please update your 'dockerfile' value to use this Dockerfile for subsequent runs.`);
          (0, import_node_fs2.writeFileSync)(import_node_path2.default.resolve(call.cwd, output), text);
        } else {
          call.log("Deleting auto-generated Dockerfile after build. Consider using `persist_dockerfile` to save it.");
        }
        dockerfile = "Dockerfile";
        return await build();
      } finally {
        (0, import_node_fs2.unlinkSync)(temp);
      }
    });
  } else {
    imageId = await build();
  }
  return { image_name: imageName, tag, image: fullTag, image_id: imageId, additional_tags: additionalTags };
}
async function autoBaseImage(call) {
  let python = await runnerPythonVersion(call.env);
  if (python === void 0) {
    python = FALLBACK_PYTHON_VERSION;
    call.log(
      `No Python 3.9+ on the runner: the generated Dockerfile uses Python ${python} (prefect deploy takes the Python it runs on; set PREFECT_DEPLOY_PYTHON to choose)`
    );
  }
  return prefectImageName(PREFECT_VERSION, python);
}
async function buildWithLegacyBuilder(call, flags, file, iidfile, tags, context) {
  const args = ["build", ...flags, "--file", file, "--iidfile", iidfile, ...tags.flatMap((t) => ["--tag", t]), context];
  const result = await runDocker(args, call, { env: { DOCKER_BUILDKIT: "0" }, hide: legacyNoticeFilter() });
  if (result.code !== 0) throw buildFailure(result, `docker build of ${tags[0]}`, call);
  const id = (0, import_node_fs2.existsSync)(iidfile) ? (0, import_node_fs2.readFileSync)(iidfile, "utf8").trim() : "";
  if (!id) throw new StepFailure("Docker did not return an image ID for built image.");
  return id;
}
async function requireBuildx(call) {
  const result = await runDocker(["buildx", "version"], call, { stream: false });
  if (result.code !== 0) {
    throw new StepFailure(
      `build_backend buildx needs the docker buildx plugin, and \`docker buildx version\` failed: ${summarizeTail(result.tail, 2) || `exit code ${result.code}`} (install buildx, e.g. with docker/setup-buildx-action, or use build_backend: docker-py)`
    );
  }
}
async function buildWithBuildx(call, flags, file, iidfile, tags, context, noLocalImage) {
  const args = ["buildx", "build", ...flags, "--file", file, "--iidfile", iidfile, ...tags.flatMap((t) => ["--tag", t]), context];
  for (let attempt = 0; ; attempt++) {
    const result = await runDocker(args, call);
    if (result.code === 0) break;
    if (/Cache export is not supported for the docker driver/u.test(result.stderr)) {
      throw new StepFailure(
        `docker buildx build of ${tags[0]} failed: the builder uses the docker driver, which cannot export build cache (use cache_to: {type: inline}, or a docker-container builder: docker buildx create --use --driver docker-container, or builder: <name>)`
      );
    }
    const failure = buildFailure(result, `docker buildx build of ${tags[0]}`, call);
    if (attempt >= BUILDX_RETRIES || !TRANSIENT.some((p) => failure.message.toLowerCase().includes(p.toLowerCase()))) throw failure;
    const delay = 2 ** (attempt + 1);
    call.log(`Buildx build encountered transient error (attempt ${attempt + 1}/${BUILDX_RETRIES + 1}): ${failure.message}. Retrying in ${delay}s...`);
    await sleep(delay * 1e3, call.signal);
  }
  const id = noLocalImage ? "" : (0, import_node_fs2.existsSync)(iidfile) ? (0, import_node_fs2.readFileSync)(iidfile, "utf8").trim() : "";
  if (!id) return tags[0];
  call.log(`Built image: ${id}`);
  return id;
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error("the step was cancelled"));
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

export {
  runDocker,
  daemonFailure,
  summarizeTail,
  registryProblem,
  validateImageName,
  normalizeImageName,
  tagText,
  registryOf,
  backendOf,
  additionalTagsOf,
  buildDockerImage
};

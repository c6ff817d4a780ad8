import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  OLDEST_TESTED_SERVER,
  PREVIEW_ID_ENV,
  PROJECT_SEPARATOR,
  PrefectClient,
  affectedBy,
  analyzeEntrypoint,
  automationBody,
  automationsEqual,
  buildDesiredDeployment,
  compareServerVersions,
  deploymentUrl,
  diffDeployment,
  driftedDeployments,
  driftedFields,
  flowSourceFiles,
  hasDeployOptions,
  indexPython,
  jsonEqual,
  prefetchSnapshot,
  previewIdProblem,
  previewName,
  previewOwner,
  previewPlan,
  projectSelector,
  qualifiedName,
  readServerSnapshot,
  runGit,
  sharingGit,
  slaBodies,
  uiUrl,
  unsupportedFields,
  updateBody,
  withFlowAnalysisCache,
  withoutNullVersionedFields,
  workspacePrefetch
} from "./chunk-KS4GSOAB.js";
import {
  keyPath as keyPath2,
  mergeStepOutputs,
  offlineSources,
  placeholdersInString,
  prefectTemplateSources,
  templateStepInputs,
  untrustedEnvironment
} from "./chunk-FIONPFPF.js";
import {
  allStepNames,
  findStep,
  isBuiltInNamespace,
  keyPath,
  loadPrefectFile,
  looksLikePythonCallable,
  parsePrefectFile,
  parseStep,
  selectDeployments
} from "./chunk-MK4RGKAP.js";
import {
  didYouMean
} from "./chunk-RTJXVYK5.js";
import {
  require_promises
} from "./chunk-P53V7XJ3.js";
import {
  PIP_INSTALL_NEED,
  ProcessStartError,
  StepFailure,
  customStepNeed,
  findPython,
  pipInstallRequirements,
  processEnv,
  pyStrip,
  runProcess,
  runShellScript
} from "./chunk-46W2O75K.js";
import {
  PythonFloat,
  deepCopy,
  isMapping,
  isTruthy,
  pythonStringRepr,
  pythonTypeName
} from "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_crypto
} from "./chunk-6YASQSJ3.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  require_node_stream
} from "./chunk-WXAGQYOS.js";
import {
  __commonJS,
  __toESM
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:stream/promises
var require_promises2 = __commonJS({
  "node-builtin:node:stream/promises"(exports, module) {
    module.exports = process.getBuiltinModule("node:stream/promises");
  }
});

// src/core/util/map-bounded.ts
async function mapBounded(items, limit, fn, signal) {
  const results = new Array(items.length);
  let next = 0;
  let failure = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      if (signal?.aborted) {
        failure = { error: signal.reason ?? new Error("cancelled") };
        return;
      }
      const index = next;
      next += 1;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== null) throw failure.error;
  return results;
}
function gate(limit) {
  let running = 0;
  const waiting = [];
  return async (fn) => {
    if (running >= Math.max(1, limit)) await new Promise((resolve2) => waiting.push(resolve2));
    else running++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

// src/core/plan/changed.ts
var import_node_path = __toESM(require_node_path(), 1);
function sectionOf(config, actions) {
  const own = (key) => key in config ? config[key] : void 0;
  return {
    deployment: config,
    // An empty or null own build still lets the top-level one decide the default pull steps.
    build: truthy(own("build")) ? null : actions.build ?? null,
    push: truthy(own("push")) ? null : actions.push ?? null,
    pull: truthy(own("pull")) || Array.isArray(own("pull")) && own("pull").length === 0 ? null : actions.pull ?? null
  };
}
function runSteps(section) {
  const config = section.deployment;
  const build2 = "build" in config ? config.build : section.build;
  const push = truthy(config.push) ? config.push : section.push;
  const list2 = (v) => Array.isArray(v) ? v : [];
  return [...list2(build2), ...list2(push)];
}
var DOCKER_BUILD = "prefect_docker.deployments.steps.build_docker_image";
var PIP_INSTALL = "prefect.deployments.steps.pip_install_requirements";
var PUSH_STEPS = /* @__PURE__ */ new Map([
  ["prefect_aws.deployments.steps.push_to_s3", "s3"],
  ["prefect_gcp.deployments.steps.push_to_gcs", "gcs"],
  ["prefect_azure.deployments.steps.push_to_azure_blob_storage", "azure"]
]);
var NO_FILES = /* @__PURE__ */ new Set(["prefect_docker.deployments.steps.push_docker_image"]);
function stepInputs(steps) {
  const out = { files: [], readers: {}, trees: [], unattributable: [] };
  const file = (f) => {
    out.files.push(f);
    out.readers[f] ??= "build step";
  };
  for (const raw of steps) {
    const step = parseStep(raw);
    if (!step) continue;
    const name = step.definition?.name;
    const inputs = isMapping(step.inputs) ? step.inputs : {};
    const text = (key, fallback) => {
      const v = inputs[key];
      if (v === void 0) return fallback;
      if (v === null) return key === "ignore_file" ? "" : fallback;
      return typeof v === "string" && !v.includes("{{") ? v : false;
    };
    const templated = (key) => out.unattributable.push(`${step.name}: ${key} is not a plain path`);
    if (name === void 0) {
      out.unattributable.push(`custom step ${step.name}`);
    } else if (NO_FILES.has(name)) {
      continue;
    } else if (name === DOCKER_BUILD) {
      const context = text("path", "");
      const dockerfile = text("dockerfile", "Dockerfile");
      if (context === false) templated("path");
      else if (dockerfile === false) templated("dockerfile");
      else {
        const dir = rel(context);
        out.trees.push({ dir, ignoreFile: import_node_path.default.posix.join(dir, ".dockerignore"), storage: "docker", reader: "build context" });
        if (dockerfile !== "auto") file(rel(import_node_path.default.posix.isAbsolute(dockerfile) ? dockerfile : import_node_path.default.posix.join(dir, dockerfile)));
      }
    } else if (name === PIP_INSTALL) {
      const dir = text("directory", "");
      const requirements = text("requirements_file", "requirements.txt");
      if (dir === false) templated("directory");
      else if (requirements === false) templated("requirements_file");
      else file(rel(import_node_path.default.posix.join(dir, requirements)));
    } else if (PUSH_STEPS.has(name)) {
      const ignore = text("ignore_file", ".prefectignore");
      if (ignore === false) templated("ignore_file");
      else out.trees.push({ dir: "", ...ignore ? { ignoreFile: ignore, storage: PUSH_STEPS.get(name) } : {}, reader: "uploaded" });
    } else {
      out.unattributable.push(`step ${step.name} (what it reads is not known)`);
    }
  }
  return out;
}
function attributeChange(d, changes) {
  if (d.before === void 0) return { changed: true, reason: "prefect.yaml did not exist (or did not load) at REF" };
  if (d.before.length === 0) return { changed: true, reason: "new since REF" };
  if (!d.before.includes(d.now)) {
    const now = canonical(d.now);
    if (!d.before.some((b) => canonical(b) === now)) return { changed: true, reason: "prefect.yaml section changed" };
  }
  if (d.steps.unattributable.length > 0) return { changed: true, reason: `cannot tell what it reads: ${d.steps.unattributable[0]}` };
  if (!d.flowFiles) return { changed: true, reason: "the files its flow reads are not known" };
  const inputs = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (file, what) => {
    if (seen.has(file)) return;
    seen.add(file);
    inputs.push({ path: file, what });
  };
  const entry = d.entry === void 0 ? void 0 : rel(d.entry);
  for (const f of d.flowFiles) if (changes.files.has(rel(f))) add(rel(f), rel(f) === entry ? "entry" : f.endsWith(".py") ? "module" : "read by the flow");
  for (const f of d.steps.files) if (changes.files.has(f)) add(f, d.steps.readers[f] ?? "build step");
  for (const tree of d.steps.trees) {
    for (const f of changes.files) {
      if (seen.has(f) || !inside(tree.dir, f)) continue;
      if (changes.ignored?.(tree, f)) continue;
      add(f, tree.reader ?? `in ${tree.dir || "."}, which a step reads`);
    }
  }
  if (inputs.length === 0) return { changed: false };
  return { changed: true, reason: `${inputs[0].path} changed (${inputs[0].what})`, inputs };
}
var NAMED_INPUTS = 3;
function changedBecause(ref, verdict) {
  if (!verdict.inputs?.length) return verdict.reason.includes("REF") ? verdict.reason.replace("REF", ref) : `changed since ${ref}: ${verdict.reason}`;
  const named = verdict.inputs.slice(0, NAMED_INPUTS).map((i) => `${i.path} (${i.what})`);
  const more = verdict.inputs.length - named.length;
  return `changed since ${ref}: ${named.join(", ")}${more > 0 ? `, and ${more} more` : ""}`;
}
function rel(p) {
  const n = import_node_path.default.posix.normalize(p.replaceAll("\\", "/"));
  return n === "." || n === "./" ? "" : n.replace(/^\.\//, "").replace(/\/$/, "");
}
function inside(dir, file) {
  return dir === "" ? !file.startsWith("../") : file === dir || file.startsWith(`${dir}/`);
}
function truthy(v) {
  return !(v === null || v === void 0 || v === false || v === 0 || v === "" || Array.isArray(v) && v.length === 0 || isMapping(v) && Object.keys(v).length === 0);
}
function canonical(value) {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v;
      const proto = Object.getPrototypeOf(o);
      const sorted = { $type: proto?.constructor?.name ?? null };
      for (const k of Object.keys(o).sort()) sorted[k] = o[k];
      return sorted;
    }
    return typeof v === "bigint" ? `${v}n` : v;
  });
}

// src/core/plan/changed-git.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);
var ChangedSinceError = class extends Error {
  constructor(message2, kind = "unusable-ref") {
    super(message2);
    this.kind = kind;
  }
  kind;
};
async function readChangesSince(ref, cwd, prefectFile, git) {
  const file = prefectFile.replaceAll("\\", "/");
  if (!ref.startsWith("-") && ref.trim() !== "" && !ref.includes(":") && !import_node_path2.default.isAbsolute(prefectFile)) {
    const [head, diff, untracked] = await Promise.allSettled([
      git(["rev-parse", "--show-prefix", `${ref}^{commit}`, `${ref}:./${file}`], cwd),
      git(["-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", "-z", ref, "--"], cwd),
      git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], cwd)
    ]);
    const lines = head.status === "fulfilled" ? head.value.split("\n") : [];
    if (lines.length === 2 || lines.length === 3) {
      const [commit, blob] = lines.slice(-2);
      const changes = answer(ref, commit, lines.length === 3 ? lines[0] : "", diff, untracked);
      if (!changes.files.has(rel(file)) && !isSymbolicLink(import_node_path2.default.resolve(cwd, file))) return { ...changes, prefectFileBefore: void 0, prefectFileUnchanged: true };
      return withTextAtRef(changes, cwd, file, await git(["cat-file", "blob", blob], cwd).catch(() => void 0));
    }
  }
  return readOneByOne(ref, cwd, prefectFile, git);
}
function withTextAtRef(changes, cwd, file, text) {
  if (text !== void 0 && !import_node_path2.default.isAbsolute(file) && !changes.files.has(rel(file)) && readText(import_node_path2.default.resolve(cwd, file))?.trim() === text) {
    return { ...changes, prefectFileBefore: void 0, prefectFileUnchanged: true };
  }
  return { ...changes, prefectFileBefore: text };
}
function readText(file) {
  try {
    return (0, import_node_fs.readFileSync)(file, "utf8");
  } catch {
    return void 0;
  }
}
function isSymbolicLink(file) {
  try {
    return (0, import_node_fs.lstatSync)(file).isSymbolicLink();
  } catch {
    return false;
  }
}
async function readOneByOne(ref, cwd, prefectFile, git) {
  let prefix;
  try {
    prefix = await git(["rev-parse", "--show-prefix"], cwd);
  } catch {
    throw new ChangedSinceError(`--changed-since ${ref}: ${cwd} is not in a git repository (run it in a checkout, or drop --changed-since)`, "no-repository");
  }
  if (ref.startsWith("-") || ref.trim() === "") throw new ChangedSinceError(`--changed-since "${ref}" is not a git revision`);
  let commit;
  try {
    commit = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd);
  } catch {
    const shallow = await git(["rev-parse", "--is-shallow-repository"], cwd).catch(() => "false");
    throw new ChangedSinceError(
      shallow === "true" ? `--changed-since ${ref}: ${ref} is not in this shallow clone; fetch the history it needs (actions/checkout with fetch-depth: 0, or git fetch --unshallow)` : `--changed-since ${ref}: git cannot resolve ${ref} to a commit (fetch it, or name a branch, tag or commit that exists here)`
    );
  }
  const inRepo = import_node_path2.default.posix.normalize(import_node_path2.default.posix.join(prefix, prefectFile.replaceAll("\\", "/")));
  const before = import_node_path2.default.isAbsolute(prefectFile) ? Promise.resolve(void 0) : git(["show", `${commit}:${inRepo}`], cwd).catch(() => void 0);
  const [diff, untracked] = await Promise.allSettled([
    git(["-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", "-z", commit, "--"], cwd),
    git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], cwd)
  ]);
  return withTextAtRef(answer(ref, commit, prefix, diff, untracked), cwd, prefectFile.replaceAll("\\", "/"), await before);
}
function answer(ref, commit, prefix, diff, untracked) {
  for (const r of [diff, untracked]) {
    if (r.status === "rejected") {
      throw new ChangedSinceError(`--changed-since ${ref}: git could not list what changed since ${ref}: ${r.reason.message.split("\n")[0]}`);
    }
  }
  const split = (out) => out.split("\0").filter((p) => p !== "");
  const fromTop = (p) => import_node_path2.default.posix.relative(prefix.replace(/\/$/, ""), p);
  const files = new Set([...split(diff.value), ...split(untracked.value)].map(fromTop));
  return { commit, files };
}

// src/core/plan/ownership.ts
var import_node_path3 = __toESM(require_node_path(), 1);
var OWNER_LABEL = "deploy-action.owner";
async function projectIdentity(request) {
  if (request.owner?.trim()) return request.owner.trim();
  const git = request.git ?? runGit;
  const ask = (args) => git(args, request.cwd).then(
    (out) => out || void 0,
    () => void 0
  );
  const root = await ask(["rev-parse", "--show-toplevel"]) ?? request.ownerRoot ?? request.cwd;
  const file = import_node_path3.default.resolve(request.cwd, request.prefectFile);
  const relative = import_node_path3.default.relative(import_node_path3.default.resolve(root), file).split(import_node_path3.default.sep).join("/");
  const repository = githubRepository(request.env) ?? normalizeRemote(await ask(["config", "--get", "remote.origin.url"]) ?? "") ?? import_node_path3.default.basename(import_node_path3.default.resolve(root));
  return `${repository}:${relative}`;
}
function githubRepository(env) {
  const repo = env.GITHUB_REPOSITORY?.trim();
  if (!repo) return void 0;
  let host = "github.com";
  try {
    if (env.GITHUB_SERVER_URL) host = new URL(env.GITHUB_SERVER_URL).hostname.toLowerCase();
  } catch {
  }
  return `${host}/${repo}`;
}
function normalizeRemote(remote) {
  const text = remote.trim();
  if (!text) return void 0;
  let host = "";
  let rest = text;
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/]*)(.*)$/.exec(text);
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.*)$/.exec(text);
  if (url) {
    host = url[1].replace(/^.*@/, "").replace(/:\d*$/, "");
    rest = url[2];
  } else if (scp) {
    host = scp[1];
    rest = scp[2];
  }
  rest = rest.replace(/[?#].*$/, "").replace(/^\/+|\/+$/g, "").replace(/\.git$/, "");
  return host ? `${host.toLowerCase()}/${rest}` : rest;
}
function ownerOf(deployment) {
  const labels = deployment.labels;
  const owner = isMapping(labels) ? labels[OWNER_LABEL] : void 0;
  return typeof owner === "string" ? owner : void 0;
}
function ownerLabels(owner) {
  return { [OWNER_LABEL]: owner };
}
function ownershipChange(current, owner) {
  if (owner === void 0) return void 0;
  const from = ownerOf(current);
  return from === owner ? void 0 : { field: "owner", from: from ?? null, to: owner };
}
var ECHOED = [
  "version",
  "description",
  "parameters",
  "tags",
  "paused",
  "enforce_parameter_schema",
  "parameter_openapi_schema",
  "pull_steps",
  "work_pool_name",
  "work_queue_name",
  "job_variables",
  "entrypoint",
  "path",
  "concurrency_options",
  "storage_document_id",
  "infrastructure_document_id"
];
function markBody(current, owner, desired = {}) {
  const labels = isMapping(current.labels) ? current.labels : {};
  const schedules = Array.isArray(current.schedules) ? current.schedules.filter(isMapping) : [];
  const body = { name: current.name, flow_id: current.flow_id };
  for (const field of ECHOED) {
    if (current[field] === void 0 || current[field] === null) continue;
    body[field] = field in desired && jsonEqual(desired[field], current[field]) ? desired[field] : current[field];
  }
  return {
    ...body,
    labels: { ...labels, [OWNER_LABEL]: owner },
    schedules: [...schedules].reverse().map((s) => ({ schedule: s.schedule, active: s.active, parameters: s.parameters ?? {}, slug: s.slug ?? null }))
  };
}
async function readOwnedDeployments(client, owner) {
  const owned = (await client.readAllDeployments()).filter((d) => ownerOf(d) === owner);
  if (owned.length === 0) return [];
  const flows = await client.readFlowsById([...new Set(owned.map((d) => String(d.flow_id)))]);
  const names = new Map(flows.map((f) => [String(f.id), String(f.name)]));
  return owned.map((d) => ({ id: String(d.id), flowName: names.get(String(d.flow_id)) ?? String(d.flow_id), name: String(d.name), owner }));
}
function deletionsOf(owned, planned, unplanned = []) {
  const kept = new Set(planned.map(qualifiedName));
  const keptNames = new Set(unplanned);
  return owned.filter((d) => !kept.has(qualifiedName(d)) && !keptNames.has(d.name)).sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
}

// src/core/plan/live.ts
function automationsFor(d) {
  return (id) => d.triggers.map((t) => automationBody(t, id));
}
async function compareWithServer(client, plan3, prefetch, read, owner) {
  const snapshot = await (read ?? readServerSnapshot(client, plan3.deployments, prefetch));
  return Promise.all(
    plan3.deployments.map(async (d) => {
      const current = snapshot.deployment(d.flowName, d.name);
      if (!current) return { deployment: d, action: "created", changes: [], notes: [] };
      const changes = diffDeployment(d, current);
      const notes = [];
      const mark = ownershipChange(current, owner);
      if (mark) {
        changes.push(mark);
        notes.push(
          mark.from === null ? "not marked as this project's yet: deploying marks it (re-registering it once, which re-creates its schedules)" : `marked as owned by ${String(mark.from)}: deploying makes it this project's`
        );
      }
      if (current.paused === true && d.pausedConfigured && d.payload.paused === false)
        notes.push("paused on the server: deploying un-pauses it, as prefect.yaml says paused: false");
      else if (current.paused === true && !d.pausedConfigured)
        notes.push("paused on the server: stays paused (prefect deploy would un-pause it; set paused: false to un-pause)");
      const schedules = Array.isArray(current.schedules) ? current.schedules.filter(isMapping) : [];
      if (changes.some((c) => c.field === "schedules") && schedules.length > 0 && schedules.some((s) => !s.slug)) {
        notes.push(`its ${schedules.length} schedule(s) will be deleted and re-created (give each schedule a slug to update them in place)`);
      }
      if (schedules.some((s) => s.active === false) && changes.some((c) => c.field === "schedules")) {
        notes.push("a schedule turned off on the server is turned back on");
      }
      const id = String(current.id);
      const related = await snapshot.automationsOf(id);
      const wanted = automationsFor(d)(id);
      if (!automationsEqual(wanted, related, id)) {
        changes.push({ field: "automations", from: related.map((a) => a.name), to: wanted.map((a) => a.name) });
        notes.push(`its automations are deleted and re-created (${wanted.length} configured)`);
      }
      return { deployment: d, action: changes.length ? "updated" : "unchanged", id, changes, notes };
    })
  );
}

// src/core/plan/index.ts
var PLAN_CONCURRENCY = 16;
function newPlanCache() {
  return { files: /* @__PURE__ */ new Map(), git: /* @__PURE__ */ new Map(), flows: /* @__PURE__ */ new Map() };
}
function hasErrors(diagnostics) {
  return diagnostics.some((d) => d.severity === "error");
}
async function createPlan(request) {
  const cache = request.cache ?? newPlanCache();
  const { preview: preview2 } = request;
  if (!preview2) return withFlowAnalysisCache(cache.flows, () => plan(request, cache));
  const onSelected = request.onSelected;
  const renamed = onSelected ? { ...request, onSelected: (configs) => onSelected(configs.map((c) => typeof c.name === "string" ? { ...c, name: previewName(c.name, preview2.id) } : c)) } : request;
  return previewPlan(await withFlowAnalysisCache(cache.flows, () => plan(renamed, cache)), preview2);
}
function loadOnce(request, cache) {
  const fileKey = JSON.stringify([request.cwd, request.prefectFile]);
  if (!cache.files.has(fileKey)) cache.files.set(fileKey, loadPrefectFile(request.prefectFile, request.cwd));
  return cache.files.get(fileKey);
}
async function selectedConfigs(request, cache) {
  const file = (await loadOnce(request, cache)).prefectFile;
  if (!file) return [];
  const { selected, errors } = selectDeployments(file.deployments, request.selection);
  const only = request.only;
  return errors.length > 0 ? [] : selected.filter((s) => !only || only.has(s.index)).map((s) => s.config);
}
async function plan(request, cache) {
  const loaded = await loadOnce(request, cache);
  const diagnostics = [...loaded.diagnostics];
  const file = loaded.prefectFile;
  if (!file || hasErrors(diagnostics)) return finish(request.prefectFile, [], diagnostics);
  const selection = selectDeployments(file.deployments, request.selection);
  for (const message2 of selection.errors) diagnostics.push({ severity: "error", file: file.file, message: message2 });
  for (const message2 of selection.warnings) diagnostics.push({ severity: "warning", file: file.file, message: message2 });
  if (selection.errors.length > 0) return finish(file.file, [], diagnostics);
  const single = selection.selected.length === 1;
  const only = request.only;
  if (only) selection.selected = selection.selected.filter((s) => only.has(s.index));
  request.onSelected?.(selection.selected.map((s) => s.config));
  const now = request.now ?? /* @__PURE__ */ new Date();
  const git = sharingGit(request.git ?? runGit, cache.git);
  const options = { ...request.options };
  const defaultPool = request.env.PREFECT_DEFAULT_WORK_POOL_NAME || request.env.PREFECT_DEPLOYMENTS_DEFAULT_WORK_POOL_NAME || void 0;
  const poolFromCli = options.workPoolName !== void 0;
  if (!poolFromCli && defaultPool) options.workPoolName = defaultPool;
  if (!single && request.options && hasDeployOptions(request.options)) {
    diagnostics.push({
      severity: "warning",
      file: file.file,
      message: "deploy options are ignored when several deployments are selected (as in prefect deploy); select one deployment to use them"
    });
  }
  const fillPool = (config) => {
    if (single || poolFromCli || !defaultPool) return config;
    const pool = config.work_pool ?? {};
    return pool.name === void 0 || pool.name === null ? { ...config, work_pool: { ...pool, name: defaultPool } } : config;
  };
  const sources = request.sources ?? offlineSources();
  let turn = performance.now();
  const pause = async () => {
    if (performance.now() - turn < 4) return;
    await new Promise((resolve2) => setImmediate(resolve2));
    turn = performance.now();
  };
  const results = await mapBounded(
    selection.selected,
    PLAN_CONCURRENCY,
    (s) => buildDesiredDeployment(s.index, fillPool(s.config), file.actions, {
      pause,
      cwd: request.cwd,
      env: request.env,
      ...request.templateEnv ? { templateEnv: request.templateEnv } : {},
      sources,
      now,
      stepOutputs: request.stepOutputsByIndex?.get(s.index) ?? request.stepOutputs,
      git,
      unavailableModules: request.unavailableModules,
      ...single ? { options } : {}
    })
  );
  const deployments = [];
  results.forEach((result, i) => {
    const index = selection.selected[i].index;
    const label = file.labelOf(index);
    const toDiagnostic = (severity) => (p) => problemToDiagnostic(file, index, label, severity, p);
    if (result.ok) {
      deployments.push(result.deployment);
      diagnostics.push(...result.deployment.warnings.map(toDiagnostic("warning")));
    } else {
      diagnostics.push(...result.problems.map(toDiagnostic("error")), ...result.warnings.map(toDiagnostic("warning")));
    }
  });
  const seen = /* @__PURE__ */ new Map();
  for (const d of deployments) {
    const key = qualifiedName(d);
    const previous = seen.get(key);
    if (previous !== void 0) {
      diagnostics.push(
        problemToDiagnostic(file, d.index, file.labelOf(d.index), "error", {
          message: `deployment "${key}" is also defined by deployment ${file.labelOf(previous)}; names must be unique per flow`,
          path: ["deployments", d.index, "name"]
        })
      );
    } else seen.set(key, d.index);
  }
  return { ...finish(file.file, deployments, diagnostics), positionOf: file.positionOf, ...request.unplanned?.length ? { unplanned: request.unplanned } : {} };
}
function problemToDiagnostic(file, index, label, severity, p) {
  if (p.flowFile && p.flowFile.line !== void 0) {
    return {
      severity,
      file: p.flowFile.file,
      line: p.flowFile.line,
      ...p.flowFile.column !== void 0 ? { column: p.flowFile.column } : {},
      deployment: label,
      message: p.message
    };
  }
  const pos = file.positionOf(p.path ?? ["deployments", index]);
  return {
    severity,
    file: file.file,
    ...pos ? { line: pos.line, column: pos.column } : {},
    deployment: label,
    message: p.message
  };
}
function finish(prefectFile, deployments, diagnostics) {
  const order = (d) => d.severity === "error" ? 0 : 1;
  return { prefectFile, deployments, diagnostics: [...diagnostics].sort((a, b) => order(a) - order(b)) };
}

// src/steps/cache.ts
var StepCache = class {
  runs = /* @__PURE__ */ new Map();
  /** The shared run for `key`, started with `start` when there is none yet. Failures are shared too. */
  run(key, start) {
    const existing = this.runs.get(key);
    if (existing) return { run: existing, reused: true };
    const run = start();
    this.runs.set(key, run);
    return { run, reused: false };
  }
  get size() {
    return this.runs.size;
  }
};
function stepCacheKey(name, inputs, cwd, requires) {
  return JSON.stringify([name, canonical2(inputs), cwd, canonical2(requires ?? null)]);
}
function canonical2(value) {
  if (value instanceof PythonFloat) return { __float__: value.value };
  if (value instanceof Date) return { __date__: value.toISOString() };
  if (Array.isArray(value)) return value.map(canonical2);
  if (typeof value === "object" && value !== null) {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical2(value[key]);
    return { __mapping__: out };
  }
  if (typeof value === "bigint") return { __int__: value.toString() };
  if (value === void 0) return { __undefined__: true };
  return value;
}

// src/steps/pull.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_promises = __toESM(require_promises(), 1);
var import_node_path4 = __toESM(require_node_path(), 1);
function setWorkingDirectory(inputs, call) {
  const directory = inputs["directory"];
  if (typeof directory !== "string") {
    throw new TypeError(`set_working_directory: directory must be a string, got ${pythonTypeName(directory)}`);
  }
  const target = directory === "" ? "" : import_node_path4.default.resolve(call.cwd, directory);
  let isDirectory;
  try {
    isDirectory = target !== "" && (0, import_node_fs2.statSync)(target).isDirectory();
  } catch {
    throw new StepFailure(`[Errno 2] No such file or directory: ${pythonStringRepr(directory)}`);
  }
  if (target === "") throw new StepFailure(`[Errno 2] No such file or directory: ''`);
  if (!isDirectory) throw new StepFailure(`[Errno 20] Not a directory: ${pythonStringRepr(directory)}`);
  const resolved = (0, import_node_fs2.realpathSync)(target);
  call.chdir(resolved);
  return Promise.resolve({ directory: resolved });
}
var GitRuntimeError = class extends StepFailure {
};
var CLONE_HINTS = [
  ["Authentication failed", "Hint: Check that your credentials or access token are correct and not expired."],
  ["repository not found", "Hint: Verify the repository URL and that you have access to it."],
  ["Could not resolve host", "Hint: Check your network connectivity and DNS settings."],
  ["Connection refused", "Hint: Check your network connectivity and DNS settings."],
  ["Permission denied", "Hint: Check your SSH key or token permissions."],
  ["destination path", "Hint: A stale working directory may exist. Consider removing it and retrying."],
  ["not found", "Hint: Verify the repository URL and that you have access to it."]
];
var SCHEME_CHARS = /^[a-zA-Z][a-zA-Z0-9+\-.]*$/u;
function urlSplit(url) {
  let scheme = "";
  let rest = url;
  const colon = url.indexOf(":");
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    rest = url.slice(colon + 1);
  }
  let netloc = "";
  let hasNetloc = false;
  if (rest.startsWith("//")) {
    hasNetloc = true;
    let end = rest.length;
    for (const c of ["/", "?", "#"]) {
      const i = rest.indexOf(c, 2);
      if (i >= 0 && i < end) end = i;
    }
    netloc = rest.slice(2, end);
    rest = rest.slice(end);
  }
  let urlPath = rest.split("#")[0].split("?")[0];
  const USES_PARAMS = ["", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtspu", "sip", "sips", "mms", "sftp", "tel"];
  if (USES_PARAMS.includes(scheme)) {
    const lastSlash = urlPath.lastIndexOf("/");
    const semi = urlPath.indexOf(";", lastSlash + 1);
    if (semi >= 0) urlPath = urlPath.slice(0, semi);
  }
  return { scheme, netloc, rest, path: urlPath, hasNetloc };
}
function withNetloc(url, netloc) {
  return `${url.scheme ? `${url.scheme}:` : ""}//${netloc}${url.rest}`;
}
function stripAuthFromUrl(url) {
  const parts = urlSplit(url);
  const hostinfo = parts.netloc.slice(parts.netloc.lastIndexOf("@") + 1);
  let host;
  let port = "";
  if (hostinfo.startsWith("[")) {
    const close = hostinfo.indexOf("]");
    host = hostinfo.slice(1, close < 0 ? void 0 : close);
    const after = close < 0 ? "" : hostinfo.slice(close + 1);
    if (after.startsWith(":")) port = after.slice(1);
    host = `[${host}]`;
  } else {
    const i = hostinfo.indexOf(":");
    host = i < 0 ? hostinfo : hostinfo.slice(0, i);
    if (i >= 0) port = hostinfo.slice(i + 1);
  }
  if (!host || host === "[]") return url;
  if (port && !/^\d+$/u.test(port)) return stripAuthFromUrlsInText(url);
  const portNumber = port ? Number(port) : 0;
  return withNetloc(parts, portNumber ? `${host.toLowerCase()}:${portNumber}` : host.toLowerCase());
}
function stripAuthFromUrlsInText(text, secrets = []) {
  let out = text.replace(/(https?:\/\/)[^/\s'"<>]*@/giu, "$1");
  for (const secret of secrets) if (secret) out = out.split(secret).join("***");
  return out;
}
function quote(text) {
  return encodeURIComponent(text).replace(/[!'()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function credentialValue(credentials, key) {
  const value = credentials[key];
  if (!isTruthy(value)) return void 0;
  if (isMapping(value) && typeof value["value"] === "string") return value["value"];
  return typeof value === "string" ? value : String(value);
}
function formatTokenFromCredentials(netloc, credentials) {
  const username = credentialValue(credentials, "username");
  const token = credentialValue(credentials, "access_token") ?? credentialValue(credentials, "token") ?? credentialValue(credentials, "password");
  if (!token) throw new StepFailure("Please provide a `token` or `password` in your Credentials block to clone a repo.");
  if (username) return `${quote(username)}:${quote(token)}`;
  const pair = (t) => {
    const i = t.indexOf(":");
    return `${quote(t.slice(0, i))}:${quote(t.slice(i + 1))}`;
  };
  if (netloc.includes("bitbucketserver")) {
    if (!token.includes(":")) {
      throw new StepFailure("Please provide a `username` and a `password` or `token` in your BitBucketCredentials block to clone a repo from BitBucket Server.");
    }
    return pair(token);
  }
  if (netloc.includes("bitbucket")) {
    if (token.startsWith("x-token-auth:")) return `x-token-auth:${quote(token.slice("x-token-auth:".length))}`;
    if (token.includes(":")) return pair(token);
    return `x-token-auth:${quote(token)}`;
  }
  if (netloc.includes("gitlab")) {
    if (token.startsWith("oauth2:")) return `oauth2:${quote(token.slice("oauth2:".length))}`;
    if (token.includes(":")) return pair(token);
    return `oauth2:${quote(token)}`;
  }
  return quote(token);
}
var destinationLocks = /* @__PURE__ */ new Map();
var GitRepository = class {
  constructor(o, call) {
    this.o = o;
    this.call = call;
    this.destination = import_node_path4.default.resolve(call.cwd, o.name);
    const secrets = /* @__PURE__ */ new Set();
    for (const value of Object.values(o.credentials)) {
      const text = isMapping(value) && typeof value["value"] === "string" ? value["value"] : typeof value === "string" ? value : void 0;
      if (text && text.length >= 3) {
        secrets.add(text);
        secrets.add(quote(text));
      }
    }
    this.secrets = [...secrets].sort((a, b) => b.length - a.length);
  }
  o;
  call;
  destination;
  secrets;
  /** `_repository_url_with_credentials`: credentials go into https URLs only. */
  urlWithCredentials() {
    if (!isTruthy(this.o.credentials)) return this.o.url;
    const parts = urlSplit(this.o.url);
    const credential = formatTokenFromCredentials(parts.netloc, this.o.credentials);
    if (parts.scheme !== "https") return this.o.url;
    return withNetloc(parts, `${credential}@${parts.netloc}`);
  }
  /** `_git_config`: submodule URLs get the same credentials through `url.<auth>.insteadOf`. */
  gitConfig() {
    if (!this.o.includeSubmodules || !isTruthy(this.o.credentials)) return [];
    const parts = urlSplit(this.o.url);
    const base = `${parts.scheme ? `${parts.scheme}:` : ""}${parts.hasNetloc ? `//${parts.netloc}` : ""}`;
    const credential = formatTokenFromCredentials(parts.netloc, this.o.credentials);
    const withAuth = `${parts.scheme ? `${parts.scheme}:` : ""}//${credential}@${parts.netloc}`;
    return ["-c", `url.${withAuth}.insteadOf=${base}`];
  }
  sanitize(text) {
    return stripAuthFromUrlsInText(text, this.secrets);
  }
  /** `anyio.run_process(check=True)`; the failure says which git command and what git said, secrets masked. */
  async git(args, cwd = this.destination) {
    const result = await this.run(args, cwd);
    if (result.code !== 0) {
      const shown = args.filter((a, i) => args[i - 1] !== "-c").map((a) => a === "-c" ? "-c <config>" : a);
      const tail2 = pyStrip(this.sanitize(result.stderr)).split("\n").slice(-3).join(" | ");
      throw new StepFailure(this.sanitize(`Command 'git ${shown.join(" ")}' returned non-zero exit status ${result.code}.${tail2 ? ` git stderr: ${tail2}` : ""}`));
    }
    return result.stdout;
  }
  async run(args, cwd) {
    try {
      const env = processEnv(this.call.env, this.call.env["GIT_TERMINAL_PROMPT"] === void 0 ? { GIT_TERMINAL_PROMPT: "0" } : {});
      return await runProcess(["git", ...args], { cwd: cwd ?? this.call.cwd, env, signal: this.call.signal });
    } catch (error) {
      if (error instanceof ProcessStartError && error.message === "[Errno 2] No such file or directory: 'git'") {
        throw new StepFailure("git_clone needs git, and no git is on PATH (install git on the runner)");
      }
      throw error;
    }
  }
  async succeeds(args) {
    try {
      const r = await this.run(args, this.destination);
      return r.code === 0 ? r.stdout : void 0;
    } catch {
      return void 0;
    }
  }
  async pullCode() {
    const previous = destinationLocks.get(this.destination) ?? Promise.resolve();
    const mine = previous.catch(() => void 0).then(() => this.pullCodeLocked());
    destinationLocks.set(this.destination, mine);
    try {
      await mine;
    } finally {
      if (destinationLocks.get(this.destination) === mine) destinationLocks.delete(this.destination);
    }
  }
  async pullCodeLocked() {
    let hasGitDir;
    try {
      hasGitDir = (0, import_node_fs2.statSync)(import_node_path4.default.join(this.destination, ".git")) !== void 0;
    } catch {
      hasGitDir = false;
    }
    if (!hasGitDir) {
      await this.cloneRepo();
      return;
    }
    const existing = stripAuthFromUrl(pyStrip(await this.git(["config", "--get", "remote.origin.url"])));
    const configured = stripAuthFromUrl(this.o.url);
    if (existing !== configured) {
      throw new StepFailure(`The existing repository at ${this.destination} does not match the configured repository ${configured}`);
    }
    if (this.o.directories?.length && (await this.succeeds(["config", "--get", "core.sparseCheckout"]))?.trim().toLowerCase() !== "true") {
      await this.git(["sparse-checkout", "set", "--", ...this.o.directories]);
    }
    const config = this.gitConfig();
    if (this.o.commitSha) {
      if (await this.isCurrentCommit(this.o.commitSha)) {
        await this.updateSubmodules();
        return;
      }
      if (await this.succeeds(["cat-file", "-e", `${this.o.commitSha}^{commit}`]) === void 0) {
        const shallow = (await this.succeeds(["rev-parse", "--is-shallow-repository"]))?.trim().toLowerCase() === "true";
        try {
          await this.git([...config, "fetch", "origin", ...shallow ? ["--unshallow"] : [], this.o.commitSha]);
        } catch (error) {
          if (!(error instanceof StepFailure) || error instanceof GitRuntimeError) throw error;
          await (0, import_promises.rm)(this.destination, { recursive: true, force: true });
          await this.cloneRepo();
        }
      }
      await this.checkoutCommit(this.o.commitSha);
      return;
    }
    try {
      await this.git([...config, "fetch", "origin", ...this.o.branch ? [this.o.branch] : [], "--depth", "1"]);
      await this.git(["reset", "--keep", "FETCH_HEAD"]);
      if (this.o.includeSubmodules) await this.git([...config, "submodule", "update", "--init", "--recursive"]);
    } catch (error) {
      if (!(error instanceof StepFailure) || error instanceof GitRuntimeError) throw error;
      this.call.log(`Failed to pull latest changes (${error.message}); cloning again`);
      await (0, import_promises.rm)(this.destination, { recursive: true, force: true });
      await this.cloneRepo();
    }
  }
  async isCurrentCommit(sha) {
    const head = await this.succeeds(["rev-parse", "HEAD"]);
    const target = await this.succeeds(["rev-parse", "--verify", `${sha}^{commit}`]);
    return head !== void 0 && target !== void 0 && head.trim() === target.trim();
  }
  async checkoutCommit(sha) {
    await this.git(["checkout", sha]);
    await this.updateSubmodules();
  }
  async updateSubmodules() {
    if (!this.o.includeSubmodules) return;
    const result = await this.run([...this.gitConfig(), "submodule", "update", "--init", "--recursive"], this.destination);
    if (result.code !== 0) {
      const stderr = pyStrip(this.sanitize(result.stderr));
      let message2 = `Failed to update submodules with exit code ${result.code}.`;
      if (stderr) message2 += ` git stderr: ${stderr.split("\n").slice(-3).join(" | ")}`;
      throw new GitRuntimeError(message2);
    }
  }
  async cloneRepo() {
    const args = [...this.gitConfig(), "clone", this.urlWithCredentials()];
    if (this.o.includeSubmodules) args.push("--recurse-submodules");
    if (this.o.directories?.length) args.push("--sparse");
    if (this.o.commitSha) args.push("--filter=blob:none", "--no-checkout");
    else {
      if (this.o.branch) args.push("--branch", this.o.branch);
      args.push("--depth", "1");
    }
    args.push(this.destination);
    const result = await this.run(args, void 0);
    if (result.code !== 0) {
      const stderr = this.sanitize(result.stderr);
      let message2 = `Failed to clone repository ${pythonStringRepr(stripAuthFromUrl(this.o.url))} with exit code ${result.code}.`;
      const hint = CLONE_HINTS.find(([pattern]) => result.stderr.toLowerCase().includes(pattern.toLowerCase()))?.[1];
      if (hint) message2 += ` ${hint}`;
      else if (pyStrip(stderr)) message2 += ` git stderr: ${pyStrip(stderr).split("\n").slice(-3).join(" | ")}`;
      throw new GitRuntimeError(message2);
    }
    if (this.o.commitSha) {
      await this.git(["fetch", "origin", this.o.commitSha]);
      await this.checkoutCommit(this.o.commitSha);
    }
    if (this.o.directories?.length) await this.git(["sparse-checkout", "set", "--", ...this.o.directories]);
  }
};
function optionalStringInput(inputs, key) {
  const value = inputs[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") throw new TypeError(`git_clone: ${key} must be a string, got ${pythonTypeName(value)}`);
  return value;
}
var MAX_ATTEMPTS = 3;
async function gitClone(inputs, call) {
  const repository = inputs["repository"];
  if (typeof repository !== "string") throw new TypeError(`git_clone: repository must be a string, got ${pythonTypeName(repository)}`);
  const accessToken = inputs["access_token"];
  const credentialsInput = inputs["credentials"];
  if (isTruthy(accessToken) && isTruthy(credentialsInput)) {
    throw new StepFailure("Please provide either an access token or credentials but not both.");
  }
  let credentials;
  if (isTruthy(accessToken)) credentials = { access_token: accessToken };
  else if (credentialsInput === void 0 || credentialsInput === null) credentials = {};
  else if (isMapping(credentialsInput)) credentials = credentialsInput;
  else throw new TypeError(`git_clone: credentials must be a mapping (e.g. a credentials block), got ${pythonTypeName(credentialsInput)}`);
  const branch = optionalStringInput(inputs, "branch");
  const commitSha = optionalStringInput(inputs, "commit_sha");
  const cloneDirectoryName = optionalStringInput(inputs, "clone_directory_name");
  const directoriesInput = inputs["directories"];
  let directories;
  if (directoriesInput !== void 0 && directoriesInput !== null) {
    if (!Array.isArray(directoriesInput) || !directoriesInput.every((d) => typeof d === "string")) {
      throw new TypeError("git_clone: directories must be a list of strings");
    }
    directories = directoriesInput;
  }
  if (credentialValue(credentials, "username") && !(credentialValue(credentials, "access_token") || credentialValue(credentials, "password"))) {
    throw new StepFailure("If a username is provided, an access token or password must also be provided.");
  }
  if (branch && commitSha) throw new StepFailure("Cannot provide both a branch and a commit SHA. Please provide only one.");
  if (branch?.startsWith("-")) throw new StepFailure("Branch names cannot start with '-'.");
  if (commitSha && !/^[0-9a-fA-F]{4,64}$/u.test(commitSha)) {
    throw new StepFailure(
      `Invalid commit SHA: ${pythonStringRepr(commitSha)}. Expected a hexadecimal Git commit SHA (4\u201364 characters). If you are trying to specify a branch or tag name, use the 'branch' parameter instead.`
    );
  }
  for (const d of directories ?? []) {
    if (d.startsWith("--")) {
      call.log(
        `Directory ${pythonStringRepr(d)} starts with '--' and will be interpreted as a path by git sparse-checkout. If this is not intentional, remove it from the directories list.`
      );
    }
  }
  const repoName = urlSplit(repository).path.split("/").pop().replaceAll(".git", "");
  const safeBranch = branch ? branch.replaceAll("/", "-") : void 0;
  const name = cloneDirectoryName || (safeBranch ? `${repoName}-${safeBranch}` : repoName);
  const repo = new GitRepository({ url: repository, credentials, name, branch, commitSha, includeSubmodules: isTruthy(inputs["include_submodules"]), directories }, call);
  for (let attempt = 0; ; attempt++) {
    try {
      await repo.pullCode();
      break;
    } catch (error) {
      if (!(error instanceof GitRuntimeError) || attempt === MAX_ATTEMPTS - 1 || call.signal?.aborted) throw error;
      const delay = Math.min(2 ** attempt, 10) * (0.7 + Math.random() * 0.6);
      call.log(`Attempt ${attempt + 1} of function 'git_clone' failed with RuntimeError: ${error.message}. Retrying in ${delay.toFixed(2)} seconds...`);
      await new Promise((resolve2) => setTimeout(resolve2, delay * 1e3));
    }
  }
  return { directory: import_node_path4.default.relative(call.cwd, repo.destination) };
}

// src/steps/storage/azure.ts
var import_promises4 = __toESM(require_promises(), 1);

// src/steps/storage/common.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_fs3 = __toESM(require_node_fs(), 1);
var import_promises3 = __toESM(require_promises(), 1);
var import_node_path6 = __toESM(require_node_path(), 1);

// src/steps/upload-set.ts
var import_promises2 = __toESM(require_promises(), 1);
var import_node_path5 = __toESM(require_node_path(), 1);

// src/steps/ignore.ts
var PY_WHITESPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
var PY_RSTRIP = new RegExp(`${PY_WHITESPACE}+$`, "u");
var PY_STRIP = new RegExp(`^${PY_WHITESPACE}+|${PY_WHITESPACE}+$`, "gu");
var IgnorePatternError = class extends Error {
  constructor(message2) {
    super(message2);
    this.name = "IgnorePatternError";
  }
};
function pythonReadLines(text) {
  const lines = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(`${text.slice(start, m.index)}
`);
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
function decodeIgnoreFile(bytes, name) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new IgnorePatternError(`${name}: not valid UTF-8 (save it as UTF-8)`);
  }
}
function ignoreLines(text, mode) {
  const lines = pythonReadLines(text);
  return mode === "strip" ? lines.map((line) => line.replace(PY_STRIP, "")) : lines;
}
var SYNTAX = /* @__PURE__ */ new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/"]);
var literal = (ch) => SYNTAX.has(ch) ? `\\${ch}` : ch;
var ANY = "[^\\n]";
var END = "(?=\\n?$)";
var DIR_MARK = "(?<ps_d>/)";
var DIR_MARK_OPT = `(?:${DIR_MARK}|${END})`;
var RangeError_ = class extends Error {
};
function translateSegmentGlob(segment, original) {
  const chars = Array.from(segment);
  const end = chars.length;
  let escape = false;
  let regex = "";
  let i = 0;
  while (i < end) {
    const ch = chars[i];
    i += 1;
    if (escape) {
      escape = false;
      regex += literal(ch);
    } else if (ch === "\\") {
      escape = true;
    } else if (ch === "*") {
      regex += "[^/]*";
    } else if (ch === "?") {
      regex += "[^/]";
    } else if (ch === "[") {
      let j = i;
      if (j < end && (chars[j] === "!" || chars[j] === "^")) j += 1;
      if (j < end && chars[j] === "]") j += 1;
      while (j < end && chars[j] !== "]") j += 1;
      if (j >= end) throw new RangeError_();
      j += 1;
      let expr = "[";
      if (chars[i] === "!" || chars[i] === "^") {
        expr += "^";
        i += 1;
      }
      for (const c of chars.slice(i, j - 1)) expr += c === "\\" || c === "]" || c === "[" || c === "^" ? `\\${c}` : c;
      regex += `${expr}]`;
      i = j;
    } else {
      regex += literal(ch);
    }
  }
  if (escape) throw new IgnorePatternError(`Escape character found with no next character to escape: ${pyRepr(original)}`);
  return regex;
}
function normalizeSegments(isDirPattern, segs, original) {
  if (!segs[0]) {
    segs.shift();
  } else if (segs.length === 1 || segs.length === 2 && !segs[1]) {
    if (segs[0] !== "**") segs.unshift("**");
  }
  if (segs.length === 0) throw new IgnorePatternError(`Invalid git pattern: ${pyRepr(original)}`);
  if (!segs[segs.length - 1]) segs[segs.length - 1] = "**";
  for (let i = segs.length - 1; i > 0; i -= 1) {
    if (segs[i - 1] === "**" && segs[i] === "**") segs.splice(i, 1);
  }
  if (segs.length === 1 && segs[0] === "**") return isDirPattern ? DIR_MARK : ANY;
  if (segs.length === 2 && segs[0] === "**" && segs[1] === "*") return ANY;
  if (segs.length === 3 && segs[0] === "**" && segs[1] === "*" && segs[2] === "**") return isDirPattern ? DIR_MARK : "/";
  return segs;
}
function translateSegments(isDirPattern, segs, original) {
  let out = "";
  let needSlash = false;
  const end = segs.length - 1;
  segs.forEach((seg, i) => {
    if (seg === "**") {
      if (i === 0) out += `^(?:${ANY}+/)?`;
      else if (i < end) {
        out += `(?:/${ANY}+)?`;
        needSlash = true;
      } else out += isDirPattern ? DIR_MARK : "/";
    } else {
      if (i === 0) out += "^";
      if (needSlash) out += "/";
      out += seg === "*" ? "[^/]+" : translateSegmentGlob(seg, original);
      if (i === end) out += DIR_MARK_OPT;
      needSlash = true;
    }
  });
  return out;
}
function compileIgnorePattern(source, line = 0) {
  let pattern = source.endsWith("\\ ") ? source : source.replace(PY_RSTRIP, "");
  if (!pattern || pattern.startsWith("#") || pattern === "/") return null;
  let exclude = true;
  if (pattern.startsWith("!")) {
    exclude = false;
    pattern = pattern.slice(1);
  }
  const segs = pattern.split("/");
  const isDirPattern = !segs[segs.length - 1];
  const normalized = normalizeSegments(isDirPattern, segs, source);
  let body;
  if (typeof normalized === "string") body = normalized;
  else {
    try {
      body = translateSegments(isDirPattern, normalized, source);
    } catch (error) {
      if (error instanceof RangeError_) return null;
      throw error;
    }
  }
  try {
    return { source, line, exclude, regex: new RegExp(body, "u") };
  } catch (error) {
    throw new IgnorePatternError(`Invalid git pattern: ${pyRepr(source)} (${error.message})`);
  }
}
var IgnoreSpec = class _IgnoreSpec {
  patterns;
  constructor(patterns) {
    this.patterns = patterns;
  }
  /** Compiles the lines; throws IgnorePatternError (with the line number) where the reference raises. */
  static fromLines(lines, fileName = ".prefectignore") {
    const patterns = [];
    lines.forEach((text, index) => {
      if (!text) return;
      try {
        const pattern = compileIgnorePattern(text, index + 1);
        if (pattern) patterns.push(pattern);
      } catch (error) {
        if (error instanceof IgnorePatternError) {
          throw new IgnorePatternError(`${fileName}:${index + 1}: ${error.message} (the reference fails the step on it; fix or remove the line)`);
        }
        throw error;
      }
    });
    return new _IgnoreSpec(patterns);
  }
  /** Parses an ignore file's text the way the given push step reads it. */
  static parse(text, mode, fileName = ".prefectignore") {
    return _IgnoreSpec.fromLines(ignoreLines(text, mode), fileName);
  }
  /** The deciding pattern for a path relative to the root (`/` separators), or null when none matches. */
  match(path10) {
    const file = normalizeFile(path10);
    let best = null;
    let bestPriority = 0;
    for (let i = this.patterns.length - 1; i >= 0; i -= 1) {
      const pattern = this.patterns[i];
      const m = pattern.regex.exec(file);
      if (!m) continue;
      const priority = m.groups?.ps_d ? 1 : 2;
      if (priority > bestPriority) {
        best = pattern;
        bestPriority = priority;
      }
      if (priority === 2) break;
    }
    return best;
  }
  /** Whether `.prefectignore` excludes the path (relative to the root, `/` separators). */
  ignores(path10) {
    return this.match(path10)?.exclude ?? false;
  }
};
function normalizeFile(path10) {
  if (path10.startsWith("/")) return path10.slice(1);
  if (path10.startsWith("./")) return path10.slice(2);
  return path10;
}
function pyRepr(text) {
  const quote2 = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote2;
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote2) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "	") out += "\\t";
    else if (ch < " " || ch === "\x7F") out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote2;
}

// src/steps/upload-set.ts
var PUSH_STEPS2 = {
  s3: "prefect_aws.deployments.steps.push_to_s3",
  gcs: "prefect_gcp.deployments.steps.push_to_gcs",
  azure: "prefect_azure.deployments.steps.push_to_azure_blob_storage"
};
var LINE_MODE = { s3: "strip", gcs: "raw", azure: "raw" };
async function uploadSet(provider, localRoot, folder, options = {}) {
  const root = (0, import_node_path5.resolve)(localRoot);
  const platform = options.platform ?? process.platform;
  const ignoreName = options.ignoreFile === void 0 ? ".prefectignore" : options.ignoreFile;
  let spec = null;
  let ignoreFile = null;
  if (ignoreName) {
    const path10 = (0, import_node_path5.isAbsolute)(ignoreName) ? ignoreName : (0, import_node_path5.join)(root, ignoreName);
    if (await exists(path10)) {
      const bytes = await (0, import_promises2.readFile)(path10).catch((error) => {
        throw new Error(`${PUSH_STEPS2[provider]}: cannot read ignore file ${ignoreName}: ${error.code ?? error.message}`);
      });
      spec = IgnoreSpec.parse(decodeIgnoreFile(bytes, ignoreName), LINE_MODE[provider], ignoreName);
      ignoreFile = path10;
    }
  }
  const entries = await walk(root, spec !== null);
  const files = [];
  const broken = [];
  for (const entry of entries) {
    if (entry.isDir) continue;
    if (spec) {
      if (!entry.resolves) continue;
      if (spec.ignores(entry.relativePath)) continue;
    } else if (!entry.resolves) broken.push(entry.relativePath);
    files.push({
      localPath: (0, import_node_path5.join)(root, ...entry.relativePath.split("/")),
      relativePath: entry.relativePath,
      key: objectKey(provider, folder, entry.relativePath, platform)
    });
  }
  files.sort((a, b) => a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0);
  const warnings = spec ? [] : riskyUploadWarnings(
    files.map((f) => f.relativePath),
    ignoreName || null
  );
  for (const path10 of broken) warnings.push(`${path10} is a broken symbolic link: ${PUSH_STEPS2[provider]} would fail uploading it (remove it or add it to .prefectignore)`);
  return { files, ignoreFile, warnings };
}
function objectKey(provider, folder, relativePath, platform = process.platform) {
  const windows = platform === "win32";
  const { anchor, parts } = purePathParts(folder, windows);
  const all = [...parts, ...relativePath.split("/")];
  const sep = provider === "azure" && windows ? "\\" : "/";
  return anchor.replaceAll("/", sep) + all.join(sep);
}
function purePathParts(path10, windows) {
  const p = windows ? path10.replaceAll("\\", "/") : path10;
  let anchor = "";
  if (!windows && p.startsWith("/")) anchor = p.startsWith("//") && !p.startsWith("///") ? "//" : "/";
  else if (windows) {
    const m = /^([A-Za-z]:)?(\/)?/.exec(p);
    anchor = (m[1] ?? "") + (m[2] ?? "");
  }
  const parts = p.slice(anchor.length).split("/").filter((part) => part !== "" && part !== ".");
  return { anchor, parts };
}
async function walk(root, strict) {
  const out = [];
  const visit = async (dir, prefix) => {
    let entries;
    try {
      entries = await (0, import_promises2.readdir)(dir, { withFileTypes: true });
    } catch (error) {
      if (strict || prefix === "")
        throw new Error(`cannot list ${prefix || root}: ${error.code ?? error.message}`, { cause: error });
      return;
    }
    for (const entry of entries) {
      const full = (0, import_node_path5.join)(dir, entry.name);
      const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        const target = await (0, import_promises2.stat)(full).catch(() => null);
        out.push({ relativePath, isDir: target?.isDirectory() ?? false, resolves: target !== null });
      } else {
        out.push({ relativePath, isDir: entry.isDirectory(), resolves: true });
        if (entry.isDirectory()) await visit(full, relativePath);
      }
    }
  };
  await visit(root, "");
  return out;
}
async function exists(path10) {
  return (0, import_promises2.stat)(path10).then(
    () => true,
    () => false
  );
}
var MAX_EXAMPLES = 3;
function riskyUploadWarnings(relativePaths, ignoreName) {
  const git = /* @__PURE__ */ new Map();
  const venvs = /* @__PURE__ */ new Map();
  const envFiles = [];
  const venvRoots = /* @__PURE__ */ new Set();
  for (const path10 of relativePaths) {
    if (path10 === "pyvenv.cfg" || path10.endsWith("/pyvenv.cfg")) venvRoots.add(path10.slice(0, -"pyvenv.cfg".length));
  }
  for (const path10 of relativePaths) {
    const parts = path10.split("/");
    const gitAt = parts.indexOf(".git");
    if (gitAt >= 0 && gitAt < parts.length - 1) bump(git, `${parts.slice(0, gitAt + 1).join("/")}/`);
    const venvAt = parts.findIndex((part, i) => i < parts.length - 1 && (part === ".venv" || part === "venv" || venvRoots.has(`${parts.slice(0, i + 1).join("/")}/`)));
    if (venvAt >= 0) bump(venvs, `${parts.slice(0, venvAt + 1).join("/")}/`);
    const base = parts[parts.length - 1];
    if (base === ".env" || base.startsWith(".env.")) envFiles.push(path10);
  }
  if (venvRoots.has("")) venvs.set("./", relativePaths.length);
  if (git.size === 0 && venvs.size === 0 && envFiles.length === 0) return [];
  const found = [];
  if (git.size > 0) found.push(`git metadata ${describe(git)}`);
  if (venvs.size > 0) found.push(`virtual environment${venvs.size > 1 ? "s" : ""} ${describe(venvs)}`);
  if (envFiles.length > 0) found.push(`environment file${envFiles.length > 1 ? "s" : ""} ${examples(envFiles)} (may hold secrets)`);
  const what = ignoreName ? `no ${ignoreName} found` : "no ignore file is applied (ignore_file is empty)";
  return [`${what}, so every file is uploaded, including ${found.join(", ")} (add a .prefectignore \u2014 \`prefect init\` writes one that excludes these)`];
}
function bump(counts, key) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
function describe(counts) {
  const items = [...counts].sort(([a], [b]) => a < b ? -1 : 1).map(([dir, n]) => `${dir} (${n} file${n === 1 ? "" : "s"})`);
  return examples(items);
}
function examples(items) {
  const shown = items.slice(0, MAX_EXAMPLES).join(", ");
  return items.length > MAX_EXAMPLES ? `${shown} and ${items.length - MAX_EXAMPLES} more` : shown;
}

// src/steps/storage/common.ts
var CONTENT_MD5_METADATA = "prefect-deploy-md5";
var IN_MEMORY_LIMIT = 8 * 1024 * 1024;
var DEFAULT_CONCURRENCY = 16;
var DEFAULT_PROGRESS_INTERVAL_MS = 5e3;
async function pushDirectory(provider, call, folder, target, options = {}) {
  const started = performance.now();
  const step = PUSH_STEPS2[provider].split(".").at(-1);
  const { signal, abort, dispose } = linkedAbort(call.signal);
  try {
    const skip = options.skipUnchanged ?? true;
    const stored = skip ? target.list(objectKey(provider, folder, ""), signal) : Promise.resolve(null);
    stored.catch(() => void 0);
    const set = await uploadSet(provider, call.cwd, folder, { ignoreFile: options.ignoreFile });
    for (const warning of set.warnings) call.log(`   warning: ${warning}`);
    let listingNoted = false;
    const sizes = set.files.map((file) => {
      try {
        return (0, import_node_fs3.statSync)(file.localPath).size;
      } catch (error) {
        return unreadable(file)(error);
      }
    });
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    const progress = new Progress(call, step, "uploaded", set.files.length, totalBytes, options.progressIntervalMs);
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    let listed = null;
    stored.then(
      (value) => listed = { value },
      () => void 0
    );
    const push = async (object, remote, load) => {
      if (remote === null && skip && !listingNoted) {
        listingNoted = true;
        call.log(`   ${step}: cannot list ${target.location} with these credentials, so every file is uploaded`);
      }
      const existing = remote?.get(object.key);
      if (existing && existing.size === object.size) {
        let same = existing.md5 === object.md5;
        if (!same && target.storedMd5) same = await target.storedMd5(object.key, signal) === object.md5;
        if (same) {
          progress.add(false, object.size);
          return;
        }
      }
      await target.upload(await load(), signal);
      progress.add(true, object.size);
    };
    try {
      const early = [];
      await mapBounded(
        set.files,
        concurrency,
        async (file, index) => {
          const object = await readLocal(file, sizes[index]);
          if (listed === null) {
            const { data: _dropped, ...hashed } = object;
            early.push(hashed);
            return;
          }
          await push(object, listed.value, async () => object);
        },
        signal
      );
      const remote = await stored;
      await mapBounded(early, concurrency, (hashed) => push(hashed, remote, async () => ({ ...hashed, data: await readData(hashed) })), signal);
    } finally {
      progress.stop();
    }
    const summary = progress.summary(started);
    call.log(`   ${step}: ${describeSummary(summary, "uploaded", true)} to ${target.location}`);
    return summary;
  } catch (error) {
    abort(error);
    throw error;
  } finally {
    dispose();
  }
}
async function pullObjects(call, location, objects, download2, options = {}) {
  const started = performance.now();
  const step = call.name.split(".").at(-1);
  const { signal, abort, dispose } = linkedAbort(call.signal);
  const totalBytes = objects.reduce((a, o) => a + o.size, 0);
  const progress = new Progress(call, step, "downloaded", objects.length, totalBytes, options.progressIntervalMs);
  try {
    const dirs = [...new Set(objects.map((o) => (0, import_node_path6.dirname)(o.localPath)))];
    for (const dir of dirs) await (0, import_promises3.mkdir)(dir, { recursive: true });
    await mapBounded(
      objects,
      options.concurrency ?? DEFAULT_CONCURRENCY,
      async (object) => {
        await download2(object, signal);
        progress.add(true, object.size);
      },
      signal
    );
  } catch (error) {
    abort(error);
    throw error;
  } finally {
    progress.stop();
    dispose();
  }
  const summary = progress.summary(started);
  call.log(`   ${step}: ${describeSummary(summary, "downloaded", false)} from ${location}`);
  return summary;
}
async function md5File(path10) {
  const hash = (0, import_node_crypto.createHash)("md5");
  for await (const chunk of (0, import_node_fs3.createReadStream)(path10)) hash.update(chunk);
  return hash.digest("hex");
}
function formatBytes(bytes) {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1e3 && unit < units.length - 1) {
    value /= 1e3;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
var NETWORK_CODES = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self-signed TLS certificate in chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not verifiable"
};
function networkErrorReason(error) {
  for (let e = error, depth = 0; e && depth < 5; depth += 1) {
    const code = e.code;
    if (typeof code === "string" && NETWORK_CODES[code]) return NETWORK_CODES[code];
    if (e instanceof AggregateError && e.errors.length > 0) e = e.errors[0];
    else e = e.cause;
  }
  return null;
}
function interopDefault(mod, probe) {
  return mod[probe] !== void 0 ? mod : mod.default;
}
var SYNC_READ_LIMIT = 1024 * 1024;
async function readLocal(file, size) {
  if (size <= IN_MEMORY_LIMIT) {
    let data;
    if (size <= SYNC_READ_LIMIT) {
      try {
        data = (0, import_node_fs3.readFileSync)(file.localPath);
      } catch (error) {
        return unreadable(file)(error);
      }
    } else data = await (0, import_promises3.readFile)(file.localPath).catch(unreadable(file));
    return { ...file, size: data.length, md5: (0, import_node_crypto.createHash)("md5").update(data).digest("hex"), data };
  }
  return { ...file, size, md5: await md5File(file.localPath).catch(unreadable(file)), data: null };
}
async function readData(object) {
  return object.size <= IN_MEMORY_LIMIT ? (0, import_promises3.readFile)(object.localPath).catch(unreadable(object)) : null;
}
function unreadable(file) {
  return (error) => {
    throw new StepFailure(`cannot read ${file.relativePath}: ${error.code ?? error.message} (fix it or add it to .prefectignore)`);
  };
}
function linkedAbort(parent) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => {
      if (!controller.signal.aborted) controller.abort(reason);
    },
    dispose: () => parent?.removeEventListener("abort", onAbort)
  };
}
function describeSummary(s, verb, withUnchanged) {
  const parts = [`${verb} ${s.transferred} file${s.transferred === 1 ? "" : "s"} (${formatBytes(s.transferredBytes)})`];
  if (withUnchanged) parts.push(`${s.unchanged} unchanged (${formatBytes(s.unchangedBytes)})`);
  return `${parts.join(", ")} in ${s.seconds.toFixed(1)}s`;
}
var Progress = class {
  constructor(call, step, verb, totalFiles, totalBytes, intervalMs = DEFAULT_PROGRESS_INTERVAL_MS) {
    this.totalFiles = totalFiles;
    this.totalBytes = totalBytes;
    this.timer = setInterval(() => {
      const done = this.transferred + this.unchanged;
      const seconds = ((performance.now() - this.startedAt) / 1e3).toFixed(0);
      const unchanged = this.unchanged > 0 ? `, ${this.unchanged} unchanged` : "";
      call.log(
        `   ${step}: ${done}/${this.totalFiles} files (${formatBytes(this.transferredBytes + this.unchangedBytes)} of ${formatBytes(this.totalBytes)}), ${this.transferred} ${verb}${unchanged}, ${seconds}s`
      );
    }, intervalMs);
    this.timer.unref();
  }
  totalFiles;
  totalBytes;
  transferred = 0;
  transferredBytes = 0;
  unchanged = 0;
  unchangedBytes = 0;
  timer;
  startedAt = performance.now();
  add(transferred, bytes) {
    if (transferred) {
      this.transferred += 1;
      this.transferredBytes += bytes;
    } else {
      this.unchanged += 1;
      this.unchangedBytes += bytes;
    }
  }
  stop() {
    clearInterval(this.timer);
  }
  summary(started) {
    return {
      transferred: this.transferred,
      transferredBytes: this.transferredBytes,
      unchanged: this.unchanged,
      unchangedBytes: this.unchangedBytes,
      seconds: (performance.now() - started) / 1e3
    };
  }
};

// src/steps/storage/download-path.ts
var import_node_path7 = __toESM(require_node_path(), 1);
function parse(text) {
  let anchor = "";
  if (text.startsWith("/")) anchor = text.startsWith("//") && !text.startsWith("///") ? "//" : "/";
  return {
    anchor,
    parts: text.slice(anchor.length).split("/").filter((p) => p !== "" && p !== ".")
  };
}
function show(p) {
  return p.anchor + p.parts.join("/") || ".";
}
function downloadPath(step, cwd, folder, name) {
  const object = parse(name);
  const base = parse(folder);
  const baseAll = base.anchor ? [base.anchor, ...base.parts] : base.parts;
  const objectAll = object.anchor ? [object.anchor, ...object.parts] : object.parts;
  const under = baseAll.length === 0 ? object.anchor === "" : baseAll.every((part, i) => objectAll[i] === part);
  if (!under) {
    throw new StepFailure(
      `${step}: object ${JSON.stringify(name)} is listed under the prefix ${JSON.stringify(folder)} but is not inside the folder ${JSON.stringify(show(base))} (the reference fails the same way: '${show(object)}' is not in the subpath of '${show(base)}'; rename the folder so no other folder starts with it)`
    );
  }
  const rest = objectAll.slice(baseAll.length);
  if (rest.length === 0) {
    throw new StepFailure(
      `${step}: object ${JSON.stringify(name)} has the folder's own name, so it would be written over the working directory (remove it or pull a narrower folder)`
    );
  }
  if (rest.includes("..") || rest.some((p) => p.startsWith("/"))) {
    throw new StepFailure(`${step}: object ${JSON.stringify(name)} would be written outside the working directory ${cwd} (its name contains '..'); refusing`);
  }
  return import_node_path7.default.join(cwd, ...rest);
}

// src/steps/storage/inputs.ts
function requiredString(inputs, key, step) {
  const value = inputs[key];
  if (typeof value !== "string") throw new StepFailure(`${step}: ${key} must be a string, got ${pythonTypeName(value)}`);
  return value;
}
function ignoreFileInput(inputs, step) {
  const value = inputs["ignore_file"];
  if (value === void 0 || value === null || typeof value === "string") return value;
  if (!isTruthy(value)) return null;
  throw new StepFailure(`${step}: ignore_file must be a string, got ${pythonTypeName(value)}`);
}
function firstLine(text) {
  return text.split(/\r?\n/u, 1)[0].trim();
}

// src/steps/storage/azure.ts
var PUSH = "push_to_azure_blob_storage";
var PULL = "pull_from_azure_blob_storage";
var BLOCK_SIZE = 8 * 1024 * 1024;
var BLOCK_CONCURRENCY = 4;
var LIST_NOT_PERMITTED = /* @__PURE__ */ new Set(["AuthorizationPermissionMismatch", "AuthorizationResourceTypeMismatch"]);
async function pushToAzureBlobStorage(inputs, call) {
  const container = requiredString(inputs, "container", PUSH);
  const folder = requiredString(inputs, "folder", PUSH);
  const ignoreFile = ignoreFileInput(inputs, PUSH);
  const client = await containerClient(PUSH, container, inputs["credentials"]);
  await pushDirectory("azure", call, folder, new AzureTarget(client), { ignoreFile });
  return { container, folder };
}
async function pullFromAzureBlobStorage(inputs, call) {
  const container = requiredString(inputs, "container", PULL);
  const folder = requiredString(inputs, "folder", PULL);
  const client = await containerClient(PULL, container, inputs["credentials"]);
  const objects = [];
  try {
    for await (const blob of client.container.listBlobsFlat({ prefix: folder, includeMetadata: true })) {
      if (blob.name.endsWith("/") || blob.metadata?.["hdi_isfolder"] === "true") continue;
      objects.push({ key: blob.name, localPath: downloadPath(PULL, call.cwd, folder, blob.name), size: blob.properties.contentLength ?? 0 });
    }
  } catch (error) {
    throw azureError(error, client, "listing");
  }
  await pullObjects(call, `${client.location}/${folder}`, objects, async (object, signal) => {
    try {
      await client.container.getBlobClient(object.key).downloadToFile(object.localPath, 0, void 0, { abortSignal: signal });
    } catch (error) {
      throw azureError(error, client, `download of ${object.key}`);
    }
  });
  return { container, folder, directory: await (0, import_promises4.realpath)(call.cwd) };
}
async function containerClient(step, container, credentials) {
  if (!isMapping(credentials)) {
    throw new StepFailure(`${step}: credentials must be a mapping with connection_string or account_url, got ${pythonTypeName(credentials)}`);
  }
  if (container === "") throw new StepFailure(`${step}: Please specify a container name.`);
  const options = {
    // Fail fast on a dead endpoint; throttling and server errors still get retried.
    retryOptions: { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 8e3 }
  };
  const connectionString = credentials["connection_string"];
  const accountUrl = credentials["account_url"];
  const blob = await import("./esm-IHF7SS43.js");
  if (connectionString !== void 0 && connectionString !== null) {
    if (typeof connectionString !== "string") throw new StepFailure(`${step}: credentials.connection_string must be a string, got ${pythonTypeName(connectionString)}`);
    let client;
    try {
      client = new blob.ContainerClient(connectionString, container, options);
    } catch (error) {
      const what = /AccountName|AccountKey|BlobEndpoint|SharedAccessSignature/u.exec(error instanceof Error ? error.message : "")?.[0];
      throw new StepFailure(`${step}: credentials.connection_string is not a usable Azure Storage connection string${what ? ` (check ${what})` : ""}`);
    }
    return { container: client, location: withoutQuery(client.url), credentialSource: "credentials.connection_string" };
  }
  if (accountUrl !== void 0 && accountUrl !== null) {
    if (typeof accountUrl !== "string") throw new StepFailure(`${step}: credentials.account_url must be a string, got ${pythonTypeName(accountUrl)}`);
    const url = containerUrl(step, accountUrl, container);
    const tenant = credentials["tenant_id"];
    const clientId = credentials["client_id"];
    const secret = credentials["client_secret"];
    const principal = tenant !== void 0 && tenant !== null && clientId !== void 0 && clientId !== null && secret !== void 0 && secret !== null;
    if (!url.startsWith("https:")) {
      throw new StepFailure(
        `${step}: Token credential is only supported with HTTPS. (credentials.account_url is ${withoutQuery(url)}; use https, or a connection_string for an emulator)`
      );
    }
    const identity = await import("./esm-RLJWVSG2.js");
    const credential = principal ? new identity.ClientSecretCredential(String(tenant), String(clientId), String(secret)) : new identity.DefaultAzureCredential();
    return {
      container: new blob.ContainerClient(url, credential, options),
      location: withoutQuery(url),
      credentialSource: principal ? "the service principal in credentials (tenant_id, client_id, client_secret)" : "Azure's default credential chain (credentials.account_url without a service principal)"
    };
  }
  throw new StepFailure("Credentials must contain either connection_string or account_url");
}
function containerUrl(step, accountUrl, container) {
  const withScheme = accountUrl.toLowerCase().startsWith("http") ? accountUrl : `https://${accountUrl}`;
  let parsed;
  try {
    parsed = new URL(withScheme.replace(/\/+$/u, ""));
  } catch {
    throw new StepFailure(`${step}: Invalid URL: ${withoutQuery(withScheme)} (credentials.account_url)`);
  }
  const accountPath = /\.blob\.core\./u.test(parsed.host) ? "" : parsed.pathname.replace(/\/+$/u, "");
  return `${parsed.protocol}//${parsed.host}${accountPath}/${encodeURIComponent(container)}${parsed.search}`;
}
function withoutQuery(url) {
  const i = url.indexOf("?");
  return i < 0 ? url : url.slice(0, i);
}
var AzureTarget = class {
  constructor(client) {
    this.client = client;
    this.location = client.location;
  }
  client;
  location;
  async list(prefix, signal) {
    const stored = /* @__PURE__ */ new Map();
    try {
      for await (const blob of this.client.container.listBlobsFlat({ prefix, abortSignal: signal })) {
        const md5 = blob.properties.contentMD5;
        stored.set(blob.name, { size: blob.properties.contentLength ?? -1, md5: md5 && md5.length > 0 ? Buffer.from(md5).toString("hex") : null });
      }
    } catch (error) {
      if (LIST_NOT_PERMITTED.has(String(error.code))) return null;
      throw azureError(error, this.client, "listing");
    }
    return stored;
  }
  async upload(object, signal) {
    const blob = this.client.container.getBlockBlobClient(object.key);
    const blobHTTPHeaders = { blobContentMD5: Buffer.from(object.md5, "hex") };
    try {
      if (object.data) await blob.upload(object.data, object.data.length, { blobHTTPHeaders, abortSignal: signal });
      else await blob.uploadFile(object.localPath, { blobHTTPHeaders, blockSize: BLOCK_SIZE, concurrency: BLOCK_CONCURRENCY, abortSignal: signal });
    } catch (error) {
      throw azureError(error, this.client, `upload of ${object.relativePath}`);
    }
  }
};
function azureError(error, client, action) {
  const e = error;
  const message2 = firstLine(typeof e.message === "string" ? e.message : String(error));
  const network = networkErrorReason(error) ?? networkReasonInMessage(message2);
  if (network)
    return new StepFailure(
      `cannot reach Azure Blob Storage at ${client.location}: ${network} (check the account URL or connection string's BlobEndpoint, and the network)`
    );
  const name = typeof e.name === "string" ? e.name : "";
  if (/Credential|Authentication/u.test(name)) {
    return new StepFailure(
      `could not get an Azure token with ${client.credentialSource}: ${message2} (check tenant_id/client_id/client_secret, or log the runner in, e.g. with azure/login)`
    );
  }
  const code = typeof e.code === "string" ? e.code : "";
  const status = typeof e.statusCode === "number" ? e.statusCode : void 0;
  if (code === "ContainerNotFound") return new StepFailure(`container does not exist: ${client.location} (create it, or fix container)`);
  if (action === "listing" && (code === "InvalidResourceName" || code === "OutOfRangeInput")) {
    return new StepFailure(
      `container name ${JSON.stringify(client.container.containerName)} is not valid: ${message2} (3 to 63 lowercase letters, digits and single hyphens)`
    );
  }
  if (status === 403 && /^Authentication|^InvalidAuthenticationInfo|^AuthorizationFailure$/u.test(code) && /authenticate|signature/iu.test(message2)) {
    return new StepFailure(`Azure Blob Storage did not accept ${client.credentialSource} for ${client.location}: ${message2} (check the account key or SAS token)`);
  }
  if (status === 403) {
    return new StepFailure(
      `access to ${client.location} denied for ${client.credentialSource}: ${code || message2} (grant the identity "Storage Blob Data Contributor" on the container, or use a SAS with write and list permissions)`
    );
  }
  return new StepFailure(`${action} in ${client.location} failed: ${code ? `${code}: ` : ""}${message2}`);
}
var NETWORK_IN_MESSAGE = [
  [/ECONNREFUSED/u, "connection refused"],
  [/ENOTFOUND|getaddrinfo/u, "host not found"],
  [/ETIMEDOUT|socket hang up|ECONNRESET/u, "connection lost"]
];
function networkReasonInMessage(message2) {
  return NETWORK_IN_MESSAGE.find(([pattern]) => pattern.test(message2))?.[1] ?? null;
}

// src/steps/storage/gcs.ts
var import_node_crypto2 = __toESM(require_node_crypto(), 1);
var import_node_fs4 = __toESM(require_node_fs(), 1);
var import_promises5 = __toESM(require_promises(), 1);
var import_node_path8 = __toESM(require_node_path(), 1);
var import_node_stream = __toESM(require_node_stream(), 1);
var import_promises6 = __toESM(require_promises2(), 1);
var PUSH2 = "push_to_gcs";
var PULL2 = "pull_from_gcs";
var DEFAULT_ENDPOINT = "https://storage.googleapis.com";
var CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
async function pushToGcs(inputs, call) {
  const bucket = requiredString(inputs, "bucket", PUSH2);
  const folder = requiredString(inputs, "folder", PUSH2);
  const ignoreFile = ignoreFileInput(inputs, PUSH2);
  const client = await gcsClient(PUSH2, inputs["credentials"], call);
  const target = new GcsTarget(client, bucket);
  await pushDirectory("gcs", call, folder, target, { ignoreFile });
  return { bucket, folder };
}
async function pullFromGcs(inputs, call) {
  const bucket = requiredString(inputs, "bucket", PULL2);
  const folder = requiredString(inputs, "folder", PULL2);
  const client = await gcsClient(PULL2, inputs["credentials"], call);
  const handle = client.storage.bucket(bucket);
  const objects = [];
  const md5s = /* @__PURE__ */ new Map();
  let listed;
  try {
    listed = await listFiles(handle, folder);
  } catch (error) {
    throw gcsError(error, client, bucket, "listing");
  }
  for (const file of listed) {
    if (file.name.endsWith("/")) continue;
    objects.push({ key: file.name, localPath: downloadPath(PULL2, call.cwd, folder, file.name), size: file.size });
    md5s.set(file.name, file.md5Hash);
  }
  await pullObjects(call, `gs://${bucket}/${folder}`, objects, async (object, signal) => {
    try {
      await download(client, bucket, object, md5s.get(object.key), signal);
    } catch (error) {
      throw gcsError(error, client, bucket, `download of ${object.key}`);
    }
  });
  return { bucket, folder, directory: await (0, import_promises5.realpath)(call.cwd) };
}
async function download(client, bucket, object, md5Hash, signal) {
  const url = `${client.endpoint}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(object.key)}?alt=media`;
  const headers = client.authenticated ? await client.storage.authClient.getRequestHeaders(url) : new Headers();
  const response = await fetch(url, { headers, signal });
  if (!response.ok || !response.body) {
    const body = await response.text().catch(() => "");
    throw Object.assign(new Error(`HTTP ${response.status}: ${firstLine(body) || response.statusText}`), { code: response.status });
  }
  const hash = (0, import_node_crypto2.createHash)("md5");
  const hashing = new import_node_stream.Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    }
  });
  await (0, import_promises6.pipeline)(import_node_stream.Readable.fromWeb(response.body), hashing, (0, import_node_fs4.createWriteStream)(object.localPath), { signal });
  const stored = response.headers.get("x-goog-stored-content-encoding");
  if (md5Hash && (stored === null || stored === "identity") && hash.digest("base64") !== md5Hash) {
    throw new Error(`the downloaded content does not match the object's MD5 (it changed during the pull, or the transfer was corrupted); run the step again`);
  }
}
async function gcsClient(step, credentials, call) {
  if (credentials !== void 0 && credentials !== null && !isMapping(credentials)) {
    throw new StepFailure(`${step}: credentials must be a mapping (service_account_info, service_account_file, project), got ${pythonTypeName(credentials)}`);
  }
  const options = {
    // Connection failures are retried as often as server errors; short pauses keep a dead
    // endpoint from stalling the run (the Python client keeps trying for two minutes).
    retryOptions: { maxRetries: 2, retryDelayMultiplier: 2, maxRetryDelay: 2, totalTimeout: 120 }
  };
  let credentialSource = "Application Default Credentials";
  if (credentials && isTruthy(credentials)) {
    const project = credentials["project"];
    if (typeof project === "string" && project) options.projectId = project;
  }
  let key;
  if (credentials) {
    const info = credentials["service_account_info"];
    const file = credentials["service_account_file"];
    if (info !== void 0 && info !== null) {
      key = serviceAccount(step, info, "credentials.service_account_info");
      credentialSource = "credentials.service_account_info";
    } else if (file !== void 0 && file !== null) {
      if (typeof file !== "string") throw new StepFailure(`${step}: credentials.service_account_file must be a path, got ${pythonTypeName(file)}`);
      key = serviceAccount(step, await readServiceAccountFile(step, import_node_path8.default.resolve(call.cwd, file), file), `service account file ${file}`);
      credentialSource = `service account file ${file}`;
    }
  }
  if (key) {
    const { JWT } = interopDefault(await import("./src-746AMJG6.js"), "JWT");
    options.authClient = new JWT({
      email: key.client_email,
      key: key.private_key,
      keyId: typeof key.private_key_id === "string" ? key.private_key_id : void 0,
      scopes: [CLOUD_PLATFORM]
    });
  }
  let endpoint = DEFAULT_ENDPOINT;
  const emulator = call.env["STORAGE_EMULATOR_HOST"];
  const override = call.env["API_ENDPOINT_OVERRIDE"];
  if (emulator) {
    endpoint = emulator;
    options.apiEndpoint = emulator;
  } else if (override) {
    endpoint = override;
    options.apiEndpoint = override;
    options.useAuthWithCustomEndpoint = true;
  }
  const { Storage } = interopDefault(await import("./src-XYIVMLDO.js"), "Storage");
  const base = endpoint.replace(/\/+$/u, "");
  const storage = new Storage(options);
  storage.baseUrl = `${storage.apiEndpoint}/storage/v1`;
  return { storage, endpoint: base, authenticated: !emulator, credentialSource };
}
function serviceAccount(step, info, what) {
  if (!isMapping(info)) {
    throw new StepFailure(`${step}: ${what} must be a mapping (the service account key's JSON), got ${pythonTypeName(info)}`);
  }
  const missing = ["client_email", "token_uri"].filter((key) => !Object.hasOwn(info, key));
  if (missing.length > 0) {
    throw new StepFailure(
      `${step}: ${what} is not a service account key: missing fields ${missing.join(", ")} (use the JSON key file downloaded for the service account)`
    );
  }
  const privateKey = info["private_key"];
  if (privateKey === void 0) throw new StepFailure(`${step}: ${what} has no private_key field (use the JSON key file downloaded for the service account)`);
  try {
    (0, import_node_crypto2.createPrivateKey)(String(privateKey));
  } catch {
    throw new StepFailure(`${step}: ${what} has a private_key that is not a PEM private key (use the JSON key file downloaded for the service account)`);
  }
  return info;
}
async function readServiceAccountFile(step, absolute, given) {
  let text;
  try {
    text = await (0, import_promises5.readFile)(absolute, "utf8");
  } catch (error) {
    const code = error.code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code ?? "unreadable";
    throw new StepFailure(`${step}: cannot read credentials.service_account_file ${JSON.stringify(given)} (${absolute}): ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new StepFailure(`${step}: credentials.service_account_file ${JSON.stringify(given)} is not JSON (expected a service account key file)`);
  }
}
async function listFiles(bucket, prefix) {
  const [files] = await bucket.getFiles({ prefix, autoPaginate: true });
  return files.map((f) => ({ name: f.name, size: Number(f.metadata.size ?? 0), md5Hash: f.metadata.md5Hash }));
}
var GcsTarget = class {
  constructor(client, bucketName) {
    this.client = client;
    this.bucketName = bucketName;
    this.bucket = client.storage.bucket(bucketName);
    this.location = `gs://${bucketName}`;
  }
  client;
  bucketName;
  location;
  bucket;
  async list(prefix) {
    const stored = /* @__PURE__ */ new Map();
    let files;
    try {
      files = await listFiles(this.bucket, prefix);
    } catch (error) {
      if (error.code === 403) return null;
      throw gcsError(error, this.client, this.bucketName, "listing");
    }
    for (const file of files) {
      stored.set(file.name, { size: file.size, md5: file.md5Hash ? Buffer.from(file.md5Hash, "base64").toString("hex") : null });
    }
    return stored;
  }
  async upload(object) {
    const file = this.bucket.file(object.key);
    const metadata = { md5Hash: Buffer.from(object.md5, "hex").toString("base64") };
    try {
      if (object.data) await file.save(object.data, { resumable: false, gzip: false, metadata });
      else await this.bucket.upload(object.localPath, { destination: file, resumable: true, gzip: false, metadata });
    } catch (error) {
      throw gcsError(error, this.client, this.bucketName, `upload of ${object.relativePath}`);
    }
  }
};
function gcsError(error, client, bucket, action) {
  const network = networkErrorReason(error);
  if (network)
    return new StepFailure(`cannot reach Google Cloud Storage at ${client.endpoint}: ${network} (check the network, or STORAGE_EMULATOR_HOST if you use an emulator)`);
  const e = error;
  const message2 = firstLine(typeof e.message === "string" ? e.message : String(error));
  const status = typeof e.code === "number" ? e.code : void 0;
  if (status === 404 && action === "listing") return new StepFailure(`bucket ${JSON.stringify(bucket)} does not exist at ${client.endpoint} (create it, or fix bucket)`);
  if (status === 401 || /invalid_grant|invalid_client|unauthorized_client|Could not load the default credentials/iu.test(message2)) {
    return new StepFailure(
      `Google Cloud Storage did not accept the credentials (${client.credentialSource}): ${message2} (pass credentials.service_account_info or service_account_file, or authenticate the runner, e.g. with google-github-actions/auth)`
    );
  }
  if (status === 403)
    return new StepFailure(
      `access to bucket ${JSON.stringify(bucket)} denied for ${client.credentialSource}: ${message2} (grant the account roles/storage.objectAdmin on the bucket)`
    );
  return new StepFailure(`${action} in gs://${bucket} failed: ${message2}`);
}

// src/steps/storage/s3.ts
var import_node_crypto3 = __toESM(require_node_crypto(), 1);
var import_node_fs5 = __toESM(require_node_fs(), 1);
var import_promises7 = __toESM(require_promises(), 1);
var import_promises8 = __toESM(require_promises2(), 1);
var DEFAULT_S3_TUNING = {
  multipartThreshold: 16 * 1024 * 1024,
  partSize: 8 * 1024 * 1024,
  partConcurrency: 4,
  multipartConcurrency: 2
};
async function pushToS3(inputs, call, tuning = DEFAULT_S3_TUNING) {
  const bucket = requiredString(inputs, "bucket", "push_to_s3");
  const folder = requiredString(inputs, "folder", "push_to_s3");
  const ignoreFile = ignoreFileInput(inputs, "push_to_s3");
  const s3 = await connect(inputs, call.env);
  try {
    const target = pushTarget(s3, bucket, folder, tuning);
    await pushDirectory("s3", call, folder, target, { ignoreFile, ...tuning });
  } catch (error) {
    throw describeS3Error(error, s3, bucket);
  } finally {
    s3.client.destroy();
  }
  return { bucket, folder };
}
async function pullFromS3(inputs, call, tuning = DEFAULT_S3_TUNING) {
  const bucket = requiredString(inputs, "bucket", "pull_from_s3");
  const folder = requiredString(inputs, "folder", "pull_from_s3");
  const s3 = await connect(inputs, call.env);
  try {
    const { ListObjectsV2Command, GetObjectCommand } = s3.sdk;
    const prefix = folder && !folder.endsWith("/") ? `${folder}/` : folder;
    const objects = [];
    let token;
    do {
      const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), {
        abortSignal: call.signal
      });
      for (const object of page.Contents ?? []) {
        const key = object.Key;
        if (key.endsWith("/")) continue;
        objects.push({ key, localPath: downloadPath("pull_from_s3", call.cwd, prefix, key), size: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : void 0;
    } while (token);
    await pullObjects(
      call,
      s3Url(bucket, prefix),
      objects,
      async (object, signal) => {
        const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: object.key }), { abortSignal: signal });
        const partial = `${object.localPath}.${(0, import_node_crypto3.randomUUID)()}.part`;
        try {
          await (0, import_promises8.pipeline)(response.Body, (0, import_node_fs5.createWriteStream)(partial), { signal });
          await (0, import_promises7.rename)(partial, object.localPath);
        } catch (error) {
          await (0, import_promises7.rm)(partial, { force: true });
          throw error;
        }
      },
      tuning
    );
  } catch (error) {
    throw describeS3Error(error, s3, bucket);
  } finally {
    s3.client.destroy();
  }
  return { bucket, folder, directory: await (0, import_promises7.realpath)(call.cwd) };
}
async function connect(inputs, env) {
  const credentials = optionalMapping(inputs["credentials"], "credentials");
  const clientParameters = optionalMapping(inputs["client_parameters"], "client_parameters");
  const settings = resolveSettings(credentials, clientParameters, env);
  const config = await clientConfig(settings);
  const sdk = interopDefault(await import("./dist-cjs-XYT42R7B.js"), "S3Client");
  return {
    sdk,
    client: new sdk.S3Client(config),
    endpoint: settings.endpointUrl ?? `https://s3.${settings.region}.amazonaws.com`,
    explicitKeys: settings.keys !== null
  };
}
function resolveSettings(credentials, clientParameters, env) {
  const creds = { ...credentials ?? {} };
  const minioUser = creds["minio_root_user"];
  const minioPassword = creds["minio_root_password"];
  delete creds["minio_root_user"];
  delete creds["minio_root_password"];
  if (!Object.hasOwn(creds, "aws_access_key_id")) creds["aws_access_key_id"] = minioUser ?? null;
  if (!Object.hasOwn(creds, "aws_secret_access_key")) creds["aws_secret_access_key"] = minioPassword ?? null;
  const params = Object.hasOwn(creds, "aws_client_parameters") ? optionalMapping(creds["aws_client_parameters"], "credentials.aws_client_parameters") ?? {} : clientParameters ?? {};
  if (creds["assume_role_arn"]) {
    throw new StepFailure(
      "credentials.assume_role_arn is not supported by deploy-action yet (assume the role before this step, e.g. with aws-actions/configure-aws-credentials, which sets the AWS_* environment variables)"
    );
  }
  const accessKeyId = credString(creds, "aws_access_key_id");
  const secretAccessKey = credString(creds, "aws_secret_access_key");
  const sessionToken = credString(creds, "aws_session_token");
  if (accessKeyId === null !== (secretAccessKey === null)) {
    const missing = accessKeyId === null ? "aws_access_key_id (or minio_root_user)" : "aws_secret_access_key (or minio_root_password)";
    throw new StepFailure(`credentials: ${missing} is missing (give both the access key id and the secret, or neither to use the environment)`);
  }
  let keys = null;
  if (accessKeyId !== null && secretAccessKey !== null) keys = { accessKeyId, secretAccessKey, ...sessionToken ? { sessionToken } : {} };
  const profile = credString(creds, "profile_name");
  if (keys === null && profile === null && env["AWS_ACCESS_KEY_ID"] && env["AWS_SECRET_ACCESS_KEY"]) {
    keys = {
      accessKeyId: env["AWS_ACCESS_KEY_ID"],
      secretAccessKey: env["AWS_SECRET_ACCESS_KEY"],
      ...env["AWS_SESSION_TOKEN"] ? { sessionToken: env["AWS_SESSION_TOKEN"] } : {}
    };
  }
  const config = optionalMapping(params["config"], "client_parameters.config") ?? {};
  const s3Config = optionalMapping(config["s3"], "client_parameters.config.s3") ?? {};
  const retries = optionalMapping(config["retries"], "client_parameters.config.retries") ?? {};
  const configuredEndpoint = env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.toLowerCase() === "true" ? void 0 : env["AWS_ENDPOINT_URL_S3"] || env["AWS_ENDPOINT_URL"];
  const endpointUrl = credString(params, "endpoint_url") ?? (configuredEndpoint || null);
  if (endpointUrl !== null && !/^https?:\/\/[^/]/iu.test(endpointUrl)) {
    throw new StepFailure(`the S3 endpoint_url must be a full URL such as http://minio:9000 (got ${JSON.stringify(endpointUrl)})`);
  }
  const addressing = typeof s3Config["addressing_style"] === "string" ? s3Config["addressing_style"] : "auto";
  const useAccelerate = s3Config["use_accelerate_endpoint"] === true;
  let verify = true;
  const verifyInput = params["verify"];
  const certPath = credString(params, "verify_cert_path");
  if (verifyInput === false) verify = false;
  else if (certPath) verify = certPath;
  else if (typeof verifyInput === "string" && verifyInput) verify = verifyInput;
  const seconds = (key) => typeof config[key] === "number" ? Math.round(config[key] * 1e3) : null;
  const totalAttempts = typeof retries["total_max_attempts"] === "number" ? retries["total_max_attempts"] : null;
  const maxAttempts = typeof retries["max_attempts"] === "number" ? retries["max_attempts"] + 1 : null;
  return {
    keys,
    profile,
    // boto3 falls back to us-east-1 for S3; redirects to the bucket's region are followed below.
    region: credString(creds, "region_name") ?? credString(config, "region_name") ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? "us-east-1",
    endpointUrl,
    useSsl: params["use_ssl"] !== false,
    verify,
    // botocore: a custom endpoint means path style unless virtual is asked for explicitly.
    forcePathStyle: useAccelerate ? false : endpointUrl !== null ? addressing !== "virtual" : addressing === "path",
    useAccelerate,
    useDualstack: s3Config["use_dualstack_endpoint"] === true,
    unsigned: config["signature_version"] === "unsigned",
    maxAttempts: totalAttempts ?? maxAttempts,
    retryMode: typeof retries["mode"] === "string" ? retries["mode"] : null,
    connectTimeoutMs: seconds("connect_timeout"),
    readTimeoutMs: seconds("read_timeout"),
    maxSockets: typeof config["max_pool_connections"] === "number" ? config["max_pool_connections"] : null,
    checksumWhenRequired: config["request_checksum_calculation"] !== "when_supported"
  };
}
async function clientConfig(s) {
  const ca = typeof s.verify === "string" ? await (0, import_promises7.readFile)(s.verify).catch((error) => {
    throw new StepFailure(`client_parameters: cannot read the CA bundle ${s.verify}: ${error.code ?? error.message}`);
  }) : void 0;
  const agent = new (process.getBuiltinModule("node:https")).Agent({
    keepAlive: true,
    maxSockets: Math.max(s.maxSockets ?? 0, DEFAULT_CONCURRENCY * 2),
    rejectUnauthorized: s.verify !== false,
    ...ca ? { ca } : {}
  });
  const config = {
    region: s.region,
    followRegionRedirects: true,
    forcePathStyle: s.forcePathStyle,
    useAccelerateEndpoint: s.useAccelerate,
    useDualstackEndpoint: s.useDualstack,
    tls: s.useSsl,
    // Content-MD5 (sent below) already guards each upload; the SDK's default CRC32 would hash
    // everything a second time and is refused by some S3-compatible stores.
    requestChecksumCalculation: s.checksumWhenRequired ? "WHEN_REQUIRED" : "WHEN_SUPPORTED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      httpsAgent: agent,
      ...s.connectTimeoutMs !== null ? { connectionTimeout: s.connectTimeoutMs } : {},
      ...s.readTimeoutMs !== null ? { requestTimeout: s.readTimeoutMs } : {}
    }
  };
  if (s.endpointUrl) config.endpoint = s.endpointUrl;
  if (s.maxAttempts !== null) config.maxAttempts = s.maxAttempts;
  if (s.retryMode !== null) config.retryMode = s.retryMode === "adaptive" ? "adaptive" : "standard";
  if (s.unsigned) {
    config.signer = { sign: async (request) => request };
    config.credentials = { accessKeyId: "", secretAccessKey: "" };
  } else if (s.keys) config.credentials = s.keys;
  else if (s.profile) config.profile = s.profile;
  return config;
}
function pushTarget(s3, bucket, folder, tuning) {
  const { ListObjectsV2Command, HeadObjectCommand, PutObjectCommand } = s3.sdk;
  const multipart = new Semaphore(tuning.multipartConcurrency);
  return {
    location: s3Url(bucket, folder),
    async list(prefix, signal) {
      const stored = /* @__PURE__ */ new Map();
      let token;
      try {
        do {
          const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: signal });
          for (const object of page.Contents ?? []) {
            const etag = (object.ETag ?? "").replaceAll('"', "");
            stored.set(object.Key, { size: object.Size ?? -1, md5: /^[0-9a-f]{32}$/u.test(etag) ? etag : null });
          }
          token = page.IsTruncated ? page.NextContinuationToken : void 0;
        } while (token);
      } catch (error) {
        if (errorName(error) === "AccessDenied") return null;
        throw error;
      }
      return stored;
    },
    async storedMd5(key, signal) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }).catch(() => null);
      return head?.Metadata?.[CONTENT_MD5_METADATA] ?? null;
    },
    async upload(object, signal) {
      const metadata = { [CONTENT_MD5_METADATA]: object.md5 };
      if (object.size <= tuning.multipartThreshold) {
        await s3.client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: object.key,
            Body: object.data ?? (0, import_node_fs5.createReadStream)(object.localPath),
            ContentLength: object.size,
            ContentMD5: Buffer.from(object.md5, "hex").toString("base64"),
            Metadata: metadata
          }),
          { abortSignal: signal }
        );
        return;
      }
      const { Upload } = interopDefault(await import("./dist-cjs-WBTJXUNG.js"), "Upload");
      await multipart.run(async () => {
        const upload = new Upload({
          client: s3.client,
          params: { Bucket: bucket, Key: object.key, Body: object.data ?? (0, import_node_fs5.createReadStream)(object.localPath), Metadata: metadata },
          partSize: tuning.partSize,
          queueSize: tuning.partConcurrency,
          leavePartsOnError: false
        });
        const onAbort = () => void upload.abort().catch(() => void 0);
        signal.addEventListener("abort", onAbort, { once: true });
        try {
          await upload.done();
        } finally {
          signal.removeEventListener("abort", onAbort);
        }
      });
    }
  };
}
function describeS3Error(error, s3, bucket) {
  if (error instanceof StepFailure || error instanceof TypeError) return error;
  const network = networkErrorReason(error);
  if (network) return new StepFailure(`cannot reach the S3 endpoint ${s3.endpoint}: ${network} (check client_parameters.endpoint_url and that the service is running)`);
  const name = errorName(error);
  if (!isServiceError(error) && name !== "CredentialsProviderError") return error instanceof Error ? error : new StepFailure(String(error));
  const where = s3.explicitKeys ? "credentials" : "the AWS credentials found in the environment";
  switch (name) {
    case "NoSuchBucket":
      return new StepFailure(`bucket "${bucket}" does not exist at ${s3.endpoint} (create it or fix the bucket input)`);
    case "InvalidAccessKeyId":
      return new StepFailure(`the access key id in ${where} is not known to ${s3.endpoint} (check aws_access_key_id / minio_root_user)`);
    case "SignatureDoesNotMatch":
      return new StepFailure(`the secret access key in ${where} does not match its access key id (check aws_secret_access_key / minio_root_password)`);
    case "ExpiredToken":
    case "InvalidToken":
      return new StepFailure(`the session token in ${where} is expired or invalid (refresh aws_session_token)`);
    case "AccessDenied":
      return new StepFailure(`access denied to bucket "${bucket}" with ${where} (they need s3:PutObject, s3:GetObject and s3:ListBucket on it)`);
    case "CredentialsProviderError":
      return new StepFailure(
        "no AWS credentials found: pass credentials (aws_access_key_id and aws_secret_access_key, or an aws-credentials block) or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
      );
  }
  const message2 = error instanceof Error ? error.message : String(error);
  return new StepFailure(`S3 request to ${s3.endpoint} failed${name ? ` (${name})` : ""}: ${firstLine(message2)}`);
}
function isServiceError(error) {
  return typeof error === "object" && error !== null && "$metadata" in error;
}
function errorName(error) {
  const e = error;
  if (typeof e?.Code === "string") return e.Code;
  if (e?.name === "NotFound" || e?.name === "Unknown") {
    if (e.$metadata?.httpStatusCode === 404) return "NoSuchBucket";
    if (e.$metadata?.httpStatusCode === 403) return "AccessDenied";
  }
  return typeof e?.name === "string" ? e.name : "";
}
function s3Url(bucket, folder) {
  return `s3://${bucket}/${folder.replace(/^\/+/u, "")}`;
}
function optionalMapping(value, what) {
  if (value === void 0 || value === null) return null;
  if (!isMapping(value)) throw new TypeError(`${what} must be a mapping, got ${pythonTypeName(value)}`);
  return value;
}
function credString(source, key) {
  const value = source[key];
  if (value === void 0 || value === null || value === "") return null;
  if (typeof value !== "string") throw new TypeError(`${key} must be a string, got ${pythonTypeName(value)}`);
  return value;
}
var Semaphore = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  active = 0;
  waiting = [];
  async run(fn) {
    if (this.active >= this.limit) await new Promise((resolve2) => this.waiting.push(resolve2));
    else this.active += 1;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
};

// src/steps/implementations.ts
var CORE = "prefect.deployments.steps";
var IMPLEMENTATIONS = /* @__PURE__ */ new Map([
  [`${CORE}.run_shell_script`, runShellScript],
  [`${CORE}.pip_install_requirements`, pipInstallRequirements],
  [`${CORE}.set_working_directory`, setWorkingDirectory],
  [`${CORE}.git_clone`, gitClone],
  ["prefect_aws.deployments.steps.push_to_s3", (inputs, call) => pushToS3(inputs, call)],
  ["prefect_aws.deployments.steps.pull_from_s3", (inputs, call) => pullFromS3(inputs, call)],
  ["prefect_gcp.deployments.steps.push_to_gcs", pushToGcs],
  ["prefect_gcp.deployments.steps.pull_from_gcs", pullFromGcs],
  ["prefect_azure.deployments.steps.push_to_azure_blob_storage", pushToAzureBlobStorage],
  ["prefect_azure.deployments.steps.pull_from_azure_blob_storage", pullFromAzureBlobStorage],
  // Loaded on first use, like the SDK-backed steps: runs without Docker steps never pay for them.
  ["prefect_docker.deployments.steps.build_docker_image", async (inputs, call) => (await import("./build-ZDQMY5DU.js")).buildDockerImage(inputs, call)],
  ["prefect_docker.deployments.steps.push_docker_image", async (inputs, call) => (await import("./push-GGUQVJBT.js")).pushDockerImage(inputs, call)]
]);
var PREFECT_PYTHON_STEPS = /* @__PURE__ */ new Set([`${CORE}.pull_from_remote_storage`, `${CORE}.pull_with_block`]);
function resolveStep(name, keywords = {}) {
  const definition = findStep(name);
  if (definition && PREFECT_PYTHON_STEPS.has(definition.name)) {
    return { definition, implementation: async (inputs, call) => (await import("./bridge-A6RHSJPQ.js")).runCustomStep(name, keywords.requires, inputs, call) };
  }
  const implementation = definition && IMPLEMENTATIONS.get(definition.name);
  if (definition && implementation) return { definition, implementation };
  if (definition || isBuiltInNamespace(name)) {
    const known = definition ? "" : didYouMean(name, allStepNames());
    if (!definition && name.startsWith(`${CORE}.`)) {
      throw new StepFailure(
        `${name} is not a Prefect step${known || ` (the built-in steps are ${[...IMPLEMENTATIONS.keys()].map((n) => n.slice(CORE.length + 1)).join(", ")})`}`
      );
    }
    throw new StepFailure(`${name} is not implemented yet in deploy-action${known} (run this deployment with \`prefect deploy\` for now)`);
  }
  if (looksLikePythonCallable(name)) {
    return {
      definition: { name, aliases: [], inputs: null, outputs: [], required: [] },
      // Loaded on first use: runs without custom steps never pay for it.
      implementation: async (inputs, call) => (await import("./bridge-A6RHSJPQ.js")).runCustomStep(name, keywords.requires, inputs, call)
    };
  }
  throw new StepFailure(`${JSON.stringify(name)} is not a step name (expected a fully-qualified function name such as ${CORE}.run_shell_script)`);
}
function checkInputs(definition, inputs) {
  const fn = definition.name.slice(definition.name.lastIndexOf(".") + 1);
  if (definition.inputs !== null) {
    for (const key of Object.keys(inputs)) {
      if (!definition.inputs.includes(key)) {
        throw new StepFailure(`${fn}() got an unexpected keyword argument '${key}'${didYouMean(key, definition.inputs)}`);
      }
    }
  }
  const missing = definition.required.filter((key) => !Object.hasOwn(inputs, key));
  if (missing.length > 0) {
    const names = missing.map((m) => `'${m}'`);
    const list2 = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    throw new StepFailure(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list2}`);
  }
}

// src/core/apply/step-runner.ts
var StepExecutionError = class extends Error {
  /** The step's fully-qualified name as written. */
  step;
  /** Position in its list, from 0 (the reference's `index`). */
  index;
  section;
  /** The underlying reason, on one line. */
  reason;
  constructor(step, index, section, cause) {
    const reason = oneLine(cause instanceof Error ? cause.message : String(cause));
    super(`Encountered error while running ${step} (${section ? `${section} ` : ""}step ${index + 1}): ${reason}`, { cause });
    this.name = "StepExecutionError";
    this.step = step;
    this.index = index;
    this.section = section;
    this.reason = reason;
  }
};
var MAX_REASON_LINES = 10;
function oneLine(text) {
  const lines = text.split(/\r?\n/u).map((l) => l.trim()).filter(Boolean);
  const kept = lines.length > MAX_REASON_LINES ? ["\u2026", ...lines.slice(-MAX_REASON_LINES)] : lines;
  return kept.join(" | ") || "unknown error";
}

// src/steps/line-breaks.ts
var LINE_BREAK = /[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]/u;
async function refuseInjectedCommands(rawInputs, templatedInputs, render) {
  const raw = rawInputs["script"];
  const templated = templatedInputs["script"];
  if (typeof raw !== "string" || typeof templated !== "string" || isTruthy(templatedInputs["shell"])) return;
  if (!LINE_BREAK.test(templated)) return;
  for (const placeholder of placeholdersInString(raw)) {
    const rendered = await render(`-${placeholder.fullMatch}`);
    if (typeof rendered === "string" && LINE_BREAK.test(rendered)) throw new StepFailure(message(placeholder));
  }
}
function message(placeholder) {
  return `${placeholder.fullMatch} in script resolves to text with a line break, which would run as a separate command (remove the line break from the value, or set shell: true and quote it for the shell)`;
}

// src/steps/run.ts
var RUN_SHELL_SCRIPT = "prefect.deployments.steps.run_shell_script";
function describeUnresolved(reference) {
  if (reference.kind === "block_document_ref") return `{"$ref": {"block_document_id": "${reference.blockDocumentId}"}}`;
  return reference.placeholder;
}
async function runSteps2(steps, seedOutputs, ctx) {
  let outputs = deepCopy(seedOutputs);
  const log = ctx.log ?? (() => void 0);
  for (const [index, step] of steps.entries()) {
    if (step === null || step === void 0 || isMapping(step) && Object.keys(step).length === 0) continue;
    const parsed = parseStep(step);
    const name = parsed?.name ?? String(step);
    try {
      ctx.onStep?.({ phase: "start", name, index, section: ctx.section });
      if (ctx.signal?.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new StepFailure("the run was cancelled");
      if (!parsed) throw new StepFailure(`a step must be a mapping of one step name to its inputs, got ${pythonTypeName(step)}`);
      log(` > Running ${name.split(".").at(-1)} step...`);
      const raw = parsed.inputs;
      if (!isMapping(raw)) throw new StepFailure(`the inputs of ${name} must be a mapping, got ${pythonTypeName(raw)}`);
      if (parsed.keys.length > 1) throw new StepFailure(`Step has unexpected additional keys: ${parsed.keys.slice(1).join(", ")}`);
      const templated = await templateStepInputs(deepCopy(raw), outputs, { ...ctx.sources, env: ctx.env });
      if (templated.unresolved.length > 0) {
        const refs = templated.unresolved.map(describeUnresolved).join(", ");
        throw new StepFailure(`${refs} could not be resolved: no Prefect API to read it from (set PREFECT_API_URL)`);
      }
      const { definition, implementation } = resolveStep(name, templated.keywords);
      checkInputs(definition, templated.value);
      if (definition.name === RUN_SHELL_SCRIPT) {
        await refuseInjectedCommands(
          raw,
          templated.value,
          async (text) => (await templateStepInputs({ script: text }, outputs, { ...ctx.sources, env: ctx.env })).value["script"]
        );
      }
      const start = async () => {
        let cwd2 = ctx.cwd;
        const call = {
          name: definition.name,
          cwd: cwd2,
          env: ctx.env,
          signal: ctx.signal,
          log,
          chdir: (directory) => {
            cwd2 = directory;
          }
        };
        const result2 = await implementation(templated.value, call);
        return { result: result2, cwd: cwd2 };
      };
      let run;
      if (ctx.cache) {
        const shared = ctx.cache.run(stepCacheKey(definition.name, templated.value, ctx.cwd, templated.keywords.requires), start);
        if (shared.reused) log(`   (identical to a step already run for another deployment: reusing its result)`);
        run = shared.run;
      } else {
        run = start();
      }
      const { result, cwd } = await run;
      ctx.cwd = cwd;
      outputs = mergeStepOutputs(outputs, templated.keywords.id, deepCopy(result));
    } catch (error) {
      const failure = new StepExecutionError(name, index, ctx.section, error);
      ctx.onStep?.({ phase: "end", name, index, section: ctx.section, error: failure });
      throw failure;
    }
    ctx.onStep?.({ phase: "end", name, index, section: ctx.section });
  }
  return outputs;
}

// src/steps/python/preflight.ts
var PIP_INSTALL_REQUIREMENTS = "prefect.deployments.steps.pip_install_requirements";
function pythonNeed({ name, definition }) {
  if (definition && PREFECT_PYTHON_STEPS.has(definition.name)) return `${name} runs Prefect's own function in Python (with prefect installed)`;
  if (definition) return definition.name === PIP_INSTALL_REQUIREMENTS ? PIP_INSTALL_NEED : void 0;
  return !isBuiltInNamespace(name) && looksLikePythonCallable(name) ? customStepNeed(name) : void 0;
}
async function missingPythonBeforeSteps(deployments, env) {
  for (const [deployment, steps] of deployments.entries()) {
    for (const section of ["build", "push"]) {
      for (const [index, step] of steps[section].entries()) {
        const parsed = parseStep(step);
        const need = parsed === void 0 ? void 0 : pythonNeed(parsed);
        if (need === void 0) continue;
        try {
          await findPython(need, env);
          return void 0;
        } catch (error) {
          if (!(error instanceof StepFailure)) throw error;
          return { deployment, error: new StepExecutionError(parsed.name, index, section, error) };
        }
      }
    }
  }
  return void 0;
}

// src/steps/runner.ts
var stepRunner = {
  newCache: () => new StepCache(),
  runSteps: runSteps2,
  missingPythonBeforeSteps
};

// src/commands/client.ts
function apiUrlOf(env, given) {
  return given.offline ? void 0 : given.apiUrl || env.PREFECT_API_URL || void 0;
}
function openClient(request, reporter) {
  const log = reporter.clientLog?.bind(reporter);
  const hooks = { ...request.secrets.clientHooks() };
  if (log && request.debug) {
    hooks.onResponse = (r, outcome, ms) => log(typeof outcome === "number" ? `debug: ${r.method} ${r.path} \u2192 ${outcome} in ${ms} ms` : `debug: ${r.method} ${r.path} \u2192 ${outcome.message} after ${ms} ms`);
  }
  return new PrefectClient({
    env: request.env,
    apiUrl: request.apiUrl,
    ...request.concurrency ? { concurrency: request.concurrency } : {},
    ...log ? { logger: { debug: (m) => void (request.debug && log(`debug: ${m}`)), warning: (m) => log(`warning: ${m}`) } } : {},
    hooks
  });
}
function stepConcurrency(request) {
  return request.concurrency ?? 8;
}
function writeConcurrency(request, client) {
  return request.concurrency ?? (client.isCloud ? 8 : 1);
}
function engineRequest(request) {
  return {
    prefectFile: request.prefectFile,
    selection: { all: request.selection.all, names: [...request.selection.names] },
    cwd: request.cwd,
    env: request.env,
    now: request.now,
    ...request.options ? { options: request.options } : {},
    ...request.git ? { git: request.git } : {},
    ...request.owner ? { owner: request.owner } : {},
    ...request.ownerRoot ? { ownerRoot: request.ownerRoot } : {},
    ...request.preview ? { preview: request.preview } : {},
    stepRunner: sharing(request.stepCache)
  };
}
function sharing(cache) {
  return cache ? { ...stepRunner, newCache: () => cache } : stepRunner;
}
function deployFailure(result) {
  if (result.outcomes.length === 0) {
    if (result.stoppedAt === "steps") return "step-failed";
    if (result.stoppedAt === "lock") return "lock-timeout";
    return hasErrors(result.diagnostics) ? "invalid-config" : void 0;
  }
  return result.outcomes.some((o) => o.action === "failed") || hasErrors(result.diagnostics) ? "deploy-failed" : void 0;
}

// src/core/apply/lock.ts
var import_node_crypto4 = __toESM(require_node_crypto(), 1);
var import_node_fs6 = __toESM(require_node_fs(), 1);
var import_node_path9 = __toESM(require_node_path(), 1);
var DEFAULT_LOCK_TIMEOUT_SECONDS = 600;
var DEFAULT_LEASE_SECONDS = 60;
var BANNED = /[/%&<>]/g;
var STALE_MARGIN_SECONDS = 30;
var WAIT_REPORT_MS = 3e4;
var DeployLockError = class extends Error {
  name = "DeployLockError";
};
function lockTarget(prefectFile, cwd, deployments) {
  const selected = [...new Set(deployments)].sort();
  const which = selected.length === 1 ? selected[0] : `${selected.length} deployments ${targetHash(selected.join("\n")).slice(0, 8)}`;
  return `${fileTarget(prefectFile, cwd)} (${which})`;
}
function fileTarget(prefectFile, cwd) {
  const file = import_node_path9.default.resolve(cwd, prefectFile);
  let dir = import_node_path9.default.dirname(file);
  for (; ; ) {
    if ((0, import_node_fs6.existsSync)(import_node_path9.default.join(dir, ".git"))) return `${import_node_path9.default.basename(dir)}/${import_node_path9.default.relative(dir, file).split(import_node_path9.default.sep).join("/")}`;
    const up = import_node_path9.default.dirname(dir);
    if (up === dir) return import_node_path9.default.relative(cwd, file).split(import_node_path9.default.sep).join("/");
    dir = up;
  }
}
function targetHash(target) {
  return (0, import_node_crypto4.createHash)("sha256").update(target).digest("hex").slice(0, 12);
}
function lockName(target) {
  const readable = target.replace(BANNED, ":").slice(-80);
  return `prefect-deploy ${readable} ${targetHash(target)}`;
}
function heartbeatName(target) {
  return `prefect-deploy-lock-${targetHash(target)}`;
}
var sleep = (ms) => new Promise((resolve2) => setTimeout(resolve2, ms));
function isMissingEndpoint(error) {
  const status = error.status;
  if (status === 404 || status === 405) return `the server has no concurrency leases (HTTP ${status})`;
  if (status === 401 || status === 403) return `the API key may not use global concurrency limits (HTTP ${status})`;
  return void 0;
}
async function acquireDeployLock(client, target, options, onEvent) {
  const lock = lockName(target);
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS;
  const leaseSeconds = Math.max(DEFAULT_LEASE_SECONDS, options.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
  const pollMs = (options.pollSeconds ?? 2) * 1e3;
  const heartbeat = heartbeatName(target);
  const started = Date.now();
  let reported = -Infinity;
  let seen;
  let leaseId;
  for (let created = false; ; ) {
    let answer2;
    try {
      answer2 = await client.acquireConcurrencyLease(lock, leaseSeconds);
      if (answer2 === "missing" && !created) {
        await client.createConcurrencyLimit(lock, 1);
        created = true;
        continue;
      }
    } catch (error) {
      const reason = isMissingEndpoint(error);
      if (!reason) throw new DeployLockError(`taking the deploy lock "${lock}" failed: ${error.message}`);
      onEvent({ kind: "unsupported", lock, reason });
      return { release: async () => {
      } };
    }
    if (answer2 === "missing") throw new DeployLockError(`taking the deploy lock "${lock}" failed: the server did not keep its concurrency limit`);
    if (answer2 !== "held") {
      leaseId = answer2.leaseId;
      break;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutSeconds * 1e3) {
      throw new DeployLockError(
        `another deploy of ${target} still holds the deploy lock "${lock}" after ${Math.round(waited / 1e3)}s; nothing was written (raise the lock timeout; the lock of a deploy that died is freed once it has been silent for ${leaseSeconds + STALE_MARGIN_SECONDS}s)`
      );
    }
    const beat2 = await client.readVariableByName(heartbeat).catch(() => null);
    if (beat2 !== null) {
      const stamp = beat2 ? `${beat2.updated ?? ""} ${JSON.stringify(beat2.value)}` : "none";
      const value = beat2?.value ?? {};
      if (seen?.stamp !== stamp) seen = { stamp, since: Date.now(), ...typeof value.holder === "string" ? { holder: value.holder } : {} };
      else if (Date.now() - seen.since >= (leaseSeconds + STALE_MARGIN_SECONDS) * 1e3) {
        onEvent({ kind: "stale", lock, silentMs: Date.now() - seen.since, ...seen.holder ? { holder: seen.holder } : {} });
        await client.resetConcurrencyLimit(lock).catch(() => {
        });
        seen = void 0;
        continue;
      }
    }
    if (waited - reported >= WAIT_REPORT_MS) {
      onEvent({ kind: "waiting", lock, target, waitedMs: waited, timeoutSeconds, ...seen?.holder ? { holder: seen.holder } : {} });
      reported = waited;
    }
    await sleep(Math.min(pollMs, Math.max(0, timeoutSeconds * 1e3 - waited)));
  }
  const acquiredAt = Date.now();
  onEvent({ kind: "acquired", lock, target, waitedMs: acquiredAt - started, leaseSeconds });
  let lost = false;
  let beats = 0;
  const beat = () => client.writeVariable(heartbeat, { holder: options.holder ?? "unknown", target, beat: beats++ }).catch(() => {
  });
  let renewing = beat();
  const timer = setInterval(
    () => {
      renewing = Promise.all([
        client.renewConcurrencyLease(leaseId, leaseSeconds).then(
          (renewed) => {
            if (!renewed && !lost) {
              lost = true;
              onEvent({ kind: "lost", lock });
            }
          },
          () => {
          }
          // a renewal that fails is tried again; the lease outlives two misses
        ),
        beat()
      ]);
    },
    leaseSeconds * 1e3 / 3
  );
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      await renewing;
      await client.deleteVariable(heartbeat).catch(() => {
      });
      await client.releaseConcurrencyLease(leaseId).catch(() => {
      });
      onEvent({ kind: "released", lock, heldMs: Date.now() - acquiredAt });
    }
  };
}
function lockEventText(event) {
  const s = (ms) => `${(ms / 1e3).toFixed(1)}s`;
  switch (event.kind) {
    case "waiting":
      return {
        text: `another deploy of ${event.target}${event.holder ? ` (${event.holder})` : ""} holds the deploy lock "${event.lock}" on the server; waiting (${s(event.waitedMs)} so far, up to ${event.timeoutSeconds}s)`,
        warning: false
      };
    case "stale":
      return {
        text: `the deploy lock "${event.lock}" was held by ${event.holder ?? "a deploy"} that has given no sign of life for ${s(event.silentMs)}; freeing it`,
        warning: true
      };
    case "acquired":
      return {
        text: `holding the deploy lock "${event.lock}"${event.waitedMs >= 1e3 ? ` after waiting ${s(event.waitedMs)}` : ""} (lease ${event.leaseSeconds}s, renewed while writing)`,
        warning: false
      };
    case "released":
      return { text: `released the deploy lock "${event.lock}" (held ${s(event.heldMs)})`, warning: false };
    case "lost":
      return {
        text: `the deploy lock "${event.lock}" expired while writing (the server did not renew its lease); another deploy of this project may be writing at the same time`,
        warning: true
      };
    case "unsupported":
      return {
        text: `deploying without the deploy lock: ${event.reason}; concurrent deploys of this project are not serialized (use a concurrency group in the workflow)`,
        warning: true
      };
  }
}

// src/core/apply/register.ts
async function registerDeployment(client, snapshot, d, automations, slas, flows = /* @__PURE__ */ new Map(), owner) {
  const result = await registerDeploymentAndAutomations(client, snapshot, d, automations, flows, owner);
  if (slas) {
    if (client.isCloud && client.applySlas) await client.applySlas(result.id, slas(result.id));
    else result.notices.push("SLAs are a Prefect Cloud feature; this server has none, so the sla: section was not applied");
  }
  return result;
}
async function registerDeploymentAndAutomations(client, snapshot, d, automations, flows, owner) {
  const current = snapshot.deployment(d.flowName, d.name);
  if (!current) {
    if (!flows.has(d.flowName)) {
      const known = snapshot.flowIds.get(d.flowName);
      flows.set(d.flowName, known ? Promise.resolve({ id: known }) : client.createFlow(d.flowName));
    }
    const flow = await flows.get(d.flowName);
    const { id: id2 } = await client.createDeployment(
      withoutNullVersionedFields({
        name: d.payload.name,
        flow_id: flow.id,
        ...withoutName(d.payload),
        ...owner ? { labels: { ...isMapping(d.payload.labels) ? d.payload.labels : {}, ...ownerLabels(owner) } } : {}
      })
    );
    const bodies = automations(id2);
    for (const body of bodies) await client.createAutomation(body);
    return { action: "created", id: id2, changes: [], automationsReplaced: bodies.length > 0, notices: [] };
  }
  const id = String(current.id);
  const changes = diffDeployment(d, current);
  const wanted = automations(id);
  const related = await snapshot.automationsOf(id);
  const automationsChanged = !automationsEqual(wanted, related, id);
  const mark = ownershipChange(current, owner);
  if (mark) await client.createDeployment(markBody(current, owner, updateBody(d)));
  if (changes.length > 0) await client.updateDeployment(id, withoutNullVersionedFields(updateBody(d)));
  if (automationsChanged) {
    await client.deleteOwnedAutomations(id);
    for (const body of wanted) await client.createAutomation(body);
    changes.push({ field: "automations", from: related.map((a) => a.name), to: wanted.map((a) => a.name) });
  }
  if (mark) changes.push(mark);
  return { action: changes.length > 0 ? "updated" : "unchanged", id, changes, automationsReplaced: automationsChanged, notices: [] };
}
function withoutName(payload) {
  const { name: _name, ...rest } = payload;
  return rest;
}

// src/core/apply/server-compat.ts
function serverCompatibility(plan3, version) {
  if (version === void 0) return [];
  const diagnostics = [];
  if (compareServerVersions(version, OLDEST_TESTED_SERVER) < 0) {
    diagnostics.push({
      severity: "warning",
      file: plan3.prefectFile,
      message: `the Prefect server runs ${version}, older than the oldest release this deploy is tested with (${OLDEST_TESTED_SERVER}); upgrade the server if it refuses a write`
    });
  }
  for (const d of plan3.deployments) {
    for (const u of unsupportedFields(d.payload, version)) {
      const yaml = keyPath(u.yamlPath);
      const consequence = u.field.older === "refuses" ? "would refuse the deployment" : "would drop it without a word";
      const pos = plan3.positionOf?.(["deployments", d.index, ...u.yamlPath]) ?? plan3.positionOf?.(["deployments", d.index]);
      diagnostics.push({
        severity: "error",
        file: plan3.prefectFile,
        deployment: d.name,
        message: `${yaml} needs Prefect server ${u.field.since} or newer, and this server runs ${version} (it ${consequence}); upgrade the server or remove ${yaml}`,
        ...pos ? { line: pos.line, column: pos.column } : {}
      });
    }
  }
  return diagnostics;
}

// src/core/apply/prune.ts
async function pruneDeletions(client, owner, plan3) {
  if (!client.readAllDeployments || !client.readFlowsById) return [];
  return deletionsOf(await readOwnedDeployments(client, owner), plan3.deployments, plan3.unplanned);
}
async function prune(client, owner, plan3, outcomes, options, onResult) {
  const failed = outcomes.filter((o) => o.action === "failed").length;
  if (failed > 0) return { outcomes: [], warnings: [`nothing was deleted (--prune): ${failed} deployment${failed === 1 ? "" : "s"} failed to register`] };
  if (!client.deleteDeployment || !client.deleteOwnedAutomations)
    return { outcomes: [], warnings: ["nothing was deleted (--prune): this client cannot delete deployments"] };
  const warnings = [];
  let found;
  try {
    found = await pruneDeletions(client, owner, plan3);
  } catch (e) {
    return { outcomes: [], warnings: [], errors: [`nothing was deleted (--prune): reading the deployments this project owns failed: ${e.message}`] };
  }
  const chosen = [];
  for (const d of found) {
    if (options.only && !options.only.has(qualifiedName(d))) {
      warnings.push(`${qualifiedName(d)} is owned by this project and no longer in prefect.yaml, but was not in the reviewed plan: not deleted`);
      continue;
    }
    chosen.push(d);
  }
  return { outcomes: await deleteDeployments(client, chosen, onResult), warnings };
}
async function deleteDeployments(client, deletions, onResult) {
  const out = [];
  for (const d of deletions) {
    const started = Date.now();
    let outcome;
    try {
      await client.deleteOwnedAutomations(d.id);
      await client.deleteDeployment(d.id);
      outcome = { name: d.name, flowName: d.flowName, action: "deleted", id: d.id, changes: [], notices: [], stepOutputs: {}, durationMs: Date.now() - started };
    } catch (e) {
      outcome = {
        name: d.name,
        flowName: d.flowName,
        action: "failed",
        id: d.id,
        changes: [],
        error: e.message,
        notices: [],
        stepOutputs: {},
        durationMs: Date.now() - started
      };
    }
    onResult?.(outcome);
    out.push(outcome);
    if (outcome.action === "failed") break;
  }
  return out;
}

// src/core/apply/smoke.ts
var SmokeSpecError = class extends Error {
};
var DEFAULT_SMOKE_TIMEOUT_SECONDS = 600;
function parseSmokeTarget(text) {
  const spec = text.trim();
  const eq = spec.indexOf("=");
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  if (name === "") throw new SmokeSpecError(`smoke "${text}" names no deployment; write NAME, flow/NAME or NAME={"param": value}`);
  if (eq < 0) return { name, parameters: {} };
  const json = spec.slice(eq + 1).trim();
  let parsed;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new SmokeSpecError(`smoke "${name}": the parameters after "=" must be a JSON object such as {"day": "2026-01-01"}: ${e.message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SmokeSpecError(`smoke "${name}": the parameters after "=" must be a JSON object such as {"day": "2026-01-01"}, got ${json}`);
  }
  return { name, parameters: parsed };
}
function matchSmokeTargets(deployments, targets) {
  const matched = [];
  const errors = [];
  const known = () => deployments.map(qualifiedName).join(", ") || "none";
  for (const target of targets) {
    const slash = target.name.indexOf("/");
    const found = slash < 0 ? deployments.filter((d) => d.name === target.name) : deployments.filter((d) => {
      const flow = target.name.slice(0, slash);
      const fn = d.entrypoint.split(":").pop();
      return d.name === target.name.slice(slash + 1) && (d.flowName === flow || fn === flow.replaceAll("-", "_"));
    });
    if (found.length === 1) matched.push({ target, deployment: found[0] });
    else if (found.length === 0) errors.push(`smoke "${target.name}" is not among the deployments this deploy registers (${known()}); fix the name or select it`);
    else errors.push(`smoke "${target.name}" matches ${found.map(qualifiedName).join(" and ")}; write flow/name`);
  }
  return { matched, errors };
}
function stateName(run) {
  const s = run.state;
  if (!s) return "Unknown";
  return s.name || s.type.charAt(0) + s.type.slice(1).toLowerCase();
}
var realClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve2) => setTimeout(resolve2, ms)) };
var TERMINAL = { COMPLETED: "completed", FAILED: "failed", CRASHED: "crashed", CANCELLED: "cancelled" };
async function followFlowRun(client, runId, deadline, {
  clock = realClock,
  pollMs = { first: 500, max: 5e3 },
  onState
} = {}) {
  let pause = pollMs.first;
  let last;
  for (; ; ) {
    const run = await client.readFlowRun(runId);
    const state = stateName(run);
    if (state !== last) onState?.(state);
    last = state;
    if (run.state && TERMINAL[run.state.type]) return { run, timedOut: false };
    const left = deadline - clock.now();
    if (left <= 0) return { run, timedOut: true };
    await clock.sleep(Math.min(pause, left));
    pause = Math.min(pause * 1.5, pollMs.max);
  }
}
function runSmoke(client, runs, options) {
  return Promise.all(runs.map((r) => smokeOne(client, r, options)));
}
async function smokeOne(client, r, options) {
  const clock = options.clock ?? realClock;
  const redact = options.redact ?? ((t) => t);
  const started = clock.now();
  const base = { deployment: r.deployment, parameters: r.parameters };
  const done = (outcome) => {
    options.onEvent?.({ phase: "done", outcome });
    return outcome;
  };
  let created;
  try {
    created = await client.createFlowRunFromDeployment(r.deploymentId, { parameters: r.parameters });
  } catch (e) {
    const message3 = oneLine2(redact(e.message));
    return done({ ...base, status: "error", message: message3, durationMs: clock.now() - started, logs: [], line: `smoke: ${r.deployment}: starting a run failed: ${message3}` });
  }
  const runName = created.name ?? created.id;
  const named = `smoke: ${r.deployment} run ${runName}`;
  const ids = { runId: created.id, runName };
  options.onEvent?.({ phase: "started", deployment: r.deployment, ...ids });
  let followed;
  try {
    followed = await followFlowRun(client, created.id, started + options.timeoutMs, {
      clock,
      ...options.pollMs ? { pollMs: options.pollMs } : {},
      onState: (state2) => options.onEvent?.({ phase: "state", deployment: r.deployment, runName, state: state2 })
    });
  } catch (e) {
    const message3 = oneLine2(redact(e.message));
    return done({ ...base, ...ids, status: "error", message: message3, durationMs: clock.now() - started, logs: [], line: `${named}: following its state failed: ${message3}` });
  }
  const durationMs = clock.now() - started;
  const { run, timedOut } = followed;
  const state = stateName(run);
  if (timedOut) {
    const cancelled = await client.cancelFlowRun?.(run.id).then(
      () => true,
      () => false
    );
    const logs2 = await tail(client, run.id, options, redact, clock, false);
    const seconds = Math.round(options.timeoutMs / 1e3);
    const line2 = `${named}: not Completed within ${seconds}s (still ${state}${cancelled ? "; cancelled it" : ""})`;
    return done({ ...base, ...ids, status: "timed-out", state, durationMs, logs: logs2, line: line2 });
  }
  const status = TERMINAL[run.state.type];
  const message2 = run.state?.message ? oneLine2(redact(run.state.message)) : void 0;
  const logs = await tail(client, run.id, options, redact, clock, status === "completed" || status === "failed");
  const line = `${named}: ${state} after ${(durationMs / 1e3).toFixed(1)}s${status === "completed" || !message2 ? "" : `: ${message2}`}`;
  return done({ ...base, ...ids, status, state, ...message2 ? { message: message2 } : {}, durationMs, logs, line });
}
async function tail(client, runId, options, redact, clock, awaitClosing) {
  const limit = options.logLines ?? 10;
  try {
    let logs = await client.readFlowRunLogs(runId, limit);
    for (let retry = 0; awaitClosing && retry < 3 && !logs.some((l) => l.message.startsWith("Finished in state")); retry++) {
      await clock.sleep(1e3);
      logs = await client.readFlowRunLogs(runId, limit);
    }
    const lines = logs.flatMap(
      (l) => redact(l.message).split(/\r?\n/).map((text) => `${(l.timestamp ?? "").slice(11, 19)} ${levelName(l.level)} ${text}`.trim())
    );
    return lines.slice(-limit);
  } catch {
    return [];
  }
}
function levelName(level) {
  if (level >= 50) return "CRITICAL";
  if (level >= 40) return "ERROR";
  if (level >= 30) return "WARNING";
  if (level >= 20) return "INFO";
  return "DEBUG";
}
function oneLine2(text) {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 299)}\u2026` : line;
}

// src/core/apply/index.ts
function outcomeJson(o, ui) {
  return {
    name: o.name,
    flow: o.flowName,
    id: o.id ?? null,
    action: o.action,
    changes: o.changes.map((c) => c.field),
    // A deleted deployment has no page any more.
    url: o.action === "deleted" ? null : deploymentUrl(ui, o.id)
  };
}
async function validateDeployments(request, onPlanned) {
  const version = request.client?.serverVersion?.();
  version?.catch(() => {
  });
  const plan3 = await createPlan(request);
  if (hasErrors(plan3.diagnostics)) return plan3;
  onPlanned?.(plan3);
  const diagnostics = [...plan3.diagnostics];
  const withSteps = request.stepOutputs ? [] : plan3.deployments.filter((d) => d.steps.build.length + d.steps.push.length > 0);
  const noPython = await request.stepRunner.missingPythonBeforeSteps(
    withSteps.map((d) => d.steps),
    request.env
  );
  if (noPython) {
    const d = withSteps[noPython.deployment];
    const e = noPython.error;
    diagnostics.push({ severity: "error", file: plan3.prefectFile, deployment: d.name, message: e.message, ...position(plan3, d, e.section ?? "build", e.index) });
  }
  if (version) {
    try {
      diagnostics.push(...serverCompatibility(plan3, await version));
    } catch (e) {
      diagnostics.push({ severity: "error", file: plan3.prefectFile, message: `reading the Prefect server's version failed: ${e.message}` });
    }
  }
  const client = request.client;
  if (client) {
    const pools = request.workPools ?? /* @__PURE__ */ new Map();
    const reads = /* @__PURE__ */ new Map();
    for (const d of plan3.deployments) {
      const name = String(d.payload.work_pool_name);
      readWorkPoolOnce(client, pools, name);
      reads.set(name, pools.get(name));
    }
    for (const d of plan3.deployments) {
      const name = String(d.payload.work_pool_name);
      const pool = await reads.get(name);
      const problem = !pool ? `work pool "${name}" does not exist; create it (prefect work-pool create "${name}" --type <type>) or fix work_pool.name` : pool.type === "prefect-agent" ? `work pool "${name}" is of type prefect-agent, which cannot run deployments from prefect.yaml; choose another pool` : void 0;
      if (problem) diagnostics.push({ severity: "error", file: plan3.prefectFile, deployment: d.name, message: problem, ...position(plan3, d, "work_pool", "name") });
    }
  }
  return { ...plan3, diagnostics: sortDiagnostics(diagnostics) };
}
function readWorkPoolOnce(client, pools, name) {
  if (pools.has(name)) return;
  const read = client.readWorkPool(name);
  pools.set(name, read);
  read.catch(() => pools.get(name) === read && pools.delete(name));
}
function validateForDeploy(request, onPlanned) {
  return validateDeployments(request, onPlanned);
}
function position(plan3, d, ...path10) {
  const pos = plan3.positionOf?.(["deployments", d.index, ...path10]);
  return pos ? { line: pos.line, column: pos.column } : {};
}
function sortDiagnostics(diagnostics) {
  const order = (d) => d.severity === "error" ? 0 : 1;
  return [...diagnostics].sort((a, b) => order(a) - order(b));
}
async function deploy(given) {
  const request = { ...given, cache: given.cache ?? newPlanCache() };
  const owner = markOf(request);
  owner.catch(() => {
  });
  const runSnapshot = request.snapshot;
  const early = runSnapshot ? void 0 : prefetching(request.client);
  let current;
  const onPlanned = (planned) => {
    if (!request.stepOutputs && planned.deployments.some((d) => d.steps.build.length + d.steps.push.length > 0)) return;
    current = runSnapshot ?? readServerSnapshot(request.client, planned.deployments, early?.prefetch);
    current.catch(() => {
    });
  };
  const { validated } = request;
  if (validated && !hasErrors(validated.diagnostics)) onPlanned(validated);
  let plan3 = validated ?? await validateForDeploy({ ...request, ...early ? { onSelected: early.onSelected } : {} }, onPlanned);
  if (hasErrors(plan3.diagnostics)) return { plan: plan3, outcomes: [], diagnostics: plan3.diagnostics, stoppedAt: "validation" };
  const declined = (request.checkValidated?.(plan3) ?? []).map((message2) => ({ severity: "error", file: plan3.prefectFile, message: message2 }));
  if (declined.length > 0) return { plan: plan3, outcomes: [], diagnostics: [...declined, ...plan3.diagnostics], stoppedAt: "validation" };
  request.onProgress?.({ phase: "validated", deployments: plan3.deployments.map((d) => ({ name: d.name, flowName: d.flowName })) });
  let outputsByIndex2 = /* @__PURE__ */ new Map();
  const withSteps = request.stepOutputs ? [] : plan3.deployments.filter((d) => d.steps.build.length + d.steps.push.length > 0);
  if (withSteps.length > 0) {
    const ran = await runDeploymentSteps(plan3, withSteps, request);
    if (ran.diagnostics.length > 0) return { plan: plan3, outcomes: [], diagnostics: [...ran.diagnostics, ...plan3.diagnostics], stoppedAt: "steps" };
    outputsByIndex2 = ran.outputs;
    plan3 = await createPlan({ ...request, stepOutputsByIndex: outputsByIndex2 });
    const refused = serverCompatibility(plan3, await request.client.serverVersion?.()).filter((d) => d.severity === "error");
    if (refused.length > 0) plan3 = { ...plan3, diagnostics: [...refused, ...plan3.diagnostics] };
    if (hasErrors(plan3.diagnostics)) return { plan: plan3, outcomes: [], diagnostics: plan3.diagnostics, stoppedAt: "validation" };
  }
  const read = { current: withSteps.length === 0 ? current : void 0, prefetch: withSteps.length === 0 ? early?.prefetch : void 0 };
  const identity = await owner;
  if (!canLock(request)) return write(request, plan3, read, outputsByIndex2, identity);
  const before = (read.current ?? readServerSnapshot(request.client, plan3.deployments, read.prefetch)).then(remembered);
  before.catch(() => {
  });
  const nothingToDelete = request.prune ? pruneDeletions(request.client, identity, plan3).then(
    (d) => d.length === 0,
    () => false
  ) : Promise.resolve(true);
  const untouched = await compareWithServer(request.client, plan3, void 0, before, identity).then(
    (live) => live.every((c) => c.action === "unchanged") && plan3.deployments.every((d) => !d.slas),
    () => false
  );
  if (untouched && await nothingToDelete) return write(request, plan3, { current: before }, outputsByIndex2, identity);
  let held;
  try {
    held = await lockFor(request, plan3);
  } catch (e) {
    if (!(e instanceof DeployLockError)) throw e;
    return { plan: plan3, outcomes: [], diagnostics: [{ severity: "error", file: plan3.prefectFile, message: e.message }, ...plan3.diagnostics], stoppedAt: "lock" };
  }
  try {
    return await write(request, plan3, void 0, outputsByIndex2, identity);
  } finally {
    await held.release();
  }
}
async function markOf(request) {
  const identity = await projectIdentity(request);
  return request.preview ? previewOwner(identity, request.preview.id) : identity;
}
function remembered(snapshot) {
  const automations = /* @__PURE__ */ new Map();
  return {
    ...snapshot,
    automationsOf: (id) => {
      if (!automations.has(id)) automations.set(id, snapshot.automationsOf(id));
      return automations.get(id);
    }
  };
}
function lockFor(request, plan3) {
  return acquireDeployLock(
    request.client,
    lockTarget(plan3.prefectFile, request.cwd, plan3.deployments.map(qualifiedName)),
    request.lock || {},
    request.onLock ?? (() => {
    })
  );
}
var LOCK_METHODS = [
  "createConcurrencyLimit",
  "acquireConcurrencyLease",
  "renewConcurrencyLease",
  "releaseConcurrencyLease",
  "resetConcurrencyLimit",
  "readVariableByName",
  "writeVariable",
  "deleteVariable"
];
function canLock(request) {
  const c = request.client;
  return request.lock !== false && LOCK_METHODS.every((m) => typeof c[m] === "function");
}
async function write(request, plan3, early, outputsByIndex2, owner) {
  let snapshot;
  try {
    snapshot = await (early?.current ?? readServerSnapshot(request.client, plan3.deployments, early?.prefetch));
  } catch (e) {
    const message2 = `reading the current deployments from the server failed: ${e.message}`;
    return { plan: plan3, outcomes: [], diagnostics: [{ severity: "error", file: plan3.prefectFile, message: message2 }, ...plan3.diagnostics], stoppedAt: "validation" };
  }
  const flows = /* @__PURE__ */ new Map();
  const outcomes = await mapBounded(plan3.deployments, request.registrationConcurrency ?? request.concurrency ?? 8, async (d) => {
    const started = Date.now();
    request.onProgress?.({ phase: "registering", name: d.name, flowName: d.flowName });
    let outcome;
    try {
      const slas = d.slas ? (id) => slaBodies(d.slas, id) : void 0;
      const register = () => registerDeployment(request.client, snapshot, d, automationsFor(d), slas, flows, owner);
      const r = await (request.writeGate ? request.writeGate(register) : register());
      outcome = {
        name: d.name,
        flowName: d.flowName,
        action: r.action,
        id: r.id,
        changes: r.changes,
        notices: r.notices,
        stepOutputs: outputsByIndex2.get(d.index) ?? request.stepOutputs ?? {},
        durationMs: Date.now() - started
      };
    } catch (e) {
      outcome = {
        name: d.name,
        flowName: d.flowName,
        action: "failed",
        changes: [],
        error: e.message,
        notices: [],
        stepOutputs: outputsByIndex2.get(d.index) ?? {},
        durationMs: Date.now() - started
      };
    }
    request.onResult?.(outcome);
    return outcome;
  });
  const diagnostics = [...plan3.diagnostics];
  for (const o of outcomes) {
    for (const notice of o.notices) diagnostics.push({ severity: "warning", file: plan3.prefectFile, deployment: o.name, message: notice });
    if (o.action === "failed") diagnostics.unshift({ severity: "error", file: plan3.prefectFile, deployment: o.name, message: `registration failed: ${o.error}` });
  }
  if (request.prune) {
    const pruned = await prune(request.client, owner, plan3, outcomes, request.prune, request.onResult);
    outcomes.push(...pruned.outcomes);
    for (const o of pruned.outcomes)
      if (o.action === "failed") diagnostics.unshift({ severity: "error", file: plan3.prefectFile, deployment: o.name, message: `deleting it failed: ${o.error}` });
    diagnostics.push(...pruned.warnings.map((message2) => ({ severity: "warning", file: plan3.prefectFile, message: message2 })));
    diagnostics.unshift(...(pruned.errors ?? []).map((message2) => ({ severity: "error", file: plan3.prefectFile, message: message2 })));
  }
  return { plan: plan3, outcomes, diagnostics };
}
async function runDeploymentSteps(plan3, deployments, request) {
  const runner = request.stepRunner;
  const cache = runner.newCache();
  const outputs = /* @__PURE__ */ new Map();
  const diagnostics = [];
  const noPython = await runner.missingPythonBeforeSteps(
    deployments.map((d) => d.steps),
    request.env
  );
  if (noPython) {
    const d = deployments[noPython.deployment];
    const e = noPython.error;
    diagnostics.push({ severity: "error", file: plan3.prefectFile, deployment: d.name, message: e.message, ...position(plan3, d, e.section ?? "build", e.index) });
    return { outputs, diagnostics };
  }
  await mapBounded(deployments, request.concurrency ?? 8, async (d) => {
    const ctx = {
      cwd: request.cwd,
      env: request.env,
      sources: request.sources,
      cache,
      section: "build",
      ...request.onStepLog ? { log: (line) => request.onStepLog(qualifiedName(d), line) } : {},
      ...request.onStepEvent ? { onStep: (event) => request.onStepEvent(d, event) } : {}
    };
    try {
      request.onProgress?.({ phase: "steps", name: d.name, flowName: d.flowName });
      let out = await runner.runSteps(d.steps.build, {}, ctx);
      ctx.section = "push";
      out = await runner.runSteps(d.steps.push, out, ctx);
      outputs.set(d.index, out);
      request.onProgress?.({ phase: "built", name: d.name, flowName: d.flowName });
    } catch (e) {
      if (!(e instanceof StepExecutionError)) throw e;
      const section = e.section ?? "build";
      diagnostics.push({ severity: "error", file: plan3.prefectFile, deployment: d.name, message: e.message, ...position(plan3, d, section, e.index) });
    }
  });
  return { outputs, diagnostics };
}
function prefetching(client) {
  let prefetch;
  return {
    onSelected: (configs) => {
      prefetch = prefetchSnapshot(
        client,
        configs.flatMap((c) => typeof c.name === "string" ? [c.name] : [])
      );
    },
    get prefetch() {
      return prefetch;
    }
  };
}
async function planAgainstServer(request) {
  const given = request.prefetch;
  const early = given ? { onSelected: () => {
  }, prefetch: given } : prefetching(request.client);
  const owner = markOf(request);
  owner.catch(() => {
  });
  let current;
  const plan3 = await validateForDeploy({ ...request, onSelected: early.onSelected }, (planned) => {
    current = readServerSnapshot(request.client, planned.deployments, early.prefetch);
    current.catch(() => {
    });
  });
  if (hasErrors(plan3.diagnostics)) return { plan: plan3 };
  const identity = await owner;
  const deletions = request.selection.all ? pruneDeletions(request.ownership ?? request.client, identity, plan3) : Promise.resolve(void 0);
  deletions.catch(() => {
  });
  const live = await compareWithServer(request.client, plan3, early.prefetch, current, identity);
  const toDelete = await deletions;
  return { plan: plan3, live, ...toDelete ? { deletions: toDelete } : {} };
}

// src/commands/changed.ts
var import_node_fs7 = __toESM(require_node_fs(), 1);
var import_node_path10 = __toESM(require_node_path(), 1);

// src/steps/dockerignore.ts
var LITERAL = /* @__PURE__ */ new Set([".", "+", "(", ")", "|", "{", "}", "$", "^"]);
function clean(p) {
  const rooted = p.startsWith("/");
  const out = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else if (part !== ".." || !rooted) out.push(part);
  }
  const body = out.join("/");
  return rooted ? `/${body}` : body || ".";
}
function compile(pattern) {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        if (pattern[i + 1] === "/") i++;
        re += i + 1 >= pattern.length ? ".*" : "(.*/)?";
      } else re += "[^/]*";
    } else if (ch === "?") re += "[^/]";
    else if (ch === "\\") {
      i++;
      re += i < pattern.length ? `\\${pattern[i]}` : "\\\\";
    } else if (LITERAL.has(ch)) re += `\\${ch}`;
    else re += ch;
  }
  try {
    return new RegExp(`${re}$`, "su");
  } catch {
    return /(?!)/u;
  }
}
var DockerIgnore = class _DockerIgnore {
  constructor(patterns) {
    this.patterns = patterns;
  }
  patterns;
  /** The file's text: one pattern a line, `#` lines and blank lines skipped, each line trimmed. */
  static parse(text) {
    const patterns = [];
    for (const raw of text.split(/\r?\n/u)) {
      let line = raw.trim();
      if (line === "" || line.startsWith("#")) continue;
      const exception = line.startsWith("!");
      if (exception) line = line.slice(1).trim();
      if (line === "") continue;
      line = clean(line);
      if (line.length > 1 && line.startsWith("/")) line = line.slice(1);
      patterns.push({ exception, regex: compile(line) });
    }
    return new _DockerIgnore(patterns);
  }
  /**
   * Whether `file` (relative to the context, `/`-separated) is left out of the build context: the
   * last pattern matching it or one of its parent directories decides. The `.dockerignore` itself is
   * always sent (docker-py adds `!.dockerignore`), and so a change to it always counts.
   */
  ignores(file) {
    const path10 = clean(file);
    if (path10 === ".dockerignore") return false;
    const parents = path10.split("/").slice(0, -1);
    let ignored = false;
    for (const p of this.patterns) {
      let match = p.regex.test(path10);
      for (let i = 1; !match && i <= parents.length; i++) match = p.regex.test(parents.slice(0, i).join("/"));
      if (match) ignored = !p.exception;
    }
    return ignored;
  }
};

// src/commands/changed.ts
async function changedSelection(request, cache, given) {
  const ref = request.changedSince;
  if (!ref) return { diagnostics: [] };
  const git = given ?? request.git ?? runGit;
  const loaded = await loadOnce(request, cache);
  const file = loaded.prefectFile;
  if (!file) return { diagnostics: [] };
  const chosen = selectDeployments(file.deployments, request.selection);
  if (chosen.errors.length > 0) return { diagnostics: [] };
  let index = { cannotTell: "not read" };
  const entryOf = (config) => {
    const e = config.entrypoint;
    if (typeof e !== "string" || e.includes("{{")) return void 0;
    const file2 = e.split(":")[0];
    return rel(import_node_path10.default.isAbsolute(file2) ? import_node_path10.default.relative(request.cwd, file2) : file2);
  };
  let changes;
  try {
    const asked = readChangesSince(ref, request.cwd, request.prefectFile, git);
    index = indexPython(
      request.cwd,
      chosen.selected.map((s) => entryOf(s.config)).filter((e) => e !== void 0)
    );
    changes = await asked;
  } catch (e) {
    if (!(e instanceof ChangedSinceError)) throw e;
    if (e.kind === "no-repository" && request.changedSinceFromEvent) {
      return {
        diagnostics: [{ severity: "warning", file: request.prefectFile, message: `${e.message.replace(/ \(run it.*$/, "")}: working on every selected deployment` }]
      };
    }
    return { diagnostics: [{ severity: "error", file: request.prefectFile, message: e.message }] };
  }
  const before = changes.prefectFileUnchanged ? file : changes.prefectFileBefore === void 0 ? void 0 : parsePrefectFile(changes.prefectFileBefore, request.prefectFile).prefectFile;
  const beforeByName = /* @__PURE__ */ new Map();
  for (const config of before?.deployments ?? []) {
    const list2 = beforeByName.get(config.name) ?? [];
    list2.push(sectionOf(config, before.actions));
    beforeByName.set(config.name, list2);
  }
  const changed = { files: changes.files, ignored: ignoreFiles(request.cwd) };
  const only = /* @__PURE__ */ new Set();
  const skipped = [];
  const because = /* @__PURE__ */ new Map();
  const reason = `unchanged since ${ref}`;
  let affected;
  const reach = () => affected ??= "cannotTell" in index ? () => true : affectedBy(index, changes.files);
  const sameFile = before === file;
  await withFlowAnalysisCache(cache.flows, async () => {
    for (const s of chosen.selected) {
      const now = sectionOf(s.config, file.actions);
      const entry = entryOf(s.config);
      const inputs = {
        before: before ? sameFile ? [now] : beforeByName.get(s.config.name) ?? [] : void 0,
        now,
        steps: stepInputs(runSteps(now)),
        entry
      };
      const first = attributeChange({ ...inputs, flowFiles: [] }, changed);
      if (first.changed && !first.inputs) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, first));
        continue;
      }
      const name = s.config.name;
      const named = typeof name === "string" && !name.includes("{{");
      if (!first.changed && named && entry !== void 0 && !reach()(entry)) {
        skipped.push({ deployment: name, reason });
        continue;
      }
      const analysed = named ? await flowOf(s.config, request.cwd) : void 0;
      const verdict = analysed ? attributeChange({ ...inputs, flowFiles: analysed.files }, changed) : first;
      if (verdict.changed) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, verdict));
      } else if (!analysed) {
        only.add(s.index);
        because.set(s.index, changedBecause(ref, { changed: true, reason: "its flow could not be analysed" }));
      } else skipped.push({ deployment: name, reason });
    }
  });
  return { selection: { only, skipped, because }, diagnostics: [] };
}
async function flowOf(config, cwd) {
  const entrypoint = config.entrypoint;
  if (typeof entrypoint !== "string" || entrypoint.includes("{{")) return void 0;
  try {
    const flow = await analyzeEntrypoint(entrypoint, { cwd, unavailableModules: void 0 });
    return { files: flowSourceFiles(flow) };
  } catch {
    return void 0;
  }
}
function ignoreFiles(cwd) {
  const specs = /* @__PURE__ */ new Map();
  const dockerSpecs = /* @__PURE__ */ new Map();
  const dockerSpecOf = (name) => {
    if (!dockerSpecs.has(name)) {
      const bytes = readFileSyncOrNull(import_node_path10.default.resolve(cwd, name));
      dockerSpecs.set(name, bytes ? DockerIgnore.parse(bytes.toString("utf8")) : null);
    }
    return dockerSpecs.get(name);
  };
  const specOf = (name, mode) => {
    const key = `${mode}:${name}`;
    if (!specs.has(key)) {
      let spec = null;
      try {
        const bytes = readFileSyncOrNull(import_node_path10.default.resolve(cwd, name));
        if (bytes) spec = IgnoreSpec.parse(decodeIgnoreFile(bytes, name), mode, name);
      } catch {
        spec = null;
      }
      specs.set(key, spec);
    }
    return specs.get(key);
  };
  return (tree, file) => {
    if (!tree.ignoreFile) return false;
    const relative = tree.dir === "" ? file : file.slice(tree.dir.length + 1);
    if (tree.storage === "docker") return dockerSpecOf(tree.ignoreFile)?.ignores(relative) ?? false;
    return specOf(tree.ignoreFile, tree.storage === "s3" ? "strip" : "raw")?.ignores(relative) ?? false;
  };
}
function readFileSyncOrNull(file) {
  try {
    return (0, import_node_fs7.readFileSync)(file);
  } catch {
    return null;
  }
}
async function narrowToChanged(request, cache, reporter, hasChangesWhenRefused, git) {
  const { selection, diagnostics } = await changedSelection(request, cache, git);
  for (const d of diagnostics) if (d.severity === "warning") reporter.warning(d.message);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) reporter.diagnostics(errors);
  return {
    refused: errors.length > 0 ? refusedRef(request, errors, hasChangesWhenRefused) : void 0,
    only: selection ? { only: selection.only, unplanned: selection.skipped.map((d) => d.deployment) } : {},
    result: selection && request.changedSince ? { changedSince: { ref: request.changedSince, skipped: selection.skipped, because: selection.because } } : {}
  };
}
function refusedRef(request, diagnostics, hasChanges) {
  return { plan: { prefectFile: request.prefectFile, deployments: [], diagnostics }, diagnostics, hasChanges, failureReason: "invalid-input" };
}

// src/commands/plan.ts
function untrustedPlanRequest(request) {
  return { ...engineRequest(request), templateEnv: untrustedEnvironment(request.env, new Set(request.planEnv), (v) => request.secrets.add(v)) };
}
async function plan2(request, reporter) {
  const cache = newPlanCache();
  const changed = await narrowToChanged(request, cache, reporter, true);
  if (changed.refused) return changed.refused;
  const req = { ...untrustedPlanRequest(request), cache, ...changed.only };
  let planned;
  let live;
  let deletions;
  const { apiUrl } = request;
  if (apiUrl) {
    const { shared } = request;
    const client = shared?.client ?? openClient({ ...request, apiUrl }, reporter);
    const whole = request.selection.all ? shared?.workspacePrefetch?.() : void 0;
    const run = shared ? {
      workPools: shared.workPools,
      ...whole && shared.workspaceDeployments ? { prefetch: whole, ownership: ownershipFrom(client, shared.workspaceDeployments, whole) } : {}
    } : {};
    try {
      ({ plan: planned, live, deletions } = await planAgainstServer({ ...req, client, sources: prefectTemplateSources(client), ...run }));
    } finally {
      if (!shared) client.close();
    }
  } else {
    planned = await validateDeployments(req);
  }
  reporter.diagnostics(planned.diagnostics);
  const errors = hasErrors(planned.diagnostics);
  const ui = apiUrl ? uiUrl(apiUrl, request.env) : void 0;
  return {
    plan: planned,
    ...live ? { live } : {},
    ...deletions ? { deletions } : {},
    diagnostics: planned.diagnostics,
    hasChanges: errors || !live || live.some((c) => c.action !== "unchanged") || (deletions?.length ?? 0) > 0,
    ...errors ? { failureReason: "invalid-config" } : {},
    ...ui ? { uiUrl: ui } : {},
    ...changed.result
  };
}
function ownershipFrom(client, deployments, whole) {
  return {
    readAllDeployments: deployments,
    readFlowsById: async (ids) => {
      const flows = await whole.flows;
      const wanted = new Set(ids);
      const found = flows?.filter((f) => wanted.has(String(f.id)));
      return found && found.length === wanted.size ? found : client.readFlowsById(ids);
    }
  };
}

// src/commands/drift.ts
async function drift(request, reporter) {
  if (!request.apiUrl) {
    return {
      diagnostics: [],
      hasChanges: true,
      failureReason: "no-api-url",
      message: "a drift check needs the Prefect API to compare with: set PREFECT_API_URL (and PREFECT_API_KEY for Prefect Cloud)"
    };
  }
  const { changedSince, changedSinceFromEvent, ...whole } = request;
  const result = await plan2(changedSince && !changedSinceFromEvent ? { ...whole, changedSince } : whole, reporter);
  if (result.failureReason) return result;
  const drifted = driftedDeployments(result.live ?? []);
  const deletions = result.deletions?.length ?? 0;
  if (drifted.length + deletions === 0) return result;
  const total = (result.live?.length ?? 0) + deletions;
  const what = [
    ...drifted.map((c) => `${c.deployment.flowName}/${c.deployment.name}: ${c.action === "created" ? "missing on the server" : driftedFields(c).join(", ")}`),
    ...(result.deletions ?? []).map((d) => `${d.flowName}/${d.name}: no longer in prefect.yaml`)
  ];
  const shown = what.length > 5 ? [...what.slice(0, 5), `and ${what.length - 5} more`] : what;
  return {
    ...result,
    failureReason: "drift",
    message: `the Prefect server differs from prefect.yaml in ${drifted.length + deletions} of ${total} deployment(s): ${shown.join("; ")}`
  };
}

// src/commands/step-outputs.ts
var deploymentKey = qualifiedName;
function isKeyedByDeployment(value) {
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => k.includes("/") && isMapping(v));
}
function outputsByIndex(plan3, keyed) {
  return new Map(plan3.deployments.map((d) => [d.index, keyed[deploymentKey(d)] ?? {}]));
}
function unfilledStepPlaceholders(d, provided) {
  return d.deferred.filter((p) => {
    const [placeholder] = placeholdersInString(p);
    const root = placeholder ? keyPath2(placeholder.name)[0] : void 0;
    return root === void 0 || !(String(root) in provided);
  });
}
function missingStepOutputs(plan3, given) {
  const problems = [];
  for (const d of plan3.deployments) {
    const provided = given.stepOutputsByIndex?.get(d.index) ?? given.stepOutputs ?? {};
    const missing = unfilledStepPlaceholders(d, provided);
    if (missing.length === 0) continue;
    problems.push({
      severity: "error",
      file: plan3.prefectFile,
      deployment: d.name,
      message: `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} filled by a build or push step, which this run does not run (skip-steps or step-outputs); pass ${missing.length === 1 ? "its value" : "their values"} in step-outputs`
    });
  }
  return problems;
}

// src/commands/deploy.ts
async function deploy2(request, reporter) {
  const { apiUrl } = request;
  if (!apiUrl) return { diagnostics: [], hasChanges: false, failureReason: "no-api-url" };
  if (request.prune && !request.selection.all) {
    return {
      diagnostics: [],
      hasChanges: false,
      failureReason: "invalid-input",
      message: "prune needs every deployment selected (--all / all: true): a partial selection must not delete the rest"
    };
  }
  const ui = uiUrl(apiUrl, request.env);
  const cache = request.planCache ?? newPlanCache();
  const changed = request.narrowed ?? await narrowToChanged(request, cache, reporter, false);
  if (changed.refused) return changed.refused;
  reporter.deploying(ui);
  const client = request.shared?.client ?? openClient({ ...request, apiUrl }, reporter);
  const req = { ...engineRequest(request), cache, ...changed.only };
  const sources = prefectTemplateSources(client);
  const uiField = { ...ui ? { uiUrl: ui } : {}, ...changed.result };
  try {
    const given = request.stepOutputs;
    const keyed = given && isKeyedByDeployment(given) ? given : void 0;
    const skipSteps = request.skipSteps || given !== void 0;
    let pruneOnly;
    let smokeRefused = false;
    const checkValidated = request.smoke ? (validated) => {
      const { errors } = matchSmokeTargets(validated.deployments, request.smoke.targets);
      smokeRefused = errors.length > 0;
      return errors;
    } : void 0;
    const choice = skipSteps ? { stepOutputs: keyed ? {} : given ?? {} } : {};
    if (skipSteps || request.checkPlan) {
      const templateEnv = untrustedEnvironment(request.env, new Set(request.planEnv ?? []), () => void 0);
      const before = await createPlan({ ...req, templateEnv, sources });
      if (!hasErrors(before.diagnostics)) {
        if (keyed) choice.stepOutputsByIndex = outputsByIndex(before, keyed);
        const problems = skipSteps ? missingStepOutputs(before, choice) : [];
        if (problems.length > 0) return { plan: before, diagnostics: problems, hasChanges: false, failureReason: "invalid-input", ...uiField };
        const deletions = request.prune && request.checkPlan ? await pruneDeletions(client, await projectIdentity(req), before) : void 0;
        if (deletions) pruneOnly = new Set(deletions.map(qualifiedName));
        const refused = await request.checkPlan?.(before, deletions);
        if (refused !== void 0) return { plan: before, diagnostics: [], hasChanges: false, failureReason: "plan-changed", message: refused, ...uiField };
      }
    }
    const result = await deploy({
      ...req,
      ...choice,
      client,
      sources,
      concurrency: stepConcurrency(request),
      registrationConcurrency: writeConcurrency(request, client),
      ...request.writeGate ? { writeGate: request.writeGate } : {},
      ...request.snapshot ? { snapshot: request.snapshot } : {},
      ...request.shared ? { workPools: request.shared.workPools } : {},
      // Valid only for the same request: the steps to run, and the same deployments left out as unchanged.
      ...request.validated && !skipSteps && (!changed.only.only || changed === request.narrowed) ? { validated: request.validated } : {},
      onStepEvent: (d, e) => reporter.step(d, e),
      onStepLog: (deployment, line) => reporter.stepLog(deployment, line),
      onProgress: (e) => reporter.progress(e),
      onResult: (o) => reporter.result(o),
      lock: request.lock,
      onLock: (e) => reporter.lock(e),
      ...request.prune ? { prune: pruneOnly ? { only: pruneOnly } : {} } : {},
      ...checkValidated ? { checkValidated } : {}
    });
    reporter.diagnostics(result.diagnostics);
    const outputsOf = (d, i) => choice.stepOutputsByIndex?.get(d.index) ?? (skipSteps ? choice.stepOutputs : result.outcomes[i]?.stepOutputs) ?? {};
    const reason = smokeRefused ? "invalid-input" : deployFailure(result);
    const smoke = request.smoke && !reason ? await smokeRuns(client, request, result.plan, result.outcomes, reporter) : void 0;
    const smokeFailed = smoke?.filter((o) => o.status !== "completed") ?? [];
    return {
      plan: result.plan,
      outcomes: result.outcomes,
      ...result.stoppedAt ? { stoppedAt: result.stoppedAt } : {},
      stepOutputs: new Map(result.plan.deployments.map((d, i) => [d.index, outputsOf(d, i)])),
      diagnostics: result.diagnostics,
      hasChanges: result.outcomes.some((o) => o.action === "created" || o.action === "updated" || o.action === "deleted"),
      ...reason ? { failureReason: reason } : {},
      ...smoke ? { smoke } : {},
      ...smokeFailed.length > 0 ? { failureReason: "smoke-failed", message: smokeFailed.map((o) => o.line).join("\n") } : {},
      ...uiField
    };
  } finally {
    if (!request.shared) client.close();
  }
}
function smokeRuns(client, request, plan3, outcomes, reporter) {
  const { targets, timeoutSeconds } = request.smoke;
  const { matched } = matchSmokeTargets(plan3.deployments, targets);
  const idOf = new Map(outcomes.map((o) => [qualifiedName(o), o.id]));
  const runs = matched.map(({ target, deployment }) => ({
    deployment: qualifiedName(deployment),
    deploymentId: idOf.get(qualifiedName(deployment)) ?? "",
    parameters: target.parameters
  }));
  return runSmoke(client, runs, { timeoutMs: timeoutSeconds * 1e3, redact: (t) => request.secrets.redactText(t), onEvent: (e) => reporter.smoke(e) });
}

// src/commands/build.ts
async function build(request, reporter) {
  const cache = newPlanCache();
  const changed = await narrowToChanged(request, cache, reporter, false);
  if (changed.refused) return changed.refused;
  const req = { ...engineRequest(request), cache, ...changed.only };
  let client;
  let sources = offlineSources();
  try {
    let plan3;
    const { apiUrl } = request;
    if (apiUrl) {
      client = openClient({ ...request, apiUrl }, reporter);
      sources = prefectTemplateSources(client);
      plan3 = await validateForDeploy({ ...req, client, sources });
    } else {
      plan3 = await validateDeployments(req);
    }
    reporter.diagnostics(plan3.diagnostics);
    if (hasErrors(plan3.diagnostics)) return { plan: plan3, diagnostics: plan3.diagnostics, hasChanges: false, failureReason: "invalid-config", ...changed.result };
    const withSteps = plan3.deployments.filter((d) => d.steps.build.length + d.steps.push.length > 0);
    const ran = await runDeploymentSteps(plan3, withSteps, {
      ...req,
      sources,
      concurrency: stepConcurrency(request),
      onStepEvent: (d, e) => reporter.step(d, e),
      onStepLog: (deployment, line) => reporter.stepLog(deployment, line),
      onProgress: (e) => reporter.progress(e)
    });
    reporter.diagnostics(ran.diagnostics);
    if (ran.diagnostics.length > 0)
      return { plan: plan3, diagnostics: [...ran.diagnostics, ...plan3.diagnostics], hasChanges: false, failureReason: "step-failed", ...changed.result };
    return { plan: plan3, stepOutputs: ran.outputs, built: withSteps.length, diagnostics: plan3.diagnostics, hasChanges: false, ...changed.result };
  } finally {
    client?.close();
  }
}

// src/commands/preview.ts
async function preview(request, reporter) {
  const problem = previewIdProblem(request.preview.id);
  if (problem) return { diagnostics: [], hasChanges: false, failureReason: "invalid-input", message: problem };
  if (!request.apiUrl) return { diagnostics: [], hasChanges: false, failureReason: "no-api-url" };
  const env = { ...request.env, [PREVIEW_ID_ENV]: request.preview.id };
  const owner = await markOf({ ...engineRequest(request), preview: request.preview });
  const mark = { preview: { id: request.preview.id, owner } };
  if (request.action === "up") {
    const { prune: _prune, checkPlan: _check, ...rest } = request;
    return { ...await deploy2({ ...rest, env }, reporter), ...mark };
  }
  return { ...await down({ ...request, env, apiUrl: request.apiUrl }, owner, reporter), ...mark };
}
async function down(request, owner, reporter) {
  const ui = uiUrl(request.apiUrl, request.env);
  reporter.deploying(ui);
  const client = openClient(request, reporter);
  const uiField = ui ? { uiUrl: ui } : {};
  try {
    let owned;
    try {
      owned = await readOwnedDeployments(client, owner);
    } catch (e) {
      const diagnostics2 = [
        {
          severity: "error",
          file: request.prefectFile,
          message: `nothing was deleted: reading the deployments of preview ${request.preview.id} failed: ${e.message}`
        }
      ];
      reporter.diagnostics(diagnostics2);
      return { outcomes: [], diagnostics: diagnostics2, hasChanges: false, failureReason: "deploy-failed", ...uiField };
    }
    owned.sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
    const outcomes = await deleteDeployments(client, owned, (o) => reporter.result(o));
    const diagnostics = outcomes.filter((o) => o.action === "failed").map((o) => ({ severity: "error", file: request.prefectFile, deployment: o.name, message: `deleting it failed: ${o.error}` }));
    reporter.diagnostics(diagnostics);
    const reason = deployFailure({ outcomes, diagnostics });
    return { outcomes, diagnostics, hasChanges: outcomes.some((o) => o.action === "deleted"), ...reason ? { failureReason: reason } : {}, ...uiField };
  } finally {
    client.close();
  }
}

// src/commands/validate.ts
async function validate(request, reporter) {
  const cache = newPlanCache();
  const changed = await narrowToChanged(request, cache, reporter, true);
  if (changed.refused) return changed.refused;
  const req = { ...untrustedPlanRequest(request), cache, ...changed.only };
  let planned;
  const { apiUrl } = request;
  if (apiUrl) {
    const client = openClient({ ...request, apiUrl }, reporter);
    try {
      planned = await validateForDeploy({ ...req, client, sources: prefectTemplateSources(client) });
    } finally {
      client.close();
    }
  } else {
    planned = await validateDeployments(req);
  }
  reporter.diagnostics(planned.diagnostics);
  const errors = hasErrors(planned.diagnostics);
  return { plan: planned, diagnostics: planned.diagnostics, hasChanges: true, ...errors ? { failureReason: "invalid-config" } : {}, ...changed.result };
}

// src/commands/list.ts
async function list(request, reporter) {
  const { names } = request.selection;
  const selection = { all: request.selection.all || names.length === 0, names: [...names] };
  const cache = newPlanCache();
  const changed = await narrowToChanged({ ...request, selection }, cache, reporter, false);
  if (changed.refused) return changed.refused;
  const planned = await createPlan({ ...engineRequest(request), selection, cache, ...changed.only });
  reporter.diagnostics(planned.diagnostics);
  const errors = hasErrors(planned.diagnostics);
  return { plan: planned, diagnostics: planned.diagnostics, hasChanges: false, ...errors ? { failureReason: "invalid-config" } : {}, ...changed.result };
}

// src/commands/projects.ts
var import_node_fs8 = __toESM(require_node_fs(), 1);
var import_node_path11 = __toESM(require_node_path(), 1);
var PROJECTS_AT_ONCE = 4;
var VALIDATING_AT_ONCE = 16;
var ProjectsInputError = class extends Error {
  constructor(message2) {
    super(message2);
    this.name = "ProjectsInputError";
  }
};
var GLOB = /[*?[{]/u;
function resolveProjects(patterns, cwd, prefectFile) {
  const out = [];
  const add = (dir) => {
    const name = import_node_path11.default.posix.normalize(dir.split(import_node_path11.default.sep).join("/")).replace(/\/+$/u, "") || ".";
    if (!out.includes(name)) out.push(name);
  };
  const isDir = (p) => (0, import_node_fs8.statSync)(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  for (const raw of patterns.map((p) => p.trim()).filter(Boolean)) {
    if (!GLOB.test(raw)) {
      if (!isDir(import_node_path11.default.resolve(cwd, raw))) throw new ProjectsInputError(`project "${raw}" is not a directory (relative to ${cwd})`);
      add(raw);
      continue;
    }
    const found = (0, import_node_fs8.globSync)(raw, { cwd }).filter((m) => isDir(import_node_path11.default.resolve(cwd, m)) && (0, import_node_fs8.statSync)(import_node_path11.default.resolve(cwd, m, prefectFile), { throwIfNoEntry: false })?.isFile()).sort();
    if (found.length === 0) throw new ProjectsInputError(`project pattern "${raw}" matches no directory holding ${prefectFile}`);
    found.forEach(add);
  }
  if (out.length === 0) throw new ProjectsInputError("no project given");
  return out;
}
function projectSelection(project, projects, selection) {
  if (selection.all || selection.names.length === 0) return { all: selection.all, names: [...selection.names] };
  const names = [];
  for (const name of selection.names) {
    const owner = projects.find((p) => name.startsWith(`${p}${PROJECT_SEPARATOR}`));
    if (owner === void 0) names.push(name);
    else if (owner === project) names.push(name.slice(owner.length + PROJECT_SEPARATOR.length));
  }
  return names.length > 0 ? { all: false, names } : void 0;
}
async function projectSelections(request, projects) {
  const given = new Map(projects.map((p) => [p, projectSelection(p, projects, request.selection)]));
  const unowned = request.selection.all ? [] : request.selection.names.filter((n) => !projects.some((p) => n.startsWith(`${p}${PROJECT_SEPARATOR}`)));
  if (unowned.length === 0 || projects.length < 2) return given;
  const configs = await Promise.all(projects.map(async (p) => (await loadPrefectFile(request.prefectFile, import_node_path11.default.resolve(request.cwd, p))).prefectFile?.deployments));
  const matches = (i, name) => {
    const c = configs[i];
    if (!c) return true;
    const { selected, errors } = selectDeployments(c, { all: false, names: [name] });
    return errors.length === 0 && selected.length > 0;
  };
  const nowhere = new Set(unowned.filter((n) => !projects.some((_, i) => matches(i, n))));
  return new Map(
    projects.map((p, i) => {
      const sel = given.get(p);
      if (!sel) return [p, void 0];
      const names = sel.names.filter((n) => !unowned.includes(n) || nowhere.has(n) || matches(i, n));
      return [p, names.length > 0 ? { all: false, names } : void 0];
    })
  );
}
function projectStepOutputs(project, projects, given) {
  if (!given) return void 0;
  const owned = (key) => projects.find((p) => key.startsWith(`${p}${PROJECT_SEPARATOR}`));
  if (!Object.keys(given).some((k) => owned(k) !== void 0)) return given;
  const prefix = `${project}${PROJECT_SEPARATOR}`;
  return Object.fromEntries(Object.entries(given).flatMap(([k, v]) => owned(k) === project ? [[k.slice(prefix.length), v]] : []));
}
function projectRequest(request, project, selection, stepCache) {
  const owner = request.owner ? { owner: `${request.owner}${PROJECT_SEPARATOR}${project}` } : {};
  return { ...request, cwd: import_node_path11.default.resolve(request.cwd, project), selection, stepCache, ownerRoot: request.ownerRoot ?? request.cwd, ...owner };
}
function withRunGit(request) {
  return { ...request, git: sharingGit(request.git ?? runGit, /* @__PURE__ */ new Map()) };
}
function fromRun(project, d) {
  return import_node_path11.default.isAbsolute(d.file) ? d : { ...d, file: import_node_path11.default.posix.join(project, d.file.split(import_node_path11.default.sep).join("/")) };
}
function projectReporter(reporter, project, once) {
  const inProject = (d) => ({ ...d, flowName: projectSelector(project, d.flowName) });
  return {
    info: (line) => reporter.info(`[${project}] ${line}`),
    warning: (line) => reporter.warning(`[${project}] ${line}`),
    notice: (line) => reporter.notice(`[${project}] ${line}`),
    diagnostics: (list2) => reporter.diagnostics(list2.map((d) => fromRun(project, d))),
    deploying: (ui) => {
      if (once.deploying) return;
      once.deploying = true;
      reporter.deploying(ui);
    },
    step: (d, e) => reporter.step(inProject(d), e),
    stepLog: (deployment, line) => reporter.stepLog(projectSelector(project, deployment), line),
    progress: (e) => reporter.progress(e.phase === "validated" ? { ...e, deployments: e.deployments.map(inProject) } : inProject(e)),
    result: (o) => reporter.result(inProject(o)),
    lock: (e) => reporter.lock(e),
    smoke: (e) => reporter.smoke(e),
    ...reporter.clientLog ? { clientLog: (line) => reporter.clientLog(line) } : {}
  };
}
function mergeProjects(projects, extra) {
  const diagnostics = projects.flatMap((p) => p.result.diagnostics.map((d) => fromRun(p.project, d)));
  const order = (d) => d.severity === "error" ? 0 : 1;
  const reason = projects.find((p) => p.result.failureReason)?.result.failureReason;
  const message2 = projects.find((p) => p.result.message)?.result.message;
  const ui = projects.find((p) => p.result.uiUrl)?.result.uiUrl;
  return {
    projects,
    diagnostics: [...diagnostics].sort((a, b) => order(a) - order(b)),
    hasChanges: projects.some((p) => p.result.hasChanges),
    ...reason ? { failureReason: reason } : {},
    ...message2 ? { message: message2 } : {},
    ...ui ? { uiUrl: ui } : {},
    ...extra
  };
}
async function runProjects(request, projects, command, reporter) {
  const stepCache = request.stepCache ?? stepRunner.newCache();
  request = withRunGit(request);
  const once = { deploying: false };
  const selections = await projectSelections(request, projects);
  const chosen = projects.filter((project) => selections.get(project) !== void 0);
  const { shared, close } = sharedRun(request, reporter);
  try {
    const runs = await mapBounded(chosen, PROJECTS_AT_ONCE, async (project) => ({
      project,
      result: await command(
        { ...projectRequest(request, project, selections.get(project), stepCache), ...shared ? { shared } : {} },
        projectReporter(reporter, project, once)
      )
    }));
    if (runs.length === 0) throw new ProjectsInputError(`no project has a deployment named ${request.selection.names.map((n) => `"${n}"`).join(", ")}`);
    return mergeProjects(runs);
  } finally {
    close();
  }
}
function sharedRun(request, reporter) {
  const { apiUrl } = request;
  if (!apiUrl) return { close: () => {
  } };
  let client;
  let workspace;
  let prefetch;
  const open = () => client ??= openClient({ ...request, apiUrl }, reporter);
  const shared = {
    get client() {
      return open();
    },
    workPools: /* @__PURE__ */ new Map(),
    workspaceDeployments: () => workspace ??= open().readAllDeployments(),
    workspacePrefetch: () => prefetch ??= workspacePrefetch(open(), shared.workspaceDeployments())
  };
  return { shared, close: () => client?.close() };
}
function planInProject(project, plan3) {
  return { ...plan3, deployments: plan3.deployments.map((d) => ({ ...d, flowName: projectSelector(project, d.flowName) })) };
}
function deletionsInProject(project, deletions) {
  return deletions.map((d) => ({ ...d, flowName: projectSelector(project, d.flowName) }));
}
async function deployProjects(request, projects, reporter) {
  const { apiUrl } = request;
  if (!apiUrl) return { projects: [], diagnostics: [], hasChanges: false, failureReason: "no-api-url" };
  const stepCache = request.stepCache ?? stepRunner.newCache();
  request = withRunGit(request);
  const selections = await projectSelections(request, projects);
  const { checkPlan, ...each } = request;
  const chosen = projects.flatMap((project) => {
    const selection = selections.get(project);
    if (!selection) return [];
    const stepOutputs = projectStepOutputs(project, projects, request.stepOutputs);
    const planCache = newPlanCache();
    return [{ project, request: { ...projectRequest(each, project, selection, stepCache), planCache, ...stepOutputs ? { stepOutputs } : {} } }];
  });
  if (chosen.length === 0) throw new ProjectsInputError(`no project has a deployment named ${request.selection.names.map((n) => `"${n}"`).join(", ")}`);
  const client = openClient({ ...request, apiUrl }, reporter);
  const prepared = client.prepare();
  const shared = { client, workPools: /* @__PURE__ */ new Map() };
  const ui = uiUrl(apiUrl, request.env);
  const uiField = ui ? { uiUrl: ui } : {};
  try {
    const sources = prefectTemplateSources(client);
    const given = request.skipSteps || request.stepOutputs !== void 0 ? { stepOutputs: {} } : {};
    const stepsFirst = !request.skipSteps && request.stepOutputs === void 0;
    const once = { deploying: false };
    const reporters = new Map(chosen.map(({ project }) => [project, projectReporter(reporter, project, once)]));
    const narrowed = new Map(
      request.changedSince === void 0 ? [] : await mapBounded(chosen, VALIDATING_AT_ONCE, async ({ project, request: req }) => {
        return [project, await narrowToChanged(req, req.planCache, reporters.get(project), false)];
      })
    );
    const refused = chosen.flatMap(({ project }) => {
      const result = narrowed.get(project)?.refused;
      return result ? [{ project, result: { ...result, stoppedAt: "validation" } }] : [];
    });
    if (refused.length > 0) return { ...mergeProjects(refused, { stoppedAt: "validation" }), ...uiField };
    const onlyOf = (project) => narrowed.get(project)?.only ?? {};
    const configs = (await Promise.all(chosen.map(({ project, request: req }) => selectedConfigs({ ...req, ...onlyOf(project) }, req.planCache)))).flat();
    for (const name of poolNames(configs, request.options?.workPoolName)) readWorkPoolOnce(client, shared.workPools, name);
    await prepared;
    const prefetch = prefetchSnapshot(
      client,
      configs.flatMap((c) => typeof c.name === "string" ? [c.name] : [])
    );
    await new Promise((resolve2) => setTimeout(resolve2, 5));
    const validated = await mapBounded(chosen, VALIDATING_AT_ONCE, async ({ project, request: req }) => {
      const planned2 = await validateForDeploy({
        ...engineRequest(req),
        ...onlyOf(project),
        cache: req.planCache,
        ...given,
        client,
        sources,
        workPools: shared.workPools
      });
      const errors = hasErrors(planned2.diagnostics);
      return {
        project,
        result: { plan: planned2, diagnostics: planned2.diagnostics, hasChanges: false, ...errors ? { failureReason: "invalid-config" } : {} }
      };
    });
    if (validated.some((p) => hasErrors(p.result.diagnostics))) {
      const merged = mergeProjects(
        validated.map((p) => ({ ...p, result: { ...p.result, stoppedAt: "validation" } })),
        { stoppedAt: "validation" }
      );
      reporter.diagnostics(merged.diagnostics);
      return { ...merged, failureReason: "invalid-config", ...uiField };
    }
    if (checkPlan) {
      const templateEnv = untrustedEnvironment(request.env, new Set(request.planEnv ?? []), () => void 0);
      for (const { project, request: req } of chosen) {
        const before = await createPlan({ ...engineRequest(req), ...onlyOf(project), templateEnv, sources });
        if (hasErrors(before.diagnostics)) continue;
        const deletions = request.prune ? deletionsInProject(project, await pruneDeletions(client, await projectIdentity(engineRequest(req)), before)) : void 0;
        const refused2 = await checkPlan(planInProject(project, before), deletions);
        if (refused2 !== void 0) return { ...mergeProjects(validated), failureReason: "plan-changed", message: refused2, stoppedAt: "validation", ...uiField };
      }
    }
    const planned = validated.flatMap((p) => p.result.plan?.deployments ?? []);
    const snapshot = stepsFirst && planned.every((d) => d.steps.build.length + d.steps.push.length > 0) ? void 0 : readServerSnapshot(client, planned, prefetch);
    snapshot?.catch(() => {
    });
    const writeGate = gate(writeConcurrency(request, client));
    const planOf = new Map(validated.map((p) => [p.project, p.result.plan]));
    const runs = await mapBounded(chosen, PROJECTS_AT_ONCE, async ({ project, request: req }) => {
      const plan3 = stepsFirst ? planOf.get(project) : void 0;
      const n = narrowed.get(project);
      const result = await deploy2(
        { ...req, writeGate, shared, ...snapshot ? { snapshot } : {}, ...plan3 ? { validated: plan3 } : {}, ...n ? { narrowed: n } : {} },
        reporters.get(project)
      );
      return { project, result };
    });
    return mergeProjects(runs);
  } finally {
    client.close();
  }
}
function poolNames(configs, given) {
  const names = /* @__PURE__ */ new Set();
  const add = (name) => typeof name === "string" && name !== "" && !name.includes("{{") && names.add(name);
  add(given);
  for (const c of configs) if (isMapping(c.work_pool)) add(c.work_pool.name);
  return names;
}

export {
  DEFAULT_LOCK_TIMEOUT_SECONDS,
  lockEventText,
  SmokeSpecError,
  DEFAULT_SMOKE_TIMEOUT_SECONDS,
  parseSmokeTarget,
  outcomeJson,
  apiUrlOf,
  plan2 as plan,
  drift,
  validate,
  deploymentKey,
  deploy2 as deploy,
  build,
  list,
  preview,
  ProjectsInputError,
  resolveProjects,
  runProjects,
  planInProject,
  deletionsInProject,
  deployProjects
};

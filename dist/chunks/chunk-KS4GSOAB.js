import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_async_hooks
} from "./chunk-JDZ5Z23Z.js";
import {
  DEFAULT_CLOUD_API_URL,
  HttpClient,
  PrefectApiError,
  PrefectWriteUnknownError,
  apiPath,
  isCloud,
  settingsFromEnv
} from "./chunk-5BY6HLOH.js";
import {
  FlowAnalysisError,
  localModuleCandidates,
  resolveLocalModule
} from "./chunk-XUNU3GOX.js";
import {
  TemplateError,
  getFromDict,
  isWholeStringPlaceholder,
  keyPath as keyPath2,
  placeholdersInString,
  resolveBeforeSteps,
  templateDeploymentWithStepOutputs,
  templatePullSteps,
  templateSchedules,
  templateTriggers
} from "./chunk-FIONPFPF.js";
import {
  DiskStore,
  convertScheduleItem,
  formatDiagnostic,
  isCronSchedule,
  isIntervalSchedule,
  keyPath,
  nextRunTimes,
  parseStep,
  parseYaml
} from "./chunk-MK4RGKAP.js";
import {
  didYouMean
} from "./chunk-RTJXVYK5.js";
import {
  cacheDirectory
} from "./chunk-NYGW7KUL.js";
import {
  MAX_PYTHON_FILE_BYTES,
  readBoundedFile,
  require_dist
} from "./chunk-VHMKHZJ2.js";
import {
  require_node_child_process
} from "./chunk-4AHN6RY2.js";
import {
  PythonFloat,
  deepCopy,
  isMapping,
  pythonStr
} from "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_util
} from "./chunk-NBB35J4E.js";
import {
  require_node_crypto
} from "./chunk-6YASQSJ3.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/core/plan/version-info.ts
var import_node_child_process = __toESM(require_node_child_process(), 1);
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var import_node_util = __toESM(require_node_util(), 1);
var run = (0, import_node_util.promisify)(import_node_child_process.execFile);
var runGit = async (args, cwd) => {
  const { stdout } = await run("git", args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  return stdout.trim();
};
var CHECKOUT_QUESTIONS = new Set(
  [
    ["rev-parse", "HEAD"],
    ["rev-parse", "--abbrev-ref", "HEAD"],
    ["config", "--get", "remote.origin.url"],
    ["log", "-1", "--pretty=%B"],
    ["rev-parse", "--show-toplevel"],
    ["rev-parse", "--is-shallow-repository"]
  ].map((args) => JSON.stringify(args))
);
function isCheckoutQuestion(args, question) {
  if (CHECKOUT_QUESTIONS.has(question)) return true;
  const [a, b, c] = args;
  if (a === "rev-parse" && b === "--verify" && c === "--quiet" && args.length === 4) return true;
  if (a === "show" && args.length === 2 && !args[1].includes(":./")) return true;
  return a === "-c" && b === "core.quotePath=false" && c === "diff" && args.at(-1) === "--";
}
function checkoutOf(cwd) {
  for (let dir = import_node_path.default.resolve(cwd); ; dir = import_node_path.default.dirname(dir)) {
    if ((0, import_node_fs.existsSync)(import_node_path.default.join(dir, ".git"))) return import_node_path.default.join(dir, ".git");
    if (import_node_path.default.dirname(dir) === dir) return void 0;
  }
}
function sharingGit(git, answers) {
  const checkouts = /* @__PURE__ */ new Map();
  return (args, cwd) => {
    const question = JSON.stringify(args);
    let where = cwd;
    if (isCheckoutQuestion(args, question)) {
      if (!checkouts.has(cwd)) checkouts.set(cwd, `checkout:${checkoutOf(cwd) ?? "none"}`);
      where = checkouts.get(cwd);
    }
    const key2 = JSON.stringify([where, question]);
    let answer = answers.get(key2);
    if (!answer) {
      answer = git(args, cwd);
      answers.set(key2, answer);
    }
    return answer;
  };
}
var py = (v) => v === void 0 ? "None" : v;
var ciProvider = (type, sha, branch, repo, url) => ({
  type,
  values: async (env) => {
    const commitSha = env[sha] || void 0;
    return { commitSha, branch: env[branch] || void 0, repository: env[repo] || void 0, url: url(env, commitSha) };
  }
});
var PROVIDERS = [
  ciProvider(
    "vcs:github",
    "GITHUB_SHA",
    "GITHUB_REF_NAME",
    "GITHUB_REPOSITORY",
    (env, sha) => `${py(env.GITHUB_SERVER_URL)}/${py(env.GITHUB_REPOSITORY || void 0)}/tree/${py(sha)}`
  ),
  ciProvider("vcs:gitlab", "CI_COMMIT_SHA", "CI_COMMIT_REF_NAME", "CI_PROJECT_NAME", (env, sha) => `${py(env.CI_PROJECT_URL)}/-/tree/${py(sha)}`),
  ciProvider("vcs:bitbucket", "BITBUCKET_COMMIT", "BITBUCKET_BRANCH", "BITBUCKET_REPO_SLUG", (env, sha) => `${py(env.BITBUCKET_GIT_HTTP_ORIGIN)}/src/${py(sha)}`),
  ciProvider(
    "vcs:azuredevops",
    "BUILD_SOURCEVERSION",
    "BUILD_SOURCEBRANCHNAME",
    "BUILD_REPOSITORY_NAME",
    (env, sha) => `${py(env.BUILD_REPOSITORY_URI)}?version=GC${py(sha)}`
  ),
  {
    type: "vcs:git",
    values: async (_env, git) => {
      const facts = await git();
      return { commitSha: facts.commitSha, branch: facts.branch, repository: repositoryFromRemote(facts.remoteUrl), url: facts.remoteUrl };
    }
  }
];
function repositoryFromRemote(remote) {
  let rest = remote;
  const scheme = /^[A-Za-z][A-Za-z0-9+\-.]*:/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  if (rest.startsWith("//")) {
    const end = rest.slice(2).search(/[/?#]/);
    rest = end < 0 ? "" : rest.slice(2 + end);
  }
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  let repo = rest.replace(/^\/+|\/+$/g, "");
  if (repo.endsWith(".git")) repo = repo.slice(0, -4);
  return repo;
}
async function inferVersionInfo(versionType, options) {
  if (versionType === "prefect:simple") return void 0;
  const git = options.git ?? runGit;
  let providers = PROVIDERS;
  if (versionType) {
    providers = PROVIDERS.filter((p) => p.type === versionType);
    if (providers.length === 0) throw new Error(`Unknown version type: ${versionType}`);
  }
  let facts;
  const gitFacts = () => facts ??= (async () => {
    const [commitSha, branch, remoteUrl] = await Promise.all([
      git(["rev-parse", "HEAD"], options.cwd),
      git(["rev-parse", "--abbrev-ref", "HEAD"], options.cwd),
      git(["config", "--get", "remote.origin.url"], options.cwd)
    ]);
    return { commitSha, branch, remoteUrl };
  })();
  let message;
  const commitMessage = () => message ??= git(["log", "-1", "--pretty=%B"], options.cwd).then((out) => {
    const first = out.split(/\r\n|\r|\n/)[0];
    if (!first) throw new Error("empty commit message");
    return first;
  });
  for (const provider of providers) {
    try {
      const v = await provider.values(options.env, gitFacts);
      const msg = await commitMessage();
      if (!v.commitSha || !v.branch || !v.repository || !v.url) continue;
      return {
        type: provider.type,
        version: v.commitSha.slice(0, 8),
        commit_sha: v.commitSha,
        message: msg,
        branch: v.branch,
        repository: v.repository,
        url: v.url
      };
    } catch {
      continue;
    }
  }
  return void 0;
}
async function resolveVersion(configured, flowVersion, versionType, options) {
  let version = configured || flowVersion || null;
  const fromFlow = !configured;
  const inferred = await inferVersionInfo(versionType, options);
  if (inferred) {
    if (!version || fromFlow) version = inferred.version;
    return { version, versionInfo: { ...inferred, version: version ?? "" } };
  }
  return { version, versionInfo: { type: "prefect:simple", version: version ?? "" } };
}

// src/core/report/paint.ts
var plainText = (_tone, text) => text;

// src/core/plan/desired.ts
var import_node_fs6 = __toESM(require_node_fs(), 1);
var import_node_path6 = __toESM(require_node_path(), 1);

// src/core/flows/index.ts
var import_node_async_hooks = __toESM(require_node_async_hooks(), 1);
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_fs4 = __toESM(require_node_fs(), 1);
var import_node_path4 = __toESM(require_node_path(), 1);

// src/core/flows/disk-cache.ts
var FlowAnalysisDiskCache = class {
  constructor(directory) {
    this.directory = directory;
    this.store = new DiskStore(directory, ".json", void 0, true);
  }
  directory;
  store;
  /** `onObservations` is told what the reused analysis depended on. */
  get(key2, world, onObservations) {
    let entry;
    try {
      entry = JSON.parse(this.store.read(key2)?.toString("utf8") ?? "null");
    } catch {
      return void 0;
    }
    const observations = entry?.observations;
    if (entry?.key !== key2 || !Array.isArray(observations) || !entry.flow) return void 0;
    if (!entry.observations.every((o) => holds(o, world))) return void 0;
    onObservations?.(entry.observations);
    return entry.flow;
  }
  /** Resolves once the analyses kept so far are on disk (they are written in the background). */
  settled() {
    return this.store.settled();
  }
  set(key2, observations, flow) {
    this.store.write(key2, JSON.stringify({ key: key2, observations, flow }));
  }
};
function holds(o, world) {
  switch (o.kind) {
    case "env":
      return (world.env(o.name) ?? null) === o.value;
    case "resolve":
      return world.resolve(o.module, o.from, o.level) === o.result;
    case "read":
      return world.md5(o.file) === o.md5;
    default:
      return false;
  }
}
function flowAnalysisCacheDirectory(env, analyzer) {
  return cacheDirectory(env, "flow-analyses", analyzer);
}

// src/core/flows/entrypoint.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);
var IDENT = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
function parseEntrypoint(entrypoint, cwd) {
  const bad = (why) => new FlowAnalysisError(`invalid entrypoint "${entrypoint}": ${why} (use path/to/file.py:flow_function or package.module:flow_function)`);
  const trimmed = entrypoint.trim();
  if (trimmed === "") throw bad("it is empty");
  if (trimmed.includes(".py:")) {
    const colon = trimmed.lastIndexOf(":");
    const filePart = trimmed.slice(0, colon);
    const objectPart2 = trimmed.slice(colon + 1);
    if (!filePart.endsWith(".py")) throw bad("the file part must end in .py");
    const objectPath2 = splitObjectPath(objectPart2);
    if (!objectPath2) throw bad(`"${objectPart2}" is not a Python name or Class.method`);
    return { kind: "script", file: toRelative(filePart, cwd), objectPath: objectPath2, pathAsWritten: filePart };
  }
  let modulePart;
  let objectPart;
  if (trimmed.includes(":")) {
    const colon = trimmed.lastIndexOf(":");
    modulePart = trimmed.slice(0, colon);
    objectPart = trimmed.slice(colon + 1);
  } else {
    const dot = trimmed.lastIndexOf(".");
    if (dot < 0) throw bad("it names neither a file nor a module");
    modulePart = trimmed.slice(0, dot);
    objectPart = trimmed.slice(dot + 1);
  }
  const modNames = modulePart.split(".");
  if (modNames.some((n) => !IDENT.test(n))) throw bad(`"${modulePart}" is not a dotted module name`);
  const objectPath = splitObjectPath(objectPart);
  if (!objectPath) throw bad(`"${objectPart}" is not a Python name`);
  const base = import_node_path2.default.join(cwd, ...modNames);
  const candidates = [`${base}.py`, import_node_path2.default.join(base, "__init__.py")];
  const found = candidates.find((c) => (0, import_node_fs2.existsSync)(c)) ?? candidates[0];
  return { kind: "module", file: toRelative(found, cwd), objectPath, pathAsWritten: modulePart };
}
function splitObjectPath(s) {
  const parts = s.split(".");
  return parts.every((p) => IDENT.test(p)) ? parts : null;
}
function toRelative(p, cwd) {
  const abs = import_node_path2.default.resolve(cwd, p);
  const rel = import_node_path2.default.relative(cwd, abs);
  return (rel.startsWith("..") ? abs : rel).split(import_node_path2.default.sep).join("/");
}

// src/core/flows/affected.ts
var import_node_fs3 = __toESM(require_node_fs(), 1);
var import_node_path3 = __toESM(require_node_path(), 1);
var LIMITS = { maxDirectories: 4e3, maxFiles: 4e3, maxBytes: 64 * 1024 * 1024 };
var IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}]*/gu;
var IS_IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
var ASCII_IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
var COMPUTED_READS = ["read_text", "read_bytes", "__import__"];
function indexPython(cwd, entries, limits = LIMITS) {
  const walked = walkPython(cwd, entries, limits);
  if ("cannotTell" in walked) return walked;
  const { files, unreadable } = walked;
  const candidates = new Set(COMPUTED_READS);
  for (const file of files.keys()) {
    const { token } = moduleNameOf(file);
    if (token !== void 0) candidates.add(token);
    for (const dir of file.split("/").slice(0, -1)) candidates.add(dir);
  }
  for (const t of [...candidates]) candidates.add(t.normalize("NFKC"));
  const mentionedBy = /* @__PURE__ */ new Map();
  for (const [file, text] of files) {
    const seen = /* @__PURE__ */ new Set();
    for (const id of identifiersOf(text)) {
      if (!candidates.has(id) || seen.has(id)) continue;
      seen.add(id);
      const list = mentionedBy.get(id);
      if (list) list.push(file);
      else mentionedBy.set(id, [file]);
    }
  }
  for (const c of candidates) if (!mentionedBy.has(c)) mentionedBy.set(c, []);
  return { files, unreadable, mentionedBy };
}
function affectedBy(index, changed) {
  const { files, unreadable } = index;
  const tainted = /* @__PURE__ */ new Set();
  const pending = [];
  const known = /* @__PURE__ */ new Set();
  const addToken = (token) => {
    for (const t of /* @__PURE__ */ new Set([token, token.normalize("NFKC")])) {
      if (known.has(t)) continue;
      known.add(t);
      pending.push(t);
    }
  };
  const packages = [];
  const taint = (file) => {
    if (tainted.has(file)) return;
    tainted.add(file);
    const { token, pkg } = moduleNameOf(file);
    if (token !== void 0) addToken(token);
    if (pkg !== void 0) packages.push(pkg);
  };
  if (changed.size > 0) for (const t of COMPUTED_READS) addToken(t);
  for (const file of changed) {
    if (!file.endsWith(".py")) continue;
    if (files.has(file)) {
      taint(file);
      continue;
    }
    const { token, pkg } = moduleNameOf(file);
    if (token !== void 0) addToken(token);
    if (pkg !== void 0) packages.push(pkg);
  }
  for (const file of unreadable) taint(file);
  while (pending.length > 0 || packages.length > 0) {
    const token = pending.pop();
    if (token !== void 0) {
      for (const file of mentioning(index, token)) taint(file);
      continue;
    }
    const pkg = packages.pop();
    const prefix = pkg === "" ? "" : `${pkg}/`;
    for (const file of files.keys()) if (file.startsWith(prefix)) taint(file);
  }
  return (entry) => !files.has(entry) || tainted.has(entry);
}
function mentioning(index, token) {
  let list = index.mentionedBy.get(token);
  if (!list) {
    list = [];
    for (const [file, text] of index.files) {
      if (identifiersOf(text).some((id) => id === token)) list.push(file);
    }
    index.mentionedBy.set(token, list);
  }
  return list;
}
function moduleNameOf(file) {
  const slash = file.lastIndexOf("/");
  const base = file.slice(slash + 1);
  if (base === "__init__.py") {
    const dir = slash < 0 ? "" : file.slice(0, slash);
    const name = dir.slice(dir.lastIndexOf("/") + 1);
    return { ...IS_IDENTIFIER.test(name) ? { token: name } : {}, pkg: dir };
  }
  const stem = base.slice(0, -".py".length);
  return IS_IDENTIFIER.test(stem) ? { token: stem } : {};
}
function identifiersOf(text) {
  if (!/[^\x00-\x7f]/.test(text)) return text.match(ASCII_IDENTIFIER) ?? [];
  return [...text.match(IDENTIFIER) ?? [], ...text.normalize("NFKC").match(IDENTIFIER) ?? []];
}
function walkPython(cwd, entries, limits) {
  const entryDirs = /* @__PURE__ */ new Set();
  for (const e of entries) {
    const parts = e.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) entryDirs.add(parts.slice(0, i).join("/"));
  }
  const files = /* @__PURE__ */ new Map();
  const unreadable = [];
  let bytes = 0;
  let directories = 0;
  const queue = [""];
  while (queue.length > 0) {
    const dir = queue.pop();
    if (++directories > limits.maxDirectories) return { cannotTell: `more than ${limits.maxDirectories} directories` };
    let list;
    try {
      list = (0, import_node_fs3.readdirSync)(import_node_path3.default.join(cwd, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of list) {
      const rel = dir === "" ? d.name : `${dir}/${d.name}`;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        let target;
        try {
          target = (0, import_node_fs3.statSync)(import_node_path3.default.join(cwd, rel));
        } catch {
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
        if (isDir && (IS_IDENTIFIER.test(d.name) || entryDirs.has(rel))) return { cannotTell: `${rel} is a symbolic link to a directory` };
      }
      if (isDir) {
        if (IS_IDENTIFIER.test(d.name) || entryDirs.has(rel)) queue.push(rel);
      } else if (isFile && d.name.endsWith(".py")) {
        if (files.size >= limits.maxFiles) return { cannotTell: `more than ${limits.maxFiles} Python files` };
        let text = "";
        try {
          text = readBoundedFile(import_node_path3.default.join(cwd, rel), MAX_PYTHON_FILE_BYTES, !d.isSymbolicLink()).toString("utf8");
        } catch {
          unreadable.push(rel);
        }
        bytes += text.length;
        if (bytes > limits.maxBytes) return { cannotTell: `more than ${limits.maxBytes} bytes of Python` };
        files.set(rel, text);
      }
    }
  }
  return { files, unreadable };
}

// src/core/flows/index.ts
var sourceFiles = /* @__PURE__ */ new WeakMap();
function flowSourceFiles(flow) {
  return sourceFiles.get(flow)?.();
}
function rememberSourceFiles(flow, cwd, entry, observations) {
  let files;
  sourceFiles.set(flow, () => {
    if (files) return files;
    const found = /* @__PURE__ */ new Set([entry]);
    for (const o of observations) {
      if (o.kind === "read") found.add(import_node_path4.default.isAbsolute(o.file) ? import_node_path4.default.relative(cwd, o.file).split(import_node_path4.default.sep).join("/") : o.file);
      else if (o.kind === "resolve") for (const c of localModuleCandidates(cwd, o.module, o.from, o.level)) found.add(c);
    }
    return files = [...found];
  });
  return flow;
}
var runCache = new import_node_async_hooks.AsyncLocalStorage();
function withFlowAnalysisCache(cache, fn) {
  return runCache.getStore() ? fn() : runCache.run(cache, fn);
}
var ANALYZER = true ? "040180afd44b6dd7" : void 0;
var diskCache;
function disk() {
  if (diskCache === void 0) {
    const dir = ANALYZER ? flowAnalysisCacheDirectory(process.env, ANALYZER) : void 0;
    diskCache = dir ? new FlowAnalysisDiskCache(dir) : null;
  }
  return diskCache;
}
async function analyzeEntrypoint(entrypoint, options) {
  const ep = parseEntrypoint(entrypoint, options.cwd);
  const cache = runCache.getStore();
  if (!cache || options.isModuleUnavailable || options.env) return analyzeOrExplain(ep, options);
  const abs = import_node_path4.default.resolve(options.cwd, ep.file);
  let bytes;
  try {
    bytes = readBoundedFile(abs, MAX_PYTHON_FILE_BYTES);
  } catch {
  }
  const key2 = JSON.stringify([
    abs,
    bytes ? (0, import_node_crypto.createHash)("md5").update(bytes).digest("hex") : null,
    entrypoint,
    options.cwd,
    options.unavailableModules ?? [],
    options.referenceProfile ?? null,
    options.pythonVersion ?? null
  ]);
  let analysis = cache.get(key2);
  if (!analysis) {
    analysis = analyzeKept(ep, options, key2, bytes);
    cache.set(key2, analysis);
  }
  return analysis;
}
async function analyzeKept(ep, options, key2, bytes) {
  const kept = bytes ? disk() : null;
  if (!kept) return analyzeOrExplain(ep, options, bytes);
  const world = currentWorld(options.cwd, runCache.getStore());
  let seen = [];
  const found = kept.get(key2, world, (o) => seen = o);
  if (found) return rememberSourceFiles(found, options.cwd, ep.file, seen);
  const observations = [];
  const flow = await analyzeOrExplain(ep, options, bytes, observations);
  kept.set(key2, observations, flow);
  return flow;
}
var runLookups = /* @__PURE__ */ new WeakMap();
function currentWorld(cwd, run2) {
  let found = run2 && runLookups.get(run2);
  if (run2 && !found) runLookups.set(run2, found = /* @__PURE__ */ new Map());
  const exists = (file) => {
    if (!found) return (0, import_node_fs4.existsSync)(file);
    let answer = found.get(file);
    if (answer === void 0) found.set(file, answer = (0, import_node_fs4.existsSync)(file));
    return answer;
  };
  return {
    env: (name) => process.env[name],
    resolve: (module, from, level) => resolveLocalModule(cwd, module, from, level, exists),
    md5: (file) => {
      try {
        return (0, import_node_crypto.createHash)("md5").update(readBoundedFile(import_node_path4.default.resolve(cwd, file), MAX_PYTHON_FILE_BYTES).toString("utf8"), "utf8").digest("hex");
      } catch {
        return null;
      }
    }
  };
}
async function analyzeOrExplain(ep, options, bytes, given) {
  const { analyze } = await import("./analyze-L3XUNX6L.js");
  const observations = given ?? [];
  try {
    return rememberSourceFiles(analyze(ep, options, bytes, observations), options.cwd, ep.file, observations);
  } catch (e) {
    if (e instanceof FlowAnalysisError) throw e;
    const err = new FlowAnalysisError(`could not analyse the flow file: ${e instanceof Error ? e.message : String(e)}`, { file: ep.file });
    err.cause = e;
    throw err;
  }
}

// src/core/plan/deferred.ts
function possibleStepOutputs(steps) {
  const keys = /* @__PURE__ */ new Set();
  for (const step of steps) {
    const parsed = parseStep(step);
    if (parsed === void 0) continue;
    if (!parsed.definition) return "any";
    parsed.definition.outputs.forEach((k) => keys.add(k));
    if (parsed.id !== void 0) keys.add(parsed.id);
  }
  return keys;
}
var OPEN = "\uE000";
var CLOSE = "\uE001";
var TOKEN = /\uE000(\d+)\uE001/g;
var DeferredPlaceholders = class {
  constructor(outputs) {
    this.outputs = outputs;
  }
  outputs;
  texts = [];
  /** The placeholders (as written) that were deferred, in first-seen order. */
  get deferred() {
    return [...new Set(this.texts)];
  }
  protect(value) {
    return mapStrings(value, (s) => {
      let out = s;
      for (const p of placeholdersInString(s)) {
        if (p.kind !== "standard" || p.name.startsWith("ctx.")) continue;
        const root = keyPath2(p.name)[0];
        if (this.outputs !== "any" && (root === void 0 || !this.outputs.has(root))) continue;
        this.texts.push(p.fullMatch);
        out = out.split(p.fullMatch).join(`${OPEN}${this.texts.length - 1}${CLOSE}`);
      }
      return out;
    });
  }
  restore(value) {
    return mapStrings(value, (s) => s.replace(TOKEN, (_, i) => this.texts[Number(i)]));
  }
};
function mapStrings(value, f) {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (isMapping(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out;
  }
  return value;
}

// src/core/triggers/duration.ts
var INVALID = "Input should be a valid timedelta";
var NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
var ISO = new RegExp(String.raw`^([-+])?P(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`);
var ISO_UNITS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];
var TIME = String.raw`(?:(\d{2,}):(\d{2})|(\d+):(\d{2}):(\d{2})(?:[.,](\d+))?)`;
var DAYS_TIME = new RegExp(String.raw`^([-+])?(?:(\d+)\s*(?:days?|d)\s*,?\s*)?(?:${TIME})?\s*$`, "i");
function parseTimedelta(value) {
  if (typeof value === "boolean") return { seconds: value ? 1 : 0 };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { error: `${INVALID}, NaN values not permitted` };
    return Number.isFinite(value) ? { seconds: roundMicros(value) } : { error: INVALID };
  }
  if (typeof value !== "string") return { error: INVALID };
  if (/^[-+]?P/.test(value)) return parseIso(value);
  const m = DAYS_TIME.exec(value);
  if (m && (m[2] !== void 0 || m[3] !== void 0 || m[5] !== void 0)) {
    const days = Number(m[2] ?? 0);
    const hours = Number(m[3] ?? m[5] ?? 0);
    const minutes = Number(m[4] ?? m[6] ?? 0);
    const secs = Number(m[7] ?? 0);
    if (minutes > 59) return { error: `${INVALID}, minute value is outside expected range of 0-59` };
    if (secs > 59) return { error: `${INVALID}, second value is outside expected range of 0-59` };
    const micros = m[8] === void 0 ? 0 : Number(m[8].slice(0, 6).padEnd(6, "0"));
    const seconds2 = days * 86400 + hours * 3600 + minutes * 60 + secs + micros / 1e6;
    return { seconds: roundMicros(m[1] === "-" ? -seconds2 : seconds2) };
  }
  return { error: `${INVALID}, invalid duration ${JSON.stringify(value)}` };
}
function parseIso(value) {
  const m = ISO.exec(value);
  const parts = m ? m.slice(2, 9) : [];
  const given = parts.filter((p) => p !== void 0);
  if (!m || given.length === 0) return { error: `${INVALID}, invalid ISO 8601 duration ${JSON.stringify(value)}` };
  if (given.slice(0, -1).some((p) => /[.,]/.test(p))) return { error: `${INVALID}, quantity fraction invalid in duration` };
  let seconds2 = 0;
  parts.forEach((p, i) => {
    if (p !== void 0) seconds2 += Number(p.replace(",", ".")) * ISO_UNITS[i];
  });
  return { seconds: roundMicros(m[1] === "-" ? -seconds2 : seconds2) };
}
function duration(value) {
  const parsed = parseTimedelta(value);
  if ("seconds" in parsed) return parsed;
  return {
    error: `should be a duration: seconds, ISO 8601 ("PT5M") or "[D days, ]HH:MM:SS", got ${JSON.stringify(value) ?? String(value)} (${parsed.error.replace(/^Input should be a valid timedelta,? ?/, "") || "not a duration"})`
  };
}
function roundMicros(seconds2) {
  return Math.round(seconds2 * 1e6) / 1e6;
}

// src/core/triggers/lax.ts
var TRUE_WORDS = /* @__PURE__ */ new Set(["1", "on", "t", "true", "y", "yes"]);
var FALSE_WORDS = /* @__PURE__ */ new Set(["0", "off", "f", "false", "n", "no"]);
function laxStr(value) {
  return typeof value === "string" ? { value } : { error: `should be a string, got ${describe(value)}` };
}
function laxBool(value) {
  if (typeof value === "boolean") return { value };
  if (value === 0 || value === 1) return { value: value === 1 };
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { value: true };
    if (FALSE_WORDS.has(word)) return { value: false };
  }
  return { error: `should be true or false, got ${describe(value)}` };
}
function laxInt(value) {
  if (typeof value === "boolean") return { value: value ? 1 : 0 };
  if (typeof value === "number") {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return { value };
    return { error: `should be a whole number, got ${describe(value)}` };
  }
  if (typeof value === "string" && /^[-+]?\d+(?:_\d+)*$/.test(value.trim())) {
    return { value: Number(value.trim().replaceAll("_", "")) };
  }
  return { error: `should be a whole number, got ${describe(value)}` };
}
function laxFloat(value) {
  if (typeof value === "boolean") return { value: value ? 1 : 0 };
  if (typeof value === "number") return { value };
  if (typeof value === "string") {
    const text = value.trim().replaceAll("_", "");
    if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return { value: Number(text) };
    if (/^[-+]?(?:inf|infinity)$/i.test(text)) return { value: text.startsWith("-") ? -Infinity : Infinity };
    if (/^[-+]?nan$/i.test(text)) return { value: NaN };
  }
  return { error: `should be a number, got ${describe(value)}` };
}
function laxStringSet(value) {
  if (!Array.isArray(value)) return { error: `should be a list of strings, got ${describe(value)}` };
  const bad = value.findIndex((v) => typeof v !== "string");
  if (bad >= 0) return { error: `should be a list of strings, item ${bad} is ${describe(value[bad])}` };
  return { value: [...new Set(value)] };
}
function laxOptionalMapping(value) {
  if (value === null || isMapping(value)) return { value };
  return { error: `should be a mapping or null, got ${describe(value)}` };
}
function describe(value) {
  if (value === null || value === void 0) return "null";
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value;
}
function oneOf(values) {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

// src/core/triggers/types.ts
var TRIGGER_TYPES = ["event", "metric", "compound", "sequence"];
var EVENT_POSTURES = ["Reactive", "Proactive"];
var METRIC_OPERATORS = ["<", "<=", ">", ">="];
var SLA_SEVERITIES = ["minor", "low", "moderate", "high", "critical"];

// src/core/triggers/validate.ts
var PROACTIVE_MINIMUM_WITHIN = 10;
var METRIC_MINIMUM_RANGE = 300;
function validateTriggers(specs, deploymentName) {
  const triggers = [];
  const errors = [];
  specs.forEach((spec, i) => {
    const checker = new Checker();
    const trigger = checker.deploymentTrigger(spec, [i], `${deploymentName}__automation_${i + 1}`);
    if (trigger !== void 0 && checker.errors.length === 0) triggers.push(trigger);
    errors.push(...checker.errors);
  });
  return { triggers, errors };
}
var Checker = class {
  errors = [];
  deploymentTrigger(spec, path7, defaultName) {
    if (!isMapping(spec)) {
      this.fail(path7, `each trigger must be a mapping, got ${describe(spec)}`);
      return void 0;
    }
    const type = this.triggerType(spec, path7, deploymentDiscriminator);
    const name = "name" in spec ? this.field(spec, "name", path7, (v) => v === null ? { value: null } : laxStr(v)) : defaultName;
    const description = this.field(spec, "description", path7, laxStr) ?? "";
    const enabled = this.field(spec, "enabled", path7, laxBool) ?? true;
    const parameters = this.field(spec, "parameters", path7, laxOptionalMapping) ?? null;
    const jobVariables = this.field(spec, "job_variables", path7, laxOptionalMapping) ?? null;
    const scheduleAfter = this.field(spec, "schedule_after", path7, (v) => nonNegative(duration(v), "schedule_after must not be negative")) ?? 0;
    if (type === void 0) return void 0;
    const trigger = this.triggerOfType(type, spec, path7);
    if (trigger === void 0 || name === void 0) return void 0;
    return { name, description, enabled, parameters, jobVariables, scheduleAfter, trigger };
  }
  /** A trigger nested in a compound or sequence trigger: a plain trigger, deployment fields ignored. */
  nestedTrigger(spec, path7) {
    if (!isMapping(spec)) {
      this.fail(path7, `each nested trigger must be a mapping, got ${describe(spec)}`);
      return void 0;
    }
    const type = this.triggerType(spec, path7, nestedDiscriminator);
    return type === void 0 ? void 0 : this.triggerOfType(type, spec, path7);
  }
  triggerType(spec, path7, discriminate) {
    if (!("type" in spec)) return discriminate(spec);
    const type = spec.type;
    if (typeof type === "string" && TRIGGER_TYPES.includes(type)) return type;
    const hint = typeof type === "string" ? didYouMean(type, TRIGGER_TYPES) : "";
    this.fail([...path7, "type"], `unknown trigger type ${describe(type)}${hint}; use one of ${oneOf(TRIGGER_TYPES)}, or leave it out to infer it`);
    return void 0;
  }
  triggerOfType(type, spec, path7) {
    switch (type) {
      case "event":
        return this.eventTrigger(spec, path7);
      case "metric":
        return this.metricTrigger(spec, path7);
      case "compound":
        return this.compoundTrigger(spec, path7);
      case "sequence":
        return this.sequenceTrigger(spec, path7);
    }
  }
  eventTrigger(spec, path7) {
    const before = this.errors.length;
    const match = this.field(spec, "match", path7, (v) => this.resourceSpecification(v)) ?? {};
    const matchRelated = this.matchRelated(spec, path7);
    const after = this.field(spec, "after", path7, laxStringSet) ?? [];
    const expect = this.field(spec, "expect", path7, laxStringSet) ?? [];
    const forEach = this.field(spec, "for_each", path7, laxStringSet) ?? [];
    const posture = this.field(
      spec,
      "posture",
      path7,
      (v) => EVENT_POSTURES.includes(v) ? { value: v } : {
        error: `should be one of ${oneOf(EVENT_POSTURES)} for an event trigger, got ${describe(v)}${v === "Metric" ? " (a metric trigger needs a `metric` query and no `type: event`)" : ""}`
      }
    ) ?? "Reactive";
    const threshold = this.field(spec, "threshold", path7, laxInt) ?? 1;
    const within = this.eventWithin(spec, path7);
    if (this.errors.length > before || within === void 0) return void 0;
    return { type: "event", match, match_related: matchRelated, after, expect, for_each: forEach, posture, threshold, within };
  }
  /** `within` as EventTrigger's before-validator and field constraint (`ge=0`) check it. */
  eventWithin(spec, path7) {
    const proactive = spec.posture === "Proactive";
    if (!("within" in spec)) return proactive ? PROACTIVE_MINIMUM_WITHIN : 0;
    const parsed = spec.within === null ? { error: "should be a duration (seconds or ISO 8601), got null" } : duration(spec.within);
    if ("error" in parsed) {
      this.fail([...path7, "within"], parsed.error);
      return void 0;
    }
    if (proactive) {
      if (parsed.seconds === 0) return PROACTIVE_MINIMUM_WITHIN;
      if (parsed.seconds < PROACTIVE_MINIMUM_WITHIN) {
        this.fail([...path7, "within"], `must be at least ${PROACTIVE_MINIMUM_WITHIN} seconds for a Proactive trigger, got ${parsed.seconds}`);
        return void 0;
      }
    } else if (parsed.seconds < 0) {
      this.fail([...path7, "within"], `must not be negative, got ${parsed.seconds} seconds`);
      return void 0;
    }
    return parsed.seconds;
  }
  metricTrigger(spec, path7) {
    const before = this.errors.length;
    const match = this.field(spec, "match", path7, (v) => this.resourceSpecification(v)) ?? {};
    const matchRelated = this.matchRelated(spec, path7);
    this.field(spec, "posture", path7, (v) => v === "Metric" ? { value: v } : { error: `should be "Metric" for a metric trigger, got ${describe(v)}` });
    let metric;
    if (!("metric" in spec)) this.fail([...path7, "metric"], "a metric trigger needs a `metric` query (name, threshold, operator)");
    else metric = this.metricQuery(spec.metric, [...path7, "metric"]);
    if (this.errors.length > before || metric === void 0) return void 0;
    return { type: "metric", match, match_related: matchRelated, posture: "Metric", metric };
  }
  metricQuery(query, path7) {
    if (!isMapping(query)) {
      this.fail(path7, `should be a mapping with name, threshold and operator, got ${describe(query)}`);
      return void 0;
    }
    const before = this.errors.length;
    const name = this.required(query, "name", path7, laxStr, "the metric to query (lateness, duration or successes)");
    const threshold = this.required(query, "threshold", path7, laxFloat, "the value to compare the metric with");
    const operator = this.required(
      query,
      "operator",
      path7,
      (v) => METRIC_OPERATORS.includes(v) ? { value: v } : { error: `should be one of ${oneOf(METRIC_OPERATORS)}, got ${describe(v)}` },
      `one of ${oneOf(METRIC_OPERATORS)}`
    );
    const range = this.field(query, "range", path7, minimumRange) ?? METRIC_MINIMUM_RANGE;
    const firingFor = this.field(query, "firing_for", path7, minimumRange) ?? METRIC_MINIMUM_RANGE;
    if (this.errors.length > before || name === void 0 || threshold === void 0 || operator === void 0) return void 0;
    return { name, threshold, operator, range, firing_for: firingFor };
  }
  compoundTrigger(spec, path7) {
    const before = this.errors.length;
    const triggers = this.nestedTriggers(spec, path7);
    const within = this.compositeWithin(spec, path7);
    const require2 = this.required(
      spec,
      "require",
      path7,
      (v) => {
        if (v === "any" || v === "all") return { value: v };
        const n = laxInt(v);
        return "value" in n ? n : { error: `should be a number of triggers, "any" or "all", got ${describe(v)}` };
      },
      'how many of the triggers must fire: a number, "any" or "all"'
    );
    if (this.errors.length > before || triggers === void 0 || require2 === void 0) return void 0;
    if (typeof require2 === "number") {
      if (require2 < 1) this.fail([...path7, "require"], `must be at least 1, got ${require2}`);
      else if (require2 > triggers.length) {
        this.fail([...path7, "require"], `must not exceed the number of triggers (${triggers.length}), got ${require2}`);
      }
      if (this.errors.length > before) return void 0;
    }
    return { type: "compound", triggers, within, require: require2 };
  }
  sequenceTrigger(spec, path7) {
    const before = this.errors.length;
    const triggers = this.nestedTriggers(spec, path7);
    const within = this.compositeWithin(spec, path7);
    if (this.errors.length > before || triggers === void 0) return void 0;
    return { type: "sequence", triggers, within };
  }
  nestedTriggers(spec, path7) {
    if (!("triggers" in spec)) {
      this.fail([...path7, "triggers"], "a compound or sequence trigger needs a `triggers` list");
      return void 0;
    }
    if (!Array.isArray(spec.triggers)) {
      this.fail([...path7, "triggers"], `should be a list of triggers, got ${describe(spec.triggers)}`);
      return void 0;
    }
    const nested = spec.triggers.map((t, j) => this.nestedTrigger(t, [...path7, "triggers", j]));
    return nested.every((t) => t !== void 0) ? nested : void 0;
  }
  /** Composite triggers' `within`: optional, any sign (the model has no bound). */
  compositeWithin(spec, path7) {
    return this.field(spec, "within", path7, (v) => v === null ? { value: null } : toLax(duration(v))) ?? null;
  }
  matchRelated(spec, path7) {
    return this.field(spec, "match_related", path7, (v) => {
      if (!Array.isArray(v)) return this.resourceSpecification(v);
      const items = v.map((item) => this.resourceSpecification(item));
      const bad = items.findIndex((r) => "error" in r);
      if (bad >= 0) return { error: `item ${bad} ${items[bad].error}` };
      return { value: items.map((r) => r.value) };
    }) ?? {};
  }
  /** `ResourceSpecification`: label → a string or a list of strings. Errors on labels are reported here. */
  resourceSpecification(value) {
    if (!isMapping(value)) return { error: `should be a mapping of resource labels to a string or a list of strings, got ${describe(value)}` };
    const result2 = {};
    let error;
    for (const [label, v] of Object.entries(value)) {
      if (typeof v === "string" || Array.isArray(v) && v.every((x) => typeof x === "string")) result2[label] = v;
      else error ??= `label ${JSON.stringify(label)} should be a string or a list of strings, got ${describe(v)}`;
    }
    return error === void 0 ? { value: result2 } : { error };
  }
  /** An optional field: undefined when absent or invalid (the error is recorded). */
  field(spec, key2, path7, check) {
    if (!(key2 in spec)) return void 0;
    const result2 = check(spec[key2]);
    if ("error" in result2) {
      this.fail([...path7, key2], result2.error);
      return void 0;
    }
    return result2.value;
  }
  required(spec, key2, path7, check, what) {
    if (!(key2 in spec)) {
      this.fail([...path7, key2], `is required: ${what}`);
      return void 0;
    }
    return this.field(spec, key2, path7, check);
  }
  fail(path7, message) {
    this.errors.push({ path: path7, message });
  }
};
function deploymentDiscriminator(spec) {
  if (spec.posture === "Metric") return "metric";
  if ("triggers" in spec) return "require" in spec ? "compound" : "sequence";
  return "event";
}
function nestedDiscriminator(spec) {
  if ("triggers" in spec) return "require" in spec ? "compound" : "sequence";
  if (spec.posture === "Metric") return "metric";
  return "event";
}
function minimumRange(value) {
  const parsed = duration(value);
  if ("error" in parsed) return parsed;
  if (parsed.seconds < METRIC_MINIMUM_RANGE) return { error: `must be at least ${METRIC_MINIMUM_RANGE} seconds (5 minutes), got ${parsed.seconds}` };
  return { value: parsed.seconds };
}
function nonNegative(parsed, message) {
  if ("error" in parsed) return parsed;
  return parsed.seconds < 0 ? { error: message } : { value: parsed.seconds };
}
function toLax(parsed) {
  return "error" in parsed ? parsed : { value: parsed.seconds };
}

// src/core/triggers/automation.ts
function ownerResource(deploymentId) {
  return `prefect.deployment.${deploymentId}`;
}
function automationBody(trigger, deploymentId) {
  return {
    // `name or …`: an empty name falls back too.
    name: trigger.name || `Automation for deployment ${deploymentId}`,
    description: trigger.description,
    enabled: trigger.enabled,
    tags: [],
    trigger: triggerBody(trigger.trigger),
    actions: [
      {
        type: "run-deployment",
        source: "selected",
        deployment_id: deploymentId,
        parameters: trigger.parameters === null ? null : structuredClone(trigger.parameters),
        job_variables: trigger.jobVariables === null ? null : structuredClone(trigger.jobVariables),
        schedule_after: trigger.scheduleAfter
      }
    ],
    actions_on_trigger: [],
    actions_on_resolve: [],
    owner_resource: ownerResource(deploymentId)
  };
}
function triggerBody(trigger) {
  return structuredClone(trigger);
}

// src/core/triggers/sla.ts
var KINDS = [
  { kind: "duration", what: "time to completion, whole seconds", check: laxInt },
  { kind: "within", what: "lateness, a duration", check: (v) => toLax2(duration(v)) },
  { kind: "stale_after", what: "frequency, a duration", check: (v) => toLax2(duration(v)) }
];
function validateSlas(specs) {
  if (specs.length === 1 && Array.isArray(specs[0]) && specs[0].length === 0) return { slas: [], errors: [] };
  const slas = [];
  const errors = [];
  specs.forEach((spec, i) => {
    const result2 = validateSla(spec, i);
    if ("sla" in result2) slas.push(result2.sla);
    else errors.push(...result2.errors);
  });
  return { slas, errors };
}
function validateSla(spec, i) {
  if (!isMapping(spec)) return { errors: [{ path: [i], message: `each SLA must be a mapping, got ${describe(spec)}` }] };
  const common = [];
  const check = (key2, fn) => {
    if (!(key2 in spec)) return void 0;
    const r = fn(spec[key2]);
    if ("error" in r) {
      common.push({ path: [i, key2], message: r.error });
      return void 0;
    }
    return r.value;
  };
  if (!("name" in spec)) common.push({ path: [i, "name"], message: "is required: a name unique within the deployment" });
  const name = check("name", laxStr);
  const severity = check(
    "severity",
    (v) => SLA_SEVERITIES.includes(v) ? { value: v } : { error: `should be one of ${oneOf(SLA_SEVERITIES)}, got ${describe(v)}` }
  );
  const enabled = check("enabled", (v) => v === null ? { value: null } : laxBool(v));
  const kindErrors = [];
  for (const { kind, check: fn } of KINDS) {
    if (!(kind in spec)) continue;
    const r = fn(spec[kind]);
    if ("error" in r) {
      kindErrors.push({ path: [i, kind], message: r.error });
      continue;
    }
    if (common.length > 0) break;
    const sla = { kind, name, value: r.value };
    if (severity !== void 0) sla.severity = severity;
    if ("enabled" in spec) sla.enabled = enabled ?? null;
    return { sla };
  }
  if (kindErrors.length === 0 && !KINDS.some(({ kind }) => kind in spec)) {
    kindErrors.push({ path: [i], message: `an SLA needs one of ${KINDS.map(({ kind, what }) => `\`${kind}\` (${what})`).join(", ")}` });
  }
  return { errors: [...common, ...kindErrors] };
}
function slaBodies(slas, deploymentId) {
  return slas.map((sla) => {
    const body = { name: sla.name };
    if (sla.severity !== void 0) body.severity = sla.severity;
    if (sla.enabled !== void 0) body.enabled = sla.enabled;
    body[sla.kind] = sla.value;
    body.owner_resource = ownerResource(deploymentId);
    return body;
  });
}
function toLax2(parsed) {
  return "error" in parsed ? parsed : { value: parsed.seconds };
}

// src/core/plan/deploy-options.ts
var import_node_fs5 = __toESM(require_node_fs(), 1);
var import_node_path5 = __toESM(require_node_path(), 1);
function gatherSpecs(values, key2, cwd) {
  const what = key2 === "triggers" ? "trigger" : "SLA";
  const specs = [];
  for (const value of values) {
    try {
      if (value.endsWith(".yaml") || value.endsWith(".json")) {
        const text = (0, import_node_fs5.readFileSync)(import_node_path5.default.resolve(cwd, value), "utf8");
        let doc;
        if (value.endsWith(".json")) doc = JSON.parse(text);
        else {
          const parsed = parseYaml(text);
          if (parsed.errors.length) throw new Error(parsed.errors[0].message);
          doc = parsed.value;
        }
        const list = isMapping(doc) ? doc[key2] : void 0;
        if (list !== void 0 && list !== null && !Array.isArray(list)) throw new Error(`"${key2}" must be a list`);
        specs.push(...list ?? []);
      } else {
        specs.push(JSON.parse(value));
      }
    } catch (e) {
      throw new DeployOptionError(`Failed to parse ${what}: ${value}. Error: ${e.message}`);
    }
  }
  return specs;
}
var DeployOptionError = class extends Error {
};
function hasDeployOptions(o) {
  return Object.entries(o).some(([key2, v]) => key2 !== "enforceParameterSchema" && v !== void 0 && !(Array.isArray(v) && v.length === 0 && key2 !== "sla"));
}
function parseJobVariable(text) {
  const eq = text.indexOf("=");
  if (eq >= 0) return { [text.slice(0, eq)]: text.slice(eq + 1) };
  try {
    const parsed = JSON.parse(text);
    if (isMapping(parsed)) return parsed;
  } catch {
  }
  throw new DeployOptionError(
    `Could not parse variable: "${text}". Please ensure variables are either in the format \`key=value\` or are strings containing a valid JSON object.`
  );
}
function applyDeployOptions(config, o) {
  const out = deepCopy(config);
  const notices = [];
  if (o.param?.length && o.params !== void 0) throw new DeployOptionError("Can only pass one of `param` or `params` options");
  const set = (key2, value) => {
    if (value !== void 0 && value !== null) out[key2] = value;
  };
  set("description", o.description);
  set("entrypoint", o.entrypoint);
  set("version", o.version);
  set("tags", o.tags);
  if (o.concurrencyLimit !== void 0) {
    if (o.collisionStrategy !== void 0 && !["ENQUEUE", "CANCEL_NEW"].includes(o.collisionStrategy)) {
      throw new DeployOptionError(`--collision-strategy must be ENQUEUE or CANCEL_NEW, got "${o.collisionStrategy}"`);
    }
    out.concurrency_limit = o.collisionStrategy === void 0 ? o.concurrencyLimit : { limit: o.concurrencyLimit, collision_strategy: o.collisionStrategy, grace_period_seconds: null };
  }
  if (o.enforceParameterSchema === false) out.enforce_parameter_schema = false;
  const pool = () => {
    if (!isMapping(out.work_pool)) out.work_pool = {};
    return out.work_pool;
  };
  if (o.workPoolName) pool().name = o.workPoolName;
  if (o.workQueueName) pool().work_queue_name = o.workQueueName;
  const variableOverrides = {};
  if (o.jobVariables?.length) {
    for (const v of o.jobVariables) Object.assign(variableOverrides, parseJobVariable(v));
    pool().job_variables = { ...variableOverrides };
  }
  const schedules = () => {
    if (!Array.isArray(out.schedules)) out.schedules = [];
    return out.schedules;
  };
  for (const cron of o.cron ?? []) schedules().push({ cron });
  for (const interval of o.interval ?? []) schedules().push({ interval });
  for (const rrule of o.rrule ?? []) schedules().push({ rrule });
  if (o.param?.length || o.params !== void 0) {
    let parameters = {};
    for (const p of o.param ?? []) {
      const eq = p.indexOf("=");
      if (eq < 0) throw new DeployOptionError(`--param "${p}" must be key=value`);
      const raw = p.slice(eq + 1);
      try {
        parameters[p.slice(0, eq)] = JSON.parse(raw);
        notices.push(`The parameter value ${raw} is parsed as a JSON string`);
      } catch {
        parameters[p.slice(0, eq)] = raw;
      }
    }
    if (o.params !== void 0) {
      let parsed;
      try {
        parsed = JSON.parse(o.params);
      } catch (e) {
        throw new DeployOptionError(`--params is not valid JSON: ${e.message}`);
      }
      if (!isMapping(parsed)) throw new DeployOptionError("--params must be a JSON object");
      parameters = parsed;
    }
    if (!isMapping(out.parameters)) out.parameters = {};
    Object.assign(out.parameters, parameters);
  }
  for (const item of Array.isArray(out.schedules) ? out.schedules : []) {
    if (!isMapping(item)) continue;
    if (o.anchorDate && item.interval) item.anchor_date = o.anchorDate;
    if (o.timezone) item.timezone = o.timezone;
  }
  return { config: out, variableOverrides, notices };
}

// src/core/plan/secret-job-variables.ts
function keepSecretsInJobVariables(kept) {
  return {
    at: (path7) => path7[0] === "work_pool" && path7[1] === "job_variables",
    onKept: (placeholder, value) => kept.set(placeholder, value)
  };
}
async function settleSecretJobVariables(jobVariables, kept, poolName, pools) {
  const warnings = [];
  if (kept.size === 0 || !pools || typeof poolName !== "string") return { jobVariables, warnings };
  const references = keptReferences(jobVariables, kept);
  if (references.length === 0) return { jobVariables, warnings };
  const lookup = await pools.readJobVariablesSchema(poolName);
  if (lookup.status !== "found") return { jobVariables, warnings };
  const { judgeFor, replaceAt } = await import("./job-variables-judge-R67PWUQD.js");
  const judge = judgeFor(lookup.value);
  let settled = jobVariables;
  for (const { path: path7, text, placeholders } of references) {
    const [only] = placeholders;
    const resolved = only && isWholeStringPlaceholder(text, placeholders, "block_document") ? kept.get(only.fullMatch) : placeholders.reduce((acc, p) => acc.replaceAll(p.fullMatch, pythonStr(kept.get(p.fullMatch))), text);
    if (judge.accepts(settled, path7, resolved)) continue;
    warnings.push(
      `job variable ${describePath(path7)} gets a secret from a block, but work pool "${poolName}" does not accept a {{ prefect.blocks.\u2026 }} reference there, so the resolved secret is stored in the deployment (as prefect deploy does)`
    );
    settled = replaceAt(settled, path7, resolved);
  }
  return { jobVariables: settled, warnings };
}
function keptReferences(jobVariables, kept) {
  const found = [];
  const visit = (value, path7) => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path7, i]));
    else if (isMapping(value)) for (const [k, v] of Object.entries(value)) visit(v, [...path7, k]);
    else if (typeof value === "string") {
      const placeholders = placeholdersInString(value).filter((p) => p.kind === "block_document" && kept.has(p.fullMatch));
      if (placeholders.length > 0) found.push({ path: path7, text: value, placeholders });
    }
  };
  visit(jobVariables, []);
  return found;
}
function describePath(path7) {
  if (path7.length === 0) return "(all of job_variables)";
  return path7.reduce((acc, p) => typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p, "");
}

// src/core/plan/desired.ts
var BANNED_NAME_CHARACTERS = "/%&><";
var BUILD_DOCKER_IMAGE = "prefect_docker.deployments.steps.build_docker_image";
var SET_WORKING_DIRECTORY = "prefect.deployments.steps.set_working_directory";
function qualifiedName(d) {
  return `${d.flowName}/${d.name}`;
}
var DEFAULTS = {
  name: null,
  version: null,
  tags: [],
  concurrency_limit: null,
  description: null,
  flow_name: null,
  entrypoint: null,
  parameters: {},
  work_pool: { name: null, work_queue_name: null, job_variables: {} }
};
function mergeWithDefaults(config) {
  const out = deepCopy(config);
  for (const [key2, value] of Object.entries(DEFAULTS)) {
    if (!(key2 in out)) out[key2] = deepCopy(value);
    if (isMapping(value) && isMapping(out[key2])) {
      const target = out[key2];
      for (const [k, v] of Object.entries(value)) if (!(k in target)) target[k] = deepCopy(v);
    }
  }
  return out;
}
var truthy = (v) => !(v === null || v === void 0 || v === false || v === 0 || v === "" || Array.isArray(v) && v.length === 0 || isMapping(v) && Object.keys(v).length === 0);
async function buildDesiredDeployment(index, rawConfig, actions, ctx) {
  const problems = [];
  const warnings = [];
  const at = (...p) => ["deployments", index, ...p];
  await ctx.pause?.();
  let config = mergeWithDefaults(rawConfig);
  if (isMapping(config.schedule) && Object.keys(config.schedule).length > 0 && !("schedules" in config)) {
    config.schedules = [config.schedule];
  }
  let variableOverrides = {};
  if (ctx.options) {
    try {
      const applied = applyDeployOptions(config, ctx.options);
      config = applied.config;
      variableOverrides = applied.variableOverrides;
      for (const notice of applied.notices) warnings.push({ message: notice });
    } catch (e) {
      if (e instanceof DeployOptionError) return { ok: false, problems: [{ message: e.message }], warnings };
      throw e;
    }
  }
  const own = (key2) => key2 in config ? config[key2] : actions[key2];
  const rawBuild = truthy(own("build")) ? own("build") : [];
  const rawPush = truthy(own("push")) ? own("push") : actions.push;
  const rawPull = own("pull");
  const explicitNoPull = Array.isArray(rawPull) && rawPull.length === 0;
  const keptSecrets = /* @__PURE__ */ new Map();
  let resolved;
  try {
    resolved = await resolveBeforeSteps(config, { ...ctx.sources, env: ctx.templateEnv ?? ctx.env }, keepSecretsInJobVariables(keptSecrets));
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, problems: [{ message: e.message }], warnings };
    throw e;
  }
  config = resolved.value;
  const unresolved = [...resolved.unresolved];
  const entrypoint = config.entrypoint;
  let flow;
  if (!truthy(entrypoint) || typeof entrypoint !== "string") {
    problems.push({ message: "no entrypoint; set entrypoint: path/to/file.py:flow_function", path: at("entrypoint") });
  } else {
    try {
      flow = await analyzeEntrypoint(entrypoint, { cwd: ctx.cwd, unavailableModules: ctx.unavailableModules });
      await ctx.pause?.();
      for (const w of flow.warnings) warnings.push({ message: w, flowFile: { file: flow.file, line: flow.line } });
    } catch (err) {
      if (!(err instanceof FlowAnalysisError)) throw err;
      const e = err;
      problems.push({
        message: `entrypoint "${entrypoint}": ${e.detail}`,
        path: at("entrypoint"),
        ...e.file ? { flowFile: { file: e.file, line: e.line, column: e.column } } : {}
      });
    }
  }
  if (!truthy(config.name)) {
    problems.push({ message: "no deployment name; set name: in the deployment", path: at("name") });
  }
  const pool = isMapping(config.work_pool) ? config.work_pool : {};
  if (!truthy(pool.name)) {
    problems.push({ message: "no work pool; set work_pool.name or pass --pool", path: at("work_pool") });
  }
  if (problems.length > 0 || !flow) return { ok: false, problems, warnings };
  config.flow_name = flow.name;
  let pullSteps;
  let pullStepsNull = false;
  if (explicitNoPull) {
    pullSteps = [];
  } else if (truthy(rawPull)) {
    pullSteps = rawPull;
  } else if (truthy(actions.pull)) {
    pullSteps = actions.pull;
  } else {
    const generated = defaultPullSteps(config, actions, ctx.cwd, warnings);
    pullStepsNull = generated === null;
    pullSteps = generated ?? [];
  }
  const outputs = { ...ctx.stepOutputs ?? {}, ...variableOverrides };
  const possible = ctx.stepOutputs ? /* @__PURE__ */ new Set() : possibleStepOutputs([...rawBuild, ...rawPush]);
  const deferred = new DeferredPlaceholders(possible === "any" ? possible : new Set([...possible].filter((k) => !(k in variableOverrides))));
  if (!truthy(config.description)) config.description = flow.description;
  const schedules = [];
  const schedulesConfigured = "schedules" in config && config.schedules !== null;
  if (schedulesConfigured) {
    const slugs = /* @__PURE__ */ new Map();
    const templated = deferred.restore(templateSchedules(deferred.protect(config.schedules), outputs, { env: ctx.templateEnv ?? ctx.env }));
    templated.forEach((item, i) => {
      if (!isMapping(item)) return;
      if (containsPlaceholderToken(item, deferred)) {
        warnings.push({ message: `schedule ${i + 1} depends on step outputs and is checked when the steps run`, path: at("schedules", i) });
        return;
      }
      const converted = convertScheduleItem(item, at("schedules", i), { now: ctx.now });
      if (converted.ok) schedules.push(converted.value);
      else problems.push({ message: `${keyPath(converted.error.path.slice(at().length))}: ${converted.error.message}`, path: converted.error.path });
      const slug = converted.ok ? converted.value.create.slug : null;
      if (slug !== null) {
        const first = slugs.get(slug);
        if (first === void 0) slugs.set(slug, i);
        else
          problems.push({
            message: `${keyPath(["schedules", i, "slug"])}: slug "${slug}" is also the slug of schedules[${first}]; give each schedule its own slug`,
            path: at("schedules", i, "slug")
          });
      }
    });
  }
  const missing = [];
  const { schedules: _s, triggers: rawTriggers, parameter_openapi_schema: _p, ...rest } = config;
  const templatedConfig = deferred.restore(
    templateDeploymentWithStepOutputs(deferred.protect(rest), outputs, {
      env: ctx.templateEnv ?? ctx.env,
      onMissing: (placeholder) => missing.push(placeholder)
    })
  );
  for (const m of new Set(missing)) {
    const env = /^\{\{\s*\$+([^\s}]+)\s*\}\}$/.exec(m);
    warnings.push({
      message: env ? `environment variable ${env[1]} is not set, so ${m} renders as "" (as prefect deploy does)` : `no value for ${m}: no step output or environment variable has that name, so it is left out (as prefect deploy does)`
    });
  }
  let cliTriggers;
  let cliSlas;
  try {
    if (ctx.options?.triggers?.length) cliTriggers = gatherSpecs(ctx.options.triggers, "triggers", ctx.cwd);
    if (ctx.options?.sla !== void 0) cliSlas = gatherSpecs(ctx.options.sla, "sla", ctx.cwd);
  } catch (e) {
    if (!(e instanceof DeployOptionError)) throw e;
    problems.push({ message: e.message });
  }
  const triggerSpecs = cliTriggers ?? rawTriggers;
  const triggers = Array.isArray(triggerSpecs) ? deferred.restore(templateTriggers(deferred.protect(triggerSpecs), outputs, { env: ctx.templateEnv ?? ctx.env })) : [];
  const validatedTriggers = validateTriggers(triggers, String(config.name));
  for (const e of validatedTriggers.errors) problems.push({ message: `${keyPath(["triggers", ...e.path])}: ${e.message}`, path: at("triggers", ...e.path) });
  let slas;
  const slaSpecs = cliSlas ?? config.sla;
  if (Array.isArray(slaSpecs)) {
    const validated = validateSlas(slaSpecs);
    for (const e of validated.errors) problems.push({ message: `${keyPath(["sla", ...e.path])}: ${e.message}`, path: at("sla", ...e.path) });
    slas = validated.slas;
  }
  const templatedPull = deferred.restore(templatePullSteps(deferred.protect(pullSteps), outputs, { env: ctx.templateEnv ?? ctx.env }));
  if (problems.length > 0) return { ok: false, problems, warnings };
  let concurrencyLimit = templatedConfig.concurrency_limit ?? null;
  let concurrencyOptions = null;
  if (isMapping(concurrencyLimit)) {
    concurrencyOptions = { collision_strategy: getFromDict(concurrencyLimit, "collision_strategy", null) };
    const grace = getFromDict(concurrencyLimit, "grace_period_seconds", null);
    if (grace !== null && grace !== void 0) concurrencyOptions.grace_period_seconds = grace;
    concurrencyLimit = getFromDict(concurrencyLimit, "limit", null) ?? null;
  }
  if (typeof concurrencyLimit === "number" && concurrencyLimit <= 0) {
    const where = isMapping(templatedConfig.concurrency_limit) ? at("concurrency_limit", "limit") : at("concurrency_limit");
    problems.push({ message: `concurrency_limit ${concurrencyLimit} must be greater than 0 (leave it out for no limit)`, path: where });
  }
  const queue = isMapping(templatedConfig.work_pool) ? templatedConfig.work_pool.work_queue_name : void 0;
  const banned = typeof queue === "string" ? [...BANNED_NAME_CHARACTERS].filter((c) => queue.includes(c)) : [];
  if (banned.length > 0) {
    problems.push({
      message: `work queue name "${String(queue)}" contains ${banned.map((c) => `"${c}"`).join(", ")}, which Prefect does not allow in names (/ % & > <)`,
      path: at("work_pool", "work_queue_name")
    });
  }
  if (problems.length > 0) return { ok: false, problems, warnings };
  let name = String(templatedConfig.name);
  if (name.endsWith(".py")) name = import_node_path6.default.parse(name).name;
  const tags = normalizeTags(templatedConfig.tags);
  const finalPool = isMapping(templatedConfig.work_pool) ? templatedConfig.work_pool : {};
  let description = templatedConfig.description ?? null;
  if (!truthy(description)) description = flow.description;
  const versionType = typeof templatedConfig.version_type === "string" && templatedConfig.version_type || ctx.options?.versionType || void 0;
  let version;
  let versionInfo;
  try {
    ({ version, versionInfo } = await resolveVersion(templatedConfig.version, flow.referenceVersion, versionType, {
      env: ctx.env,
      cwd: ctx.cwd,
      git: ctx.git
    }));
  } catch (e) {
    return { ok: false, problems: [{ message: e.message, path: at("version_type") }], warnings };
  }
  const enforceConfigured = templatedConfig.enforce_parameter_schema !== void 0 && templatedConfig.enforce_parameter_schema !== null;
  const payload = {
    name,
    paused: templatedConfig.paused ?? false,
    schedules: schedules.map((s) => s.create),
    concurrency_limit: concurrencyLimit,
    concurrency_options: concurrencyOptions,
    enforce_parameter_schema: enforceConfigured ? templatedConfig.enforce_parameter_schema : true,
    parameter_openapi_schema: flow.parameterSchema,
    parameters: templatedConfig.parameters ?? {},
    tags,
    labels: {},
    pull_steps: templatedPull,
    work_queue_name: finalPool.work_queue_name ?? null,
    work_pool_name: finalPool.name ?? null,
    storage_document_id: null,
    infrastructure_document_id: null,
    // Deliberately unlike the reference, whose DeploymentCreate runs `description` through `str()`
    // and so creates a deployment without one with the text "None", which its next deploy (the
    // update body is not converted) sets to null: a write on every second deploy. Null from the start.
    description,
    path: null,
    entrypoint: templatedConfig.entrypoint,
    job_variables: finalPool.job_variables ?? {},
    version,
    version_info: versionInfo
  };
  if (concurrencyOptions === null) payload.concurrency_options = null;
  const judged = await parameterVerdicts(payload, schedules, flow, ctx.options, at);
  if (truthy(payload.enforce_parameter_schema)) problems.push(...judged.problems);
  else
    warnings.push(
      ...judged.problems.map((p) => ({
        ...p,
        message: `${p.message} (not enforced: enforce_parameter_schema is false, so the server stores it and flow runs fail on it)`
      }))
    );
  warnings.push(...judged.warnings);
  if (problems.length > 0) return { ok: false, problems, warnings };
  if (keptSecrets.size > 0) {
    const settled = await settleSecretJobVariables(payload.job_variables, keptSecrets, payload.work_pool_name, ctx.sources.workPools);
    payload.job_variables = settled.jobVariables;
    for (const message of settled.warnings) warnings.push({ message, path: at("work_pool", "job_variables") });
  }
  return {
    ok: true,
    deployment: {
      index,
      name,
      flowName: flow.name,
      entrypoint: String(templatedConfig.entrypoint),
      flow,
      description,
      payload,
      schedules,
      schedulesConfigured: schedules.length > 0,
      enforceParameterSchemaConfigured: enforceConfigured,
      pausedConfigured: templatedConfig.paused !== void 0 && templatedConfig.paused !== null,
      pullStepsNull,
      triggers: validatedTriggers.triggers,
      slas,
      steps: { build: rawBuild, push: rawPush, pull: templatedPull },
      unresolved,
      deferred: deferred.deferred,
      warnings
    }
  };
}
function normalizeTags(tags) {
  const items = typeof tags === "string" ? [...tags] : Array.isArray(tags) ? tags : [];
  return items.map((t) => pythonStr(t)).filter((t) => t.trim() !== "");
}
function defaultPullSteps(config, actions, cwd, warnings) {
  const build = truthy(config.build) ? config.build : actions.build;
  const docker = build.map((step) => step[BUILD_DOCKER_IMAGE]).find((inputs) => truthy(inputs));
  if (docker !== void 0) {
    if (isMapping(docker) && docker.dockerfile === "auto") {
      return [{ [SET_WORKING_DIRECTORY]: { directory: `/opt/prefect/${import_node_path6.default.basename(cwd)}` } }];
    }
    warnings.push({ message: "the Docker build step uses a custom Dockerfile, so no pull step is stored: the Dockerfile must copy the flow code into the image" });
    return null;
  }
  const pool = isMapping(config.work_pool) ? config.work_pool : {};
  const jobVariables = isMapping(pool.job_variables) ? pool.job_variables : {};
  if (truthy(jobVariables.image)) {
    warnings.push({
      message: "using the default working directory '/opt/prefect' for the image; add a set_working_directory pull step if the flow code lives elsewhere"
    });
    return [{ [SET_WORKING_DIRECTORY]: { directory: "/opt/prefect" } }];
  }
  let directory;
  try {
    directory = (0, import_node_fs6.realpathSync)(cwd);
  } catch {
    directory = import_node_path6.default.resolve(cwd);
  }
  warnings.push({ message: `no pull steps configured: workers will load the flow from ${directory} (this machine's checkout)` });
  return [{ [SET_WORKING_DIRECTORY]: { directory } }];
}
function containsPlaceholderToken(value, deferred) {
  if (deferred.deferred.length === 0) return false;
  const text = JSON.stringify(value);
  return deferred.deferred.some((p) => text.includes(p));
}
async function parameterVerdicts(payload, schedules, flow, options, at) {
  const problems = [];
  const warnings = [];
  const fromCli = cliParameterNames(options);
  const schema = flow.parameterSchema;
  const known = isMapping(schema.properties) ? Object.keys(schema.properties) : [];
  const check = async (given, where, cli) => {
    if (!isMapping(given)) return;
    const judged = {};
    for (const [name, value] of Object.entries(given)) {
      if (!holdsPlaceholder(value)) judged[name] = value;
      if (!flow.acceptsAnyKeyword && !known.includes(name)) {
        warnings.push({
          message: `parameter "${name}" is not a parameter of flow "${flow.name}"${didYouMean(name, known)}; the server accepts it and every flow run fails on it`,
          path: cli.has(name) ? at() : [...where, name]
        });
      }
    }
    if (Object.keys(judged).length === 0) return;
    const { judgeParameters } = await import("./parameters-judge-EGGDORBZ.js");
    for (const p of judgeParameters(judged, schema)) {
      const name = p.path[0];
      const viaCli = typeof name === "string" && cli.has(name);
      problems.push({ message: viaCli ? `${p.message} (from --param/--params)` : p.message, path: viaCli ? at() : [...where, ...p.path] });
    }
  };
  await check(payload.parameters, at("parameters"), fromCli);
  for (const [i, s] of schedules.entries()) await check(s.create.parameters, at("schedules", i, "parameters"), /* @__PURE__ */ new Set());
  return { problems, warnings };
}
function cliParameterNames(options) {
  const names = /* @__PURE__ */ new Set();
  for (const p of options?.param ?? []) if (p.includes("=")) names.add(p.slice(0, p.indexOf("=")));
  if (options?.params !== void 0) {
    try {
      const parsed = JSON.parse(options.params);
      if (isMapping(parsed)) for (const k of Object.keys(parsed)) names.add(k);
    } catch {
    }
  }
  return names;
}
function holdsPlaceholder(value) {
  if (typeof value === "string") return /\{\{.*?\}\}/s.test(value);
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  if (isMapping(value)) return Object.hasOwn(value, "__prefect_kind") || Object.values(value).some(holdsPlaceholder);
  return false;
}

// src/prefect/server-version.ts
var OLDEST_TESTED_SERVER = "3.4.25";
var VERSIONED_DEPLOYMENT_FIELDS = [
  // DeploymentScheduleCreate/Update forbid extra keys: even `"replaces": null` is a 422 before 3.6.17.
  { path: ["schedules", "*", "replaces"], yamlPath: ["schedules", "*", "replaces"], since: "3.6.17", older: "refuses" },
  // ConcurrencyOptions ignores extra keys: an older server would drop it without a word.
  {
    path: ["concurrency_options", "grace_period_seconds"],
    yamlPath: ["concurrency_limit", "grace_period_seconds"],
    since: "3.6.6",
    older: "drops"
  }
];
function parseServerVersion(text) {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : void 0;
}
function compareServerVersions(a, b) {
  const pa = parseServerVersion(a);
  const pb = parseServerVersion(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
function serverHas(version, since) {
  return version === void 0 || compareServerVersions(version, since) >= 0;
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function valuesAt(body, path7, at = []) {
  const [head, ...rest] = path7;
  if (head === "*") return Array.isArray(body) ? body.flatMap((item, i) => valuesAt(item, rest, [...at, i])) : [];
  if (head === void 0 || !isObject(body) || !(head in body)) return [];
  return rest.length === 0 ? [{ path: [...at, head], value: body[head] }] : valuesAt(body[head], rest, [...at, head]);
}
function withoutNullVersionedFields(body) {
  let out = body;
  for (const field of VERSIONED_DEPLOYMENT_FIELDS) out = withoutNullAt(out, field.path);
  return out;
}
function withoutNullAt(value, path7) {
  const [head, ...rest] = path7;
  if (head === "*") return Array.isArray(value) ? value.map((item) => withoutNullAt(item, rest)) : value;
  if (head === void 0 || !isObject(value) || !(head in value)) return value;
  if (rest.length > 0) return { ...value, [head]: withoutNullAt(value[head], rest) };
  if (value[head] !== null) return value;
  const { [head]: _null, ...kept } = value;
  return kept;
}
function unsupportedFields(body, version) {
  const out = [];
  for (const field of VERSIONED_DEPLOYMENT_FIELDS) {
    if (serverHas(version, field.since)) continue;
    for (const { path: path7, value } of valuesAt(body, field.path)) {
      if (value === null || value === void 0) continue;
      const indexes = path7.filter((p) => typeof p === "number");
      const yamlPath = field.yamlPath.map((p) => p === "*" ? indexes.shift() : p);
      out.push({ field, path: path7, yamlPath });
    }
  }
  return out;
}

// src/prefect/client.ts
var DEFAULT_PAGE_SIZE = 200;
var MAX_FILTER_VALUES = 200;
function deploymentResourceId(deploymentId) {
  return `prefect.deployment.${deploymentId}`;
}
function safeHostname(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}
function isNotFound(error) {
  return error instanceof PrefectApiError && error.status === 404;
}
async function orUndefined(call) {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return void 0;
    throw error;
  }
}
function serverPageLimit(error) {
  if (!(error instanceof PrefectApiError) || error.status !== 422) return void 0;
  const m = /less than or equal to (\d+)/.exec(error.detail);
  return m ? Number(m[1]) : void 0;
}
var PrefectClient = class {
  http;
  /** Items per page of the `/filter` reads; lowered when the server refuses it. */
  pageSize = DEFAULT_PAGE_SIZE;
  version;
  /** Automations this client created (or found created after an unknown outcome), by id. */
  automationsCreated = /* @__PURE__ */ new Set();
  hooks;
  constructor(options = {}) {
    const settings = options.settings ?? settingsFromEnv(options.env ?? process.env, options);
    this.http = new HttpClient(settings, options);
    this.hooks = options.hooks ?? {};
    if (options.filterPageSize !== void 0) this.pageSize = Math.max(1, options.filterPageSize);
  }
  get apiUrl() {
    return this.http.settings.apiUrl;
  }
  /** Whether the API is Prefect Cloud (the URL starts with `PREFECT_CLOUD_API_URL`). */
  get isCloud() {
    return isCloud(this.http.settings);
  }
  /** Closes idle keep-alive connections so the process can exit promptly. */
  close() {
    this.http.close();
  }
  /**
   * The server's release (`GET /admin/version`, e.g. "3.4.25"), read once per client; undefined for
   * Prefect Cloud and for a server that does not say (404, 401, 403 or an answer that is no
   * version), which are taken as current: the version only decides which fields may be sent.
   */
  serverVersion() {
    this.version ??= this.readServerVersion();
    return this.version;
  }
  async readServerVersion() {
    if (this.isCloud || /(^|\.)prefect\.cloud$/i.test(safeHostname(this.apiUrl))) return void 0;
    try {
      const version = await this.http.json({ method: "GET", path: "/admin/version" });
      return typeof version === "string" && parseServerVersion(version) ? version : void 0;
    } catch (error) {
      if (error instanceof PrefectApiError && [401, 403, 404].includes(error.status)) return void 0;
      throw error;
    }
  }
  /**
   * Starts what every run asks first (the server's version, the CSRF token its POSTs carry) while
   * the caller reads its files; resolves once the token is there (or could not be had: nothing is
   * reported here, the requests that need it meet the problem).
   */
  prepare() {
    this.serverVersion().catch(() => {
    });
    return this.http.prepare();
  }
  /** `GET /health`: resolves when the API answers, rejects with the reason otherwise. */
  async health() {
    await this.http.call({ method: "GET", path: "/health" });
  }
  /** `GET /work_pools/{name}`; `undefined` when there is no such pool. */
  readWorkPool(name) {
    return orUndefined(this.http.json({ method: "GET", path: apiPath`/work_pools/${name}` }));
  }
  /** `GET /deployments/name/{flow}/{deployment}`; `undefined` when it does not exist yet (create path). */
  readDeploymentByName(flowName, deploymentName) {
    return orUndefined(this.http.json({ method: "GET", path: apiPath`/deployments/name/${flowName}/${deploymentName}` }));
  }
  /**
   * Every item a `POST …/filter` matches, page by page at the server's largest page size (a server
   * configured with a smaller `PREFECT_SERVER_API_DEFAULT_LIMIT` says so in its 422, and the read
   * continues with that). Sorted by creation, newest first, and de-duplicated by id: an item created
   * while paging shifts later pages by one, which repeats an item rather than skipping one.
   */
  async readAll(path7, body, hint = {}) {
    return await this.readUpTo(path7, body, Infinity, hint);
  }
  /**
   * `readAll`, giving up (undefined) as soon as more than `budget` items have been read. With a
   * hint, pages that cannot hold anything are not asked for (`atMost` items found: the read is
   * complete), and the page after the current one is asked for at the same time when `expected`
   * items would fill the current one: reading 200 names at 200 a page then costs one round trip
   * for both pages, not two in a row.
   */
  async readUpTo(path7, body, budget, { atMost = Infinity, expected = 0 } = {}) {
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const ask = (offset) => {
      const page = this.readPage(path7, body, offset);
      page.catch(() => {
      });
      return { offset, page };
    };
    let current = ask(0);
    let ahead = expected >= this.pageSize ? ask(this.pageSize) : void 0;
    for (; ; ) {
      const { items, limit } = await current.page;
      for (const item of items) {
        if (item.id !== void 0 && seen.has(item.id)) continue;
        if (item.id !== void 0) seen.add(item.id);
        out.push(item);
      }
      if (out.length > budget) return void 0;
      if (items.length < limit || out.length >= atMost) return out;
      const offset = current.offset + items.length;
      current = ahead?.offset === offset ? ahead : ask(offset);
      ahead = expected >= offset + limit ? ask(offset + limit) : void 0;
    }
  }
  /** One page of a `POST …/filter` (newest first), and the page size it was asked with. */
  async readPage(path7, body, offset) {
    for (; ; ) {
      const limit = this.pageSize;
      try {
        return { items: await this.http.json({ method: "POST", path: path7, body: { ...body, sort: "CREATED_DESC", offset, limit }, idempotent: true }), limit };
      } catch (error) {
        const max = serverPageLimit(error);
        if (max === void 0 || max >= limit || max < 1) throw error;
        this.pageSize = max;
      }
    }
  }
  /** The largest page `readAll` asks for (the server's limit once it has refused a larger one). */
  get filterPageSize() {
    return this.pageSize;
  }
  /** `POST /flows/filter` by name: the flows among `names` that exist (any number of names, the chunks at once). */
  async readFlowsByName(names) {
    const found = await Promise.all(
      chunks([...new Set(names)], MAX_FILTER_VALUES).map((chunk) => {
        const body = { flows: { name: { any_: chunk } } };
        return this.readAll("/flows/filter", body, { atMost: chunk.length });
      })
    );
    return found.flat();
  }
  /**
   * `POST /deployments/filter`: the deployments of these flows with one of these names (a superset
   * of the wanted flow/name pairs when several flows share names; the caller picks its pairs).
   */
  readDeploymentsOfFlows(flowIds, names) {
    const body = { flows: { id: { any_: [...flowIds] } }, deployments: { name: { any_: [...names] } } };
    return this.readAll("/deployments/filter", body, { expected: names.length });
  }
  /**
   * `POST /deployments/filter` by deployment name alone (any flow), all pages, or undefined once
   * more than `budget` have been read (names many other flows use too).
   */
  async readDeploymentsNamed(names, budget) {
    const found = await Promise.all(
      chunks([...new Set(names)], namesPerPage(this.pageSize)).map((chunk) => {
        const body = { deployments: { name: { any_: chunk } } };
        return this.readUpTo("/deployments/filter", body, budget, { expected: chunk.length });
      })
    );
    if (found.some((page) => page === void 0)) return void 0;
    const out = found.flatMap((page) => page);
    return out.length > budget ? void 0 : out;
  }
  /** The first page of `POST /automations/filter` (newest first), and whether it holds them all. */
  async readAutomationsFirstPage() {
    const { items, limit } = await this.readPage("/automations/filter", {}, 0);
    return { automations: items, complete: items.length < limit };
  }
  /** Every automation of the workspace (`POST /automations/filter`, paged). */
  readAutomations() {
    return this.readAll("/automations/filter", {});
  }
  /** `POST /automations/count`. */
  countAutomations() {
    return this.http.json({ method: "POST", path: "/automations/count", body: {}, idempotent: true });
  }
  /** Every deployment of the workspace (`POST /deployments/filter`, paged): the owned ones are found by their labels, which the filter cannot match. */
  readAllDeployments() {
    return this.readAll("/deployments/filter", {});
  }
  /** `POST /flows/filter` by id: the flows among `ids` that exist. */
  async readFlowsById(ids) {
    const found = await Promise.all(
      chunks([...new Set(ids)], MAX_FILTER_VALUES).map((chunk) => {
        const body = { flows: { id: { any_: chunk } } };
        return this.readAll("/flows/filter", body, { atMost: chunk.length });
      })
    );
    return found.flat();
  }
  /**
   * `DELETE /deployments/{id}` (204). A 404 is success: the deployment is gone, whether a retry
   * follows a DELETE whose answer was lost or someone else deleted it first.
   */
  async deleteDeployment(id) {
    await orUndefined(this.http.call({ method: "DELETE", path: apiPath`/deployments/${id}` }));
  }
  /** `GET /deployments/{id}`; `undefined` when there is no such deployment. */
  readDeployment(id) {
    return orUndefined(this.http.json({ method: "GET", path: apiPath`/deployments/${id}` }));
  }
  /** `POST /flows/`: an upsert by name, answering the (new or existing) flow; safe to repeat. */
  createFlow(name, body = { tags: [], labels: {} }) {
    return this.http.json({ method: "POST", path: "/flows/", body: { name, ...body }, idempotent: true });
  }
  /**
   * `POST /deployments/`: the server upserts by (flow, name), schedules included (replaced, or
   * updated by slug), so a repeat after an unknown outcome leaves one deployment as it should be.
   */
  createDeployment(body) {
    return this.http.json({ method: "POST", path: "/deployments/", body, idempotent: true });
  }
  /** `PATCH /deployments/{id}` (204). */
  async updateDeployment(id, body) {
    await this.http.call({ method: "PATCH", path: apiPath`/deployments/${id}`, body });
  }
  /** `GET /deployments/{id}/schedules`. */
  readDeploymentSchedules(deploymentId) {
    return this.http.json({ method: "GET", path: apiPath`/deployments/${deploymentId}/schedules` });
  }
  /** `DELETE /automations/owned-by/prefect.deployment.{id}` (202); a 404 is ignored, as the reference does. */
  async deleteOwnedAutomations(deploymentId) {
    try {
      await this.http.call({ method: "DELETE", path: apiPath`/automations/owned-by/${deploymentResourceId(deploymentId)}` });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  /**
   * `GET /automations/related-to/prefect.deployment.{id}`: the automations owned by the deployment
   * and any other automation whose actions or triggers name it. The API exposes no owner filter
   * and the response carries no owner, so telling the two apart is left to the caller (e.g. by the
   * `<deployment>__automation_<n>` names `prefect deploy` gives).
   */
  readRelatedAutomations(deploymentId) {
    return this.http.json({
      method: "GET",
      path: apiPath`/automations/related-to/${deploymentResourceId(deploymentId)}`
    });
  }
  /**
   * `POST /automations/` (201), never creating it twice: each `POST` makes a new automation, so
   * when a send's outcome is unknown (connection broken after sending, a gateway's 5xx) the
   * automations of its owner are read, and one of the same name that this client has not already
   * accounted for is taken as the one sent; only when there is none is it sent again.
   */
  async createAutomation(body) {
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.http.json({ method: "POST", path: "/automations/", body, idempotent: false });
        this.automationsCreated.add(created.id);
        return created;
      } catch (error) {
        if (!(error instanceof PrefectWriteUnknownError) || attempt >= this.http.settings.maxRetries) throw error;
        const applied = await this.findCreatedAutomation(body);
        if (applied) {
          this.automationsCreated.add(applied.id);
          return applied;
        }
      }
    }
  }
  async findCreatedAutomation(body) {
    const owner = body.owner_resource;
    const runs = body.actions.flatMap((a) => "deployment_id" in a && typeof a.deployment_id === "string" ? [a.deployment_id] : []);
    const resource = owner ?? (runs[0] !== void 0 ? deploymentResourceId(runs[0]) : void 0);
    if (!resource) {
      throw new Error(
        `POST /automations/ "${body.name}": the outcome is unknown and the automation names no owner to look it up by; check the automations before re-running`
      );
    }
    const related = await this.http.json({ method: "GET", path: apiPath`/automations/related-to/${resource}` });
    const ownedBy = (a) => {
      const stored = a.owner_resource;
      return stored === void 0 || stored === owner;
    };
    const runsSame = (a) => runs.every((id) => a.actions.some((x) => "deployment_id" in x && x.deployment_id === id));
    return related.find((a) => a.name === body.name && ownedBy(a) && runsSame(a) && !this.automationsCreated.has(a.id));
  }
  /** `GET /block_types/slug/{slug}/block_documents/name/{name}?include_secrets=true`; `undefined` when missing. */
  async readBlockDocumentByName(blockTypeSlug, name) {
    const document = await orUndefined(
      this.http.json({
        method: "GET",
        path: apiPath`/block_types/slug/${blockTypeSlug}/block_documents/name/${name}`,
        query: { include_secrets: true }
      })
    );
    if (document) this.hooks.onBlockDocument?.(document);
    return document;
  }
  /** `GET /block_documents/{id}?include_secrets=true`; `undefined` when missing. */
  async readBlockDocument(id) {
    const document = await orUndefined(this.http.json({ method: "GET", path: apiPath`/block_documents/${id}`, query: { include_secrets: true } }));
    if (document) this.hooks.onBlockDocument?.(document);
    return document;
  }
  /** `GET /variables/name/{name}`; `undefined` when missing. */
  async readVariableByName(name) {
    const variable = await orUndefined(this.http.json({ method: "GET", path: apiPath`/variables/name/${name}` }));
    if (variable) this.hooks.onVariable?.(variable);
    return variable;
  }
  /**
   * `POST /slas/apply-resource-slas/prefect.deployment.{id}` (Prefect Cloud only): creates and
   * updates SLAs by name and deletes the deployment's others. Each SLA gets its `owner_resource`.
   */
  async applySlas(deploymentId, slas) {
    if (!this.isCloud) {
      throw new Error(
        `SLAs are only supported on Prefect Cloud (the API URL ${this.apiUrl} does not start with PREFECT_CLOUD_API_URL ${this.http.settings.cloudApiUrl})`
      );
    }
    const resourceId = deploymentResourceId(deploymentId);
    const body = slas.map((sla) => ({ ...sla, owner_resource: resourceId }));
    const response = await this.http.json({
      method: "POST",
      path: apiPath`/slas/apply-resource-slas/${resourceId}`,
      body,
      // SLAs are merged by name: a repeat leaves the same set.
      idempotent: true
    });
    const names = (list) => (list ?? []).map((sla) => sla.name ?? "");
    return { created: names(response.created), updated: names(response.updated), deleted: names(response.deleted) };
  }
  // Global concurrency limits used as a lease (the deploy lock): `/v2/concurrency_limits/…`.
  // Each of these is safe to send again when its answer was lost: a limit or variable created twice
  // answers 409, a renewal or release repeated changes nothing, and a slot taken twice cannot be (the
  // limit has one slot: the repeat is refused as held until the lost lease expires, a wait, never a
  // second holder).
  /**
   * `POST /v2/concurrency_limits/` with one slot; false when a limit of that name exists already
   * (another deploy created it first).
   */
  async createConcurrencyLimit(name, limit = 1) {
    try {
      await this.http.call({ method: "POST", path: "/v2/concurrency_limits/", body: { name, limit }, idempotent: true });
      return true;
    } catch (error) {
      if (error instanceof PrefectApiError && error.status === 409) return false;
      throw error;
    }
  }
  /**
   * `POST /v2/concurrency_limits/increment-with-lease`: one slot of the limit for `leaseSeconds`
   * (60 s to a day). `held` when the slot is taken (423); `missing` when no limit has that name (the
   * server then grants a lease on nothing).
   */
  async acquireConcurrencyLease(name, leaseSeconds) {
    try {
      const r = await this.http.json({
        method: "POST",
        path: "/v2/concurrency_limits/increment-with-lease",
        body: { names: [name], slots: 1, mode: "concurrency", lease_duration: leaseSeconds },
        idempotent: true
      });
      if (r.limits.length === 0) {
        await this.releaseConcurrencyLease(r.lease_id);
        return "missing";
      }
      return { leaseId: r.lease_id };
    } catch (error) {
      if (error instanceof PrefectApiError && error.status === 423) return "held";
      throw error;
    }
  }
  /** `POST /v2/concurrency_limits/leases/{id}/renew`; false when the lease expired or was revoked (410). */
  async renewConcurrencyLease(leaseId, leaseSeconds) {
    try {
      await this.http.call({ method: "POST", path: apiPath`/v2/concurrency_limits/leases/${leaseId}/renew`, body: { lease_duration: leaseSeconds }, idempotent: true });
      return true;
    } catch (error) {
      if (error instanceof PrefectApiError && (error.status === 410 || error.status === 404)) return false;
      throw error;
    }
  }
  /** `PATCH /v2/concurrency_limits/{name}` to no active slot: frees a slot whose lease the server lost. */
  async resetConcurrencyLimit(name) {
    await this.http.call({ method: "PATCH", path: apiPath`/v2/concurrency_limits/${name}`, body: { active_slots: 0 } });
  }
  /** `POST /variables/`, or `PATCH /variables/name/{name}` when it exists (409). */
  async writeVariable(name, value) {
    try {
      await this.http.call({ method: "POST", path: "/variables/", body: { name, value }, idempotent: true });
    } catch (error) {
      if (!(error instanceof PrefectApiError && error.status === 409)) throw error;
      await this.http.call({ method: "PATCH", path: apiPath`/variables/name/${name}`, body: { value } });
    }
  }
  /** `DELETE /variables/name/{name}`; a variable already gone is no error. */
  async deleteVariable(name) {
    await orUndefined(this.http.call({ method: "DELETE", path: apiPath`/variables/name/${name}` }));
  }
  /** `POST /v2/concurrency_limits/decrement-with-lease` (204; a lease already gone is no error). */
  async releaseConcurrencyLease(leaseId) {
    await this.http.call({ method: "POST", path: "/v2/concurrency_limits/decrement-with-lease", body: { lease_id: leaseId }, idempotent: true });
  }
  /**
   * `POST /deployments/{id}/create_flow_run`: a run of the deployment (the server merges
   * `parameters` over the deployment's). Not repeated on an unknown outcome: a repeat would start
   * a second run.
   */
  createFlowRunFromDeployment(deploymentId, body = {}) {
    return this.http.json({ method: "POST", path: apiPath`/deployments/${deploymentId}/create_flow_run`, body });
  }
  /** `GET /flow_runs/{id}`. */
  readFlowRun(id) {
    return this.http.json({ method: "GET", path: apiPath`/flow_runs/${id}` });
  }
  /** `POST /flow_runs/{id}/set_state` to Cancelling (the worker then stops the run), as `prefect flow-run cancel` does. */
  async cancelFlowRun(id) {
    await this.http.call({ method: "POST", path: apiPath`/flow_runs/${id}/set_state`, body: { state: { type: "CANCELLING", name: "Cancelling" } } });
  }
  /** `POST /logs/filter`: a flow run's newest `limit` log records, oldest first. */
  async readFlowRunLogs(flowRunId, limit) {
    const body = { logs: { flow_run_id: { any_: [flowRunId] } }, sort: "TIMESTAMP_DESC", limit };
    const newest = await this.http.json({ method: "POST", path: "/logs/filter", body, idempotent: true });
    return newest.reverse();
  }
  /** `POST /work_pools/{pool}/workers/filter`, only ONLINE workers when asked. */
  readWorkersForPool(workPoolName, onlineOnly = false) {
    const body = onlineOnly ? { workers: { status: { any_: ["ONLINE"] } } } : {};
    return this.http.json({ method: "POST", path: apiPath`/work_pools/${workPoolName}/workers/filter`, body, idempotent: true });
  }
};
function namesPerPage(pageSize) {
  return Math.max(1, Math.min(MAX_FILTER_VALUES, pageSize) - 1);
}
function chunks(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// src/core/plan/snapshot.ts
var key = (flowName, name) => JSON.stringify([flowName, name]);
function runsDeployment(automation, deploymentId) {
  return Array.isArray(automation.actions) && automation.actions.some((a) => isMapping(a) && a.type === "run-deployment" && a.deployment_id === deploymentId);
}
function workspacePrefetch(client, deployments) {
  const all = deployments.then(
    (found) => found,
    () => void 0
  );
  return {
    names: /* @__PURE__ */ new Set(),
    complete: true,
    deployments: all,
    flows: all.then((found) => found ? client.readFlowsById([...new Set(found.map((d) => String(d.flow_id)))]) : void 0).catch(() => void 0),
    firstAutomations: client.readAutomationsFirstPage().catch(() => void 0)
  };
}
function prefetchSnapshot(client, names) {
  const unique = [...new Set(names)];
  const asked = /* @__PURE__ */ new Set();
  const parts = chunks(unique, namesPerPage(client.filterPageSize)).map(async (part) => {
    const found = await client.readDeploymentsNamed(part, 2 * part.length + 50);
    if (!found) return void 0;
    const ids = [...new Set(found.map((d) => String(d.flow_id)))].filter((id) => !asked.has(id));
    ids.forEach((id) => asked.add(id));
    return { found, flows: ids.length > 0 ? await client.readFlowsById(ids) : [] };
  });
  const all = Promise.all(parts).then(
    (done) => done.every((d) => d !== void 0) ? done : void 0,
    () => void 0
  );
  return {
    names: new Set(unique),
    deployments: all.then((done) => done?.flatMap((d) => d.found)),
    flows: all.then((done) => done?.flatMap((d) => d.flows)),
    firstAutomations: client.readAutomationsFirstPage().catch(() => void 0)
  };
}
async function readServerSnapshot(client, wanted, prefetch) {
  const covered = prefetch !== void 0 && (prefetch.complete === true || wanted.every((w) => prefetch.names.has(w.name)));
  const [early, earlyFlows] = covered ? await Promise.all([prefetch.deployments, prefetch.flows]) : [];
  const flows = earlyFlows ?? (wanted.length ? await client.readFlowsByName([...new Set(wanted.map((w) => w.flowName))]) : []);
  const flowIds = new Map(flows.map((f) => [String(f.name), String(f.id)]));
  const deployments = /* @__PURE__ */ new Map();
  const empty = { flowIds, deployment: () => void 0, automationsOf: async () => [] };
  const present = wanted.filter((w) => flowIds.has(w.flowName));
  if (present.length === 0) return empty;
  const prefetched = earlyFlows && early ? early : covered ? await prefetch.deployments : void 0;
  const prefetchedAutomations = prefetch ? await prefetch.firstAutomations : void 0;
  const [found, firstPage] = await Promise.all([
    prefetched ? [prefetched] : Promise.all(groups(present).map((g) => client.readDeploymentsOfFlows(g.flowIds(flowIds), g.names))),
    prefetchedAutomations ?? client.readAutomationsFirstPage()
  ]);
  const flowNameById = new Map(flows.map((f) => [String(f.id), String(f.name)]));
  const wantedKeys = new Set(present.map((w) => key(w.flowName, w.name)));
  for (const d of found.flat()) {
    const k = key(flowNameById.get(String(d.flow_id)) ?? "", String(d.name));
    if (wantedKeys.has(k)) deployments.set(k, d);
  }
  if (deployments.size === 0) return empty;
  let all;
  if (firstPage.complete) all = Promise.resolve(firstPage.automations);
  else {
    const pages = Math.ceil(await client.countAutomations() / client.filterPageSize);
    if (pages <= deployments.size) all = client.readAutomations();
  }
  return {
    flowIds,
    deployment: (flowName, name) => deployments.get(key(flowName, name)),
    automationsOf: all ? async (id) => (await all).filter((a) => runsDeployment(a, id)) : (id) => client.readRelatedAutomations(id)
  };
}
function groups(pairs) {
  const out = [];
  let current;
  for (const p of pairs) {
    const fits = current && (current.flows.has(p.flowName) || current.flows.size < MAX_FILTER_VALUES) && (current.names.has(p.name) || current.names.size < MAX_FILTER_VALUES);
    if (!fits) out.push(current = { flows: /* @__PURE__ */ new Set(), names: /* @__PURE__ */ new Set() });
    current.flows.add(p.flowName);
    current.names.add(p.name);
  }
  return out.map((g) => ({ names: [...g.names], flowIds: (ids) => [...g.flows].map((f) => ids.get(f)) }));
}

// src/core/plan/diff.ts
function updateBody(d) {
  const p = d.payload;
  const body = {
    version: p.version,
    version_info: p.version_info,
    description: d.description,
    parameters: p.parameters
  };
  if (d.pausedConfigured) body.paused = p.paused;
  if (d.schedulesConfigured) body.schedules = d.schedules.map((s) => s.update);
  Object.assign(body, {
    concurrency_limit: p.concurrency_limit,
    concurrency_options: p.concurrency_options,
    tags: p.tags,
    work_queue_name: p.work_queue_name,
    work_pool_name: p.work_pool_name,
    job_variables: p.job_variables,
    entrypoint: p.entrypoint
  });
  if (d.enforceParameterSchemaConfigured) body.enforce_parameter_schema = p.enforce_parameter_schema;
  body.parameter_openapi_schema = p.parameter_openapi_schema;
  body.pull_steps = d.pullStepsNull ? null : p.pull_steps;
  return body;
}
function jsonEqual(a, b) {
  a = asSent(a);
  b = asSent(b);
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isMapping(a) && isMapping(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== void 0);
    const kb = Object.keys(b).filter((k) => b[k] !== void 0);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
function asSent(v) {
  const n = v instanceof PythonFloat ? v.value : v;
  return typeof n === "number" && !Number.isFinite(n) ? null : n;
}
var seconds = (v) => typeof v === "string" && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
function currentSchedule(s) {
  const schedule = isMapping(s.schedule) ? { ...s.schedule } : {};
  if ("interval" in schedule) schedule.interval = seconds(schedule.interval);
  return { schedule, active: s.active, parameters: s.parameters ?? {}, slug: s.slug ?? null };
}
function sameInstant(a, b) {
  if (typeof a !== "string" || typeof b !== "string") return a === b;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return !Number.isNaN(ta) && ta === tb;
}
function scheduleMatches(desired, current) {
  const cur = currentSchedule(current);
  const want = desired.create;
  const curSchedule = cur.schedule;
  const wantSchedule = { ...want.schedule };
  if ("interval" in wantSchedule) {
    const anchorConfigured = "anchor_date" in desired.update.schedule;
    if (!anchorConfigured || sameInstant(wantSchedule.anchor_date, curSchedule.anchor_date)) {
      wantSchedule.anchor_date = curSchedule.anchor_date;
    }
  }
  if ("cron" in wantSchedule && wantSchedule.timezone === null && curSchedule.timezone === "UTC") wantSchedule.timezone = "UTC";
  return jsonEqual(wantSchedule, curSchedule) && want.active === cur.active && jsonEqual(want.parameters, cur.parameters) && (want.slug ?? null) === cur.slug;
}
function schedulesEqual(d, current) {
  if (!d.schedulesConfigured) return true;
  if (d.schedules.length !== current.length) return false;
  const owner = Array.from({ length: current.length }, () => void 0);
  const assign = (i, seen) => {
    for (let j = 0; j < current.length; j++) {
      if (seen[j] || !scheduleMatches(d.schedules[i], current[j])) continue;
      seen[j] = true;
      if (owner[j] === void 0 || assign(owner[j], seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  return d.schedules.every((_, i) => assign(i, new Array(current.length).fill(false)));
}
function diffDeployment(d, current) {
  const body = updateBody(d);
  const changes = [];
  const compare = (field, to, from, equal = jsonEqual(to, from)) => {
    if (!equal) changes.push({ field, from, to });
  };
  compare("description", body.description, current.description ?? null);
  compare("version", body.version, current.version ?? null);
  compare("parameters", body.parameters, current.parameters ?? {});
  if ("paused" in body) compare("paused", body.paused, current.paused ?? false);
  if (d.schedulesConfigured) {
    const cur = Array.isArray(current.schedules) ? current.schedules : [];
    compare(
      "schedules",
      d.schedules.map((s) => s.create),
      cur.map(currentSchedule),
      schedulesEqual(d, cur)
    );
  }
  const gcl = isMapping(current.global_concurrency_limit) ? current.global_concurrency_limit : void 0;
  const currentLimit = gcl?.limit ?? current.concurrency_limit ?? null;
  compare("concurrency_limit", body.concurrency_limit, currentLimit);
  if (body.concurrency_options !== null || currentLimit !== null && current.concurrency_options) {
    const cur = isMapping(current.concurrency_options) ? current.concurrency_options : null;
    const want = isMapping(body.concurrency_options) ? { grace_period_seconds: null, ...body.concurrency_options } : null;
    const curFull = cur ? { grace_period_seconds: null, ...cur } : null;
    compare("concurrency_options", body.concurrency_options, cur, jsonEqual(want, curFull));
  }
  compare("tags", body.tags, current.tags ?? []);
  compare("work_pool_name", body.work_pool_name, current.work_pool_name ?? null);
  compare("work_queue_name", body.work_queue_name, current.work_queue_name ?? null, (body.work_queue_name ?? "default") === (current.work_queue_name ?? "default"));
  const jobVariables = body.job_variables;
  if (Object.keys(jobVariables).length > 0) compare("job_variables", jobVariables, current.job_variables ?? {});
  compare("entrypoint", body.entrypoint, current.entrypoint ?? null);
  if ("enforce_parameter_schema" in body) compare("enforce_parameter_schema", body.enforce_parameter_schema, current.enforce_parameter_schema);
  compare("parameter_openapi_schema", body.parameter_openapi_schema, current.parameter_openapi_schema ?? null);
  compare("pull_steps", body.pull_steps, current.pull_steps ?? null);
  return changes;
}
function automationShape(a) {
  const { id: _id, created: _c, updated: _u, account: _a, workspace: _w, ...rest } = a;
  return { ...rest, trigger: withoutIds(rest.trigger) };
}
var SET_FIELDS = /* @__PURE__ */ new Set(["after", "expect", "for_each"]);
function withoutIds(value) {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!isMapping(value)) return value;
  const { id: _id, ...rest } = value;
  return Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, k === "triggers" ? withoutIds(v) : SET_FIELDS.has(k) && Array.isArray(v) ? Array.from(v, String).sort() : v])
  );
}
function automationsEqual(wanted, related, deploymentId) {
  const candidates = related.filter((a) => runsDeployment(a, deploymentId)).map(automationShape);
  if (candidates.length !== wanted.length) return false;
  const unmatched = [...candidates];
  return wanted.every((w) => {
    const shape = automationShape(w);
    const i = unmatched.findIndex((c) => Object.entries(shape).every(([k, v]) => k === "owner_resource" || jsonEqual(v, c[k])));
    if (i < 0) return false;
    unmatched.splice(i, 1);
    return true;
  });
}

// src/core/report/changes.ts
var KNOWN_AFTER_BUILD = "(known after build)";
var VERSION_FIELDS = /* @__PURE__ */ new Set(["version", "version_info"]);
function isVersionField(field) {
  return VERSION_FIELDS.has(field);
}
function classifyChange(d, action, changes) {
  const deferred = deferredMatcher(d.deferred);
  if (action === "created") {
    const knownAfterBuild3 = [];
    if (deferred) for (const [field, value] of Object.entries(updateBody(d))) substitute(void 0, value, field, deferred, knownAfterBuild3);
    return { category: "create", changes: [], knownAfterBuild: knownAfterBuild3 };
  }
  if (action === "unchanged") return { category: "unchanged", changes: [], knownAfterBuild: [] };
  const knownAfterBuild2 = [];
  const other = [];
  const version = [];
  for (const c of changes) {
    let shown = c;
    if (deferred) {
      const found = [];
      const to = substitute(c.from, c.to, c.field, deferred, found);
      knownAfterBuild2.push(...found);
      if (found.length > 0 && jsonEqual(c.from, to)) continue;
      if (found.length > 0) shown = { ...c, to };
    }
    (isVersionField(c.field) ? version : other).push(shown);
  }
  const category = other.length > 0 ? "update" : version.length > 0 ? "version-only" : knownAfterBuild2.length > 0 ? "unchanged-unless-build-differs" : "update";
  return { category, changes: [...other, ...version], knownAfterBuild: knownAfterBuild2 };
}
function deferredMatcher(placeholders) {
  if (placeholders.length === 0) return void 0;
  const sorted = [...new Set(placeholders)].sort((a, b) => b.length - a.length);
  return { placeholders: sorted, any: new RegExp(sorted.map((part) => RegExp.escape(part)).join("|"), "u") };
}
function substitute(from, to, path7, deferred, found) {
  if (typeof to === "string") {
    if (!deferred.any.test(to)) return to;
    const couldMatch = couldProduce(to, deferred, from);
    found.push({ path: path7, written: to, ...from !== void 0 ? { current: from } : {}, couldMatch });
    return couldMatch ? from : KNOWN_AFTER_BUILD;
  }
  if (Array.isArray(to)) {
    const before = Array.isArray(from) ? from : [];
    return to.map((v, i) => substitute(before[i], v, `${path7}[${i}]`, deferred, found));
  }
  if (isMapping(to)) {
    const before = isMapping(from) ? from : {};
    const out = {};
    for (const [k, v] of Object.entries(to)) out[k] = substitute(Object.hasOwn(before, k) ? before[k] : void 0, v, `${path7}.${k}`, deferred, found);
    return out;
  }
  return to;
}
function couldProduce(template, deferred, value) {
  if (value === void 0) return false;
  if (deferred.placeholders.includes(template)) return true;
  if (typeof value !== "string") return false;
  const literal = template.split(deferred.any).map((part) => RegExp.escape(part));
  return new RegExp(`^${literal.join("[\\s\\S]*")}$`, "u").test(value);
}

// src/prefect/ui.ts
function cloudUiUrl(env) {
  if (env.PREFECT_CLOUD_UI_URL) return env.PREFECT_CLOUD_UI_URL;
  let ui = env.PREFECT_CLOUD_API_URL || DEFAULT_CLOUD_API_URL;
  if (/^https:\/\/api[.\w]*.prefect.[^.]+\//.test(ui)) ui = ui.replace("https://api", "https://app");
  return ui.endsWith("/api") ? ui.slice(0, -4) : ui;
}
function deploymentUrl(ui, id) {
  return ui && id ? `${ui}/deployments/deployment/${id}` : null;
}
function flowRunUrl(ui, id) {
  return ui && id ? `${ui}/runs/flow-run/${id}` : null;
}
function uiUrl(apiUrl, env) {
  if (env.PREFECT_UI_URL) return env.PREFECT_UI_URL;
  if (!apiUrl) return void 0;
  let ui = apiUrl;
  const cloud = env.PREFECT_CLOUD_API_URL || DEFAULT_CLOUD_API_URL;
  if (apiUrl.startsWith(cloud)) ui = ui.replaceAll(cloud, cloudUiUrl(env));
  if (ui.endsWith("/api")) ui = ui.slice(0, -4);
  return ui.replaceAll("/api/", "/").replaceAll("/accounts/", "/account/").replaceAll("/workspaces/", "/workspace/");
}

// src/core/report/deletions.ts
function deletionJson(d) {
  return { name: d.name, flow_name: d.flowName, id: d.id, action: "delete" };
}
function deletionsText(deletions, paint = plainText) {
  if (deletions.length === 0) return [];
  return [
    "",
    `to delete (owned by this project, no longer in prefect.yaml; deploy --prune deletes them with their automations):`,
    ...deletions.map((d) => paint("remove", `- ${qualifiedName(d)} (delete)`))
  ];
}
function deletionsMarkdown(deletions, options) {
  if (deletions.length === 0) return [];
  const lead = options.done ? `\u{1F5D1}\uFE0F **Deleted** (owned by this project, no longer in prefect.yaml), with their automations:` : `\u{1F5D1}\uFE0F **To delete** (owned by this project, no longer in prefect.yaml; a deploy with \`prune\` deletes them with their automations):`;
  const name = (d) => {
    const text = `\`${qualifiedName(d)}\``;
    const url = options.done ? void 0 : deploymentUrl(options.uiUrl, d.id);
    return url ? `[${text}](${url})` : text;
  };
  return [lead, "", ...deletions.map((d) => `- \u{1F534} ${name(d)}`), ""];
}

// src/core/report/field-diff.ts
var import_yaml2 = __toESM(require_dist(), 1);
function scheduleAsWritten(s) {
  return s.rruleAsWritten !== void 0 && "rrule" in s.create.schedule ? { ...s.create.schedule, rrule: s.rruleAsWritten } : s.create.schedule;
}
function settingsYaml(d) {
  const p = d.payload;
  const value = { entrypoint: d.entrypoint };
  if (d.description) value.description = d.description;
  if (p.version) value.version = p.version;
  value.work_pool = {
    name: p.work_pool_name,
    ...p.work_queue_name ? { work_queue_name: p.work_queue_name } : {},
    ...isMapping(p.job_variables) && Object.keys(p.job_variables).length ? { job_variables: p.job_variables } : {}
  };
  if (isMapping(p.parameters) && Object.keys(p.parameters).length) value.parameters = p.parameters;
  if (d.schedules.length) {
    value.schedules = d.schedules.map((s) => ({
      ...withoutDefaultDayOr(scheduleAsWritten(s)),
      ...s.create.active ? {} : { active: false },
      ...s.create.slug ? { slug: s.create.slug } : {},
      ...Object.keys(s.create.parameters).length ? { parameters: s.create.parameters } : {}
    }));
  }
  if (Array.isArray(p.tags) && p.tags.length) value.tags = p.tags;
  if (p.paused) value.paused = true;
  if (p.concurrency_limit !== null) value.concurrency_limit = p.concurrency_limit;
  if (d.triggers.length) value.triggers = `${d.triggers.length} automation${d.triggers.length === 1 ? "" : "s"}`;
  if (d.deferred.length) value.filled_by_steps = [...d.deferred];
  return yaml(value, false);
}
function withoutDefaultDayOr(s) {
  const { day_or: dayOr, ...rest } = s;
  return dayOr === false ? { ...rest, day_or: false } : rest;
}
function fieldDiff(changes) {
  const lines = [];
  for (const c of changes) {
    const [from, to] = alignForDisplay(c.from, c.to);
    const before = yaml({ [c.field]: from === void 0 ? null : from }).split("\n");
    const after = yaml({ [c.field]: to === void 0 ? null : to }).split("\n");
    lines.push(...hunks(diffLines(before, after), 3));
  }
  return lines.join("\n");
}
function alignForDisplay(from, to) {
  if (Array.isArray(from) && Array.isArray(to)) {
    const [f, t] = [from, to];
    const n = Math.min(f.length, t.length);
    const pairs = Array.from({ length: n }, (_, i) => alignForDisplay(f[i], t[i]));
    return [
      [...pairs.map((p) => p[0]), ...f.slice(n)],
      [...pairs.map((p) => p[1]), ...t.slice(n)]
    ];
  }
  if (!isMapping(from) || !isMapping(to)) return [from, to];
  const a = {};
  const b = {};
  for (const k of /* @__PURE__ */ new Set([...Object.keys(from), ...Object.keys(to)])) {
    const inA = Object.hasOwn(from, k) && from[k] !== void 0;
    const inB = Object.hasOwn(to, k) && to[k] !== void 0;
    if (inA && inB) [a[k], b[k]] = alignForDisplay(from[k], to[k]);
    else if (inA && from[k] !== null) a[k] = from[k];
    else if (inB && to[k] !== null) b[k] = to[k];
  }
  return [a, b];
}
function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  if (n * m > 1e6) return [...a.map((text) => ({ op: "-", text })), ...b.map((text) => ({ op: "+", text }))];
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i2 = n - 1; i2 >= 0; i2--) {
    for (let j2 = m - 1; j2 >= 0; j2--) lcs[i2][j2] = a[i2] === b[j2] ? lcs[i2 + 1][j2 + 1] + 1 : Math.max(lcs[i2 + 1][j2], lcs[i2][j2 + 1]);
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: " ", text: a[i] });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push({ op: "+", text: b[j++] });
    } else {
      out.push({ op: "-", text: a[i++] });
    }
  }
  for (let k = 0; k < out.length; ) {
    if (out[k].op === " ") {
      k++;
      continue;
    }
    let end = k;
    while (end < out.length && out[end].op !== " ") end++;
    const run2 = out.slice(k, end);
    out.splice(k, run2.length, ...run2.filter((l) => l.op === "-"), ...run2.filter((l) => l.op === "+"));
    k = end;
  }
  return out;
}
function hunks(lines, context) {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === " ") return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  keep[0] = true;
  const out = [];
  let skipped = false;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped) out.push("@@ \u2026 @@");
    skipped = false;
    out.push(`${l.op}${l.text}`);
  });
  if (skipped) out.push("@@ \u2026 @@");
  return out;
}
function yaml(value, sorted = true) {
  return (0, import_yaml2.stringify)(value, { lineWidth: 0, sortMapEntries: sorted, aliasDuplicateObjects: false }).trimEnd();
}

// src/core/report/text.ts
function planToJson(plan, live, deletions, changedBecause) {
  const diag = (d) => ({
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    deployment: d.deployment ?? null,
    message: d.message
  });
  return {
    deployments: plan.deployments.map((d, i) => {
      const change = live?.[i];
      const classified = change && classifyChange(d, change.action, change.changes);
      const because = changedBecause?.get(d.index);
      return {
        name: d.name,
        flow_name: d.flowName,
        entrypoint: d.entrypoint,
        ...because ? { changed_because: because } : {},
        payload: d.payload,
        ...change && classified ? {
          action: change.action,
          changes: change.changes,
          notes: change.notes,
          category: classified.category,
          known_after_build: classified.knownAfterBuild.map((k) => ({
            path: k.path,
            written: k.written,
            ..."current" in k ? { current: k.current } : {},
            could_match: k.couldMatch
          }))
        } : {}
      };
    }),
    errors: plan.diagnostics.filter((d) => d.severity === "error").map(diag),
    warnings: plan.diagnostics.filter((d) => d.severity === "warning").map(diag),
    ...deletions ? { deletions: deletions.map(deletionJson) } : {}
  };
}
function planToText(plan, options) {
  const lines = [];
  const n = plan.deployments.length;
  lines.push(`${plan.prefectFile}: ${n} deployment${n === 1 ? "" : "s"} to register`);
  for (const d of plan.deployments) {
    lines.push("", ...deploymentText(d, options));
  }
  return lines.join("\n");
}
var SYMBOL = { create: "+", update: "~", "version-only": "~", "unchanged-unless-build-differs": "?", unchanged: "=" };
var TONE = { create: "add", update: "change", "version-only": "change", "unchanged-unless-build-differs": "muted", unchanged: "muted" };
var VERB = {
  create: "create",
  update: "update",
  "version-only": "update: version only",
  "unchanged-unless-build-differs": "unchanged unless the build output differs",
  unchanged: "unchanged"
};
var INDENT = "    ";
function liveChangesToText(plan, live, options) {
  const paint = options.paint ?? plainText;
  const classified = live.map((c) => classifyChange(c.deployment, c.action, c.changes));
  const count2 = (category) => classified.filter((c) => c.category === category).length;
  const extra = [
    ["version-only", "version only"],
    ["unchanged-unless-build-differs", VERB["unchanged-unless-build-differs"]]
  ].filter(([category]) => count2(category) > 0).map(([category, words]) => `, ${count2(category)} ${words}`).join("");
  const deleting = options.deletions?.length ? `, ${options.deletions.length} to delete` : "";
  const lines = [paint("heading", `${plan.prefectFile}: ${count2("create")} to create, ${count2("update")} to update, ${count2("unchanged")} unchanged${extra}${deleting}`)];
  lines.push(...deletionsText(options.deletions ?? [], paint));
  live.forEach((change, i) => {
    const d = change.deployment;
    const { category, changes, knownAfterBuild: knownAfterBuild2 } = classified[i];
    const fields = category === "update" && changes.length ? `: ${changes.map((c) => c.field).join(", ")}` : "";
    lines.push("", paint(TONE[category], `${SYMBOL[category]} ${qualifiedName(d)} (${VERB[category]}${fields})`));
    const because = options.changedBecause?.get(d.index);
    if (because) lines.push(`  ${because}`);
    for (const note of change.notes) lines.push(paint("change", `  ! ${note}`));
    if (category === "create") {
      lines.push(
        ...settingsYaml(d).split("\n").map((l) => INDENT + l)
      );
      lines.push(...nextRunsText(d.schedules, options));
    } else {
      if (changes.length) lines.push(...diffText(fieldDiff(changes), paint));
      if (changes.some((c) => c.field === "schedules")) lines.push(...nextRunsText(d.schedules, options));
    }
    for (const k of knownAfterBuild2) {
      const now = "current" in k ? `, now ${truncate(compact(k.current), 120)}${k.couldMatch ? "" : " (replaced)"}` : "";
      lines.push(`  ${k.path}: ${KNOWN_AFTER_BUILD} from ${JSON.stringify(k.written)}${now}`);
    }
  });
  return lines.join("\n");
}
function diffText(diff, paint) {
  return diff.split("\n").map((l) => {
    const tone = l.startsWith("+") ? "add" : l.startsWith("-") ? "remove" : l.startsWith("@@") ? "muted" : void 0;
    return tone ? paint(tone, INDENT + l) : INDENT + l;
  });
}
function nextRunsText(schedules, options) {
  const paint = options.paint ?? plainText;
  const out = [];
  for (const s of schedules) {
    if (!s.create.active) continue;
    const runs = nextRunTimes(s.create.schedule, options.runs ?? 3, options.now);
    if (runs.length) out.push(`${INDENT}next runs of ${describeSchedule(scheduleAsWritten(s))}:`, ...runs.map((r) => paint("muted", `${INDENT}  ${r}`)));
  }
  return out;
}
function compact(v) {
  return v === void 0 ? "(not set)" : JSON.stringify(v);
}
function deploymentText(d, options) {
  const p = d.payload;
  const out = [qualifiedName(d)];
  const because = options.changedBecause?.get(d.index);
  if (because) out.push(`  ${because}`);
  const field = (label, value) => out.push(`  ${label.padEnd(12)}${value}`);
  field("entrypoint", d.entrypoint);
  field("flow", `${d.flowName} (${d.flow.file}:${d.flow.line})`);
  field("work pool", `${String(p.work_pool_name)}${p.work_queue_name ? `, queue ${String(p.work_queue_name)}` : ""}`);
  field("version", `${String(p.version)} (${p.version_info.type})`);
  if (p.description) field("description", firstLine(String(p.description)));
  const tags = p.tags;
  if (tags.length) field("tags", tags.join(", "));
  if (p.paused) field("paused", "yes");
  if (p.concurrency_limit !== null) field("concurrency", String(p.concurrency_limit));
  const params = Object.entries(p.parameters);
  field("parameters", params.length ? "" : "none (flow defaults)");
  for (const [k, v] of params) out.push(`    ${k} = ${JSON.stringify(v)}`);
  const jobVariables = Object.entries(p.job_variables);
  if (jobVariables.length) {
    field("job vars", "");
    for (const [k, v] of jobVariables) out.push(`    ${k} = ${JSON.stringify(v)}`);
  }
  if (d.schedules.length === 0) field("schedules", "none");
  else {
    field("schedules", "");
    for (const s of d.schedules) {
      const status = s.create.active ? "" : " (inactive)";
      out.push(`    ${describeSchedule(scheduleAsWritten(s))}${status}${s.create.slug ? ` [${s.create.slug}]` : ""}`);
      const runs = nextRunTimes(s.create.schedule, options.runs ?? 3, options.now);
      if (runs.length) out.push(`      next: ${runs.join(", ")}`);
    }
  }
  for (const [label, steps] of [
    ["build", d.steps.build],
    ["push", d.steps.push],
    ["pull", d.steps.pull]
  ]) {
    field(`${label} steps`, steps.length ? "" : "none");
    for (const step of steps) out.push(`    ${stepSummary(step)}`);
  }
  if (d.triggers.length) field("triggers", `${d.triggers.length} automation${d.triggers.length === 1 ? "" : "s"}`);
  if (d.unresolved.length) {
    field("unresolved", "resolved against the server at deploy time:");
    for (const u of d.unresolved) {
      out.push(`    ${u.kind === "block_document_ref" ? `$ref block document ${u.blockDocumentId}` : u.placeholder}`);
    }
  }
  if (d.deferred.length) field("from steps", d.deferred.join(", "));
  return out;
}
function describeSchedule(s) {
  if (isCronSchedule(s)) return `cron "${s.cron}" (${s.timezone ?? "UTC"}${s.day_or ? "" : ", day-of-month AND day-of-week"})`;
  if (isIntervalSchedule(s)) return `every ${formatSeconds(s.interval)} from ${s.anchor_date} (${s.timezone})`;
  return `rrule "${s.rrule.replace(/\n/g, " ")}" (${s.timezone})`;
}
function formatSeconds(total) {
  const parts = [];
  let rest = total;
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60]
  ]) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${Number(rest.toFixed(6))}s`);
  return parts.join(" ");
}
function stepSummary(step) {
  const parsed = parseStep(step);
  if (parsed === void 0) return "(empty step)";
  const { name, inputs } = parsed;
  if (!inputs || typeof inputs !== "object") return name;
  const shown = Object.entries(inputs).map(([k, v]) => `${k}=${truncate(typeof v === "string" ? v : JSON.stringify(v), 80)}`);
  return shown.length ? `${name}  ${shown.join("  ")}` : name;
}
function truncate(s, max) {
  const oneLine = s.replace(/\s*\n\s*/g, " \u23CE ");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}\u2026` : oneLine;
}
function firstLine(s) {
  const line2 = s.split("\n")[0] ?? "";
  return s.includes("\n") ? `${line2} \u2026` : line2;
}

// src/core/report/markdown.ts
var ICON = {
  create: "\u{1F7E2}",
  created: "\u{1F7E2}",
  update: "\u{1F7E1}",
  updated: "\u{1F7E1}",
  version: "\u{1F3F7}\uFE0F",
  "unless-build": "\u2754",
  unchanged: "\u26AA",
  planned: "\u{1F535}",
  failed: "\u{1F534}"
};
var WORDS = {
  version: "version only",
  "unless-build": "unchanged unless the build output differs",
  planned: "deploy"
};
var VERB_OF = {
  create: "create",
  update: "update",
  "version-only": "version",
  "unchanged-unless-build-differs": "unless-build",
  unchanged: "unchanged"
};
function planToMarkdown(plan, live, options) {
  const rows = plan.deployments.map((deployment, i) => {
    const change = live?.[i];
    if (!change) return { deployment, verb: "planned", changes: [], knownAfterBuild: [], notes: [] };
    const classified = classifyChange(deployment, change.action, change.changes);
    return {
      deployment,
      verb: VERB_OF[classified.category],
      ...change.id ? { id: change.id } : {},
      changes: classified.changes,
      knownAfterBuild: classified.knownAfterBuild,
      notes: change.notes
    };
  });
  const errors = plan.diagnostics.filter((d) => d.severity === "error");
  let title;
  if (errors.length > 0) title = `\u274C Prefect deployment plan: ${count(errors.length, "error")} in \`${plan.prefectFile}\``;
  else if (!live) title = `Prefect deployment plan: ${count(rows.length, "deployment")}${skippedCount(options)} (not compared with a server)`;
  else {
    title = `Prefect deployment plan: ${tally(rows, [
      ["create", "to create"],
      ["update", "to update"],
      ["version", WORDS.version],
      ["unless-build", WORDS["unless-build"]],
      ["unchanged", "unchanged"]
    ])}${options.deletions?.length ? `, ${count(options.deletions.length, "deployment")} to delete` : ""}${skippedCount(options)}`;
  }
  return render(
    {
      deletions: deletionsMarkdown(options.deletions ?? [], { uiUrl: options.uiUrl }),
      title,
      rows,
      diagnostics: plan.diagnostics,
      errorLead: `nothing is registered until ${errors.length === 1 ? "it is" : "they are"} fixed.`,
      ...!live && errors.length === 0 ? { hint: "Without `api-url` the plan cannot tell what exists already: it shows what would be sent." } : {}
    },
    options
  );
}
function deployToMarkdown(result2, options) {
  const byKey = new Map(result2.plan.deployments.map((d) => [qualifiedName(d), d]));
  const rows = [];
  for (const o of result2.outcomes) {
    const deployment = byKey.get(qualifiedName(o));
    if (!deployment || o.action === "deleted") continue;
    rows.push({
      deployment,
      verb: o.action === "failed" ? "failed" : o.action,
      ...o.id ? { id: o.id } : {},
      changes: o.changes,
      knownAfterBuild: [],
      notes: o.notices,
      ...o.error ? { error: o.error } : {}
    });
  }
  const errors = result2.diagnostics.filter((d) => d.severity === "error");
  let title;
  if (result2.outcomes.length === 0) {
    const where = result2.stoppedAt === "steps" ? "a build or push step failed" : `${count(errors.length, "error")} in \`${result2.plan.prefectFile}\``;
    title = `\u274C Prefect deploy stopped before registering anything: ${where}`;
  } else {
    const failed = rows.filter((r) => r.verb === "failed").length;
    title = `${failed ? "\u274C " : ""}Prefect deploy: ${tally(rows, [
      ["created", "created"],
      ["updated", "updated"],
      ["unchanged", "unchanged"],
      ["failed", "failed"]
    ])}`;
  }
  const deleted = result2.outcomes.filter((o) => o.action === "deleted").map((o) => ({ flowName: o.flowName, name: o.name, id: o.id ?? "" }));
  if (deleted.length > 0) title += `, ${count(deleted.length, "deployment")} deleted`;
  if (result2.outcomes.length > 0) title += skippedCount(options);
  const shown = new Set(rows.flatMap((r) => r.notes));
  const diagnostics = result2.diagnostics.filter((d) => !(d.severity === "warning" && shown.has(d.message)));
  return render(
    {
      deletions: deletionsMarkdown(deleted, { done: true }),
      title,
      rows,
      diagnostics,
      errorLead: result2.outcomes.length === 0 ? "nothing was registered." : ""
    },
    options
  );
}
var ORDER = { failed: 0, create: 1, created: 1, update: 2, updated: 2, planned: 3, version: 4, "unless-build": 5, unchanged: 6 };
var QUIET = ["version", "unless-build", "unchanged"];
var QUIET_SHOWN = 10;
var OPEN_DIFFS = 3;
function render({ title, rows: given, diagnostics, errorLead, hint, deletions = [] }, options) {
  const rows = [...given].sort((a, b) => ORDER[a.verb] - ORDER[b.verb]);
  const out = [`### ${title}`, "", ...deletions];
  const collapsed = QUIET.filter((verb) => rows.filter((r) => r.verb === verb).length > QUIET_SHOWN);
  if (collapsed.length > 0 && rows.every((r) => collapsed.includes(r.verb))) collapsed.shift();
  const shown = rows.filter((r) => !collapsed.includes(r.verb));
  if (shown.length > 0) out.push(...shown.map((r) => line(r, options)), "");
  for (const verb of collapsed) {
    const these = rows.filter((r) => r.verb === verb);
    out.push(`<details><summary>${these.length} ${WORDS[verb] ?? verb}</summary>`, "", ...these.map((r) => line(r, options)), "", "</details>", "");
  }
  if (hint) out.push(`<sub>${hint}</sub>`, "");
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    out.push("> [!CAUTION]", `> ${count(errors.length, "error")}:${errorLead ? ` ${errorLead}` : ""}`);
    for (const e of errors) out.push(`> - ${inline(formatDiagnostic(e))}`);
    out.push("");
  }
  const notes = rows.flatMap((r) => r.notes.map((n) => `\`${qualifiedName(r.deployment)}\`: ${inline(n)}`));
  if (notes.length > 0) {
    out.push("> [!WARNING]", ...notes.map((n) => `> - ${n}`), "");
  }
  const open = rows.filter((r) => r.verb === "update").length <= OPEN_DIFFS;
  for (const row of rows) {
    if (row.verb === "version" || row.verb === "unless-build") continue;
    const body = details(row, options);
    if (body.length === 0) continue;
    const what = row.verb === "planned" ? "" : `: ${row.verb}${row.changes.length ? ` ${row.changes.map((c) => `<code>${html(c.field)}</code>`).join(", ")}` : ""}`;
    out.push(
      `<details${open && row.verb === "update" ? " open" : ""}><summary><code>${html(qualifiedName(row.deployment))}</code>${what}</summary>`,
      "",
      ...body,
      "</details>",
      ""
    );
  }
  out.push(...versionOnly(rows.filter((r) => r.verb === "version")));
  out.push(...knownAfterBuild(rows));
  const warnings = diagnostics.filter((d) => d.severity === "warning");
  if (warnings.length > 0) {
    out.push(`<details><summary>${count(warnings.length, "warning")}</summary>`, "");
    for (const w of warnings) out.push(`- ${inline(formatDiagnostic(w))}`);
    out.push("", "</details>", "");
  }
  if (options.footer) out.push(options.footer, "");
  return `${out.join("\n").trimEnd()}
`;
}
function line(row, options) {
  const d = row.deployment;
  const name = code(qualifiedName(d));
  const url = deploymentUrl(options.uiUrl, row.id);
  const words = WORDS[row.verb] ?? row.verb;
  const loud = row.verb === "create" || row.verb === "update" || row.verb === "created" || row.verb === "updated" || row.verb === "failed";
  const summary = lineSummary(row);
  const because = options.changedBecause?.get(d.index);
  return `- ${ICON[row.verb]} ${url ? `[${name}](${url})` : name} ${loud ? `**${words}**` : words}${summary ? `: ${summary}` : ""}${because ? `<br><sub>${inline(because)}</sub>` : ""}`.replace(
    /\n/g,
    " "
  );
}
function lineSummary(row) {
  const p = row.deployment.payload;
  switch (row.verb) {
    case "create":
    case "created":
    case "planned": {
      const schedules = row.deployment.schedules.filter((s) => s.create.active).map((s) => shortSchedule(scheduleAsWritten(s)));
      const image = imageOf(row);
      return [
        `work pool ${typeof p.work_pool_name === "string" ? code(p.work_pool_name) : "\u2014"}`,
        ...schedules.length > 2 ? [`${schedules.length} schedules`] : schedules,
        ...image ? [`image ${image}`] : []
      ].join(", ");
    }
    case "update":
    case "updated":
      return row.changes.map((c) => c.field === "schedules" ? schedulesSummary(row, c) : changeSummary(c)).join(", ");
    case "version": {
      const c = row.changes.find((x) => x.field === "version");
      return c ? `${versionCode(c.from)} \u2192 ${versionCode(c.to)}` : "";
    }
    case "failed":
      return row.error ? inline(firstLine2(row.error, 120)) : "";
    default:
      return "";
  }
}
function changeSummary(c) {
  const scalar = (v) => v === null || v === void 0 || ["string", "number", "boolean"].includes(typeof v);
  if (!scalar(c.from) || !scalar(c.to) || c.field === "description") return code(c.field);
  const [from, to] = [versionCode(c.from), versionCode(c.to)];
  return from.length + to.length > 48 ? code(c.field) : `${code(c.field)} ${from} \u2192 ${to}`;
}
function schedulesSummary(row, c) {
  const list = (shown) => shown.length ? shown.join(", ") : "none";
  const before = Array.isArray(c.from) ? list(c.from.filter((s) => isMapping(s) && isMapping(s.schedule)).map((s) => shortSchedule(s.schedule))) : "";
  const after = list(row.deployment.schedules.map((s) => shortSchedule(scheduleAsWritten(s))));
  return before && before !== after && before.length + after.length <= 90 ? `${code(c.field)} ${before} \u2192 ${after}` : code(c.field);
}
function imageOf(row) {
  const jobVariables = row.deployment.payload.job_variables;
  const image = isMapping(jobVariables) ? jobVariables.image : void 0;
  if (typeof image !== "string") return void 0;
  return row.deployment.deferred.some((p) => image.includes(p)) ? KNOWN_AFTER_BUILD : code(image);
}
function firstLine2(text, max) {
  const first = text.split("\n")[0];
  return first.length > max ? `${first.slice(0, max - 1)}\u2026` : first;
}
function skippedCount(options) {
  return options.skipped ? `, ${options.skipped} skipped` : "";
}
function details(row, options) {
  const out = [];
  if (row.error) out.push(`**Error:** ${inline(row.error)}`, "");
  if (row.changes.length > 0) out.push(...fence("diff", fieldDiff(row.changes)), "");
  else if (row.verb === "create" || row.verb === "created" || row.verb === "planned") out.push(...fence("yaml", settingsYaml(row.deployment)), "");
  const schedulesChange = row.changes.some((c) => c.field === "schedules");
  if (row.verb === "create" || row.verb === "created" || row.verb === "planned" || schedulesChange) out.push(...nextRuns(row.deployment, options));
  return out;
}
function versionOnly(rows) {
  if (rows.length === 0) return [];
  const groups2 = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const c = row.changes.find((x) => x.field === "version") ?? row.changes[0];
    const k = JSON.stringify([c.field, c.from, c.to]);
    if (!groups2.has(k)) groups2.set(k, { from: c.from, to: c.to, names: [] });
    groups2.get(k).names.push(qualifiedName(row.deployment));
  }
  const out = [`<details><summary>${rows.length} version only</summary>`, "", "A deploy sets the new version (the commit) and changes nothing else:", ""];
  for (const g of groups2.values()) out.push(`- ${g.names.map(code).join(", ")}: ${versionCode(g.from)} \u2192 ${versionCode(g.to)}`);
  return [...out, "", "</details>", ""];
}
function versionCode(v) {
  return v === null || v === void 0 ? "none" : code(typeof v === "string" ? v : JSON.stringify(v));
}
function knownAfterBuild(rows) {
  const groups2 = /* @__PURE__ */ new Map();
  for (const row of rows) {
    for (const value of row.knownAfterBuild) {
      const k = JSON.stringify([value.path, value.written, value.current ?? null, value.couldMatch]);
      if (!groups2.has(k)) groups2.set(k, { value, names: [] });
      groups2.get(k).names.push(qualifiedName(row.deployment));
    }
  }
  if (groups2.size === 0) return [];
  const paths = [...new Set([...groups2.values()].map((g) => g.value.path))];
  const deployments = new Set([...groups2.values()].flatMap((g) => g.names)).size;
  const out = [
    `<details><summary>Known after build: ${paths.slice(0, 3).map((p) => `<code>${html(p)}</code>`).join(", ")}${paths.length > 3 ? ` and ${paths.length - 3} more` : ""} (${count(deployments, "deployment")})</summary>`,
    "",
    "The plan does not run the build and push steps, so values filled from their outputs are known only after the build: a deployment changes where the build's output differs from the server's value.",
    "",
    "| Value | Written | On the server | Deployments |",
    "|---|---|---|---|"
  ];
  for (const { value, names } of groups2.values()) {
    const current = value.current === void 0 ? "\u2014" : code(typeof value.current === "string" ? value.current : JSON.stringify(value.current));
    out.push(
      `| ${code(value.path)} | ${code(value.written)} | ${current}${value.couldMatch || value.current === void 0 ? "" : " (replaced)"} | ${names.map(code).join("<br>")} |`
    );
  }
  return [...out, "", "</details>", ""];
}
function nextRuns(d, options) {
  const out = [];
  for (const s of d.schedules) {
    if (!s.create.active) continue;
    const runs = nextRunTimes(s.create.schedule, options.runs ?? 3, options.now);
    if (runs.length) out.push(`- ${shortSchedule(scheduleAsWritten(s))}: ${runs.map(code).join(", ")}`);
  }
  return out.length ? ["Next runs:", "", ...out, ""] : [];
}
function shortSchedule(s) {
  if (isCronSchedule(s)) return `cron ${code(s.cron)}${s.timezone ? ` ${s.timezone}` : ""}`;
  if (isIntervalSchedule(s)) return `every ${formatSeconds(s.interval)}${s.timezone && s.timezone !== "UTC" ? ` ${s.timezone}` : ""}`;
  return `rrule ${code(s.rrule.replace(/\n/g, " "))}${s.timezone ? ` ${s.timezone}` : ""}`;
}
function fence(lang, body) {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(Math.max(3, longest + 1));
  return [`${marks}${lang}`, ...body.split("\n"), marks];
}
function code(text) {
  const oneLine = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(longest + 1);
  const pad = longest > 0 || oneLine.startsWith(" ") || oneLine.endsWith(" ") ? " " : "";
  return `${marks}${pad}${oneLine}${pad}${marks}`;
}
function inline(text) {
  return text.replace(/\r?\n/g, " ").replace(/([\\`*_[\]<>|])/g, "\\$1");
}
function html(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
function tally(rows, verbs) {
  const parts = verbs.map(([verb, text]) => [rows.filter((r) => r.verb === verb).length, text]).filter(([n]) => n > 0);
  return parts.length ? parts.map(([n, text]) => `${n} ${text}`).join(", ") : "no deployments selected";
}

// src/core/report/skipped.ts
function skippedToText(s) {
  if (!s || s.skipped.length === 0) return "";
  return [`${s.skipped.length} deployment(s) skipped: unchanged since ${s.ref}`, ...s.skipped.map((d) => `  ${d.deployment}  skipped: ${d.reason}`)].join("\n");
}
function skippedToMarkdown(s) {
  if (!s || s.skipped.length === 0) return "";
  const rows = s.skipped.map((d) => `| ${code(d.deployment)} | skipped: ${plain(d.reason)} |`);
  return [
    `<details><summary>${s.skipped.length} deployment(s) skipped: unchanged since <code>${html2(s.ref)}</code></summary>`,
    "",
    "| Deployment | |",
    "| --- | --- |",
    ...rows,
    "",
    "</details>"
  ].join("\n");
}
function skippedToJson(s) {
  return s ? s.skipped.map((d) => ({ deployment: d.deployment, reason: d.reason })) : [];
}
function plain(text) {
  return text.replace(/\r?\n/g, " ").replace(/([\\`*_[\]<>|])/g, "\\$1");
}
function html2(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// src/core/plan/matrix.ts
function selectorOf(d) {
  const fn = d.entrypoint.split(":").pop() ?? "";
  return `${fn.replaceAll("_", "-")}/${d.name}`;
}
function matrixEntry(d) {
  return { deployment: selectorOf(d), name: d.name, flow: d.flowName, entrypoint: d.entrypoint };
}
function matrixOf(plan) {
  return { include: plan.deployments.map(matrixEntry) };
}

// src/core/report/projects.ts
var PROJECT_SEPARATOR = ":";
function projectSelector(project, selector) {
  return `${project}${PROJECT_SEPARATOR}${selector}`;
}
var inRun = (project, d) => d.file.startsWith("/") ? d : { ...d, file: `${project}/${d.file}`.replace(/^\.\//u, "") };
function projectsPlanToJson(projects) {
  const all = planToJson({
    prefectFile: "",
    deployments: [],
    diagnostics: projects.flatMap((p) => p.plan.diagnostics.map((d) => inRun(p.project, d)))
  });
  return {
    projects: projects.map((p) => ({
      project: p.project,
      ...planToJson(p.plan, p.live, p.deletions, p.changedSince?.because),
      ...p.changedSince ? { skipped: skippedToJson(p.changedSince) } : {}
    })),
    errors: all.errors,
    warnings: all.warnings
  };
}
function totals(projects) {
  const counts = /* @__PURE__ */ new Map();
  const add = (k, n = 1) => counts.set(k, (counts.get(k) ?? 0) + n);
  let errors = 0;
  for (const p of projects) {
    errors += p.plan.diagnostics.filter((d) => d.severity === "error").length;
    if (!p.live) p.plan.deployments.forEach(() => add("planned"));
    else for (const c of p.live) add(classifyChange(c.deployment, c.action, c.changes).category);
    if (p.deletions?.length) add("delete", p.deletions.length);
    if (p.changedSince?.skipped.length) add("skipped", p.changedSince.skipped.length);
  }
  return { counts, errors };
}
var WORDS2 = [
  ["planned", "to deploy"],
  ["create", "to create"],
  ["update", "to update"],
  ["version-only", "version only"],
  ["unchanged-unless-build-differs", "unchanged unless the build output differs"],
  ["unchanged", "unchanged"],
  ["delete", "to delete"],
  ["skipped", "skipped (unchanged)"]
];
var plural = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;
function tallyText(projects) {
  const { counts, errors } = totals(projects);
  const parts = WORDS2.filter(([k]) => (counts.get(k) ?? 0) > 0).map(([k, w]) => `${counts.get(k)} ${w}`);
  if (errors > 0) parts.unshift(plural(errors, "error"));
  return parts.length > 0 ? parts.join(", ") : "no deployments selected";
}
function projectsPlanToText(projects, options) {
  const lines = [`${plural(projects.length, "project")}: ${tallyText(projects)}`];
  for (const p of projects) {
    const each = { ...options, ...p.deletions ? { deletions: p.deletions } : {}, ...p.changedSince?.because ? { changedBecause: p.changedSince.because } : {} };
    const body = p.live ? liveChangesToText(p.plan, p.live, each) : planToText(p.plan, each);
    lines.push("", `== ${p.project} ==`, body);
    const skipped = skippedToText(p.changedSince);
    if (skipped) lines.push(skipped);
  }
  return lines.join("\n");
}
function section(project, markdown) {
  const body = markdown.replace(/^### (❌ )?Prefect [a-z ]+: /u, "$1");
  return [`### \u{1F4C1} \`${project}\`: ${body}`.trimEnd(), ""];
}
function projectsPlanToMarkdown(projects, options) {
  const { errors } = totals(projects);
  const out = [`## ${errors > 0 ? "\u274C " : ""}Prefect deployment plan: ${plural(projects.length, "project")}, ${tallyText(projects)}`, ""];
  out.push("| Project | Deployments | Plan |", "|---|---|---|");
  for (const p of projects) out.push(`| \`${p.project}\` | ${p.plan.deployments.length} | ${tallyText([p])} |`);
  out.push("");
  const { footer, ...each } = options;
  for (const p of projects) {
    const own = { ...each, ...p.deletions ? { deletions: p.deletions } : {}, ...p.changedSince?.because ? { changedBecause: p.changedSince.because } : {} };
    out.push(...section(p.project, planToMarkdown(p.plan, p.live, own)));
    const skipped = skippedToMarkdown(p.changedSince);
    if (skipped) out.push(skipped, "");
  }
  if (footer) out.push(footer, "");
  return out.join("\n");
}
function projectsDeployToMarkdown(projects, options) {
  const count2 = (a) => projects.reduce((n, p) => n + p.result.outcomes.filter((o) => o.action === a).length, 0);
  const failed = projects.some((p) => p.result.stoppedAt || p.result.outcomes.some((o) => o.action === "failed"));
  const words = [
    ["created", "created"],
    ["updated", "updated"],
    ["unchanged", "unchanged"],
    ["failed", "failed"]
  ].filter(([a]) => count2(a) > 0).map(([a, w]) => `${count2(a)} ${w}`);
  const skipped = projects.reduce((n, p) => n + (p.changedSince?.skipped.length ?? 0), 0);
  if (skipped > 0) words.push(`${skipped} skipped (unchanged)`);
  const out = [`## ${failed ? "\u274C " : ""}Prefect deploy: ${plural(projects.length, "project")}${words.length ? `, ${words.join(", ")}` : ""}`, ""];
  const { footer, ...each } = options;
  for (const p of projects) {
    out.push(...section(p.project, deployToMarkdown(p.result, each)));
    const block = skippedToMarkdown(p.changedSince);
    if (block) out.push(block, "");
  }
  if (footer) out.push(footer, "");
  return out.join("\n");
}
function projectsMatrix(projects) {
  return {
    include: projects.flatMap(
      (p) => p.plan.deployments.map((d) => {
        const entry = matrixEntry(d);
        return { ...entry, project: p.project, deployment: projectSelector(p.project, entry.deployment) };
      })
    )
  };
}

// src/core/plan/preview.ts
var PREVIEW_ID_ENV = "PREFECT_DEPLOY_PREVIEW_ID";
var ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
function previewIdProblem(id) {
  if (ID_PATTERN.test(id)) return void 0;
  return `preview id "${id}" must be 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. pr-42)`;
}
function previewName(name, id) {
  return `${name}-${id}`;
}
function previewTag(id) {
  return `preview:${id}`;
}
function previewOwner(identity, id) {
  return `${identity}#preview:${id}`;
}
function previewDeployment(d, options) {
  const name = previewName(d.name, options.id);
  const tag = previewTag(options.id);
  const tags = Array.isArray(d.payload.tags) ? d.payload.tags : [];
  const schedules = options.withSchedules ? d.schedules : d.schedules.map((s) => ({ ...s, create: { ...s.create, active: false }, update: { ...s.update, active: false } }));
  return {
    ...d,
    name,
    payload: {
      ...d.payload,
      name,
      tags: tags.includes(tag) ? tags : [...tags, tag],
      schedules: schedules.map((s) => s.create)
    },
    schedules,
    triggers: options.withTriggers ? d.triggers : [],
    // SLAs alert on a deployment's runs; a preview's runs are trials.
    slas: void 0
  };
}
function previewPlan(plan, options) {
  return { ...plan, deployments: plan.deployments.map((d) => previewDeployment(d, options)) };
}

// src/core/report/preview.ts
var code2 = (text) => `\`${text.replaceAll("`", "'")}\``;
function previewToMarkdown(report) {
  const { id, outcomes } = report;
  const errors = report.diagnostics.filter((d) => d.severity === "error");
  const failed = outcomes.filter((o) => o.action === "failed").length;
  const lines = [];
  if (report.action === "up") {
    const registered = outcomes.filter((o) => o.action !== "failed").length;
    const title = outcomes.length === 0 && errors.length > 0 ? `\u274C Preview deployments ${code2(id)}: nothing registered` : `${failed ? "\u274C " : "\u{1F50D} "}Preview deployments ${code2(id)}: ${registered} registered${failed ? `, ${failed} failed` : ""}`;
    lines.push(`### ${title}`, "");
    if (outcomes.length > 0) {
      lines.push("| Deployment | | Prefect UI |", "|---|---|---|");
      for (const o of outcomes) {
        const url = deploymentUrl(report.uiUrl, o.id);
        lines.push(`| ${code2(qualifiedName(o))} | ${o.action} | ${url ? `[open](${url})` : "\u2014"} |`);
      }
      lines.push("");
      const schedules = report.withSchedules ? "schedules active" : "schedules inactive";
      const triggers = report.withTriggers ? "triggers registered" : "no triggers";
      lines.push(`Copies of the selected deployments (same flows): ${schedules}, ${triggers}, tagged ${code2(previewTag(id))}. Deleted when the pull request closes.`, "");
    }
  } else {
    const deleted = outcomes.filter((o) => o.action === "deleted");
    const title = failed || errors.length ? `\u274C Preview deployments ${code2(id)}: ${deleted.length} deleted, ${failed} failed` : `\u{1F5D1}\uFE0F Preview deployments ${code2(id)}: ${deleted.length === 0 ? "none left to delete" : `${deleted.length} deleted`}`;
    lines.push(`### ${title}`, "");
    for (const o of outcomes) lines.push(`- ${o.action === "deleted" ? "\u{1F534}" : "\u274C"} ${code2(qualifiedName(o))}${o.error ? `: ${o.error}` : ""}`);
    if (outcomes.length > 0) lines.push("");
  }
  for (const d of report.diagnostics) lines.push(`> ${d.severity === "error" ? "\u274C" : "\u26A0\uFE0F"} ${formatDiagnostic(d).replaceAll("\n", " ")}`);
  if (report.diagnostics.length > 0) lines.push("");
  if (report.footer) lines.push(report.footer, "");
  return lines.join("\n");
}

// src/core/report/smoke.ts
function smokeToMarkdown(outcomes) {
  if (!outcomes || outcomes.length === 0) return "";
  const failed = outcomes.filter((o) => o.status !== "completed").length;
  const title = failed ? `\u274C Smoke runs: ${failed} of ${outcomes.length} did not complete` : `Smoke runs: ${outcomes.length} completed`;
  const rows = outcomes.map((o) => {
    const ended = o.status === "timed-out" ? `not Completed in time (still ${o.state ?? "unknown"})` : o.status === "error" ? "error" : o.state ?? o.status;
    return `| ${code(o.deployment)} | ${o.runName ? code(o.runName) : "\u2014"} | ${o.status === "completed" ? "\u2705" : "\u274C"} ${plain2(ended)} | ${(o.durationMs / 1e3).toFixed(1)}s | ${o.message ? plain2(o.message) : ""} |`;
  });
  const logs = outcomes.filter((o) => o.logs.length > 0).map((o) => {
    const fence3 = "`".repeat(Math.max(3, ...o.logs.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length + 1))));
    const summary = `<details><summary>${html3(o.deployment)} run ${html3(o.runName ?? "")}: last log lines</summary>`;
    return [summary, "", `${fence3}text`, ...o.logs, fence3, "", "</details>"].join("\n");
  });
  return [`#### ${title}`, "", "| Deployment | Run | State | After | Message |", "| --- | --- | --- | --- | --- |", ...rows, "", ...logs].join("\n").trimEnd();
}
function plain2(text) {
  return text.replace(/\r?\n/g, " ").replace(/([\\`*_[\]<>|])/g, "\\$1");
}
function html3(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// src/core/report/drift.ts
function driftedDeployments(live) {
  return live.filter((c) => {
    const category = classifyChange(c.deployment, c.action, c.changes).category;
    return category === "create" || category === "update";
  });
}
function driftedFields(c) {
  return classifyChange(c.deployment, c.action, c.changes).changes.map((f) => f.field).filter((f) => f !== "version" && f !== "version_info");
}
function driftHeadline({ prefectFile, live, deletions = [], uiUrl: uiUrl2 }) {
  const drifted = driftedDeployments(live);
  const total = live.length + deletions.length;
  const n = drifted.length + deletions.length;
  const of = `${total} deployment${total === 1 ? "" : "s"}`;
  if (n === 0) return `### \u2705 No drift: the Prefect server matches \`${prefectFile}\` (${of})
`;
  const link = (label, id) => {
    const url = deploymentUrl(uiUrl2, id);
    return url ? `[\`${label}\`](${url})` : `\`${label}\``;
  };
  const lines = [
    ...drifted.map((c) => {
      const label = `${c.deployment.flowName}/${c.deployment.name}`;
      return c.action === "created" ? `- ${link(label, void 0)}: missing on the server (a deploy creates it)` : `- ${link(label, c.id)}: ${driftedFields(c).map((f) => `\`${f}\``).join(", ")} differ${c.notes.length ? ` \u2014 ${c.notes.join("; ")}` : ""}`;
    }),
    ...deletions.map((d) => `- ${link(`${d.flowName}/${d.name}`, d.id)}: on the server, no longer in \`${prefectFile}\` (a deploy with prune deletes it)`)
  ];
  return [
    `### \u26A0\uFE0F Drift: the Prefect server differs from \`${prefectFile}\` in ${n} of ${of}`,
    "",
    ...lines,
    "",
    "A deploy of `" + prefectFile + "` puts them back; or change `" + prefectFile + "` to what the server holds.",
    ""
  ].join("\n");
}

// src/core/report/applied.ts
var ICON2 = { created: "\u{1F7E2}", updated: "\u{1F7E1}", unchanged: "\u26AA", deleted: "\u{1F5D1}\uFE0F", failed: "\u{1F534}" };
var ORDER2 = ["created", "updated", "unchanged", "deleted", "failed"];
function appliedToMarkdown(status) {
  const outcomes = status.outcomes ?? [];
  const short = status.sha.slice(0, 7);
  const failed = outcomes.some((o) => o.action === "failed") || status.errors.length > 0;
  const tally2 = ORDER2.map((a) => [outcomes.filter((o) => o.action === a).length, a]).filter(([n]) => n > 0).map(([n, a]) => `${n} ${a}`).join(", ");
  const what = tally2 || "nothing was registered";
  const out = [failed ? `### \u274C Apply failed at \`${short}\`: ${what}` : `### \u2705 Applied at \`${short}\`: ${what}`, ""];
  if (outcomes.length > 0) {
    out.push("| | Deployment | Result |", "|---|---|---|");
    for (const o of outcomes) {
      const label = code3(`${o.flowName}/${o.name}`);
      const url = o.action === "deleted" ? null : deploymentUrl(status.uiUrl, o.id);
      out.push(`| ${ICON2[o.action]} | ${url ? `[${label}](${url})` : label} | ${result(o)} |`);
    }
    out.push("");
  }
  if (status.errors.length > 0) out.push(...fence2(status.errors.join("\n")), "");
  if (status.footer) out.push(status.footer, "");
  return out.join("\n");
}
function result(o) {
  if (o.action === "failed") return `**failed**: ${cell(o.error ?? "no reason given")}`;
  if (o.action === "updated" && o.changes.length > 0) return `**updated**: ${o.changes.map((c) => code3(c.field)).join(", ")}`;
  return o.action === "unchanged" ? "unchanged" : `**${o.action}**`;
}
var APPLIED = "<!-- deploy-action:applied -->";
var PLAN_START = "<!-- deploy-action:applied-plan -->";
var PLAN_END = "<!-- /deploy-action:applied-plan -->";
function foldPlan(current, status, planLimit = Infinity) {
  const plan = planOf(current);
  const note = "\n\n> [!NOTE]\n> Cut to fit the comment.";
  const shown = plan.length > planLimit ? `${plan.slice(0, Math.max(0, planLimit - note.length))}${note}` : plan;
  return [APPLIED, status.trimEnd(), "", "<details><summary>The plan it was applied from</summary>", "", PLAN_START, shown.trim(), PLAN_END, "", "</details>", ""].join(
    "\n"
  );
}
function planOf(body) {
  const start = body.indexOf(PLAN_START);
  const end = body.lastIndexOf(PLAN_END);
  return body.startsWith(APPLIED) && start >= 0 && end > start ? body.slice(start + PLAN_START.length, end).trim() : body.trim();
}
function code3(text) {
  const oneLine = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(longest + 1);
  const pad = longest > 0 ? " " : "";
  return `${marks}${pad}${oneLine}${pad}${marks}`;
}
function cell(text) {
  return text.replace(/\r?\n/g, " ").replace(/([\\`*_[\]<>|])/g, "\\$1");
}
function fence2(body) {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(Math.max(3, longest + 1));
  return [`${marks}text`, ...body.split("\n"), marks];
}

export {
  deploymentUrl,
  flowRunUrl,
  uiUrl,
  indexPython,
  affectedBy,
  flowSourceFiles,
  withFlowAnalysisCache,
  analyzeEntrypoint,
  automationBody,
  slaBodies,
  runGit,
  sharingGit,
  hasDeployOptions,
  qualifiedName,
  buildDesiredDeployment,
  PREVIEW_ID_ENV,
  previewIdProblem,
  previewName,
  previewOwner,
  previewPlan,
  OLDEST_TESTED_SERVER,
  compareServerVersions,
  withoutNullVersionedFields,
  unsupportedFields,
  PrefectClient,
  workspacePrefetch,
  prefetchSnapshot,
  readServerSnapshot,
  updateBody,
  jsonEqual,
  diffDeployment,
  automationsEqual,
  driftedDeployments,
  driftedFields,
  driftHeadline,
  matrixEntry,
  matrixOf,
  plainText,
  planToJson,
  planToText,
  liveChangesToText,
  planToMarkdown,
  deployToMarkdown,
  skippedToText,
  skippedToMarkdown,
  skippedToJson,
  PROJECT_SEPARATOR,
  projectSelector,
  projectsPlanToJson,
  projectsPlanToText,
  projectsPlanToMarkdown,
  projectsDeployToMarkdown,
  projectsMatrix,
  previewToMarkdown,
  smokeToMarkdown,
  appliedToMarkdown,
  foldPlan
};

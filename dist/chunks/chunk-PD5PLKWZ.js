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
} from "./chunk-ZQOVDPXZ.js";
import {
  FlowAnalysisError,
  localModuleCandidates,
  resolveLocalModule
} from "./chunk-2MH7FLN3.js";
import {
  TemplateError,
  getFromDict,
  isWholeStringPlaceholder,
  keyPath as keyPath2,
  mergeStepOutputs,
  offlineSources,
  placeholdersInString,
  prefectTemplateSources,
  resolveBeforeSteps,
  templateDeploymentWithStepOutputs,
  templatePullSteps,
  templateSchedules,
  templateStepInputs,
  templateTriggers,
  untrustedEnvironment
} from "./chunk-FIONPFPF.js";
import {
  DiskStore,
  allStepNames,
  convertScheduleItem,
  findStep,
  formatDiagnostic,
  isBuiltInNamespace,
  isCronSchedule,
  isIntervalSchedule,
  keyPath,
  loadPrefectFile,
  looksLikePythonCallable,
  nextRunTimes,
  parsePrefectFile,
  parseStep,
  parseYaml,
  selectDeployments
} from "./chunk-NKSIPETH.js";
import {
  didYouMean
} from "./chunk-RTJXVYK5.js";
import {
  require_promises
} from "./chunk-P53V7XJ3.js";
import {
  cacheDirectory
} from "./chunk-NYGW7KUL.js";
import {
  MAX_PYTHON_FILE_BYTES,
  readBoundedFile,
  require_dist
} from "./chunk-C4QZBJBN.js";
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
  require_node_child_process
} from "./chunk-4AHN6RY2.js";
import {
  PythonFloat,
  deepCopy,
  isMapping,
  isTruthy,
  pythonStr,
  pythonStringRepr,
  pythonTypeName
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
  if (a === "show" && args.length === 2) return true;
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
  const gitFacts = () => facts ??= (async () => ({
    commitSha: await git(["rev-parse", "HEAD"], options.cwd),
    branch: await git(["rev-parse", "--abbrev-ref", "HEAD"], options.cwd),
    remoteUrl: await git(["config", "--get", "remote.origin.url"], options.cwd)
  }))();
  let message2;
  const commitMessage = () => message2 ??= git(["log", "-1", "--pretty=%B"], options.cwd).then((out) => {
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

// src/core/plan/desired.ts
var import_node_fs4 = __toESM(require_node_fs(), 1);
var import_node_path5 = __toESM(require_node_path(), 1);

// src/core/flows/index.ts
var import_node_async_hooks = __toESM(require_node_async_hooks(), 1);
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_path3 = __toESM(require_node_path(), 1);

// src/core/flows/disk-cache.ts
var FlowAnalysisDiskCache = class {
  constructor(directory) {
    this.directory = directory;
    this.store = new DiskStore(directory, ".json");
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
  const rel2 = import_node_path2.default.relative(cwd, abs);
  return (rel2.startsWith("..") ? abs : rel2).split(import_node_path2.default.sep).join("/");
}

// src/core/flows/index.ts
var sourceFiles = /* @__PURE__ */ new WeakMap();
function flowSourceFiles(flow) {
  return sourceFiles.get(flow);
}
function rememberSourceFiles(flow, cwd, entry, observations) {
  const files = /* @__PURE__ */ new Set([entry]);
  for (const o of observations) {
    if (o.kind === "read") files.add(o.file);
    else if (o.kind === "resolve") for (const c of localModuleCandidates(cwd, o.module, o.from, o.level)) files.add(c);
  }
  sourceFiles.set(flow, [...files]);
  return flow;
}
var runCache = new import_node_async_hooks.AsyncLocalStorage();
function withFlowAnalysisCache(cache, fn) {
  return runCache.getStore() ? fn() : runCache.run(cache, fn);
}
var ANALYZER = true ? "3803db48749c3c2a" : void 0;
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
  const abs = import_node_path3.default.resolve(options.cwd, ep.file);
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
  const world = currentWorld(options.cwd);
  let seen = [];
  const found = kept.get(key2, world, (o) => seen = o);
  if (found) return rememberSourceFiles(found, options.cwd, ep.file, seen);
  const observations = [];
  const flow = await analyzeOrExplain(ep, options, bytes, observations);
  kept.set(key2, observations, flow);
  return flow;
}
function currentWorld(cwd) {
  return {
    env: (name) => process.env[name],
    resolve: (module, from, level) => resolveLocalModule(cwd, module, from, level),
    md5: (file) => {
      try {
        return (0, import_node_crypto.createHash)("md5").update(readBoundedFile(import_node_path3.default.resolve(cwd, file), MAX_PYTHON_FILE_BYTES).toString("utf8"), "utf8").digest("hex");
      } catch {
        return null;
      }
    }
  };
}
async function analyzeOrExplain(ep, options, bytes, given) {
  const { analyze } = await import("./analyze-HEDQ25WH.js");
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
  deploymentTrigger(spec, path15, defaultName) {
    if (!isMapping(spec)) {
      this.fail(path15, `each trigger must be a mapping, got ${describe(spec)}`);
      return void 0;
    }
    const type = this.triggerType(spec, path15, deploymentDiscriminator);
    const name = "name" in spec ? this.field(spec, "name", path15, (v) => v === null ? { value: null } : laxStr(v)) : defaultName;
    const description = this.field(spec, "description", path15, laxStr) ?? "";
    const enabled = this.field(spec, "enabled", path15, laxBool) ?? true;
    const parameters = this.field(spec, "parameters", path15, laxOptionalMapping) ?? null;
    const jobVariables = this.field(spec, "job_variables", path15, laxOptionalMapping) ?? null;
    const scheduleAfter = this.field(spec, "schedule_after", path15, (v) => nonNegative(duration(v), "schedule_after must not be negative")) ?? 0;
    if (type === void 0) return void 0;
    const trigger = this.triggerOfType(type, spec, path15);
    if (trigger === void 0 || name === void 0) return void 0;
    return { name, description, enabled, parameters, jobVariables, scheduleAfter, trigger };
  }
  /** A trigger nested in a compound or sequence trigger: a plain trigger, deployment fields ignored. */
  nestedTrigger(spec, path15) {
    if (!isMapping(spec)) {
      this.fail(path15, `each nested trigger must be a mapping, got ${describe(spec)}`);
      return void 0;
    }
    const type = this.triggerType(spec, path15, nestedDiscriminator);
    return type === void 0 ? void 0 : this.triggerOfType(type, spec, path15);
  }
  triggerType(spec, path15, discriminate) {
    if (!("type" in spec)) return discriminate(spec);
    const type = spec.type;
    if (typeof type === "string" && TRIGGER_TYPES.includes(type)) return type;
    const hint = typeof type === "string" ? didYouMean(type, TRIGGER_TYPES) : "";
    this.fail([...path15, "type"], `unknown trigger type ${describe(type)}${hint}; use one of ${oneOf(TRIGGER_TYPES)}, or leave it out to infer it`);
    return void 0;
  }
  triggerOfType(type, spec, path15) {
    switch (type) {
      case "event":
        return this.eventTrigger(spec, path15);
      case "metric":
        return this.metricTrigger(spec, path15);
      case "compound":
        return this.compoundTrigger(spec, path15);
      case "sequence":
        return this.sequenceTrigger(spec, path15);
    }
  }
  eventTrigger(spec, path15) {
    const before = this.errors.length;
    const match = this.field(spec, "match", path15, (v) => this.resourceSpecification(v)) ?? {};
    const matchRelated = this.matchRelated(spec, path15);
    const after = this.field(spec, "after", path15, laxStringSet) ?? [];
    const expect = this.field(spec, "expect", path15, laxStringSet) ?? [];
    const forEach = this.field(spec, "for_each", path15, laxStringSet) ?? [];
    const posture = this.field(
      spec,
      "posture",
      path15,
      (v) => EVENT_POSTURES.includes(v) ? { value: v } : {
        error: `should be one of ${oneOf(EVENT_POSTURES)} for an event trigger, got ${describe(v)}${v === "Metric" ? " (a metric trigger needs a `metric` query and no `type: event`)" : ""}`
      }
    ) ?? "Reactive";
    const threshold = this.field(spec, "threshold", path15, laxInt) ?? 1;
    const within = this.eventWithin(spec, path15);
    if (this.errors.length > before || within === void 0) return void 0;
    return { type: "event", match, match_related: matchRelated, after, expect, for_each: forEach, posture, threshold, within };
  }
  /** `within` as EventTrigger's before-validator and field constraint (`ge=0`) check it. */
  eventWithin(spec, path15) {
    const proactive = spec.posture === "Proactive";
    if (!("within" in spec)) return proactive ? PROACTIVE_MINIMUM_WITHIN : 0;
    const parsed = spec.within === null ? { error: "should be a duration (seconds or ISO 8601), got null" } : duration(spec.within);
    if ("error" in parsed) {
      this.fail([...path15, "within"], parsed.error);
      return void 0;
    }
    if (proactive) {
      if (parsed.seconds === 0) return PROACTIVE_MINIMUM_WITHIN;
      if (parsed.seconds < PROACTIVE_MINIMUM_WITHIN) {
        this.fail([...path15, "within"], `must be at least ${PROACTIVE_MINIMUM_WITHIN} seconds for a Proactive trigger, got ${parsed.seconds}`);
        return void 0;
      }
    } else if (parsed.seconds < 0) {
      this.fail([...path15, "within"], `must not be negative, got ${parsed.seconds} seconds`);
      return void 0;
    }
    return parsed.seconds;
  }
  metricTrigger(spec, path15) {
    const before = this.errors.length;
    const match = this.field(spec, "match", path15, (v) => this.resourceSpecification(v)) ?? {};
    const matchRelated = this.matchRelated(spec, path15);
    this.field(spec, "posture", path15, (v) => v === "Metric" ? { value: v } : { error: `should be "Metric" for a metric trigger, got ${describe(v)}` });
    let metric;
    if (!("metric" in spec)) this.fail([...path15, "metric"], "a metric trigger needs a `metric` query (name, threshold, operator)");
    else metric = this.metricQuery(spec.metric, [...path15, "metric"]);
    if (this.errors.length > before || metric === void 0) return void 0;
    return { type: "metric", match, match_related: matchRelated, posture: "Metric", metric };
  }
  metricQuery(query, path15) {
    if (!isMapping(query)) {
      this.fail(path15, `should be a mapping with name, threshold and operator, got ${describe(query)}`);
      return void 0;
    }
    const before = this.errors.length;
    const name = this.required(query, "name", path15, laxStr, "the metric to query (lateness, duration or successes)");
    const threshold = this.required(query, "threshold", path15, laxFloat, "the value to compare the metric with");
    const operator = this.required(
      query,
      "operator",
      path15,
      (v) => METRIC_OPERATORS.includes(v) ? { value: v } : { error: `should be one of ${oneOf(METRIC_OPERATORS)}, got ${describe(v)}` },
      `one of ${oneOf(METRIC_OPERATORS)}`
    );
    const range = this.field(query, "range", path15, minimumRange) ?? METRIC_MINIMUM_RANGE;
    const firingFor = this.field(query, "firing_for", path15, minimumRange) ?? METRIC_MINIMUM_RANGE;
    if (this.errors.length > before || name === void 0 || threshold === void 0 || operator === void 0) return void 0;
    return { name, threshold, operator, range, firing_for: firingFor };
  }
  compoundTrigger(spec, path15) {
    const before = this.errors.length;
    const triggers = this.nestedTriggers(spec, path15);
    const within = this.compositeWithin(spec, path15);
    const require2 = this.required(
      spec,
      "require",
      path15,
      (v) => {
        if (v === "any" || v === "all") return { value: v };
        const n = laxInt(v);
        return "value" in n ? n : { error: `should be a number of triggers, "any" or "all", got ${describe(v)}` };
      },
      'how many of the triggers must fire: a number, "any" or "all"'
    );
    if (this.errors.length > before || triggers === void 0 || require2 === void 0) return void 0;
    if (typeof require2 === "number") {
      if (require2 < 1) this.fail([...path15, "require"], `must be at least 1, got ${require2}`);
      else if (require2 > triggers.length) {
        this.fail([...path15, "require"], `must not exceed the number of triggers (${triggers.length}), got ${require2}`);
      }
      if (this.errors.length > before) return void 0;
    }
    return { type: "compound", triggers, within, require: require2 };
  }
  sequenceTrigger(spec, path15) {
    const before = this.errors.length;
    const triggers = this.nestedTriggers(spec, path15);
    const within = this.compositeWithin(spec, path15);
    if (this.errors.length > before || triggers === void 0) return void 0;
    return { type: "sequence", triggers, within };
  }
  nestedTriggers(spec, path15) {
    if (!("triggers" in spec)) {
      this.fail([...path15, "triggers"], "a compound or sequence trigger needs a `triggers` list");
      return void 0;
    }
    if (!Array.isArray(spec.triggers)) {
      this.fail([...path15, "triggers"], `should be a list of triggers, got ${describe(spec.triggers)}`);
      return void 0;
    }
    const nested = spec.triggers.map((t, j) => this.nestedTrigger(t, [...path15, "triggers", j]));
    return nested.every((t) => t !== void 0) ? nested : void 0;
  }
  /** Composite triggers' `within`: optional, any sign (the model has no bound). */
  compositeWithin(spec, path15) {
    return this.field(spec, "within", path15, (v) => v === null ? { value: null } : toLax(duration(v))) ?? null;
  }
  matchRelated(spec, path15) {
    return this.field(spec, "match_related", path15, (v) => {
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
    const result = {};
    let error;
    for (const [label, v] of Object.entries(value)) {
      if (typeof v === "string" || Array.isArray(v) && v.every((x) => typeof x === "string")) result[label] = v;
      else error ??= `label ${JSON.stringify(label)} should be a string or a list of strings, got ${describe(v)}`;
    }
    return error === void 0 ? { value: result } : { error };
  }
  /** An optional field: undefined when absent or invalid (the error is recorded). */
  field(spec, key2, path15, check) {
    if (!(key2 in spec)) return void 0;
    const result = check(spec[key2]);
    if ("error" in result) {
      this.fail([...path15, key2], result.error);
      return void 0;
    }
    return result.value;
  }
  required(spec, key2, path15, check, what) {
    if (!(key2 in spec)) {
      this.fail([...path15, key2], `is required: ${what}`);
      return void 0;
    }
    return this.field(spec, key2, path15, check);
  }
  fail(path15, message2) {
    this.errors.push({ path: path15, message: message2 });
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
function nonNegative(parsed, message2) {
  if ("error" in parsed) return parsed;
  return parsed.seconds < 0 ? { error: message2 } : { value: parsed.seconds };
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
    const result = validateSla(spec, i);
    if ("sla" in result) slas.push(result.sla);
    else errors.push(...result.errors);
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
var import_node_fs3 = __toESM(require_node_fs(), 1);
var import_node_path4 = __toESM(require_node_path(), 1);
function gatherSpecs(values, key2, cwd) {
  const what = key2 === "triggers" ? "trigger" : "SLA";
  const specs = [];
  for (const value of values) {
    try {
      if (value.endsWith(".yaml") || value.endsWith(".json")) {
        const text = (0, import_node_fs3.readFileSync)(import_node_path4.default.resolve(cwd, value), "utf8");
        let doc;
        if (value.endsWith(".json")) doc = JSON.parse(text);
        else {
          const parsed = parseYaml(text);
          if (parsed.errors.length) throw new Error(parsed.errors[0].message);
          doc = parsed.value;
        }
        const list2 = isMapping(doc) ? doc[key2] : void 0;
        if (list2 !== void 0 && list2 !== null && !Array.isArray(list2)) throw new Error(`"${key2}" must be a list`);
        specs.push(...list2 ?? []);
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
    at: (path15) => path15[0] === "work_pool" && path15[1] === "job_variables",
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
  const { judgeFor, replaceAt } = await import("./job-variables-judge-4VT2ASJH.js");
  const judge = judgeFor(lookup.value);
  let settled = jobVariables;
  for (const { path: path15, text, placeholders } of references) {
    const [only] = placeholders;
    const resolved = only && isWholeStringPlaceholder(text, placeholders, "block_document") ? kept.get(only.fullMatch) : placeholders.reduce((acc, p) => acc.replaceAll(p.fullMatch, pythonStr(kept.get(p.fullMatch))), text);
    if (judge.accepts(settled, path15, resolved)) continue;
    warnings.push(
      `job variable ${describePath(path15)} gets a secret from a block, but work pool "${poolName}" does not accept a {{ prefect.blocks.\u2026 }} reference there, so the resolved secret is stored in the deployment (as prefect deploy does)`
    );
    settled = replaceAt(settled, path15, resolved);
  }
  return { jobVariables: settled, warnings };
}
function keptReferences(jobVariables, kept) {
  const found = [];
  const visit = (value, path15) => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path15, i]));
    else if (isMapping(value)) for (const [k, v] of Object.entries(value)) visit(v, [...path15, k]);
    else if (typeof value === "string") {
      const placeholders = placeholdersInString(value).filter((p) => p.kind === "block_document" && kept.has(p.fullMatch));
      if (placeholders.length > 0) found.push({ path: path15, text: value, placeholders });
    }
  };
  visit(jobVariables, []);
  return found;
}
function describePath(path15) {
  if (path15.length === 0) return "(all of job_variables)";
  return path15.reduce((acc, p) => typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p, "");
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
  if (name.endsWith(".py")) name = import_node_path5.default.parse(name).name;
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
    for (const message2 of settled.warnings) warnings.push({ message: message2, path: at("work_pool", "job_variables") });
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
  const build2 = truthy(config.build) ? config.build : actions.build;
  const docker = build2.map((step) => step[BUILD_DOCKER_IMAGE]).find((inputs) => truthy(inputs));
  if (docker !== void 0) {
    if (isMapping(docker) && docker.dockerfile === "auto") {
      return [{ [SET_WORKING_DIRECTORY]: { directory: `/opt/prefect/${import_node_path5.default.basename(cwd)}` } }];
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
    directory = (0, import_node_fs4.realpathSync)(cwd);
  } catch {
    directory = import_node_path5.default.resolve(cwd);
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
    const { judgeParameters } = await import("./parameters-judge-S4HVZZNW.js");
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
var import_node_path6 = __toESM(require_node_path(), 1);
function sectionOf(config, actions) {
  const own = (key2) => key2 in config ? config[key2] : void 0;
  return {
    deployment: config,
    // An empty or null own build still lets the top-level one decide the default pull steps.
    build: truthy2(own("build")) ? null : actions.build ?? null,
    push: truthy2(own("push")) ? null : actions.push ?? null,
    pull: truthy2(own("pull")) || Array.isArray(own("pull")) && own("pull").length === 0 ? null : actions.pull ?? null
  };
}
function runSteps(section2) {
  const config = section2.deployment;
  const build2 = "build" in config ? config.build : section2.build;
  const push = truthy2(config.push) ? config.push : section2.push;
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
  const out = { files: [], trees: [], unattributable: [] };
  for (const raw of steps) {
    const step = parseStep(raw);
    if (!step) continue;
    const name = step.definition?.name;
    const inputs = isMapping(step.inputs) ? step.inputs : {};
    const text = (key2, fallback) => {
      const v = inputs[key2];
      if (v === void 0) return fallback;
      if (v === null) return key2 === "ignore_file" ? "" : fallback;
      return typeof v === "string" && !v.includes("{{") ? v : false;
    };
    const templated = (key2) => out.unattributable.push(`${step.name}: ${key2} is not a plain path`);
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
        out.trees.push({ dir });
        if (dockerfile !== "auto") out.files.push(rel(import_node_path6.default.posix.isAbsolute(dockerfile) ? dockerfile : import_node_path6.default.posix.join(dir, dockerfile)));
      }
    } else if (name === PIP_INSTALL) {
      const dir = text("directory", "");
      const file = text("requirements_file", "requirements.txt");
      if (dir === false) templated("directory");
      else if (file === false) templated("requirements_file");
      else out.files.push(rel(import_node_path6.default.posix.join(dir, file)));
    } else if (PUSH_STEPS.has(name)) {
      const ignore = text("ignore_file", ".prefectignore");
      if (ignore === false) templated("ignore_file");
      else out.trees.push({ dir: "", ...ignore ? { ignoreFile: ignore, storage: PUSH_STEPS.get(name) } : {} });
    } else {
      out.unattributable.push(`step ${step.name} (what it reads is not known)`);
    }
  }
  return out;
}
function attributeChange(d, changes) {
  if (d.before === void 0) return { changed: true, reason: "prefect.yaml did not exist (or did not load) at REF" };
  if (d.before.length === 0) return { changed: true, reason: "new since REF" };
  const now = canonical(d.now);
  if (!d.before.some((b) => canonical(b) === now)) return { changed: true, reason: "prefect.yaml section changed" };
  if (d.steps.unattributable.length > 0) return { changed: true, reason: `cannot tell what it reads: ${d.steps.unattributable[0]}` };
  if (!d.flowFiles) return { changed: true, reason: "the files its flow reads are not known" };
  for (const f of d.flowFiles) if (changes.files.has(rel(f))) return { changed: true, reason: `${rel(f)} changed` };
  for (const f of d.steps.files) if (changes.files.has(f)) return { changed: true, reason: `${f} changed` };
  for (const tree of d.steps.trees) {
    for (const f of changes.files) {
      if (!inside(tree.dir, f)) continue;
      if (changes.ignored?.(tree, f)) continue;
      return { changed: true, reason: `${f} changed (in ${tree.dir || "."}, which a step reads)` };
    }
  }
  return { changed: false };
}
function rel(p) {
  const n = import_node_path6.default.posix.normalize(p.replaceAll("\\", "/"));
  return n === "." || n === "./" ? "" : n.replace(/^\.\//, "").replace(/\/$/, "");
}
function inside(dir, file) {
  return dir === "" ? !file.startsWith("../") : file === dir || file.startsWith(`${dir}/`);
}
function truthy2(v) {
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
var import_node_path7 = __toESM(require_node_path(), 1);
var ChangedSinceError = class extends Error {
  constructor(message2, kind = "unusable-ref") {
    super(message2);
    this.kind = kind;
  }
  kind;
};
async function readChangesSince(ref, cwd, prefectFile, git) {
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
  const split = (out) => out.split("\0").filter((p) => p !== "");
  let diff;
  let untracked;
  try {
    [diff, untracked] = await Promise.all([
      git(["-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", "-z", commit, "--"], cwd),
      git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], cwd)
    ]);
  } catch (e) {
    throw new ChangedSinceError(`--changed-since ${ref}: git could not list what changed since ${ref}: ${e.message.split("\n")[0]}`);
  }
  const fromTop = (p) => import_node_path7.default.posix.relative(prefix.replace(/\/$/, ""), p);
  const files = new Set([...split(diff), ...split(untracked)].map(fromTop));
  const inRepo = import_node_path7.default.posix.normalize(import_node_path7.default.posix.join(prefix, prefectFile.replaceAll("\\", "/")));
  let prefectFileBefore;
  if (!import_node_path7.default.isAbsolute(prefectFile)) {
    try {
      prefectFileBefore = await git(["show", `${commit}:${inRepo}`], cwd);
    } catch {
      prefectFileBefore = void 0;
    }
  }
  return { commit, files, prefectFileBefore };
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
function valuesAt(body, path15, at = []) {
  const [head, ...rest] = path15;
  if (head === "*") return Array.isArray(body) ? body.flatMap((item, i) => valuesAt(item, rest, [...at, i])) : [];
  if (head === void 0 || !isObject(body) || !(head in body)) return [];
  return rest.length === 0 ? [{ path: [...at, head], value: body[head] }] : valuesAt(body[head], rest, [...at, head]);
}
function withoutNullVersionedFields(body) {
  let out = body;
  for (const field of VERSIONED_DEPLOYMENT_FIELDS) out = withoutNullAt(out, field.path);
  return out;
}
function withoutNullAt(value, path15) {
  const [head, ...rest] = path15;
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
    for (const { path: path15, value } of valuesAt(body, field.path)) {
      if (value === null || value === void 0) continue;
      const indexes = path15.filter((p) => typeof p === "number");
      const yamlPath = field.yamlPath.map((p) => p === "*" ? indexes.shift() : p);
      out.push({ field, path: path15, yamlPath });
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
    const settings2 = options.settings ?? settingsFromEnv(options.env ?? process.env, options);
    this.http = new HttpClient(settings2, options);
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
  async readAll(path15, body, hint = {}) {
    return await this.readUpTo(path15, body, Infinity, hint);
  }
  /**
   * `readAll`, giving up (undefined) as soon as more than `budget` items have been read. With a
   * hint, pages that cannot hold anything are not asked for (`atMost` items found: the read is
   * complete), and the page after the current one is asked for at the same time when `expected`
   * items would fill the current one: reading 200 names at 200 a page then costs one round trip
   * for both pages, not two in a row.
   */
  async readUpTo(path15, body, budget, { atMost = Infinity, expected = 0 } = {}) {
    const out = [];
    const seen = /* @__PURE__ */ new Set();
    const ask = (offset) => {
      const page = this.readPage(path15, body, offset);
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
  async readPage(path15, body, offset) {
    for (; ; ) {
      const limit = this.pageSize;
      try {
        return { items: await this.http.json({ method: "POST", path: path15, body: { ...body, sort: "CREATED_DESC", offset, limit }, idempotent: true }), limit };
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
  /** `POST /flows/filter` by name: the flows among `names` that exist (any number of names). */
  async readFlowsByName(names) {
    const out = [];
    for (const chunk of chunks([...new Set(names)], MAX_FILTER_VALUES)) {
      const body = { flows: { name: { any_: chunk } } };
      out.push(...await this.readAll("/flows/filter", body, { atMost: chunk.length }));
    }
    return out;
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
    const out = [];
    for (const chunk of chunks([...new Set(names)], MAX_FILTER_VALUES)) {
      const body = { deployments: { name: { any_: chunk } } };
      const page = await this.readUpTo("/deployments/filter", body, budget - out.length, { expected: chunk.length });
      if (!page) return void 0;
      out.push(...page);
    }
    return out;
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
    const out = [];
    for (const chunk of chunks([...new Set(ids)], MAX_FILTER_VALUES)) {
      const body = { flows: { id: { any_: chunk } } };
      out.push(...await this.readAll("/flows/filter", body, { atMost: chunk.length }));
    }
    return out;
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
    const names = (list2) => (list2 ?? []).map((sla) => sla.name ?? "");
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
  /** `POST /work_pools/{pool}/workers/filter`, only ONLINE workers when asked. */
  readWorkersForPool(workPoolName, onlineOnly = false) {
    const body = onlineOnly ? { workers: { status: { any_: ["ONLINE"] } } } : {};
    return this.http.json({ method: "POST", path: apiPath`/work_pools/${workPoolName}/workers/filter`, body, idempotent: true });
  }
};
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
function prefetchSnapshot(client, names) {
  const unique = [...new Set(names)];
  return {
    names: new Set(unique),
    deployments: client.readDeploymentsNamed(unique, 2 * unique.length + 50).catch(() => void 0),
    firstAutomations: client.readAutomationsFirstPage().catch(() => void 0)
  };
}
async function readServerSnapshot(client, wanted, prefetch) {
  const flows = wanted.length ? await client.readFlowsByName([...new Set(wanted.map((w) => w.flowName))]) : [];
  const flowIds = new Map(flows.map((f) => [String(f.name), String(f.id)]));
  const deployments = /* @__PURE__ */ new Map();
  const empty = { flowIds, deployment: () => void 0, automationsOf: async () => [] };
  const present = wanted.filter((w) => flowIds.has(w.flowName));
  if (present.length === 0) return empty;
  const covered = prefetch !== void 0 && present.every((w) => prefetch.names.has(w.name));
  const [prefetched, prefetchedAutomations] = prefetch ? await Promise.all([covered ? prefetch.deployments : void 0, prefetch.firstAutomations]) : [];
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

// src/core/plan/ownership.ts
var import_node_path8 = __toESM(require_node_path(), 1);
var OWNER_LABEL = "deploy-action.owner";
async function projectIdentity(request) {
  if (request.owner?.trim()) return request.owner.trim();
  const git = request.git ?? runGit;
  const ask = (args) => git(args, request.cwd).then(
    (out) => out || void 0,
    () => void 0
  );
  const root = await ask(["rev-parse", "--show-toplevel"]) ?? request.cwd;
  const file = import_node_path8.default.resolve(request.cwd, request.prefectFile);
  const relative = import_node_path8.default.relative(import_node_path8.default.resolve(root), file).split(import_node_path8.default.sep).join("/");
  const repository = githubRepository(request.env) ?? normalizeRemote(await ask(["config", "--get", "remote.origin.url"]) ?? "") ?? import_node_path8.default.basename(import_node_path8.default.resolve(root));
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
  const kept = /* @__PURE__ */ new Set([...planned.map(qualifiedName), ...unplanned]);
  return owned.filter((d) => !kept.has(qualifiedName(d))).sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b)));
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
  return withFlowAnalysisCache(cache.flows, () => plan(request, cache));
}
async function plan(request, cache) {
  const fileKey = JSON.stringify([request.cwd, request.prefectFile]);
  if (!cache.files.has(fileKey)) cache.files.set(fileKey, loadPrefectFile(request.prefectFile, request.cwd));
  const loaded = await cache.files.get(fileKey);
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
    const key2 = qualifiedName(d);
    const previous = seen.get(key2);
    if (previous !== void 0) {
      diagnostics.push(
        problemToDiagnostic(file, d.index, file.labelOf(d.index), "error", {
          message: `deployment "${key2}" is also defined by deployment ${file.labelOf(previous)}; names must be unique per flow`,
          path: ["deployments", d.index, "name"]
        })
      );
    } else seen.set(key2, d.index);
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
function uiUrl(apiUrl, env) {
  if (env.PREFECT_UI_URL) return env.PREFECT_UI_URL;
  if (!apiUrl) return void 0;
  let ui = apiUrl;
  const cloud = env.PREFECT_CLOUD_API_URL || DEFAULT_CLOUD_API_URL;
  if (apiUrl.startsWith(cloud)) ui = ui.replaceAll(cloud, cloudUiUrl(env));
  if (ui.endsWith("/api")) ui = ui.slice(0, -4);
  return ui.replaceAll("/api/", "/").replaceAll("/accounts/", "/account/").replaceAll("/workspaces/", "/workspace/");
}

// src/steps/cache.ts
var StepCache = class {
  runs = /* @__PURE__ */ new Map();
  /** The shared run for `key`, started with `start` when there is none yet. Failures are shared too. */
  run(key2, start) {
    const existing = this.runs.get(key2);
    if (existing) return { run: existing, reused: true };
    const run2 = start();
    this.runs.set(key2, run2);
    return { run: run2, reused: false };
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
    for (const key2 of Object.keys(value).sort()) out[key2] = canonical2(value[key2]);
    return { __mapping__: out };
  }
  if (typeof value === "bigint") return { __int__: value.toString() };
  if (value === void 0) return { __undefined__: true };
  return value;
}

// src/steps/pull.ts
var import_node_fs5 = __toESM(require_node_fs(), 1);
var import_promises = __toESM(require_promises(), 1);
var import_node_path9 = __toESM(require_node_path(), 1);
function setWorkingDirectory(inputs, call) {
  const directory = inputs["directory"];
  if (typeof directory !== "string") {
    throw new TypeError(`set_working_directory: directory must be a string, got ${pythonTypeName(directory)}`);
  }
  const target = directory === "" ? "" : import_node_path9.default.resolve(call.cwd, directory);
  let isDirectory;
  try {
    isDirectory = target !== "" && (0, import_node_fs5.statSync)(target).isDirectory();
  } catch {
    throw new StepFailure(`[Errno 2] No such file or directory: ${pythonStringRepr(directory)}`);
  }
  if (target === "") throw new StepFailure(`[Errno 2] No such file or directory: ''`);
  if (!isDirectory) throw new StepFailure(`[Errno 20] Not a directory: ${pythonStringRepr(directory)}`);
  const resolved = (0, import_node_fs5.realpathSync)(target);
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
function credentialValue(credentials, key2) {
  const value = credentials[key2];
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
    this.destination = import_node_path9.default.resolve(call.cwd, o.name);
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
      const tail = pyStrip(this.sanitize(result.stderr)).split("\n").slice(-3).join(" | ");
      throw new StepFailure(this.sanitize(`Command 'git ${shown.join(" ")}' returned non-zero exit status ${result.code}.${tail ? ` git stderr: ${tail}` : ""}`));
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
      hasGitDir = (0, import_node_fs5.statSync)(import_node_path9.default.join(this.destination, ".git")) !== void 0;
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
function optionalStringInput(inputs, key2) {
  const value = inputs[key2];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") throw new TypeError(`git_clone: ${key2} must be a string, got ${pythonTypeName(value)}`);
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
  return { directory: import_node_path9.default.relative(call.cwd, repo.destination) };
}

// src/steps/storage/azure.ts
var import_promises4 = __toESM(require_promises(), 1);

// src/steps/storage/common.ts
var import_node_crypto2 = __toESM(require_node_crypto(), 1);
var import_node_fs6 = __toESM(require_node_fs(), 1);
var import_promises3 = __toESM(require_promises(), 1);
var import_node_path11 = __toESM(require_node_path(), 1);

// src/steps/upload-set.ts
var import_promises2 = __toESM(require_promises(), 1);
var import_node_path10 = __toESM(require_node_path(), 1);

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
  match(path15) {
    const file = normalizeFile(path15);
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
  ignores(path15) {
    return this.match(path15)?.exclude ?? false;
  }
};
function normalizeFile(path15) {
  if (path15.startsWith("/")) return path15.slice(1);
  if (path15.startsWith("./")) return path15.slice(2);
  return path15;
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
  const root = (0, import_node_path10.resolve)(localRoot);
  const platform = options.platform ?? process.platform;
  const ignoreName = options.ignoreFile === void 0 ? ".prefectignore" : options.ignoreFile;
  let spec = null;
  let ignoreFile = null;
  if (ignoreName) {
    const path15 = (0, import_node_path10.isAbsolute)(ignoreName) ? ignoreName : (0, import_node_path10.join)(root, ignoreName);
    if (await exists(path15)) {
      const bytes = await (0, import_promises2.readFile)(path15).catch((error) => {
        throw new Error(`${PUSH_STEPS2[provider]}: cannot read ignore file ${ignoreName}: ${error.code ?? error.message}`);
      });
      spec = IgnoreSpec.parse(decodeIgnoreFile(bytes, ignoreName), LINE_MODE[provider], ignoreName);
      ignoreFile = path15;
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
      localPath: (0, import_node_path10.join)(root, ...entry.relativePath.split("/")),
      relativePath: entry.relativePath,
      key: objectKey(provider, folder, entry.relativePath, platform)
    });
  }
  files.sort((a, b) => a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0);
  const warnings = spec ? [] : riskyUploadWarnings(
    files.map((f) => f.relativePath),
    ignoreName || null
  );
  for (const path15 of broken) warnings.push(`${path15} is a broken symbolic link: ${PUSH_STEPS2[provider]} would fail uploading it (remove it or add it to .prefectignore)`);
  return { files, ignoreFile, warnings };
}
function objectKey(provider, folder, relativePath, platform = process.platform) {
  const windows = platform === "win32";
  const { anchor, parts } = purePathParts(folder, windows);
  const all = [...parts, ...relativePath.split("/")];
  const sep = provider === "azure" && windows ? "\\" : "/";
  return anchor.replaceAll("/", sep) + all.join(sep);
}
function purePathParts(path15, windows) {
  const p = windows ? path15.replaceAll("\\", "/") : path15;
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
      const full = (0, import_node_path10.join)(dir, entry.name);
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
async function exists(path15) {
  return (0, import_promises2.stat)(path15).then(
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
  for (const path15 of relativePaths) {
    if (path15 === "pyvenv.cfg" || path15.endsWith("/pyvenv.cfg")) venvRoots.add(path15.slice(0, -"pyvenv.cfg".length));
  }
  for (const path15 of relativePaths) {
    const parts = path15.split("/");
    const gitAt = parts.indexOf(".git");
    if (gitAt >= 0 && gitAt < parts.length - 1) bump(git, `${parts.slice(0, gitAt + 1).join("/")}/`);
    const venvAt = parts.findIndex((part, i) => i < parts.length - 1 && (part === ".venv" || part === "venv" || venvRoots.has(`${parts.slice(0, i + 1).join("/")}/`)));
    if (venvAt >= 0) bump(venvs, `${parts.slice(0, venvAt + 1).join("/")}/`);
    const base = parts[parts.length - 1];
    if (base === ".env" || base.startsWith(".env.")) envFiles.push(path15);
  }
  if (venvRoots.has("")) venvs.set("./", relativePaths.length);
  if (git.size === 0 && venvs.size === 0 && envFiles.length === 0) return [];
  const found = [];
  if (git.size > 0) found.push(`git metadata ${describe2(git)}`);
  if (venvs.size > 0) found.push(`virtual environment${venvs.size > 1 ? "s" : ""} ${describe2(venvs)}`);
  if (envFiles.length > 0) found.push(`environment file${envFiles.length > 1 ? "s" : ""} ${examples(envFiles)} (may hold secrets)`);
  const what = ignoreName ? `no ${ignoreName} found` : "no ignore file is applied (ignore_file is empty)";
  return [`${what}, so every file is uploaded, including ${found.join(", ")} (add a .prefectignore \u2014 \`prefect init\` writes one that excludes these)`];
}
function bump(counts, key2) {
  counts.set(key2, (counts.get(key2) ?? 0) + 1);
}
function describe2(counts) {
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
        return (0, import_node_fs6.statSync)(file.localPath).size;
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
    const dirs = [...new Set(objects.map((o) => (0, import_node_path11.dirname)(o.localPath)))];
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
async function md5File(path15) {
  const hash = (0, import_node_crypto2.createHash)("md5");
  for await (const chunk of (0, import_node_fs6.createReadStream)(path15)) hash.update(chunk);
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
    const code2 = e.code;
    if (typeof code2 === "string" && NETWORK_CODES[code2]) return NETWORK_CODES[code2];
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
        data = (0, import_node_fs6.readFileSync)(file.localPath);
      } catch (error) {
        return unreadable(file)(error);
      }
    } else data = await (0, import_promises3.readFile)(file.localPath).catch(unreadable(file));
    return { ...file, size: data.length, md5: (0, import_node_crypto2.createHash)("md5").update(data).digest("hex"), data };
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
      const seconds2 = ((performance.now() - this.startedAt) / 1e3).toFixed(0);
      const unchanged = this.unchanged > 0 ? `, ${this.unchanged} unchanged` : "";
      call.log(
        `   ${step}: ${done}/${this.totalFiles} files (${formatBytes(this.transferredBytes + this.unchangedBytes)} of ${formatBytes(this.totalBytes)}), ${this.transferred} ${verb}${unchanged}, ${seconds2}s`
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
var import_node_path12 = __toESM(require_node_path(), 1);
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
  return import_node_path12.default.join(cwd, ...rest);
}

// src/steps/storage/inputs.ts
function requiredString(inputs, key2, step) {
  const value = inputs[key2];
  if (typeof value !== "string") throw new StepFailure(`${step}: ${key2} must be a string, got ${pythonTypeName(value)}`);
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
  const code2 = typeof e.code === "string" ? e.code : "";
  const status = typeof e.statusCode === "number" ? e.statusCode : void 0;
  if (code2 === "ContainerNotFound") return new StepFailure(`container does not exist: ${client.location} (create it, or fix container)`);
  if (action === "listing" && (code2 === "InvalidResourceName" || code2 === "OutOfRangeInput")) {
    return new StepFailure(
      `container name ${JSON.stringify(client.container.containerName)} is not valid: ${message2} (3 to 63 lowercase letters, digits and single hyphens)`
    );
  }
  if (status === 403 && /^Authentication|^InvalidAuthenticationInfo|^AuthorizationFailure$/u.test(code2) && /authenticate|signature/iu.test(message2)) {
    return new StepFailure(`Azure Blob Storage did not accept ${client.credentialSource} for ${client.location}: ${message2} (check the account key or SAS token)`);
  }
  if (status === 403) {
    return new StepFailure(
      `access to ${client.location} denied for ${client.credentialSource}: ${code2 || message2} (grant the identity "Storage Blob Data Contributor" on the container, or use a SAS with write and list permissions)`
    );
  }
  return new StepFailure(`${action} in ${client.location} failed: ${code2 ? `${code2}: ` : ""}${message2}`);
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
var import_node_crypto3 = __toESM(require_node_crypto(), 1);
var import_node_fs7 = __toESM(require_node_fs(), 1);
var import_promises5 = __toESM(require_promises(), 1);
var import_node_path13 = __toESM(require_node_path(), 1);
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
  const hash = (0, import_node_crypto3.createHash)("md5");
  const hashing = new import_node_stream.Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    }
  });
  await (0, import_promises6.pipeline)(import_node_stream.Readable.fromWeb(response.body), hashing, (0, import_node_fs7.createWriteStream)(object.localPath), { signal });
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
  let key2;
  if (credentials) {
    const info = credentials["service_account_info"];
    const file = credentials["service_account_file"];
    if (info !== void 0 && info !== null) {
      key2 = serviceAccount(step, info, "credentials.service_account_info");
      credentialSource = "credentials.service_account_info";
    } else if (file !== void 0 && file !== null) {
      if (typeof file !== "string") throw new StepFailure(`${step}: credentials.service_account_file must be a path, got ${pythonTypeName(file)}`);
      key2 = serviceAccount(step, await readServiceAccountFile(step, import_node_path13.default.resolve(call.cwd, file), file), `service account file ${file}`);
      credentialSource = `service account file ${file}`;
    }
  }
  if (key2) {
    const { JWT } = interopDefault(await import("./src-746AMJG6.js"), "JWT");
    options.authClient = new JWT({
      email: key2.client_email,
      key: key2.private_key,
      keyId: typeof key2.private_key_id === "string" ? key2.private_key_id : void 0,
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
  const missing = ["client_email", "token_uri"].filter((key2) => !Object.hasOwn(info, key2));
  if (missing.length > 0) {
    throw new StepFailure(
      `${step}: ${what} is not a service account key: missing fields ${missing.join(", ")} (use the JSON key file downloaded for the service account)`
    );
  }
  const privateKey = info["private_key"];
  if (privateKey === void 0) throw new StepFailure(`${step}: ${what} has no private_key field (use the JSON key file downloaded for the service account)`);
  try {
    (0, import_node_crypto3.createPrivateKey)(String(privateKey));
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
    const code2 = error.code;
    const reason = code2 === "ENOENT" ? "no such file" : code2 === "EISDIR" ? "is a directory" : code2 ?? "unreadable";
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
var import_node_crypto4 = __toESM(require_node_crypto(), 1);
var import_node_fs8 = __toESM(require_node_fs(), 1);
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
        const key2 = object.Key;
        if (key2.endsWith("/")) continue;
        objects.push({ key: key2, localPath: downloadPath("pull_from_s3", call.cwd, prefix, key2), size: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : void 0;
    } while (token);
    await pullObjects(
      call,
      s3Url(bucket, prefix),
      objects,
      async (object, signal) => {
        const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: object.key }), { abortSignal: signal });
        const partial = `${object.localPath}.${(0, import_node_crypto4.randomUUID)()}.part`;
        try {
          await (0, import_promises8.pipeline)(response.Body, (0, import_node_fs8.createWriteStream)(partial), { signal });
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
  const settings2 = resolveSettings(credentials, clientParameters, env);
  const config = await clientConfig(settings2);
  const sdk = interopDefault(await import("./dist-cjs-XYT42R7B.js"), "S3Client");
  return {
    sdk,
    client: new sdk.S3Client(config),
    endpoint: settings2.endpointUrl ?? `https://s3.${settings2.region}.amazonaws.com`,
    explicitKeys: settings2.keys !== null
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
  const seconds2 = (key2) => typeof config[key2] === "number" ? Math.round(config[key2] * 1e3) : null;
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
    connectTimeoutMs: seconds2("connect_timeout"),
    readTimeoutMs: seconds2("read_timeout"),
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
    async storedMd5(key2, signal) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key2 }), { abortSignal: signal }).catch(() => null);
      return head?.Metadata?.[CONTENT_MD5_METADATA] ?? null;
    },
    async upload(object, signal) {
      const metadata = { [CONTENT_MD5_METADATA]: object.md5 };
      if (object.size <= tuning.multipartThreshold) {
        await s3.client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: object.key,
            Body: object.data ?? (0, import_node_fs8.createReadStream)(object.localPath),
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
          params: { Bucket: bucket, Key: object.key, Body: object.data ?? (0, import_node_fs8.createReadStream)(object.localPath), Metadata: metadata },
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
function credString(source, key2) {
  const value = source[key2];
  if (value === void 0 || value === null || value === "") return null;
  if (typeof value !== "string") throw new TypeError(`${key2} must be a string, got ${pythonTypeName(value)}`);
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
  ["prefect_docker.deployments.steps.build_docker_image", async (inputs, call) => (await import("./build-6ZBIEK3C.js")).buildDockerImage(inputs, call)],
  ["prefect_docker.deployments.steps.push_docker_image", async (inputs, call) => (await import("./push-6C34VMRD.js")).pushDockerImage(inputs, call)]
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
    for (const key2 of Object.keys(inputs)) {
      if (!definition.inputs.includes(key2)) {
        throw new StepFailure(`${fn}() got an unexpected keyword argument '${key2}'${didYouMean(key2, definition.inputs)}`);
      }
    }
  }
  const missing = definition.required.filter((key2) => !Object.hasOwn(inputs, key2));
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
  constructor(step, index, section2, cause) {
    const reason = oneLine(cause instanceof Error ? cause.message : String(cause));
    super(`Encountered error while running ${step} (${section2 ? `${section2} ` : ""}step ${index + 1}): ${reason}`, { cause });
    this.name = "StepExecutionError";
    this.step = step;
    this.index = index;
    this.section = section2;
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
async function refuseInjectedCommands(rawInputs, templatedInputs, render2) {
  const raw = rawInputs["script"];
  const templated = templatedInputs["script"];
  if (typeof raw !== "string" || typeof templated !== "string" || isTruthy(templatedInputs["shell"])) return;
  if (!LINE_BREAK.test(templated)) return;
  for (const placeholder of placeholdersInString(raw)) {
    const rendered = await render2(`-${placeholder.fullMatch}`);
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
      let run2;
      if (ctx.cache) {
        const shared = ctx.cache.run(stepCacheKey(definition.name, templated.value, ctx.cwd, templated.keywords.requires), start);
        if (shared.reused) log(`   (identical to a step already run for another deployment: reusing its result)`);
        run2 = shared.run;
      } else {
        run2 = start();
      }
      const { result, cwd } = await run2;
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
    for (const section2 of ["build", "push"]) {
      for (const [index, step] of steps[section2].entries()) {
        const parsed = parseStep(step);
        const need = parsed === void 0 ? void 0 : pythonNeed(parsed);
        if (need === void 0) continue;
        try {
          await findPython(need, env);
          return void 0;
        } catch (error) {
          if (!(error instanceof StepFailure)) throw error;
          return { deployment, error: new StepExecutionError(parsed.name, index, section2, error) };
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
var import_node_crypto5 = __toESM(require_node_crypto(), 1);
var import_node_fs9 = __toESM(require_node_fs(), 1);
var import_node_path14 = __toESM(require_node_path(), 1);
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
  const file = import_node_path14.default.resolve(cwd, prefectFile);
  let dir = import_node_path14.default.dirname(file);
  for (; ; ) {
    if ((0, import_node_fs9.existsSync)(import_node_path14.default.join(dir, ".git"))) return `${import_node_path14.default.basename(dir)}/${import_node_path14.default.relative(dir, file).split(import_node_path14.default.sep).join("/")}`;
    const up = import_node_path14.default.dirname(dir);
    if (up === dir) return import_node_path14.default.relative(cwd, file).split(import_node_path14.default.sep).join("/");
    dir = up;
  }
}
function targetHash(target) {
  return (0, import_node_crypto5.createHash)("sha256").update(target).digest("hex").slice(0, 12);
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
    let answer;
    try {
      answer = await client.acquireConcurrencyLease(lock, leaseSeconds);
      if (answer === "missing" && !created) {
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
    if (answer === "missing") throw new DeployLockError(`taking the deploy lock "${lock}" failed: the server did not keep its concurrency limit`);
    if (answer !== "held") {
      leaseId = answer.leaseId;
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
      const yaml2 = keyPath(u.yamlPath);
      const consequence = u.field.older === "refuses" ? "would refuse the deployment" : "would drop it without a word";
      const pos = plan3.positionOf?.(["deployments", d.index, ...u.yamlPath]) ?? plan3.positionOf?.(["deployments", d.index]);
      diagnostics.push({
        severity: "error",
        file: plan3.prefectFile,
        deployment: d.name,
        message: `${yaml2} needs Prefect server ${u.field.since} or newer, and this server runs ${version} (it ${consequence}); upgrade the server or remove ${yaml2}`,
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
  const out = [];
  for (const d of found) {
    if (options.only && !options.only.has(qualifiedName(d))) {
      warnings.push(`${qualifiedName(d)} is owned by this project and no longer in prefect.yaml, but was not in the reviewed plan: not deleted`);
      continue;
    }
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
  return { outcomes: out, warnings };
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
    const pools = /* @__PURE__ */ new Map();
    for (const d of plan3.deployments) {
      const name = String(d.payload.work_pool_name);
      if (!pools.has(name)) pools.set(name, client.readWorkPool(name));
    }
    for (const d of plan3.deployments) {
      const name = String(d.payload.work_pool_name);
      const pool = await pools.get(name);
      const problem = !pool ? `work pool "${name}" does not exist; create it (prefect work-pool create "${name}" --type <type>) or fix work_pool.name` : pool.type === "prefect-agent" ? `work pool "${name}" is of type prefect-agent, which cannot run deployments from prefect.yaml; choose another pool` : void 0;
      if (problem) diagnostics.push({ severity: "error", file: plan3.prefectFile, deployment: d.name, message: problem, ...position(plan3, d, "work_pool", "name") });
    }
  }
  return { ...plan3, diagnostics: sortDiagnostics(diagnostics) };
}
function validateForDeploy(request, onPlanned) {
  return validateDeployments(request, onPlanned);
}
function position(plan3, d, ...path15) {
  const pos = plan3.positionOf?.(["deployments", d.index, ...path15]);
  return pos ? { line: pos.line, column: pos.column } : {};
}
function sortDiagnostics(diagnostics) {
  const order = (d) => d.severity === "error" ? 0 : 1;
  return [...diagnostics].sort((a, b) => order(a) - order(b));
}
async function deploy(given) {
  const request = { ...given, cache: given.cache ?? newPlanCache() };
  const owner = projectIdentity(request);
  owner.catch(() => {
  });
  const early = prefetching(request.client);
  let current;
  let plan3 = await validateForDeploy({ ...request, onSelected: early.onSelected }, (planned) => {
    if (!request.stepOutputs && planned.deployments.some((d) => d.steps.build.length + d.steps.push.length > 0)) return;
    current = readServerSnapshot(request.client, planned.deployments, early.prefetch);
    current.catch(() => {
    });
  });
  if (hasErrors(plan3.diagnostics)) return { plan: plan3, outcomes: [], diagnostics: plan3.diagnostics, stoppedAt: "validation" };
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
  const read = { current: withSteps.length === 0 ? current : void 0, prefetch: withSteps.length === 0 ? early.prefetch : void 0 };
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
      ...request.onStepLog ? { log: (line) => request.onStepLog(d.name, line) } : {},
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
      const section2 = e.section ?? "build";
      diagnostics.push({ severity: "error", file: plan3.prefectFile, deployment: d.name, message: e.message, ...position(plan3, d, section2, e.index) });
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
  const early = prefetching(request.client);
  const owner = projectIdentity(request);
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
  const deletions = request.selection.all ? pruneDeletions(request.client, identity, plan3) : Promise.resolve(void 0);
  deletions.catch(() => {
  });
  const live = await compareWithServer(request.client, plan3, early.prefetch, current, identity);
  const toDelete = await deletions;
  return { plan: plan3, live, ...toDelete ? { deletions: toDelete } : {} };
}

// src/commands/changed.ts
var import_node_fs10 = __toESM(require_node_fs(), 1);
var import_node_path15 = __toESM(require_node_path(), 1);
async function changedSelection(request, cache, given) {
  const ref = request.changedSince;
  if (!ref) return { diagnostics: [] };
  const git = given ?? request.git ?? runGit;
  const loaded = await loadPrefectFile(request.prefectFile, request.cwd);
  const file = loaded.prefectFile;
  if (!file) return { diagnostics: [] };
  const chosen = selectDeployments(file.deployments, request.selection);
  if (chosen.errors.length > 0) return { diagnostics: [] };
  let changes;
  try {
    changes = await readChangesSince(ref, request.cwd, request.prefectFile, git);
  } catch (e) {
    if (!(e instanceof ChangedSinceError)) throw e;
    if (e.kind === "no-repository" && request.changedSinceFromEvent) {
      return {
        diagnostics: [{ severity: "warning", file: request.prefectFile, message: `${e.message.replace(/ \(run it.*$/, "")}: working on every selected deployment` }]
      };
    }
    return { diagnostics: [{ severity: "error", file: request.prefectFile, message: e.message }] };
  }
  const before = changes.prefectFileBefore === void 0 ? void 0 : parsePrefectFile(changes.prefectFileBefore, request.prefectFile).prefectFile;
  const beforeByName = /* @__PURE__ */ new Map();
  for (const config of before?.deployments ?? []) {
    const list2 = beforeByName.get(config.name) ?? [];
    list2.push(sectionOf(config, before.actions));
    beforeByName.set(config.name, list2);
  }
  const changed = { files: changes.files, ignored: ignoreFiles(request.cwd) };
  const only = /* @__PURE__ */ new Set();
  const skipped = [];
  const reason = `unchanged since ${ref}`;
  await withFlowAnalysisCache(cache.flows, async () => {
    for (const s of chosen.selected) {
      const now = sectionOf(s.config, file.actions);
      const inputs = { before: before ? beforeByName.get(s.config.name) ?? [] : void 0, now, steps: stepInputs(runSteps(now)) };
      if (attributeChange({ ...inputs, flowFiles: [] }, changed).changed) {
        only.add(s.index);
        continue;
      }
      const analysed = await flowOf(s.config, request.cwd);
      if (!analysed || attributeChange({ ...inputs, flowFiles: analysed.files }, changed).changed) only.add(s.index);
      else skipped.push({ deployment: `${analysed.flowName}/${String(s.config.name)}`, reason });
    }
  });
  return { selection: { only, skipped }, diagnostics: [] };
}
async function flowOf(config, cwd) {
  const entrypoint = config.entrypoint;
  if (typeof entrypoint !== "string" || entrypoint.includes("{{") || typeof config.name !== "string" || config.name.includes("{{")) return void 0;
  try {
    const flow = await analyzeEntrypoint(entrypoint, { cwd, unavailableModules: void 0 });
    return { flowName: flow.name, files: flowSourceFiles(flow) };
  } catch {
    return void 0;
  }
}
function ignoreFiles(cwd) {
  const specs = /* @__PURE__ */ new Map();
  const specOf = (name, mode) => {
    const key2 = `${mode}:${name}`;
    if (!specs.has(key2)) {
      let spec = null;
      try {
        const bytes = readFileSyncOrNull(import_node_path15.default.resolve(cwd, name));
        if (bytes) spec = IgnoreSpec.parse(decodeIgnoreFile(bytes, name), mode, name);
      } catch {
        spec = null;
      }
      specs.set(key2, spec);
    }
    return specs.get(key2);
  };
  return (tree, file) => {
    if (!tree.ignoreFile) return false;
    const relative = tree.dir === "" ? file : file.slice(tree.dir.length + 1);
    return specOf(tree.ignoreFile, tree.storage === "s3" ? "strip" : "raw")?.ignores(relative) ?? false;
  };
}
function readFileSyncOrNull(file) {
  try {
    return (0, import_node_fs10.readFileSync)(file);
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
    result: selection && request.changedSince ? { changedSince: { ref: request.changedSince, skipped: selection.skipped } } : {}
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
    const client = openClient({ ...request, apiUrl }, reporter);
    try {
      ({ plan: planned, live, deletions } = await planAgainstServer({ ...req, client, sources: prefectTemplateSources(client) }));
    } finally {
      client.close();
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
  const changed = await narrowToChanged(request, cache, reporter, false);
  if (changed.refused) return changed.refused;
  reporter.deploying(ui);
  const client = openClient({ ...request, apiUrl }, reporter);
  const req = { ...engineRequest(request), cache, ...changed.only };
  const sources = prefectTemplateSources(client);
  const uiField = { ...ui ? { uiUrl: ui } : {}, ...changed.result };
  try {
    const given = request.stepOutputs;
    const keyed = given && isKeyedByDeployment(given) ? given : void 0;
    const skipSteps = request.skipSteps || given !== void 0;
    let pruneOnly;
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
      onStepEvent: (d, e) => reporter.step(d, e),
      onStepLog: (deployment, line) => reporter.stepLog(deployment, line),
      onProgress: (e) => reporter.progress(e),
      onResult: (o) => reporter.result(o),
      lock: request.lock,
      onLock: (e) => reporter.lock(e),
      ...request.prune ? { prune: pruneOnly ? { only: pruneOnly } : {} } : {}
    });
    reporter.diagnostics(result.diagnostics);
    const outputsOf = (d, i) => choice.stepOutputsByIndex?.get(d.index) ?? (skipSteps ? choice.stepOutputs : result.outcomes[i]?.stepOutputs) ?? {};
    const reason = deployFailure(result);
    return {
      plan: result.plan,
      outcomes: result.outcomes,
      ...result.stoppedAt ? { stoppedAt: result.stoppedAt } : {},
      stepOutputs: new Map(result.plan.deployments.map((d, i) => [d.index, outputsOf(d, i)])),
      diagnostics: result.diagnostics,
      hasChanges: result.outcomes.some((o) => o.action === "created" || o.action === "updated" || o.action === "deleted"),
      ...reason ? { failureReason: reason } : {},
      ...uiField
    };
  } finally {
    client.close();
  }
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
var import_node_fs11 = __toESM(require_node_fs(), 1);
var import_node_path16 = __toESM(require_node_path(), 1);

// src/core/plan/matrix.ts
function selectorOf(d) {
  const fn = d.entrypoint.split(":").pop() ?? "";
  return `${fn.replaceAll("_", "-")}/${d.name}`;
}
function matrixEntry(d) {
  return { deployment: selectorOf(d), name: d.name, flow: d.flowName, entrypoint: d.entrypoint };
}
function matrixOf(plan3) {
  return { include: plan3.deployments.map(matrixEntry) };
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
function substitute(from, to, path15, deferred, found) {
  if (typeof to === "string") {
    if (!deferred.any.test(to)) return to;
    const couldMatch = couldProduce(to, deferred, from);
    found.push({ path: path15, written: to, ...from !== void 0 ? { current: from } : {}, couldMatch });
    return couldMatch ? from : KNOWN_AFTER_BUILD;
  }
  if (Array.isArray(to)) {
    const before = Array.isArray(from) ? from : [];
    return to.map((v, i) => substitute(before[i], v, `${path15}[${i}]`, deferred, found));
  }
  if (isMapping(to)) {
    const before = isMapping(from) ? from : {};
    const out = {};
    for (const [k, v] of Object.entries(to)) out[k] = substitute(Object.hasOwn(before, k) ? before[k] : void 0, v, `${path15}.${k}`, deferred, found);
    return out;
  }
  return to;
}
function couldProduce(template, deferred, value) {
  if (value === void 0) return false;
  if (deferred.placeholders.includes(template)) return true;
  if (typeof value !== "string") return false;
  const literal2 = template.split(deferred.any).map((part) => RegExp.escape(part));
  return new RegExp(`^${literal2.join("[\\s\\S]*")}$`, "u").test(value);
}

// src/core/report/markdown.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/core/report/deletions.ts
function deletionJson(d) {
  return { name: d.name, flow_name: d.flowName, id: d.id, action: "delete" };
}
function deletionsText(deletions) {
  if (deletions.length === 0) return [];
  return [
    "",
    `to delete (owned by this project, no longer in prefect.yaml; deploy --prune deletes them with their automations):`,
    ...deletions.map((d) => `- ${qualifiedName(d)} (delete)`)
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

// src/core/report/text.ts
function planToJson(plan3, live, deletions) {
  const diag = (d) => ({
    file: d.file,
    line: d.line ?? null,
    column: d.column ?? null,
    deployment: d.deployment ?? null,
    message: d.message
  });
  return {
    deployments: plan3.deployments.map((d, i) => {
      const change = live?.[i];
      const classified = change && classifyChange(d, change.action, change.changes);
      return {
        name: d.name,
        flow_name: d.flowName,
        entrypoint: d.entrypoint,
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
    errors: plan3.diagnostics.filter((d) => d.severity === "error").map(diag),
    warnings: plan3.diagnostics.filter((d) => d.severity === "warning").map(diag),
    ...deletions ? { deletions: deletions.map(deletionJson) } : {}
  };
}
function planToText(plan3, options) {
  const lines = [];
  const n = plan3.deployments.length;
  lines.push(`${plan3.prefectFile}: ${n} deployment${n === 1 ? "" : "s"} to register`);
  for (const d of plan3.deployments) {
    lines.push("", ...deploymentText(d, options));
  }
  return lines.join("\n");
}
var SYMBOL = { create: "+", update: "~", "version-only": "~", "unchanged-unless-build-differs": "?", unchanged: "=" };
var VERB = {
  create: "create",
  update: "update",
  "version-only": "update: version only",
  "unchanged-unless-build-differs": "unchanged unless the build output differs",
  unchanged: "unchanged"
};
function liveChangesToText(plan3, live, options) {
  const classified = live.map((c) => classifyChange(c.deployment, c.action, c.changes));
  const count2 = (category) => classified.filter((c) => c.category === category).length;
  const extra = [
    ["version-only", "version only"],
    ["unchanged-unless-build-differs", VERB["unchanged-unless-build-differs"]]
  ].filter(([category]) => count2(category) > 0).map(([category, words]) => `, ${count2(category)} ${words}`).join("");
  const deleting = options.deletions?.length ? `, ${options.deletions.length} to delete` : "";
  const lines = [`${plan3.prefectFile}: ${count2("create")} to create, ${count2("update")} to update, ${count2("unchanged")} unchanged${extra}${deleting}`];
  lines.push(...deletionsText(options.deletions ?? []));
  live.forEach((change, i) => {
    const d = change.deployment;
    const { category, changes, knownAfterBuild: knownAfterBuild2 } = classified[i];
    lines.push("", `${SYMBOL[category]} ${qualifiedName(d)} (${VERB[category]})`);
    for (const note of change.notes) lines.push(`  ! ${note}`);
    if (category === "create") {
      lines.push(...deploymentText(d, options).slice(1));
      return;
    }
    for (const c of changes) {
      lines.push(`  ${c.field}:`);
      lines.push(`    - ${truncate(compact(c.from), 200)}`);
      lines.push(`    + ${truncate(compact(c.to), 200)}`);
    }
    for (const k of knownAfterBuild2) {
      const now = "current" in k ? `, now ${truncate(compact(k.current), 120)}${k.couldMatch ? "" : " (replaced)"}` : "";
      lines.push(`  ${k.path}: ${KNOWN_AFTER_BUILD} from ${JSON.stringify(k.written)}${now}`);
    }
  });
  return lines.join("\n");
}
function compact(v) {
  return v === void 0 ? "(not set)" : JSON.stringify(v);
}
function deploymentText(d, options) {
  const p = d.payload;
  const out = [qualifiedName(d)];
  const field = (label, value) => out.push(`  ${label.padEnd(12)}${value}`);
  field("entrypoint", d.entrypoint);
  field("flow", `${d.flowName} (${d.flow.file}:${d.flow.line})`);
  field("work pool", `${String(p.work_pool_name)}${p.work_queue_name ? `, queue ${String(p.work_queue_name)}` : ""}`);
  field("version", `${String(p.version)} (${p.version_info.type})`);
  if (p.description) field("description", firstLine2(String(p.description)));
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
      out.push(`    ${describeSchedule(s.create.schedule)}${status}${s.create.slug ? ` [${s.create.slug}]` : ""}`);
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
  const oneLine2 = s.replace(/\s*\n\s*/g, " \u23CE ");
  return oneLine2.length > max ? `${oneLine2.slice(0, max - 1)}\u2026` : oneLine2;
}
function firstLine2(s) {
  const line = s.split("\n")[0] ?? "";
  return s.includes("\n") ? `${line} \u2026` : line;
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
function planToMarkdown(plan3, live, options) {
  const rows = plan3.deployments.map((deployment, i) => {
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
  const errors = plan3.diagnostics.filter((d) => d.severity === "error");
  let title;
  if (errors.length > 0) title = `\u274C Prefect deployment plan: ${count(errors.length, "error")} in \`${plan3.prefectFile}\``;
  else if (!live) title = `Prefect deployment plan: ${count(rows.length, "deployment")} (not compared with a server)`;
  else {
    title = `Prefect deployment plan: ${tally(rows, [
      ["create", "to create"],
      ["update", "to update"],
      ["version", WORDS.version],
      ["unless-build", WORDS["unless-build"]],
      ["unchanged", "unchanged"]
    ])}${options.deletions?.length ? `, ${count(options.deletions.length, "deployment")} to delete` : ""}`;
  }
  return render(
    {
      deletions: deletionsMarkdown(options.deletions ?? [], { uiUrl: options.uiUrl }),
      title,
      rows,
      diagnostics: plan3.diagnostics,
      column: "Action",
      errorLead: `nothing is registered until ${errors.length === 1 ? "it is" : "they are"} fixed.`,
      ...!live && errors.length === 0 ? { hint: "Without `api-url` the plan cannot tell what exists already: it shows what would be sent." } : {}
    },
    options
  );
}
function deployToMarkdown(result, options) {
  const byKey = new Map(result.plan.deployments.map((d) => [qualifiedName(d), d]));
  const rows = [];
  for (const o of result.outcomes) {
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
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  let title;
  if (result.outcomes.length === 0) {
    const where = result.stoppedAt === "steps" ? "a build or push step failed" : `${count(errors.length, "error")} in \`${result.plan.prefectFile}\``;
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
  const deleted = result.outcomes.filter((o) => o.action === "deleted").map((o) => ({ flowName: o.flowName, name: o.name, id: o.id ?? "" }));
  if (deleted.length > 0) title += `, ${count(deleted.length, "deployment")} deleted`;
  const shown = new Set(rows.flatMap((r) => r.notes));
  const diagnostics = result.diagnostics.filter((d) => !(d.severity === "warning" && shown.has(d.message)));
  return render(
    {
      deletions: deletionsMarkdown(deleted, { done: true }),
      title,
      rows,
      diagnostics,
      column: "Result",
      errorLead: result.outcomes.length === 0 ? "nothing was registered." : ""
    },
    options
  );
}
var ORDER = { failed: 0, create: 1, created: 1, update: 2, updated: 2, planned: 3, version: 4, "unless-build": 5, unchanged: 6 };
var QUIET = ["version", "unless-build", "unchanged"];
var QUIET_SHOWN = 10;
var OPEN_DIFFS = 3;
function render({ title, rows: given, diagnostics, column, errorLead, hint, deletions = [] }, options) {
  const rows = [...given].sort((a, b) => ORDER[a.verb] - ORDER[b.verb]);
  const out = [`### ${title}`, "", ...deletions];
  const collapsed = QUIET.filter((verb) => rows.filter((r) => r.verb === verb).length > QUIET_SHOWN);
  if (collapsed.length > 0 && rows.every((r) => collapsed.includes(r.verb))) collapsed.shift();
  const shown = rows.filter((r) => !collapsed.includes(r.verb));
  if (shown.length > 0) out.push(...table(shown, column, options), "");
  for (const verb of collapsed) {
    const these = rows.filter((r) => r.verb === verb);
    out.push(`<details><summary>${these.length} ${WORDS[verb] ?? verb}</summary>`, "", ...table(these, column, options), "", "</details>", "");
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
function table(rows, column, options) {
  const lines = [`| | Deployment | ${column} | Work pool | Schedules | Image |`, "|:-:|---|---|---|---|---|"];
  for (const row of rows) {
    const d = row.deployment;
    const p = d.payload;
    const name = code(qualifiedName(d));
    const url = deploymentUrl(options.uiUrl, row.id);
    const link = url ? `[${name}](${url})` : name;
    let action = WORDS[row.verb] ?? row.verb;
    if (row.changes.length > 0 && row.verb !== "version") action += ` ${row.changes.map((c) => code(c.field)).join(" ")}`;
    if (row.verb === "create" || row.verb === "update" || row.verb === "created" || row.verb === "updated") action = `**${row.verb}**${action.slice(row.verb.length)}`;
    const pool = poolCell(p.work_pool_name, p.work_queue_name);
    const schedules = schedulesCell(d.schedules.map((s) => s.create));
    const from = (field) => row.changes.find((c) => c.field === field);
    const pools = from("work_pool_name") || from("work_queue_name") ? was(poolCell(from("work_pool_name")?.from ?? p.work_pool_name, from("work_queue_name")?.from ?? p.work_queue_name)) : "";
    const oldSchedules = from("schedules");
    const scheduleWas = oldSchedules && Array.isArray(oldSchedules.from) ? was(schedulesCell(oldSchedules.from.filter(isMapping))) : "";
    lines.push(`| ${ICON[row.verb]} | ${link} | ${action} | ${pool}${pools} | ${schedules}${scheduleWas} | ${imageCell(row)} |`);
  }
  return lines.map((l) => l.replace(/\n/g, " "));
}
function poolCell(pool, queue) {
  return typeof pool === "string" ? code(pool) + (typeof queue === "string" ? ` / ${code(queue)}` : "") : "\u2014";
}
function schedulesCell(schedules) {
  const shown = schedules.filter((s) => isMapping(s.schedule)).map((s) => shortSchedule(s.schedule) + (s.active === false ? " (off)" : ""));
  return shown.length ? shown.join("<br>") : "\u2014";
}
function imageCell(row) {
  const jobVariables = row.deployment.payload.job_variables;
  const image = isMapping(jobVariables) ? jobVariables.image : void 0;
  const deferred = row.knownAfterBuild.find((k) => k.path === "job_variables.image");
  if (deferred || typeof image === "string" && row.deployment.deferred.some((p) => image.includes(p))) {
    const now = deferred && typeof deferred.current === "string" ? code(deferred.current) : void 0;
    return `${KNOWN_AFTER_BUILD}${now ? deferred.couldMatch ? `<br><sub>now ${now}</sub>` : was(now) : ""}`;
  }
  const shown = imageOf(jobVariables);
  const old = row.changes.find((c) => c.field === "job_variables");
  return old && imageOf(old.from) !== shown ? `${shown}${was(imageOf(old.from))}` : shown;
}
function imageOf(jobVariables) {
  return isMapping(jobVariables) && typeof jobVariables.image === "string" ? code(jobVariables.image) : "\u2014";
}
function was(cell) {
  return `<br>~~${cell}~~`;
}
function details(row, options) {
  const out = [];
  if (row.error) out.push(`**Error:** ${inline(row.error)}`, "");
  if (row.changes.length > 0) out.push(...fence("diff", fieldDiff(row.changes)), "");
  else if (row.verb === "create" || row.verb === "created" || row.verb === "planned") out.push(...fence("yaml", settings(row.deployment)), "");
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
    if (runs.length) out.push(`- ${shortSchedule(s.create.schedule)}: ${runs.map(code).join(", ")}`);
  }
  return out.length ? ["Next runs:", "", ...out, ""] : [];
}
function settings(d) {
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
      ...withoutDefaultDayOr(s.create.schedule),
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
function shortSchedule(s) {
  if (isCronSchedule(s)) return `cron ${code(s.cron)}${s.timezone ? ` ${s.timezone}` : ""}`;
  if (isIntervalSchedule(s)) return `every ${formatSeconds(s.interval)}${s.timezone && s.timezone !== "UTC" ? ` ${s.timezone}` : ""}`;
  return `rrule ${code(s.rrule.replace(/\n/g, " "))}${s.timezone ? ` ${s.timezone}` : ""}`;
}
function yaml(value, sorted = true) {
  return (0, import_yaml2.stringify)(value, { lineWidth: 0, sortMapEntries: sorted, aliasDuplicateObjects: false }).trimEnd();
}
function fence(lang, body) {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(Math.max(3, longest + 1));
  return [`${marks}${lang}`, ...body.split("\n"), marks];
}
function code(text) {
  const oneLine2 = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...oneLine2.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = "`".repeat(longest + 1);
  const pad = longest > 0 || oneLine2.startsWith(" ") || oneLine2.endsWith(" ") ? " " : "";
  return `${marks}${pad}${oneLine2}${pad}${marks}`;
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
    projects: projects.map((p) => ({ project: p.project, ...planToJson(p.plan, p.live) })),
    errors: all.errors,
    warnings: all.warnings
  };
}
function totals(projects) {
  const counts = /* @__PURE__ */ new Map();
  const add = (k) => counts.set(k, (counts.get(k) ?? 0) + 1);
  let errors = 0;
  for (const p of projects) {
    errors += p.plan.diagnostics.filter((d) => d.severity === "error").length;
    if (!p.live) p.plan.deployments.forEach(() => add("planned"));
    else for (const c of p.live) add(classifyChange(c.deployment, c.action, c.changes).category);
  }
  return { counts, errors };
}
var WORDS2 = [
  ["planned", "to deploy"],
  ["create", "to create"],
  ["update", "to update"],
  ["version-only", "version only"],
  ["unchanged-unless-build-differs", "unchanged unless the build output differs"],
  ["unchanged", "unchanged"]
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
    const body = p.live ? liveChangesToText(p.plan, p.live, options) : planToText(p.plan, options);
    lines.push("", `== ${p.project} ==`, body);
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
  for (const p of projects) out.push(...section(p.project, planToMarkdown(p.plan, p.live, each)));
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
  const out = [`## ${failed ? "\u274C " : ""}Prefect deploy: ${plural(projects.length, "project")}${words.length ? `, ${words.join(", ")}` : ""}`, ""];
  const { footer, ...each } = options;
  for (const p of projects) out.push(...section(p.project, deployToMarkdown(p.result, each)));
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

// src/commands/projects.ts
var PROJECTS_AT_ONCE = 4;
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
    const name = import_node_path16.default.posix.normalize(dir.split(import_node_path16.default.sep).join("/")).replace(/\/+$/u, "") || ".";
    if (!out.includes(name)) out.push(name);
  };
  const isDir = (p) => (0, import_node_fs11.statSync)(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  for (const raw of patterns.map((p) => p.trim()).filter(Boolean)) {
    if (!GLOB.test(raw)) {
      if (!isDir(import_node_path16.default.resolve(cwd, raw))) throw new ProjectsInputError(`project "${raw}" is not a directory (relative to ${cwd})`);
      add(raw);
      continue;
    }
    const found = (0, import_node_fs11.globSync)(raw, { cwd }).filter((m) => isDir(import_node_path16.default.resolve(cwd, m)) && (0, import_node_fs11.statSync)(import_node_path16.default.resolve(cwd, m, prefectFile), { throwIfNoEntry: false })?.isFile()).sort();
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
  const configs = await Promise.all(projects.map(async (p) => (await loadPrefectFile(request.prefectFile, import_node_path16.default.resolve(request.cwd, p))).prefectFile?.deployments));
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
  const owned = (key2) => projects.find((p) => key2.startsWith(`${p}${PROJECT_SEPARATOR}`));
  if (!Object.keys(given).some((k) => owned(k) !== void 0)) return given;
  const prefix = `${project}${PROJECT_SEPARATOR}`;
  return Object.fromEntries(Object.entries(given).flatMap(([k, v]) => owned(k) === project ? [[k.slice(prefix.length), v]] : []));
}
function projectRequest(request, project, selection, stepCache) {
  return { ...request, cwd: import_node_path16.default.resolve(request.cwd, project), selection, stepCache };
}
function withRunGit(request) {
  return { ...request, git: sharingGit(request.git ?? runGit, /* @__PURE__ */ new Map()) };
}
function fromRun(project, d) {
  return import_node_path16.default.isAbsolute(d.file) ? d : { ...d, file: import_node_path16.default.posix.join(project, d.file.split(import_node_path16.default.sep).join("/")) };
}
function projectReporter(reporter, project, once) {
  const named = (name) => projectSelector(project, name);
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
    step: (d, e) => reporter.step({ ...d, name: named(d.name) }, e),
    stepLog: (deployment, line) => reporter.stepLog(named(deployment), line),
    progress: (e) => reporter.progress(e.phase === "validated" ? { ...e, deployments: e.deployments.map((d) => ({ ...d, name: named(d.name) })) } : { ...e, name: named(e.name) }),
    result: (o) => reporter.result({ ...o, name: named(o.name) }),
    lock: (e) => reporter.lock(e),
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
  const runs = await mapBounded(chosen, PROJECTS_AT_ONCE, async (project) => ({
    project,
    result: await command(projectRequest(request, project, selections.get(project), stepCache), projectReporter(reporter, project, once))
  }));
  if (runs.length === 0) throw new ProjectsInputError(`no project has a deployment named ${request.selection.names.map((n) => `"${n}"`).join(", ")}`);
  return mergeProjects(runs);
}
function planInProject(project, plan3) {
  return { ...plan3, deployments: plan3.deployments.map((d) => ({ ...d, flowName: projectSelector(project, d.flowName) })) };
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
  const ui = uiUrl(apiUrl, request.env);
  const uiField = ui ? { uiUrl: ui } : {};
  let validated;
  try {
    const sources = prefectTemplateSources(client);
    const given = request.skipSteps || request.stepOutputs !== void 0 ? { stepOutputs: {} } : {};
    validated = await mapBounded(chosen, PROJECTS_AT_ONCE, async ({ project, request: req }) => {
      const planned = await validateForDeploy({ ...engineRequest(req), cache: req.planCache, ...given, client, sources });
      const errors = hasErrors(planned.diagnostics);
      return {
        project,
        result: { plan: planned, diagnostics: planned.diagnostics, hasChanges: false, ...errors ? { failureReason: "invalid-config" } : {} }
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
        const before = await createPlan({ ...engineRequest(req), templateEnv, sources });
        const refused = hasErrors(before.diagnostics) ? void 0 : await checkPlan(planInProject(project, before));
        if (refused !== void 0) return { ...mergeProjects(validated), failureReason: "plan-changed", message: refused, stoppedAt: "validation", ...uiField };
      }
    }
  } finally {
    client.close();
  }
  const once = { deploying: false };
  const writeGate = gate(writeConcurrency(request, client));
  const runs = await mapBounded(chosen, PROJECTS_AT_ONCE, async ({ project, request: req }) => ({
    project,
    result: await deploy2({ ...req, writeGate }, projectReporter(reporter, project, once))
  }));
  return mergeProjects(runs);
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

export {
  deploymentUrl,
  runGit,
  qualifiedName,
  DEFAULT_LOCK_TIMEOUT_SECONDS,
  lockEventText,
  outcomeJson,
  apiUrlOf,
  plan2 as plan,
  validate,
  deploymentKey,
  deploy2 as deploy,
  build,
  list,
  matrixEntry,
  matrixOf,
  planToJson,
  planToText,
  liveChangesToText,
  planToMarkdown,
  deployToMarkdown,
  projectSelector,
  projectsPlanToJson,
  projectsPlanToText,
  projectsPlanToMarkdown,
  projectsDeployToMarkdown,
  projectsMatrix,
  ProjectsInputError,
  resolveProjects,
  runProjects,
  planInProject,
  deployProjects,
  skippedToText,
  skippedToMarkdown,
  skippedToJson
};

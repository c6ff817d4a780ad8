import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  require_node_string_decoder,
  require_tunnel,
  require_undici
} from "./chunk-MYFNL276.js";
import {
  DEFAULT_LOCK_TIMEOUT_SECONDS,
  DEFAULT_SMOKE_TIMEOUT_SECONDS,
  ProjectsInputError,
  SmokeSpecError,
  apiUrlOf,
  build,
  deletionsInProject,
  deploy,
  deployProjects,
  deploymentKey,
  drift,
  lockEventText,
  outcomeJson,
  parseSmokeTarget,
  plan,
  planInProject,
  preview,
  resolveProjects,
  runProjects
} from "./chunk-F5Y24DJ3.js";
import {
  appliedToMarkdown,
  deployToMarkdown,
  deploymentUrl,
  driftHeadline,
  flowRunUrl,
  foldPlan,
  liveChangesToText,
  matrixOf,
  planToJson,
  planToMarkdown,
  planToText,
  previewToMarkdown,
  projectSelector,
  projectsDeployToMarkdown,
  projectsMatrix,
  projectsPlanToJson,
  projectsPlanToMarkdown,
  projectsPlanToText,
  qualifiedName,
  runGit,
  skippedToJson,
  skippedToMarkdown,
  skippedToText,
  smokeToMarkdown
} from "./chunk-KS4GSOAB.js";
import "./chunk-JDZ5Z23Z.js";
import "./chunk-6WCIM7IN.js";
import "./chunk-5BY6HLOH.js";
import "./chunk-IB5ZBFXE.js";
import "./chunk-KENA6D5Q.js";
import "./chunk-XUNU3GOX.js";
import {
  Secrets
} from "./chunk-FIONPFPF.js";
import {
  formatDiagnostic,
  parseStep
} from "./chunk-MK4RGKAP.js";
import "./chunk-RTJXVYK5.js";
import "./chunk-P53V7XJ3.js";
import "./chunk-RWVIAWYL.js";
import "./chunk-NYGW7KUL.js";
import "./chunk-VHMKHZJ2.js";
import "./chunk-46W2O75K.js";
import {
  require_node_child_process
} from "./chunk-4AHN6RY2.js";
import {
  isMapping
} from "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import {
  require_node_zlib
} from "./chunk-XRSCF2MS.js";
import {
  require_node_assert
} from "./chunk-MHTTOAQE.js";
import "./chunk-SJSJNQVP.js";
import {
  require_node_http
} from "./chunk-N4OCQ3N2.js";
import "./chunk-OGITELCG.js";
import {
  require_node_events
} from "./chunk-BV3FTZC3.js";
import {
  require_node_https
} from "./chunk-QNA2ZJDC.js";
import "./chunk-NBB35J4E.js";
import {
  require_node_crypto
} from "./chunk-6YASQSJ3.js";
import "./chunk-6ZI6ZE76.js";
import "./chunk-3VU2WZMP.js";
import {
  require_node_os
} from "./chunk-M3NCQJAU.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import "./chunk-WXAGQYOS.js";
import {
  __commonJS,
  __toESM
} from "./chunk-6DG7BXTN.js";

// node-builtin:node:timers
var require_node_timers = __commonJS({
  "node-builtin:node:timers"(exports, module) {
    module.exports = process.getBuiltinModule("node:timers");
  }
});

// src/github/main.ts
var import_node_path3 = __toESM(require_node_path(), 1);

// node_modules/@actions/core/lib/command.js
var os = __toESM(require_node_os(), 1);

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
var crypto = __toESM(require_node_crypto(), 1);
var fs = __toESM(require_node_fs(), 1);
var os2 = __toESM(require_node_os(), 1);
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter3 = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter3)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter3}"`);
  }
  if (convertedValue.includes(delimiter3)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter3}"`);
  }
  return `${key}<<${delimiter3}${os2.EOL}${convertedValue}${os2.EOL}${delimiter3}`;
}

// node_modules/@actions/core/lib/core.js
var os5 = __toESM(require_node_os(), 1);
var path5 = __toESM(require_node_path(), 1);

// node_modules/@actions/http-client/lib/index.js
var http = __toESM(require_node_http(), 1);
var https = __toESM(require_node_https(), 1);
var tunnel = __toESM(require_tunnel(), 1);
var import_undici = __toESM(require_undici(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
var import_os = __toESM(require_node_os(), 1);
var import_fs = __toESM(require_node_fs(), 1);
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = import_fs.promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, import_fs.constants.R_OK | import_fs.constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(import_os.EOL);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/path-utils.js
var path = __toESM(require_node_path(), 1);

// node_modules/@actions/core/lib/platform.js
var import_os2 = __toESM(require_node_os(), 1);

// node_modules/@actions/exec/lib/exec.js
var import_string_decoder = __toESM(require_node_string_decoder(), 1);

// node_modules/@actions/exec/lib/toolrunner.js
var os3 = __toESM(require_node_os(), 1);
var events = __toESM(require_node_events(), 1);
var child = __toESM(require_node_child_process(), 1);
var path4 = __toESM(require_node_path(), 1);

// node_modules/@actions/io/lib/io.js
var import_assert = __toESM(require_node_assert(), 1);
var path3 = __toESM(require_node_path(), 1);

// node_modules/@actions/io/lib/io-util.js
var fs2 = __toESM(require_node_fs(), 1);
var path2 = __toESM(require_node_path(), 1);
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var import_timers = __toESM(require_node_timers(), 1);
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = import_os2.default.platform();
var arch = import_os2.default.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os5.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os5.EOL);
}

// src/github/inputs.ts
var INPUT = {
  prefectFile: "prefect-file",
  deployments: "deployments",
  all: "all",
  workingDirectory: "working-directory",
  mode: "mode",
  apiUrl: "api-url",
  apiKey: "api-key",
  concurrency: "concurrency",
  stepOutputs: "step-outputs",
  skipSteps: "skip-steps",
  commentMode: "comment-mode",
  githubToken: "github-token",
  requirePlanMatch: "require-plan-match",
  planEnv: "plan-env",
  lockTimeout: "lock-timeout",
  changedSince: "changed-since",
  projects: "projects",
  owner: "owner",
  prune: "prune",
  previewId: "preview-id",
  previewAction: "preview-action",
  previewWithSchedules: "preview-with-schedules",
  previewWithTriggers: "preview-with-triggers",
  smoke: "smoke",
  smokeTimeout: "smoke-timeout"
};
var MODES = ["plan", "deploy", "build", "preview", "drift"];
var PREVIEW_ACTIONS = ["up", "down"];
var COMMENT_MODES = ["update", "always-new", "changes-only", "off"];
var InputValueError = class extends Error {
};
function splitList(text) {
  return text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== "");
}
function parseBoolean(name, text) {
  const v = text.trim().toLowerCase();
  if (v === "" || v === "false") return false;
  if (v === "true") return true;
  throw new InputValueError(`input "${name}" must be true or false, got "${text}"`);
}
function parseChoice(name, text, allowed, fallback) {
  const v = text.trim();
  if (v === "") return fallback;
  if (allowed.includes(v)) return v;
  throw new InputValueError(`input "${name}" must be one of ${allowed.join(", ")}, got "${text}"`);
}
function parsePositiveInt(name, text) {
  const v = text.trim();
  if (v === "") return void 0;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InputValueError(`input "${name}" must be a positive integer, got "${text}"`);
  return Number(v);
}
function parseSeconds(name, text, fallback) {
  const v = text.trim();
  if (v === "") return fallback;
  if (!/^\d+$/.test(v)) throw new InputValueError(`input "${name}" must be a whole number of seconds, got "${text}"`);
  return Number(v);
}
function parseJsonObject(name, text) {
  if (text.trim() === "") return void 0;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputValueError(`input "${name}" must be a JSON object: ${e.message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InputValueError(`input "${name}" must be a JSON object`);
  return parsed;
}
function readInputs(getInput2 = (n) => getInput(n)) {
  const inputs = {
    prefectFile: getInput2(INPUT.prefectFile) || "prefect.yaml",
    deployments: splitList(getInput2(INPUT.deployments)),
    all: parseBoolean(INPUT.all, getInput2(INPUT.all)),
    workingDirectory: getInput2(INPUT.workingDirectory) || ".",
    mode: parseChoice(INPUT.mode, getInput2(INPUT.mode), MODES, "plan"),
    apiUrl: getInput2(INPUT.apiUrl).trim() || void 0,
    apiKey: getInput2(INPUT.apiKey).trim() || void 0,
    concurrency: parsePositiveInt(INPUT.concurrency, getInput2(INPUT.concurrency)),
    stepOutputs: parseJsonObject(INPUT.stepOutputs, getInput2(INPUT.stepOutputs)),
    skipSteps: parseBoolean(INPUT.skipSteps, getInput2(INPUT.skipSteps)),
    commentMode: parseChoice(INPUT.commentMode, getInput2(INPUT.commentMode), COMMENT_MODES, "update"),
    githubToken: getInput2(INPUT.githubToken).trim() || void 0,
    requirePlanMatch: parseBoolean(INPUT.requirePlanMatch, getInput2(INPUT.requirePlanMatch)),
    planEnv: splitList(getInput2(INPUT.planEnv)),
    lockTimeout: parseSeconds(INPUT.lockTimeout, getInput2(INPUT.lockTimeout), DEFAULT_LOCK_TIMEOUT_SECONDS),
    changedSince: getInput2(INPUT.changedSince).trim(),
    projects: splitLines(getInput2(INPUT.projects)),
    smoke: parseSmoke(getInput2(INPUT.smoke)),
    smokeTimeout: parseSeconds(INPUT.smokeTimeout, getInput2(INPUT.smokeTimeout), DEFAULT_SMOKE_TIMEOUT_SECONDS)
  };
  checkSmoke(inputs);
  checkProjects(inputs, getInput2(INPUT.workingDirectory));
  const owner = getInput2(INPUT.owner).trim();
  if (owner) inputs.owner = owner;
  if (parseBoolean(INPUT.prune, getInput2(INPUT.prune))) inputs.prune = true;
  if (inputs.prune && !inputs.all)
    throw new InputValueError(`input "${INPUT.prune}" needs "${INPUT.all}: true" (a partial selection must not delete the deployments it does not select)`);
  const previewId = getInput2(INPUT.previewId).trim();
  if (previewId) inputs.previewId = previewId;
  const previewAction = getInput2(INPUT.previewAction).trim();
  if (previewAction) inputs.previewAction = parseChoice(INPUT.previewAction, previewAction, PREVIEW_ACTIONS, "up");
  if (parseBoolean(INPUT.previewWithSchedules, getInput2(INPUT.previewWithSchedules))) inputs.previewWithSchedules = true;
  if (parseBoolean(INPUT.previewWithTriggers, getInput2(INPUT.previewWithTriggers))) inputs.previewWithTriggers = true;
  if (inputs.mode === "preview" && inputs.projects.length > 0) throw new InputValueError(`mode preview works on one project: "${INPUT.projects}" cannot be used with it`);
  if (inputs.mode === "preview" && inputs.prune) throw new InputValueError(`mode preview deletes only its own previews: "${INPUT.prune}" cannot be used with it`);
  if (inputs.all && inputs.deployments.length > 0) {
    throw new InputValueError(`inputs "${INPUT.all}" and "${INPUT.deployments}" cannot be used together`);
  }
  return inputs;
}
function splitLines(text) {
  return text.split("\n").map((s) => s.trim()).filter((s) => s !== "");
}
function parseSmoke(text) {
  try {
    return splitLines(text).map(parseSmokeTarget);
  } catch (e) {
    if (e instanceof SmokeSpecError) throw new InputValueError(`input "${INPUT.smoke}": ${e.message}`);
    throw e;
  }
}
function checkSmoke(inputs) {
  if (inputs.smokeTimeout < 1) throw new InputValueError(`input "${INPUT.smokeTimeout}" must be a positive number of seconds, got "${inputs.smokeTimeout}"`);
  if (inputs.smoke.length === 0) return;
  if (inputs.mode !== "deploy") throw new InputValueError(`input "${INPUT.smoke}" needs "${INPUT.mode}: deploy" (smoke runs test what a deploy registered)`);
  if (inputs.projects.length > 0)
    throw new InputValueError(`inputs "${INPUT.smoke}" and "${INPUT.projects}" cannot be used together yet; smoke each project in its own step`);
}
function checkProjects(inputs, workingDirectory) {
  if (inputs.projects.length === 0) return;
  if (!["", "."].includes(workingDirectory.trim())) {
    throw new InputValueError(`inputs "${INPUT.projects}" and "${INPUT.workingDirectory}" cannot be used together: each project directory is its own working directory`);
  }
}

// src/github/context.ts
var import_node_fs = __toESM(require_node_fs(), 1);
function readWorkflowRun(env = process.env) {
  let payload = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath && (0, import_node_fs.existsSync)(eventPath)) {
    try {
      payload = JSON.parse((0, import_node_fs.readFileSync)(eventPath, "utf8"));
    } catch {
      payload = {};
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const repository = owner && repo ? { owner, repo } : void 0;
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const runUrl = repository && env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  return {
    eventName,
    payload,
    repository,
    sha: env.GITHUB_SHA || void 0,
    runUrl,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    pullRequest: eventName === "pull_request" || eventName === "pull_request_target" ? pullRequestOf(payload) : void 0
  };
}
function pullRequestOf(payload) {
  const pr = payload.pull_request;
  if (!pr || typeof pr.number !== "number") return void 0;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  return { number: pr.number, fork: !head || head !== base, headSha: pr.head?.sha };
}
function changedSinceRef(input, run2) {
  if (input.toLowerCase() === "none") return void 0;
  if (input !== "") return input;
  const { eventName, payload } = run2;
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    const sha = payload.pull_request?.base?.sha;
    return typeof sha === "string" && sha ? sha : void 0;
  }
  if (eventName === "push") {
    const before = payload.before;
    return typeof before === "string" && before && !/^0+$/.test(before) ? before : void 0;
  }
  return void 0;
}

// src/github/logs.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var stdout = (line) => process.stdout.write(line + import_node_os.EOL);
function groupLines(title, lines) {
  const token = (0, import_node_crypto.randomUUID)().replace(/-/g, "");
  return [`::group::${commandValue(title)}`, `::stop-commands::${token}`, ...lines, `::${token}::`, "::endgroup::"];
}
function printGroup(title, lines, write = stdout) {
  for (const line of groupLines(title, lines)) write(line);
}
function commandValue(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
var stopped;
function issueCommand2(command) {
  const region = stopped;
  if (region) region.write(`::${region.token}::`);
  try {
    command();
  } finally {
    if (region) region.write(`::stop-commands::${region.token}`);
  }
}
var StepLogs = class {
  constructor(write = stdout) {
    this.write = write;
  }
  write;
  live;
  waiting = [];
  current = /* @__PURE__ */ new Map();
  start(deployment, title) {
    const step = { deployment, title, token: (0, import_node_crypto.randomUUID)().replace(/-/g, ""), lines: [], done: false };
    this.current.set(deployment, step);
    if (this.live) this.waiting.push(step);
    else this.goLive(step);
  }
  line(deployment, text) {
    const step = this.current.get(deployment);
    if (!step) {
      printGroup(deployment, [text], this.write);
      return;
    }
    if (step === this.live) this.write(text);
    else step.lines.push(text);
  }
  end(deployment, error2) {
    const step = this.current.get(deployment);
    if (!step) return;
    this.current.delete(deployment);
    if (error2) step.lines.push(`\u2716 ${error2.message}`);
    step.done = true;
    if (step !== this.live) return;
    this.close(step);
    this.live = void 0;
    while (this.waiting.length > 0) {
      const next = this.waiting.shift();
      this.goLive(next);
      if (!next.done) return;
      this.close(next);
      this.live = void 0;
    }
  }
  goLive(step) {
    this.live = step;
    this.write(`::group::${commandValue(step.title)}`);
    this.write(`::stop-commands::${step.token}`);
    stopped = { token: step.token, write: this.write };
    for (const l of step.lines) this.write(l);
    step.lines = [];
  }
  close(step) {
    for (const l of step.lines) this.write(l);
    if (stopped?.token === step.token) stopped = void 0;
    this.write(`::${step.token}::`);
    this.write("::endgroup::");
  }
};
function annotate(diagnostics, cwd, workspace) {
  for (const d of diagnostics) {
    const file = import_node_path.default.relative(workspace, import_node_path.default.resolve(cwd, d.file)).split(import_node_path.default.sep).join("/");
    const props = {
      title: d.deployment ? `deployment ${d.deployment}` : import_node_path.default.basename(d.file),
      file,
      ...d.line !== void 0 ? { startLine: d.line } : {},
      ...d.column !== void 0 ? { startColumn: d.column } : {}
    };
    if (d.severity === "error") error(d.message, props);
    else warning(d.message, props);
  }
}

// src/github/secrets.ts
var ADD_MASK = "::add-mask::";
var Secrets2 = class extends Secrets {
  // A value can first be read while a step streams behind ::stop-commands:: (a block placeholder in
  // its inputs); issueCommand resumes commands for the mask so the runner does not drop it.
  constructor(mask = (v) => issueCommand2(() => setSecret(v))) {
    super(mask);
  }
  /** The one way the action sets an output: `GITHUB_OUTPUT` is a file the runner's masking never reads. */
  setOutput(name, value) {
    setOutput(name, this.redactText(value));
  }
  /**
   * Redacts every line written to `stream` (stdout or stderr: the runner logs both),
   * except the `::add-mask::` commands that must carry the value to the runner. Returns the undo.
   */
  redactLog(stream = process.stdout) {
    const write = stream.write.bind(stream);
    const redact = (text) => text.split("\n").map((line) => line.startsWith(ADD_MASK) ? line : this.redactText(line)).join("\n");
    stream.write = (chunk, ...rest) => write(typeof chunk === "string" ? redact(chunk) : chunk instanceof Uint8Array ? redact(Buffer.from(chunk).toString("utf8")) : chunk, ...rest);
    return () => {
      stream.write = write;
    };
  }
};

// src/github/outputs.ts
var OUTPUT = {
  deployments: "deployments",
  changes: "changes",
  plan: "plan",
  planMarkdown: "plan-markdown",
  stepOutputs: "step-outputs",
  matrix: "matrix",
  failureReason: "failure-reason",
  commentUrl: "comment-url",
  drift: "drift"
};
var OUTPUTS = [
  "deployments",
  "changes",
  "plan",
  "plan-markdown",
  "step-outputs",
  "matrix",
  "failure-reason",
  "comment-url",
  "drift"
];
function stepIds(d) {
  const ids = [];
  for (const step of [...d.steps.build, ...d.steps.push]) {
    const id = parseStep(step)?.id;
    if (id !== void 0) ids.push(id);
  }
  return ids;
}
var OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function collect(values, prefix, plan2, outputs) {
  for (const d of plan2.deployments) {
    const out = outputs.get(d.index);
    if (!out) continue;
    for (const id of stepIds(d)) {
      const result = out[id];
      if (!isMapping(result)) continue;
      for (const [k, v] of Object.entries(result)) {
        const name = `${prefix}${id}-${k}`;
        if (!OUTPUT_NAME.test(name) || OUTPUTS.includes(name)) continue;
        const text = typeof v === "string" ? v : JSON.stringify(v);
        const seen = values.get(name);
        values.set(name, seen === void 0 || seen === text ? text : null);
      }
    }
  }
}
var agreed = (values) => Object.fromEntries([...values].filter((e) => e[1] !== null));
function flatStepOutputs(plan2, outputs) {
  const values = /* @__PURE__ */ new Map();
  collect(values, "", plan2, outputs);
  return agreed(values);
}
function projectOutputPrefix(project) {
  return project.replace(/[^A-Za-z0-9_-]+/gu, "-").replace(/^-+|-+$/gu, "");
}
function projectsFlatStepOutputs(projects) {
  const values = /* @__PURE__ */ new Map();
  for (const p of projects) {
    collect(values, "", p.plan, p.outputs);
    const prefix = projectOutputPrefix(p.project);
    if (prefix) collect(values, `${prefix}-`, p.plan, p.outputs);
  }
  return agreed(values);
}

// src/github/comment.ts
var import_node_crypto2 = __toESM(require_node_crypto(), 1);
var import_node_zlib = __toESM(require_node_zlib(), 1);
async function createOctokit(token) {
  const { getOctokit } = await import("./github-YGCZCFWC.js");
  return getOctokit(token, { baseUrl: process.env.GITHUB_API_URL || "https://api.github.com" });
}
var MARKER = "deploy-action:plan";
var MAX_FIELD_DATA = 2e4;
function commentKeys(repository, prefectFile, selection2) {
  const h = (parts) => (0, import_node_crypto2.createHash)("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
  return { key: h([repository, prefectFile, selection2]), scope: h([repository, prefectFile]) };
}
function formatMarker(keys, fingerprint2) {
  const encode = (withFields) => (0, import_node_zlib.deflateRawSync)(
    JSON.stringify(Object.fromEntries(Object.entries(fingerprint2.deployments).map(([name, d]) => [name, withFields ? [d.hash, d.fields] : [d.hash]])))
  ).toString("base64url");
  let data = encode(true);
  if (data.length > MAX_FIELD_DATA) data = encode(false);
  if (data.length > MAX_FIELD_DATA) data = "";
  return `<!-- ${MARKER} key=${keys.key} scope=${keys.scope} hash=${fingerprint2.hash} data=${data} -->`;
}
var MARKER_RE = new RegExp(`<!-- ${MARKER} key=([0-9a-f]+) scope=([0-9a-f]+) hash=([0-9a-f]+) data=([A-Za-z0-9_-]*) -->`);
function parseMarker(body) {
  const m = MARKER_RE.exec(body);
  if (!m) return void 0;
  let deployments = {};
  try {
    const raw = JSON.parse((0, import_node_zlib.inflateRawSync)(Buffer.from(m[4], "base64url")).toString("utf8"));
    deployments = Object.fromEntries(Object.entries(raw).map(([name, [hash, fields]]) => [name, { hash, fields: fields ?? {} }]));
  } catch {
  }
  return { key: m[1], scope: m[2], fingerprint: { hash: m[3], deployments } };
}
async function currentLogin(octokit) {
  try {
    const res = await octokit.graphql("query { viewer { login } }");
    if (res.viewer.login) return res.viewer.login;
  } catch {
  }
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    return "github-actions[bot]";
  }
}
async function ownPlanComments(octokit, repo, issue2, login) {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue2, per_page: 100 });
  const out = [];
  for (const c of comments) {
    if (c.user?.login !== login || !c.body) continue;
    const marker = parseMarker(c.body);
    if (marker) out.push({ id: c.id, nodeId: c.node_id, url: c.html_url, body: c.body, marker });
  }
  return out;
}
var PREVIEW_MARKER = "deploy-action:preview";
var PREVIEW_MARKER_RE = new RegExp(`<!-- ${PREVIEW_MARKER} key=([0-9a-f]+) -->`);
function formatPreviewMarker(keys) {
  return `<!-- ${PREVIEW_MARKER} key=${keys.key} -->`;
}
function parsePreviewMarker(body) {
  const m = PREVIEW_MARKER_RE.exec(body);
  return m ? { key: m[1] } : void 0;
}
async function ownKeyedComments(octokit, repo, issue2, login, kind) {
  if (kind === "plan") return (await ownPlanComments(octokit, repo, issue2, login)).map((c) => ({ ...c, key: c.marker.key }));
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue2, per_page: 100 });
  const out = [];
  for (const c of comments) {
    if (c.user?.login !== login || !c.body) continue;
    const marker = parsePreviewMarker(c.body);
    if (marker) out.push({ id: c.id, nodeId: c.node_id, url: c.html_url, body: c.body, key: marker.key });
  }
  return out;
}
async function upsertPlanComment(octokit, request) {
  const { repo, pullRequest, keys, body } = request;
  const login = await currentLogin(octokit);
  const previous = (await ownKeyedComments(octokit, repo, pullRequest, login, request.kind ?? "plan")).filter((c) => c.key === keys.key).at(-1);
  if (request.mode === "changes-only" && !request.hasChanges && !previous) {
    return { action: "skipped", reason: "no changes to comment on (comment-mode changes-only)" };
  }
  if (previous && request.mode !== "always-new") {
    if (previous.body === body) return { action: "updated", url: previous.url };
    const res2 = await octokit.rest.issues.updateComment({ ...repo, comment_id: previous.id, body });
    return { action: "updated", url: res2.data.html_url };
  }
  let minimized;
  if (previous) {
    try {
      await octokit.graphql("mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized } } }", {
        id: previous.nodeId
      });
      minimized = { url: previous.url };
    } catch (e) {
      minimized = { url: previous.url, error: e.message };
    }
  }
  const res = await octokit.rest.issues.createComment({ ...repo, issue_number: pullRequest, body });
  return { action: "created", url: res.data.html_url, ...minimized ? { minimized } : {} };
}
function httpStatus(error2) {
  const status = error2?.status;
  return typeof status === "number" ? status : void 0;
}

// src/core/plan/hash.ts
var import_node_crypto3 = __toESM(require_node_crypto(), 1);
var DELETION_PREFIX = "delete ";
function normalizedDeployment(d, commit) {
  const p = d.payload;
  const info2 = isMapping(p.version_info) ? p.version_info : {};
  const inferred = typeof info2.commit_sha === "string" && typeof p.version === "string" && p.version.length >= 7 && info2.commit_sha.startsWith(p.version);
  const value = {
    name: d.name,
    flow_name: d.flowName,
    entrypoint: d.entrypoint,
    description: d.description,
    version: inferred ? null : p.version,
    version_type: info2.type ?? null,
    tags: p.tags,
    parameters: p.parameters,
    parameter_openapi_schema: p.parameter_openapi_schema,
    enforce_parameter_schema: p.enforce_parameter_schema,
    paused: p.paused,
    concurrency_limit: p.concurrency_limit,
    concurrency_options: p.concurrency_options ?? null,
    work_pool_name: p.work_pool_name,
    work_queue_name: p.work_queue_name,
    job_variables: p.job_variables,
    pull_steps: d.pullStepsNull ? null : p.pull_steps,
    schedules: d.schedules.map((s) => {
      const schedule = { ...s.create.schedule };
      if ("interval" in schedule && !("anchor_date" in s.update.schedule)) delete schedule.anchor_date;
      return { ...s.create, schedule };
    }),
    triggers: d.triggers,
    slas: d.slas ?? null
  };
  return commit ? replaceCommit(value, commit) : value;
}
function fingerprintDeployments(deployments, options = {}) {
  const out = {};
  for (const d of deployments) {
    let value = normalizedDeployment(d, options.commit);
    if (options.transform) value = options.transform(value);
    const fields = {};
    for (const [k, v] of Object.entries(value)) fields[k] = sha256(canonicalJson(v)).slice(0, 8);
    out[qualifiedName(d)] = { hash: sha256(canonicalJson(value)).slice(0, 16), fields };
  }
  for (const d of options.deletions ?? []) {
    const key = `${DELETION_PREFIX}${qualifiedName(d)}`;
    out[key] = { hash: sha256(key).slice(0, 16), fields: {} };
  }
  const hash = sha256(canonicalJson(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.hash]))));
  return { hash, deployments: out };
}
function compareFingerprints(earlier, now) {
  const out = [];
  for (const [name, current] of Object.entries(now.deployments)) {
    const before = earlier.deployments[name];
    if (!before) {
      out.push({ deployment: name, kind: "missing", fields: [] });
      continue;
    }
    if (before.hash === current.hash) continue;
    const keys = /* @__PURE__ */ new Set([...Object.keys(before.fields), ...Object.keys(current.fields)]);
    const fields = [...keys].filter((k) => before.fields[k] !== current.fields[k]).sort();
    out.push({ deployment: name, kind: "changed", fields: Object.keys(before.fields).length ? fields : [] });
  }
  return out;
}
function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isMapping(value)) {
    const out = {};
    for (const k of Object.keys(value).sort()) if (value[k] !== void 0) out[k] = sortKeys(value[k]);
    return out;
  }
  return value;
}
function sha256(text) {
  return (0, import_node_crypto3.createHash)("sha256").update(text).digest("hex");
}
function replaceCommit(value, commit) {
  if (typeof value === "string") {
    return value.replace(/[0-9a-f]{7,40}/gi, (m) => commit.toLowerCase().startsWith(m.toLowerCase()) ? "<commit>" : m);
  }
  if (Array.isArray(value)) return value.map((v) => replaceCommit(v, commit));
  if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceCommit(v, commit)]));
  return value;
}

// src/github/plan-match.ts
async function checkPlanMatch(octokit, repo, sha, keys, fingerprint2) {
  const pulls = (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 })).data;
  const merged = pulls.filter((p) => p.merged_at);
  const candidates = [...merged.filter((p) => p.merge_commit_sha === sha), ...merged.filter((p) => p.merge_commit_sha !== sha)];
  if (candidates.length === 0) {
    return { ok: false, message: `commit ${sha.slice(0, 7)} was not merged from a pull request, so there is no plan to compare with`, differences: [] };
  }
  const login = await currentLogin(octokit);
  const wanted = Object.keys(fingerprint2.deployments);
  for (const pr of candidates) {
    const comments = await ownPlanComments(octokit, repo, pr.number, login);
    const sameSelection = comments.filter((c) => c.marker.key === keys.key).at(-1);
    const covering = comments.filter((c) => c.marker.scope === keys.scope && wanted.every((w) => w in c.marker.fingerprint.deployments)).at(-1);
    const comment = sameSelection ?? covering;
    if (!comment) continue;
    if (comment.marker.fingerprint.hash === fingerprint2.hash) return { ok: true, pullRequest: pr.number, comment };
    const differences = compareFingerprints(comment.marker.fingerprint, fingerprint2);
    if (differences.length === 0) return { ok: true, pullRequest: pr.number, comment };
    return {
      ok: false,
      message: `what would be registered differs from the plan posted on pull request #${pr.number} (${comment.url}): ${describeDifferences(differences)}`,
      differences
    };
  }
  const numbers = candidates.map((p) => `#${p.number}`).join(", ");
  return {
    ok: false,
    message: `no plan comment for these deployments on pull request ${numbers} (was the plan run with comment-mode off, or changes-only without changes?)`,
    differences: []
  };
}
function describeDifferences(differences) {
  return differences.map(
    (d) => d.kind === "missing" && d.deployment.startsWith(DELETION_PREFIX) ? `deleting ${d.deployment.slice(DELETION_PREFIX.length)} was not in that plan` : d.kind === "missing" ? `${d.deployment} was not in that plan` : `${d.deployment} changed${d.fields.length ? ` (${d.fields.join(", ")})` : ""}`
  ).join("; ");
}

// src/github/truncate.ts
var FENCE = /^ {0,3}(`{3,}|~{3,})/;
function closing(state, note) {
  return (state.fence ? `
${state.fence}` : "") + "\n\n</details>".repeat(state.details) + `

${note}
`;
}
function advance(state, line) {
  const m = FENCE.exec(line);
  if (state.fence) {
    const closes = m && m[1][0] === state.fence[0] && m[1].length >= state.fence.length && line.trim() === m[1];
    return closes ? { ...state, fence: void 0 } : state;
  }
  if (m) return { ...state, fence: m[1] };
  const opened = (line.match(/<details[\s>]/gi) ?? []).length;
  const closed = (line.match(/<\/details>/gi) ?? []).length;
  return { ...state, details: Math.max(0, state.details + opened - closed) };
}
function truncateMarkdown(text, limit, note) {
  if (text.length <= limit) return text;
  const lines = text.split("\n");
  let state = { fence: void 0, details: 0 };
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const next = advance(state, line);
    const size = used + line.length + 1;
    if (kept > 0 && size + closing(next, note).length > limit) break;
    used = size;
    state = next;
    kept++;
  }
  return lines.slice(0, kept).join("\n") + closing(state, note);
}

// src/github/run.ts
var COMMENT_LIMIT = 6e4;
var SUMMARY_LIMIT = 5e5;
function fail(r, reason, diagnostics, message) {
  r.secrets.setOutput(OUTPUT.failureReason, reason);
  const first = diagnostics.find((d) => d.severity === "error");
  setFailed(message ?? (first ? formatDiagnostic(first) : reason));
}
function selection(inputs) {
  if (inputs.all) return { text: "all deployments", key: "*all*" };
  if (inputs.deployments.length === 0) return { text: "the only deployment", key: "" };
  return { text: inputs.deployments.map((n) => `\`${n}\``).join(", "), key: JSON.stringify([...new Set(inputs.deployments)].sort()) };
}
function footer(r, verb) {
  const parts = [`\`${r.prefectFile}\``, selection(r.inputs).text];
  const sha = r.github.pullRequest?.headSha ?? r.github.sha;
  if (sha) parts.push(`commit \`${sha.slice(0, 7)}\``);
  if (r.github.runUrl) parts.push(`[workflow run](${r.github.runUrl})`);
  return `<sub>${verb} by deploy-action \xB7 ${parts.join(" \xB7 ")}</sub>`;
}
function fingerprint(r, deployments, deletions) {
  return fingerprintDeployments(deployments, {
    ...r.github.sha ? { commit: r.github.sha } : {},
    transform: (v) => r.secrets.redactValue(v),
    ...deletions ? { deletions } : {}
  });
}
async function writeSummary(r, markdown) {
  const note = "> [!NOTE]\n> Truncated to fit the job summary: the whole plan is in the `plan` output.";
  const fitted = truncateMarkdown(r.secrets.redactText(markdown), SUMMARY_LIMIT, note);
  r.secrets.setOutput(OUTPUT.planMarkdown, fitted);
  if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(fitted, true).write();
  return fitted;
}

// src/github/pull-request.ts
async function postPlanComment(r, markdown, print, hasChanges) {
  const repo = r.github.repository;
  if (!repo) return;
  const keys = commentKeys(`${repo.owner}/${repo.repo}`, r.prefectFile, selection(r.inputs).key);
  await postStickyComment(r, { kind: "plan", keys, marker: formatMarker(keys, print), markdown, hasChanges, mode: r.inputs.commentMode });
}
async function postPreviewComment(r, markdown, options) {
  const repo = r.github.repository;
  if (!repo) return;
  const keys = commentKeys(`${repo.owner}/${repo.repo}`, r.prefectFile, "*preview*");
  const mode = r.inputs.commentMode === "off" ? "off" : options.onlyToUpdate ? "changes-only" : "update";
  await postStickyComment(r, { kind: "preview", keys, marker: formatPreviewMarker(keys), markdown, hasChanges: !options.onlyToUpdate, mode });
}
async function postStickyComment(r, c) {
  const { inputs, github } = r;
  const pr = github.pullRequest;
  const what = c.kind === "plan" ? "plan" : "preview";
  if (!pr || !github.repository || c.mode === "off") return;
  if (!inputs.githubToken) {
    info(`no github-token: the ${what} is in the job summary only`);
    return;
  }
  if (pr.fork && github.eventName === "pull_request") {
    notice(`pull request #${pr.number} comes from a fork, whose workflow token cannot comment: the ${what} is in the job summary`);
    return;
  }
  const repo = github.repository;
  const where = github.runUrl ? `the [job summary](${github.runUrl})` : "the job summary";
  const note = `> [!NOTE]
> This ${what} is too long for a comment and was cut here: the whole ${what} is in ${where}.`;
  const body = `${c.marker}
${truncateMarkdown(r.secrets.redactText(c.markdown), COMMENT_LIMIT - c.marker.length - 1, note)}`;
  try {
    const octokit = await createOctokit(inputs.githubToken);
    const result = await upsertPlanComment(octokit, { kind: c.kind, repo, pullRequest: pr.number, mode: c.mode, keys: c.keys, body, hasChanges: c.hasChanges });
    if (result.action === "skipped") {
      info(`no ${what} comment: ${result.reason}`);
      return;
    }
    info(`${what} comment ${result.action}: ${result.url}`);
    r.secrets.setOutput(OUTPUT.commentUrl, result.url);
    if (result.minimized?.error) warning(`the previous ${what} comment (${result.minimized.url}) could not be hidden: ${result.minimized.error}`);
  } catch (e) {
    const status = httpStatus(e);
    const message = r.secrets.redactText(e.message);
    if (status === 403 || status === 404) {
      notice(
        `the ${what} could not be posted on pull request #${pr.number} (GitHub answered ${status}: ${message}); it is in the job summary. Give the job "pull-requests: write" permission to get the comment.`
      );
    } else {
      warning(`the ${what} could not be posted on pull request #${pr.number}: ${message}; it is in the job summary`);
    }
  }
}
async function planMatches(r, plan2, deletions) {
  const { inputs, github } = r;
  if (!inputs.githubToken || !github.repository || !github.sha) return "needs github-token, GITHUB_REPOSITORY and GITHUB_SHA to find the plan on the merged pull request";
  const keys = commentKeys(`${github.repository.owner}/${github.repository.repo}`, r.prefectFile, selection(inputs).key);
  const octokit = await createOctokit(inputs.githubToken);
  let match;
  try {
    match = await checkPlanMatch(octokit, github.repository, github.sha, keys, fingerprint(r, plan2.deployments, deletions));
  } catch (e) {
    return `the plan on the merged pull request could not be read: ${r.secrets.redactText(e.message)}`;
  }
  if (match.ok) {
    info(`require-plan-match: matches the plan on pull request #${match.pullRequest} (${match.comment.url})`);
    return void 0;
  }
  if (match.differences.length > 0) {
    printGroup(
      "require-plan-match: what differs from the plan on the pull request",
      match.differences.map(
        (d) => d.kind === "missing" ? `${d.deployment}: not in that plan` : `${d.deployment}: ${d.fields.length ? d.fields.join(", ") : "changed"}`
      )
    );
  }
  await writeSummary(r, `### \u274C Not deployed: the plan changed

${match.message}

${footer(r, "Checked")}
`);
  return `${match.message}. Plan again on a pull request, or set require-plan-match: false`;
}

// src/github/applied-comment.ts
function appliedErrors(result, refusal) {
  if (refusal) return [refusal];
  if (result.outcomes && result.outcomes.length > 0) return [];
  const errors = result.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
  if (errors.length > 0) return errors;
  return result.failureReason ? [result.message ?? `the deploy failed (${result.failureReason})`] : [];
}
async function followDeploy(r, result, refusal) {
  const { inputs, github } = r;
  if (github.eventName !== "push" || inputs.commentMode === "off") return;
  const sha = github.sha;
  const repo = github.repository;
  if (!sha || !repo) return;
  const notice2 = (why) => notice(`the plan comment was not marked applied: ${r.secrets.redactText(why)}`);
  if (!inputs.githubToken) return notice2("no github-token to find the merged pull request with");
  try {
    const octokit = await createOctokit(inputs.githubToken);
    const pulls = (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 })).data;
    const merged = pulls.filter((p) => p.merged_at);
    const candidates = [...merged.filter((p) => p.merge_commit_sha === sha), ...merged.filter((p) => p.merge_commit_sha !== sha)];
    if (candidates.length === 0) return notice2(`commit ${sha.slice(0, 7)} was not merged from a pull request`);
    const keys = commentKeys(`${repo.owner}/${repo.repo}`, r.prefectFile, selection(inputs).key);
    const login = await currentLogin(octokit);
    for (const pr of candidates) {
      const comment = (await ownPlanComments(octokit, repo, pr.number, login)).filter((c) => c.marker.key === keys.key).at(-1);
      if (!comment) continue;
      const [markerLine, ...rest] = comment.body.split("\n");
      const status = r.secrets.redactText(
        appliedToMarkdown({
          sha,
          outcomes: result.outcomes,
          errors: appliedErrors(result, refusal),
          uiUrl: result.uiUrl,
          footer: `<sub>Deployed by deploy-action${github.runUrl ? ` \xB7 [workflow run](${github.runUrl})` : ""}</sub>`
        })
      );
      const room = COMMENT_LIMIT - markerLine.length - status.length - 400;
      const body = `${markerLine}
${foldPlan(rest.join("\n"), status, room)}`;
      const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body });
      info(`plan comment on pull request #${pr.number} marked applied: ${updated.data.html_url}`);
      r.secrets.setOutput(OUTPUT.commentUrl, updated.data.html_url);
      return;
    }
    return notice2(`no plan comment for this prefect file and selection on pull request ${candidates.map((p) => `#${p.number}`).join(", ")}`);
  } catch (e) {
    const status = httpStatus(e);
    const message = e.message;
    if (status === 403 || status === 404) {
      return notice2(`GitHub answered ${status}: ${message}. Give the job "pull-requests: write" (and "contents: read") permission to mark the plan applied.`);
    }
    warning(`the plan comment was not marked applied: ${r.secrets.redactText(message)}`);
  }
}

// src/github/publish.ts
async function publishPlan(r, result) {
  const markdown = publishPlanned(r, result, "Planned");
  await writeSummary(r, markdown);
  await postPlanComment(r, markdown, fingerprint(r, result.plan.deployments, result.deletions), result.hasChanges);
  if (result.failureReason) fail(r, result.failureReason, result.plan.diagnostics);
}
async function publishDrift(r, result) {
  if (result.failureReason === "no-api-url") {
    return fail(r, "no-api-url", [], "mode drift compares with the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL");
  }
  if (!result.plan) {
    for (const p of result.diagnostics) error(formatDiagnostic(p));
    return fail(r, result.failureReason ?? "invalid-input", result.diagnostics, result.message);
  }
  const plan2 = result.plan;
  const markdown = publishPlanned(r, { ...result, plan: plan2 }, "Checked");
  const errors = result.failureReason !== void 0 && result.failureReason !== "drift";
  const headline = errors ? "" : driftHeadline({ prefectFile: r.prefectFile, live: r.secrets.redactValue(result.live ?? []), deletions: result.deletions, uiUrl: result.uiUrl });
  await writeSummary(r, headline ? `${headline}
${markdown}` : markdown);
  if (!errors) r.secrets.setOutput(OUTPUT.drift, String(result.failureReason === "drift"));
  if (result.failureReason === "drift") {
    return fail(r, "drift", [], r.secrets.redactText(result.message ?? "the Prefect server differs from prefect.yaml"));
  }
  if (result.failureReason) fail(r, result.failureReason, plan2.diagnostics);
}
function publishPlanned(r, result, verb) {
  const { plan: plan2, live, uiUrl: ui } = result;
  logPlan(r.secrets.redactValue(plan2), live && r.secrets.redactValue(live), r.now, result.changedSince?.because);
  logSkipped(result);
  setPlanOutputs(r, plan2, live, ui, result);
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  return planToMarkdown(r.secrets.redactValue(plan2), live && r.secrets.redactValue(live), {
    now: r.now,
    ...ui ? { uiUrl: ui } : {},
    footer: withSkipped(result, footer(r, verb)),
    ...result.deletions ? { deletions: result.deletions } : {},
    ...skippedCount(result)
  });
}
var NO_API_URL = "mode deploy needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL";
async function publishDeploy(r, result) {
  await publishDeployResult(r, result);
  const refusal = result.failureReason === "no-api-url" ? NO_API_URL : result.failureReason === "plan-changed" ? `require-plan-match: ${result.message}` : void 0;
  await followDeploy(r, result, refusal);
}
async function publishDeployResult(r, result) {
  const { plan: plan2, outcomes, uiUrl: ui } = result;
  if (result.failureReason === "no-api-url") return fail(r, "no-api-url", [], NO_API_URL);
  if (result.failureReason === "plan-changed") return fail(r, "plan-changed", [], `require-plan-match: ${result.message}`);
  if (result.failureReason === "invalid-input") {
    for (const p of result.diagnostics) error(formatDiagnostic(p));
    return fail(r, "invalid-input", result.diagnostics);
  }
  if (!plan2 || !outcomes) return;
  logSkipped(result);
  setStepOutputs(r, plan2, result.stepOutputs ?? /* @__PURE__ */ new Map());
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(matrixOf(plan2)));
  const deployedPlan = planToJson(r.secrets.redactValue({ ...plan2, diagnostics: result.diagnostics }), void 0, void 0, result.changedSince?.because);
  r.secrets.setOutput(OUTPUT.plan, JSON.stringify({ ...deployedPlan, ...skippedJson(result) }));
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(outcomes.map((o) => outcomeJson(o, ui))));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  const deployed = { plan: plan2, outcomes, diagnostics: result.diagnostics, ...result.stoppedAt ? { stoppedAt: result.stoppedAt } : {} };
  await writeSummary(
    r,
    deployToMarkdown(r.secrets.redactValue(deployed), {
      now: r.now,
      ...ui ? { uiUrl: ui } : {},
      footer: withSmoke(result, withSkipped(result, footer(r, "Deployed"))),
      ...skippedCount(result)
    })
  );
  if (result.failureReason) fail(r, result.failureReason, result.diagnostics, result.failureReason === "smoke-failed" ? result.message : void 0);
}
async function publishBuild(r, result) {
  const { plan: plan2 } = result;
  if (!plan2) return;
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(matrixOf(plan2)));
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(plan2.deployments.map((d) => ({ name: d.name, flow: d.flowName, entrypoint: d.entrypoint }))));
  if (result.failureReason) return fail(r, result.failureReason, result.diagnostics);
  const outputs = result.stepOutputs ?? /* @__PURE__ */ new Map();
  setStepOutputs(r, plan2, outputs);
  const rows = plan2.deployments.map((d) => {
    const keys = Object.keys(outputs.get(d.index) ?? {});
    return `| \`${deploymentKey(d)}\` | ${keys.length ? keys.map((k) => `\`${k}\``).join(" ") : "\u2014"} |`;
  });
  const heading = `### Prefect build: steps ran for ${result.built ?? 0} of ${plan2.deployments.length} deployments`;
  logSkipped(result);
  await writeSummary(r, [heading, "", "| Deployment | Step outputs |", "|---|---|", ...rows, "", withSkipped(result, footer(r, "Built")), ""].join("\n"));
}
function setPlanOutputs(r, plan2, live, ui, result) {
  const deletions = result.deletions;
  const json = {
    ...planToJson(r.secrets.redactValue(plan2), live && r.secrets.redactValue(live), deletions && r.secrets.redactValue(deletions), result.changedSince?.because),
    ...skippedJson(result)
  };
  r.secrets.setOutput(OUTPUT.plan, JSON.stringify(json));
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(matrixOf(plan2)));
  const deployments = plan2.deployments.map((d, i) => {
    const change = live?.[i];
    return {
      name: d.name,
      flow: d.flowName,
      entrypoint: d.entrypoint,
      ...change ? { id: change.id ?? null, action: change.action, changes: change.changes.map((c) => c.field), url: deploymentUrl(ui, change.id) } : {}
    };
  });
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(deployments));
}
function logPlan(plan2, live, now, changedBecause) {
  const text = (p, l) => l ? liveChangesToText(p, l, { now, changedBecause }) : planToText(p, { now, changedBecause });
  info(text(plan2, live).split("\n")[0]);
  plan2.deployments.forEach((d, i) => {
    const single = { ...plan2, deployments: [d] };
    const change = live?.[i];
    const lines = text(single, change ? [change] : void 0).split("\n").slice(2);
    printGroup(`${deploymentKey(d)}${change ? `: ${change.action === "created" ? "create" : change.action === "updated" ? "update" : "unchanged"}` : ""}`, lines);
  });
}
function setStepOutputs(r, plan2, byIndex) {
  r.secrets.setOutput(OUTPUT.stepOutputs, JSON.stringify(Object.fromEntries(plan2.deployments.map((d) => [deploymentKey(d), byIndex.get(d.index) ?? {}]))));
  for (const [name, value] of Object.entries(flatStepOutputs(plan2, byIndex))) r.secrets.setOutput(name, value);
}
function withSmoke(result, footerText) {
  const smoke = smokeToMarkdown(result.smoke);
  return smoke ? `${smoke}

${footerText}` : footerText;
}
function withSkipped(result, footerText) {
  const skipped = skippedToMarkdown(result.changedSince);
  return skipped ? `${skipped}

${footerText}` : footerText;
}
function skippedCount(result) {
  const because = result.changedSince?.because;
  return {
    ...result.changedSince?.skipped.length ? { skipped: result.changedSince.skipped.length } : {},
    ...because?.size ? { changedBecause: because } : {}
  };
}
function skippedJson(result) {
  return result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {};
}
function logSkipped(result) {
  const text = skippedToText(result.changedSince);
  if (text) info(text);
}

// src/github/projects.ts
var import_node_path2 = __toESM(require_node_path(), 1);
function projectsPrefectFile(r) {
  const rel = (p) => import_node_path2.default.relative(r.github.workspace, import_node_path2.default.resolve(r.cwd, p)).split(import_node_path2.default.sep).join("/") || ".";
  return r.inputs.projects.map((p) => import_node_path2.default.posix.join(rel(p), r.inputs.prefectFile)).join(", ");
}
async function runProjectsMode(r, request, deployRequest, reporter) {
  let result;
  try {
    const projects = resolveProjects(r.inputs.projects, r.cwd, r.inputs.prefectFile);
    info(`projects: ${projects.join(", ")}`);
    if (r.inputs.mode === "deploy") result = await deployProjects(deployRequest(), projects, reporter);
    else if (r.inputs.mode === "build") result = await runProjects(request, projects, build, reporter);
    else if (r.inputs.mode === "drift") {
      if (!request.apiUrl) return fail(r, "no-api-url", [], NO_API_URL_DRIFT);
      result = await runProjects({ ...request, planEnv: r.inputs.planEnv }, projects, drift, reporter);
    } else result = await runProjects({ ...request, planEnv: r.inputs.planEnv }, projects, plan, reporter);
  } catch (e) {
    if (!(e instanceof ProjectsInputError)) throw e;
    return fail(r, "invalid-input", [], `input "projects": ${e.message}`);
  }
  if (r.inputs.mode === "deploy") return publishDeployProjects(r, result);
  if (r.inputs.mode === "build") return publishBuildProjects(r, result);
  if (r.inputs.mode === "drift") return publishDriftProjects(r, result);
  return publishPlanProjects(r, result);
}
var planned = (r, result) => result.projects.flatMap(
  (p) => p.result.plan ? [
    {
      project: p.project,
      plan: r.secrets.redactValue(p.result.plan),
      live: p.result.live && r.secrets.redactValue(p.result.live),
      deletions: p.result.deletions && r.secrets.redactValue(p.result.deletions),
      changedSince: p.result.changedSince
    }
  ] : []
);
var allDeployments = (result) => result.projects.flatMap((p) => p.result.plan ? planInProject(p.project, p.result.plan).deployments : []);
var allDeletions = (result) => result.projects.flatMap((p) => deletionsInProject(p.project, p.result.deletions ?? []));
async function publishPlanProjects(r, result) {
  const markdown = publishPlannedProjects(r, result, "Planned");
  await writeSummary(r, markdown);
  await postPlanComment(r, markdown, fingerprint(r, allDeployments(result), allDeletions(result)), result.hasChanges);
  if (result.failureReason) fail(r, result.failureReason, result.diagnostics);
}
var NO_API_URL_DRIFT = "mode drift compares with the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL";
async function publishDriftProjects(r, result) {
  const markdown = publishPlannedProjects(r, result, "Checked");
  const error2 = result.projects.map((p) => p.result.failureReason).find((f) => f !== void 0 && f !== "drift");
  if (error2) {
    await writeSummary(r, markdown);
    return fail(r, error2, result.diagnostics);
  }
  const inProject = (project, x) => ({ ...x, flowName: projectSelector(project, x.flowName) });
  const live = result.projects.flatMap((p) => (p.result.live ?? []).map((c) => ({ ...c, deployment: inProject(p.project, c.deployment) })));
  const deletions = result.projects.flatMap((p) => (p.result.deletions ?? []).map((d) => inProject(p.project, d)));
  const headline = driftHeadline({ prefectFile: r.prefectFile, live: r.secrets.redactValue(live), deletions, uiUrl: result.uiUrl });
  await writeSummary(r, `${headline}
${markdown}`);
  const drifted = result.projects.filter((p) => p.result.failureReason === "drift");
  r.secrets.setOutput(OUTPUT.drift, String(drifted.length > 0));
  if (drifted.length > 0) fail(r, "drift", [], r.secrets.redactText(drifted.map((p) => `${p.project}: ${p.result.message}`).join("; ")));
}
function publishPlannedProjects(r, result, verb) {
  const parts = planned(r, result);
  const ui = result.uiUrl;
  const text = projectsPlanToText(parts, { now: r.now });
  printGroup(`plan of ${parts.length} projects`, text.split("\n"));
  r.secrets.setOutput(OUTPUT.plan, JSON.stringify(projectsPlanToJson(parts)));
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(projectsMatrix(parts)));
  const deployments = parts.flatMap(
    (p) => p.plan.deployments.map((d, i) => {
      const change = p.live?.[i];
      return {
        project: p.project,
        name: d.name,
        flow: d.flowName,
        entrypoint: d.entrypoint,
        ...change ? {
          id: change.id ?? null,
          action: change.action,
          changes: change.changes.map((c) => c.field),
          url: deploymentUrl(ui, change.id)
        } : {}
      };
    })
  );
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(deployments));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  return projectsPlanToMarkdown(parts, {
    now: r.now,
    ...ui ? { uiUrl: ui } : {},
    footer: footer(r, verb)
  });
}
var NO_API_URL2 = "mode deploy needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL";
async function publishDeployProjects(r, result) {
  await publishDeployProjectsResult(r, result);
  const outcomes = result.projects.flatMap((p) => (p.result.outcomes ?? []).map((o) => ({ ...o, flowName: `${p.project}:${o.flowName}` })));
  const reason = result.failureReason;
  const refusal = reason === "no-api-url" ? NO_API_URL2 : reason === "plan-changed" ? `require-plan-match: ${result.message}` : void 0;
  await followDeploy(r, { ...result, outcomes }, refusal);
}
async function publishDeployProjectsResult(r, result) {
  const reason = result.failureReason;
  if (reason === "no-api-url") return fail(r, "no-api-url", [], NO_API_URL2);
  const ui = result.uiUrl;
  const parts = planned(r, result);
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(projectsMatrix(parts)));
  r.secrets.setOutput(
    OUTPUT.plan,
    JSON.stringify(
      projectsPlanToJson(
        parts.map((p, i) => ({
          ...p,
          plan: {
            ...p.plan,
            diagnostics: result.projects[i].result.diagnostics
          }
        }))
      )
    )
  );
  const outcomes = result.projects.flatMap(
    (p) => (p.result.outcomes ?? []).map((o) => ({
      project: p.project,
      ...outcomeJson(o, ui)
    }))
  );
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(outcomes));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  const stepOutputs = {};
  for (const p of result.projects)
    for (const d of p.result.plan?.deployments ?? []) stepOutputs[projectSelector(p.project, deploymentKey(d))] = p.result.stepOutputs?.get(d.index) ?? {};
  r.secrets.setOutput(OUTPUT.stepOutputs, JSON.stringify(stepOutputs));
  setProjectsStepOutputs(r, result);
  const deployed = result.projects.flatMap(
    (p) => p.result.plan ? [
      {
        project: p.project,
        result: {
          plan: p.result.plan,
          outcomes: p.result.outcomes ?? [],
          diagnostics: p.result.diagnostics,
          ...p.result.stoppedAt ? { stoppedAt: p.result.stoppedAt } : {}
        },
        ...p.result.changedSince ? { changedSince: p.result.changedSince } : {}
      }
    ] : []
  );
  await writeSummary(
    r,
    projectsDeployToMarkdown(r.secrets.redactValue(deployed), {
      now: r.now,
      ...ui ? { uiUrl: ui } : {},
      footer: footer(r, "Deployed")
    })
  );
  if (reason) fail(r, reason, result.diagnostics, reason === "plan-changed" ? `require-plan-match: ${result.message}` : void 0);
}
async function publishBuildProjects(r, result) {
  const parts = planned(r, result);
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(projectsMatrix(parts)));
  r.secrets.setOutput(
    OUTPUT.deployments,
    JSON.stringify(
      parts.flatMap(
        (p) => p.plan.deployments.map((d) => ({
          project: p.project,
          name: d.name,
          flow: d.flowName,
          entrypoint: d.entrypoint
        }))
      )
    )
  );
  if (result.failureReason) return fail(r, result.failureReason, result.diagnostics);
  const stepOutputs = {};
  const rows = [];
  for (const p of result.projects) {
    for (const d of p.result.plan?.deployments ?? []) {
      const key = projectSelector(p.project, deploymentKey(d));
      const out = p.result.stepOutputs?.get(d.index) ?? {};
      stepOutputs[key] = out;
      rows.push(
        `| \`${key}\` | ${Object.keys(out).length ? Object.keys(out).map((k) => `\`${k}\``).join(" ") : "\u2014"} |`
      );
    }
  }
  r.secrets.setOutput(OUTPUT.stepOutputs, JSON.stringify(stepOutputs));
  setProjectsStepOutputs(r, result);
  const built = result.projects.reduce((n, p) => n + (p.result.built ?? 0), 0);
  const heading = `### Prefect build: steps ran for ${built} of ${rows.length} deployments in ${result.projects.length} projects`;
  await writeSummary(r, [heading, "", "| Deployment | Step outputs |", "|---|---|", ...rows, "", footer(r, "Built"), ""].join("\n"));
}
function setProjectsStepOutputs(r, result) {
  const projects = result.projects.flatMap((p) => p.result.plan ? [{ project: p.project, plan: p.result.plan, outputs: p.result.stepOutputs ?? /* @__PURE__ */ new Map() }] : []);
  for (const [name, value] of Object.entries(projectsFlatStepOutputs(projects))) r.secrets.setOutput(name, value);
}

// src/github/preview.ts
function previewTarget(r) {
  const { inputs, github } = r;
  const pr = github.pullRequest;
  const id = inputs.previewId ?? (pr ? `pr-${pr.number}` : void 0);
  if (!id) return { error: "mode preview needs a pull request event (pull_request, pull_request_target) or the preview-id input" };
  const closed = github.payload.action === "closed";
  return { id, action: inputs.previewAction ?? (closed ? "down" : "up") };
}
function previewRequest(r, deployRequest, target) {
  const { inputs } = r;
  const { changedSince, changedSinceFromEvent, ...rest } = deployRequest;
  return {
    ...rest,
    ...changedSince && !changedSinceFromEvent ? { changedSince } : {},
    action: target.action,
    preview: {
      id: target.id,
      ...inputs.previewWithSchedules ? { withSchedules: true } : {},
      ...inputs.previewWithTriggers ? { withTriggers: true } : {}
    }
  };
}
async function publishPreview(r, target, result) {
  const reason = result.failureReason;
  if (reason === "no-api-url") return fail(r, reason, [], "mode preview needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL");
  if (reason === "invalid-input") {
    for (const p of result.diagnostics) error(formatDiagnostic(p));
    return fail(r, reason, result.diagnostics, result.message);
  }
  const outcomes = result.outcomes ?? [];
  const ui = result.uiUrl;
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(outcomes.map((o) => outcomeJson(o, ui))));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  const markdown = previewToMarkdown(
    r.secrets.redactValue({
      action: target.action,
      id: target.id,
      outcomes,
      diagnostics: result.diagnostics,
      ...ui ? { uiUrl: ui } : {},
      ...r.inputs.previewWithSchedules ? { withSchedules: true } : {},
      ...r.inputs.previewWithTriggers ? { withTriggers: true } : {},
      footer: footer(r, target.action === "up" ? "Deployed" : "Deleted")
    })
  );
  info(markdown.split("\n")[0].replace(/^### /, ""));
  await writeSummary(r, markdown);
  await postPreviewComment(r, markdown, { onlyToUpdate: target.action === "down" && outcomes.length === 0 && !reason });
  if (reason) fail(r, reason, result.diagnostics);
}

// src/github/reporter.ts
var ActionReporter = class {
  /** `cwd`: where prefect.yaml's paths start; `workspace`: what annotations are relative to. */
  constructor(cwd, workspace) {
    this.cwd = cwd;
    this.workspace = workspace;
  }
  cwd;
  workspace;
  logs = new StepLogs();
  ui;
  info(line) {
    info(line);
  }
  warning(line) {
    warning(line);
  }
  notice(line) {
    notice(line);
  }
  diagnostics(list) {
    annotate(list, this.cwd, this.workspace);
  }
  deploying(uiUrl) {
    this.ui = uiUrl;
  }
  step(d, e) {
    const key = deploymentKey(d);
    if (e.phase === "start") this.logs.start(key, `${key} \xB7 ${e.section ?? "build"} step ${e.index + 1}: ${e.name.split(".").at(-1)}`);
    else this.logs.end(key, e.error);
  }
  stepLog(deployment, line) {
    this.logs.line(deployment, line);
  }
  progress(_event) {
  }
  result(o) {
    printGroup(`${qualifiedName(o)}: ${o.action}`, outcomeLines(o, this.ui));
  }
  smoke(e) {
    if (e.phase === "started") {
      const url = flowRunUrl(this.ui, e.runId);
      info(`smoke: ${e.deployment} run ${e.runName} started${url ? `  ${url}` : ""}`);
    } else if (e.phase === "state") {
      info(`smoke: ${e.deployment} run ${e.runName}: ${e.state}`);
    } else {
      printGroup(e.outcome.line, e.outcome.logs.length > 0 ? e.outcome.logs : ["(the run logged nothing)"]);
    }
  }
  lock(e) {
    const { text, warning: warning2 } = lockEventText(e);
    if (warning2) warning(text);
    else info(text);
  }
};
function outcomeLines(o, ui) {
  const lines = [];
  if (o.id) lines.push(`id: ${o.id}${ui ? `  ${deploymentUrl(ui, o.id)}` : ""}`);
  for (const c of o.changes) lines.push(`${c.field}: ${short(c.from)} -> ${short(c.to)}`);
  for (const n of o.notices) lines.push(`note: ${n}`);
  if (o.error) lines.push(`error: ${o.error}`);
  lines.push(`(${o.durationMs} ms)`);
  return lines;
}
function short(v) {
  const text = v === void 0 ? "(not set)" : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 199)}\u2026` : text;
}

// src/github/main.ts
async function run(seams = {}) {
  const secrets = new Secrets2();
  const restore = [secrets.redactLog(process.stdout), secrets.redactLog(process.stderr)];
  try {
    await runRedacted(secrets, seams);
  } finally {
    for (const undo of restore) undo();
  }
}
async function runRedacted(secrets, seams) {
  let inputs;
  try {
    inputs = readInputs();
  } catch (e) {
    if (!(e instanceof InputValueError)) throw e;
    secrets.setOutput(OUTPUT.failureReason, "invalid-input");
    setFailed(e.message);
    return;
  }
  secrets.addEnvironment(process.env);
  secrets.add(inputs.apiKey);
  secrets.add(inputs.githubToken);
  const env = {
    ...process.env,
    ...inputs.apiUrl ? { PREFECT_API_URL: inputs.apiUrl } : {},
    ...inputs.apiKey ? { PREFECT_API_KEY: inputs.apiKey } : {}
  };
  secrets.add(env.PREFECT_API_KEY);
  const github = readWorkflowRun(process.env);
  const cwd = import_node_path3.default.resolve(inputs.workingDirectory);
  const r = {
    inputs,
    env,
    github,
    secrets,
    now: /* @__PURE__ */ new Date(),
    cwd,
    prefectFile: import_node_path3.default.relative(github.workspace, import_node_path3.default.resolve(cwd, inputs.prefectFile)).split(import_node_path3.default.sep).join("/"),
    ...seams.git ? { git: seams.git } : {}
  };
  if (inputs.projects.length > 0) r.prefectFile = projectsPrefectFile(r);
  const reporter = new ActionReporter(cwd, github.workspace);
  const eventBase = inputs.changedSince === "" && inputs.mode !== "preview" && inputs.mode !== "drift" ? changedSinceRef("", github) : void 0;
  if (eventBase) await fetchCommit(eventBase, cwd);
  const deployRequest = () => ({
    ...commandRequest(r),
    lock: { timeoutSeconds: inputs.lockTimeout, ...github.runUrl ? { holder: github.runUrl } : {} },
    skipSteps: inputs.skipSteps,
    ...inputs.stepOutputs ? { stepOutputs: inputs.stepOutputs } : {},
    planEnv: inputs.planEnv,
    ...inputs.requirePlanMatch ? { checkPlan: (p, deletions) => planMatches(r, p, deletions) } : {},
    ...inputs.prune ? { prune: true } : {},
    ...inputs.smoke.length > 0 ? { smoke: { targets: inputs.smoke, timeoutSeconds: inputs.smokeTimeout } } : {}
  });
  try {
    if (inputs.projects.length > 0) {
      await runProjectsMode(r, commandRequest(r), deployRequest, reporter);
    } else if (inputs.mode === "deploy") {
      await publishDeploy(r, await deploy(deployRequest(), reporter));
    } else if (inputs.mode === "preview") {
      const target = previewTarget(r);
      if ("error" in target) fail(r, "invalid-input", [], target.error);
      else await publishPreview(r, target, await preview(previewRequest(r, deployRequest(), target), reporter));
    } else if (inputs.mode === "build") {
      await publishBuild(r, await build(commandRequest(r), reporter));
    } else if (inputs.mode === "drift") {
      await publishDrift(r, await drift({ ...commandRequest(r), planEnv: inputs.planEnv }, reporter));
    } else {
      const result = await plan({ ...commandRequest(r), planEnv: inputs.planEnv }, reporter);
      await publishPlan(r, { ...result, plan: result.plan });
    }
  } catch (e) {
    setFailed(secrets.redactText(e.message));
  }
}
async function fetchCommit(sha, cwd) {
  const present = await runGit(["cat-file", "-e", `${sha}^{commit}`], cwd).then(
    () => true,
    () => false
  );
  if (present) return;
  info(`changed-since: fetching ${sha} (the event's base commit) from origin`);
  await runGit(["fetch", "--no-tags", "--depth=1", "origin", sha], cwd).catch(
    (e) => info(`changed-since: fetching ${sha} failed: ${e.message.split("\n")[0]}`)
  );
}
function commandRequest(r) {
  const apiUrl = apiUrlOf(r.env, {});
  const changedSince = changedSinceRef(r.inputs.changedSince, r.github);
  return {
    prefectFile: r.inputs.prefectFile,
    selection: { all: r.inputs.all, names: r.inputs.deployments },
    cwd: r.cwd,
    env: r.env,
    now: r.now,
    ...apiUrl ? { apiUrl } : {},
    ...r.inputs.concurrency ? { concurrency: r.inputs.concurrency } : {},
    ...r.inputs.owner ? { owner: r.inputs.owner } : {},
    secrets: r.secrets,
    ...r.git ? { git: r.git } : {},
    ...changedSince ? { changedSince, ...r.inputs.changedSince === "" ? { changedSinceFromEvent: true } : {} } : {}
  };
}
export {
  COMMENT_LIMIT,
  SUMMARY_LIMIT,
  run
};

import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  additionalTagsOf,
  backendOf,
  daemonFailure,
  normalizeImageName,
  registryOf,
  registryProblem,
  runDocker,
  summarizeTail,
  tagText,
  validateImageName
} from "./chunk-2C27I6FY.js";
import "./chunk-5BY6HLOH.js";
import "./chunk-RTJXVYK5.js";
import {
  StepFailure
} from "./chunk-46W2O75K.js";
import "./chunk-4AHN6RY2.js";
import {
  isMapping,
  pythonTypeName
} from "./chunk-VIVA5UV4.js";
import {
  require_node_path
} from "./chunk-CNOKWGXO.js";
import "./chunk-N4OCQ3N2.js";
import "./chunk-6YASQSJ3.js";
import {
  require_node_os
} from "./chunk-M3NCQJAU.js";
import {
  require_node_fs
} from "./chunk-QA5JXTHX.js";
import {
  __toESM
} from "./chunk-6DG7BXTN.js";

// src/steps/docker/push.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path = __toESM(require_node_path(), 1);
var STEP = "push_docker_image";
function credentialsOf(value) {
  if (value === void 0 || value === null) return void 0;
  if (!isMapping(value)) {
    throw new StepFailure(
      `${STEP}: credentials must be a mapping with username, password and registry_url (a docker-registry-credentials block), got ${pythonTypeName(value)}`
    );
  }
  const field = (key) => {
    const v = value[key];
    if (v === void 0 || v === null) return void 0;
    if (typeof v !== "string") throw new StepFailure(`${STEP}: credentials.${key} must be a string, got ${pythonTypeName(v)}`);
    return v;
  };
  const username = field("username");
  const password = field("password");
  if (!username || !password) {
    throw new StepFailure(
      `${STEP}: credentials.${username ? "password" : "username"} is missing (give both username and password, or leave credentials out to use the runner's docker login)`
    );
  }
  return { username, password, registry: field("registry_url") || void 0 };
}
function redact(text, secret) {
  return secret ? text.split(secret).join("***") : text;
}
async function pushDockerImage(inputs, call) {
  const imageName = normalizeImageName(validateImageName(inputs["image_name"], STEP), call.env);
  const rawTag = inputs["tag"] ?? null;
  const additionalTags = additionalTagsOf(inputs["additional_tags"], STEP);
  const backend = backendOf(inputs["build_backend"]);
  const credentials = credentialsOf(inputs["credentials"]);
  let config;
  try {
    const env = {};
    if (credentials) {
      config = (0, import_node_fs.mkdtempSync)(import_node_path.default.join((0, import_node_os.tmpdir)(), "deploy-action-docker-config-"));
      env["DOCKER_CONFIG"] = config;
      await login(call, credentials, env);
    }
    const hasTag = rawTag !== null && rawTag !== "";
    const refs = [];
    if (hasTag) refs.push({ ref: `${imageName}:${tagText(rawTag)}`, args: [`${imageName}:${tagText(rawTag)}`] });
    else refs.push({ ref: imageName, args: backend === "docker-py" ? ["--all-tags", imageName] : [imageName] });
    for (const t of additionalTags) refs.push({ ref: `${imageName}:${tagText(t)}`, args: [`${imageName}:${tagText(t)}`] });
    for (const { ref, args } of refs) {
      const result = await runDocker(["push", ...args], call, { env });
      if (result.code !== 0) throw pushFailure(result, ref, call, credentials !== void 0);
    }
  } finally {
    if (config) (0, import_node_fs.rmSync)(config, { recursive: true, force: true });
  }
  return {
    image_name: imageName,
    tag: rawTag,
    image: `${imageName}:${tagText(rawTag)}`,
    additional_tags: additionalTags
  };
}
async function login(call, credentials, env) {
  const registry = credentials.registry ?? "docker.io";
  const args = ["login", "--username", credentials.username, "--password-stdin", ...credentials.registry ? [credentials.registry] : []];
  const result = await runDocker(args, call, { env, input: credentials.password, stream: false });
  if (result.code === 0) {
    call.log(`Logged in to ${registry} as ${credentials.username} (temporary docker config, removed after the push)`);
    return;
  }
  const output = redact(`${result.stderr}
${result.stdout}`, credentials.password);
  const daemon = daemonFailure(output, call.env);
  if (daemon) throw daemon;
  const problem = registryProblem(output);
  if (problem?.kind === "unreachable") {
    throw new StepFailure(`cannot reach registry ${registry} to log in: ${problem.detail} (check credentials.registry_url and that the registry is up)`);
  }
  if (problem?.kind === "denied") {
    throw new StepFailure(`registry login to ${registry} as ${credentials.username} failed: ${problem.detail} (check credentials.username and credentials.password)`);
  }
  throw new StepFailure(`docker login to ${registry} failed (exit code ${result.code}): ${redact(summarizeTail(result.tail, 3), credentials.password)}`);
}
function pushFailure(result, ref, call, loggedIn) {
  const output = `${result.stderr}
${result.stdout}`;
  const daemon = daemonFailure(output, call.env);
  if (daemon) return daemon;
  const missing = /An image does not exist locally|No such image|tag does not exist/iu.exec(output);
  if (missing) return new StepFailure(`image ${ref} does not exist locally (build it first, e.g. with build_docker_image, or fix image_name and tag)`);
  const registry = registryOf(ref);
  const problem = registryProblem(output);
  if (problem?.kind === "unreachable") {
    return new StepFailure(`cannot reach registry ${registry} to push ${ref}: ${problem.detail} (check the registry in image_name and that it is up)`);
  }
  if (problem?.kind === "denied") {
    const fix = loggedIn ? "check that these credentials may push to this repository" : "give push_docker_image credentials, or run docker login on the runner before deploying";
    return new StepFailure(`registry ${registry} refused the push of ${ref}: ${problem.detail} (${fix})`);
  }
  return new StepFailure(`docker push of ${ref} failed (exit code ${result.code}): ${summarizeTail(result.tail, 6) || "no output"}`);
}
export {
  pushDockerImage
};

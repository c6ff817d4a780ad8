// Shared by the stand-ins for actions/upload-artifact@v4 and actions/download-artifact@v4 in the
// end-to-end runs. The real actions live on github.com, which the tests cannot reach; these speak the
// same artifact service (v4: twirp JSON on ACTIONS_RESULTS_URL, blob PUT/GET on signed URLs) to act's
// built-in artifact server, so artifacts really travel between jobs through the runner. Differences
// from the real actions: the archive is a tar.gz instead of a zip (the server stores it as opaque
// bytes), and only the inputs the repository's workflows use are implemented.
// No dependencies: act copies an action's directory alone, outside this repository's node_modules.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SERVICE = 'twirp/github.actions.results.api.v1.ArtifactService';

function input(name) {
  return (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
}

function setOutput(name, value) {
  appendFileSync(process.env.GITHUB_OUTPUT, `${name}<<__STAND_IN__\n${value}\n__STAND_IN__\n`);
}

/** The run and job ids the artifact service expects, from the runtime token's `scp` claim. */
function backendIds() {
  const token = process.env.ACTIONS_RUNTIME_TOKEN ?? '';
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  const scope = String(claims.scp ?? '')
    .split(' ')
    .find((s) => s.startsWith('Actions.Results:'));
  if (!scope) throw new Error('ACTIONS_RUNTIME_TOKEN has no Actions.Results scope (is act running with --artifact-server-path?)');
  const [, run, job] = scope.split(':');
  return { workflow_run_backend_id: run, workflow_job_run_backend_id: job };
}

async function call(method, body) {
  const base = process.env.ACTIONS_RESULTS_URL;
  if (!base) throw new Error('ACTIONS_RESULTS_URL is not set (is act running with --artifact-server-path?)');
  const res = await fetch(new URL(`${SERVICE}/${method}`, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.ACTIONS_RUNTIME_TOKEN}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`artifact service ${method}: HTTP ${res.status}`);
  return res.json();
}

async function put(url, comp, body) {
  const res = await fetch(`${url}&comp=${comp}`, { method: 'PUT', body });
  if (!res.ok) throw new Error(`artifact upload (${comp}): HTTP ${res.status}`);
}

/** As upload-artifact: paths are stored relative to their least common ancestor directory. */
function archiveRoot(paths) {
  const dirs = paths.map((p) => (statSync(p).isDirectory() ? p : path.dirname(p)));
  let root = dirs[0];
  while (!dirs.every((d) => d === root || d.startsWith(root + path.sep))) root = path.dirname(root);
  return root;
}

export async function upload() {
  const name = input('name') || 'artifact';
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const paths = input('path')
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => path.resolve(workspace, p));
  const existing = paths.filter((p) => {
    try {
      statSync(p);
      return true;
    } catch {
      return false;
    }
  });
  if (existing.length === 0) {
    const message = `No files were found with the provided path: ${input('path')}. No artifacts will be uploaded.`;
    if (input('if-no-files-found') === 'error') throw new Error(message);
    console.log(`::warning::${message}`);
    return;
  }
  const root = archiveRoot(existing);
  const members = existing.map((p) => path.relative(root, p) || '.');
  const archive = execFileSync('tar', ['-czf', '-', '-C', root, '--', ...members], { maxBuffer: 1 << 30 });
  const ids = backendIds();
  const { signedUploadUrl } = await call('CreateArtifact', { ...ids, name, version: 4 });
  await put(signedUploadUrl, 'block', archive);
  await put(signedUploadUrl, 'blocklist', '');
  const { artifactId } = await call('FinalizeArtifact', { ...ids, name, size: String(archive.length) });
  console.log(`Artifact ${name} uploaded (${archive.length} bytes, id ${artifactId})`);
  setOutput('artifact-id', String(artifactId));
}

function globToRegExp(glob) {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

export async function download() {
  const ids = backendIds();
  const name = input('name');
  const pattern = input('pattern');
  const mergeMultiple = input('merge-multiple') === 'true';
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const dest = path.resolve(workspace, input('path') || '.');
  const { artifacts = [] } = await call('ListArtifacts', ids);
  const wanted = artifacts.filter((a) => (name ? a.name === name : pattern ? globToRegExp(pattern).test(a.name) : true));
  if (name && wanted.length === 0) throw new Error(`Artifact not found: ${name}`);
  for (const artifact of wanted) {
    const { signedUrl } = await call('GetSignedArtifactURL', { ...ids, name: artifact.name });
    const res = await fetch(signedUrl);
    if (!res.ok) throw new Error(`artifact download ${artifact.name}: HTTP ${res.status}`);
    // As download-artifact: a single named artifact or merge-multiple extract into `path` itself.
    const target = name || mergeMultiple ? dest : path.join(dest, artifact.name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', '-', '-C', target], { input: Buffer.from(await res.arrayBuffer()) });
    console.log(`Artifact ${artifact.name} downloaded to ${target}`);
  }
  console.log(`Total of ${wanted.length} artifact(s) downloaded`);
  setOutput('download-path', dest);
}

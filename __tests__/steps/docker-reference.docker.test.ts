/**
 * Differential: prefect-docker 0.7.4's own build_docker_image / push_docker_image (from the
 * reference venv, talking to the same test daemon) and ours, on identical copies of the same
 * projects. Outputs must be equal — image ids included: ours runs second, on the same daemon, and
 * the legacy builder reuses a cached step only for the same instruction on the same input, so an
 * equal id means the same Dockerfile, context, build args and labels — and the Dockerfile `auto`
 * persists must be byte-identical. Failures must be failures on both sides, with the reference's
 * text where it is a message of its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { offlineSources } from '../../src/core/templating/index.js';
import { runSteps, StepExecutionError } from '../../src/steps/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BUILD = 'prefect_docker.deployments.steps.build_docker_image';
const PUSH = 'prefect_docker.deployments.steps.push_docker_image';

const dockerHost = inject('dockerHost');
const registry = inject('dockerRegistry');
const authRegistry = inject('dockerAuthRegistry');
const user = inject('dockerRegistryUser');
const password = inject('dockerRegistryPassword');
const baseImage = inject('dockerBaseImage');
const python = inject('referencePython');

interface Case {
  name: string;
  step: 'build' | 'push';
  /** The project, written identically for the reference and for us. */
  files?: Record<string, string>;
  /** Directory name of the project (it appears in the `auto` Dockerfile); defaults to `name`. */
  dir?: string;
  inputs: Record<string, unknown>;
  /** Files the step leaves in the project, compared byte for byte. */
  compareFiles?: string[];
  /** The reference fails on this one. */
  fails?: boolean;
  /** For failures: our reason must contain the reference's message. */
  sameMessage?: boolean;
}

const CASES: Case[] = [
  {
    name: 'auto without requirements.txt',
    dir: 'auto-plain',
    step: 'build',
    files: { 'flows/etl.py': 'print("etl")\n' },
    inputs: { image_name: `${registry}/diff/auto-plain`, tag: 'v1', dockerfile: 'auto', persist_dockerfile: true },
    compareFiles: ['Dockerfile.generated'],
  },
  {
    name: 'auto with requirements.txt, persisted elsewhere, additional tags',
    dir: 'auto-reqs',
    step: 'build',
    files: { 'flows/etl.py': 'print("etl")\n', 'requirements.txt': 'httpx\n' },
    inputs: {
      image_name: `${registry}/diff/auto-reqs`,
      tag: 'v1',
      dockerfile: 'auto',
      persist_dockerfile: true,
      dockerfile_output_path: 'build.Dockerfile',
      additional_tags: ['a', 'b'],
    },
    compareFiles: ['build.Dockerfile'],
  },
  {
    name: 'Dockerfile with build args, target and labels',
    dir: 'multi-stage',
    step: 'build',
    files: {
      'docker/app.Dockerfile': `FROM ${baseImage} AS base\nARG FLAVOR\nRUN echo "$FLAVOR" > /flavor\nFROM base AS final\nCOPY app.txt /app.txt\nFROM base AS unused\nRUN exit 1\n`,
      'app.txt': 'app\n',
    },
    inputs: {
      image_name: `${registry}/diff/multi`,
      tag: 'v1',
      dockerfile: 'docker/app.Dockerfile',
      buildargs: { FLAVOR: 'vanilla' },
      target: 'final',
      labels: { team: 'data', 'io.prefect.version': 'overridden' },
      nocache: false,
    },
  },
  {
    name: 'image name without namespace: PREFECT_DEFAULT_DOCKER_BUILD_NAMESPACE',
    dir: 'namespace',
    step: 'build',
    files: { Dockerfile: `FROM ${baseImage}\n` },
    inputs: { image_name: 'ns-app', tag: 'v1' },
  },
  {
    name: 'build for the registry with auth',
    dir: 'private',
    step: 'build',
    files: { Dockerfile: `FROM ${baseImage}\nCOPY secret.txt /secret.txt\n`, 'secret.txt': 's\n' },
    inputs: { image_name: `${authRegistry}/diff/private`, tag: 'v1', additional_tags: ['v1.1'] },
  },
  {
    name: 'push with credentials and additional tags',
    dir: 'private',
    step: 'push',
    inputs: {
      image_name: `${authRegistry}/diff/private`,
      tag: 'v1',
      additional_tags: ['v1.1'],
      credentials: { username: user, password, registry_url: authRegistry, reauth: true },
    },
  },
  {
    name: 'push without a tag',
    dir: 'namespace',
    step: 'push',
    inputs: { image_name: 'ns-app' },
  },
  {
    name: 'auto next to an existing Dockerfile',
    dir: 'exists',
    step: 'build',
    files: { Dockerfile: 'FROM scratch\n' },
    inputs: { image_name: `${registry}/diff/exists`, tag: 't', dockerfile: 'auto' },
    fails: true,
    sameMessage: true,
  },
  { name: 'image name with a space', dir: 'namespace', step: 'build', inputs: { image_name: 'my image' }, fails: true, sameMessage: true },
  { name: 'unknown build backend', dir: 'namespace', step: 'build', inputs: { image_name: 'x/y', build_backend: 'kaniko' }, fails: true, sameMessage: true },
  {
    name: 'missing Dockerfile',
    dir: 'namespace',
    step: 'build',
    inputs: { image_name: `${registry}/diff/missing`, tag: 't', dockerfile: 'nope/Dockerfile' },
    fails: true,
  },
  {
    name: 'push with a wrong password',
    dir: 'private',
    step: 'push',
    inputs: { image_name: `${authRegistry}/diff/private`, tag: 'v1', credentials: { username: user, password: 'not-it', registry_url: authRegistry } },
    fails: true,
  },
];

interface Result {
  ok: boolean;
  outputs?: Record<string, unknown>;
  error?: string;
  files: Record<string, string | null>;
}

let scratch: string;
const reference: Result[] = [];
const ours: Result[] = [];

function envFor(side: string): Record<string, string> {
  const home = path.join(scratch, `${side}-home`);
  mkdirSync(path.join(home, '.docker'), { recursive: true });
  return {
    // the venv's python first: `auto` uses the Python the step runs with, on both sides
    PATH: `${path.dirname(python)}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    HOME: home,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: path.join(home, '.docker'),
    PREFECT_HOME: path.join(home, '.prefect'),
    PREFECT_DEFAULT_DOCKER_BUILD_NAMESPACE: `${registry}/ns`,
    LANG: 'C.UTF-8',
  };
}

function projectDir(side: string, c: Case): string {
  return path.join(scratch, side, c.dir ?? c.name);
}

function snapshot(side: string, c: Case): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (const f of [...(c.compareFiles ?? []), ...(c.inputs['dockerfile'] === 'auto' ? ['Dockerfile'] : [])]) {
    const p = path.join(projectDir(side, c), f);
    files[f] = existsSync(p) ? readFileSync(p, 'utf8') : null;
  }
  return files;
}

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'docker-diff-')));
  for (const side of ['ref', 'ours']) {
    for (const c of CASES) {
      const dir = projectDir(side, c);
      mkdirSync(dir, { recursive: true });
      for (const [file, content] of Object.entries(c.files ?? {})) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), content);
      }
    }
  }
  const out = execFileSync(python, [path.join(here, 'reference_docker.py')], {
    input: JSON.stringify(CASES.map((c) => ({ step: c.step, cwd: projectDir('ref', c), inputs: c.inputs }))),
    env: envFor('ref'),
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const raw = JSON.parse(out) as { ok: boolean; outputs?: Record<string, unknown>; error?: string }[];
  // snapshots of the reference's files before ours run (the projects are separate copies anyway)
  raw.forEach((r, i) =>
    reference.push({ ok: r.ok, ...(r.outputs ? { outputs: r.outputs } : {}), ...(r.error ? { error: r.error } : {}), files: snapshot('ref', CASES[i]!) }),
  );

  const env = envFor('ours');
  for (const c of CASES) {
    const ctx = { cwd: projectDir('ours', c), env, sources: offlineSources(), section: 'build' };
    try {
      const outputs = await runSteps([{ [c.step === 'build' ? BUILD : PUSH]: { id: 'step', ...c.inputs } }], {}, ctx);
      ours.push({ ok: true, outputs: outputs['step'] as Record<string, unknown>, files: snapshot('ours', c) });
    } catch (error) {
      if (!(error instanceof StepExecutionError)) throw error;
      ours.push({ ok: false, error: error.reason, files: snapshot('ours', c) });
    }
  }
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('Docker steps, against prefect-docker 0.7.4', () => {
  it('ran every case on both sides; the reference built and pushed where expected', () => {
    expect(reference).toHaveLength(CASES.length);
    expect(ours).toHaveLength(CASES.length);
    expect(reference.map((r) => r.ok)).toEqual(CASES.map((c) => !c.fails));
    for (const r of reference.filter((r, i) => r.ok && CASES[i]!.step === 'build')) expect(r.outputs!['image_id']).toMatch(/^sha256:[0-9a-f]{64}$/u);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CASES[i]!;
    const ref = reference[i]!;
    const our = ours[i]!;
    expect({ ok: our.ok, outputs: our.outputs }, ref.error ?? '').toEqual({ ok: ref.ok, outputs: ref.outputs });
    expect(our.files).toEqual(ref.files);
    if (!ref.ok && c.sameMessage) expect(our.error).toContain(ref.error!);
    if (!ref.ok) expect(our.error).not.toContain(password);
  });

  it('the generated Dockerfiles are the reference generator output (sanity: they are not empty)', () => {
    expect(reference[0]!.files['Dockerfile.generated']).toMatch(
      /^FROM prefecthq\/prefect:3\.9\.1-python3\.\d+\nCOPY \. \/opt\/prefect\/auto-plain\/\nWORKDIR \/opt\/prefect\/auto-plain\/\n$/u,
    );
    expect(reference[1]!.files['build.Dockerfile']).toContain('RUN uv pip install -r /opt/prefect/auto-reqs/requirements.txt\n');
  });
});

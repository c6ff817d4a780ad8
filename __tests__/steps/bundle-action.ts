/**
 * What the bundle step tests share: the action built from the current sources exactly as
 * scripts/build.mjs builds dist/ (esbuild, code splitting, the SDKs in lazily loaded chunks) but into
 * a scratch folder, run in `mode: build` (the steps, nothing registered, no server) on a tiny
 * project. The steps' module interop differs between vitest/Node and esbuild's split chunks, so
 * only a run of the real bundle shows that a step works for users.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { builtCli } from '../cli/spawn-cli.js';
import type { ActionRun } from '../github/run-action.js';

/** A flow the plan can read statically (nothing imports it). */
export const FLOW_FILE = 'from prefect import flow\n\n\n@flow\ndef hello():\n    return 1\n';

export interface BuildRun extends ActionRun {
  /** The `step-outputs` output, parsed: flow/name → that deployment's step outputs. */
  stepOutputs: Record<string, Record<string, unknown>>;
}

let runner: Promise<typeof import('../github/run-action.js')> | undefined;

/** run-action.ts reads DEPLOY_ACTION_BUNDLE when it is first imported: point it at the scratch build. */
function bundledAction(): Promise<typeof import('../github/run-action.js')> {
  return (runner ??= (async () => {
    const cli = await builtCli();
    process.env.DEPLOY_ACTION_BUNDLE = path.join(path.dirname(cli), 'index.js');
    return import('../github/run-action.js');
  })());
}

/**
 * Hooks for a test file: before its tests, a scratch directory (`.dir`) and the bundle built;
 * after them, both removed (the worker is ended without an `exit` event, so nothing else would).
 */
export function useBundle(prefix: string): { readonly dir: string } {
  const scratch = { dir: '' };
  let build: string | undefined;
  beforeAll(async () => {
    scratch.dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
    await bundledAction();
    // builtCli()'s folder (<scratch>/dist/cli.js): this process builds once, and only for this file.
    build = path.dirname(path.dirname(await builtCli()));
  });
  afterAll(() => {
    for (const dir of [scratch.dir, build]) if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return scratch;
}

/** `files` (relative path → content) written under `dir`, plus flows/hello.py. */
export function writeProject(dir: string, prefectYaml: string, files: Record<string, string> = {}): string {
  for (const [relative, content] of Object.entries({ 'prefect.yaml': prefectYaml, 'flows/hello.py': FLOW_FILE, ...files })) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

/** A prefect.yaml with `sections` (YAML text of build/push) and one deployment `hello` (flow `hello`, so keyed `hello/hello`). */
export function prefectYaml(sections: string): string {
  return `name: bundle-test\nprefect-version: 3.9.1\n\n${sections.trimEnd()}\n\ndeployments:\n  - name: hello\n    entrypoint: flows/hello.py:hello\n    work_pool:\n      name: bundle-pool\n`;
}

/** The bundled action in `mode: build` in `project`, with `env` beside the runner's variables. */
export async function runBuild(project: string, env: Record<string, string> = {}): Promise<BuildRun> {
  const { runAction } = await bundledAction();
  // The runner's files (GITHUB_OUTPUT, ...) go beside the project, not into what a push uploads.
  const parent = path.dirname(project);
  const run = await runAction({ mode: 'build', all: 'true', 'working-directory': path.basename(project) }, parent, { env: { GITHUB_WORKSPACE: parent, ...env } });
  const text = run.outputs['step-outputs'];
  return { ...run, stepOutputs: text ? (JSON.parse(text) as BuildRun['stepOutputs']) : {} };
}

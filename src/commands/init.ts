/**
 * `prefect-deploy init`: writes prefect.yaml from one of the reference's recipes exactly as
 * `prefect init` (prefect 3.9.1 `deployments/base.py::initialize_project`) writes it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { applyValues } from '../core/templating/index.js';
import { REFERENCE_PREFECT_VERSION } from '../prefect/http.js';
import { pyyamlDump } from './pyyaml-dump.js';

const exec = promisify(execFile);

export interface Recipe {
  name: string;
  description: string;
  /** Field name → what to enter, in the recipe's order. */
  requiredInputs: Record<string, string>;
  template: Record<string, unknown>;
}

/**
 * The folder holding the recipes: `recipes/` at the package root, which is `../recipes` from the
 * bundled `dist/cli.js` and `../../recipes` from `src/commands/init.ts` (tests).
 */
export function recipesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../recipes'), path.resolve(here, '../../recipes')]) {
    if (existsSync(path.join(candidate, 'local', 'prefect.yaml'))) return candidate;
  }
  throw new Error(`the recipes folder was not found next to ${here} (is the package installed completely?)`);
}

export function recipeNames(): string[] {
  const dir = recipesDir();
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'prefect.yaml')))
    .map((e) => e.name)
    .sort();
}

export function loadRecipe(name: string): Recipe | undefined {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return undefined;
  const file = path.join(recipesDir(), name, 'prefect.yaml');
  if (!existsSync(file)) return undefined;
  const template = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const inputs = (template.required_inputs ?? {}) as Record<string, unknown>;
  return {
    name,
    description: typeof template.description === 'string' ? template.description : '(no description available)',
    requiredInputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)])),
    template,
  };
}

async function git(args: string[], cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await exec('git', args, { cwd });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

export interface ProjectFacts {
  /** The resolved absolute working directory. */
  directory: string;
  /** `remote.origin.url`, when the directory is inside a git checkout that has one. */
  repository?: string;
  branch?: string;
  hasDockerfile: boolean;
}

export async function inspectProject(cwd: string): Promise<ProjectFacts> {
  const facts: ProjectFacts = { directory: realpathSync(cwd), hasDockerfile: existsSync(path.join(cwd, 'Dockerfile')) };
  const remote = await git(['config', '--get', 'remote.origin.url'], cwd);
  if (remote) {
    facts.repository = remote;
    facts.branch = (await git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd)) || 'main';
  }
  return facts;
}

/** The reference's guess when no recipe is named: git remote → (docker-)git, Dockerfile → docker, else local. */
export function guessRecipe(facts: ProjectFacts): string {
  if (facts.repository) return facts.hasDockerfile ? 'docker-git' : 'git';
  return facts.hasDockerfile ? 'docker' : 'local';
}

/** The values recipe placeholders are filled from; `fields` win over detected ones. */
export function recipeValues(recipe: string, facts: ProjectFacts, cwd: string, fields: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = { directory: facts.directory };
  if (facts.repository) {
    values.repository = facts.repository;
    values.branch = facts.branch;
  }
  values.name = path.basename(cwd);
  if (facts.hasDockerfile) values.dockerfile = 'Dockerfile';
  else if (recipe.includes('docker')) values.dockerfile = 'auto';
  return { ...values, ...fields };
}

const DEFAULT_DEPLOYMENTS = [
  {
    name: null,
    version: null,
    tags: [],
    description: null,
    schedule: {},
    concurrency_limit: null,
    flow_name: null,
    entrypoint: null,
    parameters: {},
    work_pool: { name: null, work_queue_name: null, job_variables: {} },
  },
];

/** The text of prefect.yaml as `create_default_prefect_yaml` writes it. */
export function renderPrefectYaml(projectName: string, configuration: Record<string, unknown>): string {
  const section = (key: string, fallback: unknown) => pyyamlDump({ [key]: key in configuration ? configuration[key] : fallback });
  return (
    '---\n' +
    '# Welcome to your prefect.yaml file! You can use this file for\n' +
    '# storing and managing configuration for deploying your flows.\n' +
    '# We recommend committing this file to source control along\n' +
    '# with your flow code.\n\n' +
    '# Generic metadata about this project\n' +
    pyyamlDump({ name: projectName }) +
    pyyamlDump({ 'prefect-version': REFERENCE_PREFECT_VERSION }) +
    '\n' +
    '# build section allows you to manage and build docker images\n' +
    section('build', null) +
    '\n' +
    '# push section allows you to manage if and how this project\n' +
    '# is uploaded to remote locations\n' +
    section('push', null) +
    '\n' +
    '# pull section allows you to provide instructions for cloning\n' +
    '# this project in remote locations\n' +
    section('pull', null) +
    '\n' +
    '# the deployments section allows you to provide configuration\n' +
    '# for deploying flows\n' +
    section('deployments', DEFAULT_DEPLOYMENTS)
  );
}

export interface InitRequest {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  recipe?: string;
  /** `--field key=value`, in order. */
  fields: Record<string, string>;
  /** `--name`: the project name written to prefect.yaml (default: the directory name). */
  name?: string;
  force: boolean;
  /** Asks for a missing required input; undefined when there is no terminal to ask on. */
  ask?: (field: string, description: string) => Promise<string>;
  /**
   * Asks which recipe to use when none was named (on a terminal, as `prefect init` does); an
   * empty answer takes the guess. Undefined when there is no terminal: the guess is used.
   */
  chooseRecipe?: (recipes: string[], guess: string) => Promise<string>;
}

export type InitResult = { ok: true; recipe: string; guessed: boolean; directory: string; files: string[]; warnings: string[] } | { ok: false; message: string };

export async function initProject(req: InitRequest): Promise<InitResult> {
  const target = path.join(req.cwd, 'prefect.yaml');
  if (existsSync(target) && !req.force) {
    return { ok: false, message: `${target} already exists; nothing written (pass --force to overwrite it)` };
  }
  const facts = await inspectProject(req.cwd);
  const guess = guessRecipe(facts);
  const chosen = req.recipe ?? ((await req.chooseRecipe?.(recipeNames(), guess)) || undefined);
  const recipeName = chosen ?? guess;
  const recipe = loadRecipe(recipeName);
  if (!recipe) return { ok: false, message: `unknown recipe "${recipeName}" (available: ${recipeNames().join(', ')})` };

  const fields = { ...req.fields };
  const warnings: string[] = [];
  const extra = Object.keys(fields).filter((k) => !(k in recipe.requiredInputs));
  if (extra.length > 0 && Object.keys(recipe.requiredInputs).length > 0) {
    warnings.push(`extra fields for the "${recipe.name}" recipe are used as template values only: ${extra.join(', ')}`);
  }
  const missing = Object.keys(recipe.requiredInputs).filter((k) => !(k in fields));
  if (missing.length > 0) {
    if (!req.ask) {
      const example = missing.map((k) => `--field ${k}=...`).join(' ');
      return { ok: false, message: `the "${recipe.name}" recipe needs ${missing.join(', ')}; pass ${example} (no terminal to ask on)` };
    }
    for (const key of missing) fields[key] = await req.ask(key, recipe.requiredInputs[key]!);
  }

  const values = recipeValues(recipe.name, facts, req.cwd, fields);
  const configuration = applyValues(recipe.template, values, { removeNotset: false, env: req.env }) as Record<string, unknown>;
  const files: string[] = [];
  const ignoreFile = path.join(req.cwd, '.prefectignore');
  if (!existsSync(ignoreFile)) {
    writeFileSync(ignoreFile, readFileSync(path.join(recipesDir(), 'default.prefectignore'), 'utf8'));
    files.push('.prefectignore');
  }
  writeFileSync(target, renderPrefectYaml(req.name ?? path.basename(req.cwd), configuration));
  files.push('prefect.yaml');
  return { ok: true, recipe: recipe.name, guessed: chosen === undefined, directory: facts.directory, files, warnings };
}

/** Splits `--field key=value` at the first `=`, as the reference does; values stay text. */
export function parseField(field: string): [string, string] | undefined {
  const at = field.indexOf('=');
  if (at <= 0) return undefined;
  return [field.slice(0, at), field.slice(at + 1)];
}

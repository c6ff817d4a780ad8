/**
 * `dockerfile: auto`: the Dockerfile prefect-docker 0.7.4 generates, and the base image name and
 * labels prefect 3.9.1 (`utilities/dockerutils.py`) gives it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../../core/templating/index.js';
import { REFERENCE_PREFECT_VERSION } from '../../prefect/http.js';
import { findPython } from '../python/interpreter.js';
import { StepFailure } from '../utility.js';
import { slugify } from './names.js';

/** The Prefect version whose images and labels we produce: the one whose `prefect deploy` we match. */
export const PREFECT_VERSION = REFERENCE_PREFECT_VERSION;

/** `IMAGE_LABELS`: set on every image, over the user's labels of the same name. */
export const IMAGE_LABELS: Readonly<Record<string, string>> = { 'io.prefect.version': PREFECT_VERSION };

/**
 * Python used in the base image when the runner has none. The reference takes the Python it runs
 * on; without one we fall back to the version of Prefect's default images.
 */
export const FALLBACK_PYTHON_VERSION = '3.12';

/** `get_prefect_image_name()` for a release build: `prefecthq/prefect:<version>-python<major.minor>`. */
export function prefectImageName(prefectVersion: string, pythonVersion: string): string {
  const tag = slugify(`${prefectVersion}-python${pythonVersion}`, { lowercase: false, maxLength: 128, allowed: /[^a-zA-Z0-9_.-]+/gu });
  return `prefecthq/prefect:${tag}`;
}

/** The lines the reference writes, one instruction each (requirements only when the file exists in the cwd). */
export function autoDockerfileLines(cwd: string, baseImage: string): string[] {
  const dirName = path.basename(cwd);
  const lines = [`FROM ${baseImage}`];
  if (existsSync(path.join(cwd, 'requirements.txt'))) {
    lines.push(`COPY requirements.txt /opt/prefect/${dirName}/requirements.txt`);
    lines.push(`RUN uv pip install -r /opt/prefect/${dirName}/requirements.txt`);
  }
  lines.push(`COPY . /opt/prefect/${dirName}/`, `WORKDIR /opt/prefect/${dirName}/`);
  return lines;
}

export function autoDockerfileText(cwd: string, baseImage: string): string {
  return autoDockerfileLines(cwd, baseImage)
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * The `major.minor` of the runner's Python — the one custom steps run with (PREFECT_DEPLOY_PYTHON,
 * else python3, else python), which is what `prefect deploy` run there would put in the base
 * image; undefined when there is none.
 */
export async function runnerPythonVersion(env: Environment): Promise<string | undefined> {
  try {
    const python = await findPython('build_docker_image with dockerfile: auto reads the runner Python version', env);
    return `${python.version[0]}.${python.version[1]}`;
  } catch (error) {
    if (error instanceof StepFailure) return undefined;
    throw error;
  }
}

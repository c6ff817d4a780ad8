/**
 * Image names and tags as prefect-docker 0.7.4 (`deployments/steps.py`) and prefect 3.9.1
 * (`utilities/dockerutils.py`) compute them.
 */
import type { Environment } from '../../core/templating/index.js';
import { pythonStr, pythonTypeName } from '../../core/values/index.js';
import { StepFailure } from '../utility.js';

/** `_validate_image_name`: no whitespace anywhere (Python's `str.isspace`). */
export function validateImageName(value: unknown, step: string): string {
  if (typeof value !== 'string') {
    throw new StepFailure(`${step}: image_name must be a string, got ${pythonTypeName(value)}`);
  }
  if (/[\s\x1c-\x1f\x85]/u.test(value)) {
    throw new StepFailure(
      `Invalid Docker image name '${value}'. Image names cannot contain spaces. Use lowercase letters, numbers, and separators like '-', '_', '.', and '/'.`,
    );
  }
  return value;
}

/** `split_repository_path`: namespace (registry and organisation) and repository. */
export function splitRepositoryPath(repositoryPath: string): [string | undefined, string] {
  // Python's `split("/", 2)`: at most three parts, the rest stays in the last one.
  const first = repositoryPath.indexOf('/');
  if (first === -1) return [undefined, repositoryPath];
  const second = repositoryPath.indexOf('/', first + 1);
  if (second === -1) return [repositoryPath.slice(0, first), repositoryPath.slice(first + 1)];
  return [repositoryPath.slice(0, second), repositoryPath.slice(second + 1)];
}

/** The image name both steps use: the namespace defaults to PREFECT_DEFAULT_DOCKER_BUILD_NAMESPACE. */
export function normalizeImageName(imageName: string, env: Environment): string {
  const [namespace, repository] = splitRepositoryPath(imageName);
  const effective = namespace || env['PREFECT_DEFAULT_DOCKER_BUILD_NAMESPACE'] || undefined;
  return [effective, repository].filter(Boolean).join('/');
}

/**
 * python-slugify's `slugify` with the options prefect uses: runs of characters outside `allowed`
 * become one `-`, repeated dashes collapse, dashes at either end go, then the length is capped.
 */
export function slugify(text: string, options: { lowercase?: boolean; allowed?: RegExp; maxLength?: number } = {}): string {
  const lowercase = options.lowercase ?? true;
  const disallowed = options.allowed ?? /[^-a-z0-9]+/gu;
  let out = lowercase ? text.toLowerCase() : text;
  out = out
    .replace(disallowed, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^-+|-+$/gu, '');
  if (options.maxLength !== undefined && out.length > options.maxLength) out = out.slice(0, options.maxLength).replace(/^-+|-+$/gu, '');
  return out;
}

/** `datetime.now(UTC).isoformat()`: microseconds only when non-zero, then `+00:00`. */
export function pythonUtcIsoformat(now: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  const micros = now.getUTCMilliseconds() * 1000;
  return `${date}T${time}${micros ? `.${pad(micros, 6)}` : ''}+00:00`;
}

/** The tag used when none is given: the build time, slugified (`2026-08-21t11-27-33-123000-00-00`). */
export function defaultTag(now: Date = new Date()): string {
  return slugify(pythonUtcIsoformat(now));
}

/** `str(tag)` for the CLI and `image`; the reference formats `f"{image_name}:{tag}"`. */
export function tagText(tag: unknown): string {
  return pythonStr(tag);
}

/** The registry an image name points at, for messages (Docker's rule: a first part with `.` or `:`, or localhost). */
export function registryOf(imageName: string): string {
  const slash = imageName.indexOf('/');
  if (slash === -1) return 'docker.io';
  const first = imageName.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

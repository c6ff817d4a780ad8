/**
 * What git says changed since REF, read through the GitRunner seam: the files that differ between
 * REF and the working tree (committed, staged, unstaged, untracked but not ignored), relative to
 * cwd, and prefect.yaml as it was at REF.
 */
import path from 'node:path';
import type { GitRunner } from './version-info.js';

export class ChangedSinceError extends Error {
  constructor(
    message: string,
    /** `no-repository`: cwd is not in a git checkout at all (a CI default may then work on everything). */
    readonly kind: 'no-repository' | 'unusable-ref' = 'unusable-ref',
  ) {
    super(message);
  }
}

export interface ChangesSinceRef {
  /** The commit REF names. */
  commit: string;
  /** Changed paths relative to cwd, `/`-separated (outside cwd: starting with `../`). */
  files: Set<string>;
  /** prefect.yaml's text at REF; undefined when it did not exist there. */
  prefectFileBefore: string | undefined;
}

export async function readChangesSince(ref: string, cwd: string, prefectFile: string, git: GitRunner): Promise<ChangesSinceRef> {
  let prefix: string;
  try {
    prefix = await git(['rev-parse', '--show-prefix'], cwd);
  } catch {
    throw new ChangedSinceError(`--changed-since ${ref}: ${cwd} is not in a git repository (run it in a checkout, or drop --changed-since)`, 'no-repository');
  }
  if (ref.startsWith('-') || ref.trim() === '') throw new ChangedSinceError(`--changed-since "${ref}" is not a git revision`);
  let commit: string;
  try {
    commit = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  } catch {
    const shallow = await git(['rev-parse', '--is-shallow-repository'], cwd).catch(() => 'false');
    throw new ChangedSinceError(
      shallow === 'true'
        ? `--changed-since ${ref}: ${ref} is not in this shallow clone; fetch the history it needs (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`
        : `--changed-since ${ref}: git cannot resolve ${ref} to a commit (fetch it, or name a branch, tag or commit that exists here)`,
    );
  }
  const split = (out: string) => out.split('\0').filter((p) => p !== '');
  const inRepo = path.posix.normalize(path.posix.join(prefix, prefectFile.replaceAll('\\', '/')));
  // prefect.yaml at REF is asked for alongside the lists.
  const before = path.isAbsolute(prefectFile) ? Promise.resolve(undefined) : git(['show', `${commit}:${inRepo}`], cwd).catch(() => undefined);
  let diff: string;
  let untracked: string;
  try {
    [diff, untracked] = await Promise.all([
      git(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', commit, '--'], cwd),
      git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], cwd),
    ]);
  } catch (e) {
    throw new ChangedSinceError(`--changed-since ${ref}: git could not list what changed since ${ref}: ${(e as Error).message.split('\n')[0]}`);
  }
  const fromTop = (p: string) => path.posix.relative(prefix.replace(/\/$/, ''), p);
  const files = new Set([...split(diff), ...split(untracked)].map(fromTop));
  return { commit, files, prefectFileBefore: await before };
}

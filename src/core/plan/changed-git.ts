/**
 * What git says changed since REF, read through the GitRunner seam: the files that differ between
 * REF and the working tree (committed, staged, unstaged, untracked but not ignored), relative to
 * cwd, and prefect.yaml as it was at REF.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rel } from './changed.js';
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
  /** prefect.yaml's text at REF; undefined when it did not exist there, or when `prefectFileUnchanged`. */
  prefectFileBefore: string | undefined;
  /** prefect.yaml existed at REF and git lists no change to it: its text at REF is its text now (not read). */
  prefectFileUnchanged?: boolean;
}

export async function readChangesSince(ref: string, cwd: string, prefectFile: string, git: GitRunner): Promise<ChangesSinceRef> {
  // Every question at once, one round of git instead of three: REF as given, checked by the first,
  // which also says whether prefect.yaml existed at REF. A REF that fails this (or that `REF:./path`
  // cannot name), or a prefect.yaml missing at REF, is asked again one question at a time.
  const file = prefectFile.replaceAll('\\', '/');
  if (!ref.startsWith('-') && ref.trim() !== '' && !ref.includes(':') && !path.isAbsolute(prefectFile)) {
    const [head, diff, untracked] = await Promise.allSettled([
      git(['rev-parse', '--show-prefix', `${ref}^{commit}`, `${ref}:./${file}`], cwd),
      git(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', ref, '--'], cwd),
      git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], cwd),
    ]);
    // The prefix (a line of its own unless empty), REF's commit and prefect.yaml's blob.
    const lines = head.status === 'fulfilled' ? head.value.split('\n') : [];
    if (lines.length === 2 || lines.length === 3) {
      const [commit, blob] = lines.slice(-2) as [string, string];
      const changes = answer(ref, commit, lines.length === 3 ? lines[0]! : '', diff, untracked);
      // A symbolic link is compared by the text it leads to.
      if (!changes.files.has(rel(file)) && !isSymbolicLink(path.resolve(cwd, file))) return { ...changes, prefectFileBefore: undefined, prefectFileUnchanged: true };
      return withTextAtRef(changes, cwd, file, await git(['cat-file', 'blob', blob], cwd).catch(() => undefined));
    }
  }
  return readOneByOne(ref, cwd, prefectFile, git);
}

/**
 * prefect.yaml's text at REF, or `prefectFileUnchanged` when git lists no change to it and its text
 * now is that text (git's answer is trimmed, see runGit): not parsed a second time.
 */
function withTextAtRef(changes: Omit<ChangesSinceRef, 'prefectFileBefore'>, cwd: string, file: string, text: string | undefined): ChangesSinceRef {
  if (text !== undefined && !path.isAbsolute(file) && !changes.files.has(rel(file)) && readText(path.resolve(cwd, file))?.trim() === text) {
    return { ...changes, prefectFileBefore: undefined, prefectFileUnchanged: true };
  }
  return { ...changes, prefectFileBefore: text };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isSymbolicLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

async function readOneByOne(ref: string, cwd: string, prefectFile: string, git: GitRunner): Promise<ChangesSinceRef> {
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
  const inRepo = path.posix.normalize(path.posix.join(prefix, prefectFile.replaceAll('\\', '/')));
  // prefect.yaml at REF is asked for alongside the lists.
  const before = path.isAbsolute(prefectFile) ? Promise.resolve(undefined) : git(['show', `${commit}:${inRepo}`], cwd).catch(() => undefined);
  const [diff, untracked] = await Promise.allSettled([
    git(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', commit, '--'], cwd),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], cwd),
  ]);
  return withTextAtRef(answer(ref, commit, prefix, diff, untracked), cwd, prefectFile.replaceAll('\\', '/'), await before);
}

function answer(
  ref: string,
  commit: string,
  prefix: string,
  diff: PromiseSettledResult<string>,
  untracked: PromiseSettledResult<string>,
): Omit<ChangesSinceRef, 'prefectFileBefore'> {
  for (const r of [diff, untracked]) {
    if (r.status === 'rejected') {
      throw new ChangedSinceError(`--changed-since ${ref}: git could not list what changed since ${ref}: ${(r.reason as Error).message.split('\n')[0]}`);
    }
  }
  const split = (out: string) => out.split('\0').filter((p) => p !== '');
  const fromTop = (p: string) => path.posix.relative(prefix.replace(/\/$/, ''), p);
  const files = new Set([...split((diff as PromiseFulfilledResult<string>).value), ...split((untracked as PromiseFulfilledResult<string>).value)].map(fromTop));
  return { commit, files };
}

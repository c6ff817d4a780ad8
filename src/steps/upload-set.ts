/**
 * Which files `push_to_s3`, `push_to_gcs` and `push_to_azure_blob_storage` upload, and under which
 * object key / blob name — the file walk of their `deployments/steps.py` (prefect-aws 0.7,
 * prefect-gcp 0.6, prefect-azure 0.4), which is the same in all three but for how the ignore file's
 * lines are read and how the Azure blob name joins:
 *
 *   for p in Path.cwd().rglob("*"):                  # hidden files too; symlinked dirs not entered
 *       if included is not None and str(p.relative_to(cwd)) not in included: continue
 *       elif not p.is_dir(): upload(p, Path(folder) / p.relative_to(cwd))
 *
 * where `included` is `filter_files(cwd, lines)` when the ignore file exists: pathspec's own walk
 * (which skips entries it cannot stat, i.e. broken symlinks) minus what the patterns match.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { decodeIgnoreFile, IgnoreSpec, type IgnoreLineMode } from './ignore.js';

export type StorageProvider = 's3' | 'gcs' | 'azure';

/** The push step of each provider, for messages. */
export const PUSH_STEPS: Record<StorageProvider, string> = {
  s3: 'prefect_aws.deployments.steps.push_to_s3',
  gcs: 'prefect_gcp.deployments.steps.push_to_gcs',
  azure: 'prefect_azure.deployments.steps.push_to_azure_blob_storage',
};

const LINE_MODE: Record<StorageProvider, IgnoreLineMode> = { s3: 'strip', gcs: 'raw', azure: 'raw' };

export interface UploadFile {
  /** Absolute path of the file to read (a symlink is read through). */
  localPath: string;
  /** Path relative to the root, `/`-separated. */
  relativePath: string;
  /** S3 object key, GCS object name or Azure blob name. */
  key: string;
}

export interface UploadSet {
  /** Sorted by relative path (the reference uploads in directory order, one at a time). */
  files: UploadFile[];
  /** The ignore file that was applied (absolute), or null when there is none. */
  ignoreFile: string | null;
  /** Things the user probably did not mean to upload; nothing is printed here. */
  warnings: string[];
}

export interface UploadSetOptions {
  /** The step's `ignore_file` input: default `.prefectignore`; empty or null applies none. Relative to the root. */
  ignoreFile?: string | null;
  /** Path flavour of the runner: `win32` makes Azure blob names use `\` as Python's `str(Path)` does. */
  platform?: NodeJS.Platform;
}

/**
 * The files a push step uploads from `localRoot` (the step's working directory) and their keys.
 * Throws what makes the reference step fail before uploading: an unreadable or invalid ignore file.
 */
export async function uploadSet(provider: StorageProvider, localRoot: string, folder: string, options: UploadSetOptions = {}): Promise<UploadSet> {
  const root = resolve(localRoot);
  const platform = options.platform ?? process.platform;
  const ignoreName = options.ignoreFile === undefined ? '.prefectignore' : options.ignoreFile;

  let spec: IgnoreSpec | null = null;
  let ignoreFile: string | null = null;
  if (ignoreName) {
    const path = isAbsolute(ignoreName) ? ignoreName : join(root, ignoreName);
    // `Path(ignore_file).exists()` follows symlinks; a directory "exists" and then fails to open.
    if (await exists(path)) {
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`${PUSH_STEPS[provider]}: cannot read ignore file ${ignoreName}: ${error.code ?? error.message}`);
      });
      spec = IgnoreSpec.parse(decodeIgnoreFile(bytes, ignoreName), LINE_MODE[provider], ignoreName);
      ignoreFile = path;
    }
  }

  const entries = await walk(root, spec !== null);
  const files: UploadFile[] = [];
  const broken: string[] = [];
  for (const entry of entries) {
    if (entry.isDir) continue;
    if (spec) {
      // Not in filter_files' walk (it could not stat the entry): not in its included set either.
      if (!entry.resolves) continue;
      if (spec.ignores(entry.relativePath)) continue;
    } else if (!entry.resolves) broken.push(entry.relativePath);
    files.push({
      localPath: join(root, ...entry.relativePath.split('/')),
      relativePath: entry.relativePath,
      key: objectKey(provider, folder, entry.relativePath, platform),
    });
  }
  files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));

  const warnings = spec
    ? []
    : riskyUploadWarnings(
        files.map((f) => f.relativePath),
        ignoreName || null,
      );
  for (const path of broken) warnings.push(`${path} is a broken symbolic link: ${PUSH_STEPS[provider]} would fail uploading it (remove it or add it to .prefectignore)`);
  return { files, ignoreFile, warnings };
}

/**
 * The object key: `Path(folder) / relative` — `.as_posix()` for S3 and GCS, `str()` for Azure (the
 * OS separator). Python's Path collapses `//` and `.` parts and a trailing `/`, keeps a leading `/`
 * (and exactly two leading slashes), and an empty folder adds nothing.
 */
export function objectKey(provider: StorageProvider, folder: string, relativePath: string, platform: NodeJS.Platform = process.platform): string {
  const windows = platform === 'win32';
  const { anchor, parts } = purePathParts(folder, windows);
  const all = [...parts, ...relativePath.split('/')];
  const sep = provider === 'azure' && windows ? '\\' : '/';
  return anchor.replaceAll('/', sep) + all.join(sep);
}

function purePathParts(path: string, windows: boolean): { anchor: string; parts: string[] } {
  const p = windows ? path.replaceAll('\\', '/') : path;
  let anchor = '';
  if (!windows && p.startsWith('/')) anchor = p.startsWith('//') && !p.startsWith('///') ? '//' : '/';
  else if (windows) {
    // Drive (`C:`) and root; UNC shares are not expected in a bucket folder.
    const m = /^([A-Za-z]:)?(\/)?/.exec(p)!;
    anchor = (m[1] ?? '') + (m[2] ?? '');
  }
  const parts = p
    .slice(anchor.length)
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  return { anchor, parts };
}

interface WalkEntry {
  relativePath: string;
  /** `Path.is_dir()`: true for directories and symlinks to directories. */
  isDir: boolean;
  /** Whether `stat` (following symlinks) succeeds — pathspec's walk drops entries where it does not. */
  resolves: boolean;
}

/**
 * Python 3.11's `Path.rglob("*")`: every entry below the root, hidden ones included, descending into
 * real directories only. Unreadable directories are skipped silently by rglob but make pathspec's
 * walk (run only when there is an ignore file) raise.
 */
async function walk(root: string, strict: boolean): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (strict || prefix === '')
        throw new Error(`cannot list ${prefix || root}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch(() => null);
        out.push({ relativePath, isDir: target?.isDirectory() ?? false, resolves: target !== null });
      } else {
        out.push({ relativePath, isDir: entry.isDirectory(), resolves: true });
        if (entry.isDirectory()) await visit(full, relativePath);
      }
    }
  };
  await visit(root, '');
  return out;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const MAX_EXAMPLES = 3;

/**
 * With no ignore file everything is uploaded; say so when that includes a git repository, a virtual
 * environment or dotenv files (secrets) — the usual reasons a push is slow or leaks.
 */
export function riskyUploadWarnings(relativePaths: readonly string[], ignoreName: string | null): string[] {
  const git = new Map<string, number>();
  const venvs = new Map<string, number>();
  const envFiles: string[] = [];
  const venvRoots = new Set<string>();
  for (const path of relativePaths) {
    if (path === 'pyvenv.cfg' || path.endsWith('/pyvenv.cfg')) venvRoots.add(path.slice(0, -'pyvenv.cfg'.length));
  }
  for (const path of relativePaths) {
    const parts = path.split('/');
    const gitAt = parts.indexOf('.git');
    if (gitAt >= 0 && gitAt < parts.length - 1) bump(git, `${parts.slice(0, gitAt + 1).join('/')}/`);
    const venvAt = parts.findIndex((part, i) => i < parts.length - 1 && (part === '.venv' || part === 'venv' || venvRoots.has(`${parts.slice(0, i + 1).join('/')}/`)));
    if (venvAt >= 0) bump(venvs, `${parts.slice(0, venvAt + 1).join('/')}/`);
    const base = parts[parts.length - 1]!;
    if (base === '.env' || base.startsWith('.env.')) envFiles.push(path);
  }
  // The directory being pushed is itself a virtual environment.
  if (venvRoots.has('')) venvs.set('./', relativePaths.length);
  if (git.size === 0 && venvs.size === 0 && envFiles.length === 0) return [];
  const found: string[] = [];
  if (git.size > 0) found.push(`git metadata ${describe(git)}`);
  if (venvs.size > 0) found.push(`virtual environment${venvs.size > 1 ? 's' : ''} ${describe(venvs)}`);
  if (envFiles.length > 0) found.push(`environment file${envFiles.length > 1 ? 's' : ''} ${examples(envFiles)} (may hold secrets)`);
  const what = ignoreName ? `no ${ignoreName} found` : 'no ignore file is applied (ignore_file is empty)';
  return [`${what}, so every file is uploaded, including ${found.join(', ')} (add a .prefectignore — \`prefect init\` writes one that excludes these)`];
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function describe(counts: Map<string, number>): string {
  const items = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([dir, n]) => `${dir} (${n} file${n === 1 ? '' : 's'})`);
  return examples(items);
}

function examples(items: readonly string[]): string {
  const shown = items.slice(0, MAX_EXAMPLES).join(', ');
  return items.length > MAX_EXAMPLES ? `${shown} and ${items.length - MAX_EXAMPLES} more` : shown;
}

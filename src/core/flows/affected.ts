import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { MAX_PYTHON_FILE_BYTES, readBoundedFile } from '../util/read-bounded.js';

/**
 * Which flow entry files a set of changed files can affect, told from the project's Python text
 * alone, without analysing any flow (`--changed-since` analyses only the entries this leaves).
 *
 * An analysis reads the entry file, the local modules its imports resolve to (`local-modules.ts`:
 * `base/a/b.py` or `base/a/b/__init__.py` for `a.b`, from the importing file's directory, cwd, or a
 * package above for a relative import), the files `Path(...).read_text()`/`read_bytes()` name, and
 * the module `__import__(...)` names.
 * Every file it looks at for a module therefore ends in a name the importing file spells out: its
 * stem (or, for `__init__.py`, its directory's name). So a file can depend on a changed file only
 * if it mentions, as an identifier anywhere in its text, the stem of a changed file, or of a file
 * that does (a closure over the project), or is in a package whose `__init__.py` is affected
 * (`from . import x` names no module). Any change at all affects the files that read data files or
 * call `__import__` (the names they read can be computed).
 *
 * Over-approximate by design (a comment mentioning a name counts): an affected entry is analysed,
 * and only an unaffected one is skipped without analysis. Symlinked directories, and projects past
 * the limits below, answer "cannot tell" and everything is analysed.
 */

export interface AffectedLimits {
  /** Directories walked under cwd. */
  maxDirectories: number;
  /** Python files read. */
  maxFiles: number;
  /** Their bytes in all. */
  maxBytes: number;
}

const LIMITS: AffectedLimits = { maxDirectories: 4000, maxFiles: 4000, maxBytes: 64 * 1024 * 1024 };

/** Identifiers as Python's tokenizer reads them (NFKC-normalised for non-ASCII text). */
const IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}]*/gu;
const IS_IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
const ASCII_IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
/** What the analyser evaluates to read a file its text need not name: a data file, a module named by a computed string. */
const COMPUTED_READS = ['read_text', 'read_bytes', '__import__'];

export type AffectedEntries = { affected: (entry: string) => boolean } | { cannotTell: string };

/** The project's Python files and which of them mention each name a module could have: what `affectedBy` reads. */
export interface PythonIndex {
  /** Text by path relative to cwd (`/`-separated). */
  files: Map<string, string>;
  /** .py files that could not be read (the analysis could not either). */
  unreadable: string[];
  /** The files mentioning each indexed name (file stems, directory names, `read_text`…). */
  mentionedBy: Map<string, string[]>;
}

/**
 * `changed`: paths relative to cwd, `/`-separated (outside cwd: `../…`), added, modified or
 * deleted. `entries`: the entry files asked about, relative to cwd; directories that hold one are
 * walked whatever their names.
 */
export function affectedEntries(cwd: string, changed: ReadonlySet<string>, entries: readonly string[], limits: AffectedLimits = LIMITS): AffectedEntries {
  const index = indexPython(cwd, entries, limits);
  return 'cannotTell' in index ? index : { affected: affectedBy(index, changed) };
}

/**
 * Reads the project's Python files (see `walkPython`) and indexes them; independent of what
 * changed, so it can be read while git answers.
 */
export function indexPython(cwd: string, entries: readonly string[], limits: AffectedLimits = LIMITS): PythonIndex | { cannotTell: string } {
  const walked = walkPython(cwd, entries, limits);
  if ('cannotTell' in walked) return walked;
  const { files, unreadable } = walked;
  // Names that could be a module's (stems and directory names), and what reads a data file.
  const candidates = new Set<string>(COMPUTED_READS);
  for (const file of files.keys()) {
    const { token } = moduleNameOf(file);
    if (token !== undefined) candidates.add(token);
    for (const dir of file.split('/').slice(0, -1)) candidates.add(dir);
  }
  for (const t of [...candidates]) candidates.add(t.normalize('NFKC'));
  const mentionedBy = new Map<string, string[]>();
  for (const [file, text] of files) {
    const seen = new Set<string>();
    for (const id of identifiersOf(text)) {
      if (!candidates.has(id) || seen.has(id)) continue;
      seen.add(id);
      const list = mentionedBy.get(id);
      if (list) list.push(file);
      else mentionedBy.set(id, [file]);
    }
  }
  for (const c of candidates) if (!mentionedBy.has(c)) mentionedBy.set(c, []);
  return { files, unreadable, mentionedBy };
}

/** Whether an entry (relative to cwd, `/`-separated) may depend on a changed file. */
export function affectedBy(index: PythonIndex, changed: ReadonlySet<string>): (entry: string) => boolean {
  const { files, unreadable } = index;
  const tainted = new Set<string>();
  const pending: string[] = [];
  const known = new Set<string>();
  const addToken = (token: string) => {
    for (const t of new Set([token, token.normalize('NFKC')])) {
      if (known.has(t)) continue;
      known.add(t);
      pending.push(t);
    }
  };
  // Every file under a package whose __init__.py is affected (a relative import names no module).
  const packages: string[] = [];
  const taint = (file: string) => {
    if (tainted.has(file)) return;
    tainted.add(file);
    const { token, pkg } = moduleNameOf(file);
    if (token !== undefined) addToken(token);
    if (pkg !== undefined) packages.push(pkg);
  };
  if (changed.size > 0) for (const t of COMPUTED_READS) addToken(t);
  for (const file of changed) {
    if (!file.endsWith('.py')) continue;
    if (files.has(file)) {
      taint(file);
      continue;
    }
    // Deleted, or out of the walk: its name still marks whoever spells it.
    const { token, pkg } = moduleNameOf(file);
    if (token !== undefined) addToken(token);
    if (pkg !== undefined) packages.push(pkg);
  }
  // A module the analysis could not read either: whoever imports it is analysed (and fails as before).
  for (const file of unreadable) taint(file);
  while (pending.length > 0 || packages.length > 0) {
    const token = pending.pop();
    if (token !== undefined) {
      for (const file of mentioning(index, token)) taint(file);
      continue;
    }
    const pkg = packages.pop()!;
    const prefix = pkg === '' ? '' : `${pkg}/`;
    for (const file of files.keys()) if (file.startsWith(prefix)) taint(file);
  }
  return (entry) => !files.has(entry) || tainted.has(entry);
}

/** The files mentioning `token`: from the index, or (a deleted or added file's name) read for it now. */
function mentioning(index: PythonIndex, token: string): readonly string[] {
  let list = index.mentionedBy.get(token);
  if (!list) {
    list = [];
    for (const [file, text] of index.files) {
      if (identifiersOf(text).some((id) => id === token)) list.push(file);
    }
    index.mentionedBy.set(token, list);
  }
  return list;
}

/** The name an import spells for `file`, and for an `__init__.py` the package directory (relative to cwd). */
function moduleNameOf(file: string): { token?: string; pkg?: string } {
  const slash = file.lastIndexOf('/');
  const base = file.slice(slash + 1);
  if (base === '__init__.py') {
    const dir = slash < 0 ? '' : file.slice(0, slash);
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    return { ...(IS_IDENTIFIER.test(name) ? { token: name } : {}), pkg: dir };
  }
  const stem = base.slice(0, -'.py'.length);
  return IS_IDENTIFIER.test(stem) ? { token: stem } : {};
}

/**
 * The identifiers of a text as Python's tokenizer reads them, and for non-ASCII text also those of
 * its NFKC form (Python reads identifiers in NFKC: `import ﬁle` imports file.py).
 */
function identifiersOf(text: string): string[] {
  if (!/[^\x00-\x7f]/.test(text)) return text.match(ASCII_IDENTIFIER) ?? [];
  return [...(text.match(IDENTIFIER) ?? []), ...(text.normalize('NFKC').match(IDENTIFIER) ?? [])];
}

/**
 * The .py files an import could reach, by path relative to cwd: every directory whose name an
 * import can spell (an identifier), and the directories that hold an entry.
 */
function walkPython(cwd: string, entries: readonly string[], limits: AffectedLimits): { files: Map<string, string>; unreadable: string[] } | { cannotTell: string } {
  const entryDirs = new Set<string>();
  for (const e of entries) {
    const parts = e.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) entryDirs.add(parts.slice(0, i).join('/'));
  }
  const files = new Map<string, string>();
  const unreadable: string[] = [];
  let bytes = 0;
  let directories = 0;
  const queue = [''];
  while (queue.length > 0) {
    const dir = queue.pop()!;
    if (++directories > limits.maxDirectories) return { cannotTell: `more than ${limits.maxDirectories} directories` };
    let list: Dirent[];
    try {
      list = readdirSync(path.join(cwd, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of list) {
      const rel = dir === '' ? d.name : `${dir}/${d.name}`;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        let target;
        try {
          target = statSync(path.join(cwd, rel));
        } catch {
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
        if (isDir && (IS_IDENTIFIER.test(d.name) || entryDirs.has(rel))) return { cannotTell: `${rel} is a symbolic link to a directory` };
      }
      if (isDir) {
        if (IS_IDENTIFIER.test(d.name) || entryDirs.has(rel)) queue.push(rel);
      } else if (isFile && d.name.endsWith('.py')) {
        if (files.size >= limits.maxFiles) return { cannotTell: `more than ${limits.maxFiles} Python files` };
        let text = '';
        try {
          text = readBoundedFile(path.join(cwd, rel), MAX_PYTHON_FILE_BYTES, !d.isSymbolicLink()).toString('utf8');
        } catch {
          unreadable.push(rel);
        }
        bytes += text.length;
        if (bytes > limits.maxBytes) return { cannotTell: `more than ${limits.maxBytes} bytes of Python` };
        files.set(rel, text);
      }
    }
  }
  return { files, unreadable };
}

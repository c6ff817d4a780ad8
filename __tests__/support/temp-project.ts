/**
 * Projects in temporary folders: a copy of a fixture or example folder, or files written from a map
 * of relative paths to text. A test file removes what it made with `removeTempProjects()` (in
 * `afterEach` or `afterAll`).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A folder to copy, or the files of an inline project (`{ 'prefect.yaml': …, 'flows/f.py': … }`). */
export type ProjectSource = string | Record<string, string>;

const made: string[] = [];

/** Puts the project into `dir` (created if missing) and returns `dir`. */
export function fillProject(dir: string, source: ProjectSource): string {
  if (typeof source === 'string') {
    cpSync(source, dir, { recursive: true });
  } else {
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(source)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  }
  return dir;
}

/** A new empty folder under the system's temporary directory, named `<prefix>XXXXXX`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A new temporary folder holding the project. */
export function tempProject(source: ProjectSource, prefix = 'project-'): string {
  return fillProject(tempDir(prefix), source);
}

/** Removes every folder `tempDir` and `tempProject` made in this test file so far. */
export function removeTempProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

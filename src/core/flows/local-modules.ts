import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A module of the project itself (next to the flow file or under cwd), which can be read like the
 * flow file. `exists` can be a run's memo: the files are assumed not to change within a run.
 */
export function resolveLocalModule(cwd: string, name: string, fromFile: string, level: number, exists: (file: string) => boolean = existsSync): string | null {
  for (const candidate of candidates(cwd, name, fromFile, level)) {
    if (exists(candidate) && path.resolve(candidate) !== path.resolve(cwd, fromFile)) {
      return path.relative(cwd, candidate).split(path.sep).join('/');
    }
  }
  return null;
}

/**
 * Every file a lookup looks for, relative to cwd (`/`-separated), found or not: a module added or
 * deleted at one of them changes what the lookup finds (`--changed-since`).
 */
export function localModuleCandidates(cwd: string, name: string, fromFile: string, level: number): string[] {
  return candidates(cwd, name, fromFile, level).map((c) => path.relative(cwd, c).split(path.sep).join('/'));
}

function candidates(cwd: string, name: string, fromFile: string, level: number): string[] {
  const parts = name ? name.split('.') : [];
  const bases: string[] = [];
  if (level > 0) {
    let dir = path.dirname(path.resolve(cwd, fromFile));
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    bases.push(path.dirname(path.resolve(cwd, fromFile)), cwd);
  }
  const out: string[] = [];
  for (const base of bases) {
    const p = path.join(base, ...parts);
    for (const candidate of [`${p}.py`, path.join(p, '__init__.py')]) {
      if (parts.length === 0 && candidate.endsWith('.py') && !candidate.endsWith('__init__.py')) continue;
      out.push(candidate);
    }
  }
  return out;
}

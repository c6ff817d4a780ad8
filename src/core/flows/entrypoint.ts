import { existsSync } from 'node:fs';
import path from 'node:path';
import { FlowAnalysisError } from './errors.js';

/** An entrypoint split the way Prefect's `load_flow_from_entrypoint` splits it. */
export interface ParsedEntrypoint {
  /** `script` entrypoints (`path.py:obj`) get the fallback loader; module ones never do. */
  kind: 'script' | 'module';
  /** Path of the `.py` file relative to cwd, with `/` separators. */
  file: string;
  /** `['Pipeline', 'run']` for `Pipeline.run`. */
  objectPath: string[];
  /** What the user wrote for the file part, used in Prefect's own error texts. */
  pathAsWritten: string;
}

const IDENT = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

export function parseEntrypoint(entrypoint: string, cwd: string): ParsedEntrypoint {
  const bad = (why: string): FlowAnalysisError =>
    new FlowAnalysisError(`invalid entrypoint "${entrypoint}": ${why} (use path/to/file.py:flow_function or package.module:flow_function)`);
  const trimmed = entrypoint.trim();
  if (trimmed === '') throw bad('it is empty');

  if (trimmed.includes('.py:')) {
    // Prefect splits at the last colon so Windows drive letters survive.
    const colon = trimmed.lastIndexOf(':');
    const filePart = trimmed.slice(0, colon);
    const objectPart = trimmed.slice(colon + 1);
    if (!filePart.endsWith('.py')) throw bad('the file part must end in .py');
    const objectPath = splitObjectPath(objectPart);
    if (!objectPath) throw bad(`"${objectPart}" is not a Python name or Class.method`);
    return { kind: 'script', file: toRelative(filePart, cwd), objectPath, pathAsWritten: filePart };
  }

  let modulePart: string;
  let objectPart: string;
  if (trimmed.includes(':')) {
    const colon = trimmed.lastIndexOf(':');
    modulePart = trimmed.slice(0, colon);
    objectPart = trimmed.slice(colon + 1);
  } else {
    const dot = trimmed.lastIndexOf('.');
    if (dot < 0) throw bad('it names neither a file nor a module');
    modulePart = trimmed.slice(0, dot);
    objectPart = trimmed.slice(dot + 1);
  }
  const modNames = modulePart.split('.');
  if (modNames.some((n) => !IDENT.test(n))) throw bad(`"${modulePart}" is not a dotted module name`);
  const objectPath = splitObjectPath(objectPart);
  if (!objectPath) throw bad(`"${objectPart}" is not a Python name`);
  const base = path.join(cwd, ...modNames);
  const candidates = [`${base}.py`, path.join(base, '__init__.py')];
  const found = candidates.find((c) => existsSync(c)) ?? candidates[0]!;
  return { kind: 'module', file: toRelative(found, cwd), objectPath, pathAsWritten: modulePart };
}

function splitObjectPath(s: string): string[] | null {
  const parts = s.split('.');
  return parts.every((p) => IDENT.test(p)) ? parts : null;
}

function toRelative(p: string, cwd: string): string {
  const abs = path.resolve(cwd, p);
  const rel = path.relative(cwd, abs);
  return (rel.startsWith('..') ? abs : rel).split(path.sep).join('/');
}

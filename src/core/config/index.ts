/**
 * prefect.yaml in, validated configs out, with every problem as a positioned Diagnostic.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { decodeYaml, type PathSegment, type Position } from './yaml.js';
import { readYaml } from './yaml-cache.js';
import { validatePrefectFile, type Actions, type Mapping } from './validate.js';

export { selectDeployments, expandPattern, type Selection, type SelectedDeployment } from './select.js';
export { isMapping, laxBool, VERSION_TYPES, type Actions, type Mapping } from './validate.js';
export type { PathSegment, Position } from './yaml.js';

export interface PrefectFile {
  /** The file as the user named it (what diagnostics print). */
  file: string;
  actions: Actions;
  /** One per entry of `deployments:`, in file order; an invalid entry is `{}`. */
  deployments: Mapping[];
  /** Position of a value (or the nearest enclosing one) in the file. */
  positionOf(path: readonly PathSegment[]): Position | undefined;
  /** The deployment's label for messages: its raw name, else `#<1-based index>`. */
  labelOf(index: number): string;
}

export interface LoadResult {
  prefectFile: PrefectFile | undefined;
  diagnostics: Diagnostic[];
}

export async function loadPrefectFile(file: string, cwd: string): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `file not found (looked in ${cwd === process.cwd() ? 'the working directory' : cwd}); pass --prefect-file or run prefect-deploy init`
        : code === 'EISDIR'
          ? 'is a directory, not a prefect.yaml file'
          : `cannot be read: ${(e as Error).message}`;
    return { prefectFile: undefined, diagnostics: [{ severity: 'error', file, message }] };
  }
  const decoded = decodeYaml(bytes);
  if ('problem' in decoded) {
    const { message, position } = decoded.problem;
    return { prefectFile: undefined, diagnostics: [{ severity: 'error', file, ...(position ? { line: position.line, column: position.column } : {}), message: `invalid YAML: ${message}` }] };
  }
  return parsePrefectFile(decoded.text, file);
}

export function parsePrefectFile(text: string, file: string): LoadResult {
  const parsed = readYaml(text);
  if (parsed.errors.length > 0) {
    return {
      prefectFile: undefined,
      diagnostics: parsed.errors.map((e) => ({
        severity: 'error',
        file,
        ...(e.position ? { line: e.position.line, column: e.position.column } : {}),
        message: `invalid YAML: ${e.message}`,
      })),
    };
  }
  const validated = validatePrefectFile(parsed.value);
  const rawDeployments = (parsed.value as { deployments?: unknown } | null)?.deployments;
  const labelOf = (index: number): string => {
    const raw = Array.isArray(rawDeployments) ? (rawDeployments[index] as { name?: unknown } | undefined) : undefined;
    return typeof raw?.name === 'string' ? raw.name : `#${index + 1}`;
  };
  const toDiagnostic = (severity: 'error' | 'warning', p: readonly PathSegment[], message: string, atKey = false): Diagnostic => {
    const pos = atKey ? parsed.keyPositionOf(p) : parsed.positionOf(p);
    const deployment = p[0] === 'deployments' && typeof p[1] === 'number' ? labelOf(p[1]) : undefined;
    return {
      severity,
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      ...(deployment !== undefined ? { deployment } : {}),
      message,
    };
  };
  const diagnostics = [
    ...validated.errors.map((e) => toDiagnostic('error', e.path, e.message, e.atKey)),
    ...validated.warnings.map((w) => toDiagnostic('warning', w.path, w.message, w.atKey)),
  ];
  return {
    prefectFile: {
      file,
      actions: validated.value.actions,
      deployments: validated.value.deployments,
      positionOf: parsed.positionOf,
      labelOf,
    },
    diagnostics,
  };
}

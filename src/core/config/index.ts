/**
 * config/: prefect.yaml in, validated configs out, with every problem as a positioned Diagnostic;
 * the deployment selection; the step catalogue as data (step-catalogue.ts) and the one reading
 * of a raw step (`parseStep`). May import core/values, core/schedules, core/util and
 * core/diagnostics: nothing of templating, plan or apply.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { MAX_PREFECT_FILE_BYTES, readBoundedFile, UnreadableFileError } from '../util/read-bounded.js';
import { decodeYaml, type PathSegment, type Position } from './yaml.js';
import { readYaml } from './yaml-cache.js';
import { validatePrefectFile, type Actions, type Mapping } from './validate.js';

export { selectDeployments, expandPattern, type Selection, type SelectedDeployment } from './select.js';
export { isMapping, laxBool, VERSION_TYPES, type Actions, type Mapping } from './validate.js';
export {
  allStepNames,
  findStep,
  isBuiltInNamespace,
  looksLikePythonCallable,
  parseStep,
  RESERVED_STEP_INPUTS,
  type Step,
  type StepDefinition,
} from './step-catalogue.js';
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
    bytes = readBoundedFile(path.resolve(cwd, file), MAX_PREFECT_FILE_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      e instanceof UnreadableFileError
        ? e.message
        : code === 'ENOENT'
          ? `file not found (looked in ${cwd === process.cwd() ? 'the working directory' : cwd}); pass --prefect-file or run prefect-deploy init`
          : code === 'EISDIR'
            ? 'is a directory, not a prefect.yaml file'
            : `cannot be read: ${(e as Error).message}`;
    return { prefectFile: undefined, diagnostics: [{ severity: 'error', file, message }] };
  }
  const decoded = decodeYaml(bytes);
  if ('problem' in decoded) {
    const { message, position } = decoded.problem;
    return {
      prefectFile: undefined,
      diagnostics: [{ severity: 'error', file, ...(position ? { line: position.line, column: position.column } : {}), message: `invalid YAML: ${message}` }],
    };
  }
  return parsePrefectFile(decoded.text, file);
}

export function parsePrefectFile(text: string, file: string): LoadResult {
  const entries = countEntries(text);
  if (entries > MAX_ENTRIES) {
    const message = `has ${entries} lines and flow-style items, over the limit of ${MAX_ENTRIES} (split it: no real prefect.yaml is this large)`;
    return { prefectFile: undefined, diagnostics: [{ severity: 'error', file, message }] };
  }
  const parsed = readYaml(text);
  if (parsed.errors.length > 0) {
    return {
      prefectFile: undefined,
      diagnostics: parsed.errors.map((e) => ({
        severity: 'error',
        file,
        ...(e.position ? { line: e.position.line, column: e.position.column } : {}),
        // The YAML library appends a code frame on further lines; the position is in the prefix.
        message: `invalid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '')}`,
      })),
    };
  }
  const deep = tooDeep(parsed.value);
  if (deep) {
    const pos = parsed.positionOf(deep);
    return {
      prefectFile: undefined,
      diagnostics: [
        {
          severity: 'error',
          file,
          ...(pos ? { line: pos.line, column: pos.column } : {}),
          message: `nested more than ${MAX_DEPTH} levels deep (flatten it: no real prefect.yaml nests this deep)`,
        },
      ],
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

/**
 * Templating, hashing and copying walk values recursively; thousands of levels exhaust the stack.
 * Real files nest a dozen levels (job variables included), and Prefect's Python stops near 1000.
 */
const MAX_DEPTH = 200;

/** The path to the first value nested deeper than MAX_DEPTH, walked without recursion. */
function tooDeep(value: unknown): PathSegment[] | undefined {
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value, path: [] }];
  // An alias repeats a node: walk it again only when reached deeper than before (an alias bomb
  // has few distinct nodes, each reached at a handful of depths).
  const deepest = new Map<object, number>();
  while (stack.length > 0) {
    const { value: v, path: at } = stack.pop()!;
    if (v === null || typeof v !== 'object' || (deepest.get(v) ?? -1) >= at.length) continue;
    deepest.set(v, at.length);
    if (at.length >= MAX_DEPTH) return at;
    const entries: [PathSegment, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
    for (const [key, item] of entries) stack.push({ value: item, path: [...at, key] });
  }
  return undefined;
}

/**
 * The YAML reader holds a few KiB per value: 100,000 keys (2 MB of text) take 350 MB. Lines plus
 * flow-style commas bound the number of values before parsing; 500 deployments written out in
 * full are about 15,000 lines; 50,000 stays under 300 MB.
 */
const MAX_ENTRIES = 50_000;

function countEntries(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44) count++;
  }
  return count;
}

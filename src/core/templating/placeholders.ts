/**
 * Finding `{{ name }}` placeholders with the reference's regex and classifying them by prefix.
 */
import { isMapping, PythonFloat, pythonTypeName } from '../values/index.js';
import { TemplateError } from './errors.js';

export const BLOCK_DOCUMENT_PLACEHOLDER_PREFIX = 'prefect.blocks.';
export const VARIABLE_PLACEHOLDER_PREFIX = 'prefect.variables.';
export const ENV_VAR_PLACEHOLDER_PREFIX = '$';

/** Prefect's `PlaceholderType` values. */
export type PlaceholderKind = 'block_document' | 'variable' | 'env_var' | 'standard';

export interface Placeholder {
  /** The placeholder exactly as written, braces and spaces included: `{{ sha.stdout }}`. */
  fullMatch: string;
  /** The name inside the braces: `sha.stdout`. */
  name: string;
  kind: PlaceholderKind;
}

// Python's `\s` (str.isspace) and `\w` (letters, numbers, `_`) spelled out: JS `\s` differs (it has
// U+FEFF, lacks U+001C–U+001F and U+0085) and JS `\w` is ASCII-only.
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_WORD = '\\p{L}\\p{N}_';
const PLACEHOLDER_SOURCE = `(\\{\\{[${PY_SPACE}]*([${PY_WORD}.\\-\\[\\]$]+)[${PY_SPACE}]*\\}\\})`;

/** A fresh global regex (global regexes carry `lastIndex`, so never share one). */
export function placeholderRegExp(): RegExp {
  return new RegExp(PLACEHOLDER_SOURCE, 'gu');
}

/** `determine_placeholder_type`: the first matching prefix wins. */
export function placeholderKind(name: string): PlaceholderKind {
  if (name.startsWith(BLOCK_DOCUMENT_PLACEHOLDER_PREFIX)) return 'block_document';
  if (name.startsWith(VARIABLE_PLACEHOLDER_PREFIX)) return 'variable';
  if (name.startsWith(ENV_VAR_PLACEHOLDER_PREFIX)) return 'env_var';
  return 'standard';
}

/** The placeholders of one string, each once, in order of first appearance (the reference uses a set). */
export function placeholdersInString(text: string): Placeholder[] {
  // Most strings hold none; skip building and running the Unicode-aware regex for them.
  if (!text.includes('{{')) return [];
  const seen = new Set<string>();
  const found: Placeholder[] = [];
  for (const match of text.matchAll(placeholderRegExp())) {
    const fullMatch = match[1] ?? '';
    const name = match[2] ?? '';
    if (seen.has(fullMatch)) continue;
    seen.add(fullMatch);
    found.push({ fullMatch, name, kind: placeholderKind(name) });
  }
  return found;
}

/**
 * `find_placeholders`: every placeholder in string values at any depth (keys are never templated),
 * each once. Unexpected value types are an error, as in the reference.
 */
export function findPlaceholders(template: unknown): Placeholder[] {
  const seen = new Map<string, Placeholder>();
  const visit = (value: unknown): void => {
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return;
    if (typeof value === 'bigint' || value instanceof PythonFloat) return;
    if (typeof value === 'string') {
      for (const p of placeholdersInString(value)) if (!seen.has(p.fullMatch)) seen.set(p.fullMatch, p);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (isMapping(value)) {
      Object.values(value).forEach(visit);
    } else {
      throw new TemplateError(`Unexpected type: ${pythonTypeName(value)}`);
    }
  };
  visit(template);
  return [...seen.values()];
}

/** True when the string is exactly one placeholder of the given kind (the "typed" case). */
export function isWholeStringPlaceholder(text: string, placeholders: readonly Placeholder[], kind: PlaceholderKind): boolean {
  const only = placeholders.length === 1 ? placeholders[0] : undefined;
  return only !== undefined && only.fullMatch === text && only.kind === kind;
}

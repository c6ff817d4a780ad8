/**
 * `get_from_dict`: the path lookup behind standard placeholders (`{{ img.image }}`, `{{ a[0].b }}`).
 */
import { isMapping } from '../values/index.js';

/** `a[0].b` → `['a', '0', 'b']`: `[` becomes `.`, `]` is deleted, then split on `.`. */
export function keyPath(name: string): string[] {
  return name.replaceAll('[', '.').replaceAll(']', '').split('.');
}

// Python's int() over the characters a placeholder name can hold: optional minus, decimal digits of
// any script, single underscores between digits.
const PY_INT = /^-?\p{Nd}+(?:_\p{Nd}+)*$/u;
const DECIMAL_DIGIT = /\p{Nd}/u;

function pythonInt(key: string): number | undefined {
  if (!PY_INT.test(key)) return undefined;
  let digits = '';
  for (const ch of key.replaceAll('_', '')) digits += ch === '-' ? '-' : String(decimalDigitValue(ch));
  return Number(digits);
}

// Unicode assigns decimal digits in contiguous runs of whole 0–9 blocks, so a digit's value is its
// distance from the start of its run, modulo 10.
function decimalDigitValue(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

function index<T>(items: readonly T[], key: string): { found: true; value: T } | { found: false } {
  const i = pythonInt(key);
  if (i === undefined) return { found: false };
  const at = i < 0 ? items.length + i : i;
  if (!Number.isSafeInteger(at) || at < 0 || at >= items.length) return { found: false };
  return { found: true, value: items[at] as T };
}

/**
 * Looks `keys` up in nested mappings/lists. Mapping keys match exactly (a JS object's keys are all
 * strings, so the reference's "exact key, then canonical int key" rule reduces to an exact match);
 * list (and string) segments are parsed as Python ints, so negative indices work. Any miss, bad
 * index or non-container → `fallback`.
 */
export function getFromDict<D>(dct: unknown, keys: string | readonly string[], fallback: D): unknown {
  const path = typeof keys === 'string' ? keyPath(keys) : keys;
  let value: unknown = dct;
  for (const key of path) {
    if (isMapping(value)) {
      if (!Object.hasOwn(value, key)) return fallback;
      value = value[key];
    } else if (Array.isArray(value)) {
      const hit = index(value, key);
      if (!hit.found) return fallback;
      value = hit.value;
    } else if (typeof value === 'string') {
      // Python strings are indexable too (by code point): `{{ HOME.0 }}` against the environment is `/`.
      const hit = index(Array.from(value), key);
      if (!hit.found) return fallback;
      value = hit.value;
    } else {
      return fallback;
    }
  }
  return value;
}

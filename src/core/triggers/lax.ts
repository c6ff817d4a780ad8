/**
 * The lax-mode coercions pydantic applies to the scalar field types the trigger and SLA models use.
 * Each returns the value or a message the user can act on; pydantic's own wording is kept where it
 * is already clear.
 */
import { isMapping, type Mapping } from '../values/index.js';

export type Lax<T> = { value: T } | { error: string };

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

export function laxStr(value: unknown): Lax<string> {
  return typeof value === 'string' ? { value } : { error: `should be a string, got ${describe(value)}` };
}

export function laxBool(value: unknown): Lax<boolean> {
  if (typeof value === 'boolean') return { value };
  if (value === 0 || value === 1) return { value: value === 1 };
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { value: true };
    if (FALSE_WORDS.has(word)) return { value: false };
  }
  return { error: `should be true or false, got ${describe(value)}` };
}

export function laxInt(value: unknown): Lax<number> {
  if (typeof value === 'boolean') return { value: value ? 1 : 0 };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return { value };
    return { error: `should be a whole number, got ${describe(value)}` };
  }
  if (typeof value === 'string' && /^[-+]?\d+(?:_\d+)*$/.test(value.trim())) {
    return { value: Number(value.trim().replaceAll('_', '')) };
  }
  return { error: `should be a whole number, got ${describe(value)}` };
}

export function laxFloat(value: unknown): Lax<number> {
  if (typeof value === 'boolean') return { value: value ? 1 : 0 };
  if (typeof value === 'number') return { value };
  if (typeof value === 'string') {
    const text = value.trim().replaceAll('_', '');
    if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) return { value: Number(text) };
    if (/^[-+]?(?:inf|infinity)$/i.test(text)) return { value: text.startsWith('-') ? -Infinity : Infinity };
    if (/^[-+]?nan$/i.test(text)) return { value: NaN };
  }
  return { error: `should be a number, got ${describe(value)}` };
}

/** `Set[str]`: a list of strings, duplicates dropped (first occurrence kept). */
export function laxStringSet(value: unknown): Lax<string[]> {
  if (!Array.isArray(value)) return { error: `should be a list of strings, got ${describe(value)}` };
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) return { error: `should be a list of strings, item ${bad} is ${describe(value[bad])}` };
  return { value: [...new Set(value as string[])] };
}

export function laxOptionalMapping(value: unknown): Lax<Mapping | null> {
  if (value === null || isMapping(value)) return { value };
  return { error: `should be a mapping or null, got ${describe(value)}` };
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isMapping(value)) return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

export function oneOf(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/**
 * `apply_values`: substitutes standard placeholders from a values mapping and env-var placeholders
 * from the environment, with the reference's NOTSET rules for mappings and lists.
 */
import { getFromDict } from './get-from-dict.js';
import { ENV_VAR_PLACEHOLDER_PREFIX, isWholeStringPlaceholder, placeholderRegExp, placeholdersInString } from './placeholders.js';
import { isMapping, PythonFloat, pythonStr, pythonStringRepr, pythonTypeName } from '../values/index.js';
import { TemplateError } from './errors.js';

/** Prefect's `NotSet`: a whole-string placeholder whose value was not found. */
export const NOTSET: unique symbol = Symbol('NOTSET');
export type NotSet = typeof NOTSET;

/** The process environment as templating sees it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Reports a placeholder that had no value; `message` is the reference's warning text. */
export type OnMissing = (placeholder: string, message: string) => void;

export interface ApplyValuesOptions {
  /** Drop mapping keys / list items whose whole-string placeholder is missing, and render missing embedded ones as `""` (default true). */
  removeNotset?: boolean;
  /** Report missing placeholders through `onMissing` (the reference logs a warning). */
  warnOnNotset?: boolean;
  onMissing?: OnMissing;
  /** Placeholders whose name starts with one of these are left exactly as written (`ctx.`). */
  skipPrefixes?: readonly string[];
  /** Where `{{ $VAR }}` comes from, whatever `values` is. Defaults to `process.env`. */
  env?: Environment;
}

export function missingPlaceholderMessage(placeholder: string): string {
  return (
    `Value for placeholder ${pythonStringRepr(placeholder)} not found in provided values. Please ensure that ` +
    'the placeholder is spelled correctly and that the corresponding value is provided.'
  );
}

/**
 * Returns the template with values applied. A string that is exactly one standard placeholder
 * takes the looked-up value with its own type (or NOTSET when missing); anything else renders to a
 * string with Python `str()` values. In mappings and lists a NOTSET entry is dropped when
 * `removeNotset`, else the original entry is kept.
 */
export function applyValues(template: unknown, values: unknown, options: ApplyValuesOptions = {}): unknown {
  const removeNotset = options.removeNotset ?? true;
  const env = options.env ?? process.env;
  const warn = (placeholder: string): void => {
    if (options.warnOnNotset) options.onMissing?.(placeholder, missingPlaceholderMessage(placeholder));
  };

  const apply = (tmpl: unknown): unknown => {
    if (tmpl === NOTSET || tmpl === null || tmpl === undefined) return tmpl;
    if (typeof tmpl === 'number' || typeof tmpl === 'boolean' || typeof tmpl === 'bigint' || tmpl instanceof PythonFloat) {
      return tmpl;
    }
    if (typeof tmpl === 'string') return applyToString(tmpl);
    if (Array.isArray(tmpl)) {
      const out: unknown[] = [];
      for (const item of tmpl) {
        const updated = apply(item);
        if (updated !== NOTSET) out.push(updated);
        else if (!removeNotset) out.push(item);
      }
      return out;
    }
    if (isMapping(tmpl)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(tmpl)) {
        const updated = apply(item);
        if (updated !== NOTSET) out[key] = updated;
        else if (!removeNotset) out[key] = item;
      }
      return out;
    }
    throw new TemplateError(`Unexpected template type '${pythonTypeName(tmpl)}'`);
  };

  const applyToString = (tmpl: string): unknown => {
    let placeholders = placeholdersInString(tmpl);
    if (placeholders.length === 0) return tmpl;
    const skip = options.skipPrefixes;
    if (skip && skip.length > 0) {
      placeholders = placeholders.filter((p) => !skip.some((prefix) => p.name.startsWith(prefix)));
      if (placeholders.length === 0) return tmpl;
    }
    const [only] = placeholders;
    if (only && isWholeStringPlaceholder(tmpl, placeholders, 'standard')) {
      const value = getFromDict(values, only.name, NOTSET);
      if (value === NOTSET) warn(only.name);
      return value;
    }
    const replacements = new Map<string, string>();
    for (const p of placeholders) {
      let value: unknown;
      if (p.kind === 'standard') {
        value = getFromDict(values, p.name, NOTSET);
      } else if (p.kind === 'env_var') {
        const name = stripLeading(p.name, ENV_VAR_PLACEHOLDER_PREFIX);
        value = Object.hasOwn(env, name) && env[name] !== undefined ? env[name] : NOTSET;
      } else {
        continue;
      }
      if (value === NOTSET) {
        warn(p.fullMatch);
        if (removeNotset) replacements.set(p.fullMatch, '');
      } else {
        replacements.set(p.fullMatch, pythonStr(value));
      }
    }
    // One pass over the original text, so inserted values are never themselves templated.
    return tmpl.replace(placeholderRegExp(), (_match, full: string) => replacements.get(full) ?? full);
  };

  return apply(template);
}

function stripLeading(text: string, ch: string): string {
  let i = 0;
  while (text.startsWith(ch, i)) i += ch.length;
  return text.slice(i);
}

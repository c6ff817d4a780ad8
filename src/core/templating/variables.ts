/**
 * `resolve_variables`: `{{ prefect.variables.<name> }}` replaced by the variable's value; a variable
 * that does not exist becomes `""` (the key is kept).
 */
import { isWholeStringPlaceholder, placeholdersInString, VARIABLE_PLACEHOLDER_PREFIX } from './placeholders.js';
import { isMapping, pythonStr } from '../values/index.js';
import type { LookupResult, OnUnresolved, VariableSource } from './sources.js';

export function variableName(placeholderName: string): string {
  return placeholderName.replaceAll(VARIABLE_PLACEHOLDER_PREFIX, '');
}

/** Resolves variable placeholders at any depth; offline ones stay as written and are reported. */
export async function resolveVariables(template: unknown, source: VariableSource, onUnresolved: OnUnresolved = () => {}): Promise<unknown> {
  const cache = new Map<string, LookupResult<unknown>>();
  const read = async (name: string): Promise<LookupResult<unknown>> => {
    let result = cache.get(name);
    if (!result) {
      result = await source.read(name);
      cache.set(name, result);
    }
    return result;
  };

  const resolve = async (tmpl: unknown): Promise<unknown> => {
    if (typeof tmpl === 'string') {
      const placeholders = placeholdersInString(tmpl);
      if (!placeholders.some((p) => p.kind === 'variable')) return tmpl;
      const [only] = placeholders;
      if (only && isWholeStringPlaceholder(tmpl, placeholders, 'variable')) {
        const name = variableName(only.name);
        const result = await read(name);
        if (result.status === 'unresolved') {
          onUnresolved({ kind: 'variable', placeholder: only.fullMatch, variableName: name });
          return tmpl;
        }
        return result.status === 'found' ? result.value : '';
      }
      let out = tmpl;
      for (const p of placeholders) {
        if (p.kind !== 'variable') continue;
        const name = variableName(p.name);
        const result = await read(name);
        if (result.status === 'unresolved') {
          onUnresolved({ kind: 'variable', placeholder: p.fullMatch, variableName: name });
          continue;
        }
        out = out.replaceAll(p.fullMatch, result.status === 'found' ? pythonStr(result.value) : '');
      }
      return out;
    }
    if (Array.isArray(tmpl)) {
      const out: unknown[] = [];
      for (const item of tmpl) out.push(await resolve(item));
      return out;
    }
    if (isMapping(tmpl)) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(tmpl)) out[key] = await resolve(value);
      return out;
    }
    return tmpl;
  };

  return resolve(template);
}

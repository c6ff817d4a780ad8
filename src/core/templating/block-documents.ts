/**
 * `resolve_block_document_references`: `{{ prefect.blocks.<slug>.<name>[.<keypath>] }}` placeholders
 * and `{"$ref": {"block_document_id": …}}` mappings replaced by block document data.
 */
import { getFromDict, keyPath } from './get-from-dict.js';
import { NOTSET } from './apply-values.js';
import { BLOCK_DOCUMENT_PLACEHOLDER_PREFIX, isWholeStringPlaceholder, placeholdersInString, type Placeholder } from './placeholders.js';
import { deepCopy, isMapping, isTruthy, pythonStr, pythonStringRepr, pythonTypeName } from '../values/index.js';
import { TemplateError } from './errors.js';
import type { BlockDocumentLookup, BlockDocumentSource, OnUnresolved } from './sources.js';

/** A block placeholder's name split the reference's way (prefix removed, split on `.` at most twice). */
export interface BlockPlaceholderName {
  blockTypeSlug: string;
  blockDocumentName: string;
  /** The rest of the name, looked up with `get_from_dict` rules; may itself hold dots and `[i]`. */
  keypath: string | undefined;
}

export function parseBlockPlaceholderName(name: string): BlockPlaceholderName {
  const rest = name.replaceAll(BLOCK_DOCUMENT_PLACEHOLDER_PREFIX, '');
  const first = rest.indexOf('.');
  if (first < 0) {
    throw new TemplateError(`Invalid block placeholder format: '${name}'. Expected format: prefect.blocks.<block-type-slug>.<block-document-name>`, name);
  }
  const second = rest.indexOf('.', first + 1);
  return {
    blockTypeSlug: rest.slice(0, first),
    blockDocumentName: second < 0 ? rest.slice(first + 1) : rest.slice(first + 1, second),
    keypath: second < 0 ? undefined : rest.slice(second + 1),
  };
}

// System blocks (secret, string, json, …) hold only `value`; it is unwrapped unless the keypath
// already points at it (`value`, `value.x`, `value[0]` — but `values.x` is inside it).
function keypathPointsAtValue(keypath: string | undefined): boolean {
  return keypath !== undefined && (keypath === 'value' || keypath.startsWith('value.') || keypath.startsWith('value['));
}

type Resolved = { found: true; value: unknown; secret: boolean } | { found: false };

/**
 * Where a placeholder that resolves to secret material stays as written, for the worker to resolve
 * when the flow runs (it does the same block pass), instead of the secret in clear.
 */
export interface KeepSecretReferences {
  /** Whether a value at this path of the template may keep its secret references. */
  at(path: readonly (string | number)[]): boolean;
  /** Each kept placeholder (as written) with the value it resolved to. */
  onKept(placeholder: string, value: unknown): void;
}

/**
 * Whether the value at `keypath` (`get_from_dict` segments over `data`) is, lies inside, or holds a
 * field on one of the dotted `secretFields` paths. List indices in the keypath are skipped, as the
 * schema's paths name fields only (`items.password` covers `items[0].password`).
 */
function touchesSecret(data: unknown, keypath: readonly string[], secretFields: readonly string[]): boolean {
  if (secretFields.length === 0) return false;
  const fieldPath: string[] = [];
  let value = data;
  for (const key of keypath) {
    const listLike = Array.isArray(value) || typeof value === 'string';
    if (!listLike) fieldPath.push(key);
    value = getFromDict(value, [key], undefined);
  }
  return secretFields.some((field) => {
    const secret = field.split('.');
    const n = Math.min(secret.length, fieldPath.length);
    for (let i = 0; i < n; i++) if (secret[i] !== '*' && secret[i] !== fieldPath[i]) return false;
    return true;
  });
}

// Texts the later passes (variables, env, step outputs) would template again once the secret is
// in the string: keeping the reference would change what the deployment ends up with.
function safeToKeep(value: unknown): boolean {
  if (!isTruthy(value)) return false;
  const braces = (v: unknown): boolean =>
    typeof v === 'string' ? v.includes('{{') || v.includes('}}') : Array.isArray(v) ? v.some(braces) : isMapping(v) ? Object.values(v).some(braces) : false;
  return !braces(value);
}

/**
 * Resolves block placeholders and `$ref`s at any depth. Offline (`unresolved`) references stay
 * exactly as written and are reported through `onUnresolved`; a missing block is an error.
 */
export async function resolveBlockDocumentReferences(
  template: unknown,
  source: BlockDocumentSource,
  onUnresolved: OnUnresolved = () => {},
  keepSecrets?: KeepSecretReferences,
): Promise<unknown> {
  // Cached per call, as the reference does, so one block is fetched once however often it is used.
  const byName = new Map<string, BlockDocumentLookup>();
  const byId = new Map<string, BlockDocumentLookup>();

  const readByName = async (slug: string, name: string, placeholder: string): Promise<BlockDocumentLookup | undefined> => {
    const key = JSON.stringify([slug, name]);
    let result = byName.get(key);
    if (!result) {
      result = await source.readByName(slug, name);
      byName.set(key, result);
    }
    if (result.status === 'missing') {
      throw new TemplateError(`Block not found: '${name}' of type '${slug}' (referenced by ${placeholder}). ` + 'Create the block or fix the placeholder.', placeholder);
    }
    return result.status === 'found' ? result : undefined;
  };

  const readById = async (id: string): Promise<Record<string, unknown> | undefined> => {
    let result = byId.get(id);
    if (!result) {
      result = await source.readById(id);
      byId.set(id, result);
    }
    if (result.status === 'missing') {
      throw new TemplateError(`Block not found: ID '${id}' (referenced by a $ref). Create the block or fix the reference.`);
    }
    return result.status === 'found' ? result.value : undefined;
  };

  const resolvePlaceholder = async (placeholder: Placeholder, tmpl: string): Promise<Resolved> => {
    const { blockTypeSlug, blockDocumentName, keypath } = parseBlockPlaceholderName(placeholder.name);
    const lookup = await readByName(blockTypeSlug, blockDocumentName, placeholder.fullMatch);
    if (lookup?.status !== 'found') {
      onUnresolved({ kind: 'block_document', placeholder: placeholder.fullMatch, blockTypeSlug, blockDocumentName });
      return { found: false };
    }
    const document = lookup.value;
    let data: unknown = document;
    const keys = Object.keys(document);
    const unwrapped = keys.length === 1 && keys[0] === 'value' && !keypathPointsAtValue(keypath);
    if (unwrapped) data = document['value'];
    let value = data;
    if (keypath !== undefined) {
      value = getFromDict(data, keypath, NOTSET);
      if (value === NOTSET) {
        throw new TemplateError(
          `Invalid template: ${pythonStringRepr(tmpl)}. Could not resolve the keypath '${keypath}' of ` +
            `${placeholder.fullMatch} in the data of block '${blockDocumentName}' of type '${blockTypeSlug}'.`,
          placeholder.fullMatch,
        );
      }
    }
    const documentKeypath = [...(unwrapped ? ['value'] : []), ...(keypath === undefined ? [] : keyPath(keypath))];
    const secret = touchesSecret(document, documentKeypath, lookup.secretFields ?? []);
    return { found: true, value: deepCopy(value), secret };
  };

  // A secret placeholder where secrets are kept: resolved (so a missing block or keypath still
  // fails as in the reference) but left as written.
  const kept = (placeholder: Placeholder, resolved: Resolved, path: readonly (string | number)[]): boolean => {
    if (!resolved.found || !resolved.secret || !keepSecrets?.at(path) || !safeToKeep(resolved.value)) return false;
    keepSecrets.onKept(placeholder.fullMatch, resolved.value);
    return true;
  };

  const resolve = async (tmpl: unknown, path: (string | number)[]): Promise<unknown> => {
    if (isMapping(tmpl)) {
      if (Object.hasOwn(tmpl, '$ref')) {
        const ref = tmpl['$ref'];
        if (!isMapping(ref)) {
          // The reference crashes here (`'str' object has no attribute 'get'`); say what is wrong instead.
          throw new TemplateError(`Invalid $ref: expected a mapping with a block_document_id, got ${pythonTypeName(ref)}`);
        }
        const id = ref['block_document_id'];
        if (isTruthy(id)) {
          const blockDocumentId = pythonStr(id);
          const data = await readById(blockDocumentId);
          if (data === undefined) {
            onUnresolved({ kind: 'block_document_ref', blockDocumentId });
            return tmpl;
          }
          return deepCopy(data);
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(tmpl)) out[key] = await resolve(value, [...path, key]);
      return out;
    }
    if (Array.isArray(tmpl)) {
      const out: unknown[] = [];
      for (const [i, item] of tmpl.entries()) out.push(await resolve(item, [...path, i]));
      return out;
    }
    if (typeof tmpl !== 'string') return tmpl;

    const placeholders = placeholdersInString(tmpl);
    if (!placeholders.some((p) => p.kind === 'block_document')) return tmpl;
    const [only] = placeholders;
    if (only && isWholeStringPlaceholder(tmpl, placeholders, 'block_document')) {
      const resolved = await resolvePlaceholder(only, tmpl);
      if (kept(only, resolved, path)) return tmpl;
      return resolved.found ? resolved.value : tmpl;
    }
    let result = tmpl;
    for (const placeholder of placeholders) {
      if (placeholder.kind !== 'block_document') continue;
      const resolved = await resolvePlaceholder(placeholder, tmpl);
      if (!resolved.found) continue;
      if (Array.isArray(resolved.value) || isMapping(resolved.value)) {
        throw new TemplateError(
          `Invalid template: ${pythonStringRepr(tmpl)}. Block placeholder ${pythonStringRepr(placeholder.fullMatch)} ` +
            `resolved to a ${pythonTypeName(resolved.value)}, which cannot be used for inline string substitution. ` +
            "Resolve a scalar attribute instead (e.g., '.value' or '.url').",
          placeholder.fullMatch,
        );
      }
      if (kept(placeholder, resolved, path)) continue;
      result = result.replaceAll(placeholder.fullMatch, pythonStr(resolved.value));
    }
    return result;
  };

  return resolve(template, []);
}

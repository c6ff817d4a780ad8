/**
 * `resolve_block_document_references`: `{{ prefect.blocks.<slug>.<name>[.<keypath>] }}` placeholders
 * and `{"$ref": {"block_document_id": …}}` mappings replaced by block document data.
 */
import { getFromDict } from './get-from-dict.js';
import { NOTSET } from './apply-values.js';
import { BLOCK_DOCUMENT_PLACEHOLDER_PREFIX, isWholeStringPlaceholder, placeholdersInString, type Placeholder } from './placeholders.js';
import { pythonStr, pythonStringRepr } from './python-str.js';
import type { BlockDocumentSource, LookupResult, OnUnresolved } from './sources.js';
import { deepCopy, isMapping, isTruthy, pythonTypeName, TemplateError } from './values.js';

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
    throw new TemplateError(
      `Invalid block placeholder format: '${name}'. Expected format: prefect.blocks.<block-type-slug>.<block-document-name>`,
      name,
    );
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

type Resolved = { found: true; value: unknown } | { found: false };

/**
 * Resolves block placeholders and `$ref`s at any depth. Offline (`unresolved`) references stay
 * exactly as written and are reported through `onUnresolved`; a missing block is an error.
 */
export async function resolveBlockDocumentReferences(
  template: unknown,
  source: BlockDocumentSource,
  onUnresolved: OnUnresolved = () => {},
): Promise<unknown> {
  // Cached per call, as the reference does, so one block is fetched once however often it is used.
  const byName = new Map<string, LookupResult<Record<string, unknown>>>();
  const byId = new Map<string, LookupResult<Record<string, unknown>>>();

  const readByName = async (slug: string, name: string, placeholder: string): Promise<Record<string, unknown> | undefined> => {
    const key = JSON.stringify([slug, name]);
    let result = byName.get(key);
    if (!result) {
      result = await source.readByName(slug, name);
      byName.set(key, result);
    }
    if (result.status === 'missing') {
      throw new TemplateError(
        `Block not found: '${name}' of type '${slug}' (referenced by ${placeholder}). ` +
          'Create the block or fix the placeholder.',
        placeholder,
      );
    }
    return result.status === 'found' ? result.value : undefined;
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
    const document = await readByName(blockTypeSlug, blockDocumentName, placeholder.fullMatch);
    if (document === undefined) {
      onUnresolved({ kind: 'block_document', placeholder: placeholder.fullMatch, blockTypeSlug, blockDocumentName });
      return { found: false };
    }
    let data: unknown = document;
    const keys = Object.keys(document);
    if (keys.length === 1 && keys[0] === 'value' && !keypathPointsAtValue(keypath)) data = document['value'];
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
    return { found: true, value: deepCopy(value) };
  };

  const resolve = async (tmpl: unknown): Promise<unknown> => {
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
      for (const [key, value] of Object.entries(tmpl)) out[key] = await resolve(value);
      return out;
    }
    if (Array.isArray(tmpl)) {
      const out: unknown[] = [];
      for (const item of tmpl) out.push(await resolve(item));
      return out;
    }
    if (typeof tmpl !== 'string') return tmpl;

    const placeholders = placeholdersInString(tmpl);
    if (!placeholders.some((p) => p.kind === 'block_document')) return tmpl;
    const [only] = placeholders;
    if (only && isWholeStringPlaceholder(tmpl, placeholders, 'block_document')) {
      const resolved = await resolvePlaceholder(only, tmpl);
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
      result = result.replaceAll(placeholder.fullMatch, pythonStr(resolved.value));
    }
    return result;
  };

  return resolve(template);
}

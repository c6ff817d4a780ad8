/**
 * Where block documents and variables come from. The API client implements these later; offline
 * there is no server, so every lookup answers `unresolved` and the reference stays as written.
 */

export type LookupResult<T> = { status: 'found'; value: T } | { status: 'missing' } | { status: 'unresolved' };

export interface BlockDocumentSource {
  /** The document's `data` (secrets included) for `GET /block_types/slug/{slug}/block_documents/name/{name}`. */
  readByName(slug: string, name: string): Promise<LookupResult<Record<string, unknown>>>;
  /** The document's `data` for `GET /block_documents/{id}`. */
  readById(id: string): Promise<LookupResult<Record<string, unknown>>>;
}

export interface VariableSource {
  /** The variable's JSON value for `GET /variables/name/{name}`. */
  read(name: string): Promise<LookupResult<unknown>>;
}

export interface TemplateSources {
  blocks: BlockDocumentSource;
  variables: VariableSource;
}

/** A reference left as written because its source could not answer (offline). */
export type UnresolvedReference =
  | { kind: 'block_document'; placeholder: string; blockTypeSlug: string; blockDocumentName: string }
  | { kind: 'block_document_ref'; blockDocumentId: string }
  | { kind: 'variable'; placeholder: string; variableName: string };

/** Receives each unresolved reference as it is met. */
export type OnUnresolved = (reference: UnresolvedReference) => void;

const UNRESOLVED = { status: 'unresolved' } as const;

/** Sources for running without a server: nothing is found, nothing is missing, all stays as written. */
export function offlineSources(): TemplateSources {
  return {
    blocks: {
      readByName: () => Promise.resolve(UNRESOLVED),
      readById: () => Promise.resolve(UNRESOLVED),
    },
    variables: { read: () => Promise.resolve(UNRESOLVED) },
  };
}

/** Collects unresolved references once each, in the order they were first met. */
export class UnresolvedReferences {
  private readonly byKey = new Map<string, UnresolvedReference>();
  readonly add: OnUnresolved = (reference) => {
    const key = JSON.stringify(reference);
    if (!this.byKey.has(key)) this.byKey.set(key, reference);
  };
  list(): UnresolvedReference[] {
    return [...this.byKey.values()];
  }
}

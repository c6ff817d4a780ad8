/**
 * Where block documents and variables come from. The API client implements these later; offline
 * there is no server, so every lookup answers `unresolved` and the reference stays as written.
 */

export type LookupResult<T> = { status: 'found'; value: T } | { status: 'missing' } | { status: 'unresolved' };

/**
 * A block document's `data`, with the dotted paths of its secret fields (the block schema's
 * `secret_fields`, `*` for any key) when the source knows them.
 */
export type BlockDocumentLookup = LookupResult<Record<string, unknown>> & { secretFields?: readonly string[] };

export interface BlockDocumentSource {
  /** The document's `data` (secrets included) for `GET /block_types/slug/{slug}/block_documents/name/{name}`. */
  readByName(slug: string, name: string): Promise<BlockDocumentLookup>;
  /** The document's `data` for `GET /block_documents/{id}`. */
  readById(id: string): Promise<BlockDocumentLookup>;
}

/** What the server validates job variables against: a work pool's `base_job_template.variables`. */
export interface WorkPoolSource {
  readJobVariablesSchema(poolName: string): Promise<LookupResult<Record<string, unknown>>>;
}

export interface VariableSource {
  /** The variable's JSON value for `GET /variables/name/{name}`. */
  read(name: string): Promise<LookupResult<unknown>>;
}

export interface TemplateSources {
  blocks: BlockDocumentSource;
  variables: VariableSource;
  /** Work pools, where known: a job variable may keep a secret's block reference only where its pool's schema accepts the text. */
  workPools?: WorkPoolSource;
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

/**
 * The templating layer's block and variable sources (`TemplateSources`) backed by the Prefect API,
 * cached for the whole run: one request per distinct block or variable, however many deployments
 * and passes ask for it. Concurrent asks share the request in flight.
 */
import type { BlockDocument, PrefectClient } from '../../prefect/index.js';
import { blockSecretFields } from '../secrets.js';
import type { BlockDocumentLookup, LookupResult, TemplateSources } from './sources.js';

function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let pending = cache.get(key);
    if (!pending) {
      pending = load(key);
      // A failed request (network, 5xx after retries) is not remembered, so a later ask can retry it.
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  };
}

function foundDocument(document: BlockDocument | undefined): BlockDocumentLookup {
  return document?.data === undefined ? { status: 'missing' } : { status: 'found', value: document.data, secretFields: blockSecretFields(document) };
}

/** Blocks by (slug, name) and by id with secrets in clear text, variables by name, pools' job variable schemas; 404 → `missing`. */
export function prefectTemplateSources(client: PrefectClient): TemplateSources {
  const byName = memo(async (key) => {
    const [slug, name] = JSON.parse(key) as [string, string];
    return foundDocument(await client.readBlockDocumentByName(slug, name));
  });
  const byId = memo(async (id) => foundDocument(await client.readBlockDocument(id)));
  // Read only when a job variable kept a secret's reference (rare), so a deploy without one reads no pool here.
  const poolSchemas = memo(async (name): Promise<LookupResult<Record<string, unknown>>> => {
    const variables = (await client.readWorkPool(name))?.base_job_template?.variables;
    return variables !== null && typeof variables === 'object' ? { status: 'found', value: variables as Record<string, unknown> } : { status: 'missing' };
  });
  const variables = memo(async (name): Promise<LookupResult<unknown>> => {
    const variable = await client.readVariableByName(name);
    return variable === undefined ? { status: 'missing' } : { status: 'found', value: variable.value };
  });
  return {
    blocks: {
      readByName: (slug, name) => byName(JSON.stringify([slug, name])),
      readById: (id) => byId(id),
    },
    variables: { read: (name) => variables(name) },
    workPools: { readJobVariablesSchema: (name) => poolSchemas(name) },
  };
}

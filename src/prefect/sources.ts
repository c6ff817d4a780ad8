/**
 * The templating layer's block and variable sources (`TemplateSources`) backed by the Prefect API,
 * cached for the whole run: one request per distinct block or variable, however many deployments
 * and passes ask for it. Concurrent asks share the request in flight.
 */
import type { LookupResult, TemplateSources } from '../core/templating/sources.js';
import type { PrefectClient } from './client.js';

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

function found<T>(value: T | undefined): LookupResult<T> {
  return value === undefined ? { status: 'missing' } : { status: 'found', value };
}

/** Blocks by (slug, name) and by id with secrets in clear text, variables by name; 404 → `missing`. */
export function prefectTemplateSources(client: PrefectClient): TemplateSources {
  const byName = memo(async (key) => {
    const [slug, name] = JSON.parse(key) as [string, string];
    const document = await client.readBlockDocumentByName(slug, name);
    return found(document?.data);
  });
  const byId = memo(async (id) => found((await client.readBlockDocument(id))?.data));
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
  };
}

// The JSON calls tests make to a real Prefect server to seed it and to read what it stored, outside the
// client under test: one request shape, one timeout and one error message for every server test file.

/**
 * A call to one server; its answer is parsed JSON, null when the body is empty. Two signatures, not
 * one `<T = D>`: a call without a type argument answers `D`, so callers' `as` casts stay lint-clean.
 */
export interface ServerApi<D = unknown> {
  (method: string, route: string, body?: unknown): Promise<D>;
  <T>(method: string, route: string, body?: unknown): Promise<T>;
}

/** A call that hands back the status with the answer instead of failing on it, for tests that judge the status. */
export type ServerApiWithStatus = (method: string, route: string, body?: unknown) => Promise<{ status: number; json: unknown }>;

async function send(apiUrl: string, method: string, route: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    // a hung server fails the call with its route rather than the whole test by its timeout
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, text: await res.text() };
}

/** The text of one call's answer; a status of 300 or more is an error unless listed in `alsoOk`. */
export async function serverText(apiUrl: string, method: string, route: string, body?: unknown, alsoOk: readonly number[] = []): Promise<string> {
  const { status, text } = await send(apiUrl, method, route, body);
  if (status >= 300 && !alsoOk.includes(status)) throw new Error(`${method} ${route} -> ${status}: ${text}`);
  return text;
}

/**
 * Calls to the server at `apiUrl` that answer parsed JSON. `alsoOk` lists statuses that are not
 * errors, as 409 for a seed that may already exist.
 */
export function serverApi<D = unknown>(apiUrl: string, options: { alsoOk?: readonly number[] } = {}): ServerApi<D> {
  return async (method: string, route: string, body?: unknown): Promise<any> => {
    const text = await serverText(apiUrl, method, route, body, options.alsoOk);
    return text ? JSON.parse(text) : null;
  };
}

/** Calls to the server at `apiUrl` that never fail on the status: it comes back with the parsed answer. */
export function serverApiWithStatus(apiUrl: string): ServerApiWithStatus {
  return async (method, route, body) => {
    const { status, text } = await send(apiUrl, method, route, body);
    return { status, json: text ? (JSON.parse(text) as unknown) : null };
  };
}

/**
 * Runs `fn` over `items` with at most `limit` at once; results in input order. The first failure
 * stops new work and is rethrown once the running calls settle (their own failures are dropped).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      if (signal?.aborted) {
        failure = { error: signal.reason ?? new Error('cancelled') };
        return;
      }
      const index = next;
      next += 1;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failure ??= { error };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}

/** Runs the functions it is given, at most `limit` at once, whoever gives them. */
export type Gate = <T>(fn: () => Promise<T>) => Promise<T>;

/** A gate of `limit` slots: the deploys of one run share one, so together they write no faster than one deploy would. */
export function gate(limit: number): Gate {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= Math.max(1, limit)) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await fn();
    } finally {
      // The slot passes to the next in line, or is given back.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

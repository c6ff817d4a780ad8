/**
 * A loopback HTTP proxy in front of the test Prefect server that injects faults from a seeded
 * random sequence (reproducible): 429 with Retry-After, 500/502/503 before forwarding, latency,
 * connection resets before forwarding, and — the dangerous ones — resets and 502s after the
 * server has applied the request, where the client cannot know that it did.
 *
 * Loops are bounded: the same request (method, path, body) is faulted at most `maxConsecutive`
 * times in a row, then forwarded untouched, so a client with a few retries always gets through.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type FaultKind = 'latency' | '429' | '500' | '502' | '503' | 'reset-before' | 'reset-after' | '502-after';

export interface FaultProxyOptions {
  seed: number;
  /** Share of requests faulted (latency included), 0..1. */
  rate: number;
  /** Faults drawn from, with weights; every kind once by default. */
  kinds?: Partial<Record<FaultKind, number>>;
  /** The same request is faulted at most this many times in a row (default 2). */
  maxConsecutive?: number;
}

export interface FaultProxy {
  apiUrl: string;
  /** Requests received, faults injected by kind, and writes the server received (non-read requests forwarded). */
  stats: { requests: number; faults: Partial<Record<FaultKind, number>>; forwardedWrites: string[]; faulted: string[] };
  /** Faults on or off (the same proxy serves a clean re-run). */
  setRate(rate: number): void;
  /**
   * A gateway in front of a dead server: every request answered with this status (e.g. 502)
   * without being forwarded, until called again with `undefined`.
   */
  setDown(status: number | undefined): void;
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, so generated cases and fault sequences are the same on every run (a failure can be replayed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL_KINDS: FaultKind[] = ['latency', '429', '500', '502', '503', 'reset-before', 'reset-after', '502-after'];

/** A request that reads (`GET`, and the POSTs that filter or count), which the server never changes state for. */
export function isRead(method: string, path: string): boolean {
  return method === 'GET' || /\/(filter|count)$/.test(path);
}

export async function startFaultProxy(upstreamApiUrl: string, options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(upstreamApiUrl);
  const apiRoot = upstream.pathname.replace(/\/$/, '');
  const random = seededRandom(options.seed);
  const weights = options.kinds ?? Object.fromEntries(ALL_KINDS.map((k) => [k, 1]));
  const table = Object.entries(weights).filter(([, w]) => (w ?? 0) > 0) as [FaultKind, number][];
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  const maxConsecutive = options.maxConsecutive ?? 2;
  let rate = options.rate;
  let down: number | undefined;
  const streak = new Map<string, number>();
  const stats: FaultProxy['stats'] = { requests: 0, faults: {}, forwardedWrites: [], faulted: [] };

  const pick = (key: string): FaultKind | undefined => {
    const draw = random();
    const kindDraw = random() * total;
    if (draw >= rate || (streak.get(key) ?? 0) >= maxConsecutive) {
      streak.delete(key);
      return undefined;
    }
    streak.set(key, (streak.get(key) ?? 0) + 1);
    let acc = 0;
    for (const [kind, w] of table) {
      acc += w;
      if (kindDraw < acc) return kind;
    }
    return table.at(-1)![0];
  };

  const forward = (req: IncomingMessage, raw: Buffer, path: string): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      if (!isRead(req.method ?? 'GET', path)) stats.forwardedWrites.push(`${req.method} ${path}`);
      const up = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      up.on('timeout', () => up.destroy(new Error('upstream timeout')));
      up.on('error', reject);
      up.end(raw);
    });

  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ detail: `injected ${status}` }));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        stats.requests++;
        if (down !== undefined) return answer(res, down);
        const raw = Buffer.concat(chunks);
        const url = req.url ?? '/';
        const path = (url.startsWith(apiRoot) ? url.slice(apiRoot.length) : url).split('?')[0]!;
        const kind = pick(`${req.method} ${url} ${raw.toString('utf8')}`);
        if (kind) {
          stats.faults[kind] = (stats.faults[kind] ?? 0) + 1;
          stats.faulted.push(`${kind} ${req.method} ${path}`);
        }
        try {
          switch (kind) {
            case '429':
              return answer(res, 429, { 'retry-after': '0.1' });
            case '500':
            case '502':
            case '503':
              return answer(res, Number(kind));
            case 'reset-before':
              return req.socket.destroy();
            case 'latency':
              await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 80)));
              break;
          }
          const up = await forward(req, raw, path);
          if (kind === 'reset-after') return req.socket.destroy();
          if (kind === '502-after') return answer(res, 502);
          res.writeHead(up.status, up.headers);
          res.end(up.body);
        } catch (e) {
          if (!res.headersSent) answer(res, 502);
          else res.destroy(e as Error);
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    apiUrl: `http://127.0.0.1:${port}${apiRoot}`,
    stats,
    setRate: (r) => (rate = r),
    setDown: (status) => (down = status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

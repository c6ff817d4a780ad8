/**
 * A loopback HTTP proxy in front of the test Prefect server that records every request body, so a
 * test can see exactly what a client sent (the open-source server drops some fields, such as
 * `version_info`, before storing a deployment).
 */
import { createServer, request, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  /** Path relative to the API root, e.g. `/deployments/`. */
  path: string;
  body: unknown;
  /** How many requests of the same method and path were in flight when this one arrived, itself included. */
  inFlight: number;
}

export interface RecordingProxy {
  /** Base URL to hand to a client in place of the server's, e.g. `http://127.0.0.1:40000/api`. */
  apiUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(upstreamApiUrl: string): Promise<RecordingProxy> {
  const upstream = new URL(upstreamApiUrl);
  const apiRoot = upstream.pathname.replace(/\/$/, '');
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<string, number>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown = null;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = raw.toString('utf8');
        }
      }
      const url = req.url ?? '/';
      const at = url.startsWith(apiRoot) ? url.slice(apiRoot.length) : url;
      const same = `${req.method} ${at.split('?')[0]}`;
      inFlight.set(same, (inFlight.get(same) ?? 0) + 1);
      res.once('close', () => inFlight.set(same, inFlight.get(same)! - 1));
      requests.push({ method: req.method ?? 'GET', path: at, body, inFlight: inFlight.get(same)! });
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: url,
          headers: { ...req.headers, host: upstream.host },
          timeout: 60_000,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on('timeout', () => forward.destroy(new Error('upstream timeout')));
      forward.on('error', (e) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${e.message}`);
      });
      forward.end(raw);
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
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

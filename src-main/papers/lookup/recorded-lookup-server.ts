import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * Test support: a loopback HTTP server that answers lookup requests with recorded responses from
 * `lookup/fixtures/` (real-shaped arXiv Atom, OpenAlex and Crossref JSON). Routes are exact request paths (with
 * query); anything unrouted answers 404, as the real services do for an unknown DOI. Every request is recorded.
 */

export interface RecordedRoute {
  status?: number;
  /** A file in lookup/fixtures/, or a literal body. */
  fixture?: string;
  body?: string;
  contentType?: string;
}

export interface RecordedServer {
  baseUrl: string;
  requests: string[];
  stop(): Promise<void>;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');

export async function startRecordedLookupServer(
  routes: Record<string, RecordedRoute>,
): Promise<RecordedServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"Not Found"}');
      return;
    }
    const body = route.fixture ? readFileSync(join(FIXTURES, route.fixture)) : (route.body ?? '');
    res.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

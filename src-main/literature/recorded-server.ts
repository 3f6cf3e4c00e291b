import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SourceName } from './config.ts';

/**
 * Tests only: a loopback HTTP server that plays the three literature services from recorded answers in
 * `fixtures/`. Each service lives under its own path prefix, so each gets its own base URL, as in production.
 * What a service answers can be switched per test (a recorded body, an HTTP error, a stall).
 */

export type Behaviour =
  | { kind: 'fixture'; file: string; contentType: string }
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'stall' };

export const FIXTURES = {
  'semantic-scholar': { kind: 'fixture', file: 's2-paper-search.json', contentType: 'application/json' },
  openalex: { kind: 'fixture', file: 'openalex-works.json', contentType: 'application/json' },
  arxiv: { kind: 'fixture', file: 'arxiv-query.atom', contentType: 'application/atom+xml; charset=utf-8' },
} as const satisfies Record<SourceName, Behaviour>;

const PREFIX: Record<SourceName, string> = {
  'semantic-scholar': '/s2',
  openalex: '/openalex',
  arxiv: '/arxiv',
};

export interface RecordedServer {
  baseUrls: Record<SourceName, string>;
  /** `source path?query` of every request, in order. */
  requests: Array<{ source: SourceName; url: string }>;
  set(source: SourceName, behaviour: Behaviour): void;
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export function fixture(file: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', file), 'utf8');
}

export async function startRecordedServer(): Promise<RecordedServer> {
  const behaviours: Record<SourceName, Behaviour> = { ...FIXTURES };
  const requests: RecordedServer['requests'] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const source = (Object.keys(PREFIX) as SourceName[]).find((s) => url.startsWith(`${PREFIX[s]}/`));
    if (!source) {
      res.writeHead(404).end();
      return;
    }
    requests.push({ source, url: url.slice(PREFIX[source].length) });
    const behaviour = behaviours[source];
    if (behaviour.kind === 'stall') return; // headers never come; the client's timeout must end it
    if (behaviour.kind === 'status') {
      res.writeHead(behaviour.status, {
        'content-type': 'application/json',
        ...(behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}),
      });
      res.end(
        JSON.stringify({ message: behaviour.status === 429 ? 'Too Many Requests' : 'Internal Server Error' }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': behaviour.contentType }).end(fixture(behaviour.file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const baseUrls = {
    'semantic-scholar': `${origin}${PREFIX['semantic-scholar']}`,
    openalex: `${origin}${PREFIX.openalex}`,
    arxiv: `${origin}${PREFIX.arxiv}`,
  };
  return {
    baseUrls,
    requests,
    set: (source, behaviour) => void (behaviours[source] = behaviour),
    env: () => ({
      MOTIV_S2_BASE_URL: baseUrls['semantic-scholar'],
      MOTIV_OPENALEX_BASE_URL: baseUrls.openalex,
      MOTIV_ARXIV_BASE_URL: baseUrls.arxiv,
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

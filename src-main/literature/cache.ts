import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { enableWal, openSqliteFile } from '../shared/sqlite-file.ts';
import type { LiteraturePaper } from './source.ts';

/**
 * Answers already fetched, in `<dataDir>/literature-cache.sqlite`, keyed by source and normalised query, so a
 * repeated search (a resumed session, the next idea on the same topic) costs no request and survives rate
 * limits and restarts. An entry serves any limit up to the one it was fetched with, or any limit at all when
 * the source had fewer papers than asked. A row that no longer parses is a miss, never an error.
 */

export const LITERATURE_CACHE_FILE = 'literature-cache.sqlite';

const PapersSchema = z.array(
  z.object({
    title: z.string(),
    authors: z.array(z.string()),
    year: z.number().optional(),
    venue: z.string().optional(),
    abstract: z.string().optional(),
    url: z.string().optional(),
  }),
);

export function normaliseQuery(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

interface Row {
  papers: string;
  fetched_limit: number;
  fetched_at: number;
}

export class LiteratureCache {
  readonly #db: Database;

  constructor(file: string) {
    // 0600 and busy_timeout first: browser mode and a CLI run may open it at the same moment.
    this.#db = openSqliteFile(file, enableWal);
    this.#db.exec(`CREATE TABLE IF NOT EXISTS literature_cache (
      source TEXT NOT NULL,
      query TEXT NOT NULL,
      fetched_limit INTEGER NOT NULL,
      papers TEXT NOT NULL,
      fetched_at INTEGER NOT NULL,
      PRIMARY KEY (source, query)
    ) WITHOUT ROWID`);
  }

  get(source: string, query: string, limit: number, notBefore: number): LiteraturePaper[] | undefined {
    const row = this.#db
      .prepare<[string, string], Row>(
        'SELECT papers, fetched_limit, fetched_at FROM literature_cache WHERE source = ? AND query = ?',
      )
      .get(source, normaliseQuery(query));
    if (!row || row.fetched_at < notBefore) return undefined;
    let papers: LiteraturePaper[];
    try {
      const parsed = PapersSchema.safeParse(JSON.parse(row.papers));
      if (!parsed.success) return undefined;
      papers = parsed.data;
    } catch {
      return undefined;
    }
    const complete = papers.length < row.fetched_limit;
    if (row.fetched_limit < limit && !complete) return undefined;
    return papers.slice(0, limit);
  }

  set(source: string, query: string, limit: number, papers: LiteraturePaper[], at: number): void {
    this.#db
      .prepare(
        `INSERT INTO literature_cache (source, query, fetched_limit, papers, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (source, query) DO UPDATE SET fetched_limit = excluded.fetched_limit,
           papers = excluded.papers, fetched_at = excluded.fetched_at`,
      )
      .run(source, normaliseQuery(query), limit, JSON.stringify(papers), at);
  }

  close(): void {
    this.#db.close();
  }
}

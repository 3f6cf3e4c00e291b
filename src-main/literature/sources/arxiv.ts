import { isAtomFeed, parseAtomEntries } from '../atom.ts';
import { getText, invalidShape } from '../http.ts';
import type { LiteratureSource } from '../source.ts';

/**
 * arXiv API `GET /api/query` (Atom). Every word of the query must appear (`all:` fields joined by AND), which
 * is closest to how the other two services rank. arXiv reports a bad query as a feed whose one entry is titled
 * "Error": that is a failure, not a paper.
 */

export function arxivSearchQuery(query: string): string {
  const words = query
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 12);
  return words.map((w) => `all:${w}`).join(' AND ');
}

export const arxiv: LiteratureSource = {
  name: 'arxiv',
  async search(baseUrl, query, limit, options) {
    const searchQuery = arxivSearchQuery(query);
    if (!searchQuery) return [];
    const url = `${baseUrl}/api/query?${new URLSearchParams({
      search_query: searchQuery,
      start: '0',
      max_results: String(limit),
    }).toString()}`;
    const xml = await getText(this.name, url, { ...options, accept: 'application/atom+xml' });
    if (!isAtomFeed(xml)) throw invalidShape(this.name, url, 'not an Atom feed');
    const entries = parseAtomEntries(xml);
    const error = entries.find((e) => e.title === 'Error');
    if (error) throw invalidShape(this.name, url, `arXiv said: ${error.summary}`);
    return entries.flatMap((e) => {
      if (!e.title) return [];
      const year = Number(e.published.slice(0, 4));
      const url = e.link ?? e.id;
      return [
        {
          title: e.title,
          authors: e.authors,
          ...(Number.isInteger(year) && year > 1900 ? { year } : {}),
          venue: e.journalRef ?? 'arXiv',
          ...(e.summary ? { abstract: e.summary } : {}),
          ...(url ? { url } : {}),
        },
      ];
    });
  },
};

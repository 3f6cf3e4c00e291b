/**
 * A small in-memory full-text index: tokens of name, title and description (plus venue, arXiv id and the
 * user's tags and note). Every query token must match a token of the document (AND): by prefix, except
 * one-character query tokens, which must match whole ('llm+p' finds LLM+P, not every word starting with
 * p). Hits in the name rank above hits in the title, which rank above the rest.
 */

export interface SearchDoc {
  id: string;
  name: string;
  title: string | null;
  text: string;
}

export interface SearchIndex {
  /** Ids of matching documents, best first; all ids in document order for an empty query. */
  search(query: string): string[];
  readonly size: number;
}

const WEIGHT = { name: 4, title: 2, text: 1 } as const;

export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** First index in a sorted array whose value is >= prefix. */
function lowerBound(sorted: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createSearchIndex(docs: readonly SearchDoc[]): SearchIndex {
  // token -> (doc index -> best field weight)
  const postings = new Map<string, Map<number, number>>();
  docs.forEach((doc, i) => {
    const fields: [string, number][] = [
      [doc.name, WEIGHT.name],
      [doc.title ?? '', WEIGHT.title],
      [doc.text, WEIGHT.text],
    ];
    for (const [text, weight] of fields) {
      for (const token of tokenize(text)) {
        const byDoc = postings.get(token) ?? new Map<number, number>();
        byDoc.set(i, Math.max(byDoc.get(i) ?? 0, weight));
        postings.set(token, byDoc);
      }
    }
  });
  const vocabulary = [...postings.keys()].sort();

  function scoresFor(queryToken: string): Map<number, number> {
    const scores = new Map<number, number>();
    for (let k = lowerBound(vocabulary, queryToken); k < vocabulary.length; k++) {
      const token = vocabulary[k] ?? '';
      if (!token.startsWith(queryToken) || (queryToken.length === 1 && token !== queryToken)) break;
      const exact = token === queryToken ? 1.5 : 1;
      for (const [doc, weight] of postings.get(token) ?? []) {
        scores.set(doc, Math.max(scores.get(doc) ?? 0, weight * exact));
      }
    }
    return scores;
  }

  return {
    size: docs.length,
    search(query) {
      const tokens = [...new Set(tokenize(query))];
      if (tokens.length === 0) return docs.map((d) => d.id);
      let total: Map<number, number> | null = null;
      for (const token of tokens) {
        const scores = scoresFor(token);
        const next = new Map<number, number>();
        for (const [doc, score] of scores) {
          const prev: number | undefined = total === null ? 0 : total.get(doc);
          if (prev !== undefined) next.set(doc, prev + score);
        }
        total = next;
        if (total.size === 0) return [];
      }
      return [...(total ?? new Map<number, number>())]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([doc]) => docs[doc]?.id ?? '')
        .filter((id) => id !== '');
    },
  };
}

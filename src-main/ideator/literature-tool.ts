import type { GraphStore } from '../graph/port.ts';
import { nodeRef } from './citations.ts';
import { bounded, clip } from './graph-tools.ts';
import { ToolArgs } from './tool-args.ts';

/**
 * literature_search: an injected provider (the lead's Semantic Scholar → OpenAlex → arXiv cascade, once it
 * exists) answers first; when there is none, or it fails, the papers already in the local graph answer. The
 * result names its source, and the tool turn records it.
 */

export interface LiteraturePaper {
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  abstract?: string;
  url?: string;
}

export type LiteratureProvider = (
  query: string,
  limit: number,
  signal?: AbortSignal,
) => Promise<{ source: string; papers: LiteraturePaper[] }>;

const ABSTRACT_CHARS = 500;

function authorsShort(authors: string[]): string {
  return authors.length > 3 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ');
}

async function localPapers(store: GraphStore, query: string, limit: number) {
  const hits = await store.nodeSearch({ query, mode: 'lexical', kinds: ['Paper'], limit });
  return hits.flatMap((h) =>
    h.node.kind === 'Paper'
      ? [
          {
            ref: nodeRef('Paper', h.node.name),
            title: h.node.name,
            authors: authorsShort(h.node.props.authors),
            year: h.node.props.year,
            abstract: clip(h.node.props.abstract ?? h.node.description, ABSTRACT_CHARS),
          },
        ]
      : [],
  );
}

export async function literatureTool(
  args: unknown,
  max: number,
  store: GraphStore | null,
  provider: LiteratureProvider | undefined,
  signal?: AbortSignal,
): Promise<{ content: string; source: string }> {
  const a = ToolArgs.literature_search.parse(args);
  const limit = a.limit ?? 5;
  let failure = '';
  if (provider) {
    try {
      const { source, papers } = await provider(a.query, limit, signal);
      const items = papers.slice(0, limit).map((p) => ({
        title: p.title,
        authors: authorsShort(p.authors),
        year: p.year,
        venue: p.venue,
        abstract: p.abstract ? clip(p.abstract, ABSTRACT_CHARS) : undefined,
        url: p.url,
      }));
      return { content: bounded({ source, items }, max), source };
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
  }
  if (!store) throw new Error(failure || 'no literature source is available');
  const source = failure ? 'local-graph (remote sources failed)' : 'local-graph';
  return { content: bounded({ source, items: await localPapers(store, a.query, limit) }, max), source };
}

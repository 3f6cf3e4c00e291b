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

/**
 * How results read. `full` (new sessions, the paper's tool): up to 20 papers, ranked as the source ranks them,
 * with whole abstracts, the tail trimmed to fit a share of the prompt budget. `titles` (the paper's ablation):
 * titles alone. Absent (sessions made before issue 16): 5 papers by default, at most 10, abstracts cut to 500.
 */
export type LiteratureMode = 'full' | 'titles';

export interface LiteratureView {
  mode: LiteratureMode | undefined;
  /** The result's size cap, in characters of JSON. */
  maxChars: number;
}

const LEGACY_ABSTRACT_CHARS = 500;
const LEGACY_LIMIT = { default: 5, max: 10 };
/** An abstract is whole up to here; only a runaway one is cut. */
const FULL_ABSTRACT_CHARS = 4_000;
const FULL_LIMIT = 20;

/** Literature results may take up to half of a call's prompt budget (chars ≈ tokens × 4), never less than any tool. */
export function literatureMaxChars(config: {
  promptBudgetTokens: number;
  maxToolResultChars: number;
}): number {
  return Math.max(config.maxToolResultChars, Math.floor((config.promptBudgetTokens * 4) / 2));
}

const abstractChars = (mode: LiteratureMode | undefined): number =>
  mode === 'full' ? FULL_ABSTRACT_CHARS : LEGACY_ABSTRACT_CHARS;

function limitOf(requested: number | undefined, mode: LiteratureMode | undefined): number {
  if (mode === undefined) return Math.min(requested ?? LEGACY_LIMIT.default, LEGACY_LIMIT.max);
  return Math.min(requested ?? FULL_LIMIT, FULL_LIMIT);
}

interface PaperItem {
  ref?: string;
  title: string;
  authors: string;
  year?: number | undefined;
  venue?: string | undefined;
  abstract?: string | undefined;
  url?: string | undefined;
}

/** The titles-only ablation keeps the title (and the local ref to cite) and nothing else. */
const shown = (item: PaperItem, mode: LiteratureMode | undefined): Partial<PaperItem> =>
  mode === 'titles' ? { ...(item.ref ? { ref: item.ref } : {}), title: item.title } : item;

function authorsShort(authors: string[]): string {
  return authors.length > 3 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ');
}

async function localPapers(
  store: GraphStore,
  query: string,
  limit: number,
  mode: LiteratureMode | undefined,
): Promise<PaperItem[]> {
  const hits = await store.nodeSearch({ query, mode: 'lexical', kinds: ['Paper'], limit });
  return hits.flatMap((h) =>
    h.node.kind === 'Paper'
      ? [
          {
            ref: nodeRef('Paper', h.node.name),
            title: h.node.name,
            authors: authorsShort(h.node.props.authors),
            year: h.node.props.year,
            abstract: clip(h.node.props.abstract ?? h.node.description, abstractChars(mode)),
          },
        ]
      : [],
  );
}

export async function literatureTool(
  args: unknown,
  view: LiteratureView,
  store: GraphStore | null,
  provider: LiteratureProvider | undefined,
  signal?: AbortSignal,
): Promise<{ content: string; source: string }> {
  const a = ToolArgs.literature_search.parse(args);
  const { mode, maxChars: max } = view;
  const limit = limitOf(a.limit, mode);
  let failure = '';
  if (provider) {
    try {
      const { source, papers } = await provider(a.query, limit, signal);
      const items = papers.slice(0, limit).map((p) => ({
        title: p.title,
        authors: authorsShort(p.authors),
        year: p.year,
        venue: p.venue,
        abstract: p.abstract ? clip(p.abstract, abstractChars(mode)) : undefined,
        url: p.url,
      }));
      // Ranked as the source ranks them; bounded() trims the tail until the result fits.
      return { content: bounded({ source, items: items.map((i) => shown(i, mode)) }, max), source };
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
  }
  if (!store) throw new Error(failure || 'no literature source is available');
  const source = failure ? 'local-graph (remote sources failed)' : 'local-graph';
  const items = (await localPapers(store, a.query, limit, mode)).map((i) => shown(i, mode));
  return { content: bounded({ source, items }, max), source };
}

import type { GraphNodeOf } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { normalizeArxivId, normalizeDoi, titleKey } from './identifiers.ts';
import type { PaperRecord } from './paper-record.ts';

export type PaperNode = GraphNodeOf<'Paper'>;
export type MatchedBy = 'doi' | 'arxiv' | 'title';

/**
 * The papers already in the graph, indexed by DOI, arXiv id and title key: the dedup order of the issue.
 * The GraphStore port has no lookup by DOI, so the catalog is read once per import run (one `dump`) and then
 * kept up to date by the importer; `fork`/`adopt` let a file's plan be thrown away when its batch fails.
 */
export class PaperCatalog {
  private byDoi = new Map<string, PaperNode>();
  private byArxiv = new Map<string, PaperNode>();
  private byTitle = new Map<string, PaperNode>();

  static async load(store: GraphStore): Promise<PaperCatalog> {
    const catalog = new PaperCatalog();
    const dump = await store.dump();
    for (const node of dump.nodes) if (node.kind === 'Paper') catalog.put(node as PaperNode);
    return catalog;
  }

  get size(): number {
    return new Set([...this.byTitle.values()].map((n) => n.id)).size;
  }

  find(record: PaperRecord): { node: PaperNode; by: MatchedBy } | null {
    const doi = record.doi ? this.byDoi.get(record.doi) : undefined;
    if (doi) return { node: doi, by: 'doi' };
    const arxiv = record.arxivId ? this.byArxiv.get(record.arxivId) : undefined;
    if (arxiv) return { node: arxiv, by: 'arxiv' };
    const title = this.byTitle.get(titleKey(record.title));
    return title ? { node: title, by: 'title' } : null;
  }

  /** Add or replace a node under every key it has (the name and each alias count as titles). */
  put(node: PaperNode): void {
    const doi = node.props.doi ? normalizeDoi(node.props.doi) : null;
    const arxiv = node.props.arxivId ? normalizeArxivId(node.props.arxivId) : null;
    if (doi) this.byDoi.set(doi, node);
    if (arxiv) this.byArxiv.set(arxiv, node);
    for (const title of [node.name, ...node.aliases]) {
      const key = titleKey(title);
      if (key && !this.byTitle.has(key)) this.byTitle.set(key, node);
      else if (key && this.byTitle.get(key)?.id === node.id) this.byTitle.set(key, node);
    }
  }

  /** A copy to plan one file against; `adopt` it when the file's batch committed. */
  fork(): PaperCatalog {
    const copy = new PaperCatalog();
    copy.byDoi = new Map(this.byDoi);
    copy.byArxiv = new Map(this.byArxiv);
    copy.byTitle = new Map(this.byTitle);
    return copy;
  }

  adopt(other: PaperCatalog): void {
    this.byDoi = other.byDoi;
    this.byArxiv = other.byArxiv;
    this.byTitle = other.byTitle;
  }
}

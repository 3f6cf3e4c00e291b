import type {
  AuditEntry,
  GraphNode,
  GraphNodeDetail,
  GraphSearchMode,
  GraphSearchResult,
  GraphStatsView,
  NodeKind,
  ReviewState,
  Subgraph,
} from '../../../src-main/contract/graph.ts';
import { ApiError, invoke, onEvent } from '../../lib/api/client.ts';
import { errorText, hasErrorCode } from '../../lib/api/error-notice.ts';
import { MOTIVATION_KINDS } from './graph-labels.ts';
import { REVIEWABLE_KINDS } from './review-counts.ts';
import { recordEditUndo, recordReviewUndo } from './curate/undo-records.ts';

/** The Graph section's shared state: counts, the search, the review queue and the selected node. */

export interface Problem {
  text: string;
  /** CONFLICT: someone else changed what the user was looking at; the UI offers a reload. */
  conflict: boolean;
}

const problemOf = (err: unknown): Problem => ({
  text: errorText(err),
  conflict: hasErrorCode(err, 'CONFLICT'),
});

export type NodeEditPatch = { name?: string; description?: string; aliases?: string[] };
export type SaveOutcome =
  { status: 'saved' } | { status: 'failed' } | { status: 'conflict'; current: GraphNode };

// The picture only follows motivation edges; provenance edges to papers would swamp it.
const PICTURE_EDGES = ['PARENT_OF', 'HAS_CHALLENGE', 'SOLVED_BY'] as const;
const QUEUE_LIMIT = 100;

class GraphSection {
  stats = $state<GraphStatsView | null>(null);
  statsError = $state<string | null>(null);
  tab = $state<'search' | 'review'>('search');

  query = $state('');
  mode = $state<GraphSearchMode>('hybrid');
  kinds = $state<NodeKind[]>([...MOTIVATION_KINDS]);
  review = $state<ReviewState | 'any'>('any');
  results = $state<GraphSearchResult | null>(null);
  searching = $state(false);
  searchError = $state<string | null>(null);

  queue = $state<GraphNode[]>([]);
  queueSelection = $state<string[]>([]);
  queueProblem = $state<Problem | null>(null);
  queueBusy = $state(false);

  selectedId = $state<string | null>(null);
  detail = $state<GraphNodeDetail | null>(null);
  audit = $state<AuditEntry[]>([]);
  picture = $state<Subgraph | null>(null);
  detailProblem = $state<Problem | null>(null);
  detailBusy = $state(false);
  /** An editor is open on the selected node: its form must outlive the node (deleted or merged elsewhere). */
  editorOpen = $state(false);

  async loadStats(): Promise<void> {
    try {
      this.stats = await invoke('graph.stats', {});
      this.statsError = null;
    } catch (err) {
      this.statsError = problemOf(err).text;
    }
  }

  async search(): Promise<void> {
    this.searching = true;
    try {
      this.results = await invoke('graph.search', {
        query: this.query,
        mode: this.mode,
        ...(this.kinds.length ? { kinds: this.kinds } : {}),
        ...(this.review === 'any' ? {} : { review: [this.review] }),
        limit: 50,
      });
      this.searchError = null;
    } catch (err) {
      this.searchError = problemOf(err).text;
    } finally {
      this.searching = false;
    }
  }

  async loadQueue(): Promise<void> {
    try {
      const { hits } = await invoke('graph.search', {
        query: '',
        kinds: [...REVIEWABLE_KINDS],
        review: ['proposed'],
        limit: QUEUE_LIMIT,
      });
      this.queue = hits.map((h) => h.node);
      const present = new Set(this.queue.map((n) => n.id));
      this.queueSelection = this.queueSelection.filter((id) => present.has(id));
    } catch (err) {
      this.queueProblem = problemOf(err);
    }
  }

  /** Approve or reject nodes at the versions the user saw; a stale one refuses the whole batch (CONFLICT). */
  async decide(nodes: GraphNode[], decision: 'approved' | 'rejected'): Promise<boolean> {
    if (nodes.length === 0) return false;
    this.queueBusy = true;
    try {
      const result = await invoke('graph.review', {
        decision,
        items: nodes.map((n) => ({ id: n.id, expectedVersion: n.version })),
      });
      recordReviewUndo(nodes, result.nodes, decision);
      this.queueProblem = null;
      const decided = new Set(nodes.map((n) => n.id));
      this.queueSelection = this.queueSelection.filter((id) => !decided.has(id));
      await this.refreshAfterWrite([...decided]);
      return true;
    } catch (err) {
      this.queueProblem = problemOf(err);
      return false;
    } finally {
      this.queueBusy = false;
    }
  }

  async select(id: string): Promise<void> {
    this.selectedId = id;
    this.detailProblem = null;
    await this.loadDetail();
  }

  async loadDetail(): Promise<void> {
    const id = this.selectedId;
    if (!id) return;
    this.detailBusy = true;
    try {
      const [detail, audit, picture] = await Promise.all([
        invoke('graph.node', { id }),
        invoke('graph.audit', { entityId: id, limit: 20 }),
        invoke('graph.subgraph', { ids: [id], depth: 2, edgeTypes: [...PICTURE_EDGES] }),
      ]);
      if (this.selectedId !== id) return; // the user moved on while this loaded
      this.detail = detail;
      this.audit = audit;
      this.picture = picture;
    } catch (err) {
      const gone = err instanceof ApiError && err.code === 'NOT_FOUND';
      if (gone && this.editorOpen) {
        // Keep the last version on screen so the form, and what the user typed into it, stays.
        this.detailProblem = {
          text: 'Someone else deleted or merged this node while you were editing it. Your text is still in the form: copy what you want to keep.',
          conflict: false,
        };
        return;
      }
      this.detailProblem = problemOf(err);
      if (gone) this.detail = null;
    } finally {
      this.detailBusy = false;
    }
  }

  /**
   * Saves an edit against the version the editor was opened with (`expectedVersion`). A stale version comes
   * back as 'conflict' with the stored node, for the editor to show beside the user's text; other failures
   * land in `detailProblem`.
   */
  async saveEdit(id: string, expectedVersion: number, patch: NodeEditPatch): Promise<SaveOutcome> {
    this.detailBusy = true;
    try {
      const before = this.detail?.relation.node;
      const after = await invoke('graph.update', { id, expectedVersion, patch });
      if (before?.id === id && before.version === expectedVersion) recordEditUndo(before, after);
      this.detailProblem = null;
      await this.refreshAfterWrite([id]);
      return { status: 'saved' };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        const current = await invoke('graph.node', { id }).catch(() => null);
        if (current) {
          this.detailProblem = null;
          void this.refreshAfterWrite([id]); // another process's write raised no event here
          return { status: 'conflict', current: current.relation.node };
        }
      }
      this.detailProblem = problemOf(err);
      return { status: 'failed' };
    } finally {
      this.detailBusy = false;
    }
  }

  async decideSelected(decision: 'approved' | 'rejected'): Promise<void> {
    const node = this.detail?.relation.node;
    if (!node) return;
    this.detailBusy = true;
    try {
      const result = await invoke('graph.review', {
        decision,
        items: [{ id: node.id, expectedVersion: node.version }],
      });
      recordReviewUndo([node], result.nodes, decision);
      this.detailProblem = null;
      await this.refreshAfterWrite([node.id]);
    } catch (err) {
      this.detailProblem = problemOf(err);
    } finally {
      this.detailBusy = false;
    }
  }

  /** After our own write or anyone's (graph.changed): counts, queue, results and the open node. */
  async refreshAfterWrite(ids: string[]): Promise<void> {
    const tasks: Array<Promise<void>> = [this.loadStats(), this.loadQueue()];
    if (this.results) tasks.push(this.search());
    if (this.selectedId && ids.includes(this.selectedId)) tasks.push(this.loadDetail());
    else if (this.selectedId && this.picture?.nodes.some((n) => ids.includes(n.id)))
      tasks.push(this.loadDetail());
    await Promise.all(tasks);
  }

  async start(): Promise<void> {
    await this.loadStats();
    if (this.stats && this.stats.totalNodes > 0) await Promise.all([this.loadQueue(), this.search()]);
  }

  follow(): () => void {
    return onEvent('graph.changed', (change) => void this.refreshAfterWrite(change.ids));
  }
}

export const graph = new GraphSection();

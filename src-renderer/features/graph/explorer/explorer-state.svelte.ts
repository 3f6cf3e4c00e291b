import type { GraphEdge, GraphNode } from '../../../../src-main/contract/graph.ts';
import type { GraphPath } from '../../../../src-main/contract/graph-explore.ts';
import { ApiError, invoke } from '../../../lib/api/client.ts';
import { defaultFilters, visibleIds } from './explorer-filters.ts';
import type { ExplorerFilters } from './explorer-filters.ts';

/**
 * The explorer's state: the nodes and edges loaded so far (a neighbourhood grown on demand, or the whole-graph
 * overview), the filters, the selection and a found path. The maps are replaced, never mutated, so a `$state.raw`
 * swap is the one signal the picture and the list redraw on.
 */

export type ExplorerSource =
  | { kind: 'around'; id: string }
  | { kind: 'overview'; limit: number; total: number }
  | { kind: 'path'; from: string; to: string };

function message(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

class ExplorerState {
  nodes = $state.raw<ReadonlyMap<string, GraphNode>>(new Map());
  edges = $state.raw<ReadonlyMap<string, GraphEdge>>(new Map());
  source = $state<ExplorerSource | null>(null);
  filters = $state<ExplorerFilters>(defaultFilters());
  selectedId = $state<string | null>(null);
  /** Emphasise P→C→S chains and the hierarchy (other edges fade). */
  chains = $state(true);
  view = $state<'picture' | 'list'>('picture');
  /** The ends of the next path search: found by search, or picked from the selection (need not be loaded). */
  pathFrom = $state.raw<GraphNode | null>(null);
  pathTo = $state.raw<GraphNode | null>(null);
  path = $state.raw<GraphPath | null>(null);
  pathNote = $state<string | null>(null);
  /** The last search found nothing within its hops (said apart from a found path's note). */
  pathMissing = $state(false);
  busy = $state(false);
  problem = $state<string | null>(null);
  truncated = $state(false);

  readonly visible = $derived(visibleIds(this.nodes.values(), this.edges.values(), this.filters));

  async #load(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await work();
      this.problem = null;
    } catch (err) {
      this.problem = message(err);
    } finally {
      this.busy = false;
    }
  }

  #replace(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): void {
    this.nodes = new Map(nodes.map((n) => [n.id, n]));
    this.edges = new Map(edges.map((e) => [e.id, e]));
    this.clearPath();
  }

  #merge(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): void {
    this.nodes = new Map([...this.nodes, ...nodes.map((n): [string, GraphNode] => [n.id, n])]);
    this.edges = new Map([...this.edges, ...edges.map((e): [string, GraphEdge] => [e.id, e])]);
  }

  /** The node and its neighbours (both directions), replacing what was loaded. */
  openAround(id: string): Promise<void> {
    return this.#load(async () => {
      const found = await invoke('graph.subgraph', { ids: [id], depth: 1 });
      this.#replace(found.nodes, found.edges);
      this.truncated = found.truncated;
      this.source = { kind: 'around', id };
      this.selectedId = id;
    });
  }

  /** Adds the node's neighbours to what is loaded. */
  expand(id: string): Promise<void> {
    return this.#load(async () => {
      const found = await invoke('graph.subgraph', { ids: [id], depth: 1 });
      this.#merge(found.nodes, found.edges);
      this.truncated = this.truncated || found.truncated;
      this.selectedId = id;
    });
  }

  /** The best-connected nodes of the whole graph and the edges among them. */
  openOverview(limit = 300): Promise<void> {
    return this.#load(async () => {
      const view = await invoke('graph.overview', { limit });
      // bench:ui splits the first frame into the read (until this mark) and the drawing
      performance.mark('motiv:explorer:loaded', { detail: { nodes: view.nodes.length } });
      this.#replace(
        view.nodes.map((n) => n.node),
        view.edges,
      );
      this.truncated = view.totalNodes > view.nodes.length;
      this.source = { kind: 'overview', limit, total: view.totalNodes };
      this.selectedId = null;
    });
  }

  /**
   * A shortest path between the two ends; its nodes and edges join the picture, highlighted. With nothing loaded
   * yet, the path alone becomes the picture.
   */
  findPath(maxHops: number): Promise<void> {
    const from = this.pathFrom;
    const to = this.pathTo;
    if (!from || !to) return Promise.resolve();
    return this.#load(async () => {
      const path = await invoke('graph.path', { from: from.id, to: to.id, maxHops });
      if (!path) {
        this.path = null;
        this.pathMissing = true;
        this.pathNote = `No path within ${maxHops} hop${maxHops === 1 ? '' : 's'} from “${from.name}” to “${to.name}”. Allow more hops, or pick other ends.`;
        return;
      }
      if (this.source) this.#merge(path.nodes, path.edges);
      else {
        this.#replace(path.nodes, path.edges);
        this.source = { kind: 'path', from: from.id, to: to.id };
        this.truncated = false;
      }
      this.path = path;
      this.pathMissing = false;
      this.pathNote = `${path.edges.length} hop${path.edges.length === 1 ? '' : 's'}: ${path.nodes.map((n) => n.name).join(' — ')}`;
    });
  }

  swapEnds(): void {
    [this.pathFrom, this.pathTo] = [this.pathTo, this.pathFrom];
  }

  clearPath(): void {
    this.path = null;
    this.pathNote = null;
    this.pathMissing = false;
  }
}

export const explorer = new ExplorerState();

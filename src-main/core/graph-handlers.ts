import type {
  GraphChanged,
  GraphChannel,
  GraphSearchHit,
  GraphSearchResult,
  GraphStoreInfo,
} from '../contract/graph.ts';
import type { ParsedRequestOf } from '../contract/channels.ts';
import { MOTIVATION_KINDS, NODE_KINDS } from '../graph/model.ts';
import type { GraphNode } from '../graph/model.ts';
import type { NodeNotes } from '../graph/notes/node-notes.ts';
import type { GraphStore } from '../graph/port.ts';
import { AppError } from '../shared/errors.ts';
import type { Handler } from './handler-table.ts';
import { refuseIdeaMirrorWrite } from './idea-node-guard.ts';

/** Turns a search query into a vector with the named embedding model (the one the graph's vectors came from). */
export type QueryEmbedder = (text: string, model: string) => Promise<number[]>;

export interface GraphHandlerDeps {
  store: () => Promise<GraphStore>;
  storeInfo: () => GraphStoreInfo;
  /** Recorded as createdBy/updatedBy and in the audit log. */
  actor: () => string;
  /** null when no embeddings endpoint is configured: hybrid then runs lexically and says so. */
  embedder: () => QueryEmbedder | null;
  /** Copies this computer's embedded graph into the configured Neo4j in one transaction (graph-admin push). */
  push: (replace: boolean) => Promise<{ nodes: number; edges: number }>;
  /** The notes on nodes, kept where the graph is (graph/notes/: node-notes.sqlite or the lab's Neo4j). */
  notes: () => Promise<NodeNotes>;
  /** Called after a successful write with the ids it touched (the core emits `graph.changed`). */
  changed?: (ids: string[], action: GraphWriteAction) => void;
}

export type GraphWriteAction = GraphChanged['action'];

export type GraphHandlers = { [C in GraphChannel]: Handler<C> };

// Browsing (a blank query) shows a stable sample, so the list does not reshuffle on every refresh.
const BROWSE_SEED = 1;

export function createGraphHandlers(deps: GraphHandlerDeps): GraphHandlers {
  const write = { actor: () => ({ actor: deps.actor() }) };
  return {
    'graph.stats': async () => {
      const stats = await (await deps.store()).stats();
      const totalNodes = Object.values(stats.nodes).reduce((sum, n) => sum + n, 0);
      return { store: deps.storeInfo(), stats, totalNodes };
    },
    'graph.search': async (request) => search(await deps.store(), request, deps.embedder()),
    'graph.node': async (request) => {
      const store = await deps.store();
      const relation = await store.nodeRelation(request.id, {
        hierarchyDepth: request.hierarchyDepth,
        neighbourLimit: request.neighbourLimit,
        chainLimit: request.chainLimit,
      });
      const papers = relation.neighbours.EXTRACTED_FROM.outgoing.map((r) => r.node);
      return { relation, papers, note: await (await deps.notes()).get(request.id) };
    },
    'graph.subgraph': async (request) => {
      const input = request.edgeTypes
        ? { ids: request.ids, depth: request.depth, edgeTypes: request.edgeTypes }
        : { ids: request.ids, depth: request.depth };
      return (await deps.store()).subgraph(input);
    },
    'graph.review': async (request) => {
      const nodes = await review(await deps.store(), request, write.actor());
      deps.changed?.(
        nodes.map((n) => n.id),
        'review',
      );
      return { nodes };
    },
    'graph.update': async (request) => {
      const store = await deps.store();
      const before = await store.getNode(request.id);
      if (before && request.patch.name !== undefined) refuseIdeaMirrorWrite(before, 'name', 'patch.name');
      if (before && request.patch.description !== undefined)
        refuseIdeaMirrorWrite(before, 'description', 'patch.description');
      const node = await store.updateNode(
        { id: request.id, expectedVersion: request.expectedVersion, patch: request.patch },
        write.actor(),
      );
      deps.changed?.([node.id], 'update');
      return node;
    },
    'graph.merge': async (request) => {
      const node = await (await deps.store()).mergeNodes(request, write.actor());
      deps.changed?.([request.keepId, request.dropId], 'merge');
      return node;
    },
    'graph.audit': async (request) => {
      const query: { limit: number; entityId?: string; actor?: string } = { limit: request.limit };
      if (request.entityId) query.entityId = request.entityId;
      if (request.actor) query.actor = request.actor;
      return (await deps.store()).auditLog(query);
    },
  };
}

async function search(
  store: GraphStore,
  request: ParsedRequestOf<'graph.search'>,
  embedder: QueryEmbedder | null,
): Promise<GraphSearchResult> {
  const filters = {
    ...(request.kinds ? { kinds: request.kinds } : {}),
    ...(request.review ? { review: request.review } : {}),
    ...(request.level !== undefined ? { level: request.level } : {}),
  };
  if (!request.query.trim()) return browse(store, request);
  const base = { query: request.query, limit: request.limit, ...filters };
  if (request.mode === 'lexical') {
    return {
      hits: toHits(await store.nodeSearch({ ...base, mode: 'lexical' })),
      mode: 'lexical',
      note: null,
    };
  }
  const vector = await queryVector(store, request.query, embedder, request.mode === 'vector');
  if ('reason' in vector) {
    const hits = toHits(await store.nodeSearch({ ...base, mode: 'lexical' }));
    return { hits, mode: 'lexical', note: `Lexical results only: ${vector.reason}.` };
  }
  const hits = await store.nodeSearch({ ...base, mode: request.mode, ...vector });
  return { hits: toHits(hits), mode: request.mode, note: null };
}

/**
 * A query vector from the model the graph's vectors were made with. Vector mode fails loudly when there is
 * none; hybrid reports why it fell back to lexical instead of silently degrading.
 */
async function queryVector(
  store: GraphStore,
  text: string,
  embedder: QueryEmbedder | null,
  required: boolean,
): Promise<{ vector: number[]; model: string } | { reason: string }> {
  const fail = (reason: string): { reason: string } => {
    if (required) {
      throw new AppError('UNAVAILABLE', `Vector search is not available: ${reason}`, { field: 'mode' });
    }
    return { reason };
  };
  const models = (await store.stats()).embeddings.filter((m) => m.count > 0);
  const stored = [...models].sort((a, b) => b.count - a.count)[0];
  if (!stored) return fail('the graph holds no embeddings yet ("motiv embed" makes them locally)');
  if (!embedder) return fail('no embeddings endpoint is configured (Settings → LLM)');
  try {
    return { vector: await embedder(text, stored.model), model: stored.model };
  } catch (err) {
    if (required) throw err;
    // The local model's own errors (MODEL_MISSING…) already say what to do; only an endpoint's need framing.
    if (err instanceof AppError && err.code.startsWith('MODEL_'))
      return { reason: err.message.replace(/\.$/, '') };
    return { reason: `the embeddings endpoint failed (${err instanceof Error ? err.message : String(err)})` };
  }
}

async function browse(
  store: GraphStore,
  request: ParsedRequestOf<'graph.search'>,
): Promise<GraphSearchResult> {
  const nodes = await store.randomNodes({
    kinds: request.kinds ?? [...MOTIVATION_KINDS],
    count: request.limit,
    seed: BROWSE_SEED,
    ...(request.review ? { review: request.review } : {}),
  });
  const kept = request.level === undefined ? nodes : nodes.filter((n) => n.level === request.level);
  const order = (node: GraphNode): number => NODE_KINDS.indexOf(node.kind);
  kept.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  const note =
    nodes.length === request.limit
      ? `A sample of ${nodes.length} nodes matching the filters; type a query to rank them.`
      : null;
  return { hits: kept.map((node) => ({ node, score: 0 })), mode: 'browse', note };
}

function toHits(hits: GraphSearchHit[]): GraphSearchHit[] {
  return hits.map((h) => {
    const hit: GraphSearchHit = { node: h.node, score: h.score };
    if (h.lexicalRank !== undefined) hit.lexicalRank = h.lexicalRank;
    if (h.vectorRank !== undefined) hit.vectorRank = h.vectorRank;
    return hit;
  });
}

/**
 * Approve or reject one or many nodes. Every version is checked before anything is written, so a stale
 * selection (someone else reviewed or edited one of them) changes nothing and names the nodes that moved.
 * Each node is then written in its own transaction with its expected version, which still refuses a change
 * that lands in between; the error then says which nodes were already written.
 */
async function review(
  store: GraphStore,
  request: ParsedRequestOf<'graph.review'>,
  ctx: { actor: string },
): Promise<GraphNode[]> {
  const current = await Promise.all(request.items.map((item) => store.getNode(item.id)));
  const stale: Array<{ id: string; name: string; expectedVersion: number; currentVersion: number }> = [];
  request.items.forEach((item, index) => {
    const node = current[index];
    if (!node) {
      throw new AppError('NOT_FOUND', `No graph node with id ${JSON.stringify(item.id)}`, {
        field: `items.${index}.id`,
      });
    }
    refuseIdeaMirrorWrite(node, 'review', `items.${index}.id`);
    if (node.version !== item.expectedVersion) {
      stale.push({
        id: node.id,
        name: node.name,
        expectedVersion: item.expectedVersion,
        currentVersion: node.version,
      });
    }
  });
  if (stale.length > 0) {
    const names = stale.map((s) => `"${s.name}"`).join(', ');
    throw new AppError(
      'CONFLICT',
      `${names} ${stale.length === 1 ? 'was' : 'were'} changed by someone else since you loaded ${
        stale.length === 1 ? 'it' : 'them'
      }; nothing was ${request.decision}. Reload and review again.`,
      { field: 'items', stale },
    );
  }
  const done: GraphNode[] = [];
  for (const [index, item] of request.items.entries()) {
    const node = current[index] as GraphNode;
    if (node.review === request.decision) {
      done.push(node);
      continue;
    }
    try {
      done.push(
        await store.updateNode(
          { id: item.id, expectedVersion: item.expectedVersion, patch: { review: request.decision } },
          ctx,
        ),
      );
    } catch (err) {
      if (!(err instanceof AppError) || done.length === 0) throw err;
      throw new AppError(
        err.code,
        `${err.message} (${done.length} of ${request.items.length} were already ${request.decision})`,
        { cause: err.details, applied: done.map((n) => n.id) },
      );
    }
  }
  return done;
}

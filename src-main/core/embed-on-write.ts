import { MINILM } from '../embeddings/minilm-files.ts';
import { sharedLocalEmbedder } from '../embeddings/shared-embedder.ts';
import type { GraphStore } from '../graph/port.ts';
import { nodeText } from '../mining/similarity.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from './logger.ts';

export interface EmbedOnWriteDeps {
  modelsDir: string;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Nodes embedded per background step: the embed job's step, one transaction-free vector write each. */
const STEP = 64;

/**
 * The store every writer gets (graph service, mining, ideator write-back, imports): after a node create, edit,
 * merge or import commits, its text is embedded with the local MiniLM in the background and stored with the
 * model id, so vector and hybrid search find it without `motiv embed`.
 *
 * Only when the graph already holds MiniLM vectors: a graph without them (a lab's Neo4j before its first
 * `motiv embed`, or one embedded by an endpoint's model) would otherwise get vectors for its newest nodes only,
 * and vector search would look like it works while missing all the others (or a second model would make search
 * ask which one to use). The write never waits for the model; a failure (files missing, a busy store) is logged
 * and the node keeps no vector for this text, which `motiv embed` picks up. `close()` waits for queued work.
 */
export function embedOnWrite(store: GraphStore, deps: EmbedOnWriteDeps): GraphStore {
  const queue = createEmbedQueue(store, deps);
  const overrides: Partial<GraphStore> = {
    upsertNode: async (input, ctx) => {
      const result = await store.upsertNode(input, ctx);
      if (result.changed) queue.add([result.node.id], ctx.actor);
      return result;
    },
    updateNode: async (input, ctx) => {
      const node = await store.updateNode(input, ctx);
      queue.add([node.id], ctx.actor);
      return node;
    },
    mergeNodes: async (input, ctx) => {
      const node = await store.mergeNodes(input, ctx);
      queue.add([node.id], ctx.actor);
      return node;
    },
    importBatch: async (input, ctx) => {
      const result = await store.importBatch(input, ctx);
      queue.add(result.nodeIds, ctx.actor);
      return result;
    },
    close: async () => {
      await queue.idle();
      await store.close();
    },
  };
  return new Proxy(store, {
    get(target, property, receiver): unknown {
      if (typeof property === 'string' && property in overrides) {
        return overrides[property as keyof GraphStore];
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

interface EmbedQueue {
  add(ids: readonly string[], actor: string): void;
  /** Resolves when everything queued so far has been embedded or given up on. */
  idle(): Promise<void>;
}

function createEmbedQueue(store: GraphStore, deps: EmbedOnWriteDeps): EmbedQueue {
  const pending = new Map<string, string>();
  let running: Promise<void> | null = null;
  let missingLogged = false;

  const drain = async (): Promise<void> => {
    // After the writer's own continuation: the write path returns first, the model runs after.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (pending.size > 0) {
      const batch = [...pending].slice(0, STEP);
      for (const [id] of batch) pending.delete(id);
      try {
        await embedBatch(batch);
      } catch (err) {
        if (err instanceof AppError && err.code === 'MODEL_MISSING') {
          if (!missingLogged) deps.logger.info('new nodes not embedded: the local model files are missing');
          missingLogged = true;
        } else {
          deps.logger.warn('new nodes not embedded; "motiv embed" will add them', {
            nodes: batch.length,
            error: err instanceof Error ? err.message : String(err),
          });
        }
      }
    }
  };

  const embedBatch = async (batch: ReadonlyArray<[string, string]>): Promise<void> => {
    const stats = await store.stats();
    if (!stats.embeddings.some((m) => m.model === MINILM.modelId)) return;
    const embedder = await sharedLocalEmbedder(deps.modelsDir);
    const nodes = [];
    for (const [id, actor] of batch) {
      const node = await store.getNode(id);
      if (node) nodes.push({ node, actor });
    }
    if (nodes.length === 0) return;
    const vectors = await embedder.embed(nodes.map(({ node }) => nodeText(node)));
    for (const [index, { node, actor }] of nodes.entries()) {
      const vector = vectors[index];
      if (!vector) continue;
      try {
        await store.setEmbedding({ nodeId: node.id, model: embedder.modelId, vector }, { actor });
      } catch (err) {
        // Deleted since it was queued: nothing to embed.
        if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      }
    }
  };

  const start = (): void => {
    running = drain().finally(() => {
      running = null;
      // Queued between the loop's last check and here.
      if (pending.size > 0) start();
    });
  };

  return {
    add(ids, actor) {
      for (const id of ids) pending.set(id, actor);
      if (pending.size > 0 && !running) start();
    },
    async idle() {
      while (running) await running;
    },
  };
}

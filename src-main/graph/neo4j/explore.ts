import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../model.ts';
import type { GraphNode } from '../model.ts';
import type { Subgraph } from '../port.ts';
import type { RandomNodesSchema, SubgraphSchema } from '../schemas.ts';
import { randomSeed, seededSample } from '../seeded-random.ts';
import { rowToEdge } from './edge-writes.ts';
import { nodeById } from './node-writes.ts';
import { EDGES_AMONG, RANDOM_CANDIDATES, SUBGRAPH_STEP } from './queries.ts';
import { nodesById } from './search.ts';
import { rows } from './tx.ts';

/** Random nodes exactly as the embedded store picks them: candidates ordered by id, indices from seededSample. */
export async function randomNodes(
  tx: ManagedTransaction,
  input: z.output<typeof RandomNodesSchema>,
): Promise<GraphNode[]> {
  const ids = (await rows(tx, RANDOM_CANDIDATES, { kinds: input.kinds, review: input.review ?? null })).map(
    (r) => String(r.id),
  );
  const picks = seededSample(ids.length, input.count, input.seed ?? randomSeed()).map(
    (i) => ids[i] as string,
  );
  const nodes = await nodesById(tx, picks);
  return picks.flatMap((id) => nodes.get(id) ?? []);
}

/** Breadth-first in both directions from `ids`, stopping at `depth` hops or the node cap. */
export async function subgraph(
  tx: ManagedTransaction,
  input: z.output<typeof SubgraphSchema>,
): Promise<Subgraph> {
  const seen = new Set<string>();
  for (const [index, id] of input.ids.entries()) {
    const node = await nodeById(tx, id);
    if (!node) {
      throw new AppError('NOT_FOUND', `No graph node with id ${JSON.stringify(id)}`, {
        field: `ids.${index}`,
      });
    }
    seen.add(node.id);
  }
  const types = input.edgeTypes ?? null;
  let frontier = [...seen];
  let truncated = false;
  for (let hop = 0; hop < input.depth && frontier.length > 0 && !truncated; hop++) {
    const next: string[] = [];
    for (const row of await rows(tx, SUBGRAPH_STEP, { frontier, types })) {
      const id = String(row.id);
      if (seen.has(id)) continue;
      if (seen.size >= LIMITS.subgraphNodeCap) {
        truncated = true;
        break;
      }
      seen.add(id);
      next.push(id);
    }
    frontier = next;
  }
  const ids = [...seen];
  const nodes = await nodesById(tx, ids);
  const edges = await rows(tx, EDGES_AMONG, { ids, types });
  return { nodes: ids.flatMap((id) => nodes.get(id) ?? []), edges: edges.map(rowToEdge), truncated };
}

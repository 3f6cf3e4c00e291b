import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { LIMITS } from '../model.ts';
import type { GraphNode } from '../model.ts';
import type { Subgraph } from '../port.ts';
import type { RandomNodesSchema, SubgraphSchema } from '../schemas.ts';
import { randomSeed, seededSample } from '../seeded-random.ts';
import { nodeById, nodesById, rowToEdge } from './reads.ts';
import type { CandidateIdCache } from './candidate-cache.ts';
import { EDGES_AMONG, GRAPH_STAMP, RANDOM_CANDIDATES, STAMP_AND_NODES, SUBGRAPH_STEP } from './queries.ts';
import { toNode } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import { firstRow, rows } from './tx.ts';

/**
 * Random nodes exactly as the embedded store picks them: candidates ordered by id, indices from seededSample.
 * The sorted candidates are the costly part (every id of the asked kinds), so they are cached under the graph
 * stamp, read first in the same transaction: ids read after it are at least as new as the stamp, so an entry
 * can be newer than its stamp (harmless: the next write moves the stamp) but never older.
 */
export async function randomNodes(
  tx: ManagedTransaction,
  input: z.output<typeof RandomNodesSchema>,
  cache: CandidateIdCache,
): Promise<GraphNode[]> {
  const filter = { kinds: input.kinds, review: input.review ?? null };
  const key = JSON.stringify(filter);
  const seed = input.seed ?? randomSeed();
  const pick = (ids: readonly string[]): string[] =>
    seededSample(ids.length, input.count, seed).map((i) => ids[i] as string);
  const ordered = (picks: string[], nodes: Map<string, GraphNode>): GraphNode[] =>
    picks.flatMap((id) => nodes.get(id) ?? []);
  // The common case, one round trip: picks from the cached candidates, kept if the stamp has not moved.
  const cached = cache.latest(key);
  if (cached) {
    const picks = pick(cached.ids);
    const row = await firstRow(tx, STAMP_AND_NODES, { ids: picks });
    if (stampOf(row) === cached.stamp) {
      const nodes = (row?.nodes as PropertyMap[]).map(toNode);
      return ordered(picks, new Map(nodes.map((n) => [n.id, n])));
    }
  }
  const stamp = await graphStamp(tx);
  let ids = stamp === null ? undefined : cache.get(stamp, key);
  if (!ids) {
    const row = await firstRow(tx, RANDOM_CANDIDATES, filter);
    ids = Array.isArray(row?.ids) ? row.ids.map(String) : [];
    if (stamp !== null) cache.set(stamp, key, ids);
  }
  const picks = pick(ids);
  return ordered(picks, await nodesById(tx, picks));
}

/** `epoch/writes` of the graph counter; null before the first write (nothing is cached then). */
export async function graphStamp(tx: ManagedTransaction): Promise<string | null> {
  return stampOf(await firstRow(tx, GRAPH_STAMP));
}

function stampOf(row: Record<string, unknown> | undefined): string | null {
  if (typeof row?.epoch !== 'string' || row.writes === null || row.writes === undefined) return null;
  return `${row.epoch}/${String(row.writes)}`;
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

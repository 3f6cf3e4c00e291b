import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { EDGE_TYPES } from '../model.ts';
import type { EdgeType, GraphNode } from '../model.ts';
import type { HierarchyEntry, MotivationChain, NodeRelation, RelatedNode } from '../port.ts';
import type { NodeRelationOptionsSchema } from '../schemas.ts';
import { notFound } from '../write-checks.ts';
import { int, toEdge, toNode, toNumber } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import { nodeById } from './reads.ts';
import { ANCESTORS, CHAINS, DESCENDANTS, NEIGHBOURS } from './queries.ts';
import { rows } from './tx.ts';

type RelationOptions = z.output<typeof NodeRelationOptionsSchema>;

/** A node in context: neighbours by edge type, the PARENT_OF hierarchy both ways, and its P→C→S chains. */
export async function nodeRelation(
  tx: ManagedTransaction,
  id: string,
  options: RelationOptions,
): Promise<NodeRelation> {
  const node = await nodeById(tx, id);
  if (!node) throw notFound(id);
  return {
    node,
    description: node.description,
    neighbours: await neighbours(tx, id, options.neighbourLimit),
    ancestors: await hierarchy(tx, ANCESTORS, id, options.hierarchyDepth),
    descendants: await hierarchy(tx, DESCENDANTS, id, options.hierarchyDepth),
    chains: await chains(tx, node, options.chainLimit),
  };
}

type Lists = { outgoing: RelatedNode[]; incoming: RelatedNode[] };

const byNeighbourName = (a: RelatedNode, b: RelatedNode): number =>
  a.node.name.localeCompare(b.node.name) || (a.node.id < b.node.id ? -1 : 1);

async function neighbours(
  tx: ManagedTransaction,
  id: string,
  limit: number,
): Promise<NodeRelation['neighbours']> {
  const out = Object.fromEntries(
    EDGE_TYPES.map((t): [EdgeType, Lists] => [t, { outgoing: [], incoming: [] }]),
  ) as Record<EdgeType, Lists>;
  for (const row of await rows(tx, NEIGHBOURS, { id, limit: int(limit) })) {
    const edge = toEdge(row.r as PropertyMap, row.type, row.from, row.to);
    out[edge.type][row.outgoing === true ? 'outgoing' : 'incoming'].push({
      node: toNode(row.m as PropertyMap),
      edge,
    });
  }
  for (const lists of Object.values(out)) {
    lists.outgoing.sort(byNeighbourName);
    lists.incoming.sort(byNeighbourName);
  }
  return out;
}

const HIERARCHY_CAP = 500;

async function hierarchy(
  tx: ManagedTransaction,
  query: string,
  id: string,
  depth: number,
): Promise<HierarchyEntry[]> {
  const found = await rows(tx, query, { id, depth: int(depth), cap: int(HIERARCHY_CAP) });
  return found.map((row) => ({ node: toNode(row.n as PropertyMap), depth: toNumber(row.depth) }));
}

async function chains(tx: ManagedTransaction, node: GraphNode, limit: number): Promise<MotivationChain[]> {
  if (node.kind !== 'Problem' && node.kind !== 'Challenge' && node.kind !== 'Solution') return [];
  const found = await rows(tx, CHAINS[node.kind], { id: node.id, limit: int(limit) });
  return found.map((row) => {
    const problem = toNode(row.p as PropertyMap);
    const challenge = toNode(row.c as PropertyMap);
    return row.s ? { problem, challenge, solution: toNode(row.s as PropertyMap) } : { problem, challenge };
  });
}

import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { EDGE_TYPES } from '../model.ts';
import type { EdgeType } from '../model.ts';
import type { HierarchyEntry, MotivationChain, NodeRelation, RelatedNode } from '../port.ts';
import type { NodeRelationOptionsSchema } from '../schemas.ts';
import { notFound } from '../write-checks.ts';
import { int, toEdge, toNode, toNumber } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import { NODE_RELATION } from './queries.ts';
import { firstRow } from './tx.ts';

type RelationOptions = z.output<typeof NodeRelationOptionsSchema>;

/** A node in context: neighbours by edge type, the PARENT_OF hierarchy both ways, and its P→C→S chains. */
export async function nodeRelation(
  tx: ManagedTransaction,
  id: string,
  options: RelationOptions,
): Promise<NodeRelation> {
  const row = await firstRow(tx, NODE_RELATION, {
    id,
    limit: int(options.neighbourLimit),
    depth: int(options.hierarchyDepth),
    cap: int(HIERARCHY_CAP),
    chainLimit: int(options.chainLimit),
  });
  if (!row) throw notFound(id);
  const node = toNode(row.n as PropertyMap);
  return {
    node,
    description: node.description,
    neighbours: neighbours(row.neighbours as NeighbourGroup[]),
    ancestors: hierarchy(row.ancestors as HierarchyRow[]),
    descendants: hierarchy(row.descendants as HierarchyRow[]),
    chains: chains(row.chains as ChainRow[]),
  };
}

type Lists = { outgoing: RelatedNode[]; incoming: RelatedNode[] };
interface NeighbourGroup {
  type: string;
  outgoing: boolean;
  rows: Array<{ edge: PropertyMap; from: string; to: string; node: PropertyMap }>;
}
interface HierarchyRow {
  n: PropertyMap;
  depth: unknown;
}
interface ChainRow {
  p: PropertyMap;
  c: PropertyMap;
  s: PropertyMap | null;
}

const byNeighbourName = (a: RelatedNode, b: RelatedNode): number =>
  a.node.name.localeCompare(b.node.name) || (a.node.id < b.node.id ? -1 : 1);

function neighbours(groups: NeighbourGroup[]): NodeRelation['neighbours'] {
  const out = Object.fromEntries(
    EDGE_TYPES.map((t): [EdgeType, Lists] => [t, { outgoing: [], incoming: [] }]),
  ) as Record<EdgeType, Lists>;
  for (const group of groups) {
    for (const row of group.rows) {
      const edge = toEdge(row.edge, group.type, row.from, row.to);
      out[edge.type][group.outgoing ? 'outgoing' : 'incoming'].push({ node: toNode(row.node), edge });
    }
  }
  for (const lists of Object.values(out)) {
    lists.outgoing.sort(byNeighbourName);
    lists.incoming.sort(byNeighbourName);
  }
  return out;
}

const HIERARCHY_CAP = 500;

function hierarchy(found: HierarchyRow[]): HierarchyEntry[] {
  return found.map((row) => ({ node: toNode(row.n), depth: toNumber(row.depth) }));
}

function chains(found: ChainRow[]): MotivationChain[] {
  return found.map((row) => {
    const problem = toNode(row.p);
    const challenge = toNode(row.c);
    return row.s ? { problem, challenge, solution: toNode(row.s) } : { problem, challenge };
  });
}

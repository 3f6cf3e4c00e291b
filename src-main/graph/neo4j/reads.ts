import type { ManagedTransaction } from 'neo4j-driver';
import type { GraphEdge, GraphNode, NodeKind } from '../model.ts';
import { toEdge, toNode } from './mapping.ts';
import type { PropertyMap } from './mapping.ts';
import { EDGE_BY_ID, NODE_BY_ID, NODE_BY_NAME, NODES_BY_IDS } from './queries.ts';
import { firstRow, rows } from './tx.ts';
import type { Row } from './tx.ts';

/** Node and edge reads shared by the driver's transactions, the explorers and the staged import. */

export const rowToEdge = (row: Row): GraphEdge => toEdge(row.r as PropertyMap, row.type, row.from, row.to);

export async function nodeById(tx: ManagedTransaction, id: string): Promise<GraphNode | null> {
  const row = await firstRow(tx, NODE_BY_ID, { id });
  return row ? toNode(row.n as PropertyMap) : null;
}

export async function nodeByName(
  tx: ManagedTransaction,
  kind: NodeKind,
  normalizedName: string,
): Promise<GraphNode | null> {
  const row = await firstRow(tx, NODE_BY_NAME[kind], { normalizedName });
  return row ? toNode(row.n as PropertyMap) : null;
}

export async function nodesById(
  tx: ManagedTransaction,
  ids: readonly string[],
): Promise<Map<string, GraphNode>> {
  if (ids.length === 0) return new Map();
  const found = await rows(tx, NODES_BY_IDS, { ids: [...new Set(ids)] });
  return new Map(
    found.map((row) => {
      const node = toNode(row.n as PropertyMap);
      return [node.id, node];
    }),
  );
}

export async function edgeById(tx: ManagedTransaction, id: string): Promise<GraphEdge | null> {
  const row = await firstRow(tx, EDGE_BY_ID, { id });
  return row ? rowToEdge(row) : null;
}

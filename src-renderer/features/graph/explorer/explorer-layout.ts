import type { GraphEdge, GraphNode, NodeKind } from '../../../../src-main/contract/graph.ts';

/**
 * A layered P→C→S layout: one band of columns per kind, left to right in the order a motivation is read
 * (topics, problems, challenges, solutions, then the papers and ideas around them); abstract parents sit left of
 * their band. Deterministic (sorted by level, name, id), so the same nodes are always drawn in the same place, and
 * linear in the node count, so 5,000 nodes lay out in milliseconds without a worker.
 */

export const KIND_COLUMN: Record<NodeKind, number> = {
  Topic: 0,
  Problem: 1,
  Challenge: 2,
  Solution: 3,
  Paper: 4,
  Idea: 5,
};

/** Colour per kind, the same hues as the section's badges (GraphPage's --k-* properties). */
export const KIND_COLOUR: Record<NodeKind, string> = {
  Problem: '#c2410c',
  Challenge: '#7c3aed',
  Solution: '#15803d',
  Paper: '#475569',
  Topic: '#0e7490',
  Idea: '#b45309',
};

/** Distance between neighbouring nodes of a band, and the gap between bands (in layout units). */
const CELL = 10;
const BAND_GAP = 4 * CELL;

export interface Placed {
  x: number;
  y: number;
}

/**
 * Positions per node id. A band that holds many nodes wraps into sub-columns (about twice as tall as wide), and
 * the next band starts after it, so a 5,000-node picture stays readable when zoomed in.
 */
export function layeredLayout(nodes: readonly GraphNode[]): Map<string, Placed> {
  const bands = new Map<number, GraphNode[]>();
  for (const node of nodes) {
    const band = KIND_COLUMN[node.kind];
    const list = bands.get(band) ?? [];
    list.push(node);
    bands.set(band, list);
  }
  const placed = new Map<string, Placed>();
  let left = 0;
  for (const band of [...bands.keys()].sort((a, b) => a - b)) {
    const members = bands.get(band) ?? [];
    members.sort(
      (a, b) => b.level - a.level || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const perColumn = Math.max(6, Math.ceil(Math.sqrt(members.length * 2)));
    const columns = Math.ceil(members.length / perColumn);
    members.forEach((node, i) => {
      const column = Math.floor(i / perColumn);
      const row = i % perColumn;
      const rowsHere = Math.min(perColumn, members.length - column * perColumn);
      // sigma's y axis points up: the first of a column is drawn on top
      placed.set(node.id, { x: left + column * CELL, y: ((rowsHere - 1) / 2 - row) * CELL });
    });
    left += (columns - 1) * CELL + BAND_GAP;
  }
  return placed;
}

/** Edges per node among the given edges (the size of a node follows its degree in what is loaded). */
export function degrees(edges: readonly GraphEdge[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const edge of edges) {
    out.set(edge.from, (out.get(edge.from) ?? 0) + 1);
    out.set(edge.to, (out.get(edge.to) ?? 0) + 1);
  }
  return out;
}

/** Node radius on screen: grows with the square root of the degree, capped so a hub does not cover its band. */
export function sizeForDegree(degree: number): number {
  return Math.min(18, 3 + 2 * Math.sqrt(degree));
}

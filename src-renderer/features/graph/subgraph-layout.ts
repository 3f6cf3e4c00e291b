import type { GraphEdge, GraphNode, NodeKind, Subgraph } from '../../../src-main/contract/graph.ts';

/**
 * A deterministic layered layout for the small picture around the selected node: one column per kind, read
 * left to right as the motivation flows (problems → challenges → solutions, anything else after them), and
 * within a column abstract parents (higher level) above the nodes they generalise. The same subgraph always
 * gives the same picture, so a user's eye can find things again after a refresh.
 */

export interface PlacedNode {
  node: GraphNode;
  x: number;
  y: number;
  centre: boolean;
}

export interface PlacedEdge {
  edge: GraphEdge;
  /** SVG path from the source's right side to the target's left side (same column: a loop on the left). */
  path: string;
}

export interface SubgraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  /** Nodes not drawn because of `maxNodes` (the farthest from the centre go first). */
  hidden: number;
  columns: Array<{ label: string; x: number }>;
}

export const BOX = { width: 164, height: 50, columnGap: 40, rowGap: 14, top: 30, left: 20 } as const;

/** A node name as at most two lines of `width` characters, broken at spaces; the rest ends in an ellipsis. */
export function labelLines(name: string, width = 23): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  const clip = (text: string): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  if (lines.length <= 2) return lines.map(clip);
  return [clip(lines[0] ?? ''), `${(lines[1] ?? '').slice(0, width - 1)}…`];
}

const COLUMN_OF: Record<NodeKind, number> = {
  Problem: 0,
  Challenge: 1,
  Solution: 2,
  Topic: 3,
  Paper: 3,
  Idea: 3,
};
const COLUMN_LABELS = ['Problems', 'Challenges', 'Solutions', 'Other'];

export function layoutSubgraph(graph: Subgraph, centreId: string, maxNodes = 40): SubgraphLayout {
  const hops = hopsFrom(graph, centreId);
  const kept = nearest(graph, hops, maxNodes);
  const byColumn = new Map<number, GraphNode[]>();
  for (const node of kept) {
    const column = COLUMN_OF[node.kind];
    byColumn.set(column, [...(byColumn.get(column) ?? []), node]);
  }
  const usedColumns = [...byColumn.keys()].sort((a, b) => a - b);
  const placed = new Map<string, PlacedNode>();
  let rows = 0;
  usedColumns.forEach((column, slot) => {
    // Parents above children; among equals the centre's closest neighbours first, so it stays in view.
    const nodes = (byColumn.get(column) ?? []).sort(
      (a, b) =>
        b.level - a.level ||
        hopsOf(hops, a) - hopsOf(hops, b) ||
        a.name.localeCompare(b.name) ||
        (a.id < b.id ? -1 : 1),
    );
    rows = Math.max(rows, nodes.length);
    nodes.forEach((node, row) => {
      placed.set(node.id, {
        node,
        x: BOX.left + slot * (BOX.width + BOX.columnGap),
        y: BOX.top + row * (BOX.height + BOX.rowGap),
        centre: node.id === centreId,
      });
    });
  });
  const edges = graph.edges
    .filter((edge) => placed.has(edge.from) && placed.has(edge.to))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((edge) => ({
      edge,
      path: edgePath(placed.get(edge.from) as PlacedNode, placed.get(edge.to) as PlacedNode),
    }));
  return {
    nodes: [...placed.values()],
    edges,
    width:
      BOX.left * 2 + usedColumns.length * BOX.width + Math.max(0, usedColumns.length - 1) * BOX.columnGap,
    height: BOX.top + rows * (BOX.height + BOX.rowGap) + 8,
    hidden: graph.nodes.length - kept.length,
    columns: usedColumns.map((column, slot) => ({
      label: COLUMN_LABELS[column] ?? '',
      x: BOX.left + slot * (BOX.width + BOX.columnGap) + BOX.width / 2,
    })),
  };
}

/** Hops from the centre along any edge, either direction. */
function hopsFrom(graph: Subgraph, centreId: string): Map<string, number> {
  const hops = new Map<string, number>([[centreId, 0]]);
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const e of graph.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  let frontier = [centreId];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of adjacent.get(id) ?? []) {
        if (hops.has(other)) continue;
        hops.set(other, depth);
        next.push(other);
      }
    }
    frontier = next;
  }
  return hops;
}

const hopsOf = (hops: Map<string, number>, node: GraphNode): number =>
  hops.get(node.id) ?? Number.MAX_SAFE_INTEGER;

/** The centre and the nodes closest to it (hops, then name), at most `max`. */
function nearest(graph: Subgraph, hops: Map<string, number>, max: number): GraphNode[] {
  return [...graph.nodes]
    .sort(
      (a, b) => hopsOf(hops, a) - hopsOf(hops, b) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
    )
    .slice(0, max);
}

function edgePath(from: PlacedNode, to: PlacedNode): string {
  const midY = (p: PlacedNode): number => p.y + BOX.height / 2;
  if (from.x === to.x) {
    // Same column (a parent above its child): a bow on the left side.
    const x = from.x;
    const bow = 28;
    return `M ${x} ${midY(from)} C ${x - bow} ${midY(from)}, ${x - bow} ${midY(to)}, ${x} ${midY(to)}`;
  }
  const [left, right] = from.x < to.x ? [from, to] : [to, from];
  const x1 = left.x + BOX.width;
  const x2 = right.x;
  const bend = (x2 - x1) / 2;
  return `M ${x1} ${midY(left)} C ${x1 + bend} ${midY(left)}, ${x2 - bend} ${midY(right)}, ${x2} ${midY(right)}`;
}

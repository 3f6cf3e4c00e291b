import type { Dossier } from '../contract/reports.ts';

/**
 * The supporting subgraph laid out in three layers, problems → challenges → solutions, left to right: boxes with
 * their names wrapped into a few lines, and straight edges between box sides. Pure geometry in abstract units
 * (points), so the HTML writer draws it as inline SVG and the PDF writer as vector lines at the same places.
 */

export const LAYERS = ['Problem', 'Challenge', 'Solution'] as const;
type Layer = (typeof LAYERS)[number];

export interface PlacedNode {
  id: string;
  kind: Layer;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
}

export interface PlacedEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  type: string;
}

export interface SubgraphLayout {
  width: number;
  height: number;
  headers: Array<{ text: string; x: number; y: number }>;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Nodes left out of an over-full layer. */
  omitted: number;
}

const BOX_W = 150;
const GAP_X = 30;
const LINE_H = 11;
const PAD = 6;
const GAP_Y = 10;
const TOP = 20;
const MAX_LINES = 3;
const CHARS_PER_LINE = 26;
const MAX_PER_LAYER = 25;

/** Words into lines of at most `width` characters; a word longer than a line is cut; the last line ends in … if more. */
export function wrapWords(text: string, width = CHARS_PER_LINE, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (line && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${(kept[maxLines - 1] ?? '').slice(0, width - 1)}…`;
  return kept;
}

export function layoutSubgraph(subgraph: Dossier['subgraph']): SubgraphLayout {
  const nodes: PlacedNode[] = [];
  let omitted = 0;
  let height = TOP;
  LAYERS.forEach((kind, column) => {
    let y = TOP;
    const inLayer = subgraph.nodes.filter((n) => n.kind === kind);
    omitted += Math.max(0, inLayer.length - MAX_PER_LAYER);
    for (const node of inLayer.slice(0, MAX_PER_LAYER)) {
      const lines = wrapWords(node.name);
      const h = lines.length * LINE_H + 2 * PAD;
      nodes.push({ id: node.id, kind, x: column * (BOX_W + GAP_X), y, w: BOX_W, h, lines });
      y += h + GAP_Y;
    }
    height = Math.max(height, y);
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: PlacedEdge[] = [];
  for (const edge of subgraph.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    if (from.x === to.x) {
      // Same layer (a parent above its child): down the left side.
      edges.push({ x1: from.x + 8, y1: from.y + from.h, x2: to.x + 8, y2: to.y, type: edge.type });
    } else {
      const [left, right] = from.x < to.x ? [from, to] : [to, from];
      edges.push({
        x1: left.x + left.w,
        y1: left.y + left.h / 2,
        x2: right.x,
        y2: right.y + right.h / 2,
        type: edge.type,
      });
    }
  }
  const headers = LAYERS.map((kind, column) => ({
    text: `${kind}s`,
    x: column * (BOX_W + GAP_X),
    y: TOP - 8,
  }));
  return {
    width: LAYERS.length * BOX_W + (LAYERS.length - 1) * GAP_X,
    height,
    headers,
    nodes,
    edges,
    omitted,
  };
}

export const LAYOUT_LINE_HEIGHT = LINE_H;
export const LAYOUT_PADDING = PAD;

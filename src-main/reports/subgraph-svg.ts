import type { Dossier } from '../contract/reports.ts';
import { escapeXml } from './escape-xml.ts';
import { LAYOUT_LINE_HEIGHT, LAYOUT_PADDING, layoutSubgraph, type PlacedEdge } from './subgraph-layout.ts';

/**
 * The supporting subgraph as one SVG drawing, the same for the HTML report (inline) and the PDF (pdfmake draws
 * SVG as vectors, its text as real, selectable text in the embedded font). Arrowheads are plain triangles, not
 * SVG markers, so every renderer draws them; every name is escaped.
 */

const KIND_FILL: Record<string, string> = { Problem: '#fde2e1', Challenge: '#fff1c2', Solution: '#dff3e4' };
const ARROW = 6;

function arrowhead(e: PlacedEdge): string {
  const angle = Math.atan2(e.y2 - e.y1, e.x2 - e.x1);
  const point = (a: number): string =>
    `${(e.x2 - ARROW * Math.cos(angle + a)).toFixed(1)},${(e.y2 - ARROW * Math.sin(angle + a)).toFixed(1)}`;
  return `<polygon points="${e.x2},${e.y2} ${point(0.45)} ${point(-0.45)}" fill="#555"/>`;
}

export interface SubgraphDrawing {
  svg: string;
  width: number;
  height: number;
  /** Nodes of over-full layers left out of the drawing. */
  omitted: number;
}

export function subgraphSvg(subgraph: Dossier['subgraph']): SubgraphDrawing {
  const layout = layoutSubgraph(subgraph);
  const parts: string[] = [];
  for (const h of layout.headers) {
    parts.push(`<text x="${h.x}" y="${h.y}" font-weight="bold">${escapeXml(h.text)}</text>`);
  }
  for (const e of layout.edges) {
    parts.push(`<line x1="${e.x1}" y1="${e.y1}" x2="${e.x2}" y2="${e.y2}" stroke="#555" stroke-width="1"/>`);
    parts.push(arrowhead(e));
  }
  for (const n of layout.nodes) {
    parts.push(
      `<rect x="${n.x}" y="${n.y}" width="${n.w}" height="${n.h}" rx="4" fill="${KIND_FILL[n.kind] ?? '#eeeeee'}" stroke="#888888"/>`,
    );
    n.lines.forEach((line, i) => {
      const y = n.y + LAYOUT_PADDING + (i + 1) * LAYOUT_LINE_HEIGHT - 2;
      parts.push(`<text x="${n.x + LAYOUT_PADDING}" y="${y}">${escapeXml(line)}</text>`);
    });
  }
  const width = layout.width + 4;
  const svg =
    `<svg role="img" aria-label="Supporting subgraph" viewBox="-2 0 ${width} ${layout.height}" ` +
    `width="${width}" height="${layout.height}" font-size="9" font-family="Roboto, sans-serif">` +
    `${parts.join('')}</svg>`;
  return { svg, width, height: layout.height, omitted: layout.omitted };
}

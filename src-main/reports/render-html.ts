import type { Dossier } from '../contract/reports.ts';
import type { Block, ReportDocument } from './report-document.ts';
import { escapeXml } from './escape-xml.ts';
import { subgraphSvg } from './subgraph-svg.ts';

/**
 * A report as one self-contained HTML file: inline CSS, the subgraph as inline SVG, no script, no external URL,
 * and a CSP meta tag that would refuse both anyway. Every string is data (LLM text is untrusted) and goes out
 * through `escapeXml`, attributes included; nothing is ever written as markup.
 */

const STATUS_WORDS = {
  resolved: 'in the graph',
  missing: 'not in the graph (flagged)',
  unchecked: 'unchecked (the graph could not be read)',
} as const;

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.6rem;border-bottom:1px solid #ddd;padding-bottom:.3rem;margin-top:2.5rem}
h2{font-size:1.2rem;margin-top:1.8rem}h3{font-size:1.05rem}
p,li,td,dd{white-space:pre-wrap;overflow-wrap:anywhere}
.note{color:#555;font-style:italic}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}
.missing{color:#b00020;font-weight:600}
.turn{margin:.4rem 0}.who{font-weight:600}
.node-note{border-left:3px solid #ccc;margin:.5rem 0;padding:0 .8rem}.node-note p{margin:.2rem 0}
svg{width:100%;max-width:48rem;height:auto}
`;

function drawing(subgraph: Dossier['subgraph']): string {
  const { svg, omitted } = subgraphSvg(subgraph);
  return omitted ? `${svg}<p class="note">${omitted} more nodes not drawn.</p>` : svg;
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}>${escapeXml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.style === 'note' ? ' class="note"' : ''}>${escapeXml(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${escapeXml(i)}</li>`).join('')}</${tag}>`;
    }
    case 'fields':
      return `<dl>${b.rows.map(([l, v]) => `<dt>${escapeXml(l)}</dt><dd>${escapeXml(v)}</dd>`).join('')}</dl>`;
    case 'table':
      return (
        `<table><thead><tr>${b.header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>` +
        b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('') +
        '</tbody></table>'
      );
    case 'citations':
      return `<ul>${b.items
        .map(
          (c) =>
            `<li><code>${escapeXml(c.ref)}</code>: <span class="${c.status}">${STATUS_WORDS[c.status]}</span></li>`,
        )
        .join('')}</ul>`;
    case 'diagram':
      return drawing(b.subgraph);
    case 'nodeNote':
      // The note's Markdown stays text: escaped, so no tag, link or script in it ever becomes markup.
      return `<blockquote class="node-note"><p class="who">${escapeXml(b.title)}</p><p class="note">${escapeXml(b.byline)}</p><p>${escapeXml(b.text)}</p></blockquote>`;
    case 'turn':
      return `<p class="turn"><span class="who">${escapeXml(b.who)}${b.round > 0 ? ` (round ${b.round})` : ''}:</span> ${escapeXml(b.text)}</p>`;
  }
}

export function renderHtml(document: ReportDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(document.title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    ...document.blocks.map(block),
    '</body></html>',
    '',
  ].join('\n');
}

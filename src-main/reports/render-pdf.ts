import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as PdfMakeModule from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, ReportDocument } from './report-document.ts';
import { subgraphSvg } from './subgraph-svg.ts';

/**
 * A report as PDF, through pdfmake (pure JS over PDFKit: the same code and output in the app, browser mode and the
 * CLI, since every surface asks the core). pdfmake lays text out line by line across pages, so a long dialogue
 * flows onto as many pages as it needs and no line is cut at a page edge. The font is Roboto, the TTF pdfmake
 * ships: embedded (subset), so the text is selectable and Unicode (accents, quotes, arrows) prints; the 14
 * standard PDF fonts would cover Latin-1 only. The subgraph is the same SVG as the HTML report, drawn as vectors.
 */

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof PdfMakeModule;
const roboto = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
const fontDir = dirname(roboto.Roboto['normal'] ?? '');

pdfmake.setFonts(roboto);
// Nothing is fetched: no URLs at all, and from disk only the font files.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));

/** A4 at 50 pt margins: 495 pt of line width. */
const CONTENT_WIDTH = 595.28 - 2 * 50;
const DIAGRAM_MAX_HEIGHT = 500;
/** A block this short is kept on the page of the heading above it (no heading alone at a page's foot). */
const KEEP_WITH_HEADING_CHARS = 1_500;

function blockChars(b: Block): number {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
    case 'turn':
      return b.text.length;
    case 'nodeNote':
      return b.title.length + b.text.length;
    case 'list':
      return b.items.join('').length;
    case 'fields':
      return b.rows.flat().join('').length;
    case 'table':
      return b.rows.flat().join('').length;
    case 'citations':
      return b.items.map((c) => c.ref).join('').length;
    case 'diagram':
      return 0;
  }
}

/** Each heading with the block after it as one unbreakable stack when that block is short. */
function content(blocks: readonly Block[]): Content[] {
  const out: Content[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const current = blocks[i] as Block;
    const next = blocks[i + 1];
    if (
      current.type === 'heading' &&
      next &&
      next.type !== 'heading' &&
      blockChars(next) <= KEEP_WITH_HEADING_CHARS
    ) {
      out.push({ stack: [block(current), block(next)], unbreakable: true });
      i += 1;
    } else out.push(block(current));
  }
  return out;
}

const STATUS_WORDS = {
  resolved: 'in the graph',
  missing: 'not in the graph (flagged)',
  unchecked: 'unchecked (the graph could not be read)',
} as const;

const texts = (items: readonly string[]): Content[] => items.map((text) => ({ text }));

function block(b: Block): Content {
  switch (b.type) {
    case 'heading':
      return { text: b.text, style: `h${b.level}`, headlineLevel: b.level };
    case 'paragraph':
      return b.style === 'note' ? { text: b.text, style: 'note' } : { text: b.text, style: 'body' };
    case 'list':
      // Fresh nodes: pdfmake writes its layout into the objects it is given.
      return b.ordered ? { ol: texts(b.items), style: 'body' } : { ul: texts(b.items), style: 'body' };
    case 'fields':
      return {
        table: {
          widths: [110, '*'],
          body: b.rows.map(([label, value]) => [{ text: label, bold: true }, { text: value }]),
        },
        layout: 'noBorders',
        style: 'body',
      };
    case 'table':
      return {
        table: {
          headerRows: 1,
          widths: ['*', ...b.header.slice(1).map(() => 'auto' as const)],
          body: [b.header.map((h) => ({ text: h, bold: true })), ...b.rows.map(texts)],
        },
        layout: 'lightHorizontalLines',
        style: 'small',
      };
    case 'citations':
      return {
        ul: b.items.map((c) => ({
          text: [
            { text: c.ref, color: '#333333' },
            ': ',
            {
              text: STATUS_WORDS[c.status],
              bold: c.status === 'missing',
              color: c.status === 'missing' ? '#b00020' : '#000000',
            },
          ],
        })),
        style: 'body',
      };
    case 'diagram': {
      const drawing = subgraphSvg(b.subgraph);
      // Scaled down to fit one page (a tall layer), so it can stay with its heading.
      const svg: Content = {
        svg: drawing.svg,
        fit: [CONTENT_WIDTH, DIAGRAM_MAX_HEIGHT],
        margin: [0, 4, 0, 8],
      };
      return drawing.omitted
        ? [svg, { text: `${drawing.omitted} more nodes not drawn.`, style: 'note' }]
        : svg;
    }
    case 'nodeNote':
      return {
        stack: [
          { text: b.title, bold: true },
          { text: b.byline, style: 'note' },
          { text: b.text, style: 'body' },
        ],
        margin: [10, 0, 0, 6],
      };
    case 'turn':
      return {
        text: [{ text: `${b.who}${b.round > 0 ? ` (round ${b.round})` : ''}: `, bold: true }, b.text],
        style: 'body',
      };
  }
}

export function pdfDefinition(document: ReportDocument): TDocumentDefinitions {
  return {
    info: { title: document.title, creator: 'MotivGraph Studio', producer: 'MotivGraph Studio (pdfmake)' },
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    footer: (page, pages) => ({
      text: `${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
    }),
    content: content(document.blocks),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
      body: { margin: [0, 0, 0, 5] },
      note: { italics: true, color: '#555555', margin: [0, 0, 0, 5] },
      small: { fontSize: 8.5, margin: [0, 0, 0, 6] },
    },
  };
}

export async function renderPdf(document: ReportDocument): Promise<Buffer> {
  return pdfmake.createPdf(pdfDefinition(document)).getBuffer();
}

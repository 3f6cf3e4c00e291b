import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { citationChain } from '../papers/citation-js.ts';

/**
 * Exports read back the way a reader's tools would: the PDF through pdfjs (pages, text, where every text item
 * sits), the HTML checked for anything that runs or reaches out, the BibTeX through citation-js. Shared by the
 * reports tests (vitest) and the export spec (Playwright).
 */

export interface PdfPageText {
  width: number;
  height: number;
  text: string;
  /** Text items that reach outside the page box (x, y of the baseline start, width of the run). */
  outside: Array<{ str: string; x: number; y: number; width: number }>;
}

export async function readPdf(bytes: Uint8Array): Promise<{ pages: PdfPageText[]; title: string }> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  const doc = await task.promise;
  try {
    const meta = (await doc.getMetadata()).info as { Title?: string };
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is TextItem => 'str' in i);
      const outside = items
        .map((i) => ({
          str: i.str,
          x: i.transform[4] as number,
          y: i.transform[5] as number,
          width: i.width,
        }))
        .filter((i) => i.str.trim() !== '')
        .filter((i) => i.x < x0 - 0.5 || i.x + i.width > x1 + 0.5 || i.y < y0 || i.y > y1);
      pages.push({
        width: x1 - x0,
        height: y1 - y0,
        text: items.map((i) => (i.hasEOL ? `${i.str}\n` : i.str)).join(''),
        outside,
      });
    }
    return { pages, title: meta.Title ?? '' };
  } finally {
    await task.destroy();
  }
}

/** What in an HTML export could run or load something: script tags, on* attributes, javascript: and URLs. */
export function htmlHazards(html: string): string[] {
  const found: string[] = [];
  for (const [pattern, what] of [
    [/<script/i, '<script>'],
    [/<[^>]*\son[a-z]+\s*=/i, 'an on* attribute'],
    [/<[^>]*(href|src|action|xlink:href)\s*=\s*["']?\s*javascript:/i, 'a javascript: URL'],
    [/<[^>]*(href|src|action|poster|data)\s*=/i, 'a link or source attribute'],
    [/url\(/i, 'a CSS url()'],
    [/@import/i, 'a CSS @import'],
    [/<(iframe|object|embed|link|img|base|form)\b/i, 'an embedding element'],
  ] as const) {
    if (pattern.test(html)) found.push(what);
  }
  return found;
}

interface CslItem {
  id: string;
  DOI?: string;
  title?: string;
  author?: Array<{ family?: string; given?: string; literal?: string }>;
}

/** BibTeX entries as citation-js reads them (CSL-JSON). */
export function readBibtex(text: string): CslItem[] {
  return citationChain(text, '@csl/list+object') as CslItem[];
}

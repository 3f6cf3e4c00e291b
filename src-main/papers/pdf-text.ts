import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { IMPORT_ERROR_CODES, importError } from './import-errors.ts';

/** One visual line of a PDF page, with the font size that tells titles and headings from body text. */
export interface PdfLine {
  page: number;
  text: string;
  size: number;
  /** Rotated text, like arXiv's stamp in the margin: never a title or a heading. */
  rotated: boolean;
}

export interface PdfText {
  lines: PdfLine[];
  info: { title?: string; author?: string };
  pages: number;
}

export interface PdfTextOptions {
  /** Pages read; text past them is not needed for title, abstract, introduction and method. */
  maxPages: number;
  /** Called before each page is read, so a supervisor can say which page a limit was hit on. */
  onPage?: (page: number) => void;
}

const isTextItem = (item: unknown): item is TextItem =>
  typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;

const infoString = (info: unknown, key: string): string | undefined => {
  const value =
    typeof info === 'object' && info !== null ? (info as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * Text lines of a PDF through pdfjs-dist (legacy build: the one meant for Node). It has no limits of its own:
 * run it through `extractPdfTextIsolated` (pdf-isolated.ts), never on the main thread.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  file: string,
  options: PdfTextOptions,
): Promise<PdfText> {
  // pdfjs takes ownership of the buffer it is given; pass a copy so the caller's bytes stay usable
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') {
      throw importError(
        IMPORT_ERROR_CODES.pdfEncrypted,
        `${file} is password-protected; save an unprotected copy to import it`,
        {
          file,
        },
      );
    }
    throw importError(
      IMPORT_ERROR_CODES.pdfInvalid,
      `${file} is not a readable PDF (${err instanceof Error ? err.message : String(err)})`,
      {
        file,
      },
    );
  }
  try {
    const meta = await doc.getMetadata().catch(() => null);
    const lines: PdfLine[] = [];
    const pages = Math.min(doc.numPages, options.maxPages);
    for (let number = 1; number <= pages; number++) {
      options.onPage?.(number);
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      let size = 0;
      let rotated = false;
      let y: number | null = null;
      const flush = (): void => {
        if (text.trim() !== '')
          lines.push({ page: number, text: text.replace(/\s+/gu, ' ').trim(), size, rotated });
        text = '';
        size = 0;
        rotated = false;
      };
      for (const item of content.items) {
        if (!isTextItem(item)) continue;
        const itemY = Number(item.transform[5]);
        const itemSize =
          Math.round(Math.hypot(Number(item.transform[0]), Number(item.transform[1])) * 10) / 10;
        // a new baseline starts a new line, even when the producer did not mark the end of the previous one
        if (y !== null && Math.abs(itemY - y) > 1 && item.str.trim() !== '') flush();
        if (item.str.trim() !== '') {
          text += (text && !text.endsWith(' ') ? ' ' : '') + item.str;
          size = Math.max(size, itemSize);
          rotated ||= Number(item.transform[1]) !== 0 || Number(item.transform[2]) !== 0;
          y = itemY;
        }
        if (item.hasEOL) flush();
      }
      flush();
      page.cleanup();
    }
    const info = meta?.info;
    const title = infoString(info, 'Title');
    const author = infoString(info, 'Author');
    return {
      lines,
      pages: doc.numPages,
      info: { ...(title ? { title } : {}), ...(author ? { author } : {}) },
    };
  } finally {
    await task.destroy();
  }
}

import { createDeflate } from 'node:zlib';

/**
 * A minimal PDF writer for tests that need hostile PDFs (decompression bombs, many pages) built on the fly: a
 * page tree of Helvetica pages whose content streams are given as bytes, optionally Flate-compressed.
 */

export interface PdfPageSpec {
  /** The content stream as stored in the file. */
  content: Buffer;
  /** Set when `content` is already Flate-compressed. */
  flate?: boolean;
  /** The filter chain to declare instead of one FlateDecode (e.g. a twice-deflated stream). */
  filters?: string[];
}

/** `BT … Tj ET` text lines, one per entry, top to bottom. */
export function textContent(lines: string[], size = 12): Buffer {
  const escape = (text: string): string => text.replace(/[\\()]/g, (c) => `\\${c}`);
  return Buffer.from(
    lines.map((text, i) => `BT /F1 ${size} Tf 72 ${740 - i * 20} Td (${escape(text)}) Tj ET`).join('\n'),
    'latin1',
  );
}

/**
 * `bytes` zero bytes, Flate-compressed without ever holding them: a few hundred KB that inflate to `bytes`.
 * Zero bytes are PDF whitespace, so a content stream of them is valid and yields no text.
 */
export async function flateOfZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const block = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

export function writePdf(pages: PdfPageSpec[], info: { title?: string } = {}): Buffer {
  const objects: string[] = [];
  const streams = new Map<number, Buffer>();
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = info.title ? `<< /Title (${info.title}) >>` : '<< >>';
  pages.forEach((page, i) => {
    const pageId = pageIds[i]!;
    const contentId = pageId + 1;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    const filters = page.filters ?? (page.flate ? ['FlateDecode'] : []);
    const filter = filters.length === 0 ? '' : ` /Filter [${filters.map((f) => `/${f}`).join(' ')}]`;
    objects[contentId] = `<< /Length ${page.content.length}${filter} >>`;
    streams.set(contentId, page.content);
  });
  return serializePdf(objects, streams, '/Root 1 0 R /Info 4 0 R');
}

/**
 * Lays out numbered objects (with their streams) as a PDF file with a correct cross-reference table; `trailer`
 * holds the trailer's entries after /Size.
 */
export function serializePdf(objects: string[], streams: Map<number, Buffer>, trailer: string): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const push = (buffer: Buffer): void => {
    chunks.push(buffer);
    length += buffer.length;
  };
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = length;
    push(Buffer.from(`${id} 0 obj\n${objects[id]}\n`, 'latin1'));
    const stream = streams.get(id);
    if (stream) {
      push(Buffer.from('stream\n', 'latin1'));
      push(stream);
      push(Buffer.from('\nendstream\n', 'latin1'));
    }
    push(Buffer.from('endobj\n', 'latin1'));
  }
  const xrefAt = length;
  const rows = offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`);
  push(
    Buffer.from(
      `xref\n0 ${objects.length}\n0000000000 65535 f \n${rows.join('')}trailer\n<< /Size ${objects.length} ${trailer} >>\nstartxref\n${xrefAt}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

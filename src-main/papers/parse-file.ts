import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { AppError } from '../shared/errors.ts';
import { buildRecord } from './build-record.ts';
import { decodeText } from './decode-text.ts';
import { IMPORT_ERROR_CODES, importError } from './import-errors.ts';
import type { PaperFormat, ParseOutcome } from './paper-record.ts';
import { parseBibtex } from './parse-bibtex.ts';
import { parseCslJson } from './parse-csl-json.ts';
import { parseCsv } from './parse-csv.ts';
import { parseRis } from './parse-ris.ts';
import { parseCiw } from './parse-ciw.ts';
import { parseTextAbstracts } from './parse-text.ts';
import { checkTextLimits, checkTextSize } from './text-limits.ts';
import { pdfFields } from './pdf-sections.ts';
import { extractPdfTextIsolated } from './pdf-isolated.ts';
import type { PdfLimits } from './pdf-limits.ts';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const BY_EXTENSION: Record<string, PaperFormat> = {
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.ris': 'ris',
  '.ciw': 'ciw',
  '.json': 'csl-json',
  '.csljson': 'csl-json',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.pdf': 'pdf',
};

const isPdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

/** The format by extension; an unknown extension is sniffed from the content. */
export function detectFormat(file: string, bytes: Uint8Array, text: () => string): PaperFormat {
  if (isPdf(bytes)) return 'pdf';
  const known = BY_EXTENSION[extname(file).toLowerCase()];
  if (known === 'pdf') {
    throw importError(IMPORT_ERROR_CODES.pdfInvalid, `${file} is named .pdf but does not start like a PDF`, {
      file,
    });
  }
  if (known) return known;
  const head = text().trimStart().slice(0, 2_000);
  if (/^@\s*[A-Za-z]+\s*[{(]/u.test(head) || /\n\s*@\s*[A-Za-z]+\s*[{(]/u.test(head)) return 'bibtex';
  if (/^TY {2}-/mu.test(head)) return 'ris';
  if (/^(?:FN |PT [A-Z]\b)/u.test(head)) return 'ciw';
  if (head.startsWith('[') || head.startsWith('{')) return 'csl-json';
  throw importError(
    IMPORT_ERROR_CODES.unsupported,
    `${file}: unknown format; use .bib, .ris, .ciw (Web of Science), .json (CSL-JSON), .csv, .txt/.md or .pdf`,
    { file },
  );
}

const formatBytes = (bytes: number): string =>
  bytes >= 100 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;

export interface ParseFileOptions {
  maxBytes?: number;
  /** Limits on reading a PDF (defaults: DEFAULT_PDF_LIMITS). */
  pdfLimits?: PdfLimits;
}

/** Read, check and parse one file. File-level problems throw typed AppErrors; bad entries are in `skipped`. */
export async function parsePaperFile(file: string, options: ParseFileOptions = {}): Promise<ParseOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
  } catch (err) {
    throw importError(
      IMPORT_ERROR_CODES.unreadable,
      `${file} cannot be read (${err instanceof Error ? err.message : String(err)})`,
      {
        file,
      },
    );
  }
  checkSize(file, size, maxBytes);
  // a text format by its name is held to the text-size limit before a byte is read
  const named = BY_EXTENSION[extname(file).toLowerCase()];
  if (named !== undefined && named !== 'pdf') checkTextSize(file, size);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    // e.g. over the 2 GB a single read can return, when --max-mb allows it
    throw importError(
      IMPORT_ERROR_CODES.unreadable,
      `${file} cannot be read (${err instanceof Error ? err.message : String(err)})`,
      { file },
    );
  }
  return parsePaperBytes(file, bytes, { ...options, maxBytes });
}

function checkSize(file: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw importError(
      IMPORT_ERROR_CODES.tooLarge,
      `${file} is ${formatBytes(size)}, over the import limit of ${formatBytes(maxBytes)} (setting paperImport.maxFileMb, or --max-mb)`,
      { file, size, limit: maxBytes },
    );
  }
  if (size === 0) throw importError(IMPORT_ERROR_CODES.empty, `${file} is empty`, { file });
}

/**
 * Check and parse the bytes of one file that arrived in memory (the app uploads files rather than naming paths);
 * `file` is the name shown in reports and errors. Same checks and parsers as a file on disk.
 */
export async function parsePaperBytes(
  file: string,
  bytes: Uint8Array,
  options: ParseFileOptions = {},
): Promise<ParseOutcome> {
  checkSize(file, bytes.byteLength, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  let decoded: string | null = null;
  const text = (): string => (decoded ??= decodeText(bytes, file));
  const format = detectFormat(file, bytes, text);
  checkTextLimits(file, bytes, format);
  try {
    return await parseAs(format, file, bytes, text, options.pdfLimits);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // a parser library failing in a way it does not document still names the file, not a stack trace
    throw importError(
      IMPORT_ERROR_CODES.malformed,
      `${file} could not be read as ${format} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
      { file },
    );
  }
}

/** The text formats' parsers; PDF alone reads bytes (with limits). */
const TEXT_PARSERS: Record<Exclude<PaperFormat, 'pdf'>, (text: string, file: string) => ParseOutcome> = {
  bibtex: parseBibtex,
  ris: parseRis,
  ciw: parseCiw,
  'csl-json': parseCslJson,
  csv: parseCsv,
  text: parseTextAbstracts,
};

function parseAs(
  format: PaperFormat,
  file: string,
  bytes: Uint8Array,
  text: () => string,
  pdfLimits: PdfLimits | undefined,
): Promise<ParseOutcome> | ParseOutcome {
  return format === 'pdf' ? parsePdf(bytes, file, pdfLimits) : TEXT_PARSERS[format](text(), file);
}

async function parsePdf(bytes: Uint8Array, file: string, limits?: PdfLimits): Promise<ParseOutcome> {
  const pdf = await extractPdfTextIsolated(bytes, file, limits);
  if (pdf.lines.length === 0) {
    throw importError(
      IMPORT_ERROR_CODES.notText,
      `${file} has no text layer (a scan?); run OCR on it first`,
      { file, pages: pdf.pages },
    );
  }
  const built = buildRecord(pdfFields(pdf));
  if (!built.ok) {
    return { format: 'pdf', papers: [], skipped: [{ file, field: built.field, reason: built.reason }] };
  }
  return {
    format: 'pdf',
    papers: [{ record: built.record, source: { file }, warnings: built.warnings }],
    skipped: [],
  };
}

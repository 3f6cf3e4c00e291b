/**
 * Limits on reading one PDF. A PDF of a few hundred KB can hold streams that inflate to gigabytes, so every
 * PDF is read in a worker thread (`pdf-isolated.ts`) under these limits, and a PDF over one is refused with an
 * `IMPORT_LIMIT_EXCEEDED` error naming the file, the page (or stream object) and the limit.
 */
export interface PdfLimits {
  /** Inflated bytes of one Flate stream (page contents, fonts, object streams; images are not read for text). */
  maxStreamBytes: number;
  /** Inflated bytes of all those streams together. */
  maxTotalStreamBytes: number;
  /** Pages read for text; the rest of a longer PDF is not needed for title, abstract, introduction and method. */
  maxPages: number;
  /** Wall-clock time for the whole PDF. */
  timeoutMs: number;
  /** Memory of the worker reading the PDF: JavaScript heap plus buffers, in MB. */
  maxMemoryMb: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxStreamBytes: 64 * 1024 * 1024,
  maxTotalStreamBytes: 256 * 1024 * 1024,
  maxPages: 30,
  timeoutMs: 60_000,
  maxMemoryMb: 160,
};

/** The names used in error details (`details.limit`), so callers can tell which limit refused a file. */
export type PdfLimitName = 'streamBytes' | 'totalStreamBytes' | 'time' | 'memory';

export const megabytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

import { IMPORT_ERROR_CODES, importError } from './import-errors.ts';
import type { PaperFormat } from './paper-record.ts';

/**
 * Limits on text files, checked on the raw bytes before any parser sees them. Parsers split, scan and build
 * strings per line; one huge line (a 20 MB one-line CSV took 740 MB and 7.5 s in csv-parse) is never a real
 * bibliography, so it is refused with its line number instead of being parsed.
 */
export const TEXT_LIMITS = {
  /** Decoded text of one file, whatever `paperImport.maxFileMb` or `--max-mb` allow. */
  maxTextBytes: 64 * 1024 * 1024,
  /** One line of a line-oriented format (BibTeX, RIS, CSV, text). CSL-JSON is exempt: it is often one line. */
  maxLineBytes: 1024 * 1024,
};

const mb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The text-size limit alone, judged from a file's size before it is read. */
export function checkTextSize(file: string, size: number, limits: typeof TEXT_LIMITS = TEXT_LIMITS): void {
  if (size > limits.maxTextBytes) {
    throw importError(
      IMPORT_ERROR_CODES.limitExceeded,
      `${file}: ${mb(size)} of text is over the ${mb(limits.maxTextBytes)} a text file may have (limit: text size); split the file`,
      { file, limit: 'textBytes', max: limits.maxTextBytes },
    );
  }
}

export function checkTextLimits(
  file: string,
  bytes: Uint8Array,
  format: PaperFormat,
  limits: typeof TEXT_LIMITS = TEXT_LIMITS,
): void {
  checkTextSize(file, bytes.byteLength, limits);
  if (format === 'csl-json' || format === 'pdf') return;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  for (let line = 1; start <= buffer.length; line++) {
    const newline = buffer.indexOf(0x0a, start);
    const end = newline === -1 ? buffer.length : newline;
    if (end - start > limits.maxLineBytes) {
      throw importError(
        IMPORT_ERROR_CODES.limitExceeded,
        `${file} line ${line}: the line is over ${mb(limits.maxLineBytes)} long (limit: line length); no ${format} file has such lines`,
        { file, line, limit: 'lineBytes', max: limits.maxLineBytes },
      );
    }
    if (newline === -1) break;
    start = newline + 1;
  }
}

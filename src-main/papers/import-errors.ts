import { AppError } from '../shared/errors.ts';

/**
 * Stable codes for files the importer refuses as a whole. Each error's details name the file (and line or field
 * where one is known), so the CLI and the app can say exactly what to fix.
 */
export const IMPORT_ERROR_CODES = {
  empty: 'IMPORT_EMPTY_FILE',
  notText: 'IMPORT_NOT_TEXT',
  encoding: 'IMPORT_BAD_ENCODING',
  tooLarge: 'PAYLOAD_TOO_LARGE',
  unsupported: 'IMPORT_UNSUPPORTED_FORMAT',
  malformed: 'IMPORT_MALFORMED_FILE',
  pdfEncrypted: 'IMPORT_PDF_ENCRYPTED',
  pdfInvalid: 'IMPORT_PDF_INVALID',
  unreadable: 'IMPORT_UNREADABLE',
  /** A limit on reading (inflated size, memory, time, text size, line length): `details.limit` names it. */
  limitExceeded: 'IMPORT_LIMIT_EXCEEDED',
} as const;

export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[keyof typeof IMPORT_ERROR_CODES];

export interface ImportErrorDetails {
  file: string;
  line?: number;
  field?: string;
  [key: string]: unknown;
}

export function importError(code: ImportErrorCode, message: string, details: ImportErrorDetails): AppError {
  return new AppError(code, message, details);
}

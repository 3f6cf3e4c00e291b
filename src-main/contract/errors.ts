import { z } from 'zod';

/**
 * Every error code the app answers with: the `code` of `{ error: { code, message, details } }` on every
 * transport. Closed on purpose: `AppError` accepts only these, so a new code is added here (and the renderer,
 * which may import this type, sees it) rather than invented at a throw site.
 */
export const ERROR_CODES = [
  // Requests and transports
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'VALIDATION',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'UNSUPPORTED',
  // State
  'NOT_FOUND',
  'CONFLICT',
  /** The store is momentarily too busy (e.g. graph write contention); nothing changed, retrying is safe. */
  'BUSY',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'CANCELLED',
  'DATA_CORRUPT',
  /** An unexpected fault: the reply carries only `details.errorId`; the log has the rest. */
  'INTERNAL',
  // Secrets
  'SECRETS_CORRUPT',
  'SECRETS_LOCKED',
  'KEY_ENDPOINT_UNCONFIRMED',
  // LLM
  'LLM_NOT_CONFIGURED',
  'LLM_UNAVAILABLE',
  'LLM_RATE_LIMITED',
  'LLM_TIMEOUT',
  'LLM_BAD_OUTPUT',
  'LLM_UNAUTHORIZED',
  'LLM_NOT_FOUND',
  'LLM_BAD_REQUEST',
  'JUDGE_BAD_OUTPUT',
  // Local models (embeddings/): the model files are not there yet, or fail their pinned checksums
  'MODEL_MISSING',
  'MODEL_DAMAGED',
  // Literature and paper lookup
  'LITERATURE_UNAVAILABLE',
  /** One literature service failed; the cascade tries the next (internal to literature/, never a reply). */
  'LITERATURE_SOURCE',
  'UPSTREAM_INVALID',
  // Paper import: a file refused as a whole (details name the file, and line or field where known)
  'IMPORT_EMPTY_FILE',
  'IMPORT_NOT_TEXT',
  'IMPORT_BAD_ENCODING',
  'IMPORT_UNSUPPORTED_FORMAT',
  'IMPORT_MALFORMED_FILE',
  'IMPORT_PDF_ENCRYPTED',
  'IMPORT_PDF_INVALID',
  'IMPORT_UNREADABLE',
  'IMPORT_LIMIT_EXCEEDED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** One bad field of a request, as `dispatch` reports it (`ideation.maxRounds`). */
export interface FieldIssueDetail {
  path: string;
  message: string;
}

/** What and where: a request field, a settings key or env variable, a file and line. */
export interface ValidationDetails {
  issues?: FieldIssueDetail[];
  field?: string;
  file?: string;
  line?: number;
  [key: string]: unknown;
}

/** A stale write: `current` is what the writer should merge with (settings, a node, an annotation…). */
export interface ConflictDetails {
  current?: unknown;
  [key: string]: unknown;
}

export interface InternalDetails {
  /** The id under which the raw error was logged. */
  errorId?: string;
  [key: string]: unknown;
}

/** What is missing and which setting or environment variable supplies it. */
export interface LlmNotConfiguredDetails {
  role?: string;
  field?: string;
  envVar?: string;
  source?: string;
  [key: string]: unknown;
}

export interface LlmCallDetails {
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  reason?: string;
  attempts?: number;
  [key: string]: unknown;
}

export interface ImportFileDetails {
  file: string;
  line?: number;
  field?: string;
  [key: string]: unknown;
}

/** The codes of a failed LLM call (llm/errors.ts maps the openai client's faults onto these). */
export type LlmCallCode =
  | 'LLM_UNAVAILABLE'
  | 'LLM_RATE_LIMITED'
  | 'LLM_TIMEOUT'
  | 'LLM_BAD_OUTPUT'
  | 'LLM_UNAUTHORIZED'
  | 'LLM_NOT_FOUND'
  | 'LLM_BAD_REQUEST';

/** The shape of `details` for the codes whose details have one; the others carry any object. */
export type ErrorDetails<C extends ErrorCode> = C extends 'VALIDATION'
  ? ValidationDetails
  : C extends 'CONFLICT'
    ? ConflictDetails
    : C extends 'INTERNAL'
      ? InternalDetails
      : C extends 'LLM_NOT_CONFIGURED'
        ? LlmNotConfiguredDetails
        : C extends LlmCallCode
          ? LlmCallDetails
          : C extends `IMPORT_${string}`
            ? ImportFileDetails
            : object;

/** The error half of the reply envelope. */
export interface ErrorBody<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  /** Typed per code where the code has a shape (`ErrorDetails<C>`); `unknown` on the wire. */
  details?: unknown;
}

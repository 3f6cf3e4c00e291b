/**
 * The one error type every layer throws. Transports turn it into the `{ error: { code, message, details } }`
 * half of the reply envelope, so `code` is stable and machine-readable and `message` says what and where.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_CHANNEL'
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  /** The store is momentarily too busy (e.g. graph write contention); nothing changed, retrying is safe. */
  | 'BUSY'
  | 'CANCELLED'
  | 'INTERNAL'
  | (string & {});

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Anything thrown becomes an ErrorBody; unknown faults are reported as INTERNAL without leaking internals. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : 'Unexpected error' };
}

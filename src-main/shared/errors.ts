import type { ErrorBody, ErrorCode, ErrorDetails } from '../contract/errors.ts';

export type { ErrorBody, ErrorCode, ErrorDetails } from '../contract/errors.ts';

/**
 * The one error type every layer throws. Transports turn it into the `{ error: { code, message, details } }`
 * half of the reply envelope, so `code` is stable and machine-readable (one of the closed `ErrorCode` union in
 * contract/errors.ts) and `message` says what and where.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: ErrorDetails<C> | undefined;

  constructor(code: C, message: string, details?: ErrorDetails<C>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** A reply's error half (from `dispatch`) as a throwable again; its details were typed when it was made. */
  static fromBody(body: ErrorBody): AppError {
    return new AppError(body.code, body.message, body.details as ErrorDetails<ErrorCode> | undefined);
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/* An unexpected fault (anything but an AppError) is never turned into a body here: its message may hold paths,
 * SQL or a secret. Transports log it under an id and answer with that id (shared/internal-error.ts). */

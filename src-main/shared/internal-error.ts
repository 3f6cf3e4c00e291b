import { randomBytes } from 'node:crypto';
import type { ErrorBody } from '../contract/errors.ts';
import { AppError } from './errors.ts';

/** The part of a logger a fault needs (structurally the core Logger, which redacts known secrets). */
export interface FaultLog {
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A fresh short id for one unexpected fault, and the only words of it a user ever sees. */
export function internalError(): { errorId: string; body: ErrorBody<'INTERNAL'> } {
  const errorId = randomBytes(4).toString('hex');
  return {
    errorId,
    body: { code: 'INTERNAL', message: `Internal error (id ${errorId}); see the log`, details: { errorId } },
  };
}

/**
 * What a user is told of a fault: a reply, a failed job or session. An AppError is written for the user and goes
 * out as it is. Anything else (a plain Error from a library, a TypeError) may carry a path, SQL or a secret: its
 * message and stack go to the log under a short random id, and the body says only that id, so a user can quote it
 * and whoever reads the log can find the cause.
 */
export function replyErrorOf(
  err: unknown,
  log: FaultLog | undefined,
  context: Record<string, unknown>,
): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  const { errorId, body } = internalError();
  log?.error('internal error', {
    ...context,
    errorId,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return body;
}

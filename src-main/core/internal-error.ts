import { randomBytes } from 'node:crypto';
import type { ErrorBody } from '../contract/errors.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from './logger.ts';

/**
 * What a transport answers for a fault. An AppError is written for the user and goes out as it is. Anything
 * else (a plain Error from a library, a TypeError) may carry a path, SQL or a secret: its message and stack go to
 * the log (which redacts known secrets) under a short random id, and the reply says only that id, so a user can
 * quote it and whoever reads the log can find the cause.
 */
export function replyErrorOf(
  err: unknown,
  logger: Logger | undefined,
  context: Record<string, unknown>,
): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  const errorId = randomBytes(4).toString('hex');
  logger?.error('internal error', {
    ...context,
    errorId,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return {
    code: 'INTERNAL',
    message: `Internal error (id ${errorId}); see the log`,
    details: { errorId },
  };
}

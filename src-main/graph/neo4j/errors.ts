import { AppError } from '../../shared/errors.ts';

const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/** Driver and server failures → the same typed errors the embedded store raises; AppErrors pass through. */
export function toAppError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError('CONFLICT', `Graph constraint violated: ${message}`, { neo4jCode: code });
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return new AppError('UNAVAILABLE', 'The Neo4j server is unreachable', {
      reason: 'unreachable',
      neo4jCode: code,
    });
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return new AppError('UNAUTHORIZED', 'Neo4j refused the credentials', { reason: 'auth', neo4jCode: code });
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new AppError('UNAVAILABLE', 'The configured Neo4j database does not exist', {
      reason: 'database',
      neo4jCode: code,
    });
  }
  if (code.startsWith('Neo.TransientError.')) {
    return new AppError('UNAVAILABLE', `Neo4j could not complete the transaction: ${message}`, {
      neo4jCode: code,
    });
  }
  return err;
}

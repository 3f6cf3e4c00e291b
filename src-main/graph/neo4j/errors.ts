import { isRetryableError, Neo4jError } from 'neo4j-driver';
import { AppError } from '../../shared/errors.ts';
import { redactUrlCredentials } from '../../shared/url-credentials.ts';

/** What the mapping may name in its messages: where the server is and which database and user we asked for. */
export interface Neo4jTarget {
  uri?: string;
  database?: string;
  user?: string;
}

const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The one mapping of Neo4j driver and server failures to typed AppErrors, for the store, the migrations and the
 * connection check alike. Messages say what happened and what to do; they never carry the server's own text,
 * which holds lock ids, Java class names, memory settings or our Cypher. The server's status code goes in
 * `details.neo4jCode` for diagnosis. AppErrors pass through.
 */
export function toAppError(err: unknown, target: Neo4jTarget = {}): AppError {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  const neo4jCode = code || undefined;
  const at = target.uri ? ` at ${redactUrlCredentials(target.uri)}` : '';
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError('CONFLICT', 'The change clashes with a node or edge that already exists', {
      neo4jCode,
    });
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    const user = target.user === undefined ? '' : ` for user ${target.user}`;
    return new AppError('UNAUTHORIZED', `Neo4j refused the credentials${user}`, {
      reason: 'auth',
      neo4jCode,
    });
  }
  // UNAVAILABLE, not NOT_FOUND: the store as configured cannot be used (a wrong name in Settings), which is not
  // "this node was deleted" (what NOT_FOUND tells the Graph section).
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    const name = target.database === undefined ? 'the configured database' : JSON.stringify(target.database);
    return new AppError('UNAVAILABLE', `Neo4j has no database named ${name}`, {
      reason: 'database',
      field: 'database',
      neo4jCode,
    });
  }
  if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    /ECONNREFUSED|ENOTFOUND|ECONNRESET/.test(messageOf(err))
  ) {
    return new AppError('UNAVAILABLE', `Neo4j is unreachable${at}: is the server running?`, {
      reason: 'unreachable',
      neo4jCode,
      ...(target.uri ? { uri: redactUrlCredentials(target.uri) } : {}),
    });
  }
  // Deadlocks, lock timeouts, memory pressure, a leader switch: the driver retried them for a bounded time
  // (connection.ts maxTransactionRetryTime) and the graph is unchanged, so trying again later is safe.
  if (
    isRetryableError(err) ||
    code.startsWith('Neo.TransientError.') ||
    /acquisition timed out/i.test(messageOf(err))
  ) {
    return new AppError('BUSY', 'The graph is busy with other changes; nothing was saved, try again', {
      reason: 'busy',
      retryable: true,
      neo4jCode,
    });
  }
  if (!(err instanceof Neo4jError)) {
    return new AppError('INTERNAL', 'Unexpected failure in the Neo4j graph store', { reason: 'unknown' });
  }
  return new AppError('UNAVAILABLE', `Neo4j could not complete the request${at}`, {
    reason: 'unknown',
    neo4jCode,
  });
}

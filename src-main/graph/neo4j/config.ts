import { AppError } from '../../shared/errors.ts';

/**
 * How to reach a Neo4j server. Built by the core's configuration loader (core/config.ts: env over settings, the
 * password from the secret store); the adapter never reads env or settings itself.
 */
export interface Neo4jConfig {
  uri: string;
  user?: string;
  password?: string;
  /** Explicit database name; Community Edition has exactly one user database, `neo4j`. */
  database: string;
}

export const DEFAULT_NEO4J_DATABASE = 'neo4j';

const URI_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

/** Null for a Bolt or Neo4j URI; otherwise a VALIDATION error naming `where` (a variable or setting). */
export function neo4jUriProblem(uri: string, where: string): AppError | null {
  let scheme: string;
  try {
    scheme = new URL(uri).protocol;
  } catch {
    return new AppError('VALIDATION', `${where} is not a valid URI`, { field: where });
  }
  if (!URI_SCHEMES.includes(scheme)) {
    return new AppError('VALIDATION', `${where} must use one of ${URI_SCHEMES.join(' ')}`, { field: where });
  }
  return null;
}

import { AppError } from '../../shared/errors.ts';

/** How to reach a Neo4j server. Built by the caller (env, settings UI); the adapter never reads env itself. */
export interface Neo4jConfig {
  uri: string;
  user?: string;
  password?: string;
  /** Explicit database name; Community Edition has exactly one user database, `neo4j`. */
  database: string;
}

export const DEFAULT_NEO4J_DATABASE = 'neo4j';

const URI_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

/** MOTIV_NEO4J_URI / _USER / _PASSWORD / _DATABASE → config; undefined when no URI is set. */
export function neo4jConfigFromEnv(env: Record<string, string | undefined>): Neo4jConfig | undefined {
  const uri = env.MOTIV_NEO4J_URI?.trim();
  if (!uri) return undefined;
  let scheme: string;
  try {
    scheme = new URL(uri).protocol;
  } catch {
    throw new AppError('VALIDATION', 'MOTIV_NEO4J_URI is not a valid URI', { field: 'MOTIV_NEO4J_URI' });
  }
  if (!URI_SCHEMES.includes(scheme)) {
    throw new AppError('VALIDATION', `MOTIV_NEO4J_URI must use one of ${URI_SCHEMES.join(' ')}`, {
      field: 'MOTIV_NEO4J_URI',
    });
  }
  const config: Neo4jConfig = {
    uri,
    database: env.MOTIV_NEO4J_DATABASE?.trim() || DEFAULT_NEO4J_DATABASE,
  };
  const user = env.MOTIV_NEO4J_USER?.trim();
  if (user) config.user = user;
  if (env.MOTIV_NEO4J_PASSWORD !== undefined && env.MOTIV_NEO4J_PASSWORD !== '') {
    config.password = env.MOTIV_NEO4J_PASSWORD;
  }
  return config;
}

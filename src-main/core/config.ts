import type { ConfigEntry, ValueSource } from '../contract/doctor.ts';
import type { Settings } from '../contract/settings.ts';
import { redactUrlCredentials } from '../shared/url-credentials.ts';

interface Resolved<T> {
  value: T;
  source: ValueSource;
}

/** Environment variable wins over the settings file, which wins over the built-in default. */
function pick(env: NodeJS.ProcessEnv, name: string, fromSettings: string | null): Resolved<string | null> {
  const fromEnv = env[name]?.trim();
  if (fromEnv) return { value: fromEnv, source: 'env' };
  if (fromSettings) return { value: fromSettings, source: 'settings' };
  return { value: null, source: 'default' };
}

/** For secrets: the environment variable wins over the encrypted secret store. */
function pickSecret(env: NodeJS.ProcessEnv, name: string, stored: string | null): Resolved<string | null> {
  const fromEnv = env[name]?.trim();
  if (fromEnv) return { value: fromEnv, source: 'env' };
  if (stored) return { value: stored, source: 'secret store' };
  return { value: null, source: 'default' };
}

/** Reads a stored secret (core/secret-store.ts); null when none is stored or the store cannot be read. */
export type StoredSecretReader = (name: 'llm.apiKey' | 'neo4j.password') => string | null;

export interface ConnectionConfig {
  llm: { baseUrl: string | null; apiKey: string | null; model: string | null };
  neo4j: { uri: string; user: string | null; password: string | null; database: string | null } | null;
  store: 'embedded' | 'neo4j';
  entries: ConfigEntry[];
}

/**
 * Headless configuration: settings file overridden by `MOTIV_*` variables. `entries` lists every value with
 * its source for `motiv doctor`; secrets appear there only as "set" / null.
 */
export function resolveConnectionConfig(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  dataDir: Resolved<string>,
  stored: StoredSecretReader = () => null,
): ConnectionConfig {
  const llmBaseUrl = pick(env, 'MOTIV_LLM_BASE_URL', settings.llm.baseUrl);
  const llmModel = pick(env, 'MOTIV_LLM_MODEL', settings.llm.model);
  const llmKey = pickSecret(env, 'MOTIV_LLM_API_KEY', stored('llm.apiKey'));
  const neoUri = pick(env, 'MOTIV_NEO4J_URI', settings.neo4j.uri);
  const neoUser = pick(env, 'MOTIV_NEO4J_USER', settings.neo4j.user);
  const neoPassword = pickSecret(env, 'MOTIV_NEO4J_PASSWORD', stored('neo4j.password'));
  const neoDatabase = pick(env, 'MOTIV_NEO4J_DATABASE', settings.neo4j.database);

  const secret = (r: Resolved<string | null>): ConfigEntry['value'] => (r.value ? 'set' : null);
  // URLs are shown, their `user:password@` never.
  const shown = (url: string | null): string | null => (url === null ? null : redactUrlCredentials(url));
  const entries: ConfigEntry[] = [
    { key: 'dataDir', value: dataDir.value, secret: false, source: dataDir.source },
    { key: 'llm.baseUrl', value: shown(llmBaseUrl.value), secret: false, source: llmBaseUrl.source },
    { key: 'llm.model', value: llmModel.value, secret: false, source: llmModel.source },
    { key: 'llm.apiKey', value: secret(llmKey), secret: true, source: llmKey.source },
    { key: 'neo4j.uri', value: shown(neoUri.value), secret: false, source: neoUri.source },
    { key: 'neo4j.user', value: neoUser.value, secret: false, source: neoUser.source },
    { key: 'neo4j.password', value: secret(neoPassword), secret: true, source: neoPassword.source },
    { key: 'neo4j.database', value: neoDatabase.value, secret: false, source: neoDatabase.source },
  ];

  return {
    llm: { baseUrl: llmBaseUrl.value, apiKey: llmKey.value, model: llmModel.value },
    neo4j: neoUri.value
      ? { uri: neoUri.value, user: neoUser.value, password: neoPassword.value, database: neoDatabase.value }
      : null,
    store: neoUri.value ? 'neo4j' : 'embedded',
    entries,
  };
}

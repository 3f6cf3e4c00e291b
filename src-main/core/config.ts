import type { ConfigEntry, ValueSource } from '../contract/doctor.ts';
import type { GraphStoreKind, Settings } from '../contract/settings.ts';
import { resolveLiteratureConfig, type LiteratureConfig } from '../literature/config.ts';
import { BASE_URL_ENV } from '../literature/config.ts';
import { DEFAULT_NEO4J_DATABASE, neo4jUriProblem, type Neo4jConfig } from '../graph/neo4j/config.ts';
import { LLM_ROLES, resolveLlmConfig, roleBaseUrlEnvVar } from '../llm/config.ts';
import type { LlmRole, ResolvedLlmConfig } from '../llm/config.ts';
import { LOOKUP_URL_ENV, resolveLookupConfig, type LookupConfig } from '../papers/lookup/lookup-config.ts';
import { AppError } from '../shared/errors.ts';
import { configEntries } from './config-entries.ts';

/**
 * The one configuration loader. Every value the app uses (data directory, LLM endpoint/key/model per role,
 * Neo4j, literature and lookup endpoints) is resolved here, once per call, from the same three inputs: the
 * settings file, the environment (`MOTIV_*`, which wins) and the encrypted secret store. `motiv doctor` shows
 * `entries`, and every service reads the same object, so the two cannot disagree.
 */

export interface Sourced<T> {
  value: T;
  source: ValueSource;
  /** The variable that supplied the value when `source` is `env`. */
  envVar?: string;
}

/** Reads a stored secret (core/secret-store.ts); null when none is stored or the store cannot be read. */
export type StoredSecretReader = (name: 'llm.apiKey' | 'neo4j.password') => string | null;

export interface ConfigInput {
  settings: Settings;
  env: Readonly<Record<string, string | undefined>>;
  dataDir: Sourced<string>;
  /**
   * The reader for keys that will be sent (core/llm-key-binding.ts): it throws KEY_ENDPOINT_UNCONFIRMED for an
   * LLM key whose endpoint the user has not confirmed. Doctor shows such a key as set; services get the error.
   */
  sendableSecret?: StoredSecretReader;
  /** The plain reader: only whether a secret is stored, for the entries. */
  storedSecret?: StoredSecretReader;
  /**
   * The key for a role's own endpoint (core/llm-key-binding.ts roleEndpointKeyReader): null for a keyless local
   * or loopback endpoint, KEY_ENDPOINT_UNCONFIRMED for another unconfirmed one. Absent: no stored key.
   */
  roleEndpointKey?: (baseUrl: string) => string | null;
}

export interface Neo4jConnection {
  uri: string;
  user: string | null;
  password: string | null;
  database: string | null;
}

export interface LlmSection {
  /** What the agents use; null when the base URL is unusable (then `problem` says why). */
  resolved: ResolvedLlmConfig | null;
  problem: AppError | null;
  /** Set when a stored key exists but may not go to this endpoint (KEY_ENDPOINT_UNCONFIRMED). */
  keyRefusal: AppError | null;
  /** An endpoint counts as configured once a base URL or an API key is given (not the bare defaults). */
  configured: boolean;
  /** The base URL as given (env or settings), before checks; null when neither gives one. */
  givenBaseUrl: string | null;
  /**
   * Each role's view: the shared section itself, or, for a role given its own endpoint (llm.endpoints,
   * MOTIV_LLM_<ROLE>_BASE_URL), one resolved for that endpoint with the key it may be sent.
   */
  roles: Record<LlmRole, RoleLlmSection>;
}

export type RoleLlmSection = Omit<LlmSection, 'roles'> & { ownEndpoint: boolean };

export interface AppConfig {
  dataDir: Sourced<string>;
  llm: LlmSection;
  neo4j: Neo4jConnection | null;
  /** A configured URI that is not Bolt/Neo4j (VALIDATION naming MOTIV_NEO4J_URI or neo4j.uri); doctor shows it. */
  neo4jProblem: AppError | null;
  store: GraphStoreKind;
  /** What decided `store`: MOTIV_NEO4J_URI (env), the Settings choice, an older file's neo4j.uri, or the default. */
  storeSource: Sourced<GraphStoreKind>;
  /** Throws VALIDATION for a base URL that is not http(s), naming the variable or setting. */
  literature(): LiteratureConfig;
  /** Throws VALIDATION for a base URL that is not http(s), naming the variable or setting. */
  lookup(): LookupConfig;
  /** Every value with its source, for `motiv doctor` and the Diagnostics panel; secrets only as "set". */
  entries: ConfigEntry[];
  /** The LLM as `role` uses it, or LLM_NOT_CONFIGURED / KEY_ENDPOINT_UNCONFIRMED saying what to set. */
  requireLlm(role: LlmRole): RoleLlmConfig;
  /** The LLM config without the "is an endpoint configured" check (reading history, estimates). */
  readLlm(): ResolvedLlmConfig;
  /** The same environment and secrets over other settings: what a choice would resolve to before it is saved. */
  withSettings(settings: Settings): AppConfig;
}

export type RoleLlmConfig = ResolvedLlmConfig & { role: LlmRole; model: string };

/** The name the graph code knows the loaded configuration by (it reads `neo4j` and `store`). */
export type ConnectionConfig = AppConfig;

function pick(env: ConfigInput['env'], name: string, fromSettings: string | null): Sourced<string | null> {
  const fromEnv = env[name]?.trim();
  if (fromEnv) return { value: fromEnv, source: 'env', envVar: name };
  if (fromSettings) return { value: fromSettings, source: 'settings' };
  return { value: null, source: 'default' };
}

function pickSecret(
  env: ConfigInput['env'],
  name: string,
  stored: () => string | null,
): Sourced<string | null> {
  const fromEnv = env[name]?.trim();
  if (fromEnv) return { value: fromEnv, source: 'env', envVar: name };
  const value = stored();
  if (value) return { value, source: 'secret store' };
  return { value: null, source: 'default' };
}

/** Runs `read`, keeping an AppError it throws as the section's problem instead of failing the whole load. */
function attempt<T>(read: () => T): { value: T | null; problem: AppError | null } {
  try {
    return { value: read(), problem: null };
  } catch (err) {
    if (err instanceof AppError) return { value: null, problem: err };
    throw err;
  }
}

const ROLE_NAME: Record<LlmRole, string> = {
  researcher: 'the researcher',
  mentor: 'the mentor',
  judge: 'the judge',
  extractor: 'mining',
  embeddings: 'embeddings',
};

function loadLlm(input: ConfigInput): LlmSection & { keySet: Sourced<boolean> } {
  const { settings, env } = input;
  const sendable = input.sendableSecret ?? ((): null => null);
  const key = attempt(() => sendable('llm.apiKey'));
  const keyRefusal = key.problem;
  const settingsInput = {
    baseUrl: settings.llm.baseUrl,
    model: settings.llm.model,
    models: settings.llm.models,
    endpoints: settings.llm.endpoints,
  };
  const llm = attempt(() => resolveLlmConfig({ ...settingsInput, apiKey: key.value }, env));
  // The entries say "set" for a stored key even when it may not be sent to this endpoint yet.
  const shownKey = pickSecret(
    env,
    'MOTIV_LLM_API_KEY',
    () => input.storedSecret?.('llm.apiKey') ?? key.value,
  );
  const givenBaseUrl = env['MOTIV_LLM_BASE_URL']?.trim() || settings.llm.baseUrl || null;
  const shared: RoleLlmSection = {
    resolved: llm.value,
    problem: llm.problem,
    keyRefusal,
    configured: Boolean(givenBaseUrl || shownKey.value),
    givenBaseUrl,
    ownEndpoint: false,
  };
  const roles = {} as Record<LlmRole, RoleLlmSection>;
  for (const role of LLM_ROLES) roles[role] = loadRoleLlm(input, settingsInput, role) ?? shared;
  const { ownEndpoint: _shared, ...section } = shared;
  return { ...section, roles, keySet: { ...shownKey, value: shownKey.value !== null } };
}

/** A role's own endpoint when one is given and wins (see llm/config.ts for the order); null = the shared one. */
function loadRoleLlm(
  input: ConfigInput,
  settingsInput: Parameters<typeof resolveLlmConfig>[0],
  role: LlmRole,
): RoleLlmSection | null {
  const { settings, env } = input;
  const fromEnv = env[roleBaseUrlEnvVar(role)]?.trim();
  const fromSettings = env['MOTIV_LLM_BASE_URL']?.trim() ? null : settings.llm.endpoints[role];
  const given = fromEnv || fromSettings || null;
  if (!given) return null;
  const keyless = attempt(() => resolveLlmConfig(settingsInput, env, role));
  const base = { givenBaseUrl: given, configured: true, ownEndpoint: true };
  if (!keyless.value) return { ...base, resolved: null, problem: keyless.problem, keyRefusal: null };
  const key = attempt(() => input.roleEndpointKey?.(keyless.value?.baseUrl ?? '') ?? null);
  const resolved = key.value
    ? resolveLlmConfig({ ...settingsInput, apiKey: key.value }, env, role)
    : keyless.value;
  return { ...base, resolved, problem: null, keyRefusal: key.problem };
}

function readLlm(section: Omit<LlmSection, 'roles'>): ResolvedLlmConfig {
  if (section.problem) throw section.problem;
  // A local model file sends no key anywhere, so a key not yet confirmed for an endpoint does not matter.
  if (section.keyRefusal && !section.resolved?.local) throw section.keyRefusal;
  if (!section.resolved) throw new AppError('INTERNAL', 'The LLM configuration was not loaded');
  return section.resolved;
}

function requireLlm(section: RoleLlmSection, role: LlmRole): RoleLlmConfig {
  const resolved = readLlm(section);
  if (!section.configured) {
    throw new AppError(
      'LLM_NOT_CONFIGURED',
      `No LLM endpoint is configured for ${ROLE_NAME[role]}. Set the LLM base URL in Settings, or set ` +
        'MOTIV_LLM_BASE_URL (an OpenAI-compatible /v1 URL, e.g. http://127.0.0.1:11434/v1 for Ollama) or ' +
        'MOTIV_LLM_API_KEY for OpenAI.',
      { role, field: 'llm.baseUrl', envVar: 'MOTIV_LLM_BASE_URL' },
    );
  }
  return { ...resolved, role, model: resolved.models[role] };
}

/**
 * The store in use. MOTIV_NEO4J_URI wins (the convention: the environment over settings); then the explicit
 * Settings choice; a file from before the choice (graph.store null) keeps what its neo4j.uri meant.
 */
export function chooseStore(
  settings: Settings,
  env: ConfigInput['env'],
  neoUri: Sourced<string | null>,
): Sourced<GraphStoreKind> {
  if (neoUri.source === 'env') return { value: 'neo4j', source: 'env', envVar: neoUri.envVar };
  if (settings.graph.store) return { value: settings.graph.store, source: 'settings' };
  if (neoUri.value) return { value: 'neo4j', source: 'settings' };
  return { value: 'embedded', source: 'default' };
}

export function loadConfig(input: ConfigInput): AppConfig {
  const { settings, env } = input;
  const llm = loadLlm(input);
  const neoUri = pick(env, 'MOTIV_NEO4J_URI', settings.neo4j.uri);
  const neoUser = pick(env, 'MOTIV_NEO4J_USER', settings.neo4j.user);
  const neoPassword = pickSecret(
    env,
    'MOTIV_NEO4J_PASSWORD',
    () => input.sendableSecret?.('neo4j.password') ?? null,
  );
  const neoDatabase = pick(env, 'MOTIV_NEO4J_DATABASE', settings.neo4j.database);
  const store = chooseStore(settings, env, neoUri);
  const literature = attempt(() => resolveLiteratureConfig(settings.literature, env));
  const lookup = attempt(() => resolveLookupConfig(settings.paperLookup, env));

  const entries = configEntries({
    dataDir: input.dataDir,
    llm: llm.resolved,
    llmBaseUrlProblem: llm.problem,
    llmKey: llm.keySet,
    llmEndpoints: Object.fromEntries(
      LLM_ROLES.filter((role) => llm.roles[role].ownEndpoint).map((role) => [role, llm.roles[role]]),
    ),
    neo4j: { uri: neoUri, user: neoUser, password: neoPassword, database: neoDatabase },
    store,
    literature: literature.value,
    literatureEnv: BASE_URL_ENV,
    lookup: lookup.value,
    lookupEnv: LOOKUP_URL_ENV,
  });

  return {
    dataDir: input.dataDir,
    llm: {
      resolved: llm.resolved,
      problem: llm.problem,
      keyRefusal: llm.keyRefusal,
      configured: llm.configured,
      givenBaseUrl: llm.givenBaseUrl,
      roles: llm.roles,
    },
    neo4j: neoUri.value
      ? { uri: neoUri.value, user: neoUser.value, password: neoPassword.value, database: neoDatabase.value }
      : null,
    neo4jProblem: neoUri.value ? neo4jUriProblem(neoUri.value, neoUri.envVar ?? 'settings neo4j.uri') : null,
    store: store.value,
    storeSource: store,
    literature: () => {
      if (literature.problem) throw literature.problem;
      return literature.value as LiteratureConfig;
    },
    lookup: () => {
      if (lookup.problem) throw lookup.problem;
      return lookup.value as LookupConfig;
    },
    entries,
    requireLlm: (role) => requireLlm(llm.roles[role], role),
    readLlm: () => readLlm(llm),
    withSettings: (next) => loadConfig({ ...input, settings: next }),
  };
}

/** Names the store in use (the explicit choice, then its connection): a change reopens the section's handle. */
export function storeKey(config: AppConfig): string {
  const neo4j = config.neo4j;
  if (config.store === 'embedded') return 'embedded';
  return neo4j ? `neo4j ${neo4j.uri} ${neo4j.database ?? ''} ${neo4j.user ?? ''}` : 'neo4j (no URI)';
}

/** The loaded Neo4j connection as the adapter takes it (graph/neo4j/config.ts). */
export function neo4jAdapterConfig(neo4j: Neo4jConnection): Neo4jConfig {
  const config: Neo4jConfig = { uri: neo4j.uri, database: neo4j.database ?? DEFAULT_NEO4J_DATABASE };
  if (neo4j.user) config.user = neo4j.user;
  if (neo4j.password) config.password = neo4j.password;
  return config;
}

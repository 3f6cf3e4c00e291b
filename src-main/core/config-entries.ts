import type { ConfigEntry, ValueSource } from '../contract/doctor.ts';
import type { LiteratureConfig, SourceName } from '../literature/config.ts';
import { LLM_ROLES, type LlmRole, type ResolvedLlmConfig } from '../llm/config.ts';
import type { LookupConfig, LookupService } from '../papers/lookup/lookup-config.ts';
import type { AppError } from '../shared/errors.ts';
import { redactUrlCredentials } from '../shared/url-credentials.ts';
import type { Sourced } from './config.ts';

export interface EntryInputs {
  dataDir: Sourced<string>;
  llm: ResolvedLlmConfig | null;
  llmBaseUrlProblem: AppError | null;
  llmKey: Sourced<boolean>;
  /** The roles given their own endpoint: what it resolved to, or why it is unusable. */
  llmEndpoints: Partial<Record<LlmRole, { resolved: ResolvedLlmConfig | null; problem: AppError | null }>>;
  neo4j: {
    uri: Sourced<string | null>;
    user: Sourced<string | null>;
    password: Sourced<string | null>;
    database: Sourced<string | null>;
  };
  /** Which store is used and what decided it (`motiv doctor` shows the source). */
  store: Sourced<string>;
  literature: LiteratureConfig | null;
  literatureEnv: Record<SourceName, string>;
  lookup: LookupConfig | null;
  lookupEnv: Record<LookupService, string>;
}

// URLs are shown, their `user:password@` never.
const shown = (url: string | null): string | null => (url === null ? null : redactUrlCredentials(url));

function entry(key: string, value: string | null, source: ValueSource, envVar?: string): ConfigEntry {
  return source === 'env' && envVar
    ? { key, value, secret: false, source, envVar }
    : { key, value, secret: false, source };
}

function secretEntry(key: string, set: boolean, source: ValueSource, envVar?: string): ConfigEntry {
  return { ...entry(key, set ? 'set' : null, source, envVar), secret: true };
}

function invalidEntry(key: string, problem: AppError | null): ConfigEntry {
  // An unusable base URL: show what was given (redacted) and why, so doctor and the agents agree.
  const details = problem?.details as { source?: ValueSource; envVar?: string } | undefined;
  return entry(
    key,
    `invalid: ${problem?.message ?? 'unusable'}`,
    details?.source ?? 'default',
    details?.envVar,
  );
}

function roleEndpointEntries(inputs: EntryInputs): ConfigEntry[] {
  return LLM_ROLES.flatMap((role) => {
    const own = inputs.llmEndpoints[role];
    if (!own) return [];
    const key = `llm.endpoints.${role}`;
    if (!own.resolved) return [invalidEntry(key, own.problem)];
    const { baseUrl, sources } = own.resolved;
    return [entry(key, shown(baseUrl), sources.baseUrl, sources.envVars.baseUrl)];
  });
}

function llmEntries(inputs: EntryInputs): ConfigEntry[] {
  const { llm, llmKey } = inputs;
  const key = secretEntry('llm.apiKey', llmKey.value, llmKey.source, llmKey.envVar);
  if (!llm)
    return [invalidEntry('llm.baseUrl', inputs.llmBaseUrlProblem), key, ...roleEndpointEntries(inputs)];
  const { sources } = llm;
  return [
    entry('llm.baseUrl', shown(llm.baseUrl), sources.baseUrl, sources.envVars.baseUrl),
    key,
    ...(llm.local
      ? [entry('llm.threads', String(llm.local.threads), llm.local.threadsSource, sources.envVars.threads)]
      : []),
    ...LLM_ROLES.map((role) =>
      entry(`llm.models.${role}`, llm.models[role], sources.models[role], sources.envVars.models[role]),
    ),
    ...roleEndpointEntries(inputs),
  ];
}

function literatureEntries(inputs: EntryInputs): ConfigEntry[] {
  if (!inputs.literature) return [];
  return inputs.literature.sources.map((source) =>
    entry(`literature.${source.name}`, shown(source.baseUrl), source.from, inputs.literatureEnv[source.name]),
  );
}

function lookupEntries(inputs: EntryInputs): ConfigEntry[] {
  const lookup = inputs.lookup;
  if (!lookup) return [];
  return (Object.keys(lookup.baseUrls) as LookupService[]).map((service) =>
    entry(
      `paperLookup.${service}`,
      shown(lookup.baseUrls[service]),
      lookup.sources[service],
      inputs.lookupEnv[service],
    ),
  );
}

/** The doctor's view of one loaded configuration, in a stable order. */
export function configEntries(inputs: EntryInputs): ConfigEntry[] {
  const { dataDir, neo4j } = inputs;
  return [
    entry('dataDir', dataDir.value, dataDir.source, dataDir.envVar),
    ...llmEntries(inputs),
    entry('graph.store', inputs.store.value, inputs.store.source, inputs.store.envVar),
    entry('neo4j.uri', shown(neo4j.uri.value), neo4j.uri.source, neo4j.uri.envVar),
    entry('neo4j.user', neo4j.user.value, neo4j.user.source, neo4j.user.envVar),
    secretEntry(
      'neo4j.password',
      neo4j.password.value !== null,
      neo4j.password.source,
      neo4j.password.envVar,
    ),
    entry('neo4j.database', neo4j.database.value, neo4j.database.source, neo4j.database.envVar),
    ...literatureEntries(inputs),
    ...lookupEntries(inputs),
  ];
}

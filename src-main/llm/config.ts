import { basename, resolve } from 'node:path';
import { AppError } from '../shared/errors.ts';
import { redactUrlCredentials } from '../shared/url-credentials.ts';
import { Secret, displayUrl } from './secret.ts';

/**
 * Which endpoint, key and model each agent uses. Precedence, most specific first (for models, and for a role's
 * base URL when resolved for that role): the role's env variable, the global env variable, the role's setting,
 * the global setting, the default. Env wins over settings so a
 * one-off run (`MOTIV_LLM_MODEL=llama3 motiv ideate …`) needs no settings change. The embeddings role never
 * falls back to the global chat model: a chat model cannot embed.
 */

export const LLM_ROLES = ['researcher', 'mentor', 'judge', 'extractor', 'embeddings'] as const;
export type LlmRole = (typeof LLM_ROLES)[number];
export type ChatRole = Exclude<LlmRole, 'embeddings'>;

export type ValueSource = 'env' | 'settings' | 'secret store' | 'default';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_CHAT_MODEL = 'gpt-4o-mini';
export const DEFAULT_EMBEDDINGS_MODEL = 'text-embedding-3-small';

/** What the settings file and the secret store provide (settings.llm plus the decrypted key). */
export interface LlmSettingsInput {
  baseUrl?: string | null;
  model?: string | null;
  models?: Partial<Record<LlmRole, string | null>>;
  /** Per role; null = the base URL above. */
  endpoints?: Partial<Record<LlmRole, string | null>>;
  apiKey?: string | null;
}

export type EnvLike = Readonly<Record<string, string | undefined>>;

/** The built-in engine's settings when the base URL is `local:<path to .gguf>`. */
export interface LocalModelConfig {
  /** Absolute path of the GGUF file. */
  path: string;
  threads: number;
  threadsSource: ValueSource;
  /** Cap on generated tokens per call when the request sets none (MOTIV_LLM_MAX_TOKENS); null = the context. */
  maxTokens: number | null;
}

export const LOCAL_SCHEME = 'local:';
export const DEFAULT_LOCAL_THREADS = 1;
const MAX_LOCAL_THREADS = 256;
const MAX_LOCAL_TOKENS = 1_000_000;

export interface ResolvedLlmConfig {
  baseUrl: string;
  /** Set when the base URL is `local:<path>`: chat runs in-process on that GGUF file, no endpoint. */
  local?: LocalModelConfig;
  apiKey: Secret;
  models: Record<LlmRole, string>;
  sources: {
    baseUrl: ValueSource;
    apiKey: ValueSource;
    models: Record<LlmRole, ValueSource>;
    /** Which variable won, for each value whose source is `env` (`MOTIV_LLM_RESEARCHER_MODEL`…). */
    envVars: {
      baseUrl?: string;
      apiKey?: string;
      threads?: string;
      models: Partial<Record<LlmRole, string>>;
    };
  };
}

/** The view safe to show anywhere (renderer, logs, `motiv doctor`): the key is only "set / not set". */
export interface LlmConfigSummary {
  baseUrl: string;
  apiKeySet: boolean;
  local?: LocalModelConfig;
  models: Record<LlmRole, string>;
  sources: ResolvedLlmConfig['sources'];
}

export function roleEnvVar(role: LlmRole): string {
  return `MOTIV_LLM_${role.toUpperCase()}_MODEL`;
}

/** The variable that gives one role its own endpoint (MOTIV_LLM_MENTOR_BASE_URL…). */
export function roleBaseUrlEnvVar(role: LlmRole): string {
  return `MOTIV_LLM_${role.toUpperCase()}_BASE_URL`;
}

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

type Candidate = [string | undefined, ValueSource, string?];

/** The first candidate that is set wins; the third element names its env variable. */
function pick(candidates: Candidate[], fallback: string): [string, ValueSource, string?] {
  for (const [value, source, envVar] of candidates) if (value !== undefined) return [value, source, envVar];
  return [fallback, 'default'];
}

/** Where a base URL came from: its variable when `source` is env, else its settings field. */
interface BaseUrlOrigin {
  source: ValueSource;
  envVar?: string;
  field: string;
}

function normaliseBaseUrl(url: string, from: BaseUrlOrigin): string {
  // Both spellings, so the message names the one to fix and `details` carries it for the UI and the CLI.
  const { source, envVar, field } = from;
  const details = source === 'env' && envVar ? { field, envVar, source } : { field, source };
  const where = source === 'env' && envVar ? envVar : `settings ${field}`;
  if (url.startsWith(LOCAL_SCHEME)) {
    const path = url.slice(LOCAL_SCHEME.length).trim();
    if (path === '') {
      throw new AppError(
        'LLM_NOT_CONFIGURED',
        `${where} is local: without a model file (local:<path to .gguf>)`,
        details,
      );
    }
    // Whether the file exists and is a GGUF is checked when a call loads it: the setting stays editable.
    return `${LOCAL_SCHEME}${resolve(path)}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('LLM_NOT_CONFIGURED', `${where} is not a valid URL`, details);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError(
      'LLM_NOT_CONFIGURED',
      `${where} must use http or https (got ${displayUrl(url)})`,
      details,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // fetch refuses such URLs ("connection failed" would mislead), and they would print the password.
    throw new AppError(
      'LLM_NOT_CONFIGURED',
      `${where} has credentials in the URL (${redactUrlCredentials(url)}): remove user:password@ and store ` +
        'the key as the API key (Settings, motiv secrets set llm.apiKey, or MOTIV_LLM_API_KEY)',
      details,
    );
  }
  return url.replace(/\/+$/, '');
}

function baseUrlCandidates(settings: LlmSettingsInput, env: EnvLike, role?: LlmRole): Candidate[] {
  const shared: Candidate[] = [
    [present(env.MOTIV_LLM_BASE_URL), 'env', 'MOTIV_LLM_BASE_URL'],
    [present(settings.baseUrl), 'settings'],
  ];
  if (!role) return shared;
  const [globalEnv, globalSetting] = shared as [Candidate, Candidate];
  return [
    [present(env[roleBaseUrlEnvVar(role)]), 'env', roleBaseUrlEnvVar(role)],
    globalEnv,
    [present(settings.endpoints?.[role]), 'settings', `llm.endpoints.${role}`],
    globalSetting,
  ];
}

/**
 * Pure: the same settings and env always give the same config. Throws LLM_NOT_CONFIGURED for an unusable base URL.
 * With `role`, the base URL is that role's own endpoint when one is given (llm.endpoints, MOTIV_LLM_<ROLE>_BASE_URL).
 */
export function resolveLlmConfig(
  settings: LlmSettingsInput,
  env: EnvLike,
  role?: LlmRole,
): ResolvedLlmConfig {
  const baseUrlPick = baseUrlCandidates(settings, env, role).find(([value]) => value !== undefined);
  const [rawBaseUrl, baseUrlSource, baseUrlName] = baseUrlPick ?? [DEFAULT_BASE_URL, 'default'];
  // The third element of a settings candidate names its field; of an env candidate, its variable.
  const baseUrlVar = baseUrlSource === 'env' ? baseUrlName : undefined;
  const ownVar = role !== undefined && baseUrlVar === roleBaseUrlEnvVar(role);
  const baseUrlField =
    baseUrlSource === 'settings' && baseUrlName
      ? baseUrlName
      : ownVar
        ? `llm.endpoints.${role}`
        : 'llm.baseUrl';
  const [key, apiKeySource, apiKeyVar] = pick(
    [
      [present(env.MOTIV_LLM_API_KEY), 'env', 'MOTIV_LLM_API_KEY'],
      // The key never lives in the settings file: `apiKey` here is the secret store's decrypted value.
      [present(settings.apiKey), 'secret store'],
    ],
    '',
  );
  const models = {} as Record<LlmRole, string>;
  const modelSources = {} as Record<LlmRole, ValueSource>;
  const modelVars: Partial<Record<LlmRole, string>> = {};
  for (const role of LLM_ROLES) {
    const candidates: Candidate[] =
      role === 'embeddings'
        ? [
            [present(env[roleEnvVar(role)]), 'env', roleEnvVar(role)],
            [present(settings.models?.[role]), 'settings'],
          ]
        : [
            [present(env[roleEnvVar(role)]), 'env', roleEnvVar(role)],
            [present(env.MOTIV_LLM_MODEL), 'env', 'MOTIV_LLM_MODEL'],
            [present(settings.models?.[role]), 'settings'],
            [present(settings.model), 'settings'],
          ];
    const [model, source, envVar] = pick(
      candidates,
      role === 'embeddings' ? DEFAULT_EMBEDDINGS_MODEL : DEFAULT_CHAT_MODEL,
    );
    models[role] = model;
    modelSources[role] = source;
    if (envVar) modelVars[role] = envVar;
  }
  const envVars: ResolvedLlmConfig['sources']['envVars'] = { models: modelVars };
  if (baseUrlVar) envVars.baseUrl = baseUrlVar;
  if (apiKeyVar) envVars.apiKey = apiKeyVar;
  const baseUrl = normaliseBaseUrl(rawBaseUrl ?? DEFAULT_BASE_URL, {
    source: baseUrlSource,
    field: baseUrlField,
    ...(baseUrlVar ? { envVar: baseUrlVar } : {}),
  });
  const local = baseUrl.startsWith(LOCAL_SCHEME) ? localConfig(baseUrl, env, envVars) : undefined;
  if (local) {
    // A local file has one model: chat roles left at the remote default are named after the file (and priced 0).
    for (const role of LLM_ROLES) {
      if (role !== 'embeddings' && modelSources[role] === 'default')
        models[role] = `${LOCAL_SCHEME}${basename(local.path)}`;
    }
  }
  return {
    baseUrl,
    ...(local ? { local } : {}),
    apiKey: new Secret(key),
    models,
    sources: { baseUrl: baseUrlSource, apiKey: apiKeySource, models: modelSources, envVars },
  };
}

function localConfig(
  baseUrl: string,
  env: EnvLike,
  envVars: ResolvedLlmConfig['sources']['envVars'],
): LocalModelConfig {
  const path = baseUrl.slice(LOCAL_SCHEME.length);
  const threads = wholeNumber(env, 'MOTIV_LLM_THREADS', MAX_LOCAL_THREADS);
  if (threads !== undefined) envVars.threads = 'MOTIV_LLM_THREADS';
  return {
    path,
    threads: threads ?? DEFAULT_LOCAL_THREADS,
    threadsSource: threads === undefined ? 'default' : 'env',
    maxTokens: wholeNumber(env, 'MOTIV_LLM_MAX_TOKENS', MAX_LOCAL_TOKENS) ?? null,
  };
}

function wholeNumber(env: EnvLike, name: string, max: number): number | undefined {
  const raw = present(env[name]);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new AppError(
      'LLM_NOT_CONFIGURED',
      `${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(raw)})`,
      { field: name === 'MOTIV_LLM_THREADS' ? 'llm.threads' : 'llm.maxTokens', envVar: name, source: 'env' },
    );
  }
  return value;
}

export function summariseLlmConfig(config: ResolvedLlmConfig): LlmConfigSummary {
  return {
    baseUrl: displayUrl(config.baseUrl),
    apiKeySet: config.apiKey.isSet,
    ...(config.local ? { local: { ...config.local } } : {}),
    models: { ...config.models },
    sources: {
      ...config.sources,
      models: { ...config.sources.models },
      envVars: { ...config.sources.envVars, models: { ...config.sources.envVars.models } },
    },
  };
}

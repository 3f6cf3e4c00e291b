import type { Settings } from '../contract/settings.ts';
import { DEFAULT_BASE_URL } from '../llm/config.ts';
import { displayUrl } from '../llm/secret.ts';
import { AppError } from '../shared/errors.ts';
import type { StoredSecretReader } from './config.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * The stored LLM API key is bound to the endpoint origin it was set or confirmed for. When the endpoint
 * changes (a settings edit, an imported settings file, MOTIV_LLM_BASE_URL), the key is not sent to the new
 * endpoint until the user confirms it (`secrets.confirmEndpoint`): otherwise anyone who could change one
 * setting could collect the key with `llm.test`. A key from MOTIV_LLM_API_KEY is confirmed by definition.
 */

export const KEY_ENDPOINT_UNCONFIRMED = 'KEY_ENDPOINT_UNCONFIRMED';

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The origin of the endpoint the LLM calls go to now (env over settings over the default), or null if invalid. */
export function currentLlmOrigin(settings: Settings, env: NodeJS.ProcessEnv): string | null {
  return originOf(present(env['MOTIV_LLM_BASE_URL']) ?? present(settings.llm.baseUrl) ?? DEFAULT_BASE_URL);
}

function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export interface KeyBindingDeps {
  store: SecretStore;
  env: NodeJS.ProcessEnv;
  settings: () => Settings;
  /** The plain reader (decrypts, registers with the Redactor). */
  read: StoredSecretReader;
}

/**
 * The reader for every code path that sends the key (llm.test, ideation, mining, query embeddings, CLI): it
 * throws KEY_ENDPOINT_UNCONFIRMED instead of handing out a key whose endpoint the user has not confirmed.
 */
export function sendableSecretReader(deps: KeyBindingDeps): StoredSecretReader {
  return (name) => {
    if (name !== 'llm.apiKey') return deps.read(name);
    // The environment's key wins in config resolution: the stored one is not needed, so not even decrypted.
    if (present(deps.env['MOTIV_LLM_API_KEY'])) return null;
    const value = deps.read(name);
    if (!value) return null;
    const current = currentLlmOrigin(deps.settings(), deps.env);
    const confirmed = deps.store.boundOrigin(name);
    if (current !== null && current === confirmed) return value;
    throw unconfirmed(current, confirmed);
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The key for a role's own endpoint (settings llm.endpoints, MOTIV_LLM_<ROLE>_BASE_URL): sent only where it was
 * confirmed. A `local:` model file or a server on this machine (loopback) that is not the key's endpoint gets
 * no key and no refusal: it runs keyless, so a mentor on a local model needs no confirmation. Any other endpoint
 * is refused with KEY_ENDPOINT_UNCONFIRMED, as the shared one is.
 */
export function roleEndpointKeyReader(deps: KeyBindingDeps): (baseUrl: string) => string | null {
  return (baseUrl) => {
    if (present(deps.env['MOTIV_LLM_API_KEY'])) return null;
    const value = deps.read('llm.apiKey');
    if (!value) return null;
    const origin = originOf(baseUrl);
    const confirmed = deps.store.boundOrigin('llm.apiKey');
    if (origin !== null && origin === confirmed) return value;
    if (origin === null || LOOPBACK_HOSTS.has(new URL(origin).hostname)) return null;
    throw unconfirmed(origin, confirmed);
  };
}

function unconfirmed(current: string | null, confirmed: string | null): AppError {
  return new AppError(
    KEY_ENDPOINT_UNCONFIRMED,
    `The stored LLM API key was confirmed for ${confirmed ?? 'no endpoint yet'}, but the LLM endpoint is now ` +
      `${current === null ? 'not a valid URL' : displayUrl(current)}. The key is not sent there until you ` +
      'confirm it (Settings → API key → "Send the key to …", or "motiv secrets confirm llm.apiKey").',
    { field: 'llm.baseUrl', endpoint: current, confirmed },
  );
}

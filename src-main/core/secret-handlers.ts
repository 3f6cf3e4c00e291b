import { SECRET_ENV_VARS, SECRET_NAMES, type SecretName, type SecretsStatus } from '../contract/secrets.ts';
import { AppError } from '../shared/errors.ts';
import type { Redactor } from '../shared/redact.ts';
import type { StoredSecretReader } from './config.ts';
import type { HandlerTable } from './handler-table.ts';
import type { Logger } from './logger.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * `secrets.status` / `secrets.set` / `secrets.clear` / `secrets.confirmEndpoint`. Replies say "stored / not stored" and which source is in
 * force, never a value. Every value read or written is registered with the Redactor first, so it is scrubbed
 * from logs and error messages from then on.
 */

export interface SecretDeps {
  store: SecretStore;
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  logger: Logger;
  /** The LLM endpoint origin in use now (core/llm-key-binding.ts), to bind the key to; null if invalid. */
  llmOrigin: () => string | null;
}

/** Reads for config resolution: an unreadable store is logged and treated as "nothing stored". */
export function storedSecretReader(deps: SecretDeps): StoredSecretReader {
  const reported = new Set<string>();
  return (name) => {
    try {
      const value = deps.store.get(name);
      deps.redactor.addSecret(value);
      return value;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!reported.has(`${name}:${message}`)) {
        reported.add(`${name}:${message}`);
        deps.logger.warn('stored secret unavailable', { name, reason: message });
      }
      return null;
    }
  };
}

function endpointOf(
  deps: Pick<SecretDeps, 'store' | 'llmOrigin'>,
  name: SecretName,
): SecretsStatus['entries'][number]['endpoint'] {
  if (name !== 'llm.apiKey') return null;
  const current = deps.llmOrigin();
  const confirmed = deps.store.boundOrigin(name);
  return { current, confirmed, ok: current !== null && current === confirmed };
}

export function secretsStatus(deps: Pick<SecretDeps, 'store' | 'env' | 'llmOrigin'>): SecretsStatus {
  const stored = new Set(deps.store.storedNames());
  return {
    protection: deps.store.protection,
    locked: deps.store.locked,
    problem: deps.store.problem,
    entries: SECRET_NAMES.map((name: SecretName) => {
      const envVar = SECRET_ENV_VARS[name];
      const envOverride = Boolean(deps.env[envVar]?.trim());
      const isStored = stored.has(name) && !deps.store.locked;
      return {
        name,
        stored: stored.has(name),
        envVar,
        envOverride,
        source: envOverride ? 'env' : isStored ? 'secret store' : null,
        endpoint: endpointOf(deps, name),
      };
    }),
  };
}

export function createSecretHandlers(
  deps: SecretDeps,
): Pick<HandlerTable, 'secrets.status' | 'secrets.set' | 'secrets.clear' | 'secrets.confirmEndpoint'> {
  return {
    'secrets.status': async () => secretsStatus(deps),
    'secrets.set': async ({ name, value }) => {
      deps.redactor.addSecret(value);
      // Typing a key in is confirming it for the endpoint in use now.
      const origin = name === 'llm.apiKey' ? deps.llmOrigin() : null;
      deps.store.set(name, value, origin);
      deps.logger.info('secret stored', { name, protection: deps.store.protection, origin });
      return secretsStatus(deps);
    },
    'secrets.clear': async ({ name }) => {
      deps.store.clear(name);
      deps.logger.info('secret cleared', { name });
      return secretsStatus(deps);
    },
    'secrets.confirmEndpoint': async ({ name, origin }) => {
      const current = deps.llmOrigin();
      if (current === null) {
        throw new AppError('LLM_NOT_CONFIGURED', 'The LLM base URL is not a valid http(s) URL', {
          field: 'llm.baseUrl',
        });
      }
      if (origin !== current) {
        throw new AppError(
          'CONFLICT',
          `The LLM endpoint is now ${current}, not ${origin}: check it and confirm again`,
          { field: 'origin', current },
        );
      }
      deps.store.bindOrigin(name, current);
      deps.logger.info('secret endpoint confirmed', { name, origin: current });
      return secretsStatus(deps);
    },
  };
}

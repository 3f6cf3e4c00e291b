import { SECRET_ENV_VARS, SECRET_NAMES, type SecretName, type SecretsStatus } from '../contract/secrets.ts';
import type { Redactor } from '../shared/redact.ts';
import type { StoredSecretReader } from './config.ts';
import type { HandlerTable } from './handler-table.ts';
import type { Logger } from './logger.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * `secrets.status` / `secrets.set` / `secrets.clear`. Replies say "stored / not stored" and which source is in
 * force, never a value. Every value read or written is registered with the Redactor first, so it is scrubbed
 * from logs and error messages from then on.
 */

export interface SecretDeps {
  store: SecretStore;
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  logger: Logger;
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

export function secretsStatus(deps: Pick<SecretDeps, 'store' | 'env'>): SecretsStatus {
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
      };
    }),
  };
}

export function createSecretHandlers(
  deps: SecretDeps,
): Pick<HandlerTable, 'secrets.status' | 'secrets.set' | 'secrets.clear'> {
  return {
    'secrets.status': async () => secretsStatus(deps),
    'secrets.set': async ({ name, value }) => {
      deps.redactor.addSecret(value);
      deps.store.set(name, value);
      deps.logger.info('secret stored', { name, protection: deps.store.protection });
      return secretsStatus(deps);
    },
    'secrets.clear': async ({ name }) => {
      deps.store.clear(name);
      deps.logger.info('secret cleared', { name });
      return secretsStatus(deps);
    },
  };
}

import { z } from 'zod';

/**
 * Secrets (API keys, the Neo4j password) live only in the main process, encrypted at rest. Over the contract
 * they travel one way: the renderer may send a new value (`secrets.set`) but only ever receives "set / not set"
 * and where the value in force comes from.
 */

export const SECRET_NAMES = ['llm.apiKey', 'neo4j.password'] as const;
export const SecretNameSchema = z.enum(SECRET_NAMES);
export type SecretName = z.infer<typeof SecretNameSchema>;

/** The environment variable that overrides each stored secret. */
export const SECRET_ENV_VARS: Record<SecretName, string> = {
  'llm.apiKey': 'MOTIV_LLM_API_KEY',
  'neo4j.password': 'MOTIV_NEO4J_PASSWORD',
};

export const SecretsStatusSchema = z.object({
  /**
   * How stored secrets are protected: `os` = the data key is wrapped by the OS keychain (Electron safeStorage);
   * `key-file` = the data key sits in a 0600 file beside them (casual disclosure and backups only); `none` =
   * nothing stored yet.
   */
  protection: z.enum(['os', 'key-file', 'none']),
  /** Stored by the desktop app under OS protection and unreadable here (e.g. from the CLI). */
  locked: z.boolean(),
  /** The store cannot be used (a damaged key file): what is wrong and where. */
  problem: z.string().nullable(),
  entries: z.array(
    z.object({
      name: SecretNameSchema,
      stored: z.boolean(),
      envVar: z.string(),
      /** The environment variable is set; it wins over the stored value. */
      envOverride: z.boolean(),
      /** Where the value in force comes from, or null when there is none. */
      source: z.enum(['env', 'secret store']).nullable(),
      /**
       * For a key sent to an endpoint (llm.apiKey): the endpoint origin in use now and the one the stored key
       * was set or confirmed for. The stored key is sent only when they match (`secrets.confirmEndpoint`).
       * Null for secrets not bound to an endpoint.
       */
      endpoint: z
        .object({ current: z.string().nullable(), confirmed: z.string().nullable(), ok: z.boolean() })
        .nullable(),
    }),
  ),
});

export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;

export const secretsChannels = {
  'secrets.status': { request: z.object({}).strict(), response: SecretsStatusSchema },
  'secrets.set': {
    request: z
      .object({
        name: SecretNameSchema,
        // Trimmed: a key pasted with a trailing newline must not fail authentication mysteriously.
        value: z.string().trim().min(1, 'must not be empty').max(4096),
      })
      .strict(),
    response: SecretsStatusSchema,
  },
  'secrets.clear': { request: z.object({ name: SecretNameSchema }).strict(), response: SecretsStatusSchema },
  /**
   * The user confirms that the stored key may be sent to `origin`, which must be the endpoint in use now (what
   * the page showed): a settings change between showing and confirming is refused with CONFLICT.
   */
  'secrets.confirmEndpoint': {
    request: z.object({ name: z.literal('llm.apiKey'), origin: z.string().min(1).max(2048) }).strict(),
    response: SecretsStatusSchema,
  },
} as const;

import { join } from 'node:path';
import type { ValueSource } from '../contract/doctor.ts';
import { Redactor } from '../shared/redact.ts';
import { createAnnotationHandlers } from './annotation-handlers.ts';
import { APP_NAME, APP_VERSION } from './app-version.ts';
import { resolveConnectionConfig, type ConnectionConfig, type StoredSecretReader } from './config.ts';
import { ensurePrivateDataDir, resolveDataDir } from './data-dir.ts';
import { runDoctor } from './doctor.ts';
import { createEmbeddingHandlers } from './embedding-handlers.ts';
import { EventBus } from './event-bus.ts';
import { createGraphService } from './graph-service.ts';
import { openGraphStore } from './graph-store-factory.ts';
import type { HandlerTable } from './handler-table.ts';
import { createIdeatorHandlers } from './ideator-handlers.ts';
import { createJudgeHandlers } from './judge-handlers.ts';
import { createFileLogger, type Logger } from './logger.ts';
import { createMiningHandlers } from './mining-handlers.ts';
import { createPaperHandlers } from './paper-handlers.ts';
import { createLlmHandlers } from './llm-handlers.ts';
import { currentLlmOrigin, sendableSecretReader } from './llm-key-binding.ts';
import { createPriceHandlers } from './price-handlers.ts';
import { createSecretHandlers, storedSecretReader } from './secret-handlers.ts';
import { SecretStore, type SecretEncryptor } from './secret-store.ts';
import { SettingsStore } from './settings-store.ts';

export interface CoreOptions {
  env?: NodeJS.ProcessEnv;
  /** The Electron shell passes `app.getPath('userData')`; everything else resolves it from the environment. */
  defaultDataDir?: string;
  /** The Electron shell passes safeStorage when the OS keychain is usable; otherwise secrets use a key file. */
  secretEncryptor?: SecretEncryptor;
}

export interface Core {
  dataDir: string;
  /** The environment this core resolves its configuration from (process.env, or a test's own). */
  env: NodeJS.ProcessEnv;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger & { file: string };
  redactor: Redactor;
  /**
   * Encrypted API keys / passwords; read them through `storedSecret` (env still wins in config resolution),
   * which refuses the LLM key for an endpoint the user has not confirmed (KEY_ENDPOINT_UNCONFIRMED).
   */
  secrets: SecretStore;
  storedSecret: StoredSecretReader;
  handlers: HandlerTable;
  connection(): ConnectionConfig;
  close(): Promise<void>;
}

/** Wires the services every transport shares. Plain Node: no Electron, no HTTP here. */
export function createCore(options: CoreOptions = {}): Core {
  const env = options.env ?? process.env;
  const envDir = env['MOTIV_DATA_DIR']?.trim();
  const dataDir = envDir || options.defaultDataDir || resolveDataDir(env);
  const dataDirSource: ValueSource = envDir ? 'env' : 'default';
  const loosenedMode = ensurePrivateDataDir(dataDir);

  const redactor = new Redactor();
  redactor.addSecret(env['MOTIV_LLM_API_KEY']);
  redactor.addSecret(env['MOTIV_NEO4J_PASSWORD']);
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), redactor });
  if (loosenedMode !== null) {
    logger.warn('data directory was readable by other users; tightened to 0700', {
      dataDir,
      was: loosenedMode.toString(8),
    });
  }
  const settings = new SettingsStore(dataDir);
  const events = new EventBus();
  const secrets = new SecretStore(dataDir, { encryptor: options.secretEncryptor });
  const llmOrigin = (): string | null => currentLlmOrigin(settings.get(), env);
  const secretDeps = { store: secrets, env, redactor, logger, llmOrigin };
  const readSecret = storedSecretReader(secretDeps);
  // Every path that sends the key reads it through this: not to an endpoint the user has not confirmed.
  const storedSecret = sendableSecretReader({
    store: secrets,
    env,
    settings: () => settings.get(),
    read: readSecret,
  });
  // Doctor only shows "set / not set" and never sends the key: the plain reader.
  const connection = (): ConnectionConfig =>
    resolveConnectionConfig(settings.get(), env, { value: dataDir, source: dataDirSource }, readSecret);

  const graph = createGraphService({ dataDir, connection, logger, settings, events, env, storedSecret });
  // Opened on first ideator request; its own store handle, so a graph-section reconnect cannot pull it away.
  const ideator = createIdeatorHandlers({
    dataDir,
    env,
    settings,
    events,
    logger,
    openGraph: () => openGraphStore({ dataDir, connection, logger, env }),
    storedApiKey: () => storedSecret('llm.apiKey'),
  });
  // Mining jobs, likewise opened on first use; progress goes out as `mining.event`.
  const mining = createMiningHandlers({
    dataDir,
    env,
    settings,
    events,
    logger,
    openGraph: () => openGraphStore({ dataDir, connection, logger, env }),
    storedApiKey: () => storedSecret('llm.apiKey'),
  });

  const annotations = createAnnotationHandlers({ dataDir, events, logger });
  const judge = createJudgeHandlers({ dataDir, env, settings, events, storedSecret });

  const handlers: HandlerTable = {
    'app.info': async (_request, ctx) => ({
      name: APP_NAME,
      version: APP_VERSION,
      transport: ctx.transport,
      dataDir,
      store: connection().store,
    }),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const next = settings.update(patch);
      logger.info('settings updated', { sections: Object.keys(patch) });
      events.emit('settings.changed', next);
      return next;
    },
    'doctor.run': async () =>
      runDoctor({ dataDir, settingsFile: settings.file, logFile: logger.file, config: connection() }),
    ...graph.handlers,
    // graph.embed: the local MiniLM job (issue 12); its own store handle per job.
    ...createEmbeddingHandlers({
      dataDir,
      env,
      events,
      logger,
      openGraph: () => openGraphStore({ dataDir, connection, logger, env }),
      actor: () => settings.get().profile.displayName || 'local embeddings',
    }),
    ...ideator.handlers,
    ...mining.handlers,
    // papers.import: the app's uploads through the CLI's import run; its own store handle per import.
    ...createPaperHandlers({
      dataDir,
      env,
      settings,
      events,
      logger,
      openGraph: () => openGraphStore({ dataDir, connection, logger, env }),
    }),
    ...createSecretHandlers(secretDeps),
    ...createPriceHandlers(settings),
    ...createLlmHandlers({ settings, env, storedSecret }),
    ...annotations.handlers,
    ...judge.handlers,
  };

  logger.info('core started', { version: APP_VERSION, dataDir });
  return {
    dataDir,
    env,
    settings,
    events,
    logger,
    redactor,
    secrets,
    storedSecret,
    handlers,
    connection,
    close: async () => {
      await ideator.close();
      judge.close();
      await mining.close();
      await graph.close();
      annotations.close();
      logger.info('core stopped');
    },
  };
}

import { join } from 'node:path';
import type { ValueSource } from '../contract/doctor.ts';
import { Redactor } from '../shared/redact.ts';
import { createAnnotationHandlers } from './annotation-handlers.ts';
import { atlasHandlers } from './atlas-handlers.ts';
import { createAtlasService, type AtlasService } from './atlas-service.ts';
import { APP_NAME, APP_VERSION } from './app-version.ts';
import { loadConfig, type AppConfig, type StoredSecretReader } from './config.ts';
import { ensurePrivateDataDir, resolveDataDir } from './data-dir.ts';
import { runDoctor } from './doctor.ts';
import { createEmbeddingHandlers } from './embedding-handlers.ts';
import { EventBus } from './event-bus.ts';
import { createGraphAdminService, type GraphAdminService } from './graph-admin-service.ts';
import { createGraphStoreHandlers } from './graph-store-switch.ts';
import { createGraphService } from './graph-service.ts';
import { openGraphStore } from './graph-store-factory.ts';
import type { HandlerTable } from './handler-table.ts';
import { createIdeationService, type IdeationService } from './ideation-service.ts';
import { ideatorHandlers } from './ideator-handlers.ts';
import { createEvaluationService, type EvaluationService } from './evaluation-service.ts';
import { judgeHandlers } from './judge-handlers.ts';
import { createFileLogger, discardingLogger, LOG_FILE_NAME, type Logger } from './logger.ts';
import { miningHandlers } from './mining-handlers.ts';
import { createMiningService, type MiningService } from './mining-service.ts';
import { paperHandlers } from './paper-handlers.ts';
import { createPaperService, type PaperService } from './paper-service.ts';
import { createLlmHandlers } from './llm-handlers.ts';
import { currentLlmOrigin, roleEndpointKeyReader, sendableSecretReader } from './llm-key-binding.ts';
import { createPriceHandlers } from './price-handlers.ts';
import { protocolHandlers } from './protocol-handlers.ts';
import { ratingsHandlers } from './ratings-handlers.ts';
import { libraryHandlers } from './library-handlers.ts';
import { createLibraryService, type LibraryService } from './library-service.ts';
import { createRatingsService, type RatingsService } from './ratings-service.ts';
import { reportHandlers } from './report-handlers.ts';
import { createReportService, type ReportService } from './report-service.ts';
import { createProtocolService, type ProtocolService } from './protocol-service.ts';
import { createSecretHandlers, storedSecretReader } from './secret-handlers.ts';
import { SecretStore, type SecretEncryptor } from './secret-store.ts';
import { createServiceHost } from './service-host.ts';
import { SettingsStore } from './settings-store.ts';
import { isFirstRun } from './first-run.ts';

export interface CoreOptions {
  env?: NodeJS.ProcessEnv;
  /** The Electron shell passes `app.getPath('userData')`; everything else resolves it from the environment. */
  defaultDataDir?: string;
  /** The Electron shell passes safeStorage when the OS keychain is usable; otherwise secrets use a key file. */
  secretEncryptor?: SecretEncryptor;
  /** 'cli' for `motiv` commands: writes are signed 'cli' (without a display name) and tokens are not streamed. */
  transport?: 'app' | 'cli';
  /**
   * Inspect only (`motiv doctor`): the data directory is neither created nor tightened and nothing is logged,
   * so looking at a machine does not change it. Settings and secrets are read as usual (reading writes nothing).
   */
  readOnly?: boolean;
}

/** The application services, built once; handlers and CLI commands call these, never build their own. */
export interface CoreServices {
  graphAdmin: GraphAdminService;
  ideation: IdeationService;
  mining: MiningService;
  papers: PaperService;
  evaluation: EvaluationService;
  ratings: RatingsService;
  protocol: ProtocolService;
  library: LibraryService;
  reports: ReportService;
  atlas: AtlasService;
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
  services: CoreServices;
  /** The one configuration loader (core/config.ts): settings + env + stored secrets, read afresh per call. */
  connection(): AppConfig;
  close(): Promise<void>;
}

/** Wires the services every transport shares. Plain Node: no Electron, no HTTP here. */
export function createCore(options: CoreOptions = {}): Core {
  const env = options.env ?? process.env;
  const envDir = env['MOTIV_DATA_DIR']?.trim();
  const dataDir = envDir || options.defaultDataDir || resolveDataDir(env);
  const dataDirSource: ValueSource = envDir ? 'env' : 'default';
  const loosenedMode = options.readOnly ? null : ensurePrivateDataDir(dataDir);

  const redactor = new Redactor();
  redactor.addSecret(env['MOTIV_LLM_API_KEY']);
  redactor.addSecret(env['MOTIV_NEO4J_PASSWORD']);
  const logDir = join(dataDir, 'logs');
  const logger = options.readOnly
    ? discardingLogger(join(logDir, LOG_FILE_NAME))
    : createFileLogger({ dir: logDir, redactor });
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
  const keyBinding = { store: secrets, env, settings: () => settings.get(), read: readSecret };
  const storedSecret = sendableSecretReader(keyBinding);
  const roleEndpointKey = roleEndpointKeyReader(keyBinding);
  // Services get the key through the sendable reader; the entries (doctor) only say "set" via the plain one.
  const connection = (): AppConfig =>
    loadConfig({
      settings: settings.get(),
      env,
      dataDir: envDir
        ? { value: dataDir, source: dataDirSource, envVar: 'MOTIV_DATA_DIR' }
        : { value: dataDir, source: dataDirSource },
      sendableSecret: storedSecret,
      storedSecret: readSecret,
      roleEndpointKey,
    });

  const graph = createGraphService({ dataDir, connection, logger, settings, events, env });
  // Every service's own store handle on the configured graph (Neo4j or embedded), so a graph-section reconnect
  // cannot pull it away from a running session or job.
  const host = createServiceHost({
    dataDir,
    env,
    settings,
    events,
    logger,
    transport: options.transport ?? 'app',
    openGraph: () => openGraphStore({ dataDir, connection, logger, env }),
    config: connection,
  });
  // Ideator sessions and mining jobs open their files and store on first use; progress goes out as events.
  const ideation = createIdeationService(host);
  const evaluation = createEvaluationService(host);
  const ratings = createRatingsService(host);
  const services: CoreServices = {
    graphAdmin: createGraphAdminService({ dataDir, connection, logger, env }, host.actor),
    ideation,
    mining: createMiningService(host),
    papers: createPaperService(host),
    evaluation,
    ratings,
    protocol: createProtocolService({ host, ideation, evaluation }),
    library: createLibraryService(host),
    reports: createReportService({ host, ideation, ratings }),
    atlas: createAtlasService(host),
  };

  const annotations = createAnnotationHandlers({ dataDir, events, logger });

  const handlers: HandlerTable = {
    'app.info': async (_request, ctx) => ({
      name: APP_NAME,
      version: APP_VERSION,
      transport: ctx.transport,
      dataDir,
      store: connection().store,
      firstRun: isFirstRun(settings.get(), env),
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
    ...createGraphStoreHandlers({ dataDir, settings, events, logger, connection }),
    // graph.embed: the local MiniLM job (issue 12); its own store handle per job.
    ...createEmbeddingHandlers({
      dataDir,
      env,
      events,
      logger,
      openGraph: () => openGraphStore({ dataDir, connection, logger, env }),
      stats: () => graph.stats(),
      actor: () => settings.get().profile.displayName || 'local embeddings',
    }),
    ...ideatorHandlers(services.ideation, services.reports),
    ...miningHandlers(services.mining),
    ...paperHandlers(services.papers, settings),
    ...createSecretHandlers(secretDeps),
    ...createPriceHandlers(settings),
    ...createLlmHandlers(host),
    ...annotations.handlers,
    ...judgeHandlers(services.evaluation),
    ...protocolHandlers(services.protocol),
    ...ratingsHandlers(services.ratings),
    ...libraryHandlers(services.library),
    ...reportHandlers(services.reports),
    ...atlasHandlers(services.atlas),
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
    services,
    connection,
    close: async () => {
      // Protocol runs first: they stop between units and leave their sessions to the ideation service's close.
      await services.protocol.close();
      await services.ideation.close();
      services.evaluation.close();
      services.ratings.close();
      await services.library.close();
      await services.mining.close();
      await graph.close();
      annotations.close();
      logger.info('core stopped');
    },
  };
}

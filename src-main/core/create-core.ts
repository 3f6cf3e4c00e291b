import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ValueSource } from '../contract/doctor.ts';
import { Redactor } from '../shared/redact.ts';
import { APP_NAME, APP_VERSION } from './app-version.ts';
import { resolveConnectionConfig, type ConnectionConfig } from './config.ts';
import { resolveDataDir } from './data-dir.ts';
import { runDoctor } from './doctor.ts';
import { EventBus } from './event-bus.ts';
import type { HandlerTable } from './handler-table.ts';
import { createFileLogger, type Logger } from './logger.ts';
import { SettingsStore } from './settings-store.ts';

export interface CoreOptions {
  env?: NodeJS.ProcessEnv;
  /** The Electron shell passes `app.getPath('userData')`; everything else resolves it from the environment. */
  defaultDataDir?: string;
}

export interface Core {
  dataDir: string;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger & { file: string };
  redactor: Redactor;
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
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const redactor = new Redactor();
  redactor.addSecret(env['MOTIV_LLM_API_KEY']);
  redactor.addSecret(env['MOTIV_NEO4J_PASSWORD']);
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), redactor });
  const settings = new SettingsStore(dataDir);
  const events = new EventBus();
  const connection = (): ConnectionConfig =>
    resolveConnectionConfig(settings.get(), env, { value: dataDir, source: dataDirSource });

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
  };

  logger.info('core started', { version: APP_VERSION, dataDir });
  return {
    dataDir,
    settings,
    events,
    logger,
    redactor,
    handlers,
    connection,
    close: async () => {
      logger.info('core stopped');
    },
  };
}

import type { GraphStore } from '../graph/port.ts';
import { effectivePrices } from '../llm/index.ts';
import type { PriceTable, ResolvedLlmConfig } from '../llm/index.ts';
import type { AppConfig } from './config.ts';
import type { EventBus } from './event-bus.ts';
import type { Logger } from './logger.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * What every application service (ideation, mining, papers, evaluation) is built on, once, in createCore: the
 * data directory, settings, the configured graph store, the LLM endpoint resolved from env over settings with
 * the key from the encrypted secret store, the user's prices, and who is acting. One place, so a configured
 * Neo4j, a stored key or a price override applies to the app and the CLI alike.
 */
export interface ServiceHost {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  /** Whose process this is: the CLI runs without token streaming and signs its writes 'cli'. */
  transport: 'app' | 'cli';
  /**
   * A fresh handle on the store in use (graph.store: MOTIV_NEO4J_URI, then the Settings choice); a holder that
   * keeps it across calls should follow a switch (lazy-graph-store.ts), as the graph section and mining do.
   */
  openGraph(): Promise<GraphStore>;
  /** The one configuration loader (core/config.ts): settings + env + stored secrets, read afresh per call. */
  config(): AppConfig;
  /** The LLM endpoint as configured now; throws (VALIDATION / CONFIG) on a malformed env value. */
  llmConfig(): ResolvedLlmConfig;
  /** The built-in price table with the user's overrides (Settings → Prices). */
  prices(): PriceTable;
  /** Recorded as createdBy/updatedBy: the profile's display name, else 'app' or 'cli'. */
  actor(): string;
}

/** The host's plain parts; the derived ones (LLM config, prices, actor) are built from these. */
export type ServiceHostParts = Pick<
  ServiceHost,
  'dataDir' | 'env' | 'settings' | 'events' | 'logger' | 'transport' | 'openGraph' | 'config'
>;

export function createServiceHost(parts: ServiceHostParts): ServiceHost {
  const { settings, env, transport } = parts;
  return {
    dataDir: parts.dataDir,
    env,
    settings,
    events: parts.events,
    logger: parts.logger,
    transport,
    openGraph: parts.openGraph,
    config: parts.config,
    llmConfig: () => parts.config().readLlm(),
    prices: () => effectivePrices(settings.get().prices.overrides),
    actor: () => settings.get().profile.displayName || transport,
  };
}

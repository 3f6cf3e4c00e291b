import type { ConfigEntry } from '../contract/doctor.ts';
import type {
  GraphStoreChoice,
  GraphStoreField,
  GraphStoreTest,
  GraphStoreTarget,
} from '../contract/graph-store.ts';
import type { Settings } from '../contract/settings.ts';
import { testNeo4jConnection } from '../graph/neo4j/connection.ts';
import { AppError } from '../shared/errors.ts';
import { neo4jAdapterConfig, type AppConfig } from './config.ts';
import type { EventBus } from './event-bus.ts';
import { storeInfo } from './graph-service.ts';
import type { HandlerTable } from './handler-table.ts';
import type { Logger } from './logger.ts';
import type { SettingsStore } from './settings-store.ts';

export interface GraphStoreSwitchDeps {
  dataDir: string;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  connection(): AppConfig;
}

type GraphStoreHandlers = Pick<HandlerTable, 'graph.storeChoice' | 'graph.testStore' | 'graph.switchStore'>;

/**
 * Settings → Graph store, for the app, browser mode and scripts alike: what is in force (and which variable locks
 * it), a connection test of a choice before it is saved, and the switch itself. The switch saves the choice only
 * when the chosen store answers (or the user said "switch anyway"); the graph section's handle then reopens on
 * the new store (lazy-graph-store.ts drains the old one), and `settings.changed` + `graph.changed` make the
 * banner, explorer and lists reload.
 */
export function createGraphStoreHandlers(deps: GraphStoreSwitchDeps): GraphStoreHandlers {
  const candidate = (target: GraphStoreTarget): AppConfig => {
    const now = deps.settings.get();
    const next: Settings = {
      ...now,
      graph: { store: target.store },
      neo4j: target.neo4j ? { uri: null, user: null, database: null, ...target.neo4j } : now.neo4j,
    };
    return deps.connection().withSettings(next);
  };

  return {
    'graph.storeChoice': async () => choiceOf(deps.connection(), deps.dataDir),
    'graph.testStore': async (target) => testStore(candidate(target), deps.dataDir),
    'graph.switchStore': async (request) => {
      const current = deps.connection();
      const locked = current.storeSource.source === 'env' ? current.storeSource.envVar : undefined;
      if (locked && request.store !== 'neo4j') {
        throw new AppError(
          'VALIDATION',
          `${locked} is set in the environment, so the lab Neo4j is used; unset it to choose the embedded file`,
          { field: 'graph.store', envVar: locked },
        );
      }
      const test = await testStore(candidate(request), deps.dataDir);
      if (!test.ok && !request.force) {
        const here =
          current.store === 'embedded' ? "this computer's file" : storeInfo(current, deps.dataDir).location;
        throw new AppError(
          'UNAVAILABLE',
          `Not switched (still on ${here}): ${test.location} cannot be used: ${test.problem ?? 'no answer'}`,
          { field: request.store === 'neo4j' ? 'neo4j.uri' : 'graph.store', canForce: true },
        );
      }
      const saved = deps.settings.update({
        ...(request.baseRevision === undefined ? {} : { baseRevision: request.baseRevision }),
        graph: { store: request.store },
        ...(request.neo4j ? { neo4j: request.neo4j } : {}),
      });
      deps.logger.info('graph store switched', {
        store: request.store,
        location: test.location,
        forced: !test.ok,
      });
      deps.events.emit('settings.changed', saved);
      // Every open list, count and queue reloads from the store now in use.
      deps.events.emit('graph.changed', { ids: [], action: 'import' });
      return { choice: choiceOf(deps.connection(), deps.dataDir), test, settings: saved };
    },
  };
}

/** Connects to the chosen store without switching to it; a refusal is the answer, not a failure. */
export async function testStore(config: AppConfig, dataDir: string): Promise<GraphStoreTest> {
  const { location } = storeInfo(config, dataDir);
  const base = { store: config.store, location };
  if (config.store === 'embedded') return { ...base, ok: true, problem: null, server: 'SQLite file' };
  const fail = (problem: string): GraphStoreTest => ({ ...base, ok: false, problem, server: null });
  if (!config.neo4j)
    return fail('no Neo4j URI is set: enter the bolt:// or neo4j:// address of the lab server');
  if (config.neo4jProblem) return fail(config.neo4jProblem.message);
  try {
    const server = await testNeo4jConnection(neo4jAdapterConfig(config.neo4j));
    return { ...base, ok: true, problem: null, server: `Neo4j ${server.version}` };
  } catch (err) {
    if (err instanceof AppError) return fail(err.message);
    throw err;
  }
}

function fieldOf(entries: ConfigEntry[], key: string): GraphStoreField {
  const entry = entries.find((e) => e.key === key);
  return { value: entry?.value ?? null, envVar: entry?.source === 'env' ? (entry.envVar ?? null) : null };
}

export function choiceOf(config: AppConfig, dataDir: string): GraphStoreChoice {
  const password = fieldOf(config.entries, 'neo4j.password');
  return {
    store: config.store,
    source: config.storeSource.source,
    envVar: config.storeSource.source === 'env' ? (config.storeSource.envVar ?? null) : null,
    location: storeInfo(config, dataDir).location,
    uri: fieldOf(config.entries, 'neo4j.uri'),
    user: fieldOf(config.entries, 'neo4j.user'),
    database: fieldOf(config.entries, 'neo4j.database'),
    password: { set: password.value !== null, envVar: password.envVar },
  };
}

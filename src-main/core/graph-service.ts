import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { GraphStoreInfo } from '../contract/graph.ts';
import type { GraphStats } from '../graph/views.ts';
import { createLlmClient, embed } from '../llm/index.ts';
import type { LlmClient, ResolvedLlmConfig } from '../llm/index.ts';
import { storeKey, type ConnectionConfig } from './config.ts';
import type { EventBus } from './event-bus.ts';
import { createGraphCurationHandlers, type GraphCurationHandlers } from './graph-curation-handlers.ts';
import { createGraphExploreHandlers, type GraphExploreHandlers } from './graph-explore-handlers.ts';
import {
  createGraphHandlers,
  type GraphHandlerDeps,
  type GraphHandlers,
  type QueryEmbedder,
} from './graph-handlers.ts';
import { embeddedGraphPath, openGraphStore, type GraphStoreHost } from './graph-store-factory.ts';
import { createLazyGraphStore } from './lazy-graph-store.ts';
import { createGraphAdminService } from './graph-admin-service.ts';
import { createNodeNotesHost } from './node-notes-host.ts';
import { createPushJob, type PushJob } from './graph-admin-push.ts';
import type { SettingsStore } from './settings-store.ts';
import { redactUrlCredentials } from '../shared/url-credentials.ts';
import { MINILM, modelsDirFor } from '../embeddings/minilm-files.ts';
import { localQueryEmbedder } from '../embeddings/query-embedder.ts';

export interface GraphServiceHost extends GraphStoreHost {
  settings: SettingsStore;
  events: EventBus;
  env: NodeJS.ProcessEnv;
}

export interface GraphService {
  handlers: GraphHandlers & GraphCurationHandlers & GraphExploreHandlers & PushJob['handlers'];
  /** The counts of the section's own store handle (the embeddings panel's status reads them too). */
  stats(): Promise<GraphStats>;
  close(): Promise<void>;
}

// A search box must answer quickly: one try, a short timeout, then hybrid falls back to lexical and says so.
const QUERY_EMBED_TIMEOUT_MS = 10_000;

/** The Graph section's handlers over the configured store, opened on first use and closed with the core. */
export function createGraphService(host: GraphServiceHost): GraphService {
  const store = createLazyGraphStore(
    () => openGraphStore(host),
    () => storeKey(host.connection()),
  );
  const clientFor = queryClientCache();
  const notes = createNodeNotesHost(
    host,
    () => store.get(),
    () => storeKey(host.connection()),
  );
  const actor = (): string => host.settings.get().profile.displayName || fallbackActor();
  const pushJob = createPushJob({
    events: host.events,
    logger: host.logger,
    copy: (replace, watch) => createGraphAdminService(host, actor).push(replace, watch),
  });
  const deps: GraphHandlerDeps = {
    store: () => store.get(),
    notes: () => notes.get(),
    storeInfo: () => storeInfo(host.connection(), host.dataDir),
    actor,
    push: (replace) => pushJob.push(replace),
    embedder: () => queryEmbedder(host, clientFor),
    changed: (ids, action) => host.events.emit('graph.changed', { ids, action }),
  };
  const handlers = {
    ...createGraphHandlers(deps),
    ...createGraphCurationHandlers(deps),
    ...createGraphExploreHandlers(() => store.get()),
    ...pushJob.handlers,
  };
  return {
    handlers,
    stats: async () => (await store.get()).stats(),
    close: async () => {
      await notes.close();
      await store.close();
    },
  };
}

/** Where the store in use is, as the banner and the Graph store panel show it (credentials redacted). */
export function storeInfo(config: ConnectionConfig, dataDir: string): GraphStoreInfo {
  if (config.store === 'embedded') return { kind: 'embedded', location: embeddedGraphPath(dataDir) };
  if (!config.neo4j) return { kind: 'neo4j', location: '(no URI set)' };
  const database = config.neo4j.database ? ` (database ${config.neo4j.database})` : '';
  return { kind: 'neo4j', location: `${redactUrlCredentials(config.neo4j.uri)}${database}` };
}

// Without a display name the OS account still tells lab members apart in the audit log.
function fallbackActor(): string {
  try {
    return userInfo().username || 'local user';
  } catch {
    return 'local user';
  }
}

/**
 * The search client for a configuration, built once per endpoint, key and models instead of once per search;
 * a change in Settings gives a new client on the next search.
 */
export function queryClientCache(): (config: ResolvedLlmConfig) => LlmClient {
  let cached: { key: string; client: LlmClient } | null = null;
  return (config) => {
    const key = clientKey(config);
    if (cached?.key !== key) {
      const client = createLlmClient(config, {
        timeoutMs: QUERY_EMBED_TIMEOUT_MS,
        retry: { maxAttempts: 1 },
      });
      cached = { key, client };
    }
    return cached.client;
  };
}

// The key is hashed so the cache key never holds the secret itself.
function clientKey(config: ResolvedLlmConfig): string {
  const key = config.apiKey.isSet ? createHash('sha256').update(config.apiKey.reveal()).digest('hex') : '';
  return JSON.stringify([config.baseUrl, key, config.models]);
}

/**
 * Vectors of the local model are queried with the local model (issue 12); any other model goes to the
 * endpoint, and only an explicitly configured one: we never send queries to a default cloud URL unasked.
 */
function queryEmbedder(
  host: GraphServiceHost,
  clientFor: (config: ResolvedLlmConfig) => LlmClient,
): QueryEmbedder {
  const local = localQueryEmbedder(modelsDirFor(host.dataDir, host.env));
  if (!host.connection().llm.roles.embeddings.givenBaseUrl) return local;
  return async (text, model) => {
    if (model === MINILM.modelId) return local(text, model);
    const client = clientFor(host.connection().requireLlm('embeddings'));
    const [vector] = await embed(client, [text], { model });
    if (!vector) throw new Error('the endpoint returned no vector');
    return vector;
  };
}

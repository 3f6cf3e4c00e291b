import { userInfo } from 'node:os';
import type { GraphStoreInfo } from '../contract/graph.ts';
import { createLlmClient, embed } from '../llm/index.ts';
import type { ConnectionConfig } from './config.ts';
import type { EventBus } from './event-bus.ts';
import { createGraphHandlers, type GraphHandlers, type QueryEmbedder } from './graph-handlers.ts';
import { embeddedGraphPath, openGraphStore, type GraphStoreHost } from './graph-store-factory.ts';
import { createLazyGraphStore } from './lazy-graph-store.ts';
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
  handlers: GraphHandlers;
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
  const handlers = createGraphHandlers({
    store: () => store.get(),
    storeInfo: () => storeInfo(host.connection(), host.dataDir),
    actor: () => host.settings.get().profile.displayName || fallbackActor(),
    embedder: () => queryEmbedder(host),
    changed: (ids, action) => host.events.emit('graph.changed', { ids, action }),
  });
  return { handlers, close: () => store.close() };
}

function storeKey(config: ConnectionConfig): string {
  const neo4j = config.neo4j;
  return neo4j ? `neo4j ${neo4j.uri} ${neo4j.database ?? ''} ${neo4j.user ?? ''}` : 'embedded';
}

function storeInfo(config: ConnectionConfig, dataDir: string): GraphStoreInfo {
  if (!config.neo4j) return { kind: 'embedded', location: embeddedGraphPath(dataDir) };
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
 * Vectors of the local model are queried with the local model (issue 12); any other model goes to the
 * endpoint, and only an explicitly configured one: we never send queries to a default cloud URL unasked.
 */
function queryEmbedder(host: GraphServiceHost): QueryEmbedder {
  const local = localQueryEmbedder(modelsDirFor(host.dataDir, host.env));
  if (!host.connection().llm.givenBaseUrl) return local;
  return async (text, model) => {
    if (model === MINILM.modelId) return local(text, model);
    const config = host.connection().requireLlm('embeddings');
    const client = createLlmClient(config, {
      timeoutMs: QUERY_EMBED_TIMEOUT_MS,
      retry: { maxAttempts: 1 },
    });
    const [vector] = await embed(client, [text], { model });
    if (!vector) throw new Error('the endpoint returned no vector');
    return vector;
  };
}

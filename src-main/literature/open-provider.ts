import { join } from 'node:path';
import type { LiteratureProvider } from '../ideator/literature-tool.ts';
import { LITERATURE_CACHE_FILE, LiteratureCache } from './cache.ts';
import { LiteratureCascade } from './cascade.ts';
import type { SourceAttempt } from './cascade.ts';
import type { LiteratureConfig } from './config.ts';

/**
 * The one call the wiring needs: the loaded literature config (core/config.ts) → the ideator's LiteratureProvider, with its cache file in
 * the data directory. `close()` releases the cache. Turned off in the settings → no provider, so the tool
 * answers from the local graph without trying the network.
 */

export interface OpenedLiterature {
  provider: LiteratureProvider | undefined;
  cascade: LiteratureCascade | undefined;
  close(): void;
}

export function openLiteratureProvider(options: {
  dataDir: string;
  config: LiteratureConfig;
  onAttempt?: (attempt: SourceAttempt, query: string) => void;
}): OpenedLiterature {
  const { config } = options;
  if (!config.enabled) return { provider: undefined, cascade: undefined, close: () => undefined };
  const cache =
    config.cacheTtlMs > 0 ? new LiteratureCache(join(options.dataDir, LITERATURE_CACHE_FILE)) : undefined;
  const cascade = new LiteratureCascade({ config, cache, onAttempt: options.onAttempt });
  return { provider: cascade.provider(), cascade, close: () => cache?.close() };
}

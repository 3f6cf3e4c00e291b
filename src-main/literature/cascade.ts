import type { LiteratureProvider } from '../ideator/literature-tool.ts';
import { AppError } from '../shared/errors.ts';
import type { LiteratureCache } from './cache.ts';
import type { LiteratureConfig, SourceName } from './config.ts';
import { SourceError } from './http.ts';
import type { LiteraturePaper, LiteratureSource } from './source.ts';
import { arxiv } from './sources/arxiv.ts';
import { openAlex } from './sources/openalex.ts';
import { semanticScholar } from './sources/semantic-scholar.ts';

/**
 * literature_search's remote side: Semantic Scholar, then OpenAlex, then arXiv. The first source with papers
 * answers; every attempt (answered, cached, failed, skipped) is recorded and reported. A cached answer from
 * any source is used before any request. A source that said 429 is skipped until its Retry-After has passed
 * (default 60 s), so a rate-limited service is not hammered once per tool call. When every source fails the
 * cascade throws LITERATURE_UNAVAILABLE naming each failure, and the tool falls back to the local graph.
 */

export const SOURCES: Record<SourceName, LiteratureSource> = {
  'semantic-scholar': semanticScholar,
  openalex: openAlex,
  arxiv,
};

const DEFAULT_COOLDOWN_MS = 60_000;
const MAX_COOLDOWN_MS = 15 * 60_000;

export interface SourceAttempt {
  source: SourceName;
  outcome: 'answered' | 'cached' | 'empty' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  error?: string;
  status?: number;
  ms: number;
}

export interface CascadeResult {
  source: SourceName;
  papers: LiteraturePaper[];
  cached: boolean;
  attempts: SourceAttempt[];
}

export interface CascadeOptions {
  config: LiteratureConfig;
  cache?: LiteratureCache | undefined;
  /** Each attempt as it ends (the core logs them). */
  onAttempt?: ((attempt: SourceAttempt, query: string) => void) | undefined;
  now?: () => number;
}

export class LiteratureCascade {
  readonly #options: CascadeOptions;
  readonly #now: () => number;
  /** Source → time before which it is not asked again (it said 429). */
  readonly #coolingUntil = new Map<SourceName, number>();

  constructor(options: CascadeOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  #record(attempts: SourceAttempt[], attempt: SourceAttempt, query: string): void {
    attempts.push(attempt);
    try {
      this.#options.onAttempt?.(attempt, query);
    } catch {
      // Logging must not break a search.
    }
  }

  #fromCache(query: string, limit: number, attempts: SourceAttempt[]): CascadeResult | undefined {
    const { cache, config } = this.#options;
    if (!cache || config.cacheTtlMs <= 0) return undefined;
    const notBefore = this.#now() - config.cacheTtlMs;
    for (const endpoint of config.sources) {
      const papers = cache.get(endpoint.name, query, limit, notBefore);
      if (papers && papers.length > 0) {
        this.#record(attempts, { source: endpoint.name, outcome: 'cached', ms: 0 }, query);
        return { source: endpoint.name, papers, cached: true, attempts };
      }
    }
    return undefined;
  }

  async search(query: string, limit: number, signal?: AbortSignal): Promise<CascadeResult> {
    const { config, cache } = this.#options;
    const attempts: SourceAttempt[] = [];
    if (!config.enabled) {
      throw new AppError('LITERATURE_UNAVAILABLE', 'remote literature search is turned off in the settings', {
        attempts,
      });
    }
    const hit = this.#fromCache(query, limit, attempts);
    if (hit) return hit;

    let firstEmpty: CascadeResult | undefined;
    for (const endpoint of config.sources) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'literature search cancelled');
      const until = this.#coolingUntil.get(endpoint.name) ?? 0;
      if (until > this.#now()) {
        const seconds = Math.ceil((until - this.#now()) / 1000);
        this.#record(
          attempts,
          { source: endpoint.name, outcome: 'skipped', error: `rate limited, retry in ${seconds} s`, ms: 0 },
          query,
        );
        continue;
      }
      const started = performance.now();
      try {
        const papers = await SOURCES[endpoint.name].search(endpoint.baseUrl, query, limit, {
          timeoutMs: config.timeoutMs,
          signal,
        });
        const ms = performance.now() - started;
        if (papers.length === 0) {
          // Nothing found here; another index may know the topic.
          this.#record(attempts, { source: endpoint.name, outcome: 'empty', ms }, query);
          firstEmpty ??= { source: endpoint.name, papers, cached: false, attempts };
          continue;
        }
        this.#record(attempts, { source: endpoint.name, outcome: 'answered', ms }, query);
        cache?.set(endpoint.name, query, limit, papers, this.#now());
        return { source: endpoint.name, papers, cached: false, attempts };
      } catch (err) {
        if (err instanceof AppError && err.code === 'CANCELLED') throw err;
        const ms = performance.now() - started;
        const details = err instanceof SourceError ? err.details : undefined;
        if (details?.status === 429) {
          const wait = Math.min(details.retryAfterMs ?? DEFAULT_COOLDOWN_MS, MAX_COOLDOWN_MS);
          this.#coolingUntil.set(endpoint.name, this.#now() + wait);
        }
        this.#record(
          attempts,
          {
            source: endpoint.name,
            outcome: 'failed',
            error: err instanceof Error ? err.message : String(err),
            ...(details?.status === undefined ? {} : { status: details.status }),
            ms,
          },
          query,
        );
      }
    }
    if (firstEmpty) return { ...firstEmpty, attempts };
    const reasons = attempts.map((a) => `${a.source}: ${a.error ?? a.outcome}`).join('; ');
    throw new AppError('LITERATURE_UNAVAILABLE', `every literature source failed (${reasons})`, { attempts });
  }

  /** The shape the ideator's literature_search tool takes. */
  provider(): LiteratureProvider {
    return async (query, limit, signal) => {
      const result = await this.search(query, limit, signal);
      return { source: result.cached ? `${result.source} (cached)` : result.source, papers: result.papers };
    };
  }
}

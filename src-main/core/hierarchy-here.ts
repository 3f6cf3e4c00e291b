import { createLlmClient, UsageLedger } from '../llm/index.ts';
import type { ResolvedLlmConfig, UsageTotals } from '../llm/index.ts';
import { buildHierarchy } from '../mining/hierarchy.ts';
import type { HierarchyKind, HierarchyProgress, HierarchyReport } from '../mining/hierarchy.ts';
import { chooseSimilarity } from '../mining/similarity.ts';
import type { TextEmbedder } from '../mining/similarity.ts';
import { AppError } from '../shared/errors.ts';
import type { ServiceHost } from './service-host.ts';

/** What `motiv hierarchy` asks for; the flags mirror `mining.hierarchy`, over several kinds in one run. */
export interface HierarchyHereRequest {
  kinds: HierarchyKind[];
  levels: number;
  fromLevel: number;
  k?: number;
  signal: AbortSignal;
  onProgress: (kind: HierarchyKind, progress: HierarchyProgress) => void;
}

export interface HierarchyHereOutcome {
  /** 'cancelled': stopped by the signal; the parents written so far are kept. */
  status: 'completed' | 'cancelled';
  reports: HierarchyReport[];
  usage: UsageTotals;
}

/**
 * Parent-node addition run in the foreground for the CLI (the app's background runs are hierarchy-runs.ts), on its
 * own handle of the configured store, with the mining service's endpoint and the user's prices.
 */
export async function runHierarchyHere(
  host: ServiceHost,
  config: ResolvedLlmConfig,
  request: HierarchyHereRequest,
  localEmbedder: () => Promise<TextEmbedder | null>,
): Promise<HierarchyHereOutcome> {
  const settings = host.settings.get().mining;
  const store = await host.openGraph();
  const ledger = new UsageLedger({ prices: host.prices() });
  const llm = createLlmClient(config, { ledger });
  const reports: HierarchyReport[] = [];
  const local = await localEmbedder();
  try {
    for (const kind of request.kinds) {
      const options = { actor: host.actor(), signal: request.signal };
      reports.push(
        await buildHierarchy(store, {
          kind,
          levels: request.levels,
          fromLevel: request.fromLevel,
          k: request.k ?? settings.k,
          similarity: await chooseSimilarity(llm, store, { ...options, local }),
          llm,
          review: settings.autoApprove ? 'approved' : 'proposed',
          ...options,
          onProgress: (progress) => request.onProgress(kind, progress),
        }),
      );
    }
    return { status: 'completed', reports, usage: ledger.totals() };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'CANCELLED') throw err;
    return { status: 'cancelled', reports, usage: ledger.totals() };
  } finally {
    await store.close();
  }
}

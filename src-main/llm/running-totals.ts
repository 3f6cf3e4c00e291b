import type { LedgerEntry, UsageTotals } from './ledger.ts';
import { priceFor } from './prices.ts';
import type { PriceTable, TokenCount } from './prices.ts';

/**
 * A ledger's totals kept as entries arrive, one entry at a time: what `UsageLedger.totals()` says for the same
 * entries (the same sums in the same order, so the same figures), without re-reading the whole ledger per entry.
 * Seed it once from the stored ledger (the source of truth on start), then `add` each new entry.
 */
export class RunningTotals {
  readonly #prices: PriceTable;
  #finished = 0;
  #cachedCalls = 0;
  #failedCalls = 0;
  #requests = 0;
  #promptTokens = 0;
  #completionTokens = 0;
  #cachedPromptTokens = 0;
  #cachedCompletionTokens = 0;
  #billedUsd = 0;
  readonly #billedUnpriced = new Set<string>();
  /** Calls started and not (yet) settled, in the order they started. */
  readonly #open = new Map<string, LedgerEntry>();
  /** Calls whose settling entry was seen: a `started` entry for them no longer counts. */
  readonly #settled = new Set<string>();

  constructor(prices: PriceTable, entries: readonly LedgerEntry[] = []) {
    this.#prices = { ...prices };
    for (const entry of entries) this.add(entry);
  }

  add(entry: LedgerEntry): UsageTotals {
    if (entry.outcome === 'started') {
      if (entry.callId && !this.#settled.has(entry.callId)) this.#open.set(entry.callId, entry);
      return this.totals();
    }
    if (entry.callId) {
      this.#settled.add(entry.callId);
      this.#open.delete(entry.callId);
    }
    if (entry.outcome === 'failed') {
      this.#failedCalls++;
      this.#requests += entry.attempts ?? 1;
      return this.totals();
    }
    this.#finished++;
    if (entry.cached) {
      this.#cachedCalls++;
      this.#cachedPromptTokens += entry.promptTokens;
      this.#cachedCompletionTokens += entry.completionTokens;
      return this.totals();
    }
    this.#requests += entry.attempts ?? 1;
    this.#promptTokens += entry.promptTokens;
    this.#completionTokens += entry.completionTokens;
    this.#billedUsd += this.#usd(entry, this.#billedUnpriced);
    return this.totals();
  }

  totals(): UsageTotals {
    const unpriced = new Set(this.#billedUnpriced);
    let usd = this.#billedUsd;
    let unknownPromptTokens = 0;
    for (const entry of this.#open.values()) {
      usd += this.#usd(entry, unpriced);
      unknownPromptTokens += entry.promptTokens;
    }
    return {
      calls: this.#finished + this.#open.size,
      cachedCalls: this.#cachedCalls,
      unknownCalls: this.#open.size,
      unknownPromptTokens,
      failedCalls: this.#failedCalls,
      requests: this.#requests + this.#open.size,
      promptTokens: this.#promptTokens,
      completionTokens: this.#completionTokens,
      cachedPromptTokens: this.#cachedPromptTokens,
      cachedCompletionTokens: this.#cachedCompletionTokens,
      cost: { usd, unpricedModels: [...unpriced].sort() },
    };
  }

  /** One count's price, as `estimateCost` figures it; a model without a price is noted instead. */
  #usd(count: TokenCount, unpriced: Set<string>): number {
    const price = priceFor(this.#prices, count.model);
    if (!price) {
      if (count.promptTokens + count.completionTokens > 0) unpriced.add(count.model);
      return 0;
    }
    return (
      (count.promptTokens * price.inputPerMTok + count.completionTokens * price.outputPerMTok) / 1_000_000
    );
  }
}

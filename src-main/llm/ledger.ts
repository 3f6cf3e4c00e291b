import { estimateCost, DEFAULT_PRICES } from './prices.ts';
import type { CostReport, PriceTable, TokenCount } from './prices.ts';

/**
 * Every LLM call's tokens, tagged with who asked (role) and for what (session, turn, idea). Sessions persist the
 * entries as they happen (`onEntry`) and restore them with `new UsageLedger({ entries })`. Cached answers are
 * recorded too, marked `cached`, and cost nothing.
 */

export interface UsageTags {
  role?: string;
  sessionId?: string;
  turn?: number;
  ideaId?: string;
}

export interface LedgerEntry extends UsageTags {
  seq: number;
  at: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  cached: boolean;
  durationMs?: number;
  attempts?: number;
}

export type LedgerInput = Omit<LedgerEntry, 'seq' | 'at'>;

export interface UsageTotals {
  calls: number;
  cachedCalls: number;
  /** Billed tokens (cached calls excluded). */
  promptTokens: number;
  completionTokens: number;
  /** Tokens a cache hit saved. */
  cachedPromptTokens: number;
  cachedCompletionTokens: number;
  cost: CostReport;
}

export type TagKey = 'role' | 'sessionId' | 'turn' | 'ideaId' | 'model';

function matches(entry: LedgerEntry, filter: UsageTags & { model?: string }): boolean {
  return (Object.keys(filter) as (keyof typeof filter)[]).every(
    (key) => filter[key] === undefined || entry[key] === filter[key],
  );
}

export class UsageLedger {
  #entries: LedgerEntry[];
  #prices: PriceTable;
  readonly #listeners = new Set<(entry: LedgerEntry) => void>();
  readonly #now: () => Date;

  constructor(options: { prices?: PriceTable; entries?: LedgerEntry[]; now?: () => Date } = {}) {
    this.#prices = { ...(options.prices ?? DEFAULT_PRICES) };
    this.#entries = [...(options.entries ?? [])];
    this.#now = options.now ?? (() => new Date());
  }

  get prices(): PriceTable {
    return { ...this.#prices };
  }

  setPrices(table: PriceTable): void {
    this.#prices = { ...table };
  }

  record(input: LedgerInput): LedgerEntry {
    const last = this.#entries.at(-1);
    const entry: LedgerEntry = { ...input, seq: (last?.seq ?? 0) + 1, at: this.#now().toISOString() };
    this.#entries.push(entry);
    for (const listener of this.#listeners) listener(entry);
    return entry;
  }

  /** Subscribe to new entries (to persist them); returns the unsubscribe function. */
  onEntry(listener: (entry: LedgerEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  entries(filter: UsageTags & { model?: string } = {}): LedgerEntry[] {
    return this.#entries.filter((e) => matches(e, filter));
  }

  totals(filter: UsageTags & { model?: string } = {}): UsageTotals {
    const list = this.entries(filter);
    const billed = list.filter((e) => !e.cached);
    const cached = list.filter((e) => e.cached);
    const sum = (items: LedgerEntry[], key: 'promptTokens' | 'completionTokens') =>
      items.reduce((n, e) => n + e[key], 0);
    return {
      calls: list.length,
      cachedCalls: cached.length,
      promptTokens: sum(billed, 'promptTokens'),
      completionTokens: sum(billed, 'completionTokens'),
      cachedPromptTokens: sum(cached, 'promptTokens'),
      cachedCompletionTokens: sum(cached, 'completionTokens'),
      cost: estimateCost(this.#prices, billed),
    };
  }

  /** Totals grouped by one tag; entries without that tag are grouped under "(none)". */
  totalsBy(key: TagKey, filter: UsageTags = {}): Map<string, UsageTotals> {
    const groups = new Set(this.entries(filter).map((e) => String(e[key] ?? '(none)')));
    const out = new Map<string, UsageTotals>();
    for (const group of [...groups].sort()) {
      const value = group === '(none)' ? undefined : key === 'turn' ? Number(group) : group;
      const subset = this.entries(filter).filter((e) => e[key] === value);
      out.set(group, this.#totalsOf(subset));
    }
    return out;
  }

  /** What the recorded calls cost, cache hits excluded. */
  actualCost(filter: UsageTags & { model?: string } = {}): CostReport {
    return this.totals(filter).cost;
  }

  /** What calls of this size would cost with the current price table (shown before a run starts). */
  estimateCost(counts: TokenCount | TokenCount[]): CostReport {
    return estimateCost(this.#prices, counts);
  }

  toJSON(): LedgerEntry[] {
    return [...this.#entries];
  }

  #totalsOf(subset: LedgerEntry[]): UsageTotals {
    const ledger = new UsageLedger({ prices: this.#prices, entries: subset });
    return ledger.totals();
  }
}

import { randomUUID } from 'node:crypto';
import { estimateCost, DEFAULT_PRICES } from './prices.ts';
import type { CostReport, PriceTable, TokenCount } from './prices.ts';

/**
 * Every LLM call's tokens, tagged with who asked (role) and for what (session, turn, idea). Sessions persist the
 * entries as they happen (`onEntry`) and restore them with `new UsageLedger({ entries })`. Cached answers are
 * recorded too, marked `cached`, and cost nothing.
 *
 * A call is recorded as `started` (with its estimated prompt tokens) before it is sent, and again with the same
 * `callId` when it ends (`record` with the real usage, or `fail`). Entries are only ever appended, so a process
 * that dies mid-call leaves its `started` entry behind: totals count such a call as started with its outcome
 * unknown, and its estimated prompt tokens in the cost, since the provider may well have billed it.
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
  /** Ties a call's `started` entry to the entry that settles it. */
  callId?: string;
  /** Absent for a finished call; `started` before sending; `failed` when it ended without an answer. */
  outcome?: 'started' | 'failed';
}

export type LedgerInput = Omit<LedgerEntry, 'seq' | 'at'>;
export type CallStartInput = UsageTags & { model: string; promptTokens: number };

export interface UsageTotals {
  /** Finished calls plus calls started whose outcome is unknown (failed calls are not counted). */
  calls: number;
  cachedCalls: number;
  /** Calls recorded as started and never settled: the process ended mid-call. */
  unknownCalls: number;
  /** Their estimated prompt tokens, included in `cost` (completion tokens cannot be known). */
  unknownPromptTokens: number;
  /** Calls that ended without an answer (refused, unreachable, cancelled). */
  failedCalls: number;
  /**
   * Requests sent, retries included, failed and unknown calls too: what a provider's own count is compared with
   * (an upper bound: a refused connection reached no one).
   */
  requests: number;
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

  /** Records a call as started before it is sent; settle it with `record({ callId, … })` or `fail`. */
  start(input: CallStartInput): string {
    const callId = randomUUID();
    this.record({ ...input, callId, completionTokens: 0, cached: false, outcome: 'started' });
    return callId;
  }

  /** The started call ended without an answer: it no longer counts as a call of unknown outcome. */
  fail(callId: string, input: UsageTags & { model: string; durationMs?: number; attempts?: number }): void {
    this.record({ ...input, callId, promptTokens: 0, completionTokens: 0, cached: false, outcome: 'failed' });
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
    return totalsOf(this.entries(filter), this.#prices);
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
    return totalsOf(subset, this.#prices);
  }
}

function totalsOf(list: LedgerEntry[], prices: PriceTable): UsageTotals {
  const settled = new Set(list.filter((e) => e.callId && e.outcome !== 'started').map((e) => e.callId));
  const unknown = list.filter((e) => e.outcome === 'started' && !settled.has(e.callId));
  const finished = list.filter((e) => e.outcome === undefined);
  const billed = finished.filter((e) => !e.cached);
  const cached = finished.filter((e) => e.cached);
  const sum = (items: LedgerEntry[], key: 'promptTokens' | 'completionTokens') =>
    items.reduce((n, e) => n + e[key], 0);
  return {
    calls: finished.length + unknown.length,
    cachedCalls: cached.length,
    unknownCalls: unknown.length,
    unknownPromptTokens: sum(unknown, 'promptTokens'),
    failedCalls: list.filter((e) => e.outcome === 'failed').length,
    requests:
      [...billed, ...list.filter((e) => e.outcome === 'failed')].reduce((n, e) => n + (e.attempts ?? 1), 0) +
      unknown.length,
    promptTokens: sum(billed, 'promptTokens'),
    completionTokens: sum(billed, 'completionTokens'),
    cachedPromptTokens: sum(cached, 'promptTokens'),
    cachedCompletionTokens: sum(cached, 'completionTokens'),
    cost: estimateCost(prices, [...billed, ...unknown]),
  };
}

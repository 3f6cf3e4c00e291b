import { describe, expect, it } from 'vitest';
import { UsageLedger } from './ledger.ts';
import type { LedgerEntry } from './ledger.ts';
import { DEFAULT_PRICES, estimateCost, PriceTableSchema, priceFor } from './prices.ts';

const PRICES = {
  'big-model': { inputPerMTok: 10, outputPerMTok: 30 },
  'small-model': { inputPerMTok: 1, outputPerMTok: 2 },
};

function filled(): UsageLedger {
  const ledger = new UsageLedger({ prices: PRICES, now: () => new Date('2026-01-01T00:00:00Z') });
  const base = { cached: false, sessionId: 's1' };
  ledger.record({
    ...base,
    role: 'researcher',
    turn: 1,
    ideaId: 'i1',
    model: 'big-model',
    promptTokens: 1000,
    completionTokens: 100,
  });
  ledger.record({
    ...base,
    role: 'mentor',
    turn: 1,
    ideaId: 'i1',
    model: 'small-model',
    promptTokens: 500,
    completionTokens: 50,
  });
  const researcherTurnTwo = {
    ...base,
    role: 'researcher',
    turn: 2,
    ideaId: 'i1',
    model: 'big-model',
    promptTokens: 2000,
    completionTokens: 200,
  } as const;
  ledger.record(researcherTurnTwo);
  // The same call again, answered from the cache.
  ledger.record({ ...researcherTurnTwo, cached: true });
  ledger.record({
    role: 'judge',
    sessionId: 's2',
    model: 'local-llama',
    promptTokens: 10,
    completionTokens: 1,
    cached: false,
  });
  return ledger;
}

describe('UsageLedger', () => {
  it('numbers and timestamps entries and notifies listeners', () => {
    const ledger = new UsageLedger({ now: () => new Date('2026-01-01T00:00:00Z') });
    const seen: LedgerEntry[] = [];
    const off = ledger.onEntry((e) => seen.push(e));
    ledger.record({ model: 'm', promptTokens: 1, completionTokens: 1, cached: false });
    off();
    ledger.record({ model: 'm', promptTokens: 1, completionTokens: 1, cached: false });
    expect(seen).toHaveLength(1);
    expect(ledger.entries().map((e) => [e.seq, e.at])).toEqual([
      [1, '2026-01-01T00:00:00.000Z'],
      [2, '2026-01-01T00:00:00.000Z'],
    ]);
  });

  it('totals tokens and cost, excluding cache hits from the bill', () => {
    const totals = filled().totals({ sessionId: 's1' });
    expect(totals).toMatchObject({
      calls: 4,
      cachedCalls: 1,
      promptTokens: 3500,
      completionTokens: 350,
      cachedPromptTokens: 2000,
      cachedCompletionTokens: 200,
    });
    // big: 3000 in × $10 + 300 out × $30; small: 500 × $1 + 50 × $2 (per million)
    expect(totals.cost.usd).toBeCloseTo((3000 * 10 + 300 * 30 + 500 + 100) / 1e6, 12);
    expect(totals.cost.unpricedModels).toEqual([]);
  });

  it('groups totals per role, turn, session and idea', () => {
    const ledger = filled();
    const byRole = ledger.totalsBy('role', { sessionId: 's1' });
    expect([...byRole.keys()]).toEqual(['mentor', 'researcher']);
    expect(byRole.get('researcher')?.promptTokens).toBe(3000);
    expect(ledger.totalsBy('turn', { sessionId: 's1' }).get('2')?.calls).toBe(2);
    expect(ledger.totalsBy('sessionId').get('s2')?.calls).toBe(1);
    expect(ledger.totals({ ideaId: 'i1', role: 'mentor' }).promptTokens).toBe(500);
  });

  it('reports models without a price instead of silently pricing them at zero', () => {
    expect(filled().actualCost({ sessionId: 's2' })).toEqual({ usd: 0, unpricedModels: ['local-llama'] });
  });

  it('estimates cost before a run and follows price table edits', () => {
    const ledger = new UsageLedger({ prices: PRICES });
    const estimate = { model: 'big-model', promptTokens: 1_000_000, completionTokens: 100_000 };
    expect(ledger.estimateCost(estimate).usd).toBeCloseTo(13, 10);
    ledger.setPrices({ ...ledger.prices, 'big-model': { inputPerMTok: 0, outputPerMTok: 0 } });
    expect(ledger.estimateCost(estimate).usd).toBe(0);
  });

  it('restores from persisted entries and keeps numbering', () => {
    const persisted = JSON.parse(JSON.stringify(filled())) as LedgerEntry[];
    const restored = new UsageLedger({ prices: PRICES, entries: persisted });
    expect(restored.totals()).toEqual(filled().totals());
    expect(restored.record({ model: 'm', promptTokens: 0, completionTokens: 0, cached: false }).seq).toBe(6);
  });
});

describe('calls in flight', () => {
  it('counts a started call that never settled, with its estimated prompt tokens in the cost', () => {
    const ledger = new UsageLedger({ prices: PRICES });
    const done = ledger.start({ model: 'big-model', promptTokens: 900 });
    ledger.record({
      callId: done,
      model: 'big-model',
      promptTokens: 1000,
      completionTokens: 100,
      cached: false,
      attempts: 2,
    });
    const refused = ledger.start({ model: 'big-model', promptTokens: 900 });
    ledger.fail(refused, { model: 'big-model', attempts: 3 });
    ledger.start({ model: 'big-model', promptTokens: 1_000_000 }); // the process dies here
    // Persisted entries restore the same picture in the next process.
    const restored = new UsageLedger({
      prices: PRICES,
      entries: JSON.parse(JSON.stringify(ledger.entries())),
    });
    for (const totals of [ledger.totals(), restored.totals()]) {
      expect(totals).toMatchObject({
        calls: 2,
        unknownCalls: 1,
        unknownPromptTokens: 1_000_000,
        failedCalls: 1,
        requests: 2 + 3 + 1,
        promptTokens: 1000,
        completionTokens: 100,
      });
      // $10/MTok over 1,001,000 prompt tokens + $30/MTok over 100 completion tokens.
      expect(totals.cost.usd).toBeCloseTo(10.01 + 0.003, 6);
    }
  });
});

describe('price table', () => {
  it('is validated data, and dated model names use the longest matching prefix', () => {
    expect(PriceTableSchema.parse(DEFAULT_PRICES)).toEqual(DEFAULT_PRICES);
    expect(PriceTableSchema.safeParse({ m: { inputPerMTok: -1, outputPerMTok: 0 } }).success).toBe(false);
    expect(priceFor(DEFAULT_PRICES, 'gpt-4o-mini-2024-07-18')).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor(DEFAULT_PRICES, 'gpt-4o-2024-08-06')).toEqual(DEFAULT_PRICES['gpt-4o']);
    expect(estimateCost(PRICES, []).usd).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { UsageLedger } from './ledger.ts';
import { RunningTotals } from './running-totals.ts';

const PRICES = {
  'big-model': { inputPerMTok: 10, outputPerMTok: 30 },
  'small-model': { inputPerMTok: 1, outputPerMTok: 2 },
};

/** A ledger with every kind of entry: billed, cached, unpriced, started and settled, failed, left open. */
function mixedLedger(): UsageLedger {
  const ledger = new UsageLedger({ prices: PRICES });
  for (let i = 0; i < 30; i++) {
    const model = ['big-model', 'small-model', 'unpriced-model'][i % 3] ?? 'big-model';
    const callId = ledger.start({ model, promptTokens: 100 + i, sessionId: 's1' });
    if (i % 7 === 3) continue; // left open: the process "died" mid-call
    if (i % 5 === 4) ledger.fail(callId, { model, attempts: 2 });
    else
      ledger.record({ callId, model, promptTokens: 90 + i, completionTokens: 10 + i, cached: i % 4 === 0 });
  }
  ledger.record({ model: 'big-model', promptTokens: 7, completionTokens: 3, cached: false, attempts: 3 });
  return ledger;
}

describe('RunningTotals', () => {
  it('says what the whole ledger says after every entry, entry by entry', () => {
    const entries = mixedLedger().entries();
    const running = new RunningTotals(PRICES);
    entries.forEach((entry, i) => {
      const whole = new UsageLedger({ prices: PRICES, entries: entries.slice(0, i + 1) }).totals();
      expect(running.add(entry)).toEqual(whole);
    });
  });

  it('seeded from a stored ledger, continues as the ledger would', () => {
    const entries = mixedLedger().entries();
    const running = new RunningTotals(PRICES, entries.slice(0, 20));
    for (const entry of entries.slice(20)) running.add(entry);
    expect(running.totals()).toEqual(new UsageLedger({ prices: PRICES, entries }).totals());
    expect(running.totals().unknownCalls).toBeGreaterThan(0);
    expect(running.totals().cost.unpricedModels).toEqual(['unpriced-model']);
  });
});

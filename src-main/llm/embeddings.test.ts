import { describe, expect, it } from 'vitest';
import { embed } from './embeddings.ts';
import { UsageLedger } from './ledger.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';

const startHarness = stopAfterEach(harness);

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

describe('embed', () => {
  it('returns deterministic unit vectors of the configured size, recorded in the ledger', async () => {
    const ledger = new UsageLedger();
    const h = await startHarness({ name: 'embed', embeddingDimensions: 64 }, { client: { ledger } });
    const texts = ['graph neural networks', 'graph neural network pruning', 'medieval poetry'];
    const [a, b, c] = await embed(h.client, texts, { tags: { sessionId: 's' } });
    const again = await embed(h.client, texts);
    expect(a).toHaveLength(64);
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
    expect(again[0]).toEqual(a);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!)); // shared words make vectors closer
    expect((await embed(h.client, ['x'], { dimensions: 8 }))[0]).toHaveLength(8);
    expect(ledger.entries({ sessionId: 's' })).toMatchObject([
      { role: 'embeddings', outcome: 'started' },
      { role: 'embeddings', completionTokens: 0 },
    ]);
    expect(ledger.totals({ sessionId: 's' })).toMatchObject({ calls: 1, unknownCalls: 0 });
    expect(await embed(h.client, [])).toEqual([]);
  });

  it('retries a 429 on embeddings and surfaces persistent failures', async () => {
    const h = await startHarness({
      name: 'embed-faults',
      steps: [
        { match: { endpoint: 'embeddings' }, times: 3, fault: { type: 'http', status: 502 } },
        { match: { endpoint: 'embeddings' }, fault: { type: 'http', status: 429, retryAfter: 0 } },
      ],
    });
    // Three 502s exhaust the attempts; then a 429 is retried and the default embedding answers.
    expect((await rejection(embed(h.client, ['fails']))).code).toBe('LLM_UNAVAILABLE');
    expect(await embed(h.client, ['ok'])).toHaveLength(1);
    expect(h.server.requests).toHaveLength(5);
  });
});

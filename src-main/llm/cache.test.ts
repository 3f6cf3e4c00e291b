import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, ResponseCache } from './cache.ts';
import { chat } from './chat.ts';
import { UsageLedger } from './ledger.ts';
import { harness } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';

const MESSAGES = [{ role: 'user' as const, content: 'same question' }];

const startHarness = stopAfterEach(harness);
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('response cache', () => {
  it('a rerun with identical inputs makes no request and costs nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'llm-cache-'));
    const ledger = new UsageLedger({ prices: { 'scripted-chat': { inputPerMTok: 1, outputPerMTok: 2 } } });
    const h = await startHarness(
      {
        name: 'cache',
        steps: [
          {
            times: 2,
            reply: { content: 'cached answer', usage: { prompt_tokens: 1000, completion_tokens: 500 } },
          },
        ],
      },
      { client: { ledger, cache: new ResponseCache(dir) } },
    );
    const first = await chat(h.client, { role: 'researcher', messages: MESSAGES, temperature: 0 });
    const tokens: string[] = [];
    const second = await chat(h.client, {
      role: 'researcher',
      messages: MESSAGES,
      temperature: 0,
      onToken: (t) => tokens.push(t), // streaming or not, the inputs that shape the answer are the same
    });
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, content: 'cached answer', attempts: 0 });
    expect(tokens).toEqual(['cached answer']);
    expect(h.server.requests).toHaveLength(1);
    const totals = ledger.totals();
    expect(totals).toMatchObject({ calls: 2, cachedCalls: 1, promptTokens: 1000, cachedPromptTokens: 1000 });
    expect(totals.cost.usd).toBeCloseTo((1000 * 1 + 500 * 2) / 1e6, 10);

    // A different parameter is a different key: this one goes to the server.
    await chat(h.client, { role: 'researcher', messages: MESSAGES, temperature: 0.7 });
    expect(h.server.requests).toHaveLength(2);
  });

  it('useCache: false bypasses the cache', async () => {
    dir = mkdtempSync(join(tmpdir(), 'llm-cache-'));
    const h = await startHarness(
      { name: 'nocache', steps: [{ times: 2, reply: { content: 'x' } }] },
      { client: { cache: new ResponseCache(dir) } },
    );
    await chat(h.client, { role: 'mentor', messages: MESSAGES });
    await chat(h.client, { role: 'mentor', messages: MESSAGES, useCache: false });
    expect(h.server.requests).toHaveLength(2);
  });

  it('keys ignore object key order and unreadable entries are misses', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(cacheKey({ a: 1, b: 2 })).toBe(cacheKey({ b: 2, a: 1 }));
    dir = mkdtempSync(join(tmpdir(), 'llm-cache-'));
    const cache = new ResponseCache(dir);
    const key = cacheKey({ q: 1 });
    cache.set(key, { hello: 'world' });
    expect(cache.get(key)).toEqual({ hello: 'world' });
    expect(readdirSync(join(dir, key.slice(0, 2)))).toEqual([`${key}.json`]);
    writeFileSync(join(dir, key.slice(0, 2), `${key}.json`), '{broken');
    expect(cache.get(key)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { chat } from './chat.ts';
import { parseRetryAfter } from './errors.ts';
import { DEFAULT_RETRY_POLICY, retryDelay, sleep } from './retry.ts';
import { harness, rejection, type Harness } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';

const MESSAGES = [{ role: 'user' as const, content: 'hello' }];

const startHarness = stopAfterEach(harness);

/** A chat as `role` that must fail with `code` and `details`, after `requests` requests reached the server. */
async function expectGivesUp(
  h: Harness,
  role: 'researcher' | 'mentor',
  code: string,
  details: Record<string, unknown>,
  requests: number,
): Promise<void> {
  const err = await rejection(chat(h.client, { role, messages: MESSAGES }));
  expect(err.code).toBe(code);
  expect(err.details).toMatchObject(details);
  expect(h.server.requests).toHaveLength(requests);
}

describe('retries against the scripted server', () => {
  it('waits at least Retry-After (seconds) on 429, then succeeds', async () => {
    const h = await startHarness({
      name: '429',
      steps: [{ fault: { type: 'http', status: 429, retryAfter: 1 } }, { reply: { content: 'ok now' } }],
    });
    const retries: number[] = [];
    const result = await chat(h.client, {
      role: 'researcher',
      messages: MESSAGES,
      onRetry: (e) => retries.push(e.delayMs),
    });
    expect(result.content).toBe('ok now');
    expect(result.attempts).toBe(2);
    const [first, second] = h.server.requests;
    expect(second!.receivedAtMs - first!.receivedAtMs).toBeGreaterThanOrEqual(1000);
    expect(retries[0]).toBeGreaterThanOrEqual(1000);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 1500).toUTCString(); // second resolution: wait is 0.5-1.5 s
    const h = await startHarness({
      name: '429-date',
      steps: [{ fault: { type: 'http', status: 429, retryAfter: at } }, { reply: { content: 'ok' } }],
    });
    const retries: number[] = [];
    await chat(h.client, { role: 'researcher', messages: MESSAGES, onRetry: (e) => retries.push(e.delayMs) });
    const [first, second] = h.server.requests;
    const waited = second!.receivedAtMs - first!.receivedAtMs;
    expect(waited).toBeGreaterThanOrEqual((retries[0] ?? 0) - 5);
    expect(retries[0]).toBeGreaterThan(200);
  });

  it('gives up with LLM_RATE_LIMITED when Retry-After exceeds the cap', async () => {
    const h = await startHarness(
      { name: '429-long', steps: [{ fault: { type: 'http', status: 429, retryAfter: 3600 } }] },
      { client: { retry: { maxRetryAfterMs: 2_000 } } },
    );
    await expectGivesUp(h, 'researcher', 'LLM_RATE_LIMITED', { retryAfterMs: 3_600_000, attempts: 1 }, 1);
  });

  it('retries a 500 and succeeds', async () => {
    const h = await startHarness({
      name: '500',
      steps: [{ fault: { type: 'http', status: 500 } }, { reply: { content: 'recovered' } }],
    });
    const result = await chat(h.client, { role: 'mentor', messages: MESSAGES });
    expect(result).toMatchObject({ content: 'recovered', attempts: 2 });
  });

  it('stops after maxAttempts with LLM_UNAVAILABLE and the attempt count', async () => {
    const h = await startHarness({
      name: '503',
      steps: [{ times: 10, fault: { type: 'http', status: 503, body: 'down' } }],
    });
    await expectGivesUp(h, 'mentor', 'LLM_UNAVAILABLE', { status: 503, attempts: 3 }, 3);
  });

  it('does not retry 401/404/422 but retries 408', async () => {
    const h = await startHarness({
      name: '4xx',
      steps: [
        { fault: { type: 'http', status: 422 } },
        { fault: { type: 'http', status: 408 } },
        { reply: { content: 'after 408' } },
      ],
    });
    expect((await rejection(chat(h.client, { role: 'mentor', messages: MESSAGES }))).code).toBe(
      'LLM_BAD_REQUEST',
    );
    const result = await chat(h.client, { role: 'mentor', messages: MESSAGES });
    expect(result).toMatchObject({ content: 'after 408', attempts: 2 });
  });

  it('retries a garbage (non-JSON) body and then succeeds', async () => {
    const h = await startHarness({
      name: 'garbage',
      steps: [{ fault: { type: 'garbage' } }, { reply: { content: 'clean' } }],
    });
    expect(await chat(h.client, { role: 'mentor', messages: MESSAGES })).toMatchObject({
      content: 'clean',
      attempts: 2,
    });
  });

  it('reports LLM_BAD_OUTPUT when the body stays garbage (JSON or text content type, plain or stream)', async () => {
    const h = await startHarness({
      name: 'garbage-forever',
      steps: [
        { times: 3, fault: { type: 'garbage' } },
        { times: 3, fault: { type: 'garbage', contentType: 'text/html' } },
        { times: 3, fault: { type: 'garbage' } },
      ],
    });
    expect((await rejection(chat(h.client, { role: 'mentor', messages: MESSAGES }))).code).toBe(
      'LLM_BAD_OUTPUT',
    );
    expect((await rejection(chat(h.client, { role: 'mentor', messages: MESSAGES }))).code).toBe(
      'LLM_BAD_OUTPUT',
    );
    const streamed = await rejection(
      chat(h.client, { role: 'mentor', messages: MESSAGES, onToken: () => {} }),
    );
    expect(streamed.code).toBe('LLM_BAD_OUTPUT');
  });

  it('cancels during a backoff wait', async () => {
    const h = await startHarness({
      name: '429-abort',
      steps: [{ fault: { type: 'http', status: 429, retryAfter: 2 } }],
    });
    const controller = new AbortController();
    const started = performance.now();
    const pending = chat(h.client, {
      role: 'mentor',
      messages: MESSAGES,
      signal: controller.signal,
      onRetry: () => setTimeout(() => controller.abort(), 20),
    });
    expect((await rejection(pending)).code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('retry arithmetic', () => {
  it('grows exponentially with jitter within [exp/2, exp] and caps at maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(1, policy, undefined, 0)).toBe(50);
    expect(retryDelay(1, policy, undefined, 1)).toBe(100);
    expect(retryDelay(3, policy, undefined, 1)).toBe(400);
    expect(retryDelay(10, policy, undefined, 1)).toBe(1000);
  });

  it('never waits less than Retry-After', () => {
    expect(retryDelay(1, DEFAULT_RETRY_POLICY, 1000, 0)).toBe(1000);
    expect(retryDelay(1, DEFAULT_RETRY_POLICY, 1000, 1)).toBe(1100);
  });

  it('parses retry-after-ms, seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('sleep rejects with CANCELLED when aborted', async () => {
    const err = await rejection(sleep(10_000, AbortSignal.timeout(10)));
    expect(err.code).toBe('CANCELLED');
  });
});

import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { loadScenarioFile } from '../../e2e/scripted-llm/scenario.ts';
import { chat } from './chat.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';

const MESSAGES = [{ role: 'user' as const, content: 'hello' }];

const startHarness = stopAfterEach(harness);

describe('timeouts', () => {
  it('a stream that stalls after some tokens hits the idle timeout (LLM_TIMEOUT)', async () => {
    const h = await startHarness(
      { name: 'stall', steps: [{ fault: { type: 'stall', afterChunks: 2 } }] },
      { client: { idleTimeoutMs: 200, timeoutMs: 5_000, retry: { maxAttempts: 1 } } },
    );
    const tokens: string[] = [];
    const started = performance.now();
    const err = await rejection(
      chat(h.client, { role: 'researcher', messages: MESSAGES, onToken: (t) => tokens.push(t) }),
    );
    const elapsed = performance.now() - started;
    expect(err.code).toBe('LLM_TIMEOUT');
    expect(err.message).toMatch(/stalled for 200 ms/);
    expect(tokens.join('')).toBe('Thinking about ');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('a stalled stream is retried and the retry succeeds; attempt numbers tell the UI to reset', async () => {
    const h = await startHarness(
      {
        name: 'stall-then-ok',
        steps: [{ fault: { type: 'stall', afterChunks: 1 } }, { reply: { content: 'fine' } }],
      },
      { client: { idleTimeoutMs: 150 } },
    );
    const seen: [string, number][] = [];
    const result = await chat(h.client, {
      role: 'researcher',
      messages: MESSAGES,
      onToken: (t, attempt) => seen.push([t, attempt]),
    });
    expect(result).toMatchObject({ content: 'fine', attempts: 2 });
    expect(seen).toEqual([
      ['Thinking ', 1],
      ['fine', 2],
    ]);
  });

  it('a non-streaming response that never completes hits the per-call deadline', async () => {
    const h = await startHarness(
      { name: 'stall-plain', steps: [{ fault: { type: 'stall' } }] },
      { client: { timeoutMs: 250, retry: { maxAttempts: 1 } } },
    );
    const started = performance.now();
    const err = await rejection(chat(h.client, { role: 'mentor', messages: MESSAGES }));
    expect(err.code).toBe('LLM_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('a slow but steady reply within the deadline succeeds', async () => {
    const h = await startHarness(
      { name: 'delay', steps: [{ delayMs: 100, reply: { content: 'late but fine' } }] },
      { client: { timeoutMs: 1_000 } },
    );
    expect((await chat(h.client, { role: 'mentor', messages: MESSAGES })).content).toBe('late but fine');
  });

  it('the bundled faults scenario: every fault is survived by a retrying client', async () => {
    const scenario = loadScenarioFile(
      join(resolve(import.meta.dirname, '../../e2e/scripted-llm/scenarios'), 'faults.json'),
    );
    const h = await startHarness(scenario, { client: { idleTimeoutMs: 200 } });
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await chat(h.client, { role: 'researcher', messages: MESSAGES, onToken: () => {} });
      answers.push(result.content ?? '');
    }
    expect(answers).toEqual([
      'answer after rate limit',
      'answer after 500',
      'answer after garbage',
      'answer after stall',
    ]);
    expect(h.server.unusedSteps()).toEqual([]);
  });
});

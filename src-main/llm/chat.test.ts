import { describe, expect, it } from 'vitest';
import { assistantMessage, chat } from './chat.ts';
import { UsageLedger } from './ledger.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';

const SYSTEM = { role: 'system' as const, content: 'You are the researcher. [role:researcher]' };
const TOOLS = [
  {
    type: 'function' as const,
    function: { name: 'node_search', description: 'search', parameters: { type: 'object', properties: {} } },
  },
];

const startHarness = stopAfterEach(harness);

describe('chat over the real openai client', () => {
  it('returns a plain reply with usage and records it in the ledger', async () => {
    const ledger = new UsageLedger();
    const h = await startHarness(
      {
        name: 'plain',
        steps: [{ reply: { content: 'Hello there', usage: { prompt_tokens: 11, completion_tokens: 3 } } }],
      },
      { client: { ledger } },
    );
    const result = await chat(h.client, {
      role: 'researcher',
      messages: [SYSTEM, { role: 'user', content: 'hi' }],
      tags: { sessionId: 's1', turn: 1 },
    });
    expect(result).toMatchObject({
      content: 'Hello there',
      finishReason: 'stop',
      cached: false,
      attempts: 1,
    });
    expect(result.usage).toEqual({ promptTokens: 11, completionTokens: 3 });
    expect(h.server.requests[0]?.body.model).toBe('scripted-chat');
    // Started (estimated prompt) before sending, then settled with the provider's usage under the same callId.
    const [started, finished] = ledger.entries();
    expect(ledger.entries()).toHaveLength(2);
    expect(started).toMatchObject({
      role: 'researcher',
      sessionId: 's1',
      outcome: 'started',
      completionTokens: 0,
    });
    expect(finished).toMatchObject({
      role: 'researcher',
      sessionId: 's1',
      turn: 1,
      promptTokens: 11,
      completionTokens: 3,
      cached: false,
      callId: started?.callId,
    });
    expect(finished?.outcome).toBeUndefined();
    expect(ledger.totals()).toMatchObject({ calls: 1, unknownCalls: 0, promptTokens: 11 });
  });

  it('returns native tool calls and sends tools to the server', async () => {
    const h = await startHarness({
      name: 'tools',
      steps: [
        {
          match: { role: 'researcher' },
          reply: {
            content: null,
            tool_calls: [{ id: 'c1', name: 'node_search', arguments: { query: 'graphs' } }],
          },
        },
      ],
    });
    const result = await chat(h.client, { role: 'researcher', messages: [SYSTEM], tools: TOOLS });
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: 'c1', name: 'node_search', arguments: '{"query":"graphs"}' }]);
    expect(h.server.requests[0]?.body.tools).toEqual(TOOLS);
    expect(assistantMessage(result)).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'node_search', arguments: '{"query":"graphs"}' } },
      ],
    });
  });

  it('streams tokens through the callback and assembles streamed tool calls', async () => {
    const h = await startHarness({
      name: 'stream',
      steps: [
        {
          reply: {
            content: 'Let me search the graph.',
            tool_calls: [{ name: 'node_search', arguments: { query: 'graph ideation', k: 5 } }],
            usage: { prompt_tokens: 40, completion_tokens: 12 },
          },
        },
      ],
    });
    const tokens: string[] = [];
    const result = await chat(h.client, {
      role: 'researcher',
      messages: [SYSTEM],
      tools: TOOLS,
      onToken: (text) => tokens.push(text),
    });
    expect(tokens.length).toBeGreaterThan(2);
    expect(tokens.join('')).toBe('Let me search the graph.');
    expect(result.content).toBe('Let me search the graph.');
    expect(result.toolCalls).toHaveLength(1);
    expect(result.toolCalls[0]?.name).toBe('node_search');
    expect(JSON.parse(result.toolCalls[0]?.arguments ?? '')).toEqual({ query: 'graph ideation', k: 5 });
    expect(result.usage).toEqual({ promptTokens: 40, completionTokens: 12 });
    expect(result.usageEstimated).toBe(false);
    expect(h.server.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('cancels promptly when the caller aborts mid-stream, without retrying', async () => {
    const h = await startHarness({ name: 'abort', steps: [{ fault: { type: 'stall', afterChunks: 1 } }] });
    const controller = new AbortController();
    const started = performance.now();
    const pending = chat(h.client, {
      role: 'researcher',
      messages: [SYSTEM],
      signal: controller.signal,
      onToken: () => controller.abort(),
    });
    const err = await rejection(pending);
    expect(err.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(500);
    expect(h.server.requests).toHaveLength(1);
  });

  it('cancels a plain (non-streaming) request that is still waiting', async () => {
    const h = await startHarness({ name: 'abort-plain', steps: [{ fault: { type: 'stall' } }] });
    const started = performance.now();
    const err = await rejection(
      chat(h.client, { role: 'mentor', messages: [SYSTEM], signal: AbortSignal.timeout(100) }),
    );
    expect(err.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(600);
    expect(h.server.requests).toHaveLength(1);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const h = await startHarness({ name: 'pre-aborted', steps: [{ reply: { content: 'never' } }] });
    const err = await rejection(
      chat(h.client, { role: 'mentor', messages: [SYSTEM], signal: AbortSignal.abort() }),
    );
    expect(err.code).toBe('CANCELLED');
    expect(h.server.requests).toHaveLength(0);
  });

  it('fails fast with LLM_BAD_REQUEST on a 400 (no retry)', async () => {
    const h = await startHarness({
      name: 'bad',
      steps: [{ times: 3, fault: { type: 'http', status: 400 } }],
    });
    const err = await rejection(chat(h.client, { role: 'mentor', messages: [SYSTEM] }));
    expect(err.code).toBe('LLM_BAD_REQUEST');
    expect(h.server.requests).toHaveLength(1);
  });
});

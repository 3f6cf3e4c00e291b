import { describe, expect, it } from 'vitest';
import { chat } from './chat.ts';
import { createLlmClient } from './client.ts';
import { resolveLlmConfig } from './config.ts';
import { listModels, testConnection } from './connection.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';

const RIGHT_KEY = 'sk-right-0123456789abcdef';
const WRONG_KEY = 'sk-wrong-SECRET-9876543210';

const startHarness = stopAfterEach(harness);

function clientAt(baseUrl: string, apiKey: string | null = null) {
  return createLlmClient(resolveLlmConfig({ baseUrl, apiKey, model: 'scripted-chat' }, {}), {
    timeoutMs: 1_000,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
  });
}

describe('listModels and testConnection', () => {
  it('lists the models and flags configured models the endpoint does not list', async () => {
    const h = await startHarness({ name: 'models', models: ['b-model', 'scripted-chat', 'a-model'] });
    expect(await listModels(h.client)).toEqual(['a-model', 'b-model', 'scripted-chat']);
    const report = await testConnection(h.client);
    expect(report).toMatchObject({ ok: true, models: ['a-model', 'b-model', 'scripted-chat'] });
    if (report.ok) {
      expect(report.unlistedModels).toEqual([{ role: 'embeddings', model: 'text-embedding-3-small' }]);
    }
  });

  it('explains an unreachable endpoint', async () => {
    const h = await startHarness({ name: 'gone' });
    const baseUrl = h.server.baseUrl;
    await h.stop();
    const report = await testConnection(clientAt(baseUrl));
    expect(report).toMatchObject({ ok: false, code: 'LLM_UNAVAILABLE' });
    if (!report.ok) {
      expect(report.message).toMatch(/connection refused/);
      expect(report.hint).toMatch(/Nothing is listening/);
    }
  });

  it('says when fetch refuses a blocked port, rather than blaming a server that was never asked', async () => {
    const report = await testConnection(clientAt('http://127.0.0.1:9/v1'));
    expect(report).toMatchObject({ ok: false, code: 'LLM_UNAVAILABLE' });
    if (!report.ok) {
      expect(report.message).toMatch(/fetch refuses that port/);
      expect(report.hint).toMatch(/refuse a few ports for safety/);
    }
  });

  it('explains a rejected key (401) without ever showing the key', async () => {
    const h = await startHarness(
      { name: 'auth', steps: [{ reply: { content: 'hi' } }] },
      { apiKey: RIGHT_KEY },
    );
    const wrong = clientAt(h.server.baseUrl, WRONG_KEY);
    const report = await testConnection(wrong);
    expect(report).toMatchObject({ ok: false, code: 'LLM_UNAUTHORIZED' });
    expect(JSON.stringify(report)).not.toContain(WRONG_KEY);
    // The server echoed the key in its error body: make sure that body never reaches our error.
    const err = await rejection(
      chat(wrong, { role: 'researcher', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(err.code).toBe('LLM_UNAUTHORIZED');
    expect(err.message).toMatch(/rejected the API key \(HTTP 401\)/);
    expect(`${err.message} ${JSON.stringify(err.details)} ${err.stack ?? ''}`).not.toContain(WRONG_KEY);
    expect(h.server.requests).toHaveLength(2); // 401 is not retried

    const right = clientAt(h.server.baseUrl, RIGHT_KEY);
    expect(
      (await chat(right, { role: 'researcher', messages: [{ role: 'user', content: 'x' }] })).content,
    ).toBe('hi');
  });

  it('redacts a key echoed in a 400 body', async () => {
    const h = await startHarness({
      name: 'echo',
      steps: [
        {
          fault: {
            type: 'http',
            status: 400,
            body: { error: { message: `bad request for key ${WRONG_KEY}` } },
          },
        },
      ],
    });
    const client = clientAt(h.server.baseUrl, WRONG_KEY);
    const err = await rejection(chat(client, { role: 'mentor', messages: [{ role: 'user', content: 'x' }] }));
    expect(err.code).toBe('LLM_BAD_REQUEST');
    expect(err.message).toContain('[redacted]');
    expect(err.message).not.toContain(WRONG_KEY);
  });

  it('explains a base URL missing /v1', async () => {
    const h = await startHarness({ name: 'no-v1' });
    const report = await testConnection(clientAt(h.server.baseUrl.replace(/\/v1$/, '')));
    expect(report).toMatchObject({ ok: false, code: 'LLM_NOT_FOUND' });
    if (!report.ok) expect(report.hint).toMatch(/\/v1/);
  });

  it('explains an endpoint that is not an OpenAI-compatible API', async () => {
    const h = await startHarness({
      name: 'html',
      steps: [
        { match: { endpoint: 'models' }, fault: { type: 'garbage', contentType: 'text/html' } },
        { match: { endpoint: 'models' }, fault: { type: 'garbage' } },
      ],
    });
    for (let i = 0; i < 2; i++) {
      const report = await testConnection(h.client);
      expect(report).toMatchObject({ ok: false, code: 'LLM_BAD_OUTPUT' });
      if (!report.ok) expect(report.hint).toMatch(/OpenAI-compatible/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chat, chatStructured, createLlmClient, resolveLlmConfig, testConnection } from '../llm/index.ts';
import { IdeaSchema } from '../ideator/idea-schema.ts';
import { AppError } from '../shared/errors.ts';
import { useLocalModel } from '../test-support/local-model.ts';
import { loadLocalModel } from './engine.ts';

const { path, client } = useLocalModel();
const ASK = [
  { role: 'system' as const, content: 'You are a helpful assistant.' },
  { role: 'user' as const, content: 'Name three colours.' },
];

describe('the Local (GGUF) backend through the LLM layer (SmolLM2-135M, one thread)', () => {
  it('streams tokens, returns the same text, and records exact usage at price 0 in the ledger', async () => {
    const llm = client();
    const chunks: string[] = [];
    const result = await chat(llm, {
      role: 'researcher',
      messages: ASK,
      maxTokens: 24,
      onToken: (t) => chunks.push(t),
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(result.content);
    expect(result.usageEstimated).toBe(false);
    expect(result.usage.promptTokens).toBeGreaterThan(5);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeLessThanOrEqual(24);
    expect(result.model).toBe('local:SmolLM2-135M-Instruct.Q4_1.gguf');
    const totals = llm.ledger!.totals();
    expect(totals.calls).toBe(1);
    expect(totals.cost).toEqual({ usd: 0, unpricedModels: [] });
  });

  it('tool_choice required gives a valid call of an offered tool', async () => {
    const result = await chat(client(), {
      role: 'researcher',
      messages: [{ role: 'user', content: 'Find papers about graph neural networks.' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'search_papers',
            description: 'Search the literature',
            parameters: {
              type: 'object',
              properties: { query: { type: 'string' }, limit: { type: 'integer' } },
              required: ['query', 'limit'],
            },
          },
        },
      ],
      toolChoice: 'required',
      maxTokens: 60,
    });
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toHaveLength(1);
    const call = result.toolCalls[0]!;
    expect(call.name).toBe('search_papers');
    expect(call.id).toMatch(/^call_/);
    const args = z.object({ query: z.string(), limit: z.number().int() }).parse(JSON.parse(call.arguments));
    expect(typeof args.query).toBe('string');
  });

  it('JSON-schema output is grammar-constrained and parses against the zod schema', async () => {
    const schema = z.object({
      colour: z.string(),
      count: z.number().int(),
      tags: z.array(z.string()).max(3),
    });
    const result = await chatStructured(client(), schema, {
      role: 'extractor',
      messages: ASK,
      maxTokens: 80,
    });
    expect(schema.safeParse(result.value).success).toBe(true);
    expect(result.repairs).toBe(0);
  });

  it('a capped JSON-schema reply is fitted to its cap: the idea closes its JSON instead of being cut', async () => {
    const cap = 350;
    const schema = z.toJSONSchema(IdeaSchema, { target: 'draft-7' }) as Record<string, unknown>;
    const result = await chat(client(), {
      role: 'researcher',
      messages: [
        { role: 'system', content: 'Reply with a research idea as a JSON object.' },
        { role: 'user', content: 'An idea about making reasoning models stop thinking so long.' },
      ],
      responseFormat: { type: 'json_schema', json_schema: { name: 'research_idea', schema, strict: false } },
      maxTokens: cap,
    });
    expect(result.finishReason).toBe('stop');
    expect(result.usage.completionTokens).toBeLessThanOrEqual(cap);
    expect(IdeaSchema.safeParse(JSON.parse(result.content ?? '')).success).toBe(true);
  }, 90_000);

  it('cancels mid-stream with CANCELLED when the signal aborts', async () => {
    const controller = new AbortController();
    let tokens = 0;
    const call = chat(client(), {
      role: 'researcher',
      messages: ASK,
      maxTokens: 400,
      signal: controller.signal,
      onToken: () => {
        tokens += 1;
        if (tokens === 2) controller.abort();
      },
    });
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tokens).toBeLessThan(10);
  });

  it('loads a model once per path and reuses it', async () => {
    const first = loadLocalModel(path);
    expect(loadLocalModel(path)).toBe(first);
    expect((await first).model.filename).toBeTruthy();
  });

  it('a missing model file is LLM_NOT_CONFIGURED naming the file, before any engine work', async () => {
    const missing = `${path}.nope`;
    const llm = createLlmClient(resolveLlmConfig({ baseUrl: `local:${missing}` }, {}));
    await expect(chat(llm, { role: 'researcher', messages: ASK })).rejects.toSatisfy(
      (err: unknown) =>
        err instanceof AppError &&
        err.code === 'LLM_NOT_CONFIGURED' &&
        err.message.includes(missing) &&
        (err.details as { reason?: string }).reason === 'model-file-missing',
    );
  });

  it('"Test connection" on a local file loads it and lists it; a missing file fails with the reason', async () => {
    const report = await testConnection(client());
    expect(report).toMatchObject({ ok: true, models: ['local:SmolLM2-135M-Instruct.Q4_1.gguf'] });
    const roles = report.ok ? report.unlistedModels.map((u) => u.role) : [];
    expect(roles).toEqual(['embeddings']);
    const missing = await testConnection(
      createLlmClient(resolveLlmConfig({ baseUrl: `local:${path}.nope` }, {})),
    );
    expect(missing).toMatchObject({ ok: false, code: 'LLM_NOT_CONFIGURED' });
  });
});

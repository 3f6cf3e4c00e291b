import { CallGuard } from './call-guard.ts';
import type { LlmClient } from './client.ts';
import { classifyLlmError, llmError } from './errors.ts';
import type { UsageTags } from './ledger.ts';
import { estimateTokens } from './prices.ts';
import { withRetry } from './retry.ts';

/** Embeddings for graph search, through the same retries, timeouts and ledger as chat. */

export interface EmbedOptions {
  model?: string;
  dimensions?: number;
  signal?: AbortSignal;
  tags?: Omit<UsageTags, 'role'>;
}

export async function embed(
  client: LlmClient,
  texts: string[],
  options: EmbedOptions = {},
): Promise<number[][]> {
  if (texts.length === 0) return [];
  const model = options.model ?? client.config.models.embeddings;
  let attempts = 0;
  const started = performance.now();
  const tags = { role: 'embeddings', ...options.tags };
  // Recorded before sending, as chat does: a crash mid-call still leaves the call in the cost report.
  const callId = client.ledger?.start({ ...tags, model, promptTokens: estimateTokens(texts.join('\n')) });
  const { vectors, promptTokens } = await withRetry(
    async (attempt) => {
      attempts = attempt;
      const guard = new CallGuard({ signal: options.signal, timeoutMs: client.timeoutMs });
      try {
        const response = await client.openai.embeddings.create(
          { model, input: texts, ...(options.dimensions ? { dimensions: options.dimensions } : {}) },
          { signal: guard.signal, timeout: client.timeoutMs },
        );
        const data = [...(response.data ?? [])].sort((a, b) => a.index - b.index);
        if (data.length !== texts.length) {
          throw llmError('LLM_BAD_OUTPUT', `Expected ${texts.length} embeddings, got ${data.length}`, {
            retryable: true,
            reason: 'embedding-count',
          });
        }
        return { vectors: data.map((d) => d.embedding), promptTokens: response.usage?.prompt_tokens ?? 0 };
      } catch (err) {
        throw classifyLlmError(err, {
          baseUrl: client.config.baseUrl,
          secret: client.config.apiKey,
          model,
          abortCause: guard.cause,
          timeoutMs: client.timeoutMs,
        });
      } finally {
        guard.dispose();
      }
    },
    { policy: client.retry, signal: options.signal, random: client.random },
  ).catch((err: unknown) => {
    if (callId !== undefined) {
      client.ledger?.fail(callId, {
        ...tags,
        model,
        durationMs: Math.round(performance.now() - started),
        attempts,
      });
    }
    throw err;
  });
  client.ledger?.record({
    ...(callId === undefined ? {} : { callId }),
    ...tags,
    model,
    promptTokens,
    completionTokens: 0,
    cached: false,
    durationMs: Math.round(performance.now() - started),
    attempts,
  });
  return vectors;
}

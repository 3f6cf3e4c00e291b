import type {
  ChatCompletion,
  ChatCompletionAssistantMessageParam,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { cacheKey } from './cache.ts';
import { CallGuard } from './call-guard.ts';
import type { LlmClient } from './client.ts';
import type { ChatRole } from './config.ts';
import { classifyLlmError, llmError } from './errors.ts';
import type { UsageTags } from './ledger.ts';
import { estimateTokens } from './prices.ts';
import { withRetry } from './retry.ts';
import type { RetryEvent } from './retry.ts';
import { StreamAccumulator } from './stream-accumulator.ts';
import type { ToolCall, Usage } from './stream-accumulator.ts';
import type { BackendReply, BackendRequest } from './backend.ts';

/**
 * One chat completion with everything a long-running agent needs: native tool calling, token streaming,
 * cancellation, a deadline per attempt plus an idle timer for stalled streams, retries, the usage ledger and
 * the response cache.
 */

export type ChatMessage = ChatCompletionMessageParam;
export type ChatTool = ChatCompletionFunctionTool;
export type ResponseFormat = ChatCompletionCreateParamsNonStreaming['response_format'];
export type { ToolCall, Usage };

export interface ChatRequest {
  role: ChatRole;
  messages: ChatMessage[];
  /** Overrides the role's configured model. */
  model?: string;
  tools?: ChatTool[];
  toolChoice?: ChatCompletionToolChoiceOption;
  temperature?: number;
  maxTokens?: number;
  responseFormat?: ResponseFormat;
  tags?: Omit<UsageTags, 'role'>;
  /**
   * Streams the reply. `attempt` starts at 1; when it grows the earlier attempt failed mid-stream and its text
   * should be discarded by the UI.
   */
  onToken?: (text: string, attempt: number) => void;
  onRetry?: (event: RetryEvent) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  /** Use the client's response cache (default true when it has one). */
  useCache?: boolean;
}

/** A backend's reply (`usageEstimated`: the provider sent no usage and the counts are our estimate), plus how the
 * call went: served from the cache, and after how many attempts. */
export interface ChatResult extends BackendReply {
  cached: boolean;
  attempts: number;
}

type CachedChat = Omit<ChatResult, 'cached' | 'attempts'>;

/**
 * The assistant turn to append to the transcript before sending tool results back: a reply just received, or
 * one replayed from a stored turn.
 */
export function assistantMessage(result: {
  content: string | null;
  toolCalls: readonly ToolCall[];
}): ChatCompletionAssistantMessageParam {
  return {
    role: 'assistant',
    content: result.content,
    ...(result.toolCalls.length > 0
      ? {
          tool_calls: result.toolCalls.map((c) => ({
            id: c.id,
            type: 'function' as const,
            function: { name: c.name, arguments: c.arguments },
          })),
        }
      : {}),
  };
}

function estimateUsage(messages: ChatMessage[], content: string | null, toolCalls: ToolCall[]): Usage {
  return {
    promptTokens: estimateTokens(JSON.stringify(messages)),
    completionTokens: estimateTokens((content ?? '') + toolCalls.map((c) => c.name + c.arguments).join('')),
  };
}

function fromCompletion(response: unknown, messages: ChatMessage[]): CachedChat | null {
  const completion = response as Partial<ChatCompletion> | null;
  const choice = completion && typeof completion === 'object' ? completion.choices?.[0] : undefined;
  if (!choice?.message) return null;
  const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).flatMap((c) =>
    c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
  );
  const content = choice.message.content ?? null;
  const usage = completion?.usage
    ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }
    : null;
  return {
    content,
    toolCalls,
    finishReason: choice.finish_reason ?? 'stop',
    usage: usage ?? estimateUsage(messages, content, toolCalls),
    usageEstimated: usage === null,
    model: completion?.model ?? '',
  };
}

export async function chat(client: LlmClient, request: ChatRequest): Promise<ChatResult> {
  const model = request.model ?? client.config.models[request.role];
  const timeoutMs = request.timeoutMs ?? client.timeoutMs;
  const idleTimeoutMs = request.idleTimeoutMs ?? client.idleTimeoutMs;
  const wanted: BackendRequest = {
    model,
    messages: request.messages,
    ...(request.tools?.length ? { tools: request.tools } : {}),
    ...(request.toolChoice !== undefined ? { toolChoice: request.toolChoice } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
    ...(request.responseFormat !== undefined ? { responseFormat: request.responseFormat } : {}),
  };
  // The same request in the OpenAI API's names: an unset option stays undefined, which JSON (the request sent and
  // the cache key alike) leaves out.
  const body = {
    model,
    messages: wanted.messages,
    tools: wanted.tools,
    tool_choice: wanted.toolChoice,
    temperature: wanted.temperature,
    max_tokens: wanted.maxTokens,
    response_format: wanted.responseFormat,
  };
  const tags = { role: request.role, ...request.tags };
  const cache = request.useCache === false ? undefined : client.cache;
  const key = cache ? cacheKey({ baseUrl: client.config.baseUrl, ...body }) : '';
  const hit = cache?.get<CachedChat>(key);
  if (hit) {
    if (request.onToken && hit.content) request.onToken(hit.content, 1);
    client.ledger?.record({ ...tags, model, ...hit.usage, cached: true, durationMs: 0, attempts: 0 });
    return { ...hit, cached: true, attempts: 0 };
  }

  const started = performance.now();
  let attempts = 0;
  // Recorded before sending: a crash mid-call still leaves the call (and its prompt) in the cost report.
  const callId = client.ledger?.start({
    ...tags,
    model,
    promptTokens: estimateTokens(JSON.stringify(request.messages)),
  });
  const settleFailed = (): void => {
    if (callId === undefined) return;
    client.ledger?.fail(callId, {
      ...tags,
      model,
      durationMs: Math.round(performance.now() - started),
      attempts,
    });
  };
  const result = await withRetry(
    async (attempt) => {
      attempts = attempt;
      const guard = new CallGuard({
        signal: request.signal,
        timeoutMs,
        idleTimeoutMs: request.onToken ? idleTimeoutMs : undefined,
      });
      const ctx = { baseUrl: client.config.baseUrl, secret: client.config.apiKey, model, timeoutMs };
      try {
        if (client.backend) {
          const onToken = request.onToken;
          return await client.backend.complete(wanted, {
            signal: guard.signal,
            onActivity: () => guard.touch(),
            ...(onToken ? { onText: (text: string) => onToken(text, attempt) } : {}),
          });
        }
        if (!request.onToken) {
          const response: unknown = await client.openai.chat.completions.create(
            { ...body, stream: false },
            { signal: guard.signal, timeout: timeoutMs },
          );
          const parsed = fromCompletion(response, request.messages);
          if (!parsed) {
            throw llmError(
              'LLM_BAD_OUTPUT',
              'The LLM sent a response without choices (not an OpenAI-compatible chat completion)',
              { retryable: true, reason: 'unparseable-response' },
            );
          }
          return parsed;
        }
        const onToken = request.onToken;
        const stream = await client.openai.chat.completions.create(
          { ...body, stream: true, stream_options: { include_usage: true } },
          { signal: guard.signal, timeout: timeoutMs },
        );
        const acc = new StreamAccumulator();
        for await (const chunk of stream) {
          guard.touch();
          const text = acc.add(chunk);
          if (text) onToken(text, attempt);
        }
        if (acc.finishReason === null) {
          throw llmError('LLM_UNAVAILABLE', 'The LLM stream ended before the reply was complete', {
            retryable: true,
            reason: 'truncated-stream',
          });
        }
        const content = acc.sawContent ? acc.content : null;
        const toolCalls = acc.toolCalls;
        return {
          content,
          toolCalls,
          finishReason: acc.finishReason,
          usage: acc.usage ?? estimateUsage(request.messages, content, toolCalls),
          usageEstimated: acc.usage === null,
          model: acc.model ?? model,
        };
      } catch (err) {
        // The guard knows why the request was aborted; the openai client reports every abort alike.
        throw classifyLlmError(err, {
          ...ctx,
          abortCause: guard.cause,
          timeoutMs: guard.cause === 'idle' ? idleTimeoutMs : timeoutMs,
        });
      } finally {
        guard.dispose();
      }
    },
    { policy: client.retry, signal: request.signal, random: client.random, onRetry: request.onRetry },
  ).catch((err: unknown) => {
    settleFailed();
    throw err;
  });

  cache?.set(key, result);
  client.ledger?.record({
    ...(callId === undefined ? {} : { callId }),
    ...tags,
    model,
    ...result.usage,
    cached: false,
    durationMs: Math.round(performance.now() - started),
    attempts,
  });
  return { ...result, cached: false, attempts };
}

import { basename } from 'node:path';
import type { ChatModelFunctions, GbnfJsonSchema } from 'node-llama-cpp';
import type { BackendCallOptions, BackendReply, BackendRequest, ChatBackend } from '../llm/backend.ts';
import { AppError } from '../shared/errors.ts';
import { loadLocalModel } from './engine.ts';
import { toGbnfSchema } from './gbnf-schema.ts';
import { toChatHistory } from './messages.ts';
import { fitToBudget } from './output-budget.ts';
import { createSchemaGrammar } from './schema-grammar.ts';
import { callId, forcedToolCall } from './forced-tool-call.ts';

/**
 * The "Local (GGUF)" backend: one request answered by llama.cpp in this process. Each call gets its own context
 * (so parallel calls never share a KV cache) on the model loaded once per path. Tool choice `required` (or a
 * named function) is grammar-constrained to a valid call; `auto` uses the model's native function calling;
 * `response_format: json_schema` is grammar-constrained JSON. Usage is the context's exact token meter.
 */

export interface LocalBackendOptions {
  /** Path of the .gguf file. */
  path: string;
  /** CPU threads for generation (default 1: two threads collapse on a busy machine). */
  threads?: number;
  /** Context window cap in tokens (default 4096). */
  contextSize?: number;
  /** Generated tokens per call when the request sets no max_tokens; null or absent = up to the context. */
  maxTokens?: number | null;
}

export const DEFAULT_LOCAL_THREADS = 1;
const DEFAULT_CONTEXT_SIZE = 4096;

export function createLocalBackend(options: LocalBackendOptions): ChatBackend {
  return {
    kind: 'local',
    complete: (request, callOptions) => completeLocally(options, request, callOptions),
    listModels: async () => {
      await loadLocalModel(options.path);
      return [`local:${basename(options.path)}`];
    },
  };
}

async function completeLocally(
  options: LocalBackendOptions,
  request: BackendRequest,
  callOptions: BackendCallOptions,
): Promise<BackendReply> {
  const { signal } = callOptions;
  signal.throwIfAborted();
  const local = await loadLocalModel(options.path);
  signal.throwIfAborted();
  const context = await local.model.createContext({
    contextSize: { max: options.contextSize ?? DEFAULT_CONTEXT_SIZE },
    threads: options.threads ?? DEFAULT_LOCAL_THREADS,
  });
  try {
    const sequence = context.getSequence();
    const { LlamaChat } = await import('node-llama-cpp');
    const llamaChat = new LlamaChat({ contextSequence: sequence });
    const tools = request.toolChoice === 'none' ? [] : (request.tools ?? []);
    const forced = forcedToolCall(tools, request.toolChoice);
    const history = toChatHistory(forced ? [...request.messages, forced.instruction] : request.messages);
    // A grammar-bounded reply is fitted to the cap, so it closes its JSON instead of being cut mid-string.
    const schema = forced ? forced.schema : jsonSchemaOf(request.responseFormat);
    const cap = request.maxTokens ?? options.maxTokens ?? null;
    const fitted = schema && cap ? fitToBudget(schema, cap) : null;
    const maxTokens = fitted ? fitted.maxTokens : cap;
    const common = {
      signal,
      stopOnAbortSignal: false,
      ...(maxTokens ? { maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    };
    const grammar = schema
      ? await createSchemaGrammar(local.llama, fitted?.schema ?? schema)
      : request.responseFormat?.type === 'json_object'
        ? await local.llama.getGrammarFor('json')
        : undefined;
    const streamContent = !forced;
    const onTextChunk = (text: string): void => {
      callOptions.onActivity?.();
      if (streamContent) callOptions.onText?.(text);
    };
    const functions = !forced && tools.length > 0 ? nativeFunctions(tools) : undefined;
    // A grammar and native functions exclude each other in node-llama-cpp.
    const response = grammar
      ? await llamaChat.generateResponse(history, { ...common, onTextChunk, grammar })
      : await llamaChat.generateResponse(history, {
          ...common,
          onTextChunk,
          ...(functions ? { functions } : {}),
        });
    const usage = {
      promptTokens: sequence.tokenMeter.usedInputTokens,
      completionTokens: sequence.tokenMeter.usedOutputTokens,
    };
    const model = request.model;
    if (forced) {
      const call = forced.parse(response.response);
      return {
        content: null,
        toolCalls: [call],
        finishReason: 'tool_calls',
        usage,
        usageEstimated: false,
        model,
      };
    }
    const calls = (response as { functionCalls?: { functionName: string; params: unknown }[] }).functionCalls;
    const toolCalls = (calls ?? []).map((call) => ({
      id: callId(),
      name: call.functionName,
      arguments: JSON.stringify(call.params ?? {}),
    }));
    const stop = response.metadata.stopReason;
    return {
      content: response.response === '' && toolCalls.length > 0 ? null : response.response,
      toolCalls,
      finishReason: toolCalls.length > 0 ? 'tool_calls' : stop === 'maxTokens' ? 'length' : 'stop',
      usage,
      usageEstimated: false,
      model,
    };
  } catch (err) {
    if (signal.aborted || err instanceof AppError) throw err;
    throw new AppError('LLM_BAD_REQUEST', `The local model engine failed: ${errorText(err)}`, {
      retryable: false,
      reason: 'local-engine',
    });
  } finally {
    await context.dispose();
  }
}

function jsonSchemaOf(format: BackendRequest['responseFormat']): GbnfJsonSchema | null {
  return format?.type === 'json_schema' ? toGbnfSchema(format.json_schema.schema ?? {}) : null;
}

function nativeFunctions(tools: NonNullable<BackendRequest['tools']>): ChatModelFunctions {
  return Object.fromEntries(
    tools.map((tool) => [
      tool.function.name,
      {
        ...(tool.function.description ? { description: tool.function.description } : {}),
        params: toGbnfSchema(tool.function.parameters ?? { type: 'object', properties: {} }),
      },
    ]),
  );
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import type { ToolCall, Usage } from './stream-accumulator.ts';

/**
 * A chat backend other than an OpenAI-compatible endpoint (today: the built-in local GGUF engine,
 * src-main/local-llm). It answers one attempt of one request in the OpenAI request's terms; chat() keeps the
 * retries, deadline and idle timers, ledger and cache for every backend alike.
 */

export interface BackendRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  tools?: ChatCompletionFunctionTool[];
  toolChoice?: ChatCompletionToolChoiceOption;
  temperature?: number;
  maxTokens?: number;
  responseFormat?: ChatCompletionCreateParamsNonStreaming['response_format'];
}

export interface BackendReply {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: Usage;
  usageEstimated: boolean;
  model: string;
}

export interface BackendCallOptions {
  signal: AbortSignal;
  /** Reply text as it is generated (content only; tool-call arguments are not streamed). */
  onText?: (text: string) => void;
  /** Any generation progress, content or not: keeps the idle timer from firing mid-generation. */
  onActivity?: () => void;
}

export interface ChatBackend {
  /** What the ledger and the UI call this backend ("local"). */
  readonly kind: string;
  complete(request: BackendRequest, options: BackendCallOptions): Promise<BackendReply>;
  /** The models it serves (Settings' "Test connection"); loading them is the test. */
  listModels(): Promise<string[]>;
}

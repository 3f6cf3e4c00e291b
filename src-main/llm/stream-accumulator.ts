import type { ChatCompletionChunk } from 'openai/resources/chat/completions';

/**
 * Folds streamed chunks into one reply. Tool calls arrive as fragments keyed by index (id and name first,
 * arguments in pieces) and must be concatenated; usage comes in a final chunk with no choices.
 */

export interface ToolCall {
  id: string;
  name: string;
  /** The raw JSON text the model produced; may be malformed, so callers parse it themselves. */
  arguments: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export class StreamAccumulator {
  content = '';
  sawContent = false;
  finishReason: string | null = null;
  usage: Usage | null = null;
  model: string | null = null;
  readonly #toolCalls = new Map<number, ToolCall>();

  /** Adds a chunk; returns the content text it carried (for the token callback), or '' if none. */
  add(chunk: ChatCompletionChunk): string {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) {
      this.usage = {
        promptTokens: chunk.usage.prompt_tokens,
        completionTokens: chunk.usage.completion_tokens,
      };
    }
    let text = '';
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0) continue;
      const delta = choice.delta;
      if (typeof delta?.content === 'string' && delta.content.length > 0) {
        this.content += delta.content;
        this.sawContent = true;
        text += delta.content;
      }
      for (const part of delta?.tool_calls ?? []) {
        const current = this.#toolCalls.get(part.index) ?? { id: '', name: '', arguments: '' };
        if (part.id) current.id = part.id;
        if (part.function?.name) current.name += part.function.name;
        if (part.function?.arguments) current.arguments += part.function.arguments;
        this.#toolCalls.set(part.index, current);
      }
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    return text;
  }

  get toolCalls(): ToolCall[] {
    return [...this.#toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  }
}

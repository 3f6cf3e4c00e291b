import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse } from 'node-llama-cpp';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/**
 * OpenAI chat messages → node-llama-cpp's chat history. An assistant turn's tool calls become function calls in
 * the model's response, each carrying the result from the `tool` message that answers it, so the model's own
 * chat template renders the exchange the way it was trained on.
 */

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .join('');
}

function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw; // a malformed call stays in the transcript as the text the model wrote
  }
}

export function toChatHistory(messages: readonly ChatCompletionMessageParam[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const pendingCalls = new Map<string, ChatModelFunctionCall>();
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        history.push({ type: 'system', text: textOf(message.content) });
        break;
      case 'user':
        history.push({ type: 'user', text: textOf(message.content) });
        break;
      case 'assistant': {
        const response: ChatModelResponse['response'] = [];
        const text = textOf(message.content);
        if (text) response.push(text);
        for (const call of message.tool_calls ?? []) {
          if (call.type !== 'function') continue;
          const item: ChatModelFunctionCall = {
            type: 'functionCall',
            name: call.function.name,
            params: parseArguments(call.function.arguments),
            result: null,
          };
          pendingCalls.set(call.id, item);
          response.push(item);
        }
        history.push({ type: 'model', response });
        break;
      }
      case 'tool': {
        const call = pendingCalls.get(message.tool_call_id);
        if (call) call.result = textOf(message.content);
        else history.push({ type: 'user', text: `Tool result: ${textOf(message.content)}` });
        break;
      }
      default:
        break;
    }
  }
  return history;
}

/** All the prompt's text, for a token count when a request is refused before generation. */
export function promptText(messages: readonly ChatCompletionMessageParam[]): string {
  return messages.map((m) => ('content' in m ? textOf(m.content) : '')).join('\n');
}

import type { GbnfJsonSchema } from 'node-llama-cpp';
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type { ToolCall } from '../llm/stream-accumulator.ts';
import { AppError } from '../shared/errors.ts';
import { toGbnfSchema } from './gbnf-schema.ts';
import { randomUUID } from 'node:crypto';

/**
 * `tool_choice: required` (or one named function) on a local model: the reply is grammar-constrained to
 * `{"name": <one of the offered tools>, "arguments": <that tool's parameters>}`, so even a tiny model returns a
 * call that parses and names a real tool. (Native function calling under `auto` lets a model write prose.)
 */

export interface ForcedToolCall {
  instruction: ChatCompletionMessageParam;
  schema: GbnfJsonSchema;
  parse(text: string): ToolCall;
}

export function forcedToolCall(
  tools: readonly ChatCompletionFunctionTool[],
  choice: ChatCompletionToolChoiceOption | undefined,
): ForcedToolCall | null {
  if (tools.length === 0) return null;
  let offered: readonly ChatCompletionFunctionTool[];
  if (choice === 'required') offered = tools;
  else if (choice && typeof choice === 'object' && choice.type === 'function') {
    offered = tools.filter((t) => t.function.name === choice.function.name);
    if (offered.length === 0) {
      throw new AppError(
        'LLM_BAD_REQUEST',
        `tool_choice names ${choice.function.name}, which is not offered`,
        {
          retryable: false,
          reason: 'unknown-tool',
        },
      );
    }
  } else return null;
  const variants = offered.map((tool): GbnfJsonSchema => ({
    type: 'object',
    properties: {
      name: { const: tool.function.name },
      arguments: toGbnfSchema(tool.function.parameters ?? { type: 'object', properties: {} }),
    },
    required: ['name', 'arguments'],
  }));
  const schema: GbnfJsonSchema = variants.length === 1 ? variants[0]! : { oneOf: variants };
  const listing = offered
    .map(
      (t) =>
        `- ${t.function.name}: ${t.function.description ?? ''}\n  parameters: ${JSON.stringify(t.function.parameters ?? {})}`,
    )
    .join('\n');
  return {
    instruction: {
      role: 'user',
      content:
        'Call exactly one of these tools. Reply with only a JSON object {"name": <tool name>, "arguments": {…}}.\n' +
        listing,
    },
    schema,
    parse(text: string): ToolCall {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        throw new AppError('LLM_BAD_OUTPUT', 'The local model stopped before finishing its tool call', {
          retryable: true,
          reason: 'truncated-tool-call',
        });
      }
      const call = parsed as { name: string; arguments: unknown };
      return { id: callId(), name: call.name, arguments: JSON.stringify(call.arguments ?? {}) };
    },
  };
}

export const callId = (): string => `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;

import { messageText } from './match.ts';
import type { ScriptedUsage, StepReply } from './scenario.ts';

/**
 * Builds chat completion bodies and stream chunks in the shapes the OpenAI API uses. Everything is derived from
 * the step and the request, never from the clock, so two runs of a scenario produce identical bytes.
 */

// A fixed timestamp keeps responses (and anything cached from them) byte-identical across runs.
const CREATED = 1_700_000_000;

export interface ToolCallOut {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** Rough token count, ~4 characters a token; good enough for a ledger under test. */
export function approxTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

export function toolCallsOf(reply: StepReply, requestIndex: number): ToolCallOut[] {
  return (reply.tool_calls ?? []).map((call, i) => ({
    id: call.id ?? `call_${requestIndex}_${i}`,
    type: 'function',
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

/** The OpenAI `usage` block of a reply. */
export interface ScriptedUsageOut {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageOf(
  reply: StepReply,
  body: Record<string, unknown>,
  toolCalls: ToolCallOut[],
): ScriptedUsageOut {
  const given: ScriptedUsage | undefined = reply.usage;
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  const prompt =
    given?.prompt_tokens ??
    approxTokens(messages.map((m) => messageText(m)).join('\n')) +
      approxTokens(JSON.stringify(body.tools ?? ''));
  const completion =
    given?.completion_tokens ??
    approxTokens(
      (reply.content ?? '') + toolCalls.map((c) => c.function.name + c.function.arguments).join(''),
    );
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function finishReasonOf(reply: StepReply, toolCalls: ToolCallOut[]): string {
  return reply.finish_reason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
}

/** A chat.completion body as the OpenAI API sends it (JSON, so a plain record here). */
export function completionBody(
  reply: StepReply,
  body: Record<string, unknown>,
  requestIndex: number,
): Record<string, unknown> {
  const toolCalls = toolCallsOf(reply, requestIndex);
  return {
    id: `chatcmpl-scripted-${requestIndex}`,
    object: 'chat.completion',
    created: CREATED,
    model: typeof body.model === 'string' ? body.model : 'scripted-chat',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReasonOf(reply, toolCalls),
      },
    ],
    usage: usageOf(reply, body, toolCalls),
  };
}

/** Split text into word-sized pieces that keep their trailing whitespace, so joining them gives the text back. */
export function splitIntoPieces(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text.length > 0 ? [text] : []);
}

function halves(text: string): string[] {
  if (text.length < 2) return [text];
  const mid = Math.ceil(text.length / 2);
  return [text.slice(0, mid), text.slice(mid)];
}

/** The chunks of a streamed reply, last one carrying finish_reason, plus the usage chunk when asked. */
export function streamChunks(
  reply: StepReply,
  body: Record<string, unknown>,
  requestIndex: number,
): Record<string, unknown>[] {
  const toolCalls = toolCallsOf(reply, requestIndex);
  const base = {
    id: `chatcmpl-scripted-${requestIndex}`,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: typeof body.model === 'string' ? body.model : 'scripted-chat',
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const chunks: Record<string, unknown>[] = [chunk({ role: 'assistant', content: '' })];
  const pieces = reply.chunks ?? (reply.content === null ? [] : splitIntoPieces(reply.content));
  for (const piece of pieces) chunks.push(chunk({ content: piece }));
  toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
        ],
      }),
    );
    // Arguments arrive in pieces in real streams; clients must concatenate them.
    for (const part of halves(call.function.arguments)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
    }
  });
  chunks.push(chunk({}, finishReasonOf(reply, toolCalls)));
  const options = body.stream_options as { include_usage?: unknown } | undefined;
  if (options?.include_usage === true) {
    chunks.push({ ...base, choices: [], usage: usageOf(reply, body, toolCalls) });
  }
  return chunks;
}

export function stallChunks(
  content: string,
  count: number,
  body: Record<string, unknown>,
  requestIndex: number,
): Record<string, unknown>[] {
  const base = {
    id: `chatcmpl-scripted-${requestIndex}`,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: typeof body.model === 'string' ? body.model : 'scripted-chat',
  };
  return splitIntoPieces(content)
    .slice(0, count)
    .map((piece) => ({
      ...base,
      choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }],
    }));
}

import { z } from 'zod';
import { fieldIssues, describeIssues } from '../shared/zod-issues.ts';
import type { FieldIssue } from '../shared/zod-issues.ts';
import { chat } from './chat.ts';
import type { ChatMessage, ChatRequest, ChatResult } from './chat.ts';
import type { LlmClient } from './client.ts';
import { llmError } from './errors.ts';

/**
 * Structured output: the zod schema goes to the model as a JSON schema (`response_format: json_schema`), the
 * reply is parsed and validated, and an invalid reply gets a bounded number of repair turns that show the model
 * exactly what was wrong. Models that ignore response_format still work: fences and prose around the object
 * are tolerated.
 */

export interface StructuredOptions extends Omit<ChatRequest, 'responseFormat' | 'tools' | 'toolChoice'> {
  /** Name of the schema sent to the provider (letters, digits, _ and -). */
  schemaName?: string;
  /** Repair turns after the first answer (default 1). */
  maxRepairs?: number;
}

export interface StructuredResult<T> {
  value: T;
  /** Every call made, the first answer and each repair. */
  calls: ChatResult[];
  repairs: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** The JSON object in a reply: the whole text, else a ```json fence, else the outermost braces. */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const candidates = [trimmed];
  const fence = /```(?:json)?\s*([\s\S]*?)```/.exec(trimmed);
  if (fence?.[1]) candidates.push(fence[1].trim());
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(trimmed.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next candidate
    }
  }
  throw new SyntaxError('no JSON object found');
}

export function parseStructured<T>(schema: z.ZodType<T>, text: string | null): Parsed<T> {
  if (text === null || text.trim() === '') {
    return {
      ok: false,
      issues: [{ path: '(root)', message: 'the reply was empty; a JSON object was expected' }],
    };
  }
  let data: unknown;
  try {
    data = extractJson(text);
  } catch {
    return { ok: false, issues: [{ path: '(root)', message: 'the reply is not valid JSON' }] };
  }
  const result = schema.safeParse(data);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: fieldIssues(result.error) };
}

function repairMessage(issues: FieldIssue[]): ChatMessage {
  return {
    role: 'user',
    content:
      'Your previous reply could not be used. Problems found:\n' +
      issues.map((i) => `- ${i.path}: ${i.message}`).join('\n') +
      '\nReply again with only the corrected JSON object that matches the schema, with no other text.',
  };
}

export async function chatStructured<T>(
  client: LlmClient,
  schema: z.ZodType<T>,
  options: StructuredOptions,
): Promise<StructuredResult<T>> {
  const maxRepairs = options.maxRepairs ?? 1;
  const jsonSchema = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const responseFormat = {
    type: 'json_schema' as const,
    json_schema: { name: options.schemaName ?? 'response', schema: jsonSchema, strict: false },
  };
  const messages = [...options.messages];
  const calls: ChatResult[] = [];
  let issues: FieldIssue[] = [];
  for (let repair = 0; repair <= maxRepairs; repair++) {
    const result = await chat(client, {
      ...options,
      messages: [...messages],
      responseFormat,
    });
    calls.push(result);
    const parsed = parseStructured(schema, result.content);
    if (parsed.ok) return { value: parsed.value, calls, repairs: repair };
    issues = parsed.issues;
    messages.push({ role: 'assistant', content: result.content ?? '' }, repairMessage(issues));
  }
  throw llmError(
    'LLM_BAD_OUTPUT',
    `The model's reply did not match the expected structure after ${maxRepairs} repair attempt(s): ` +
      describeIssues(issues),
    { retryable: false, reason: 'schema-mismatch', attempts: calls.length },
    client.config.apiKey,
  );
}

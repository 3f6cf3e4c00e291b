import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A scenario is the script the fake model follows: an ordered list of steps, each answering requests that match
 * it. Files live in `scenarios/` and are validated here so a typo fails loudly with the file and JSON path.
 */

const UsageSchema = z
  .object({
    prompt_tokens: z.int().min(0),
    completion_tokens: z.int().min(0),
  })
  .strict();

const ToolCallSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().min(1),
    // An object is serialised; a string is sent as is (lets a scenario send malformed arguments on purpose).
    arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).default({}),
  })
  .strict();

const ReplySchema = z
  .object({
    content: z.string().nullable().default(null),
    // Explicit stream pieces; by default the content is split into words.
    chunks: z.array(z.string()).optional(),
    tool_calls: z.array(ToolCallSchema).optional(),
    finish_reason: z.enum(['stop', 'tool_calls', 'length', 'content_filter']).optional(),
    usage: UsageSchema.optional(),
  })
  .strict();

const HttpFaultSchema = z
  .object({
    type: z.literal('http'),
    status: z.int().min(400).max(599),
    // Seconds (number or numeric string) or an HTTP date, sent verbatim as the Retry-After header.
    retryAfter: z.union([z.number().min(0), z.string().min(1)]).optional(),
    body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  })
  .strict();

const StallFaultSchema = z
  .object({
    type: z.literal('stall'),
    // For streams: how many content chunks to send before hanging (the headers always go out).
    afterChunks: z.int().min(0).default(0),
    content: z.string().default('Thinking about this carefully'),
  })
  .strict();

const GarbageFaultSchema = z
  .object({
    type: z.literal('garbage'),
    body: z.string().default('<html><body>502 Bad Gateway (not JSON)</body></html>'),
    contentType: z.string().default('application/json'),
  })
  .strict();

const FaultSchema = z.discriminatedUnion('type', [HttpFaultSchema, StallFaultSchema, GarbageFaultSchema]);

const MatchSchema = z.union([
  z.literal('any'),
  z
    .object({
      endpoint: z.enum(['chat', 'embeddings', 'models']).optional(),
      // A role tag `[role:<name>]` must appear in a system (or developer) message.
      role: z.string().min(1).optional(),
      // Substring of any message's text.
      contains: z.string().min(1).optional(),
      lastMessageRole: z.enum(['system', 'developer', 'user', 'assistant', 'tool']).optional(),
      model: z.string().min(1).optional(),
      stream: z.boolean().optional(),
      structured: z.boolean().optional(),
    })
    .strict(),
]);

const StepSchema = z
  .object({
    id: z.string().min(1).optional(),
    match: MatchSchema.default('any'),
    // How many requests this step answers before it is used up.
    times: z.int().min(1).default(1),
    delayMs: z.int().min(0).max(60_000).default(0),
    reply: ReplySchema.optional(),
    fault: FaultSchema.optional(),
  })
  .strict()
  .refine((s) => (s.reply === undefined) !== (s.fault === undefined), {
    message: 'a step needs exactly one of "reply" or "fault"',
  });

export const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    models: z.array(z.string().min(1)).default(['scripted-chat', 'scripted-embed']),
    embeddingDimensions: z.int().min(1).max(8192).default(384),
    steps: z.array(StepSchema).default([]),
  })
  .strict();

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioStep = Scenario['steps'][number];
export type StepMatch = ScenarioStep['match'];
export type StepReply = NonNullable<ScenarioStep['reply']>;
export type StepFault = NonNullable<ScenarioStep['fault']>;
export type ScriptedUsage = z.infer<typeof UsageSchema>;

export class ScenarioError extends Error {
  readonly source: string;
  readonly issues: { path: string; message: string }[];

  constructor(source: string, issues: { path: string; message: string }[]) {
    super(`Invalid scenario ${source}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ScenarioError';
    this.source = source;
    this.issues = issues;
  }
}

/** `['steps', 2, 'reply']` → `$.steps[2].reply`, the form an editor's JSON path search understands. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    '$',
  );
}

export function parseScenario(data: unknown, source = '<inline scenario>'): Scenario {
  const parsed = ScenarioSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new ScenarioError(
    source,
    parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
  );
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, [{ path: '$', message: `cannot read file (${(err as Error).message})` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(file, [{ path: '$', message: `not valid JSON (${(err as Error).message})` }]);
  }
  return parseScenario(data, file);
}

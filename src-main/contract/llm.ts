import { z } from 'zod';

/**
 * "Test connection" in Settings: one request to the configured endpoint's /models. A failure is an answer, not
 * an error: the code, the message and a hint a user can act on (server down, wrong key, base URL without /v1).
 */

const RoleSchema = z.enum(['researcher', 'mentor', 'judge', 'extractor', 'embeddings']);

export const LlmConnectionReportSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    baseUrl: z.string(),
    latencyMs: z.number(),
    models: z.array(z.string()),
    /** The model each role will use, and where that came from (env, settings, default). */
    roles: z.array(
      z.object({ role: RoleSchema, model: z.string(), source: z.string(), listed: z.boolean() }),
    ),
  }),
  z.object({
    ok: z.literal(false),
    baseUrl: z.string(),
    code: z.string(),
    message: z.string(),
    hint: z.string(),
  }),
]);
export type LlmConnectionReport = z.infer<typeof LlmConnectionReportSchema>;

export const llmChannels = {
  'llm.test': { request: z.object({}).strict(), response: LlmConnectionReportSchema },
} as const;

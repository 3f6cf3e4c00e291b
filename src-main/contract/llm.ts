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
    /**
     * The model each role will use, and where that came from (env, settings, default). `endpoint` is set for a
     * role with an endpoint of its own (llm.endpoints): not the one tested, so `listed` says nothing there.
     */
    roles: z.array(
      z.object({
        role: RoleSchema,
        model: z.string(),
        source: z.string(),
        listed: z.boolean(),
        endpoint: z.string().optional(),
      }),
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

/**
 * Settings' check of a local model file (the "Local (GGUF)" engine) before it is saved: the engine's own rules
 * (the file exists, starts with "GGUF", fits in free memory) plus what its header says. A failed rule is an
 * answer (`ok: false` with the reason), like a failed connection test.
 */
export const LocalModelCheckRequestSchema = z.strictObject({ path: z.string().trim().min(1).max(4096) });

export const LocalModelCheckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    path: z.string(),
    bytes: z.number(),
    /** Memory free when checked: a model is mapped whole. */
    freeBytes: z.number(),
    version: z.number(),
    architecture: z.string().nullable(),
    name: z.string().nullable(),
    /** As the file labels itself: "135M", "7B". */
    sizeLabel: z.string().nullable(),
    contextLength: z.number().nullable(),
    blockCount: z.number().nullable(),
  }),
  z.object({
    ok: z.literal(false),
    path: z.string(),
    reason: z.enum(['model-file-missing', 'not-gguf', 'model-too-large']),
    message: z.string(),
  }),
]);
export type LocalModelCheck = z.infer<typeof LocalModelCheckSchema>;

export const llmChannels = {
  'llm.test': { request: z.object({}).strict(), response: LlmConnectionReportSchema },
  'llm.checkLocalModel': { request: LocalModelCheckRequestSchema, response: LocalModelCheckSchema },
} as const;

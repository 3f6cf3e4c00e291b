import { z } from 'zod';

/**
 * Settings for mining papers into MotivGraph (issue 5). Its own section so an older settings file keeps parsing:
 * every field has a default.
 */
export const MINING_DEFAULTS = {
  // Curators review mined nodes by default; an individual researcher may skip that.
  autoApprove: false,
  // Cosine similarity at or above which two nodes of a kind are near-identical and merged.
  similarityThreshold: 0.92,
  // Neighbours per focal node in the parent-node-addition algorithm.
  k: 5,
  // Papers extracted at the same time.
  concurrency: 2,
  // Ask the extractor model to confirm each near-identical pair before merging it.
  llmConfirmMerges: false,
} as const;

const fields = {
  autoApprove: z.boolean(),
  similarityThreshold: z.number().min(0.5).max(1),
  k: z.int().min(1).max(20),
  concurrency: z.int().min(1).max(16),
  llmConfirmMerges: z.boolean(),
};

export const MiningSettingsSchema = z
  .object({
    autoApprove: fields.autoApprove.default(MINING_DEFAULTS.autoApprove),
    similarityThreshold: fields.similarityThreshold.default(MINING_DEFAULTS.similarityThreshold),
    k: fields.k.default(MINING_DEFAULTS.k),
    concurrency: fields.concurrency.default(MINING_DEFAULTS.concurrency),
    llmConfirmMerges: fields.llmConfirmMerges.default(MINING_DEFAULTS.llmConfirmMerges),
  })
  .strict()
  .default({ ...MINING_DEFAULTS });

export type MiningSettings = z.infer<typeof MiningSettingsSchema>;

import { z } from 'zod';

/**
 * Settings section `prices`: the user's own LLM prices (USD per million tokens), laid over the built-in table
 * in src-main/llm/prices.ts. An override for a model replaces its built-in price; a model not built in is added.
 * Used by the usage ledger and the cost estimate shown before a run.
 */

export const PriceOverrideSchema = z
  .object({
    inputPerMTok: z.number().min(0).max(10_000),
    outputPerMTok: z.number().min(0).max(10_000),
  })
  .strict();

export const PricesSettingsSchema = z
  .object({
    overrides: z.record(z.string().trim().min(1).max(200), PriceOverrideSchema).default({}),
  })
  .strict()
  .default({ overrides: {} });

export type PriceOverride = z.infer<typeof PriceOverrideSchema>;
export type PricesSettings = z.infer<typeof PricesSettingsSchema>;

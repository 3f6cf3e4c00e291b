import { z } from 'zod';

/**
 * The price table is data the user edits (Settings → LLM → Prices), not code: providers change prices and local
 * models cost nothing. Dollars per million tokens. The defaults are list prices at the time of writing and are
 * only a starting point.
 */

export const ModelPriceSchema = z
  .object({
    inputPerMTok: z.number().min(0),
    outputPerMTok: z.number().min(0),
  })
  .strict();

export const PriceTableSchema = z.record(z.string().min(1), ModelPriceSchema);

export type ModelPrice = z.infer<typeof ModelPriceSchema>;
export type PriceTable = z.infer<typeof PriceTableSchema>;

export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'deepseek-chat': { inputPerMTok: 0.27, outputPerMTok: 1.1 },
  'text-embedding-3-small': { inputPerMTok: 0.02, outputPerMTok: 0 },
  'text-embedding-3-large': { inputPerMTok: 0.13, outputPerMTok: 0 },
  // The built-in local engine (base URL local:<file>.gguf): its calls are named local:<file> and cost nothing.
  'local:': { inputPerMTok: 0, outputPerMTok: 0 },
};

export interface CostReport {
  usd: number;
  /** Models with tokens but no price: the total understates the cost by their share. */
  unpricedModels: string[];
}

/** Exact name first, then the longest listed prefix, so `gpt-4o-mini-2024-07-18` is priced as `gpt-4o-mini`. */
export function priceFor(table: PriceTable, model: string): ModelPrice | undefined {
  const exact = table[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const name of Object.keys(table)) {
    if (model.startsWith(name) && (best === undefined || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : table[best];
}

export interface TokenCount {
  model: string;
  promptTokens: number;
  completionTokens: number;
}

export function estimateCost(table: PriceTable, counts: TokenCount | TokenCount[]): CostReport {
  const list = Array.isArray(counts) ? counts : [counts];
  let usd = 0;
  const unpriced = new Set<string>();
  for (const c of list) {
    const price = priceFor(table, c.model);
    if (!price) {
      if (c.promptTokens + c.completionTokens > 0) unpriced.add(c.model);
      continue;
    }
    usd += (c.promptTokens * price.inputPerMTok + c.completionTokens * price.outputPerMTok) / 1_000_000;
  }
  return { usd, unpricedModels: [...unpriced].sort() };
}

/** Rough token count for estimates before a run (~4 characters a token for English prose). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The table in force: built-in prices with the user's overrides (settings section `prices`) laid over them.
 * An override replaces a built-in entry of the same name and, being an exact name, beats any prefix match.
 */
export function effectivePrices(overrides: PriceTable, builtIn: PriceTable = DEFAULT_PRICES): PriceTable {
  return { ...builtIn, ...overrides };
}

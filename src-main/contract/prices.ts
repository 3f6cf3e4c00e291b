import { z } from 'zod';
import { PriceOverrideSchema } from './settings-prices.ts';

/**
 * The price table the ledger and cost estimates use: the built-in list prices, the user's overrides (settings
 * section `prices`), and the merged result. Edits go through `settings.update({ prices: { overrides } })`.
 */

const Table = z.record(z.string(), PriceOverrideSchema);

export const PriceTableViewSchema = z.object({ builtIn: Table, overrides: Table, effective: Table });
export type PriceTableView = z.infer<typeof PriceTableViewSchema>;

export const pricesChannels = {
  'prices.table': { request: z.object({}).strict(), response: PriceTableViewSchema },
} as const;

import { DEFAULT_PRICES, effectivePrices } from '../llm/prices.ts';
import type { HandlerTable } from './handler-table.ts';
import type { SettingsStore } from './settings-store.ts';

/** `prices.table`: the built-in prices, the user's overrides and the table in force, for the Settings editor. */
export function createPriceHandlers(settings: SettingsStore): Pick<HandlerTable, 'prices.table'> {
  return {
    'prices.table': async () => {
      const overrides = settings.get().prices.overrides;
      return { builtIn: { ...DEFAULT_PRICES }, overrides, effective: effectivePrices(overrides) };
    },
  };
}

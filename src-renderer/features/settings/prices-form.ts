import type { PriceOverride, PriceTableView } from '../../../src-main/contract/index.ts';

/**
 * The price editor's rows as form inputs hold them (strings), and the overrides they amount to. A row equal to
 * its built-in price is no override; a model that is not built in is a custom entry.
 */

export interface PriceRow {
  model: string;
  input: string;
  output: string;
  builtIn: PriceOverride | null;
}

export function rowsFrom(view: PriceTableView): PriceRow[] {
  const names = [...new Set([...Object.keys(view.builtIn), ...Object.keys(view.overrides)])].sort();
  return names.map((model) => {
    const price = view.overrides[model] ?? view.builtIn[model];
    return {
      model,
      input: String(price?.inputPerMTok ?? ''),
      output: String(price?.outputPerMTok ?? ''),
      builtIn: view.builtIn[model] ?? null,
    };
  });
}

export function newRow(): PriceRow {
  return { model: '', input: '0', output: '0', builtIn: null };
}

function amount(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 10_000 ? n : null;
}

export interface OverridesResult {
  overrides: Record<string, PriceOverride>;
  /** Row index → what is wrong with it. */
  errors: Record<number, string>;
}

export function overridesFrom(rows: PriceRow[]): OverridesResult {
  const overrides: Record<string, PriceOverride> = {};
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const model = row.model.trim();
    if (!model) {
      errors[index] = 'name the model';
      return;
    }
    if (seen.has(model)) {
      errors[index] = `${model} is listed twice`;
      return;
    }
    seen.add(model);
    const input = amount(row.input);
    const output = amount(row.output);
    if (input === null || output === null) {
      errors[index] = 'prices are dollars per million tokens, from 0 to 10000';
      return;
    }
    const same = row.builtIn && row.builtIn.inputPerMTok === input && row.builtIn.outputPerMTok === output;
    if (!same) overrides[model] = { inputPerMTok: input, outputPerMTok: output };
  });
  return { overrides, errors };
}

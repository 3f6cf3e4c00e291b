import { describe, expect, it } from 'vitest';
import { newRow, overridesFrom, rowsFrom } from './prices-form.ts';

const view = {
  builtIn: {
    'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
    'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  },
  overrides: {
    'gpt-4o': { inputPerMTok: 2, outputPerMTok: 8 },
    'llama3.1:8b': { inputPerMTok: 0, outputPerMTok: 0 },
  },
  effective: {},
};

describe('price editor rows', () => {
  it('shows built-in prices with the overrides laid over them, custom models included', () => {
    const rows = rowsFrom(view);
    expect(rows.map((r) => [r.model, r.input, r.output, r.builtIn !== null])).toEqual([
      ['gpt-4o', '2', '8', true],
      ['gpt-4o-mini', '0.15', '0.6', true],
      ['llama3.1:8b', '0', '0', false],
    ]);
  });

  it('keeps only what differs from the built-in table, so unchanged rows follow future list prices', () => {
    const rows = rowsFrom(view);
    expect(overridesFrom(rows)).toEqual({ overrides: view.overrides, errors: {} });
    const gpt4o = rows[0];
    if (gpt4o) {
      gpt4o.input = '2.5';
      gpt4o.output = '10';
    }
    expect(overridesFrom(rows).overrides).toEqual({ 'llama3.1:8b': { inputPerMTok: 0, outputPerMTok: 0 } });
  });

  it('names the row that is wrong: no model, a duplicate, a negative or non-numeric price', () => {
    const rows = [
      ...rowsFrom(view),
      newRow(),
      { ...newRow(), model: 'gpt-4o' },
      { ...newRow(), model: 'x', input: '-1' },
    ];
    rows.push({ ...newRow(), model: 'y', output: 'cheap' });
    expect(overridesFrom(rows).errors).toEqual({
      3: 'name the model',
      4: 'gpt-4o is listed twice',
      5: 'prices are dollars per million tokens, from 0 to 10000',
      6: 'prices are dollars per million tokens, from 0 to 10000',
    });
  });
});

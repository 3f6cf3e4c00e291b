import { describe, expect, it } from 'vitest';
import { canResume, formatMeanSd, TABLE_COLUMNS, type ProtocolRow } from './protocol-table.ts';

const row: ProtocolRow = {
  setting: 'full',
  ideas: 4,
  novelty: { mean: 8.391, sd: 0.5, n: 4 },
  experiment: { mean: 8.64, sd: 0, n: 1 },
  motivation: null,
  feasibility: null,
  clarity: null,
  paperMean: 8.5,
  eloAverage: { mean: 1063.6, sd: 12.2, n: 2 },
  diversity: 0.4512,
  meanLength: 312.4,
  tokensPerIdea: 5321.2,
  costPerIdea: null,
};

describe('protocol table', () => {
  it('shows mean ± sd when there is a spread to show, the mean alone for one value, a dash for none', () => {
    expect(formatMeanSd(row.novelty)).toBe('8.39 ± 0.50');
    expect(formatMeanSd(row.experiment)).toBe('8.64');
    expect(formatMeanSd(null)).toBe('—');
    expect(formatMeanSd(row.eloAverage, 0)).toBe('1064 ± 12');
  });

  it('lays a row out in the paper’s shape, unknown cost as "no price"', () => {
    const cells = Object.fromEntries(TABLE_COLUMNS.map((c) => [c.key, c.cell(row)]));
    expect(cells).toEqual({
      setting: 'full',
      ideas: '4',
      novelty: '8.39 ± 0.50',
      experiment: '8.64',
      motivation: '—',
      feasibility: '—',
      clarity: '—',
      paperMean: '8.50',
      eloAverage: '1064 ± 12',
      diversity: '0.451',
      meanLength: '312',
      tokensPerIdea: '5321',
      costPerIdea: 'no price',
    });
    expect(TABLE_COLUMNS.find((c) => c.key === 'costPerIdea')?.cell({ ...row, costPerIdea: 0.0123 })).toBe(
      '$0.01',
    );
  });

  it('offers resume for stopped runs only', () => {
    expect(
      ['cancelled', 'failed', 'interrupted', 'running', 'completed'].map((s) => canResume(s as never)),
    ).toEqual([true, true, true, false, false]);
  });
});

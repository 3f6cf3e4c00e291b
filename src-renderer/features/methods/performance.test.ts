import { describe, expect, it } from 'vitest';
import json from '../../../resources/planning-methods.json';
import { DatasetSchema } from './dataset-schema.ts';
import { cellValue, chartModel, meanByFinetune, sortRows } from './performance.ts';

const dataset = DatasetSchema.parse(json);
const [web, embodied] = dataset.performanceTables;
if (!web || !embodied) throw new Error('tables missing');

describe('performance tables', () => {
  it('sorts by a score column with "not reported" last in both directions', () => {
    const desc = sortRows(web.rows, 'col:Mind2Web', 'desc');
    expect(desc[0]?.method).toBe('UI-TARS');
    expect(cellValue(desc[0]!, 'Mind2Web')).toBe(64.7);
    const asc = sortRows(web.rows, 'col:Mind2Web', 'asc');
    expect(cellValue(asc[0]!, 'Mind2Web')).toBe(6.5);
    for (const rows of [asc, desc]) {
      const values = rows.map((r) => cellValue(r, 'Mind2Web'));
      const firstNull = values.indexOf(null);
      expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
    }
  });

  it('sorts by date and text and is stable', () => {
    const byDate = sortRows(embodied.rows, 'date', 'asc');
    expect(byDate[0]?.dateKey).toBe('2023-10');
    expect(byDate.at(-1)?.dateKey).toBe('2025-05');
    expect(sortRows(embodied.rows, 'method', 'asc')[0]?.method).toBe('Agent-R');
  });

  it('charts reported scores by date, telling finetuned rows apart', () => {
    const model = chartModel(embodied, 'ALFWorld');
    expect(model.points).toHaveLength(15);
    expect(model.missing).toBe(1);
    expect(model.points.filter((p) => !p.finetune).map((p) => p.label)).toContain('CDMem (GPT-4o)');
    for (const p of model.points) {
      expect(p.x).toBeGreaterThanOrEqual(model.plot.left);
      expect(p.x).toBeLessThanOrEqual(model.plot.right);
      expect(p.y).toBeGreaterThanOrEqual(model.plot.top);
      expect(p.y).toBeLessThanOrEqual(model.plot.bottom);
    }
    const best = model.points.reduce((a, b) => (b.value > a.value ? b : a));
    expect(best.y).toBe(Math.min(...model.points.map((p) => p.y)));
    expect(model.yTicks[0]?.label).toBe('0');
  });

  it('keeps the obscured cell out of the chart', () => {
    const model = chartModel(web, 'ScreenSpot');
    expect(model.points.some((p) => p.label.startsWith('Digi-Q'))).toBe(false);
  });

  it('averages finetuned vs not', () => {
    const means = meanByFinetune(web, 'Mind2Web');
    expect(means.finetuned).toBeGreaterThan(0);
    expect(means.not).toBeCloseTo((36.4 + 8.0 + 27.0 + 21.6) / 4, 5);
    expect(meanByFinetune(embodied, 'ScienceWorld').not).toBe(56);
  });
});

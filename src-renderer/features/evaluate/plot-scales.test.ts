import { describe, expect, it } from 'vitest';
import {
  bands,
  extent,
  groupedBands,
  linearScale,
  linePath,
  niceTicks,
  plotSummary,
  whisker,
} from './plot-scales.ts';

describe('plot scales', () => {
  it('maps a domain linearly, also inverted (SVG y grows downwards)', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect([y(0), y(5), y(10)]).toEqual([200, 100, 0]);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it('picks round ticks that cover the values', () => {
    expect(niceTicks(0, 10, 5)).toEqual({ ticks: [0, 2, 4, 6, 8, 10], domain: [0, 10] });
    const elo = niceTicks(953, 1047, 4);
    expect(elo.ticks[0]).toBeLessThanOrEqual(953);
    expect(elo.ticks.at(-1)).toBeGreaterThanOrEqual(1047);
    expect(elo.ticks).toEqual([950, 1000, 1050]);
    // A single value still gets a span; nothing finite gives a unit domain.
    expect(niceTicks(1000, 1000).domain[0]).toBeLessThan(1000);
    expect(niceTicks(Number.NaN, 1)).toEqual({ ticks: [0, 1], domain: [0, 1] });
  });

  it('lays bands inside the width, groups of bars inside their band', () => {
    const b = bands(4, 400, 0.25);
    expect(b).toHaveLength(4);
    expect(b[0]).toEqual({ x: 12.5, width: 75 });
    expect((b[3]?.x ?? 0) + (b[3]?.width ?? 0)).toBeCloseTo(387.5);
    const g = groupedBands(2, 3, 200);
    expect(g.map((group) => group.length)).toEqual([2, 3].map(() => 3));
    for (const group of g) {
      for (let i = 1; i < group.length; i++)
        expect(group[i]!.x).toBeGreaterThan(group[i - 1]!.x + group[i - 1]!.width - 1e-9);
    }
    expect(bands(0, 100)).toEqual([]);
  });

  it('draws a whisker of ± sd, none without spread', () => {
    const y = linearScale([900, 1100], [200, 0]);
    expect(whisker(1000, 50, y)).toEqual({ top: 50, bottom: 150 });
    expect(whisker(1000, 0, y)).toBeNull();
    expect(whisker(1000, null, y)).toBeNull();
  });

  it('breaks a line at missing points', () => {
    expect(linePath([{ x: 0, y: 1 }, { x: 10, y: 2 }, null, { x: 30, y: 4 }])).toBe(
      'M0.0,1.0L10.0,2.0M30.0,4.0',
    );
    expect(linePath([])).toBe('');
  });

  it('finds the extent of measured values and says what a plot shows in words', () => {
    expect(extent([null, 3, undefined, -1, Number.NaN])).toEqual([-1, 3]);
    expect(extent([null])).toBeNull();
    expect(
      plotSummary(
        [
          { label: 'full', values: [{ name: 'ELO', value: 1064.2, sd: 12.5 }] },
          { label: 'no-graph', values: [{ name: 'ELO', value: null }] },
        ],
        0,
      ),
    ).toBe('full: ELO 1064 ± 13; no-graph: ELO not measured');
  });
});

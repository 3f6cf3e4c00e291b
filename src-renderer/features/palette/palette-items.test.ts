import { describe, expect, it } from 'vitest';
import { matchItems, nextActive, type PaletteGroup, type PaletteItem } from './palette-items.ts';

const item = (group: PaletteGroup, label: string, detail = ''): PaletteItem => ({
  id: `${group}:${label}`,
  group,
  label,
  detail,
  run: () => undefined,
});

describe('command palette matching', () => {
  const items = [
    item('Ideas', 'Graph-grounded ideation', 'LLM research'),
    item('Nodes', 'Scientific idea generation', 'Problem'),
    item('Sections', 'Ideate'),
    item('Sections', 'Graph'),
    item('Actions', 'Open the welcome', 'setup model'),
  ];

  it('keeps entries holding every word (label or detail), sections before actions, nodes, ideas', () => {
    expect(matchItems(items, 'graph').map((i) => i.label)).toEqual(['Graph', 'Graph-grounded ideation']);
    expect(matchItems(items, 'ide').map((i) => i.group)).toEqual(['Sections', 'Nodes', 'Ideas']);
    expect(matchItems(items, 'setup model').map((i) => i.label)).toEqual(['Open the welcome']);
    expect(matchItems(items, 'nothing like this')).toEqual([]);
    expect(matchItems(items, '')).toHaveLength(items.length);
  });

  it('caps each group, so a thousand nodes cannot push the sections and ideas out', () => {
    const many = Array.from({ length: 1000 }, (_, i) => item('Nodes', `idea node ${i}`));
    const shown = matchItems([...many, ...items], 'idea', 5);
    expect(shown.filter((i) => i.group === 'Nodes')).toHaveLength(5);
    expect(shown.some((i) => i.group === 'Ideas')).toBe(true);
  });

  // [key, active, count, next]: the list wraps round at both ends, unlike a plain list's arrows.
  it.each([
    ['ArrowDown', 2, 3, 0],
    ['ArrowUp', 0, 3, 2],
    ['End', 0, 3, 2],
    ['Home', 2, 3, 0],
    ['a', 1, 3, null],
    ['ArrowDown', 0, 0, null],
  ] as const)('%s from %i of %i entries goes to %s', (key, active, count, next) => {
    expect(nextActive(key, active, count)).toBe(next);
  });
});

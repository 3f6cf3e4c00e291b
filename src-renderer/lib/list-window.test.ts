import { describe, expect, it } from 'vitest';
import { lineForKey, listWindow, scrollToShow } from './list-window.ts';

describe('listWindow', () => {
  it('draws only the viewport plus overscan of 10,000 lines', () => {
    const w = listWindow(40_000, 600, 40, 10_000, 5);
    expect(w).toEqual({ start: 995, end: 1021, offset: 39_800, total: 400_000 });
  });
  it('clamps at both ends', () => {
    expect(listWindow(-50, 600, 40, 3, 5)).toEqual({ start: 0, end: 3, offset: 0, total: 120 });
    expect(listWindow(1e9, 600, 40, 100, 5).end).toBe(100);
  });
});

describe('scrollToShow', () => {
  it('scrolls up or down just enough to show a line, and not at all when it is visible', () => {
    expect(scrollToShow(2, 400, 200, 40)).toBe(80);
    expect(scrollToShow(20, 400, 200, 40)).toBe(640);
    expect(scrollToShow(12, 400, 200, 40)).toBe(400);
  });
});

describe('lineForKey', () => {
  it('moves by one, by a page and to the ends, staying inside the list', () => {
    expect(lineForKey('ArrowDown', 0, 3, 10)).toBe(1);
    expect(lineForKey('ArrowDown', 2, 3, 10)).toBe(2);
    expect(lineForKey('ArrowUp', 0, 3, 10)).toBe(0);
    expect(lineForKey('PageDown', 5, 5_000, 12)).toBe(17);
    expect(lineForKey('PageDown', 4_995, 5_000, 12)).toBe(4_999);
    expect(lineForKey('PageUp', 5, 5_000, 12)).toBe(0);
    expect(lineForKey('End', 0, 3, 10)).toBe(2);
    expect(lineForKey('Home', 2, 3, 10)).toBe(0);
  });
  it('ignores other keys and empty lists', () => {
    expect(lineForKey('a', 0, 3, 10)).toBeNull();
    expect(lineForKey('ArrowDown', 0, 0, 10)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { memoEntry } from './memo-entry.ts';

describe('memoEntry', () => {
  it('makes a missing entry once and hands back the kept one after, in a Map and a WeakMap', () => {
    let made = 0;
    const make = (): string[] => {
      made += 1;
      return [];
    };
    const map = new Map<string, string[]>();
    const first = memoEntry(map, 'a', make);
    first.push('x');
    expect(memoEntry(map, 'a', make)).toBe(first);
    expect(map.get('a')).toEqual(['x']);
    const weak = new WeakMap<object, string[]>();
    const owner = {};
    expect(memoEntry(weak, owner, make)).toBe(memoEntry(weak, owner, make));
    expect(made).toBe(2);
  });
});

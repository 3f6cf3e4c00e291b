import { describe, expect, it } from 'vitest';
import { FILE_KINDS, isFileKind } from './preload-channels.ts';

describe('the window’s file dialog kinds', () => {
  it('names only the kinds listed, never an inherited key or another type', () => {
    expect(isFileKind('gguf')).toBe(true);
    expect(FILE_KINDS.gguf.extensions).toEqual(['gguf']);
    for (const bad of ['__proto__', 'toString', 'constructor', 'exe', '', 1, null, { kind: 'gguf' }]) {
      expect(isFileKind(bad)).toBe(false);
    }
  });
});

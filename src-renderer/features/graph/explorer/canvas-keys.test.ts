import { describe, expect, it } from 'vitest';
import { canvasKeyAction } from './canvas-keys.ts';

describe('canvas keys', () => {
  it('pan by a tenth of the view, smaller when zoomed in', () => {
    expect(canvasKeyAction('ArrowRight', 1)).toEqual({ kind: 'pan', dx: 0.1, dy: 0 });
    expect(canvasKeyAction('ArrowLeft', 0.5)).toEqual({ kind: 'pan', dx: -0.05, dy: 0 });
    expect(canvasKeyAction('ArrowUp', 1)).toEqual({ kind: 'pan', dx: 0, dy: 0.1 });
    expect(canvasKeyAction('ArrowDown', 1)).toEqual({ kind: 'pan', dx: 0, dy: -0.1 });
  });
  it('zoom, reset and expand; other keys are left alone', () => {
    expect(canvasKeyAction('+', 1)).toEqual({ kind: 'zoom-in' });
    expect(canvasKeyAction('=', 1)).toEqual({ kind: 'zoom-in' });
    expect(canvasKeyAction('-', 1)).toEqual({ kind: 'zoom-out' });
    expect(canvasKeyAction('0', 1)).toEqual({ kind: 'reset' });
    expect(canvasKeyAction('E', 1)).toEqual({ kind: 'expand' });
    expect(canvasKeyAction('Tab', 1)).toBeNull();
    expect(canvasKeyAction('a', 1)).toBeNull();
  });
});

/**
 * The picture by keyboard: arrows pan (by a tenth of the view, so the step shrinks as you zoom in), + and - zoom,
 * 0 shows everything again, E expands the selected node. What a key does, without sigma (ExplorerCanvas applies it).
 */
export type CanvasKeyAction =
  | { kind: 'pan'; dx: number; dy: number }
  | { kind: 'zoom-in' }
  | { kind: 'zoom-out' }
  | { kind: 'reset' }
  | { kind: 'expand' };

const PAN_STEP = 0.1;

export function canvasKeyAction(key: string, ratio: number): CanvasKeyAction | null {
  const step = PAN_STEP * ratio;
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'pan', dx: -step, dy: 0 };
    case 'ArrowRight':
      return { kind: 'pan', dx: step, dy: 0 };
    case 'ArrowUp':
      return { kind: 'pan', dx: 0, dy: step };
    case 'ArrowDown':
      return { kind: 'pan', dx: 0, dy: -step };
    case '+':
    case '=':
      return { kind: 'zoom-in' };
    case '-':
    case '_':
      return { kind: 'zoom-out' };
    case '0':
      return { kind: 'reset' };
    case 'e':
    case 'E':
      return { kind: 'expand' };
    default:
      return null;
  }
}

/**
 * Which lines of a long list are drawn: those in the viewport plus `overscan` on each side. Every line has the
 * same height, so the window is arithmetic and the list's height is `count × lineHeight` (a spacer holds it).
 */
export interface ListWindow {
  start: number;
  end: number;
  /** Pixels above the first drawn line. */
  offset: number;
  total: number;
}

export function listWindow(
  scrollTop: number,
  viewportHeight: number,
  lineHeight: number,
  count: number,
  overscan = 8,
): ListWindow {
  const first = Math.floor(Math.max(0, scrollTop) / lineHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / lineHeight) + 1;
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offset: start * lineHeight, total: count * lineHeight };
}

/** The scrollTop that brings line `index` into view (unchanged when it already is). */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  lineHeight: number,
): number {
  const top = index * lineHeight;
  if (top < scrollTop) return top;
  if (top + lineHeight > scrollTop + viewportHeight) return top + lineHeight - viewportHeight;
  return scrollTop;
}

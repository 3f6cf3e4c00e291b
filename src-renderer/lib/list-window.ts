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

/**
 * The line a navigation key moves to from `index` in a list of `count` lines: arrows by one, PageUp/PageDown by
 * `page`, Home/End to the ends, clamped; null for any other key (or an empty list).
 */
export function lineForKey(key: string, index: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const moves: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    PageDown: index + page,
    PageUp: index - page,
    Home: 0,
    End: count - 1,
  };
  const target = moves[key];
  return target === undefined ? null : Math.max(0, Math.min(count - 1, target));
}

/** One entry of the command palette: a section, an action, a graph node or an idea. */
export type PaletteGroup = 'Sections' | 'Actions' | 'Nodes' | 'Ideas';

export interface PaletteItem {
  id: string;
  group: PaletteGroup;
  label: string;
  /** Shown dimmed after the label, and searched too (a node's kind, an idea's topic). */
  detail: string;
  run: () => void;
}

const GROUP_ORDER: readonly PaletteGroup[] = ['Sections', 'Actions', 'Nodes', 'Ideas'];

const words = (query: string): string[] => query.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * The entries that hold every word of the query (in label or detail), grouped in a fixed order; within a group,
 * labels that start with the query come first. `perGroup` caps each group so one cannot crowd out the others.
 */
export function matchItems(items: readonly PaletteItem[], query: string, perGroup = 8): PaletteItem[] {
  const wanted = words(query);
  const head = query.trim().toLowerCase();
  const holds = (item: PaletteItem): boolean => {
    const text = `${item.label} ${item.detail}`.toLowerCase();
    return wanted.every((w) => text.includes(w));
  };
  const startsFirst = (a: PaletteItem, b: PaletteItem): number =>
    Number(b.label.toLowerCase().startsWith(head)) - Number(a.label.toLowerCase().startsWith(head));
  return GROUP_ORDER.flatMap((group) =>
    items
      .filter((item) => item.group === group && holds(item))
      .sort(startsFirst)
      .slice(0, perGroup),
  );
}

/** The next active index for ArrowUp/ArrowDown/Home/End over `count` entries (wrapping), or null for other keys. */
export function nextActive(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown') return (active + 1) % count;
  if (key === 'ArrowUp') return (active - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/** The CLI's one text table: left-aligned columns two spaces apart, a header line, no trailing blanks. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** A table of standings in rank order: a `#` column (1, 2, …) before each item's cells. */
export function rankedTable<Item>(
  header: string[],
  items: readonly Item[],
  cells: (item: Item) => string[],
): string {
  return table(
    ['#', ...header],
    items.map((item, i) => [String(i + 1), ...cells(item)]),
  );
}

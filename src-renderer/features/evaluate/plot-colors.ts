/** Series colours of the Evaluate plots: distinct in light and dark themes, in a fixed order. */
export const SERIES_COLORS = ['#4c6ef5', '#f76707', '#37b24d', '#ae3ec9', '#1098ad', '#f03e3e'] as const;

export const seriesColor = (index: number): string =>
  SERIES_COLORS[index % SERIES_COLORS.length] ?? '#4c6ef5';

import type { PerformanceTable, TableRow } from './dataset-schema.ts';

/** Sorting and charting of the survey's performance tables. "Not reported" always sorts last. */

export type SortKey = 'method' | 'baseModel' | 'date' | `col:${string}`;
export type SortDir = 'asc' | 'desc';

export function cellValue(row: TableRow, column: string): number | null {
  return row.cells.find((c) => c.column === column)?.value ?? null;
}

export function sortRows(rows: readonly TableRow[], key: SortKey, dir: SortDir): TableRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const text = (r: TableRow): string =>
    key === 'method' ? r.method.toLowerCase() : key === 'baseModel' ? r.baseModel.toLowerCase() : r.dateKey;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      if (key.startsWith('col:')) {
        const column = key.slice(4);
        const va = cellValue(a.row, column);
        const vb = cellValue(b.row, column);
        if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
        return (va - vb) * sign || a.index - b.index;
      }
      return text(a.row).localeCompare(text(b.row)) * sign || a.index - b.index;
    })
    .map((x) => x.row);
}

export interface ChartPoint {
  rowId: string;
  label: string;
  x: number;
  y: number;
  value: number;
  date: string;
  finetune: boolean;
}

export interface ChartTick {
  pos: number;
  label: string;
}

export interface ChartModel {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  points: ChartPoint[];
  xTicks: ChartTick[];
  yTicks: ChartTick[];
  /** Rows without a reported value for the column (not plotted). */
  missing: number;
}

/** Months since year 0, so dates are evenly spaced. */
function monthIndex(dateKey: string): number {
  const [y = '0', m = '1'] = dateKey.split('-');
  return Number(y) * 12 + Number(m) - 1;
}

/** Score (y) by publication date (x) for one column; finetuned and not finetuned rows told apart. */
export function chartModel(table: PerformanceTable, column: string, width = 560, height = 260): ChartModel {
  const plot = { left: 44, top: 12, right: width - 12, bottom: height - 32 };
  const rows = table.rows.filter((r) => cellValue(r, column) !== null);
  const months = rows.map((r) => monthIndex(r.dateKey));
  const minM = Math.min(...months);
  const maxM = Math.max(...months);
  const span = Math.max(1, maxM - minM);
  const values = rows.map((r) => cellValue(r, column) ?? 0);
  const maxV = Math.max(0, ...values);
  const yStep = maxV > 50 ? 20 : 10;
  const top = Math.max(yStep, Math.ceil(maxV / yStep) * yStep);
  const xOf = (m: number) => plot.left + ((m - minM) / span) * (plot.right - plot.left);
  const yOf = (v: number) => plot.bottom - (v / top) * (plot.bottom - plot.top);
  const points = rows.map((r) => {
    const value = cellValue(r, column) ?? 0;
    return {
      rowId: r.id,
      label: `${r.method} (${r.baseModel})`,
      x: xOf(monthIndex(r.dateKey)),
      y: yOf(value),
      value,
      date: r.date,
      finetune: r.finetune,
    };
  });
  const xTicks: ChartTick[] = [];
  if (rows.length > 0) {
    const step = span > 24 ? 6 : span > 8 ? 3 : 1;
    for (let m = minM - (minM % step); m <= maxM; m += step) {
      if (m >= minM) xTicks.push({ pos: xOf(m), label: `${Math.floor(m / 12)}/${(m % 12) + 1}` });
    }
  }
  const yTicks: ChartTick[] = [];
  for (let v = 0; v <= top; v += yStep) yTicks.push({ pos: yOf(v), label: String(v) });
  return { width, height, plot, points, xTicks, yTicks, missing: table.rows.length - rows.length };
}

/** Mean reported value per group (finetuned vs not), for the chart's summary line. */
export function meanByFinetune(
  table: PerformanceTable,
  column: string,
): { finetuned: number | null; not: number | null } {
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const pick = (ft: boolean) =>
    table.rows
      .filter((r) => r.finetune === ft)
      .map((r) => cellValue(r, column))
      .filter((v): v is number => v !== null);
  return { finetuned: mean(pick(true)), not: mean(pick(false)) };
}

/** 'Mind2Web: 46.6%; WebArena: not reported; …' for one row. */
export function describeScores(table: PerformanceTable, row: TableRow): string {
  return table.columns
    .map((column) => {
      const cell = row.cells.find((c) => c.column === column.key);
      if (!cell || cell.status === 'not-reported') return `${column.label}: not reported`;
      if (cell.status === 'obscured' || cell.value === null) return `${column.label}: obscured in source`;
      return `${column.label}: ${cell.value.toFixed(1)}${column.unit === 'percent' ? '%' : ''}`;
    })
    .join('; ');
}

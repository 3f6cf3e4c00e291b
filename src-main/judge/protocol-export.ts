import type { ProtocolRunSchema } from '../contract/protocol.ts';
import type { z } from 'zod';

/**
 * A run's table as CSV (one row per setting, mean and sd in their own columns, cost per idea in USD) or the
 * whole run as JSON. Cells that start like a formula are quoted with a leading apostrophe, so a setting name
 * cannot run in a spreadsheet.
 */

type Run = z.output<typeof ProtocolRunSchema>;
type Row = Run['table'][number];

const STATS = ['novelty', 'experiment', 'motivation', 'feasibility', 'clarity', 'eloAverage'] as const;

export const CSV_COLUMNS = [
  'setting',
  'ideas',
  ...STATS.flatMap((s) => [`${s}_mean`, `${s}_sd`]),
  'paper_mean',
  'diversity',
  'mean_length_words',
  'tokens_per_idea',
  'cost_per_idea_usd',
] as const;

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(row: Row): string[] {
  return [
    cell(row.setting),
    cell(row.ideas),
    ...STATS.flatMap((s) => [cell(row[s]?.mean ?? null), cell(row[s]?.sd ?? null)]),
    cell(row.paperMean),
    cell(row.diversity),
    cell(row.meanLength),
    cell(row.tokensPerIdea),
    cell(row.costPerIdea),
  ];
}

export function exportRun(
  run: Run,
  format: 'csv' | 'json',
): { filename: string; mime: string; content: string } {
  const base = `protocol-${run.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}-${run.id.slice(0, 8)}`;
  if (format === 'json') {
    return {
      filename: `${base}.json`,
      mime: 'application/json',
      content: `${JSON.stringify(run, null, 2)}\n`,
    };
  }
  const lines = [CSV_COLUMNS.join(','), ...run.table.map((row) => csvRow(row).join(','))];
  return { filename: `${base}.csv`, mime: 'text/csv', content: `${lines.join('\n')}\n` };
}

import type { ResponseOf } from '../../../src-main/contract/index.ts';
import { DIMENSION_LABELS, DIMENSIONS, formatUsd } from './leaderboard.ts';

/** The paper's table shape for a protocol run: one row per setting, cells as text ("8.4 ± 0.3"). Pure. */

export type ProtocolRun = ResponseOf<'protocol.get'>;
export type ProtocolRow = ProtocolRun['table'][number];
type MeanSd = NonNullable<ProtocolRow['novelty']>;

export function formatMeanSd(value: MeanSd | null, digits = 2): string {
  if (value === null || !Number.isFinite(value.mean)) return '—';
  const mean = value.mean.toFixed(digits);
  return value.n > 1 && Number.isFinite(value.sd) ? `${mean} ± ${value.sd.toFixed(digits)}` : mean;
}

const fixed = (value: number | null, digits: number): string =>
  value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);

interface TableColumn {
  key: string;
  label: string;
  title?: string;
  cell: (row: ProtocolRow) => string;
}

type NumberKey = {
  [K in keyof ProtocolRow]: ProtocolRow[K] extends number | null ? K : never;
}[keyof ProtocolRow];

/** A column of one plain number per row, shown with `digits` decimals ("—" when not measured). */
const fixedColumn = (
  key: NumberKey,
  label: string,
  title: string | undefined,
  digits: number,
): TableColumn => ({
  key,
  label,
  ...(title ? { title } : {}),
  cell: (r) => fixed(r[key], digits),
});

export const TABLE_COLUMNS: TableColumn[] = [
  { key: 'setting', label: 'Setting', cell: (r) => r.setting },
  { key: 'ideas', label: 'Ideas', cell: (r) => String(r.ideas) },
  ...DIMENSIONS.map((d): TableColumn => ({
    key: d,
    label: DIMENSION_LABELS[d],
    cell: (r) => formatMeanSd(r[d]),
  })),
  fixedColumn('paperMean', 'N/E/M', "The paper's mean of novelty, experiment and motivation", 2),
  {
    key: 'eloAverage',
    label: 'ELO',
    title: 'Mean ELO of the setting’s ideas, mean ± sd over seeds',
    cell: (r) => formatMeanSd(r.eloAverage, 0),
  },
  fixedColumn('diversity', 'Diversity', '1 − mean pairwise cosine (MiniLM)', 3),
  fixedColumn('meanLength', 'Length', 'Mean idea length in words', 0),
  fixedColumn('tokensPerIdea', 'Tokens/idea', undefined, 0),
  {
    key: 'costPerIdea',
    label: 'Cost/idea',
    cell: (r) => (r.costPerIdea === null ? (r.ideas > 0 ? 'no price' : '—') : formatUsd(r.costPerIdea)),
  },
];

export const STAGE_LABELS: Record<ProtocolRun['progress']['stage'], string> = {
  ideate: 'Generating ideas (sessions)',
  judge: 'Scoring ideas',
  tournament: 'Tournament pairs',
  diversity: 'Diversity (topics)',
};

export const isActive = (state: ProtocolRun['state']): boolean => state === 'running';
/** A run that stopped before its end can go on from where it stopped. */
export const canResume = (state: ProtocolRun['state']): boolean =>
  state === 'cancelled' || state === 'failed' || state === 'interrupted';

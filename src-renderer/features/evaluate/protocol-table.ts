import type { ResponseOf } from '../../../src-main/contract/index.ts';
import { formatUsd } from './leaderboard.ts';

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

export const TABLE_COLUMNS: {
  key: string;
  label: string;
  title?: string;
  cell: (row: ProtocolRow) => string;
}[] = [
  { key: 'setting', label: 'Setting', cell: (r) => r.setting },
  { key: 'ideas', label: 'Ideas', cell: (r) => String(r.ideas) },
  { key: 'novelty', label: 'Novelty', cell: (r) => formatMeanSd(r.novelty) },
  { key: 'experiment', label: 'Experiment', cell: (r) => formatMeanSd(r.experiment) },
  { key: 'motivation', label: 'Motivation', cell: (r) => formatMeanSd(r.motivation) },
  { key: 'feasibility', label: 'Feasibility', cell: (r) => formatMeanSd(r.feasibility) },
  { key: 'clarity', label: 'Clarity', cell: (r) => formatMeanSd(r.clarity) },
  {
    key: 'paperMean',
    label: 'N/E/M',
    title: "The paper's mean of novelty, experiment and motivation",
    cell: (r) => fixed(r.paperMean, 2),
  },
  {
    key: 'eloAverage',
    label: 'ELO',
    title: 'Mean ELO of the setting’s ideas, mean ± sd over seeds',
    cell: (r) => formatMeanSd(r.eloAverage, 0),
  },
  {
    key: 'diversity',
    label: 'Diversity',
    title: '1 − mean pairwise cosine (MiniLM)',
    cell: (r) => fixed(r.diversity, 3),
  },
  {
    key: 'meanLength',
    label: 'Length',
    title: 'Mean idea length in words',
    cell: (r) => fixed(r.meanLength, 0),
  },
  { key: 'tokensPerIdea', label: 'Tokens/idea', cell: (r) => fixed(r.tokensPerIdea, 0) },
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

import type { ResponseOf } from '../../../src-main/contract/index.ts';
import type { EvalIdea } from './evaluate-topics.ts';

/**
 * The leaderboard of one topic: each written idea with its newest direct scores, its LLM ELO from the last
 * tournament and its human ELO, ranked by LLM ELO (then the paper's N/E/M mean, then title). Pure.
 */

export type DirectScore = ResponseOf<'judge.score'>['scores'][number];
export type TournamentResult = ResponseOf<'judge.tournament'>;

export const DIMENSIONS = ['novelty', 'experiment', 'motivation', 'feasibility', 'clarity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  novelty: 'Novelty',
  experiment: 'Experiment',
  motivation: 'Motivation',
  feasibility: 'Feasibility',
  clarity: 'Clarity',
};

/** The scores a row shows: per dimension 0–10 and the paper's N/E/M mean. */
export interface RowScores {
  values: Record<Dimension, number>;
  paperMean: number;
  model: string;
}

export interface LeaderboardRow {
  rank: number;
  ideaId: string;
  title: string;
  scores: RowScores | null;
  llmElo: number | null;
  humanElo: number | null;
}

function rowScores(values: Record<Dimension, number>, model: string): RowScores {
  return { values, paperMean: (values.novelty + values.experiment + values.motivation) / 3, model };
}

export function scoresOfReply(score: DirectScore): RowScores {
  const values = Object.fromEntries(DIMENSIONS.map((d) => [d, score.scores[d].score])) as Record<
    Dimension,
    number
  >;
  return rowScores(values, score.model);
}

type IdeaEvaluation = ResponseOf<'ideas.evaluation'>['ideas'][number];

/** The leaderboard's figures from `ideas.evaluation`: newest direct scores, stored tournament ELO, human ELO. */
export function evaluationMaps(ideas: readonly IdeaEvaluation[]): {
  scores: ReadonlyMap<string, RowScores>;
  llmElo: ReadonlyMap<string, number>;
  humanElo: ReadonlyMap<string, number>;
  comparability: string | null;
} {
  const pick = <T>(value: (idea: IdeaEvaluation) => T | null | undefined): ReadonlyMap<string, T> =>
    new Map(
      ideas.flatMap((idea) => {
        const v = value(idea);
        return v === null || v === undefined ? [] : [[idea.ideaId, v] as const];
      }),
    );
  return {
    scores: pick((i) => (i.direct ? scoresOfReply(i.direct) : null)),
    llmElo: pick((i) => i.tournament?.eloAverage),
    humanElo: pick((i) => i.humanElo.overall),
    comparability: ideas.find((i) => i.direct)?.direct?.comparability ?? null,
  };
}

export function leaderboardRows(
  ideas: readonly EvalIdea[],
  scores: ReadonlyMap<string, RowScores>,
  llmElo: ReadonlyMap<string, number>,
  humanElo: ReadonlyMap<string, number>,
): LeaderboardRow[] {
  const rows = ideas.map((idea) => ({
    rank: 0,
    ideaId: idea.ideaId,
    title: idea.title,
    scores: scores.get(idea.ideaId) ?? null,
    llmElo: llmElo.get(idea.ideaId) ?? null,
    humanElo: humanElo.get(idea.ideaId) ?? null,
  }));
  const desc = (a: number | null, b: number | null): number => (b ?? -Infinity) - (a ?? -Infinity);
  rows.sort(
    (a, b) =>
      desc(a.llmElo, b.llmElo) ||
      desc(a.scores?.paperMean ?? null, b.scores?.paperMean ?? null) ||
      a.title.localeCompare(b.title),
  );
  return rows.map((row, index) => ({ ...row, rank: index + 1 }));
}

/** What the leaderboard says about the tournament its LLM ELO comes from. */
export interface TournamentInfo {
  seed: number;
  rounds: number;
  k: number;
  createdAt: string;
}

/** Average ELO per idea from a tournament's standings. */
export function eloOf(tournament: Pick<TournamentResult, 'standings'>): ReadonlyMap<string, number> {
  return new Map(tournament.standings.map((s) => [s.id, s.eloAverage]));
}

export const formatScore = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(1);

export const formatElo = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : String(Math.round(value));

/** Dollars with enough digits to show cents of a cent (judge calls are cheap); null: the model has no price. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no price';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** 0–100: the share of a tournament's pairs judged so far. */
export function progressPercent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

export const NO_VALUES: ReadonlyMap<string, never> = new Map<string, never>();

/** The scores known so far with the replies of a `judge.score` request laid over them. */
export function withReplies(
  known: ReadonlyMap<string, RowScores>,
  replies: readonly DirectScore[],
): ReadonlyMap<string, RowScores> {
  return new Map([...known, ...replies.map((s) => [s.ideaId, scoresOfReply(s)] as const)]);
}

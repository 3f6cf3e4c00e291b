import type { ProtocolRunSchema } from '../contract/protocol.ts';
import type { z } from 'zod';
import { DIMENSIONS } from './dimensions.ts';
import type { DirectScore } from './direct-score.ts';
import { eloAfterEachRound, meanSd, methodElo } from './elo-stats.ts';
import type { StoredTournament } from './judgment-store.ts';

/**
 * The paper's table from a finished run's parts: per setting its ideas' direct scores (mean ± sd), its ELO (the
 * mean of its ideas' average ELO in each seed's tournaments, then mean ± sd over seeds), diversity and length,
 * and tokens and cost per idea (its sessions, its ideas' direct scores and half of each pairwise judgment its
 * ideas took part in). Plus the mean ELO after each round for the "score vs rounds" plot.
 */

type Run = z.output<typeof ProtocolRunSchema>;
export type ProtocolTableRow = Run['table'][number];
export type ProtocolResults = Pick<
  Run,
  'table' | 'eloByRound' | 'comparability' | 'judgeModel' | 'rubricVersion'
>;

export interface SettingMeasures {
  setting: string;
  ideaIds: string[];
  scores: DirectScore[];
  diversity: number | null;
  meanLength: number | null;
  /** Ideation and judging spent on this setting's ideas. */
  tokens: number;
  costUsd: number;
  /** A model on this setting's path has no price: its cost per idea is unknown. */
  unpriced: boolean;
}

export interface TableInput {
  settings: SettingMeasures[];
  /** Every stored tournament of the run (all topics and seeds). */
  tournaments: StoredTournament[];
  seeds: number[];
  comparability: string | null;
  judgeModel: string | null;
  rubricVersion: string | null;
}

const mean = (values: readonly number[]): number | null => meanSd(values)?.mean ?? null;

function settingElo(input: TableInput, ids: ReadonlySet<string>): ProtocolTableRow['eloAverage'] {
  // Per seed: the mean ELO of the setting's ideas over every topic's tournament with that seed.
  const perSeed = input.seeds.flatMap((seed) => {
    const standings = input.tournaments.filter((t) => t.seed === seed).flatMap((t) => t.standings);
    return methodElo(standings, ids) ?? [];
  });
  return meanSd(perSeed);
}

function row(input: TableInput, s: SettingMeasures): ProtocolTableRow {
  const ids = new Set(s.ideaIds);
  const dimension = Object.fromEntries(
    DIMENSIONS.map((d) => [d, meanSd(s.scores.map((score) => score.scores[d].score))]),
  ) as Record<(typeof DIMENSIONS)[number], ProtocolTableRow['novelty']>;
  const paper = [dimension.novelty, dimension.experiment, dimension.motivation];
  const ideas = s.ideaIds.length;
  return {
    setting: s.setting,
    ideas,
    ...dimension,
    paperMean: paper.every((m) => m !== null) ? (mean(paper.map((m) => m?.mean ?? 0)) ?? null) : null,
    eloAverage: settingElo(input, ids),
    diversity: s.diversity,
    meanLength: s.meanLength,
    tokensPerIdea: ideas === 0 ? null : s.tokens / ideas,
    costPerIdea: ideas === 0 || s.unpriced ? null : s.costUsd / ideas,
  };
}

/** Per setting, the mean ELO of its ideas after each round, averaged over every (topic, seed) tournament. */
function eloByRound(input: TableInput): ProtocolResults['eloByRound'] {
  const replays = input.tournaments.map((t) => eloAfterEachRound(t.ideaIds, t.history, t.k));
  const rounds = Math.max(0, ...replays.map((r) => r.length));
  return input.settings.map((s) => {
    const ids = new Set(s.ideaIds);
    const elo = Array.from({ length: rounds }, (_, r) => {
      const perTournament = replays.flatMap((replay) => {
        const after = replay[r];
        if (!after) return [];
        return mean([...after].filter(([id]) => ids.has(id)).map(([, rating]) => rating)) ?? [];
      });
      return mean(perTournament) ?? 0;
    });
    return { setting: s.setting, elo };
  });
}

export function buildResults(input: TableInput): ProtocolResults {
  return {
    table: input.settings.map((s) => row(input, s)),
    eloByRound: eloByRound(input),
    comparability: input.comparability,
    judgeModel: input.judgeModel,
    rubricVersion: input.rubricVersion,
  };
}

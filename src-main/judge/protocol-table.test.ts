import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from './dimensions.ts';
import type { DirectScore } from './direct-score.ts';
import type { StoredTournament } from './judgment-store.ts';
import type { PairOutcome } from './pairwise.ts';
import { buildResults } from './protocol-table.ts';
import type { SettingMeasures } from './protocol-table.ts';
import type { Standing } from './tournament.ts';

const perDimension = <T>(value: T): Record<(typeof DIMENSIONS)[number], T> =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, value])) as Record<(typeof DIMENSIONS)[number], T>;

const score = (ideaId: string, n: number): DirectScore => ({
  ideaId,
  scores: perDimension({ score: n, rationale: 'r' }),
  paperMean: n,
  rubricVersion: 'direct.v1',
  model: 'judge',
  promptHash: 'h',
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  reused: false,
  comparability: null,
});

const standing = (id: string, eloAverage: number): Standing => ({
  id,
  elo: perDimension(eloAverage),
  eloAverage,
  points: 0,
  byes: 0,
});

const win: PairOutcome = perDimension(1 as const);

/** One round: a beats b, c beats d (K 32 from 1000: ±16 each). */
const tournament = (
  seed: number,
  topic: string,
  ids: [string, string, string, string],
): StoredTournament => ({
  id: `${topic}:${seed}`,
  topic,
  seed,
  rounds: 1,
  k: 32,
  rubricVersion: 'pairwise.v1',
  model: 'judge',
  ideaIds: ids,
  standings: [standing(ids[0], 1016), standing(ids[1], 984), standing(ids[2], 1016), standing(ids[3], 984)],
  history: [
    {
      round: 1,
      pairs: [
        { first: ids[0], second: ids[1], outcome: win },
        { first: ids[2], second: ids[3], outcome: win },
      ],
      bye: null,
    },
  ],
  createdAt: '',
});

const setting = (name: string, ideaIds: string[], scores: number[]): SettingMeasures => ({
  setting: name,
  ideaIds,
  scores: ideaIds.map((id, i) => score(id, scores[i] ?? 0)),
  diversity: 0.4,
  meanLength: 120,
  tokens: 1000,
  costUsd: 0.5,
  unpriced: false,
});

describe("the paper's table from a run's parts", () => {
  it('gives scores as mean ± sd, ELO per seed then over seeds, per-idea cost, and ELO after each round', () => {
    // Seed 1: A's ideas a1, a2 win both topics' pairs; seed 2: they win one and lose one.
    const tournaments = [
      tournament(1, 'T1', ['a1', 'b1', 'x', 'y']),
      tournament(1, 'T2', ['a2', 'b2', 'x2', 'y2']),
      tournament(2, 'T1', ['a1', 'b1', 'x', 'y']),
      tournament(2, 'T2', ['b2', 'a2', 'x2', 'y2']),
    ];
    const results = buildResults({
      settings: [setting('A', ['a1', 'a2'], [8, 6]), setting('B', ['b1', 'b2'], [5, 5])],
      tournaments,
      seeds: [1, 2],
      comparability: 'not comparable',
      judgeModel: 'judge',
      rubricVersion: 'direct.v1, pairwise.v1',
    });
    const [a, b] = results.table;
    expect(a?.novelty).toEqual({ mean: 7, sd: Math.SQRT2, n: 2 });
    expect(a?.paperMean).toBe(7);
    // Seed 1: (1016 + 1016) / 2 = 1016; seed 2: (1016 + 984) / 2 = 1000 → mean 1008, sd √((64 + 64) / 1).
    expect(a?.eloAverage).toEqual({ mean: 1008, sd: Math.sqrt(128), n: 2 });
    expect(b?.eloAverage).toEqual({ mean: 992, sd: Math.sqrt(128), n: 2 });
    expect(a).toMatchObject({
      ideas: 2,
      diversity: 0.4,
      meanLength: 120,
      tokensPerIdea: 500,
      costPerIdea: 0.25,
    });
    // Replayed from the histories: after round 1, A averages 1016, 1016, 1016, 984 over the four tournaments.
    expect(results.eloByRound).toEqual([
      { setting: 'A', elo: [1008] },
      { setting: 'B', elo: [992] },
    ]);
    expect(results.comparability).toBe('not comparable');
  });

  it('leaves what was not measured as null, and an unpriced setting without a cost', () => {
    const empty = { ...setting('C', [], []), unpriced: true, diversity: null, meanLength: null };
    const results = buildResults({
      settings: [empty],
      tournaments: [],
      seeds: [1],
      comparability: null,
      judgeModel: null,
      rubricVersion: null,
    });
    expect(results.table[0]).toMatchObject({
      ideas: 0,
      novelty: null,
      paperMean: null,
      eloAverage: null,
      diversity: null,
      tokensPerIdea: null,
      costPerIdea: null,
    });
    expect(results.eloByRound).toEqual([{ setting: 'C', elo: [] }]);
  });
});

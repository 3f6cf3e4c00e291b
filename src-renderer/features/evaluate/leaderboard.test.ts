import { describe, expect, it } from 'vitest';
import {
  evaluationMaps,
  formatElo,
  formatScore,
  formatUsd,
  leaderboardRows,
  NO_VALUES,
  progressPercent,
} from './leaderboard.ts';

const dims = (n: number, e: number, m: number): Record<string, { score: number; rationale: string }> => ({
  novelty: { score: n, rationale: 'r' },
  experiment: { score: e, rationale: 'r' },
  motivation: { score: m, rationale: 'r' },
  feasibility: { score: 5, rationale: 'r' },
  clarity: { score: 5, rationale: 'r' },
});

type IdeaEvaluation = Parameters<typeof evaluationMaps>[0][number];

/** An idea's evaluation as `ideas.evaluation` sends it; only what a test names is set. */
function evaluated(
  ideaId: string,
  fields: { nem?: [number, number, number]; elo?: number; human?: number } = {},
): IdeaEvaluation {
  const direct = fields.nem && {
    ideaId,
    scores: dims(...fields.nem),
    paperMean: 0,
    rubricVersion: 'direct.v1',
    model: 'judge-model',
    promptHash: 'h',
    promptTokens: 1,
    completionTokens: 1,
    costUsd: 0,
    reused: true,
    comparability: 'not comparable to the paper',
    createdAt: 't',
  };
  const tournament =
    fields.elo === undefined ? null : { tournamentId: 't1', eloAverage: fields.elo, createdAt: 't' };
  return {
    ideaId,
    topic: 'topic',
    direct: direct ?? null,
    tournament,
    ratings: [],
    humanElo: { overall: fields.human ?? null, byRater: [] },
  } as unknown as IdeaEvaluation;
}

describe('leaderboard', () => {
  it("reads scores, LLM ELO and human ELO from the ideas' evaluations, leaving out what is missing", () => {
    const maps = evaluationMaps([
      evaluated('a', { nem: [9, 8, 7], elo: 1040 }),
      evaluated('b', { human: 990 }),
      evaluated('c'),
    ]);
    expect([...maps.scores.keys()]).toEqual(['a']);
    expect(maps.scores.get('a')).toMatchObject({ paperMean: 8, model: 'judge-model' });
    expect(maps.scores.get('a')?.values.feasibility).toBe(5);
    expect([...maps.llmElo]).toEqual([['a', 1040]]);
    expect([...maps.humanElo]).toEqual([['b', 990]]);
    expect(maps.comparability).toBe('not comparable to the paper');
    expect(evaluationMaps([evaluated('c')]).comparability).toBeNull();
  });

  it('ranks by LLM ELO, then the N/E/M mean, then title; unjudged ideas last', () => {
    const ideas = ['d', 'c', 'b', 'a'].map((id) => ({ ideaId: id, title: `Idea ${id}` }));
    const { scores } = evaluationMaps([
      evaluated('a', { nem: [9, 9, 9] }),
      evaluated('b', { nem: [2, 2, 2] }),
      evaluated('c', { nem: [5, 5, 5] }),
    ]);
    const byMean = leaderboardRows(ideas, scores, NO_VALUES, NO_VALUES);
    expect(byMean.map((r) => [r.rank, r.ideaId])).toEqual([
      [1, 'a'],
      [2, 'c'],
      [3, 'b'],
      [4, 'd'],
    ]);
    const elo = new Map([
      ['b', 1040],
      ['a', 990],
    ]);
    const byElo = leaderboardRows(ideas, scores, elo, new Map([['d', 1010]]));
    expect(byElo.map((r) => r.ideaId)).toEqual(['b', 'a', 'c', 'd']);
    expect(byElo[3]).toMatchObject({ humanElo: 1010, llmElo: null, scores: null });
  });

  it('formats missing figures as a dash, never as zero', () => {
    expect([formatScore(null), formatScore(Number.NaN), formatScore(7.25)]).toEqual(['—', '—', '7.3']);
    expect([formatElo(undefined), formatElo(1063.6)]).toEqual(['—', '1064']);
    expect([formatUsd(null), formatUsd(0), formatUsd(0.00042), formatUsd(1.234)]).toEqual([
      'no price',
      '$0',
      '$0.0004',
      '$1.23',
    ]);
  });

  it('clamps progress to 0–100 and treats an unknown total as not started', () => {
    expect([
      progressPercent(0, 0),
      progressPercent(3, 6),
      progressPercent(9, 6),
      progressPercent(-1, 6),
    ]).toEqual([0, 50, 100, 0]);
  });
});
